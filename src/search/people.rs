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
    /// Their turns, in document order.
    pub turns: Vec<PersonTurn>,
    /// How many documents they speak in.
    pub documents: usize,
}

/// A turn of a person: where it is, and its first paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PersonTurn {
    pub doc: usize,
    /// The part of the document it is in (a pair's question, lead-in or
    /// answer, the preamble, the body).
    pub part: TurnPart,
    /// Its first paragraph within that part.
    pub para: usize,
}

impl PersonTurn {
    /// The pair (0-based), when the turn is in one.
    pub fn pair(&self) -> Option<usize> {
        match self.part {
            TurnPart::Question(n) | TurnPart::Lead(n) | TurnPart::Answer(n) => Some(n),
            TurnPart::Preamble | TurnPart::Body => None,
        }
    }

    /// Whether the turn asks a question.
    pub fn asks(&self) -> bool {
        matches!(self.part, TurnPart::Question(_))
    }

    /// Its first paragraph's text in `doc`.
    pub fn text<'d>(&self, doc: &'d Document) -> Option<&'d str> {
        let paras = match self.part {
            TurnPart::Question(n) => &doc.pairs.get(n)?.question,
            TurnPart::Lead(n) => &doc.pairs.get(n)?.lead,
            TurnPart::Answer(n) => &doc.pairs.get(n)?.answer,
            TurnPart::Preamble => &doc.preamble,
            TurnPart::Body => &doc.body,
        };
        Some(&*paras.get(self.para)?.text)
    }
}

/// The query prefix that narrows a search to what `person` said: `@word`
/// for each name word all their labels share (`@vladimir @putin `). `Err`
/// says why there is none: a role (`@the @president` would take `THE VICE
/// PRESIDENT`'s words too), or words that would also pick another person
/// of `everyone` (`@smith` for one of three Smiths) — `@` matches labels
/// by their words, so it cannot tell those apart.
pub fn search_prefix(person: &Person, everyone: &[Person]) -> Result<String, String> {
    let mut shared: Option<BTreeSet<String>> = None;
    for label in &person.labels {
        let words: BTreeSet<String> = name_words(label).into_iter().collect();
        shared = Some(match shared {
            None => words,
            Some(s) => s.intersection(&words).cloned().collect(),
        });
    }
    let mut words: Vec<String> = shared.unwrap_or_default().into_iter().collect();
    if words.is_empty() {
        return Err(format!(
            "“{}” is a role, not a name: a search cannot tell its speakers apart",
            person.name
        ));
    }
    // In the order the name says them.
    let order = name_words(&person.name);
    words.sort_by_key(|w| order.iter().position(|o| o == w).unwrap_or(usize::MAX));
    let picks = |label: &str| super::speakers::picks(&words, &super::speakers::label_words(label));
    if let Some(other) = everyone
        .iter()
        .filter(|p| p.labels != person.labels)
        .flat_map(|p| &p.labels)
        .find(|l| picks(l))
    {
        return Err(format!(
            "@{} would also take the words of “{other}”",
            words.join(" @")
        ));
    }
    if let Some(missed) = person.labels.iter().find(|l| !picks(l)) {
        return Err(format!("@{} would miss “{missed}”", words.join(" @")));
    }
    Ok(words.iter().map(|w| format!("@{w} ")).collect())
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
pub(crate) fn split_camel(word: &str) -> Vec<&str> {
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
        // …and a lower-case letter after the capital: a word starts there
        // (`PeskoV`, a typing slip, is not `Pesko V`).
        let next_lower = chars.get(i + 1).is_some_and(|(_, n)| n.is_lowercase());
        if c.is_uppercase() && before.is_lowercase() && lowers_before >= 3 && next_lower {
            parts.push(&word[chars[start].0..at]);
            start = i;
        }
    }
    parts.push(&word[chars.get(start).map_or(word.len(), |c| c.0)..]);
    parts
}

/// Honorifics that say a man or a woman: `MR. SMITH` and `MRS. SMITH` are
/// two people whatever else their labels share.
fn gender(label: &str) -> Option<bool> {
    let mut found = None;
    for w in words(label) {
        match folded(&label[w.start..w.end]).as_str() {
            "mr" | "sir" | "lord" | "господин" => found = Some(true),
            "mrs" | "ms" | "miss" | "madam" | "dame" | "lady" | "госпожа" => {
                found = Some(false)
            }
            _ => {}
        }
    }
    found
}

/// A label that names a role, not a person (`Q`, `Interviewer`,
/// `Speaker 1`, `P3`): listed as written, never merged with another.
fn is_role(label: &str, name: &BTreeSet<String>) -> bool {
    name.is_empty()
        || crate::parse::markers::generic_role(label).is_some()
        || label.chars().any(|c| c.is_ascii_digit())
}

/// Every person who speaks in `docs`, most turns first.
///
/// Two labels are one person when no honorific says otherwise and their
/// name words are the same, or one's are all in the other's — provided
/// the shorter holds two words or more (`Vladimir Putin` in any document
/// is `President of Russia Vladimir Putin`), or both are used in one
/// document (a transcript that names `Jerome Powell` and then says
/// `POWELL`): a surname alone in another document may be anyone of that
/// name (`PRESIDENT BIDEN` is not `JILL BIDEN`). A label that could be two
/// people stays apart.
pub fn people(docs: &[Document]) -> Vec<Person> {
    // Each label, its turns and its documents.
    let mut by_label: BTreeMap<&str, Vec<PersonTurn>> = BTreeMap::new();
    for (d, doc) in docs.iter().enumerate() {
        for turn in &doc.turns {
            let Some(label) = turn.speaker.as_deref() else {
                continue;
            };
            by_label.entry(label).or_default().push(PersonTurn {
                doc: d,
                part: turn.part,
                para: turn.paragraphs.start,
            });
        }
    }
    let labels: Vec<&str> = by_label.keys().copied().collect();
    let names: Vec<BTreeSet<String>> = labels
        .iter()
        .map(|l| name_words(l).into_iter().collect())
        .collect();
    let role: Vec<bool> = labels
        .iter()
        .zip(&names)
        .map(|(l, n)| is_role(l, n))
        .collect();
    let genders: Vec<Option<bool>> = labels.iter().map(|l| gender(l)).collect();
    let in_docs: Vec<BTreeSet<usize>> = labels
        .iter()
        .map(|l| by_label[l].iter().map(|t| t.doc).collect())
        .collect();
    // Whether label `i` (the shorter or equal name) may be label `j`'s person.
    let may_be = |i: usize, j: usize| {
        !role[i]
            && !role[j]
            && names[i].is_subset(&names[j])
            && !matches!((genders[i], genders[j]), (Some(a), Some(b)) if a != b)
            && (names[i].len() >= 2 || !in_docs[i].is_disjoint(&in_docs[j]))
    };
    // The labels whose name words no other label's hold all of (and more).
    let fullest = |i: usize| {
        !role[i]
            && !(0..labels.len()).any(|j| {
                j != i
                    && !role[j]
                    && names[i].is_subset(&names[j])
                    && names[j].len() > names[i].len()
            })
    };
    // Union-find over the labels.
    let mut parent: Vec<usize> = (0..labels.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    // The same name words, spelt or titled differently.
    for i in 0..labels.len() {
        for j in i + 1..labels.len() {
            if names[i] == names[j] && may_be(i, j) {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                parent[a] = b;
            }
        }
    }
    // A shorter name joins the one person among the fullest it may be.
    for i in (0..labels.len()).filter(|&i| !role[i] && !fullest(i)) {
        let mut persons: BTreeSet<usize> = BTreeSet::new();
        for j in (0..labels.len()).filter(|&j| fullest(j) && names[j].len() > names[i].len()) {
            if names[i].is_subset(&names[j]) {
                if !may_be(i, j) {
                    // It could be this one, and cannot be told: apart.
                    persons.insert(usize::MAX);
                }
                persons.insert(root(&mut parent, j));
            }
        }
        if persons.len() == 1
            && let Some(&g) = persons.iter().next()
        {
            let a = root(&mut parent, i);
            parent[a] = g;
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..labels.len() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut out: Vec<Person> = groups
        .into_values()
        .map(|members| {
            let name = members
                .iter()
                .copied()
                // The fullest, then the most used, then the fewest
                // capitals (`Vladimir Putin` reads better than `Vladimir PUTIN`).
                .max_by_key(|&i| {
                    (
                        names[i].len(),
                        by_label[labels[i]].len(),
                        std::cmp::Reverse(labels[i].chars().filter(|c| c.is_uppercase()).count()),
                        std::cmp::Reverse(labels[i]),
                    )
                })
                .map_or("", |i| labels[i])
                .to_string();
            let mut by_use: Vec<(usize, &str)> = members
                .iter()
                .map(|&i| (by_label[labels[i]].len(), labels[i]))
                .collect();
            by_use.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
            let mut turns: Vec<PersonTurn> = members
                .iter()
                .flat_map(|&i| by_label[labels[i]].iter().copied())
                .collect();
            turns.sort_by_key(|t| (t.doc, t.pair(), !t.asks(), t.para));
            let documents = turns.iter().map(|t| t.doc).collect::<BTreeSet<_>>().len();
            Person {
                name,
                labels: by_use.iter().map(|(_, l)| l.to_string()).collect(),
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
        assert_eq!(name_words("Dmitry PeskoV"), ["dmitry", "peskov"]);
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
        assert!(putin[0].turns.iter().all(|t| !t.asks()));
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
mod merge_tests {
    use super::*;

    /// Four questions of `host`, answered by `a`, `b`, `a`, `b`.
    fn talk(path: &str, host: &str, a: &str, b: &str) -> Document {
        let mut text = String::new();
        for (n, who) in [a, b, a, b].iter().enumerate() {
            text.push_str(&format!(
                "{host}: What do you make of point number {n} on the agenda?\n\n\
                 {who}: I would say that point {n} went well, and longer than planned.\n\n"
            ));
        }
        let doc = crate::parse::parse(path, &text);
        assert_eq!(doc.pairs.len(), 4, "{path}: {:?}", doc.format);
        doc
    }

    fn person_of<'p>(people: &'p [Person], label: &str) -> &'p Person {
        people
            .iter()
            .find(|p| p.labels.iter().any(|l| l == label))
            .unwrap_or_else(|| panic!("{label}: {people:#?}"))
    }

    #[test]
    fn a_surname_alone_joins_a_full_name_only_in_the_same_document() {
        let docs = vec![
            talk("a.txt", "Anna Berg", "Jerome Powell", "POWELL"),
            talk("b.txt", "Anna Berg", "JILL BIDEN", "JILL BIDEN"),
            talk("c.txt", "Anna Berg", "PRESIDENT BIDEN", "PRESIDENT BIDEN"),
            talk("d.txt", "Anna Berg", "MR. SMITH", "MRS. SMITH"),
        ];
        let people = people(&docs);
        // In one transcript, POWELL is the Jerome Powell it named.
        assert_eq!(
            person_of(&people, "POWELL").labels,
            person_of(&people, "Jerome Powell").labels
        );
        // In another document, BIDEN may be anyone of that name.
        assert_ne!(
            person_of(&people, "PRESIDENT BIDEN").labels,
            person_of(&people, "JILL BIDEN").labels
        );
        // Mr. and Mrs. are two people.
        assert_ne!(
            person_of(&people, "MR. SMITH").labels,
            person_of(&people, "MRS. SMITH").labels
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
        let powell = person("CHAIR POWELL", &["CHAIR POWELL", "MR. POWELL"]);
        let role = person("THE PRESIDENT", &["THE PRESIDENT"]);
        let vice = person("THE VICE PRESIDENT", &["THE VICE PRESIDENT"]);
        let smiths = [
            person("MR. SMITH", &["MR. SMITH"]),
            person("MICHELLE SMITH", &["MICHELLE SMITH"]),
        ];
        let everyone = [
            putin.clone(),
            powell.clone(),
            role.clone(),
            vice,
            smiths[0].clone(),
            smiths[1].clone(),
        ];
        assert_eq!(
            search_prefix(&putin, &everyone).unwrap(),
            "@vladimir @putin "
        );
        assert_eq!(search_prefix(&powell, &everyone).unwrap(), "@powell ");
        assert!(
            search_prefix(&role, &everyone)
                .unwrap_err()
                .contains("a role")
        );
        // `@smith` would take Michelle Smith's words too; hers is `@michelle @smith`.
        let err = search_prefix(&smiths[0], &everyone).unwrap_err();
        assert!(err.contains("MICHELLE SMITH"), "{err}");
        assert_eq!(
            search_prefix(&smiths[1], &everyone).unwrap(),
            "@michelle @smith "
        );
    }
}
