//! `.docx` (Office Open XML) → text: `word/document.xml` walked with a
//! streaming XML reader (quick-xml) inside the ZIP archive (zip), the
//! title, author and date from `docProps/core.xml`.
//!
//! What a reader of the document sees is what is written: a paragraph per
//! `w:p` (a blank line between), `w:br` a line break, headings (`Heading1`…,
//! `Title`, an outline level) as `#`, list items as `• `, bold and italic
//! runs as Markdown emphasis, a table as one line per row (a two-column row
//! whose first cell is short is `Speaker: words`, as transcripts laid out
//! in tables mean it). Deleted tracked changes and field codes are not text.

use std::io::Read;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{Converted, MAX_TEXT_BYTES, Properties, push_run};

pub(super) fn to_text(bytes: &[u8]) -> Result<Converted, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("a damaged ZIP archive, not a readable Word document ({e})"))?;
    let body = match read_entry(&mut archive, "word/document.xml")? {
        Some(xml) => xml,
        None => {
            return Err(
                "a ZIP archive without word/document.xml: not a Word document (.docx)".into(),
            );
        }
    };
    let props = match read_entry(&mut archive, "docProps/core.xml") {
        Ok(Some(xml)) => core_properties(&xml),
        _ => Properties::default(),
    };
    let mut text = props.front_matter();
    body_text(&body, &mut text)
        .map_err(|e| format!("a Word document whose text is not well-formed XML ({e})"))?;
    if text.trim().is_empty() {
        return Err("a Word document with no text in it".into());
    }
    Ok(Converted {
        text,
        warnings: vec!["read as a Word document: lines are those of its text".into()],
    })
}

/// One archive member as text, at most [`MAX_TEXT_BYTES`]; None if absent.
fn read_entry(
    archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, String> {
    let entry = match archive.by_name(name) {
        Ok(e) => e,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("a damaged Word document: {name}: {e}")),
    };
    let mut xml = Vec::new();
    entry
        .take(MAX_TEXT_BYTES + 1)
        .read_to_end(&mut xml)
        .map_err(|e| format!("a damaged Word document: {name}: {e}"))?;
    if xml.len() as u64 > MAX_TEXT_BYTES {
        return Err(format!(
            "a Word document whose {name} expands past {} MiB; skipped",
            MAX_TEXT_BYTES / (1024 * 1024)
        ));
    }
    Ok(Some(String::from_utf8_lossy(&xml).into_owned()))
}

/// `dc:title`, `dc:creator`, and the day of `dcterms:created`.
fn core_properties(xml: &str) -> Properties {
    let mut props = Properties::default();
    let mut reader = Reader::from_str(xml);
    let mut field: Option<&'static str> = None;
    let mut value = String::new();
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) => {
                field = match e.local_name().as_ref() {
                    "title" => Some("title"),
                    "creator" => Some("author"),
                    "created" => Some("date"),
                    _ => None,
                }
            }
            // (Text arrives in pieces split at entities: `Q`, `&`, `A`.)
            Event::Text(t) => value.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => value.extend(entity(&r)),
            Event::End(_) => {
                let v = value.trim().to_string();
                value.clear();
                if v.is_empty() {
                    field = None;
                    continue;
                }
                match field.take() {
                    Some("title") => props.title = Some(v),
                    Some("author") => props.author = Some(v),
                    // The day of `2015-03-02T10:00:00Z`.
                    Some("date") => props.date = Some(v.chars().take(10).collect()),
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    props
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .map(|a| a.value.into_owned())
}

/// A `w:on`-style toggle: present and not `0`/`false`/`none`.
fn toggle_on(e: &BytesStart) -> bool {
    attr(e, "w:val").is_none_or(|v| !matches!(v.as_str(), "0" | "false" | "none"))
}

/// The paragraph being read: its runs (text with the emphasis it was
/// set in), its heading level, whether it is a list item.
#[derive(Default)]
struct Para {
    runs: Vec<(String, Emphasis)>,
    heading: Option<usize>,
    list: bool,
}

#[derive(Default, Clone, Copy, PartialEq, Eq)]
struct Emphasis {
    bold: bool,
    italic: bool,
}

impl Para {
    /// Adds text in `emphasis`, joining the run before when it is set the
    /// same (Word splits runs anywhere: `**a****b**` would read as four
    /// markers, not one bold word).
    fn push(&mut self, text: &str, emphasis: Emphasis) {
        match self.runs.last_mut() {
            Some((last, e)) if *e == emphasis => last.push_str(text),
            _ => self.runs.push((text.to_string(), emphasis)),
        }
    }

    /// The paragraph as Markdown-ish text.
    fn text(&self) -> String {
        let mut out = String::new();
        for (text, e) in &self.runs {
            push_run(&mut out, text, e.bold, e.italic);
        }
        out
    }
}

/// A table being read: its rows of cells, and the cell open now.
#[derive(Default)]
struct Table {
    rows: Vec<Vec<String>>,
    cell: Option<String>,
}

/// Appends `text` to a cell, a space between.
fn add_to_cell(cell: &mut String, text: &str) {
    if text.is_empty() {
        return;
    }
    if !cell.is_empty() {
        cell.push(' ');
    }
    cell.push_str(text);
}

/// Walks `word/document.xml`, writing paragraphs to `out`. A paragraph
/// inside a paragraph (a text box) is written on its own; a table inside
/// a cell joins that cell; the `mc:Fallback` copy of a drawing's text and
/// deleted tracked changes are not read.
fn body_text(xml: &str, out: &mut String) -> Result<(), String> {
    let mut reader = Reader::from_str(xml);
    // Open paragraphs, innermost last.
    let mut paras: Vec<Para> = Vec::new();
    let mut emphasis = Emphasis::default();
    let mut in_text = false;
    // Inside `w:del`, `w:instrText`, `w:delText` or `mc:Fallback`.
    let mut skip = 0usize;
    let mut in_run_props = false;
    // `w:tab` inside `w:pPr` is a tab stop's definition, not a tab.
    let mut in_para_props = false;
    let mut tables: Vec<Table> = Vec::new();
    // Open elements: a document that ends with some still open was cut short.
    let mut depth = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| e.to_string())?;
        if matches!(event, Event::End(_)) {
            depth = depth.saturating_sub(1);
        }
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(event, Event::Empty(_));
                depth += usize::from(!empty);
                match e.name().as_ref() {
                    "w:p" if !empty => paras.push(Para::default()),
                    "w:r" if !empty => emphasis = Emphasis::default(),
                    "w:rPr" if !empty => in_run_props = true,
                    "w:pPr" if !empty => in_para_props = true,
                    "w:b" if in_run_props => emphasis.bold = toggle_on(e),
                    "w:i" if in_run_props => emphasis.italic = toggle_on(e),
                    "w:pStyle" => {
                        if let (Some(level), Some(p)) = (
                            attr(e, "w:val").as_deref().and_then(heading_level),
                            paras.last_mut(),
                        ) {
                            p.heading = Some(level);
                        }
                    }
                    "w:outlineLvl" => {
                        if let (Some(l), Some(p)) = (
                            attr(e, "w:val").and_then(|v| v.parse::<usize>().ok()),
                            paras.last_mut(),
                        ) && l < 9
                        {
                            p.heading = Some(l + 1);
                        }
                    }
                    "w:numPr" => {
                        if let Some(p) = paras.last_mut() {
                            p.list = true;
                        }
                    }
                    "w:t" if !empty => in_text = true,
                    "w:del" | "w:instrText" | "w:delText" | "mc:Fallback" if !empty => skip += 1,
                    "w:br" | "w:cr" if skip == 0 => {
                        if let Some(p) = paras.last_mut() {
                            p.push("\n", Emphasis::default());
                        }
                    }
                    "w:tab" if skip == 0 && !in_para_props => {
                        if let Some(p) = paras.last_mut() {
                            p.push("\t", Emphasis::default());
                        }
                    }
                    "w:tbl" if !empty => tables.push(Table::default()),
                    "w:tr" if !empty => {
                        if let Some(t) = tables.last_mut() {
                            t.rows.push(Vec::new());
                        }
                    }
                    "w:tc" if !empty => {
                        if let Some(t) = tables.last_mut() {
                            t.cell = Some(String::new());
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_text = false,
                "w:rPr" => in_run_props = false,
                "w:pPr" => in_para_props = false,
                "w:del" | "w:instrText" | "w:delText" | "mc:Fallback" => {
                    skip = skip.saturating_sub(1)
                }
                "w:p" => {
                    let Some(para) = paras.pop() else { continue };
                    let written = paragraph(&para);
                    match tables.last_mut().and_then(|t| t.cell.as_mut()) {
                        Some(cell) if paras.is_empty() => add_to_cell(cell, &written),
                        _ => block(out, &written),
                    }
                }
                "w:tc" => {
                    if let Some(t) = tables.last_mut()
                        && let Some(cell) = t.cell.take()
                        && let Some(row) = t.rows.last_mut()
                    {
                        row.push(cell);
                    }
                }
                "w:tbl" => {
                    let Some(t) = tables.pop() else { continue };
                    for row in &t.rows {
                        let line = table_row(row);
                        // A table inside a cell: its rows join the cell.
                        match tables.last_mut().and_then(|t| t.cell.as_mut()) {
                            Some(cell) => add_to_cell(cell, &line),
                            None => block(out, &line),
                        }
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text && skip == 0 => {
                if let Some(p) = paras.last_mut() {
                    p.push(&t.xml10_content(), emphasis);
                }
            }
            Event::GeneralRef(r) if in_text && skip == 0 => {
                if let (Some(c), Some(p)) = (entity(r), paras.last_mut()) {
                    p.push(c.encode_utf8(&mut [0; 4]), emphasis);
                }
            }
            Event::Eof if depth > 0 => {
                return Err("it ends before its elements close: cut short".into());
            }
            Event::Eof => break,
            _ => {}
        }
        if out.len() as u64 > MAX_TEXT_BYTES {
            break;
        }
    }
    Ok(())
}

/// The character an entity reference (`&amp;`, `&#8217;`) stands for.
fn entity(r: &quick_xml::events::BytesRef) -> Option<char> {
    if r.is_char_ref() {
        return r.resolve_char_ref().ok().flatten();
    }
    match r.as_ref() {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

/// `Heading2` → 2, `Title` → 1; Word's own style ids (localised names map
/// to these ids in the file).
fn heading_level(style: &str) -> Option<usize> {
    let lower = style.to_ascii_lowercase();
    if lower == "title" {
        return Some(1);
    }
    let level = lower
        .strip_prefix("heading")?
        .trim_start_matches([' ', '_']);
    level.parse::<usize>().ok().filter(|l| (1..=9).contains(l))
}

/// A paragraph as written: `# ` for a heading, `• ` for a list item.
fn paragraph(p: &Para) -> String {
    let text = p.text();
    let text = text.trim();
    if text.is_empty() {
        return String::new();
    }
    match p.heading {
        Some(level) => {
            let plain = text.replace("**", "").replace('\n', " ");
            format!("{} {}", "#".repeat(level.min(6)), plain.trim())
        }
        None if p.list => format!("• {text}"),
        None => text.to_string(),
    }
}

/// One table row as a line: `Speaker: words` for a two-column row whose
/// first cell is a short name, else the cells between ` | `.
fn table_row(row: &[String]) -> String {
    let cells: Vec<&str> = row
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    match cells.as_slice() {
        [name, words] if is_short_name(name) => {
            format!("{}: {words}", name.trim_end_matches(':'))
        }
        _ => cells.join(" | "),
    }
}

fn is_short_name(cell: &str) -> bool {
    let plain = cell.replace("**", "");
    let words = plain.split_whitespace().count();
    (1..=4).contains(&words)
        && plain.chars().count() <= 40
        && !plain.trim_end_matches(':').ends_with(['.', '?', '!'])
}

/// Ends a block: the text, then a blank line.
fn block(out: &mut String, text: &str) {
    if text.is_empty() {
        return;
    }
    out.push_str(text);
    out.push_str("\n\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(inner: &str) -> String {
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{inner}</w:body></w:document>"#
        );
        let mut out = String::new();
        body_text(&xml, &mut out).expect("well-formed");
        out
    }

    #[test]
    fn paragraphs_headings_emphasis_and_breaks() {
        let out = body(concat!(
            r#"<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>Early years</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Asaro: </w:t></w:r><w:r><w:t>Where were you born?</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t>One line</w:t><w:br/><w:t>and the next &amp; more.</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:rPr><w:i w:val="0"/></w:rPr><w:t>Not italic.</w:t></w:r></w:p>"#,
        ));
        assert_eq!(
            out,
            "## Early years\n\n**Asaro:** Where were you born?\n\nOne line\nand the next & more.\n\nNot italic.\n\n"
        );
    }

    #[test]
    fn deleted_changes_and_field_codes_are_not_text() {
        let out = body(concat!(
            r#"<w:p><w:r><w:t>Kept </w:t></w:r><w:del><w:r><w:delText>gone</w:delText></w:r></w:del>"#,
            r#"<w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:t>words.</w:t></w:r></w:p>"#,
        ));
        assert_eq!(out, "Kept words.\n\n");
    }

    #[test]
    fn a_speaker_table_reads_as_labelled_turns() {
        let row = |a: &str, b: &str| {
            format!(
                "<w:tr><w:tc><w:p><w:r><w:t>{a}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>{b}</w:t></w:r></w:p></w:tc></w:tr>"
            )
        };
        let out = body(&format!(
            "<w:tbl>{}{}</w:tbl>",
            row("Interviewer", "How did it start?"),
            row("P3", "By accident.")
        ));
        assert_eq!(
            out,
            "Interviewer: How did it start?\n\nP3: By accident.\n\n"
        );
        assert_eq!(
            table_row(&["A long sentence in a cell.".into(), "x".into()]),
            "A long sentence in a cell. | x"
        );
    }

    #[test]
    fn core_properties_give_title_author_and_day() {
        let p = core_properties(
            r#"<cp:coreProperties xmlns:cp="x" xmlns:dc="y" xmlns:dcterms="z"><dc:title>Oral history of A. B.</dc:title><dc:creator>C. D.</dc:creator><dcterms:created>2015-03-02T10:00:00Z</dcterms:created></cp:coreProperties>"#,
        );
        assert_eq!(p.title.as_deref(), Some("Oral history of A. B."));
        assert_eq!(p.author.as_deref(), Some("C. D."));
        assert_eq!(p.date.as_deref(), Some("2015-03-02"));
    }

    #[test]
    fn runs_split_anywhere_read_as_written() {
        let out = body(concat!(
            r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Inter</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>viewer:</w:t></w:r>"#,
            r#"<w:r><w:t xml:space="preserve"> a f**** disaster, Q&amp;A.</w:t></w:r></w:p>"#,
        ));
        assert_eq!(out, "**Interviewer:** a f**** disaster, Q&A.\n\n");
    }

    #[test]
    fn text_boxes_and_tables_in_cells_keep_every_word_in_place() {
        // A text box inside a paragraph: the words around it stay one
        // paragraph, the box's own words are read once (not its fallback).
        let out = body(concat!(
            r#"<w:p><w:r><w:t xml:space="preserve">Before the box </w:t></w:r>"#,
            r#"<w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>Boxed words.</w:t></w:r></w:p></w:txbxContent></mc:Choice>"#,
            r#"<mc:Fallback><w:txbxContent><w:p><w:r><w:t>Boxed words.</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r>"#,
            r#"<w:r><w:t>and after it.</w:t></w:r></w:p>"#,
        ));
        assert_eq!(out.matches("Boxed words.").count(), 1, "{out}");
        assert!(out.contains("Before the box and after it."), "{out}");
        // A table inside a cell joins that cell: the row keeps its speaker.
        let cell = |t: &str| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>");
        let inner = format!(
            "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
            cell("Ten apples."),
            cell("Two pears.")
        );
        let out = body(&format!(
            "<w:tbl><w:tr>{}<w:tc><w:p><w:r><w:t>It began</w:t></w:r></w:p>{inner}</w:tc></w:tr></w:tbl>",
            cell("P3")
        ));
        assert_eq!(out, "P3: It began Ten apples. | Two pears.\n\n");
    }

    #[test]
    fn an_entity_in_a_property_does_not_cut_it() {
        let p = core_properties(
            r#"<cp:coreProperties xmlns:dc="y"><dc:title>Q&amp;A with Smith</dc:title></cp:coreProperties>"#,
        );
        assert_eq!(p.title.as_deref(), Some("Q&A with Smith"));
    }

    #[test]
    fn heading_styles() {
        assert_eq!(heading_level("Heading1"), Some(1));
        assert_eq!(heading_level("heading 3"), Some(3));
        assert_eq!(heading_level("Title"), Some(1));
        assert_eq!(heading_level("Normal"), None);
        assert_eq!(heading_level("Heading12"), None);
    }
}
