//! The larger real corpus in `../shared/corpus` (skipped when absent):
//! every file loads, White House briefings give one pair per reporter turn
//! that asks, the other folders give pairs.

mod common;

use qnav::load::load_corpus;

/// Reporter turns as `../shared/tools/corpus-check` finds them — a line
/// that starts with an unnamed `Q` followed by two spaces or a colon — as
/// (all of them, those that ask). A turn that asks is what
/// `../shared/tools/turn-check` does not call filler: its paragraph holds a
/// `?` or more than four words. (`Q  Thank you.`, `Q  Karine —` and
/// `Q  (Inaudible.)` are turns, kept in their pair, but no question.)
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
        if paragraph.contains('?') || paragraph.split_whitespace().count() > 4 {
            asking += 1;
        }
    }
    (all, asking)
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
