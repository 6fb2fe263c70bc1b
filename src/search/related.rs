//! The same question elsewhere: for one pair, the questions of other
//! documents that share its rarest words, best first.
//!
//! From the index, not a scan: the question's words are looked up in the
//! vocabulary, the rarer ones (inverse document frequency over the
//! statements) kept, and their postings walked once, each question
//! statement of another document scoring the idf of every word it shares.
//! Common words (held by more than one statement in [`COMMON_SHARE`]) say
//! nothing about the topic and are left out.

use foldhash::{HashMap, HashMapExt};

use super::fold::{folded, words};
use super::index::{Index, Part};
use crate::model::Document;

/// A word held by more than one statement in this many is too common to
/// tell topics apart.
pub const COMMON_SHARE: usize = 50;
/// However small the corpus, a word held by this few statements may tell
/// a topic.
pub const MIN_COMMON: usize = 20;
/// The question's rarest words looked up.
pub const WORDS: usize = 10;

/// A question of another document like the one asked about.
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    pub doc: usize,
    /// The pair's index (0-based) in its document.
    pub pair: usize,
    /// The summed idf of the words the two questions share.
    pub score: f64,
    /// Those words, folded.
    pub shared: Vec<String>,
}

/// The `limit` questions of other documents most like pair `pair` of
/// document `doc`'s question.
/// The rarer words of `texts`, each once: (folded word, its id, its idf
/// over the statements). Words of fewer than three letters, without a
/// letter, unknown to the index or common (see [`COMMON_SHARE`]) say
/// nothing of a topic and are left out. Shared by the questions like one
/// and by the answer a quote retells.
pub(crate) fn rare_terms<'t>(
    index: &Index,
    texts: impl IntoIterator<Item = &'t str>,
) -> Vec<(String, u32, f64)> {
    let n = index.len().max(1);
    let mut terms: Vec<(String, u32, f64)> = Vec::new();
    for text in texts {
        for w in words(text) {
            let word = folded(&text[w.start..w.end]);
            if word.chars().count() < 3
                || !word.chars().any(char::is_alphabetic)
                || terms.iter().any(|(t, _, _)| *t == word)
            {
                continue;
            }
            let Some(id) = index.word_id(&word) else {
                continue;
            };
            let df = index.postings_of(id).len();
            if df > (n / COMMON_SHARE).max(MIN_COMMON) {
                continue;
            }
            let idf = ((n as f64 + 1.0) / (df as f64 + 1.0)).ln();
            terms.push((word, id, idf));
        }
    }
    terms
}

pub fn related(
    index: &Index,
    docs: &[Document],
    doc: usize,
    pair: usize,
    limit: usize,
) -> Vec<Related> {
    let Some(p) = docs.get(doc).and_then(|d| d.pairs.get(pair)) else {
        return Vec::new();
    };
    let mut terms = rare_terms(index, p.question.iter().map(|para| &*para.text));
    terms.sort_by(|a, b| b.2.total_cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    terms.truncate(WORDS);
    // Per (document, pair) of another document's question: score, words.
    let mut found: HashMap<(u32, u32), (f64, Vec<usize>)> = HashMap::new();
    for (k, (_, id, idf)) in terms.iter().enumerate() {
        for &s in index.postings_of(*id) {
            let st = index.statement(s);
            if st.part != Part::Question || st.doc as usize == doc {
                continue;
            }
            let Some(other) = st.pair else {
                continue;
            };
            let entry = found.entry((st.doc, other)).or_default();
            if !entry.1.contains(&k) {
                entry.0 += idf;
                entry.1.push(k);
            }
        }
    }
    let mut out: Vec<Related> = found
        .into_iter()
        // One shared rare word is a coincidence; two make a topic.
        .filter(|(_, (_, shared))| shared.len() >= 2)
        .map(|((d, p), (score, shared))| Related {
            doc: d as usize,
            pair: p as usize,
            score,
            shared: shared.iter().map(|&k| terms[k].0.clone()).collect(),
        })
        .collect();
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| (a.doc, a.pair).cmp(&(b.doc, b.pair)))
    });
    out.truncate(limit);
    out
}
