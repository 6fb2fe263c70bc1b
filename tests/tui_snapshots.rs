//! Whole-screen snapshots on `TestBackend` at the sizes people use, and
//! drawing at sizes nobody should use (which must not panic).

mod common;

use common::{app, corpus, press};
use qnav::tui::{Action, App, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn terminal_for(app: &App) -> Terminal<TestBackend> {
    let size = app.screen();
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height)).unwrap();
    terminal.draw(|frame| render(app, frame)).unwrap();
    terminal
}

/// The reader after `n` ×3: question 4 at the top of the reading pane.
fn reading_question_four(width: u16, height: u16) -> App {
    let mut app = app(corpus(), width, height);
    press(
        &mut app,
        &[
            Action::NextQuestion,
            Action::NextQuestion,
            Action::NextQuestion,
        ],
    );
    app
}

#[test]
fn screen_140x45() {
    let app = reading_question_four(140, 45);
    insta::assert_snapshot!(terminal_for(&app).backend());
}

#[test]
fn screen_100x30() {
    let app = reading_question_four(100, 30);
    insta::assert_snapshot!(terminal_for(&app).backend());
}

#[test]
fn screen_80x24() {
    let app = reading_question_four(80, 24);
    insta::assert_snapshot!(terminal_for(&app).backend());
}

#[test]
fn screen_40x12() {
    let app = reading_question_four(40, 12);
    insta::assert_snapshot!(terminal_for(&app).backend());
}

#[test]
fn screen_40x12_questions_focused() {
    let mut app = reading_question_four(40, 12);
    app.update(Action::FocusLeft);
    insta::assert_snapshot!(terminal_for(&app).backend());
}

#[test]
fn screen_100x30_help() {
    let mut app = app(corpus(), 100, 30);
    app.update(Action::Help);
    insta::assert_snapshot!(terminal_for(&app).backend());
}

#[test]
fn screen_80x24_article() {
    let mut app = app(corpus(), 80, 24);
    press(&mut app, &[Action::NextDocument, Action::NextDocument]);
    insta::assert_snapshot!(terminal_for(&app).backend());
}

#[test]
fn tiny_screens_show_a_note_and_never_panic() {
    for (width, height) in [
        (0, 0),
        (1, 1),
        (3, 2),
        (19, 4),
        (19, 40),
        (200, 4),
        (20, 5),
        (0, 50),
        (50, 0),
    ] {
        for focus_moves in 0..3 {
            let mut app = app(corpus(), width, height);
            for _ in 0..focus_moves {
                app.update(Action::FocusNext);
            }
            press(
                &mut app,
                &[Action::NextQuestion, Action::Bottom, Action::Help],
            );
            let terminal = terminal_for(&app);
            let text = common::rows(terminal.backend().buffer()).join("");
            if (width < 20 || height < 5) && width > 0 && height > 0 {
                assert!(text.starts_with('t'), "{width}×{height}: {text:?}");
            }
        }
    }
    let small = app(corpus(), 19, 4);
    let text = common::rows(terminal_for(&small).backend().buffer()).join(" ");
    assert!(text.contains("terminal too"), "{text}");
    assert!(text.contains("small"), "{text}");
}
