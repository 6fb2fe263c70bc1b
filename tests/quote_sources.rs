//! Quote sources: the article in `docs-data` that retells the Masadykov
//! interview, each of its quotes traced to the answer it comes from — the
//! pairs below were read off the two texts by hand, not taken from qnav.

mod common;

use qnav::load::load_corpus;
use qnav::search::Index;
use qnav::search::sources::{Source, source, sources};

const ARTICLE: &str = "masadykov-statements-article.txt";
const INTERVIEW: &str = "csto-allies-masadykov-interview.txt";

/// The bundled documents, their index (excerpts noted) and the sources.
fn bundled() -> (Vec<qnav::model::Document>, Index) {
    let docs = load_corpus(&[common::repo_file("docs-data")]).0.documents;
    let mut index = Index::build(&docs);
    index.note_containment(&docs);
    (docs, index)
}

fn position(docs: &[qnav::model::Document], file: &str) -> usize {
    docs.iter()
        .position(|d| d.path.ends_with(file))
        .unwrap_or_else(|| panic!("{file} is bundled"))
}

#[test]
fn every_quote_of_the_article_from_the_interview_names_its_answer_and_none_a_wrong_one() {
    let (docs, index) = bundled();
    let article = position(&docs, ARTICLE);
    let interview = position(&docs, INTERVIEW);
    // (the quote's first words, the interview's pair it retells, 1-based)
    let expected: &[(&str, usize)] = &[
        ("Collective security in a multipolar world", 2),
        ("Our main task is to effectively fulfill", 1),
        ("Currently, Eurasia is the geopolitical center", 3),
        ("There are temptations to introduce new types", 3),
        ("Within the extended Collective Security Strategy", 4),
        ("Currently, the CSTO is helping to implement", 4),
        (
            "We are confident that the implementation of this roadmap",
            5,
        ),
    ];
    let quotes = &docs[article].quotes;
    let found = sources(&index, &docs);
    for &(start, pair) in expected {
        let k = quotes
            .iter()
            .position(|q| q.text.starts_with(start))
            .unwrap_or_else(|| panic!("no quote starts {start:?}: {quotes:#?}"));
        let got = found[article][k];
        assert!(
            matches!(got, Some(Source { doc, pair: p, .. }) if doc == interview && p + 1 == pair),
            "{start:?}: {got:?}, expected Q{pair} of the interview"
        );
    }
    // No other quote of any document is given a source at all.
    let traced: usize = found.iter().flatten().filter(|s| s.is_some()).count();
    assert_eq!(traced, expected.len(), "{found:?}");
}

#[test]
fn a_quote_that_is_said_nowhere_else_has_no_source() {
    let (docs, index) = bundled();
    let article = position(&docs, ARTICLE);
    let made_up = qnav::model::Quote {
        text: "Our delegation ordered twelve submarines of cheese from the lunar bakery yesterday"
            .into(),
        attribution: None,
        lines: qnav::model::LineRange::single(1),
    };
    assert_eq!(source(&index, &docs, article, &made_up), None);
    // Nor a quote of the interview's own words, looked up from the
    // interview itself: a source is always another document.
    let interview = position(&docs, INTERVIEW);
    let own = qnav::model::Quote {
        text: docs[interview].pairs[2].answer[0].text.to_string(),
        attribution: None,
        lines: qnav::model::LineRange::single(1),
    };
    let from_itself = source(&index, &docs, interview, &own);
    assert!(
        from_itself.is_none_or(|s| s.doc != interview),
        "{from_itself:?}"
    );
}

#[test]
fn the_json_export_adds_the_source_to_traced_quotes() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_qnav"))
        .args(["export", "--format", "json", "docs-data"])
        .env("XDG_CONFIG_HOME", "/nonexistent/qnav-test-config")
        .env("XDG_CACHE_HOME", common::NO_CACHE)
        .current_dir(common::repo_file("."))
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let article = json["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"].as_str().unwrap().ends_with(ARTICLE))
        .unwrap();
    let eurasia = article["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| {
            q["text"]
                .as_str()
                .unwrap()
                .starts_with("Currently, Eurasia")
        })
        .unwrap();
    assert!(
        eurasia["source"]["path"]
            .as_str()
            .unwrap()
            .ends_with(INTERVIEW),
        "{eurasia}"
    );
    assert_eq!(eurasia["source"]["pair"], 3);
}

/// In the reader: under each traced quote of the article, where it comes
/// from; Enter goes there, `''` comes back.
#[test]
fn the_reader_shows_where_a_quote_comes_from_and_enter_goes_there() {
    use qnav::tui::Action::*;
    let corpus = load_corpus(&[common::repo_file("docs-data")]).0;
    let docs = corpus.documents.clone();
    let article = position(&docs, ARTICLE);
    let interview = position(&docs, INTERVIEW);
    let mut app = common::app(corpus, 120, 40);
    while app.current_index() != article {
        app.update(NextDocument);
    }
    app.update(Bottom);
    let shown = common::screen(&app);
    assert!(
        shown.contains("↪ from: CSTO allies masadykov interview · Q5"),
        "{shown}"
    );
    let (doc_before, scroll_before) = (app.current_index(), app.scroll());
    app.update(Open);
    assert_eq!(app.current_index(), interview);
    // The first `from:` line on screen names the pair gone to.
    let first_from = shown
        .lines()
        .find_map(|l| l.split("↪ from: ").nth(1))
        .and_then(|rest| rest.split(" · Q").nth(1))
        .and_then(|n| n.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse::<usize>().ok())
        .expect("a from: line with a pair");
    assert_eq!(app.current_pair(), Some(first_from - 1));
    app.update(Mark);
    app.update(Mark);
    assert_eq!(
        (app.current_index(), app.scroll()),
        (doc_before, scroll_before)
    );
}

/// A quote the article gives to someone is never traced to another
/// person's answer, however close the words; given to the one who said it
/// (spelt another way), it is.
#[test]
fn a_quote_attributed_to_someone_else_is_not_traced_to_the_answer() {
    let interview = "Anna Berg: What happened to the herring quotas in the Baltic?\n\n\
                     Karl Olssen: The herring quotas in the Baltic were halved after the scientists warned the stocks were collapsing.\n\n\
                     Anna Berg: And the trawler fleets, what of them?\n\n\
                     Karl Olssen: The trawler fleets will be paid to stay in port for two seasons.\n";
    let article = |who: &str| {
        format!(
            "Fishing news\n\nThe quotas were cut again this spring.\n\n\
             \"The herring quotas in the Baltic were halved after scientists warned the stocks were collapsing,\" {who} said.\n"
        )
    };
    for (who, traced) in [("Petrov", false), ("Olsen", true)] {
        let docs = vec![
            qnav::parse::parse("interview.txt", interview),
            qnav::parse::parse("article.txt", &article(who)),
        ];
        assert_eq!(docs[0].pairs.len(), 2, "{:?}", docs[0].format);
        assert_eq!(docs[1].quotes.len(), 1, "{:?}", docs[1].quotes);
        let index = Index::build(&docs);
        let found = source(&index, &docs, 1, &docs[1].quotes[0]);
        assert_eq!(found.is_some(), traced, "{who}: {found:?}");
        if let Some(s) = found {
            assert_eq!((s.doc, s.pair), (0, 0));
        }
    }
}
