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

/// Calls `f` with every word of `text` (as [`words`], without counting
/// characters): the indexer's inner loop, one table lookup per ASCII byte.
#[inline]
pub fn for_each_word<'t>(text: &'t str, mut f: impl FnMut(&'t str)) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    let is_word_at = |i: usize| -> (bool, usize) {
        let b = bytes[i];
        if b < 0x80 {
            (ASCII_WORD[usize::from(b)], 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (is_word_char(c), c.len_utf8())
        }
    };
    while i < n {
        let (word, len) = is_word_at(i);
        if !word {
            i += len;
            continue;
        }
        let start = i;
        i += len;
        while i < n {
            let (word, len) = is_word_at(i);
            if !word {
                break;
            }
            i += len;
        }
        f(&text[start..i]);
    }
}

/// ASCII letters and digits.
static ASCII_WORD: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

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

    #[test]
    fn for_each_word_agrees_with_words() {
        let text = "Таджикско-афганской border, Tajik-Afghan! ёж 3.5 don't";
        let mut fast = Vec::new();
        for_each_word(text, |w| fast.push(w));
        let slow: Vec<_> = words(text).map(|w| &text[w.start..w.end]).collect();
        assert_eq!(fast, slow);
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
