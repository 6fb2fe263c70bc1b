//! The multi-pane terminal reader — the only module that talks to a terminal.
//!
//! Layout: documents (left, folds away below [`view::WIDE`] columns),
//! questions (middle), the reading pane (right), a status line, and a help
//! overlay generated from the [`keymap`].
//!
//! How it runs ([`run`]): one blocking loop over one channel. Threads
//! forward terminal input, the loader's [`LoadEvent`]s and Unix signals
//! into that channel; each message becomes an [`Action`] (via the keymap)
//! or a load event, [`App`] applies it and says whether anything changed,
//! and only then is the screen drawn. There is no tick, so an idle reader
//! uses no CPU: the loop waits with a timeout only while bookmarks, notes or
//! the reading position are unsaved (saved at most once a second, and
//! always on quit, on SIGTERM/SIGHUP/SIGINT and before a suspend). The
//! loop also does the output `App` only asks for: the OSC 52 clipboard
//! sequence (`y`) and the bookmarks export file (`e`).
//!
//! Files: [`app`] (state), [`keymap`] (keys → actions, and the help's
//! source), [`theme`] (colours), [`settings`] (what `config.toml` changes),
//! [`watch`] (notices the open file changing on disk), [`view`] (layout and [`render`]), one file per pane —
//! [`doclist`], [`questions`], [`reader`], [`search`], [`status`], [`help`],
//! [`bookmarks`] (the `B` overlay), [`note`] (the `a` editor). State kept
//! between sessions is [`crate::state`]'s; quoting is [`crate::citation`]'s.
//! The search index is built on its own thread once every document has
//! loaded ([`App::index_job`], again after a reload); the reader stays
//! usable meanwhile. A watcher thread looks at the open file once a second
//! and reports when its content changes.

pub mod app;
pub mod bookmarks;
pub mod doclist;
pub mod draw;
pub mod help;
pub mod keymap;
pub mod layout;
pub mod note;
pub mod questions;
pub mod reader;
pub mod reader_lines;
pub mod search;
pub mod search_state;
pub mod settings;
pub mod source;
pub mod status;
pub mod theme;
pub mod view;
pub mod watch;

use std::fs::OpenOptions;
use std::io::{self, Write, stdout};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant};

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, enable_raw_mode};
use ratatui::{DefaultTerminal, Terminal};
use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

pub use app::{App, Outcome};
pub use keymap::{Action, EditKey, KeyBinding, Keymap};
pub use layout::Focus;
pub use settings::Settings;
pub use view::{render, render_to};

use crate::load::LoadEvent;
use crate::state::{self, Store};

/// Changes are written at most this often while the reader is in use (and
/// always on the way out), so a burst of bookmarks is one write.
const SAVE_DELAY: Duration = Duration::from_secs(1);

/// Whether mouse capture is on: read by the enter/leave/suspend helpers
/// and the panic hook, which have no other way to be told.
static MOUSE: AtomicBool = AtomicBool::new(true);

/// Everything the event loop waits for, on one channel.
enum Message {
    Input(Event),
    /// Reading the terminal failed; the loop cannot go on.
    InputFailed(io::Error),
    Load(LoadEvent),
    /// The loader's sender is gone (after `Done`, or if it died).
    LoaderGone,
    /// The search index of one generation of the documents, built in the
    /// background.
    Indexed(u64, Box<crate::search::Index>),
    /// The open document's file now has this content hash.
    FileChanged(std::path::PathBuf, u64),
    /// The background save finished (its result is in the saver's handle).
    Saved,
    Signal(i32),
}

/// The reader quit but could not save its state: the error [`run_with`]
/// returns then, carrying what to tell the user.
#[derive(Debug)]
pub struct Unsaved(pub String);

impl std::fmt::Display for Unsaved {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unsaved {}

/// Why the loop ended.
enum Exit {
    Quit,
    /// Quit, but the last save failed: said on stderr once the terminal is back.
    QuitUnsaved(String),
    /// Terminated by this signal: re-raise it once the terminal is restored.
    Signal(i32),
}

/// Runs the reader until the user quits, showing documents as they arrive
/// on `events` (the first frame does not wait for any).
///
/// The terminal is restored on every way out: normal return, error, panic,
/// SIGTERM/SIGHUP/SIGINT (after which the signal is re-raised, so the
/// process ends as the signal asks). Ctrl-Z and SIGTSTP suspend: the
/// terminal is handed back, the process stops, and on resume the screen is
/// set up and drawn again.
pub fn run(events: Receiver<LoadEvent>) -> io::Result<()> {
    run_with(events, Options::default())
}

/// How the reader starts.
#[derive(Debug, Clone)]
pub struct Options {
    /// Capture the mouse (`--no-mouse` turns it off so the terminal's own
    /// selection works).
    pub mouse: bool,
    /// Keys, colours and reading width from `config.toml`.
    pub settings: Settings,
    /// Problems found in `config.toml`, shown in the status line.
    pub warnings: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            mouse: true,
            settings: Settings::default(),
            warnings: Vec::new(),
        }
    }
}

/// [`run`] with [`Options`].
pub fn run_with(events: Receiver<LoadEvent>, options: Options) -> io::Result<()> {
    let mouse = options.mouse;
    MOUSE.store(mouse, Ordering::Relaxed);
    let (tx, rx) = mpsc::channel();
    forward_loader(events, tx.clone())?;
    let signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGTSTP])?;
    let signals_handle = signals.handle();
    forward_signals(signals, tx.clone())?;

    let mut terminal = take_terminal(mouse)?;
    let index_tx = tx.clone();
    forward_input(tx)?;

    let result = event_loop(&mut terminal, &rx, index_tx, open_store(), options);
    leave_terminal();
    signals_handle.close();
    match result? {
        Exit::Quit => Ok(()),
        Exit::QuitUnsaved(why) => Err(io::Error::other(Unsaved(why))),
        Exit::Signal(signal) => {
            signal_hook::low_level::emulate_default_handler(signal)?;
            Ok(())
        }
    }
}

/// `index_tx` is how background work reports back: index builds (again
/// after a reload) and the watcher of the open file. The input thread
/// reports its own failure (`InputFailed`), so the loop never depends on
/// every sender being gone to end.
fn event_loop(
    terminal: &mut DefaultTerminal,
    rx: &Receiver<Message>,
    index_tx: Sender<Message>,
    store: (Option<Store>, Vec<String>),
    options: Options,
) -> io::Result<Exit> {
    let watch_tx = index_tx.clone();
    let watch = watch::Watch::spawn(move |path, hash| {
        watch_tx.send(Message::FileChanged(path, hash)).is_ok()
    });
    let mut watched = None;
    let mut app = App::waiting();
    app.set_settings(options.settings);
    // https://no-color.org: set and not empty.
    app.set_colors(std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()));
    let (store, mut warnings) = store;
    if let Some(store) = store {
        app.set_store(store);
    }
    // The status line has room for one problem; `qnav config` lists them all.
    match options.warnings.as_slice() {
        [] => {}
        [one] => warnings.push(format!("config: {one}")),
        many => warnings.push(format!(
            "config: {} problems (`qnav config` lists them)",
            many.len()
        )),
    }
    if !warnings.is_empty() {
        app.set_message(warnings.join("; "));
    }
    let mut last_save = Instant::now();
    let mut saver = Saver::default();
    let size = terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    terminal.draw(|frame| render(&app, frame))?;

    loop {
        // Wait with a timeout only while there is something to save, so an
        // idle reader still sleeps in `recv`.
        let first = if app.is_dirty() {
            match rx.recv_timeout(SAVE_DELAY.saturating_sub(last_save.elapsed())) {
                Ok(message) => Some(message),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        } else {
            match rx.recv() {
                Ok(message) => Some(message),
                Err(_) => break,
            }
        };
        let mut redraw = false;
        // Apply everything already queued before drawing once: a burst of
        // loaded documents or wheel events costs one frame, not many.
        for message in first.into_iter().chain(rx.try_iter()) {
            let outcome = match message {
                Message::Input(Event::Paste(text)) => app.paste(&text),
                Message::Input(event) => {
                    let action = match &event {
                        Event::Key(key) if app.editing_line() => keymap::line_action_for_key(key),
                        _ => app.keymap().action_for_event(&event, app.search_open()),
                    };
                    match action {
                        Some(action) => app.update(action),
                        None => Outcome::Unchanged,
                    }
                }
                Message::InputFailed(error) => return Err(error),
                Message::Load(event) => app.load(event),
                Message::LoaderGone => {
                    app.loader_finished();
                    Outcome::Redraw
                }
                Message::Indexed(generation, index) => app.indexed(generation, *index),
                Message::FileChanged(path, hash) => app.file_changed(&path, hash),
                Message::Saved => saver.finish(&mut app),
                Message::Signal(SIGTSTP) => Outcome::Suspend,
                Message::Signal(signal) => {
                    saver.finish(&mut app);
                    save(&mut app);
                    return Ok(Exit::Signal(signal));
                }
            };
            match outcome {
                Outcome::Unchanged => {}
                Outcome::Redraw => redraw = true,
                Outcome::Quit => {
                    saver.finish(&mut app);
                    return Ok(final_save(&mut app));
                }
                Outcome::Suspend => {
                    // The process may never be resumed.
                    saver.finish(&mut app);
                    save(&mut app);
                    last_save = Instant::now();
                    suspend(terminal)?;
                    // The terminal may have been resized while we were away.
                    let size = terminal.size()?;
                    app.update(Action::Resize {
                        width: size.width,
                        height: size.height,
                    });
                    redraw = true;
                }
            }
        }
        if let Some((index, file, shown)) = app.take_reload() {
            app.reloaded(index, crate::load::reload(&file, &shown));
            redraw = true;
        }
        if app.take_source_request() {
            let lines = app.current_document().map(crate::source::read_lines);
            app.show_source(lines);
            redraw = true;
        }
        if app.loading().done
            && let Some(job) = app.index_job()
        {
            let tx = index_tx.clone();
            let _ = thread::Builder::new()
                .name("qnav-index".into())
                .spawn(move || {
                    let mut index = crate::search::Index::build(&job.documents);
                    index.note_containment(&job.documents);
                    let _ = tx.send(Message::Indexed(job.generation, Box::new(index)));
                });
        }
        // Standard input and the built-in documents have no file to look
        // at. Compared borrowed: the path is cloned only when the open
        // document changed.
        let open = app
            .current_document()
            .and_then(|d| Some((d.file.as_deref()?, d.content_hash)));
        if open
            != watched
                .as_ref()
                .map(|(p, h): &(std::path::PathBuf, u64)| (p.as_path(), *h))
        {
            watched = open.map(|(p, h)| (p.to_path_buf(), h));
            watch.set(watched.clone());
        }
        // Terminal and file output happen here, outside of drawing.
        if let Some(text) = app.take_clipboard() {
            let mut out = stdout();
            out.write_all(crate::citation::osc52(&text).as_bytes())?;
            out.flush()?;
        }
        if let Some(markdown) = app.take_export() {
            app.exported(write_export(&export_dir(), &markdown));
            redraw = true;
        }
        if app.is_dirty() && last_save.elapsed() >= SAVE_DELAY && saver.is_idle() {
            saver.start(&mut app, index_tx.clone());
            last_save = Instant::now();
        }
        if redraw {
            terminal.draw(|frame| render(&app, frame))?;
        }
    }
    // Every sender is gone (only possible if the threads holding them died):
    // nothing more can happen, so leave.
    saver.finish(&mut app);
    Ok(final_save(&mut app))
}

/// The debounced save, run on its own thread: reading, merging and writing
/// a large state file never holds up a key. One at a time; every way out
/// waits for it before the last save.
#[derive(Default)]
struct Saver {
    running: Option<thread::JoinHandle<crate::state::SaveResult>>,
}

impl Saver {
    fn is_idle(&self) -> bool {
        self.running.is_none()
    }

    /// Starts a save of `app`'s state; `Message::Saved` says when it ended.
    fn start(&mut self, app: &mut App, tx: Sender<Message>) {
        let Some(job) = app.begin_save() else {
            return;
        };
        let spawned = thread::Builder::new()
            .name("qnav-save".into())
            .spawn(move || {
                let result = job.run();
                let _ = tx.send(Message::Saved);
                result
            });
        match spawned {
            Ok(handle) => self.running = Some(handle),
            // No thread to be had: save here, as before.
            Err(_) => {
                save(app);
            }
        }
    }

    /// Waits for the running save, if any, and gives its result to `app`.
    fn finish(&mut self, app: &mut App) -> Outcome {
        match self.running.take().map(thread::JoinHandle::join) {
            Some(Ok(result)) => app.saved(result),
            Some(Err(_)) => {
                app.set_message("could not save bookmarks: the saving thread failed".into());
                Outcome::Redraw
            }
            None => Outcome::Unchanged,
        }
    }
}

/// The save on the way out: a failure cannot go to the status line any
/// more, so it becomes the exit's message (stderr, non-zero status).
fn final_save(app: &mut App) -> Exit {
    match app.save_on_exit() {
        Ok(()) => Exit::Quit,
        Err(e) => {
            let path = app
                .store()
                .map(|s| s.path().display().to_string())
                .unwrap_or_default();
            Exit::QuitUnsaved(format!(
                "could not save bookmarks, notes and reading positions to {}: {e}; \
                 what was saved before is still there",
                crate::text::printable(&path)
            ))
        }
    }
}

/// The state store in the default folder, with the warnings to show.
fn open_store() -> (Option<Store>, Vec<String>) {
    match state::default_dir() {
        Some(dir) => {
            let (store, warnings) = Store::open(&dir);
            (Some(store), warnings)
        }
        None => (
            None,
            vec!["no HOME or XDG_STATE_HOME: bookmarks will not be kept".into()],
        ),
    }
}

/// Saves the app's state; a failure goes to the status line (true: redraw).
fn save(app: &mut App) -> bool {
    match app.save_state() {
        Ok(()) => false,
        Err(e) => {
            app.set_message(format!("could not save bookmarks: {e}"));
            true
        }
    }
}

/// Where `e` writes: `exports/` in the state folder, not the folder being
/// read — there the next `qnav .` would open the export as one more
/// interview. The status line says the path. (The current folder only when
/// there is no state folder.)
pub fn export_dir() -> PathBuf {
    state::default_dir().map_or_else(|| PathBuf::from("."), |d| d.join("exports"))
}

/// Writes `markdown` to `qnav-bookmarks.md` in `dir` (made if missing), or
/// to `qnav-bookmarks-2.md`, … if that exists: an export never replaces a file.
pub fn write_export(dir: &Path, markdown: &str) -> io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    for n in 1.. {
        let name = if n == 1 {
            "qnav-bookmarks.md".to_string()
        } else {
            format!("qnav-bookmarks-{n}.md")
        };
        let path = dir.join(name);
        // create_new: the existence check and the creation are one step.
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => {
                file.write_all(markdown.as_bytes())?;
                return Ok(path);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    unreachable!("one of infinitely many names is free")
}

/// Takes over the terminal the way the reader does — alternate screen, raw
/// mode, mouse capture if asked — with the panic hook that gives it back.
/// Public so that `examples/panic_in_render.rs` can prove the hook works with
/// the reader's own code, not a copy.
pub fn take_terminal(mouse: bool) -> io::Result<DefaultTerminal> {
    MOUSE.store(mouse, Ordering::Relaxed);
    let terminal = enter_terminal()?;
    install_panic_hook();
    Ok(terminal)
}

fn enter_terminal() -> io::Result<DefaultTerminal> {
    let terminal = ratatui::try_init()?;
    // A paste arrives as one event of text, never as keys to run.
    execute!(stdout(), EnableBracketedPaste)?;
    if MOUSE.load(Ordering::Relaxed) {
        execute!(stdout(), EnableMouseCapture)?;
    }
    Ok(terminal)
}

fn leave_terminal() {
    // Mouse capture first: it is a mode of the terminal, not of the screen.
    let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
    // On every way out (q, a signal, Ctrl-Z): the shell's cursor visible.
    let _ = execute!(stdout(), ratatui::crossterm::cursor::Show);
}

/// ratatui's own hook restores raw mode and the screen; mouse capture is
/// ours to turn off, or the shell would receive mouse escape codes.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // A converter's panic is caught and becomes a message: the
        // screen stays as it is.
        if crate::convert::converting() {
            return;
        }
        let _ = execute!(stdout(), DisableMouseCapture);
        previous(info);
    }));
}

/// Hands the terminal back and stops the process; returns once resumed.
fn suspend(terminal: &mut DefaultTerminal) -> io::Result<()> {
    leave_terminal();
    // Our SIGTSTP handler replaced the default stop, so stop the way the
    // default would (SIGSTOP); execution continues here after `fg`.
    signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, Clear(ClearType::All))?;
    if MOUSE.load(Ordering::Relaxed) {
        execute!(stdout(), EnableMouseCapture)?;
    }
    // A fresh Terminal has an empty previous frame, so the next draw
    // paints every cell. (`Terminal::clear` would do the same but asks the
    // terminal for the cursor position, and the answer would go to our
    // input thread instead.)
    *terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    Ok(())
}

fn forward_loader(events: Receiver<LoadEvent>, tx: Sender<Message>) -> io::Result<()> {
    thread::Builder::new()
        .name("qnav-load-forward".into())
        .spawn(move || {
            for event in events {
                if tx.send(Message::Load(event)).is_err() {
                    return;
                }
            }
            let _ = tx.send(Message::LoaderGone);
        })
        .map(drop)
}

fn forward_signals(mut signals: Signals, tx: Sender<Message>) -> io::Result<()> {
    thread::Builder::new()
        .name("qnav-signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                if tx.send(Message::Signal(signal)).is_err() {
                    return;
                }
            }
        })
        .map(drop)
}

/// Blocks on terminal input in its own thread. The thread outlives `run`
/// (a blocked read cannot be cancelled); it ends at the next input, when
/// its send fails, or with the process.
fn forward_input(tx: Sender<Message>) -> io::Result<()> {
    thread::Builder::new()
        .name("qnav-input".into())
        .spawn(move || {
            loop {
                let message = match event::read() {
                    Ok(event) => Message::Input(event),
                    Err(error) => {
                        let _ = tx.send(Message::InputFailed(error));
                        return;
                    }
                };
                if tx.send(message).is_err() {
                    return;
                }
            }
        })
        .map(drop)
}
