//! PDF → text: the text layer of each page in reading order (pdf-extract,
//! on lopdf), pages separated by form feeds so the layout step finds the
//! page numbers, running heads and line numbers it already knows from
//! printed transcripts; the title, author and creation day from the
//! document's information dictionary.
//!
//! A PDF qnav cannot read says why: encrypted with a password, or only
//! pictures of pages (a scan without a text layer).

use pdf_extract::{Document, Object, PlainTextOutput};

use super::{Converted, MAX_TEXT_BYTES, Properties};

pub(super) fn to_text(bytes: &[u8]) -> Result<Converted, String> {
    let mut doc = Document::load_mem(bytes).map_err(|e| describe(&e))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(ENCRYPTED.into());
    }
    if !inflates_within(&doc, MAX_TEXT_BYTES) {
        return Err(format!(
            "a PDF whose streams expand past {} MiB; skipped",
            MAX_TEXT_BYTES / (1024 * 1024)
        ));
    }
    let props = properties(&doc);
    let pages = doc.get_pages();
    let mut text = props.front_matter();
    let front = text.len();
    let mut failed = Vec::new();
    for (i, &number) in pages.keys().enumerate() {
        if i > 0 {
            text.push_str("\n\x0c");
        }
        let mut page = String::new();
        match pdf_extract::output_doc_page(&doc, &mut PlainTextOutput::new(&mut page), number) {
            Ok(()) => text.push_str(page.trim_matches('\n')),
            Err(_) => failed.push(number),
        }
        if text.len() as u64 > MAX_TEXT_BYTES {
            return Err(format!(
                "a PDF whose text runs past {} MiB; skipped",
                MAX_TEXT_BYTES / (1024 * 1024)
            ));
        }
    }
    text.push('\n');
    if pages.is_empty() {
        return Err("a PDF with no pages".into());
    }
    if !text[front..].chars().any(char::is_alphanumeric) {
        return Err(if failed.is_empty() {
            "a PDF with no text layer (a scan?): qnav reads a PDF's text, not pictures of it; \
             run OCR on it first"
                .into()
        } else {
            "a PDF whose text qnav could not read on any page".into()
        });
    }
    let mut warnings = vec!["read as a PDF: lines are those of its text layer".to_string()];
    if !failed.is_empty() {
        warnings.push(format!(
            "{} of {} PDF pages could not be read: {}",
            failed.len(),
            pages.len(),
            failed
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok(Converted { text, warnings })
}

/// Whether the document's compressed streams expand to at most `limit`
/// bytes in all: measured by inflating into nothing, before the extractor
/// inflates any of them into memory (a small PDF of compressed zeros is a
/// bomb, as a ZIP can be).
fn inflates_within(doc: &Document, limit: u64) -> bool {
    use std::io::Read;
    let mut total = 0u64;
    for object in doc.objects.values() {
        let Object::Stream(stream) = object else {
            continue;
        };
        let deflated = stream
            .filters()
            .is_ok_and(|f| f.iter().any(|name| *name == b"FlateDecode"));
        total += if deflated {
            let mut inflated = flate2::read::ZlibDecoder::new(&stream.content[..])
                .take(limit.saturating_sub(total) + 1);
            std::io::copy(&mut inflated, &mut std::io::sink()).unwrap_or(0)
        } else {
            stream.content.len() as u64
        };
        if total > limit {
            return false;
        }
    }
    true
}

const ENCRYPTED: &str = "an encrypted PDF: qnav cannot read it without its password";

fn describe(e: &pdf_extract::Error) -> String {
    match e {
        pdf_extract::Error::Decryption(_) => ENCRYPTED.into(),
        other => format!("a damaged PDF qnav cannot read ({other})"),
    }
}

/// `/Title`, `/Author` and the day of `/CreationDate` (`D:20150302…`).
fn properties(doc: &Document) -> Properties {
    let info = doc.trailer.get(b"Info").ok().and_then(|o| match o {
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        Object::Dictionary(d) => Some(d),
        _ => None,
    });
    let Some(info) = info else {
        return Properties::default();
    };
    let field = |key: &[u8]| {
        info.get(key)
            .ok()
            .and_then(|o| pdf_extract::decode_text_string(o).ok())
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let date = field(b"CreationDate").and_then(|d| {
        let digits = d.strip_prefix("D:").unwrap_or(&d);
        let b = digits.as_bytes();
        (b.len() >= 8 && b[..8].iter().all(u8::is_ascii_digit))
            .then(|| format!("{}-{}-{}", &digits[..4], &digits[4..6], &digits[6..8]))
    });
    Properties {
        title: field(b"Title"),
        author: field(b"Author"),
        date,
    }
}
