//! The larger real corpus in `../shared/corpus` (skipped when absent):
//! every file loads, White House briefings give one pair per reporter turn
//! that asks, the other folders give pairs.

mod common;

use qnav::load::load_corpus;

/// Reporter turns as `../shared/tools/corpus-check` finds them — a line
/// that starts with an unnamed `Q` followed by two spaces or a colon — as
/// (all of them, those that ask). A turn that asks is what
/// `../shared/tools/turn-check` does not call filler: its paragraph holds a
/// `?` or more than four words, and does not go on with a sentence an
/// interjection cut (`Q  — in this country?`). (`Q  Thank you.`, `Q  Karine
/// —` and `Q  (Inaudible.)` are turns, kept in their pair, but no question.)
fn reporter_turns(text: &str) -> (usize, usize) {
    let mut lines = text.lines().peekable();
    let (mut all, mut asking) = (0, 0);
    while let Some(l) = lines.next() {
        let t = l.trim_start();
        let Some(rest) = t.strip_prefix('Q') else {
            continue;
        };
        let spaces = rest
            .chars()
            .take_while(|c| *c == ' ' || *c == '\u{a0}')
            .count();
        if !(spaces >= 2 || rest.starts_with(": ") || rest.starts_with(":\t") || rest == ":") {
            continue;
        }
        all += 1;
        let mut paragraph = rest.trim_start_matches(':').to_string();
        while let Some(next) = lines.next_if(|n| !n.trim().is_empty()) {
            paragraph.push(' ');
            paragraph.push_str(next);
        }
        // `Q  — in this country?` goes on with the sentence an interjection
        // cut: the same question, not another.
        let continues = paragraph.trim_start().starts_with(['—', '–', '-', '…']);
        if !continues && (paragraph.contains('?') || paragraph.split_whitespace().count() > 4) {
            asking += 1;
        }
    }
    (all, asking)
}

#[test]
#[cfg_attr(
    not(shared),
    ignore = "needs ../shared beside the repository (README: Set-up)"
)]
fn shared_corpus_segments_plausibly() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let root = shared.join("corpus");
    if !root.is_dir() {
        return;
    }
    let (corpus, messages) = load_corpus(std::slice::from_ref(&root));
    assert!(messages.is_empty(), "{messages:?}");
    let (mut wh_ok, mut wh_n, mut others_without_pairs) = (0, 0, Vec::new());
    for d in &corpus.documents {
        if d.path.contains("/whitehouse-press-briefings/") {
            let file = root.join("whitehouse-press-briefings").join(d.file_name());
            let (all, want) = reporter_turns(&std::fs::read_to_string(file).unwrap());
            if all < 3 {
                continue;
            }
            wh_n += 1;
            if (d.pairs.len() as f64 - want as f64).abs() <= 0.15 * want as f64 {
                wh_ok += 1;
            }
        } else if d.path.ends_with(".txt") && d.pairs.is_empty() {
            others_without_pairs.push(d.path.clone());
        }
    }
    assert!(wh_n > 1000, "White House files found: {wh_n}");
    assert!(
        wh_ok * 100 >= wh_n * 95,
        "{wh_ok}/{wh_n} White House files within 15% of the reporter turns that ask"
    );
    assert!(others_without_pairs.is_empty(), "{others_without_pairs:?}");
    eprintln!("corpus: {wh_ok}/{wh_n} White House files within 15% of the reporter turns that ask");
}

/// Supreme Court transcripts: a paragraph never ends mid-sentence where the
/// reporter's next line only continues it (the line's indent says so: a
/// new paragraph or turn is indented deeper), and no question starts with
/// the `--` that continues a sentence an interjection cut.
#[test]
#[cfg_attr(
    not(shared),
    ignore = "needs ../shared beside the repository (README: Set-up)"
)]
fn court_transcripts_keep_sentences_whole() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let root = shared.join("corpus/supreme-court-oral-arguments");
    if !root.is_dir() {
        eprintln!("skipped: no {}", root.display());
        return;
    }
    let (corpus, _) = load_corpus(std::slice::from_ref(&root));
    let (mut paragraphs, mut broken, mut dashed) = (0usize, Vec::new(), Vec::new());
    for d in &corpus.documents {
        let source = std::fs::read_to_string(root.join(d.file_name())).unwrap();
        // Each numbered line's indent after its number, and the usual one.
        let indents: Vec<Option<usize>> = source
            .lines()
            .map(|l| {
                let t = l.trim_start_matches([' ', '\u{c}']);
                let digits = t.bytes().take_while(u8::is_ascii_digit).count();
                let rest = &t[digits..];
                ((1..=2).contains(&digits) && rest.starts_with(' ') && !rest.trim().is_empty())
                    .then(|| rest.len() - rest.trim_start_matches(' ').len())
            })
            .collect();
        let mut counts = std::collections::BTreeMap::<usize, usize>::new();
        for i in indents.iter().flatten() {
            *counts.entry(*i).or_default() += 1;
        }
        let usual = counts.iter().max_by_key(|(_, n)| **n).map(|(i, _)| *i);
        for p in &d.pairs {
            if p.question_text().starts_with("--") {
                dashed.push(format!("{} Q{}", d.file_name(), p.number));
            }
            for part in [&p.question, &p.answer] {
                paragraphs += part.len();
                for w in part.windows(2) {
                    let open = !w[0]
                        .text
                        .trim_end()
                        .ends_with(['.', '?', '!', ':', ';', '"', '”', ')', ']', '-', '—']);
                    let next_continues = indents
                        .get(w[1].lines.first.saturating_sub(1))
                        .copied()
                        .flatten()
                        .zip(usual)
                        .is_some_and(|(i, u)| i <= u + 1);
                    if open && next_continues {
                        broken.push(format!("{}: {:?}", d.file_name(), w[0].text));
                    }
                }
            }
        }
    }
    eprintln!(
        "court: {} of {paragraphs} paragraphs end mid-sentence before a continuing line; {} questions start with --",
        broken.len(),
        dashed.len()
    );
    assert!(paragraphs > 5000, "{paragraphs}");
    assert!(
        broken.len() * 100 < paragraphs,
        "{:#?}",
        &broken[..broken.len().min(20)]
    );
    assert!(dashed.is_empty(), "{dashed:?}");
}

#[test]
#[cfg_attr(
    not(shared),
    ignore = "needs ../shared beside the repository (README: Set-up)"
)]
fn every_corpus_document_has_a_title_of_its_own_and_a_date() {
    let Some(shared) = common::shared_dir() else {
        eprintln!("skipped: ../shared is not there");
        return;
    };
    let root = shared.join("corpus");
    if !root.is_dir() {
        eprintln!("skipped: ../shared/corpus is not there");
        return;
    }
    let (corpus, _) = load_corpus(std::slice::from_ref(&root));
    let mut by_folder: std::collections::BTreeMap<String, Vec<&qnav::model::Document>> =
        Default::default();
    for d in &corpus.documents {
        let folder = d.path.rsplit('/').nth(1).unwrap_or("").to_string();
        by_folder.entry(folder).or_default().push(d);
        // A title, never the text of one of its questions.
        let title = d
            .title
            .as_deref()
            .unwrap_or_else(|| panic!("{}: no title", d.path));
        assert!(
            !d.pairs.iter().any(|p| p.question_text() == title),
            "{}: the title is a question",
            d.path
        );
    }
    for (folder, docs) in &by_folder {
        // A court transcript is named by the case its caption gives.
        if folder.starts_with("supreme-court") {
            let uncaptioned: Vec<(&str, Option<&str>)> = docs
                .iter()
                .filter(|d| !d.title.as_deref().is_some_and(|t| t.contains(" v. ")))
                .map(|d| (d.path.as_str(), d.title.as_deref()))
                .collect();
            assert!(uncaptioned.is_empty(), "{uncaptioned:?}");
        }
        if folder.starts_with("whitehouse") || folder.starts_with("fomc") {
            let undated: Vec<&str> = docs
                .iter()
                .filter(|d| d.date.is_none())
                .map(|d| d.path.as_str())
                .collect();
            assert!(undated.is_empty(), "{folder}: undated {undated:?}");
        }
        let mut seen: std::collections::HashMap<(Option<&str>, Option<&str>), usize> =
            Default::default();
        for d in docs {
            *seen
                .entry((d.title.as_deref(), d.date.as_deref()))
                .or_default() += 1;
        }
        let distinct = docs
            .iter()
            .filter(|d| seen[&(d.title.as_deref(), d.date.as_deref())] == 1)
            .count();
        eprintln!(
            "{folder}: {distinct}/{} told apart by title and date",
            docs.len()
        );
        assert!(
            distinct * 100 >= docs.len() * 99,
            "{folder}: {distinct}/{}",
            docs.len()
        );
    }
}
