//! Line level: what each source line is before any paragraph exists — the
//! one pass that splits the text into lines, drops what [`super::layout`]
//! says is page furniture, and reads each line's marker with
//! [`super::markers`] under the gates of [`super::evidence`].

use std::borrow::Cow;

use crate::model::{DroppedLine, PageLine, Places};

use super::evidence::*;
use super::layout::*;
use super::markers::*;
pub use super::markers::{Emphasis, LabelRole, Marker, detect_marker, generic_role};
use super::scan::*;

/// One source line after cleaning; its text borrows from the source when
/// cleaning changed nothing (most lines), so splitting allocates little.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// 1-based source line number.
    pub no: usize,
    /// Text after the marker, whitespace folded, trimmed.
    pub text: Cow<'a, str>,
    pub marker: Marker,
    /// The marker as written (`Jörg Schönenborn (retranslated):`), to restore
    /// the text when the marker turns out not to be one.
    pub prefix: Cow<'a, str>,
    /// A label alone on its line (`MR. SMITH:`): the text follows on the next lines.
    pub label_alone: bool,
    /// Something forced a paragraph break before this line (a timestamp line,
    /// a page break, a blank line).
    pub blank_before: usize,
    /// A timestamp line or turn header stood right before this line.
    pub hard_break_before: bool,
    /// A subtitle cue starts here (its timing line stood right before), or
    /// a time stood before the words on this line. A cue is a stretch of
    /// time, not a paragraph: where the one before left its sentence open,
    /// the sentence may go on here (see `paragraphs::build`).
    pub cue_start: bool,
    /// Character length of the line as laid out in the source (for wrap detection).
    pub layout_len: usize,
    /// In a transcript with line numbers: the spaces between the number and
    /// the text. A court reporter indents where a paragraph or turn starts
    /// and not where the line only wrapped (see `paragraphs::Layout`).
    pub indent: Option<u16>,
    /// The whole line was in bold or italics (`**Your first restaurant…**`),
    /// as web pages copied to Markdown set an interviewer's prompts.
    pub emphasis: Emphasis,
}

/// Splits the text into cleaned [`Line`]s, recording what it removes in `dropped`.
pub fn split_lines<'a>(text: &'a str, dropped: &mut Vec<DroppedLine>) -> Vec<Line<'a>> {
    split_lines_noting(
        text,
        dropped,
        &mut Vec::new(),
        &mut Places::default(),
        false,
    )
}

/// Spaces before a number alone on its line from which it is a page
/// number (centred) rather than a line number (in the margin).
const PAGE_NUMBER_INDENT: usize = 10;

/// Distinct times a source must give for them to be its time code…
const MIN_TIME_CODES: usize = 3;
/// …and at least one in this many lines of text (a mark every few minutes
/// of a lecture is still a time code; three clock times in a briefing are not).
const LINES_PER_TIME_CODE: usize = 50;

/// What the layout said about where each line stands, gathered as the
/// lines are cleaned (the numbers and times are taken out of the text
/// there) and resolved into [`Places`] at the end.
#[derive(Default)]
struct PlaceNotes {
    /// (source line, the line number printed before it).
    numbers: Vec<(usize, u16)>,
    /// (source line, a page number printed alone on it).
    pages: Vec<(usize, u32)>,
    /// (source line, a time given on it, as written in `time_text`).
    times: Vec<(usize, std::ops::Range<u32>)>,
    time_text: String,
}

impl PlaceNotes {
    fn time(&mut self, no: usize, written: &str) {
        let t = written.trim_matches(|c: char| {
            is_space(c) || matches!(c, '[' | ']' | '(' | ')' | '-' | '–' | '<' | '>')
        });
        if !t.is_empty() && self.times.last().is_none_or(|(l, _)| *l != no) {
            let start = self.time_text.len();
            self.time_text.push_str(t);
            let end = self.time_text.len();
            if let (Ok(start), Ok(end)) = (u32::try_from(start), u32::try_from(end)) {
                self.times.push((no, start..end));
            }
        }
    }

    /// Pages are the runs of line numbers that count up (1…25, then 1
    /// again); each takes the page number printed in the gap after it (a
    /// footer, as court reporters print it) or before it (a header) —
    /// whichever reads as pages counting up by one more often. A source
    /// that prints no page numbers gets no page:line: none is invented.
    fn resolve(self, text_lines: usize) -> Places {
        let PlaceNotes {
            numbers,
            pages,
            mut times,
            time_text,
        } = self;
        // A time code runs through a recording; clock times at the top
        // and foot of a briefing (`1:03 P.M. EST`), or a time that opens a
        // sentence, are no place to cite a paragraph by.
        let mut distinct: Vec<&str> = Vec::with_capacity(MIN_TIME_CODES);
        for (_, t) in &times {
            if distinct.len() == MIN_TIME_CODES {
                break;
            }
            let t = &time_text[t.start as usize..t.end as usize];
            if !distinct.contains(&t) {
                distinct.push(t);
            }
        }
        if distinct.len() < MIN_TIME_CODES || times.len() * LINES_PER_TIME_CODE < text_lines {
            times.clear();
        }
        if numbers.is_empty() || pages.is_empty() {
            return Places::new(Vec::new(), times, time_text);
        }
        // Runs of counting-up line numbers: (first index, end index) into `numbers`.
        let mut runs: Vec<(usize, usize)> = Vec::new();
        let mut start = 0;
        for i in 1..=numbers.len() {
            if i == numbers.len() || numbers[i].1 <= numbers[i - 1].1 {
                runs.push((start, i));
                start = i;
            }
        }
        // The page numbers printed in each gap: gap k is before run k.
        let gap_page = |k: usize| -> Option<u32> {
            let after = k.checked_sub(1).map(|r| numbers[runs[r].1 - 1].0);
            let before = runs.get(k).map(|r| numbers[r.0].0);
            pages
                .iter()
                .find(|&&(l, _)| after.is_none_or(|a| l > a) && before.is_none_or(|b| l < b))
                .map(|&(_, p)| p)
        };
        let footer: Vec<Option<u32>> = (0..runs.len()).map(|k| gap_page(k + 1)).collect();
        let header: Vec<Option<u32>> = (0..runs.len()).map(gap_page).collect();
        let counting = |v: &[Option<u32>]| {
            v.windows(2)
                .filter(|w| matches!(w, [Some(a), Some(b)] if a.checked_add(1) == Some(*b)))
                .count()
        };
        // Equal counts (every page numbered, either reading counts up):
        // a number before the first numbered line is a header.
        let headed = pages[0].0 < numbers[0].0;
        let (f, h) = (counting(&footer), counting(&header));
        let mut page_of = if f > h || f == h && !headed {
            footer
        } else {
            header
        };
        // A page whose number is missing (a page without its footer) is
        // the one after the page before it, or before the page after it.
        for k in 1..page_of.len() {
            if page_of[k].is_none() {
                page_of[k] = page_of[k - 1].and_then(|p| p.checked_add(1));
            }
        }
        for k in (0..page_of.len().saturating_sub(1)).rev() {
            if page_of[k].is_none() {
                page_of[k] = page_of[k + 1].and_then(|p| p.checked_sub(1));
            }
        }
        let mut page_lines = Vec::with_capacity(numbers.len());
        for (run, page) in runs.iter().zip(page_of) {
            let Some(page) = page else { continue };
            for &(no, line) in &numbers[run.0..run.1] {
                page_lines.push((no, PageLine { page, line }));
            }
        }
        Places::new(page_lines, times, time_text)
    }
}

/// [`split_lines`], noting in `families` the gated label families the
/// document's evidence admitted (for `qnav explain`) and in `places` the
/// page:line numbers and times the layout printed.
/// `from_markup`: the text is what a page's markup shows (HTML read by
/// [`super::html`]), its character references already decoded — an `&lt;`
/// left in it is one the page shows, not one to decode again.
pub fn split_lines_noting<'a>(
    text: &'a str,
    dropped: &mut Vec<DroppedLine>,
    families: &mut Vec<&'static str>,
    places: &mut Places,
    from_markup: bool,
) -> Vec<Line<'a>> {
    let mut notes = PlaceNotes::default();
    let raw = split_newlines(text);
    // Characters most documents never hold, looked for once in the whole text
    // rather than in every line.
    let has_arrow = memchr::memmem::find(text.as_bytes(), b"-->").is_some();
    let has_backslash = memchr::memchr(b'\\', text.as_bytes()).is_some();
    let has_references = !from_markup && has_entity_references(text);
    let numbered = has_line_numbers(&raw);
    // A court transcript's proceedings start under `P R O C E E D I N G S`:
    // before it are the caption, the appearances and the contents, where a
    // line like `CAROL P. SACHS.:` or `Petitioner :` is no speaker.
    let proceedings_at = if numbered {
        raw.iter().position(|l| {
            let t = l.trim_start_matches([' ', '\u{c}']);
            let t = t.trim_start_matches(|c: char| c.is_ascii_digit());
            t.len() < 60 && {
                let letters: String = t.chars().filter(|c| !c.is_whitespace()).collect();
                letters.eq_ignore_ascii_case("proceedings")
            }
        })
    } else {
        None
    };
    // A court transcript's word index comes after its last numbered line:
    // from its first index line on, everything is the index.
    let index_from = if numbered {
        let numbered_line = |l: &&str| {
            let t = l.trim_start_matches([' ', '\u{c}']);
            let digits = t.bytes().take_while(u8::is_ascii_digit).count();
            (1..=2).contains(&digits) && t[digits..].starts_with(' ')
        };
        // (Not a short index entry at the very end, `40 63:6`: a number and
        // page:line references only.)
        let refs_only = |t: &str| {
            let mut words = t.split(' ').filter(|w| !w.is_empty()).skip(1).peekable();
            words.peek().is_some() && words.all(is_page_line_ref)
        };
        let last = raw
            .iter()
            .rposition(|l| {
                let t = l.trim_matches(is_space);
                numbered_line(l) && !is_index_line(t) && !refs_only(t)
            })
            .unwrap_or(0);
        (last + 1..raw.len()).find(|&i| is_index_line(raw[i].trim_matches(is_space)))
    } else {
        None
    };
    let evidence = turn_evidence(&raw);
    let (timestamped, time_column) = (evidence.timestamped, evidence.time_column);
    // How many of the transcript's own times so far had each number of
    // groups (`00:09:35:31` has four).
    let mut time_shapes = [0usize; 8];
    // The gated label families this document's evidence admits, in order.
    let gated: Vec<&GatedFamily> = GATED_FAMILIES
        .iter()
        .filter(|f| (f.admitted)(&evidence))
        .collect();
    families.extend(gated.iter().map(|f| f.name));

    // Page structure: a form feed (or `Page N of M` footer) separates pages; the
    // lines at the edges of pages that repeat on most pages are running heads.
    let mut page_of = vec![0usize; raw.len()];
    let mut page = 0usize;
    let mut pages_by_footer = 0usize;
    // Each line's answer to `is_page_number_line`, kept for the main loop
    // below: it asks again of the line trimmed its own way, which is the very
    // same slice for nearly every line (see `page_number_of`).
    let mut page_number: Vec<(&str, bool)> = Vec::with_capacity(raw.len());
    for (i, l) in raw.iter().enumerate() {
        if l.starts_with('\u{c}') {
            page += 1;
        }
        page_of[i] = page;
        let t = trim_with(l, |c| is_space(c) || c == '\u{c}');
        let is_number = is_page_number_line(t);
        page_number.push((t, is_number));
        if is_number && l.to_lowercase().contains("page") {
            pages_by_footer += 1;
        }
    }
    let pages = page + 1;
    // (From the lines as trimmed above: each line is trimmed once.)
    let heading_labels = {
        let trimmed: Vec<&str> = page_number.iter().map(|&(t, _)| t).collect();
        bare_name_labels(&trimmed)
    };
    let mut edge_chrome = vec![false; raw.len()];
    if pages >= 3 || pages_by_footer >= 3 {
        // Candidate lines: the first and last four non-blank lines of each page.
        let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut candidates: Vec<(usize, String)> = Vec::new();
        let mut start = 0;
        while start < raw.len() {
            let mut end = start + 1;
            while end < raw.len() && page_of[end] == page_of[start] {
                end += 1;
            }
            let idx: Vec<usize> = (start..end)
                .filter(|&i| !trim_with(raw[i], |c| is_space(c) || c == '\u{c}').is_empty())
                .collect();
            let mut seen_here = std::collections::HashSet::new();
            for (k, &i) in idx.iter().enumerate() {
                if k < 4 || k + 4 >= idx.len() {
                    let mut t = raw[i].trim_matches(|c: char| is_space(c) || c == '\u{c}');
                    if numbered {
                        t = t
                            .trim_start_matches(|c: char| c.is_ascii_digit())
                            .trim_start_matches(is_space);
                    }
                    if t.chars().count() <= 80 {
                        let key = page_key(t);
                        if seen_here.insert(key.clone()) {
                            *counts.entry(key.clone()).or_default() += 1;
                        }
                        candidates.push((i, key));
                    }
                }
            }
            start = end;
        }
        let page_count = if pages >= 3 { pages } else { pages_by_footer };
        for (i, key) in candidates {
            if counts[&key] * 2 >= page_count && counts[&key] >= 3 && !key.is_empty() {
                edge_chrome[i] = true;
            }
        }
    }

    let mut lines = Vec::with_capacity(raw.len());
    let mut blank_run = 0usize;
    let mut hard_break = false;
    let mut cue_start = false;
    let mut pending_label: Option<String> = None;
    for (i, l) in raw.iter().enumerate() {
        let no = i + 1;
        let mut t: &str = l.trim_start_matches('\u{c}');
        let drop_line = |dropped: &mut Vec<DroppedLine>, reason: &'static str| {
            let shown = fold_spaces(&l.replace('\u{c}', "")).into_owned();
            if !shown.is_empty() {
                dropped.push(DroppedLine {
                    line: no,
                    last: no,
                    text: shown,
                    reason,
                });
            }
        };
        // A page number, in the page's edge lines or alone: the page the
        // line numbers around it are on.
        let page_number_here = |t: &str| -> Option<u32> {
            t.split(|c: char| !c.is_ascii_digit())
                .find(|d| !d.is_empty())
                .and_then(|d| d.parse().ok())
        };
        if edge_chrome[i] {
            if numbered
                && page_number[i].1
                && let Some(n) = page_number_here(page_number[i].0)
            {
                notes.pages.push((no, n));
            }
            drop_line(dropped, "page header or footer");
            continue;
        }
        let mut indent = None;
        if numbered {
            let trimmed = t.trim_start_matches(is_space);
            let digits = trimmed.bytes().take_while(|c| c.is_ascii_digit()).count();
            if digits > 0 && digits <= 2 && trimmed[digits..].chars().next().is_none_or(is_space) {
                // A number alone, set far in (centred at the foot or head of
                // the page): the page's number, not a line's.
                let set_in = t.len() - trimmed.len() >= PAGE_NUMBER_INDENT;
                if set_in && trim_with(&trimmed[digits..], is_space).is_empty() {
                    notes
                        .pages
                        .extend(page_number_here(trimmed).map(|n| (no, n)));
                    drop_line(dropped, "page number");
                    blank_run += 1;
                    continue;
                } else if let Ok(n) = trimmed[..digits].parse() {
                    notes.numbers.push((no, n));
                }
                t = &trimmed[digits..];
                let spaces = t.len() - t.trim_start_matches(' ').len();
                indent = Some(u16::try_from(spaces).unwrap_or(u16::MAX));
            }
        }
        let trimmed = trim_with(t, is_space);
        if trimmed.is_empty() {
            blank_run += 1;
            continue;
        }
        // The word index at the end of a court transcript (`absolute 50:19
        // 51:17,18 52:10,14`): page:line references, not words said.
        if numbered && (index_from.is_some_and(|from| i >= from) || is_index_line(trimmed)) {
            drop_line(dropped, "word index");
            continue;
        }
        if page_number_of(trimmed, page_number[i]) {
            if numbered && let Some(n) = page_number_here(trimmed) {
                notes.pages.push((no, n));
            }
            drop_line(dropped, "page number");
            continue;
        }
        // Metadata lines of transcript databases: `_page : 3`, `_tape : Tape 1/1`.
        if trimmed.starts_with('_')
            && trimmed[1..].split_once(':').is_some_and(|(k, _)| {
                let k = k.trim_end();
                !k.is_empty() && k.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
            })
        {
            drop_line(dropped, "metadata");
            continue;
        }
        let mut content = super::markers::strip_attribute_list(trimmed);
        if content.starts_with('<') {
            content = super::markers::strip_leading_anchors(content);
        }
        if content.is_empty() {
            // `{: .answer}` alone: kramdown's styling of the block above; or
            // an anchor alone, a place to link to.
            let reason = if trimmed.ends_with('}') {
                "attribute list"
            } else {
                "anchor"
            };
            drop_line(dropped, reason);
            continue;
        }
        // Subtitle cues (WebVTT, SRT): `00:00:01.000 --> 00:00:04.000` timing lines
        // and `<v Name>` voice tags.
        if has_arrow
            && let Some((a, b)) = split_arrow(content)
            && strip_timestamp(a.trim_end()).is_some_and(str::is_empty)
            && strip_timestamp(b.trim_start()).is_some()
        {
            notes.time(no, a);
            cue_start = true;
            continue;
        }
        if trimmed == "WEBVTT" || trimmed.starts_with("WEBVTT ") {
            drop_line(dropped, "subtitle header");
            continue;
        }
        // Markdown layout that holds no words: an image (`![Ana Ruiz](a.jpg)`)
        // and a rule (`---`, `***`).
        if trimmed.starts_with("![") && trimmed.ends_with(')') && trimmed.contains("](") {
            drop_line(dropped, "image");
            continue;
        }
        if trimmed.len() >= 3
            && let Some(c) = trimmed.chars().next()
            && matches!(c, '-' | '*' | '_' | '=')
            && trimmed.chars().all(|x| x == c)
        {
            drop_line(dropped, "rule");
            continue;
        }
        if let Some(rest) = content.strip_prefix("<v ")
            && let Some((name, text)) = rest.split_once('>')
        {
            pending_label = Some(fold_spaces(name).into_owned());
            content = text.trim_end_matches("</v>").trim_matches(is_space);
            if content.is_empty() {
                continue;
            }
        }
        // `timestamped` first: most documents have no timestamps, and the
        // look at each line would be thrown away.
        if timestamped && let Some(rest) = strip_timestamp(content) {
            let time = &content[..content.len() - rest.len()];
            // A bare time on a line going on with a sentence the line before
            // left open, shorter than the transcript's own (`OFF at` /
            // `03:00 hours.`): words said, joined to the sentence.
            // A clock time with its `a.m.` (`5:00 a.m. tomorrow`) is always
            // words: no transcript marks its times so.
            // (Never in a court transcript, nor a time in brackets.)
            let bare = !numbered && !time.starts_with(['[', '(']);
            let groups = time_groups(time.trim_end());
            let clock = bare
                && ["a.m.", "p.m.", "am ", "pm ", "AM ", "PM ", "A.M.", "P.M."]
                    .iter()
                    .any(|m| rest.starts_with(m));
            let said = bare
                && !rest.is_empty()
                && lines
                    .last()
                    .is_some_and(|l: &Line| !super::paragraphs::ends_sentence(&l.text))
                && (clock || groups < usual_groups(&time_shapes))
                && detect_marker(rest).0 == Marker::None;
            if said {
                cue_start = true;
            } else if clock {
                // Words at a paragraph's start: left as they are.
            } else {
                time_shapes[groups.min(7)] += 1;
                notes.time(no, time);
                if rest.is_empty() {
                    // A time alone heads the segment below it.
                    hard_break = true;
                    continue;
                }
                // A time before the words marks when they were said, as a
                // subtitle cue does, not where a paragraph starts: a
                // sentence the line before left open goes on. (Not in a
                // court transcript, whose line numbers and indents say
                // where paragraphs go on, and whose word index at the end
                // is lines of page:line references.)
                if numbered {
                    hard_break = true;
                } else {
                    cue_start = true;
                }
                content = rest;
            }
        }
        if timestamped && let Some(name) = trailing_timestamp_label(content) {
            if let Some((_, clock)) = content.rsplit_once(is_space) {
                notes.time(no, clock);
            }
            pending_label = Some(name);
            hard_break = true;
            continue;
        }
        if time_column && let Some(end) = trailing_clock(content) {
            notes.time(no, &content[end..]);
            content = &content[..end];
        }
        if !heading_labels.is_empty()
            && (if content.starts_with('#') {
                heading_labels.contains(&heading_key(content))
            } else {
                heading_labels.contains(content)
            })
        {
            pending_label = Some(heading_name(content).to_string());
            hard_break = true;
            continue;
        }
        // Closed-caption and chat transcripts mark turns with `>>` (a
        // page that escaped it, `&gt;&gt;`).
        if let Some(rest) = content
            .strip_prefix(">>")
            .or_else(|| content.strip_prefix("&gt;&gt;"))
        {
            content = rest.trim_start_matches(is_space);
            hard_break = true;
            if content.is_empty() {
                continue;
            }
        } else if let Some(rest) = content.strip_prefix("> ") {
            // An e-mailed interview quotes the questions: `> What made you…?`.
            content = rest.trim_start_matches(is_space);
        }
        // A backslash ending the line is a hard line break (Markdown,
        // Typst), not a character of the words.
        if has_backslash
            && let Some(kept) = content.strip_suffix('\\')
            && !kept.ends_with('\\')
        {
            content = kept.trim_end_matches(is_space);
        }
        let unescaped = if has_backslash {
            unescape_markdown(content)
        } else {
            Cow::Borrowed(content)
        };
        let unescaped = if has_references {
            match unescaped {
                Cow::Borrowed(b) => decode_entities(b),
                Cow::Owned(o) => Cow::Owned(decode_entities(&o).into_owned()),
            }
        } else {
            unescaped
        };
        // A line of `&nbsp;` or a lone `\` (a break after nothing) is blank.
        if (has_references || has_backslash) && trim_with(&unescaped, is_space).is_empty() {
            blank_run += 1;
            continue;
        }
        let emphasized = markdown_text(&unescaped);
        let emphasis = match emphasized {
            Some(_) if unescaped.starts_with("**") || unescaped.starts_with("__") => Emphasis::Bold,
            Some(_) if unescaped.starts_with(['*', '_']) => Emphasis::Italic,
            Some(_) if unescaped.starts_with('#') => Emphasis::Heading,
            _ => Emphasis::None,
        };
        let (unescaped, emphasis) = match emphasized {
            None => match numbered_emphasis(&unescaped) {
                // `1. __Tell us about yourself.__`: the number kept, the
                // bold markup dropped — a numbered question if the
                // numbers make a list of questions, never a bold prompt
                // (`1. **Be patient.**` in an answer is a list item).
                Some(plain) => (Cow::Owned(plain), Emphasis::None),
                None => (unescaped, emphasis),
            },
            Some(range) => (
                match unescaped {
                    Cow::Borrowed(b) => Cow::Borrowed(&b[range]),
                    Cow::Owned(o) => Cow::Owned(o[range].to_string()),
                },
                emphasis,
            ),
        };
        // Labels that count only where the document shows them taking
        // turns (see `TurnEvidence`), tried when the line has no other marker.
        let (mut marker, mut off, mut alone) = match detect_marker(&unescaped) {
            (Marker::None, ..) => {
                let u: &str = &unescaped;
                let evidenced = gated.iter().find_map(|f| (f.read)(u, &evidence));
                match evidenced {
                    Some((name, off)) => label_at(name, u, off),
                    None => (Marker::None, 0, false),
                }
            }
            found => found,
        };
        if proceedings_at.is_some_and(|at| i < at) {
            marker = Marker::None;
            off = 0;
            alone = false;
        } else if proceedings_at.is_some() && marker == Marker::None && is_caps_heading(&unescaped)
        {
            // `ORAL ARGUMENT OF JANE ROE ON BEHALF OF THE PETITIONER`: the
            // reporter's heading, said by nobody.
            drop_line(dropped, "section heading");
            continue;
        }
        // `Speaker 0: 00:00:02`, the words on the lines below: a label
        // alone but for its time. `Jane Roe – 00:19:28: Hello`: the time
        // between the label and the words is no word either.
        if !alone
            && matches!(marker, Marker::Label(_))
            && let Some((time, len)) = unescaped.get(off..).and_then(time_after_label)
            // A clock time that opens the words (`P: 4:06 after retrofire
            // is…`, even in a transcript that times its turns) is said:
            // only a time alone, or one closed by a colon of its own, is
            // the transcript's.
            && (off + len >= unescaped.len() || time_closed_by_colon(&unescaped[off..]))
        {
            notes.time(no, time);
            off += len;
            alone = off >= unescaped.len();
        }
        // `…our fight against` / `COVID:`: a word and a colon right under a
        // line that stopped mid-sentence ends that sentence; no label.
        let ends_a_sentence = alone
            && blank_run == 0
            && !hard_break
            && lines
                .last()
                .is_some_and(|l: &Line| l.text.ends_with(|c: char| c.is_lowercase()));
        if ends_a_sentence {
            marker = Marker::None;
            off = 0;
        } else if alone && let Marker::Label(name) = marker {
            pending_label = Some(name);
            hard_break = true;
            continue;
        }
        // Most lines have no marker: their empty prefix needs no folding.
        let (mut text, mut prefix): (Cow<'a, str>, Cow<'a, str>) = match &unescaped {
            Cow::Borrowed(u) if off == 0 => (fold_spaces(u), Cow::Borrowed("")),
            Cow::Borrowed(u) => (fold_spaces(&u[off..]), fold_spaces(&u[..off])),
            Cow::Owned(u) => (
                Cow::Owned(fold_spaces(&u[off..]).into_owned()),
                Cow::Owned(fold_spaces(&u[..off]).into_owned()),
            ),
        };
        // `*Q:* _How old are you?_`: the words after a label, all in
        // emphasis, are the words.
        // (Words, not one: `JANE: *laughs*` is a stage direction.)
        if off > 0
            && text.starts_with(['*', '_'])
            && let Some(range) = markdown_text(&text)
            && text[range.clone()].contains(' ')
        {
            text = match text {
                Cow::Borrowed(t) => Cow::Borrowed(&t[range]),
                Cow::Owned(t) => Cow::Owned(t[range].to_string()),
            };
        }
        // `[Speaker 1] [00:15] …`: the time inside a label.
        if prefix.len() > 4
            && prefix.bytes().any(|b| b == b'[' || b == b'(')
            && let Some(time) = prefix
                .split(' ')
                .filter(|w| w.starts_with(['[', '(']))
                .find(|w| strip_timestamp(w).is_some_and(str::is_empty))
        {
            notes.time(no, time);
        }
        if let Some(name) = pending_label.take() {
            if marker == Marker::None {
                prefix = Cow::Owned(format!("{name}:"));
                marker = Marker::Label(name);
            } else {
                // The label line is followed by a marked line: keep the label as text.
                text = Cow::Owned(format!("{name}: {text}"));
            }
        }
        let layout_len = char_count(trim_end_with(l, is_space));
        // `Q: How long…? A: About eleven years.`: the answer on the
        // question's line becomes a line of its own.
        let answer = match &marker {
            Marker::Label(q) => {
                inline_answer(&text).filter(|_| generic_role(q) == Some(LabelRole::Asks))
            }
            _ => None,
        };
        let answer_line = answer.map(|(end, start, label)| {
            let (question, reply): (Cow<'a, str>, Cow<'a, str>) = match &text {
                Cow::Borrowed(t) => (Cow::Borrowed(&t[..end]), Cow::Borrowed(&t[start..])),
                Cow::Owned(t) => (
                    Cow::Owned(t[..end].to_string()),
                    Cow::Owned(t[start..].to_string()),
                ),
            };
            text = question;
            Line {
                no,
                prefix: Cow::Owned(format!("{label}:")),
                text: reply,
                marker: Marker::Label(label),
                label_alone: false,
                blank_before: 0,
                hard_break_before: false,
                cue_start: false,
                layout_len,
                indent: None,
                emphasis: Emphasis::None,
            }
        });
        lines.push(Line {
            no,
            text,
            marker,
            prefix,
            label_alone: false,
            blank_before: blank_run,
            hard_break_before: hard_break,
            cue_start,
            layout_len,
            indent,
            emphasis,
        });
        lines.extend(answer_line);
        blank_run = 0;
        hard_break = false;
        cue_start = false;
    }
    if let Some(name) = pending_label {
        // A label with nothing after it: keep it visible.
        lines.push(Line {
            no: raw.len(),
            text: Cow::Owned(format!("{name}:")),
            marker: Marker::None,
            prefix: Cow::Borrowed(""),
            label_alone: true,
            blank_before: blank_run,
            hard_break_before: true,
            cue_start: false,
            layout_len: name.len() + 1,
            indent: None,
            emphasis: Emphasis::None,
        });
    }
    *places = notes.resolve(lines.len());
    lines
}

/// How many groups most of the transcript's own times have had so far:
/// the shape of its times (0 before any).
fn usual_groups(shapes: &[usize; 8]) -> usize {
    (1..shapes.len())
        .max_by_key(|&g| shapes[g])
        .filter(|&g| shapes[g] > 0)
        .unwrap_or(0)
}

fn time_groups(time: &str) -> usize {
    time.bytes().filter(|&b| b == b':').count() + 1
}

/// A heading in capitals: two or more words, no lower-case letter.
fn is_caps_heading(t: &str) -> bool {
    t.split(' ')
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count()
        >= 2
        && t.chars().any(char::is_uppercase)
        && !t.chars().any(char::is_lowercase)
}

/// A line of a transcript's word index: three or more page:line references
/// (`50:19`, `51:17,18`), and they are at least two tokens in five.
/// `24:8,10`: a page and its lines, as a court transcript's word index
/// writes them.
fn is_page_line_ref(w: &str) -> bool {
    w.split_once(':').is_some_and(|(page, line)| {
        (1..=3).contains(&page.len())
            && page.bytes().all(|c| c.is_ascii_digit())
            && line
                .split(',')
                .all(|n| (1..=2).contains(&n.len()) && n.bytes().all(|c| c.is_ascii_digit()))
    })
}

fn is_index_line(t: &str) -> bool {
    // Cheap first: a digit, a colon and a digit somewhere.
    let b = t.as_bytes();
    if !memchr::memchr_iter(b':', b)
        .any(|i| i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(u8::is_ascii_digit))
    {
        return false;
    }
    let (mut tokens, mut refs) = (0usize, 0usize);
    for w in t.split(' ').filter(|w| !w.is_empty()) {
        tokens += 1;
        refs += usize::from(is_page_line_ref(w));
    }
    refs >= 3 && refs * 5 >= tokens * 2
}

/// `1. **What drew you to clocks?**`: a numbered line all in bold, as
/// Markdown lists questions — the line without the bold markup.
fn numbered_emphasis(line: &str) -> Option<String> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let rest = line[digits..].strip_prefix(['.', ')'])?;
    let words = rest.trim_start_matches(' ');
    if words.len() == rest.len() || !words.starts_with(['*', '_']) {
        return None;
    }
    let range = markdown_text(words)?;
    if !(words.starts_with("**") || words.starts_with("__")) {
        return None;
    }
    Some(format!(
        "{}{}",
        &line[..line.len() - words.len()],
        &words[range]
    ))
}

/// `00:19:28: Hello`: the time after a label ends in a colon of its own.
fn time_closed_by_colon(rest: &str) -> bool {
    time_after_label(rest)
        .is_some_and(|(time, _)| rest.trim_start_matches(is_space)[time.len()..].starts_with(':'))
}

/// A time right after a speaker's label (`: 00:00:02`, ` – 00:19:28:`,
/// `[00:12] `): the time, and how many bytes it takes with the spaces and
/// colon around it.
fn time_after_label(rest: &str) -> Option<(&str, usize)> {
    let r = rest.trim_start_matches(is_space);
    let token_len = r
        .find(|c: char| {
            !(c.is_ascii_digit() || matches!(c, ':' | '.' | ',' | '[' | ']' | '(' | ')'))
        })
        .unwrap_or(r.len());
    let token = &r[..token_len];
    let time = token.strip_suffix(':').unwrap_or(token);
    if time.is_empty() || time.len() > 16 || !strip_timestamp(time).is_some_and(str::is_empty) {
        return None;
    }
    let after = r[token_len..].trim_start_matches(is_space);
    Some((time, rest.len() - after.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Any space character other than U+0020.
    fn has_unicode_space(t: &str) -> bool {
        t.chars().any(|c| c != ' ' && is_space(c))
    }

    /// What `fold_spaces` computed before its fast paths: the reference.
    fn fold_spaces_naive(s: &str) -> String {
        s.split(is_space)
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    proptest! {
        #[test]
        fn trim_with_is_trim_matches(s in "[ \u{a0}\u{3000}\u{c}aé问]{0,12}") {
            prop_assert_eq!(trim_with(&s, is_space), s.trim_matches(is_space));
            let space_or_ff = |c: char| is_space(c) || c == '\u{c}';
            prop_assert_eq!(trim_with(&s, space_or_ff), s.trim_matches(space_or_ff));
        }

        #[test]
        fn fold_spaces_matches_the_naive_fold(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![" ", "  ", "a", "bc", "\u{a0}", "\u{2009}", "\u{3000}", "é", "—", "\u{c}", "-", "xyzw"]),
                0..40,
            )
        ) {
            let s: String = parts.concat();
            let folded = fold_spaces(&s);
            prop_assert_eq!(&*folded, fold_spaces_naive(&s));
            // Borrowed exactly when nothing had to change but the trimming.
            prop_assert_eq!(
                matches!(folded, Cow::Borrowed(_)),
                !s.trim_matches(is_space).contains("  ") && !has_unicode_space(s.trim_matches(is_space))
            );
        }
    }

    proptest! {
        #[test]
        fn newline_split_and_char_count_match_std(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["\n", "a", "é", "—", "\n\n", "xyz", "😀"]),
                0..80,
            )
        ) {
            let s: String = parts.concat();
            prop_assert_eq!(split_newlines(&s), s.split('\n').collect::<Vec<_>>());
            prop_assert_eq!(char_count(&s), s.chars().count());
        }
    }

    proptest! {
        #[test]
        fn page_number_reuse_matches_asking_again(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["\u{c}", " ", "12", "3", "Page ", "page 4 of 9", "x", "-", "\u{a0}"]),
                0..10,
            )
        ) {
            // Trimmed the two ways `split_lines` does: reused only when the slices agree.
            let l: String = parts.concat();
            let first = trim_with(&l, |c| is_space(c) || c == '\u{c}');
            let main = trim_with(l.trim_start_matches('\u{c}'), is_space);
            let known = (first, is_page_number_line(first));
            prop_assert_eq!(page_number_of(main, known), is_page_number_line(main));
        }
    }

    #[test]
    fn space_len_agrees_with_is_space() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = format!("{c}x");
            let want = if is_space(c) { c.len_utf8() } else { 0 };
            assert_eq!(space_len(s.as_bytes(), 0), want, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn spaces_folded_across_eight_byte_words() {
        for at in 1..20 {
            for run in ["  ", " \u{a0}", "\u{a0} ", "\u{a0}", "\u{3000}", "   "] {
                let mut s = "x".repeat(24);
                s.replace_range(at..at + 1, run);
                let want = format!("{} {}", "x".repeat(at), "x".repeat(23 - at));
                assert_eq!(fold_spaces(&s), want, "{at} {run:?}");
            }
            let mut s = "x".repeat(24);
            s.replace_range(at..at + 1, " ");
            assert!(matches!(fold_spaces(&s), Cow::Borrowed(_)), "{at}");
        }
        assert!(matches!(
            fold_spaces("a b c d e f g h i j k l m n o p — “é”"),
            Cow::Borrowed(_)
        ));
    }

    fn marker(s: &str) -> (Marker, String) {
        let (m, off, _) = detect_marker(s);
        (m, s[off..].trim().to_string())
    }

    #[test]
    fn dash_markers() {
        assert_eq!(marker("- Hello").0, Marker::Dash);
        assert_eq!(marker("— Hello").0, Marker::Dash);
        assert_eq!(marker("—\u{a0}Hello").0, Marker::Dash);
        assert_eq!(marker("—Hello").0, Marker::Dash);
        assert_eq!(marker("-5 degrees").0, Marker::None);
        assert_eq!(marker("-Hello").0, Marker::None);
        assert_eq!(marker("—¿Cuándo?"), (Marker::Dash, "¿Cuándo?".into()));
        assert_eq!(marker("-¡Claro!"), (Marker::Dash, "¡Claro!".into()));
    }

    #[test]
    fn period_labels_with_titles_and_capitals() {
        for (line, name) in [
            ("CHAIR POWELL. Good afternoon.", "CHAIR POWELL"),
            ("MR. SMITH. Thank you.", "MR. SMITH"),
        ] {
            assert_eq!(
                marker(line),
                (
                    Marker::Label(name.into()),
                    line[name.len() + 1..].trim().into()
                )
            );
        }
        // Titles before the capitals only where the caller allows them.
        for (line, name) in [
            (
                "Senator GRASSLEY. Thank you, Mr. Chairman.",
                "Senator GRASSLEY",
            ),
            (
                "Ms. JACKSON LEE. Will the maps be public?",
                "Ms. JACKSON LEE",
            ),
            (
                "The CHAIRMAN. The committee will come to order.",
                "The CHAIRMAN",
            ),
        ] {
            assert_eq!(marker(line).0, Marker::None, "{line}");
            assert_eq!(
                period_label(line, true),
                Some((name.to_string(), name.len() + 1))
            );
        }
        for prose in [
            "Mr. Smith went to Washington. He stayed.",
            "The committee. Then the vote.",
            "Senator. That is what he was.",
            "I. Introduction",
            "US. The rest",
            "U.S. GDP. It grew.",
        ] {
            assert_eq!(marker(prose).0, Marker::None, "{prose}");
            assert_eq!(period_label(prose, true), None, "{prose}");
        }
        // Select committee evidence numbers its questions before the name.
        assert_eq!(marker("Q12 Chair: Why?").0, Marker::Label("Chair".into()));
        assert_eq!(
            marker("Q3 Mr Smith: And?").0,
            Marker::Label("Mr Smith".into())
        );
    }

    #[test]
    fn numbered_q_and_a_markers() {
        assert_eq!(
            marker("Q1) Why?"),
            (Marker::Label("Q".into()), "Why?".into())
        );
        assert_eq!(
            marker("A12) Because."),
            (Marker::Label("A".into()), "Because.".into())
        );
        assert_eq!(marker("A1.5 percent").0, Marker::None);
        assert_eq!(
            marker("Q4. Do you think the wave is cresting?").0,
            Marker::None
        );
        assert_eq!(marker("A) the first option").0, Marker::None);
        assert_eq!(marker("Q1.Why").0, Marker::None);
    }

    #[test]
    fn label_markers() {
        assert_eq!(
            marker("Q:  What?"),
            (Marker::Label("Q".into()), "What?".into())
        );
        assert_eq!(
            marker("Q    Thank you."),
            (Marker::Label("Q".into()), "Thank you.".into())
        );
        assert_eq!(
            marker("Q\u{a0}\u{a0} Thank you.").0,
            Marker::Label("Q".into())
        );
        assert_eq!(marker("Question: Why?").0, Marker::Label("Question".into()));
        assert_eq!(
            marker("MS. PSAKI:  Good afternoon.").0,
            Marker::Label("MS. PSAKI".into())
        );
        assert_eq!(
            marker("President of Russia Vladimir Putin: Yes.").0,
            Marker::Label("President of Russia Vladimir Putin".into())
        );
        assert_eq!(
            marker("Jörg Schönenborn (retranslated): Good evening").0,
            Marker::Label("Jörg Schönenborn".into())
        );
        assert_eq!(
            marker("CHAIR POWELL. Good afternoon.").0,
            Marker::Label("CHAIR POWELL".into())
        );
        assert_eq!(marker("Speaker 1: hi").0, Marker::Label("Speaker 1".into()));
        assert_eq!(marker("Вопрос: Как?").0, Marker::Label("Вопрос".into()));
        assert_eq!(
            marker("**Q:** Why?"),
            (Marker::Label("Q".into()), "Why?".into())
        );
        assert_eq!(
            marker("**Jane Doe:** I see."),
            (Marker::Label("Jane Doe".into()), "I see.".into())
        );
        assert_eq!(marker("P1: I work nights.").0, Marker::Label("P1".into()));
        assert_eq!(marker("**Bold claim** is here").0, Marker::None);
        // Not labels.
        assert_eq!(marker("At 12:30 we met").0, Marker::None);
        assert_eq!(
            marker("The reasons are clear: we must act.").0,
            Marker::None
        );
        assert_eq!(marker("See http://example.com").0, Marker::None);
        assert_eq!(marker("U.S. officials said").0, Marker::None);
        assert_eq!(marker("OK. Fine.").0, Marker::None);
        assert_eq!(marker("Question of the day").0, Marker::None);
    }

    #[test]
    fn page_numbers_and_numbers_said() {
        assert!(is_page_number_line("  12  "));
        assert!(is_page_number_line("- 3 -"));
        assert!(is_page_number_line("— 12 —"));
        assert!(is_page_number_line("Page 4 of 9"));
        // A speaker cut off after a number (`"other object" in 1512 --`).
        assert!(!is_page_number_line("1512 --"));
        assert!(!is_page_number_line("19- --"));
    }

    #[test]
    fn timestamps_are_stripped() {
        assert_eq!(strip_timestamp("[00:12:31] Hello"), Some("Hello"));
        assert_eq!(strip_timestamp("(00:12) Hello"), Some("Hello"));
        assert_eq!(strip_timestamp("00:12:31 - Hello"), Some("Hello"));
        assert_eq!(strip_timestamp("[-00:00:00:03]"), Some(""));
        assert_eq!(strip_timestamp("12 apples"), None);
        assert_eq!(strip_timestamp("1:03 P.M. EST"), Some("P.M. EST"));
        assert_eq!(
            trailing_timestamp_label("Jane Doe  0:03"),
            Some("Jane Doe".into())
        );
        assert_eq!(trailing_timestamp_label("We met at 10:30"), None);
    }

    #[test]
    fn line_numbers_and_page_chrome_dropped() {
        let mut text = String::new();
        for page in 1..=4 {
            text.push_str("\u{c}            Official\n\n");
            for n in 1..=10 {
                let words = [
                    "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
                    "india", "juliet",
                ];
                text.push_str(&format!(
                    "{n}    {} speaks on page {}\n\n",
                    words[n - 1],
                    words[page]
                ));
            }
            text.push_str(&format!(
                "                {page}\n       Alderson Reporting Company\n"
            ));
        }
        let mut dropped = Vec::new();
        let lines = split_lines(&text, &mut dropped);
        assert_eq!(lines.len(), 40);
        assert_eq!(lines[0].text, "alpha speaks on page bravo");
        assert!(dropped.iter().any(|d| d.text == "Official"));
        assert!(
            dropped
                .iter()
                .any(|d| d.text == "Alderson Reporting Company")
        );
        assert!(lines.iter().all(|l| !l.text.contains("Official")));
    }

    #[test]
    fn label_alone_applies_to_next_line() {
        let mut dropped = Vec::new();
        let lines = split_lines("MR. SMITH:\nI agree with that.\n", &mut dropped);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].marker, Marker::Label("MR. SMITH".into()));
        assert_eq!(lines[0].text, "I agree with that.");
    }

    #[test]
    fn metadata_lines_dropped() {
        let mut dropped = Vec::new();
        let lines = split_lines(
            "[00:00:01:02]\n_page : 3\nCC: Roger.\n[00:00:01:05]\nP: Go.\n[00:00:01:09]\nCC: Copy.\n",
            &mut dropped,
        );
        assert_eq!(lines.len(), 3);
        assert!(lines[0].hard_break_before);
        assert_eq!(dropped[0].reason, "metadata");
    }

    #[test]
    fn markdown_wrapping_a_whole_line_is_layout() {
        let text = |s: &'static str| markdown_text(s).map(|r| &s[r]);
        assert_eq!(
            text("**What drew you to it?**"),
            Some("What drew you to it?")
        );
        assert_eq!(text("__Why?__"), Some("Why?"));
        assert_eq!(text("*An aside.*"), Some("An aside."));
        assert_eq!(
            text("## Ten minutes with the architect ##"),
            Some("Ten minutes with the architect")
        );
        assert_eq!(text("# "), Some(""));
        // Not whole-line emphasis, or not Markdown at all.
        assert_eq!(text("**Jane:** Hello **world**"), None);
        assert_eq!(text("**Jane:** well"), None);
        assert_eq!(text("* item *"), None);
        assert_eq!(text("#MeToo was everywhere"), None);
        assert_eq!(text("**"), None);
        assert_eq!(text("_x_y_"), None);
    }
}
