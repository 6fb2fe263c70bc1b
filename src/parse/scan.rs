//! Text helpers every step of the parser shares: counting words the same
//! way everywhere (Chinese and Japanese included), so that one step's "three
//! words" is another's; what a capital, a space and a CJK character are;
//! trimming and space folding; splitting lines.

use std::borrow::Cow;

/// Words in `s`: the pieces between spaces, where a piece written in
/// Chinese or Japanese script counts a word for every two of its ideographs
/// or kana (those scripts put no spaces between words), plus one when it
/// also holds other letters or digits (`Tom很好` is a name and a word).
pub fn word_count(s: &str) -> usize {
    let b = s.as_bytes();
    // Paragraph text has its spaces folded to one, so the pieces are the
    // spaces plus one (less a space at either end). Counted in blocks small
    // enough for a byte counter, which the compiler vectorises (a plain
    // `filter().count()` goes byte by byte); a second fold notes whether any
    // byte could start a CJK character (U+3000 and up start with 0xE3 or
    // more in UTF-8).
    let (mut spaces, mut wide, mut doubled) = (0usize, 0u8, 0u8);
    let next = b.get(1..).unwrap_or_default();
    for (chunk, after) in b
        .chunks(255)
        .zip(next.chunks(255).chain(std::iter::repeat(&[][..])))
    {
        spaces += usize::from(chunk.iter().fold(0u8, |n, &c| n + u8::from(c == b' ')));
        wide |= chunk.iter().fold(0u8, |m, &c| m | u8::from(c >= 0xE3));
        doubled |= chunk
            .iter()
            .zip(after)
            .fold(0u8, |m, (&c, &d)| m | u8::from(c == b' ' && d == b' '));
    }
    if wide == 0 && doubled == 0 {
        let edges = usize::from(b.first() == Some(&b' ')) + usize::from(b.last() == Some(&b' '));
        // `" "` alone: one space at both ends, no piece.
        return (spaces + 1)
            .saturating_sub(edges)
            .min(b.len() - spaces.min(b.len()));
    }
    s.split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let cjk = w.chars().filter(|&c| is_cjk(c)).count();
            if cjk == 0 {
                1
            } else {
                let other = w.chars().any(|c| c.is_alphanumeric() && !is_cjk(c));
                cjk.div_ceil(2) + usize::from(other)
            }
        })
        .sum()
}

/// A character of Chinese or Japanese script (ideographs, kana), written
/// without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// A letter that can start a name: a capital, or a letter of a script
/// without case that writes spaces between words (Arabic, Hebrew, Hangul,
/// Devanagari…), where every name starts with such a letter. Chinese and
/// Japanese are left out: they write no spaces, so a whole clause before a
/// colon would pass for a name (their labels are read by [`cjk_label`]).
pub fn is_capital(c: char) -> bool {
    c.is_uppercase() || (!c.is_lowercase() && c.is_alphabetic() && !c.is_ascii() && !is_cjk(c))
}

pub fn is_space(c: char) -> bool {
    c == ' '
        || c == '\u{a0}'
        || c == '\u{202f}'
        || ('\u{2000}'..='\u{200a}').contains(&c)
        || c == '\u{3000}'
}

/// The length in bytes of the [`is_space`] character starting at byte `i` of
/// `b` (valid UTF-8), or 0 when none does. Reads the UTF-8 encodings instead
/// of decoding: U+00A0 is `C2 A0`, U+2000–U+200A are `E2 80 80`–`E2 80 8A`,
/// U+202F is `E2 80 AF`, U+3000 is `E3 80 80`.
pub(crate) fn space_len(b: &[u8], i: usize) -> usize {
    match b[i] {
        b' ' => 1,
        0xC2 if b.get(i + 1) == Some(&0xA0) => 2,
        0xE2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x80..=0x8A | 0xAF)) => {
            3
        }
        0xE3 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x80) => 3,
        _ => 0,
    }
}

pub(crate) const LO: u64 = 0x0101_0101_0101_0101;

pub(crate) const HI: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `w` that equals `byte`, exactly (no false
/// positives from borrows, unlike the shorter `has_zero` trick).
pub(crate) fn bytes_equal(w: u64, byte: u8) -> u64 {
    let x = w ^ (LO * u64::from(byte));
    !(((x & !HI) + !HI) | x) & HI
}

/// `s` without leading and trailing characters matching `pred`. Most lines
/// start and end with a visible ASCII character: then nothing is decoded
/// (and, inlined, nothing is called).
#[inline(always)]
pub fn trim_with(s: &str, pred: impl Fn(char) -> bool) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(&a), Some(&z)) if a < 0x80 && z < 0x80 && !pred(a as char) && !pred(z as char) => s,
        _ => trim_slow(s, pred),
    }
}

/// [`trim_with`] for lines that start or end with a space or a non-ASCII
/// character.
#[inline(never)]
pub(crate) fn trim_slow(s: &str, pred: impl Fn(char) -> bool) -> &str {
    // ASCII bytes are looked at as they are; only other characters are decoded.
    let b = s.as_bytes();
    let mut start = 0;
    while start < b.len() {
        if b[start] < 0x80 {
            if !pred(b[start] as char) {
                break;
            }
            start += 1;
        } else {
            let c = s[start..].chars().next().expect("a character boundary");
            if !pred(c) {
                break;
            }
            start += c.len_utf8();
        }
    }
    let mut end = b.len();
    while end > start {
        if b[end - 1] < 0x80 {
            if !pred(b[end - 1] as char) {
                break;
            }
            end -= 1;
        } else {
            let c = s[start..end].chars().next_back().expect("a character");
            if !pred(c) {
                break;
            }
            end -= c.len_utf8();
        }
    }
    &s[start..end]
}

/// `s` without leading characters matching `pred` (see [`trim_with`]).
pub(crate) fn trim_start_with(s: &str, pred: impl Fn(char) -> bool) -> &str {
    let mut t = s;
    while let Some(c) = t.chars().next()
        && pred(c)
    {
        t = &t[c.len_utf8()..];
    }
    t
}

/// `s` without trailing characters matching `pred` (see [`trim_with`]).
pub(crate) fn trim_end_with(s: &str, pred: impl Fn(char) -> bool) -> &str {
    let mut t = s;
    while let Some(c) = t.chars().next_back()
        && pred(c)
    {
        t = &t[..t.len() - c.len_utf8()];
    }
    t
}

/// `text.split('\n')`, eight bytes at a time: lines are short, and a search
/// call per line costs more than it saves.
pub(crate) fn split_newlines(text: &str) -> Vec<&str> {
    let b = text.as_bytes();
    let mut lines = Vec::with_capacity(b.len() / 40 + 1);
    let mut start = 0;
    let mut words = b.chunks_exact(8);
    let mut at = 0;
    for word in &mut words {
        let mut nl = bytes_equal(
            u64::from_le_bytes(word.try_into().expect("eight bytes")),
            b'\n',
        );
        while nl != 0 {
            let i = at + nl.trailing_zeros() as usize / 8;
            nl &= nl - 1;
            lines.push(&text[start..i]);
            start = i + 1;
        }
        at += 8;
    }
    for (k, &c) in words.remainder().iter().enumerate() {
        if c == b'\n' {
            lines.push(&text[start..at + k]);
            start = at + k + 1;
        }
    }
    lines.push(&text[start..]);
    lines
}

/// `s.chars().count()` for the short strings of one line: the bytes that
/// start a character (all but `0x80..=0xBF`), counted in blocks small enough
/// for a byte counter, which the compiler vectorises.
pub(crate) fn char_count(s: &str) -> usize {
    s.as_bytes()
        .chunks(255)
        .map(|c| usize::from(c.iter().fold(0u8, |n, &b| n + u8::from((b as i8) >= -0x40))))
        .sum()
}

/// Folds every run of (Unicode) spaces to one ASCII space and trims.
///
/// Runs once or twice per line, so it looks at eight bytes at a time and
/// only at the bytes that may need a change: the second of two ASCII spaces
/// in a row, and bytes that may start a Unicode space. Most lines need no
/// change and are returned borrowed; otherwise the text between runs is
/// copied in slices.
pub fn fold_spaces(s: &str) -> Cow<'_, str> {
    let t = trim_with(s, is_space);
    let b = t.as_bytes();
    let mut out: Option<String> = None;
    // `t[..copied]` is in `out` (or needs no change).
    let mut copied = 0;
    // Where the last run looked at ended.
    let mut done = 0;
    // The space flag of the previous word's last byte, at bit 7.
    let mut carry = 0u64;
    for at in (0..b.len()).step_by(8) {
        let w = load_word(b, at);
        let sp = bytes_equal(w, b' ');
        let mut marks = sp & ((sp << 8) | carry);
        carry = sp >> 56;
        if w & HI != 0 {
            // Unicode spaces start with 0xC2, 0xE2 or 0xE3; masking with 0xDE
            // maps those (and, harmlessly, 0xC3) to 0xC2.
            marks |= bytes_equal(w & (LO * 0xDE), 0xC2);
        }
        while marks != 0 {
            let k = at + marks.trailing_zeros() as usize / 8;
            marks &= marks - 1;
            // Positions inside a run already folded are skipped.
            if k >= done {
                done = fold_run(t, k, &mut copied, &mut out);
            }
        }
    }
    match out {
        None => Cow::Borrowed(t),
        Some(mut o) => {
            o.push_str(&t[copied..]);
            Cow::Owned(o)
        }
    }
}

/// The eight bytes of `b` from `at` as a little-endian word; past the end,
/// zero bytes (neither spaces nor lead bytes of any character).
#[inline(always)]
pub(crate) fn load_word(b: &[u8], at: usize) -> u64 {
    match b.get(at..at + 8) {
        Some(word) => u64::from_le_bytes(word.try_into().expect("eight bytes")),
        None => {
            let mut word = [0u8; 8];
            word[..b.len() - at].copy_from_slice(&b[at..]);
            u64::from_le_bytes(word)
        }
    }
}

/// For [`fold_spaces`]: when byte `k` of the trimmed `t` starts a space, the
/// run of spaces around it (only ASCII spaces can stand before `k` unseen)
/// goes into `out` as one ASCII space, unless it is a lone ASCII space.
/// Returns where the run ends (`k + 1` when there is none).
pub(crate) fn fold_run(t: &str, k: usize, copied: &mut usize, out: &mut Option<String>) -> usize {
    let b = t.as_bytes();
    let n = space_len(b, k);
    if n == 0 {
        return k + 1;
    }
    let mut start = k;
    while start > *copied && b[start - 1] == b' ' {
        start -= 1;
    }
    let mut end = k + n;
    while end < b.len() {
        match space_len(b, end) {
            0 => break,
            m => end += m,
        }
    }
    if end - start > 1 {
        let o = out.get_or_insert_with(|| String::with_capacity(t.len()));
        o.push_str(&t[*copied..start]);
        o.push(' ');
        *copied = end;
    }
    end
}

/// `f` of `w` lower-cased: on the stack when `w` is short ASCII (nearly every
/// word a word list is asked about), else allocated. For the lookups that
/// run on every word or label of every document.
pub(crate) fn with_lowercase<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    // Most words are lower case already: asked as they are, not copied.
    if w.bytes()
        .all(|b| b.is_ascii_lowercase() || !b.is_ascii_alphabetic() && b.is_ascii())
    {
        return f(w);
    }
    let mut buf = [0u8; 24];
    match buf.get_mut(..w.len()).filter(|_| w.is_ascii()) {
        Some(low) => {
            low.copy_from_slice(w.as_bytes());
            low.make_ascii_lowercase();
            f(std::str::from_utf8(low).expect("ASCII"))
        }
        None => f(&w.to_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::word_count;

    #[test]
    fn words_are_counted_in_every_script() {
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("one"), 1);
        assert_eq!(word_count("one two three"), 3);
        assert_eq!(word_count("Привет, как дела?"), 3);
        // Seven ideographs and a full-width mark: about four words, not one.
        assert_eq!(word_count("你最近在忙什么？"), 4);
        assert_eq!(word_count("问答 x"), 2);
        assert!(word_count("我在写一本关于城市的书。") >= 3);
        // Mixed: a Latin name inside Chinese text.
        assert_eq!(word_count("我 Tom 很好"), 3);
        assert_eq!(word_count("  two  spaced  "), 2);
        assert_eq!(word_count("Tom很好"), 2);
    }
}
