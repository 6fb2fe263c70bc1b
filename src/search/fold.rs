//! Text normalisation for search: case and accent folding, and words.
//!
//! Folding is strictly one character to one character, so a character index
//! into folded text is the same index into the original: highlights found on
//! folded words land on the right letters of the statement as written, also
//! in multi-byte text. That is why `æ` or `ß` stay as they are instead of
//! becoming two letters.

/// Latin-1 Supplement U+00C0..=U+00FF without their diacritics.
const LATIN1: &str = "AAAAAAÆCEEEEIIIIDNOOOOO×OUUUUYÞßaaaaaaæceeeeiiiidnooooo÷ouuuuyþy";
/// Latin Extended-A U+0100..=U+017F without their diacritics.
const LATIN_EXT_A: &str = concat!(
    "AaAaAa",
    "CcCcCcCc",
    "DdDd",
    "EeEeEeEeEe",
    "GgGgGgGg",
    "HhHh",
    "IiIiIiIiIi",
    "Ĳĳ",
    "Jj",
    "Kkĸ",
    "LlLlLlLlLl",
    "NnNnNnnŊŋ",
    "OoOoOo",
    "Œœ",
    "RrRrRr",
    "SsSsSsSs",
    "TtTtTt",
    "UuUuUuUuUuUu",
    "Ww",
    "YyY",
    "ZzZzZz",
    "s"
);

/// `c` without its accent, case kept (`É` → `E`, `ё` → `е`).
pub fn strip_accent(c: char) -> char {
    let n = c as u32;
    match n {
        0..0xC0 => c,
        0xC0..=0xFF => LATIN1.chars().nth((n - 0xC0) as usize).unwrap_or(c),
        0x100..=0x17F => LATIN_EXT_A.chars().nth((n - 0x100) as usize).unwrap_or(c),
        0x401 => 'Е',
        0x451 => 'е',
        _ => c,
    }
}

/// `c` lowercased (one character) and without its accent.
#[inline]
pub fn fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let lower = c.to_lowercase().next().unwrap_or(c);
    strip_accent(lower)
}

/// Appends `text` folded to `out`.
pub fn fold_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        let from = out.len();
        out.push_str(text);
        out[from..].make_ascii_lowercase();
    } else {
        out.extend(text.chars().map(fold));
    }
}

/// `text` folded.
pub fn folded(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// Whether `c` is part of a word (letters and digits of any script).
#[inline]
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// One word of a text: byte range and the index of its first character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub first_char: usize,
}

/// The words of `text`, in order. Hyphens and apostrophes separate words:
/// "Tajik-Afghan" is two words, so either one finds it.
pub fn words(text: &str) -> Words<'_> {
    Words {
        text,
        pos: 0,
        chars: 0,
    }
}

pub struct Words<'a> {
    text: &'a str,
    pos: usize,
    chars: usize,
}

impl Iterator for Words<'_> {
    type Item = Word;

    fn next(&mut self) -> Option<Word> {
        let bytes = self.text.as_bytes();
        // Skip separators.
        loop {
            let &b = bytes.get(self.pos)?;
            if b < 0x80 {
                if b.is_ascii_alphanumeric() {
                    break;
                }
                self.pos += 1;
                self.chars += 1;
            } else {
                let c = self.text[self.pos..].chars().next()?;
                if is_word_char(c) {
                    break;
                }
                self.pos += c.len_utf8();
                self.chars += 1;
            }
        }
        let start = self.pos;
        let first_char = self.chars;
        while let Some(&b) = bytes.get(self.pos) {
            if b < 0x80 {
                if !b.is_ascii_alphanumeric() {
                    break;
                }
                self.pos += 1;
            } else {
                let Some(c) = self.text[self.pos..].chars().next() else {
                    break;
                };
                if !is_word_char(c) {
                    break;
                }
                self.pos += c.len_utf8();
            }
            self.chars += 1;
        }
        Some(Word {
            start,
            end: self.pos,
            first_char,
        })
    }
}

/// Calls `f` with the byte range of every word of `text` (as [`words`])
/// and a 64-bit hash of its bytes: the indexer's inner loop. ASCII is
/// scanned eight bytes at a time (a word is about seven bytes, so that is
/// mostly one step to skip the space and one to find the word's end) and
/// hashed from the same eight-byte loads; other characters go one at a
/// time. `f` gets a range, not a `&str`, because slicing checks character
/// boundaries and the indexer needs the text only for a new spelling.
///
/// The hash depends only on the word's bytes, and words shorter than eight
/// ASCII bytes never collide (an odd multiplier is a bijection).
#[inline]
pub fn for_each_word_keyed(text: &str, mut f: impl FnMut(usize, usize, u64)) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        // Skip separators. Zeros past the end are separators, so a stop
        // found is inside the text.
        let x = load(bytes, i);
        let stop = ascii_alnum(x) | (x & HIGHS);
        if stop == 0 {
            i += 8;
            continue;
        }
        let first = stop & stop.wrapping_neg();
        i += (first.trailing_zeros() / 8) as usize;
        if x & first != 0 {
            let c = text[i..].chars().next().unwrap_or(' ');
            if !is_word_char(c) {
                i += c.len_utf8();
                continue;
            }
        }
        // The word: ASCII letters and digits eight at a time, anything
        // else through `char`; every step mixes what it read into the key.
        let start = i;
        let mut key = 0u64;
        loop {
            let x = load(bytes, i);
            let stop = (!ascii_alnum(x) | x) & HIGHS;
            if stop == 0 {
                key = mix(key, x);
                i += 8;
                continue;
            }
            let first = stop & stop.wrapping_neg();
            // The bytes before the stop, and where the stop is.
            key = mix(key, x & ((first >> 7) - 1));
            i += (first.trailing_zeros() / 8) as usize;
            if x & first == 0 {
                break;
            }
            let c = text[i..].chars().next().unwrap_or(' ');
            if !is_word_char(c) {
                break;
            }
            key = mix(key, u64::from(c));
            i += c.len_utf8();
        }
        f(start, i, key);
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Eight bytes from `i` on, little-endian (byte `i` lowest); zeros past
/// the end, which are separators.
#[inline]
fn load(bytes: &[u8], i: usize) -> u64 {
    match bytes.get(i..i + 8) {
        Some(chunk) => u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])),
        None => {
            let mut padded = [0u8; 8];
            let rest = bytes.get(i..).unwrap_or_default();
            padded[..rest.len()].copy_from_slice(rest);
            u64::from_le_bytes(padded)
        }
    }
}

/// The high bit of every byte of `x` that is an ASCII letter or digit.
#[inline]
fn ascii_alnum(x: u64) -> u64 {
    // `b + 0x80 - lo` has its high bit set iff `b >= lo` when `b < 0x80`:
    // with the high bits cleared first no byte carries into the next.
    let low = x & !HIGHS;
    let at_least = |v: u64, lo: u8| v + ONES * u64::from(0x80 - lo);
    let digit = at_least(low, b'0') & !at_least(low, b'9' + 1);
    // `| 0x20` lowercases letters and maps no other byte into a..=z.
    let lower = low | (ONES * 0x20);
    let letter = at_least(lower, b'a') & !at_least(lower, b'z' + 1);
    (digit | letter) & !x & HIGHS
}

#[inline]
fn mix(key: u64, v: u64) -> u64 {
    (key.rotate_left(5) ^ v).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// A 64-bit set of the characters in folded text: a word can only match a
/// term whose set is a subset of its own. Letters and digits get a bit each,
/// every other character shares one of the remaining bits.
#[inline]
pub fn char_bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        _ => 1 << (36 + (c as u32 % 28)),
    }
}

pub fn char_mask(folded: &str) -> u64 {
    if folded.is_ascii() {
        folded.bytes().fold(0, |m, b| m | char_bit(char::from(b)))
    } else {
        folded.chars().fold(0, |m, c| m | char_bit(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_cover_their_blocks() {
        assert_eq!(LATIN1.chars().count(), 0x40);
        assert_eq!(LATIN_EXT_A.chars().count(), 0x80);
    }

    #[test]
    fn folds_case_and_accents_one_char_each() {
        assert_eq!(folded("Éléphant Ça"), "elephant ca");
        assert_eq!(folded("Ёлка ЁЖ"), "елка еж");
        assert_eq!(folded("Łódź Škoda"), "lodz skoda");
        assert_eq!(folded("Straße"), "straße");
        for s in ["İstanbul", "ǅemal", "ﬁne", "ΣΊΣΥΦΟΣ"] {
            assert_eq!(folded(s).chars().count(), s.chars().count(), "{s}");
        }
    }

    fn keyed(text: &str) -> Vec<(&str, u64)> {
        let mut out = Vec::new();
        for_each_word_keyed(text, |start, end, k| out.push((&text[start..end], k)));
        out
    }

    #[test]
    fn keyed_words_agree_with_words() {
        let text = "Таджикско-афганской border, Tajik-Afghan! ёж 3.5 don't … ok";
        let fast: Vec<_> = keyed(text).into_iter().map(|(w, _)| w).collect();
        let slow: Vec<_> = words(text).map(|w| &text[w.start..w.end]).collect();
        assert_eq!(fast, slow);
    }

    #[test]
    fn keys_depend_on_the_word_alone() {
        // The same words at every alignment and before every kind of
        // separator get the same keys; different words different ones.
        let list = [
            "a",
            "ab",
            "security",
            "securitys",
            "parliamentary",
            "ёж",
            "b2b",
            "Ab",
        ];
        let mut seen = std::collections::HashMap::new();
        for pad in 0..9 {
            for sep in [" ", ", ", "—", "\u{1}", "@", "[", "`", "{", "/", ":"] {
                let text = format!("{}{}", " ".repeat(pad), list.join(sep));
                let got = keyed(&text);
                assert_eq!(got.len(), list.len(), "{text:?}");
                for (w, k) in got {
                    assert_eq!(
                        *seen.entry(w.to_string()).or_insert(k),
                        k,
                        "{w:?} in {text:?}"
                    );
                }
            }
        }
        let mut keys: Vec<_> = seen.values().collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), list.len());
    }

    proptest::proptest! {
        #[test]
        fn keyed_words_agree_with_words_on_any_text(
            text in "[a-zA-Z0-9 .,'@\\[`{/:\\-ёЖé…—\u{1}\u{7f}]{0,40}"
        ) {
            let fast: Vec<_> = keyed(&text).into_iter().map(|(w, _)| w).collect();
            let slow: Vec<_> = words(&text).map(|w| &text[w.start..w.end]).collect();
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn words_split_on_hyphens_and_count_chars() {
        let text = "Таджикско-афганской border, Tajik-Afghan!";
        let w: Vec<_> = words(text).map(|w| &text[w.start..w.end]).collect();
        assert_eq!(w, ["Таджикско", "афганской", "border", "Tajik", "Afghan"]);
        let firsts: Vec<_> = words(text).map(|w| w.first_char).collect();
        assert_eq!(firsts, [0, 10, 20, 28, 34]);
    }
}
