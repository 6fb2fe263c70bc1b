//! A hit described for output: where it is, what it says, what matched —
//! the shape `qnav search` prints as lines or JSON.

use serde::Serialize;

use super::index::Index;
use super::query::{Band, Counts, Hit, Results};
use super::texts::Texts;
use crate::text::printable;

/// Another place the same statement is said.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Place {
    pub path: String,
    /// `Q7`, when in a pair.
    pub pair: Option<String>,
    pub part: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct HitReport {
    pub statement: String,
    pub path: String,
    pub title: String,
    pub pair: Option<String>,
    /// `question`, `answer`, `preamble` or `body`.
    pub part: &'static str,
    pub score: u32,
    /// Character indices into `statement` that matched.
    pub indices: Vec<usize>,
    /// Other places the statement is said word for word.
    pub also_in: Vec<Place>,
    /// `words` (every term a word of it), `partial` (it lacks the terms in
    /// `missing`) or `fuzzy` (some term only as letters inside a word).
    #[serde(rename = "match")]
    pub band: Band,
    /// The terms a partial hit lacks.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
}

impl HitReport {
    pub fn new<'d>(index: &Index, docs: impl Into<Texts<'d>>, hit: &Hit) -> HitReport {
        let docs: Texts = docs.into();
        let s = index.statement(hit.statement);
        let also_in = index
            .repeats_of(hit.statement)
            .iter()
            .chain(std::iter::once(&index.canonical(hit.statement)))
            .filter(|&&o| o != hit.statement)
            .map(|&o| place(index, docs, o))
            .collect();
        HitReport {
            // (Parsed text is clean already; text from a search file is
            // made safe here, where it is shown.)
            statement: printable(docs.text(s)).into_owned(),
            path: docs.path(s.doc).to_string(),
            title: docs.title(s.doc),
            pair: docs.pair_label(s),
            part: s.part.as_str(),
            score: hit.score,
            indices: hit.indices.clone(),
            also_in,
            band: hit.band,
            missing: hit.missing.clone(),
        }
    }

    /// `path Q7 answer: statement  (also in: …)`, printable.
    pub fn line(&self) -> String {
        let mut out = format!("{}", printable(&self.path));
        if let Some(p) = &self.pair {
            out.push(' ');
            out.push_str(p);
        }
        out.push(' ');
        out.push_str(self.part);
        out.push_str(": ");
        out.push_str(&printable(&self.statement));
        if !self.also_in.is_empty() {
            let places: Vec<String> = self
                .also_in
                .iter()
                .map(|p| match &p.pair {
                    Some(q) => format!("{} {q}", printable(&p.path)),
                    None => printable(&p.path).into_owned(),
                })
                .collect();
            out.push_str(&format!("  (also in: {})", places.join(", ")));
        }
        if !self.missing.is_empty() {
            let missing: Vec<String> = self
                .missing
                .iter()
                .map(|m| printable(m).into_owned())
                .collect();
            out.push_str(&format!("  (lacks: {})", missing.join(", ")));
        } else if self.band == Band::Fuzzy {
            out.push_str("  (fuzzy)");
        }
        out
    }
}

pub fn place<'d>(index: &Index, docs: impl Into<Texts<'d>>, id: u32) -> Place {
    let docs: Texts = docs.into();
    let s = index.statement(id);
    Place {
        path: docs.path(s.doc).to_string(),
        pair: docs.pair_label(s),
        part: s.part.as_str(),
    }
}

/// How many statements a search found, as `qnav search --json` reports
/// them (the whole corpus: repeats counted once).
#[derive(Debug, Clone, Serialize)]
pub struct CountsReport {
    /// Every term a word of the statement.
    pub words: usize,
    /// Every term matched, some only as letters inside other words.
    pub fuzzy: usize,
    /// Lacking a term (`null`: not looked for, the words filled the list).
    pub partial: Option<usize>,
    /// Some term matched more words than are kept: lower bounds.
    pub at_least: bool,
}

impl CountsReport {
    pub fn new(results: &Results) -> CountsReport {
        let all = |c: &Counts| c.all;
        CountsReport {
            words: all(&results.counts),
            fuzzy: all(&results.fuzzy),
            partial: results.partial.as_ref().map(all),
            at_least: results.approximate,
        }
    }
}

/// `qnav search --json`: the counts, then the hits best first.
#[derive(Debug, Clone, Serialize)]
pub struct SearchReport {
    pub query: String,
    pub counts: CountsReport,
    pub hits: Vec<HitReport>,
}
