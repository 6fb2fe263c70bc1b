//! Page furniture that is not text: timestamps (leading, trailing, as a
//! column), page numbers, running heads, PDF line numbers.

use super::markers::*;
use super::scan::*;

/// Strips a leading timestamp (`[00:12:31]`, `(00:12)`, `00:12:31`, `[-00:00:00:03]`).
/// Returns the rest of the line, or None when the line has no timestamp.
pub(crate) fn strip_timestamp(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    let first = *b.first()?;
    if !(first.is_ascii_digit() || matches!(first, b'[' | b'(')) {
        return None;
    }
    if !first.is_ascii_digit()
        && let Some(rest) = strip_seconds_range(s)
    {
        return Some(rest);
    }
    let mut i = 0;
    let open = b.first().copied().filter(|c| *c == b'[' || *c == b'(');
    if open.is_some() {
        i += 1;
    }
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    let start_digits = i;
    let mut groups = 0;
    loop {
        let d0 = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let n = i - d0;
        if n == 0 || n > 3 || (groups > 0 && n != 2) {
            return None;
        }
        groups += 1;
        if i < b.len() && b[i] == b':' {
            i += 1;
            continue;
        }
        break;
    }
    if groups < 2 || i == start_digits {
        return None;
    }
    if i < b.len()
        && (b[i] == b'.' || b[i] == b',')
        && b.get(i + 1).is_some_and(|c| c.is_ascii_digit())
    {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
    }
    if let Some(o) = open {
        let close = if o == b'[' { b']' } else { b')' };
        if b.get(i) != Some(&close) {
            return None;
        }
        i += 1;
    }
    let rest = &s[i..];
    if !(rest.is_empty()
        || rest.starts_with(is_space)
        || rest.starts_with('-')
        || rest.starts_with('–'))
    {
        return None;
    }
    Some(rest.trim_start_matches(|c: char| is_space(c) || c == '-' || c == '–'))
}

/// `(0.0,2.0): text`, `[12.50 - 14.00] text`: a segment's start and end
/// in seconds, as speech-recognition tools (Whisper, pyannote) write them
/// before its words — the text after it (and after a colon). (Out of line:
/// `strip_timestamp` is asked of most lines, and few are bracketed.)
#[inline(never)]
fn strip_seconds_range(s: &str) -> Option<&str> {
    let close = match s.as_bytes().first()? {
        b'(' => ')',
        b'[' => ']',
        _ => return None,
    };
    // (`(Laughter.)`, `[inaudible]` open many lines: a digit first, or no
    // search.)
    if !s.as_bytes().get(1).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let end = s[..s.floor_char_boundary(40)].find(close)?;
    let inner = &s[1..end];
    // (The separator found by its bytes: `,`, `-->` or ` - `.)
    let sep = inner.bytes().position(|c| c == b',' || c == b'-')?;
    let (a, b) = if inner.as_bytes()[sep] == b',' {
        (&inner[..sep], &inner[sep + 1..])
    } else {
        let after = &inner[sep..];
        let rest = after.strip_prefix("-->").or_else(|| {
            after
                .strip_prefix("- ")
                .filter(|_| inner[..sep].ends_with(' '))
        })?;
        (&inner[..sep], rest)
    };
    let seconds = |t: &str| {
        let t = t.trim();
        let (whole, frac) = t.split_once('.').unwrap_or((t, "0"));
        !whole.is_empty()
            && whole.len() <= 6
            && whole.bytes().all(|c| c.is_ascii_digit())
            && !frac.is_empty()
            && frac.len() <= 3
            && frac.bytes().all(|c| c.is_ascii_digit())
            && t.contains('.')
    };
    if !(seconds(a) && seconds(b)) {
        return None;
    }
    let rest = &s[end + 1..];
    let rest = rest.strip_prefix(':').unwrap_or(rest);
    if !(rest.is_empty() || rest.starts_with(is_space)) {
        return None;
    }
    Some(rest.trim_start_matches(is_space))
}

/// `Speaker Name  0:03` or `Speaker 1  00:12:31` alone on a line (exported captions):
/// a label whose text follows on the next lines.
pub(crate) fn trailing_timestamp_label(s: &str) -> Option<String> {
    if !s.as_bytes().last().is_some_and(|c| c.is_ascii_digit()) || s.len() > 80 {
        return None;
    }
    let (head, tail) = s.rsplit_once(is_space)?;
    let tail_ok = tail.split(':').count() >= 2
        && tail
            .split(':')
            .all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|c| c.is_ascii_digit()));
    if !tail_ok {
        return None;
    }
    let head = head.trim_matches(is_space);
    let words: Vec<&str> = head.split(is_space).filter(|w| !w.is_empty()).collect();
    if words.is_empty() || words.len() > 4 || !words.iter().all(|w| is_name_word(w)) {
        return None;
    }
    Some(words.join(" "))
}

/// `Q: Alone?          00:00:06`: where the text ends before a clock time
/// (`00:06`, `1:02:03`) set off by two spaces or more at the end of the line.
pub(crate) fn trailing_clock(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if !b.last().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let start = b.iter().rposition(|&c| c == b' ')? + 1;
    let clock = &s[start..];
    let mut groups = 0;
    let is_clock = clock.split(':').enumerate().all(|(i, g)| {
        groups += 1;
        (if i == 0 { 1..=2 } else { 2..=2 }).contains(&g.len())
            && g.bytes().all(|c| c.is_ascii_digit())
    }) && (2..=3).contains(&groups);
    let text = s[..start].trim_end_matches(' ');
    (is_clock && start >= 2 && b[start - 2] == b' ' && !text.is_empty()).then_some(text.len())
}

pub(crate) fn is_page_number_line(t: &str) -> bool {
    let dash = |c: char| c == '-' || c == '–' || c == '—';
    let line = t;
    let t = trim_with(t, |c| is_space(c) || dash(c));
    if t.len() > 24 {
        return false;
    }
    // `- 3 -` and `— 12 —` are page numbers; `1512 --` is a speaker cut off
    // after a number (dashes on one side only).
    if t.len() < line.len() && line.bytes().any(|b| b == b'-' || b == 0xE2) {
        let spaced = trim_with(line, is_space);
        if spaced.starts_with(dash) != spaced.ends_with(dash) {
            return false;
        }
    }
    if !t.is_empty() && t.len() <= 4 && t.bytes().all(|c| c.is_ascii_digit()) {
        return true;
    }
    // Only ASCII letters lower-case to `page `: anything else fails here without
    // building the lower-case copy.
    if !t
        .as_bytes()
        .get(..5)
        .is_some_and(|p| p.eq_ignore_ascii_case(b"page "))
    {
        return false;
    }
    let lower = t.to_lowercase();
    if let Some(rest) = lower.strip_prefix("page ") {
        let mut parts = rest.split(" of ");
        let a = parts.next().unwrap_or("");
        let b = parts.next();
        return !a.is_empty()
            && a.bytes().all(|c| c.is_ascii_digit())
            && b.is_none_or(|b| !b.is_empty() && b.trim().bytes().all(|c| c.is_ascii_digit()));
    }
    false
}

/// [`is_page_number_line`] of `t`, reusing `known`, the answer for a slice
/// of the same line, when that slice is `t` itself (same start, same length):
/// the main loop of [`split_lines`] trims a line differently from the first
/// pass only when it had a line number or a form feed before a space.
pub(crate) fn page_number_of(t: &str, known: (&str, bool)) -> bool {
    if std::ptr::eq(t.as_ptr(), known.0.as_ptr()) && t.len() == known.0.len() {
        known.1
    } else {
        is_page_number_line(t)
    }
}

/// Digits → `#`, spaces folded: page headers differ only by their numbers.
pub(crate) fn page_key(t: &str) -> String {
    fold_spaces(
        &t.chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect::<String>(),
    )
    .into_owned()
}

/// PDF line numbers: most non-blank lines start with a small number that
/// counts up (1, 2, 3… restarting on each page).
/// Non-blank lines looked at before a text without line numbers is told
/// from one with them (see [`has_line_numbers`]).
const SAMPLE_LINES: usize = 120;

pub(crate) fn has_line_numbers(raw: &[&str]) -> bool {
    let mut numbered = 0usize;
    let mut sequential = 0usize;
    let mut nonblank = 0usize;
    let mut prev: Option<u32> = None;
    for (i, l) in raw.iter().enumerate() {
        // Settled already when even every line left being numbered could
        // not make six in ten (most documents: no numbers, decided early).
        let left = raw.len() - i;
        if i % 64 == 0 && (numbered + left) * 10 < (nonblank + left) * 6 {
            return false;
        }
        // A transcript numbers its lines from its first page: a hundred and
        // twenty lines in, fewer than one in three numbered is no such one.
        if nonblank == SAMPLE_LINES && numbered * 3 < nonblank {
            return false;
        }
        let t = trim_start_with(l, is_space);
        if t.is_empty() {
            continue;
        }
        nonblank += 1;
        let digits = &t[..t.bytes().take_while(u8::is_ascii_digit).count()];
        let after = t[digits.len()..].chars().next();
        if !digits.is_empty() && digits.len() <= 2 && after.is_none_or(is_space) {
            let n: u32 = digits.parse().unwrap_or(0);
            numbered += 1;
            if prev.is_some_and(|p| n == p + 1) || n == 1 {
                sequential += 1;
            }
            prev = Some(n);
        }
    }
    nonblank >= 20 && numbered * 10 >= nonblank * 6 && sequential * 10 >= numbered * 8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_segment_timed_in_seconds_is_a_timestamp() {
        assert_eq!(
            strip_timestamp("(0.0,2.0): I put it there."),
            Some("I put it there.")
        );
        assert_eq!(strip_timestamp("[12.50 - 14.00] Yes."), Some("Yes."));
        assert_eq!(strip_timestamp("[3.5 --> 7.25] Go on."), Some("Go on."));
        // Words in brackets, and numbers that are no times, stay words.
        assert_eq!(strip_timestamp("(Laughter.) Right."), None);
        assert_eq!(strip_timestamp("(2, 3) are the points."), None);
        assert_eq!(strip_timestamp("[1.5-2] of them"), None);
    }
}
