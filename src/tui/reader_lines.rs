//! The reader's text, laid out: one document wrapped to a width as styled
//! lines, once, and kept by the app per (document, width) — plus where
//! each question starts and which line holds a marked statement. The
//! reading pane ([`super::reader`]) only slices the visible lines out of
//! it, so a document of any length scrolls to its end (no `u16` scroll
//! offset anywhere) and a frame costs the same at line 10 as at line
//! 200,000. No drawing here, and nothing of `App`.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::model::{DocKind, Document, LineRange, Paragraph as Para};
use crate::search::{Part, Statement};

/// Which statement to highlight: a byte range of one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marked {
    pub part: Part,
    pub pair: Option<u32>,
    pub para: u32,
    pub start: usize,
    pub end: usize,
}

impl Marked {
    pub fn of(s: &Statement) -> Marked {
        Marked {
            part: s.part,
            pair: s.pair,
            para: s.para,
            start: s.start as usize,
            end: s.end as usize,
        }
    }
}

/// Bytes of a paragraph handed to textwrap at once (see `wrapped`).
const WRAP_CHUNK: usize = 64 * 1024;

/// `text` in pieces of about [`WRAP_CHUNK`] bytes, each ending after a
/// space when one is near the end, else at a character boundary; short
/// text (nearly every paragraph) whole.
fn wrap_chunks(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        if rest.len() <= WRAP_CHUNK {
            return Some(std::mem::take(&mut rest));
        }
        let cut = rest.floor_char_boundary(WRAP_CHUNK);
        let cut = rest[..cut]
            .rfind(' ')
            .filter(|&at| at >= cut / 2)
            .map_or(cut, |at| at + 1);
        let (chunk, after) = rest.split_at(cut.max(1));
        rest = after;
        Some(chunk)
    })
}

/// A document wrapped to one width.
#[derive(Debug, Clone)]
pub struct ReaderLines {
    /// Index of the document in the app's list.
    pub document: usize,
    /// The text width the lines were wrapped to.
    pub width: u16,
    pub lines: Vec<Line<'static>>,
    /// Line index of each pair's `Q<n>` heading, in pair order.
    pub pair_starts: Vec<usize>,
    /// The highlighted statement, and the line it starts on.
    pub marked: Option<Marked>,
    pub marked_line: Option<usize>,
    /// The `from:` line under each traced quote, and where it points.
    pub sources: Vec<SourceLine>,
}

/// Where a quote of an article comes from, as the reader shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteFrom {
    /// The interview (an index into the loaded documents) and its pair.
    pub doc: usize,
    pub pair: usize,
    /// What the line says: `from: <interview> · Q3`.
    pub label: String,
}

/// A `from:` line of the reader: its line, and the pair it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceLine {
    pub line: usize,
    pub doc: usize,
    pub pair: usize,
}

impl ReaderLines {
    /// Lays `doc` out for a text area `width` columns wide.
    pub fn build(document: usize, doc: &Document, width: u16) -> Self {
        Self::build_marked(document, doc, width, None)
    }

    /// [`build`](Self::build), with one statement highlighted.
    pub fn build_marked(
        document: usize,
        doc: &Document,
        width: u16,
        marked: Option<Marked>,
    ) -> Self {
        Self::build_annotated(
            document,
            doc,
            width,
            marked,
            &Theme::default(),
            |_| (None, Vec::new()),
            &[],
        )
    }

    /// [`build_marked`](Self::build_marked) in `theme`'s colours, with the
    /// reader's note and codes on a pair (by 0-based index) shown dim under
    /// its answer,
    /// and under each quote of an article where it comes from
    /// (`quote_from`, per quote; may be shorter).
    pub fn build_annotated(
        document: usize,
        doc: &Document,
        width: u16,
        marked: Option<Marked>,
        theme: &Theme,
        note: impl Fn(usize) -> (Option<String>, Vec<String>),
        quote_from: &[Option<QuoteFrom>],
    ) -> Self {
        let mut out = Builder {
            lines: Vec::new(),
            width: usize::from(width.max(1)),
            mark: None,
            marked_line: None,
            marked_style: theme.marked(),
        };
        let (question, speaker, dim, quote) = (
            theme.question(),
            theme.speaker(),
            theme.dim(),
            theme.quote(),
        );
        let mark_for = |part: Part, pair: Option<usize>, para: usize| {
            marked
                .filter(|m| {
                    m.part == part && m.pair.map(|p| p as usize) == pair && m.para as usize == para
                })
                .map(|m| m.start..m.end)
        };
        let mut pair_starts = Vec::with_capacity(doc.pairs.len());
        let mut sources = Vec::new();

        if let Some(title) = &doc.title {
            out.wrapped(
                title,
                "",
                "",
                Style::new().add_modifier(Modifier::BOLD),
                Style::new(),
            );
        }
        let meta: Vec<&str> = [&doc.interviewee, &doc.source, &doc.date]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        if !meta.is_empty() {
            out.wrapped(&meta.join(" · "), "", "", dim, dim);
        }
        if !out.lines.is_empty() {
            out.blank();
        }

        // Who is speaking: a speaker line wherever the speaker changes, so
        // an interjection inside an answer is never read as the answerer's.
        let mut shown: Option<&str> = None;
        for (i, p) in doc.preamble.iter().enumerate() {
            out.speaker_line(p, &mut shown, speaker);
            out.mark = mark_for(Part::Preamble, None, i);
            out.paragraph(p, Style::new(), "", Style::new());
        }

        for (n, pair) in doc.pairs.iter().enumerate() {
            pair_starts.push(out.lines.len());
            let mut heading = vec![Span::styled(
                format!(" Q{} ", pair.number),
                theme.question_label(),
            )];
            if let Some(asker) = &pair.asker {
                heading.push(Span::styled(
                    format!(" {}", crate::text::printable(asker)),
                    speaker,
                ));
            }
            out.lines.push(Line::from(heading));
            // A moderator's hand-off, dim, under its speaker's name.
            shown = None;
            for (i, l) in pair.lead.iter().enumerate() {
                out.speaker_line(l, &mut shown, dim);
                out.mark = mark_for(Part::Lead, Some(n), i);
                out.paragraph(l, dim, "", dim);
            }
            // The heading names the asker (a role label like `Q` names nobody).
            shown = pair.question.first().and_then(|q| q.speaker.as_deref());
            for (i, q) in pair.question.iter().enumerate() {
                out.speaker_line(q, &mut shown, speaker);
                out.mark = mark_for(Part::Question, Some(n), i);
                out.paragraph(q, question, "┃ ", question);
            }
            out.mark = None;
            // The answer's first speaker is said once: by name above it, or
            // (a role label such as `A`) by the layout itself.
            shown = pair.answer_voice();
            if let Some(answerer) = &pair.answerer {
                out.wrapped(&format!("— {answerer}"), "", "", speaker, speaker);
            }
            if pair.answer.is_empty() {
                out.wrapped("(no answer)", "", "", dim, dim);
                out.blank();
            }
            for (i, a) in pair.answer.iter().enumerate() {
                out.speaker_line(a, &mut shown, speaker);
                out.mark = mark_for(Part::Answer, Some(n), i);
                out.paragraph(a, Style::new(), "", Style::new());
            }
            out.mark = None;
            let (text, codes) = note(n);
            if let Some(text) = &text {
                let text = format!("Note: {}", crate::text::printable(text));
                out.wrapped(&text, "", "      ", dim, dim);
            }
            if !codes.is_empty() {
                let text = format!("Codes: {}", crate::text::printable(&codes.join(" · ")));
                out.wrapped(&text, "", "       ", dim, dim);
            }
            if text.is_some() || !codes.is_empty() {
                out.blank();
            }
        }

        shown = None;
        for (i, p) in doc.body.iter().enumerate() {
            out.speaker_line(p, &mut shown, speaker);
            out.mark = mark_for(Part::Body, None, i);
            let quoted = doc.quotes.iter().any(|q| overlaps(q.lines, p.lines));
            if quoted {
                out.paragraph(p, Style::new(), "│ ", quote);
            } else {
                out.paragraph(p, Style::new(), "", Style::new());
            }
        }
        out.mark = None;
        if doc.kind == DocKind::Article && !doc.quotes.is_empty() {
            out.wrapped("Quotes", "", "", quote.add_modifier(Modifier::BOLD), quote);
            out.blank();
            for (k, q) in doc.quotes.iter().enumerate() {
                let text = match &q.attribution {
                    Some(who) => format!("“{}” — {who}", q.text),
                    None => format!("“{}”", q.text),
                };
                out.wrapped(&text, "❝ ", "  ", Style::new(), quote);
                if let Some(Some(from)) = quote_from.get(k) {
                    sources.push(SourceLine {
                        line: out.lines.len(),
                        doc: from.doc,
                        pair: from.pair,
                    });
                    out.wrapped(&from.label, "  ↪ ", "    ", dim, dim);
                }
                out.blank();
            }
        }
        // Trailing blank lines only make the last page look emptier.
        while out.lines.last().is_some_and(|l| l.width() == 0) && out.lines.len() > 1 {
            out.lines.pop();
        }

        ReaderLines {
            document,
            width,
            marked_line: out.marked_line,
            lines: out.lines,
            pair_starts,
            marked,
            sources,
        }
    }

    /// The pair whose heading is at or above `line`; `None` before the first.
    pub fn pair_at(&self, line: usize) -> Option<usize> {
        self.pair_starts
            .partition_point(|&start| start <= line)
            .checked_sub(1)
    }
}

fn overlaps(a: LineRange, b: LineRange) -> bool {
    a.first <= b.last && b.first <= a.last
}

struct Builder {
    lines: Vec<Line<'static>>,
    width: usize,
    /// Bytes of the next paragraph to highlight.
    mark: Option<std::ops::Range<usize>>,
    marked_line: Option<usize>,
    /// How the highlighted statement is drawn.
    marked_style: Style,
}

impl Builder {
    fn blank(&mut self) {
        self.lines.push(Line::default());
    }

    /// One paragraph followed by a blank line; list items get a bullet and
    /// a hanging indent.
    /// `— NAME` over `p` when its speaker is not the one `shown` last, so an
    /// interjection inside an answer is never read as the answerer's words.
    /// Called before the paragraph's search mark is set: the mark is the
    /// paragraph's, not the name's.
    fn speaker_line<'d>(&mut self, p: &'d Para, shown: &mut Option<&'d str>, style: Style) {
        if let Some(who) = crate::export::speaker_change(p, shown) {
            self.wrapped(&format!("— {who}"), "", "", style, style);
        }
    }

    fn paragraph(&mut self, p: &Para, style: Style, gutter: &str, gutter_style: Style) {
        if p.list_item {
            let first = format!("{gutter}  • ");
            let rest = format!("{gutter}    ");
            self.wrapped(&p.text, &first, &rest, style, gutter_style);
        } else {
            self.wrapped(&p.text, gutter, gutter, style, gutter_style);
        }
        self.blank();
    }

    /// Wraps `text` after the prefix `first` (first line) / `rest` (the
    /// others), so continuation lines hang under the text.
    fn wrapped(&mut self, text: &str, first: &str, rest: &str, style: Style, prefix_style: Style) {
        // The parser already removed control characters; this is the last line
        // of defence for anything that reaches the model another way.
        let text = &*crate::text::printable(text);
        let prefix_width = UnicodeWidthStr::width(first).max(UnicodeWidthStr::width(rest));
        // Below the prefix width there is no room: wrap at one column
        // rather than fail; the pane clips what does not fit.
        let width = self.width.saturating_sub(prefix_width).max(1);
        // First-fit, like every reader: optimal-fit balances line lengths,
        // which makes ragged edges jump around as the pane is resized.
        let options = textwrap::Options::new(width)
            .break_words(true)
            .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
        let mark = self.mark.take();
        let mut cursor = 0;
        // A paragraph is wrapped a chunk at a time: textwrap holds every
        // word of what it wraps at once (tens of bytes a word), which for a
        // 50 MB paragraph is gigabytes. A chunk ends at a space where there
        // is one, so only a line at each chunk's end may come out short.
        let pieces = wrap_chunks(text).flat_map(|chunk| textwrap::wrap(chunk, &options));
        for (i, piece) in pieces.enumerate() {
            let prefix = if i == 0 { first } else { rest };
            let mut spans = Vec::with_capacity(4);
            if !prefix.is_empty() {
                spans.push(Span::styled(prefix.to_string(), prefix_style));
            }
            match &mark {
                None => spans.push(Span::styled(piece.into_owned(), style)),
                Some(mark) => {
                    // Where the piece is in `text`: wrapping slices it.
                    let at = offset_in(text, &piece)
                        .or_else(|| text.get(cursor..)?.find(piece.as_ref()).map(|p| p + cursor))
                        .unwrap_or(cursor);
                    cursor = at + piece.len();
                    let from = mark.start.clamp(at, cursor) - at;
                    let to = mark.end.clamp(at, cursor) - at;
                    let (from, to) = (floor_char(&piece, from), floor_char(&piece, to));
                    if from < to && self.marked_line.is_none() {
                        self.marked_line = Some(self.lines.len());
                    }
                    for (range, st) in [
                        (0..from, style),
                        (from..to, self.marked_style),
                        (to..piece.len(), style),
                    ] {
                        if !range.is_empty() {
                            spans.push(Span::styled(piece[range].to_string(), st));
                        }
                    }
                }
            }
            self.lines.push(Line::from(spans));
        }
    }
}

/// Byte offset of `piece` in `text`, when it is a slice of it.
fn offset_in(text: &str, piece: &str) -> Option<usize> {
    let start = text.as_ptr() as usize;
    let p = piece.as_ptr() as usize;
    (p >= start && p + piece.len() <= start + text.len()).then(|| p - start)
}

/// `at`, moved back to a character boundary of `s`.
fn floor_char(s: &str, mut at: usize) -> usize {
    at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_paragraph_is_wrapped_in_chunks_that_lose_nothing() {
        let words = "alpha beta gamma délta ".repeat(20_000);
        let one_word = "ж".repeat(100_000);
        for text in [words.as_str(), one_word.as_str(), "short", ""] {
            let chunks: Vec<&str> = wrap_chunks(text).collect();
            assert_eq!(chunks.concat(), text);
            assert!(
                chunks
                    .iter()
                    .all(|c| c.len() <= WRAP_CHUNK && !c.is_empty())
            );
        }
        // Cut after a space where there is one.
        assert!(wrap_chunks(&words).next().unwrap().ends_with(' '));
        // Every character of the paragraph is on some line.
        let mut doc = Document::empty("big.txt");
        doc.body.push(crate::model::Paragraph::new(
            words.clone(),
            crate::model::LineRange::new(1, 1),
        ));
        let lines = ReaderLines::build(0, &doc, 60);
        let shown: usize = lines
            .lines
            .iter()
            .flat_map(|l| l.spans.iter())
            .map(|s| s.content.chars().filter(|c| !c.is_whitespace()).count())
            .sum();
        let want = words.chars().filter(|c| !c.is_whitespace()).count();
        assert!(shown >= want, "{shown} < {want}");
        assert!(lines.lines.iter().all(|l| l.width() <= 60));
    }
    use crate::model::Pair;

    fn para(text: &str) -> Para {
        Para::new(text, LineRange::single(1))
    }

    fn plain(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn wraps_to_width_and_records_pair_starts() {
        let mut doc = Document::empty("a.txt");
        doc.kind = DocKind::Interview;
        doc.preamble
            .push(para("one two three four five six seven eight nine ten"));
        for n in 1..=2 {
            doc.pairs.push(Pair {
                number: n,
                lead: Vec::new(),
                question: vec![para("Why is the sky blue today?")],
                answer: vec![para("Because of Rayleigh scattering of sunlight.")],
                asker: Some("Host".into()),
                answerer: None,
                turns: 0..0,
            });
        }
        let lines = ReaderLines::build(0, &doc, 12);
        assert!(
            lines.lines.iter().all(|l| l.width() <= 12),
            "{:?}",
            lines.lines
        );
        assert_eq!(lines.pair_starts.len(), 2);
        assert_eq!(plain(&lines.lines[lines.pair_starts[0]]), " Q1  Host");
        assert_eq!(plain(&lines.lines[lines.pair_starts[1]]), " Q2  Host");
        assert_eq!(lines.pair_at(0), None);
        assert_eq!(lines.pair_at(lines.pair_starts[1]), Some(1));
        assert_eq!(lines.pair_at(lines.pair_starts[1] - 1), Some(0));
    }

    #[test]
    fn list_items_get_a_bullet_and_hanging_indent() {
        let mut doc = Document::empty("a.txt");
        let mut item = para("alpha beta gamma delta");
        item.list_item = true;
        doc.body.push(item);
        let lines = ReaderLines::build(0, &doc, 14);
        assert_eq!(plain(&lines.lines[0]), "  • alpha beta");
        assert_eq!(plain(&lines.lines[1]), "    gamma");
    }

    #[test]
    fn a_marked_statement_is_highlighted_across_wrapped_lines() {
        let mut doc = Document::empty("a.txt");
        doc.body
            .push(para("First one. Второе предложение здесь. Third."));
        let text = &doc.body[0].text;
        let start = text.find("Второе").unwrap();
        let end = text.find(" Third").unwrap();
        let marked = Marked {
            part: Part::Body,
            pair: None,
            para: 0,
            start,
            end,
        };
        let lines = ReaderLines::build_marked(0, &doc, 16, Some(marked));
        let marked_text: String = lines
            .lines
            .iter()
            .flat_map(|l| l.spans.iter())
            .filter(|s| s.style == Theme::default().marked())
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(marked_text, "Второепредложениездесь.");
        assert_eq!(lines.marked_line, Some(1));
    }

    /// A hit in a paragraph under a speaker line is marked in the
    /// paragraph, not in the name over it (the mark used to go to the name).
    #[test]
    fn a_hit_under_a_speaker_line_is_marked_in_its_paragraph() {
        let doc = crate::load::load_bytes(
            "b.txt",
            "MS. LANE:  Good afternoon.\n\nQ    What does the new plan cost?\n\nMS. LANE:  Less than the old one.\n\nMR. BOYD:  About a third less, over ten years.\n".as_bytes(),
        )
        .unwrap();
        let pair = &doc.pairs[0];
        let para = pair
            .answer
            .iter()
            .position(|a| a.text.starts_with("About"))
            .unwrap();
        let text = &pair.answer[para].text;
        let start = text.find("over ten").unwrap();
        let marked = Marked {
            part: Part::Answer,
            pair: Some(0),
            para: para as u32,
            start,
            end: text.len(),
        };
        let lines = ReaderLines::build_marked(0, &doc, 80, Some(marked));
        let at = lines.marked_line.expect("the hit's line is known");
        let line: String = lines.lines[at]
            .spans
            .iter()
            .map(|s| s.content.as_ref())
            .collect();
        assert!(line.contains("About a third less"), "{line:?}");
        let marked_text: String = lines.lines[at]
            .spans
            .iter()
            .filter(|s| s.style == Theme::default().marked())
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(marked_text, "over ten years.");
    }

    #[test]
    fn tiny_widths_do_not_panic() {
        let mut doc = Document::empty("a.txt");
        doc.body.push(para("supercalifragilistic word"));
        for w in 0..4 {
            let lines = ReaderLines::build(0, &doc, w);
            assert!(!lines.lines.is_empty());
        }
    }
}
