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

/// A statement said in more documents than this is a formula ("Thank you
/// all for coming", a standing disclaimer), no sign that one document is
/// inside another: it is left out of the count, like a short one. (It also
/// keeps the work linear: each counted statement adds at most this many
/// places.)
pub const MAX_SPREAD: usize = 32;

/// For each document, the documents it is contained in (by position in
/// `docs`), largest share first.
pub fn contained_in(index: &Index, docs: &[Document]) -> Vec<Vec<usize>> {
    let n = index.len();
    // Per canonical statement said again: the documents that say it (in
    // order, once each), or none when more than `MAX_SPREAD` do. One pass
    // over each group of repeats, not one per member.
    let mut group_of: std::collections::HashMap<u32, std::ops::Range<u32>> =
        std::collections::HashMap::new();
    let mut group_docs: Vec<u32> = Vec::new();
    for s in 0..n as u32 {
        if index.canonical(s) != s {
            continue;
        }
        let others = index.repeats_of(s);
        if others.is_empty() {
            continue;
        }
        let from = group_docs.len();
        // Statement ids run in document order: a group's documents ascend.
        for &o in std::iter::once(&s).chain(others) {
            let doc = index.statement(o).doc;
            if group_docs.len() == from || group_docs.last() != Some(&doc) {
                group_docs.push(doc);
            }
            if group_docs.len() - from > MAX_SPREAD {
                break;
            }
        }
        let docs_range = if group_docs.len() - from > MAX_SPREAD {
            group_docs.truncate(from);
            from as u32..from as u32
        } else {
            from as u32..group_docs.len() as u32
        };
        group_of.insert(s, docs_range);
    }
    // Each document's statements that count: long enough, and said in no
    // more than `MAX_SPREAD` documents.
    // (Words told by whitespace: only whether there are five matters, and
    // this looks at every statement of the corpus once.)
    let counted: Vec<bool> = (0..n as u32)
        .map(|s| {
            let spread_ok = group_of
                .get(&index.canonical(s))
                .is_none_or(|r| !r.is_empty());
            spread_ok
                && index
                    .statement(s)
                    .text(docs)
                    .split_ascii_whitespace()
                    .nth(MIN_WORDS - 1)
                    .is_some()
        })
        .collect();
    let sizes: Vec<usize> = (0..docs.len())
        .map(|d| {
            index
                .document_range(d)
                .filter(|&s| counted[s as usize])
                .count()
        })
        .collect();
    let mut places: Vec<u32> = Vec::new();
    (0..docs.len())
        .map(|d| {
            let total = sizes[d];
            if total < MIN_STATEMENTS {
                return Vec::new();
            }
            // Every other document that says each counted statement, once
            // per statement; counted by sorting.
            places.clear();
            for s in index.document_range(d) {
                if !counted[s as usize] {
                    continue;
                }
                if let Some(r) = group_of.get(&index.canonical(s)) {
                    places.extend(
                        group_docs[r.start as usize..r.end as usize]
                            .iter()
                            .filter(|&&o| o as usize != d),
                    );
                }
            }
            places.sort_unstable();
            let mut inside: Vec<(usize, usize)> = places
                .chunk_by(|a, b| a == b)
                .map(|run| (run[0] as usize, run.len()))
                .filter(|&(o, shared)| {
                    shared as f64 >= CONTAINED_SHARE * total as f64 && sizes[o] > total
                })
                .collect();
            inside.sort_by_key(|&(o, shared)| (std::cmp::Reverse(shared), o));
            inside.into_iter().map(|(o, _)| o).collect()
        })
        .collect()
}
