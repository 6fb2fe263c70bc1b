//! Parsing: clean text → a [`Document`] of question→answer pairs.
//!
//! The pipeline, each step deciding from evidence across the whole text:
//! 1. [`lines`]: drop layout artefacts (line numbers, running heads, page
//!    numbers, timestamps, metadata) and read the marker each line starts with;
//! 2. [`paragraphs`]: measure the layout (hard-wrapped? double-spaced?) and
//!    join lines back into paragraphs;
//! 3. [`chrome`]: set aside page chrome (navigation links, news briefs,
//!    "Read also" teasers, stray captions);
//! 4. [`segment`]: accept speaker labels, then try the [`format`] detectors
//!    in order (labelled speakers, dash turns, numbered, emphasised,
//!    magazine, or none: an article);
//! 5. [`turns`]: paragraphs → turns for the chosen format, with speakers'
//!    roles from [`roles`];
//! 6. [`pairs`]: turns → pairs, each turn marked with its role and why;
//! 7. [`meta`]: title, interviewee, outlet, date; [`quotes`] for articles;
//!    then [`Document::index_turns`] lists the turns.
//!
//! Before them, [`html`] turns a saved web page into the text a browser
//! shows. Shared by every step: [`scan`] (word counting in every script) and
//! [`lexicon`] (the word lists).

mod chrome;
mod dialogue;
mod evidence;
mod format;
pub mod front_matter;
pub mod html;
mod layout;
pub mod lexicon;
pub mod lines;
pub mod markers;
mod meta;
mod pairs;
pub mod paragraphs;
mod quotes;
pub mod records;
mod roles;
pub mod scan;
mod segment;
pub mod table;
mod turns;

pub use meta::pretty_name;
pub use pairs::gist;

use crate::model::{DocKind, Document};

/// A saved page's text, its warnings noted on `doc`. (Out of line, as
/// the other rare steps below: `parse` is the hot path.)
#[inline(never)]
fn page_text(doc: &mut Document, html_text: &str) -> String {
    let read = html::read_page(html_text);
    doc.warnings
        .push("read as HTML: lines are those of the page's text".to_string());
    if read.set_aside > 0 {
        doc.warnings.push(format!(
            "{} page elements set aside as the page's chrome (navigation, forms, \
             cookie notices, related links)",
            read.set_aside
        ));
    }
    if read.cut_short {
        doc.warnings
            .push("the page is cut short (it never closes): read as far as it goes".into());
    }
    read.text
}

/// `text` with its first `lines` (the front matter) emptied, and noted
/// on `doc` as dropped.
#[inline(never)]
fn drop_front_matter(doc: &mut Document, text: &str, lines: usize) -> String {
    doc.dropped.push(crate::model::DroppedLine {
        line: 1,
        last: lines,
        text: text
            .split('\n')
            .take(lines)
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" · "),
        reason: "front matter",
    });
    front_matter::blank_lines(text, lines)
}

/// A transcript kept as records (see [`records`]) as labelled lines, noted
/// on `doc`; None for any other text. (Out of line, like
/// `drop_front_matter`: nearly every text takes the other way.)
#[inline(never)]
fn records_page(doc: &mut Document, text: &str) -> Option<String> {
    let page = records::records_text(text)?;
    doc.warnings
        .push("read as records: a line per question, answer or speaker's words".to_string());
    Some(page)
}

/// Parses decoded, cleaned text (see [`crate::decode::decode`]) into a document.
pub fn parse(path: &str, text: &str) -> Document {
    let mut doc = Document::empty(path);
    doc.bytes = text.len();
    // A saved web page is read as the text a browser shows (line numbers
    // are then those of that text).
    let page;
    // A transcript kept as data (JSON, a script's object literals) is read
    // first: its strings may hold markup, but it is no page.
    let records = records_page(&mut doc, text);
    let from_markup = records.is_none() && html::looks_like_html(path, text);
    let text = if let Some(records) = records {
        page = records;
        page.as_str()
    } else if from_markup {
        page = page_text(&mut doc, text);
        page.as_str()
    } else if let Some(delimiter) = table::table_delimiter(text) {
        // A transcript kept as a table (CSV, TSV): a row per turn.
        doc.warnings
            .push("read as a table: a row per turn, `speaker: words`".to_string());
        page = table::table_text(text, delimiter);
        page.as_str()
    } else {
        text
    };
    // Front matter is metadata: its lines are dropped (emptied, so every
    // later line keeps its number) and its fields fill in below.
    let front = front_matter::read(text);
    let unfronted;
    let text = match &front {
        Some(fm) => {
            unfronted = drop_front_matter(&mut doc, text, fm.lines);
            unfronted.as_str()
        }
        None => text,
    };
    let lines = lines::split_lines_noting(
        text,
        &mut doc.dropped,
        &mut doc.label_families,
        &mut doc.places,
        from_markup,
    );
    if lines.is_empty() {
        doc.warnings.push("empty document: no text".to_string());
        return doc;
    }
    let layout = paragraphs::detect_layout(&lines);
    let mut paras = paragraphs::build(lines, layout);
    chrome::remove(&mut paras, &mut doc.dropped);
    let mut seg = segment::segment(paras);
    meta::fill(&mut doc, &mut seg);
    doc.kind = seg.kind.unwrap_or(DocKind::Article);
    doc.pairs = seg.pairs;
    doc.speakers = seg.speakers;
    if let Some(fm) = front {
        meta::fill_from_front_matter(&mut doc, fm);
    }
    // A court transcript is called by the case its caption names, not by
    // its cover sheet's `OFFICIAL TRANSCRIPT`.
    if doc
        .title
        .as_deref()
        .is_none_or(|t| !t.chars().any(char::is_lowercase))
        && let Some(case) = meta::case_caption(text)
    {
        doc.title = Some(case);
    }
    // A text that states no title is called by its file name, never by
    // its first question (see `Document::display_title`).
    if doc.title.is_none()
        && let Some((title, date)) = meta::title_from_file_name(path, text, &doc.speakers)
    {
        doc.title = Some(title);
        doc.date = doc.date.take().or(date);
    }
    // And dated by it when the text states no date.
    if doc.date.is_none() {
        doc.date = meta::date_from_file_name(path);
    }
    doc.format = seg.format;
    doc.format_scores = std::mem::take(&mut seg.scores);
    doc.index_turns();
    if doc.kind == DocKind::Article {
        doc.quotes = quotes::find(&doc.body);
        doc.warnings.push(if doc.turns.is_empty() {
            "no question→answer turns found: read as an article".to_string()
        } else {
            "speakers take turns but nobody asks: read as their statements, without pairs"
                .to_string()
        });
    }
    doc.dropped.sort_by_key(|d| d.line);
    doc
}
