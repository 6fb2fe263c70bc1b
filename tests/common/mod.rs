//! Helpers shared by the integration tests, benches and the demo example:
//! where `../shared` is, and hand-built documents for the reader's tests
//! (built from the model types, so the reader's tests do not depend on the
//! parser's decisions).
//!
//! Included with `#[path]` by benches/examples; not every user needs every
//! builder.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// `../shared` beside the repository, when it is there (CI and developer
/// machines have it; a plain clone may not, and the tests that need it skip).
/// `XDG_CACHE_HOME` for the binary under test: a path under a file, which
/// no one (root included) can create — the tests never write a cache
/// outside the repository unless they give a folder of their own.
pub const NO_CACHE: &str = "/dev/null/qnav-test-cache";

pub fn shared_dir() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    p.is_dir().then_some(p)
}

pub fn repo_file(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Whitespace- and punctuation-spacing-insensitive form used for boundaries
/// (the same normalisation as `../shared/tools/golden-check`).
pub fn loose(s: &str) -> String {
    let folded = s
        .replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if matches!(c, '?' | '.' | ',' | ';' | ':' | '!' | ')') && out.ends_with(' ') {
            out.pop();
        }
        out.push(c);
    }
    out
}

use qnav::model::{Corpus, DocKind, Document, LineRange, Pair, Paragraph, Quote};
use qnav::tui::{Action, App};

fn para(text: &str, line: usize) -> Paragraph {
    Paragraph::new(text, LineRange::single(line))
}

fn item(text: &str, line: usize) -> Paragraph {
    let mut p = para(text, line);
    p.list_item = true;
    p
}

const QUESTIONS: [&str; 11] = [
    "Tell us what was discussed that day and what the organization is like today.",
    "What are the goals of the organization?",
    "Recently I had to read a reproach against the CSTO: why did it not intervene?",
    "When is the CSTO simply forced to intervene?",
    "How do the collective rapid reaction forces train?",
    "Which threats worry the member states most right now?",
    "Does the organization cooperate with the United Nations?",
    "What is planned for the coming year?",
    "How are decisions made inside the organization?",
    "Is the CSTO open to new members and partners?",
    "And finally, what would you wish the readers?",
];

/// An interview: title, interviewee, source, two preamble paragraphs, 11
/// pairs — one with a list in the answer, the last unanswered.
pub fn interview() -> Document {
    let mut doc = Document::empty("docs-data/rt-csto-charter-anniversary.txt");
    doc.kind = DocKind::Interview;
    doc.title = Some("CSTO: strategic guidelines for the development".into());
    doc.interviewee = Some("Nikolai Bordyuzha".into());
    doc.source = Some("RT".into());
    doc.date = Some("7 October 2020".into());
    doc.speakers = vec!["RT".into(), "Bordyuzha".into()];
    doc.preamble = vec![
        para(
            "October 7 was the 18th anniversary of the signing of the Charter of the Collective Security Treaty Organization (CSTO).",
            1,
        ),
        para(
            "On the same day, a round table was held at the Russian Foreign Ministry, at which the results of the organization's activities were summed up.",
            3,
        ),
    ];
    for (i, question) in QUESTIONS.iter().enumerate() {
        let number = i + 1;
        let line = 10 + i * 20;
        let mut answer = vec![
            para(
                &format!(
                    "Answer {number}, first paragraph. Indeed, it was a very interesting and useful event, a round table initiated by the Ministry of Foreign Affairs."
                ),
                line + 2,
            ),
            para(
                &format!(
                    "Answer {number}, second paragraph. The emphasis was placed on the prospects for the development of the organization."
                ),
                line + 4,
            ),
        ];
        if number == 5 {
            answer.push(item(
                "improving the work of the statutory bodies;",
                line + 5,
            ));
            answer.push(item("strengthening inter-parliamentary cooperation in the field of collective security;", line + 6));
        }
        if number == 11 {
            answer.clear();
        }
        doc.pairs.push(Pair {
            number,
            lead: Vec::new(),
            question: vec![para(question, line)],
            answer,
            asker: (number % 2 == 1).then(|| "RT".into()),
            answerer: (number == 1).then(|| "Nikolai Bordyuzha".into()),
            turns: 0..0,
        });
    }
    doc.pairs[10].answer.clear();
    doc.bytes = 20_000;
    doc
}

/// A short interview without title or metadata (display title falls back
/// to the first question).
pub fn short_interview() -> Document {
    let mut doc = Document::empty("docs-data/tass-tasmagambetov-excerpt.txt");
    doc.kind = DocKind::Interview;
    doc.interviewee = Some("Imangali Tasmagambetov".into());
    doc.source = Some("TASS".into());
    for number in 1..=3 {
        doc.pairs.push(Pair {
            number,
            lead: Vec::new(),
            question: vec![para(
                &format!("Short question number {number}?"),
                number * 2,
            )],
            answer: vec![para(
                &format!("Short answer number {number}."),
                number * 2 + 1,
            )],
            asker: None,
            answerer: None,
            turns: 0..0,
        });
    }
    doc
}

/// An article: body paragraphs, one of them quoted.
pub fn article() -> Document {
    let mut doc = Document::empty("docs-data/masadykov-statements-article.txt");
    doc.kind = DocKind::Article;
    doc.title = Some("Collective Security in a Multipolar World".into());
    doc.interviewee = Some("Talatbek Masadykov".into());
    doc.body = vec![
        para(
            "Talatbek Masadikov, the new Secretary General of the CSTO, gave his first significant interview.",
            2,
        ),
        para(
            "\"Our main task is to effectively fulfill the mission of the Organization,\" he said.",
            4,
        ),
        para(
            "He also noted that the reasons for the current imbalance are well known.",
            6,
        ),
    ];
    doc.quotes = vec![Quote {
        text: "Our main task is to effectively fulfill the mission of the Organization".into(),
        attribution: Some("Masadykov".into()),
        lines: LineRange::single(4),
    }];
    doc
}

/// The three documents above, interview first.
pub fn corpus() -> Corpus {
    Corpus {
        documents: vec![interview(), short_interview(), article()],
    }
}

/// A large interview: `pairs` pairs of a two-line question and a long answer.
pub fn synthetic(pairs: usize) -> Document {
    let mut doc = Document::empty("synthetic.txt");
    doc.kind = DocKind::Interview;
    doc.title = Some(format!("Synthetic interview with {pairs} questions"));
    for number in 1..=pairs {
        doc.pairs.push(Pair {
            number,
            lead: Vec::new(),
            question: vec![para(&format!("Question {number}: what do you think about the state of things and where is it going from here?"), number * 10)],
            answer: (0..3)
                .map(|k| para(&format!("Answer {number}.{k}: lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation."), number * 10 + k + 1))
                .collect(),
            asker: Some("Host".into()),
            answerer: Some("Guest".into()),
            turns: 0..0,
        });
    }
    doc
}

/// An app over `corpus` on a `width`×`height` screen.
pub fn app(corpus: Corpus, width: u16, height: u16) -> App {
    let mut app = App::new(corpus);
    app.update(Action::Resize { width, height });
    app
}

/// Applies `actions` in order.
pub fn press(app: &mut App, actions: &[Action]) {
    for action in actions {
        app.update(*action);
    }
}

/// The text of each row of `buffer`.
pub fn rows(buffer: &ratatui::buffer::Buffer) -> Vec<String> {
    let area = buffer.area;
    (area.top()..area.bottom())
        .map(|y| {
            (area.left()..area.right())
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}

/// The whole screen of `app` as text, one row per line.
pub fn screen(app: &App) -> String {
    let area = app.screen();
    let mut buffer = ratatui::buffer::Buffer::empty(area);
    qnav::tui::render_to(app, area, &mut buffer);
    rows(&buffer).join("\n")
}

/// Whether `msg` changes what the screen shows: the event loop's test for
/// writing the terminal ([`qnav::tui::Frames`]). The effects are dropped.
pub fn redraws(app: &mut App, msg: impl Into<qnav::tui::Msg>) -> bool {
    let area = app.screen();
    let mut frames = qnav::tui::Frames::default();
    frames.changed(app, area);
    app.update(msg);
    frames.changed(app, area).is_some()
}

/// Whether `effects` ask the loop to quit.
pub fn quits(effects: &[qnav::tui::Effect]) -> bool {
    effects.iter().any(|e| matches!(e, qnav::tui::Effect::Quit))
}

/// The clipboard text among `effects`, if any.
pub fn clipboard(effects: &[qnav::tui::Effect]) -> Option<String> {
    effects.iter().find_map(|e| match e {
        qnav::tui::Effect::Clipboard(text) => Some(text.clone()),
        _ => None,
    })
}

/// Does what the event loop does on the way out: the save `App` asks for
/// then, run here; its result handed back. `Ok` when nothing needed saving.
pub fn save_now(app: &mut App) -> std::io::Result<()> {
    for effect in app.update(qnav::tui::Msg::Leaving) {
        if let qnav::tui::Effect::SaveNow(job) = effect {
            let (sent, result) = job.run();
            let failed = result
                .as_ref()
                .err()
                .map(|e| std::io::Error::new(e.kind(), e.to_string()));
            app.update(qnav::tui::Msg::Saved((sent, result)));
            if let Some(e) = failed {
                return Err(e);
            }
        }
    }
    Ok(())
}

/// Pastes `text` as a terminal would (bracketed paste).
pub fn paste(app: &mut App, text: &str) -> Vec<qnav::tui::Effect> {
    app.update(qnav::tui::Msg::Event(
        ratatui::crossterm::event::Event::Paste(text.into()),
    ))
}

/// The text of each search hit the app lists, in order.
pub fn hit_texts(app: &App) -> Vec<String> {
    let (index, texts) = app.search_base().expect("indexed");
    app.search()
        .results
        .hits
        .iter()
        .map(|h| texts.text(index.statement(h.statement)).to_string())
        .collect()
}
