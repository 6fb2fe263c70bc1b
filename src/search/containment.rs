//! Documents said inside others: an excerpt of an interview (the TASS
//! excerpt inside the full TASS interview), a transcript saved twice.
//!
//! Told from the index's repeats (statements with the same words in the
//! same order), so it costs one pass over the statements said elsewhere:
//! a document is contained in another when nearly all of its statements
//! of some length are said there too, and the other says more.

use super::index::Index;
use crate::model::Document;

/// Statements shorter than this (in words) are left out of the count:
/// "Thank you." and "Good afternoon." are said everywhere.
pub const MIN_WORDS: usize = 5;
/// The share of a document's statements (of [`MIN_WORDS`] or more) another
/// must hold for it to be contained there: near-verbatim, an excerpt may
/// leave out or retouch a sentence here and there.
pub const CONTAINED_SHARE: f64 = 0.8;
/// A document needs this many such statements for the share to mean
/// anything.
pub const MIN_STATEMENTS: usize = 4;

/// For each document, the documents it is contained in (by position in
/// `docs`), largest share first.
pub fn contained_in(index: &Index, docs: &[Document]) -> Vec<Vec<usize>> {
    // Each document's statements that count: their number, and per other
    // document how many of them it says too.
    // (Words told by whitespace: only whether there are five matters, and
    // this looks at every statement of the corpus once.)
    let long: Vec<bool> = (0..index.len() as u32)
        .map(|s| {
            index
                .statement(s)
                .text(docs)
                .split_ascii_whitespace()
                .nth(MIN_WORDS - 1)
                .is_some()
        })
        .collect();
    let counted = |s: u32| long[s as usize];
    let sizes: Vec<usize> = (0..docs.len())
        .map(|d| index.document_range(d).filter(|&s| counted(s)).count())
        .collect();
    (0..docs.len())
        .map(|d| {
            let total = sizes[d];
            if total < MIN_STATEMENTS {
                return Vec::new();
            }
            let mut shared: Vec<(usize, usize)> = Vec::new();
            let mut places: Vec<usize> = Vec::new();
            for s in index.document_range(d) {
                let canon = index.canonical(s);
                let others = index.repeats_of(s);
                if others.is_empty() || !counted(s) {
                    continue;
                }
                places.clear();
                places.extend(
                    std::iter::once(&canon)
                        .chain(others)
                        .map(|&o| index.statement(o).doc as usize)
                        .filter(|&o| o != d),
                );
                places.sort_unstable();
                places.dedup();
                for &o in &places {
                    match shared.iter_mut().find(|(doc, _)| *doc == o) {
                        Some((_, n)) => *n += 1,
                        None => shared.push((o, 1)),
                    }
                }
            }
            let mut inside: Vec<(usize, usize)> = shared
                .into_iter()
                .filter(|&(o, n)| n as f64 >= CONTAINED_SHARE * total as f64 && sizes[o] > total)
                .collect();
            inside.sort_by_key(|&(o, n)| (std::cmp::Reverse(n), o));
            inside.into_iter().map(|(o, _)| o).collect()
        })
        .collect()
}
