//! Quote sources: the answer of an interview in the corpus that a quote in
//! an article comes from.
//!
//! Articles retell interviews, and their quotes are rarely verbatim: a
//! connective changed, a sentence shortened, a name spelled another way, a
//! second translation of the same words. So a quote is matched by its
//! words, not its characters: its rarer words (by inverse document
//! frequency over the index's statements) are looked up, their postings
//! walked once, and every answer of another document scores the idf of each
//! quote word it holds. The answer holding the most of the quote's weight
//! is its source — when it holds enough of it ([`MIN_HELD`]) and no answer
//! of an unrelated document comes close ([`MARGIN`]): a quote that could
//! be from two places is given none, since a wrong source is worse than
//! none. Common words say nothing of where a quote comes from and are left
//! out (as in [`super::related`]). Excerpts are known only once
//! [`Index::note_containment`] has looked.

use foldhash::{HashMap, HashMapExt};

use super::index::{Index, Part};
use crate::model::{Document, Quote};

/// The share of the quote's word weight its source must hold. A retold
/// quote keeps most of its content words; an answer on the same topic
/// that is not its source shares some.
pub const MIN_HELD: f64 = 0.5;
/// The best answer must hold this much more of the quote's weight than
/// the best answer of any unrelated document (as a share of the best).
pub const MARGIN: f64 = 0.25;
/// Quotes of fewer content words than this are too short to trace.
pub const MIN_WORDS: usize = 4;

/// Where a quote comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Source {
    pub doc: usize,
    /// The pair's index (0-based) in its document.
    pub pair: usize,
    /// The share of the quote's word weight the answer holds, 0–1.
    pub held: f64,
}

/// The answer of another document that `quote` (of document `doc`) comes
/// from, if one clearly does.
pub fn source(index: &Index, docs: &[Document], doc: usize, quote: &Quote) -> Option<Source> {
    // (A word said nowhere else — a name spelled another way — is no
    // evidence either way, so it does not count against a source.)
    let terms: Vec<(u32, f64)> = super::related::rare_terms(index, [quote.text.as_str()])
        .into_iter()
        .map(|(_, id, idf)| (id, idf))
        .collect();
    let total: f64 = terms.iter().map(|&(_, idf)| idf).sum();
    if terms.len() < MIN_WORDS || total <= 0.0 {
        return None;
    }
    // Per (document, pair) of another document's answer: the weight held,
    // and which terms (each counted once however often it is said). Only
    // the answerer's words count: an interviewer's interjection inside an
    // answer is not what an article quotes the interviewee as saying.
    let speakers = index.speakers(docs);
    let mut held: HashMap<(u32, u32), (f64, Vec<u32>)> = HashMap::new();
    for &(id, idf) in &terms {
        for &s in index.postings_of(id) {
            let st = index.statement(s);
            if st.part != Part::Answer || st.doc as usize == doc {
                continue;
            }
            let Some(pair) = st.pair else { continue };
            if !said_by_answerer(speakers, docs, s, st.doc as usize, pair as usize) {
                continue;
            }
            let entry = held.entry((st.doc, pair)).or_default();
            if !entry.1.contains(&id) {
                entry.0 += idf;
                entry.1.push(id);
            }
        }
    }
    let mut ranked: Vec<((u32, u32), f64)> = held
        .into_iter()
        .map(|(place, (weight, _))| (place, weight / total))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let &((best_doc, best_pair), best) = ranked.first()?;
    if best < MIN_HELD {
        return None;
    }
    // The runner-up that could be the source instead: an answer of a
    // document that is neither the best one, nor an excerpt of it, nor one
    // it is an excerpt of (those hold the same words, rightly).
    let related = |d: u32| {
        d == best_doc
            || index.contained_in(d as usize).contains(&best_doc)
            || index.contained_in(best_doc as usize).contains(&d)
    };
    let rival = ranked
        .iter()
        .skip(1)
        .find(|((d, p), _)| !related(*d) || (*d == best_doc && *p != best_pair))
        .map_or(0.0, |&(_, held)| held);
    if best - rival < MARGIN * best {
        return None;
    }
    // A quote the article gives to someone is not traced to another
    // person's answer (spellings may differ: `Masadikov`, `Masadykov`).
    let answerer = docs
        .get(best_doc as usize)
        .and_then(|d| d.pairs.get(best_pair as usize))
        .and_then(|p| p.answerer.as_deref());
    if let (Some(said_by), Some(answerer)) = (quote.attribution.as_deref(), answerer)
        && !names_agree(said_by, answerer)
    {
        return None;
    }
    Some(Source {
        doc: best_doc as usize,
        pair: best_pair as usize,
        held: best,
    })
}

/// Whether statement `s` of pair `pair` of document `doc` is the pair's
/// answerer's: its turn is labelled with the answerer's name, or not
/// labelled at all (the parser gave the answer part to the answerer).
fn said_by_answerer(
    speakers: &super::speakers::Speakers,
    docs: &[Document],
    s: u32,
    doc: usize,
    pair: usize,
) -> bool {
    let id = speakers.of_statement[s as usize];
    if id == super::speakers::NOBODY {
        return true;
    }
    let Some(answerer) = docs
        .get(doc)
        .and_then(|d| d.pairs.get(pair))
        .and_then(|p| p.answerer.as_deref())
    else {
        return true;
    };
    speakers.names[id as usize] == super::speakers::label_words(answerer)
}

/// Whether two names may be one person's: a name word of one and of the
/// other alike — the same, or, from five letters, a letter apart for every
/// four: a transliterated name is spelt several ways (`Masadikov`,
/// `Masadykov`; `Olsen`, `Olssen`).
pub fn names_agree(a: &str, b: &str) -> bool {
    let (a, b) = (super::people::name_words(a), super::people::name_words(b));
    a.iter().any(|x| {
        b.iter().any(|y| {
            let (xs, ys): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
            let short = xs.len().min(ys.len());
            // `Ivanov` and `Ivanova`, `Kowalski` and `Kowalska`: a
            // surname's other gender is another person.
            let gendered = |a: &str, b: &str| {
                b.strip_prefix(a).is_some_and(|rest| rest == "a")
                    || (a.len() == b.len() && a.ends_with("ski") && b.ends_with("ska"))
            };
            x == y
                || (short >= 5
                    && !gendered(x, y)
                    && !gendered(y, x)
                    && super::variants::edits_within(&xs, &ys, (short / 4).max(1)).is_some())
        })
    })
}

/// The source of every quote of every document (`None` where none is
/// clear), per document in order.
pub fn sources(index: &Index, docs: &[Document]) -> Vec<Vec<Option<Source>>> {
    docs.iter()
        .enumerate()
        .map(|(d, doc)| {
            doc.quotes
                .iter()
                .map(|q| source(index, docs, d, q))
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::names_agree;

    #[test]
    fn names_agree_across_spellings_not_across_people() {
        assert!(names_agree("Masadikov", "Talatbek Masadykov"));
        assert!(names_agree("Olsen", "Karl Olssen"));
        assert!(names_agree("Mr. Lee", "LEE"));
        assert!(!names_agree("Petrov", "Karl Olssen"));
        assert!(
            !names_agree("Lee", "Leo Smith"),
            "short names must be the same"
        );
        assert!(
            !names_agree("Ivanov", "Ivanova"),
            "another gender, another person"
        );
        assert!(!names_agree("Smith", "Smithers"));
    }
}
