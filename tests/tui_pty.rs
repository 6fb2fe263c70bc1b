//! End to end: the real binary in a pseudo-terminal, its screen read back
//! through a VT100 emulator.
//!
//! The real binary opens a seed interview; signal and suspend tests run the
//! demo example, which needs no files.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const ROWS: u16 = 40;
const COLS: u16 = 120;
fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("pty sizes are not zero")
}

const TIMEOUT: Duration = Duration::from_secs(10);

/// A program running in a pty, with its screen kept up to date by a
/// background thread.
struct Session {
    screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote (what the screen does not keep: a
    /// clipboard escape, for one).
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    // Dropping the master hangs the program up; keep it for the session.
    _master: Box<dyn MasterPty + Send>,
    /// The child's own state folder, unless the test gave one.
    _state: Option<tempfile::TempDir>,
}

impl Session {
    /// Starts `program` with a fresh, private state folder (never the real
    /// home's bookmarks).
    fn start(program: &str, args: &[&str]) -> Session {
        let state = tempfile::tempdir().expect("a temp state folder");
        let path = state
            .path()
            .to_str()
            .expect("a UTF-8 temp path")
            .to_string();
        let mut session = Session::start_env(program, args, &[("XDG_STATE_HOME", &path)]);
        session._state = Some(state);
        session
    }

    /// The real binary on `args`, keeping its state in the folder `home`
    /// (`XDG_STATE_HOME`), which the test owns and looks into.
    fn reader_with_state(home: &str, args: &[&str]) -> Session {
        Session::start_env(
            env!("CARGO_BIN_EXE_qnav"),
            args,
            &[("XDG_STATE_HOME", home)],
        )
    }

    fn start_env(program: &str, args: &[&str], env: &[(&str, &str)]) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut command = CommandBuilder::new(program);
        command.args(args);
        command.cwd(env!("CARGO_MANIFEST_DIR"));
        command.env("TERM", "xterm-256color");
        // Never the developer's own settings, unless the test gives some.
        command.env("XDG_CONFIG_HOME", "/nonexistent/qnav-test-config");
        command.env("XDG_CACHE_HOME", "/dev/null/qnav-test-cache");
        for (key, value) in env {
            // An empty value takes the variable away (`TERM` unset).
            if value.is_empty() {
                command.env_remove(key);
            } else {
                command.env(key, value);
            }
        }
        let child = pty.slave.spawn_command(command).expect("spawn in the pty");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = pty.master.take_writer().expect("pty writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            nonzero(ROWS),
            nonzero(COLS),
            0,
        )));
        let feed = Arc::clone(&screen);
        let raw = Arc::new(Mutex::new(Vec::new()));
        let keep = Arc::clone(&raw);
        thread::spawn(move || {
            let mut chunk = [0u8; 8192];
            while let Ok(n) = reader.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                feed.lock().unwrap().process(&chunk[..n]);
                keep.lock().unwrap().extend_from_slice(&chunk[..n]);
            }
        });
        Session {
            screen,
            raw,
            writer,
            child,
            _master: pty.master,
            _state: None,
        }
    }

    /// The text the program last put on the clipboard (OSC 52), if any.
    fn clipboard(&self) -> Option<String> {
        use base64::Engine;
        let raw = self.raw.lock().unwrap();
        let text = String::from_utf8_lossy(&raw);
        let start = text.rfind("\u{1b}]52;c;")? + "\u{1b}]52;c;".len();
        let end = start + text[start..].find('\u{7}')?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(&text[start..end])
            .ok()?;
        String::from_utf8(bytes).ok()
    }

    /// The terminal is now `rows`×`cols` (the program gets SIGWINCH).
    fn resize(&mut self, rows: u16, cols: u16) {
        self._master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
        self.screen
            .lock()
            .unwrap()
            .set_size(nonzero(rows), nonzero(cols));
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    fn alternate_screen(&self) -> bool {
        self.screen.lock().unwrap().screen().alternate_screen()
    }

    fn mouse_captured(&self) -> bool {
        self.screen.lock().unwrap().screen().mouse_protocol_mode() != vt100::MouseProtocolMode::None
    }

    /// Waits until the screen shows `text`; fails with the screen as it is.
    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if self.contents().contains(text) {
                return;
            }
            thread::sleep(Duration::from_millis(25));
        }
        panic!(
            "{text:?} not shown within {TIMEOUT:?}; screen:\n{}",
            self.contents()
        );
    }

    fn press(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // One key at a time, as a person types: the app redraws between.
        thread::sleep(Duration::from_millis(60));
    }

    /// Waits for the program to exit; its exit code.
    fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            thread::sleep(Duration::from_millis(25));
        }
        let _ = self.child.kill();
        panic!(
            "did not exit within {TIMEOUT:?}; screen:\n{}",
            self.contents()
        );
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

const DOCUMENT: &str = "docs-data/rt-csto-charter-anniversary.txt";

fn start_reader() -> Session {
    let session = Session::start(env!("CARGO_BIN_EXE_qnav"), &[DOCUMENT]);
    session.wait_for("Q 1/");
    session
}

#[test]
fn n_three_times_shows_the_fourth_question() {
    let mut session = start_reader();
    for _ in 0..3 {
        session.press("n");
    }
    session.wait_for("When is the CSTO simply forced to intervene?");
}

#[test]
fn shift_g_shows_the_end() {
    let mut session = start_reader();
    session.press("G");
    session.wait_for("the belt of our friends");
    session.wait_for("100%");
}

#[test]
fn question_mark_shows_the_help_and_esc_closes_it() {
    let mut session = start_reader();
    session.press("?");
    session.wait_for("next question");
    session.wait_for("Esc closes");
    session.press("\x1b");
    let start = Instant::now();
    while session.contents().contains("Esc closes") {
        assert!(start.elapsed() < TIMEOUT, "help did not close");
        thread::sleep(Duration::from_millis(25));
    }
}

#[test]
fn q_exits_zero_and_leaves_the_alternate_screen() {
    let mut session = start_reader();
    assert!(session.alternate_screen());
    session.press("q");
    assert_eq!(session.wait_exit(), 0);
    wait_until("the main screen", || !session.alternate_screen());
    assert!(!session.mouse_captured(), "mouse capture is turned off");
}

// ----- Terminal handling: signals and job control -----

fn kill(session: &Session, signal: &str) {
    let pid = session.child.process_id().expect("a pid").to_string();
    let status = std::process::Command::new("kill")
        .args([signal, &pid])
        .status()
        .unwrap();
    assert!(status.success());
}

fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < TIMEOUT, "timed out waiting for {what}");
        thread::sleep(Duration::from_millis(25));
    }
}

#[test]
fn sigterm_restores_the_terminal_and_ends_the_program() {
    let mut session = start_reader();
    assert!(session.alternate_screen());
    assert!(session.mouse_captured());
    kill(&session, "-TERM");
    // Killed by the re-raised signal: not a normal exit.
    assert_ne!(session.wait_exit(), 0);
    wait_until("the main screen", || !session.alternate_screen());
    assert!(!session.mouse_captured());
}

#[test]
fn ctrl_z_suspends_and_fg_redraws() {
    let mut session = start_reader();
    session.press("\x1a");
    wait_until("the main screen while stopped", || {
        !session.alternate_screen()
    });
    kill(&session, "-CONT");
    wait_until("the alternate screen again", || session.alternate_screen());
    session.wait_for("Q 1/11");
    session.press("q");
    assert_eq!(session.wait_exit(), 0);
}

// ----- Search -----

#[test]
fn slash_tajik_afghan_finds_the_border_and_enter_shows_its_pair() {
    let mut session = Session::start(env!("CARGO_BIN_EXE_qnav"), &["docs-data"]);
    session.wait_for("Q 1/");
    session.press("/");
    session.wait_for("Search");
    for c in "tajik afghan".chars() {
        session.press(&c.to_string());
    }
    session.wait_for("Tajik-Afghan");
    session.wait_for("Q4 · answer");
    session.press("\r");
    // The reader: the pair holding the statement, and the hit keys.
    session.wait_for("Q 4/");
    session.wait_for("Ctrl-n/Ctrl-p hit 1/");
    assert!(session.contents().contains("Tajik-Afghan"));
    session.press("q");
    assert_eq!(session.wait_exit(), 0);
}

// ----- Keeping what the reader found -----

#[test]
fn a_bookmark_survives_a_restart_and_the_overlay_lists_it() {
    let state = tempfile::tempdir().unwrap();
    let home = state.path().to_str().unwrap();
    let mut session = Session::reader_with_state(home, &[DOCUMENT]);
    session.wait_for("Q 1/");
    session.press("n");
    session.press("m");
    session.wait_for("bookmarked Q2");
    session.press("q");
    assert_eq!(session.wait_exit(), 0);
    assert!(state.path().join("qnav/state.json").exists());

    let mut session = Session::reader_with_state(home, &[DOCUMENT]);
    session.wait_for("Q 2/");
    session.press("B");
    session.wait_for("Bookmarks (1)");
    session.wait_for("In recent months");
    session.press("q");
    assert_eq!(session.wait_exit(), 0);
}

/// The coding round trip: code two questions, restart, list the code's
/// questions and go to one, then export the coded pairs.
#[test]
fn two_coded_questions_survive_a_restart_are_listed_by_their_code_and_export() {
    let state = tempfile::tempdir().unwrap();
    let home = state.path().to_str().unwrap();
    let mut session = Session::reader_with_state(home, &[DOCUMENT]);
    session.wait_for("Q 1/");
    session.press("c");
    session.wait_for("Code Q1");
    session.press("border security\r");
    session.wait_for("Q1 coded");
    session.press("n");
    session.press("n");
    session.wait_for("Q 3/");
    session.press("c");
    session.wait_for("Code Q3");
    // Tab completes the code already given.
    session.press("bo\t\r");
    session.wait_for("Q3 coded “border security”");
    session.press("q");
    assert_eq!(session.wait_exit(), 0);

    let mut session = Session::reader_with_state(home, &[DOCUMENT]);
    session.wait_for("Q 3/");
    session.press("g");
    session.press("C");
    session.wait_for("Codes (1)");
    session.wait_for("2 questions · 1 document");
    session.press("\r");
    session.wait_for("“border security” — 2 questions");
    session.press("j");
    session.press("\r");
    session.wait_for("Codes: border security");
    session.wait_for("Q 3/");
    // Filtered by the code, the questions pane lists the two.
    session.press("C");
    session.wait_for("Codes (1)");
    session.press("f");
    session.wait_for("Questions (2/11 “border");
    session.press("q");
    assert_eq!(session.wait_exit(), 0);

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_qnav"))
        .args([
            "export",
            "--codes=border security",
            "--format",
            "csv",
            DOCUMENT,
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_STATE_HOME", home)
        .env("XDG_CONFIG_HOME", "/nonexistent/qnav-test-config")
        .env("XDG_CACHE_HOME", "/dev/null/qnav-test-cache")
        .output()
        .unwrap();
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        csv.matches("\r\n").count(),
        3,
        "a header and two records: {csv}"
    );
    assert!(csv.contains("\"border security\""), "{csv}");
}

#[test]
fn keys_from_config_toml_replace_the_defaults() {
    let config = tempfile::tempdir().unwrap();
    std::fs::create_dir(config.path().join("qnav")).unwrap();
    std::fs::write(
        config.path().join("qnav/config.toml"),
        "[keys]\nquit = \"x\"\nnext_question = [\"n\", \"right\"]\n",
    )
    .unwrap();
    let state = tempfile::tempdir().unwrap();
    let env = [
        ("XDG_CONFIG_HOME", config.path().to_str().unwrap()),
        ("XDG_STATE_HOME", state.path().to_str().unwrap()),
    ];
    let mut session = Session::start_env(env!("CARGO_BIN_EXE_qnav"), &[DOCUMENT], &env);
    session.wait_for("Q 1/");
    session.wait_for("x quit");
    session.press("\x1b[C"); // →
    session.wait_for("Q 2/");
    // `q` is not quit any more: the reader is still there after it.
    session.press("q");
    session.press("n");
    session.wait_for("Q 3/");
    session.press("x");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn a_file_changed_while_open_is_noticed_and_r_reloads_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("talks.txt");
    let two = "Q: How did the talks begin?\nA: Quietly, in March.\n\nQ: Who came?\nA: Both delegations.\n";
    std::fs::write(&file, two).unwrap();
    let mut session = Session::start(env!("CARGO_BIN_EXE_qnav"), &[file.to_str().unwrap()]);
    session.wait_for("Q 1/2");
    std::fs::write(&file, format!("{two}\nQ: And then?\nA: A second round.\n")).unwrap();
    session.wait_for("file changed on disk: r reloads");
    session.press("r");
    session.wait_for("reloaded talks.txt: 3 questions");
    // The new pair is on screen (the whole document fits).
    session.wait_for("A second round.");
    session.press("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn no_mouse_leaves_the_mouse_to_the_terminal() {
    let mut session = Session::start(env!("CARGO_BIN_EXE_qnav"), &["--no-mouse", DOCUMENT]);
    session.wait_for("Q 1/");
    assert!(!session.mouse_captured());
    session.press("q");
    assert_eq!(session.wait_exit(), 0);
}

/// `examples/panic_in_render`, which `cargo test` builds beside the tests.
fn example_binary(name: &str) -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let dir = exe.parent()?.parent()?.join("examples").join(name);
    dir.exists().then(|| dir.to_string_lossy().into_owned())
}

#[test]
fn a_panic_while_rendering_gives_the_terminal_back() {
    // Built by a plain `cargo test`; `cargo test --test tui_pty` alone does not build examples.
    let Some(program) = example_binary("panic_in_render") else {
        eprintln!("examples/panic_in_render not built: run the whole `cargo test`");
        return;
    };
    let mut session = Session::start(&program, &[]);
    session.wait_for("about to fail");
    assert!(session.alternate_screen());
    assert!(session.mouse_captured());
    assert_ne!(session.wait_exit(), 0, "a panic is not a clean exit");
    wait_until("the main screen", || !session.alternate_screen());
    assert!(!session.mouse_captured(), "mouse capture is turned off");
    assert!(
        !session.screen.lock().unwrap().screen().hide_cursor(),
        "cursor shown"
    );
    session.wait_for("boom while rendering");
}

// ----- State that is never lost quietly -----

/// The steps of the report, with two real readers on one state file: A
/// bookmarks Q3, B Q2; both save; A bookmarks Q4 and quits, B quits right
/// after. Both of A's bookmarks are kept.
#[test]
fn two_readers_quitting_together_keep_both_their_bookmarks() {
    let state = tempfile::tempdir().unwrap();
    let home = state.path().to_str().unwrap();
    let mut a = Session::reader_with_state(home, &[DOCUMENT]);
    let mut b =
        Session::reader_with_state(home, &["docs-data/csto-allies-masadykov-interview.txt"]);
    a.wait_for("Q 1/");
    b.wait_for("Q 1/");
    for k in ["n", "n", "m"] {
        a.press(k);
    }
    a.wait_for("bookmarked Q3");
    b.press("n");
    b.press("m");
    b.wait_for("bookmarked Q2");
    // Both save (the reader saves a moment after a change).
    thread::sleep(Duration::from_millis(2500));
    a.press("n");
    a.press("m");
    a.wait_for("bookmarked Q4");
    a.press("q");
    b.press("q");
    assert_eq!(a.wait_exit(), 0);
    assert_eq!(b.wait_exit(), 0);
    let text = std::fs::read_to_string(state.path().join("qnav/state.json")).unwrap();
    let saved: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut pairs: Vec<Vec<u64>> = saved["documents"]
        .as_object()
        .unwrap()
        .values()
        .map(|d| {
            d["bookmarks"]
                .as_array()
                .unwrap()
                .iter()
                .map(|b| b["pair"].as_u64().unwrap())
                .collect()
        })
        .collect();
    pairs.sort();
    assert_eq!(pairs, [vec![2], vec![3, 4]], "{text}");
}

/// A save that fails on the way out is said after the terminal is back,
/// and the exit status says it too.
#[test]
fn a_save_that_fails_on_quit_is_said_and_the_exit_is_not_zero() {
    let state = tempfile::tempdir().unwrap();
    // Where the state folder should be stands a file: no save can succeed.
    std::fs::write(state.path().join("qnav"), "not a folder").unwrap();
    let home = state.path().to_str().unwrap();
    let mut session = Session::reader_with_state(home, &[DOCUMENT]);
    session.wait_for("Q 1/");
    session.press("m");
    session.press("q");
    assert_eq!(session.wait_exit(), 1);
    wait_until("the main screen", || !session.alternate_screen());
    session.wait_for("could not save bookmarks");
    // (That a failed write leaves no temp file is checked where a temp file
    // can exist: `tests/state_merge.rs`, a_failed_save_is_an_error….)
}

/// After SIGTERM the shell's cursor is visible again (`ESC[?25h`).
#[test]
fn sigterm_shows_the_cursor_again() {
    let mut session = start_reader();
    assert!(
        session.screen.lock().unwrap().screen().hide_cursor(),
        "the reader hides it"
    );
    kill(&session, "-TERM");
    session.wait_exit();
    wait_until("the cursor shown", || {
        !session.screen.lock().unwrap().screen().hide_cursor()
    });
}

/// `qnav -` on a terminal says there is nothing to read, at once, instead
/// of waiting behind the reader's screen.
#[test]
fn dash_on_a_terminal_is_refused_at_once() {
    let mut session = Session::start(env!("CARGO_BIN_EXE_qnav"), &["-"]);
    assert_eq!(session.wait_exit(), 2);
    session.wait_for("stdin is a terminal");
    assert!(!session.alternate_screen());
}

/// A 20,000-character bracketed paste into search is one edit: the reader
/// answers, and Ctrl-C quits at once after it. A multi-line paste runs none
/// of the keys it holds.
#[test]
fn a_long_paste_into_search_neither_hangs_nor_runs_keys() {
    let mut session = start_reader();
    session.press("/");
    session.wait_for("Search");
    let paste = format!("\u{1b}[200~{}\u{1b}[201~", "a".repeat(20_000));
    session.writer.write_all(paste.as_bytes()).unwrap();
    session.writer.flush().unwrap();
    session.wait_for("aaaaaaaaaa");
    // A line break and keys inside a paste are text, not commands.
    session.press("\u{1b}[200~ events\nq\u{1b}[201~");
    thread::sleep(Duration::from_millis(200));
    assert!(
        session.child.try_wait().unwrap().is_none(),
        "a q in a paste did not quit"
    );
    session.press("\u{3}");
    assert_eq!(session.wait_exit(), 0);
}

/// `e` writes the export into the state folder, where the next `qnav .`
/// does not read it as an interview, and says where.
#[test]
fn e_exports_outside_the_folder_being_read() {
    let state = tempfile::tempdir().unwrap();
    let home = state.path().to_str().unwrap();
    let mut session = Session::reader_with_state(home, &[DOCUMENT]);
    session.wait_for("Q 1/");
    session.press("m");
    session.press("e");
    session.wait_for("bookmarks written to");
    let export = state.path().join("qnav/exports/qnav-bookmarks.md");
    assert!(export.exists(), "{}", session.contents());
    assert!(
        !std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("qnav-bookmarks.md")
            .exists(),
        "nothing written into the folder being read"
    );
    session.press("q");
    assert_eq!(session.wait_exit(), 0);
}

// ----- Every quote traceable -----

#[test]
fn v_shows_the_source_lines_behind_the_pair_and_v_closes_them() {
    let mut session = start_reader();
    session.press("n");
    session.wait_for("Q 2/");
    session.press("v");
    session.wait_for("Source · rt-csto-charter-anniversary.txt");
    // The raw lines of Q2, numbered in the margin as an editor numbers
    // them: the question's own line as the file has it, dash and all (dash
    // turns alternate: the third is the second question).
    let raw =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(DOCUMENT))
            .unwrap();
    let (number, line) = raw
        .lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("- "))
        .nth(2)
        .map(|(i, l)| (i + 1, l.chars().take(50).collect::<String>()))
        .expect("a third dash turn in the document");
    session.wait_for(&format!("{number} │ {line}"));
    session.press("v");
    let start = Instant::now();
    while session.contents().contains("Source ·") && start.elapsed() < TIMEOUT {
        thread::sleep(Duration::from_millis(25));
    }
    assert!(
        !session.contents().contains("Source ·"),
        "{}",
        session.contents()
    );
    session.press("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
#[cfg_attr(
    not(shared),
    ignore = "needs ../shared beside the repository (README: Set-up)"
)]
fn ctrl_y_on_a_search_hit_cites_the_one_who_said_it() {
    // The 2021-01-21 briefing: Dr. Fauci said it, at Ms. Psaki's briefing.
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let file = shared.join(
        "corpus/whitehouse-press-briefings/2021-01-21-press-briefing-by-press-secretary-jen-psaki-january-21-2021.txt",
    );
    if !file.is_file() {
        eprintln!("skipped: {} is not there", file.display());
        return;
    }
    let mut session = Session::start(env!("CARGO_BIN_EXE_qnav"), &[file.to_str().unwrap()]);
    session.wait_for("Q 1/");
    session.press("/");
    session.wait_for("Search");
    for c in "waving my hands".chars() {
        session.press(&c.to_string());
    }
    session.wait_for("waving");
    session.press("\u{19}");
    let start = Instant::now();
    while session.clipboard().is_none() && start.elapsed() < TIMEOUT {
        thread::sleep(Duration::from_millis(25));
    }
    let copied = session
        .clipboard()
        .expect("Ctrl-y puts the hit on the clipboard");
    assert!(copied.contains("waving my hands"), "{copied}");
    assert!(copied.contains("— Dr. Fauci"), "{copied}");
    assert!(!copied.contains("Ms. Psaki"), "{copied}");
}

// ----- Hostile input -----

#[test]
fn a_burst_of_typed_bytes_past_2048_does_not_stall_the_keys_after_it() {
    // Typed (not pasted) into the note editor in one write, as a terminal
    // without bracketed paste delivers a paste: crossterm 0.29's default
    // event source read 1,024 bytes per wake-up and then waited for the
    // next edge, so Enter after 2,048 bytes or more did nothing.
    let state = tempfile::tempdir().unwrap();
    let home = state.path().to_str().unwrap();
    let mut session = Session::reader_with_state(home, &[DOCUMENT]);
    session.wait_for("Q 1/");
    session.press("a");
    session.wait_for("Note on Q1");
    let burst = format!("BEGIN{}END", "x".repeat(3000));
    session.press(&burst);
    thread::sleep(Duration::from_millis(300));
    session.press("\r");
    // Enter saved the note: the editor is gone…
    let start = Instant::now();
    while session.contents().contains("Note on Q1") && start.elapsed() < TIMEOUT {
        thread::sleep(Duration::from_millis(25));
    }
    assert!(
        !session.contents().contains("Note on Q1"),
        "Enter after the burst was not taken; screen:\n{}",
        session.contents()
    );
    session.press("q");
    assert_eq!(session.wait_exit(), 0);
    // …with every byte of the burst in it.
    let saved = std::fs::read_to_string(state.path().join("qnav/state.json")).unwrap();
    assert!(saved.contains(&burst), "the note lost bytes");
}

#[test]
fn no_color_lang_c_and_no_term_still_read() {
    let state = tempfile::tempdir().unwrap();
    let home = state.path().to_str().unwrap();
    // NO_COLOR: not one cell in colour.
    let mut session = Session::start_env(
        env!("CARGO_BIN_EXE_qnav"),
        &[DOCUMENT],
        &[("XDG_STATE_HOME", home), ("NO_COLOR", "1")],
    );
    session.wait_for("Q 1/");
    {
        let parser = session.screen.lock().unwrap();
        let screen = parser.screen();
        for row in 0..ROWS {
            for col in 0..COLS {
                let cell = screen.cell(row, col).expect("on the screen");
                assert_eq!(
                    cell.fgcolor(),
                    vt100::Color::Default,
                    "colour at {row},{col}"
                );
                assert_eq!(
                    cell.bgcolor(),
                    vt100::Color::Default,
                    "colour at {row},{col}"
                );
            }
        }
    }
    session.press("q");
    assert_eq!(session.wait_exit(), 0);
    // LANG=C: the same reader, the same text.
    let mut session = Session::start_env(
        env!("CARGO_BIN_EXE_qnav"),
        &[DOCUMENT],
        &[("XDG_STATE_HOME", home), ("LANG", "C"), ("LC_ALL", "C")],
    );
    session.wait_for("Q 1/");
    session.wait_for("Collective Security Treaty Organization");
    session.press("q");
    assert_eq!(session.wait_exit(), 0);
    // TERM unset: it still starts, shows the interview and quits cleanly.
    let mut session = Session::start_env(
        env!("CARGO_BIN_EXE_qnav"),
        &[DOCUMENT],
        &[("XDG_STATE_HOME", home), ("TERM", "")],
    );
    session.wait_for("Collective Security Treaty Organization");
    session.press("q");
    assert_eq!(session.wait_exit(), 0);
}

#[path = "common/writers.rs"]
mod writers;

#[test]
fn a_folder_with_one_file_of_each_kind_opens_and_lists_their_titles() {
    let dir = tempfile::tempdir().unwrap();
    let talk = |topic: &str| {
        format!(
            "Q: What did the {topic} change?\n\nA: Everything about how we worked on it.\n\nQ: And next?\n\nA: More of the same.\n"
        )
    };
    let files: [(&str, Vec<u8>); 6] = [
        ("a-plain.txt", format!("Talks at the harbour\n\n{}", talk("harbour")).into_bytes()),
        (
            "b-notes.md",
            format!("---\ntitle: Orchard notes\n---\n\n{}", talk("orchard")).into_bytes(),
        ),
        ("c-page.html", writers::to_html("Railway page", &talk("railway")).into_bytes()),
        ("d-word.docx", writers::to_docx("Quarry document", &talk("quarry"))),
        ("e-print.pdf", writers::to_pdf("Lighthouse print", &talk("lighthouse"), false)),
        (
            "f-captions.srt",
            b"1\n00:00:01,000 --> 00:00:03,000\nQ: What did the ferry change?\n\n2\n00:00:04,000 --> 00:00:09,000\nA: Everything about how we crossed.\n".to_vec(),
        ),
    ];
    for (name, bytes) in &files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let mut session = Session::start(env!("CARGO_BIN_EXE_qnav"), &[dir.path().to_str().unwrap()]);
    session.wait_for("Documents (6)");
    for title in [
        "Talks at the harbour",
        "Orchard notes",
        "Railway page",
        "Quarry document",
        "Lighthouse print",
        "F captions",
    ] {
        session.wait_for(title);
    }
    // The filter finds the PDF by its title, and Enter opens it.
    session.press("f");
    for c in "lighthouse".chars() {
        session.press(&c.to_string());
    }
    session.wait_for("Documents (1/6)");
    session.press("\r");
    session.wait_for("What did the lighthouse change?");
    session.press("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn a_transcript_with_a_stray_nul_byte_opens_and_says_what_was_removed() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("damaged.txt");
    let mut bytes = b"Q: Where did the talks begin?\nA: In Geneva, in March.\n\nQ: Who came?\nA: Both delegations, and the mediators."
        .to_vec();
    bytes.insert(40, 0);
    std::fs::write(&file, &bytes).unwrap();
    let mut session = Session::start(env!("CARGO_BIN_EXE_qnav"), &[file.to_str().unwrap()]);
    session.wait_for("Q 1/2");
    session.wait_for("Where did the talks begin?");
    session.wait_for("In Geneva, in March.");
    session.press("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn quote_quote_after_shift_g_comes_back_as_in_less() {
    let mut session = start_reader();
    session.press("n");
    session.wait_for("Q 2/");
    session.press("G");
    session.wait_for("100%");
    session.press("'");
    session.press("'");
    session.wait_for("Q 2/");
    session.press("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn with_no_color_a_search_jump_still_shows_the_statement_it_found() {
    let state = tempfile::tempdir().unwrap();
    let mut session = Session::start_env(
        env!("CARGO_BIN_EXE_qnav"),
        &[DOCUMENT],
        &[
            ("XDG_STATE_HOME", state.path().to_str().unwrap()),
            ("NO_COLOR", "1"),
        ],
    );
    session.wait_for("Q 1/");
    session.press("/");
    session.wait_for("Search");
    for c in "forced intervene".chars() {
        session.press(&c.to_string());
    }
    session.wait_for("forced to intervene");
    session.press("\r");
    let text = "simply forced to intervene";
    let start = Instant::now();
    let found = loop {
        let found = {
            let parser = session.screen.lock().unwrap();
            let screen = parser.screen();
            let rows: Vec<String> = screen.rows(0, COLS).collect();
            rows.iter().enumerate().find_map(|(y, row)| {
                let x = row.find(text)?;
                let x = row[..x].chars().count() as u16;
                // Not the search pane (closed by the jump): the reader's line.
                Some((0..text.len() as u16).all(|i| {
                    screen
                        .cell(y as u16, x + i)
                        .is_some_and(|c| c.inverse() && c.bgcolor() == vt100::Color::Default)
                }))
            })
        };
        if found == Some(true) || start.elapsed() > TIMEOUT {
            break found;
        }
        thread::sleep(Duration::from_millis(25));
    };
    assert_eq!(found, Some(true), "{}", session.contents());
    session.press("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn help_on_a_small_terminal_says_it_scrolls_and_scrolls_to_its_end() {
    let mut session = start_reader();
    session.resize(24, 80);
    session.wait_for("Q 1/");
    session.press("?");
    session.wait_for("Keys 1–");
    session.wait_for("j more");
    for _ in 0..60 {
        session.press("j");
    }
    session.wait_for("k back");
    // The search pane's last key, at the end of the list, is reachable.
    session.wait_for("copy the hit with its citation");
    // q closes the help first, then quits.
    session.press("q");
    session.wait_for("Q 1/");
    session.press("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn hits_past_the_fiftieth_are_reachable() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("many.txt");
    let text: String = (1..=60)
        .map(|n| {
            format!(
                "Q: What about harbour number {n}?\nA: It opened in the year {}.\n\n",
                1900 + n
            )
        })
        .collect();
    std::fs::write(&file, text).unwrap();
    let mut session = Session::start(env!("CARGO_BIN_EXE_qnav"), &[file.to_str().unwrap()]);
    session.wait_for("Q 1/60");
    session.press("/");
    session.wait_for("Search");
    for c in "harbour".chars() {
        session.press(&c.to_string());
    }
    session.wait_for("all 60");
    // The hits rank in the document's order here: the 56th is Q56.
    for _ in 0..55 {
        session.press("\x1b[B");
    }
    session.press("\r");
    session.wait_for("Q 56/60");
    session.wait_for("hit 56/60");
    session.press("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn a_file_piped_in_opens_the_reader_with_keys_from_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("piped.txt");
    std::fs::write(
        &file,
        "Q: Where did the talks begin?\nA: In Geneva, in March.\n\nQ: Who came?\nA: Both delegations.\n",
    )
    .unwrap();
    for dash in ["", " -"] {
        let script = format!(
            "cat '{}' | '{}'{dash}",
            file.display(),
            env!("CARGO_BIN_EXE_qnav")
        );
        let mut session = Session::start("/bin/sh", &["-c", &script]);
        session.wait_for("Q 1/2");
        session.wait_for("Where did the talks begin?");
        // Keys come from the terminal, not the pipe: n moves, q quits.
        session.press("n");
        session.wait_for("Q 2/2");
        session.press("q");
        assert_eq!(session.wait_exit(), 0, "qnav{dash}");
    }
}

// ----- The cache -----

/// The reader fills the cache as it opens a folder, and opening it again
/// from the cache shows the same: the same list, the same search hits.
#[test]
fn the_reader_opened_from_its_cache_shows_what_it_showed_fresh() {
    let cache = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let env = [
        ("XDG_CACHE_HOME", cache.path().to_str().unwrap()),
        ("XDG_STATE_HOME", state.path().to_str().unwrap()),
    ];
    let filled = |sub: &str| {
        std::fs::read_dir(cache.path().join("qnav").join(sub))
            .map(|d| {
                d.flatten()
                    .any(|e| e.path().extension().is_some_and(|x| x == "qnav"))
            })
            .unwrap_or(false)
    };
    let mut screens = Vec::new();
    for _ in 0..2 {
        let mut session = Session::start_env(env!("CARGO_BIN_EXE_qnav"), &["docs-data"], &env);
        session.wait_for("Q 1/");
        session.press("/");
        session.wait_for("Search");
        for c in "tajik afghan".chars() {
            session.press(&c.to_string());
        }
        session.wait_for("Q4 · answer");
        // What the reader writes after answering is written before it goes.
        wait_until("the cache written", || {
            filled("documents") && filled("indexes")
        });
        screens.push(session.contents());
        session.press("\u{1b}");
        session.press("q");
        assert_eq!(session.wait_exit(), 0);
    }
    assert_eq!(screens[0], screens[1]);
}
