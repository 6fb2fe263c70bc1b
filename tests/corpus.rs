//! The larger real corpus in `../shared/corpus` (skipped when absent):
//! every file loads, White House briefings give one pair per reporter turn,
//! the other folders give pairs.

mod common;

use qnav::load::load_corpus;

/// Reporter turns as `../shared/tools/corpus-check` counts them: a line that
/// starts with an unnamed `Q` followed by two spaces or a colon.
fn reporter_turns(text: &str) -> usize {
    text.lines()
        .filter(|l| {
            let t = l.trim_start();
            let Some(rest) = t.strip_prefix('Q') else {
                return false;
            };
            let spaces = rest
                .chars()
                .take_while(|c| *c == ' ' || *c == '\u{a0}')
                .count();
            spaces >= 2 || rest.starts_with(": ") || rest.starts_with(":\t") || rest == ":"
        })
        .count()
}

#[test]
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
            let want = reporter_turns(&std::fs::read_to_string(file).unwrap());
            if want < 3 {
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
        "{wh_ok}/{wh_n} White House files within 15%"
    );
    assert!(others_without_pairs.is_empty(), "{others_without_pairs:?}");
}
