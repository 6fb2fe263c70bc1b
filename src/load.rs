//! Loading: files, folders and stdin into parsed [`Document`]s.
//!
//! Owns walking folders (recursive, sorted, hidden entries skipped, symlink
//! loops detected), choosing which files are text (`.txt`, `.md`, no
//! extension), reading them, and parsing them on all cores. Problems never stop
//! a load: each becomes a message naming the file and the rest loads.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::decode::{decode, decode_owned};
use crate::model::{Corpus, Document};
use crate::parse::parse;

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
    /// The files found, stamped before any was read (sent before the
    /// first document, when the cache is in use and every source is a
    /// regular file): what a search file for them is written against.
    Stamped(std::sync::Arc<[crate::cache::search_file::Searched]>),
    /// The cache's search file for the files as stamped: searching can
    /// start from it while the documents load.
    Searchable(Box<crate::cache::search_file::Found>),
    /// Document `n` (counted as sent) as the cache now holds it, sent after
    /// `Done` for each document parsed from a file the cache now holds as
    /// it is (with the cache in use): the same document, its
    /// text borrowed from the pack written after loading instead of owned
    /// (the reader swaps it in, and the parsed copy of the text goes).
    Settled(usize, Box<Document>),
}

/// The five interviews the project ships, compiled in so an installed `qnav`
/// opens them anywhere.
pub const BUNDLED: &[(&str, &[u8])] = &[
    (
        "docs-data/csto-allies-masadykov-interview.txt",
        include_bytes!("../docs-data/csto-allies-masadykov-interview.txt"),
    ),
    (
        "docs-data/csto-news-tass-tasmagambetov-interview.txt",
        include_bytes!("../docs-data/csto-news-tass-tasmagambetov-interview.txt"),
    ),
    (
        "docs-data/masadykov-statements-article.txt",
        include_bytes!("../docs-data/masadykov-statements-article.txt"),
    ),
    (
        "docs-data/rt-csto-charter-anniversary.txt",
        include_bytes!("../docs-data/rt-csto-charter-anniversary.txt"),
    ),
    (
        "docs-data/tass-tasmagambetov-excerpt.txt",
        include_bytes!("../docs-data/tass-tasmagambetov-excerpt.txt"),
    ),
];

/// One input to load: a file on disk, stdin, or bundled bytes.
#[derive(Debug, Clone)]
pub enum Source {
    File {
        path: PathBuf,
        shown: String,
    },
    Stdin,
    Bundled {
        name: &'static str,
        bytes: &'static [u8],
    },
}

impl Source {
    pub fn shown(&self) -> &str {
        match self {
            Source::File { shown, .. } => shown,
            Source::Stdin => "-",
            Source::Bundled { name, .. } => name,
        }
    }
}

/// The default inputs: `./docs-data` if it exists, else the bundled documents.
pub fn default_inputs() -> Vec<PathBuf> {
    if Path::new("docs-data").is_dir() {
        vec![PathBuf::from("docs-data")]
    } else {
        Vec::new()
    }
}

/// The extensions qnav reads from a folder (and a file with none).
pub const EXTENSIONS: &[&str] = &[
    "txt", "md", "markdown", "text", "html", "htm", "xhtml", "docx", "pdf", "srt", "vtt",
];

/// Files qnav reads from a folder: one of [`EXTENSIONS`] or no extension.
fn is_text_name(path: &Path) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        None => true,
        Some(e) => EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()),
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

/// Expands paths into sources. Folders are walked recursively in sorted order;
/// problems are returned as messages. With no paths, the bundled documents.
pub fn collect_sources(paths: &[PathBuf]) -> (Vec<Source>, Vec<String>) {
    let mut sources = Vec::new();
    let mut messages = Vec::new();
    if paths.is_empty() {
        for (name, bytes) in BUNDLED {
            sources.push(Source::Bundled { name, bytes });
        }
        return (sources, messages);
    }
    for p in paths {
        if p.as_os_str() == "-" {
            sources.push(Source::Stdin);
            continue;
        }
        let shown = p.to_string_lossy().trim_end_matches('/').to_string();
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                let mut visited = HashSet::new();
                walk(p, &shown, 0, &mut visited, &mut sources, &mut messages);
            }
            // A file named explicitly is read whatever its extension.
            Ok(_) => sources.push(Source::File {
                path: p.clone(),
                shown,
            }),
            Err(e) => messages.push(format!("{}: {}", crate::text::printable(&shown), e)),
        }
    }
    (sources, messages)
}

/// Folders deeper than this below a path given are not walked (said once
/// per folder cut): no collection of interviews nests so deep, a runaway
/// tree does.
pub const MAX_DEPTH: usize = 32;

/// Where a linked folder must never lead: the whole file system, or the
/// kernel's endless pseudo-files.
fn is_system_root(real: &Path) -> bool {
    real == Path::new("/")
        || ["/proc", "/sys", "/dev"]
            .iter()
            .any(|r| real.starts_with(r))
}

fn walk(
    dir: &Path,
    shown: &str,
    depth: usize,
    visited: &mut HashSet<(u64, u64)>,
    sources: &mut Vec<Source>,
    messages: &mut Vec<String>,
) {
    use std::os::unix::fs::MetadataExt;
    // Loops: a folder (device and inode) already walked is skipped — one
    // `stat` a folder, where resolving its real path took one per component.
    match std::fs::metadata(dir) {
        Ok(m) => {
            if !visited.insert((m.dev(), m.ino())) {
                messages.push(format!(
                    "{}: folder already visited (symlink loop?), skipped",
                    crate::text::printable(shown)
                ));
                return;
            }
        }
        Err(e) => {
            messages.push(format!("{}: {}", crate::text::printable(shown), e));
            return;
        }
    }
    if depth > MAX_DEPTH {
        messages.push(format!(
            "{}: more than {MAX_DEPTH} folders deep, not walked",
            crate::text::printable(shown)
        ));
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            messages.push(format!("{}: {}", crate::text::printable(shown), e));
            return;
        }
    };
    // Each entry's type as the folder gives it (no `stat` for a plain file
    // or folder: a folder of ten thousand transcripts is listed in a few
    // milliseconds); `None` for a link, which is followed below.
    let mut names: Vec<(std::ffi::OsString, PathBuf, Option<std::fs::FileType>)> = entries
        .filter_map(|e| e.ok())
        .filter(|e| !is_hidden(&e.file_name()))
        .map(|e| {
            let kind = e.file_type().ok().filter(|t| !t.is_symlink());
            (e.file_name(), e.path(), kind)
        })
        .collect();
    names.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    for (name, path, kind) in names {
        let child_shown = format!("{}/{}", shown, name.to_string_lossy());
        match kind {
            Some(t) if t.is_dir() => {
                walk(&path, &child_shown, depth + 1, visited, sources, messages);
                continue;
            }
            Some(t) if t.is_file() => {
                if is_text_name(&path) {
                    sources.push(Source::File {
                        path,
                        shown: child_shown,
                    });
                }
                continue;
            }
            _ => {}
        }
        // A link to a folder is followed, unless it leads out to `/` or the
        // kernel's pseudo-files (a link to `/proc/self` walks for ever).
        let linked = kind.is_none();
        match std::fs::metadata(&path) {
            Ok(m)
                if m.is_dir()
                    && linked
                    && std::fs::canonicalize(&path).is_ok_and(|r| is_system_root(&r)) =>
            {
                messages.push(format!(
                    "{}: links to a system folder, not followed",
                    crate::text::printable(&child_shown)
                ));
            }
            Ok(m) if m.is_dir() => walk(&path, &child_shown, depth + 1, visited, sources, messages),
            Ok(m) if m.is_file() && is_text_name(&path) => sources.push(Source::File {
                path,
                shown: child_shown,
            }),
            Ok(_) => {}
            Err(e) => messages.push(format!("{}: {}", crate::text::printable(&child_shown), e)),
        }
    }
}

/// The largest file read: far beyond any transcript (the shared corpus's
/// largest is 1.6 MB), small enough that a mistaken path to a disk image
/// cannot take the machine's memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// How much of a file tells whether it is binary.
const HEAD_BYTES: usize = 8192;

/// Reads a file: refused above [`MAX_FILE_BYTES`], and skipped as binary
/// from its first kilobytes before the rest is read.
pub(crate) fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    let mut file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let len = file.metadata().map_err(|e| e.to_string())?.len();
    if len > MAX_FILE_BYTES {
        return Err(format!(
            "{len} bytes, more than the {} MiB qnav reads; skipped",
            MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    (&mut file)
        .take(HEAD_BYTES as u64)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    // (A Word document or a PDF is binary and read whole, to be converted.)
    if crate::convert::sniff(&bytes).is_none() && crate::decode::looks_binary(&bytes) {
        return Err(crate::decode::DecodeError::Binary.to_string());
    }
    // (Bounded again: the file may grow while it is read.)
    file.take(MAX_FILE_BYTES - bytes.len() as u64)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    Ok(bytes)
}

/// Reads one source's bytes. An error names the source.
pub fn read_source(src: &Source) -> Result<Vec<u8>, String> {
    match src {
        Source::File { path, .. } => read_file(path),
        // Bounded as a file is: `yes | qnav` must not take the memory.
        Source::Stdin => {
            let mut buf = Vec::new();
            match std::io::stdin()
                .take(MAX_FILE_BYTES + 1)
                .read_to_end(&mut buf)
            {
                Ok(_) if buf.len() as u64 > MAX_FILE_BYTES => Err(format!(
                    "more than the {} MiB qnav reads; skipped",
                    MAX_FILE_BYTES / (1024 * 1024)
                )),
                Ok(_) => Ok(buf),
                Err(e) => Err(e.to_string()),
            }
        }
        Source::Bundled { bytes, .. } => Ok(bytes.to_vec()),
    }
    .map_err(|e| format!("{}: {}", crate::text::printable(src.shown()), e))
}

/// Reads, decodes and parses one source. An error names the source.
pub fn load_source(src: &Source) -> Result<Document, String> {
    load_cached(src, None)
}

/// [`load_source`], taking the document from the cache `session` when it
/// holds it and keeping it there when not.
fn load_cached(
    src: &Source,
    session: Option<&crate::cache::Session<'_>>,
) -> Result<Document, String> {
    if let Source::Bundled { name, bytes } = src {
        return load_bytes(name, bytes);
    }
    if let (Source::File { path, shown }, Some(session)) = (src, session)
        && let Some(doc) = session.document(path, shown)
    {
        return Ok(doc);
    }
    // What the file is before it is read: kept with the document only if
    // it is still so after parsing.
    let before = match (src, session) {
        (Source::File { path, .. }, Some(_)) => crate::cache::stamp_of(path),
        _ => None,
    };
    let mut doc = load_owned(src.shown(), read_source(src)?)?;
    if let Source::File { path, .. } = src {
        doc.file = Some(path.clone());
        if let (Some(session), Some(before)) = (session, before) {
            session.keep(path, &doc, before);
        }
    }
    Ok(doc)
}

/// [`load_bytes`] taking the bytes: they become the text when they are
/// clean UTF-8, and are gone before parsing starts otherwise — a large file
/// is not held three times over.
pub fn load_owned(path: &str, bytes: Vec<u8>) -> Result<Document, String> {
    let (len, hash) = (bytes.len(), crate::model::content_hash(&bytes));
    let named = |e: String| format!("{}: {}", crate::text::printable(path), e);
    let (bytes, mut warnings) = crate::convert::text_bytes(bytes).map_err(named)?;
    let decoded = decode_owned(bytes).map_err(|e| named(e.to_string()))?;
    let mut doc = parse(&crate::text::printable(path), &decoded.text);
    doc.bytes = len;
    doc.content_hash = hash;
    warnings.extend(decoded.warnings);
    warnings.append(&mut doc.warnings);
    doc.warnings = warnings;
    Ok(doc)
}

/// Decodes and parses `bytes` as the document at `path`.
pub fn load_bytes(path: &str, bytes: &[u8]) -> Result<Document, String> {
    if crate::convert::sniff(bytes).is_some() {
        return load_owned(path, bytes.to_vec());
    }
    let decoded = decode(bytes).map_err(|e| format!("{}: {}", crate::text::printable(path), e))?;
    let mut doc = parse(&crate::text::printable(path), &decoded.text);
    doc.bytes = bytes.len();
    doc.content_hash = crate::model::content_hash(bytes);
    let mut warnings = decoded.warnings;
    warnings.append(&mut doc.warnings);
    doc.warnings = warnings;
    Ok(doc)
}

/// Reads the document from `file` again (the reader's `r`), decoded and
/// parsed as on the first load, shown as `shown`. An error names the file.
pub fn reload(file: &Path, shown: &str) -> Result<Document, String> {
    let bytes = read_file(file).map_err(|e| format!("{}: {e}", crate::text::printable(shown)))?;
    let mut doc = load_owned(shown, bytes)?;
    doc.file = Some(file.to_path_buf());
    Ok(doc)
}

/// Loads all `sources` on all cores, calling `each` in source order as soon as
/// every earlier document is done (so output order never depends on timing).
///
/// With this process's cache (see [`crate::cache::current`]), documents
/// parsed before come from it, and those parsed now are kept in it once all
/// are done.
pub fn load_ordered(sources: &[Source], each: impl FnMut(Result<Document, String>)) {
    let session = crate::cache::current().map(|c| c.session());
    load_ordered_with(sources, session.as_ref(), each);
    if let Some(session) = session {
        session.finish();
    }
}

/// [`load_ordered`] with a cache session the caller finishes (or none).
pub fn load_ordered_with(
    sources: &[Source],
    session: Option<&crate::cache::Session<'_>>,
    mut each: impl FnMut(Result<Document, String>),
) {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(sources.len().max(1));
    if threads <= 1 {
        for s in sources {
            each(load_cached(s, session));
        }
        return;
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (tx, rx) = channel::<(usize, Result<Document, String>)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let tx = tx.clone();
            let next = &next;
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(s) = sources.get(i) else { break };
                    if tx.send((i, load_cached(s, session))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut pending: std::collections::BTreeMap<usize, Result<Document, String>> =
            Default::default();
        let mut want = 0;
        for (i, r) in rx {
            pending.insert(i, r);
            while let Some(r) = pending.remove(&want) {
                each(r);
                want += 1;
            }
        }
    });
}

/// Loads everything at once (the CLI's way). Messages for skipped files are returned.
pub fn load_corpus(paths: &[PathBuf]) -> (Corpus, Vec<String>) {
    let (sources, mut messages) = collect_sources(paths);
    let mut corpus = Corpus::default();
    load_ordered(&sources, |r| match r {
        Ok(d) => corpus.documents.push(d),
        Err(m) => messages.push(m),
    });
    (corpus, messages)
}

/// Starts loading in the background (the reader's way): documents arrive on
/// the returned channel as they are parsed, so the first frame never waits.
pub fn spawn_loader(paths: Vec<PathBuf>) -> Receiver<LoadEvent> {
    let (tx, rx) = channel();
    std::thread::spawn(move || background(paths, crate::cache::current(), tx));
    rx
}

/// The loader's work, with `cache` (this process's, for the reader).
fn background(paths: Vec<PathBuf>, cache: Option<&crate::cache::Cache>, tx: Sender<LoadEvent>) {
    let (sources, messages) = collect_sources(&paths);
    let _ = tx.send(LoadEvent::Found(sources.len()));
    let whole = messages.is_empty();
    for m in messages {
        let _ = tx.send(LoadEvent::Message(m));
    }
    // Stamped before anything reads them (what a search file is written
    // against); then their search file, if the cache has one, opened
    // before the loading starts: both cores check it, and searching can
    // begin long before every document is here (at ten thousand files, a
    // quarter of a second against two).
    // (Not when a file or folder could not be read: the list of files is
    // not the whole of what was asked for, as with `qnav search`.)
    if let Some(cache) = cache.filter(|_| whole)
        && let Some(files) = crate::cache::search_file::stamps(&sources)
    {
        let files: std::sync::Arc<[_]> = files.into();
        let _ = tx.send(LoadEvent::Stamped(std::sync::Arc::clone(&files)));
        if let Some(found) = cache.searched(&files) {
            let _ = tx.send(LoadEvent::Searchable(Box::new(found)));
        }
    }
    let session = cache.map(|c| c.session());
    // The documents parsed (not taken from the cache): which one as sent,
    // and the file it came from.
    let mut parsed: Vec<(usize, PathBuf, String)> = Vec::new();
    let (mut sent, mut next_source) = (0, sources.iter());
    load_ordered_with(&sources, session.as_ref(), |r| {
        let source = next_source.next();
        let _ = tx.send(match r {
            Ok(d) => {
                if let Some(Source::File { path, shown }) = source
                    && d.owns_text()
                {
                    parsed.push((sent, path.clone(), shown.clone()));
                }
                sent += 1;
                LoadEvent::Document(Box::new(d))
            }
            Err(m) => LoadEvent::Message(m),
        });
    });
    let _ = tx.send(LoadEvent::Done);
    // What is new to the cache is written once the reader has everything.
    if let Some(session) = session.and_then(|s| s.pending()) {
        session.finish();
        // Then read back from it: the parsed documents' text, held once
        // more in the heap, is swapped for the pack's, which is mapped.
        if let Some(cache) = cache {
            settle(cache, parsed, &tx);
        }
    }
}

/// Sends each parsed document as the cache now holds it (nothing for one
/// it does not hold as the file is now: changed since, or not written).
/// The session is not finished: what it read is not new.
fn settle(
    cache: &crate::cache::Cache,
    parsed: Vec<(usize, PathBuf, String)>,
    tx: &Sender<LoadEvent>,
) {
    let session = cache.session();
    for (n, path, shown) in parsed {
        if let Some(doc) = session.document(&path, &shown)
            && tx.send(LoadEvent::Settled(n, Box::new(doc))).is_err()
        {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_documents_load() {
        let (corpus, messages) = load_corpus(&[]);
        assert!(messages.is_empty());
        assert_eq!(corpus.documents.len(), 5);
        assert!(
            corpus
                .documents
                .iter()
                .all(|d| d.path.starts_with("docs-data/"))
        );
    }

    #[test]
    fn folders_walk_sorted_skip_hidden_and_binary() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("sub")).unwrap();
        std::fs::write(root.join("b.txt"), "- Q?\n- A.\n").unwrap();
        std::fs::write(root.join("a.md"), "- Q?\n- A.\n").unwrap();
        std::fs::write(root.join("sub/c"), "- Q?\n- A.\n").unwrap();
        std::fs::write(root.join(".hidden.txt"), "x").unwrap();
        std::fs::write(root.join("image.png"), [0u8, 1, 2]).unwrap();
        std::fs::write(root.join("bin.txt"), [b'a', 0, b'b']).unwrap();
        let arg = root.to_string_lossy().to_string();
        let (corpus, messages) = load_corpus(&[PathBuf::from(&arg)]);
        let names: Vec<&str> = corpus.documents.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(
            names,
            [
                format!("{arg}/a.md"),
                format!("{arg}/b.txt"),
                format!("{arg}/sub/c")
            ]
        );
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(messages[0].contains("bin.txt") && messages[0].contains("binary"));
    }

    #[test]
    fn missing_file_is_a_message_and_the_rest_loads() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.txt");
        std::fs::write(&good, "- Q?\n- A.\n").unwrap();
        let (corpus, messages) = load_corpus(&[dir.path().join("missing.txt"), good]);
        assert_eq!(corpus.documents.len(), 1);
        assert!(messages[0].contains("missing.txt"));
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loop_is_reported_not_followed_forever() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("a")).unwrap();
        std::fs::write(dir.path().join("a/doc.txt"), "- Q?\n- A.\n").unwrap();
        std::os::unix::fs::symlink("..", dir.path().join("a/up")).unwrap();
        let (corpus, messages) = load_corpus(&[dir.path().to_path_buf()]);
        assert_eq!(corpus.documents.len(), 1);
        assert!(messages.iter().any(|m| m.contains("symlink loop")));
    }

    #[test]
    fn background_loader_sends_found_documents_done() {
        let rx = spawn_loader(Vec::new());
        let events: Vec<LoadEvent> = rx.iter().collect();
        assert!(matches!(events[0], LoadEvent::Found(5)));
        assert_eq!(
            events
                .iter()
                .filter(|e| matches!(e, LoadEvent::Document(_)))
                .count(),
            5
        );
        assert!(matches!(events.last(), Some(LoadEvent::Done)));
    }

    /// The loader's events for `dir` with the cache in `home`.
    fn loaded_with_cache(dir: &Path, home: &Path) -> Vec<LoadEvent> {
        let cache = crate::cache::Cache::at(home);
        let (tx, rx) = channel();
        background(vec![dir.to_path_buf()], Some(&cache), tx);
        rx.iter().collect()
    }

    /// A first opening parses (the documents own their text); after
    /// `Done` and the cache written, each comes again as the cache holds it,
    /// borrowing its text, so the reader can let the parsed copy go. A
    /// second opening takes them from the cache and has nothing to settle.
    #[test]
    fn parsed_documents_are_settled_from_the_cache_after_it_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let home = tempfile::tempdir().unwrap();
        for n in 0..3 {
            std::fs::write(
                dir.path().join(format!("{n}.txt")),
                format!(
                    "Q: What happened in round {n}?\nA: We agreed on the border.\n\n\
                     Q: And after round {n}?\nA: Everyone went home.\n"
                ),
            )
            .unwrap();
        }
        let events = loaded_with_cache(dir.path(), home.path());
        let sent: Vec<&Document> = events
            .iter()
            .filter_map(|e| match e {
                LoadEvent::Document(d) => Some(&**d),
                _ => None,
            })
            .collect();
        assert_eq!(sent.len(), 3);
        assert!(sent.iter().all(|d| d.owns_text() && d.pairs.len() == 2));
        let done = events
            .iter()
            .position(|e| matches!(e, LoadEvent::Done))
            .unwrap();
        let settled: Vec<(usize, &Document)> = events[done..]
            .iter()
            .filter_map(|e| match e {
                LoadEvent::Settled(n, d) => Some((*n, &**d)),
                _ => None,
            })
            .collect();
        assert_eq!(settled.iter().map(|s| s.0).collect::<Vec<_>>(), [0, 1, 2]);
        for (n, d) in settled {
            assert!(!d.owns_text());
            assert_eq!(
                serde_json::to_string(d).unwrap(),
                serde_json::to_string(sent[n]).unwrap()
            );
        }
        let again = loaded_with_cache(dir.path(), home.path());
        assert!(again.iter().all(|e| !matches!(e, LoadEvent::Settled(..))));
        assert!(
            again.iter().any(
                |e| matches!(e, LoadEvent::Document(d) if !d.owns_text() && !d.pairs.is_empty())
            )
        );
    }
}
