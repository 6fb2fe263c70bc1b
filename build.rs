//! Two build-time facts. The parser's identity: a hash of every source file,
//! of `Cargo.lock` (the decoders and converters the parser relies on) and of
//! the compiler's version, `QNAV_BUILD_ID`, which keys the persistent cache
//! (a cache written by any other build of qnav, whose parser may read the
//! same text otherwise, is never read). And for
//! the tests, whether `../shared` (the corpus, golden files and tools beside
//! the repository) is there. Tests that need
//! it are `#[cfg_attr(not(shared), ignore = "…")]`, so without it the test
//! runner lists them as ignored with the reason, instead of "ok" having
//! checked nothing. (Added `../shared` later? `touch build.rs`.)

fn main() {
    println!("cargo::rustc-env=QNAV_BUILD_ID={:016x}", sources_hash());
    println!("cargo::rerun-if-changed=src");
    println!("cargo::rerun-if-changed=Cargo.lock");
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

/// FNV-1a over the paths and bytes of every file under `src`, in sorted
/// order: any change to the code changes it.
fn sources_hash() -> u64 {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(std::path::Path::new("src"), &mut files);
    files.sort();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    files.push(std::path::PathBuf::from("Cargo.lock"));
    for f in files {
        eat(f.to_string_lossy().as_bytes());
        eat(&std::fs::read(&f).unwrap_or_default());
    }
    eat(env!("CARGO_PKG_VERSION").as_bytes());
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    if let Ok(out) = std::process::Command::new(rustc).arg("--version").output() {
        eat(&out.stdout);
    }
    h
}
