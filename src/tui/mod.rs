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
//! uses no CPU.
//!
//! Files: [`app`] (state), [`keymap`] (keys → actions, and the help's
//! source), [`view`] (layout and [`render`]), one file per pane —
//! [`doclist`], [`questions`], [`reader`], [`search`], [`status`], [`help`].
//! The search index is built on its own thread once every document has
//! loaded ([`App::index_job`]); the reader stays usable meanwhile.

pub mod app;
pub mod doclist;
pub mod help;
pub mod keymap;
pub mod questions;
pub mod reader;
pub mod search;
pub mod status;
pub mod view;

use std::io::{self, stdout};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, enable_raw_mode};
use ratatui::{DefaultTerminal, Terminal};
use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

pub use app::{App, Focus, Outcome};
pub use keymap::{Action, KEYMAP, KeyBinding};
pub use view::{render, render_to};

use crate::load::LoadEvent;

/// Everything the event loop waits for, on one channel.
enum Message {
    Input(Event),
    /// Reading the terminal failed; the loop cannot go on.
    InputFailed(io::Error),
    Load(LoadEvent),
    /// The loader's sender is gone (after `Done`, or if it died).
    LoaderGone,
    /// The search index, built in the background.
    Indexed(Box<crate::search::Index>),
    Signal(i32),
}

/// Why the loop ended.
enum Exit {
    Quit,
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
    let (tx, rx) = mpsc::channel();
    forward_loader(events, tx.clone())?;
    let signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGTSTP])?;
    let signals_handle = signals.handle();
    forward_signals(signals, tx.clone())?;

    let mut terminal = enter_terminal()?;
    install_panic_hook();
    let index_tx = tx.clone();
    forward_input(tx)?;

    let result = event_loop(&mut terminal, &rx, index_tx);
    leave_terminal();
    signals_handle.close();
    match result? {
        Exit::Quit => Ok(()),
        Exit::Signal(signal) => {
            signal_hook::low_level::emulate_default_handler(signal)?;
            Ok(())
        }
    }
}

/// `index_tx` is used once, for the index thread, and then dropped, so
/// that the loop still ends when every other sender is gone.
fn event_loop(
    terminal: &mut DefaultTerminal,
    rx: &Receiver<Message>,
    index_tx: Sender<Message>,
) -> io::Result<Exit> {
    let mut index_tx = Some(index_tx);
    let mut app = App::waiting();
    let size = terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    terminal.draw(|frame| render(&app, frame))?;

    while let Ok(first) = rx.recv() {
        let mut redraw = false;
        // Apply everything already queued before drawing once: a burst of
        // loaded documents or wheel events costs one frame, not many.
        for message in std::iter::once(first).chain(rx.try_iter()) {
            let outcome = match message {
                Message::Input(event) => {
                    match keymap::action_for_event_in(&event, app.search_open()) {
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
                Message::Indexed(index) => app.indexed(*index),
                Message::Signal(SIGTSTP) => Outcome::Suspend,
                Message::Signal(signal) => return Ok(Exit::Signal(signal)),
            };
            match outcome {
                Outcome::Unchanged => {}
                Outcome::Redraw => redraw = true,
                Outcome::Quit => return Ok(Exit::Quit),
                Outcome::Suspend => {
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
        if let Some(tx) = index_tx.as_ref().filter(|_| app.loading().done)
            && let Some(documents) = app.index_job()
        {
            let tx = tx.clone();
            index_tx = None;
            let _ = thread::Builder::new()
                .name("qnav-index".into())
                .spawn(move || {
                    let index = crate::search::Index::build(&documents);
                    let _ = tx.send(Message::Indexed(Box::new(index)));
                });
        }
        if redraw {
            terminal.draw(|frame| render(&app, frame))?;
        }
    }
    // Every sender is gone: the input thread failed silently. Nothing more
    // can happen, so leave.
    Ok(Exit::Quit)
}

fn enter_terminal() -> io::Result<DefaultTerminal> {
    let terminal = ratatui::try_init()?;
    execute!(stdout(), EnableMouseCapture)?;
    Ok(terminal)
}

fn leave_terminal() {
    // Mouse capture first: it is a mode of the terminal, not of the screen.
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
}

/// ratatui's own hook restores raw mode and the screen; mouse capture is
/// ours to turn off, or the shell would receive mouse escape codes.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
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
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        Clear(ClearType::All)
    )?;
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
