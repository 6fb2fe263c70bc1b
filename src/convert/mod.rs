//! Word documents and PDFs → the text the parser reads.
//!
//! Interviews reach people as `.docx` files (research transcripts, oral
//! histories) and PDFs (court records, archives). Each is turned here into
//! the same text a Markdown transcript is: the file's properties as front
//! matter (title, author, date; see [`crate::parse::front_matter`]), then a
//! paragraph per block with `#` headings, `**bold**` and `*italic*` where
//! the file set them, so bold prompts, bold labels and heading questions
//! read as they do in Markdown. A PDF's pages are separated by form feeds
//! and keep their running heads and page numbers for the layout step.
//!
//! What a container is comes from its first bytes, not its name. Anything
//! wrong with one (a corrupt archive, an encrypted or image-only PDF, a
//! converter that gives up) is an error naming what is wrong; nothing here
//! may panic the caller (the PDF reader is run under `catch_unwind`).
//! Terminal-free.

mod docx;
mod pdf;

use std::cell::Cell;

/// A file format qnav converts before parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    /// A ZIP archive: read as an Office Open XML word-processing document.
    Docx,
    Pdf,
}

impl Container {
    pub fn name(self) -> &'static str {
        match self {
            Container::Docx => "Word document",
            Container::Pdf => "PDF",
        }
    }
}

/// How far into a file `%PDF-` may start (the PDF reference allows bytes
/// before it; Acrobat looks within the first kilobyte).
const PDF_MAGIC_WITHIN: usize = 1024;

/// The container `head` (a file's first bytes) starts, if any.
pub fn sniff(head: &[u8]) -> Option<Container> {
    if head.starts_with(b"PK\x03\x04") {
        return Some(Container::Docx);
    }
    let window = &head[..head.len().min(PDF_MAGIC_WITHIN)];
    memchr::memmem::find(window, b"%PDF-").map(|_| Container::Pdf)
}

/// A converted file: its text, and what the reader should know about it.
#[derive(Debug, Default)]
pub struct Converted {
    pub text: String,
    pub warnings: Vec<String>,
}

/// Metadata a container states about itself, written as front matter.
#[derive(Debug, Default)]
struct Properties {
    title: Option<String>,
    author: Option<String>,
    date: Option<String>,
}

impl Properties {
    /// `---` / `key: value` / `---`, or nothing when nothing is known.
    fn front_matter(&self) -> String {
        let fields = [
            ("title", &self.title),
            ("author", &self.author),
            ("date", &self.date),
        ];
        let mut out = String::new();
        for (key, value) in fields {
            if let Some(v) = value {
                let v = v.split_whitespace().collect::<Vec<_>>().join(" ");
                if !v.is_empty() {
                    out.push_str(&format!("{key}: {v}\n"));
                }
            }
        }
        if out.is_empty() {
            out
        } else {
            format!("---\n{out}---\n\n")
        }
    }
}

/// The most text a container may expand to (a ZIP bomb is refused, not
/// inflated): the same bound as a text file's size.
pub const MAX_TEXT_BYTES: u64 = crate::load::MAX_FILE_BYTES;

thread_local! {
    static CONVERTING: Cell<bool> = const { Cell::new(false) };
}

/// Whether this thread is inside a converter that may panic: the panic
/// hooks stay quiet then (the panic is caught and becomes a message; the
/// terminal must not be restored nor the screen written to).
pub fn converting() -> bool {
    CONVERTING.with(Cell::get)
}

/// Installs a panic hook that stays silent for the panics [`convert`]
/// catches and hands every other panic to the hook before it.
pub fn quiet_caught_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !converting() {
            previous(info);
        }
    }));
}

/// Converts `bytes`, a `kind` container, into text. The error says what is
/// wrong with the file (the caller adds its name).
pub fn convert(kind: Container, bytes: &[u8]) -> Result<Converted, String> {
    CONVERTING.with(|c| c.set(true));
    let result = std::panic::catch_unwind(|| match kind {
        Container::Docx => docx::to_text(bytes),
        Container::Pdf => pdf::to_text(bytes),
    });
    CONVERTING.with(|c| c.set(false));
    let converted = result.unwrap_or_else(|_| {
        Err(format!(
            "a {} qnav could not read (its structure is not one the converter knows)",
            kind.name()
        ))
    })?;
    // What a file spells as text goes through the same hygiene as any
    // decoded file (a Word run can hold any character).
    Ok(Converted {
        text: crate::decode::clean(&converted.text).into_owned(),
        warnings: converted.warnings,
    })
}

/// The text to parse from a file's `bytes`: a container converted, anything
/// else as it is (to be decoded). Warnings say what was converted.
pub fn text_bytes(bytes: Vec<u8>) -> Result<(Vec<u8>, Vec<String>), String> {
    match sniff(&bytes) {
        Some(kind) => {
            let c = convert(kind, &bytes)?;
            Ok((c.text.into_bytes(), c.warnings))
        }
        None => Ok((bytes, Vec::new())),
    }
}

/// Appends `text` to `out` as a run with Markdown emphasis, the markers
/// hugging the words (`**Name:** text`, never `** Name: **`).
fn push_run(out: &mut String, text: &str, bold: bool, italic: bool) {
    let core = text.trim();
    if core.is_empty() || !(bold || italic) {
        out.push_str(text);
        return;
    }
    let lead = &text[..text.len() - text.trim_start().len()];
    let trail = &text[text.trim_end().len()..];
    let marker = match (bold, italic) {
        (true, true) => "***",
        (true, false) => "**",
        _ => "*",
    };
    out.push_str(lead);
    out.push_str(marker);
    out.push_str(core);
    out.push_str(marker);
    out.push_str(trail);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn containers_are_told_by_their_first_bytes() {
        assert_eq!(sniff(b"PK\x03\x04rest"), Some(Container::Docx));
        assert_eq!(sniff(b"%PDF-1.7\n"), Some(Container::Pdf));
        assert_eq!(sniff(b"\r\n%PDF-1.4"), Some(Container::Pdf));
        assert_eq!(sniff(b"Q: what is %PDF?"), None);
        assert_eq!(sniff(b"PK is a name"), None);
        let mut late = vec![b' '; 2000];
        late.extend_from_slice(b"%PDF-1.4");
        assert_eq!(sniff(&late), None);
    }

    #[test]
    fn emphasis_hugs_the_words() {
        let mut s = String::new();
        push_run(&mut s, "Interviewer: ", true, false);
        push_run(&mut s, "So what", false, false);
        push_run(&mut s, " then? ", false, true);
        assert_eq!(s, "**Interviewer:** So what *then?* ");
    }

    #[test]
    fn properties_become_front_matter_the_parser_reads() {
        let p = Properties {
            title: Some("An  oral\nhistory".into()),
            author: None,
            date: Some("2015-03-02".into()),
        };
        let fm = p.front_matter();
        assert_eq!(fm, "---\ntitle: An oral history\ndate: 2015-03-02\n---\n\n");
        let read = crate::parse::front_matter::read(&fm).expect("read back");
        assert_eq!(read.title.as_deref(), Some("An oral history"));
        assert_eq!(Properties::default().front_matter(), "");
    }

    #[test]
    fn garbage_in_a_container_is_an_error_not_a_panic() {
        for bytes in [
            &b"PK\x03\x04garbage"[..],
            b"%PDF-1.4\ngarbage",
            b"%PDF-",
            b"PK\x03\x04",
        ] {
            let kind = sniff(bytes).unwrap();
            let err = convert(kind, bytes).expect_err("garbage converts to nothing");
            assert!(!err.is_empty());
        }
    }
}
