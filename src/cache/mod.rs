//! The persistent cache: parsed documents and the search index kept in
//! `$XDG_CACHE_HOME/qnav` (else `~/.cache/qnav`), so a folder opened again
//! is neither parsed nor indexed again.
//!
//! - `documents/`: one pack per folder of source files, named by a hash of
//!   the folder's absolute path, holding for each file its [`Stamp`] (size,
//!   modification and change times, device, inode) and content hash beside
//!   the parsed document. An entry is used as it is when the stamp agrees
//!   and the entry is not racy (see [`RACY_NANOS`]); when the size agrees
//!   but not the rest, the file is read and its hash compared (a `touch`
//!   costs a read, not a parse). A changed or new file is parsed again —
//!   that file only — and the folder's pack written anew with it; a
//!   deleted file's entry goes. A pack is memory-mapped, and documents
//!   read from it borrow their paragraphs' text where it lies (never
//!   copied to the heap; [`give_back_read_pages`] returns the pages
//!   checking read).
//!   (One file per folder, not one per document: creating a file costs a
//!   tenth of a millisecond on common disks, which a thousand transcripts
//!   would pay on every first opening.)
//! - `indexes/`: one file per set of documents (their paths, sizes and
//!   content hashes, in order), holding the index built over them. When
//!   the documents changed, the newest one over most of them is updated
//!   (see [`index_from`]) rather than the index built whole.
//!
//! Every file starts with a magic word, the format's version and the build
//! of qnav that wrote it (a hash of its source, `Cargo.lock` and compiler:
//! another build's parser may read the same text otherwise), and ends with
//! a checksum. A file that is
//! foreign, stale, cut short or damaged is ignored and written anew — never
//! trusted, never a panic (see [`codec`]). Files are written to a temporary
//! name and renamed into place, so a reader sees a whole file or none, and
//! two processes writing at once leave one whole file. The folder may be
//! deleted at any time; a cache that cannot be written (read-only, full)
//! only means parsing again. Terminal-free: no ratatui, no crossterm.

pub mod codec;
pub mod search_file;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::UNIX_EPOCH;

use codec::{Bad, Reader, Writer};

use crate::model::Document;
use crate::search::Index;

/// Bumped whenever the layout of a cache file changes.
pub const FORMAT: u32 = 2;

/// The build of qnav (a hash of its sources, lock file and compiler; see
/// `build.rs`).
pub const BUILD: &str = env!("QNAV_BUILD_ID");

const PACK_MAGIC: &[u8; 8] = b"qnav-pak";
const INDEX_MAGIC: &[u8; 8] = b"qnav-idx";

/// A cache folder.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

/// What a cache folder holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub documents: usize,
    pub document_bytes: u64,
    pub indexes: usize,
    pub index_bytes: u64,
    pub searches: usize,
    pub search_bytes: u64,
}

/// The cache this process reads and writes, if any: set once by the
/// program (`qnav` sets the default folder unless `--no-cache`); a library
/// user or a test that sets nothing gets no cache.
static CURRENT: OnceLock<Option<Cache>> = OnceLock::new();

/// Sets the cache for this process; `false` if one was set already.
pub fn use_for_this_process(cache: Option<Cache>) -> bool {
    CURRENT.set(cache).is_ok()
}

/// The cache this process uses.
pub fn current() -> Option<&'static Cache> {
    CURRENT.get().and_then(Option::as_ref)
}

/// The search index of `docs`: from this process's cache when it holds
/// one, else built (and kept there). With `excerpts`, which documents are
/// said inside others is looked for too (and kept with it).
pub fn index_of(docs: &[Document], excerpts: bool) -> Index {
    let (index, keep) = index_to_keep(docs, excerpts);
    if let Some(keep) = keep {
        keep.write();
    }
    index
}

/// How an index was come by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexFrom {
    /// The cache held it for these very documents.
    Cache,
    /// The cache held one over some of them: `reused` documents' statements
    /// and postings were taken from it, the rest tokenised.
    Updated { reused: usize },
    /// Built whole.
    Built,
}

/// The index of `docs` from `cache`: its own when it holds it; else
/// updated from the newest one it holds over most of them (a changed, new
/// or deleted file tokenised or dropped, the rest taken as it was); else
/// built.
pub fn index_from(cache: Option<&Cache>, docs: &[Document]) -> (Index, IndexFrom) {
    if let Some(index) = cache.and_then(|c| c.index(docs)) {
        return (index, IndexFrom::Cache);
    }
    if let Some((index, reused)) = cache.and_then(|c| c.updated_index(docs)) {
        return (index, IndexFrom::Updated { reused });
    }
    (Index::build(docs), IndexFrom::Built)
}

/// [`index_of`], leaving the writing to the caller: what to keep, when the
/// cache did not hold the index as wanted (the reader answers first and
/// writes after).
pub fn index_to_keep(docs: &[Document], excerpts: bool) -> (Index, Option<Pending>) {
    let cache = current();
    let (mut index, from) = index_from(cache, docs);
    let mut changed = from != IndexFrom::Cache;
    if excerpts && !index.looked_for_excerpts() && !docs.is_empty() {
        index.note_containment(docs);
        changed = true;
    }
    let keep = cache
        .filter(|_| changed)
        .map(|c| c.index_to_write(docs, &index));
    (index, keep)
}

/// [`index_to_keep`] for the reader after documents were reloaded: the
/// index before, `old`, updated (document `d` of `docs` is its document
/// `reuse[d]`, or was reloaded: `None`), excerpts looked for; `None` if
/// `old` does not fit.
pub fn index_to_keep_after(
    docs: &[Document],
    old: &Index,
    reuse: &[Option<u32>],
) -> Option<(Index, Option<Pending>)> {
    let mut index = Index::updated(old, reuse, docs)?;
    if !docs.is_empty() {
        index.note_containment(docs);
    }
    let keep = current().map(|c| c.index_to_write(docs, &index));
    Some((index, keep))
}

/// [`index_to_keep`] for the reader, which found a search file for
/// `files` (the files `docs` were loaded from, as stamped) when it
/// started: the index is that file's, when it was written from these
/// very documents (nothing to keep then: the search file serves).
pub fn index_to_keep_from(
    docs: &[Document],
    files: Option<&[search_file::Searched]>,
) -> (Index, Option<Pending>) {
    let from_file = files
        .and_then(|files| current()?.searched(files))
        .and_then(|found| found.into_index_over(docs));
    match from_file {
        Some(mut index) => {
            if !index.looked_for_excerpts() && !docs.is_empty() {
                index.note_containment(docs);
            }
            (index, None)
        }
        None => index_to_keep(docs, true),
    }
}

/// A cache file encoded and not yet written.
pub struct Pending {
    path: PathBuf,
    head: Vec<u8>,
    payload: Vec<u8>,
    sum: [u8; 8],
}

impl Pending {
    /// Writes it; quietly nothing when the cache cannot be written.
    pub fn write(self) {
        if write_atomically(&self.path, &[&self.head, &self.payload, &self.sum]).is_ok()
            && let Some(dir) = self.path.parent()
        {
            evict_oldest(dir, INDEXES_KEPT);
        }
    }
}

/// `$XDG_CACHE_HOME/qnav`, else `~/.cache/qnav`.
/// (An empty or relative value is ignored, as the XDG spec asks: a cache
/// must never land in whatever folder qnav was started from.)
pub fn default_dir() -> Option<PathBuf> {
    let absolute = |v: std::ffi::OsString| Some(PathBuf::from(v)).filter(|p| p.is_absolute());
    std::env::var_os("XDG_CACHE_HOME")
        .and_then(absolute)
        .or_else(|| {
            std::env::var_os("HOME")
                .and_then(absolute)
                .map(|h| h.join(".cache"))
        })
        .map(|d| d.join("qnav"))
}

/// FNV-1a: names cache files after what they hold.
fn name_hash(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in *part {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// What the file system says of a file, enough to tell that it changed
/// without reading it: size, modification and change times (nanoseconds
/// since 1970; the change time cannot be set back, so `cp -p`, `touch -r`
/// and `rsync -t` show), and which file it is (device, inode).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    size: u64,
    modified: i64,
    changed: i64,
    device: u64,
    inode: u64,
}

/// A time as nanoseconds since 1970 (before it: negative).
fn nanos(t: std::time::SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_nanos()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_nanos()).unwrap_or(i64::MAX),
    }
}

/// The file's [`Stamp`] now.
pub fn stamp_of(file: &Path) -> Option<Stamp> {
    stamp_from(&std::fs::metadata(file).ok()?)
}

/// A regular file's [`Stamp`] now; none for a pipe or a device, whose
/// stamp does not change when what it gives does.
pub(crate) fn regular_stamp_of(file: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(file).ok()?;
    if meta.is_file() {
        stamp_from(&meta)
    } else {
        None
    }
}

fn stamp_from(meta: &std::fs::Metadata) -> Option<Stamp> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some(Stamp {
            size: meta.len(),
            modified: meta
                .mtime()
                .saturating_mul(1_000_000_000)
                .saturating_add(meta.mtime_nsec()),
            changed: meta
                .ctime()
                .saturating_mul(1_000_000_000)
                .saturating_add(meta.ctime_nsec()),
            device: meta.dev(),
            inode: meta.ino(),
        })
    }
    #[cfg(not(unix))]
    {
        let modified = nanos(meta.modified().ok()?);
        Some(Stamp {
            size: meta.len(),
            modified,
            changed: modified,
            device: 0,
            inode: 0,
        })
    }
}

/// A stamp this close to the moment its entry was written may not show a
/// change made in the same tick of the file system's clock (which can be a
/// second or two): such an entry is checked by its content hash, as git
/// does with "racily clean" files.
const RACY_NANOS: i64 = 3_000_000_000;

/// A path's bytes as the file system has them (two names that differ only
/// in bytes that are not UTF-8 stay two names).
fn path_bytes(p: &Path) -> Vec<u8> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        p.as_os_str().as_bytes().to_vec()
    }
    #[cfg(not(unix))]
    {
        p.to_string_lossy().into_owned().into_bytes()
    }
}

#[cfg(unix)]
fn path_of(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
fn path_of(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

impl Cache {
    pub fn at(dir: impl Into<PathBuf>) -> Cache {
        Cache { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn pack_file(&self, folder: &Path) -> PathBuf {
        self.dir
            .join("documents")
            .join(format!("{:016x}.qnav", name_hash(&[&path_bytes(folder)])))
    }

    /// A loading session: documents are looked up in, and kept for, the
    /// packs of their folders; [`Session::finish`] writes the packs that
    /// changed.
    pub fn session(&self) -> Session<'_> {
        Session {
            cache: self,
            hits: Default::default(),
            packs: Default::default(),
            fresh: Default::default(),
        }
    }

    /// What names the index of `docs`: their paths, sizes and content
    /// hashes, in order.
    fn index_key(docs: &[Document]) -> Vec<u8> {
        let mut key = Writer::default();
        key.usize(docs.len());
        for d in docs {
            key.str(&d.path);
            key.usize(d.bytes);
            key.u64_fixed(d.content_hash);
        }
        key.buf
    }

    fn index_file(&self, key: &[u8]) -> PathBuf {
        self.dir
            .join("indexes")
            .join(format!("{:016x}.qnav", name_hash(&[key])))
    }

    /// The index built over `docs` before, if the cache holds it.
    pub fn index(&self, docs: &[Document]) -> Option<Index> {
        let key = Cache::index_key(docs);
        let bytes = std::fs::read(self.index_file(&key)).ok()?;
        let (entry, payload) = read_envelope(&bytes, INDEX_MAGIC).ok()?;
        if entry != key {
            return None;
        }
        let mut r = Reader::new(payload);
        let found = codec::get_index(&mut r, docs).ok()?;
        r.done().then_some(found)
    }

    /// The index of `docs` updated from one the cache holds over at least
    /// half of them (by path, size and content hash; the two written last
    /// are tried); with how many documents it reused. The old
    /// index is checked as any read from the cache is, each statement of a
    /// document it reuses against that document as it is now.
    fn updated_index(&self, docs: &[Document]) -> Option<(Index, usize)> {
        let mut files: Vec<(std::time::SystemTime, PathBuf)> =
            std::fs::read_dir(self.dir.join("indexes"))
                .ok()?
                .flatten()
                .filter(|e| e.file_name().to_string_lossy().ends_with(".qnav"))
                .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
                .collect();
        files.sort_by_key(|f| std::cmp::Reverse(f.0));
        // The newest two: an index kept by the run before, and the one
        // before it (the excerpts looked for later, say).
        for (_, path) in files.into_iter().take(2) {
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            let Ok((entry, payload)) = read_envelope(&bytes, INDEX_MAGIC) else {
                continue;
            };
            let Some(old_docs) = index_key_entries(entry) else {
                continue;
            };
            let at: std::collections::HashMap<(&[u8], usize, u64), u32> = old_docs
                .iter()
                .enumerate()
                .map(|(i, &k)| (k, i as u32))
                .collect();
            let reuse: Vec<Option<u32>> = docs
                .iter()
                .map(|d| {
                    at.get(&(d.path.as_bytes(), d.bytes, d.content_hash))
                        .copied()
                })
                .collect();
            let reused = reuse.iter().flatten().count();
            // Mostly other documents: building costs about the same.
            if reused == 0 || reused * 2 < docs.len() {
                continue;
            }
            let mut now: Vec<Option<&Document>> = vec![None; old_docs.len()];
            for (d, o) in reuse.iter().enumerate() {
                if let Some(o) = o {
                    now[*o as usize] = Some(&docs[d]);
                }
            }
            let mut r = Reader::new(payload);
            let Ok(old) = codec::get_index_over(&mut r, old_docs.len(), |d| now[d as usize]) else {
                continue;
            };
            if !r.done() {
                continue;
            }
            if let Some(index) = Index::updated(&old, &reuse, docs) {
                return Some((index, reused));
            }
        }
        None
    }

    /// Keeps the index built over `docs`. Quietly does nothing when the
    /// cache cannot be written.
    pub fn keep_index(&self, docs: &[Document], index: &Index) {
        self.index_to_write(docs, index).write();
    }

    /// The index built over `docs`, encoded for [`Pending::write`].
    pub fn index_to_write(&self, docs: &[Document], index: &Index) -> Pending {
        let key = Cache::index_key(docs);
        let mut payload = Writer::default();
        codec::put_index(&mut payload, index);
        let (head, sum) = frame(INDEX_MAGIC, FORMAT, BUILD, &key, &[&payload.buf]);
        Pending {
            path: self.index_file(&key),
            head,
            payload: payload.buf,
            sum,
        }
    }

    /// What the folder holds.
    pub fn stats(&self) -> Stats {
        let count = |sub: &str| -> (usize, u64) {
            let Ok(entries) = std::fs::read_dir(self.dir.join(sub)) else {
                return (0, 0);
            };
            entries
                .flatten()
                .filter(|e| e.path().extension().is_some_and(|x| x == "qnav"))
                .filter_map(|e| e.metadata().ok())
                .fold((0, 0), |(n, b), m| (n + 1, b + m.len()))
        };
        let (documents, document_bytes) = count("documents");
        let (indexes, index_bytes) = count("indexes");
        let (searches, search_bytes) = count("searches");
        Stats {
            documents,
            document_bytes,
            indexes,
            index_bytes,
            searches,
            search_bytes,
        }
    }

    /// Deletes what the cache holds (its three folders and nothing else).
    pub fn clear(&self) -> std::io::Result<Stats> {
        let before = self.stats();
        for sub in ["documents", "indexes", "searches"] {
            match std::fs::remove_dir_all(self.dir.join(sub)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        Ok(before)
    }
}

/// The documents an index key names ([`Cache::index_key`]): path, size
/// and content hash of each, in order.
fn index_key_entries(key: &[u8]) -> Option<Vec<(&[u8], usize, u64)>> {
    let mut r = Reader::new(key);
    let n = r.count(10).ok()?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        out.push((r.bytes().ok()?, r.usize().ok()?, r.u64_fixed().ok()?));
    }
    r.done().then_some(out)
}

/// A cache file is magic · format · build · entry · payload · checksum of
/// all before it. This is what goes before a payload given in pieces, and
/// the checksum that goes after: the file is written from the pieces, never
/// first copied into one buffer (a pack is as large as the text).
fn frame(
    magic: &[u8; 8],
    format: u32,
    build: &str,
    entry: &[u8],
    payload: &[&[u8]],
) -> (Vec<u8>, [u8; 8]) {
    let mut w = Writer::default();
    w.buf.extend_from_slice(magic);
    w.uint(u64::from(format));
    w.str(build);
    w.bytes(entry);
    w.usize(payload.iter().map(|p| p.len()).sum());
    let mut sum = codec::Checksum::default();
    sum.update(&w.buf);
    for piece in payload {
        sum.update(piece);
    }
    (w.buf, sum.finish().to_le_bytes())
}

/// A whole cache file in one buffer (for the tests).
#[cfg(test)]
fn envelope(magic: &[u8; 8], entry: &[u8], payload: &[u8]) -> Vec<u8> {
    envelope_of(magic, FORMAT, BUILD, entry, payload)
}

#[cfg(test)]
fn envelope_of(magic: &[u8; 8], format: u32, build: &str, entry: &[u8], payload: &[u8]) -> Vec<u8> {
    let (head, sum) = frame(magic, format, build, entry, &[payload]);
    [head.as_slice(), payload, &sum].concat()
}

/// The entry and payload of a whole, undamaged file of this format and
/// build; [`Bad`] otherwise.
fn read_envelope<'a>(bytes: &'a [u8], magic: &[u8; 8]) -> Result<(&'a [u8], &'a [u8]), Bad> {
    let body_len = bytes.len().checked_sub(8).ok_or(Bad)?;
    let (body, sum) = bytes.split_at(body_len);
    let mut r = Reader::new(body);
    if !body.starts_with(magic) {
        return Err(Bad);
    }
    for _ in 0..8 {
        r.u8()?;
    }
    if r.uint()? != u64::from(FORMAT) || r.str()? != BUILD {
        return Err(Bad);
    }
    if Reader::new(sum).u64_fixed()? != codec::checksum(body) {
        return Err(Bad);
    }
    let entry = r.bytes()?;
    let payload = r.bytes()?;
    if !r.done() {
        return Err(Bad);
    }
    Ok((entry, payload))
}

/// Writes `bytes` to `path` by way of a temporary file in the same folder
/// and a rename: a reader never sees half a file. Folders are made private
/// (0700) and files readable by their owner only (0600): they hold the
/// interviews' text. The temporary file is created anew, never opened
/// through a link someone left at its name.
fn write_atomically(path: &Path, parts: &[&[u8]]) -> std::io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().ok_or(std::io::ErrorKind::InvalidInput)?;
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)?;
    sweep(dir);
    let tmp = dir.join(format!(
        ".{}.{}.{}.{}",
        path.file_name()
            .map_or("entry".into(), |n| n.to_string_lossy()),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        TMP_SUFFIX
    ));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let written = options.open(&tmp).and_then(|f| {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, f);
        for part in parts {
            out.write_all(part)?;
        }
        out.flush()
    });
    if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(())
}

const TMP_SUFFIX: &str = "tmp";

/// Temporary files older than this were left by a process that ended while
/// writing (the reader quit mid-write): removed by the next writer.
const TMP_LEFT_SECS: u64 = 600;

/// Removes what an interrupted writer left in `dir`.
fn sweep(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        let left = name.starts_with('.')
            && name.ends_with(TMP_SUFFIX)
            && e.metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > TMP_LEFT_SECS);
        if left {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Indexes kept: a set of documents opened again finds its index, while a
/// corpus edited over weeks does not leave an index behind for each state.
const INDEXES_KEPT: usize = 8;

/// Search files kept (see [`search_file`]): each holds the text as well as
/// the index, so fewer of them.
const SEARCHES_KEPT: usize = 4;

/// Removes all but the `kept` most recently written files of `dir`.
fn evict_oldest(dir: &Path, kept: usize) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = entries
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "qnav"))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    files.sort_by_key(|f| std::cmp::Reverse(f.0));
    for (_, old) in files.into_iter().skip(kept) {
        let _ = std::fs::remove_file(old);
    }
}

/// One folder's pack, read: each file's entry, by absolute path.
struct Pack {
    bytes: PackBytes,
    entries: std::collections::HashMap<Vec<u8>, PackEntry>,
}

/// Every pack mapped by this process (they stay mapped: documents borrow
/// from them).
static LASTING: std::sync::Mutex<Vec<&'static memmap2::Mmap>> = std::sync::Mutex::new(Vec::new());

/// Gives back the pages of the mapped packs that reading brought into this
/// process — checking a pack reads all of it, and so does checking an
/// index against its documents. They stay in the system's page cache, and
/// a document borrowing from them reads them again when it is shown or
/// searched.
pub fn give_back_read_pages() {
    for map in LASTING.lock().unwrap_or_else(|e| e.into_inner()).iter() {
        // SAFETY: a read-only mapping of a file never written in place
        // (see `PackBytes::of`): pages given back read the same bytes.
        let _ = unsafe { map.unchecked_advise(memmap2::UncheckedAdvice::DontNeed) };
    }
}

/// A pack's bytes: mapped, where documents read from it borrow their
/// paragraphs' text (never copied to the heap: the pages are the page
/// cache's, brought in while read and given back by
/// [`give_back_read_pages`]), or read into memory where it cannot be
/// mapped. Opened, the mapping is its own (`PackBytes<Mmap>`); once the
/// file is known to be a whole pack of this build it is kept for the
/// process's life ([`PackBytes::keep`]).
enum PackBytes<M = &'static memmap2::Mmap> {
    Mapped(M),
    Read(Vec<u8>),
}

impl<M: AsRef<[u8]>> std::ops::Deref for PackBytes<M> {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            PackBytes::Mapped(map) => map.as_ref(),
            PackBytes::Read(bytes) => bytes,
        }
    }
}

impl PackBytes {
    /// A reader of `at`, borrowing text from the mapping when there is one.
    fn reader(&self, at: std::ops::Range<usize>) -> Option<Reader<'_>> {
        match self {
            PackBytes::Mapped(map) => map.get(at).map(Reader::lasting),
            PackBytes::Read(bytes) => bytes.get(at).map(Reader::new),
        }
    }
}

impl PackBytes<memmap2::Mmap> {
    /// The file at `path`, mapped (not yet kept) or else read.
    fn of(path: &Path) -> Option<Self> {
        let file = std::fs::File::open(path).ok()?;
        // SAFETY: the mapping is only read. Packs are never written in
        // place — each is written under a new name and renamed into place
        // (`write_atomically`) — so the bytes mapped do not change under
        // this process; the search files rely on the same (see
        // `Cache::searched`). A pack changed in place by hand (in the
        // private 0700 folder) is outside that: cut, reading a document's
        // text ends the process (SIGBUS); rewritten, the text that was
        // checked as UTF-8 free of control characters is no longer what
        // is read — the documents borrow it for the life of the process.
        match unsafe { memmap2::Mmap::map(&file) } {
            Ok(map) => Some(PackBytes::Mapped(map)),
            Err(_) => std::fs::read(path).ok().map(PackBytes::Read),
        }
    }

    /// Kept: a mapping for the rest of the process (documents will borrow
    /// from it), listed for [`give_back_read_pages`].
    fn keep(self) -> PackBytes {
        match self {
            PackBytes::Mapped(map) => {
                let map: &'static memmap2::Mmap = Box::leak(Box::new(map));
                LASTING.lock().unwrap_or_else(|e| e.into_inner()).push(map);
                PackBytes::Mapped(map)
            }
            PackBytes::Read(bytes) => PackBytes::Read(bytes),
        }
    }
}

/// What a pack says of one file.
#[derive(Clone)]
struct PackEntry {
    stamp: Stamp,
    hash: u64,
    /// When the entry was written (nanoseconds since 1970).
    written: i64,
    /// The encoded document, within the pack's bytes.
    at: std::ops::Range<usize>,
}

impl PackEntry {
    /// Whether a change in the same clock tick as the entry's writing could
    /// hide behind its stamp (see [`RACY_NANOS`]). Told by the change time,
    /// which the kernel sets (a modification time can be set to the future
    /// and would keep the entry racy for ever).
    fn racy(&self) -> bool {
        self.written.saturating_sub(self.stamp.changed) < RACY_NANOS
    }
}

fn put_entry_head(w: &mut Writer, path: &[u8], stamp: Stamp, hash: u64, written: i64) {
    w.bytes(path);
    w.uint(stamp.size);
    w.u64_fixed(stamp.modified as u64);
    w.u64_fixed(stamp.changed as u64);
    w.uint(stamp.device);
    w.uint(stamp.inode);
    w.u64_fixed(hash);
    w.u64_fixed(written as u64);
}

impl Pack {
    /// The pack of `folder`, if there is a whole one of this build.
    fn read(path: &Path, folder: &Path) -> Option<Pack> {
        let bytes = PackBytes::of(path)?;
        let (entry, payload) = read_envelope(&bytes, PACK_MAGIC).ok()?;
        // (A foreign, stale or damaged pack is unmapped on the way out.)
        if entry != path_bytes(folder) {
            return None;
        }
        let mut r = Reader::new(payload);
        let n = r.count(40).ok()?;
        let mut entries = std::collections::HashMap::with_capacity(n);
        for _ in 0..n {
            let path = r.bytes().ok()?.to_vec();
            let stamp = Stamp {
                size: r.uint().ok()?,
                modified: r.u64_fixed().ok()? as i64,
                changed: r.u64_fixed().ok()? as i64,
                device: r.uint().ok()?,
                inode: r.uint().ok()?,
            };
            let (hash, written) = (r.u64_fixed().ok()?, r.u64_fixed().ok()? as i64);
            let doc = r.bytes().ok()?;
            let start = doc.as_ptr() as usize - bytes.as_ptr() as usize;
            entries.insert(
                path,
                PackEntry {
                    stamp,
                    hash,
                    written,
                    at: start..start + doc.len(),
                },
            );
        }
        r.done().then(|| Pack {
            bytes: bytes.keep(),
            entries,
        })
    }
}

/// A document parsed anew, encoded for its folder's pack.
struct Fresh {
    path: Vec<u8>,
    stamp: Stamp,
    hash: u64,
    doc: Vec<u8>,
}

/// Each folder's pack, read once, on first use.
type Packs = std::collections::HashMap<PathBuf, std::sync::Arc<OnceLock<Option<Pack>>>>;

/// Documents looked up and kept while one corpus loads (on all cores):
/// each folder's pack is read once, on first use; the documents parsed
/// anew are kept until [`Session::finish`].
pub struct Session<'c> {
    cache: &'c Cache,
    /// Documents taken from the cache so far.
    hits: std::sync::atomic::AtomicUsize,
    packs: std::sync::Mutex<Packs>,
    /// Per folder, the entries to write.
    fresh: std::sync::Mutex<std::collections::HashMap<PathBuf, Vec<Fresh>>>,
}

impl Session<'_> {
    fn pack(&self, folder: &Path) -> std::sync::Arc<OnceLock<Option<Pack>>> {
        let slot = {
            let mut packs = self.packs.lock().unwrap_or_else(|e| e.into_inner());
            packs.entry(folder.to_path_buf()).or_default().clone()
        };
        // Read outside the map's lock: other folders' lookups go on.
        slot.get_or_init(|| Pack::read(&self.cache.pack_file(folder), folder));
        slot
    }

    /// The document parsed from `file` before, if its folder's pack holds
    /// it for the file as it is now; shown as `shown`. Trusted by its stamp
    /// when nothing about the file moved and the entry is not racy; else
    /// the file is read and its content hash compared.
    pub fn document(&self, file: &Path, shown: &str) -> Option<Document> {
        let abs = std::path::absolute(file).ok()?;
        let folder = abs.parent()?;
        // Taken before anything is read: a change after it shows next time.
        let now = stamp_of(&abs)?;
        let slot = self.pack(folder);
        let pack = slot.get()?.as_ref()?;
        let entry = pack.entries.get(&path_bytes(&abs))?;
        if entry.stamp.size != now.size {
            return None;
        }
        let trusted = entry.stamp == now && !entry.racy();
        if !trusted {
            let bytes = crate::load::read_file(&abs).ok()?;
            if crate::model::content_hash(&bytes) != entry.hash {
                return None;
            }
        }
        let mut r = pack.bytes.reader(entry.at.clone())?;
        let mut doc = codec::get_document(&mut r).ok()?;
        if !r.done() || doc.content_hash != entry.hash || doc.bytes as u64 != now.size {
            return None;
        }
        doc.path = crate::text::printable(shown).into_owned();
        doc.file = Some(file.to_path_buf());
        if !trusted {
            // Written again with the stamp it has now (and, later than
            // the file's clock tick, no longer racy).
            self.keep(file, &doc, now);
        }
        self.hits.fetch_add(1, Ordering::Relaxed);
        Some(doc)
    }

    /// How many documents came from the cache.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::Relaxed)
    }

    /// Keeps `doc`, parsed from `file` when its stamp was `before` (taken
    /// before reading it): kept only if the file is still as it was, so a
    /// change made while it was parsed is never recorded as parsed.
    pub fn keep(&self, file: &Path, doc: &Document, before: Stamp) {
        let Ok(abs) = std::path::absolute(file) else {
            return;
        };
        let Some(folder) = abs.parent() else {
            return;
        };
        if stamp_of(&abs) != Some(before) || before.size != doc.bytes as u64 {
            return;
        }
        let mut w = Writer::default();
        codec::put_document(&mut w, doc);
        let mut fresh = self.fresh.lock().unwrap_or_else(|e| e.into_inner());
        fresh.entry(folder.to_path_buf()).or_default().push(Fresh {
            path: path_bytes(&abs),
            stamp: before,
            hash: doc.content_hash,
            doc: w.buf,
        });
    }

    /// The session if it has anything to write, its packs' bytes let go
    /// either way when it has not (nothing needs them any more).
    pub fn pending(self) -> Option<Self> {
        let fresh = self.fresh.lock().unwrap_or_else(|e| e.into_inner());
        let any = !fresh.is_empty();
        drop(fresh);
        any.then_some(self)
    }

    /// Writes the pack of every folder where a document was parsed anew:
    /// the new entries, and the old ones of files that are still there.
    /// Quietly does nothing where the cache cannot be written.
    pub fn finish(self) {
        let fresh = self.fresh.into_inner().unwrap_or_else(|e| e.into_inner());
        let packs = self.packs.into_inner().unwrap_or_else(|e| e.into_inner());
        let written = nanos(std::time::SystemTime::now());
        for (folder, new) in fresh {
            let old = packs
                .get(&folder)
                .and_then(|slot| slot.get())
                .and_then(Option::as_ref);
            let renewed: std::collections::HashSet<&[u8]> =
                new.iter().map(|f| f.path.as_slice()).collect();
            let kept: Vec<(&Vec<u8>, &PackEntry)> = old
                .map(|pack| {
                    pack.entries
                        .iter()
                        .filter(|(path, _)| !renewed.contains(path.as_slice()))
                        .filter(|(path, _)| path_of(path).is_file())
                        .collect()
                })
                .unwrap_or_default();
            // Each entry's head (with its document's length), then the
            // document as encoded or as the old pack holds it: written
            // from where they are, not copied together first.
            let mut heads: Vec<Vec<u8>> = Vec::with_capacity(1 + new.len() + kept.len());
            let mut count = Writer::default();
            count.usize(new.len() + kept.len());
            heads.push(count.buf);
            let mut docs: Vec<&[u8]> = Vec::with_capacity(new.len() + kept.len());
            for f in &new {
                let mut w = Writer::default();
                put_entry_head(&mut w, &f.path, f.stamp, f.hash, written);
                w.usize(f.doc.len());
                heads.push(w.buf);
                docs.push(&f.doc);
            }
            if let Some(pack) = old {
                for (path, e) in kept {
                    let mut w = Writer::default();
                    put_entry_head(&mut w, path, e.stamp, e.hash, e.written);
                    w.usize(e.at.len());
                    heads.push(w.buf);
                    docs.push(&pack.bytes[e.at.clone()]);
                }
            }
            let mut payload: Vec<&[u8]> = vec![&heads[0]];
            for (head, doc) in heads[1..].iter().zip(&docs) {
                payload.push(head);
                payload.push(doc);
            }
            let folder_key = path_bytes(&folder);
            let (head, sum) = frame(PACK_MAGIC, FORMAT, BUILD, &folder_key, &payload);
            let mut parts: Vec<&[u8]> = Vec::with_capacity(payload.len() + 2);
            parts.push(&head);
            parts.extend(payload);
            parts.push(&sum);
            let _ = write_atomically(&self.cache.pack_file(&folder), &parts);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file of another format or another build of qnav is not read, even
    /// whole and with a right checksum.
    #[test]
    fn files_of_another_format_or_build_are_not_read() {
        let ours = envelope(INDEX_MAGIC, b"key", b"payload");
        assert_eq!(
            read_envelope(&ours, INDEX_MAGIC),
            Ok((&b"key"[..], &b"payload"[..]))
        );
        let other_build = envelope_of(INDEX_MAGIC, FORMAT, "0123456789abcdef", b"key", b"payload");
        assert_eq!(read_envelope(&other_build, INDEX_MAGIC), Err(Bad));
        let other_format = envelope_of(INDEX_MAGIC, FORMAT + 1, BUILD, b"key", b"payload");
        assert_eq!(read_envelope(&other_format, INDEX_MAGIC), Err(Bad));
        assert_eq!(read_envelope(&ours, PACK_MAGIC), Err(Bad));
        // One byte changed anywhere: the checksum says so.
        for at in 0..ours.len() {
            let mut damaged = ours.clone();
            damaged[at] ^= 0x20;
            assert_eq!(read_envelope(&damaged, INDEX_MAGIC), Err(Bad), "byte {at}");
        }
        for cut in 0..ours.len() {
            assert_eq!(read_envelope(&ours[..cut], INDEX_MAGIC), Err(Bad));
        }
    }
}
