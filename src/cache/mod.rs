//! The persistent cache: parsed documents and the search index kept in
//! `$XDG_CACHE_HOME/qnav` (else `~/.cache/qnav`), so a folder opened again
//! is neither parsed nor indexed again.
//!
//! - `documents/`: one pack per folder of source files, named by a hash of
//!   the folder's absolute path, holding for each file its size,
//!   modification time and content hash beside the parsed document. An
//!   entry is used when size and time agree; when only the time moved, the
//!   file is read and its hash compared (a `touch` costs a read, not a
//!   parse). A changed or new file is parsed again — that file only — and
//!   the folder's pack written anew with it; a deleted file's entry goes.
//!   (One file per folder, not one per document: creating a file costs a
//!   tenth of a millisecond on common disks, which a thousand transcripts
//!   would pay on every first opening.)
//! - `indexes/`: one file per set of documents (their paths, sizes and
//!   content hashes, in order), holding the index built over them.
//!
//! Every file starts with a magic word, the format's version and the build
//! of qnav that wrote it (a hash of its source: another build's parser may
//! read the same text otherwise), and ends with a checksum. A file that is
//! foreign, stale, cut short or damaged is ignored and written anew — never
//! trusted, never a panic (see [`codec`]). Files are written to a temporary
//! name and renamed into place, so a reader sees a whole file or none, and
//! two processes writing at once leave one whole file. The folder may be
//! deleted at any time; a cache that cannot be written (read-only, full)
//! only means parsing again. Terminal-free: no ratatui, no crossterm.

pub mod codec;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::UNIX_EPOCH;

use codec::{Bad, Reader, Writer};

use crate::model::Document;
use crate::search::Index;

/// Bumped whenever the layout of a cache file changes.
pub const FORMAT: u32 = 1;

/// The build of qnav (a hash of its sources, see `build.rs`).
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

/// [`index_of`], leaving the writing to the caller: what to keep, when the
/// cache did not hold the index as wanted (the reader answers first and
/// writes after).
pub fn index_to_keep(docs: &[Document], excerpts: bool) -> (Index, Option<Pending>) {
    let cache = current();
    let cached = cache.and_then(|c| c.index(docs));
    let fresh = cached.is_none();
    let mut index = cached.unwrap_or_else(|| Index::build(docs));
    let mut changed = fresh;
    if excerpts && !index.looked_for_excerpts() && !docs.is_empty() {
        index.note_containment(docs);
        changed = true;
    }
    let keep = cache
        .filter(|_| changed)
        .map(|c| c.index_to_write(docs, &index));
    (index, keep)
}

/// A cache file encoded and not yet written.
pub struct Pending {
    path: PathBuf,
    bytes: Vec<u8>,
}

impl Pending {
    /// Writes it; quietly nothing when the cache cannot be written.
    pub fn write(self) {
        let _ = write_atomically(&self.path, &self.bytes);
    }
}

/// `$XDG_CACHE_HOME/qnav`, else `~/.cache/qnav`.
pub fn default_dir() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute());
    xdg.or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
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

/// A file's size and modification time (nanoseconds since 1970).
fn size_and_time(file: &Path) -> Option<(u64, u64)> {
    let meta = std::fs::metadata(file).ok()?;
    let time = meta
        .modified()
        .ok()?
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    Some((meta.len(), time))
}

fn path_bytes(p: &Path) -> Vec<u8> {
    p.to_string_lossy().into_owned().into_bytes()
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
        let index = codec::get_index(&mut r, docs).ok()?;
        r.done().then_some(index)
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
        Pending {
            path: self.index_file(&key),
            bytes: envelope(INDEX_MAGIC, &key, &payload.buf),
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
        Stats {
            documents,
            document_bytes,
            indexes,
            index_bytes,
        }
    }

    /// Deletes what the cache holds (its two folders and nothing else).
    pub fn clear(&self) -> std::io::Result<Stats> {
        let before = self.stats();
        for sub in ["documents", "indexes"] {
            match std::fs::remove_dir_all(self.dir.join(sub)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        Ok(before)
    }
}

/// magic · format · build · entry · payload · checksum of all before it.
fn envelope(magic: &[u8; 8], entry: &[u8], payload: &[u8]) -> Vec<u8> {
    envelope_of(magic, FORMAT, BUILD, entry, payload)
}

fn envelope_of(magic: &[u8; 8], format: u32, build: &str, entry: &[u8], payload: &[u8]) -> Vec<u8> {
    let mut w = Writer::default();
    w.buf.reserve(payload.len() + entry.len() + 64);
    w.buf.extend_from_slice(magic);
    w.uint(u64::from(format));
    w.str(build);
    w.bytes(entry);
    w.bytes(payload);
    let sum = codec::checksum(&w.buf);
    w.u64_fixed(sum);
    w.buf
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
/// and a rename: a reader never sees half a file.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().ok_or(std::io::ErrorKind::InvalidInput)?;
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(
        ".{}.{}.{}.tmp",
        path.file_name()
            .map_or("entry".into(), |n| n.to_string_lossy()),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let written = std::fs::File::create(&tmp).and_then(|mut f| f.write_all(bytes));
    if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(())
}

/// One folder's pack, read: each file's entry, by absolute path.
struct Pack {
    bytes: Vec<u8>,
    entries: std::collections::HashMap<Vec<u8>, PackEntry>,
}

#[derive(Clone)]
struct PackEntry {
    size: u64,
    time: u64,
    hash: u64,
    /// The encoded document, within the pack's bytes.
    at: std::ops::Range<usize>,
}

impl Pack {
    /// The pack of `folder`, if there is a whole one of this build.
    fn read(path: &Path, folder: &Path) -> Option<Pack> {
        let bytes = std::fs::read(path).ok()?;
        let (entry, payload) = read_envelope(&bytes, PACK_MAGIC).ok()?;
        if entry != path_bytes(folder) {
            return None;
        }
        let mut r = Reader::new(payload);
        let n = r.count(12).ok()?;
        let mut entries = std::collections::HashMap::with_capacity(n);
        for _ in 0..n {
            let path = r.bytes().ok()?.to_vec();
            let (size, time, hash) = (r.uint().ok()?, r.uint().ok()?, r.u64_fixed().ok()?);
            let doc = r.bytes().ok()?;
            let start = doc.as_ptr() as usize - bytes.as_ptr() as usize;
            entries.insert(
                path,
                PackEntry {
                    size,
                    time,
                    hash,
                    at: start..start + doc.len(),
                },
            );
        }
        r.done().then_some(Pack { bytes, entries })
    }
}

/// Documents looked up and kept while one corpus loads (on all cores):
/// each folder's pack is read once, on first use; the documents parsed
/// anew are kept until [`Session::finish`].
pub struct Session<'c> {
    cache: &'c Cache,
    /// Documents taken from the cache so far.
    hits: std::sync::atomic::AtomicUsize,
    packs: std::sync::Mutex<
        std::collections::HashMap<PathBuf, std::sync::Arc<OnceLock<Option<Pack>>>>,
    >,
    /// Per folder, the entries to write: (absolute path, size, time,
    /// hash, encoded document).
    #[allow(clippy::type_complexity)]
    fresh: std::sync::Mutex<
        std::collections::HashMap<PathBuf, Vec<(Vec<u8>, u64, u64, u64, Vec<u8>)>>,
    >,
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
    /// it for the file as it is now; shown as `shown`.
    pub fn document(&self, file: &Path, shown: &str) -> Option<Document> {
        let file = std::path::absolute(file).ok()?;
        let folder = file.parent()?;
        let (size, time) = size_and_time(&file)?;
        let slot = self.pack(folder);
        let pack = slot.get()?.as_ref()?;
        let entry = pack.entries.get(&path_bytes(&file))?;
        if entry.size != size {
            return None;
        }
        // Only the time moved: the same bytes? (Read again to tell.)
        let touched = entry.time != time;
        if touched {
            let now = crate::load::read_file(&file).ok()?;
            if crate::model::content_hash(&now) != entry.hash {
                return None;
            }
        }
        let mut r = Reader::new(pack.bytes.get(entry.at.clone())?);
        let mut doc = codec::get_document(&mut r).ok()?;
        if !r.done() || doc.content_hash != entry.hash {
            return None;
        }
        doc.path = crate::text::printable(shown).into_owned();
        doc.file = Some(file.clone());
        if touched {
            self.keep(&file, &doc);
        }
        self.hits.fetch_add(1, Ordering::Relaxed);
        Some(doc)
    }

    /// How many documents came from the cache.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::Relaxed)
    }

    /// Keeps `doc`, parsed from `file` as it is now, for its folder's pack.
    pub fn keep(&self, file: &Path, doc: &Document) {
        let Ok(file) = std::path::absolute(file) else {
            return;
        };
        let (Some(folder), Some((size, time))) = (file.parent(), size_and_time(&file)) else {
            return;
        };
        // The file changed while it was parsed: nothing to keep.
        if size != doc.bytes as u64 {
            return;
        }
        let mut w = Writer::default();
        codec::put_document(&mut w, doc);
        let mut fresh = self.fresh.lock().unwrap_or_else(|e| e.into_inner());
        fresh.entry(folder.to_path_buf()).or_default().push((
            path_bytes(&file),
            size,
            time,
            doc.content_hash,
            w.buf,
        ));
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
        for (folder, new) in fresh {
            let old = packs
                .get(&folder)
                .and_then(|slot| slot.get())
                .and_then(Option::as_ref);
            let mut w = Writer::default();
            let renewed: std::collections::HashSet<&[u8]> =
                new.iter().map(|(p, ..)| p.as_slice()).collect();
            let kept: Vec<(&Vec<u8>, &PackEntry)> = old
                .map(|pack| {
                    pack.entries
                        .iter()
                        .filter(|(path, _)| !renewed.contains(path.as_slice()))
                        .filter(|(path, _)| Path::new(&*String::from_utf8_lossy(path)).is_file())
                        .collect()
                })
                .unwrap_or_default();
            w.usize(new.len() + kept.len());
            for (path, size, time, hash, doc) in &new {
                w.bytes(path);
                w.uint(*size);
                w.uint(*time);
                w.u64_fixed(*hash);
                w.bytes(doc);
            }
            if let Some(pack) = old {
                for (path, e) in kept {
                    w.bytes(path);
                    w.uint(e.size);
                    w.uint(e.time);
                    w.u64_fixed(e.hash);
                    w.bytes(&pack.bytes[e.at.clone()]);
                }
            }
            let _ = write_atomically(
                &self.cache.pack_file(&folder),
                &envelope(PACK_MAGIC, &path_bytes(&folder), &w.buf),
            );
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
