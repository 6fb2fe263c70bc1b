//! Statement search at a million statements: one keystroke of the reader's
//! search box, against the naive way (SkimMatcherV2 over every statement),
//! the index build, finding the documents said inside others, and the
//! questions of other documents like one.
//!
//! The corpus is generated (`qnav::search::synth`, fixed seed) once. Before
//! criterion runs, the bench prints to stderr the build time, the index's
//! memory against the corpus' text, and every keystroke timed on its own
//! (median of 5 rounds each, and the worst).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use qnav::model::Document;
use qnav::search::{Index, Scope, Searcher, synth};

const STATEMENTS: usize = 1_000_000;
const VOCABULARY: usize = 60_000;
const QUERIES: [&str; 5] = ["security", "tajik border", "sec", "parliament coop", "xqzv"];
/// What the search pane asks for per keystroke.
const LIMIT: usize = 50;

/// Every keystroke of typing the queries, in order.
fn keystrokes() -> Vec<&'static str> {
    QUERIES
        .iter()
        .flat_map(|q| (1..=q.len()).map(move |end| &q[..end]))
        .collect()
}

fn text_bytes(docs: &[Document]) -> usize {
    docs.iter()
        .flat_map(|d| {
            d.pairs
                .iter()
                .flat_map(|p| p.question.iter().chain(&p.answer))
                .chain(&d.preamble)
                .chain(&d.body)
        })
        .map(|p| p.text.len())
        .sum()
}

fn report(docs: &[Document], index: &Index, build: Duration) {
    let bytes = text_bytes(docs);
    eprintln!(
        "corpus: {} statements, {} documents, {:.1} MB text, vocabulary {} words",
        index.len(),
        docs.len(),
        bytes as f64 / 1e6,
        index.vocabulary_len()
    );
    eprintln!(
        "index build: {:.0} ms = {:.0} ms per 100 MB; index memory {:.1} MB = {:.2}x corpus text",
        build.as_secs_f64() * 1e3,
        build.as_secs_f64() * 1e3 / (bytes as f64 / 1e8),
        index.heap_bytes() as f64 / 1e6,
        index.heap_bytes() as f64 / bytes as f64
    );
    // Each keystroke on its own, as typed (cache from the keystroke before).
    let keys = keystrokes();
    let mut times = vec![Vec::new(); keys.len()];
    for _ in 0..5 {
        let mut searcher = Searcher::new();
        for (i, key) in keys.iter().enumerate() {
            let start = Instant::now();
            black_box(searcher.search(index, docs, key, Scope::All, 0, LIMIT));
            times[i].push(start.elapsed());
        }
    }
    let mut medians: Vec<(Duration, &str)> = times
        .iter_mut()
        .zip(&keys)
        .map(|(t, k)| {
            t.sort();
            (t[t.len() / 2], *k)
        })
        .collect();
    let mut line = String::new();
    for (t, k) in &medians {
        line.push_str(&format!("{k:?}={:.2} ", t.as_secs_f64() * 1e3));
    }
    eprintln!("keystroke medians (ms): {line}");
    medians.sort();
    let (worst, key) = medians[medians.len() - 1];
    let worst_single = times.iter().flatten().max().copied().unwrap_or_default();
    eprintln!(
        "keystrokes: median {:.2} ms, worst keystroke {:.2} ms ({key:?}), worst single run {:.2} ms",
        medians[medians.len() / 2].0.as_secs_f64() * 1e3,
        worst.as_secs_f64() * 1e3,
        worst_single.as_secs_f64() * 1e3
    );
}

fn bench(c: &mut Criterion) {
    let docs = synth::corpus(STATEMENTS, VOCABULARY, 2024);
    let start = Instant::now();
    let index = Index::build(&docs);
    let build = start.elapsed();
    report(&docs, &index, build);

    let mut group = c.benchmark_group("search");
    let keys = keystrokes();
    let mut searcher = Searcher::new();
    let mut next = 0;
    group.bench_function("keystroke_1m", |b| {
        b.iter(|| {
            let key = keys[next % keys.len()];
            next += 1;
            black_box(searcher.search(&index, &docs, key, Scope::All, 0, LIMIT))
        })
    });
    group.sample_size(10);
    let statements: Vec<&str> = (0..index.len() as u32)
        .map(|s| index.statement(s).text(&docs))
        .collect();
    let matcher = SkimMatcherV2::default();
    group.bench_function("naive_scan_1m", |b| {
        b.iter(|| {
            statements
                .iter()
                .filter(|s| matcher.fuzzy_match(s, "security").is_some())
                .count()
        })
    });
    // Narrowed to one person (who answers in 1 document of 50): the
    // statements' speakers are found once (as the reader does, on the
    // first `@`), then each search is timed against the same unscoped.
    let who = docs[0].pairs[0].answerer.clone().unwrap_or_default();
    let surname = who.split_whitespace().last().unwrap_or("").to_lowercase();
    let scoped = format!("@{surname} security");
    let _ = index.speakers(&docs);
    let found = Searcher::new().search(&index, &docs, &scoped, Scope::All, 0, LIMIT);
    let all = Searcher::new().search(&index, &docs, "security", Scope::All, 0, LIMIT);
    eprintln!(
        "{scoped:?}: {} statements (of {} for \"security\")",
        found.counts.all, all.counts.all
    );
    assert!(found.counts.all > 0 && found.counts.all < all.counts.all);
    group.bench_function("speaker_scoped_1m", |b| {
        b.iter(|| black_box(Searcher::new().search(&index, &docs, &scoped, Scope::All, 0, LIMIT)))
    });
    group.bench_function("unscoped_1m", |b| {
        b.iter(|| {
            black_box(Searcher::new().search(&index, &docs, "security", Scope::All, 0, LIMIT))
        })
    });
    group.bench_function("related_1m", |b| {
        b.iter(|| black_box(qnav::search::related::related(&index, &docs, 0, 0, 10)).len())
    });
    group.bench_function("containment_1m", |b| {
        b.iter(|| black_box(qnav::search::containment::contained_in(&index, &docs)).len())
    });
    group.bench_function("index_build_1m", |b| {
        b.iter(|| black_box(Index::build(&docs)).len())
    });
    // One document in the middle changed (a reload, a file edited between
    // two runs): the index before, updated, against `index_build_1m`.
    let mut changed = docs.clone();
    let middle = changed.len() / 2;
    let reuse: Vec<Option<u32>> = (0..changed.len() as u32)
        .map(|d| (d as usize != middle).then_some(d))
        .collect();
    if let Some(p) = changed[middle]
        .pairs
        .first_mut()
        .and_then(|p| p.answer.first_mut())
    {
        p.text = format!("{} And one more thing.", p.text).into();
    }
    group.bench_function("index_update_1m", |b| {
        b.iter(|| {
            black_box(Index::updated(&index, &reuse, &changed))
                .map(|i| i.len())
                .unwrap_or(0)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
