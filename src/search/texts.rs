//! Where a search reads the words of its statements and the names of the
//! places they are said: the parsed documents (the reader, a first
//! `qnav search`), or the text a search file of the cache keeps (`qnav
//! search` over files unchanged since, which then parses nothing).
//!
//! A [`Statement`]'s `start..end` are byte offsets into its paragraph's
//! text for [`Texts::Parsed`], and into [`Stored::text`] for
//! [`Texts::Stored`]. Terminal-free.

use std::borrow::Cow;

use super::index::Statement;
use crate::model::Document;

/// One document as a search file keeps it: what a hit names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDocument {
    /// As shown (the path the user gave, as [`Document::path`]).
    pub path: String,
    /// [`Document::display_title`].
    pub title: String,
    /// Per pair, its number (`Q7` is 7).
    pub pair_numbers: Vec<u32>,
}

/// The statements' text, one after another, and the documents' names.
/// The text is kept as bytes and each statement's checked as UTF-8 when
/// it is read: a search reads a few hundred statements, and checking the
/// whole text first would read every page of it into memory.
#[derive(Debug, Clone, Default)]
pub struct Stored {
    pub text: Cow<'static, [u8]>,
    pub documents: Vec<StoredDocument>,
}

/// The source of a search's text: see the module's documentation.
#[derive(Debug, Clone, Copy)]
pub enum Texts<'a> {
    Parsed(&'a [Document]),
    Stored(&'a Stored),
}

impl<'a> From<&'a [Document]> for Texts<'a> {
    fn from(docs: &'a [Document]) -> Self {
        Texts::Parsed(docs)
    }
}

impl<'a> From<&'a Vec<Document>> for Texts<'a> {
    fn from(docs: &'a Vec<Document>) -> Self {
        Texts::Parsed(docs)
    }
}

impl<'a> From<&'a Stored> for Texts<'a> {
    fn from(stored: &'a Stored) -> Self {
        Texts::Stored(stored)
    }
}

impl<'a> Texts<'a> {
    /// What the statement says.
    pub fn text(self, st: &Statement) -> &'a str {
        match self {
            Texts::Parsed(docs) => st.text(docs),
            // (A statement that is not whole UTF-8 could only come from a
            // damaged file the checksum missed: it reads as nothing.)
            Texts::Stored(s) => s
                .text
                .get(st.start as usize..st.end as usize)
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or_default(),
        }
    }

    /// The document as shown.
    pub fn path(self, doc: u32) -> &'a str {
        match self {
            Texts::Parsed(docs) => &docs[doc as usize].path,
            Texts::Stored(s) => &s.documents[doc as usize].path,
        }
    }

    pub fn title(self, doc: u32) -> String {
        match self {
            Texts::Parsed(docs) => docs[doc as usize].display_title(),
            Texts::Stored(s) => s.documents[doc as usize].title.clone(),
        }
    }

    /// `Q7` for a statement in a pair.
    pub fn pair_label(self, st: &Statement) -> Option<String> {
        let pair = st.pair? as usize;
        let number = match self {
            Texts::Parsed(docs) => docs[st.doc as usize].pairs[pair].number as u32,
            Texts::Stored(s) => s.documents[st.doc as usize].pair_numbers[pair],
        };
        Some(format!("Q{number}"))
    }

    /// The parsed documents, which what turns and speakers tell needs
    /// (`@name` terms); `None` for stored text.
    pub fn documents(self) -> Option<&'a [Document]> {
        match self {
            Texts::Parsed(docs) => Some(docs),
            Texts::Stored(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Part;

    fn statement(start: u32, end: u32) -> Statement {
        Statement {
            doc: 0,
            pair: None,
            part: Part::Preamble,
            para: 0,
            start,
            end,
        }
    }

    #[test]
    fn stored_text_that_is_not_utf8_reads_as_nothing() {
        let stored = Stored {
            text: Cow::Owned("Grain. ".bytes().chain([0xff, b'x']).collect()),
            documents: Vec::new(),
        };
        let texts = Texts::Stored(&stored);
        assert_eq!(texts.text(&statement(0, 6)), "Grain.");
        // Cut inside nothing, but not UTF-8; past the end.
        assert_eq!(texts.text(&statement(7, 9)), "");
        assert_eq!(texts.text(&statement(7, 90)), "");
    }
}
