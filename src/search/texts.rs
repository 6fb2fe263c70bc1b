//! Where a search reads the words of its statements and the names of the
//! places they are said: the parsed documents (the reader once its index
//! is built, a first `qnav search`), or the text a search file of the
//! cache keeps (`qnav search` over files unchanged since, which then
//! parses nothing; the reader while its documents load).
//!
//! A [`Statement`]'s `start..end` are byte offsets into its paragraph's
//! text for [`Texts::Parsed`], and into [`Stored::text`] for
//! [`Texts::Stored`]. Terminal-free.

use std::borrow::Cow;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

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
    /// [`Document::content_hash`] of what it was parsed from.
    pub content_hash: u64,
}

/// The statements' text, one after another, and the documents' names.
/// The text is kept as bytes and each statement's checked as UTF-8 when
/// it is read: a search reads a few hundred statements, and checking the
/// whole text first would read every page of it into memory.
#[derive(Debug, Clone, Default)]
pub struct Stored {
    pub text: Cow<'static, [u8]>,
    pub documents: Vec<StoredDocument>,
    /// Per statement, where its text starts in its paragraph's (empty
    /// when not kept): with the statement's part, pair and paragraph,
    /// where the reader finds it once the document is parsed.
    pub in_paragraph: Cow<'static, [u32]>,
    /// The text's block checksums, from a search file: no byte of the text
    /// is given out before its block agrees. `None` for text that was
    /// never out of this process's hands.
    pub text_sums: Option<TextSums>,
}

/// Bytes of text per checksum: a page, so checking a statement reads
/// little more than the statement.
pub const TEXT_BLOCK: usize = 4096;

/// The checksum of each [`TEXT_BLOCK`] bytes of the text given in pieces
/// (the last block shorter).
pub fn block_sums<'a>(pieces: impl Iterator<Item = &'a [u8]>) -> Vec<u64> {
    let mut sums = Vec::new();
    let mut block = crate::cache::codec::Checksum::default();
    for mut piece in pieces {
        while !piece.is_empty() {
            let room = TEXT_BLOCK - block.len() as usize;
            let (now, rest) = piece.split_at(room.min(piece.len()));
            block.update(now);
            piece = rest;
            if block.len() as usize == TEXT_BLOCK {
                sums.push(std::mem::take(&mut block).finish());
            }
        }
    }
    if block.len() > 0 {
        sums.push(block.finish());
    }
    sums
}

/// A search file's checksums of its text, block by block, and which blocks
/// have been found to agree so far (each is checked once).
pub struct TextSums {
    sums: Cow<'static, [u64]>,
    agreed: Box<[AtomicU64]>,
    /// A block was found not to agree: the file is damaged.
    disagreed: AtomicBool,
}

impl TextSums {
    pub fn new(sums: Cow<'static, [u64]>) -> TextSums {
        let agreed = (0..sums.len().div_ceil(64))
            .map(|_| AtomicU64::new(0))
            .collect();
        TextSums {
            sums,
            agreed,
            disagreed: AtomicBool::new(false),
        }
    }

    /// Whether block `i` of `text` agrees with its checksum.
    fn agrees(&self, text: &[u8], i: usize) -> bool {
        let Some(&sum) = self.sums.get(i) else {
            return false;
        };
        // (`agreed` has a bit for every block `sums` has.)
        let (word, bit) = (&self.agreed[i / 64], 1u64 << (i % 64));
        if word.load(Ordering::Relaxed) & bit != 0 {
            return true;
        }
        let Some(block) = text.get(i * TEXT_BLOCK..((i + 1) * TEXT_BLOCK).min(text.len())) else {
            return false;
        };
        let agrees = crate::cache::codec::checksum(block) == sum;
        if agrees {
            word.fetch_or(bit, Ordering::Relaxed);
        } else {
            self.disagreed.store(true, Ordering::Relaxed);
        }
        agrees
    }
}

impl Clone for TextSums {
    fn clone(&self) -> Self {
        TextSums {
            sums: self.sums.clone(),
            agreed: self
                .agreed
                .iter()
                .map(|w| AtomicU64::new(w.load(Ordering::Relaxed)))
                .collect(),
            disagreed: AtomicBool::new(self.disagreed.load(Ordering::Relaxed)),
        }
    }
}

impl std::fmt::Debug for TextSums {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextSums")
            .field("blocks", &self.sums.len())
            .finish_non_exhaustive()
    }
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

impl Stored {
    /// Whether a block of the text read so far disagreed with its
    /// checksum: the search file is damaged, and what was searched over it
    /// is not to be trusted (answer from the documents instead).
    pub fn damaged(&self) -> bool {
        self.text_sums
            .as_ref()
            .is_some_and(|t| t.disagreed.load(Ordering::Relaxed))
    }

    /// Bytes `start..end` of the text, once every block they lie in agrees
    /// with its checksum; `None` when they are not all there or one does
    /// not (a damaged search file: what it says there reads as nothing).
    pub fn bytes(&self, start: usize, end: usize) -> Option<&[u8]> {
        let bytes = self.text.get(start..end)?;
        if let Some(sums) = &self.text_sums
            && end > start
        {
            let blocks = start / TEXT_BLOCK..=(end - 1) / TEXT_BLOCK;
            if blocks.clone().any(|i| !sums.agrees(&self.text, i)) {
                return None;
            }
        }
        Some(bytes)
    }

    /// Statement `id` (`st`, as this search file keeps it) where it lies in
    /// the parsed `docs`: its document found by path, its paragraph by
    /// part, pair and number, its bytes by where they start in the
    /// paragraph — `None` unless all of them are there, the pair has the
    /// number it had, and the words there are the statement's own (a
    /// document parsed otherwise since the search file was written is
    /// never pointed into blindly).
    pub fn in_documents(&self, id: u32, st: &Statement, docs: &[Document]) -> Option<Statement> {
        let kept = self.documents.get(st.doc as usize)?;
        let doc_at = docs.iter().position(|d| d.path == kept.path)?;
        let doc = &docs[doc_at];
        // The pair as numbered then and now (`Q7` is the same question).
        if let Some(p) = st.pair
            && kept.pair_numbers.get(p as usize)
                != doc
                    .pairs
                    .get(p as usize)
                    .map(|pair| pair.number as u32)
                    .as_ref()
        {
            return None;
        }
        let placed = st.placed_in(doc, doc_at as u32, *self.in_paragraph.get(id as usize)?)?;
        let words = self.bytes(st.start as usize, st.end as usize)?;
        (placed.text(docs).as_bytes() == words).then_some(placed)
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
                .bytes(st.start as usize, st.end as usize)
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

    /// The document's title as the reader heads a hit with it: dated when
    /// parsed (a search file keeps the title alone).
    pub fn heading(self, doc: u32) -> String {
        match self {
            Texts::Parsed(docs) => docs[doc as usize].dated_title(),
            Texts::Stored(s) => s.documents[doc as usize].title.clone(),
        }
    }

    /// The document's file name, without its folders.
    pub fn file_name(self, doc: u32) -> &'a str {
        crate::model::file_name_of(self.path(doc))
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
            ..Stored::default()
        };
        let texts = Texts::Stored(&stored);
        assert_eq!(texts.text(&statement(0, 6)), "Grain.");
        // Cut inside nothing, but not UTF-8; past the end.
        assert_eq!(texts.text(&statement(7, 9)), "");
        assert_eq!(texts.text(&statement(7, 90)), "");
    }

    /// The index's statements of `docs` as a search file keeps them: their
    /// text one after another, each one's start in its paragraph.
    fn stored_from(docs: &[Document]) -> (Vec<Statement>, Stored) {
        let index = crate::search::Index::build(docs);
        let (mut text, mut in_paragraph, mut kept) = (Vec::new(), Vec::new(), Vec::new());
        for st in &index.statements {
            let words = st.text(docs).as_bytes();
            kept.push(Statement {
                start: text.len() as u32,
                end: (text.len() + words.len()) as u32,
                ..*st
            });
            in_paragraph.push(st.start);
            text.extend_from_slice(words);
        }
        let documents = docs
            .iter()
            .map(|d| StoredDocument {
                path: d.path.clone(),
                title: d.display_title(),
                pair_numbers: d.pairs.iter().map(|p| p.number as u32).collect(),
                content_hash: d.content_hash,
            })
            .collect();
        let stored = Stored {
            text: Cow::Owned(text),
            documents,
            in_paragraph: Cow::Owned(in_paragraph),
            text_sums: None,
        };
        (kept, stored)
    }

    #[test]
    fn a_stored_statement_is_found_in_its_parsed_document_only_as_it_was() {
        let load = |path: &str, text: &str| crate::load::load_bytes(path, text.as_bytes()).unwrap();
        let a = "Q: Why Omsk? Why then?\nA: The river. The work, mostly.\n";
        let docs = vec![load("a.txt", a), load("b.txt", "Q: And you?\nA: Not I.\n")];
        let (kept, stored) = stored_from(&docs);
        let index = crate::search::Index::build(&docs);
        // The reader's documents in another order: each statement is
        // found where the parse has it.
        let reordered = vec![docs[1].clone(), docs[0].clone()];
        for (id, st) in kept.iter().enumerate() {
            let found = stored
                .in_documents(id as u32, st, &reordered)
                .expect("found");
            assert_eq!(found.text(&reordered), index.statements[id].text(&docs));
            assert_eq!(
                reordered[found.doc as usize].path,
                docs[st.doc as usize].path
            );
        }
        // Not loaded yet; parsed from other words since: not found.
        assert!(stored.in_documents(0, &kept[0], &docs[1..]).is_none());
        let edited = vec![load("a.txt", &a.replace("river", "rover")), docs[1].clone()];
        let river = kept
            .iter()
            .position(|st| Texts::Stored(&stored).text(st).contains("river"))
            .unwrap();
        assert!(
            stored
                .in_documents(river as u32, &kept[river], &edited)
                .is_none()
        );
        // A paragraph or pair the document does not have: not found.
        let beyond = Statement { para: 9, ..kept[0] };
        assert!(stored.in_documents(0, &beyond, &docs).is_none());
    }

    #[test]
    fn block_sums_cut_the_text_as_if_it_were_one_piece() {
        let text: Vec<u8> = (0..10_000u32).map(|i| (i % 251) as u8).collect();
        let pieces = [&text[..1], &text[1..5000], &text[5000..5000], &text[5000..]];
        let sums = block_sums(pieces.iter().copied());
        let whole: Vec<u64> = text
            .chunks(TEXT_BLOCK)
            .map(crate::cache::codec::checksum)
            .collect();
        assert_eq!(sums, whole);
        assert_eq!(sums.len(), 3);
        // Read through them: a block that agrees gives its bytes, one that
        // does not gives none, and a range across both gives none either.
        let mut damaged = text.clone();
        damaged[9_000] ^= 1;
        let stored = Stored {
            text: Cow::Owned(damaged),
            text_sums: Some(TextSums::new(Cow::Owned(sums))),
            ..Stored::default()
        };
        assert_eq!(stored.bytes(10, 20), Some(&text[10..20]));
        assert!(!stored.damaged());
        assert_eq!(stored.bytes(8_200, 8_300), None);
        assert!(stored.damaged());
        assert_eq!(stored.bytes(8_000, 8_200), None);
        assert_eq!(stored.bytes(4_000, 4_200), Some(&text[4_000..4_200]));
        assert_eq!(stored.bytes(9_990, 10_001), None);
    }
}
