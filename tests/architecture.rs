//! The core never talks to the terminal: model, decoding, loading, parsing,
//! export and text hygiene import neither ratatui nor crossterm. (One crate,
//! so this test is what keeps the boundary.)

mod common;

fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn core_modules_do_not_import_the_terminal() {
    let src = common::repo_file("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let core: Vec<_> = files
        .iter()
        .filter(|p| {
            let rel = p.strip_prefix(&src).unwrap().to_string_lossy().to_string();
            !rel.starts_with("tui") && rel != "main.rs"
        })
        .collect();
    assert!(core.len() >= 8, "core modules found: {core:?}");
    for f in core {
        let text = std::fs::read_to_string(f).unwrap();
        // Paths into the crates, in code (doc comments may name them).
        for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for banned in ["ratatui", "crossterm"] {
                assert!(
                    !line.contains(banned),
                    "{} uses {banned}: {line}",
                    f.display()
                );
            }
        }
    }
}
