//! The in-memory document model: what a parsed interview *is*.
//!
//! A [`Corpus`] holds [`Document`]s; an interview document is a preamble plus
//! numbered question→answer [`Pair`]s, an article is body paragraphs plus the
//! quotes found in them. Every [`Paragraph`] remembers the source lines it came
//! from, and every line the cleaner removed is kept in [`Document::dropped`], so
//! nothing of the input is lost. This module is terminal-free: it never imports
//! ratatui or crossterm (a test in `tests/architecture.rs` enforces that).

use serde::Serialize;

/// All documents opened in one session, in load order.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Corpus {
    pub documents: Vec<Document>,
}

/// Whether a document reads as a dialogue or as prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    Interview,
    Article,
}

impl DocKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Interview => "interview",
            DocKind::Article => "article",
        }
    }
}

/// 1-based, inclusive range of source lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct LineRange {
    pub first: usize,
    pub last: usize,
}

impl LineRange {
    pub fn new(first: usize, last: usize) -> Self {
        LineRange { first, last }
    }
    pub fn single(line: usize) -> Self {
        LineRange {
            first: line,
            last: line,
        }
    }
}

/// One paragraph of clean text (no control characters, single spaces).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    pub text: String,
    pub lines: LineRange,
    /// The speaker label this paragraph was said under, when the text labels turns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// A `- item` / `• item` list entry inside a turn (the marker is stripped from `text`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub list_item: bool,
}

impl Paragraph {
    pub fn new(text: impl Into<String>, lines: LineRange) -> Self {
        Paragraph {
            text: text.into(),
            lines,
            speaker: None,
            list_item: false,
        }
    }
}

/// One question and its answer: the unit the reader jumps between.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pair {
    /// 1-based position in the document.
    pub number: usize,
    pub question: Vec<Paragraph>,
    /// Empty when the question was never answered (e.g. the transcript ends).
    pub answer: Vec<Paragraph>,
    pub asker: Option<String>,
    pub answerer: Option<String>,
}

impl Pair {
    /// The question as one line of text (paragraphs joined by a space).
    pub fn question_text(&self) -> String {
        join_paragraphs(&self.question)
    }
    pub fn answer_text(&self) -> String {
        join_paragraphs(&self.answer)
    }
}

/// A quoted statement found in an article, with who said it when the text says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    pub text: String,
    pub attribution: Option<String>,
    pub lines: LineRange,
}

/// A source line the cleaner removed (page chrome, navigation, page numbers…),
/// kept so a raw view can show it and nothing of the input is lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DroppedLine {
    pub line: usize,
    pub text: String,
    pub reason: &'static str,
}

/// One parsed file.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    /// As given on the command line joined with the file's relative path.
    pub path: String,
    /// The headline the text states, if any.
    pub title: Option<String>,
    pub kind: DocKind,
    pub interviewee: Option<String>,
    /// The outlet that published the interview, when the text names it.
    pub source: Option<String>,
    /// The interview's own date, only when the text states it.
    pub date: Option<String>,
    /// Distinct speaker labels in order of first appearance.
    pub speakers: Vec<String>,
    /// Lead / introduction / opening statements before the first question.
    pub preamble: Vec<Paragraph>,
    pub pairs: Vec<Pair>,
    /// Paragraphs of an article (empty for interviews).
    pub body: Vec<Paragraph>,
    pub quotes: Vec<Quote>,
    pub dropped: Vec<DroppedLine>,
    pub warnings: Vec<String>,
    /// Size of the source in bytes (before decoding).
    pub bytes: usize,
    /// FNV-1a hash of the source bytes: who this document is, wherever it moves.
    pub content_hash: u64,
    /// The file it was read from, exactly as the file system names it (None
    /// for standard input and the built-in documents): what `r` reads again
    /// and the watcher looks at. `path` is for display, and has lost any
    /// character a terminal must not see.
    #[serde(skip)]
    pub file: Option<std::path::PathBuf>,
}

impl Document {
    pub fn empty(path: impl Into<String>) -> Self {
        Document {
            path: path.into(),
            title: None,
            kind: DocKind::Article,
            interviewee: None,
            source: None,
            date: None,
            speakers: Vec::new(),
            preamble: Vec::new(),
            pairs: Vec::new(),
            body: Vec::new(),
            quotes: Vec::new(),
            dropped: Vec::new(),
            warnings: Vec::new(),
            bytes: 0,
            content_hash: 0,
            file: None,
        }
    }

    /// The file name without folders, for display when there is no title.
    pub fn file_name(&self) -> &str {
        self.path.rsplit(['/', '\\']).next().unwrap_or(&self.path)
    }

    /// A readable title: the stated one, else the first question or paragraph,
    /// else the file name.
    pub fn display_title(&self) -> String {
        if let Some(t) = &self.title {
            return t.clone();
        }
        let first = self
            .pairs
            .first()
            .and_then(|p| p.question.first())
            .or_else(|| self.preamble.first())
            .or_else(|| self.body.first());
        match first {
            Some(p) => shorten(&p.text, 80),
            None => self.file_name().to_string(),
        }
    }
}

/// FNV-1a, 64 bits, over little-endian 8-byte words (then the tail bytes):
/// stable across runs, platforms and Rust versions (unlike `std::hash`), which
/// a hash stored in a state file needs, and eight times fewer steps than
/// byte-wise FNV on the load path.
pub fn content_hash(bytes: &[u8]) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        h ^= u64::from_le_bytes(w.try_into().expect("chunks of eight"));
        h = h.wrapping_mul(PRIME);
    }
    for &b in words.remainder() {
        h ^= u64::from(b);
        h = h.wrapping_mul(PRIME);
    }
    h ^ (bytes.len() as u64)
}

/// Joins paragraph texts with single spaces.
pub fn join_paragraphs(paragraphs: &[Paragraph]) -> String {
    let mut out = String::new();
    for p in paragraphs {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&p.text);
    }
    out
}

/// Cuts `text` to at most `max_chars` characters at a word boundary, adding `…`.
pub fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > cut.len() / 2 => &cut[..i],
        _ => &cut[..],
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_cuts_at_word_boundary() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("one two three four", 12), "one two…");
        assert!(shorten("ааааааааааааааааа", 5).chars().count() <= 5);
    }

    #[test]
    fn content_hash_is_fnv1a() {
        assert_eq!(content_hash(b""), 0xcbf29ce484222325);
        // One tail byte: byte-wise FNV-1a of "a", then the length folded in.
        assert_eq!(content_hash(b"a"), 0xaf63dc4c8601ec8c ^ 1);
        assert_ne!(content_hash(b"ab"), content_hash(b"ba"));
        assert_ne!(content_hash(b"abcdefgh"), content_hash(b"abcdefgi"));
        assert_ne!(content_hash(b"abcdefgh\0"), content_hash(b"abcdefgh"));
    }

    #[test]
    fn display_title_falls_back_to_first_question_then_file_name() {
        let mut d = Document::empty("dir/file.txt");
        assert_eq!(d.display_title(), "file.txt");
        d.pairs.push(Pair {
            number: 1,
            question: vec![Paragraph::new("Why?", LineRange::single(1))],
            answer: vec![],
            asker: None,
            answerer: None,
        });
        assert_eq!(d.display_title(), "Why?");
        d.title = Some("Stated".into());
        assert_eq!(d.display_title(), "Stated");
    }
}
