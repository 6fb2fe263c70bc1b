//! `App` driven by actions, without a terminal: what is selected, opened
//! and scrolled after key sequences.

mod common;

use common::{app, corpus, hit_texts, press, quits, redraws, screen};
use qnav::load::LoadEvent;
use qnav::model::Corpus;
use qnav::tui::{Action, App, Effect, Focus, Msg};

use Action::*;

/// Whether `effects` ask the loop for the open document's source lines.
fn asks_for_source(effects: &[Effect]) -> bool {
    effects
        .iter()
        .any(|e| matches!(e, Effect::ReadSource { doc: 0 }))
}

fn top_line(app: &App) -> String {
    let lines = app.reader_lines().expect("a document is open");
    lines.lines[app.scroll()].to_string()
}

#[test]
fn n_three_times_from_question_one_reaches_question_four() {
    let mut app = app(corpus(), 140, 45);
    // Opening shows the preamble with Q1's heading on screen: that is Q1.
    assert_eq!(app.current_pair(), Some(0));
    press(&mut app, &[NextQuestion, NextQuestion, NextQuestion]);
    assert_eq!(app.current_pair(), Some(3));
    assert_eq!(app.question_cursor(), 3);
    let starts = &app.reader_lines().unwrap().pair_starts;
    assert_eq!(app.scroll(), starts[3], "question 4 is at the top");
    assert!(top_line(&app).contains("Q4"), "{}", top_line(&app));
    assert!(screen(&app).contains("When is the CSTO simply forced to intervene?"));
}

#[test]
fn n_from_a_long_preamble_goes_to_question_one_first() {
    // On a 6-row screen the preamble hides Q1's heading.
    let mut app = app(corpus(), 60, 8);
    assert!(app.scroll() < app.reader_lines().unwrap().pair_starts[0]);
    press(&mut app, &[NextQuestion]);
    assert_eq!(app.scroll(), app.reader_lines().unwrap().pair_starts[0]);
    assert_eq!(app.current_pair(), Some(0));
}

#[test]
fn p_goes_back_and_stops_at_the_top() {
    let mut app = app(corpus(), 140, 45);
    press(&mut app, &[NextQuestion, NextQuestion, PrevQuestion]);
    assert_eq!(app.current_pair(), Some(1));
    press(&mut app, &[PrevQuestion, PrevQuestion, PrevQuestion]);
    assert_eq!(app.scroll(), 0);
    assert_eq!(app.message(), Some("first question"));
    // ']' and '[' are the same actions; the table maps them, see keymap tests.
}

#[test]
fn n_stops_at_the_last_question() {
    let mut app = app(corpus(), 140, 45);
    for _ in 0..30 {
        app.update(NextQuestion);
    }
    assert_eq!(app.current_pair(), Some(10));
    assert_eq!(app.message(), Some("last question"));
    assert!(app.scroll() <= app.max_scroll());
}

#[test]
fn shift_j_and_k_change_document_and_reset_the_reader() {
    let mut app = app(corpus(), 140, 45);
    press(&mut app, &[NextQuestion, NextQuestion]);
    assert!(redraws(&mut app, NextDocument));
    assert_eq!(app.current_index(), 1);
    assert_eq!(app.doc_cursor(), 1);
    assert_eq!(app.scroll(), 0);
    press(&mut app, &[NextDocument, NextDocument, NextDocument]);
    assert_eq!(app.current_index(), 2, "stays on the last document");
    press(&mut app, &[PrevDocument, PrevDocument, PrevDocument]);
    assert_eq!(app.current_index(), 0);
}

#[test]
fn g_and_shift_g_go_to_top_and_bottom() {
    let mut app = app(corpus(), 100, 30);
    app.update(Bottom);
    let lines = app.content_lines();
    assert_eq!(app.scroll(), lines - app.reader_height());
    assert_eq!(app.percent(), 100);
    assert!(screen(&app).contains("(no answer)"), "the end is on screen");
    assert!(screen(&app).contains("Q11"));
    // The pair being read is the one at the top of the pane.
    let top_pair = app.reader_lines().unwrap().pair_at(app.scroll());
    assert_eq!(app.current_pair(), top_pair);
    assert_eq!(app.question_cursor(), top_pair.unwrap());
    app.update(Top);
    assert_eq!(app.scroll(), 0);
    assert_eq!(app.percent(), 0);
}

#[test]
fn paging_moves_by_the_reader_height() {
    let mut app = app(corpus(), 100, 30);
    let height = app.reader_height();
    app.update(PageDown);
    assert_eq!(app.scroll(), height);
    app.update(HalfPageUp);
    assert_eq!(app.scroll(), height - height / 2);
    app.update(PageUp);
    assert_eq!(app.scroll(), 0);
    app.update(Up);
    assert_eq!(app.scroll(), 0, "never above the top");
    for _ in 0..1000 {
        app.update(Down);
    }
    assert_eq!(app.scroll(), app.max_scroll(), "never past the end");
}

#[test]
fn focus_cycles_and_lists_select_and_open() {
    let mut app = app(corpus(), 140, 45);
    assert_eq!(app.focus(), Focus::Reader);
    app.update(FocusNext);
    assert_eq!(app.focus(), Focus::Documents);
    press(&mut app, &[Down, Down, Down]);
    assert_eq!(app.doc_cursor(), 2, "the cursor stays on the list");
    assert_eq!(app.current_index(), 0, "moving does not open");
    app.update(Open);
    assert_eq!(app.current_index(), 2);
    assert_eq!(app.focus(), Focus::Reader);

    app.update(PrevDocument);
    app.update(PrevDocument);
    press(&mut app, &[FocusLeft]);
    assert_eq!(app.focus(), Focus::Questions);
    press(&mut app, &[Down, Down, Down, Down]);
    assert_eq!(app.question_cursor(), 4);
    assert_eq!(app.current_pair(), Some(0), "moving does not scroll");
    app.update(Open);
    assert_eq!(app.current_pair(), Some(4));
    app.update(Bottom);
    assert_eq!(app.question_cursor(), 10);
    press(&mut app, &[FocusPrev, FocusPrev, FocusPrev]);
    assert_eq!(app.focus(), Focus::Questions);
    press(&mut app, &[FocusRight, FocusRight]);
    assert_eq!(app.focus(), Focus::Reader);
}

#[test]
fn documents_pane_folds_on_narrow_screens_and_comes_back() {
    let mut app = app(corpus(), 80, 24);
    assert!(app.panes().unwrap().documents.is_none());
    app.update(ToggleDocuments);
    assert_eq!(app.focus(), Focus::Documents);
    assert!(app.panes().unwrap().documents.is_some());
    assert!(screen(&app).contains("Documents (3)"));
    app.update(ToggleDocuments);
    assert!(app.panes().unwrap().documents.is_none());

    let mut wide = common::app(corpus(), 140, 45);
    let width_with_docs = wide.reader_lines().unwrap().width;
    wide.update(ToggleDocuments);
    assert!(wide.panes().unwrap().documents.is_none());
    assert!(
        wide.reader_lines().unwrap().width > width_with_docs,
        "the reader is rewrapped wider"
    );
}

#[test]
fn help_opens_closes_and_swallows_movement() {
    let mut app = app(corpus(), 100, 30);
    app.update(Help);
    assert!(app.help_scroll().is_some());
    assert!(screen(&app).contains("next question"));
    press(&mut app, &[NextQuestion, NextDocument]);
    assert_eq!(app.current_index(), 0);
    assert_eq!(app.scroll(), 0);
    app.update(Close);
    assert!(app.help_scroll().is_none());
    assert!(!screen(&app).contains("focus previous pane"));
    app.update(Help);
    let effects = app.update(Quit);
    assert!(!quits(&effects), "q closes the help first");
    assert!(app.help_scroll().is_none());
    assert!(quits(&app.update(Quit)));
}

#[test]
fn a_message_clears_on_the_next_key() {
    let mut app = app(corpus(), 100, 30);
    assert!(redraws(&mut app, NextHit));
    assert_eq!(app.message(), Some("no search hits: / searches"));
    assert!(screen(&app).contains("no search hits"));
    assert!(redraws(&mut app, Up), "clearing is a change");
    assert_eq!(app.message(), None);
    assert!(!redraws(&mut app, Up), "nothing changed, nothing drawn");
}

#[test]
fn suspend_and_quit_are_left_to_the_event_loop() {
    let mut app = app(corpus(), 100, 30);
    let suspend = app.update(Suspend);
    assert!(
        matches!(suspend.as_slice(), [Effect::Suspend]),
        "{suspend:?}"
    );
    assert!(quits(&app.update(Quit)));
}

#[test]
fn documents_arrive_while_loading() {
    let mut app = App::waiting();
    app.update(Resize {
        width: 100,
        height: 30,
    });
    assert!(screen(&app).contains("Loading documents…"));
    app.update(Msg::Load(LoadEvent::Found(3)));
    assert!(screen(&app).contains("loading 0/3"));
    let mut docs = corpus().documents.into_iter();
    app.update(Msg::Load(LoadEvent::Document(Box::new(
        docs.next().unwrap(),
    ))));
    assert_eq!(app.current_index(), 0);
    assert!(app.reader_lines().is_some(), "the first document opens");
    press(&mut app, &[NextQuestion, NextQuestion]);
    let scroll = app.scroll();
    app.update(Msg::Load(LoadEvent::Document(Box::new(
        docs.next().unwrap(),
    ))));
    assert_eq!(
        app.scroll(),
        scroll,
        "later documents do not move the reader"
    );
    assert!(screen(&app).contains("loading 2/3"));
    app.update(Msg::Load(LoadEvent::Message(
        "bad\u{1b}[2J.txt: not text".into(),
    )));
    assert_eq!(app.message(), Some("bad␛[2J.txt: not text"));
    app.update(Msg::Load(LoadEvent::Done));
    app.update(Up);
    assert!(!screen(&app).contains("loading"));
}

/// `doc` as the cache would give it back: the same, its text borrowed.
fn borrowing(mut doc: qnav::model::Document) -> qnav::model::Document {
    let lend = |p: &mut qnav::model::Paragraph| {
        let text: &'static str = Box::leak(p.text.to_string().into_boxed_str());
        p.text = std::borrow::Cow::Borrowed(text);
    };
    doc.preamble.iter_mut().for_each(lend);
    doc.body.iter_mut().for_each(lend);
    for pair in &mut doc.pairs {
        pair.lead.iter_mut().for_each(lend);
        pair.question.iter_mut().for_each(lend);
        pair.answer.iter_mut().for_each(lend);
    }
    doc
}

/// A parsed document settled from the cache is swapped in once the index
/// thread no longer shares the documents (never by copying them all while
/// it does), and only if it is still the document parsed; the swap asks
/// for the freed memory to be given back and changes nothing on screen.
#[test]
fn settled_documents_are_swapped_in_once_nothing_else_holds_them() {
    let mut app = App::waiting();
    app.update(Resize {
        width: 100,
        height: 30,
    });
    let docs = corpus().documents;
    app.update(Msg::Load(LoadEvent::Found(2)));
    for d in docs.iter().take(2) {
        app.update(Msg::Load(LoadEvent::Document(Box::new(d.clone()))));
    }
    let building = app.update(Msg::Load(LoadEvent::Done));
    assert!(building.iter().any(|e| matches!(e, Effect::BuildIndex(_))));
    let before = screen(&app);
    let settled = borrowing(docs[0].clone());
    let mut stranger = borrowing(docs[1].clone());
    stranger.content_hash ^= 1;
    assert!(!settled.owns_text());
    let effects = app.update(Msg::Load(LoadEvent::Settled(0, Box::new(settled))));
    app.update(Msg::Load(LoadEvent::Settled(1, Box::new(stranger))));
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::GiveBackMemory)),
        "nothing swapped while the index job shares the documents"
    );
    assert!(app.documents()[0].owns_text());
    drop(building);
    let effects = app.update(Msg::DocumentsFree);
    assert!(!app.documents()[0].owns_text(), "swapped in");
    assert!(app.documents()[1].owns_text(), "not the document parsed");
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::GiveBackMemory)),
        "given back once, when nothing more can settle"
    );
    let effects = app.update(Msg::LoaderGone);
    assert_eq!(
        effects
            .iter()
            .filter(|e| matches!(e, Effect::GiveBackMemory))
            .count(),
        1
    );
    assert!(
        !app.update(Msg::DocumentsFree)
            .iter()
            .any(|e| matches!(e, Effect::GiveBackMemory))
    );
    assert_eq!(screen(&app), before);
}

#[test]
fn an_empty_corpus_is_safe() {
    let mut app = App::new(Corpus::default());
    for action in [
        Resize {
            width: 80,
            height: 24,
        },
        NextQuestion,
        PrevQuestion,
        NextDocument,
        Bottom,
        Open,
        FocusNext,
        Down,
        Open,
        ClickAt { column: 5, row: 5 },
        ScrollAt {
            column: 50,
            row: 5,
            down: true,
        },
    ] {
        app.update(action);
    }
    assert!(app.current_document().is_none());
    assert!(screen(&app).contains("No documents to show."));
}

#[test]
fn mouse_wheel_scrolls_the_pane_under_it_and_click_selects() {
    let mut app = app(corpus(), 140, 45);
    let panes = app.panes().unwrap();
    let reader = panes.reader;
    app.update(ScrollAt {
        column: reader.x + 5,
        row: reader.y + 5,
        down: true,
    });
    assert_eq!(app.scroll(), 3);
    app.update(ScrollAt {
        column: reader.x + 5,
        row: reader.y + 5,
        down: false,
    });
    assert_eq!(app.scroll(), 0);

    // Row 4 of the questions list (inside the border) is Q4.
    let questions = panes.questions.unwrap();
    app.update(ClickAt {
        column: questions.x + 3,
        row: questions.y + 4,
    });
    assert_eq!(app.focus(), Focus::Questions);
    assert_eq!(app.current_pair(), Some(3));

    // The second document's first row.
    let documents = panes.documents.unwrap();
    app.update(ClickAt {
        column: documents.x + 3,
        row: documents.y + 3,
    });
    assert_eq!(app.current_index(), 1);
}

#[test]
fn resize_rewraps_and_keeps_the_question_being_read() {
    let mut app = app(corpus(), 140, 45);
    press(
        &mut app,
        &[NextQuestion, NextQuestion, NextQuestion, NextQuestion],
    );
    assert_eq!(app.current_pair(), Some(4));
    let wide = app.reader_lines().unwrap().width;
    app.update(Resize {
        width: 70,
        height: 20,
    });
    assert!(app.reader_lines().unwrap().width < wide);
    assert_eq!(app.current_pair(), Some(4));
    assert!(app.scroll() <= app.max_scroll());
    app.update(Resize {
        width: 3,
        height: 2,
    });
    app.update(Resize {
        width: 140,
        height: 45,
    });
    assert!(app.scroll() <= app.max_scroll());
}

#[test]
fn a_document_longer_than_u16_lines_scrolls_to_its_end() {
    let doc = common::synthetic(6_000);
    let mut app = app(
        Corpus {
            documents: vec![doc],
        },
        100,
        30,
    );
    assert!(
        app.content_lines() > usize::from(u16::MAX),
        "{}",
        app.content_lines()
    );
    app.update(Bottom);
    assert!(app.scroll() > usize::from(u16::MAX));
    let text = screen(&app);
    assert!(text.contains("Answer 6000.2"), "{text}");
    assert!(text.contains("Q 599"), "{text}");
    assert!(text.contains("· 100%"), "{text}");
}

/// A parsed interview with page chrome, and its source lines.
fn sourced() -> (Corpus, Vec<String>) {
    let mut text = String::from("Skip to main content\n\n");
    for n in 1..=30 {
        text.push_str(&format!(
            "Q: Question number {n}, what happened then?\n\nA: Answer number {n}. It was a long day and we all went home late.\nNobody said much on the way.\n\n"
        ));
    }
    let doc = qnav::load::load_bytes("t.txt", text.as_bytes()).expect("parses");
    assert_eq!(doc.pairs.len(), 30);
    let lines = text.split('\n').map(str::to_string).collect();
    (
        Corpus {
            documents: vec![doc],
        },
        lines,
    )
}

#[test]
fn the_source_view_shows_the_lines_behind_the_pair_and_closes() {
    let (corpus, lines) = sourced();
    let mut app = app(corpus, 100, 30);
    press(&mut app, &[NextQuestion]);
    assert_eq!(app.current_pair(), Some(1));
    // `v` asks the event loop for the lines; nothing is read in `update`.
    assert!(asks_for_source(&app.update(Source)));
    assert!(app.source_view().is_none(), "not before the lines are read");
    assert!(redraws(
        &mut app,
        Msg::SourceRead {
            doc: 0,
            lines: Ok(lines.clone()),
        }
    ));
    let view = app.source_view().expect("open");
    // Q2 is on line 8; its answer's two lines follow.
    let numbers: Vec<usize> = view.rows.iter().map(|r| r.no).collect();
    assert_eq!(numbers, [8, 9, 10, 11]);
    assert_eq!(
        view.rows[0].text,
        "Q: Question number 2, what happened then?"
    );
    assert!(view.title.contains("lines 8–11"), "{}", view.title);
    let shown = screen(&app);
    assert!(shown.contains(" 8 │ Q: Question number 2"), "{shown}");
    // Keys for the panes underneath do nothing while it is open.
    assert!(!redraws(&mut app, NextQuestion));
    assert_eq!(app.current_pair(), Some(1));
    // `v` again (or Esc) closes it.
    app.update(Source);
    assert!(app.source_view().is_none());
    assert!(asks_for_source(&app.update(Source)));
    app.update(Msg::SourceRead {
        doc: 0,
        lines: Ok(lines),
    });
    app.update(Close);
    assert!(app.source_view().is_none());
    // Lines read for a document no longer open are dropped, not shown
    // under another document's pair.
    app.update(Msg::SourceRead {
        doc: 1,
        lines: Ok(vec!["elsewhere".into()]),
    });
    assert!(app.source_view().is_none());
    // A source that cannot be read is said, not shown.
    assert!(asks_for_source(&app.update(Source)));
    app.update(Msg::SourceRead {
        doc: 0,
        lines: Err("t.txt: gone".into()),
    });
    assert!(app.source_view().is_none());
    assert!(app.message().is_some_and(|m| m.contains("gone")));
}

#[test]
fn the_source_view_marks_dropped_lines_and_scrolls_within_its_rows() {
    let (corpus, lines) = sourced();
    let mut app = app(corpus, 100, 30);
    assert!(asks_for_source(&app.update(Source)));
    app.update(Msg::SourceRead {
        doc: 0,
        lines: Ok(lines.clone()),
    });
    // Q1 starts on line 3; the dropped navigation line is not in its range.
    assert_eq!(app.source_view().unwrap().rows[0].no, 3);
    // A range that holds a dropped line shows why.
    let doc = &app.documents()[0];
    let rows = qnav::source::view(doc, &lines, qnav::model::LineRange::new(1, 3));
    assert_eq!(rows[0].dropped, Some("navigation"));
    assert_eq!(rows[2].dropped, None);
    // Four rows fit on the screen: scrolling stops at the last one.
    press(&mut app, &[Down, Down, Down, Down, Down, Down]);
    assert_eq!(app.source_view().unwrap().scroll, 0);
}

#[test]
fn nothing_is_wrapped_before_the_terminal_size_is_known() {
    // Wrapping at no width would make a line of every character: for a
    // 50 MB paragraph, gigabytes before the first frame.
    let mut app = App::new(corpus());
    assert!(app.reader_lines().is_none());
    app.update(Resize {
        width: 100,
        height: 30,
    });
    let lines = app.reader_lines().expect("wrapped once the size is known");
    assert!(lines.width > 1);
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(LineKey(qnav::tui::EditKey::Char(c)));
    }
}

/// The titles the documents pane lists, in order.
fn listed(app: &App) -> Vec<String> {
    (0..app.shown_documents())
        .map(|row| app.documents()[app.shown_document(row).unwrap()].display_title())
        .collect()
}

#[test]
fn f_filters_the_documents_as_you_type_and_enter_opens_the_best_match() {
    let mut app = app(corpus(), 140, 45);
    assert_eq!(app.shown_documents(), 3);
    press(&mut app, &[FilterDocuments]);
    assert!(app.filtering() && app.editing_line());
    assert_eq!(app.focus(), Focus::Documents);
    // Fuzzy, across title, date, interviewee and file name.
    typed(&mut app, "multipolar");
    assert_eq!(listed(&app), ["Collective Security in a Multipolar World"]);
    assert!(screen(&app).contains("Documents (1/3)"), "{}", screen(&app));
    assert!(screen(&app).contains("filter: multipolar"));
    // Keys are the filter's while it is typed: `q` does not quit.
    typed(&mut app, "q");
    assert_eq!(app.shown_documents(), 0);
    assert!(
        screen(&app).contains("no document matches"),
        "{}",
        screen(&app)
    );
    press(&mut app, &[LineKey(qnav::tui::EditKey::Backspace)]);
    assert_eq!(app.shown_documents(), 1);
    press(&mut app, &[LineKey(qnav::tui::EditKey::Enter)]);
    assert!(!app.filtering());
    assert_eq!(app.current_index(), 2, "Enter opened the match");
    assert_eq!(app.focus(), Focus::Reader);
    // The filter stays in force until Esc clears it.
    assert_eq!(app.shown_documents(), 1);
    press(
        &mut app,
        &[FilterDocuments, LineKey(qnav::tui::EditKey::Esc)],
    );
    assert_eq!(app.shown_documents(), 3);
    assert!(app.doc_filter().is_none());
}

#[test]
fn o_sorts_the_documents_and_j_k_follow_the_order_shown() {
    let mut app = app(corpus(), 140, 45);
    let as_loaded = listed(&app);
    press(&mut app, &[SortDocuments, SortDocuments]);
    assert_eq!(app.doc_sort(), qnav::listing::DocSort::Title);
    let mut by_title = as_loaded.clone();
    by_title.sort_by_key(|t| t.to_lowercase());
    assert_eq!(listed(&app), by_title);
    assert!(screen(&app).contains("by title"));
    // The selection stayed on the document being read.
    assert_eq!(
        app.shown_document(app.doc_cursor()),
        Some(app.current_index())
    );
    // J goes to the next document as listed, and says where the list ends.
    let first = app.shown_document(0).unwrap();
    press(&mut app, &[FocusNext]);
    app.update(Open);
    while app.current_index() != first {
        app.update(PrevDocument);
    }
    app.update(NextDocument);
    assert_eq!(app.current_index(), app.shown_document(1).unwrap());
    app.update(NextDocument);
    app.update(NextDocument);
    assert_eq!(app.current_index(), app.shown_document(2).unwrap());
    assert_eq!(app.message(), Some("last document"));
    press(&mut app, &[SortDocuments]);
    assert_eq!(listed(&app), as_loaded);
}

#[test]
fn quote_quote_goes_back_after_every_kind_of_jump() {
    for jump in [Bottom, NextDocument] {
        let mut app = app(corpus(), 100, 20);
        assert_eq!(app.focus(), Focus::Reader);
        press(&mut app, &[NextQuestion]);
        let before = (app.current_index(), app.scroll());
        app.update(jump);
        assert_ne!(
            (app.current_index(), app.scroll()),
            before,
            "{jump:?} moved"
        );
        press(&mut app, &[Mark, Mark]);
        assert_eq!(
            (app.current_index(), app.scroll()),
            before,
            "'' after {jump:?}: {:?}",
            app.message()
        );
        // And '' again returns to where the jump went, as in less.
        press(&mut app, &[Mark, Mark]);
        assert_ne!((app.current_index(), app.scroll()), before);
    }
    // Scrolling a line is no jump: '' has nothing to go back to.
    let mut app = app(corpus(), 100, 20);
    press(&mut app, &[Down, Mark, Mark]);
    assert_eq!(app.message(), Some("no jump to go back from"));
}

#[test]
fn help_that_does_not_fit_says_which_rows_show_and_that_it_scrolls() {
    let mut app = app(corpus(), 80, 24);
    press(&mut app, &[Help]);
    let first = screen(&app);
    assert!(first.contains("Keys 1–"), "{first}");
    assert!(first.contains("j more"), "{first}");
    assert!(!first.contains("k back"));
    for _ in 0..100 {
        app.update(Down);
    }
    let last = screen(&app);
    assert!(
        last.contains("k back") && !last.contains("j more"),
        "{last}"
    );
    // The last row of the help is reachable and shown.
    let total: usize = last
        .split(" of ")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .expect("Keys a–b of N");
    assert!(last.contains(&format!("–{total} of {total}")), "{last}");
    // On a tall screen it all fits: no numbers, no hint to scroll.
    let mut tall = common::app(corpus(), 200, 80);
    press(&mut tall, &[Help]);
    let all = screen(&tall);
    assert!(all.contains(" Keys ") && !all.contains(" more"), "{all}");
}

#[test]
fn the_status_line_counts_load_problems_and_gives_a_message_the_room() {
    let mut app = app(corpus(), 140, 30);
    let long = "folder/a-transcript-with-a-long-name.pdf: an encrypted PDF: qnav cannot read it without its password";
    app.update(Msg::Load(LoadEvent::Message(
        "folder/b.docx: a damaged ZIP archive".into(),
    )));
    app.update(Msg::Load(LoadEvent::Message(long.into())));
    let status = screen(&app).lines().last().unwrap().to_string();
    // The whole message, though longer than half the line, and the count.
    assert!(status.contains(long), "{status}");
    assert!(status.contains("2 files not read; last: "), "{status}");
    // The position still shows; the key hints gave way.
    assert!(status.contains("Q 1/"), "{status}");
}

#[test]
fn the_hit_keys_hint_goes_once_the_reader_has_left_the_hit_and_k_says_first_document() {
    let mut app = app(corpus(), 120, 30);
    press(&mut app, &[Search]);
    for c in "intervene".chars() {
        app.update(SearchInput(c));
    }
    press(&mut app, &[SearchJump]);
    let status = |app: &App| screen(app).lines().last().unwrap().to_string();
    assert!(status(&app).contains("hit 1/"), "{}", status(&app));
    press(&mut app, &[Top]);
    assert!(!status(&app).contains("hit 1/"), "{}", status(&app));
    // Ctrl-n still goes to the hit, and the hint is back.
    press(&mut app, &[NextHit, PrevHit]);
    assert!(status(&app).contains("hit 1/"), "{}", status(&app));
    // K on the first document says so, as p on the first question does.
    while app.current_index() > 0 {
        app.update(PrevDocument);
    }
    app.update(PrevDocument);
    assert_eq!(app.message(), Some("first document"));
}

/// A key as the terminal sends it.
fn key_event(c: char) -> Msg {
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    Msg::Event(Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::NONE,
    )))
}

/// Which keys apply is the open layer's to say, once: the same `q` quits
/// over the panes, is a letter of the query in search, of the note in the
/// editor, and closes the help.
#[test]
fn the_layer_in_front_decides_what_a_key_means() {
    let mut app = app(corpus(), 120, 40);
    assert!(quits(&app.update(key_event('q'))), "q over the panes");

    let mut app = common::app(corpus(), 120, 40);
    app.update(key_event('/'));
    assert!(matches!(app.layer(), qnav::tui::app::Layer::Search { .. }));
    assert!(!quits(&app.update(key_event('q'))));
    assert_eq!(app.search().query, "q");

    let mut app = common::app(corpus(), 120, 40);
    press(&mut app, &[NextQuestion]);
    app.update(key_event('a'));
    assert!(app.note_edit().is_some());
    for c in "qn?".chars() {
        assert!(!quits(&app.update(key_event(c))));
    }
    assert_eq!(app.note_edit().unwrap().text, "qn?");
    assert_eq!(app.help_scroll(), None, "? was a letter");

    let mut app = common::app(corpus(), 120, 40);
    app.update(key_event('?'));
    assert_eq!(app.help_scroll(), Some(0));
    assert!(
        !quits(&app.update(key_event('q'))),
        "q closes the help first"
    );
    assert!(app.layer().is_panes());
}

/// Only one layer is ever open: opening one from another is not possible,
/// and closing any goes back to the panes.
#[test]
fn one_overlay_at_a_time_and_each_closes_back_to_the_panes() {
    let mut app = app(corpus(), 120, 40);
    app.update(Search);
    app.update(Help); // a search key, not the help
    assert!(app.search_open() && app.help_scroll().is_none());
    app.update(SearchClose);
    app.update(Help);
    app.update(Search); // the help swallows it
    assert!(app.help_scroll().is_some() && !app.search_open());
    app.update(Close);
    app.update(FilterDocuments);
    assert!(app.filtering() && app.editing_line());
    app.update(LineKey(qnav::tui::EditKey::Esc));
    assert!(app.layer().is_panes(), "{:?}", app.layer());
}

/// Input that changes nothing on screen writes nothing: a mouse move over
/// the panes, a key bound to nothing, scrolling past the top.
#[test]
fn what_changes_nothing_on_screen_draws_nothing() {
    use ratatui::crossterm::event::{Event, KeyModifiers, MouseEvent, MouseEventKind};
    let mut app = app(corpus(), 120, 40);
    let moved = Event::Mouse(MouseEvent {
        kind: MouseEventKind::Moved,
        column: 60,
        row: 10,
        modifiers: KeyModifiers::NONE,
    });
    assert!(!redraws(&mut app, Msg::Event(moved)));
    assert!(!redraws(&mut app, key_event('§')));
    assert!(!redraws(&mut app, Top));
    assert!(redraws(&mut app, NextQuestion));
    // A resize is drawn even though the state's fields hardly change.
    assert!(redraws(
        &mut app,
        Resize {
            width: 100,
            height: 30
        }
    ));
}

/// `S`: everyone who speaks, once however labelled; Enter lists one
/// person's turns across documents, Enter on one goes there, Esc goes back
/// a level, `''` comes back from the jump.
#[test]
fn the_speakers_view_lists_a_person_once_and_goes_to_their_turns() {
    let talk = |host: &str, guest: &str, topic: &str| {
        format!(
            "{host}: What did the talks on {topic} achieve, in your view?\n\n\
             {guest}: They settled the {topic} question for this year at least.\n\n\
             {host}: And what comes next on {topic} for the two delegations?\n\n\
             {guest}: A second round on {topic} in June, with both ministers.\n"
        )
    };
    let docs = vec![
        qnav::parse::parse("one.txt", &talk("Anna Petrova", "Vladimir Putin", "trade")),
        qnav::parse::parse(
            "two.txt",
            &talk("Anna Petrova", "Vladimir PUTIN", "borders"),
        ),
    ];
    let mut app = app(Corpus { documents: docs }, 120, 40);
    app.update(Speakers);
    let view = app.speakers_view().expect("open");
    assert_eq!(view.people.len(), 2, "{:#?}", view.people);
    let shown = screen(&app);
    assert!(shown.contains("Speakers (2)"), "{shown}");
    assert!(shown.contains("also Vladimir PUTIN"), "{shown}");
    // Putin (4 turns) and Petrova (4): pick Putin's row.
    let putin = view
        .people
        .iter()
        .position(|p| p.name == "Vladimir Putin")
        .unwrap();
    for _ in 0..putin {
        app.update(Down);
    }
    app.update(Open);
    let shown = screen(&app);
    assert!(shown.contains("Vladimir Putin — 4 turns"), "{shown}");
    assert!(
        shown.contains("Q1 answers They settled the trade question"),
        "{shown}"
    );
    // The fourth turn: the second document's second answer.
    press(&mut app, &[Down, Down, Down]);
    let before = (app.current_index(), app.scroll());
    app.update(Open);
    assert!(app.layer().is_panes());
    assert_eq!((app.current_index(), app.current_pair()), (1, Some(1)));
    press(&mut app, &[Mark, Mark]);
    assert_eq!((app.current_index(), app.scroll()), before);
    // Esc goes back from the turns to everyone, then closes.
    press(&mut app, &[Speakers, Open, Close]);
    assert!(app.speakers_view().is_some_and(|v| v.chosen.is_none()));
    app.update(Close);
    assert!(app.layer().is_panes());
}

/// `s`: the same question in other documents; Enter goes there, `''`
/// comes back; without a question to look for, the status line says so.
#[test]
fn s_lists_the_same_question_elsewhere_and_enter_goes_there() {
    let one = "Anna Petrova: What did the talks in March achieve for trade?\n\n\
               Ivan Sokolov: They settled the tariffs on grain and on steel.\n\n\
               Anna Petrova: And the Baltic fishing quotas, will they change?\n\n\
               Ivan Sokolov: The quotas stay as they were agreed last autumn.\n";
    let two = "Maria Lind: Who will lead the delegation to Geneva in June?\n\n\
               Olga Berg: The deputy minister, as in the first round.\n\n\
               Maria Lind: Are the Baltic fishing quotas on the table this time?\n\n\
               Olga Berg: No, the quotas were settled and are not reopened.\n";
    let docs = vec![
        qnav::parse::parse("one.txt", one),
        qnav::parse::parse("two.txt", two),
    ];
    let mut app = app(Corpus { documents: docs }, 120, 40);
    app.update(NextQuestion);
    assert_eq!(app.current_pair(), Some(1), "on the quotas question");
    app.update(Related);
    let view = app.related_view().expect("listed");
    assert_eq!(
        (view.items[0].0, view.items[0].1),
        (1, 1),
        "{:?}",
        view.items
    );
    let shown = screen(&app);
    assert!(shown.contains("Q2 elsewhere"), "{shown}");
    assert!(
        shown.contains("Q2 Maria Lind: Are the Baltic fishing quotas"),
        "{shown}"
    );
    let before = (app.current_index(), app.scroll());
    app.update(Open);
    assert_eq!((app.current_index(), app.current_pair()), (1, Some(1)));
    press(&mut app, &[Mark, Mark]);
    assert_eq!((app.current_index(), app.scroll()), before);
    // Esc closes; from the preamble-less first question of a document
    // with nothing like it elsewhere, the status line says so.
    app.update(Related);
    app.update(Close);
    assert!(app.layer().is_panes());
    app.update(Top);
    app.update(Related);
    assert!(app.related_view().is_none());
    assert!(
        app.message()
            .is_some_and(|m| m.contains("no question like Q1")),
        "{:?}",
        app.message()
    );
}

/// A short interview: `host` asks twice, `guest` answers, the second time
/// with `said`.
fn talk(host: &str, guest: &str, said: &str) -> String {
    format!(
        "{host}: What did the talks on trade achieve, in your view?\n\n\
         {guest}: They settled the tariffs for this year at least.\n\n\
         {host}: And the grain harvest itself, is it a good one?\n\n\
         {guest}: {said}\n"
    )
}

/// `/` in the speakers view searches what the selected person said.
#[test]
fn slash_in_the_speakers_view_searches_what_that_person_said() {
    let docs = vec![
        qnav::parse::parse(
            "one.txt",
            &talk(
                "Anna Petrova",
                "Vladimir Putin",
                "The grain harvest is the best in ten years.",
            ),
        ),
        qnav::parse::parse(
            "two.txt",
            &talk(
                "Anna Petrova",
                "Vladimir PUTIN",
                "Grain prices will not rise, we decided.",
            ),
        ),
    ];
    let mut app = app(Corpus { documents: docs }, 120, 40);
    app.update(Speakers);
    let putin = app
        .speakers_view()
        .unwrap()
        .people
        .iter()
        .position(|p| p.name == "Vladimir Putin")
        .unwrap();
    for _ in 0..putin {
        app.update(Down);
    }
    app.update(Search);
    assert!(app.search_open());
    let said_by = app.search().said_by.clone().expect("narrowed to Putin");
    assert_eq!(said_by.name, "Vladimir Putin");
    assert_eq!(said_by.prefix, "@vladimir @putin ");
    assert!(
        screen(&app).contains("said by Vladimir Putin"),
        "{}",
        screen(&app)
    );
    for c in "grain".chars() {
        app.update(SearchInput(c));
    }
    let said = hit_texts(&app);
    assert_eq!(
        said,
        [
            "The grain harvest is the best in ten years.",
            "Grain prices will not rise, we decided."
        ],
        "only Putin's, under both labels"
    );
}

/// A search narrowed to a speaker says so in its scope line, with how many
/// speaker labels the `@` terms take.
#[test]
fn a_search_narrowed_to_a_speaker_says_by_whom() {
    let text = "Anna Petrova: What did the talks on trade achieve, in your view?\n\n\
                Vladimir Putin: They settled the tariffs on grain this year.\n\n\
                Anna Petrova: And the grain harvest itself, is it a good one?\n\n\
                Vladimir Putin: The grain harvest is the best in ten years.\n";
    let docs = vec![qnav::parse::parse("one.txt", text)];
    let mut app = app(Corpus { documents: docs }, 120, 40);
    app.update(Search);
    for c in "@putin grain".chars() {
        app.update(SearchInput(c));
    }
    let shown = screen(&app);
    assert!(shown.contains("said by @putin: 1 speaker label"), "{shown}");
    assert_eq!(app.search().results.hits.len(), 2);
}

/// The search pane's fourth scope: Tab past "questions" narrows the search
/// to whoever answers the question being read, across the documents; Tab
/// again goes back to all. Where the answer names nobody, the scope is
/// passed over and the status line says why.
#[test]
fn tab_narrows_the_search_to_the_person_answering_here() {
    let docs = vec![
        qnav::parse::parse(
            "one.txt",
            &talk(
                "Anna Petrova",
                "Vladimir Putin",
                "The grain harvest is the best in ten years.",
            ),
        ),
        qnav::parse::parse(
            "two.txt",
            &talk(
                "Vladimir Putin",
                "Igor Sechin",
                "Grain exports will grow, the ports are ready.",
            ),
        ),
        qnav::parse::parse(
            "three.txt",
            "- What about the grain deal?\n- The grain deal holds.\n",
        ),
    ];
    let mut app = app(Corpus { documents: docs }, 120, 40);
    app.update(Search);
    for c in "grain".chars() {
        app.update(SearchInput(c));
    }
    let everyone = app.search().results.hits.len();
    for _ in 0..3 {
        app.update(SearchScope);
    }
    let said_by = app.search().said_by.clone().expect("the fourth scope");
    assert_eq!(said_by.name, "Vladimir Putin");
    let said = hit_texts(&app);
    // Putin answers in one.txt and asks in two.txt: both his, nobody else's.
    assert!(said.len() < everyone, "{said:?}");
    assert!(
        said.contains(&"The grain harvest is the best in ten years.".to_string())
            && said.contains(&"And the grain harvest itself, is it a good one?".to_string()),
        "{said:?}"
    );
    assert!(
        !said
            .iter()
            .any(|s| s.contains("exports") || s.contains("deal")),
        "{said:?}"
    );
    // Said first by Anna Petrova, then by him: listed once, as his.
    let asked = said
        .iter()
        .filter(|s| s.starts_with("And the grain harvest"))
        .count();
    assert_eq!(asked, 1, "{said:?}");
    let shown = screen(&app);
    assert!(shown.contains("said by Vladimir Putin"), "{shown}");
    // Tab again: all of it.
    app.update(SearchScope);
    assert!(app.search().said_by.is_none());
    assert_eq!(app.search().scope, qnav::search::Scope::All);
    assert_eq!(app.search().results.hits.len(), everyone);
    // In the dash transcript nobody is named: passed over, and said why.
    app.update(SearchClose);
    app.update(NextDocument);
    app.update(NextDocument);
    assert_eq!(app.current_index(), 2);
    app.update(Search);
    for _ in 0..3 {
        app.update(SearchScope);
    }
    assert!(app.search().said_by.is_none());
    assert_eq!(app.search().scope, qnav::search::Scope::All);
    assert!(
        app.message()
            .is_some_and(|m| m.contains("names no speaker")),
        "{:?}",
        app.message()
    );
}
