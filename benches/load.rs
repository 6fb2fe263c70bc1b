//! Load + parse throughput on the real corpus in `../shared/corpus`
//! (skipped when it is absent), and on the bundled documents.
//!
//! `cargo bench --bench load` — criterion reports time per iteration and
//! throughput in MiB/s (bytes of source text per second, both cores).

use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use qnav::load::{BUNDLED, collect_sources, load_bytes, load_ordered};

fn shared_corpus() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    p.is_dir().then_some(p)
}

fn load_parse_corpus(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    if let Some(root) = shared_corpus() {
        let (sources, _) = collect_sources(&[root]);
        let bytes: u64 = sources
            .iter()
            .map(|s| match s {
                qnav::load::Source::File { path, .. } => {
                    std::fs::metadata(path).map_or(0, |m| m.len())
                }
                _ => 0,
            })
            .sum();
        group.throughput(Throughput::Bytes(bytes));
        group.bench_function("shared_corpus_all_cores", |b| {
            b.iter(|| {
                let mut pairs = 0usize;
                load_ordered(&sources, |r| pairs += r.map_or(0, |d| d.pairs.len()));
                pairs
            })
        });
    } else {
        eprintln!("../shared/corpus not found: skipping the corpus benchmark");
    }
    let seed_bytes: u64 = BUNDLED.iter().map(|(_, b)| b.len() as u64).sum();
    group.throughput(Throughput::Bytes(seed_bytes));
    group.sample_size(50);
    group.bench_function("bundled_seeds_one_core", |b| {
        b.iter(|| {
            BUNDLED
                .iter()
                .map(|(name, bytes)| load_bytes(name, bytes).map_or(0, |d| d.pairs.len()))
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, load_parse_corpus);
criterion_main!(benches);
