//! The search index build on the benchmark's synthetic corpus (a million
//! statements), timed alone, for profiling without the whole criterion run:
//! `cargo run --release --example profile_index -- [rounds] [statements]`.
use std::time::Instant;

use qnav::search::{Index, synth};

fn main() {
    let mut args = std::env::args().skip(1);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    let statements: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let docs = synth::corpus(statements, 60_000, 2024);
    let mut times = Vec::new();
    for _ in 0..rounds {
        let t = Instant::now();
        let index = Index::build(&docs);
        let ms = t.elapsed().as_secs_f64() * 1e3;
        let mb = index.text_bytes() as f64 / 1e6;
        eprintln!(
            "build {ms:.0} ms = {:.0} ms per 100 MB ({} statements, {mb:.1} MB, memory {:.2}x)",
            ms / (mb / 100.0),
            index.len(),
            index.heap_bytes() as f64 / index.text_bytes() as f64
        );
        times.push(ms);
    }
    times.sort_by(f64::total_cmp);
    eprintln!("median {:.0} ms", times[times.len() / 2]);
}
