//! Who said each statement, for a search narrowed to a speaker (`@putin
//! tax`, `qnav search --speaker Putin tax`).
//!
//! The speaker is the label of the turn the statement's paragraph is in
//! ([`crate::model::Document::turns`]): the parser's attribution, the same
//! the reader shows. One person labelled several ways —
//! `President of Russia Vladimir Putin`, `Vladimir Putin`, `PUTIN` — is
//! found by any word of the name: `@putin` is every speaker one of whose
//! name's words starts with "putin", however the files label him.

use foldhash::{HashMap, HashMapExt};

use super::fold::{folded, words};
use super::index::{Index, Part};
use crate::model::{Document, TurnPart};

/// No named speaker (an unlabelled paragraph, a header).
pub const NOBODY: u32 = u32::MAX;

/// The speakers of a corpus' statements.
#[derive(Debug, Default)]
pub struct Speakers {
    /// Each speaker's name words, folded (`["vladimir", "putin"]`).
    pub names: Vec<Vec<String>>,
    /// Per statement, its speaker's position in `names`, or [`NOBODY`].
    pub of_statement: Vec<u32>,
}

impl Speakers {
    /// Every statement's speaker, from the documents' turns.
    pub fn find(index: &Index, docs: &[Document]) -> Speakers {
        let mut ids: HashMap<&str, u32> = HashMap::new();
        let mut names = Vec::new();
        let mut of_statement = vec![NOBODY; index.len()];
        for (d, doc) in docs.iter().enumerate() {
            // (part, pair, paragraph) → speaker, for this document's turns.
            let mut said: HashMap<(u8, u32, u32), u32> = HashMap::new();
            for turn in &doc.turns {
                let Some(name) = turn.speaker.as_deref() else {
                    continue;
                };
                let id = *ids.entry(name).or_insert_with(|| {
                    names.push(label_words(name));
                    (names.len() - 1) as u32
                });
                let (part, pair) = match turn.part {
                    TurnPart::Preamble => (Part::Preamble, 0),
                    TurnPart::Lead(n) => (Part::Lead, n as u32),
                    TurnPart::Question(n) => (Part::Question, n as u32),
                    TurnPart::Answer(n) => (Part::Answer, n as u32),
                    TurnPart::Body => (Part::Body, 0),
                };
                for para in turn.paragraphs.clone() {
                    said.insert((part as u8, pair, para as u32), id);
                }
            }
            if said.is_empty() {
                continue;
            }
            for s in index.document_range(d) {
                let st = index.statement(s);
                let key = (st.part as u8, st.pair.unwrap_or(0), st.para);
                if let Some(&id) = said.get(&key) {
                    of_statement[s as usize] = id;
                }
            }
        }
        Speakers {
            names,
            of_statement,
        }
    }

    /// Per speaker, whether `wanted` picks them ([`picks`]).
    pub fn matching(&self, wanted: &[String]) -> Vec<bool> {
        self.names.iter().map(|name| picks(wanted, name)).collect()
    }
}

/// A speaker label's words for `@name`: folded, run-together capitals
/// split (`VladimirPutin` is `vladimir`, `putin`), titles kept (`@chair`).
pub fn label_words(label: &str) -> Vec<String> {
    words(label)
        .flat_map(|w| super::people::split_camel(&label[w.start..w.end]))
        .map(folded)
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether the `@name` terms `wanted` pick a label of these words: every
/// term starts one of its words.
pub fn picks(wanted: &[String], label_words: &[String]) -> bool {
    wanted
        .iter()
        .all(|w| label_words.iter().any(|n| n.starts_with(w.as_str())))
}

/// The `@name` terms of a query, folded (`@Putin` → "putin").
pub fn speaker_terms(query: &str) -> Vec<String> {
    query
        .split_whitespace()
        .filter_map(|t| t.strip_prefix('@'))
        .flat_map(|t| {
            words(t)
                .map(|w| folded(&t[w.start..w.end]))
                .collect::<Vec<_>>()
        })
        .collect()
}
