//! Keeping what the reader found: bookmarks, notes, reading positions,
//! copying and exporting — `App` with a temporary state folder, no terminal.

mod common;

use base64::Engine;
use common::{press, screen};
use qnav::state::Store;
use qnav::tui::app::IndexJob;
use qnav::tui::keymap::EditKey;
use qnav::tui::{Action, App, Effect, Msg};

use Action::*;

/// The test corpus with a distinct identity per document (the fixtures are
/// built, not read, so they have no content hash of their own).
fn corpus() -> qnav::model::Corpus {
    let mut corpus = common::corpus();
    for doc in &mut corpus.documents {
        doc.content_hash = qnav::model::content_hash(doc.path.as_bytes());
    }
    corpus
}

/// The index build among `effects`, if any.
fn index_job(effects: Vec<Effect>) -> Option<IndexJob> {
    effects.into_iter().find_map(|e| match e {
        Effect::BuildIndex(job) => Some(job),
        _ => None,
    })
}

/// An app over the test corpus keeping its state in `dir`, on a 140×45 screen.
fn app_in(dir: &std::path::Path) -> App {
    let (store, warnings) = Store::open(dir);
    assert!(warnings.is_empty(), "{warnings:?}");
    let mut app = App::with_store(corpus(), store);
    app.update(Resize {
        width: 140,
        height: 45,
    });
    app
}

#[test]
fn m_toggles_a_bookmark_and_the_questions_pane_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    press(&mut app, &[NextQuestion, NextQuestion]);
    assert!(!screen(&app).contains('★'));
    app.update(ToggleBookmark);
    assert_eq!(app.message(), Some("bookmarked Q3"));
    assert!(app.is_bookmarked(2));
    assert!(app.is_dirty());
    let marked: Vec<String> = screen(&app)
        .lines()
        .filter(|l| l.contains('★'))
        .map(String::from)
        .collect();
    assert_eq!(marked.len(), 1, "{marked:?}");
    assert!(marked[0].contains("Q3★"), "{}", marked[0]);
    app.update(ToggleBookmark);
    assert_eq!(app.message(), Some("bookmark removed"));
    assert!(!app.is_bookmarked(2));
    assert!(!screen(&app).contains('★'));
}

#[test]
fn a_bookmark_and_the_position_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    // The second document, its fourth question.
    press(&mut app, &[NextDocument]);
    let doc = app.current_index();
    press(&mut app, &[NextQuestion, NextQuestion, ToggleBookmark]);
    let pair = app.current_pair();
    let scroll = app.scroll();
    assert!(pair.is_some_and(|p| p > 0));
    common::save_now(&mut app).unwrap();
    assert!(dir.path().join("state.json").exists());
    drop(app);

    let app = app_in(dir.path());
    assert_eq!(app.current_index(), doc, "the last document is opened");
    assert_eq!(app.current_pair(), pair);
    assert_eq!(app.scroll(), scroll);
    assert!(app.is_bookmarked(pair.unwrap()));
}

#[test]
fn leaving_a_document_keeps_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    press(&mut app, &[NextQuestion, NextQuestion, NextQuestion]);
    let pair = app.current_pair();
    press(&mut app, &[NextDocument, PrevDocument]);
    assert_eq!(app.current_index(), 0);
    assert_eq!(app.current_pair(), pair);
}

#[test]
fn the_bookmarks_overlay_lists_and_jumps() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    press(&mut app, &[NextQuestion, ToggleBookmark, NextDocument]);
    press(&mut app, &[ToggleBookmark, Bookmarks]);
    assert_eq!(app.bookmarks_cursor(), Some(0));
    let entries = app.bookmark_entries();
    assert_eq!(entries.len(), 2);
    let text = screen(&app);
    assert!(text.contains("Bookmarks (2)"), "{text}");
    assert!(text.contains(&entries[0].question[..20]), "{text}");
    // j is Down; Enter goes to the first bookmark (document 0, Q2).
    press(&mut app, &[Down, Up, Open]);
    assert_eq!(app.bookmarks_cursor(), None);
    assert_eq!(app.current_index(), 0);
    assert_eq!(app.current_pair(), Some(1));
    press(&mut app, &[Bookmarks, Close]);
    assert_eq!(app.bookmarks_cursor(), None);
}

#[test]
fn enter_on_an_empty_bookmarks_list_keeps_it_open() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    press(&mut app, &[Bookmarks, Open]);
    assert_eq!(app.bookmarks_cursor(), Some(0));
    assert!(screen(&app).contains("no bookmarks yet"));
}

#[test]
fn y_puts_the_pair_with_its_citation_in_an_osc52_payload() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    press(&mut app, &[NextQuestion, NextQuestion]);
    let text = common::clipboard(&app.update(Copy)).expect("a payload");
    let doc = &app.documents()[0];
    let expected = qnav::citation::pair_with_citation(doc, &doc.pairs[2]);
    assert_eq!(text, expected);
    let message = app.message().unwrap().to_string();
    assert!(message.starts_with("copied Q3 ("), "{message}");
    assert!(common::clipboard(&app.update(Down)).is_none(), "asked once");
    // What the event loop writes decodes back to the same text.
    let osc = qnav::citation::osc52(&text);
    let payload = osc
        .strip_prefix("\u{1b}]52;c;")
        .and_then(|s| s.strip_suffix('\u{7}'))
        .unwrap();
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(payload)
        .unwrap();
    assert_eq!(String::from_utf8(decoded).unwrap(), expected);
    assert!(expected.contains("Q3"));
}

#[test]
fn e_exports_the_bookmarks_with_notes_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    let effects = app.update(Export);
    assert_eq!(app.message(), Some("no bookmarks to export"));
    assert!(effects.is_empty(), "{effects:?}");
    press(&mut app, &[NextQuestion, ToggleBookmark, EditNote]);
    for c in "key quote".chars() {
        app.update(LineKey(EditKey::Char(c)));
    }
    press(&mut app, &[LineKey(EditKey::Enter)]);
    let markdown = app
        .update(Export)
        .into_iter()
        .find_map(|e| match e {
            Effect::Export(markdown) => Some(markdown),
            _ => None,
        })
        .expect("markdown to write");
    insta::assert_snapshot!("bookmarks_export", markdown);

    let out = tempfile::tempdir().unwrap();
    let first = qnav::tui::write_export(out.path(), &markdown).unwrap();
    let second = qnav::tui::write_export(out.path(), "other").unwrap();
    assert_eq!(first.file_name().unwrap(), "qnav-bookmarks.md");
    assert_eq!(second.file_name().unwrap(), "qnav-bookmarks-2.md");
    assert_eq!(std::fs::read_to_string(first).unwrap(), markdown);
}

#[test]
fn a_note_round_trips_and_shows_under_the_answer() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    press(&mut app, &[NextQuestion, EditNote]);
    assert!(app.note_edit().is_some());
    // Typed letters are the note's, not bindings (q would quit, m bookmark).
    for c in "qm ok".chars() {
        assert!(!common::quits(&app.update(LineKey(EditKey::Char(c)))));
    }
    // Home, Delete the q; End, Backspace the k; Left, insert: "m oxk"… keep it simple.
    press(
        &mut app,
        &[
            LineKey(EditKey::Home),
            LineKey(EditKey::Delete),
            LineKey(EditKey::End),
            LineKey(EditKey::Backspace),
            LineKey(EditKey::Left),
            LineKey(EditKey::Char('!')),
            LineKey(EditKey::Right),
            LineKey(EditKey::Char('?')),
        ],
    );
    assert_eq!(app.note_edit().unwrap().text, "m !o?");
    app.update(LineKey(EditKey::Enter));
    assert!(app.note_edit().is_none());
    assert_eq!(app.note(0, 1), Some("m !o?"));
    assert!(app.is_bookmarked(1), "a note bookmarks its question");
    assert!(screen(&app).contains("Note: m !o?"), "{}", screen(&app));
    common::save_now(&mut app).unwrap();

    let mut app = app_in(dir.path());
    assert_eq!(app.note(0, 1), Some("m !o?"));
    // Esc cancels an edit.
    press(
        &mut app,
        &[EditNote, LineKey(EditKey::Char('x')), LineKey(EditKey::Esc)],
    );
    assert_eq!(app.note(0, 1), Some("m !o?"));
}

#[test]
fn without_colours_no_cell_has_one() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(dir.path());
    let coloured = |app: &App| {
        let area = app.screen();
        let mut buf = ratatui::buffer::Buffer::empty(area);
        qnav::tui::render_to(app, area, &mut buf);
        buf.content
            .iter()
            .filter(|c| {
                c.fg != ratatui::style::Color::Reset || c.bg != ratatui::style::Color::Reset
            })
            .count()
    };
    assert!(coloured(&app) > 0, "colours by default");
    let app = app.with_colors(false);
    assert_eq!(coloured(&app), 0);
}

/// Three question→answer pairs, or four with one inserted before the second.
fn transcript(inserted: bool) -> String {
    let mut text = String::from("Q: How did the talks begin?\nA: Quietly, in March.\n\n");
    if inserted {
        text.push_str("Q: Who proposed them?\nA: The smaller delegation.\n\n");
    }
    text.push_str("Q: What changed in April?\nA: The border question came up.\n\n");
    text.push_str("Q: What happens next?\nA: A second round in June.\n");
    text
}

#[test]
fn a_file_changed_on_disk_is_flagged_and_r_reloads_it_where_the_reader_was() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("talks.txt");
    std::fs::write(&file, transcript(false)).unwrap();
    let path = file.to_str().unwrap().to_string();
    let (corpus, messages) = qnav::load::load_corpus(std::slice::from_ref(&file));
    assert!(messages.is_empty(), "{messages:?}");
    let (store, _) = Store::open(&dir.path().join("state"));
    let mut app = App::with_store(corpus, store);
    press(
        &mut app,
        &[
            Resize {
                width: 140,
                height: 45,
            },
            NextQuestion,
            ToggleBookmark,
        ],
    );
    assert_eq!(app.current_pair(), Some(1));
    assert!(app.is_bookmarked(1));
    assert!(
        app.search_index().is_some(),
        "App::with_store indexes at once"
    );

    std::fs::write(&file, transcript(true)).unwrap();
    app.update(Msg::FileChanged(
        file.clone(),
        qnav::model::content_hash(transcript(true).as_bytes()),
    ));
    assert!(app.current_changed_on_disk());
    // Written back to what was loaded: no longer changed; and again changed.
    let loaded = app.current_document().unwrap().content_hash;
    app.update(Msg::FileChanged(file.clone(), loaded));
    assert!(!app.current_changed_on_disk());
    app.update(Msg::FileChanged(
        file.clone(),
        qnav::model::content_hash(transcript(true).as_bytes()),
    ));
    app.update(Down); // any key clears the transient message, not this flag
    assert!(screen(&app).contains("file changed on disk: r reloads"));

    let (index, reload_file, shown) = reload_request(app.update(Reload)).expect("a reload request");
    assert_eq!(
        (index, &reload_file, shown.as_str()),
        (0, &file, path.as_str())
    );
    let effects = app.update(Msg::Reloaded(
        index,
        qnav::load::reload(&reload_file, &shown).map(Box::new),
    ));

    assert_eq!(app.current_document().unwrap().pairs.len(), 4);
    assert!(!app.current_changed_on_disk());
    // Still at "What changed in April?", now the third question.
    assert_eq!(app.current_pair(), Some(2));
    assert!(screen(&app).contains("reloaded talks.txt: 4 questions"));
    // The bookmark followed its question.
    assert!(app.is_bookmarked(2) && !app.is_bookmarked(1));
    // The old index pointed into the old text: a new one is built, and one
    // built before the reload is dropped.
    assert!(app.search_index().is_none());
    let job = index_job(effects).expect("a new index job");
    let stale = std::sync::Arc::new(qnav::search::Index::build(&[]));
    let effects = app.update(Msg::Indexed(job.generation - 1, stale));
    assert!(app.search_index().is_none());
    assert!(index_job(effects).is_none(), "the new job is still running");
    // The new index is the one before, updated: the reloaded document's
    // part of it tokenised anew, every other document's taken as it was.
    let (before, reuse) = job.update_from.as_ref().expect("the index before");
    assert!(
        reuse
            .iter()
            .enumerate()
            .all(|(d, r)| *r == (d != index).then_some(d as u32))
    );
    let (updated, _) = qnav::cache::index_to_keep_after(&job.documents, before, reuse)
        .expect("the old index fits");
    let built = qnav::search::Index::build(&job.documents);
    assert_eq!(updated.len(), built.len());
    assert!((0..built.len() as u32).all(|s| updated.statement(s) == built.statement(s)));
    app.update(Msg::Indexed(job.generation, std::sync::Arc::new(updated)));
    app.update(Search);
    for c in "smaller delegation".chars() {
        app.update(SearchInput(c));
    }
    assert!(!app.search().results.hits.is_empty());
}

/// A reader (100×30) over `transcript(false)` written to `dir`, and the file.
fn reading_transcript(dir: &std::path::Path) -> (App, std::path::PathBuf) {
    reading_transcript_named(dir, "talks.txt")
}

/// [`reading_transcript`] with the file called `name`.
fn reading_transcript_named(dir: &std::path::Path, name: &str) -> (App, std::path::PathBuf) {
    let file = dir.join(name);
    std::fs::write(&file, transcript(false)).unwrap();
    let (corpus, _) = qnav::load::load_corpus(std::slice::from_ref(&file));
    let mut app = App::new(corpus);
    app.update(Resize {
        width: 100,
        height: 30,
    });
    (app, file)
}

/// The reload among `effects`, if any: (document, file, shown as).
fn reload_request(effects: Vec<Effect>) -> Option<(usize, std::path::PathBuf, String)> {
    effects.into_iter().find_map(|e| match e {
        Effect::Reload { index, file, shown } => Some((index, file, shown)),
        _ => None,
    })
}

/// `r`, and the read the event loop then does; the effects of that read.
fn press_r(app: &mut App) -> Vec<Effect> {
    let (index, file, shown) = reload_request(app.update(Reload)).expect("a reload request");
    app.update(Msg::Reloaded(
        index,
        qnav::load::reload(&file, &shown).map(Box::new),
    ))
}

#[test]
fn a_file_whose_name_no_terminal_may_show_is_watched_and_reloaded_by_its_real_name() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, file) = reading_transcript_named(dir.path(), "talks\u{1b}[31m.txt");
    let shown = app.current_document().unwrap().path.clone();
    assert!(!shown.contains('\u{1b}'), "{shown:?}");
    std::fs::write(&file, transcript(true)).unwrap();
    app.update(Msg::FileChanged(
        file.clone(),
        qnav::model::content_hash(transcript(true).as_bytes()),
    ));
    assert!(app.current_changed_on_disk());
    press_r(&mut app);
    assert_eq!(
        app.current_document().unwrap().pairs.len(),
        4,
        "{}",
        screen(&app)
    );
    assert_eq!(app.current_document().unwrap().path, shown);
    assert!(!app.current_changed_on_disk());
}

#[test]
fn a_built_in_document_has_nothing_to_reload() {
    let (corpus, _) = qnav::load::load_corpus(&[]);
    assert!(!corpus.documents.is_empty(), "the bundled documents");
    let mut app = App::new(corpus);
    app.update(Resize {
        width: 100,
        height: 30,
    });
    assert!(reload_request(app.update(Reload)).is_none());
    assert!(
        screen(&app).contains("built-in document has no file"),
        "{}",
        screen(&app)
    );
}

#[test]
fn reloading_an_unchanged_or_vanished_file_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, file) = reading_transcript(dir.path());
    press_r(&mut app);
    assert!(screen(&app).contains("unchanged on disk"));
    assert!(app.search_index().is_some(), "nothing to rebuild");
    std::fs::remove_file(&file).unwrap();
    press_r(&mut app);
    assert!(screen(&app).contains("cannot reload"), "{}", screen(&app));
    assert_eq!(
        app.current_document().unwrap().pairs.len(),
        3,
        "nothing lost"
    );
}

#[test]
fn a_kept_query_answers_again_after_a_reload_without_reopening_the_pane() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, file) = reading_transcript(dir.path());
    app.update(Search);
    for c in "border".chars() {
        app.update(SearchInput(c));
    }
    app.update(SearchJump);
    assert_eq!(app.search().results.hits.len(), 1);
    std::fs::write(&file, transcript(true)).unwrap();
    let effects = press_r(&mut app);
    assert!(app.search().results.hits.is_empty(), "old hits are gone");
    let job = index_job(effects).unwrap();
    let index = std::sync::Arc::new(qnav::search::Index::build(&job.documents));
    app.update(Msg::Indexed(job.generation, index));
    assert_eq!(app.search().results.hits.len(), 1);
    app.update(NextHit);
    assert!(screen(&app).contains("The border question came up."));
}

/// A pasted right-to-left override, zero-width or line-separator character
/// never enters the note editor (nor so the screen or the state file).
#[test]
fn the_note_editor_keeps_out_unsafe_characters() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    press(&mut app, &[NextQuestion, EditNote]);
    for c in "a\u{202e}b\u{200b}c\u{2028}d".chars() {
        app.update(LineKey(EditKey::Char(c)));
    }
    assert_eq!(app.note_edit().unwrap().text, "abcd");
}

#[test]
fn positions_and_bookmarks_past_any_end_in_the_state_open_in_bounds() {
    // A state file edited by hand, or written for a longer version of the
    // document: the reader opens where it can, never past the end.
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus();
    {
        let (mut store, _) = Store::open(dir.path());
        for doc in &corpus.documents {
            store.state.set_position(
                doc,
                qnav::state::Position {
                    pair: usize::MAX,
                    scroll: usize::MAX,
                },
            );
            store.state.toggle_bookmark(doc, usize::MAX);
            store.state.set_note(doc, usize::MAX, "a note past the end");
        }
        store.state.last_document = Some(store.state.key(&corpus.documents[1]));
        store.save().unwrap();
    }
    let mut app = app_in(dir.path());
    assert_eq!(app.current_index(), 1, "the document read last");
    assert!(app.scroll() <= app.max_scroll());
    let pairs = app.current_document().unwrap().pairs.len();
    assert!(app.question_cursor() < pairs.max(1));
    let _ = screen(&app);
    // The bookmarks overlay lists what it can and opens nothing past the end.
    press(&mut app, &[Bookmarks, Down, Down, Open]);
    assert!(app.scroll() <= app.max_scroll());
    assert!(
        app.current_pair()
            .is_none_or(|p| p < app.current_document().unwrap().pairs.len())
    );
    let _ = screen(&app);
}

/// Qualitative coding: `c` gives the question a code (Tab completing from
/// the codes given; the same code again takes it off), the codes show under
/// the answer and survive a restart, `C` lists the codes and a code's
/// questions, Enter goes there; the export gives every coded pair.
#[test]
fn c_codes_questions_and_shift_c_lists_a_codes_questions() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    let type_code = |app: &mut App, text: &str| {
        app.update(Code);
        for c in text.chars() {
            app.update(LineKey(EditKey::Char(c)));
        }
    };
    press(&mut app, &[NextQuestion]);
    type_code(&mut app, "trust in institutions");
    app.update(LineKey(EditKey::Enter));
    assert_eq!(app.message(), Some("Q2 coded “trust in institutions”"));
    assert!(app.is_bookmarked(1), "a code bookmarks its question");
    assert!(
        screen(&app).contains("Codes: trust in institutions"),
        "{}",
        screen(&app)
    );
    // Another document's question: `tr` Tab completes to the code given.
    press(&mut app, &[NextDocument, NextQuestion, NextQuestion]);
    type_code(&mut app, "tr");
    app.update(LineKey(EditKey::Tab));
    assert_eq!(
        app.layer(),
        &qnav::tui::app::Layer::Code(qnav::tui::app::NoteEdit {
            pair: 3,
            line: qnav::tui::app::LineEdit {
                text: "trust in institutions".into(),
                cursor: 21,
            },
        })
    );
    app.update(LineKey(EditKey::Enter));
    type_code(&mut app, "price");
    app.update(LineKey(EditKey::Enter));
    // The same code again comes off.
    type_code(&mut app, "price");
    app.update(LineKey(EditKey::Enter));
    assert_eq!(app.message(), Some("“price” taken off Q3"));
    common::save_now(&mut app).unwrap();
    drop(app);

    let mut app = app_in(dir.path());
    app.update(Codes);
    let view = app.codes_view().expect("listed");
    assert_eq!(view.codes.len(), 1, "{:?}", view.codes);
    assert_eq!(view.codes[0].0, "trust in institutions");
    assert_eq!(view.codes[0].1, [(0, 1), (1, 2)]);
    assert!(
        screen(&app).contains("2 questions · 2 documents"),
        "{}",
        screen(&app)
    );
    press(&mut app, &[Open, Down]);
    let before = (app.current_index(), app.scroll());
    app.update(Open);
    assert_eq!((app.current_index(), app.current_pair()), (1, Some(2)));
    press(&mut app, &[Mark, Mark]);
    assert_eq!((app.current_index(), app.scroll()), before);

    // `f` on the code: the questions pane lists only the coded questions.
    press(&mut app, &[Codes, FilterDocuments]);
    assert_eq!(app.code_filter(), Some("trust in institutions"));
    while app.current_index() > 0 {
        app.update(PrevDocument);
    }
    assert_eq!(
        app.question_rows(),
        [1],
        "the first document's coded question"
    );
    assert!(screen(&app).contains("Questions (1/"), "{}", screen(&app));
    app.update(NextDocument);
    assert_eq!(app.question_rows(), [2]);
    // Again on the same code: every question.
    press(&mut app, &[Codes, FilterDocuments]);
    assert_eq!(app.code_filter(), None);
    assert_eq!(
        app.question_rows().len(),
        app.current_document().unwrap().pairs.len()
    );

    // What `qnav export --codes` writes, from the same state.
    let (store, _) = Store::open(dir.path());
    let csv = qnav::citation::codes_csv(app.documents(), &store.state, &[]);
    // Records end in CRLF; a field may hold line breaks (the turns).
    let rows: Vec<&str> = csv.split("\r\n").filter(|r| !r.is_empty()).collect();
    assert_eq!(rows.len(), 3, "{csv}");
    assert!(rows[0].starts_with("code,title,path,pair,question"));
    assert!(rows[1].starts_with("\"trust in institutions\","), "{csv}");
    let markdown = qnav::citation::codes_markdown(app.documents(), &store.state, &[]);
    assert!(markdown.contains("## trust in institutions"), "{markdown}");
    let citations = markdown
        .lines()
        .filter(|l| l.starts_with('*') && !l.starts_with("**"))
        .count();
    assert_eq!(citations, 2, "two citations: {markdown}");
    let only = qnav::citation::codes_json(app.documents(), &store.state, &["price".into()]);
    assert!(only.contains("\"codes\": []"), "{only}");
}
