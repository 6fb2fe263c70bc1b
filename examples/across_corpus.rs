//! What finding excerpts and quote sources costs over a whole corpus,
//! once it is indexed: `cargo run --release --example across_corpus --
//! [PATH…]` (default `../shared/corpus`). Prints the time of each (median
//! of 5 runs) and what they found.

use std::time::Instant;

use qnav::search::Index;

fn main() {
    let mut paths: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    if paths.is_empty() {
        paths.push("../shared/corpus".into());
    }
    let docs = qnav::load::load_corpus(&paths).0.documents;
    let mut index = Index::build(&docs);
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    // Who said each statement: found once (the reader's first `@`, the
    // first quote traced), then kept by the index.
    let t = Instant::now();
    let _ = index.speakers(&docs);
    let speakers_ms = t.elapsed().as_secs_f64() * 1e3;
    let mut containment = Vec::new();
    let mut sources = Vec::new();
    let mut found = (0, 0, 0);
    for _ in 0..5 {
        let t = Instant::now();
        index.note_containment(&docs);
        containment.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let traced = qnav::search::sources::sources(&index, &docs);
        sources.push(t.elapsed().as_secs_f64() * 1e3);
        found = (
            (0..docs.len())
                .filter(|&d| !index.contained_in(d).is_empty())
                .count(),
            traced.iter().flatten().count(),
            traced.iter().flatten().filter(|s| s.is_some()).count(),
        );
    }
    println!(
        "{} documents, {} statements: excerpts {:.0} ms ({} documents are excerpts), \
         quote sources {:.1} ms ({} quotes, {} traced); medians of 5; who said each \
         statement, found once before: {speakers_ms:.0} ms",
        docs.len(),
        index.len(),
        median(containment),
        found.0,
        median(sources),
        found.1,
        found.2
    );
}
