//! The search pane in the reader: typing, hits, jumping, `''`, scopes —
//! through `App::update` and the drawn screen, no terminal.

mod common;

use common::{app, corpus, hit_texts, press, screen};
use qnav::search::query::Band;
use qnav::tui::{Action, App, Effect, Msg};

use Action::*;

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(SearchInput(c));
    }
}

#[test]
fn typing_shows_hits_and_enter_jumps_to_the_pair() {
    let mut app = app(corpus(), 120, 40);
    assert!(common::redraws(&mut app, Search));
    assert!(app.search_open());
    type_text(&mut app, "threats worry");
    let hits = hit_texts(&app);
    assert_eq!(
        hits[0],
        "Which threats worry the member states most right now?"
    );
    let shown = screen(&app);
    assert!(
        shown.contains("Which threats worry the member states"),
        "{shown}"
    );
    assert!(shown.contains("Q6 · question"), "{shown}");
    assert!(shown.contains(" all 1 "), "{shown}");

    app.update(SearchJump);
    assert!(!app.search_open());
    assert_eq!(app.current_index(), 0);
    assert_eq!(app.current_pair(), Some(5));
    assert!(app.marked().is_some());
    let shown = screen(&app);
    assert!(shown.contains("Q 6/11"), "{shown}");
    assert!(shown.contains("Ctrl-n/Ctrl-p hit 1/1"), "{shown}");
    // The query is kept for the next `/`.
    app.update(Search);
    assert_eq!(app.search().query, "threats worry");
}

#[test]
fn letters_go_into_the_query_not_to_the_reader() {
    let mut app = app(corpus(), 100, 30);
    app.update(Search);
    for c in ['q', 'n', 'j', '?'] {
        assert!(!common::quits(&app.update(SearchInput(c))));
    }
    assert_eq!(app.search().query, "qnj?");
    assert!(app.help_scroll().is_none());
    app.update(SearchBackspace);
    app.update(SearchDeleteWord);
    assert_eq!(app.search().query, "");
}

#[test]
fn next_hit_jumps_and_quote_quote_goes_back_and_forth() {
    let mut app = app(corpus(), 120, 40);
    app.update(Search);
    type_text(&mut app, "first paragraph");
    assert!(app.search().results.hits.len() > 3);
    app.update(SearchJump);
    let first_hit = (app.current_index(), app.scroll());
    assert_ne!(first_hit, (0, 0));
    app.update(NextHit);
    assert_eq!(app.search().selected, 1);
    let second_hit = (app.current_index(), app.scroll());
    app.update(PrevHit);
    assert_eq!((app.current_index(), app.scroll()), first_hit);
    // '' goes back to before the jump, '' again to the hit.
    press(&mut app, &[Mark, Mark]);
    assert_eq!((app.current_index(), app.scroll()), (0, 0));
    press(&mut app, &[Mark, Mark]);
    assert_eq!((app.current_index(), app.scroll()), first_hit);
    // A lone ' does nothing; ' then another key is not ''.
    press(&mut app, &[Mark, Down, Mark]);
    assert_eq!(app.current_index(), first_hit.0);
    let _ = second_hit;
}

#[test]
fn esc_closes_and_the_reader_is_where_it_was() {
    let mut app = app(corpus(), 120, 40);
    press(&mut app, &[NextQuestion, NextQuestion]);
    let before = (app.current_index(), app.scroll());
    app.update(Search);
    type_text(&mut app, "organization");
    app.update(NextHit);
    app.update(SearchClose);
    assert!(!app.search_open());
    assert_eq!((app.current_index(), app.scroll()), before);
    assert!(!screen(&app).contains("Search"));
}

#[test]
fn tab_cycles_the_scope_with_counts() {
    let mut app = app(corpus(), 120, 40);
    app.update(Search);
    type_text(&mut app, "organization");
    let counts = app.search().results.counts;
    assert!(counts.all >= counts.questions && counts.document > 0);
    app.update(SearchScope);
    assert_eq!(app.search().scope, qnav::search::Scope::Document);
    let index = app.search_index().unwrap();
    assert!(
        app.search()
            .results
            .hits
            .iter()
            .all(|h| index.statement(h.statement).doc == 0)
    );
    app.update(SearchScope);
    let index = app.search_index().unwrap();
    assert!(
        app.search()
            .results
            .hits
            .iter()
            .all(|h| index.statement(h.statement).part == qnav::search::Part::Question)
    );
    let shown = screen(&app);
    assert!(
        shown.contains(&format!(" questions {} ", counts.questions)),
        "{shown}"
    );
}

#[test]
fn documents_arriving_are_indexed_when_loading_is_done() {
    use qnav::load::LoadEvent;
    let mut app = waiting_app();
    let build = index_job;
    for doc in corpus().documents {
        let effects = app.update(Msg::Load(LoadEvent::Document(Box::new(doc))));
        assert!(build(effects).is_none(), "not before loading is done");
    }
    let job = build(app.update(Msg::Load(LoadEvent::Done))).expect("a job");
    assert!(app.indexing());
    assert!(screen(&app).contains("indexing…"));
    app.update(Search);
    type_text(&mut app, "threats");
    assert!(app.search().results.hits.is_empty());
    assert!(build(app.update(Msg::LoaderGone)).is_none(), "only one");
    let index = std::sync::Arc::new(qnav::search::Index::build(&job.documents));
    app.update(Msg::Indexed(job.generation, index));
    let hits = hit_texts(&app);
    assert!(!hits.is_empty());
    // The same index again (the reader sends it as the search file just
    // written holds it, mapped): it takes the built one's place, and the
    // search reads the same.
    let again = std::sync::Arc::new(qnav::search::Index::build(&job.documents));
    app.update(Msg::Indexed(job.generation, std::sync::Arc::clone(&again)));
    assert!(std::ptr::eq(app.search_index().unwrap(), &*again));
    assert_eq!(hit_texts(&app), hits);
}

#[test]
fn search_pane_snapshot_100x30() {
    let mut app = app(corpus(), 100, 30);
    app.update(Search);
    type_text(&mut app, "paragraph ans");
    app.update(NextHit);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn a_repeated_statement_is_shown_once_with_its_other_place() {
    let corpus = qnav::load::load_corpus(&[common::repo_file("docs-data")]).0;
    let mut app = app(corpus, 160, 40);
    app.update(Search);
    type_text(&mut app, "impact artificial");
    let hits = hit_texts(&app);
    let same = hits
        .iter()
        .filter(|t| t.contains("impact of artificial intelligence on security"))
        .count();
    assert_eq!(same, 1, "{hits:?}");
    let shown = screen(&app);
    assert!(
        shown.contains("also in tass-tasmagambetov-excerpt.txt Q"),
        "{shown}"
    );
}

/// A paste is text wherever text goes, as one edit: into the query, line
/// breaks as spaces; a `q` or `m` in it runs nothing.
#[test]
fn a_paste_is_one_edit_of_the_query_and_runs_nothing() {
    let mut app = app(corpus(), 120, 40);
    app.update(Search);
    assert!(common::paste(&mut app, "threats\nq m").is_empty());
    assert!(app.search_open());
    assert_eq!(app.search().query, "threats q m");
    // Outside search and the note editor, a paste runs nothing.
    app.update(SearchClose);
    assert!(!common::quits(&common::paste(&mut app, "q")));
    assert!(!app.search_open());
}

/// A huge paste is cut at the longest query kept, so every later keystroke
/// stays cheap.
#[test]
fn a_huge_paste_is_cut_to_the_longest_query() {
    let mut app = app(corpus(), 120, 40);
    app.update(Search);
    common::paste(&mut app, &"a".repeat(20_000));
    assert_eq!(
        app.search().query.chars().count(),
        qnav::tui::app::MAX_QUERY_CHARS
    );
    type_text(&mut app, "b");
    assert_eq!(
        app.search().query.chars().count(),
        qnav::tui::app::MAX_QUERY_CHARS,
        "no more typing past the cap"
    );
}

/// The drawn screen with styles.
fn drawn(app: &App) -> ratatui::buffer::Buffer {
    let area = app.screen();
    let mut buffer = ratatui::buffer::Buffer::empty(area);
    qnav::tui::render_to(app, area, &mut buffer);
    buffer
}

/// Whether the cells where `text` is drawn (its first occurrence) are all
/// in reverse video.
fn reversed_at(buffer: &ratatui::buffer::Buffer, text: &str) -> Option<bool> {
    let rows = common::rows(buffer);
    let (y, row) = rows.iter().enumerate().find(|(_, r)| r.contains(text))?;
    let x = row[..row.find(text)?].chars().count();
    Some((x..x + text.chars().count()).all(|x| {
        buffer[(x as u16, y as u16)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    }))
}

#[test]
fn without_colour_the_active_scope_and_the_found_statement_still_stand_out() {
    let mut app = app(corpus(), 120, 40).with_colors(false);
    press(&mut app, &[Search]);
    type_text(&mut app, "intervene");
    let screen = drawn(&app);
    assert_eq!(
        reversed_at(&screen, " all "),
        Some(true),
        "the active scope"
    );
    assert_eq!(
        reversed_at(&screen, " questions "),
        Some(false),
        "another scope"
    );
    press(&mut app, &[SearchJump]);
    let screen = drawn(&app);
    assert_eq!(
        reversed_at(&screen, "When is the CSTO simply forced to intervene?"),
        Some(true),
        "the statement the search jumped to"
    );
    // Not one colour is drawn.
    assert!(
        screen
            .content
            .iter()
            .all(|c| c.fg == ratatui::style::Color::Reset && c.bg == ratatui::style::Color::Reset)
    );
}

fn synthetic_app(pairs: usize) -> App {
    app(
        qnav::model::Corpus {
            documents: vec![common::synthetic(pairs), common::interview()],
        },
        120,
        40,
    )
}

#[test]
fn every_hit_is_reachable_past_the_first_fifty() {
    let mut app = synthetic_app(120);
    press(&mut app, &[Search]);
    type_text(&mut app, "think");
    assert_eq!(app.search().total(), 120);
    for _ in 0..200 {
        app.update(Down);
    }
    assert_eq!(
        app.search().selected,
        119,
        "the last of 120 hits is selectable"
    );
    assert!(app.search().results.hits.len() >= 120);
    // From the reader, Ctrl-n walks on past hit 50 too, and the status
    // line counts all of them.
    let mut app = synthetic_app(120);
    press(&mut app, &[Search]);
    type_text(&mut app, "think");
    press(&mut app, &[SearchJump]);
    assert!(screen(&app).contains("hit 1/120"), "{}", screen(&app));
    for _ in 0..70 {
        app.update(NextHit);
    }
    assert_eq!(app.search().selected, 70);
    assert!(screen(&app).contains("hit 71/120"));
}

#[test]
fn reopening_the_search_after_a_jump_keeps_the_list_and_the_selection() {
    let mut app = synthetic_app(5);
    press(&mut app, &[Search]);
    // Hits in both documents.
    type_text(&mut app, "the");
    let before = hit_texts(&app);
    // Select a hit in the other document and jump there.
    let other = app
        .search()
        .results
        .hits
        .iter()
        .position(|h| {
            let index = app.search_index().unwrap();
            index.statement(h.statement).doc as usize != app.current_index()
        })
        .expect("a hit in the other document");
    for _ in 0..other {
        app.update(Down);
    }
    press(&mut app, &[SearchJump]);
    assert_ne!(app.current_index(), 0, "the jump opened the other document");
    press(&mut app, &[Search]);
    assert_eq!(
        hit_texts(&app),
        before,
        "not re-ranked for the new document"
    );
    assert_eq!(app.search().selected, other);
}

#[test]
fn stepping_through_hundreds_of_tied_hits_never_repeats_or_skips_one() {
    let mut app = synthetic_app(300);
    press(&mut app, &[Search]);
    type_text(&mut app, "think");
    press(&mut app, &[SearchJump]);
    let mut seen = std::collections::HashSet::new();
    let first = app.search().results.hits[0].statement;
    seen.insert(first);
    for _ in 0..299 {
        app.update(NextHit);
        let at = app.search().selected;
        assert!(
            seen.insert(app.search().results.hits[at].statement),
            "hit {} repeats an earlier one",
            at + 1
        );
    }
    assert_eq!(seen.len(), 300, "every one of the 300 hits, once");
}

#[test]
fn hits_lacking_a_term_say_so_struck_through_and_fuzzy_hits_sit_below_a_divider() {
    let corpus = qnav::load::load_corpus(&[common::repo_file("docs-data")]).0;
    let mut app = app(corpus, 120, 40);
    app.update(Search);
    // `zzyzx` is in no document: the statements holding the other words
    // are listed, each lacking it.
    type_text(&mut app, "biological threats zzyzx ");
    let shown = screen(&app);
    assert!(shown.contains("prevent biological threats"), "{shown}");
    assert!(shown.contains("lacks zzyzx"), "{shown}");
    assert!(shown.contains("lacking a term"), "{shown}");
    let area = app.screen();
    let mut buffer = ratatui::buffer::Buffer::empty(area);
    qnav::tui::render_to(&app, area, &mut buffer);
    let lines = common::rows(&buffer);
    let (y, line) = lines
        .iter()
        .enumerate()
        .find(|(_, l)| l.contains("lacks zzyzx"))
        .expect("a row saying what the hit lacks");
    let x = line.chars().position(|c| c == 'z').expect("the term") as u16;
    let cell = &buffer[(x, y as u16)];
    assert!(
        cell.modifier
            .contains(ratatui::style::Modifier::CROSSED_OUT),
        "{cell:?}"
    );

    // A term whose letters are scattered inside other words: its word
    // matches first, then a divider, then the fuzzy ones.
    app.update(SearchClear);
    type_text(&mut app, "union ");
    let shown = screen(&app);
    assert!(shown.contains(" all 1 "), "{shown}");
    assert!(shown.contains("· 7 fuzzy"), "{shown}");
    let bands: Vec<Band> = app.search().results.hits.iter().map(|h| h.band).collect();
    assert_eq!(bands[0], Band::Words);
    assert!(bands[1..].iter().all(|b| *b == Band::Fuzzy), "{bands:?}");
    let lines: Vec<&str> = shown.lines().collect();
    let divider = lines
        .iter()
        .position(|l| l.contains("── 7 fuzzy: the letters inside other words"))
        .expect("a divider");
    // One hit (two rows) above it, under the query and the counts.
    assert_eq!(divider, 5, "{shown}");
}

#[test]
fn the_document_list_says_which_document_is_an_excerpt_of_which() {
    let corpus = qnav::load::load_corpus(&[common::repo_file("docs-data")]).0;
    let app = app(corpus, 240, 40);
    let shown = screen(&app);
    let rows: Vec<&str> = shown.lines().filter(|l| l.contains("excerpt of")).collect();
    assert_eq!(rows.len(), 1, "{shown}");
    assert!(
        rows[0].contains("excerpt of Interview of the CSTO"),
        "{shown}"
    );
}

#[test]
fn stepping_through_hits_reaches_those_lacking_a_term_after_every_full_match() {
    let corpus = qnav::load::load_corpus(&[common::repo_file("docs-data")]).0;
    let mut app = app(corpus, 120, 40);
    app.update(Search);
    // More full matches than one ranking lists (50): those lacking a term
    // are looked for only when the list reaches them.
    type_text(&mut app, "the csto ");
    assert!(app.search().results.counts.all > 50);
    assert!(app.search().results.partial.is_none());
    let mut seen = std::collections::HashSet::new();
    for _ in 0..400 {
        app.update(NextHit);
    }
    let hits = &app.search().results.hits;
    for h in hits {
        assert!(seen.insert(h.statement), "listed twice");
    }
    let bands: Vec<Band> = hits.iter().map(|h| h.band).collect();
    let first_partial = bands
        .iter()
        .position(|b| *b == Band::Partial)
        .expect("reached the statements lacking a term");
    assert!(bands[..first_partial].iter().all(|b| *b == Band::Words));
    assert_eq!(first_partial, app.search().results.counts.all);
    assert!(app.search().results.partial.is_some());
}

/// A reader waiting for its documents, 100×30.
fn waiting_app() -> App {
    let mut app = App::waiting();
    app.update(Resize {
        width: 100,
        height: 30,
    });
    app
}

/// The index job among `effects`.
fn index_job(effects: Vec<Effect>) -> Option<qnav::tui::app::IndexJob> {
    effects.into_iter().find_map(|e| match e {
        Effect::BuildIndex(job) => Some(job),
        _ => None,
    })
}

/// Two files on disk, settled past the cache's racy window, with a search
/// file for them in `cache`: (their sources as stamped, the documents).
fn searchable_files(
    dir: &std::path::Path,
    cache: &qnav::cache::Cache,
) -> (
    std::sync::Arc<[qnav::cache::search_file::Searched]>,
    Vec<qnav::model::Document>,
) {
    let texts = [
        (
            "a.txt",
            "Q: Where were you born?\nA: In Omsk, by the river.\n",
        ),
        (
            "b.txt",
            "Q: What did you eat there?\nA: Bread. Mostly marmalade on toast, every morning.\n",
        ),
    ];
    let mut paths = Vec::new();
    for (name, text) in texts {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        paths.push(path);
    }
    // A search file is written only for files changed a while before.
    std::thread::sleep(std::time::Duration::from_millis(3100));
    let (sources, _) = qnav::load::collect_sources(&paths);
    let files = qnav::cache::search_file::stamps(&sources).expect("regular files");
    let mut docs = Vec::new();
    qnav::load::load_ordered_with(&sources, None, |r| docs.push(r.unwrap()));
    cache.keep_searched(&files, &docs, &qnav::search::Index::build(&docs));
    (files.into(), docs)
}

/// [`searchable_files`] in a temporary folder, and their search file
/// opened: (the folder, the files as stamped, the documents, what it holds).
fn opened_search_file() -> (
    tempfile::TempDir,
    std::sync::Arc<[qnav::cache::search_file::Searched]>,
    Vec<qnav::model::Document>,
    qnav::cache::search_file::Found,
) {
    let dir = tempfile::tempdir().unwrap();
    let cache = qnav::cache::Cache::at(dir.path().join("cache"));
    let (files, docs) = searchable_files(dir.path(), &cache);
    let found = cache
        .searched(&files)
        .expect("the search file just written");
    (dir, files, docs, found)
}

#[test]
fn the_reader_searches_its_search_file_while_the_documents_load() {
    use qnav::load::LoadEvent;
    let (_dir, files, docs, found) = opened_search_file();

    let mut app = waiting_app();
    app.update(Msg::Load(LoadEvent::Found(2)));
    app.update(Msg::Load(LoadEvent::Stamped(std::sync::Arc::clone(&files))));
    app.update(Msg::Load(LoadEvent::Searchable(Box::new(found))));
    // No document yet, and already an answer.
    app.update(Search);
    type_text(&mut app, "marmalade");
    assert_eq!(
        hit_texts(&app),
        ["Mostly marmalade on toast, every morning."]
    );
    let shown = screen(&app);
    assert!(shown.contains("Mostly marmalade on toast"), "{shown}");
    assert!(shown.contains("Q1 · answer"), "{shown}");
    // Its document is not here to jump to: said, the pane stays open.
    app.update(SearchJump);
    assert!(app.search_open());
    assert_eq!(app.message(), Some("b.txt has not loaded yet"));

    for doc in docs.iter().cloned() {
        app.update(Msg::Load(LoadEvent::Document(Box::new(doc))));
    }
    app.update(SearchJump);
    assert!(!app.search_open());
    assert_eq!(app.current_index(), 1);
    assert_eq!(app.current_pair(), Some(0));
    let shown = screen(&app);
    assert!(shown.contains("marmalade"), "{shown}");
    assert!(app.marked().is_some());

    // Loaded: the index is the search file's, with none to write (there
    // is one), and the hits are ranked again over it.
    let job = index_job(app.update(Msg::Load(LoadEvent::Done))).expect("an index job");
    assert!(job.search_file_for.is_none());
    assert_eq!(job.index_from.as_deref(), Some(&files[..]));
    let (index, keep) = qnav::cache::index_to_keep_from(&job.documents, None);
    assert!(keep.is_none(), "no cache in use here");
    let index = std::sync::Arc::new(index);
    app.update(Msg::Indexed(job.generation, index));
    assert!(matches!(
        app.search_base(),
        Some((_, qnav::search::Texts::Parsed(_)))
    ));
    assert_eq!(
        hit_texts(&app),
        ["Mostly marmalade on toast, every morning."]
    );
}

#[test]
fn with_no_search_file_the_index_job_writes_one() {
    use qnav::load::LoadEvent;
    let dir = tempfile::tempdir().unwrap();
    let cache = qnav::cache::Cache::at(dir.path().join("cache"));
    let (files, docs) = searchable_files(dir.path(), &cache);
    let mut app = App::waiting();
    app.update(Msg::Load(LoadEvent::Stamped(std::sync::Arc::clone(&files))));
    for doc in docs {
        app.update(Msg::Load(LoadEvent::Document(Box::new(doc))));
    }
    let job = index_job(app.update(Msg::Load(LoadEvent::Done))).expect("an index job");
    assert_eq!(job.search_file_for.as_deref(), Some(&files[..]));
    assert!(job.index_from.is_none());
}

#[test]
fn a_search_file_whose_text_is_damaged_is_dropped_for_the_index() {
    use qnav::load::LoadEvent;
    let dir = tempfile::tempdir().unwrap();
    let cache = qnav::cache::Cache::at(dir.path().join("cache"));
    let (files, docs) = searchable_files(dir.path(), &cache);
    // A byte of the text (it ends just before the padding and the
    // file's own checksum) changed on disk.
    let file = std::fs::read_dir(dir.path().join("cache/searches"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .next()
        .expect("a search file");
    let mut bytes = std::fs::read(&file).unwrap();
    let at = bytes.len() - 20;
    bytes[at] ^= 0x01;
    std::fs::write(&file, &bytes).unwrap();
    let found = cache
        .searched(&files)
        .expect("its index and head are whole");

    let mut app = waiting_app();
    app.update(Msg::Load(LoadEvent::Stamped(std::sync::Arc::clone(&files))));
    app.update(Msg::Load(LoadEvent::Searchable(Box::new(found))));
    app.update(Search);
    // The first search reads the damaged block: said, and the file dropped.
    type_text(&mut app, "m");
    assert!(
        app.message()
            .is_some_and(|m| m.contains("search file is damaged")),
        "{:?}",
        app.message()
    );
    type_text(&mut app, "armalade");
    assert!(app.search().results.hits.is_empty());
    assert!(app.search_base().is_none());
    // The index, once the documents are here, writes it anew.
    for doc in docs {
        app.update(Msg::Load(LoadEvent::Document(Box::new(doc))));
    }
    let job = index_job(app.update(Msg::Load(LoadEvent::Done))).expect("an index job");
    assert_eq!(job.search_file_for.as_deref(), Some(&files[..]));
}

#[test]
fn this_document_in_the_search_file_is_the_one_being_read_whatever_loaded() {
    use qnav::load::LoadEvent;
    let (_dir, _files, docs, found) = opened_search_file();
    let mut app = waiting_app();
    app.update(Msg::Load(LoadEvent::Searchable(Box::new(found))));
    // Only the second file here (the first did not load): it is the
    // reader's document 0, the search file's 1.
    let b = docs.into_iter().nth(1).unwrap();
    app.update(Msg::Load(LoadEvent::Document(Box::new(b))));
    assert_eq!(app.current_index(), 0);
    app.update(Search);
    app.update(SearchScope);
    type_text(&mut app, "marmalade");
    assert_eq!(
        hit_texts(&app),
        ["Mostly marmalade on toast, every morning."]
    );
    // And what the other file says is not in "this document".
    for _ in 0.."marmalade".len() {
        app.update(SearchBackspace);
    }
    type_text(&mut app, "river");
    assert!(hit_texts(&app).is_empty());
}

#[test]
fn what_one_person_said_waits_for_every_document() {
    use qnav::load::LoadEvent;
    let mut app = waiting_app();
    let talk = "Anna Petrova: What did the talks achieve, in your view?\n\n\
                Vladimir Putin: They settled the question for this year at least.\n\n\
                Anna Petrova: And what comes next for the two delegations?\n\n\
                Vladimir Putin: A second round in June, with both ministers.\n";
    let doc = qnav::parse::parse("one.txt", talk);
    app.update(Msg::Load(LoadEvent::Document(Box::new(doc))));
    app.update(Speakers);
    assert!(
        app.speakers_view().is_some(),
        "the people loaded so far: {:?}",
        app.message()
    );
    // Their `@` words are told apart only from those loaded so far.
    app.update(Search);
    assert!(!app.search_open());
    assert_eq!(app.message(), Some("the search index is still being built"));
}
