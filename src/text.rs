//! Text hygiene shared by the core and the UI: what may reach a screen.
//!
//! The parser already removes control characters from document text; this
//! module is the last line of defence for everything else that is shown —
//! file names, error messages, anything that did not come through the parser.

use std::borrow::Cow;

/// True for characters that must never be written to a terminal as they are:
/// C0/C1 controls, DEL, bidi embeddings/overrides/isolates, line/paragraph
/// separators and zero-width format characters.
pub fn is_unsafe_char(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}'
        | '\u{2060}'..='\u{2069}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

/// Shows `s` safely on one line: tabs become a space, other unsafe characters
/// become visible (`␛` for ESC, `^X` style symbols from the Control Pictures
/// block for C0, `�` for the rest).
pub fn printable(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\t' => out.push(' '),
            '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('�')),
            '\u{7f}' => out.push('␡'),
            c if is_unsafe_char(c) => out.push('�'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `1234` → `1,234`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_makes_escapes_visible() {
        assert_eq!(printable("plain"), "plain");
        assert_eq!(printable("a\u{1b}[2Jb"), "a␛[2Jb");
        assert_eq!(printable("x\u{9b}y\u{202e}z"), "x�y�z");
        assert!(
            !printable("\u{7}\u{8}\r\n\u{2028}")
                .chars()
                .any(is_unsafe_char)
        );
    }
}
