//! Paragraph level: lines joined back into the paragraphs the author wrote.
//!
//! Owns the layout decisions taken from evidence across the whole document —
//! is it hard-wrapped at a fixed width, is it double-spaced — and the joining
//! of fragments that a copy from a web page or a PDF broke off (`, do you…`,
//! `?`, `).`, a line ending in a dangling dash).

use std::borrow::Cow;

use super::lines::{Emphasis, Line, Marker};
use super::markers::markdown_text;
use super::pairs::{asks_in_words, has_question};

/// A paragraph under construction: text plus the marker of its first line.
///
/// It borrows the source text for its `prefix`, which is needed only when a
/// marker turns out not to be one: a labelled transcript would otherwise copy
/// every `NAME:` into a String that is dropped unread.
#[derive(Debug, Clone)]
pub struct Para<'a> {
    pub text: String,
    pub first: usize,
    pub last: usize,
    pub marker: Marker,
    /// The marker as written, to restore it as text if it is not a turn marker.
    pub prefix: Cow<'a, str>,
    /// One line, all of it in bold or italics, or a heading (see [`Line::emphasis`]).
    pub emphasis: Emphasis,
}

/// How the source lays out its paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// Lines were broken at a fixed width (PDF text, e-mail, 72-column transcripts).
    pub wrap_width: Option<usize>,
    /// Every line is followed by a blank line, so one blank line is not a paragraph break.
    pub double_spaced: bool,
    /// Line-numbered transcripts (court, deposition, hearing): the indent of
    /// the lines that only continue a paragraph. A line so indented
    /// continues the paragraph before it — across blank lines, page breaks
    /// and capitals — and a deeper one starts a paragraph.
    pub continuation_indent: Option<u16>,
    /// Turn labels sit deeper than the continuation indent (as court
    /// reporters set them): a label-like line at that indent is only text
    /// the line wrapped onto (`Justice: I'd like…`).
    pub labels_indented: bool,
}

pub(super) fn ends_sentence(s: &str) -> bool {
    // Most lines end in an ASCII letter or stop: answered from that byte.
    match s.as_bytes().last() {
        Some(b'.' | b'?' | b'!' | b':' | b';') => return true,
        Some(c) if c.is_ascii_alphanumeric() || *c == b',' || *c == b' ' => return false,
        _ => {}
    }
    let s = s.trim_end_matches(['"', '”', '»', '’', '\'', ')', ']', '*', '」', '』', '）']);
    // Full-width stops too: without them every line of Chinese or Japanese
    // text looked unfinished, as if hard-wrapped.
    s.ends_with(['.', '?', '!', '…', ':', ';', '。', '？', '！', '：', '；'])
}

/// Characters that cannot start a paragraph: a line starting with one is a
/// fragment of the sentence before (`, do you…`, `?`, `).`), even across a
/// blank line. Not an ellipsis (`...I just did.`: a paragraph may start by
/// trailing in, see [`starts_ellipsis`]) nor a guillemet that opens a quote
/// the German way (`»Wir schaffen das.«`).
fn starts_fragment(s: &str) -> bool {
    if starts_ellipsis(s) {
        return false;
    }
    if let Some(rest) = s.strip_prefix('»') {
        return !rest.contains('«');
    }
    s.starts_with([',', '.', ';', ':', '?', '!', ')', ']', '”'])
}

/// `…went home`, `...I just did.`
fn starts_ellipsis(s: &str) -> bool {
    s.starts_with('…') || s.starts_with("..")
}

fn starts_lowercase(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_lowercase())
}

fn ends_dangling_dash(s: &str) -> bool {
    let t = s.trim_end();
    t.ends_with(" -") || t.ends_with(" –") || t.ends_with(" —") || t == "-" || t == "—"
}

/// Measures the layout from all lines.
pub fn detect_layout(lines: &[Line]) -> Layout {
    let n = lines.len();
    if n == 0 {
        return Layout {
            wrap_width: None,
            double_spaced: false,
            continuation_indent: None,
            labels_indented: false,
        };
    }
    let (continuation_indent, labels_indented) = continuation_indent(lines);
    let single_blank = lines.iter().skip(1).filter(|l| l.blank_before == 1).count();
    let double_spaced = n >= 6 && single_blank * 10 >= (n - 1) * 7;

    let mut lens: Vec<usize> = lines
        .iter()
        .map(|l| l.layout_len)
        .filter(|&l| l >= 10)
        .collect();
    if lens.len() < 8 {
        return Layout {
            wrap_width: None,
            double_spaced,
            continuation_indent,
            labels_indented,
        };
    }
    // The 95th percentile: the element a sort would put there, found without
    // sorting (the count below does not depend on the order).
    let k = lens.len() * 95 / 100;
    let width = *lens.select_nth_unstable(k).1;
    let long = lens.iter().filter(|&&l| l * 10 >= width * 6).count();
    // A headline standing alone on the first line is left out: it ends
    // without a stop, and in a short text of whole paragraphs it made the
    // text look wrapped.
    let headline = usize::from(lines.get(1).is_some_and(|l| l.blank_before > 0));
    let open_ends = lines
        .iter()
        .skip(headline)
        .filter(|l| l.layout_len >= 10 && !ends_sentence(&l.text))
        .count();
    let wrapped = width <= 130 && long * 2 >= lens.len() && open_ends * 4 >= lens.len();
    Layout {
        wrap_width: wrapped.then_some(width),
        double_spaced,
        continuation_indent,
        labels_indented,
    }
}

/// The indent most numbered lines without a marker have, when the text has
/// line numbers (most lines carry an indent) and one indent holds at least
/// half of them: the indent of a line that only wrapped. With it, whether
/// three in four labelled lines sit deeper.
fn continuation_indent(lines: &[Line]) -> (Option<u16>, bool) {
    let mut counts: std::collections::BTreeMap<u16, usize> = Default::default();
    let mut label_indents: Vec<u16> = Vec::new();
    let mut numbered = 0usize;
    for l in lines {
        if let Some(i) = l.indent {
            numbered += 1;
            match l.marker {
                Marker::None => *counts.entry(i).or_default() += 1,
                Marker::Label(_) => label_indents.push(i),
                _ => {}
            }
        }
    }
    if numbered < 20 || numbered * 10 < lines.len() * 6 {
        return (None, false);
    }
    let plain: usize = counts.values().sum();
    let Some((&indent, &n)) = counts
        .iter()
        .max_by_key(|(i, n)| (**n, std::cmp::Reverse(**i)))
    else {
        return (None, false);
    };
    // Paragraph starts are indented deeper: the common indent is (nearly)
    // the least, a stray shallower line aside.
    let shallower: usize = counts.range(..indent).map(|(_, n)| n).sum();
    if n * 2 < plain || shallower * 20 >= plain {
        return (None, false);
    }
    let deeper = label_indents.iter().filter(|&&i| i > indent + 1).count();
    let labels_indented = !label_indents.is_empty() && deeper * 4 >= label_indents.len() * 3;
    (Some(indent), labels_indented)
}

/// Subtitle cues (or timed lines) need this many before their punctuation
/// is judged…
const CUES_JUDGED: usize = 8;

/// …and at least one in this many must follow a finished sentence, or the
/// captions carry no punctuation (machine captions) and nothing tells where
/// a sentence goes on.
const CUES_ENDING_SENTENCES: usize = 4;

/// Whether the document's cues end sentences often enough for an open one
/// to be read as going on into the next cue.
fn cues_end_sentences(lines: &[Line]) -> bool {
    let (mut cues, mut after_sentence) = (0usize, 0usize);
    for w in lines.windows(2) {
        if w[1].cue_start {
            cues += 1;
            after_sentence += usize::from(ends_sentence(&w[0].text));
        }
    }
    cues < CUES_JUDGED || after_sentence * CUES_ENDING_SENTENCES >= cues
}

/// Joins lines into paragraphs.
pub fn build<'a>(lines: Vec<Line<'a>>, layout: Layout) -> Vec<Para<'a>> {
    // Room for a paragraph at each marker or break (a guess, not a bound): a
    // Vec of them grown by doubling is copied again and again.
    let starts = lines
        .iter()
        .filter(|l| {
            l.marker != Marker::None || l.blank_before > 0 || l.hard_break_before || l.cue_start
        })
        .count();
    let mut out: Vec<Para> = Vec::with_capacity(starts + 1);
    // The paragraph being joined (its `text` left empty until it ends). Its
    // text is its first line's as long as it has one line; once lines join,
    // it grows in `joined_text`, a buffer reused for every paragraph and
    // copied out at its final size: most paragraphs of hard-wrapped text are
    // several lines, and a String of their own would be reallocated as it grows.
    let mut open: Option<Para<'a>> = None;
    let mut single: Option<Cow<'a, str>> = None;
    let mut joined_text = String::new();
    let close = |open: &mut Option<Para<'a>>,
                 single: &mut Option<Cow<'a, str>>,
                 joined_text: &String,
                 out: &mut Vec<Para<'a>>| {
        if let Some(mut p) = open.take() {
            p.text = match single.take() {
                Some(t) => t.into_owned(),
                // A paragraph in bold or italics over several lines
                // (`**Sergey, the first question…` / `…your story.**`, as a
                // hard-wrapped page writes one): no line of it is set apart
                // whole, the paragraph is.
                // Only one that asks or prompts: a guest's pull quote set
                // in bold over two lines is no interviewer's question.
                None => match (p.marker == Marker::None && joined_text.starts_with(['*', '_']))
                    .then(|| markdown_text(joined_text))
                    .flatten()
                    .filter(|r| {
                        let words = &joined_text[r.clone()];
                        has_question(words) || asks_in_words(words)
                    }) {
                    Some(range) => {
                        p.emphasis =
                            if joined_text.starts_with("**") || joined_text.starts_with("__") {
                                Emphasis::Bold
                            } else {
                                Emphasis::Italic
                            };
                        joined_text[range].to_owned()
                    }
                    None => joined_text.as_str().to_owned(),
                },
            };
            out.push(p);
        }
    };
    let cues_carry_sentences = cues_end_sentences(&lines);
    let mut prev_len = 0usize;
    for mut line in lines {
        // A court reporter's continuation line that looks like a label
        // (`Justice: I'd like…` after `Thank you, Mr. Chief`): only layout
        // broke the line there, so it is text.
        if let (Some(continues), Some(indent), Marker::Label(_)) =
            (layout.continuation_indent, line.indent, &line.marker)
            && layout.labels_indented
            && indent <= continues + 1
            && !line.label_alone
        {
            line.text = Cow::Owned(format!("{} {}", line.prefix, line.text));
            line.marker = Marker::None;
        }
        let gap = if layout.double_spaced {
            line.blank_before.saturating_sub(1)
        } else {
            line.blank_before
        };
        let joined = match open.as_mut() {
            // A line set apart whole by its markup (a bold question, a
            // heading) is never one paragraph with a line that is not: the
            // markup says where one voice stops, whatever the punctuation
            // (`**…diverted to —**` / `Strategic question, I…`).
            Some(cur)
                if line.marker == Marker::None
                    && !line.hard_break_before
                    && !line.label_alone
                    && cur.emphasis == line.emphasis =>
            {
                let cur_text: &str = single.as_deref().unwrap_or(&joined_text);
                // An ellipsis continues a sentence left open on the line
                // right before; after a finished one, or a blank line, it
                // starts a paragraph of its own.
                let ellipsis = starts_ellipsis(&line.text) && gap == 0 && !ends_sentence(cur_text);
                let fragment = starts_fragment(&line.text) || ellipsis;
                let court_indent = layout.continuation_indent.zip(line.indent);
                let join = if line.cue_start {
                    // A subtitle cue goes on with the sentence the cue before
                    // left open, whatever the blank lines between — in lower
                    // case (or a number: `OFF at` / `03:00 hours.`), and not
                    // after a dash that cut it off: `…moved to the` / `Where
                    // did you live?` is someone else asking.
                    // Captions that end no sentence anywhere stay cue by cue.
                    cues_carry_sentences
                        && !ends_sentence(cur_text)
                        && (starts_lowercase(&line.text)
                            || fragment
                            || line.text.starts_with(|c: char| c.is_ascii_digit()))
                        && !cur_text.trim_end().ends_with(['—', '–', '-'])
                } else if ends_dangling_dash(cur_text) || fragment {
                    true
                } else if let Some((continues, indent)) = court_indent {
                    // Only the reporter's indent tells a new paragraph from
                    // a wrapped line: never a capital or a page break.
                    indent <= continues + 1
                } else if starts_lowercase(&line.text) {
                    // A paragraph never starts in lower case: this is a broken line,
                    // even across blank lines (web pastes) — unless the previous line is
                    // a finished list item.
                    !(cur_text.ends_with(';') && cur.marker == Marker::Dash) || gap == 0
                } else if let Some(w) = layout.wrap_width {
                    // Hard-wrapped: a line continues the paragraph unless a blank line
                    // stands between, or the previous line ended a sentence well short
                    // of the wrap width (the last line of a paragraph).
                    // A line far short of the width ends a paragraph or is a heading.
                    gap == 0
                        && !(ends_sentence(cur_text) && prev_len * 4 < w * 3)
                        && prev_len * 10 >= w * 6
                } else {
                    false
                };
                if join {
                    if let Some(first) = single.take() {
                        joined_text.clear();
                        joined_text.push_str(&first);
                    }
                    let glue = !fragment || ellipsis;
                    if glue && !joined_text.is_empty() {
                        joined_text.push(' ');
                    }
                    joined_text.push_str(&line.text);
                    cur.last = line.no;
                    cur.emphasis = Emphasis::None;
                }
                join
            }
            _ => false,
        };
        prev_len = line.layout_len;
        if !joined {
            close(&mut open, &mut single, &joined_text, &mut out);
            single = Some(line.text);
            open = Some(Para {
                text: String::new(),
                first: line.no,
                last: line.no,
                marker: line.marker,
                prefix: line.prefix,
                emphasis: line.emphasis,
            });
        }
    }
    close(&mut open, &mut single, &joined_text, &mut out);
    // Words hyphenated across a wrap: `inter- national` → `inter-national` is
    // what a reader sees; keep the hyphen (it may be real) but drop the space.
    if layout.wrap_width.is_some() {
        for p in &mut out {
            // (memchr for the hyphen: most paragraphs hold none, and the
            // standard two-byte search cost more than the rest of this.)
            let b = p.text.as_bytes();
            if memchr::memchr_iter(b'-', b).any(|i| b.get(i + 1) == Some(&b' ')) {
                p.text = rejoin_hyphenation(&p.text);
            }
        }
    }
    out
}

/// `inter- national` (a letter, hyphen, space, lower-case letter) was one word
/// broken at a line end.
fn rejoin_hyphenation(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    for (i, _) in s.match_indices("- ") {
        let after_letter = s[..i].chars().next_back().is_some_and(char::is_alphabetic);
        let before_lower = s[i + 2..].chars().next().is_some_and(char::is_lowercase);
        if after_letter && before_lower {
            // Keep the hyphen, drop the space after it.
            out.push_str(&s[copied..=i]);
            copied = i + 2;
        }
    }
    out.push_str(&s[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::lines::split_lines;

    fn paras(text: &str) -> Vec<String> {
        let mut dropped = Vec::new();
        let lines = split_lines(text, &mut dropped);
        let layout = detect_layout(&lines);
        build(lines, layout).into_iter().map(|p| p.text).collect()
    }

    #[test]
    fn ellipses_and_opening_guillemets_start_paragraphs() {
        assert_eq!(
            paras("Why did you stop?\n\n...I just did.\n"),
            ["Why did you stop?", "...I just did."]
        );
        assert_eq!(
            paras("Er sagt:\n\n»Wir schaffen das.«\n"),
            ["Er sagt:", "»Wir schaffen das.«"]
        );
        assert_eq!(paras("Why?\n…Because.\n"), ["Why?", "…Because."]);
        // Left open on the line right before, it continues the sentence…
        assert_eq!(
            paras("And then we\n…went home.\n"),
            ["And then we …went home."]
        );
        // …and a closing guillemet on its own line closes the quote.
        assert_eq!(
            paras("He called it «the end\n».\n"),
            ["He called it «the end»."]
        );
    }

    #[test]
    fn fragments_join_across_blank_lines() {
        let t = "- What is the role of\n\njoint exercises\n\nin the CSTO \n\n?\n\n- Exercises matter.\n";
        assert_eq!(
            paras(t),
            vec![
                "What is the role of joint exercises in the CSTO?",
                "Exercises matter."
            ]
        );
    }

    #[test]
    fn comma_fragment_and_dangling_dash() {
        let t = "- As part of the monitoring \n, do you note growth?\n- Yes (recorded earlier. -\nRT\n).\nNext sentence.\n";
        assert_eq!(
            paras(t),
            vec![
                "As part of the monitoring, do you note growth?",
                "Yes (recorded earlier. - RT).",
                "Next sentence."
            ]
        );
    }

    #[test]
    fn hard_wrapped_paragraphs_rejoin() {
        let mut t = String::new();
        for _ in 0..3 {
            t.push_str("This is a long line of a transcript that was wrapped at about\n");
            t.push_str("seventy columns by the program that produced it, so it goes\n");
            t.push_str("on and on until the end.\n\n");
        }
        let p = paras(&t);
        assert_eq!(p.len(), 3);
        assert!(p[0].starts_with("This is a long line") && p[0].ends_with("until the end."));
    }

    #[test]
    fn wrapped_without_blank_lines_breaks_after_short_final_line() {
        let mut t = String::new();
        for i in 0..4 {
            t.push_str(&format!(
                "Paragraph {i} starts here and the text runs to the right margin of\n"
            ));
            t.push_str("the page where the extractor broke the line before the next word\n");
            t.push_str("and ends here.\n");
        }
        assert_eq!(paras(&t).len(), 4);
    }

    #[test]
    fn one_paragraph_per_line_stays() {
        let t = "First paragraph ends here.\nSecond paragraph is separate.\nThird one too.\n";
        assert_eq!(paras(t).len(), 3);
    }

    /// The character-by-character rejoining: the reference for the faster one.
    fn rejoin_hyphenation_naive(s: &str) -> String {
        let chars: Vec<char> = s.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c == '-'
                && i > 0
                && chars[i - 1].is_alphabetic()
                && chars.get(i + 1) == Some(&' ')
                && chars.get(i + 2).is_some_and(|c| c.is_lowercase())
            {
                out.push('-');
                i += 2;
                continue;
            }
            out.push(c);
            i += 1;
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn hyphenation_matches_the_naive_rejoining(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["-", " ", "a", "B", "é", "ж", "1", "- ", "--", "—"]),
                0..40,
            )
        ) {
            let s: String = parts.concat();
            proptest::prop_assert_eq!(rejoin_hyphenation(&s), rejoin_hyphenation_naive(&s));
        }
    }

    #[test]
    fn hyphenation_rejoined() {
        assert_eq!(
            rejoin_hyphenation("inter- national co- operation and - dash"),
            "inter-national co-operation and - dash"
        );
    }
}
