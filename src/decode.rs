//! Decoding: raw bytes → clean Unicode text.
//!
//! Owns byte-order marks, UTF-8 / UTF-16 / legacy single-byte detection
//! (encoding_rs + chardetng), line-break normalisation and the removal of
//! every character that must never reach a terminal. What comes out contains
//! only `\n` line breaks and printable characters (tabs become spaces).

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

/// The result of decoding one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The encoding the bytes were read as (e.g. "UTF-8", "windows-1251").
    pub encoding: &'static str,
    /// Things the reader should know (replaced bytes, guessed encoding…).
    pub warnings: Vec<String>,
}

/// Why a file was not decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes outside UTF-16: not text.
    Binary,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Binary => write!(f, "binary file (contains NUL bytes), skipped"),
        }
    }
}

/// [`decode`] taking the bytes: clean UTF-8 (most files) becomes the text
/// in place, so a large file is held once, not twice.
pub fn decode_owned(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    let plain = !bytes.starts_with(b"\xEF\xBB\xBF")
        && !bytes.starts_with(b"\xFF\xFE")
        && !bytes.starts_with(b"\xFE\xFF")
        && utf16_without_bom(&bytes).is_none()
        && !memchr_nul(&bytes);
    if !plain {
        return decode(&bytes);
    }
    // Validated with SIMD (std's check drops off its fast path at each
    // curly quote and dash: it was 2% of a parse). The bytes are moved
    // into the String, not copied.
    let text = if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: `bytes` was just validated as UTF-8 and is not changed
        // between the check and here.
        Ok(unsafe { String::from_utf8_unchecked(bytes) })
    } else {
        Err(bytes)
    };
    match text {
        Ok(text) => {
            let changed = match clean(&text) {
                Cow::Borrowed(_) => None,
                Cow::Owned(cleaned) => Some(cleaned),
            };
            Ok(Decoded {
                text: changed.unwrap_or(text),
                encoding: "UTF-8",
                warnings: Vec::new(),
            })
        }
        Err(bytes) => decode(&bytes),
    }
}

/// Decodes `bytes` and cleans the text (see [`clean_text`]).
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let mut warnings = Vec::new();
    // Borrowed when the bytes are valid UTF-8 (the common case): no copy before cleaning.
    let (raw, encoding): (std::borrow::Cow<str>, &'static str) = if let Some(rest) =
        bytes.strip_prefix(b"\xEF\xBB\xBF")
    {
        (utf8_lossy(rest, &mut warnings).into(), "UTF-8")
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let enc = if bytes[0] == 0xFF { UTF_16LE } else { UTF_16BE };
        let (text, had_errors) = enc.decode_with_bom_removal(bytes);
        if had_errors {
            warnings.push("invalid UTF-16 sequences replaced with �".to_string());
        }
        (text.into_owned().into(), enc.name())
    } else if let Some(enc) = utf16_without_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        warnings.push(format!("no byte-order mark; read as {}", enc.name()));
        if had_errors {
            warnings.push("invalid UTF-16 sequences replaced with �".to_string());
        }
        (text.into_owned().into(), enc.name())
    } else if memchr_nul(bytes) && too_many_nuls(bytes) {
        return Err(DecodeError::Binary);
    } else {
        // A few stray NULs (a transfer's damage) in otherwise good text:
        // removed, as every control character is, and said.
        let nuls = memchr::memchr_iter(0, bytes).count();
        if nuls > 0 {
            warnings.push(format!(
                "{nuls} NUL byte{} removed (stray in the text)",
                if nuls == 1 { "" } else { "s" }
            ));
        }
        match simdutf8::basic::from_utf8(bytes) {
            Ok(s) => (s.into(), "UTF-8"),
            Err(_) if mostly_utf8(bytes) => (utf8_lossy(bytes, &mut warnings).into(), "UTF-8"),
            Err(_) => {
                let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
                det.feed(bytes, true);
                let enc: &'static Encoding = det.guess(None, chardetng::Utf8Detection::Deny);
                let (text, _, _) = enc.decode(bytes);
                warnings.push(format!("not UTF-8; decoded as {}", enc.name()));
                (text.into_owned().into(), enc.name())
            }
        }
    };
    Ok(Decoded {
        text: clean_text(&raw),
        encoding,
        warnings,
    })
}

/// Whether a file whose first bytes are `head` is binary (NUL bytes where
/// no UTF-16 text would have them): told from the first kilobytes, so a
/// huge binary or sparse file is skipped without being read.
pub fn looks_binary(head: &[u8]) -> bool {
    let utf16 = head.starts_with(b"\xFF\xFE")
        || head.starts_with(b"\xFE\xFF")
        || utf16_without_bom(head).is_some();
    !utf16 && memchr_nul(head) && too_many_nuls(head)
}

/// NUL bytes a text may hold per KiB and still be read as text: stray
/// damage, not a binary format's structure (an image, an archive and
/// random bytes all hold far more).
const STRAY_NULS_PER_KIB: usize = 1;
/// And in any file, however short.
const STRAY_NULS_MIN: usize = 4;

/// More NUL bytes than stray damage leaves, or NULs among many other
/// control bytes (a tenth of the first 64 KiB): a binary file.
fn too_many_nuls(bytes: &[u8]) -> bool {
    let allowed = STRAY_NULS_MIN.max(bytes.len() / 1024 * STRAY_NULS_PER_KIB);
    if memchr::memchr_iter(0, bytes).nth(allowed).is_some() {
        return true;
    }
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    controls * 10 > head.len()
}

/// UTF-16 text saved without a byte-order mark: mostly Latin or Cyrillic
/// text has a zero as every other byte (the high byte of each code unit),
/// and almost never a zero in between. Binary files have zeros anywhere.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 16 || memchr::memchr(0, head).is_none() {
        return None;
    }
    let units = head.len() / 2;
    let zeros_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    // Little-endian: the high bytes, at odd offsets, are the zeros.
    if odd * 10 >= units * 6 && even * 50 <= units {
        Some(UTF_16LE)
    } else if even * 10 >= units * 6 && odd * 50 <= units {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn memchr_nul(bytes: &[u8]) -> bool {
    memchr::memchr(0, bytes).is_some()
}

fn utf8_lossy(bytes: &[u8], warnings: &mut Vec<String>) -> String {
    let s = String::from_utf8_lossy(bytes);
    if let std::borrow::Cow::Owned(_) = s {
        let bad = s.matches('\u{FFFD}').count();
        warnings.push(format!(
            "{bad} invalid UTF-8 byte sequence(s) replaced with �"
        ));
    }
    s.into_owned()
}

/// True when the bytes are UTF-8 with a few stray bad bytes: valid multi-byte
/// sequences clearly outnumber invalid ones. A legacy single-byte file has
/// almost no valid multi-byte sequences, so it fails this test.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut valid_multi = 0usize;
    let mut invalid = 0usize;
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid_multi += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let (good, after) = rest.split_at(e.valid_up_to());
                valid_multi += std::str::from_utf8(good)
                    .map_or(0, |s| s.chars().filter(|c| !c.is_ascii()).count());
                invalid += 1;
                let skip = e.error_len().unwrap_or(after.len()).max(1);
                rest = &after[skip.min(after.len())..];
                if rest.is_empty() {
                    break;
                }
            }
        }
    }
    valid_multi >= 4 * invalid.max(1) || (invalid <= 2 && valid_multi > 0)
}

/// Normalises line breaks (CRLF, lone CR, U+2028/2029, vertical tab → `\n`;
/// a form feed is kept as a `\x0c` page mark at the start of its line, for
/// the parser only — one inside a line first breaks it), turns tabs into spaces, and removes every other control or
/// invisible formatting character: C0 and C1 controls, DEL, bidi embeddings,
/// overrides and isolates, zero-width characters and stray BOMs.
/// The soft hyphen (U+00AD) becomes `-`: PDF text extractors emit it where
/// a hyphen is printed (`No. 14­114`), and a terminal may not show it.
pub fn clean_text(raw: &str) -> String {
    clean(raw).into_owned()
}

/// [`clean_text`], borrowing `raw` back when nothing in it needs a change
/// (most files: no copy of a large text).
pub fn clean(raw: &str) -> Cow<'_, str> {
    let bytes = raw.as_bytes();
    // Allocated at the first change (see `clean_one`).
    let mut out = String::new();
    // Copy runs of harmless bytes in one go; only bytes that may start a
    // character to change are looked at one by one. Those are ASCII controls
    // and DEL, and the lead bytes 0xC2 (C1 controls, NEL, soft hyphen),
    // 0xE2 (zero-width, bidi, line/paragraph separators) and 0xEF (BOM,
    // interlinear annotations).
    //
    // Blocks of 64 bytes are classified first, with tests the compiler turns
    // into a few vector instructions: a block without controls is either
    // skipped whole (no such lead byte either, as in most ASCII text) or has
    // only its lead bytes looked at, found with memchr (text with non-breaking
    // spaces and typographic quotes). Only blocks with controls go byte by byte.
    const BLOCK: usize = 64;
    let control = |b: u8| b < 0x20 && b != b'\n' || b == 0x7f;
    let lead = |b: u8| b == 0xC2 || b == 0xE2 || b == 0xEF;
    let mut run_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let block_end = (i + BLOCK).min(bytes.len());
        let block = &bytes[i..block_end];
        if block.iter().fold(false, |any, &b| any | control(b)) {
            while i < block_end {
                i = clean_one(raw, i, &mut out, &mut run_start);
            }
            continue;
        }
        let mut next = block_end;
        if block.iter().fold(false, |any, &b| any | lead(b)) {
            for at in memchr::memchr3_iter(0xC2, 0xE2, 0xEF, block) {
                // A lead byte cannot be inside the character before it.
                next = clean_one(raw, i + at, &mut out, &mut run_start).max(block_end);
            }
        }
        i = next;
    }
    if out.capacity() == 0 {
        return Cow::Borrowed(raw);
    }
    out.push_str(&raw[run_start..]);
    Cow::Owned(out)
}

/// Looks at the byte at `i` (see [`clean_text`]): when it starts a character
/// to change, copies the run before it and the replacement into `out`.
/// Returns where the next character starts.
#[inline]
fn clean_one(raw: &str, i: usize, out: &mut String, run_start: &mut usize) -> usize {
    let bytes = raw.as_bytes();
    let b = bytes[i];
    let suspicious = b < 0x20 && b != b'\n' || b == 0x7f || b == 0xC2 || b == 0xE2 || b == 0xEF;
    if !suspicious {
        return i + 1;
    }
    let c = raw[i..].chars().next().expect("i is on a char boundary");
    let len = c.len_utf8();
    let replacement: Option<&str> = match c {
        '\r' => {
            if bytes.get(i + 1) == Some(&b'\n') {
                Some("")
            } else {
                Some("\n")
            }
        }
        '\u{0b}' | '\u{2028}' | '\u{2029}' | '\u{85}' => Some("\n"),
        // A form feed is a page break in PDF text: the parser uses it to find
        // running headers and footers, then drops it like every control. At
        // a line's start (as `pdftotext` writes it) it stays where it is, so
        // line numbers are those an editor or `grep -n` shows; only one in
        // the middle of a line starts a line of its own.
        '\u{0c}' if i == 0 || matches!(bytes[i - 1], b'\n' | b'\r' | b'\x0c') => None,
        '\u{0c}' => Some("\n\u{0c}"),
        '\t' => Some("    "),
        '\u{ad}' => Some("-"),
        c if crate::text::is_unsafe_char(c) => Some(""),
        _ => None,
    };
    if let Some(r) = replacement {
        if out.capacity() == 0 {
            out.reserve(raw.len());
        }
        out.push_str(&raw[*run_start..i]);
        out.push_str(r);
        *run_start = i + len;
    }
    i + len
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_removed_and_crlf_normalised() {
        let d = decode(b"\xEF\xBB\xBFQ: hi?\r\nA: yes\rB").unwrap();
        assert_eq!(d.text, "Q: hi?\nA: yes\nB");
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let text = "— Вопрос?\n— Ответ.";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in text.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&le).unwrap().text, text);
        assert_eq!(decode(&be).unwrap().text, text);
    }

    #[test]
    fn utf16_without_bom_both_orders() {
        let text = "Q: Where did you grow up?\nA: In Cork, by the river.";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let d = decode(&le).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, "UTF-16LE"));
        assert_eq!(decode(&be).unwrap().text, text);
        // Zeros here and there, not every other byte: still not text.
        let mut binary: Vec<u8> = (0u8..=255).cycle().take(600).collect();
        binary[7] = 0;
        assert_eq!(decode(&binary), Err(DecodeError::Binary));
    }

    #[test]
    fn cp1251_russian_is_detected() {
        let text = "— Как вы оцениваете итоги встречи министров иностранных дел?\n— Хорошо, результаты положительные, и мы довольны работой.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, "windows-1251");
        assert!(d.warnings[0].contains("windows-1251"));
    }

    #[test]
    fn koi8r_russian_is_detected() {
        let text = "Вопрос: Как вы оцениваете итоги встречи министров иностранных дел в этом году?";
        let (bytes, _, _) = encoding_rs::KOI8_R.encode(text);
        assert_eq!(decode(&bytes).unwrap().text, text);
    }

    #[test]
    fn mostly_utf8_keeps_utf8_with_replacement() {
        let mut bytes = "Привет, мир — это тест. ".repeat(5).into_bytes();
        bytes.push(0xFF);
        bytes.extend_from_slice("Ещё текст.".as_bytes());
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.contains('\u{FFFD}'));
        assert!(d.text.contains("Ещё текст."));
        assert!(d.warnings[0].contains("replaced"));
    }

    #[test]
    fn stray_nul_bytes_are_removed_and_said_many_mean_binary() {
        let text = "Q: Where did the talks begin?\nA: In Geneva, in March.\n".repeat(40);
        let mut damaged = text.clone().into_bytes();
        damaged.insert(100, 0);
        let d = decode(&damaged).unwrap();
        assert_eq!(d.text, text);
        assert!(
            d.warnings.iter().any(|w| w.contains("1 NUL byte removed")),
            "{:?}",
            d.warnings
        );
        assert_eq!(decode_owned(damaged.clone()).unwrap().text, text);
        assert!(!looks_binary(&damaged));
        // A NUL per 40 bytes is no damage but a format.
        let mut binary = text.into_bytes();
        for i in (0..binary.len()).step_by(40) {
            binary[i] = 0;
        }
        assert_eq!(decode(&binary), Err(DecodeError::Binary));
        assert!(looks_binary(&binary));
        assert!(looks_binary(&[0u8; 8192]));
    }

    #[test]
    fn form_feeds_never_add_lines_an_editor_does_not_show() {
        // `pdftotext` writes `\f\f` for a blank page: still one line.
        let d = decode(b"a\n\x0c\x0cb\nc").unwrap();
        assert_eq!(d.text.split('\n').count(), 3);
        assert_eq!(decode(b"a\r\x0cb").unwrap().text.split('\n').count(), 2);
        // Inside a line it still starts one (the parser needs the mark at a line's start).
        assert_eq!(decode(b"ab\x0ccd").unwrap().text, "ab\n\x0ccd");
    }

    #[test]
    fn control_and_bidi_characters_removed() {
        let d =
            decode("a\u{1b}[31mb\u{7}c\u{202e}d\u{2066}e\u{200b}f\u{9b}g\th\u{2028}i".as_bytes())
                .unwrap();
        assert_eq!(d.text, "a[31mbcdefg    h\ni");
    }

    /// What `clean_text` does, one character at a time: the reference for its
    /// block-skipping fast path.
    fn clean_text_naive(raw: &str) -> String {
        let mut out = String::new();
        let mut chars = raw.chars().peekable();
        let mut prev = None;
        while let Some(c) = chars.next() {
            let line_start = prev.is_none_or(|p| matches!(p, '\n' | '\r' | '\u{0c}'));
            prev = Some(c);
            match c {
                '\r' if chars.peek() == Some(&'\n') => {}
                '\r' | '\u{0b}' | '\u{2028}' | '\u{2029}' | '\u{85}' => out.push('\n'),
                '\u{0c}' if line_start => out.push('\u{0c}'),
                '\u{0c}' => out.push_str("\n\u{0c}"),
                '\t' => out.push_str("    "),
                '\u{ad}' => out.push('-'),
                '\n' => out.push('\n'),
                c if crate::text::is_unsafe_char(c) => {}
                c => out.push(c),
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn clean_text_matches_the_naive_cleaner(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "plain ascii text ", "\n", "\r\n", "\r", "\t", "\u{c}", "\u{1b}", "\u{7f}",
                    "\u{85}", "\u{ad}", "\u{a0}", "é", "—", "\u{200b}", "\u{202e}", "\u{2028}",
                    "\u{feff}", "\u{fffd}", "Привет", "x",
                ]),
                0..60,
            )
        ) {
            let s: String = parts.concat();
            proptest::prop_assert_eq!(clean_text(&s), clean_text_naive(&s));
        }
    }

    #[test]
    fn empty_input_is_empty_text() {
        assert_eq!(decode(b"").unwrap().text, "");
    }
}
