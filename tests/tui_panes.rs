//! Each pane drawn alone into a buffer, checked for what it must show.

mod common;

use common::{app, corpus, press, rows};
use qnav::model::Corpus;
use qnav::tui::keymap::READER_ACTIONS;
use qnav::tui::{Action, App, doclist, help, questions, reader, status};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

fn draw(pane: fn(&App, Rect, &mut Buffer), app: &App, width: u16, height: u16) -> Vec<String> {
    let area = Rect::new(0, 0, width, height);
    let mut buffer = Buffer::empty(area);
    pane(app, area, &mut buffer);
    rows(&buffer)
}

#[test]
fn documents_pane_lists_titles_details_and_marks_the_open_one() {
    let mut app = app(corpus(), 140, 45);
    app.update(Action::NextDocument);
    let rows = draw(doclist::render, &app, 40, 10);
    assert!(rows[0].starts_with("┌ Documents (3) "), "{rows:#?}");
    assert_eq!(rows[1], "│  CSTO: strategic guidelines for the …│");
    // The count and the date first: a narrow pane cuts the rest.
    assert_eq!(rows[2], "│  11 questions · 7 October 2020 · Nik…│");
    assert_eq!(rows[3], "│● Short question number 1?            │");
    assert_eq!(rows[4], "│  3 questions · Imangali Tasmagambeto…│");
    assert_eq!(rows[5], "│  Collective Security in a Multipolar…│");
    assert_eq!(rows[6], "│  article · Talatbek Masadykov        │");
}

#[test]
fn documents_pane_scrolls_to_keep_the_selection_visible() {
    let mut docs = Vec::new();
    for _ in 0..20 {
        docs.extend(corpus().documents);
    }
    let mut app = app(Corpus { documents: docs }, 140, 45);
    app.update(Action::FocusNext);
    for _ in 0..50 {
        app.update(Action::Down);
    }
    let area = Rect::new(0, 0, 40, 10);
    let mut buffer = Buffer::empty(area);
    doclist::render(&app, area, &mut buffer);
    // The selected (50th) document is drawn reversed somewhere in the pane.
    let reversed_rows = (1..9)
        .filter(|&y| buffer[(3, y)].modifier.contains(Modifier::REVERSED))
        .count();
    assert_eq!(reversed_rows, 2, "both rows of the selected item");
    assert_eq!(
        qnav::tui::layout::list_item_at(
            area,
            50,
            60,
            1 + 2 * (50 - 48),
            qnav::tui::layout::DOC_ITEM_HEIGHT
        ),
        Some(50)
    );
}

#[test]
fn questions_pane_shows_one_truncated_line_per_question_and_marks_the_current() {
    let mut app = app(corpus(), 140, 45);
    press(
        &mut app,
        &[
            Action::NextQuestion,
            Action::NextQuestion,
            Action::NextQuestion,
        ],
    );
    let rows = draw(questions::render, &app, 30, 14);
    assert!(rows[0].starts_with("┌ Questions (11) "), "{rows:#?}");
    assert_eq!(rows[1], "│ Q1 Tell us what was discus…│");
    assert_eq!(rows[4], "│▸Q4 When is the CSTO simply…│");
    assert_eq!(rows[11], "│ Q11 And finally, what woul…│");
    assert_eq!(rows.iter().filter(|r| r.contains('▸')).count(), 1);
}

/// The navigator says what is asked: past the asker's thanks, name and
/// outlet, from the first sentence that asks.
#[test]
fn questions_pane_shows_what_is_asked_past_greetings() {
    let doc = qnav::load::load_bytes(
        "briefing.txt",
        "CHAIR POWELL: Good afternoon. We kept rates where they were, and I will take your questions now.\n\n\
         MODERATOR: Colby.\n\n\
         COLBY SMITH: Thank you. Colby Smith with the Financial Times. Chair Powell, how should we read the projections?\n\n\
         CHAIR POWELL: Carefully, and as a range rather than a promise.\n\n\
         MODERATOR: Nick.\n\n\
         NICK TIMIRAOS: Hi. Is a cut on the table in June?\n\n\
         CHAIR POWELL: We have made no decision about June.\n"
            .as_bytes(),
    )
    .unwrap();
    let app = app(
        Corpus {
            documents: vec![doc],
        },
        140,
        45,
    );
    let rows = draw(questions::render, &app, 40, 5);
    assert_eq!(
        rows[1], "│▸Q1 Chair Powell, how should we read …│",
        "{rows:#?}"
    );
    assert_eq!(
        rows[2], "│ Q2 Is a cut on the table in June?    │",
        "{rows:#?}"
    );
}

#[test]
fn questions_pane_says_when_a_document_has_none() {
    let mut app = app(corpus(), 140, 45);
    press(&mut app, &[Action::NextDocument, Action::NextDocument]);
    let rows = draw(questions::render, &app, 40, 5);
    assert!(rows[0].contains("Questions (0)"));
    assert!(rows[1].contains("no questions"), "{rows:#?}");
}

#[test]
fn reading_pane_sets_questions_apart_from_answers() {
    let mut app = app(corpus(), 140, 45);
    let pane = app.panes().unwrap().reader;
    let (width, height) = (pane.width, pane.height);
    let rows = draw(reader::render, &app, width, height);
    let text = rows.join("\n");
    assert!(rows[1].contains("CSTO: strategic guidelines for the development"));
    assert!(rows[2].contains("Nikolai Bordyuzha · RT · 7 October 2020"));
    assert!(text.contains("October 7 was the 18th anniversary"));
    assert!(
        text.contains(" Q1  RT"),
        "question label and asker:\n{text}"
    );
    assert!(text.contains("┃ Tell us what was discussed"), "{text}");
    assert!(text.contains("— Nikolai Bordyuzha"), "answerer:\n{text}");
    assert!(text.contains(" Q2 "), "{text}");

    // The question text is styled differently from the answer text.
    let buffer = {
        let area = Rect::new(0, 0, width, height);
        let mut b = Buffer::empty(area);
        reader::render(&app, area, &mut b);
        b
    };
    let find = |needle: &str| {
        let y = rows.iter().position(|r| r.contains(needle)).unwrap();
        let column = rows[y]
            .find(needle)
            .map(|b| rows[y][..b].chars().count())
            .unwrap();
        buffer[(column as u16, y as u16)].style()
    };
    let question = find("Tell us");
    let answer = find("Answer 1, first");
    assert!(question.add_modifier.contains(Modifier::BOLD));
    assert!(!answer.add_modifier.contains(Modifier::BOLD));
    assert_ne!(question.fg, answer.fg);

    // Lists are bulleted; the unanswered question says so.
    press(&mut app, &[Action::Bottom]);
    let text = draw(reader::render, &app, width, height).join("\n");
    assert!(text.contains("(no answer)"), "{text}");
    app.update(Action::Top);
    for _ in 0..4 {
        app.update(Action::NextQuestion);
    }
    let text = draw(reader::render, &app, width, height).join("\n");
    assert!(
        text.contains("  • improving the work of the statutory bodies;"),
        "{text}"
    );
}

#[test]
fn reading_pane_wraps_to_its_width() {
    let app = app(corpus(), 60, 30);
    let pane = app.panes().unwrap().reader;
    let lines = app.reader_lines().unwrap();
    assert_eq!(
        lines.width,
        reader::text_area(app.panes().unwrap().reader).width
    );
    assert!(
        lines
            .lines
            .iter()
            .all(|l| l.width() <= usize::from(lines.width))
    );
    let rows = draw(reader::render, &app, pane.width, pane.height);
    let inside = &rows[1..rows.len() - 1];
    assert!(
        inside.iter().all(|r| r.ends_with('║')),
        "nothing overflows the border"
    );
    assert!(
        inside
            .iter()
            .any(|r| r.chars().count() > 20 && r.contains("Collective"))
    );
}

#[test]
fn reading_pane_shows_articles_as_paragraphs_with_quotes_marked() {
    let mut app = app(corpus(), 140, 45);
    press(&mut app, &[Action::NextDocument, Action::NextDocument]);
    let width = app.panes().unwrap().reader.width;
    let text = draw(reader::render, &app, width, 40).join("\n");
    assert!(text.contains("Article"));
    assert!(
        text.contains("│ \"Our main task is to effectively fulfill"),
        "{text}"
    );
    assert!(text.contains("Quotes"));
    assert!(
        text.contains("❝ “Our main task is to effectively fulfill the mission"),
        "{text}"
    );
    assert!(text.contains("He also noted"));
}

#[test]
fn status_line_shows_title_position_keys_and_progress() {
    let mut app = app(corpus(), 140, 45);
    press(&mut app, &[Action::NextQuestion, Action::NextQuestion]);
    let row = draw(status::render, &app, 140, 1).remove(0);
    assert!(row.contains("CSTO: strategic guidelines"), "{row}");
    assert!(row.contains("Q 3/11 · "), "{row}");
    assert!(row.contains('%'), "{row}");
    assert!(row.contains("n/p question"), "{row}");
    assert!(row.contains("? help"), "{row}");

    let mut loading = App::waiting();
    loading.update(Action::Resize {
        width: 80,
        height: 24,
    });
    loading.update(qnav::tui::Msg::Load(qnav::load::LoadEvent::Found(10)));
    let row = draw(status::render, &loading, 80, 1).remove(0);
    assert!(row.trim_end().ends_with("loading 0/10"), "{row}");

    app.update(Action::NextHit);
    let row = draw(status::render, &app, 60, 1).remove(0);
    assert!(
        row.trim_end().ends_with("no search hits: / searches"),
        "{row}"
    );
    assert_eq!(row.chars().count(), 60);
}

#[test]
fn help_lists_every_binding_from_the_keymap() {
    let mut app = app(corpus(), 140, 45);
    app.update(Action::Help);
    let text = draw(help::render, &app, 140, 45).join("\n");
    for bindable in READER_ACTIONS {
        for binding in bindable.keys {
            assert!(
                text.contains(&binding.label()),
                "{} missing",
                binding.label()
            );
        }
        assert!(
            text.contains(bindable.description),
            "{} missing",
            bindable.description
        );
    }
    assert!(text.contains("Esc closes"));
}

#[test]
fn help_scrolls_when_the_screen_is_short() {
    let mut app = app(corpus(), 80, 12);
    app.update(Action::Help);
    let first = draw(help::render, &app, 80, 12).join("\n");
    assert!(first.contains("down a line"));
    assert!(!first.contains("suspend to the shell"));
    app.update(Action::ScrollAt {
        column: 40,
        row: 6,
        down: true,
    });
    assert_eq!(app.help_scroll(), Some(1), "the wheel scrolls the help");
    app.update(Action::Bottom);
    let last = draw(help::render, &app, 80, 12).join("\n");
    assert!(last.contains("suspend to the shell"), "{last}");
    assert!(!last.contains("down a line"));
}

#[test]
fn reading_pane_names_every_speaker_where_the_speaker_changes_inside_a_pair() {
    let doc = qnav::load::load_bytes(
        "briefing.txt",
        "MS. LANE:  Good afternoon. Two things before questions.\n\nQ    Thanks. What does the new plan cost?\n\nMS. LANE:  Less than the old one, and my colleague can say by how much.\n\nMR. BOYD:  About a third less, over ten years.\n\nQ    And when does it start?\n\nMS. LANE:  In January.\n"
            .as_bytes(),
    )
    .expect("loads");
    let app = app(
        Corpus {
            documents: vec![doc],
        },
        100,
        40,
    );
    let text = draw(reader::render, &app, 100, 40).join("\n");
    let boyd = text.find("— MR. BOYD").expect("the interjection is named");
    let third = text
        .find("About a third less")
        .expect("its words are shown");
    assert!(boyd < third, "the name stands over the words:\n{text}");
    assert!(text.contains("— MS. LANE"), "{text}");
}
