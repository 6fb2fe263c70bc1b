//! Search files: all `qnav search` needs to answer over a set of files that
//! have not changed — the index, each statement's text and who said it
//! and where in its paragraph it lies, and its documents' names — in one
//! file that is used where it lies (memory-mapped): a search from the
//! cache parses nothing, decodes no document and copies almost nothing
//! (`searches/`, one file per list of files searched). The reader
//! searches from it while its documents load.
//!
//! Layout, little-endian: the magic word; the length of the head; the
//! head (coded as the other cache files are: format, build, the files with
//! their [`Stamp`]s, when it was written, the documents' names, the
//! statements' document ranges and excerpt lists, and where each array
//! lies); the arrays, each at an offset that is a multiple of eight (so
//! they are read as `u32`s and `u64`s in place), the text last; a checksum
//! of all before the text. Nothing is trusted before that checksum agrees
//! and every array has been checked as [`codec::Arrays::hold_together`]
//! checks an index read from `indexes/` (on two cores: one sums and checks
//! the index's arrays, the other reads and checks the statements). The text
//! has a checksum per [`crate::search::texts::TEXT_BLOCK`] bytes, among the
//! arrays: it is not read at all until a statement is shown or ranked,
//! when that statement's blocks are checked against their sums, its bytes
//! as UTF-8 (see [`crate::search::Texts`]), and it is made printable (see
//! [`crate::search::report::HitReport`]). So a search brings into memory
//! the index and the few statements it looks at, not the whole text; a
//! block that disagrees marks the file damaged ([`Stored::damaged`]), and
//! what was searched over it is answered again from the documents.
//!
//! The files are trusted by their stamps alone (reading them to hash them
//! would cost what the search file saves); a file whose change time is
//! within [`RACY_NANOS`] of the moment of writing is not written at all.
//! Terminal-free.

use std::borrow::Cow;
use std::ops::Range;
use std::path::PathBuf;

use super::codec::{self, Arrays, Bad, Reader, Writer};
use super::{
    BUILD, Cache, FORMAT, RACY_NANOS, Stamp, name_hash, nanos, path_bytes, regular_stamp_of,
};
use crate::load::Source;
use crate::model::Document;
use crate::search::index::{Part, Repeats, Statement};
use crate::search::texts::TextSums;
use crate::search::{Index, Stored, StoredDocument};

const MAGIC: &[u8; 8] = b"qnav-sch";

/// The arrays, in the order they lie in the file.
const ARRAYS: usize = slot::TEXT + 1;

/// One file searched: where it is, and its stamp when it was parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Searched {
    path: PathBuf,
    shown: String,
    stamp: Stamp,
    /// When it was stamped (nanoseconds since 1970): a change within
    /// [`RACY_NANOS`] before then might not show in the stamp.
    stamped_at: i64,
}

/// The files of `sources` with their stamps now, if every source is a
/// regular file (stdin, pipes, devices and the bundled interviews have no
/// search file).
pub fn stamps(sources: &[Source]) -> Option<Vec<Searched>> {
    let stamped_at = nanos(std::time::SystemTime::now());
    sources
        .iter()
        .map(|s| match s {
            Source::File { path, shown } => {
                let path = std::path::absolute(path).ok()?;
                let stamp = regular_stamp_of(&path)?;
                Some(Searched {
                    path,
                    shown: shown.clone(),
                    stamp,
                    stamped_at,
                })
            }
            Source::Stdin | Source::Bundled { .. } => None,
        })
        .collect()
}

/// What a search file holds, in place.
pub struct Found {
    pub index: Index,
    pub texts: Stored,
    /// The mapping they borrow from. It stays mapped for the rest of the
    /// process (whatever borrowed from it can never dangle), but what this
    /// search brought into memory is given back when it is dropped: the
    /// reader searches from a search file only until its own index is built.
    mapping: Option<&'static memmap2::Mmap>,
}

impl Found {
    /// The search file's index as the index of `docs` — the documents it
    /// was written from, as this build parses them (or the cache keeps
    /// them): each statement pointed into its paragraph, and the rest (the
    /// vocabulary, postings, repeats, excerpts, who said what) used where
    /// it lies, nothing copied. `None` unless `docs` are those documents,
    /// in order, with the same content and pairs, and every statement lies
    /// within its paragraph on character boundaries (what the index reader
    /// of `indexes/` checks).
    pub fn into_index_over(mut self, docs: &[Document]) -> Option<Index> {
        let kept = &self.texts.documents;
        let same = kept.len() == docs.len()
            && kept.iter().zip(docs).all(|(k, d)| {
                k.path == d.path
                    && k.content_hash == d.content_hash
                    && k.pair_numbers.len() == d.pairs.len()
                    && k.pair_numbers
                        .iter()
                        .zip(&d.pairs)
                        .all(|(&n, p)| n == p.number as u32)
            });
        let in_paragraph = &self.texts.in_paragraph;
        if !same || in_paragraph.len() != self.index.len() {
            return None;
        }
        let mut statements = Vec::with_capacity(self.index.len());
        for (st, &start) in self.index.statements.iter().zip(in_paragraph.iter()) {
            statements.push(st.placed_in(docs.get(st.doc as usize)?, st.doc, start)?);
        }
        let mut index = std::mem::take(&mut self.index);
        index.statements = statements;
        Some(index)
    }
}

impl Drop for Found {
    fn drop(&mut self) {
        if let Some(map) = self.mapping {
            // SAFETY: the mapping is of a file opened only to read, never
            // written in place (see `Cache::searched`); pages given back are
            // read from the file again if anything touches them, with the
            // same bytes.
            let _ = unsafe { map.unchecked_advise(memmap2::UncheckedAdvice::DontNeed) };
        }
    }
}

impl std::fmt::Debug for Found {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Found")
            .field("statements", &self.index.len())
            .field("documents", &self.texts.documents.len())
            .finish()
    }
}

impl Cache {
    fn search_file(&self, files: &[Searched]) -> PathBuf {
        let mut name = Writer::default();
        for f in files {
            name.bytes(&path_bytes(&f.path));
            name.str(&f.shown);
        }
        self.dir
            .join("searches")
            .join(format!("{:016x}.qnav", name_hash(&[&name.buf])))
    }

    /// The index and text kept for `files`, if the cache holds them for
    /// the files as they are now (`files` stamped before anything else
    /// looked at them, as [`stamps`] gives).
    ///
    /// The file stays mapped for the rest of the process (the index
    /// borrows from it; what was brought into memory is given back when
    /// the [`Found`] is dropped): `qnav search` answers one query from it;
    /// the reader searches with it while its documents load, and then keeps
    /// its index for the rest of the session (its own, when it was written
    /// from these documents, or the one it builds and writes there) — so
    /// what the SAFETY note below says of a file changed by hand holds for
    /// as long as the reader runs.
    pub fn searched(&self, files: &[Searched]) -> Option<Found> {
        if cfg!(target_endian = "big") {
            return None;
        }
        let file = std::fs::File::open(self.search_file(files)).ok()?;
        // SAFETY: the mapping is only read. Cache files are never written
        // in place — each is written under a new name and renamed into
        // place — so the bytes mapped do not change under this process. A
        // file changed in place by hand (in a private 0700 folder) is
        // outside that: cut while mapped, it ends the process (SIGBUS);
        // changed, what was checked may differ from what is read later.
        let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
        // The checksum reads the mapping itself (no copy): it covers the
        // head and the index's arrays, which the checks read anyway, not
        // the text, which is checked a block at a time where a search
        // reads it and otherwise never brought into memory.
        let read = Layout::read(&map, files, |len| {
            map.get(..len).map(codec::checksum).ok_or(Bad)
        });
        // (Not what it should be: unmapped here.)
        let (layout, repeats) = read.ok()?;
        // Checked: kept for the life of the process.
        let map: &'static memmap2::Mmap = Box::leak(Box::new(map));
        let mut found = layout.found(repeats, map).ok()?;
        found.mapping = Some(map);
        Some(found)
    }

    /// Keeps a search file for `files` (stamped before they were read),
    /// the `docs` parsed from them, in order, and their `index`. Quietly
    /// nothing when the cache cannot be written, when a file changed
    /// meanwhile or too recently to be told apart from a change not yet
    /// made (see [`RACY_NANOS`]).
    pub fn keep_searched(&self, files: &[Searched], docs: &[Document], index: &Index) {
        if cfg!(target_endian = "big") || docs.len() != files.len() {
            return;
        }
        // Counted from when the files were stamped, before they were read:
        // a same-size change in the clock tick of an earlier change, made
        // before the read, would leave the stamp as it was.
        let Some(written) = files.iter().map(|f| f.stamped_at).min() else {
            return;
        };
        let unchanged = files.iter().zip(docs).all(|(f, d)| {
            regular_stamp_of(&f.path) == Some(f.stamp)
                && f.stamp.size == d.bytes as u64
                && written.saturating_sub(f.stamp.changed) >= RACY_NANOS
        });
        if !unchanged {
            return;
        }
        let path = self.search_file(files);
        if write(&path, files, written, docs, index).is_some_and(|r| r.is_ok())
            && let Some(dir) = path.parent()
        {
            super::evict_oldest(dir, super::SEARCHES_KEPT);
        }
    }
}

fn put_stamp(w: &mut Writer, s: Stamp) {
    w.uint(s.size);
    w.u64_fixed(s.modified as u64);
    w.u64_fixed(s.changed as u64);
    w.uint(s.device);
    w.uint(s.inode);
}

fn get_stamp(r: &mut Reader) -> Result<Stamp, Bad> {
    Ok(Stamp {
        size: r.uint()?,
        modified: r.u64_fixed()? as i64,
        changed: r.u64_fixed()? as i64,
        device: r.uint()?,
        inode: r.uint()?,
    })
}

/// The arrays of a search file, in the order they lie in it. (Each
/// statement's document is told by the documents' ranges, and where its
/// text ends by where the next one's starts: neither is kept.)
mod slot {
    /// Per statement, its pair (`u32::MAX`: none).
    pub const PAIR: usize = 0;
    /// Per statement, its part's code.
    pub const PART: usize = 1;
    /// Per statement, where its text starts in [`TEXT`].
    pub const START: usize = 2;
    pub const WORDS: usize = 3;
    pub const WORD_STARTS: usize = 4;
    pub const WORD_MASKS: usize = 5;
    pub const POST_STARTS: usize = 6;
    pub const POSTINGS: usize = 7;
    pub const STMT_MASKS: usize = 8;
    pub const CANON: usize = 9;
    /// Per statement, who said it (an index into the speakers' names in
    /// the head, or [`crate::search::speakers::NOBODY`]).
    pub const SPEAKERS: usize = 10;
    /// Per statement, its paragraph within its part: the reader finds
    /// the statement in the parsed document with it.
    pub const PARA: usize = 11;
    /// Per statement, where its text starts in its paragraph's.
    pub const IN_PARA: usize = 12;
    /// The checksum of each [`crate::search::texts::TEXT_BLOCK`] bytes of
    /// [`TEXT`] (the last block shorter): the file's own checksum stops
    /// where the text starts, and each block is checked when first read.
    pub const TEXT_SUMS: usize = 13;
    /// The statements' text, one after another.
    pub const TEXT: usize = 14;
}

/// Zeros to pad an array to a multiple of eight bytes.
const PADDING: [u8; 8] = [0; 8];

/// Writes a search file for `files`, `docs` and their `index`, written at
/// `written`: from the index's own arrays and the paragraphs' text, never
/// first copied into one buffer (the file is as large as the text and the
/// index together). `None` when the text would not fit the statements'
/// 32-bit offsets.
fn write(
    path: &std::path::Path,
    files: &[Searched],
    written: i64,
    docs: &[Document],
    index: &Index,
) -> Option<std::io::Result<()>> {
    let pieces = Pieces::of(files, written, docs, index)?;
    let list = pieces.list(docs, index);
    Some(super::write_atomically(path, &list))
}

/// What a search file is written from, besides the index and the text.
struct Pieces {
    first: Vec<u8>,
    pair: Vec<u32>,
    part: Vec<u8>,
    start: Vec<u32>,
    para: Vec<u32>,
    in_para: Vec<u32>,
    text_sums: Vec<u64>,
    sum: [u8; 8],
}

impl Pieces {
    fn of(files: &[Searched], written: i64, docs: &[Document], index: &Index) -> Option<Pieces> {
        if index.text_bytes() >= u32::MAX as usize {
            return None;
        }
        let mut start = Vec::with_capacity(index.len());
        let mut at = 0u32;
        for st in &index.statements {
            start.push(at);
            at += st.end - st.start;
        }
        let mut pieces = Pieces {
            first: Vec::new(),
            pair: index
                .statements
                .iter()
                .map(|s| s.pair.unwrap_or(u32::MAX))
                .collect(),
            part: index
                .statements
                .iter()
                .map(|s| codec::part_code(s.part))
                .collect(),
            start,
            para: index.statements.iter().map(|s| s.para).collect(),
            in_para: index.statements.iter().map(|s| s.start).collect(),
            text_sums: crate::search::texts::block_sums(
                index.statements.iter().map(|st| st.text(docs).as_bytes()),
            ),
            sum: [0; 8],
        };
        let lengths: [usize; ARRAYS] = [
            pieces.pair.len() * 4,
            pieces.part.len(),
            pieces.start.len() * 4,
            index.words.len(),
            index.word_starts.len() * 4,
            index.word_masks.len() * 8,
            index.post_starts.len() * 4,
            index.postings.len() * 4,
            index.stmt_masks.len() * 8,
            index.canon.len() * 4,
            index.len() * 4,
            index.len() * 4,
            index.len() * 4,
            pieces.text_sums.len() * 8,
            at as usize,
        ];
        let mut head = Writer::default();
        head.uint(u64::from(FORMAT));
        head.str(BUILD);
        head.usize(files.len());
        for f in files {
            head.bytes(&path_bytes(&f.path));
            head.str(&f.shown);
            put_stamp(&mut head, f.stamp);
        }
        head.u64_fixed(written as u64);
        head.usize(docs.len());
        for d in docs {
            head.str(&d.path);
            head.str(&d.display_title());
            head.u32s(&d.pairs.iter().map(|p| p.number as u32).collect::<Vec<_>>());
            head.u64_fixed(d.content_hash);
        }
        head.usize(index.doc_ranges.len());
        for r in &index.doc_ranges {
            head.uint(u64::from(r.start));
            head.uint(u64::from(r.end));
        }
        head.usize(index.text_bytes());
        head.usize(index.contained.len());
        for c in &index.contained {
            head.u32s(c);
        }
        // Who said what, as the parse tells it: `@name` searches need it.
        let speakers = index.speakers(docs);
        head.usize(speakers.names.len());
        for name in &speakers.names {
            head.usize(name.len());
            for w in name {
                head.str(w);
            }
        }
        // Where the arrays lie: the head's own length is not known until
        // the table is written, so the table gives offsets from the
        // arrays' start.
        let mut offset = 0u64;
        for len in lengths {
            head.uint(offset);
            head.uint(len as u64);
            offset += padded(len as u64);
        }
        let mut first = MAGIC.to_vec();
        first.extend_from_slice(&(head.buf.len() as u64).to_le_bytes());
        first.extend_from_slice(&head.buf);
        first.resize(padded(first.len() as u64) as usize, 0);
        pieces.first = first;
        // Everything before the text: the head and the arrays, each
        // followed by its padding.
        let mut sum = codec::Checksum::default();
        let list = pieces.list(docs, index);
        for p in &list[..1 + 2 * slot::TEXT] {
            sum.update(p);
        }
        pieces.sum = sum.finish().to_le_bytes();
        Some(pieces)
    }

    /// The file, piece by piece (the checksum last).
    fn list<'a>(&'a self, docs: &'a [Document], index: &'a Index) -> Vec<&'a [u8]> {
        let words32 = |v: &'a [u32]| -> &'a [u8] { bytemuck::cast_slice(v) };
        let words64 = |v: &'a [u64]| -> &'a [u8] { bytemuck::cast_slice(v) };
        let arrays: [&[u8]; slot::TEXT] = [
            words32(&self.pair),
            &self.part,
            words32(&self.start),
            index.words.as_bytes(),
            words32(&index.word_starts),
            words64(&index.word_masks),
            words32(&index.post_starts),
            words32(&index.postings),
            words64(&index.stmt_masks),
            words32(&index.canon),
            words32(&index.speakers(docs).of_statement),
            words32(&self.para),
            words32(&self.in_para),
            words64(&self.text_sums),
        ];
        let pad = |len: usize| &PADDING[..(padded(len as u64) as usize - len)];
        let mut list = Vec::with_capacity(2 * slot::TEXT + index.len() + 3);
        list.push(self.first.as_slice());
        for a in arrays {
            list.push(a);
            list.push(pad(a.len()));
        }
        let mut text = 0;
        for st in &index.statements {
            let t = st.text(docs).as_bytes();
            text += t.len();
            list.push(t);
        }
        list.push(pad(text));
        list.push(&self.sum);
        list
    }
}

fn padded(n: u64) -> u64 {
    n.div_ceil(8) * 8
}

/// A search file checked: its head read, its statements, its arrays'
/// places.
struct Layout {
    documents: Vec<StoredDocument>,
    statements: Vec<Statement>,
    /// Per statement, its part.
    parts: Vec<Part>,
    doc_ranges: Vec<Range<u32>>,
    text_bytes: usize,
    contained: Vec<Vec<u32>>,
    /// Each speaker's name words, folded.
    speaker_names: Vec<Vec<String>>,
    arrays: [Range<usize>; ARRAYS],
}

fn u32s(b: &[u8]) -> Result<&[u32], Bad> {
    bytemuck::try_cast_slice(b).map_err(|_| Bad)
}

fn u64s(b: &[u8]) -> Result<&[u64], Bad> {
    bytemuck::try_cast_slice(b).map_err(|_| Bad)
}

impl Layout {
    /// Checks `bytes` as a search file for `files` as they are now, and
    /// everything in it a search relies on; `checksum(n)` is the checksum
    /// of its first `n` bytes.
    fn read(
        bytes: &[u8],
        files: &[Searched],
        checksum: impl Fn(usize) -> Result<u64, Bad> + Sync,
    ) -> Result<(Layout, Repeats), Bad> {
        let body_len = bytes.len().checked_sub(8).ok_or(Bad)?;
        let (body, sum) = bytes.split_at(body_len);
        if !body.starts_with(MAGIC) || body.len() < 16 {
            return Err(Bad);
        }
        let head_len =
            usize::try_from(u64::from_le_bytes(body[8..16].try_into().map_err(|_| Bad)?))
                .map_err(|_| Bad)?;
        let head = body
            .get(16..16usize.checked_add(head_len).ok_or(Bad)?)
            .ok_or(Bad)?;
        let mut r = Reader::new(head);
        if r.uint()? != u64::from(FORMAT) || r.str()? != BUILD {
            return Err(Bad);
        }
        // The files, each as it was: cheaper than the checksum, so first.
        if r.count(20)? != files.len() {
            return Err(Bad);
        }
        let mut stamps = Vec::with_capacity(files.len());
        for f in files {
            if r.bytes()? != path_bytes(&f.path).as_slice() || r.str()? != f.shown {
                return Err(Bad);
            }
            stamps.push(get_stamp(&mut r)?);
        }
        let written = r.u64_fixed()? as i64;
        let fresh = files
            .iter()
            .zip(&stamps)
            .all(|(f, s)| f.stamp == *s && written.saturating_sub(s.changed) >= RACY_NANOS);
        if !fresh {
            return Err(Bad);
        }
        let documents = r.list(11, |r| {
            Ok(StoredDocument {
                path: r.string()?,
                title: r.string()?,
                pair_numbers: r.u32s()?,
                content_hash: r.u64_fixed()?,
            })
        })?;
        let doc_ranges = r.list(2, |r| {
            let (a, b) = (r.u32()?, r.u32()?);
            if a > b {
                return Err(Bad);
            }
            Ok(a..b)
        })?;
        let text_bytes = r.usize()?;
        let contained = r.list(1, |r| r.u32s())?;
        let speaker_names = r.list(1, |r| r.list(1, |r| r.string()))?;
        let data = padded(16 + head_len as u64) as usize;
        let mut arrays: [Range<usize>; ARRAYS] = Default::default();
        for a in &mut arrays {
            let (offset, len) = (r.usize()?, r.usize()?);
            let start = data.checked_add(offset).ok_or(Bad)?;
            let end = start.checked_add(len).ok_or(Bad)?;
            if start % 8 != 0 || end > body.len() {
                return Err(Bad);
            }
            *a = start..end;
        }
        if !r.done() {
            return Err(Bad);
        }
        let expected = u64::from_le_bytes(sum.try_into().map_err(|_| Bad)?);
        // The checksum covers everything before the text (whose blocks
        // have checksums of their own there, checked as they are read: a
        // search reads a few of them). Two cores share the rest: one sums
        // the file, then checks the index's arrays and finds the repeats
        // they tell; the other reads the statements and checks them.
        // Nothing is trusted until both are through and the sums agree.
        let covered = arrays[slot::TEXT].start;
        if arrays[..slot::TEXT].iter().any(|a| a.end > covered) {
            return Err(Bad);
        }
        let statements_n = arrays[slot::PAIR].len() / 4;
        let checksum = &checksum;
        let index_side = {
            let arrays = arrays.clone();
            move || -> Result<(u64, Repeats), Bad> {
                let sum = checksum(covered)?;
                let repeats = index_checked(bytes, &arrays, statements_n)?;
                Ok((sum, repeats))
            }
        };
        let statements_side = |arrays: [Range<usize>; ARRAYS]| -> Result<Layout, Bad> {
            let statements = statements(bytes, &arrays, &doc_ranges)?;
            let parts = statements.iter().map(|s| s.part).collect();
            let layout = Layout {
                documents,
                statements,
                parts,
                doc_ranges,
                text_bytes,
                contained,
                speaker_names,
                arrays,
            };
            layout.check(bytes)?;
            Ok(layout)
        };
        let (layout, index) = std::thread::scope(|scope| {
            match std::thread::Builder::new()
                .name("qnav-check".into())
                .spawn_scoped(scope, &index_side)
            {
                Ok(other) => {
                    let layout = statements_side(arrays);
                    (layout, other.join().map_err(|_| Bad).and_then(|r| r))
                }
                // No thread to be had: one after the other.
                Err(_) => (statements_side(arrays), index_side()),
            }
        });
        let (sum, repeats) = index?;
        if sum != expected {
            return Err(Bad);
        }
        Ok((layout?, repeats))
    }

    /// Every statement in a document and a pair it has, and within the
    /// text; the statements in document order; the text's block sums as
    /// many as its blocks; a speaker for each statement. (The index's
    /// arrays are checked beside this, by [`index_checked`]; whether a
    /// statement's bytes are UTF-8 is asked when it is read: see
    /// [`Texts`].)
    ///
    /// [`Texts`]: crate::search::Texts
    fn check(&self, bytes: &[u8]) -> Result<(), Bad> {
        let docs = &self.documents;
        let text_len = self.arrays[slot::TEXT].len();
        let blocks = text_len.div_ceil(crate::search::texts::TEXT_BLOCK);
        if self.text_bytes != text_len || self.arrays[slot::TEXT_SUMS].len() != blocks * 8 {
            return Err(Bad);
        }
        for s in &self.statements {
            let doc = docs.get(s.doc as usize).ok_or(Bad)?;
            let pair_ok = match (s.part, s.pair) {
                (Part::Lead | Part::Question | Part::Answer, Some(p)) => {
                    (p as usize) < doc.pair_numbers.len()
                }
                (Part::Preamble | Part::Body, None) => true,
                _ => false,
            };
            if !pair_ok || s.end as usize > text_len {
                return Err(Bad);
            }
        }
        let a = |slot: usize| &bytes[self.arrays[slot].clone()];
        let arrays = Arrays {
            statements: &self.statements,
            doc_ranges: &self.doc_ranges,
            contained: &self.contained,
            ..Arrays::default()
        };
        if !arrays.statements_hold_together(docs.len()) {
            return Err(Bad);
        }
        let said_by = u32s(a(slot::SPEAKERS))?;
        let names = self.speaker_names.len() as u32;
        if said_by.len() != self.statements.len()
            || !said_by
                .iter()
                .all(|&w| w < names || w == crate::search::speakers::NOBODY)
        {
            return Err(Bad);
        }
        Ok(())
    }

    /// The index and text, borrowed from the checked bytes. (The text is
    /// not read here: each statement is checked as UTF-8 when it is read,
    /// see [`crate::search::Texts`], and made printable as it is reported,
    /// see [`crate::search::report::HitReport`].)
    fn found(self, repeats: Repeats, bytes: &'static [u8]) -> Result<Found, Bad> {
        let a = |slot: usize| &bytes[self.arrays[slot].clone()];
        let index = Index::from_checked(
            self.statements,
            self.parts,
            repeats,
            self.doc_ranges,
            [
                Cow::Borrowed(u32s(a(slot::WORD_STARTS))?),
                Cow::Borrowed(u32s(a(slot::POST_STARTS))?),
                Cow::Borrowed(u32s(a(slot::POSTINGS))?),
                Cow::Borrowed(u32s(a(slot::CANON))?),
            ],
            Cow::Borrowed(std::str::from_utf8(a(slot::WORDS)).map_err(|_| Bad)?),
            [
                Cow::Borrowed(u64s(a(slot::WORD_MASKS))?),
                Cow::Borrowed(u64s(a(slot::STMT_MASKS))?),
            ],
            self.text_bytes,
            self.contained,
        );
        let _ = index.speakers.set(crate::search::speakers::Speakers {
            names: self.speaker_names,
            of_statement: u32s(a(slot::SPEAKERS))?.to_vec(),
        });
        Ok(Found {
            index,
            texts: Stored {
                text: Cow::Borrowed(a(slot::TEXT)),
                documents: self.documents,
                in_paragraph: Cow::Borrowed(u32s(a(slot::IN_PARA))?),
                text_sums: Some(TextSums::new(Cow::Borrowed(u64s(a(slot::TEXT_SUMS))?))),
            },
            mapping: None,
        })
    }
}

/// The index's arrays of a search file over `n` statements, checked as
/// [`Arrays::index_holds_together`] checks them, and the repeats their
/// first places tell.
fn index_checked(bytes: &[u8], arrays: &[Range<usize>; ARRAYS], n: usize) -> Result<Repeats, Bad> {
    let a = |slot: usize| &bytes[arrays[slot].clone()];
    let words = std::str::from_utf8(a(slot::WORDS)).map_err(|_| Bad)?;
    let canon = u32s(a(slot::CANON))?;
    let index = Arrays {
        words,
        word_starts: u32s(a(slot::WORD_STARTS))?,
        word_masks: u64s(a(slot::WORD_MASKS))?,
        post_starts: u32s(a(slot::POST_STARTS))?,
        postings: u32s(a(slot::POSTINGS))?,
        stmt_masks: u64s(a(slot::STMT_MASKS))?,
        canon,
        ..Arrays::default()
    };
    if !index.index_holds_together(n) || !codec::shown_safely(words) {
        return Err(Bad);
    }
    Ok(Repeats::from_canon(canon))
}

/// The statements, from their columns: each one's document from the
/// documents' ranges (which must run one after another from the first
/// statement to the last), where its text ends from where the next one's
/// starts (which must not be earlier).
fn statements(
    bytes: &[u8],
    arrays: &[Range<usize>; ARRAYS],
    doc_ranges: &[Range<u32>],
) -> Result<Vec<Statement>, Bad> {
    let a = |slot: usize| &bytes[arrays[slot].clone()];
    let pair = u32s(a(slot::PAIR))?;
    let part = a(slot::PART);
    let start = u32s(a(slot::START))?;
    let para = u32s(a(slot::PARA))?;
    let text_len = u32::try_from(arrays[slot::TEXT].len()).map_err(|_| Bad)?;
    let n = pair.len();
    if part.len() != n || start.len() != n || para.len() != n || a(slot::IN_PARA).len() != n * 4 {
        return Err(Bad);
    }
    let mut out = Vec::with_capacity(n);
    let mut at = 0u32;
    for (d, range) in doc_ranges.iter().enumerate() {
        if range.start != at || range.end as usize > n {
            return Err(Bad);
        }
        for s in range.start as usize..range.end as usize {
            let end = start.get(s + 1).copied().unwrap_or(text_len);
            if start[s] > end {
                return Err(Bad);
            }
            out.push(Statement {
                doc: d as u32,
                pair: (pair[s] != u32::MAX).then_some(pair[s]),
                part: codec::part_of(part[s])?,
                para: para[s],
                start: start[s],
                end,
            });
        }
        at = range.end;
    }
    if at as usize != n {
        return Err(Bad);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn corpus_in(dir: &Path) -> (Vec<Source>, Vec<Document>) {
        let files = ["a.txt", "b.txt"];
        let texts = [
            "Q: Where were you born?\nA: In Omsk, by the river.\n\nQ: And then?\nA: Moscow.\n",
            "Interviewer: What do you fear?\nGuest: Nothing. Well, spiders.\n",
        ];
        let mut sources = Vec::new();
        for (name, text) in files.iter().zip(texts) {
            let path = dir.join(name);
            std::fs::write(&path, text).unwrap();
            sources.push(Source::File {
                path: path.clone(),
                shown: name.to_string(),
            });
        }
        let mut docs = Vec::new();
        crate::load::load_ordered_with(&sources, None, |r| docs.push(r.unwrap()));
        (sources, docs)
    }

    /// A stamp old enough not to be racy: the file's times set back.
    fn settle(sources: &[Source]) {
        for s in sources {
            if let Source::File { path, .. } = s {
                let f = std::fs::File::options().write(true).open(path).unwrap();
                let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
                f.set_modified(old).unwrap();
            }
        }
    }

    #[test]
    fn a_file_changed_within_the_racy_window_is_not_kept() {
        let dir = tempfile::tempdir().unwrap();
        let (sources, docs) = corpus_in(dir.path());
        let cache = Cache::at(dir.path().join("cache"));
        let files = stamps(&sources).unwrap();
        cache.keep_searched(&files, &docs, &Index::build(&docs));
        // The change time, which cannot be set back, is a moment ago.
        assert!(!cache.search_file(&files).exists());
        settle(&sources);
        assert!(cache.searched(&stamps(&sources).unwrap()).is_none());
    }

    /// `bytes` in a buffer aligned for `u64`s, as a mapping is (a `Vec<u8>`
    /// need not be).
    fn aligned(bytes: &[u8]) -> Vec<u64> {
        let mut words = vec![0u64; bytes.len().div_ceil(8)];
        bytemuck::cast_slice_mut::<u64, u8>(&mut words)[..bytes.len()].copy_from_slice(bytes);
        words
    }

    fn bytes_of(words: &[u64], len: usize) -> &[u8] {
        &bytemuck::cast_slice::<u64, u8>(words)[..len]
    }

    /// A pipe's stamp stays as it is whatever goes through it: no search
    /// file is ever kept for one.
    #[cfg(unix)]
    #[test]
    fn a_pipe_has_no_search_file() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("talk.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: mkfifo is not available");
            return;
        }
        let (mut sources, _) = corpus_in(dir.path());
        assert!(stamps(&sources).is_some());
        sources.push(Source::File {
            path: fifo,
            shown: "talk.txt".into(),
        });
        assert!(stamps(&sources).is_none());
    }

    #[test]
    fn damaged_bytes_are_never_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let (sources, docs) = corpus_in(dir.path());
        let files = stamps(&sources).unwrap();
        let index = Index::build(&docs);
        let written = files.iter().map(|f| f.stamp.changed).max().unwrap() + RACY_NANOS;
        let pieces = Pieces::of(&files, written, &docs, &index).unwrap();
        let whole = pieces.list(&docs, &index).concat();
        let read = |b: &[u8]| {
            let words = aligned(b);
            Layout::read(bytes_of(&words, b.len()), &files, |n| {
                Ok(codec::checksum(&b[..n]))
            })
        };
        assert!(read(&whole).is_ok());
        // Where the text lies: after everything the file's checksum covers.
        let data = whole.len() - 8 - padded(index.text_bytes() as u64) as usize;
        let text = data..data + index.text_bytes();
        let statements_read = |bytes: &[u8]| -> Vec<String> {
            let found = found_in(bytes, &files);
            let texts = crate::search::Texts::Stored(&found.texts);
            found
                .index
                .statements
                .iter()
                .map(|st| texts.text(st).to_string())
                .collect()
        };
        let as_written = statements_read(&whole);
        assert!(as_written.iter().any(|t| t.contains("spiders")));
        // Every byte changed in turn, and every length cut: none reads.
        // (The checksum catches these; with the checksum made to agree,
        // the checks behind it must catch what it would have.) A byte of
        // the text is caught by its block's checksum when read: every
        // statement in that block reads as nothing, the others as written.
        for at in (0..whole.len()).step_by(7) {
            let mut bad = whole.clone();
            bad[at] ^= 0x5a;
            if text.contains(&at) {
                let block = (at - data) / crate::search::texts::TEXT_BLOCK;
                let read_now = statements_read(&bad);
                let (layout, _) = read(&whole).unwrap();
                for ((st, now), then) in layout.statements.iter().zip(&read_now).zip(&as_written) {
                    let blocks = st.start as usize / crate::search::texts::TEXT_BLOCK
                        ..=(st.end as usize).saturating_sub(1) / crate::search::texts::TEXT_BLOCK;
                    if st.end > st.start && blocks.contains(&block) {
                        assert_eq!(now, "", "byte {at}");
                    } else {
                        assert_eq!(now, then, "byte {at}");
                    }
                }
            } else if at < data || at >= whole.len() - 8 {
                assert!(read(&bad).is_err(), "byte {at}");
            }
        }
        for len in (0..whole.len()).step_by(11) {
            assert!(read(&whole[..len]).is_err(), "cut at {len}");
        }
        let reseal = |mut bad: Vec<u8>| {
            let n = bad.len() - 8;
            let sum = codec::checksum(&bad[..data]).to_le_bytes();
            bad[n..].copy_from_slice(&sum);
            bad
        };
        for at in (16..data).step_by(3) {
            let mut bad = whole.clone();
            bad[at] = bad[at].wrapping_add(0x41);
            let bad = reseal(bad);
            if let Ok((layout, repeats)) = read(&bad) {
                // What still reads must search without a panic.
                let words: &'static [u64] = Box::leak(aligned(&bad).into_boxed_slice());
                let found = layout.found(repeats, bytes_of(words, bad.len())).unwrap();
                let _ = crate::search::Searcher::new().search(
                    &found.index,
                    &found.texts,
                    "born spiders",
                    crate::search::Scope::All,
                    0,
                    10,
                );
            }
        }
    }

    /// A search file read from `bytes` (as a mapping would give them).
    fn found_in(bytes: &[u8], files: &[Searched]) -> Found {
        let words: &'static [u64] = Box::leak(aligned(bytes).into_boxed_slice());
        let bytes = bytes_of(words, bytes.len());
        let (layout, repeats) =
            Layout::read(bytes, files, |n| Ok(codec::checksum(&bytes[..n]))).expect("reads");
        layout.found(repeats, bytes).unwrap()
    }

    #[test]
    fn the_index_of_a_search_file_is_the_index_of_its_documents_only() {
        let dir = tempfile::tempdir().unwrap();
        let (sources, docs) = corpus_in(dir.path());
        let files = stamps(&sources).unwrap();
        let mut built = Index::build(&docs);
        built.note_containment(&docs);
        let written = files.iter().map(|f| f.stamp.changed).max().unwrap() + RACY_NANOS;
        let pieces = Pieces::of(&files, written, &docs, &built).unwrap();
        let whole = pieces.list(&docs, &built).concat();

        let index = found_in(&whole, &files)
            .into_index_over(&docs)
            .expect("the same documents");
        // Every statement where the built index has it, the excerpts as
        // looked for, and searched alike.
        assert_eq!(index.statements, built.statements);
        assert!(index.looked_for_excerpts());
        assert_eq!(index.contained, built.contained);
        for query in ["born", "spiders fear", "moscow", "river omsk"] {
            let search = |index: &Index| {
                crate::search::Searcher::new()
                    .search(index, &docs, query, crate::search::Scope::All, 0, 10)
                    .hits
                    .iter()
                    .map(|h| h.statement)
                    .collect::<Vec<_>>()
            };
            assert_eq!(search(&index), search(&built), "{query}");
        }
        // Other documents, or these in another order: not theirs.
        let mut edited = docs.clone();
        edited[1] = crate::load::load_bytes(
            &docs[1].path,
            b"Interviewer: What do you fear?\nGuest: Nothing.\n",
        )
        .unwrap();
        assert!(found_in(&whole, &files).into_index_over(&edited).is_none());
        let reversed: Vec<Document> = docs.iter().rev().cloned().collect();
        assert!(
            found_in(&whole, &files)
                .into_index_over(&reversed)
                .is_none()
        );
        assert!(
            found_in(&whole, &files)
                .into_index_over(&docs[..1])
                .is_none()
        );
    }
}
