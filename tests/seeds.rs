//! The five bundled documents come out as the project's golden files say.
//! The in-repo expectations run everywhere; the comparison with
//! `../shared/golden/*.json` runs when `../shared` is present.

mod common;

use qnav::load::load_corpus;
use qnav::model::{DocKind, Document};

fn seeds() -> Vec<Document> {
    let (corpus, messages) = load_corpus(&[common::repo_file("docs-data")]);
    assert!(messages.is_empty(), "{messages:?}");
    corpus.documents
}

fn doc<'a>(docs: &'a [Document], name: &str) -> &'a Document {
    docs.iter()
        .find(|d| d.file_name() == name)
        .unwrap_or_else(|| panic!("{name} loaded"))
}

fn all_text(d: &Document) -> String {
    let mut parts: Vec<String> = d
        .preamble
        .iter()
        .chain(&d.body)
        .map(|p| p.text.to_string())
        .collect();
    for p in &d.pairs {
        parts.push(p.question_text());
        parts.push(p.answer_text());
    }
    parts.join("\n")
}

#[test]
#[cfg_attr(
    not(shared),
    ignore = "needs ../shared beside the repository (README: Set-up)"
)]
fn docs_data_is_the_seed_corpus_byte_for_byte() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    for e in std::fs::read_dir(shared.join("seeds")).unwrap() {
        let e = e.unwrap();
        let ours = std::fs::read(common::repo_file("docs-data").join(e.file_name()))
            .expect("seed shipped in docs-data");
        assert_eq!(
            ours,
            std::fs::read(e.path()).unwrap(),
            "{:?} differs",
            e.file_name()
        );
    }
}

#[test]
fn rt_interview_hyphen_turns_with_broken_lines() {
    let docs = seeds();
    let d = doc(&docs, "rt-csto-charter-anniversary.txt");
    assert_eq!(d.kind, DocKind::Interview);
    assert_eq!(d.pairs.len(), 11);
    assert_eq!(
        d.pairs[3].question_text(),
        "When are the collective security mechanisms activated? When is the CSTO simply forced to intervene?"
    );
    assert!(
        d.pairs[5]
            .question_text()
            .contains("post-Soviet space, do you note the growth")
    );
    assert!(
        d.pairs[9]
            .question_text()
            .ends_with("in the CSTO in the context of security?")
    );
    assert!(!all_text(d).contains("To gallery page"));
    assert!(d.dropped.iter().any(|x| x.text == "To gallery page"));
    assert!(
        d.pairs[10]
            .answer_text()
            .ends_with("the belt of our friends.")
    );
}

#[test]
fn allies_interview_inline_answers_and_list_items() {
    let docs = seeds();
    let d = doc(&docs, "csto-allies-masadykov-interview.txt");
    assert_eq!(d.pairs.len(), 5);
    assert_eq!(
        d.pairs[0].question_text(),
        "You began your duties as Secretary General of the CSTO on January 1. What are your feelings about this role?"
    );
    assert!(
        d.pairs[0].answer[0]
            .text
            .starts_with("I am focused on productive work.")
    );
    let items: Vec<&str> = d.pairs[1]
        .answer
        .iter()
        .filter(|p| p.list_item)
        .map(|p| &*p.text)
        .collect();
    assert_eq!(items.len(), 4);
    assert_eq!(items[0], "improving the work of the CSTO statutory bodies;");
}

#[test]
fn tass_interview_inside_news_page() {
    let docs = seeds();
    let d = doc(&docs, "csto-news-tass-tasmagambetov-interview.txt");
    assert_eq!(
        d.title.as_deref(),
        Some("Interview of the CSTO Secretary General Imangali Tasmagambetov to the TASS agency")
    );
    assert_eq!(d.interviewee.as_deref(), Some("Imangali Tasmagambetov"));
    assert_eq!(d.source.as_deref(), Some("TASS"));
    assert_eq!(d.date, None);
    assert_eq!(d.pairs.len(), 5);
    assert_eq!(d.preamble.len(), 1);
    let text = all_text(d);
    for chrome in [
        "Go back",
        "Back to the section",
        "Back to the all news",
        "30.06.2025",
    ] {
        assert!(!text.contains(chrome), "{chrome}");
    }
}

#[test]
fn excerpt_is_the_same_interview_as_its_source() {
    let docs = seeds();
    let full = doc(&docs, "csto-news-tass-tasmagambetov-interview.txt");
    let excerpt = doc(&docs, "tass-tasmagambetov-excerpt.txt");
    assert_eq!(excerpt.pairs.len(), 4);
    for (a, b) in excerpt.pairs.iter().zip(&full.pairs[1..]) {
        assert_eq!(a.question_text(), b.question_text());
        assert_eq!(a.answer_text(), b.answer_text());
    }
}

#[test]
fn statements_article_is_an_article_with_quotes() {
    let docs = seeds();
    let d = doc(&docs, "masadykov-statements-article.txt");
    assert_eq!(d.kind, DocKind::Article);
    assert!(d.pairs.is_empty());
    assert!(
        d.title
            .as_deref()
            .unwrap()
            .starts_with("Collective Security in a Multipolar World.")
    );
    assert!(d.quotes.len() >= 3);
    assert!(
        d.quotes
            .iter()
            .any(|q| q.attribution.as_deref() == Some("Masadikov"))
    );
    let text = all_text(d);
    assert!(!text.contains("Read also") && !text.contains("editorial staff"));
}

/// The comparison `../shared/tools/golden-check` makes, in-process.
#[test]
#[cfg_attr(
    not(shared),
    ignore = "needs ../shared beside the repository (README: Set-up)"
)]
fn matches_shared_golden_files() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let docs = seeds();
    let mut checked = 0;
    for e in std::fs::read_dir(shared.join("golden")).unwrap() {
        let g: serde_json::Value =
            serde_json::from_slice(&std::fs::read(e.unwrap().path()).unwrap()).unwrap();
        let name = g["file"].as_str().unwrap().rsplit('/').next().unwrap();
        let d = doc(&docs, name);
        assert_eq!(d.kind.as_str(), g["kind"].as_str().unwrap(), "{name}");
        if let Some(t) = g["title"].as_str() {
            assert_eq!(
                common::loose(d.title.as_deref().unwrap_or("")),
                common::loose(t),
                "{name} title"
            );
        }
        if let Some(t) = g["interviewee"].as_str() {
            assert_eq!(
                common::loose(d.interviewee.as_deref().unwrap_or("")),
                common::loose(t),
                "{name} interviewee"
            );
        }
        let gp = g["pairs"].as_array().unwrap();
        assert_eq!(d.pairs.len(), gp.len(), "{name} pairs");
        for (p, e) in d.pairs.iter().zip(gp) {
            let q = common::loose(&p.question_text());
            let a = common::loose(&p.answer_text());
            assert!(
                q.starts_with(&common::loose(e["q_starts"].as_str().unwrap())),
                "{name} Q{}: {q}",
                p.number
            );
            assert!(
                q.ends_with(&common::loose(e["q_ends"].as_str().unwrap())),
                "{name} Q{}: {q}",
                p.number
            );
            assert!(
                a.starts_with(&common::loose(e["a_starts"].as_str().unwrap())),
                "{name} A{}: {a}",
                p.number
            );
            assert!(
                a.ends_with(&common::loose(e["a_ends"].as_str().unwrap())),
                "{name} A{}: {a}",
                p.number
            );
        }
        let text = common::loose(&all_text(d));
        for s in g["absent"].as_array().into_iter().flatten() {
            assert!(
                !text.contains(&common::loose(s.as_str().unwrap())),
                "{name}: {s} kept"
            );
        }
        for s in g["exact_present"].as_array().into_iter().flatten() {
            assert!(
                text.contains(&common::loose(s.as_str().unwrap())),
                "{name}: {s} missing"
            );
        }
        checked += 1;
    }
    assert_eq!(checked, 5);
}
