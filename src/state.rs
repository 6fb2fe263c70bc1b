//! What the reader keeps between sessions: bookmarks, notes, reading
//! positions and the last document, in one JSON file in the XDG state
//! directory (`$XDG_STATE_HOME/qnav/state.json`, else
//! `~/.local/state/qnav/state.json`).
//!
//! Owns the file's schema (versioned), documents' identity (content hash plus
//! path: a moved file keeps its bookmarks, a changed file is detected and its
//! bookmarks re-anchored by question text), atomic writes (temp file in the
//! same folder, fsync, rename), a lock so two qnav processes never lose each
//! other's changes (a three-way merge: see [`merge`]), and recovery: a
//! missing, empty, truncated, corrupt or foreign-version file is moved aside
//! to a new numbered `.bak` with a warning and qnav starts clean; only the
//! reader moves files. Terminal-free.

use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::Document;

/// The schema version written into the file; a file with another version is
/// set aside rather than misread.
pub const SCHEMA_VERSION: u32 = 1;
const FILE_NAME: &str = "state.json";

/// Where in a document the reader was.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// 1-based pair number (0: before the first pair).
    pub pair: usize,
    /// Reading-pane scroll offset in wrapped lines.
    pub scroll: usize,
}

/// A bookmarked pair, with an optional one-paragraph note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    /// 1-based pair number.
    pub pair: usize,
    /// The question when it was bookmarked: re-anchors the bookmark if the file changes.
    pub question: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The file changed and the question was not found again: kept, flagged.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stale: bool,
    /// How many earlier pairs asked the same question when it was
    /// bookmarked (`Why?` twice): which of them it is, after an edit.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub occurrence: usize,
    /// The codes given the pair (qualitative coding: themes), sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<String>,
}

impl DocState {
    /// A new bookmark on pair `number`, kept in pair order.
    fn add_bookmark(&mut self, number: usize, question: String, occurrence: usize) {
        self.bookmarks.push(Bookmark {
            pair: number,
            question,
            note: None,
            stale: false,
            occurrence,
            codes: Vec::new(),
        });
        self.bookmarks.sort_by_key(|b| b.pair);
    }
}

/// What anchors a bookmark on pair `number`: its question, and which
/// asking of that question it is (`Why?` asked twice).
fn anchor(doc: &Document, number: usize) -> (String, usize) {
    let question = doc
        .pairs
        .get(number.wrapping_sub(1))
        .map(|p| p.question_text())
        .unwrap_or_default();
    let occurrence = doc
        .pairs
        .iter()
        .take(number.saturating_sub(1))
        .filter(|p| p.question_text() == question)
        .count();
    (question, occurrence)
}

/// The longest code kept, in characters.
pub const MAX_CODE_CHARS: usize = 60;

/// A code as kept: no control, bidi or zero-width characters, spaces
/// collapsed, at most [`MAX_CODE_CHARS`]; `None` when nothing is left.
pub fn clean_code(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|&c| !c.is_control() && !crate::text::is_unsafe_char(c))
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let code: String = words.join(" ").chars().take(MAX_CODE_CHARS).collect();
    let code = code.trim().to_string();
    (!code.is_empty()).then_some(code)
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Everything kept about one document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocState {
    /// The path it was last opened from.
    pub path: String,
    /// Its content hash (hex) when last seen.
    pub hash: String,
    #[serde(default)]
    pub position: Position,
    /// The question of the pair the reader was at: where the position goes
    /// when the file changes (found again by its text, like a bookmark).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position_question: Option<String>,
    #[serde(default)]
    pub bookmarks: Vec<Bookmark>,
    /// The file's canonical path: how a changed file is found again (a bare
    /// relative name like `interview.txt` is shared by files in many folders).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

/// The whole state file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    pub version: u32,
    /// Keyed by content hash (hex).
    #[serde(default)]
    pub documents: BTreeMap<String, DocState>,
    /// Content hash of the document read last.
    #[serde(default)]
    pub last_document: Option<String>,
    /// Each loaded file's canonical path (from [`State::note_file`], so
    /// lookups make no system calls): what tells identical copies apart.
    #[serde(skip)]
    files: BTreeMap<PathBuf, String>,
}

impl Default for State {
    fn default() -> Self {
        State {
            version: SCHEMA_VERSION,
            documents: BTreeMap::new(),
            last_document: None,
            files: BTreeMap::new(),
        }
    }
}

/// A document's key in the state file.
pub fn key_of(doc: &Document) -> String {
    format!("{:016x}", doc.content_hash)
}

impl State {
    /// `doc`'s key in [`State::documents`]: its content hash, unless the
    /// entry under that hash belongs to another file (an identical copy in
    /// another folder, still there): then the hash and this file's path, so
    /// each copy keeps its own bookmarks and an edit to one never moves the
    /// other's notes.
    pub fn key(&self, doc: &Document) -> String {
        let key = key_of(doc);
        let Some(mine) = doc.file.as_ref().and_then(|f| self.files.get(f)) else {
            return key;
        };
        match self.documents.get(&key).and_then(|e| e.file.as_ref()) {
            Some(owner) if owner != mine => copy_key(&key, mine),
            _ => key,
        }
    }

    /// The state of `doc`, found by content hash, else by path (the file
    /// changed: bookmarks are re-anchored by their question text, or flagged
    /// stale). A found-by-path entry moves to the new hash.
    pub fn doc_mut(&mut self, doc: &Document) -> &mut DocState {
        self.adopt(doc);
        let key = self.key(doc);
        if !self.documents.contains_key(&key) {
            let file = self.canonical(doc);
            self.documents.insert(
                key.clone(),
                DocState {
                    hash: key_of(doc),
                    file,
                    ..DocState::default()
                },
            );
        }
        let entry = self.documents.get_mut(&key).expect("inserted above");
        entry.path = doc.path.clone();
        entry
    }

    /// Records where `doc`'s file is now: its canonical path is kept (for
    /// [`State::key`]); an entry of the same content whose file is gone
    /// (the file moved) becomes this file's; one whose file is still there
    /// stays that file's, and this copy gets its own. Called once per
    /// document as it loads (by [`State::adopt`]), not per keystroke.
    pub fn note_file(&mut self, doc: &Document) {
        let (Some(given), Some(mine)) = (doc.file.as_ref(), canonical_file(doc)) else {
            return;
        };
        self.files.insert(given.clone(), mine.clone());
        if let Some(entry) = self.documents.get_mut(&key_of(doc)) {
            let moved = match &entry.file {
                None => true,
                Some(owner) => owner != &mine && fs::symlink_metadata(owner).is_err(),
            };
            if moved {
                entry.file = Some(mine);
            }
        }
    }

    /// `doc`'s canonical path as noted at load, else asked of the system.
    fn canonical(&self, doc: &Document) -> Option<String> {
        let given = doc.file.as_ref()?;
        self.files
            .get(given)
            .cloned()
            .or_else(|| canonical_file(doc))
    }

    /// A document whose content changed since its state was kept: its
    /// entry, found by the file's canonical path (or, for entries from
    /// before paths were kept so, by the path shown), moves to the new
    /// content hash and its bookmarks are re-anchored. Called for every
    /// document as it loads, so a changed file's bookmarks are never
    /// invisible (in the reader or an export) until it is opened. Returns
    /// whether an entry moved.
    pub fn adopt(&mut self, doc: &Document) -> bool {
        self.note_file(doc);
        let key = self.key(doc);
        // Standard input has no file: every pipe is shown as `-`, and no
        // name says it is the same text edited.
        if self.documents.contains_key(&key) || doc.file.is_none() {
            return false;
        }
        let file = self.canonical(doc);
        let moved = self
            .documents
            .iter()
            .find(|(_, d)| match (&d.file, &file) {
                (Some(a), Some(b)) => a == b,
                (Some(_), None) => false,
                (None, _) => d.path == doc.path,
            })
            .map(|(k, _)| k.clone());
        let Some(old) = moved else {
            return false;
        };
        let mut e = self.documents.remove(&old).expect("key just found");
        reanchor(&mut e, doc);
        e.hash = key_of(doc);
        e.file = file.or(e.file);
        e.path = doc.path.clone();
        // The last document read, if it was this one, is this one still.
        if self.last_document.as_ref() == Some(&old) {
            self.last_document = Some(key.clone());
        }
        self.documents.insert(key, e);
        true
    }

    /// The state of `doc` if any is kept, without creating one.
    pub fn doc(&self, doc: &Document) -> Option<&DocState> {
        self.documents.get(&self.key(doc))
    }

    /// Toggles a bookmark on pair `number`; returns whether it is now bookmarked.
    pub fn toggle_bookmark(&mut self, doc: &Document, number: usize) -> bool {
        let (question, occurrence) = anchor(doc, number);
        let entry = self.doc_mut(doc);
        if let Some(i) = entry
            .bookmarks
            .iter()
            .position(|b| b.pair == number && !b.stale)
        {
            entry.bookmarks.remove(i);
            false
        } else if let Some(b) = entry
            .bookmarks
            .iter_mut()
            .find(|b| b.pair == number && b.stale)
        {
            // Its question was reworded: `m` anchors it (and its note) to the
            // question as it reads now, never deletes it.
            b.question = question;
            b.stale = false;
            b.occurrence = occurrence;
            true
        } else {
            entry.add_bookmark(number, question, occurrence);
            true
        }
    }

    /// A live bookmark on pair `number`, made if there is none. Unlike `m`,
    /// never by re-anchoring a stale bookmark that had this number: its
    /// note and codes were about another question.
    fn ensure_bookmark(&mut self, doc: &Document, number: usize) {
        if self.is_bookmarked(doc, number) {
            return;
        }
        let (question, occurrence) = anchor(doc, number);
        self.doc_mut(doc).add_bookmark(number, question, occurrence);
    }

    /// Sets (or with an empty text, removes) the note on pair `number`; the
    /// pair is bookmarked if it was not.
    pub fn set_note(&mut self, doc: &Document, number: usize, note: &str) {
        // A pasted note gets the same hygiene as file text: no control,
        // bidi or zero-width character is kept (tabs and line breaks become
        // spaces), so none can reach a terminal from the state file.
        let clean: String = note
            .chars()
            .filter_map(|c| match c {
                '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}' => Some(' '),
                c if crate::text::is_unsafe_char(c) => None,
                c => Some(c),
            })
            .collect();
        let note = clean.trim();
        self.ensure_bookmark(doc, number);
        let entry = self.doc_mut(doc);
        if let Some(b) = entry
            .bookmarks
            .iter_mut()
            .find(|b| b.pair == number && !b.stale)
        {
            b.note = (!note.is_empty()).then(|| note.to_string());
        }
    }

    /// Whether pair `number` is bookmarked. A stale bookmark (its question
    /// gone from the file) keeps the number it had, which may now be another
    /// question's: it marks no pair.
    pub fn is_bookmarked(&self, doc: &Document, number: usize) -> bool {
        self.doc(doc)
            .is_some_and(|d| d.bookmarks.iter().any(|b| b.pair == number && !b.stale))
    }

    /// Gives pair `number` the code, or takes it away if it has it; the
    /// pair is bookmarked if it was not (codes live on bookmarks, so they
    /// follow the question when the file changes). Returns whether the pair
    /// has the code now; `None` if the code is empty once cleaned.
    pub fn toggle_code(&mut self, doc: &Document, number: usize, code: &str) -> Option<bool> {
        let code = clean_code(code)?;
        self.ensure_bookmark(doc, number);
        let entry = self.doc_mut(doc);
        let b = entry
            .bookmarks
            .iter_mut()
            .find(|b| b.pair == number && !b.stale)?;
        match b.codes.binary_search(&code) {
            Ok(i) => {
                b.codes.remove(i);
                Some(false)
            }
            Err(i) => {
                b.codes.insert(i, code);
                Some(true)
            }
        }
    }

    /// The codes of pair `number`.
    pub fn codes(&self, doc: &Document, number: usize) -> &[String] {
        self.doc(doc)
            .and_then(|d| d.bookmarks.iter().find(|b| b.pair == number && !b.stale))
            .map_or(&[], |b| b.codes.as_slice())
    }

    /// Every code given in the state, with how many pairs have it (all
    /// documents the state knows, open or not).
    pub fn code_counts(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for d in self.documents.values() {
            for b in &d.bookmarks {
                for c in &b.codes {
                    *counts.entry(c.clone()).or_insert(0) += 1;
                }
            }
        }
        counts
    }

    pub fn note(&self, doc: &Document, number: usize) -> Option<&str> {
        self.doc(doc)?
            .bookmarks
            .iter()
            .find(|b| b.pair == number && !b.stale)?
            .note
            .as_deref()
    }

    pub fn set_position(&mut self, doc: &Document, position: Position) {
        let question = doc
            .pairs
            .get(position.pair.wrapping_sub(1))
            .map(|p| p.question_text());
        let entry = self.doc_mut(doc);
        entry.position = position;
        entry.position_question = question;
        self.last_document = Some(self.key(doc));
    }
}

/// The key of an identical copy's entry: the content hash and a hash of
/// the copy's canonical path.
fn copy_key(key: &str, file: &str) -> String {
    format!("{key}@{:016x}", crate::model::content_hash(file.as_bytes()))
}

/// The canonical path of the file `doc` was read from, if it has one.
fn canonical_file(doc: &Document) -> Option<String> {
    let f = doc.file.as_ref()?;
    let c = fs::canonicalize(f).ok()?;
    Some(c.to_string_lossy().into_owned())
}

/// The file changed: find each bookmark's question again.
fn reanchor(entry: &mut DocState, doc: &Document) {
    for b in &mut entry.bookmarks {
        // The pairs asking its question, in order: a question asked twice
        // (`Why?`) is found by which of them it was, else the nearest.
        let asking: Vec<usize> = doc
            .pairs
            .iter()
            .filter(|p| p.question_text() == b.question)
            .map(|p| p.number)
            .collect();
        let found = asking
            .get(b.occurrence)
            .or_else(|| asking.iter().min_by_key(|n| n.abs_diff(b.pair)));
        match found {
            Some(&n) => {
                b.pair = n;
                b.stale = false;
            }
            None => b.stale = true,
        }
    }
    entry.bookmarks.sort_by_key(|b| b.pair);
    // The reader's place follows its question too (nearest to where it was
    // if asked twice); if the question is gone, the start.
    let old = entry.position.pair;
    let found = entry.position_question.as_ref().and_then(|q| {
        doc.pairs
            .iter()
            .filter(|p| &p.question_text() == q)
            .map(|p| p.number)
            .min_by_key(|n| n.abs_diff(old))
    });
    entry.position = match found {
        Some(pair) => Position { pair, scroll: 0 },
        None => Position::default(),
    };
    if found.is_none() {
        entry.position_question = None;
    }
}

/// `$XDG_STATE_HOME/qnav`, else `~/.local/state/qnav`.
pub fn default_dir() -> Option<PathBuf> {
    dir_from(std::env::var_os("XDG_STATE_HOME"), std::env::var_os("HOME"))
}

/// [`default_dir`] from the two variables' values (empty counts as unset, as
/// the XDG specification says).
fn dir_from(
    xdg_state_home: Option<std::ffi::OsString>,
    home: Option<std::ffi::OsString>,
) -> Option<PathBuf> {
    if let Some(x) = xdg_state_home.filter(|x| !x.is_empty()) {
        return Some(PathBuf::from(x).join("qnav"));
    }
    home.filter(|h| !h.is_empty())
        .map(|h| PathBuf::from(h).join(".local/state/qnav"))
}

/// The state file, opened once per session and written back atomically.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    pub state: State,
    /// The file as this process last read or wrote it: what a save compares
    /// both its own state and the file on disk with, to tell who changed what.
    base: State,
    /// Documents changed in this session.
    touched: std::collections::BTreeSet<String>,
}

/// The largest state file read: far more than any reader's bookmarks, small
/// enough that a file grown without bound (or `/dev/zero` behind a link)
/// cannot stall the start.
pub const MAX_STATE_BYTES: u64 = 64 * 1024 * 1024;

impl Store {
    /// Opens (or starts) the state in `dir`, for the reader. Problems become
    /// warnings; a file that cannot be used is moved aside to a new numbered
    /// `state.json.bak…` (never over an older one) and qnav starts clean.
    pub fn open(dir: &Path) -> (Store, Vec<String>) {
        Self::open_with(dir, true)
    }

    /// Opens the state to read it only (`qnav export --bookmarks`): a file
    /// that cannot be used is left where it is, with a warning.
    pub fn open_read_only(dir: &Path) -> (Store, Vec<String>) {
        Self::open_with(dir, false)
    }

    fn open_with(dir: &Path, move_bad_file: bool) -> (Store, Vec<String>) {
        let mut warnings = Vec::new();
        let path = dir.join(FILE_NAME);
        let state = match read_state(&path) {
            Ok(Some(s)) => s,
            Ok(None) => State::default(),
            Err(why) if !move_bad_file => {
                warnings.push(format!(
                    "state file {} {why}; left as it is, read as empty",
                    path.display()
                ));
                State::default()
            }
            Err(why) => match set_aside_locked(dir, &path) {
                Ok(bak) => {
                    warnings.push(format!(
                        "state file {} {why}; moved to {} and starting clean",
                        path.display(),
                        bak.display()
                    ));
                    State::default()
                }
                // Another reader replaced it meanwhile: read theirs.
                Err(e) => match read_state(&path) {
                    Ok(Some(s)) => s,
                    _ => {
                        warnings.push(format!(
                            "state file {} {why}, and could not be moved aside ({e}); starting clean",
                            path.display()
                        ));
                        State::default()
                    }
                },
            },
        };
        // The reader says at the start, not only at the first save, that
        // nothing it does will be kept (a read-only folder, a full disk).
        if move_bad_file && let Err(e) = probe_writable(dir) {
            warnings.push(format!(
                "cannot write to the state folder {} ({e}): bookmarks, notes and \
                 reading positions will not be kept this session",
                dir.display()
            ));
        }
        (
            Store {
                dir: dir.to_path_buf(),
                base: state.clone(),
                state,
                touched: Default::default(),
            },
            warnings,
        )
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    /// Marks `doc` as changed in this session.
    pub fn touch(&mut self, doc: &Document) {
        self.touched.insert(self.state.key(doc));
    }

    /// Writes the state now (see [`SaveJob::run`]), waiting for it.
    pub fn save(&mut self) -> io::Result<()> {
        let job = self.begin_save();
        self.finish_save(job.run())
    }

    /// What a save needs, taken from the store so that it can run on another
    /// thread (a large state file is read, merged and written there, not
    /// while the reader waits for its next key).
    pub fn begin_save(&self) -> SaveJob {
        SaveJob {
            dir: self.dir.clone(),
            base: self.base.clone(),
            state: self.state.clone(),
            touched_any: !self.touched.is_empty(),
        }
    }

    /// The save on the way out (a quit, a signal, a suspend): `None` when
    /// the file already holds what is in memory (the debounced save ran
    /// since the last change — the usual quit), else the full durable
    /// save. A quit then waits for the disk only when there is something to
    /// keep. (Writing without fsync was tried and given up: after a crash
    /// the file could come back empty on some file systems, bookmarks and
    /// all.)
    pub fn exit_save(&self) -> Option<SaveJob> {
        // (What the file holds: the canonical paths noted per run are not in it.)
        let same = self.state.documents == self.base.documents
            && self.state.last_document == self.base.last_document;
        (!same).then(|| self.begin_save())
    }

    /// Takes a finished save's result: the file as written becomes the
    /// base, and what changed in memory while the save ran is merged onto
    /// it (three ways, the state sent as the common ancestor), so neither
    /// another process's work nor this reader's newest change is lost.
    pub fn finish_save(&mut self, (sent, result): SaveResult) -> io::Result<()> {
        let written = result?;
        let mut now = merge(&sent, &self.state, &written);
        if self.state.last_document == sent.last_document {
            now.last_document = written.last_document.clone();
        }
        self.base = written;
        self.state = now;
        Ok(())
    }
}

/// A save's result: the state it sent and the state file as written.
pub type SaveResult = (State, io::Result<State>);

/// One save of the state file, separable from the [`Store`] it came from.
#[derive(Debug)]
pub struct SaveJob {
    dir: PathBuf,
    base: State,
    state: State,
    touched_any: bool,
}

impl SaveJob {
    /// Writes the state: under a lock, re-reads the file and merges it with
    /// this process's state (see [`merge`]): what only the other process
    /// changed is taken from the file, what only this one changed from
    /// memory, and where both changed a document its bookmarks are merged
    /// one by one. Then a temp file in the same folder, fsync, rename. A
    /// file on disk that cannot be read is moved aside first, never
    /// overwritten. Returns the state sent and the state written.
    pub fn run(self) -> SaveResult {
        let written = self.locked();
        (self.state, written)
    }

    fn locked(&self) -> io::Result<State> {
        fs::create_dir_all(&self.dir)?;
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.dir.join("state.lock"))?;
        lock.lock()?;
        let result = self.write();
        let _ = lock.unlock();
        result
    }

    fn write(&self) -> io::Result<State> {
        let path = self.dir.join(FILE_NAME);
        // No file (deleted, or set aside by another reader), or one that
        // cannot be read: merge against the file as this process last saw
        // it, so documents it did not change are written back, not dropped.
        let on_disk = match read_state(&path) {
            Ok(Some(s)) => s,
            Ok(None) => self.base.clone(),
            Err(why) => {
                set_aside(&path).map_err(|e| {
                    io::Error::other(format!(
                        "{} {why} and could not be moved aside ({e}); not overwritten",
                        path.display()
                    ))
                })?;
                self.base.clone()
            }
        };
        let mut merged = merge(&self.base, &self.state, &on_disk);
        if !self.touched_any || self.state.last_document == self.base.last_document {
            merged.last_document = on_disk.last_document.or(merged.last_document);
        }
        let json = serde_json::to_vec_pretty(&merged).map_err(io::Error::other)?;
        write_atomically(&path, &json)?;
        Ok(merged)
    }
}

/// Whether a save into `dir` can work: the folder is made if missing and a
/// probe file beside where a save's temp file goes is created and removed.
fn probe_writable(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    let probe = dir.join(format!(".{FILE_NAME}.{}.probe", std::process::id()));
    OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&probe)?;
    fs::remove_file(&probe)
}

/// Three-way merge of the state file: `base` as this process last saw the
/// file, `ours` its state now, `theirs` the file now. Per document: changed
/// by one side only, that side wins; changed by both, merged item by item
/// ([`merge_doc`]). Nothing another process saved is dropped unless this
/// process removed that very item.
pub fn merge(base: &State, ours: &State, theirs: &State) -> State {
    let mut out = State {
        version: SCHEMA_VERSION,
        documents: BTreeMap::new(),
        last_document: ours.last_document.clone(),
        files: ours.files.clone(),
    };
    let keys: std::collections::BTreeSet<&String> = base
        .documents
        .keys()
        .chain(ours.documents.keys())
        .chain(theirs.documents.keys())
        .collect();
    for k in keys {
        let (b, o, t) = (
            base.documents.get(k),
            ours.documents.get(k),
            theirs.documents.get(k),
        );
        let merged = if o == b || o == t {
            t.cloned()
        } else if t == b {
            o.cloned()
        } else {
            match (o, t) {
                (Some(o), Some(t)) => Some(merge_doc(b, o, t)),
                // One side dropped it (a document moved to a new hash), the
                // other changed it: keep the changes.
                (Some(x), None) | (None, Some(x)) => Some(x.clone()),
                (None, None) => None,
            }
        };
        if let Some(d) = merged {
            out.documents.insert(k.clone(), d);
        }
    }
    out
}

/// One document changed by both processes: bookmarks as a set by pair (one
/// that either side removed, and the other did not change, stays removed;
/// one either side added is kept), a note from the side that changed it,
/// the reading position from this process if it moved, else from the file.
fn merge_doc(base: Option<&DocState>, ours: &DocState, theirs: &DocState) -> DocState {
    // A bookmark is its pair and the question it was made on: a stale one
    // may share its number with a live one, and neither may be lost.
    let find = |d: Option<&DocState>, key: &(usize, String)| -> Option<Bookmark> {
        d.and_then(|d| {
            d.bookmarks
                .iter()
                .find(|b| b.pair == key.0 && b.question == key.1)
                .cloned()
        })
    };
    let mut keys: Vec<(usize, String)> = ours
        .bookmarks
        .iter()
        .chain(&theirs.bookmarks)
        .map(|b| (b.pair, b.question.clone()))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let mut bookmarks = Vec::new();
    for key in &keys {
        let (b, o, t) = (
            find(base, key),
            find(Some(ours), key),
            find(Some(theirs), key),
        );
        let kept = match (o, t) {
            // Both have it: field by field, a note from the side that wrote it.
            (Some(o), Some(t)) => Some(merge_bookmark(b.as_ref(), o, t)),
            // Removed by the other side: stays removed unless changed here.
            (Some(o), None) => (b.as_ref() != Some(&o)).then_some(o),
            (None, Some(t)) => (b.as_ref() != Some(&t)).then_some(t),
            (None, None) => None,
        };
        bookmarks.extend(kept);
    }
    let moved = base.is_none_or(|b| b.position != ours.position);
    DocState {
        path: ours.path.clone(),
        hash: ours.hash.clone(),
        file: ours.file.clone().or_else(|| theirs.file.clone()),
        position: if moved {
            ours.position
        } else {
            theirs.position
        },
        position_question: if moved {
            ours.position_question.clone()
        } else {
            theirs.position_question.clone()
        },
        bookmarks,
    }
}

/// One bookmark both sides have: this process's, unless it did not change
/// it; its note from whichever side wrote one since `base` (this process's
/// when both did), so bookmarking a pair another reader has noted keeps the
/// note.
pub fn merge_bookmark(base: Option<&Bookmark>, ours: Bookmark, theirs: Bookmark) -> Bookmark {
    if base == Some(&ours) {
        return theirs;
    }
    let base_note = base.and_then(|b| b.note.as_ref());
    let note = if ours.note.as_ref() != base_note {
        ours.note.clone()
    } else {
        theirs.note
    };
    // Codes as a set: one either side added is kept, one either side took
    // away (that was there before) is gone.
    let none = Vec::new();
    let base_codes = base.map_or(&none, |b| &b.codes);
    let mut codes: Vec<String> = ours
        .codes
        .iter()
        .chain(&theirs.codes)
        .filter(|c| {
            let (o, t, b) = (
                ours.codes.contains(c),
                theirs.codes.contains(c),
                base_codes.contains(c),
            );
            (o && t) || !b
        })
        .cloned()
        .collect();
    codes.sort();
    codes.dedup();
    Bookmark {
        note,
        codes,
        ..ours
    }
}

/// [`set_aside`] under the state lock, after reading the file again: another
/// reader may have set it aside and written a good one meanwhile.
fn set_aside_locked(dir: &Path, path: &Path) -> io::Result<PathBuf> {
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join("state.lock"))?;
    lock.lock()?;
    let result = match read_state(path) {
        Err(_) => set_aside(path),
        Ok(_) => Err(io::Error::other("another reader replaced it meanwhile")),
    };
    let _ = lock.unlock();
    result
}

/// Moves an unusable state file to `state.json.bak`, or `.bak.2`, `.bak.3`…
/// if that exists: an older set-aside file is never replaced (a hard link
/// fails when the name is taken, where a rename would replace it).
fn set_aside(path: &Path) -> io::Result<PathBuf> {
    for n in 1..10_000 {
        let bak = if n == 1 {
            path.with_extension("json.bak")
        } else {
            path.with_extension(format!("json.bak.{n}"))
        };
        match fs::hard_link(path, &bak) {
            Ok(()) => {
                fs::remove_file(path)?;
                return Ok(bak);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            // No hard links here (some file systems): rename to a free name.
            Err(_) if fs::symlink_metadata(&bak).is_err() => {
                fs::rename(path, &bak)?;
                return Ok(bak);
            }
            Err(_) => continue,
        }
    }
    Err(io::Error::other("every .bak name up to .bak.9999 is taken"))
}

/// `Ok(None)` when there is no file; `Err(why)` when it cannot be used.
/// Only a regular file (or a link to one) of at most [`MAX_STATE_BYTES`] is
/// read: a FIFO would block the start, `/dev/zero` never end.
fn read_state(path: &Path) -> Result<Option<State>, String> {
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("could not be read ({e})")),
    };
    if !meta.is_file() {
        return Err("is not a regular file".into());
    }
    if meta.len() > MAX_STATE_BYTES {
        return Err(format!(
            "is {} bytes, more than the {MAX_STATE_BYTES} a state file may have",
            meta.len()
        ));
    }
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("could not be read ({e})")),
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("is empty".into());
    }
    let value: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| format!("is not valid JSON ({e})"))?;
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v == u64::from(SCHEMA_VERSION) => {}
        Some(v) => {
            return Err(format!(
                "has schema version {v}, this qnav reads {SCHEMA_VERSION}"
            ));
        }
        None => return Err("has no schema version".into()),
    }
    serde_json::from_value(value)
        .map(Some)
        .map_err(|e| format!("does not match the schema ({e})"))
}

/// Temp file in the same folder (so the rename cannot cross file systems),
/// fsync, rename, fsync the folder: the real file is always the old or the
/// new one. A symlinked `path` (dotfile managers link state files) is
/// written through to its target, and stays a link. A failed write leaves
/// no temp file behind.
/// Where a write to `path` lands: through any chain of symlinks to the
/// file at its end — which need not exist yet (a dotfiles manager may link
/// `state.json` before there is any state), unlike what `canonicalize` needs.
fn link_target(path: &Path) -> io::Result<PathBuf> {
    let mut at = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = fs::read_link(&at)?;
                at = match at.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            _ => return Ok(at),
        }
    }
    Err(io::Error::other(format!(
        "{} is a loop of symbolic links",
        path.display()
    )))
}

pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = link_target(path)?;
    let dir = target.parent().unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        target
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("state"),
        std::process::id()
    ));
    let written = (|| {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, &target)
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_bytes;

    fn doc(text: &str, path: &str) -> Document {
        load_bytes(path, text.as_bytes()).unwrap()
    }

    const TEXT: &str = "- First question?\n- First answer.\n- Second question?\n- Second answer.\n";

    #[test]
    fn a_code_bookmarks_its_pair_comes_off_when_given_again_and_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let d = doc(TEXT, "a.txt");
        let (mut store, _) = Store::open(dir.path());
        assert_eq!(
            store.state.toggle_code(&d, 2, "  trust\u{202e} "),
            Some(true)
        );
        assert!(store.state.is_bookmarked(&d, 2), "codes live on bookmarks");
        assert_eq!(store.state.toggle_code(&d, 2, "price"), Some(true));
        assert_eq!(store.state.codes(&d, 2), ["price", "trust"]);
        assert_eq!(store.state.toggle_code(&d, 1, "trust"), Some(true));
        assert_eq!(store.state.toggle_code(&d, 1, " \t "), None, "no code");
        let counts: Vec<(String, usize)> = store.state.code_counts().into_iter().collect();
        assert_eq!(counts, [("price".into(), 1), ("trust".into(), 2)]);
        assert_eq!(store.state.toggle_code(&d, 2, "price"), Some(false));
        store.touch(&d);
        store.save().unwrap();
        let (again, _) = Store::open(dir.path());
        assert_eq!(again.state.codes(&d, 2), ["trust"]);
        assert_eq!(again.state.codes(&d, 1), ["trust"]);
        // A removed bookmark takes its codes with it.
        let mut state = again.state.clone();
        state.toggle_bookmark(&d, 1);
        assert!(state.codes(&d, 1).is_empty());
    }

    #[test]
    fn codes_merge_as_a_set_of_what_each_side_added_and_took_away() {
        let mark = |codes: &[&str]| Bookmark {
            pair: 1,
            question: "Q?".into(),
            note: None,
            stale: false,
            occurrence: 0,
            codes: codes.iter().map(|c| c.to_string()).collect(),
        };
        let base = mark(&["kept", "ours took off", "theirs took off"]);
        let ours = mark(&["kept", "ours added", "theirs took off"]);
        let theirs = mark(&["kept", "ours took off", "theirs added"]);
        let merged = merge_bookmark(Some(&base), ours, theirs);
        assert_eq!(merged.codes, ["kept", "ours added", "theirs added"]);
    }

    #[test]
    fn a_state_file_from_before_codes_reads_with_none() {
        let json = r#"{"version":1,"documents":{"ab":{"path":"a.txt","hash":"ab","bookmarks":[{"pair":2,"question":"Q?"}]}}}"#;
        let state: State = serde_json::from_str(json).unwrap();
        assert!(state.documents["ab"].bookmarks[0].codes.is_empty());
    }

    #[test]
    fn bookmarks_and_notes_round_trip_through_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let d = doc(TEXT, "a.txt");
        let (mut store, w) = Store::open(dir.path());
        assert!(w.is_empty());
        assert!(store.state.toggle_bookmark(&d, 2));
        store.state.set_note(&d, 2, "  why it matters  ");
        store
            .state
            .set_position(&d, Position { pair: 2, scroll: 7 });
        store.touch(&d);
        store.save().unwrap();
        let (again, w) = Store::open(dir.path());
        assert!(w.is_empty());
        assert!(again.state.is_bookmarked(&d, 2));
        assert_eq!(again.state.note(&d, 2), Some("why it matters"));
        assert_eq!(
            again.state.doc(&d).unwrap().position,
            Position { pair: 2, scroll: 7 }
        );
        assert_eq!(again.state.last_document, Some(key_of(&d)));
    }

    #[test]
    fn the_exit_save_writes_only_what_is_not_on_disk_yet() {
        let dir = tempfile::tempdir().unwrap();
        let d = doc(TEXT, "a.txt");
        let (mut store, _) = Store::open(dir.path());
        store.state.toggle_bookmark(&d, 2);
        store.touch(&d);
        store.save().unwrap();
        let file = dir.path().join(FILE_NAME);
        let written = fs::metadata(&file).unwrap().modified().unwrap();
        // Nothing changed since: the exit writes nothing.
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(store.exit_save().is_none());
        assert_eq!(fs::metadata(&file).unwrap().modified().unwrap(), written);
        // A change since: written, durably, like any save.
        store
            .state
            .set_position(&d, Position { pair: 3, scroll: 9 });
        store.touch(&d);
        let job = store.exit_save().expect("a save");
        store.finish_save(job.run()).unwrap();
        let (again, _) = Store::open(dir.path());
        assert_eq!(
            again.state.doc(&d).unwrap().position,
            Position { pair: 3, scroll: 9 }
        );
        assert!(again.state.is_bookmarked(&d, 2));
    }

    #[test]
    fn moved_file_keeps_bookmarks_and_changed_file_reanchors_them() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("elsewhere")).unwrap();
        // A document read from a file at `rel` in the temp folder.
        let at = |rel: &str, text: &str| {
            let file = dir.path().join(rel);
            fs::write(&file, text).unwrap();
            let mut d = doc(text, rel);
            d.file = Some(file);
            d
        };
        let mut state = State::default();
        let d = at("a.txt", TEXT);
        state.toggle_bookmark(&d, 2);
        // Moved: same content, another path, the old one gone (a copy
        // beside the original is another document: see tests/state_merge.rs).
        let moved = at("elsewhere/a.txt", TEXT);
        fs::remove_file(dir.path().join("a.txt")).unwrap();
        assert!(state.is_bookmarked(&moved, 2));
        state.note_file(&moved);
        assert_eq!(
            state.doc_mut(&moved).path,
            "elsewhere/a.txt",
            "opening it records the new path"
        );
        // Changed: a pair inserted before it; the bookmark follows its question.
        let changed = at(
            "elsewhere/a.txt",
            &format!("- New question?\n- New answer.\n{TEXT}"),
        );
        let entry = state.doc_mut(&changed);
        assert_eq!(entry.bookmarks[0].pair, 3);
        assert!(!entry.bookmarks[0].stale);
        // Changed so that the question is gone: flagged, not lost.
        let gone = at("elsewhere/a.txt", "- Other?\n- Yes.\n");
        assert!(state.doc_mut(&gone).bookmarks[0].stale);
        // Standard input (no file) never takes another text's bookmarks.
        let piped = doc("- Piped?\n- Yes.\n", "elsewhere/a.txt");
        assert!(state.doc_mut(&piped).bookmarks.is_empty());
    }

    #[test]
    fn bad_files_are_moved_aside_and_qnav_starts_clean() {
        for (name, content) in [
            ("empty", "".to_string()),
            (
                "truncated",
                "{\"version\":1,\"documents\":{\"ab".to_string(),
            ),
            ("corrupt", "\u{0}\u{1}garbage".to_string()),
            (
                "foreign version",
                "{\"version\":99,\"documents\":{}}".to_string(),
            ),
            (
                "wrong shape",
                "{\"version\":1,\"documents\":[1,2]}".to_string(),
            ),
        ] {
            let dir = tempfile::tempdir().unwrap();
            fs::write(dir.path().join(FILE_NAME), &content).unwrap();
            let (store, warnings) = Store::open(dir.path());
            assert_eq!(store.state, State::default(), "{name}");
            assert_eq!(warnings.len(), 1, "{name}");
            assert!(
                warnings[0].contains("state.json.bak"),
                "{name}: {}",
                warnings[0]
            );
            assert_eq!(
                fs::read_to_string(dir.path().join("state.json.bak")).unwrap(),
                content,
                "{name}: kept"
            );
            assert!(!dir.path().join(FILE_NAME).exists());
        }
    }

    #[test]
    fn two_processes_do_not_lose_each_others_documents() {
        let dir = tempfile::tempdir().unwrap();
        let a = doc(TEXT, "a.txt");
        let b = doc("- Q?\n- A.\n", "b.txt");
        let (mut one, _) = Store::open(dir.path());
        let (mut two, _) = Store::open(dir.path());
        one.state.toggle_bookmark(&a, 1);
        one.touch(&a);
        two.state.toggle_bookmark(&b, 1);
        two.touch(&b);
        one.save().unwrap();
        two.save().unwrap();
        let (merged, _) = Store::open(dir.path());
        assert!(merged.state.is_bookmarked(&a, 1) && merged.state.is_bookmarked(&b, 1));
    }

    #[test]
    fn xdg_state_home_is_respected() {
        let os = |s: &str| Some(std::ffi::OsString::from(s));
        assert_eq!(
            dir_from(os("/x/state"), os("/home/u")),
            Some(PathBuf::from("/x/state/qnav"))
        );
        assert_eq!(
            dir_from(os(""), os("/home/u")),
            Some(PathBuf::from("/home/u/.local/state/qnav"))
        );
        assert_eq!(
            dir_from(None, os("/home/u")),
            Some(PathBuf::from("/home/u/.local/state/qnav"))
        );
        assert_eq!(dir_from(None, os("")), None);
        assert_eq!(dir_from(None, None), None);
    }
}
