//! One build-time fact for the tests: whether `../shared` (the corpus,
//! golden files and tools beside the repository) is there. Tests that need
//! it are `#[cfg_attr(not(shared), ignore = "…")]`, so without it the test
//! runner lists them as ignored with the reason, instead of "ok" having
//! checked nothing. (Added `../shared` later? `touch build.rs`.)

fn main() {
    println!("cargo::rustc-check-cfg=cfg(shared)");
    let shared = std::path::Path::new("../shared");
    if shared.join("corpus").is_dir() && shared.join("golden").is_dir() {
        println!("cargo::rustc-cfg=shared");
        // Watched only where it exists: a missing path would make every
        // build run this again.
        println!("cargo::rerun-if-changed=../shared/corpus");
        println!("cargo::rerun-if-changed=../shared/golden");
    }
    println!("cargo::rerun-if-changed=build.rs");
}
