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
            Event::Text(t) => {
                let value = t.xml10_content().trim().to_string();
                let slot = match field {
                    Some("title") => &mut props.title,
                    Some("author") => &mut props.author,
                    Some("date") => &mut props.date,
                    _ => continue,
                };
                if !value.is_empty() {
                    *slot = Some(match field {
                        Some("date") => value.chars().take(10).collect(),
                        _ => value,
                    });
                }
            }
            Event::End(_) => field = None,
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

/// The paragraph being read.
#[derive(Default)]
struct Para {
    text: String,
    heading: Option<usize>,
    list: bool,
}

/// The table being read: its rows of cells.
#[derive(Default)]
struct Table {
    rows: Vec<Vec<String>>,
}

#[derive(Default)]
struct Run {
    bold: bool,
    italic: bool,
}

/// Walks `word/document.xml`, writing paragraphs to `out`.
fn body_text(xml: &str, out: &mut String) -> Result<(), String> {
    let mut reader = Reader::from_str(xml);
    let mut para = Para::default();
    let mut run = Run::default();
    let mut in_text = false;
    // Inside `w:del` (a deleted tracked change) or `w:instrText`.
    let mut skip = 0usize;
    let mut in_run_props = false;
    // `w:tab` inside `w:pPr` is a tab stop's definition, not a tab.
    let mut in_para_props = false;
    let mut tables: Vec<Table> = Vec::new();
    let mut cell: Option<String> = None;
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
                    "w:p" if !empty => para = Para::default(),
                    "w:r" if !empty => run = Run::default(),
                    "w:rPr" if !empty => in_run_props = true,
                    "w:pPr" if !empty => in_para_props = true,
                    "w:b" if in_run_props => run.bold = toggle_on(e),
                    "w:i" if in_run_props => run.italic = toggle_on(e),
                    "w:pStyle" => {
                        if let Some(level) = attr(e, "w:val").as_deref().and_then(heading_level) {
                            para.heading = Some(level);
                        }
                    }
                    "w:outlineLvl" => {
                        if let Some(l) = attr(e, "w:val").and_then(|v| v.parse::<usize>().ok())
                            && l < 9
                        {
                            para.heading = Some(l + 1);
                        }
                    }
                    "w:numPr" => para.list = true,
                    "w:t" if !empty => in_text = true,
                    "w:del" | "w:instrText" | "w:delText" if !empty => skip += 1,
                    "w:br" | "w:cr" if skip == 0 => para.text.push('\n'),
                    "w:tab" if skip == 0 && !in_para_props => para.text.push('\t'),
                    "w:tbl" if !empty => tables.push(Table::default()),
                    "w:tr" if !empty => {
                        if let Some(t) = tables.last_mut() {
                            t.rows.push(Vec::new());
                        }
                    }
                    "w:tc" if !empty => cell = Some(String::new()),
                    _ => {}
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_text = false,
                "w:rPr" => in_run_props = false,
                "w:pPr" => in_para_props = false,
                "w:del" | "w:instrText" | "w:delText" => skip = skip.saturating_sub(1),
                "w:p" => {
                    let written = paragraph(&para);
                    para = Para::default();
                    match (&mut cell, tables.is_empty()) {
                        (Some(c), false) => {
                            if !written.is_empty() {
                                if !c.is_empty() {
                                    c.push(' ');
                                }
                                c.push_str(&written);
                            }
                        }
                        _ => block(out, &written),
                    }
                }
                "w:tc" => {
                    if let (Some(c), Some(t)) = (cell.take(), tables.last_mut())
                        && let Some(row) = t.rows.last_mut()
                    {
                        row.push(c);
                    }
                }
                "w:tbl" => {
                    if let Some(t) = tables.pop() {
                        for row in &t.rows {
                            let line = table_row(row);
                            match (&mut cell, tables.is_empty()) {
                                // A table inside a cell: its rows join the cell.
                                (Some(c), false) => {
                                    if !c.is_empty() {
                                        c.push(' ');
                                    }
                                    c.push_str(&line);
                                }
                                _ => block(out, &line),
                            }
                        }
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text && skip == 0 => {
                let mut s = String::new();
                push_run(&mut s, &t.xml10_content(), run.bold, run.italic);
                para.text.push_str(&s);
            }
            Event::GeneralRef(r) if in_text && skip == 0 => {
                let c = if r.is_char_ref() {
                    r.resolve_char_ref().ok().flatten()
                } else {
                    match r.as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    }
                };
                if let Some(c) = c {
                    para.text.push(c);
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

/// A paragraph as written: `# ` for a heading, `• ` for a list item, runs
/// of the same emphasis merged (`**a** **b**` → `**a b**`).
fn paragraph(p: &Para) -> String {
    let text = p
        .text
        .replace("****", "")
        .replace("** **", " ")
        .replace("* *", " ");
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
    fn heading_styles() {
        assert_eq!(heading_level("Heading1"), Some(1));
        assert_eq!(heading_level("heading 3"), Some(3));
        assert_eq!(heading_level("Title"), Some(1));
        assert_eq!(heading_level("Normal"), None);
        assert_eq!(heading_level("Heading12"), None);
    }
}
