//! Which documents a list shows and in what order: a filter typed as in fzf
//! (every space-separated term matches, fuzzily, somewhere in the title,
//! date, interviewee, source or file name) and a sort by path, date or
//! title. Shared by the reader's documents pane and `qnav list`.
//! Terminal-free.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::model::Document;

/// The order of a document list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DocSort {
    /// As given and loaded (a folder's files in name order); with a filter
    /// typed, best match first, as fzf ranks.
    #[default]
    Path,
    /// Oldest first; documents without a date last.
    Date,
    Title,
}

impl DocSort {
    /// The next order, as `o` cycles them.
    pub fn next(self) -> DocSort {
        match self {
            DocSort::Path => DocSort::Date,
            DocSort::Date => DocSort::Title,
            DocSort::Title => DocSort::Path,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            DocSort::Path => "path",
            DocSort::Date => "date",
            DocSort::Title => "title",
        }
    }

    pub fn parse(name: &str) -> Option<DocSort> {
        match name {
            "path" => Some(DocSort::Path),
            "date" => Some(DocSort::Date),
            "title" => Some(DocSort::Title),
            _ => None,
        }
    }
}

/// What a filter is matched against: everything the list shows of a document.
fn haystack(doc: &Document) -> String {
    let mut s = doc.display_title();
    for part in [&doc.date, &doc.interviewee, &doc.source]
        .into_iter()
        .flatten()
    {
        s.push_str(" · ");
        s.push_str(part);
    }
    s.push_str(" · ");
    s.push_str(doc.file_name());
    s
}

/// The documents to show, as indices into `docs`, in the order to show
/// them. An empty filter shows every document.
pub fn order(docs: &[Document], filter: &str, sort: DocSort) -> Vec<usize> {
    let terms: Vec<&str> = filter.split_whitespace().collect();
    let matcher = SkimMatcherV2::default().smart_case();
    let mut shown: Vec<(usize, i64)> = docs
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            if terms.is_empty() {
                return Some((i, 0));
            }
            let hay = haystack(d);
            terms
                .iter()
                .map(|t| matcher.fuzzy_match(&hay, t))
                .sum::<Option<i64>>()
                .map(|score| (i, score))
        })
        .collect();
    match sort {
        DocSort::Path if !terms.is_empty() => shown.sort_by_key(|&(i, score)| (-score, i)),
        DocSort::Path => {}
        DocSort::Date => shown.sort_by_key(|&(i, _)| (date_key(docs[i].date.as_deref()), i)),
        DocSort::Title => {
            shown.sort_by_cached_key(|&(i, _)| (docs[i].display_title().to_lowercase(), i))
        }
    }
    shown.into_iter().map(|(i, _)| i).collect()
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A date as written → (year, month, day) to sort by; undated (and
/// unreadable) dates sort after every date. Reads `2021-01-20`,
/// `Monday, October 5, 2015`, `5 October 2015`, `07.07.2025` (day first)
/// and `10/05/2015` (month first, as American transcripts write it).
pub fn date_key(date: Option<&str>) -> (u16, u8, u8) {
    const UNDATED: (u16, u8, u8) = (u16::MAX, 0, 0);
    let Some(date) = date else { return UNDATED };
    let words: Vec<String> = date
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let year = words
        .iter()
        .filter_map(|w| w.parse::<u16>().ok())
        .find(|y| (1000..=9999).contains(y));
    let Some(year) = year else { return UNDATED };
    let month_word = words.iter().find_map(|w| {
        MONTHS
            .iter()
            .position(|m| w.len() >= 3 && w.starts_with(m))
            .map(|m| m as u8 + 1)
    });
    let numbers: Vec<u8> = words
        .iter()
        .filter_map(|w| w.parse::<u16>().ok())
        .filter(|&n| (1..=31).contains(&n))
        .map(|n| n as u8)
        .collect();
    let (month, day) = match month_word {
        Some(m) => (m, numbers.first().copied().unwrap_or(0)),
        None => {
            let iso = date.trim_start().as_bytes().get(4) == Some(&b'-');
            match numbers.as_slice() {
                [m, d, ..] if iso => (*m, *d),
                [d, m, ..] if date.contains('.') => (*m, *d),
                [m, d, ..] => (*m, *d),
                [m] => (*m, 0),
                [] => (0, 0),
            }
        }
    };
    (year, month.min(12), day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(path: &str, title: &str, date: Option<&str>) -> Document {
        let mut d = Document::empty(path);
        d.title = Some(title.into());
        d.date = date.map(str::to_string);
        d
    }

    #[test]
    fn dates_as_transcripts_write_them_sort_in_time() {
        let written = [
            "Monday, October 5, 2015",
            "2015-10-06",
            "7 October 2015",
            "08.10.2015",
            "10/09/2015",
        ];
        let keys: Vec<_> = written.iter().map(|d| date_key(Some(d))).collect();
        assert_eq!(
            keys,
            [
                (2015, 10, 5),
                (2015, 10, 6),
                (2015, 10, 7),
                (2015, 10, 8),
                (2015, 10, 9)
            ]
        );
        assert!(date_key(None) > date_key(Some("9999-12-31")));
        assert_eq!(date_key(Some("no date here")), date_key(None));
    }

    #[test]
    fn a_filter_narrows_and_ranks_and_the_sorts_order() {
        let docs = vec![
            doc("a.txt", "Briefing by Jen Psaki", Some("2021-03-01")),
            doc(
                "b.txt",
                "Chair Powell's press conference",
                Some("2020-01-29"),
            ),
            doc("c.txt", "Interview with the Secretary General", None),
            doc("d.txt", "Another briefing by Psaki", Some("2021-01-20")),
        ];
        assert_eq!(order(&docs, "", DocSort::Path), [0, 1, 2, 3]);
        assert_eq!(order(&docs, "", DocSort::Date), [1, 3, 0, 2]);
        assert_eq!(order(&docs, "", DocSort::Title), [3, 0, 1, 2]);
        // Every term must match; fuzzily, across the fields.
        assert_eq!(order(&docs, "psaki 01-20", DocSort::Path), [3]);
        let psaki = order(&docs, "psk", DocSort::Date);
        assert_eq!(psaki, [3, 0]);
        assert!(order(&docs, "zzz", DocSort::Path).is_empty());
        // The file name counts too (fuzzily: best match first).
        assert_eq!(order(&docs, "c.txt", DocSort::Path)[0], 2);
    }
}
