//! Fuzzy search over every statement of a corpus — terminal-free.
//!
//! [`split`] cuts paragraphs into statements (sentences), [`fold`] folds
//! case and accents and finds words, [`index`] builds the vocabulary and
//! per-word postings, [`query`] runs a query incrementally (per keystroke)
//! and ranks, [`synth`] generates large interview-like corpora for the
//! benchmarks. Term-against-word matching goes through the small
//! [`Matcher`] trait, so fuzzy-matcher's SkimMatcherV2 can be swapped.
//!
//! Semantics worth knowing: a term matches inside one word (fzf would let
//! "sec" match letters scattered over the whole sentence); a term that
//! matches no word at all is tried against whole statements instead.

pub mod containment;
pub mod fold;
pub mod index;
pub mod people;
pub mod query;
pub mod related;
pub mod report;
pub mod sources;
pub mod speakers;
pub mod split;
pub mod synth;
pub mod texts;
pub mod variants;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

pub use index::{Index, Part, Statement};
pub use query::{Counts, Hit, Results, Scope, Searcher, Term, parse_query};
pub use texts::{Stored, StoredDocument, Texts};

/// Scores a pattern against a candidate; both are already folded.
pub trait Matcher {
    /// `None` when the pattern does not match.
    fn score(&self, candidate: &str, pattern: &str) -> Option<i64>;
    /// The score and the matched positions, as character indices into `candidate`.
    fn indices(&self, candidate: &str, pattern: &str) -> Option<(i64, Vec<usize>)>;
}

/// fuzzy-matcher's SkimMatcherV2 (the one fzf users know).
///
/// A new SkimMatcherV2 per call: 0.3.7 reuses its score matrix between
/// calls without clearing it (`Vec::resize` keeps old cells), so a score
/// can depend on the calls before it — the same query would rank
/// differently typed letter by letter than pasted. A fresh matcher costs
/// a few small allocations, and this is called only on the vocabulary
/// words that pass the cheap filters and on the top hits' words.
#[derive(Default)]
pub struct SkimMatcher;

fn skim() -> SkimMatcherV2 {
    // Text and pattern arrive folded: case handling would only cost time.
    SkimMatcherV2::default().respect_case()
}

impl Matcher for SkimMatcher {
    fn score(&self, candidate: &str, pattern: &str) -> Option<i64> {
        skim().fuzzy_match(candidate, pattern)
    }
    fn indices(&self, candidate: &str, pattern: &str) -> Option<(i64, Vec<usize>)> {
        skim().fuzzy_indices(candidate, pattern)
    }
}

/// A search over every document, as `qnav search` and the tests run it:
/// build the index and run one query.
pub fn search_once(
    docs: &[crate::model::Document],
    query: &str,
    scope: Scope,
    current: usize,
    limit: usize,
) -> (Index, Results) {
    let index = Index::build(docs);
    let results = Searcher::new().search(&index, docs, query, scope, current, limit);
    (index, results)
}
