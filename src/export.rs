//! Export: documents as JSON (the interchange format) or Markdown (for people).
//!
//! The JSON shape is a contract with other tools: paragraph lists are arrays
//! of strings, and field names follow the issue that defines them.

use serde::Serialize;

use crate::model::{Document, DroppedLine, Pair, Paragraph, Turn, page_line_span};
use crate::search::sources::Source;

#[derive(Serialize)]
struct JsonCorpus<'a> {
    documents: Vec<JsonDocument<'a>>,
}

#[derive(Serialize)]
struct JsonDocument<'a> {
    path: &'a str,
    title: Option<&'a str>,
    kind: &'static str,
    interviewee: Option<&'a str>,
    source: Option<&'a str>,
    date: Option<&'a str>,
    speakers: &'a [String],
    format: &'static str,
    turns: Vec<JsonTurn<'a>>,
    preamble: Vec<&'a str>,
    pairs: Vec<JsonPair<'a>>,
    body: Vec<&'a str>,
    quotes: Vec<JsonQuote<'a>>,
    dropped: Vec<&'a str>,
    /// Each dropped line with its line number and why it was dropped.
    dropped_lines: &'a [DroppedLine],
    warnings: &'a [String],
}

/// Where one paragraph stands in the source: its lines, and the printed
/// page:line and the time where the source gives them.
#[derive(Serialize)]
struct JsonPlace<'a> {
    lines: [usize; 2],
    #[serde(skip_serializing_if = "Option::is_none")]
    page_line: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    time: Option<&'a str>,
}

fn json_place<'a>(d: &'a Document, p: &Paragraph) -> JsonPlace<'a> {
    let (first, last) = (p.lines.first, p.lines.last);
    JsonPlace {
        lines: [first, last],
        page_line: d
            .places
            .page_line(first)
            .zip(d.places.page_line(last))
            .map(|(a, b)| page_line_span(a, b)),
        time: d.places.time(first),
    }
}

#[derive(Serialize)]
struct JsonPair<'a> {
    number: usize,
    /// A moderator's hand-off before the question (absent when there is none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    lead: Vec<&'a str>,
    question: Vec<&'a str>,
    answer: Vec<&'a str>,
    asker: Option<&'a str>,
    answerer: Option<&'a str>,
    /// `[first, last]` indices into the document's `turns` (absent when it has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    turns: Option<[usize; 2]>,
}

#[derive(Serialize)]
struct JsonTurn<'a> {
    speaker: Option<&'a str>,
    role: &'static str,
    paragraphs: Vec<&'a str>,
    /// Where each of `paragraphs` stands in the source, in the same order.
    places: Vec<JsonPlace<'a>>,
    line: usize,
}

fn json_turn<'a>(d: &'a Document, t: &'a Turn) -> JsonTurn<'a> {
    JsonTurn {
        speaker: t.speaker.as_deref(),
        role: t.role.as_str(),
        paragraphs: texts(d.turn_paragraphs(t)),
        places: d
            .turn_paragraphs(t)
            .iter()
            .map(|p| json_place(d, p))
            .collect(),
        line: t.line,
    }
}

#[derive(Serialize)]
struct JsonQuote<'a> {
    text: &'a str,
    attribution: Option<&'a str>,
    /// The interview answer the quote comes from, when the corpus holds it.
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<JsonSource<'a>>,
}

/// A quote's source: the document and its pair (1-based, as `--pair`).
#[derive(Serialize)]
struct JsonSource<'a> {
    path: &'a str,
    pair: usize,
}

fn texts(ps: &[Paragraph]) -> Vec<&str> {
    ps.iter().map(|p| &*p.text).collect()
}

fn json_pair(p: &Pair) -> JsonPair<'_> {
    JsonPair {
        number: p.number,
        lead: texts(&p.lead),
        question: texts(&p.question),
        answer: texts(&p.answer),
        asker: p.asker.as_deref(),
        answerer: p.answerer.as_deref(),
        turns: (!p.turns.is_empty()).then(|| [p.turns.start, p.turns.end - 1]),
    }
}

/// One entry of `qnav list --json`.
#[derive(Serialize)]
struct JsonListEntry<'a> {
    path: &'a str,
    title: String,
    date: Option<&'a str>,
    interviewee: Option<&'a str>,
    speakers: &'a [String],
    format: &'static str,
    pairs: usize,
    bytes: usize,
    /// The documents this one is said inside (an excerpt of them).
    contained_in: Vec<&'a str>,
}

/// `qnav list --json`: `{"documents": [{"path", "title", "date",
/// "interviewee", "speakers", "format", "pairs", "bytes", "contained_in"}]}`,
/// the title as the list shows it; `contained_in[i]` are the paths of the
/// documents `docs[i]` is an excerpt of.
pub fn list_json<'a>(docs: &[&'a Document], contained_in: &[Vec<&'a str>]) -> String {
    #[derive(Serialize)]
    struct List<'a> {
        documents: Vec<JsonListEntry<'a>>,
    }
    let list = List {
        documents: docs
            .iter()
            .enumerate()
            .map(|(i, d)| JsonListEntry {
                path: &d.path,
                title: d.display_title(),
                date: d.date.as_deref(),
                interviewee: d.interviewee.as_deref(),
                speakers: &d.speakers,
                format: d.format.as_str(),
                pairs: d.pairs.len(),
                bytes: d.bytes,
                contained_in: contained_in.get(i).cloned().unwrap_or_default(),
            })
            .collect(),
    };
    serde_json::to_string_pretty(&list).expect("serialising plain data cannot fail")
}

/// `{"documents":[…]}` as pretty JSON. `sources` (as
/// [`crate::search::sources::sources`] gives them; empty for none) adds
/// each quote's source.
pub fn to_json(docs: &[Document], sources: &[Vec<Option<Source>>]) -> String {
    let corpus = JsonCorpus {
        documents: docs
            .iter()
            .enumerate()
            .map(|(i, d)| JsonDocument {
                path: &d.path,
                title: d.title.as_deref(),
                kind: d.kind.as_str(),
                interviewee: d.interviewee.as_deref(),
                source: d.source.as_deref(),
                date: d.date.as_deref(),
                speakers: &d.speakers,
                format: d.format.as_str(),
                turns: d.turns.iter().map(|t| json_turn(d, t)).collect(),
                preamble: texts(&d.preamble),
                pairs: d.pairs.iter().map(json_pair).collect(),
                body: texts(&d.body),
                quotes: d
                    .quotes
                    .iter()
                    .enumerate()
                    .map(|(k, q)| JsonQuote {
                        text: &q.text,
                        attribution: q.attribution.as_deref(),
                        source: sources
                            .get(i)
                            .and_then(|s| s.get(k).copied().flatten())
                            .and_then(|s| {
                                Some(JsonSource {
                                    path: &docs.get(s.doc)?.path,
                                    pair: s.pair + 1,
                                })
                            }),
                    })
                    .collect(),
                dropped: d.dropped.iter().map(|x| &*x.text).collect(),
                dropped_lines: &d.dropped,
                warnings: &d.warnings,
            })
            .collect(),
    };
    serde_json::to_string_pretty(&corpus).expect("serialising plain data cannot fail")
}

/// Markdown paragraphs; list items as `- item`, with a blank line between blocks.
fn md_paragraphs(out: &mut String, ps: &[Paragraph]) {
    let mut prev_list = false;
    for p in ps {
        if p.list_item {
            if !prev_list {
                out.push('\n');
            }
            out.push_str("- ");
            out.push_str(&escape_md(&p.text));
            out.push('\n');
        } else {
            out.push('\n');
            out.push_str(&escape_md(&p.text));
            out.push('\n');
        }
        prev_list = p.list_item;
    }
}

/// Escapes what Markdown would read as structure at the start of a line.
fn escape_md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    if s.starts_with(['#', '>', '-', '+', '*', '|'])
        || s.starts_with(|c: char| c.is_ascii_digit()) && s.contains(". ")
    {
        out.push('\\');
    }
    out.push_str(s);
    out
}

/// The speaker to name over `p`: its own, when it is not the one `shown`
/// last (which it then becomes).
pub fn speaker_change<'d>(p: &'d Paragraph, shown: &mut Option<&'d str>) -> Option<&'d str> {
    let who = p.speaker.as_deref()?;
    let changed = *shown != Some(who);
    *shown = Some(who);
    changed.then_some(who)
}

/// Paragraphs with `*NAME:*` wherever the speaker changes.
fn md_turns<'d>(out: &mut String, ps: &'d [Paragraph], shown: &mut Option<&'d str>) {
    let mut from = 0;
    for (i, p) in ps.iter().enumerate() {
        if let Some(who) = speaker_change(p, shown) {
            md_paragraphs(out, &ps[from..i]);
            out.push_str(&format!("\n*{}:*\n", escape_md(who)));
            from = i;
        }
    }
    md_paragraphs(out, &ps[from..]);
}

/// One pair as Markdown: `**Q3.**` question, then the answer, every turn
/// under its speaker's name.
pub fn pair_markdown(out: &mut String, p: &Pair) {
    let asker = p
        .asker
        .as_deref()
        .map(|a| format!(" *{a}:*"))
        .unwrap_or_default();
    // The question's own turns, joined on the heading line while one speaker
    // asks (a moderator's lead-in before it gets its own name).
    let mut shown = p.question.first().and_then(|q| q.speaker.as_deref());
    let first_turn = p
        .question
        .iter()
        .skip(1)
        .position(|q| q.speaker.as_deref().is_some_and(|w| shown != Some(w)))
        .map_or(p.question.len(), |k| k + 1);
    md_turns(out, &p.lead, &mut None);
    out.push_str(&format!("\n**Q{}.**{} ", p.number, asker));
    out.push_str(&escape_md(&crate::model::join_paragraphs(
        &p.question[..first_turn],
    )));
    out.push('\n');
    md_turns(out, &p.question[first_turn..], &mut shown);
    shown = p.answer_voice();
    if let Some(a) = &p.answerer {
        out.push_str(&format!("\n*{a}:*\n"));
    }
    md_turns(out, &p.answer, &mut shown);
}

/// A heading per document, metadata on top, then preamble and pairs (or body).
pub fn to_markdown(docs: &[Document]) -> String {
    let mut out = String::new();
    for (i, d) in docs.iter().enumerate() {
        if i > 0 {
            out.push_str("\n---\n\n");
        }
        out.push_str(&format!("# {}\n\n", d.display_title()));
        let mut meta = Vec::new();
        if let Some(v) = &d.interviewee {
            meta.push(format!("- **Interviewee:** {v}"));
        }
        if let Some(v) = &d.source {
            meta.push(format!("- **Source:** {v}"));
        }
        if let Some(v) = &d.date {
            meta.push(format!("- **Date:** {v}"));
        }
        meta.push(format!("- **Kind:** {}", d.kind.as_str()));
        meta.push(format!("- **File:** `{}`", d.path));
        if !d.pairs.is_empty() {
            meta.push(format!("- **Questions:** {}", d.pairs.len()));
        }
        out.push_str(&meta.join("\n"));
        out.push('\n');
        md_turns(&mut out, &d.preamble, &mut None);
        for p in &d.pairs {
            pair_markdown(&mut out, p);
            // Where the pair stands in the source, in the source's own terms
            // where it has them (`Tr. 4:1–2`, `00:12:31`), so a quote taken
            // from here can be checked.
            if let Some(place) =
                crate::source::pair_lines(p).and_then(|l| crate::citation::place(d, l))
            {
                out.push_str(&format!("\n<sub>{place}</sub>\n"));
            }
        }
        md_turns(&mut out, &d.body, &mut None);
    }
    out
}

/// A document or one pair as clean plain text, for `qnav show`.
pub fn to_text(d: &Document, only_pair: Option<&Pair>) -> String {
    let mut out = String::new();
    let para = |out: &mut String, p: &Paragraph| {
        out.push_str(if p.list_item { "  • " } else { "" });
        out.push_str(&p.text);
        out.push_str("\n\n");
    };
    let pair = |out: &mut String, p: &Pair| {
        let who = p
            .asker
            .as_deref()
            .map(|a| format!(" ({a})"))
            .unwrap_or_default();
        let mut lead_shown = None;
        for l in &p.lead {
            if let Some(w) = speaker_change(l, &mut lead_shown) {
                out.push_str(&format!("{w}:\n"));
            }
            para(out, l);
        }
        out.push_str(&format!("Q{}{}: ", p.number, who));
        let mut shown = p.question.first().and_then(|q| q.speaker.as_deref());
        for (i, q) in p.question.iter().enumerate() {
            if let Some(w) = speaker_change(q, &mut shown) {
                out.push_str(&format!("{w}:\n"));
            }
            if i > 0 {
                out.push_str("    ");
            }
            para(out, q);
        }
        shown = p.answer_voice();
        if let Some(a) = &p.answerer {
            out.push_str(&format!("{a}:\n"));
        }
        for a in &p.answer {
            if let Some(w) = speaker_change(a, &mut shown) {
                out.push_str(&format!("{w}:\n"));
            }
            para(out, a);
        }
    };
    if let Some(p) = only_pair {
        pair(&mut out, p);
        return out;
    }
    out.push_str(&d.display_title());
    out.push('\n');
    let mut meta = Vec::new();
    for v in [&d.interviewee, &d.source, &d.date].into_iter().flatten() {
        meta.push(v.clone());
    }
    if !meta.is_empty() {
        out.push_str(&meta.join(" · "));
        out.push('\n');
    }
    out.push('\n');
    let mut shown = None;
    for p in d.preamble.iter().chain(&d.body) {
        if let Some(w) = speaker_change(p, &mut shown) {
            out.push_str(&format!("{w}:\n"));
        }
        para(&mut out, p);
    }
    for p in &d.pairs {
        pair(&mut out, p);
    }
    out
}
