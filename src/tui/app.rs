//! The reader's state and the one door through which it changes:
//! [`App::update`].
//!
//! `App` knows nothing about terminals: it is fed [`Msg`]s — terminal
//! events (turned into [`Action`]s by the key table its [`Layer`] names),
//! the loader's documents, a finished index, save or file read — and
//! answers with the [`Effect`]s the event loop must carry out (write the
//! clipboard, build the index on a thread, save, read a file, quit). It
//! never decides whether to redraw: the loop draws the frame and writes
//! the terminal only where the frame changed ([`super::view::Frames`]).
//! Everything drawing needs that costs more than slicing — the wrapped
//! lines of the open document — is computed here, so
//! [`render`](super::render) can take `&App`.

use std::path::PathBuf;
use std::sync::Arc;

use ratatui::crossterm::event::Event;
use ratatui::layout::Rect;

use super::keymap::{self, Action, EditKey, Keymap};
pub use super::layer::{
    CodesView, Keys, Layer, LineEdit, NoteEdit, RelatedView, SourceView, SpeakersView,
};
use super::layer::{Scrolled, scroll};
pub use super::layout::Focus;
use super::layout::text_area;
use super::layout::{self, Panes, panes};
use super::reader_lines::{Marked, QuoteFrom, ReaderLines, SourceLine};
use super::search_state::{SaidBy, SearchPane};
use super::settings::Settings;
use super::theme::Theme;
use crate::cache::search_file::{Found, Searched};
use crate::citation;
use crate::listing::DocSort;
use crate::load::LoadEvent;
use crate::model::{Corpus, Document};
use crate::search::{Index, Statement, Texts};
use crate::state::{Position, SaveJob, SaveResult, Store};
use crate::text::{printable, thousands};

/// Everything that changes the reader's state, through [`App::update`].
#[derive(Debug)]
pub enum Msg {
    /// A terminal event: a key (through the key table of the open
    /// [`Layer`]), the mouse, a resize, a paste.
    Event(Event),
    /// An action already resolved (tests, and resizes the loop measures).
    Action(Action),
    Load(LoadEvent),
    /// The loader's sender is gone (after `Done`, or if it died).
    LoaderGone,
    /// The index built for [`Effect::BuildIndex`]'s generation.
    Indexed(u64, Arc<Index>),
    /// The index thread let go of its share of the documents (after it
    /// wrote the cache): what waited for them alone can be done.
    DocumentsFree,
    /// The file at this path now holds content with this hash.
    FileChanged(PathBuf, u64),
    /// A save of [`Effect::Save`] finished.
    Saved(SaveResult),
    /// The save timer ran out: save if anything changed.
    SaveDue,
    /// The reader is about to stop (quit, a signal, a suspend): where it is
    /// goes into the state, and a save that must finish before it goes is
    /// asked for if the file does not already hold everything.
    Leaving,
    /// Document `index` read again ([`Effect::Reload`]).
    Reloaded(usize, Result<Box<Document>, String>),
    /// Document `doc`'s source lines ([`Effect::ReadSource`]).
    SourceRead {
        doc: usize,
        lines: Result<Vec<String>, String>,
    },
    /// How writing the export went ([`Effect::Export`]).
    Exported(std::io::Result<PathBuf>),
    /// Something for the status line (warnings at the start).
    Notice(String),
}

impl From<Action> for Msg {
    fn from(action: Action) -> Self {
        Msg::Action(action)
    }
}

/// What the event loop does for `App`: I/O and threads, which `App`
/// never touches. Each is a value, returned by [`App::update`].
#[derive(Debug)]
pub enum Effect {
    Quit,
    /// Give the terminal back to the shell (Ctrl-Z).
    Suspend,
    /// Put this text on the clipboard (OSC 52).
    Clipboard(String),
    /// Write this Markdown to a new export file; answer with [`Msg::Exported`].
    Export(String),
    /// Read document `index` again from `file` (shown as `shown`); answer
    /// with [`Msg::Reloaded`].
    Reload {
        index: usize,
        file: PathBuf,
        shown: String,
    },
    /// Read the source lines of document `doc`; answer with [`Msg::SourceRead`].
    ReadSource {
        doc: usize,
    },
    /// Build the search index on another thread; answer with [`Msg::Indexed`].
    BuildIndex(IndexJob),
    /// Memory let go of (the parsed text of documents now read from the
    /// cache): give the allocator's free pages back to the system.
    GiveBackMemory,
    /// Run this save on another thread; answer with [`Msg::Saved`].
    Save(SaveJob),
    /// Run this save now, before going on ([`Msg::Leaving`]: the reader
    /// may be about to end); answer with [`Msg::Saved`].
    SaveNow(SaveJob),
    /// Watch this file (and the content hash it was loaded with) for
    /// changes, instead of the one watched before; `None`: watch nothing.
    Watch(Option<(PathBuf, u64)>),
}

/// How far the background loader has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Loading {
    /// Files found, once the loader has said.
    pub found: Option<usize>,
    /// Documents received so far.
    pub loaded: usize,
    pub done: bool,
}

/// The whole state of the reader.
#[derive(Debug)]
pub struct App {
    /// Shared so the index can be built on another thread.
    documents: Arc<Vec<Document>>,
    /// Parsed documents as the cache now holds them (text borrowed from
    /// its mapped pack), by position: swapped in once nothing else holds
    /// the documents (the index thread may still read them).
    settled: Vec<(usize, Box<Document>)>,
    /// The index before a reload, with which documents it still indexes as
    /// they are (see [`IndexJob::update_from`]).
    index_before: Option<(Arc<Index>, Vec<Option<u32>>)>,
    /// Settled documents were swapped in since memory was last given back.
    give_back_due: bool,
    /// The loader's channel closed: nothing more will settle.
    loader_gone: bool,
    /// The document being read.
    current: usize,
    /// Selection in the documents pane (Enter opens it): a row of the list
    /// as filtered and sorted.
    doc_cursor: usize,
    /// The documents pane's filter (empty: every document) and order.
    doc_filter: LineEdit,
    doc_sort: DocSort,
    /// The documents shown, in order, when a filter or sort changes them
    /// (`None`: all of them, as loaded).
    doc_rows: Option<Vec<usize>>,
    /// Selection in the questions pane; follows the reading position.
    question_cursor: usize,
    /// First reader line shown.
    scroll: usize,
    focus: Focus,
    /// The user folded the documents pane away (`D`).
    docs_hidden: bool,
    /// The panes, or the overlay in front of them.
    layer: Layer,
    screen: Rect,
    /// The open document wrapped to the reader's width.
    reader: Option<ReaderLines>,
    loading: Loading,
    /// A transient note for the status line, cleared by the next key.
    message: Option<String>,
    /// The statement index, once built.
    index: Option<Arc<Index>>,
    /// The cache's search file, searched while the documents load and the
    /// index is built (dropped once it is).
    stored: Option<Box<Found>>,
    /// The files being loaded, stamped before they were read: a search
    /// file is written against them when the cache had none.
    stamped: Option<Arc<[Searched]>>,
    /// The generation of the documents an index is being built for
    /// (handed out as [`Effect::BuildIndex`]); one job at a time.
    indexing: Option<u64>,
    /// The query, its hits and the selection: kept when the pane closes,
    /// for `Ctrl-n`/`Ctrl-p` and for `/` to find them as left.
    search: SearchPane,
    /// Where `''` goes: (document, scroll) before the last jump.
    mark: Option<(usize, usize)>,
    /// The statement the last jump went to: (document, where).
    marked: Option<(usize, Marked)>,
    /// Bookmarks, notes and positions; `None` when there is nowhere to keep them.
    store: Option<Store>,
    /// The store changed since it was last handed to a save.
    dirty: bool,
    /// A stored position to apply once the document is wrapped to a real width.
    restore: Option<Position>,
    /// The document read last time (a state key), opened when it loads.
    last_document: Option<String>,
    /// Draw with colours (off when `NO_COLOR` is set).
    colors: bool,
    /// Keymap, theme and reading width (`config.toml`).
    settings: Settings,
    /// Files the loader could not read, so far.
    load_problems: usize,
    /// Bumped when a document is replaced: an index built before is stale.
    generation: u64,
    /// Paths whose file changed on disk since they were loaded.
    changed_on_disk: std::collections::BTreeSet<PathBuf>,
    /// Where each quote of each document comes from (per document, per
    /// quote), found once the index is built.
    quote_sources: Vec<Vec<Option<crate::search::sources::Source>>>,
    /// The code the questions pane is filtered by (`f` in the codes view).
    code_filter: Option<String>,
    /// The file the last [`Effect::Watch`] named.
    watched: Option<(PathBuf, u64)>,
    /// Effects of the update under way, handed out when it ends.
    effects: Vec<Effect>,
}

/// Documents to index, and which version of them they are.
#[derive(Debug)]
pub struct IndexJob {
    pub documents: Arc<Vec<Document>>,
    pub generation: u64,
    /// The files the documents were loaded from, as stamped, when the
    /// cache holds no search file for them: one is written once the index
    /// is built.
    pub search_file_for: Option<Arc<[Searched]>>,
    /// The same, when the cache holds one: the index is that file's (see
    /// [`crate::cache::index_to_keep_from`]).
    pub index_from: Option<Arc<[Searched]>>,
    /// The index before documents were reloaded, and which document each
    /// document now is of the ones it indexed (`None`: reloaded): updated
    /// rather than built whole (see [`crate::cache::index_to_keep_after`]).
    pub update_from: Option<(Arc<Index>, Vec<Option<u32>>)>,
}

/// One row of the bookmarks overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookmarkEntry {
    /// Index into the loaded documents.
    pub doc: usize,
    /// 1-based pair number.
    pub pair: usize,
    pub title: String,
    pub question: String,
    pub note: Option<String>,
}

pub use super::search_state::MAX_QUERY_CHARS;

impl App {
    /// A reader over documents that are all loaded already.
    pub fn new(corpus: Corpus) -> Self {
        let mut app = App::waiting();
        app.loading = Loading {
            found: Some(corpus.documents.len()),
            loaded: corpus.documents.len(),
            done: true,
        };
        app.documents = Arc::new(corpus.documents);
        // Everything is here already: index now (tests, small corpora).
        let mut index = Index::build(&app.documents);
        index.note_containment(&app.documents);
        app.index = Some(Arc::new(index));
        app.trace_quotes();
        app.open_document(0);
        app
    }

    /// A reader whose documents will arrive as [`LoadEvent`]s.
    pub fn waiting() -> Self {
        App {
            documents: Arc::new(Vec::new()),
            current: 0,
            doc_cursor: 0,
            doc_filter: LineEdit::default(),
            doc_sort: DocSort::Path,
            doc_rows: None,
            question_cursor: 0,
            scroll: 0,
            focus: Focus::Reader,
            docs_hidden: false,
            layer: Layer::default(),
            screen: Rect::default(),
            reader: None,
            loading: Loading::default(),
            message: None,
            index: None,
            stored: None,
            settled: Vec::new(),
            index_before: None,
            give_back_due: false,
            loader_gone: false,
            stamped: None,
            indexing: None,
            search: SearchPane::default(),
            mark: None,
            marked: None,
            store: None,
            dirty: false,
            restore: None,
            last_document: None,
            colors: true,
            settings: Settings::default(),
            load_problems: 0,
            generation: 0,
            changed_on_disk: Default::default(),
            watched: None,
            code_filter: None,
            quote_sources: Vec::new(),
            effects: Vec::new(),
        }
    }

    /// A reader over loaded documents that keeps its state in `store`
    /// (tests give it a temporary folder); opens the last document read.
    pub fn with_store(corpus: Corpus, store: Store) -> Self {
        App::new(corpus).keeping_state_in(store)
    }

    /// This reader, keeping bookmarks, notes and positions in `store`; the
    /// last document read is opened as soon as it is loaded.
    pub fn keeping_state_in(mut self, store: Store) -> Self {
        self.last_document = store.state.last_document.clone();
        let found = self.last_document.as_ref().and_then(|key| {
            self.documents
                .iter()
                .position(|d| store.state.key(d) == *key)
        });
        self.store = Some(store);
        match found {
            Some(i) => {
                self.last_document = None;
                self.open_document(i);
            }
            // Reopen the current one so its stored position applies.
            None if !self.documents.is_empty() => self.open_document(self.current),
            None => {}
        }
        self
    }

    /// This reader, drawing with colours or not (`NO_COLOR`); bold and
    /// reverse stay.
    pub fn with_colors(mut self, colors: bool) -> Self {
        self.colors = colors;
        self
    }

    pub fn colors(&self) -> bool {
        self.colors
    }

    /// This reader, with `settings` (from `config.toml`).
    pub fn with_settings(mut self, settings: Settings) -> Self {
        self.settings = settings;
        // Colours and the reading width may have changed: lay out again.
        if let Some(reader) = &mut self.reader {
            reader.width = u16::MAX;
        }
        self.rewrap();
        self
    }

    pub fn keymap(&self) -> &Keymap {
        &self.settings.keymap
    }

    pub fn theme(&self) -> &Theme {
        &self.settings.theme
    }

    /// Where the reader's text goes inside its pane: [`text_area`], no
    /// wider than the configured maximum and then centred.
    pub fn reader_text_area(&self, pane: Rect) -> Rect {
        let area = text_area(pane);
        match self.settings.max_width {
            Some(max) if max < area.width => Rect {
                x: area.x + (area.width - max) / 2,
                width: max,
                ..area
            },
            _ => area,
        }
    }

    pub fn store(&self) -> Option<&Store> {
        self.store.as_ref()
    }

    /// The store changed since it was last handed to a save.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Records where the reader is and hands out a save of the store
    /// (`None` when there is no store, or, if `only_if_needed`, when the
    /// file already holds everything — see [`Store::exit_save`]).
    fn begin_save(&mut self, only_if_needed: bool) -> Option<SaveJob> {
        self.remember_position();
        self.dirty = false;
        let store = self.store.as_ref()?;
        if only_if_needed {
            store.exit_save()
        } else {
            Some(store.begin_save())
        }
    }

    /// A save finished: what it wrote becomes the store's base, with every
    /// change made meanwhile kept; a failure goes to the status line (the
    /// next change, and every way out, saves again).
    fn saved(&mut self, result: SaveResult) {
        let Some(store) = &mut self.store else {
            return;
        };
        if let Err(e) = store.finish_save(result) {
            self.notice(format!("could not save bookmarks: {e}"));
        }
    }

    /// Tells the status line how the export went.
    fn exported(&mut self, result: std::io::Result<PathBuf>) {
        self.message = Some(match result {
            Ok(path) => format!("bookmarks written to {}", path.display()),
            Err(e) => format!("could not export bookmarks: {e}"),
        });
    }

    /// Shows `text` in the status line, made safe to print.
    fn notice(&mut self, text: String) {
        self.message = Some(printable(&text).into_owned());
    }

    /// Whether pair `index` (0-based) of the open document is bookmarked.
    pub fn is_bookmarked(&self, index: usize) -> bool {
        match (&self.store, self.current_document()) {
            (Some(store), Some(doc)) => store.state.is_bookmarked(doc, index + 1),
            _ => false,
        }
    }

    /// The note on pair `index` (0-based) of document `doc`.
    pub fn note(&self, doc: usize, index: usize) -> Option<&str> {
        let document = self.documents.get(doc)?;
        self.store.as_ref()?.state.note(document, index + 1)
    }

    /// `Some(selected row)` while the bookmarks overlay is open.
    pub fn bookmarks_cursor(&self) -> Option<usize> {
        match self.layer {
            Layer::Bookmarks { cursor } => Some(cursor),
            _ => None,
        }
    }

    pub fn note_edit(&self) -> Option<&NoteEdit> {
        match &self.layer {
            Layer::Note(edit) => Some(edit),
            _ => None,
        }
    }

    /// The panes, or the overlay in front of them.
    pub fn layer(&self) -> &Layer {
        &self.layer
    }

    /// Every bookmark of the loaded documents, in document order.
    pub fn bookmark_entries(&self) -> Vec<BookmarkEntry> {
        let Some(store) = &self.store else {
            return Vec::new();
        };
        let mut entries = Vec::new();
        for (i, doc) in self.documents.iter().enumerate() {
            let Some(state) = store.state.doc(doc) else {
                continue;
            };
            for b in &state.bookmarks {
                entries.push(BookmarkEntry {
                    doc: i,
                    pair: b.pair,
                    title: doc.display_title(),
                    question: b.question.clone(),
                    note: b.note.clone(),
                });
            }
        }
        entries
    }

    // ----- read access for drawing and tests -----

    pub fn documents(&self) -> &[Document] {
        &self.documents
    }
    pub fn current_index(&self) -> usize {
        self.current
    }
    pub fn current_document(&self) -> Option<&Document> {
        self.documents.get(self.current)
    }
    /// The selected row of the documents pane.
    pub fn doc_cursor(&self) -> usize {
        self.doc_cursor
    }
    /// How many documents the documents pane lists (all, or those the
    /// filter lets through).
    pub fn shown_documents(&self) -> usize {
        self.doc_rows
            .as_ref()
            .map_or(self.documents.len(), Vec::len)
    }
    /// The document on `row` of the documents pane.
    pub fn shown_document(&self, row: usize) -> Option<usize> {
        match &self.doc_rows {
            Some(rows) => rows.get(row).copied(),
            None => (row < self.documents.len()).then_some(row),
        }
    }
    /// The row of the documents pane that lists document `index`, if any.
    fn row_of(&self, index: usize) -> Option<usize> {
        match &self.doc_rows {
            Some(rows) => rows.iter().position(|&i| i == index),
            None => (index < self.documents.len()).then_some(index),
        }
    }
    /// The documents filter, while it is typed or in force.
    pub fn doc_filter(&self) -> Option<&LineEdit> {
        (self.filtering() || !self.doc_filter.text.is_empty()).then_some(&self.doc_filter)
    }
    /// The filter is being typed.
    pub fn filtering(&self) -> bool {
        self.layer == Layer::Filter
    }
    pub fn doc_sort(&self) -> DocSort {
        self.doc_sort
    }
    /// A one-line editor (a note, the documents filter) takes the keys.
    pub fn editing_line(&self) -> bool {
        self.layer.keys() == Keys::Line
    }
    pub fn question_cursor(&self) -> usize {
        self.question_cursor
    }
    pub fn scroll(&self) -> usize {
        self.scroll
    }
    pub fn focus(&self) -> Focus {
        self.focus
    }
    pub fn docs_hidden(&self) -> bool {
        self.docs_hidden
    }
    pub fn help_scroll(&self) -> Option<usize> {
        match self.layer {
            Layer::Help { first } => Some(first),
            _ => None,
        }
    }
    pub fn screen(&self) -> Rect {
        self.screen
    }
    pub fn reader_lines(&self) -> Option<&ReaderLines> {
        self.reader.as_ref()
    }
    pub fn loading(&self) -> Loading {
        self.loading
    }
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
    pub fn search(&self) -> &SearchPane {
        &self.search
    }
    pub fn search_open(&self) -> bool {
        matches!(self.layer, Layer::Search { .. })
    }
    pub fn search_index(&self) -> Option<&Index> {
        self.index.as_deref()
    }

    /// What a search runs over: the index with the parsed documents once
    /// built, before that the cache's search file (its own index and text:
    /// searching starts long before every document is loaded).
    pub fn search_base(&self) -> Option<(&Index, Texts<'_>)> {
        search_base(&self.index, &self.stored, &self.documents)
    }
    /// Documents are loaded and the index is still being built.
    pub fn indexing(&self) -> bool {
        self.index.is_none() && self.loading.done && !self.documents.is_empty()
    }
    /// The statement the last search jump went to is on screen: the keys
    /// that step through the hits are worth a hint.
    pub fn at_search_hit(&self) -> bool {
        let (Some((doc, _)), Some(lines)) = (&self.marked, &self.reader) else {
            return false;
        };
        *doc == self.current
            && lines
                .marked_line
                .is_some_and(|l| (self.scroll..self.scroll + self.reader_height()).contains(&l))
    }

    pub fn marked(&self) -> Option<Marked> {
        self.marked
            .filter(|(doc, _)| *doc == self.current)
            .map(|(_, m)| m)
    }

    /// The documents to index, once all are loaded and nobody indexes them
    /// yet: the loop builds the [`Index`] (on another thread) and answers
    /// with [`Msg::Indexed`].
    fn index_job(&mut self) -> Option<IndexJob> {
        if self.loading.done
            && self.index.is_none()
            && self.indexing.is_none()
            && !self.documents.is_empty()
        {
            self.indexing = Some(self.generation);
            Some(IndexJob {
                documents: Arc::clone(&self.documents),
                generation: self.generation,
                // (Once: documents read again later no longer agree with
                // the stamps taken before the first reading.)
                search_file_for: self.stamped.clone().filter(|_| self.stored.is_none()),
                index_from: self.stamped.take().filter(|_| self.stored.is_some()),
                update_from: self.index_before.take(),
            })
        } else {
            None
        }
    }

    /// Swaps in the documents the cache settled, once no other thread
    /// holds the documents (never a copy of them all): each only if it is
    /// still the one parsed (a reload may have replaced it). Their parsed
    /// text goes, and with it the reader's second copy of the corpus.
    fn settle(&mut self) {
        if self.settled.is_empty() {
            return;
        }
        let Some(documents) = Arc::get_mut(&mut self.documents) else {
            return;
        };
        for (n, doc) in self.settled.drain(..) {
            if let Some(held) = documents.get_mut(n)
                && held.owns_text()
                && held.path == doc.path
                && held.content_hash == doc.content_hash
                && held.bytes == doc.bytes
                && held.pairs.len() == doc.pairs.len()
            {
                *held = *doc;
                self.give_back_due = true;
            }
        }
    }

    /// Once every settled document is in (the loader is gone) and any was
    /// swapped: the memory their parsed text held, given back — once, not
    /// per document.
    fn give_back(&mut self) {
        if self.give_back_due && self.loader_gone && self.settled.is_empty() {
            self.give_back_due = false;
            self.effects.push(Effect::GiveBackMemory);
        }
    }

    /// The index built for an [`IndexJob`]'s `generation` of the
    /// documents; one built before a reload is dropped.
    fn indexed(&mut self, generation: u64, index: Arc<Index>) {
        // Either way that job is over; a stale one makes room for the next.
        if self.indexing == Some(generation) {
            self.indexing = None;
        }
        if generation != self.generation {
            return;
        }
        // The same index again, as the search file just written holds it
        // (mapped, not in the heap): it takes the other's place, and what
        // was worked out with that one stands.
        if self
            .index
            .as_ref()
            .is_some_and(|held| held.len() == index.len())
        {
            self.index = Some(index);
            return;
        }
        self.index = Some(index);
        // Hits from the search file name its statements: ranked again
        // over the index, they name the documents'.
        if self.stored.take().is_some() {
            self.search.forget_results();
        }
        self.trace_quotes();
        // The query is kept after a jump (Ctrl-n/Ctrl-p step through its
        // hits), so it is answered again even with the pane closed.
        if self.search_open() || !self.search.query.trim().is_empty() {
            self.refresh_search();
        }
    }

    /// Finds where the quotes come from, with the index just built, and
    /// shows it under them.
    fn trace_quotes(&mut self) {
        self.quote_sources = match &self.index {
            Some(index) if self.documents.iter().any(|d| !d.quotes.is_empty()) => {
                crate::search::sources::sources(index, &self.documents)
            }
            _ => Vec::new(),
        };
        if self.quote_sources.iter().flatten().any(Option::is_some) {
            self.rewrap_notes();
        }
    }

    /// The panes for the current screen size and focus; `None` when the
    /// terminal is too small to show anything but a note.
    pub fn panes(&self) -> Option<Panes> {
        panes(self.screen, self.focus, self.docs_hidden)
    }

    /// Index of the pair being read: the last one whose heading is at or
    /// above the top of the reading pane (the first while in the preamble).
    pub fn current_pair(&self) -> Option<usize> {
        let lines = self.reader.as_ref()?;
        if lines.pair_starts.is_empty() {
            return None;
        }
        Some(lines.pair_at(self.scroll).unwrap_or(0))
    }

    /// Rows of text the reading pane shows.
    pub fn reader_height(&self) -> usize {
        self.panes()
            .map(|p| usize::from(self.reader_text_area(p.reader).height))
            .unwrap_or(0)
            .max(1)
    }

    /// Lines in the open document at the current width.
    pub fn content_lines(&self) -> usize {
        self.reader.as_ref().map_or(0, |r| r.lines.len())
    }

    /// Furthest the reader scrolls: the last page, or further if that is
    /// what it takes to bring the last question's heading to the top.
    pub fn max_scroll(&self) -> usize {
        let Some(lines) = &self.reader else { return 0 };
        let last_page = lines.lines.len().saturating_sub(self.reader_height());
        last_page.max(lines.pair_starts.last().copied().unwrap_or(0))
    }

    /// How far through the document the reader is, 0–100.
    /// 100% once the last page is in view.
    pub fn percent(&self) -> usize {
        match self.content_lines().saturating_sub(self.reader_height()) {
            0 => 100,
            last_page => self.scroll.min(last_page) * 100 / last_page,
        }
    }

    // ----- changes -----

    /// Applies one message and returns what the event loop must do.
    pub fn update(&mut self, msg: impl Into<Msg>) -> Vec<Effect> {
        match msg.into() {
            Msg::Event(Event::Paste(text)) => self.paste(&text),
            Msg::Event(event) => {
                // The open layer's key table, and only it.
                let action = match (&event, self.layer.keys()) {
                    (Event::Key(key), Keys::Line) => keymap::line_action_for_key(key),
                    (_, keys) => self.keymap().action_for_event(&event, keys == Keys::Search),
                };
                if let Some(action) = action {
                    self.act(action);
                }
            }
            Msg::Action(action) => self.act(action),
            Msg::Load(event) => self.load(event),
            Msg::LoaderGone => {
                self.loader_gone = true;
                self.loader_finished();
            }
            Msg::Indexed(generation, index) => self.indexed(generation, index),
            Msg::DocumentsFree => {}
            Msg::FileChanged(path, hash) => self.file_changed(&path, hash),
            Msg::Saved(result) => self.saved(result),
            Msg::SaveDue => {
                if self.dirty
                    && let Some(job) = self.begin_save(false)
                {
                    self.effects.push(Effect::Save(job));
                }
            }
            Msg::Leaving => {
                if let Some(job) = self.begin_save(true) {
                    self.effects.push(Effect::SaveNow(job));
                }
            }
            Msg::Reloaded(index, result) => self.reloaded(index, result),
            // (Lines of a document no longer open are of no use.)
            Msg::SourceRead { doc, lines } => {
                if doc == self.current && self.layer.is_panes() {
                    self.show_source(lines);
                }
            }
            Msg::Exported(result) => self.exported(result),
            Msg::Notice(text) => self.notice(text),
        }
        // Work that follows from the new state, whatever changed it.
        self.settle();
        self.give_back();
        if let Some(job) = self.index_job() {
            self.effects.push(Effect::BuildIndex(job));
        }
        // Standard input and the built-in documents have no file to watch.
        let open = self
            .current_document()
            .and_then(|d| Some((d.file.as_deref()?, d.content_hash)));
        if open != self.watched.as_ref().map(|(p, h)| (p.as_path(), *h)) {
            self.watched = open.map(|(p, h)| (p.to_path_buf(), h));
            self.effects.push(Effect::Watch(self.watched.clone()));
        }
        std::mem::take(&mut self.effects)
    }

    /// Applies one action: a key, the mouse, a resize.
    fn act(&mut self, action: Action) {
        let is_key = !matches!(
            action,
            Action::Resize { .. } | Action::ScrollAt { .. } | Action::ClickAt { .. }
        );
        // A message stays until the user does something else.
        if is_key {
            self.message = None;
        }
        let before = self.position();
        self.apply(action);
        // As less marks the position before every jump, so that `''` comes
        // back: g, G, J, K, an opened document, question or bookmark, a
        // click — and n or p that moved more than a page. (Search jumps mark
        // where the search started themselves.)
        let after = self.position();
        let far = before.0 != after.0 || before.1.abs_diff(after.1) > self.reader_height();
        let jump = match action {
            Action::Top
            | Action::Bottom
            | Action::NextDocument
            | Action::PrevDocument
            | Action::Open
            | Action::ClickAt { .. }
            | Action::LineKey(EditKey::Enter) => true,
            Action::NextQuestion | Action::PrevQuestion => far,
            _ => false,
        };
        if jump && after != before {
            self.mark = Some(before);
        }
    }

    /// Hands the action to the layer in front; a resize and a suspend are
    /// everyone's.
    fn apply(&mut self, action: Action) {
        match action {
            Action::Resize { width, height } => {
                self.screen = Rect::new(0, 0, width, height);
                self.rewrap();
                self.clamp_overlays();
                return;
            }
            Action::Suspend => {
                self.effects.push(Effect::Suspend);
                return;
            }
            _ => {}
        }
        match &self.layer {
            Layer::Panes { .. } => self.panes_action(action),
            Layer::Help { .. } => self.help_action(action),
            Layer::Search { .. } => self.search_action(action),
            Layer::Bookmarks { .. } => self.bookmarks_action(action),
            Layer::Note(_) => self.note_action(action),
            Layer::Filter => self.filter_action(action),
            Layer::Source(_) => self.source_action(action),
            Layer::Speakers(_) => self.speakers_action(action),
            Layer::Related(_) => self.related_action(action),
            Layer::Code(_) => self.code_action(action),
            Layer::Codes(_) => self.codes_action(action),
        }
    }

    /// Keys with nothing over the panes.
    fn panes_action(&mut self, action: Action) {
        let mark_pending = std::mem::take(&mut self.layer) == Layer::Panes { mark_pending: true };
        match action {
            Action::Quit => self.effects.push(Effect::Quit),
            // Everyone's: see `apply`.
            Action::Suspend | Action::Resize { .. } => {}
            Action::Help => self.layer = Layer::Help { first: 0 },
            Action::Close => {}
            Action::Search => {
                self.layer = Layer::Search {
                    origin: self.position(),
                };
                self.refresh_search();
            }
            Action::NextHit => self.step_hit(1),
            Action::PrevHit => self.step_hit(-1),
            Action::Mark if mark_pending => self.back_to_mark(),
            Action::Mark => self.layer = Layer::Panes { mark_pending: true },
            Action::ToggleBookmark => self.toggle_bookmark(),
            Action::Related => self.open_related(),
            Action::Code => match (self.current_pair(), &self.store) {
                (None, _) => self.message = Some("no question here to code".into()),
                (Some(_), None) => {
                    self.message = Some("codes are not kept: no state folder".into());
                }
                (Some(pair), Some(_)) => {
                    self.layer = Layer::Code(NoteEdit {
                        pair: pair + 1,
                        line: LineEdit::default(),
                    });
                }
            },
            Action::Codes => self.open_codes(),
            Action::Speakers => {
                let people = match &self.index {
                    Some(index) => index.people(&self.documents).to_vec(),
                    None => crate::search::people::people(&self.documents),
                };
                if people.is_empty() {
                    self.message = Some("no speaker is named in these documents".into());
                } else {
                    self.layer = Layer::Speakers(SpeakersView {
                        people,
                        cursor: 0,
                        chosen: None,
                    });
                }
            }
            Action::Bookmarks => {
                if self.store.is_none() {
                    self.message = Some("bookmarks are not kept: no state folder".into());
                } else {
                    self.layer = Layer::Bookmarks { cursor: 0 };
                }
            }
            Action::Copy => self.copy_pair(),
            Action::Source => match self.current_pair() {
                Some(_) => self.effects.push(Effect::ReadSource { doc: self.current }),
                None => self.message = Some("no question here to show the source of".into()),
            },
            Action::Export => self.export_bookmarks(),
            Action::Reload => match self.current_document() {
                Some(doc) if doc.file.is_some() => {
                    let file = doc.file.clone().unwrap_or_default();
                    self.effects.push(Effect::Reload {
                        index: self.current,
                        file,
                        shown: doc.path.clone(),
                    });
                }
                Some(doc) if doc.path == "-" => {
                    self.message = Some("standard input cannot be read again".into());
                }
                Some(_) => {
                    self.message = Some("a built-in document has no file to read again".into());
                }
                None => {}
            },
            Action::EditNote => {
                if let Some(pair) = self.current_pair() {
                    let text = self.note(self.current, pair).unwrap_or("").to_string();
                    let cursor = text.chars().count();
                    self.layer = Layer::Note(NoteEdit {
                        pair: pair + 1,
                        line: LineEdit { text, cursor },
                    });
                    return;
                }
                self.message = Some("no question to annotate".into());
            }
            Action::LineKey(_) => {}
            Action::FilterDocuments => {
                self.layer = Layer::Filter;
                self.doc_filter.cursor = self.doc_filter.text.chars().count();
                self.show_documents();
            }
            Action::SortDocuments => {
                self.doc_sort = self.doc_sort.next();
                self.refresh_doc_rows(false);
                self.show_documents();
                self.message = Some(format!("documents sorted by {}", self.doc_sort.name()));
            }
            // Keys of the search pane do nothing outside it.
            Action::SearchInput(_)
            | Action::SearchBackspace
            | Action::SearchDeleteWord
            | Action::SearchClear
            | Action::SearchScope
            | Action::SearchJump
            | Action::SearchClose => {}
            Action::Down => self.move_in_focus(1),
            Action::Up => self.move_in_focus(-1),
            Action::HalfPageDown => self.move_in_focus(self.page_of_focus() / 2),
            Action::HalfPageUp => self.move_in_focus(-(self.page_of_focus() / 2)),
            Action::PageDown => self.move_in_focus(self.page_of_focus()),
            Action::PageUp => self.move_in_focus(-self.page_of_focus()),
            Action::Top => self.move_in_focus(isize::MIN),
            // The reader's bottom is the last full page, not the furthest
            // it can scroll (see `max_scroll`).
            Action::Bottom if self.focus == Focus::Reader => {
                let last_page = self.content_lines().saturating_sub(self.reader_height());
                self.scroll_to(last_page);
            }
            Action::Bottom => self.move_in_focus(isize::MAX),
            Action::NextQuestion => self.next_question(),
            Action::PrevQuestion => self.prev_question(),
            // In the order the documents pane lists them.
            Action::NextDocument => match self.row_of(self.current) {
                Some(row) => match self.shown_document(row + 1) {
                    Some(next) => self.open_document(next),
                    None => self.message = Some("last document".into()),
                },
                None => {
                    if let Some(first) = self.shown_document(0) {
                        self.open_document(first);
                    }
                }
            },
            Action::PrevDocument => match self.row_of(self.current) {
                Some(0) => self.message = Some("first document".into()),
                Some(row) => {
                    if let Some(prev) = self.shown_document(row - 1) {
                        self.open_document(prev);
                    }
                }
                None => {
                    if let Some(first) = self.shown_document(0) {
                        self.open_document(first);
                    }
                }
            },
            Action::FocusNext => self.set_focus(Focus::ORDER[(self.focus.index() + 1) % 3]),
            Action::FocusPrev => self.set_focus(Focus::ORDER[(self.focus.index() + 2) % 3]),
            Action::FocusLeft => self.set_focus(Focus::ORDER[self.focus.index().saturating_sub(1)]),
            Action::FocusRight => self.set_focus(Focus::ORDER[(self.focus.index() + 1).min(2)]),
            Action::Open => self.open_selection(),
            Action::ToggleDocuments => {
                let shown = self.panes().is_some_and(|p| p.documents.is_some());
                if shown {
                    self.docs_hidden = true;
                    if self.focus == Focus::Documents {
                        self.focus = Focus::Questions;
                    }
                } else {
                    self.docs_hidden = false;
                    self.focus = Focus::Documents;
                }
                // The reader may have changed width.
                self.rewrap();
            }
            Action::ScrollAt { column, row, down } => self.scroll_at(column, row, down),
            Action::ClickAt { column, row } => self.click_at(column, row),
        }
    }

    /// Keys while the search pane is open.
    fn search_action(&mut self, action: Action) {
        let Layer::Search { origin } = self.layer else {
            return;
        };
        match action {
            Action::Quit => self.effects.push(Effect::Quit),
            Action::Copy => self.copy_hit(),
            Action::SearchInput(_)
            | Action::SearchBackspace
            | Action::SearchDeleteWord
            | Action::SearchClear
                if self.search.edit(action) =>
            {
                self.refresh_search();
            }
            Action::SearchScope => {
                let (documents, index) = (&self.documents, self.index.as_ref());
                let here = (self.current, self.current_pair());
                let stepped = self.search.next_scope(|| {
                    let index = index.ok_or("the search index is still being built")?;
                    SaidBy::answering(documents, index.people(documents), here.0, here.1)
                });
                if let Err(why) = stepped {
                    self.message = Some(format!("no person scope: {}", printable(&why)));
                }
                self.refresh_search();
            }
            Action::NextHit | Action::Down => self.move_hit_selection(1),
            Action::PrevHit | Action::Up => self.search.move_selection(-1),
            Action::PageDown => self.move_hit_selection(self.hits_page()),
            Action::PageUp => self.search.move_selection(-self.hits_page()),
            // (A hit whose document has not loaded yet keeps the pane
            // open, with the reason on the status line.)
            Action::SearchJump => {
                if let Some(s) = self.hit_statement(self.search.selected) {
                    self.layer = Layer::default();
                    self.show_statement(s);
                    self.mark = Some(origin);
                }
            }
            Action::SearchClose => {
                self.layer = Layer::default();
                // The pane never moved the reader: closing it is being back.
                self.go_to_position(origin);
            }
            _ => {}
        }
    }

    /// Keys while the note editor is open.
    fn note_action(&mut self, action: Action) {
        match action {
            Action::LineKey(EditKey::Esc) => self.layer = Layer::default(),
            Action::LineKey(EditKey::Enter) => {
                let Layer::Note(edit) = std::mem::take(&mut self.layer) else {
                    return;
                };
                match (&mut self.store, self.documents.get(self.current)) {
                    (Some(store), Some(doc)) => {
                        store.state.set_note(doc, edit.pair, &edit.text);
                        store.touch(doc);
                        self.dirty = true;
                        self.message = Some(format!("note saved on Q{}", edit.pair));
                    }
                    _ => self.message = Some("notes are not kept: no state folder".into()),
                }
                self.rewrap_notes();
            }
            Action::LineKey(key) => {
                if let Layer::Note(edit) = &mut self.layer {
                    edit.edit(key);
                }
            }
            Action::Quit => self.effects.push(Effect::Quit),
            _ => {}
        }
    }

    /// Keys while the documents filter is typed.
    fn filter_action(&mut self, action: Action) {
        match action {
            Action::LineKey(EditKey::Esc) => {
                self.layer = Layer::default();
                self.doc_filter = LineEdit::default();
                self.refresh_doc_rows(false);
            }
            Action::LineKey(EditKey::Enter) => {
                self.layer = Layer::default();
                // As fzf: Enter takes the selection.
                match self.shown_document(self.doc_cursor) {
                    Some(doc) => {
                        if doc != self.current {
                            self.open_document(doc);
                        }
                        self.focus = Focus::Reader;
                        self.rewrap();
                    }
                    None => self.message = Some("no document matches the filter".into()),
                }
            }
            Action::LineKey(key) => {
                let before = self.doc_filter.text.clone();
                self.doc_filter.edit(key);
                if self.doc_filter.text != before {
                    self.refresh_doc_rows(true);
                }
            }
            Action::Down | Action::Up => {
                let delta = if action == Action::Down { 1 } else { -1 };
                self.doc_cursor = step(self.doc_cursor, delta, self.shown_documents());
            }
            Action::Quit => self.effects.push(Effect::Quit),
            _ => {}
        }
    }

    /// Lists the documents again after the filter, the order or the
    /// documents changed. A new filter selects its best match (the first
    /// row); otherwise the selected document stays selected.
    fn refresh_doc_rows(&mut self, new_filter: bool) {
        let selected = self.shown_document(self.doc_cursor);
        let filter = self.doc_filter.text.trim();
        self.doc_rows = (!filter.is_empty() || self.doc_sort != DocSort::Path)
            .then(|| crate::listing::order(&self.documents, filter, self.doc_sort));
        self.doc_cursor = match selected.and_then(|i| self.row_of(i)) {
            Some(row) if !new_filter => row,
            _ => 0,
        };
    }

    /// Unfolds the documents pane and gives it the focus.
    fn show_documents(&mut self) {
        self.docs_hidden = false;
        self.focus = Focus::Documents;
        self.rewrap();
    }

    /// Keys while the bookmarks overlay is open.
    fn bookmarks_action(&mut self, action: Action) {
        let Layer::Bookmarks { cursor } = self.layer else {
            return;
        };
        let len = self.bookmark_entries().len();
        let to = |cursor| Layer::Bookmarks { cursor };
        match action {
            Action::Close | Action::Bookmarks => self.layer = Layer::default(),
            Action::Quit => self.effects.push(Effect::Quit),
            Action::Down => self.layer = to(step(cursor, 1, len)),
            Action::Up => self.layer = to(step(cursor, -1, len)),
            Action::Top => self.layer = to(0),
            Action::Bottom => self.layer = to(len.saturating_sub(1)),
            Action::Open => {
                let Some(entry) = self.bookmark_entries().into_iter().nth(cursor) else {
                    return;
                };
                self.go_to(entry.doc, Some(entry.pair.saturating_sub(1)));
            }
            // Anything else would act on panes hidden under the overlay.
            _ => {}
        }
    }

    /// Keys while the speakers view is open: move, Enter chooses a person
    /// (their turns) or a turn (goes there), Esc goes back a level.
    fn speakers_action(&mut self, action: Action) {
        let page = self.overlay_page();
        let Layer::Speakers(view) = &mut self.layer else {
            return;
        };
        if let Some(row) = list_step(action, view.selected(), view.rows(), page) {
            view.select(row);
            return;
        }
        let rows = view.rows();
        match action {
            Action::Close if view.chosen.is_some() => view.chosen = None,
            Action::Close | Action::Speakers | Action::Quit => self.layer = Layer::default(),
            // `/`: search what this person said (`@putin `): once every
            // document is indexed (the people listed while loading are
            // those loaded so far, and `@` words that pick out one of them
            // may name someone else in a document still to come).
            Action::Search if self.index.is_none() => {
                self.message = Some("the search index is still being built".into());
            }
            Action::Search => {
                let person = view.chosen.map_or(view.cursor, |(p, _)| p);
                let Some(person) = view.people.get(person) else {
                    return;
                };
                match SaidBy::person(person, &view.people) {
                    Ok(said_by) => self.search.said_by = Some(said_by),
                    Err(why) => {
                        self.message = Some(printable(&why).into_owned());
                        return;
                    }
                }
                self.layer = Layer::Search {
                    origin: self.position(),
                };
                self.refresh_search();
            }
            Action::Open => match view.chosen {
                None if rows > 0 => view.chosen = Some((view.cursor, 0)),
                None => {}
                Some((p, t)) => {
                    let Some(turn) = view.people.get(p).and_then(|p| p.turns.get(t)).copied()
                    else {
                        return;
                    };
                    self.go_to(turn.doc, turn.pair());
                }
            },
            // Anything else would act on panes hidden under the overlay.
            _ => {}
        }
    }

    /// Keys while a code is typed: Tab completes it from the codes given,
    /// Enter gives it to the pair (or takes it off), Esc cancels.
    fn code_action(&mut self, action: Action) {
        match action {
            Action::LineKey(EditKey::Esc) => self.layer = Layer::default(),
            Action::LineKey(EditKey::Tab) => {
                let given = self
                    .store
                    .as_ref()
                    .map(|s| s.state.code_counts())
                    .unwrap_or_default();
                if let Layer::Code(edit) = &mut self.layer {
                    let typed = edit.text.trim().to_lowercase();
                    if let Some(code) = given.keys().find(|c| c.to_lowercase().starts_with(&typed))
                    {
                        edit.text = code.clone();
                        edit.cursor = code.chars().count();
                    }
                }
            }
            Action::LineKey(EditKey::Enter) => {
                let Layer::Code(edit) = std::mem::take(&mut self.layer) else {
                    return;
                };
                let (Some(store), Some(doc)) = (&mut self.store, self.documents.get(self.current))
                else {
                    return;
                };
                let Some(on) = store.state.toggle_code(doc, edit.pair, &edit.text) else {
                    self.message = Some("no code given: type one (Tab completes)".into());
                    return;
                };
                store.touch(doc);
                self.dirty = true;
                let code = crate::state::clean_code(&edit.text).unwrap_or_default();
                self.message = Some(if on {
                    format!("Q{} coded “{}”", edit.pair, printable(&code))
                } else {
                    format!("“{}” taken off Q{}", printable(&code), edit.pair)
                });
                self.rewrap_notes();
            }
            Action::LineKey(key) => {
                if let Layer::Code(edit) = &mut self.layer {
                    edit.edit(key);
                }
            }
            Action::Quit => self.effects.push(Effect::Quit),
            _ => {}
        }
    }

    /// `C`: every code given to a pair of the open documents, and its pairs.
    fn open_codes(&mut self) {
        let Some(store) = &self.store else {
            self.message = Some("codes are not kept: no state folder".into());
            return;
        };
        let mut by_code: std::collections::BTreeMap<&str, Vec<(usize, usize)>> =
            std::collections::BTreeMap::new();
        for (i, doc) in self.documents.iter().enumerate() {
            let Some(state) = store.state.doc(doc) else {
                continue;
            };
            for b in state.bookmarks.iter().filter(|b| !b.stale) {
                for c in &b.codes {
                    by_code
                        .entry(c)
                        .or_default()
                        .push((i, b.pair.saturating_sub(1)));
                }
            }
        }
        if by_code.is_empty() {
            let key = self.keymap().first_key(Action::Code);
            self.message = Some(format!("no codes yet: {key} codes the question being read"));
            return;
        }
        let codes = by_code
            .into_iter()
            .map(|(c, pairs)| (c.to_string(), pairs))
            .collect();
        self.layer = Layer::Codes(CodesView {
            codes,
            cursor: 0,
            chosen: None,
        });
    }

    /// Keys while the codes are listed: Enter lists a code's pairs, Enter
    /// on one goes there, Esc goes back a level.
    fn codes_action(&mut self, action: Action) {
        let page = self.overlay_page();
        let Layer::Codes(view) = &mut self.layer else {
            return;
        };
        let rows = view.rows();
        let at = view.chosen.map_or(view.cursor, |(_, p)| p);
        if let Some(row) = list_step(action, at, rows, page) {
            match &mut view.chosen {
                Some((_, p)) => *p = row,
                None => view.cursor = row,
            }
            return;
        }
        match action {
            // `f` on a code: the questions pane lists only the questions
            // that have it (again on the same code: all of them).
            Action::FilterDocuments if view.chosen.is_none() => {
                let Some((code, _)) = view.codes.get(view.cursor) else {
                    return;
                };
                let code = code.clone();
                self.layer = Layer::default();
                if self.code_filter.as_deref() == Some(code.as_str()) {
                    self.code_filter = None;
                    self.message = Some("questions: all of them again".into());
                } else {
                    self.message = Some(format!(
                        "questions: only those coded “{}” (C, then f on it again: all)",
                        printable(&code)
                    ));
                    self.code_filter = Some(code);
                    self.focus = Focus::Questions;
                    self.rewrap();
                    // To the first coded question of the open document.
                    if let Some(&first) = self.question_rows().first() {
                        self.question_cursor = first;
                    }
                }
            }
            Action::Close if view.chosen.is_some() => view.chosen = None,
            Action::Close | Action::Codes | Action::Quit => self.layer = Layer::default(),
            Action::Open => match view.chosen {
                None if rows > 0 => view.chosen = Some((view.cursor, 0)),
                None => {}
                Some((c, p)) => {
                    let Some(&(doc, pair)) = view.codes.get(c).and_then(|c| c.1.get(p)) else {
                        return;
                    };
                    self.go_to(doc, Some(pair));
                }
            },
            // Anything else would act on panes hidden under the overlay.
            _ => {}
        }
    }

    /// The codes view, while open.
    pub fn codes_view(&self) -> Option<&CodesView> {
        match &self.layer {
            Layer::Codes(view) => Some(view),
            _ => None,
        }
    }

    /// `s`: the questions of other documents most like the one being read.
    fn open_related(&mut self) {
        let Some(pair) = self.current_pair() else {
            self.message = Some("no question here to look for elsewhere".into());
            return;
        };
        let Some(index) = &self.index else {
            self.message = Some("the search index is still being built".into());
            return;
        };
        let found = crate::search::related::related(index, &self.documents, self.current, pair, 30);
        if found.is_empty() {
            self.message = Some(format!(
                "no question like Q{} in the other documents",
                pair + 1
            ));
            return;
        }
        self.layer = Layer::Related(RelatedView {
            doc: self.current,
            pair,
            items: found
                .into_iter()
                .map(|r| (r.doc, r.pair, r.shared))
                .collect(),
            cursor: 0,
        });
    }

    /// Keys while the related questions are listed: move, Enter goes there.
    fn related_action(&mut self, action: Action) {
        let page = self.overlay_page();
        let Layer::Related(view) = &mut self.layer else {
            return;
        };
        if let Some(row) = list_step(action, view.cursor, view.items.len(), page) {
            view.cursor = row;
            return;
        }
        match action {
            Action::Close | Action::Related | Action::Quit => self.layer = Layer::default(),
            Action::Open => {
                let Some(&(doc, pair, _)) = view.items.get(view.cursor) else {
                    return;
                };
                self.go_to(doc, Some(pair));
            }
            // Anything else would act on panes hidden under the overlay.
            _ => {}
        }
    }

    /// The related questions, while listed.
    pub fn related_view(&self) -> Option<&RelatedView> {
        match &self.layer {
            Layer::Related(view) => Some(view),
            _ => None,
        }
    }

    /// Closes the overlay and shows document `doc` in the reader, at pair
    /// `pair` when given (a jump: `''` comes back).
    fn go_to(&mut self, doc: usize, pair: Option<usize>) {
        self.layer = Layer::default();
        if doc != self.current {
            self.open_document(doc);
        }
        self.focus = Focus::Reader;
        self.rewrap();
        if let Some(pair) = pair {
            self.go_to_pair(pair);
        }
    }

    /// Rows a list overlay shows at once (its page).
    fn overlay_page(&self) -> usize {
        usize::from(self.screen.height.saturating_sub(6)).max(1)
    }

    /// The speakers view, while open.
    pub fn speakers_view(&self) -> Option<&SpeakersView> {
        match &self.layer {
            Layer::Speakers(view) => Some(view),
            _ => None,
        }
    }

    fn toggle_bookmark(&mut self) {
        let (Some(pair), Some(doc)) = (self.current_pair(), self.documents.get(self.current))
        else {
            self.message = Some("no question to bookmark".into());
            return;
        };
        let Some(store) = &mut self.store else {
            self.message = Some("bookmarks are not kept: no state folder".into());
            return;
        };
        let number = pair + 1;
        // What goes with the bookmark, said, so that `m` never loses a
        // note or codes unseen.
        let had_note = store.state.note(doc, number).is_some();
        let had_codes = store.state.codes(doc, number).join(", ");
        let on = store.state.toggle_bookmark(doc, number);
        store.touch(doc);
        self.dirty = true;
        self.message = Some(match (on, had_note, had_codes.is_empty()) {
            (true, ..) => format!("bookmarked Q{number}"),
            (false, false, true) => "bookmark removed".into(),
            (false, true, true) => "bookmark removed, with its note".into(),
            (false, false, false) => format!(
                "bookmark removed, with its codes: {}",
                printable(&had_codes)
            ),
            (false, true, false) => format!(
                "bookmark removed, with its note and codes: {}",
                printable(&had_codes)
            ),
        });
        // A removed bookmark takes its note with it.
        self.rewrap_notes();
    }

    fn set_clipboard(&mut self, text: String, what: &str) {
        self.message = Some(format!(
            "copied {what} ({} chars)",
            thousands(text.chars().count())
        ));
        self.effects.push(Effect::Clipboard(text));
    }

    /// `y`: the pair being read, with its citation.
    fn copy_pair(&mut self) {
        let Some(doc) = self.documents.get(self.current) else {
            return;
        };
        let Some(pair) = self.current_pair().and_then(|p| doc.pairs.get(p)) else {
            self.message = Some("no question to copy".into());
            return;
        };
        let text = citation::pair_with_citation(doc, pair);
        let what = format!("Q{}", pair.number);
        self.set_clipboard(text, &what);
    }

    /// Ctrl-y in the search pane: the selected hit's statement, with its citation.
    fn copy_hit(&mut self) {
        let (Some(index), Some(hit)) = (
            &self.index,
            self.search.results.hits.get(self.search.selected),
        ) else {
            self.message = Some("no hit to copy".into());
            return;
        };
        let s = *index.statement(hit.statement);
        let doc = &self.documents[s.doc as usize];
        let pair = s.pair.and_then(|p| doc.pairs.get(p as usize));
        let text = citation::statement_with_citation(
            doc,
            pair,
            s.paragraph(&self.documents),
            s.text(&self.documents),
        );
        let what = match pair {
            Some(p) => format!("a statement of Q{}", p.number),
            None => "a statement".to_string(),
        };
        self.set_clipboard(text, &what);
    }

    /// `e`: asks the event loop to write the bookmarks' Markdown.
    fn export_bookmarks(&mut self) {
        match &self.store {
            Some(store) if !self.bookmark_entries().is_empty() => {
                let markdown = citation::bookmarks_markdown(&self.documents, &store.state);
                self.effects.push(Effect::Export(markdown));
            }
            _ => self.message = Some("no bookmarks to export".into()),
        }
    }

    /// Where the reader is in the open document goes into the store.
    fn remember_position(&mut self) {
        // A position not applied yet is still the stored one.
        if self.restore.is_some() {
            return;
        }
        let pair = self.current_pair().map_or(0, |p| p + 1);
        let scroll = self.scroll;
        let (Some(store), Some(doc), Some(reader)) = (
            &mut self.store,
            self.documents.get(self.current),
            &self.reader,
        ) else {
            return;
        };
        // Lines wrapped to no width (before the first resize) are no position.
        if reader.document != self.current || reader.width == 0 {
            return;
        }
        let position = Position { pair, scroll };
        if store.state.doc(doc).map(|d| d.position) != Some(position)
            || store.state.last_document.as_deref() != Some(&store.state.key(doc))
        {
            store.state.set_position(doc, position);
            store.touch(doc);
            self.dirty = true;
        }
    }

    /// Notes are part of the reader's lines: wrap again after one changes.
    fn rewrap_notes(&mut self) {
        if let Some(reader) = &mut self.reader {
            // u16::MAX never matches a real width, so rewrap rebuilds.
            reader.width = u16::MAX;
        }
        self.rewrap();
    }

    fn hits_page(&self) -> isize {
        let main = Rect {
            height: self.screen.height.saturating_sub(1),
            ..self.screen
        };
        isize::try_from(layout::visible_hits(main)).unwrap_or(1)
    }

    /// Pasted text (bracketed paste): text wherever text goes — the search
    /// query or the note being written — as one edit, searched once; never
    /// keys, so a `q` or a line break in a paste runs nothing. Line breaks
    /// and tabs become spaces and unsafe characters are dropped; the query
    /// keeps at most [`MAX_QUERY_CHARS`].
    fn paste(&mut self, text: &str) {
        let clean = text.chars().filter_map(|c| match c {
            '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}' => Some(' '),
            c if c.is_control() || crate::text::is_unsafe_char(c) => None,
            c => Some(c),
        });
        match &mut self.layer {
            Layer::Note(edit) | Layer::Code(edit) => edit.insert(&clean.collect::<String>()),
            Layer::Search { .. } => {
                let room = MAX_QUERY_CHARS.saturating_sub(self.search.query.chars().count());
                let before = self.search.query.len();
                self.search.query.extend(clean.take(room));
                if self.search.query.len() != before {
                    self.refresh_search();
                }
            }
            _ => {
                self.message =
                    Some("pasted text goes into search (/) or a note (a); nothing was run".into());
            }
        }
    }

    fn refresh_search(&mut self) {
        let (search, base) = (
            &mut self.search,
            search_base(&self.index, &self.stored, &self.documents),
        );
        if let Some((index, texts)) = base {
            // The document being read, as the search file numbers it (its
            // numbering is the files' when it was written: one that does
            // not load now shifts the rest).
            let current = match texts {
                Texts::Parsed(_) => self.current,
                Texts::Stored(kept) => self
                    .documents
                    .get(self.current)
                    .and_then(|d| kept.documents.iter().position(|k| k.path == d.path))
                    .unwrap_or(usize::MAX),
            };
            search.refresh(index, texts, current);
        }
        self.distrust_damaged_search_file();
    }

    /// A search over the cache's search file read a block of text that
    /// did not agree with its checksum: its hits are dropped, searching
    /// waits for the index, and a search file is written anew with it.
    /// Whether it did.
    fn distrust_damaged_search_file(&mut self) -> bool {
        let damaged = self.stored.as_ref().is_some_and(|f| f.texts.damaged());
        if damaged {
            self.stored = None;
            self.search.forget_results();
            self.message = Some(
                "the cache's search file is damaged: searching once the index is built".into(),
            );
        }
        damaged
    }

    /// (document, scroll): what `''` returns to.
    fn position(&self) -> (usize, usize) {
        (self.current, self.scroll)
    }

    fn go_to_position(&mut self, (doc, scroll): (usize, usize)) {
        if doc != self.current {
            self.open_document(doc);
        }
        self.scroll_to(scroll);
    }

    /// `''`: back to where the reader was before the jump; again, back to the hit.
    fn back_to_mark(&mut self) {
        match self.mark.take() {
            Some(mark) => {
                self.mark = Some(self.position());
                self.go_to_position(mark);
            }
            None => self.message = Some("no jump to go back from".into()),
        }
    }

    /// Moves the search pane's selection down, ranking more hits first
    /// when it nears the end of those ranked.
    fn move_hit_selection(&mut self, delta: isize) {
        let page = usize::try_from(self.hits_page()).unwrap_or(1);
        if let Some((index, texts)) = search_base(&self.index, &self.stored, &self.documents) {
            let wanted = self.search.selected.saturating_add_signed(delta);
            self.search.rank_more(index, texts, wanted, page);
        }
        self.distrust_damaged_search_file();
        self.search.move_selection(delta);
    }

    /// Ctrl-n / Ctrl-p in the reader: the next hit of the kept query.
    fn step_hit(&mut self, delta: isize) {
        if delta > 0
            && let Some((index, texts)) = search_base(&self.index, &self.stored, &self.documents)
        {
            let wanted = self.search.selected + 1;
            self.search.rank_more(index, texts, wanted, 0);
        }
        if self.distrust_damaged_search_file() {
            return;
        }
        let len = self.search.results.hits.len();
        if len == 0 {
            let search = self.keymap().first_key(Action::Search);
            self.message = Some(if search.is_empty() {
                "no search hits".into()
            } else {
                format!("no search hits: {search} searches")
            });
            return;
        }
        let target = self.search.selected.saturating_add_signed(delta);
        if target >= len {
            self.message = Some(if delta > 0 {
                format!("last hit ({len} of {len})")
            } else {
                "first hit".into()
            });
            return;
        }
        let from = self.position();
        self.search.selected = target;
        self.jump_to_hit(target);
        if self.mark.is_none() {
            self.mark = Some(from);
        }
    }

    /// Shows hit `i` in the reader: its document, its pair, the statement highlighted.
    fn jump_to_hit(&mut self, i: usize) {
        if let Some(s) = self.hit_statement(i) {
            self.show_statement(s);
        }
    }

    /// Shows statement `s` of the parsed documents, highlighted, with its
    /// pair's heading when it fits.
    fn show_statement(&mut self, s: Statement) {
        let doc = s.doc as usize;
        self.marked = Some((doc, Marked::of(&s)));
        self.focus = Focus::Reader;
        if doc != self.current {
            self.open_document(doc);
        } else {
            self.rewrap();
        }
        let Some(lines) = &self.reader else { return };
        let Some(line) = lines.marked_line else {
            return;
        };
        let pair_start = s
            .pair
            .and_then(|p| lines.pair_starts.get(p as usize).copied());
        let room = self.reader_height().saturating_sub(2);
        let top = match pair_start {
            // The pair's heading too, when the statement still fits under it.
            Some(start) if line >= start && line - start < room => start,
            _ => line.saturating_sub(2),
        };
        self.scroll_to(top);
    }

    /// Hit `i` as a statement of the parsed documents. A hit from the
    /// search file is looked for in them: when its document has not loaded
    /// yet (or reads otherwise now), the status line says so.
    fn hit_statement(&mut self, i: usize) -> Option<Statement> {
        let hit = self.search.results.hits.get(i)?;
        let (index, texts) = search_base(&self.index, &self.stored, &self.documents)?;
        let s = *index.statement(hit.statement);
        let Texts::Stored(kept) = texts else {
            return Some(s);
        };
        let found = kept.in_documents(hit.statement, &s, &self.documents);
        if kept.damaged() {
            self.distrust_damaged_search_file();
            return None;
        }
        if found.is_none() {
            let name = printable(texts.file_name(s.doc)).into_owned();
            self.message = Some(if self.loading.done {
                format!("{name} reads otherwise than when it was indexed; the index is on its way")
            } else {
                format!("{name} has not loaded yet")
            });
        }
        found
    }

    /// Keys while the help is open scroll it or close it.
    fn help_action(&mut self, action: Action) {
        let Layer::Help { first } = self.layer else {
            return;
        };
        let table = self.settings.keymap.help_table();
        let visible = layout::help_visible_rows(self.screen, &table);
        let max = table.len().saturating_sub(visible);
        let closers = [Action::Close, Action::Help, Action::Quit];
        match scroll(first, action, visible, max, &closers) {
            Scrolled::To(first) => self.layer = Layer::Help { first },
            Scrolled::Close => self.layer = Layer::default(),
            Scrolled::Ignored => {}
        }
    }

    /// After a resize an overlay may show more rows: it scrolls no further
    /// than its last page.
    fn clamp_overlays(&mut self) {
        match &mut self.layer {
            Layer::Help { first } => {
                let table = self.settings.keymap.help_table();
                let visible = layout::help_visible_rows(self.screen, &table);
                *first = (*first).min(table.len().saturating_sub(visible));
            }
            Layer::Source(view) => {
                let visible = layout::source_visible_rows(self.screen);
                view.scroll = view.scroll.min(view.rows.len().saturating_sub(visible));
            }
            _ => {}
        }
    }

    /// Applies one loader event.
    fn load(&mut self, event: LoadEvent) {
        match event {
            LoadEvent::Found(n) => self.loading.found = Some(n),
            LoadEvent::Document(doc) => {
                // A file changed since last time: its bookmarks follow it now.
                if let Some(store) = &mut self.store
                    && store.state.adopt(&doc)
                {
                    store.touch(&doc);
                    self.dirty = true;
                }
                // Nobody else holds the documents while loading: no copy.
                let key = self.store.as_ref().map(|s| s.state.key(&doc));
                Arc::make_mut(&mut self.documents).push(*doc);
                self.loading.loaded += 1;
                if self.doc_rows.is_some() {
                    self.refresh_doc_rows(false);
                }
                let last = self.documents.len() - 1;
                if key.is_some() && self.last_document == key {
                    // Where the reader was last time, once it is here.
                    self.last_document = None;
                    self.open_document(last);
                } else if last == 0 {
                    self.open_document(0);
                }
            }
            LoadEvent::Message(text) => {
                // Every problem counts; the latest is said, with how many
                // came before it (the status line holds one).
                self.load_problems += 1;
                let text = printable(&text).into_owned();
                self.message = Some(match self.load_problems {
                    1 => text,
                    n => format!("{n} files not read; last: {text}"),
                });
            }
            LoadEvent::Done => self.loader_finished(),
            LoadEvent::Stamped(files) => self.stamped = Some(files),
            LoadEvent::Settled(n, doc) => self.settled.push((n, doc)),
            LoadEvent::Searchable(found) => {
                if self.index.is_none() {
                    self.stored = Some(found);
                    if !self.search.query.trim().is_empty() {
                        self.refresh_search();
                    }
                }
            }
        }
    }

    /// The open document's source lines, read by the event loop: the view
    /// of the pair being read opens on them, the statement a search jumped
    /// to (if it is in that pair) marked and scrolled to.
    fn show_source(&mut self, lines: Result<Vec<String>, String>) {
        let lines = match lines {
            Ok(lines) => lines,
            Err(e) => {
                self.message = Some(format!("no source to show: {}", printable(&e)));
                return;
            }
        };
        let (Some(doc), Some(pair)) = (self.current_document(), self.current_pair()) else {
            return;
        };
        let Some(p) = doc.pairs.get(pair) else {
            return;
        };
        let Some(range) = crate::source::pair_lines(p) else {
            self.message = Some("this pair has no lines in the source".into());
            return;
        };
        let marked = self
            .marked
            .filter(|(d, m)| *d == self.current && m.pair == Some(pair as u32))
            .map(|(d, m)| {
                crate::search::Statement {
                    doc: d as u32,
                    pair: m.pair,
                    part: m.part,
                    para: m.para,
                    start: m.start as u32,
                    end: m.end as u32,
                }
                .paragraph(&self.documents)
                .lines
            });
        let title = format!(
            "{} · {}",
            doc.file_name(),
            citation::place(doc, range).unwrap_or_default()
        );
        let rows = crate::source::view(doc, &lines, range);
        // The marked statement a few lines from the top, if there is one.
        let scroll = marked.map_or(0, |m| m.first.saturating_sub(range.first).saturating_sub(2));
        self.layer = Layer::Source(SourceView {
            title: printable(&title).into_owned(),
            rows,
            marked,
            scroll,
        });
        self.clamp_overlays();
    }

    pub fn source_view(&self) -> Option<&SourceView> {
        match &self.layer {
            Layer::Source(view) => Some(view),
            _ => None,
        }
    }

    /// Keys while the source view is open: it scrolls, and closes as help does.
    fn source_action(&mut self, action: Action) {
        let Layer::Source(view) = &mut self.layer else {
            return;
        };
        let visible = layout::source_visible_rows(self.screen);
        let max = view.rows.len().saturating_sub(visible);
        let closers = [Action::Close, Action::Source, Action::Quit];
        match scroll(view.scroll, action, visible, max, &closers) {
            Scrolled::To(first) => view.scroll = first,
            Scrolled::Close => self.layer = Layer::default(),
            Scrolled::Ignored => {}
        }
    }

    /// The file at `path` now holds content with hash `on_disk`: flagged as
    /// changed unless that is what was loaded (a file written back to what
    /// it was, or a report that raced a reload).
    fn file_changed(&mut self, path: &std::path::Path, on_disk: u64) {
        let Some(doc) = self
            .documents
            .iter()
            .find(|d| d.file.as_deref() == Some(path))
        else {
            return;
        };
        if doc.content_hash != on_disk {
            self.changed_on_disk.insert(path.to_path_buf());
        } else {
            self.changed_on_disk.remove(path);
        }
    }

    /// Whether the open document's file changed since it was loaded.
    pub fn current_changed_on_disk(&self) -> bool {
        self.current_document()
            .and_then(|d| d.file.as_deref())
            .is_some_and(|f| self.changed_on_disk.contains(f))
    }

    /// Document `index` read again ([`Effect::Reload`]): it replaces the
    /// old one, the reader stays at the same question, bookmarks and notes
    /// follow their question text, and the search index is rebuilt (its
    /// statements point into the old text).
    fn reloaded(&mut self, index: usize, result: Result<Box<Document>, String>) {
        let new = match result {
            Ok(doc) => *doc,
            Err(e) => {
                self.message = Some(format!("cannot reload: {}", printable(&e)));
                return;
            }
        };
        let Some(old_hash) = self.documents.get(index).map(|d| d.content_hash) else {
            return;
        };
        if let Some(f) = &new.file {
            self.changed_on_disk.remove(f);
        }
        if old_hash == new.content_hash {
            self.message = Some(format!("{}: unchanged on disk", new.file_name()));
            return;
        }
        if index == self.current {
            self.remember_position();
        }
        let old = &self.documents[index];
        if let Some(store) = &mut self.store
            && store.state.doc(old).is_some()
        {
            // Found by path, moved to the new content hash, re-anchored.
            store.touch(old);
            store.state.doc_mut(&new);
            store.touch(&new);
            self.dirty = true;
        }
        // The question being read, to find it again in the new text.
        let reading = (index == self.current)
            .then(|| self.current_pair())
            .flatten()
            .map(|p| (p, old.pairs.get(p).map(|q| q.question_text())));
        self.message = Some(format!(
            "reloaded {}: {} question{}",
            new.file_name(),
            new.pairs.len(),
            if new.pairs.len() == 1 { "" } else { "s" }
        ));
        Arc::make_mut(&mut self.documents)[index] = new;
        if self.doc_rows.is_some() {
            self.refresh_doc_rows(false);
        }
        // Statement numbers and byte ranges point into the old text; a job
        // still building the old index is dropped when it reports back.
        // The new one is the old one updated: every other document's part
        // of it taken as it is.
        self.generation += 1;
        let documents = self.documents.len() as u32;
        self.index_before = match self.index.take() {
            Some(before) => Some((before, (0..documents).map(Some).collect())),
            None => self.index_before.take(),
        }
        .map(|(before, mut reuse)| {
            if let Some(r) = reuse.get_mut(index) {
                *r = None;
            }
            (before, reuse)
        });
        // (Pair numbers of the old text; traced again with the new index.)
        self.quote_sources.clear();
        self.search.forget_results();
        self.marked = None;
        // Scroll positions in the old layout mean nothing in the new one.
        if self.mark.is_some_and(|(doc, _)| doc == index) {
            self.mark = None;
        }

        if index == self.current {
            self.reader = None;
            self.rewrap();
            if let Some((pair, question)) = reading {
                let pairs = &self.documents[index].pairs;
                let pair = question
                    .and_then(|q| pairs.iter().position(|p| p.question_text() == q))
                    .unwrap_or(pair.min(pairs.len().saturating_sub(1)));
                if let Some(&start) = self.reader.as_ref().and_then(|r| r.pair_starts.get(pair)) {
                    self.scroll = start;
                    self.question_cursor = pair;
                    self.clamp_scroll();
                }
            }
        }
        let scroll = if index == self.current {
            self.scroll
        } else {
            0
        };
        if let Layer::Search { origin } = &mut self.layer {
            if origin.0 == index {
                *origin = (index, scroll);
            }
            self.refresh_search();
        }
    }

    /// The loader has stopped, whether or not it said `Done`.
    fn loader_finished(&mut self) {
        if !self.loading.done {
            self.loading.done = true;
            if self.documents.is_empty() && self.message.is_none() {
                self.message = Some("no documents were loaded".into());
            }
        }
    }

    fn open_document(&mut self, index: usize) {
        if index >= self.documents.len() {
            return;
        }
        self.remember_position();
        self.current = index;
        if let Some(row) = self.row_of(index) {
            self.doc_cursor = row;
        }
        self.scroll = 0;
        self.question_cursor = 0;
        self.reader = None;
        self.restore = match (&self.store, self.documents.get(index)) {
            (Some(store), Some(doc)) => store.state.doc(doc).map(|d| d.position),
            _ => None,
        };
        self.rewrap();
    }

    /// Wraps the open document for the reader's current width, keeping the
    /// reading position anchored to the pair being read.
    fn rewrap(&mut self) {
        let Some(doc) = self.documents.get(self.current) else {
            self.reader = None;
            return;
        };
        let width = self
            .panes()
            .map_or(0, |p| self.reader_text_area(p.reader).width);
        // No pane (before the terminal's size is known, or a 0×0 terminal):
        // wrapping at one column would make a line of every character of
        // the document. Lines of the open document are kept for when the
        // size comes back; another document's are dropped.
        if width == 0 && self.screen.width == 0 {
            if self
                .reader
                .as_ref()
                .is_some_and(|r| r.document != self.current)
            {
                self.reader = None;
            }
            self.clamp_scroll();
            return;
        }
        let marked = self.marked();
        if self
            .reader
            .as_ref()
            .is_some_and(|r| r.document == self.current && r.width == width && r.marked == marked)
        {
            self.clamp_scroll();
            return;
        }
        let anchor = self
            .reader
            .as_ref()
            .filter(|r| r.document == self.current)
            .map(|r| match r.pair_at(self.scroll) {
                Some(pair) => (Some(pair), self.scroll - r.pair_starts[pair]),
                None => (None, self.scroll),
            });
        let notes = self.store.as_ref().and_then(|s| s.state.doc(doc));
        let theme = self.settings.theme;
        let quote_from: Vec<Option<QuoteFrom>> = self
            .quote_sources
            .get(self.current)
            .map(|sources| {
                sources
                    .iter()
                    .map(|s| {
                        let s = s.as_ref()?;
                        let from = self.documents.get(s.doc)?;
                        Some(QuoteFrom {
                            doc: s.doc,
                            pair: s.pair,
                            label: format!(
                                "from: {} · Q{} (Enter)",
                                printable(&from.display_title()),
                                s.pair + 1
                            ),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let note = |n: usize| {
            notes
                .and_then(|d| d.bookmarks.iter().find(|b| b.pair == n + 1 && !b.stale))
                .map_or((None, Vec::new()), |b| (b.note.clone(), b.codes.clone()))
        };
        let lines = ReaderLines::build_annotated(
            self.current,
            doc,
            width,
            marked,
            &theme,
            note,
            &quote_from,
        );
        if let Some((pair, offset)) = anchor {
            let base = pair
                .and_then(|p| lines.pair_starts.get(p).copied())
                .unwrap_or(0);
            // The offset is in old lines; it can only be approximate.
            let next = pair
                .map_or(lines.pair_starts.first(), |p| lines.pair_starts.get(p + 1))
                .copied()
                .unwrap_or(lines.lines.len());
            self.scroll = (base + offset).min(next.saturating_sub(1).max(base));
        }
        self.reader = Some(lines);
        self.clamp_scroll();
        // A stored position means something only at a real width.
        if width > 0
            && let Some(position) = self.restore.take()
        {
            self.apply_position(position);
        }
    }

    /// Back where the reader was: the stored scroll if it is still in the
    /// same pair (same width), else the top of that pair.
    fn apply_position(&mut self, position: Position) {
        let Some(lines) = &self.reader else { return };
        let target = match position.pair.checked_sub(1) {
            Some(pair) => match lines.pair_starts.get(pair) {
                Some(_) if lines.pair_at(position.scroll) == Some(pair) => position.scroll,
                Some(&start) => start,
                None => 0,
            },
            None => position.scroll,
        };
        self.scroll_to(target);
    }

    fn clamp_scroll(&mut self) {
        self.scroll = self.scroll.min(self.max_scroll());
        self.follow_reading();
    }

    /// The questions pane follows the reader.
    fn follow_reading(&mut self) {
        self.question_cursor = self.current_pair().unwrap_or(0);
    }

    fn set_focus(&mut self, focus: Focus) {
        self.focus = focus;
        // Showing or hiding a list can change the reader's width.
        self.rewrap();
    }

    fn scroll_to(&mut self, line: usize) {
        self.scroll = line.min(self.max_scroll());
        self.follow_reading();
    }

    fn scroll_by(&mut self, delta: isize) {
        let line = if delta < 0 {
            self.scroll.saturating_sub(delta.unsigned_abs())
        } else {
            self.scroll.saturating_add(delta.unsigned_abs())
        };
        self.scroll_to(line);
    }

    fn page_of_focus(&self) -> isize {
        let rows = match self.focus {
            Focus::Reader => self.reader_height(),
            Focus::Documents => self
                .panes()
                .and_then(|p| p.documents)
                .map_or(1, layout::visible_documents),
            Focus::Questions => self
                .panes()
                .and_then(|p| p.questions)
                .map_or(1, layout::list_rows),
        };
        isize::try_from(rows.max(1)).unwrap_or(isize::MAX)
    }

    fn move_in_focus(&mut self, delta: isize) {
        match self.focus {
            Focus::Reader => self.scroll_by(delta),
            Focus::Documents => {
                self.doc_cursor = step(self.doc_cursor, delta, self.shown_documents());
            }
            Focus::Questions => self.step_question_cursor(delta),
        }
    }

    /// The pairs the questions pane lists: every one, or with the code
    /// filter on, those of the open document that have the code.
    pub fn question_rows(&self) -> Vec<usize> {
        let Some(doc) = self.current_document() else {
            return Vec::new();
        };
        match (&self.code_filter, &self.store) {
            // (Drawn every frame: the document's state looked up once, its
            // bookmarks walked, not every pair asked about.)
            (Some(code), Some(store)) => {
                let mut rows: Vec<usize> = store
                    .state
                    .doc(doc)
                    .map(|d| {
                        d.bookmarks
                            .iter()
                            .filter(|b| !b.stale && b.codes.contains(code))
                            .map(|b| b.pair.wrapping_sub(1))
                            .filter(|&p| p < doc.pairs.len())
                            .collect()
                    })
                    .unwrap_or_default();
                rows.sort_unstable();
                rows.dedup();
                rows
            }
            _ => (0..doc.pairs.len()).collect(),
        }
    }

    /// The code the questions pane is filtered by, if any.
    pub fn code_filter(&self) -> Option<&str> {
        self.code_filter.as_deref()
    }

    /// The row of the questions pane the cursor is on (the nearest when its
    /// pair is filtered out).
    pub fn question_cursor_row(&self, rows: &[usize]) -> usize {
        rows.partition_point(|&p| p < self.question_cursor)
            .min(rows.len().saturating_sub(1))
    }

    /// Moves the questions pane's cursor `delta` rows among those listed.
    fn step_question_cursor(&mut self, delta: isize) {
        let rows = self.question_rows();
        let at = self.question_cursor_row(&rows);
        if let Some(&pair) = rows.get(step(at, delta, rows.len())) {
            self.question_cursor = pair;
        }
    }

    /// Goes to the question after the one being read. In the preamble, the
    /// first question counts as being read once its heading is on screen
    /// (it usually is), so `n` from the top goes to question 2 then; with a
    /// preamble longer than the screen it goes to question 1.
    fn next_question(&mut self) {
        let Some(lines) = &self.reader else { return };
        let next = match lines.pair_at(self.scroll) {
            Some(pair) => pair + 1,
            None => match lines.pair_starts.first() {
                Some(&first) if first < self.scroll + self.reader_height() => 1,
                _ => 0,
            },
        };
        let target = lines.pair_starts.get(next).copied();
        match target {
            Some(line) => self.scroll_to(line),
            None => self.message = Some("last question".into()),
        }
    }

    fn prev_question(&mut self) {
        let Some(lines) = &self.reader else { return };
        let target = lines
            .pair_starts
            .iter()
            .copied()
            .rev()
            .find(|&s| s < self.scroll);
        match target {
            Some(line) => self.scroll_to(line),
            None if self.scroll > 0 => self.scroll_to(0),
            None => self.message = Some("first question".into()),
        }
    }

    fn go_to_pair(&mut self, pair: usize) {
        if let Some(&line) = self.reader.as_ref().and_then(|r| r.pair_starts.get(pair)) {
            self.scroll_to(line);
            self.question_cursor = pair;
        }
    }

    fn open_selection(&mut self) {
        match self.focus {
            Focus::Documents => {
                if let Some(doc) = self.shown_document(self.doc_cursor)
                    && doc != self.current
                {
                    self.open_document(doc);
                }
                self.focus = Focus::Reader;
                self.rewrap();
            }
            Focus::Questions => {
                // The row the pane shows selected (the cursor's pair may be
                // filtered out by a code).
                let rows = self.question_rows();
                if let Some(&pair) = rows.get(self.question_cursor_row(&rows)) {
                    self.go_to_pair(pair);
                }
            }
            Focus::Reader => self.follow_quote(),
        }
    }

    /// Enter in the reader: to the answer the first quote on screen comes
    /// from (`''` comes back).
    fn follow_quote(&mut self) {
        let Some(lines) = &self.reader else { return };
        let shown = self.scroll..self.scroll + self.reader_height();
        let Some(&SourceLine { doc, pair, .. }) =
            lines.sources.iter().find(|s| shown.contains(&s.line))
        else {
            return;
        };
        if doc != self.current {
            self.open_document(doc);
        }
        self.go_to_pair(pair);
    }

    fn scroll_at(&mut self, column: u16, row: u16, down: bool) {
        let Some(panes) = self.panes() else { return };
        let delta = if down { 1 } else { -1 };
        let hit = |r: Rect| r.contains((column, row).into());
        if hit(panes.reader) {
            self.scroll_by(3 * delta);
        } else if panes.questions.is_some_and(hit) {
            self.step_question_cursor(delta);
        } else if panes.documents.is_some_and(hit) {
            self.doc_cursor = step(self.doc_cursor, delta, self.shown_documents());
        }
    }

    fn click_at(&mut self, column: u16, row: u16) {
        let Some(panes) = self.panes() else { return };
        let hit = |r: Rect| r.contains((column, row).into());
        if hit(panes.reader) {
            self.focus = Focus::Reader;
        } else if let Some(area) = panes.questions.filter(|r| hit(*r)) {
            self.focus = Focus::Questions;
            let rows = self.question_rows();
            let at = self.question_cursor_row(&rows);
            if let Some(&pair) =
                layout::list_item_at(area, at, rows.len(), row, 1).and_then(|r| rows.get(r))
            {
                self.go_to_pair(pair);
            }
        } else if let Some(area) = panes.documents.filter(|r| hit(*r)) {
            self.focus = Focus::Documents;
            let len = self.shown_documents();
            if let Some(row) =
                layout::list_item_at(area, self.doc_cursor, len, row, layout::DOC_ITEM_HEIGHT)
            {
                self.doc_cursor = row;
                if let Some(doc) = self.shown_document(row)
                    && doc != self.current
                {
                    self.open_document(doc);
                }
            }
        }
        // A change of focus can change the layout on narrow screens.
        self.rewrap();
    }
}

/// Where a list overlay's selection goes on a moving key (j/k, a page, the
/// top, the bottom); `None` for any other key.
fn list_step(action: Action, at: usize, rows: usize, page: usize) -> Option<usize> {
    let page = isize::try_from(page.max(1)).unwrap_or(1);
    Some(match action {
        Action::Down => step(at, 1, rows),
        Action::Up => step(at, -1, rows),
        Action::PageDown | Action::HalfPageDown => step(at, page, rows),
        Action::PageUp | Action::HalfPageUp => step(at, -page, rows),
        Action::Top => 0,
        Action::Bottom => rows.saturating_sub(1),
        _ => return None,
    })
}

/// Moves a list cursor by `delta`, staying inside `0..len`.
fn step(cursor: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    let moved = if delta < 0 {
        cursor.saturating_sub(delta.unsigned_abs())
    } else {
        cursor.saturating_add(delta.unsigned_abs())
    };
    moved.min(len - 1)
}

/// [`App::search_base`] from the fields it reads, so a caller may change
/// the others (the search pane) while it holds it.
fn search_base<'a>(
    index: &'a Option<Arc<Index>>,
    stored: &'a Option<Box<Found>>,
    documents: &'a [Document],
) -> Option<(&'a Index, Texts<'a>)> {
    match (index, stored) {
        (Some(index), _) => Some((index, Texts::Parsed(documents))),
        (None, Some(found)) => Some((&found.index, Texts::Stored(&found.texts))),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_stays_in_bounds() {
        assert_eq!(step(0, -1, 5), 0);
        assert_eq!(step(4, 1, 5), 4);
        assert_eq!(step(2, isize::MAX, 5), 4);
        assert_eq!(step(2, isize::MIN, 5), 0);
        assert_eq!(step(3, 1, 0), 0);
    }
}
