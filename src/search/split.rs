//! Statements: a paragraph cut into sentences.
//!
//! A sentence ends at `.`, `?`, `!` or `…` (with any closing quotes or
//! brackets after it) when whitespace and then something that can start a
//! sentence follow: an uppercase letter, a digit, an opening quote or a dash.
//! A period does not end one after a known abbreviation ("Mr.", "No. 5"),
//! a single capital (initials: "J. R. Smith"), or a dotted abbreviation
//! ("U.S.", "т.е."); decimals ("3.5") never have the space after them.
//! `unicode-segmentation` knows none of the abbreviations, which is most of
//! the work, so this is written by hand.

use std::ops::Range;

use crate::parse::lexicon::ABBREVIATIONS;

/// [`ABBREVIATIONS`] of at most 8 bytes, byte `i` in bits `8i..8i + 8`
/// (0 for longer ones, which no word of at most 6 bytes packs to), sorted
/// for a binary search.
const PACKED: [u64; ABBREVIATIONS.len()] = {
    let mut out = [0u64; ABBREVIATIONS.len()];
    let mut i = 0;
    while i < ABBREVIATIONS.len() {
        let a = ABBREVIATIONS[i].as_bytes();
        let mut k = 0;
        while k < a.len() && a.len() <= 8 {
            out[i] |= (a[k] as u64) << (8 * k);
            k += 1;
        }
        // Insertion sort, at compile time.
        let mut j = i;
        while j > 0 && out[j - 1] > out[j] {
            let t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
            j -= 1;
        }
        i += 1;
    }
    out
};

/// Byte ranges of the statements of `text`, trimmed, none empty.
pub fn statements(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    statements_into(text, &mut out);
    out
}

/// [`statements`] appended to `out`: the indexer reuses one vector for
/// every paragraph instead of allocating one each.
pub fn statements_into(text: &str, out: &mut Vec<Range<usize>>) {
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    // Scans bytes: every terminator is ASCII except `…` (E2 80 A6), and
    // continuation bytes of other characters never equal them.
    while i < bytes.len() {
        i = next_candidate(bytes, i);
        let Some(&b) = bytes.get(i) else { break };
        let len = match b {
            b'.' | b'?' | b'!' => 1,
            0xE2 if bytes[i..].starts_with("…".as_bytes()) => 3,
            _ => {
                i += 1;
                continue;
            }
        };
        let at = i;
        // The whole run of terminators and closers: "?!", "...", ".”", "?)".
        let mut j = i + len;
        for c in text[i + len..].chars() {
            if !matches!(
                c,
                '.' | '?' | '!' | '…' | '"' | '\'' | '”' | '’' | '»' | ')' | ']'
            ) {
                break;
            }
            j += c.len_utf8();
        }
        let end = j;
        let after = &text[j..];
        let next = after.trim_start();
        let followed_by_space = after.is_empty() || after.len() != next.len();
        if !followed_by_space {
            i = j;
            continue;
        }
        let k = text.len() - next.len();
        let next_char = next.chars().next();
        let next_starts = next_char.is_none_or(starts_sentence);
        let single_period = b == b'.' && j == at + 1;
        if next_starts && !(single_period && is_abbreviation(&text[start..at], next_char)) {
            push(text, start..end, out);
            start = k;
        }
        i = j.max(i + 1);
    }
    push(text, start..text.len(), out);
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` equal to `b`; exact up to the first
/// such byte (the borrow can mark bytes after it), which is all we read.
#[inline]
fn bytes_equal(x: u64, b: u8) -> u64 {
    let y = x ^ (ONES * u64::from(b));
    y.wrapping_sub(ONES) & !y & HIGHS
}

/// The first index from `i` on whose byte may start a terminator (`.`,
/// `?`, `!`, or E2, the first byte of `…`), or `bytes.len()`. Eight bytes
/// per step: a sentence is a hundred bytes with one terminator, and this
/// scan was most of the splitting's time byte by byte.
#[inline]
fn next_candidate(bytes: &[u8], mut i: usize) -> usize {
    let hits = |x: u64| {
        bytes_equal(x, b'.') | bytes_equal(x, b'?') | bytes_equal(x, b'!') | bytes_equal(x, 0xE2)
    };
    // Sixteen bytes a step while they last (one bounds check and branch
    // for both halves), then eight.
    while let Some(chunk) = bytes.get(i..i + 16) {
        let (a, b) = chunk.split_at(8);
        let a = hits(u64::from_le_bytes(a.try_into().unwrap_or([0; 8])));
        let b = hits(u64::from_le_bytes(b.try_into().unwrap_or([0; 8])));
        if a | b != 0 {
            return if a != 0 {
                i + (a.trailing_zeros() / 8) as usize
            } else {
                i + 8 + (b.trailing_zeros() / 8) as usize
            };
        }
        i += 16;
    }
    while let Some(chunk) = bytes.get(i..i + 8) {
        let h = hits(u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])));
        if h != 0 {
            return i + (h.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && !matches!(bytes[i], b'.' | b'?' | b'!' | 0xE2) {
        i += 1;
    }
    i
}

fn starts_sentence(c: char) -> bool {
    c.is_uppercase()
        || c.is_numeric()
        || matches!(
            c,
            '"' | '\'' | '“' | '‘' | '«' | '(' | '[' | '—' | '–' | '-' | '¿' | '¡'
        )
}

/// Whether the word before a period (`before` ends just before it) makes
/// the period part of an abbreviation rather than a sentence end.
fn is_abbreviation(before: &str, next: Option<char>) -> bool {
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '«'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    // No abbreviation is longer than 6 letters (12 bytes in Cyrillic): most
    // sentences end in a longer word and stop here.
    if word.is_empty() || word.len() > 12 {
        return false;
    }
    // Dotted: "U.S", "e.g", "т.е" (the last period is the one we are at).
    if word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2) {
        return true;
    }
    let mut letters = word.chars();
    if let (Some(first), None) = (letters.next(), letters.next())
        && first.is_uppercase()
    {
        // An initial: "J. Smith".
        return true;
    }
    if word.eq_ignore_ascii_case("no") || word.eq_ignore_ascii_case("nos") || word == "№" {
        // "No. 5" but "The answer is no. We…"
        return next.is_some_and(char::is_numeric);
    }
    if word.is_ascii() {
        // The longest ASCII abbreviation has 6 letters. Nearly every
        // sentence ends here, so the word is compared packed in one u64
        // rather than letter by letter with each abbreviation.
        word.len() <= 6 && {
            let packed = word
                .bytes()
                .rev()
                .fold(0u64, |v, b| v << 8 | u64::from(b.to_ascii_lowercase()));
            PACKED.binary_search(&packed).is_ok()
        }
    } else {
        ABBREVIATIONS.contains(&word.to_lowercase().as_str())
    }
}

fn push(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let piece = &text[range.clone()];
    let trimmed = piece.trim_start();
    let start = range.start + (piece.len() - trimmed.len());
    let trimmed = trimmed.trim_end();
    if !trimmed.is_empty() {
        out.push(start..start + trimmed.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        statements(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn ends_at_terminators() {
        assert_eq!(
            split("It works. Does it? Yes! Well… Maybe."),
            ["It works.", "Does it?", "Yes!", "Well…", "Maybe."]
        );
    }

    #[test]
    fn abbreviations_initials_and_decimals_do_not_end() {
        assert_eq!(
            split("Mr. Smith met Dr. Jones in the U.S. Army. J. R. R. Tolkien wrote it."),
            [
                "Mr. Smith met Dr. Jones in the U.S. Army.",
                "J. R. R. Tolkien wrote it."
            ]
        );
        assert_eq!(
            split("Growth was 3.5 percent. Resolution No. 5 passed."),
            ["Growth was 3.5 percent.", "Resolution No. 5 passed."]
        );
        assert_eq!(
            split("Ask MR. Smith, approx. Ten more. Then go."),
            ["Ask MR. Smith, approx. Ten more.", "Then go."]
        );
        assert_eq!(
            split("The answer is no. We stay."),
            ["The answer is no.", "We stay."]
        );
        assert_eq!(
            split("Это было в 2002 г. Тогда решили."),
            ["Это было в 2002 г. Тогда решили."]
        );
    }

    #[test]
    fn quotes_and_lowercase_continuations() {
        assert_eq!(
            split("He said: \"We will go.\" Then he left. “Why?” she asked."),
            [
                "He said: \"We will go.\"",
                "Then he left.",
                "“Why?” she asked."
            ]
        );
        assert_eq!(split("Wait... what?! OK."), ["Wait... what?!", "OK."]);
        assert_eq!(split("  "), Vec::<&str>::new());
        assert_eq!(split("No terminator"), ["No terminator"]);
    }

    #[test]
    fn ascii_abbreviations_are_lowercase() {
        // `is_abbreviation` lowercases the word and compares it packed.
        for a in ABBREVIATIONS.iter().filter(|a| a.is_ascii()) {
            assert_eq!(a.to_ascii_lowercase(), *a);
            assert!(a.len() <= 6, "{a}");
            // Found by the binary search over the packed table, any case.
            for w in [a.to_string(), a.to_uppercase()] {
                assert!(is_abbreviation(&format!("see {w}"), Some('5')), "{w}");
            }
        }
        assert!(!is_abbreviation("see mrx", Some('5')));
    }

    #[test]
    fn the_scan_finds_the_first_candidate_at_every_offset() {
        // Bytes next to the terminators' values, which a wrong mask would
        // take for them, and E1/E3 next to the ellipsis' first byte.
        let fill = "-/ \">@ᚠㄱ".repeat(6);
        for t in [".", "?", "!", "…"] {
            for k in 0..40 {
                let cut = fill.floor_char_boundary(k);
                let text = format!("{}{t}/ \u{1}>{}", &fill[..cut], "x".repeat(9));
                assert_eq!(next_candidate(text.as_bytes(), 0), cut, "{t:?} at {cut}");
                assert_eq!(
                    next_candidate(text.as_bytes(), cut + 1),
                    text.len(),
                    "{t:?}"
                );
            }
        }
    }

    #[test]
    fn cyrillic_sentences() {
        assert_eq!(
            split("Граница важна. Мы её укрепляем! Почему?"),
            ["Граница важна.", "Мы её укрепляем!", "Почему?"]
        );
    }
}
