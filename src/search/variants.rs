//! Which other vocabulary words count as the word a term names: its
//! inflections (`negotiation` → `negotiations`, `negotiated`;
//! `безопасность` → `безопасности`) and its spellings a typo or two away
//! (`secruity` → `security`). Both are found in the vocabulary, never in
//! the statements: a term costs the same at a thousand statements or a
//! million.
//!
//! Inflections come from the Snowball stemmers (rust-stemmers: English for
//! Latin letters, Russian for Cyrillic). A stemmer only strips endings, so
//! every word that shares a term's stem sits in the sorted vocabulary's
//! block of words starting with that stem (English turns a final `y` into
//! `i`, `happy` → `happi`: the block is of the stem less that `i`).
//!
//! Typos follow the budget search engines people know use (Meilisearch,
//! Typesense): none for a term of up to four letters, one edit from five,
//! two from nine; an edit is a letter added, dropped, changed, or two
//! neighbours swapped. The first letter is taken as typed (or swapped with
//! the second), as spelling checkers do.

use std::borrow::Cow;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

use super::fold::char_mask;
use super::index::Index;

/// Letters a term needs before one typo is forgiven.
pub const ONE_TYPO_FROM: usize = 5;
/// Letters a term needs before two typos are forgiven.
pub const TWO_TYPOS_FROM: usize = 9;

/// The edits forgiven in a term of `chars` letters.
pub fn typo_budget(chars: usize) -> usize {
    if chars >= TWO_TYPOS_FROM {
        2
    } else if chars >= ONE_TYPO_FROM {
        1
    } else {
        0
    }
}

static ENGLISH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));
static RUSSIAN: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Russian));

/// The stem of a folded word, by its script; None for a word no stemmer
/// here knows (digits, other scripts, mixed) or too short to inflect.
pub fn stem(word: &str) -> Option<Cow<'_, str>> {
    if word.chars().count() < 3 {
        return None;
    }
    if word.bytes().all(|b| b.is_ascii_lowercase()) {
        Some(ENGLISH.stem(word))
    } else if word
        .chars()
        .all(|c| ('\u{430}'..='\u{44f}').contains(&c) || c == 'ё')
    {
        Some(RUSSIAN.stem(word))
    } else {
        None
    }
}

/// The most vocabulary words an inflection lookup stems: a short stem's
/// block can hold thousands of words, and its inflections are among the
/// shortest of them anyway (see [`MAX_ENDING`]).
const MAX_STEMMED: usize = 500;
/// The longest ending (in bytes) an inflection adds to its stem.
const MAX_ENDING: usize = 12;

/// The vocabulary words that share `term`'s stem (the term itself among
/// them when the corpus has it).
pub fn inflections(index: &Index, term: &str) -> Vec<u32> {
    let Some(stem) = stem(term) else {
        return Vec::new();
    };
    // English's `y` → `i`: the block of the stem without it holds both.
    let prefix = match stem.strip_suffix('i') {
        Some(less) if term.is_ascii() && !less.is_empty() => less,
        _ => &stem,
    };
    let block = index.prefix_block(prefix);
    block
        .filter(|&w| index.word(w).len() <= stem.len() + MAX_ENDING)
        .take(MAX_STEMMED)
        .filter(|&w| self::stem(index.word(w)).is_some_and(|s| s == stem))
        .collect()
}

/// The vocabulary words within `budget` edits of `term` (and not `term`
/// itself), with their distance. Only words that start as the term does,
/// or with its first two letters swapped, are looked at: people rarely
/// mistype the first letter (spelling checkers assume as much), and it
/// keeps the scan to one or two blocks of the sorted vocabulary. Within
/// them, word lengths and letter sets first: most words are told apart by
/// those two numbers.
pub fn typos(index: &Index, term: &str, budget: usize) -> Vec<(u32, usize)> {
    if budget == 0 {
        return Vec::new();
    }
    let mask = char_mask(term);
    let term_chars: Vec<char> = term.chars().collect();
    let mut starts = vec![term_chars[..1].iter().collect::<String>()];
    if let [a, b, ..] = term_chars[..]
        && a != b
    {
        starts.push([b, a].iter().collect());
    }
    let mut out = Vec::new();
    let mut buf = Vec::new();
    for start in &starts {
        for w in index.prefix_block(start) {
            // Each edit adds or removes at most two letters of the set.
            if (index.word_masks[w as usize] ^ mask).count_ones() as usize > 2 * budget {
                continue;
            }
            let word = index.word(w);
            let chars = if word.is_ascii() {
                word.len()
            } else {
                word.chars().count()
            };
            if chars.abs_diff(term_chars.len()) > budget || word == term {
                continue;
            }
            buf.clear();
            buf.extend(word.chars());
            if let Some(d) = edits_within(&term_chars, &buf, budget) {
                out.push((w, d));
            }
        }
    }
    out
}

/// The longest word (in characters) [`edits_within`] compares; longer
/// ones are never within a typo budget of a term (terms are cut shorter).
const MAX_EDIT_CHARS: usize = 80;

/// The edit distance between `a` and `b` (letters added, dropped, changed,
/// or two neighbours swapped), when it is at most `k`.
pub fn edits_within(a: &[char], b: &[char], k: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > k || b.len() >= MAX_EDIT_CHARS {
        return None;
    }
    // Three rows of the optimal-string-alignment table, on the stack (this
    // runs for every vocabulary word that passes the cheap filters), taken
    // in turn as the row before last, the last and the current one.
    let n = b.len();
    let mut rows = [[0u8; MAX_EDIT_CHARS]; 3];
    for (j, cell) in rows[1].iter_mut().enumerate().take(n + 1) {
        *cell = j as u8;
    }
    let (mut before, mut prev, mut cur) = (0, 1, 2);
    for i in 1..=a.len() {
        rows[cur][0] = i.min(255) as u8;
        let mut best = rows[cur][0];
        for j in 1..=n {
            let cost = u8::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[prev][j] + 1)
                .min(rows[cur][j - 1] + 1)
                .min(rows[prev][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[before][j - 2] + 1);
            }
            rows[cur][j] = d;
            best = best.min(d);
        }
        if usize::from(best) > k {
            return None;
        }
        (before, prev, cur) = (prev, cur, before);
    }
    let d = usize::from(rows[prev][n]);
    (d <= k).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn edits_count_swaps_as_one() {
        assert_eq!(
            edits_within(&chars("secruity"), &chars("security"), 2),
            Some(1)
        );
        assert_eq!(
            edits_within(&chars("secrity"), &chars("security"), 1),
            Some(1)
        );
        assert_eq!(
            edits_within(&chars("sekurity"), &chars("security"), 1),
            Some(1)
        );
        assert_eq!(
            edits_within(&chars("security"), &chars("securities"), 1),
            None
        );
        assert_eq!(
            edits_within(&chars("security"), &chars("securities"), 2),
            None
        );
        assert_eq!(
            edits_within(&chars("govrnmnt"), &chars("government"), 2),
            Some(2)
        );
        assert_eq!(edits_within(&chars("abc"), &chars("abc"), 0), Some(0));
        assert_eq!(
            edits_within(&chars("esecurity"), &chars("security"), 1),
            Some(1)
        );
        assert_eq!(edits_within(&chars("iran"), &chars("iraq"), 0), None);
    }

    #[test]
    fn the_typo_budget_grows_with_the_term() {
        assert_eq!(typo_budget(4), 0);
        assert_eq!(typo_budget(5), 1);
        assert_eq!(typo_budget(8), 1);
        assert_eq!(typo_budget(9), 2);
    }

    #[test]
    fn inflections_share_a_stem_in_english_and_russian() {
        assert_eq!(stem("negotiations"), stem("negotiated"));
        assert_eq!(stem("negotiation"), stem("negotiating"));
        assert_eq!(stem("безопасность"), stem("безопасности"));
        assert_eq!(stem("happy"), stem("happiness"));
        assert_ne!(stem("iran"), stem("irritants"));
        assert_eq!(stem("10th"), None);
    }
}
