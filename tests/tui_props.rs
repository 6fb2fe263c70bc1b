//! Random action sequences with resizes: the app never panics, selections
//! stay inside their lists, the reader inside its document, and every
//! state draws.

mod common;

use proptest::prelude::*;
use qnav::load::LoadEvent;
use qnav::model::Corpus;
use qnav::tui::{Action, App, Focus, Msg};

fn action() -> impl Strategy<Value = Action> {
    use Action::*;
    prop_oneof![
        6 => prop::sample::select(vec![
            Down, Up, HalfPageDown, HalfPageUp, PageDown, PageUp, Top, Bottom, NextQuestion,
            PrevQuestion, NextDocument, PrevDocument, FocusNext, FocusPrev, FocusLeft, FocusRight,
            Open, ToggleDocuments, Help, Close, Search, Quit, Suspend, Bookmarks,
            ToggleBookmark, EditNote, Mark, Source, NextHit, PrevHit,
        ]),
        // Resize storms from 1×1 (and 0×0) to 500×200, every overlay open.
        1 => (0u16..=500, 0u16..=200).prop_map(|(width, height)| Resize { width, height }),
        1 => (0u16..520, 0u16..220, any::<bool>())
            .prop_map(|(column, row, down)| ScrollAt { column, row, down }),
        1 => (0u16..520, 0u16..220).prop_map(|(column, row)| ClickAt { column, row }),
    ]
}

fn check(app: &App) {
    let docs = app.documents().len();
    if docs > 0 {
        assert!(app.current_index() < docs);
        assert!(app.doc_cursor() < docs);
    }
    let pairs = app.current_document().map_or(0, |d| d.pairs.len());
    assert!(app.question_cursor() < pairs.max(1));
    assert!(
        app.scroll() <= app.max_scroll(),
        "{} > {}",
        app.scroll(),
        app.max_scroll()
    );
    assert!(app.max_scroll() < app.content_lines().max(1));
    if let Some(lines) = app.reader_lines() {
        assert_eq!(
            lines.document,
            app.current_index(),
            "the cache is for the open document"
        );
        if let Some(panes) = app.panes() {
            let width = qnav::tui::reader::text_area(panes.reader).width;
            assert_eq!(lines.width, width, "the cache is for the current width");
        }
    }
    if app.focus() == Focus::Reader {
        assert!(app.percent() <= 100);
    }
    // Drawing any reachable state works.
    let _ = common::screen(app);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_actions_keep_the_app_in_bounds(
        width in 0u16..200,
        height in 0u16..60,
        actions in prop::collection::vec(action(), 0..60),
    ) {
        let mut app = common::app(common::corpus(), width, height);
        check(&app);
        for action in actions {
            app.update(action);
            check(&app);
        }
    }

    #[test]
    fn random_actions_while_documents_arrive(
        actions in prop::collection::vec((action(), any::<bool>()), 0..40),
    ) {
        let mut app = App::waiting();
        app.update(Action::Resize { width: 90, height: 25 });
        let mut pending = common::corpus().documents.into_iter();
        app.update(Msg::Load(LoadEvent::Found(3)));
        for (action, deliver) in actions {
            if deliver {
                let event = match pending.next() {
                    Some(doc) => LoadEvent::Document(Box::new(doc)),
                    None => LoadEvent::Done,
                };
                app.update(Msg::Load(event));
            }
            app.update(action);
            check(&app);
        }
    }
}

#[test]
fn empty_corpus_survives_every_action() {
    let mut app = App::new(Corpus::default());
    let runner_actions = [
        Action::Resize {
            width: 50,
            height: 10,
        },
        Action::Bottom,
        Action::NextQuestion,
        Action::ClickAt { column: 1, row: 1 },
    ];
    for action in runner_actions {
        app.update(action);
        check(&app);
    }
    assert_eq!(app.scroll(), 0);
}
