//! No byte from a file is ever sent to the terminal as a control sequence.
//!
//! Documents full of escape sequences, C1 controls, bidi overrides and friends
//! are drawn through the real crossterm backend into a byte buffer, on every
//! pane, at several sizes; the bytes are then searched for anything a file
//! could have smuggled in.

use qnav::load::load_bytes;
use qnav::model::{Corpus, DocKind, Document, LineRange, Pair, Paragraph};
use qnav::tui::{Action, App, render};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// Everything hostile a transcript can carry, each tagged so it can be found.
const PAYLOADS: &[&str] = &[
    "\u{1b}]0;TITLE-PWNED\u{7}",     // OSC 0: window title
    "\u{1b}]52;c;Q0xJUEJPQVJE\u{7}", // OSC 52: clipboard write
    "\u{1b}]8;;http://evil/\u{1b}\\LINK\u{1b}]8;;\u{1b}\\", // OSC 8 hyperlink
    "\u{1b}[2J\u{1b}[HCLEARED",      // CSI: clear screen, home
    "\u{1b}P1$qDCS\u{1b}\\",         // DCS
    "\u{1b}]0;UNTERMINATED",         // OSC without terminator
    "\u{9b}31mC1CSI",                // C1 CSI
    "\u{9d}0;C1OSC\u{9c}",           // C1 OSC … ST
    "BACK\u{8}\u{8}SPACE",           // backspace
    "NUL\u{0}DEL\u{7f}CR\rBEL\u{7}", // NUL, DEL, lone CR, BEL
    "LS\u{2028}PS\u{2029}",          // line/paragraph separators
    "\u{202e}RLO\u{202a}LRE\u{2066}LRI\u{2069}PDI", // bidi controls
    "ZW\u{200b}SP\u{200d}J\u{feff}BOM", // zero-width
];

/// The byte sequences that must never appear in what is written to the terminal.
fn forbidden(out: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let needles: &[(&[u8], &str)] = &[
        (b"\x1b]", "OSC"),
        (b"\x1bP", "DCS"),
        (b"\x1b[HCLEARED", "cursor home from the file"),
        (b"\x1b[31mRED", "colour from the file"),
        (b"\x07", "BEL"),
        (b"\x08", "backspace"),
        (b"\x00", "NUL"),
        (b"\x7f", "DEL"),
        (b"\r", "CR"),
        ("\u{9b}".as_bytes(), "C1 CSI"),
        ("\u{9d}".as_bytes(), "C1 OSC"),
        ("\u{9c}".as_bytes(), "C1 ST"),
        ("\u{2028}".as_bytes(), "LS"),
        ("\u{2029}".as_bytes(), "PS"),
        ("\u{202e}".as_bytes(), "RLO"),
        ("\u{202a}".as_bytes(), "LRE"),
        ("\u{2066}".as_bytes(), "LRI"),
        ("\u{2069}".as_bytes(), "PDI"),
        ("\u{200b}".as_bytes(), "ZWSP"),
        ("\u{feff}".as_bytes(), "BOM"),
    ];
    for (n, name) in needles {
        if out.windows(n.len()).any(|w| w == *n) {
            found.push(name.to_string());
        }
    }
    found
}

fn hostile_text(i: usize) -> String {
    format!("Start {i} {} end {i}.", PAYLOADS.join(" mid "))
}

/// A document built by hand, bypassing the parser: the renderer must be safe
/// on its own, whatever reaches the model.
fn hand_built() -> Document {
    let p = |t: String| Paragraph::new(t, LineRange::single(1));
    let mut d = Document::empty("evil\u{1b}]0;FILENAME\u{7}name.txt");
    d.kind = DocKind::Interview;
    d.title = Some(hostile_text(0));
    d.interviewee = Some("Name\u{1b}[31mRED".into());
    d.source = Some("\u{9b}2J".into());
    d.preamble = vec![p(hostile_text(1))];
    d.pairs = (1..=3)
        .map(|n| Pair {
            number: n,
            lead: Vec::new(),
            question: vec![p(hostile_text(10 + n))],
            answer: vec![p(hostile_text(20 + n)), p(hostile_text(30 + n))],
            asker: Some("ASK\u{1b}]52;c;eA==\u{7}".into()),
            answerer: Some("ANS\u{8}".into()),
            turns: 0..0,
        })
        .collect();
    d
}

/// The same payloads as raw bytes in a file, through decoding and parsing
/// (cp1252/cp1251 decoding of 0x80–0x9F must not produce C1 controls either).
fn parsed() -> Vec<Document> {
    // (Each payload's NUL is a stray one: removed, the file still read.)
    let payloads: Vec<String> = PAYLOADS.iter().map(|p| p.to_string()).collect();
    let mut text = String::new();
    for (i, _) in payloads.iter().enumerate() {
        text.push_str(&format!(
            "- Question {i} {}?\n- Answer {i} {}.\n",
            payloads[i],
            payloads[(i + 1) % payloads.len()]
        ));
    }
    let mut legacy =
        b"- \x9b\x9d\x85 Question in a legacy encoding \xe9\xe8?\n- Answer \x80\x99.\n".to_vec();
    legacy.extend_from_slice(b"- Second question\x1b[2J?\n- Second answer.\n");
    vec![
        load_bytes("utf8.txt", text.as_bytes()).unwrap(),
        load_bytes("legacy\x1b.txt", &legacy).unwrap(),
    ]
}

/// A writer the test can read back after the terminal has written to it.
#[derive(Clone, Default)]
struct Captured(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn draw_everything(corpus: Corpus, width: u16, height: u16) -> Vec<u8> {
    let captured = Captured::default();
    let backend = CrosstermBackend::new(captured.clone());
    let mut terminal = Terminal::new(backend).unwrap();
    terminal
        .resize(ratatui::layout::Rect::new(0, 0, width, height))
        .unwrap();
    let mut app = App::new(corpus);
    app.update(Action::Resize { width, height });
    let draw = |app: &App, terminal: &mut Terminal<CrosstermBackend<Captured>>| {
        terminal.draw(|f| render(app, f)).unwrap();
    };
    draw(&app, &mut terminal);
    // Walk through every pane and document, and the help.
    let steps = [
        Action::NextQuestion,
        Action::NextQuestion,
        Action::Bottom,
        Action::NextDocument,
        Action::NextQuestion,
        Action::FocusNext,
        Action::Down,
        Action::FocusNext,
        Action::Down,
        Action::Help,
        Action::Close,
        Action::Search,
    ];
    for a in steps {
        app.update(a);
        draw(&app, &mut terminal);
    }
    drop(terminal);
    captured.0.borrow().clone()
}

#[test]
fn hostile_text_never_reaches_the_terminal_as_control_sequences() {
    for (w, h) in [(140, 45), (80, 24), (40, 12)] {
        let mut docs = vec![hand_built()];
        docs.extend(parsed());
        let out = draw_everything(Corpus { documents: docs }, w, h);
        assert!(out.len() > 1000, "something was drawn");
        let found = forbidden(&out);
        assert!(
            found.is_empty(),
            "{w}x{h}: {found:?} written to the terminal"
        );
        // The visible words around the payloads are still there.
        let text = String::from_utf8_lossy(&out);
        assert!(
            text.contains("Start") || text.contains("Question"),
            "text drawn"
        );
    }
}

#[test]
fn the_check_itself_catches_raw_escapes() {
    // If the forbidden-byte check could not fail, the test above would prove nothing.
    assert!(!forbidden(b"\x1b]0;x\x07").is_empty());
    assert!(!forbidden("a\u{202e}b".as_bytes()).is_empty());
    assert!(forbidden(b"\x1b[1;1H\x1b[38;5;2mplain").is_empty());
}
