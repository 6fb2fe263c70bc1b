//! Every quote traceable, measured on `../shared/corpus` (skipped, saying
//! so, when it is absent): statements sampled with a fixed seed are looked
//! up where their citation points in the raw file — the words must be
//! there, and the speaker the citation names must be the one the source's
//! own label gives that line. For the Supreme Court, the page:line cited
//! is checked against the page and line numbers printed in the source,
//! and against the court reporter's own word index.
//!
//! The oracles here read the raw files with their own few lines of code
//! (labels by pattern, pages by their printed numbers), not with qnav's
//! parser: a mistake in qnav does not hide itself.

mod common;

use std::collections::HashMap;

use qnav::citation::{place, statement_speaker};
use qnav::load::load_corpus;
use qnav::model::{Document, PageLine};
use qnav::search::Index;

/// A small fixed-seed generator (SplitMix64): the same sample every run.
struct Seeded(u64);

impl Seeded {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d4_9bb1_3311_11eb);
        ((z ^ (z >> 31)) % n as u64) as usize
    }
}

/// Words, lower case, letters and digits only (`wouldn't` → `wouldnt`).
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The raw file's lines, as an editor numbers them (1-based: `[n - 1]`).
fn raw_lines(path: &str) -> Vec<String> {
    let bytes = std::fs::read(path).expect("corpus file readable");
    String::from_utf8_lossy(&bytes)
        .split('\n')
        .map(str::to_string)
        .collect()
}

fn corpus() -> Option<(Vec<Document>, Index)> {
    let Some(root) = common::shared_dir()
        .map(|s| s.join("corpus"))
        .filter(|r| r.is_dir())
    else {
        eprintln!("skipped: ../shared/corpus is not there");
        return None;
    };
    let (corpus, messages) = load_corpus(std::slice::from_ref(&root));
    assert!(messages.is_empty(), "{messages:?}");
    let index = Index::build(&corpus.documents);
    Some((corpus.documents, index))
}

/// The label that governs raw line `line` (1-based): the last line at or
/// before it that opens a turn, as each folder writes turns.
fn governing_label(folder: &str, raw: &[String], line: usize) -> Option<String> {
    let upto = line.min(raw.len());
    for (i, l) in raw[..upto].iter().enumerate().rev() {
        let t = l.trim_start_matches([' ', '\u{a0}', '\u{c}']);
        // After a line that stops mid-sentence on a lower-case word: `…to
        // stop` / `COVID-19: Wear a mask` is a sentence wrapped, not a label.
        if i.checked_sub(1).is_some_and(|b| {
            raw[b]
                .trim_end_matches([' ', '\u{a0}'])
                .ends_with(|c: char| c.is_lowercase())
        }) {
            continue;
        }
        let label = match folder {
            // `MS. PSAKI:  …`, `Q  …`, `Q:`
            "whitehouse-press-briefings" => {
                // (`Q` and spaces, often no-break ones: `Q\u{a0}\u{a0} Thank
                // you`; or one space and a capital: `Q One final one.`)
                let spaced = |r: &str| {
                    let mut c = r.chars();
                    match (c.next(), c.next()) {
                        (Some('\u{a0}'), _) => true,
                        // (`Q — just give us something`: the dash of an
                        // interrupted question; `Q (Inaudible) entire
                        // season`, `Q “Mr. President”`, `Q 2024 —`.)
                        (Some(a), Some(b)) => {
                            a.is_whitespace()
                                && (b.is_whitespace()
                                    || b.is_uppercase()
                                    || b.is_ascii_digit()
                                    || matches!(b, '—' | '–' | '(' | '"' | '“' | '\'' | '‘'))
                        }
                        _ => false,
                    }
                };
                if let Some(rest) = t.strip_prefix('Q')
                    && (spaced(rest) || rest.starts_with(':') || rest.trim().is_empty())
                {
                    Some("Q".to_string())
                } else {
                    t.split_once(':')
                        .map(|(n, _)| n)
                        .filter(|n| {
                            n.len() <= 40
                                && n.chars().any(|c| c.is_uppercase())
                                && !n.chars().any(|c| c.is_lowercase())
                        })
                        .map(str::to_string)
                }
            }
            // `CHAIR POWELL. Thank you.`
            "fomc-press-conferences" => t
                .split_once(". ")
                .map(|(n, _)| n)
                .filter(|n| {
                    n.len() >= 3
                        && n.len() <= 40
                        && n.contains(' ')
                        && !n.chars().any(|c| c.is_lowercase())
                })
                .map(str::to_string),
            // `Vladimir Putin: …`
            // (A name ends the label: `Editor-in-Chief of … Vladislav
            // Fronin`; `This is what happens:` is a sentence.)
            // (`(retranslated)` after the name is a note, not the name.)
            "kremlin-interviews-press-conferences" => t
                .split_once(": ")
                .map(|(n, _)| n.strip_suffix(" (retranslated)").unwrap_or(n))
                .filter(|n| {
                    let words: Vec<&str> = n.split(' ').collect();
                    let capital = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
                    n.len() <= 90
                        && words.len() <= 12
                        && words.iter().rev().take(2).all(capital)
                        && !n.ends_with('.')
                })
                .map(str::to_string),
            _ => None,
        };
        if label.is_some() {
            return label;
        }
    }
    None
}

/// `Ms. Psaki` and `MS. PSAKI` alike: letters only, lower case.
fn name_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

#[test]
#[cfg_attr(
    not(shared),
    ignore = "needs ../shared beside the repository (README: Set-up)"
)]
fn sampled_statements_are_where_and_whose_their_citation_says() {
    let Some((docs, index)) = corpus() else {
        return;
    };
    let mut rng = Seeded(0x5eed_2026_1205);
    let mut raw_cache: HashMap<u32, Vec<String>> = HashMap::new();
    let (mut sampled, mut found, mut speakers_checked) = (0, 0, 0);
    let mut not_there = Vec::new();
    let mut wrong_mouth = Vec::new();
    let mut unnamed = 0;
    while sampled < 1000 {
        let id = rng.below(index.len()) as u32;
        let s = *index.statement(id);
        let doc = &docs[s.doc as usize];
        let para = s.paragraph(&docs);
        let text = s.text(&docs);
        if words(text).is_empty() {
            continue;
        }
        sampled += 1;
        let raw = raw_cache
            .entry(s.doc)
            .or_insert_with(|| raw_lines(&doc.path));
        // The words, in the lines the citation points to.
        let cited = place(doc, para.lines).expect("every statement has a place");
        let span = raw[para.lines.first - 1..para.lines.last.min(raw.len())].join(" ");
        let there: std::collections::HashSet<String> = words(&span).into_iter().collect();
        if words(text).iter().all(|w| there.contains(w)) {
            found += 1;
        } else {
            not_there.push(format!("{} {cited}: {text}", doc.path));
        }
        // The speaker, against the source's own label for that line.
        let folder = doc.path.rsplit('/').nth(1).unwrap_or("");
        let pair = s.pair.map(|p| &doc.pairs[p as usize]);
        if let Some(label) = governing_label(folder, raw, para.lines.first) {
            match statement_speaker(doc, pair, para) {
                Some(who) => {
                    speakers_checked += 1;
                    // `President of Russia Vladimir Putin:` once and
                    // `Vladimir Putin:` after are one speaker, cited by name.
                    if !name_key(&label).ends_with(&name_key(&who)) {
                        wrong_mouth.push(format!(
                            "{} line {}: cited {who}, source says {label}: {text}",
                            doc.path, para.lines.first
                        ));
                    }
                }
                None => unnamed += 1,
            }
        }
    }
    eprintln!(
        "sampled {sampled} statements: words where cited {found}; speakers checked \
         {speakers_checked}, wrong {}, unnamed {unnamed}",
        wrong_mouth.len()
    );
    assert!(
        not_there.is_empty(),
        "{} not where cited: {not_there:#?}",
        not_there.len()
    );
    assert!(
        wrong_mouth.is_empty(),
        "{} in the wrong mouth: {wrong_mouth:#?}",
        wrong_mouth.len()
    );
    assert!(
        speakers_checked >= 300,
        "too few speakers checked: {speakers_checked}"
    );
}

/// Each raw line's printed (page, line), read the way a person reads the
/// transcript: a line number in the margin, the page's number set far in
/// — at the foot of the page's lines, or at their head when the very first
/// page number comes before the first numbered line.
fn printed_places(raw: &[String]) -> HashMap<PageLine, usize> {
    // (raw index, line number) and (raw index, page number), in order.
    let mut numbered: Vec<(usize, u16)> = Vec::new();
    let mut pages: Vec<(usize, u32)> = Vec::new();
    for (i, l) in raw.iter().enumerate() {
        let t = l.trim_start_matches('\u{c}');
        let lead = t.len() - t.trim_start().len();
        let body = t.trim();
        let digits: String = body.chars().take_while(char::is_ascii_digit).collect();
        if digits.is_empty() || digits.len() > 4 {
            continue;
        }
        if lead >= 10 && digits.len() == body.len() {
            pages.push((i, digits.parse().expect("digits")));
        } else if digits.len() <= 2 && (body.len() == 2 || body[digits.len()..].starts_with(' '))
            || digits.len() == body.len()
        {
            numbered.push((i, digits.parse().expect("digits")));
        }
    }
    let mut places = HashMap::new();
    let Some(first_numbered) = numbered.first().map(|n| n.0) else {
        return places;
    };
    let header = pages.first().is_some_and(|p| p.0 < first_numbered);
    for &(i, line) in &numbered {
        let page = if header {
            pages.iter().rev().find(|p| p.0 < i)
        } else {
            pages.iter().find(|p| p.0 > i)
        };
        if let Some(&(_, page)) = page {
            places.insert(PageLine { page, line }, i + 1);
        }
    }
    places
}

#[test]
#[cfg_attr(
    not(shared),
    ignore = "needs ../shared beside the repository (README: Set-up)"
)]
fn court_statements_cite_the_printed_page_and_line() {
    let Some((docs, index)) = corpus() else {
        return;
    };
    let court: Vec<usize> = (0..docs.len())
        .filter(|&d| docs[d].path.contains("/supreme-court-oral-arguments/"))
        .collect();
    assert!(!court.is_empty());
    // Every statement said in a court transcript has a page:line.
    let mut without = Vec::new();
    for id in 0..index.len() as u32 {
        let s = index.statement(id);
        let doc = &docs[s.doc as usize];
        if court.contains(&(s.doc as usize))
            && s.pair.is_some()
            && doc
                .places
                .page_line(s.paragraph(&docs).lines.first)
                .is_none()
        {
            without.push(format!("{}: {}", doc.path, s.text(&docs)));
        }
    }
    assert!(
        without.is_empty(),
        "{} without page:line: {without:#?}",
        without.len()
    );
    // Nothing said is dropped: an utterance cut off (`Now, in Leon --`) is
    // never taken for page furniture.
    let cut_off: Vec<String> = court
        .iter()
        .flat_map(|&d| docs[d].dropped.iter().map(move |x| (d, x)))
        .filter(|(_, x)| x.text.trim_end().ends_with("--") && x.reason != "word index")
        .map(|(d, x)| {
            format!(
                "{} line {}: {} ({})",
                docs[d].path, x.line, x.text, x.reason
            )
        })
        .collect();
    assert!(cut_off.is_empty(), "{cut_off:#?}");
    // 100 sampled: the printed page and line cited hold the words.
    let mut rng = Seeded(0xc0u64 << 32 | 2026);
    let mut printed: HashMap<usize, HashMap<PageLine, usize>> = HashMap::new();
    let mut raws: HashMap<usize, Vec<String>> = HashMap::new();
    let mut checked = 0;
    let mut wrong = Vec::new();
    while checked < 100 {
        let id = rng.below(index.len()) as u32;
        let s = *index.statement(id);
        let d = s.doc as usize;
        if !court.contains(&d) || s.pair.is_none() {
            continue;
        }
        checked += 1;
        let doc = &docs[d];
        let raw = raws.entry(d).or_insert_with(|| raw_lines(&doc.path));
        let places = printed.entry(d).or_insert_with(|| printed_places(raw));
        let para = s.paragraph(&docs);
        let first = doc
            .places
            .page_line(para.lines.first)
            .expect("checked above");
        let last = doc
            .places
            .page_line(para.lines.last)
            .expect("checked above");
        // The raw lines a reader finds at those printed places.
        let (Some(&a), Some(&b)) = (places.get(&first), places.get(&last)) else {
            wrong.push(format!(
                "{}: {first}–{last} not printed in the source",
                doc.path
            ));
            continue;
        };
        let span = raw[a - 1..b].join(" ");
        let there: std::collections::HashSet<String> = words(&span).into_iter().collect();
        if !words(s.text(&docs)).iter().all(|w| there.contains(w)) {
            wrong.push(format!(
                "{} Tr. {first}–{last}: {}",
                doc.path,
                s.text(&docs)
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
#[cfg_attr(
    not(shared),
    ignore = "needs ../shared beside the repository (README: Set-up)"
)]
fn the_court_reporters_word_index_agrees_with_the_page_lines() {
    let Some((docs, _)) = corpus() else {
        return;
    };
    // `warrant 9:4`, `want 17:4 19:18,21`: the reporter's own index says
    // on which printed page and line each word is; qnav's page:line for
    // that place must be the raw line that holds the word.
    let (mut checked, mut wrong) = (0, Vec::new());
    for doc in docs
        .iter()
        .filter(|d| d.path.contains("/supreme-court-oral-arguments/"))
    {
        let raw = raw_lines(&doc.path);
        // Only a word and the reference right after it on the same line:
        // the index is set in columns, and the references that wrap to the
        // next line interleave with the other columns'.
        let mut refs: Vec<(String, PageLine)> = Vec::new();
        // (In the raw line, one space apart: a word set wide of a number
        // is in another column than the number.)
        for line in doc.dropped.iter().filter(|x| x.reason == "word index") {
            let tokens: Vec<&str> = raw[line.line - 1].split(' ').collect();
            for pair in tokens.windows(2) {
                let [word, reference] = pair else { continue };
                if !(word.len() >= 4 && word.chars().all(char::is_alphabetic)) {
                    continue;
                }
                let parsed = reference.split_once(':').and_then(|(p, ls)| {
                    let page: u32 = p.parse().ok()?;
                    let line: u16 = ls.split(',').next()?.parse().ok()?;
                    Some(PageLine { page, line })
                });
                refs.extend(parsed.map(|at| (word.to_lowercase(), at)));
            }
        }
        // Every 10th reference: a few hundred in all.
        for (w, at) in refs.iter().step_by(10) {
            let Some(no) = doc.places.line_of(*at) else {
                wrong.push(format!("{}: {at} ({w}) has no line", doc.path));
                continue;
            };
            checked += 1;
            let letters: String = raw[no - 1]
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect();
            if !letters.contains(w.as_str()) {
                wrong.push(format!(
                    "{}: {at} is line {no}, without “{w}”: {}",
                    doc.path,
                    raw[no - 1]
                ));
            }
        }
    }
    eprintln!(
        "word index references checked: {checked}, wrong: {}",
        wrong.len()
    );
    assert!(checked >= 200, "too few index references: {checked}");
    assert!(wrong.is_empty(), "{} of {checked}: {wrong:#?}", wrong.len());
}
