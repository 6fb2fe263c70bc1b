//! Relevance of statement search: does the statement someone half
//! remembers come up in the first ten hits?
//!
//! `cargo run --release --example relevance -- [PATH…] [--sample N] [--seed S]`
//! (default: `../shared/corpus`, 200 statements, seed 2026; `-v` prints
//! what qnav missed; `--no-fzf` leaves fzf out, which takes seconds a query at this
//! size; the time a query takes is printed for each engine).
//!
//! Statements of 12–40 words are sampled with a fixed seed (each text
//! once). For each, queries are made of its three rarest words (by how
//! many statements of the corpus hold them), as someone would type them:
//!
//! - **words**: the three words;
//! - **typo**: the two longest with a letter dropped from their middle;
//! - **wrong word**: two of them and a word drawn at random from the
//!   corpus's vocabulary (5+ letters) that the statement does not hold —
//!   most words of a vocabulary are rare, as a misremembered content word
//!   usually is;
//! - **wrong common word**: the same with a word as common as the one it
//!   replaces (the harder case: the three words are then often said
//!   together elsewhere, and statements holding every term rank first);
//! - **inflected**: one of them in another form the corpus has (same
//!   stem: `negotiations` for `negotiated`), for statements with one;
//! - **phrase**: two neighbouring words of the statement in quotes and the
//!   rarest word.
//!
//! Each query runs through qnav's search (the whole query given, so its
//! last term is not a prefix being typed) and, where `fzf` is on the PATH,
//! through `fzf --filter` over the same statements, one per line (phrases
//! as fzf writes them: `'word1 'word2`). A query finds its statement when
//! a hit among the first ten is the same statement: the same text once
//! folded (case, accents, quote marks), as qnav lists a statement said
//! several times once, for every copy. Prints recall@10 per variant for
//! each.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use qnav::search::fold::{folded, words};
use qnav::search::synth::Rng;
use qnav::search::variants::stem;
use qnav::search::{Index, Scope, Searcher};

const VARIANTS: [&str; 6] = [
    "words",
    "typo",
    "wrong word",
    "wrong common word",
    "inflected",
    "phrase",
];

fn main() {
    let mut paths = Vec::new();
    let mut sample = 200usize;
    let mut seed = 2026u64;
    let mut verbose = false;
    let mut use_fzf = true;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--sample" => {
                sample = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--sample N")
            }
            "--seed" => seed = args.next().and_then(|v| v.parse().ok()).expect("--seed S"),
            "-v" => verbose = true,
            "--no-fzf" => use_fzf = false,
            _ => paths.push(PathBuf::from(a)),
        }
    }
    if paths.is_empty() {
        paths.push(PathBuf::from("../shared/corpus"));
    }
    let docs = qnav::load::load_corpus(&paths).0.documents;
    let index = Index::build(&docs);
    let texts: Vec<&str> = (0..index.len() as u32)
        .map(|i| index.statement(i).text(&docs))
        .collect();
    eprintln!("{} documents, {} statements", docs.len(), texts.len());

    // How many statements hold each folded word; the vocabulary by stem.
    let mut df: HashMap<String, usize> = HashMap::new();
    for t in &texts {
        let mut seen: Vec<String> = words(t).map(|w| folded(&t[w.start..w.end])).collect();
        seen.sort();
        seen.dedup();
        for w in seen {
            *df.entry(w).or_default() += 1;
        }
    }
    let mut by_stem: HashMap<String, Vec<String>> = HashMap::new();
    for w in df.keys() {
        if let Some(s) = stem(w) {
            by_stem.entry(s.into_owned()).or_default().push(w.clone());
        }
    }
    for forms in by_stem.values_mut() {
        forms.sort();
    }
    // Rare words to put in as wrong ones, by frequency.
    let mut vocabulary: Vec<(&String, usize)> = df
        .iter()
        .filter(|(w, _)| w.chars().count() >= 5 && w.chars().all(char::is_alphabetic))
        .map(|(w, &n)| (w, n))
        .collect();
    vocabulary.sort_by_key(|&(w, n)| (n, w));

    // The sample: statements of 12–40 words, each text once.
    // (The synthetic corpus' generator: the same sample on every machine.)
    let mut rng = Rng::new(seed);
    let mut chosen: Vec<usize> = Vec::new();
    let mut seen_texts = std::collections::HashSet::new();
    let mut tries = 0;
    while chosen.len() < sample && tries < sample * 1000 {
        tries += 1;
        let i = rng.below(texts.len());
        let n = words(texts[i]).count();
        if (12..=40).contains(&n) && seen_texts.insert(texts[i]) {
            chosen.push(i);
        }
    }

    let fzf = use_fzf && Command::new("fzf").arg("--version").output().is_ok();
    let lines_file =
        std::env::temp_dir().join(format!("qnav-relevance-{}.txt", std::process::id()));
    // Each line fzf may print, and the statement it stands for.
    let mut canon_of_line: HashMap<String, u32> = HashMap::new();
    if fzf {
        let mut f = std::fs::File::create(&lines_file).expect("a temporary file");
        for (i, t) in texts.iter().enumerate() {
            let line = t.replace('\n', " ");
            writeln!(f, "{line}").expect("written");
            canon_of_line
                .entry(line)
                .or_insert_with(|| index.canonical(i as u32));
        }
    }

    // (found, asked) per variant, for qnav and fzf.
    let mut qnav_score = [(0usize, 0usize); 6];
    // The same, for the queries that at most ten statements answer with
    // every term as a word: where recall@10 asks what a ranking can do.
    // (`schedule share anything` is in dozens of briefings' statements;
    // none of them is more the one meant than another.)
    let mut decidable_score = [(0usize, 0usize); 6];
    let mut fzf_score = [(0usize, 0usize); 6];
    let mut searcher = Searcher::new();
    // Time spent answering, per engine: (total, queries).
    let (mut qnav_time, mut fzf_time) = (std::time::Duration::ZERO, std::time::Duration::ZERO);
    for &i in &chosen {
        let text = texts[i];
        let mut ws: Vec<String> = words(text)
            .map(|w| folded(&text[w.start..w.end]))
            .filter(|w| w.chars().count() >= 3 && w.chars().all(char::is_alphabetic))
            .collect();
        let order: Vec<String> = ws.clone();
        ws.sort_by_key(|w| {
            (
                df.get(w).copied().unwrap_or(0),
                std::cmp::Reverse(w.len()),
                w.clone(),
            )
        });
        ws.dedup();
        if ws.len() < 3 {
            continue;
        }
        let rare: Vec<String> = ws[..3].to_vec();
        let mut queries: [Option<(String, String)>; 6] = Default::default();
        // words
        queries[0] = Some((rare.join(" "), rare.join(" ")));
        // typo: the two longest, a middle letter dropped (5+ letters).
        let mut by_len = rare.clone();
        by_len.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        let drop_middle = |w: &str| -> String {
            let chars: Vec<char> = w.chars().collect();
            if chars.len() < 5 {
                return w.to_string();
            }
            let k = chars.len() / 2;
            chars[..k].iter().chain(&chars[k + 1..]).collect()
        };
        let typo = [
            drop_middle(&by_len[0]),
            drop_middle(&by_len[1]),
            by_len[2].clone(),
        ]
        .join(" ");
        queries[1] = Some((typo.clone(), typo));
        // wrong word: the third rarest replaced by a word of similar
        // rarity the statement does not hold.
        let random = (0..50)
            .map(|_| vocabulary[rng.below(vocabulary.len())].0.clone())
            .find(|w| !order.contains(w));
        let target = df.get(&rare[2]).copied().unwrap_or(1);
        let start = vocabulary.partition_point(|(_, n)| *n < target);
        let common = (0..50)
            .map(|_| {
                let k = (start + rng.below(200)).min(vocabulary.len().saturating_sub(1));
                vocabulary[k].0.clone()
            })
            .find(|w| !order.contains(w));
        for (v, wrong) in [(2, random), (3, common)] {
            if let Some(wrong) = wrong {
                let q = format!("{} {} {wrong}", rare[0], rare[1]);
                queries[v] = Some((q.clone(), q));
            }
        }
        // inflected: a word of the three in another form the corpus has.
        for (k, w) in rare.iter().enumerate() {
            let other = stem(w)
                .and_then(|s| by_stem.get(s.as_ref()))
                .and_then(|forms| forms.iter().find(|f| *f != w && !order.contains(f)));
            if let Some(form) = other {
                let mut q = rare.clone();
                q[k] = form.clone();
                queries[4] = Some((q.join(" "), q.join(" ")));
                break;
            }
        }
        // phrase: two neighbouring words (of all its words) and the rarest.
        let order: Vec<String> = words(text).map(|w| folded(&text[w.start..w.end])).collect();
        if let Some(pos) = order.iter().position(|w| *w == rare[0] || *w == rare[1]) {
            let (a, b) = if pos + 1 < order.len() {
                (&order[pos], &order[pos + 1])
            } else if pos > 0 {
                (&order[pos - 1], &order[pos])
            } else {
                (&order[0], &order[0])
            };
            let other = rare.iter().find(|w| *w != a && *w != b);
            if a != b
                && let Some(other) = other
            {
                queries[5] = Some((format!("\"{a} {b}\" {other}"), format!("'{a} '{b} {other}")));
            }
        }
        for (v, q) in queries.iter().enumerate() {
            let Some((qnav_query, fzf_query)) = q else {
                continue;
            };
            let started = std::time::Instant::now();
            let results =
                searcher.search(&index, &docs, &format!("{qnav_query} "), Scope::All, 0, 10);
            qnav_time += started.elapsed();
            // A statement said more than once (same words, same order:
            // another briefing's boilerplate, a transcript and its excerpt)
            // is one hit standing for every copy.
            let target = index.canonical(i as u32);
            let found = results
                .hits
                .iter()
                .any(|h| index.canonical(h.statement) == target);
            qnav_score[v].0 += usize::from(found);
            qnav_score[v].1 += 1;
            if results.counts.all <= 10 {
                decidable_score[v].0 += usize::from(found);
                decidable_score[v].1 += 1;
            }
            if verbose && !found {
                eprintln!(
                    "missed ({}) {qnav_query:?} ({} statements hold every term as a word): {text}",
                    VARIANTS[v], results.counts.all
                );
                for h in results.hits.iter().take(3) {
                    eprintln!("    {:?} {:?}", h.band, texts[h.statement as usize]);
                }
            }
            if fzf {
                let started = std::time::Instant::now();
                let out = Command::new("fzf")
                    .args(["--filter", fzf_query])
                    .stdin(std::fs::File::open(&lines_file).expect("the statements"))
                    .stdout(Stdio::piped())
                    .output();
                fzf_time += started.elapsed();
                if let Ok(out) = out {
                    // (The same equivalence as qnav's.)
                    let found = String::from_utf8_lossy(&out.stdout)
                        .lines()
                        .take(10)
                        .any(|l| canon_of_line.get(l) == Some(&target));
                    fzf_score[v].0 += usize::from(found);
                    fzf_score[v].1 += 1;
                }
            }
        }
    }
    if fzf {
        let _ = std::fs::remove_file(&lines_file);
    }
    let asked: usize = qnav_score.iter().map(|(_, n)| n).sum();
    let per_query = |t: std::time::Duration| t.as_secs_f64() * 1e3 / asked.max(1) as f64;
    eprintln!(
        "qnav: {:.2} ms a query (mean of {asked})",
        per_query(qnav_time)
    );
    if fzf {
        eprintln!(
            "fzf --filter: {:.0} ms a query (whole process)",
            per_query(fzf_time)
        );
    }
    println!(
        "| query | asked | qnav recall@10 | fzf --filter recall@10 | asked, ≤ 10 statements hold every term | qnav recall@10 on those |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    for (v, name) in VARIANTS.iter().enumerate() {
        let pct = |(found, asked): (usize, usize)| {
            if asked == 0 {
                "—".to_string()
            } else {
                format!("{:.1}%", 100.0 * found as f64 / asked as f64)
            }
        };
        println!(
            "| {name} | {} | {} | {} | {} | {} |",
            qnav_score[v].1,
            pct(qnav_score[v]),
            if fzf {
                pct(fzf_score[v])
            } else {
                "(fzf not installed)".to_string()
            },
            decidable_score[v].1,
            pct(decidable_score[v]),
        );
    }
}
