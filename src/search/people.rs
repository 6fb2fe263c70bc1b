//! The people of a corpus: every speaker, once, however the files label
//! them, with where and how much they speak.
//!
//! Files label one person many ways — `President of Russia Vladimir
//! Putin`, `Vladimir Putin`, `Vladimir PUTIN`, `VladimirPutin`; `CHAIR
//! POWELL`, `MR. POWELL`. A label is reduced to its name words: folded,
//! run-together capitals split (`VladimirPutin`), titles and particles left
//! out (`President`, `Mr.`, `of` — the one list in the lexicon). A label
//! whose name words are all in exactly one longer label's is that person;
//! one that fits several (`MR. SMITH` beside `MICHELLE SMITH` and `COLBY
//! SMITH`) stays apart, since words put in the wrong mouth are worse than a
//! person listed twice. A label with no name words left (`THE PRESIDENT`,
//! `Q`) is a role, listed as written.

use std::collections::{BTreeMap, BTreeSet};

use super::fold::{folded, words};
use crate::model::{Document, TurnPart};

/// One person across the documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The fullest label they go by.
    pub name: String,
    /// Every label they go by, most used first.
    pub labels: Vec<String>,
    /// Their turns, in document order: (document, pair or `None` outside
    /// the pairs, part).
    pub turns: Vec<PersonTurn>,
    /// How many documents they speak in.
    pub documents: usize,
}

/// A turn of a person: where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PersonTurn {
    pub doc: usize,
    /// The pair (0-based), when the turn is in one.
    pub pair: Option<usize>,
    /// Whether the turn asks (a question or a moderator's lead) rather than
    /// answers or speaks outside the pairs.
    pub asks: bool,
}

/// The query prefix that narrows a search to what `person` said: `@word`
/// for each name word all their labels share (`@vladimir @putin `), so
/// every label of theirs matches. Empty for a role (`THE PRESIDENT`):
/// `@the @president` would also take `THE VICE PRESIDENT`'s words.
pub fn search_prefix(person: &Person) -> String {
    let mut shared: Option<BTreeSet<String>> = None;
    for label in &person.labels {
        let words: BTreeSet<String> = name_words(label).into_iter().collect();
        shared = Some(match shared {
            None => words,
            Some(s) => s.intersection(&words).cloned().collect(),
        });
    }
    let mut words: Vec<String> = shared.unwrap_or_default().into_iter().collect();
    // In the order the name says them.
    let order = name_words(&person.name);
    words.sort_by_key(|w| order.iter().position(|o| o == w).unwrap_or(usize::MAX));
    words.iter().map(|w| format!("@{w} ")).collect()
}

/// A label's name words: folded, run-together capitals split, titles and
/// particles left out.
pub fn name_words(label: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in words(label) {
        let raw = &label[w.start..w.end];
        for part in split_camel(raw) {
            let word = folded(part);
            if !word.is_empty() && !crate::parse::lexicon::name_title(&word) {
                out.push(word);
            }
        }
    }
    out
}

/// `VladimirPutin` → `Vladimir`, `Putin`; `McKee`, `PUTIN`, `DeSantis`
/// stay whole (a capital after one lower-case letter, or in an all-capital
/// word, starts no new name).
fn split_camel(word: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let mut parts = Vec::new();
    let mut start = 0;
    for i in 1..chars.len() {
        let (at, c) = chars[i];
        let (_, before) = chars[i - 1];
        // A new capitalised word after at least three lower-case letters
        // (`MacDonald`, `McKee`, `DeSantis` stay whole).
        let lowers_before = chars[start..i]
            .iter()
            .filter(|(_, c)| c.is_lowercase())
            .count();
        if c.is_uppercase() && before.is_lowercase() && lowers_before >= 3 {
            parts.push(&word[chars[start].0..at]);
            start = i;
        }
    }
    parts.push(&word[chars.get(start).map_or(word.len(), |c| c.0)..]);
    parts
}

/// Every person who speaks in `docs`, most turns first.
pub fn people(docs: &[Document]) -> Vec<Person> {
    // Each label, its name words and its turns.
    let mut by_label: BTreeMap<&str, Vec<PersonTurn>> = BTreeMap::new();
    for (d, doc) in docs.iter().enumerate() {
        for turn in &doc.turns {
            let Some(label) = turn.speaker.as_deref() else {
                continue;
            };
            let (pair, asks) = match turn.part {
                TurnPart::Question(n) | TurnPart::Lead(n) => (Some(n), true),
                TurnPart::Answer(n) => (Some(n), false),
                TurnPart::Preamble | TurnPart::Body => (None, false),
            };
            by_label
                .entry(label)
                .or_default()
                .push(PersonTurn { doc: d, pair, asks });
        }
    }
    let labels: Vec<&str> = by_label.keys().copied().collect();
    let names: Vec<BTreeSet<String>> = labels
        .iter()
        .map(|l| name_words(l).into_iter().collect())
        .collect();
    // The labels whose name words no other label's hold all of (and more):
    // the fullest names, one per person.
    let fullest = |i: usize| {
        !names[i].is_empty()
            && !(0..labels.len())
                .any(|j| j != i && names[i].is_subset(&names[j]) && names[j].len() > names[i].len())
    };
    // Same name words, two spellings (`Vladimir Putin`, `Vladimir PUTIN`):
    // one person, found by the words.
    let mut person_of_words: BTreeMap<&BTreeSet<String>, usize> = BTreeMap::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of = vec![usize::MAX; labels.len()];
    for i in (0..labels.len()).filter(|&i| fullest(i)) {
        let g = *person_of_words.entry(&names[i]).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(i);
        group_of[i] = g;
    }
    for i in 0..labels.len() {
        if group_of[i] != usize::MAX {
            continue;
        }
        // The persons whose fullest name holds all of this label's words.
        let fits: BTreeSet<usize> = if names[i].is_empty() {
            BTreeSet::new()
        } else {
            (0..labels.len())
                .filter(|&j| group_of[j] != usize::MAX && names[i].is_subset(&names[j]))
                .map(|j| group_of[j])
                .collect()
        };
        match fits.iter().next() {
            Some(&g) if fits.len() == 1 => {
                groups[g].push(i);
                group_of[i] = g;
            }
            // A role, or a name that fits several people: apart.
            _ => {
                groups.push(vec![i]);
                group_of[i] = groups.len() - 1;
            }
        }
    }
    let mut out: Vec<Person> = groups
        .into_iter()
        .map(|members| {
            let mut members: Vec<(usize, &str)> = members
                .iter()
                .map(|&i| (by_label[labels[i]].len(), labels[i]))
                .collect();
            members.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
            let name = members
                .iter()
                .max_by_key(|(n, l)| {
                    (
                        names[labels.iter().position(|x| x == l).unwrap_or(0)].len(),
                        *n,
                    )
                })
                .map_or("", |(_, l)| l)
                .to_string();
            let mut turns: Vec<PersonTurn> = members
                .iter()
                .flat_map(|(_, l)| by_label[l].iter().copied())
                .collect();
            turns.sort_by_key(|t| (t.doc, t.pair, !t.asks));
            // Several turns in one question or answer are one place.
            turns.dedup();
            let documents = turns.iter().map(|t| t.doc).collect::<BTreeSet<_>>().len();
            Person {
                name,
                labels: members.iter().map(|(_, l)| l.to_string()).collect(),
                turns,
                documents,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.turns
            .len()
            .cmp(&a.turns.len())
            .then_with(|| a.name.cmp(&b.name))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_words_leave_out_titles_and_split_run_together_names() {
        assert_eq!(
            name_words("President of Russia Vladimir Putin"),
            ["russia", "vladimir", "putin"]
        );
        assert_eq!(name_words("VladimirPutin"), ["vladimir", "putin"]);
        assert_eq!(name_words("Vladimir PUTIN"), ["vladimir", "putin"]);
        assert_eq!(name_words("MR. POWELL"), ["powell"]);
        assert_eq!(name_words("CHAIR POWELL"), ["powell"]);
        assert_eq!(name_words("MICHAEL MCKEE"), ["michael", "mckee"]);
        assert_eq!(name_words("Michael McKee"), ["michael", "mckee"]);
        assert!(name_words("THE PRESIDENT").is_empty());
    }
}

#[cfg(test)]
mod people_tests {
    use super::*;

    /// Two questions of `host`, each answered by `guest`.
    fn transcript(path: &str, host: &str, guest: &str) -> Document {
        let text = format!(
            "{host}: What do you make of the talks in March this year?\n\n\
             {guest}: I would say that they went well, and longer than planned.\n\n\
             {host}: And what comes next for the two delegations then?\n\n\
             {guest}: A second round in June, with both ministers this time.\n"
        );
        crate::parse::parse(path, &text)
    }

    #[test]
    fn one_person_however_labelled_and_none_merged_on_a_shared_surname() {
        let docs = vec![
            transcript(
                "a.txt",
                "MICHELLE SMITH",
                "President of Russia Vladimir Putin",
            ),
            transcript("b.txt", "COLBY SMITH", "Vladimir Putin"),
            transcript("c.txt", "MR. SMITH", "VladimirPutin"),
            transcript("d.txt", "THE PRESIDENT", "Vladimir PUTIN"),
        ];
        for d in &docs {
            assert_eq!(d.pairs.len(), 2, "{}: {:?}", d.path, d.format);
        }
        let people = people(&docs);
        let putin: Vec<&Person> = people
            .iter()
            .filter(|p| p.labels.iter().any(|l| l.to_lowercase().contains("putin")))
            .collect();
        assert_eq!(putin.len(), 1, "{people:#?}");
        assert_eq!(
            putin[0].name, "President of Russia Vladimir Putin",
            "{putin:#?}"
        );
        assert_eq!(putin[0].documents, 4);
        assert_eq!(putin[0].labels.len(), 4, "{:?}", putin[0].labels);
        assert!(putin[0].turns.iter().all(|t| !t.asks));
        // Three Smiths: MR. SMITH could be either of the others, so apart.
        let smiths = people.iter().filter(|p| p.name.contains("SMITH")).count();
        assert_eq!(smiths, 3, "{people:#?}");
        // A role is listed as written.
        assert!(
            people
                .iter()
                .any(|p| p.name == "THE PRESIDENT" && p.labels.len() == 1)
        );
    }
}

#[cfg(test)]
mod prefix_tests {
    use super::*;

    fn person(name: &str, labels: &[&str]) -> Person {
        Person {
            name: name.into(),
            labels: labels.iter().map(|l| l.to_string()).collect(),
            turns: Vec::new(),
            documents: 1,
        }
    }

    #[test]
    fn the_search_prefix_matches_every_label_of_a_person() {
        let putin = person(
            "President of Russia Vladimir Putin",
            &[
                "Vladimir Putin",
                "President of Russia Vladimir Putin",
                "VladimirPutin",
            ],
        );
        assert_eq!(search_prefix(&putin), "@vladimir @putin ");
        let powell = person("CHAIR POWELL", &["CHAIR POWELL", "MR. POWELL"]);
        assert_eq!(search_prefix(&powell), "@powell ");
        let role = person("THE PRESIDENT", &["THE PRESIDENT"]);
        assert_eq!(search_prefix(&role), "");
    }
}
