//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// `../shared` beside the repository, when it is there (CI and developer
/// machines have it; a plain clone may not, and the tests that need it skip).
pub fn shared_dir() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    p.is_dir().then_some(p)
}

pub fn repo_file(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Whitespace- and punctuation-spacing-insensitive form used for boundaries
/// (the same normalisation as `../shared/tools/golden-check`).
pub fn loose(s: &str) -> String {
    let folded = s
        .replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if matches!(c, '?' | '.' | ',' | ';' | ':' | '!' | ')') && out.ends_with(' ') {
            out.pop();
        }
        out.push(c);
    }
    out
}
