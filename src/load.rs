//! Loading: files, folders and stdin into parsed [`Document`]s.

use crate::model::Document;

/// What the background loader tells the reader while it works.
#[derive(Debug)]
pub enum LoadEvent {
    /// How many files were found to load (sent once, before any document).
    Found(usize),
    /// One more document, parsed.
    Document(Box<Document>),
    /// A file that could not be loaded, or was skipped; the text names the file.
    Message(String),
    /// Everything found has been loaded.
    Done,
}
