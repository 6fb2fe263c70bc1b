//! The multi-pane terminal reader — the only module that talks to a terminal.
//!
//! Layout: documents (left, folds away below [`view::WIDE`] columns),
//! questions (middle), the reading pane (right), a status line, and the
//! overlays ([`layer::Layer`]: help, search, bookmarks, the note and code
//! editors, the documents filter, the source view, speakers, related
//! questions, codes).
//!
//! How it runs ([`run`]): one blocking loop over one channel. Threads
//! forward terminal input, the loader's [`LoadEvent`]s, index builds,
//! finished saves, the file watcher and Unix signals into that channel.
//! Input and what the threads bring become [`Msg`]s for [`App::update`],
//! the one door through which the reader's state changes; signals and a
//! failed terminal are the loop's own. `update` answers with [`Effect`]s —
//! quit, suspend, write the clipboard (OSC 52) or an export, reload or read
//! a file, build the index, save, watch another file — which the loop
//! carries out, feeding their answers back as messages. After each burst
//! of messages the frame is rendered off screen and written only if it
//! differs from the one shown ([`Frames`]). There is no tick, so an idle
//! reader uses no CPU: the loop waits with a timeout only while bookmarks,
//! notes or the reading position are unsaved (saved at most once a second
//! on a thread; on quit, on SIGTERM/SIGHUP/SIGINT and before a suspend,
//! whatever the state file does not hold yet is saved before going on).
//!
//! Files: [`app`] (state, [`Msg`] and [`Effect`]), [`layer`] (the mode in
//! front and each overlay's state), [`keymap`] (keys → actions, and the
//! help's source), [`layout`] (where panes and rows are), [`theme`]
//! (colours), [`settings`] (what `config.toml` changes), [`watch`]
//! (notices the open file changing on disk), [`view`] ([`render`] and
//! [`Frames`]), one file per pane — [`doclist`], [`questions`], [`reader`],
//! [`search`], [`status`], [`help`], [`bookmarks`] (the `B` overlay),
//! [`note`] (the `a` and `c` editors), [`source`] (the `v` view),
//! [`speakers`] (`S`), [`related`] (`s`), [`codes`] (`C`). State kept
//! between sessions is [`crate::state`]'s; quoting is [`crate::citation`]'s.

pub mod app;
pub mod bookmarks;
pub mod codes;
pub mod doclist;
pub mod draw;
pub mod help;
pub mod keymap;
pub mod layer;
pub mod layout;
pub mod note;
pub mod questions;
pub mod reader;
pub mod reader_lines;
pub mod related;
pub mod search;
pub mod search_state;
pub mod settings;
pub mod source;
pub mod speakers;
pub mod status;
pub mod theme;
pub mod view;
pub mod watch;

use std::collections::VecDeque;
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

pub use app::{App, Effect, Msg};
pub use keymap::{Action, EditKey, KeyBinding, Keymap};
pub use layout::Focus;
pub use settings::Settings;
pub use view::{Frames, render, render_to};

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
    /// For `App` as it is: the loader's documents, an index built, a file
    /// changed on disk.
    App(Msg),
    /// The background save finished (its result is in the saver's handle).
    SaveDone,
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
    let background_tx = tx.clone();
    forward_input(tx)?;

    let result = event_loop(&mut terminal, &rx, background_tx, open_store(), options);
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

/// `tx` is how background work reports back: index builds (again after a
/// reload), saves and the watcher of the open file. The input thread
/// reports its own failure (`InputFailed`), so the loop never depends on
/// every sender being gone to end.
fn event_loop(
    terminal: &mut DefaultTerminal,
    rx: &Receiver<Message>,
    tx: Sender<Message>,
    store: (Option<Store>, Vec<String>),
    options: Options,
) -> io::Result<Exit> {
    let watch_tx = tx.clone();
    let watch = watch::Watch::spawn(move |path, hash| {
        watch_tx
            .send(Message::App(Msg::FileChanged(path, hash)))
            .is_ok()
    });
    // https://no-color.org: set and not empty.
    let colors = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut app = App::waiting()
        .with_settings(options.settings)
        .with_colors(colors);
    let (store, mut warnings) = store;
    if let Some(store) = store {
        app = app.keeping_state_in(store);
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
    let mut run = Runner {
        terminal,
        app,
        tx,
        watch,
        saver: Saver::default(),
        frames: Frames::default(),
        inbox: VecDeque::new(),
        last_save: Instant::now(),
        unsaved: None,
    };
    if !warnings.is_empty() {
        run.inbox.push_back(Msg::Notice(warnings.join("; ")));
    }
    run.resized()?;

    loop {
        if run.app.is_dirty() && run.last_save.elapsed() >= SAVE_DELAY && run.saver.is_idle() {
            run.last_save = Instant::now();
            run.inbox.push_back(Msg::SaveDue);
        }
        // Every message queued, and what their effects answer, before one
        // frame: a burst of loaded documents or wheel events costs one draw.
        if let Some(exit) = run.drain()? {
            return Ok(exit);
        }
        run.draw()?;
        // Wait with a timeout only while there is something to save and
        // nothing saving (`SaveDone` wakes the loop), so an idle reader
        // still sleeps in `recv`.
        let first = if run.app.is_dirty() && run.saver.is_idle() {
            match rx.recv_timeout(SAVE_DELAY.saturating_sub(run.last_save.elapsed())) {
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
        for message in first.into_iter().chain(rx.try_iter()) {
            match message {
                // Mouse moves and keys bound to nothing are dropped by
                // `App`; they draw nothing since nothing changed.
                Message::Input(event) => run.inbox.push_back(Msg::Event(event)),
                Message::InputFailed(error) => return Err(error),
                Message::App(msg) => run.inbox.push_back(msg),
                Message::SaveDone => {
                    if let Some(msg) = run.saver.finish() {
                        run.inbox.push_back(msg);
                    }
                }
                // As Ctrl-Z, after the keys that came before it.
                Message::Signal(SIGTSTP) => {
                    if let Some(exit) = run.drain()? {
                        return Ok(exit);
                    }
                    run.carry_out(Effect::Suspend)?;
                }
                // What came before the signal is applied, and saved.
                Message::Signal(signal) => {
                    run.drain()?;
                    run.leave()?;
                    return Ok(Exit::Signal(signal));
                }
            }
        }
    }
    // Every sender is gone (only possible if the threads holding them died):
    // nothing more can happen, so leave.
    run.quit()
}

/// The event loop's side of the door: it hands `App` messages and carries
/// out the [`Effect`]s they return — the terminal, files and threads.
struct Runner<'t> {
    terminal: &'t mut DefaultTerminal,
    app: App,
    /// For background work to report back on.
    tx: Sender<Message>,
    watch: watch::Watch,
    saver: Saver,
    frames: Frames,
    /// Messages waiting for `App`, in the order they came.
    inbox: VecDeque<Msg>,
    last_save: Instant,
    /// Why the save on the way out failed, if it did.
    unsaved: Option<String>,
}

impl Runner<'_> {
    /// Gives `App` every message waiting, in order; `Some` when the
    /// reader is to end.
    fn drain(&mut self) -> io::Result<Option<Exit>> {
        while let Some(msg) = self.inbox.pop_front() {
            if let Some(exit) = self.send(msg)? {
                return Ok(Some(exit));
            }
        }
        Ok(None)
    }

    /// Gives `msg` to `App` and carries out what it asks; `Some` when the
    /// reader is to end.
    fn send(&mut self, msg: Msg) -> io::Result<Option<Exit>> {
        for effect in self.app.update(msg) {
            if let Some(exit) = self.carry_out(effect)? {
                return Ok(Some(exit));
            }
        }
        Ok(None)
    }

    fn carry_out(&mut self, effect: Effect) -> io::Result<Option<Exit>> {
        match effect {
            Effect::Quit => return self.quit().map(Some),
            Effect::Suspend => {
                // The process may never be resumed.
                self.leave()?;
                self.last_save = Instant::now();
                suspend(self.terminal)?;
                self.frames.forget();
                // The terminal may have been resized while we were away.
                self.resized()?;
            }
            // Terminal and file output happen here, outside of drawing.
            Effect::Clipboard(text) => {
                let mut out = stdout();
                out.write_all(crate::citation::osc52(&text).as_bytes())?;
                out.flush()?;
            }
            // Answered at once, before any key queued after the one that
            // asked: the answer is for the state that asked.
            Effect::Export(markdown) => {
                let written = write_export(&export_dir(), &markdown);
                return self.send(Msg::Exported(written));
            }
            Effect::Reload { index, file, shown } => {
                let document = crate::load::reload(&file, &shown).map(Box::new);
                return self.send(Msg::Reloaded(index, document));
            }
            Effect::ReadSource { doc } => {
                if let Some(document) = self.app.documents().get(doc) {
                    let lines = crate::source::read_lines(document);
                    return self.send(Msg::SourceRead { doc, lines });
                }
            }
            Effect::BuildIndex(mut job) => {
                let tx = self.tx.clone();
                let _ = thread::Builder::new()
                    .name("qnav-index".into())
                    .spawn(move || {
                        let updated = job.update_from.take().and_then(|(old, reuse)| {
                            crate::cache::index_to_keep_after(&job.documents, &old, &reuse)
                        });
                        let (index, keep) = updated.unwrap_or_else(|| {
                            crate::cache::index_to_keep_from(
                                &job.documents,
                                job.index_from.as_deref(),
                            )
                        });
                        let index = std::sync::Arc::new(index);
                        let indexed = Msg::Indexed(job.generation, std::sync::Arc::clone(&index));
                        let _ = tx.send(Message::App(indexed));
                        // Searching first; the cache after: the index, and
                        // the search file the next start searches from
                        // while its documents load.
                        if let Some(keep) = keep {
                            keep.write();
                        }
                        if let (Some(files), Some(cache)) =
                            (&job.search_file_for, crate::cache::current())
                        {
                            cache.keep_searched(files, &job.documents, &index);
                            // The same index as the file just written holds
                            // it, used where it lies instead of held in the
                            // heap (as the next start will use it).
                            if let Some(mapped) = cache
                                .searched(files)
                                .and_then(|found| found.into_index_over(&job.documents))
                            {
                                drop(index);
                                let mapped =
                                    Msg::Indexed(job.generation, std::sync::Arc::new(mapped));
                                let _ = tx.send(Message::App(mapped));
                            }
                        }
                        // The load's and the index build's garbage, gone.
                        drop(job);
                        crate::memory::give_back_freed();
                        let _ = tx.send(Message::App(Msg::DocumentsFree));
                    });
            }
            Effect::Save(job) => {
                if let Some(msg) = self.saver.start(job, self.tx.clone()) {
                    return self.send(msg);
                }
            }
            Effect::SaveNow(job) => {
                let (sent, result) = job.run();
                if let Err(e) = &result {
                    self.unsaved = Some(e.to_string());
                }
                return self.send(Msg::Saved((sent, result)));
            }
            Effect::Watch(target) => self.watch.set(target),
            // (Off the loop: trimming a large heap takes a moment.)
            Effect::GiveBackMemory => {
                let _ = std::thread::Builder::new()
                    .name("qnav-give-back".into())
                    .spawn(crate::memory::give_back_freed);
            }
        }
        Ok(None)
    }

    /// Saves before going (a quit, a signal, a suspend): waits for the
    /// save under way, then runs the one `App` asks for. Whether it failed
    /// is in `unsaved`.
    fn leave(&mut self) -> io::Result<()> {
        if let Some(msg) = self.saver.finish() {
            self.send(msg)?;
        }
        self.unsaved = None;
        self.send(Msg::Leaving)?;
        Ok(())
    }

    /// The end: the save on the way out, whose failure cannot go to the
    /// status line any more and becomes the exit's message (stderr,
    /// non-zero status).
    fn quit(&mut self) -> io::Result<Exit> {
        self.leave()?;
        Ok(match self.unsaved.take() {
            None => Exit::Quit,
            Some(e) => {
                let path = self
                    .app
                    .store()
                    .map(|s| s.path().display().to_string())
                    .unwrap_or_default();
                Exit::QuitUnsaved(format!(
                    "could not save bookmarks, notes and reading positions to {}: {e}; \
                     what was saved before is still there",
                    crate::text::printable(&path)
                ))
            }
        })
    }

    /// Tells `App` the terminal's size (at the start, after a suspend).
    fn resized(&mut self) -> io::Result<()> {
        let size = self.terminal.size()?;
        self.inbox.push_back(Msg::Action(Action::Resize {
            width: size.width,
            height: size.height,
        }));
        Ok(())
    }

    /// Writes the frame to the terminal if it changed.
    fn draw(&mut self) -> io::Result<()> {
        let size = self.terminal.size()?;
        let area = ratatui::layout::Rect::new(0, 0, size.width, size.height);
        let app = &self.app;
        if let Some(frame) = self.frames.changed(app, area) {
            self.terminal.draw(|f| {
                // (A resize between the two would make them differ.)
                if f.area() == frame.area {
                    f.buffer_mut().clone_from(frame);
                } else {
                    render(app, f);
                }
            })?;
        }
        Ok(())
    }
}

/// The debounced save, run on its own thread: reading, merging and writing
/// a large state file never holds up a key. One at a time; every way out
/// waits for it before the last save.
#[derive(Default)]
struct Saver {
    running: Option<thread::JoinHandle<Option<crate::state::SaveResult>>>,
}

impl Saver {
    fn is_idle(&self) -> bool {
        self.running.is_none()
    }

    /// Starts `job` on its own thread; `Message::SaveDone` says when it
    /// ended. With no thread to be had it runs here: its result then.
    fn start(&mut self, job: crate::state::SaveJob, tx: Sender<Message>) -> Option<Msg> {
        // The job is sent once the thread exists, so a failed spawn leaves it here.
        let (job_tx, job_rx) = mpsc::channel::<crate::state::SaveJob>();
        let spawned = thread::Builder::new()
            .name("qnav-save".into())
            .spawn(move || {
                let result = job_rx.recv().ok().map(crate::state::SaveJob::run);
                let _ = tx.send(Message::SaveDone);
                result
            });
        match spawned {
            Ok(handle) => {
                self.running = Some(handle);
                // The thread waits for it: the send cannot fail.
                let _ = job_tx.send(job);
                None
            }
            Err(_) => Some(Msg::Saved(job.run())),
        }
    }

    /// Waits for the save under way, if any: its result, for `App`.
    fn finish(&mut self) -> Option<Msg> {
        Some(match self.running.take()?.join() {
            Ok(Some(result)) => Msg::Saved(result),
            Ok(None) | Err(_) => {
                Msg::Notice("could not save bookmarks: the saving thread failed".into())
            }
        })
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
                if tx.send(Message::App(Msg::Load(event))).is_err() {
                    return;
                }
            }
            let _ = tx.send(Message::App(Msg::LoaderGone));
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
