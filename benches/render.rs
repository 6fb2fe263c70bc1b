//! Drawing cost: one full frame of a large document, and how long it takes
//! from documents in hand to the first frame.

#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use qnav::model::Corpus;
use qnav::tui::{Action, App, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn full_frame_of_a_large_document(c: &mut Criterion) {
    let corpus = Corpus {
        documents: vec![common::synthetic(5_000)],
    };
    let mut app = common::app(corpus, 200, 60);
    // Somewhere in the middle, as a reader would be.
    for _ in 0..2_500 {
        app.update(Action::NextQuestion);
    }
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    c.bench_function("frame 200x60, 5000 pairs", |b| {
        b.iter(|| {
            // A fresh frame each time: nothing left over from the last one.
            terminal.clear().unwrap();
            terminal
                .draw(|frame| render(black_box(&app), frame))
                .unwrap();
        })
    });
    c.bench_function("scroll a page + frame, 5000 pairs", |b| {
        let mut down = true;
        b.iter(|| {
            down = !down;
            app.update(if down {
                Action::PageDown
            } else {
                Action::PageUp
            });
            terminal
                .draw(|frame| render(black_box(&app), frame))
                .unwrap();
        })
    });
}

fn app_and_first_frame_small_corpus(c: &mut Criterion) {
    c.bench_function("App::new + first frame, 3 documents, 140x45", |b| {
        b.iter_batched(
            common::corpus,
            |corpus| {
                let mut app = App::new(corpus);
                app.update(Action::Resize {
                    width: 140,
                    height: 45,
                });
                let mut terminal = Terminal::new(TestBackend::new(140, 45)).unwrap();
                terminal.draw(|frame| render(&app, frame)).unwrap();
                terminal
            },
            criterion::BatchSize::SmallInput,
        )
    });
}

/// The largest real document in `../shared/corpus` (skipped when absent):
/// one full 200×60 frame in the middle of it.
fn full_frame_of_the_largest_corpus_document(c: &mut Criterion) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !root.is_dir() {
        eprintln!("../shared/corpus not found: skipping");
        return;
    }
    let (sources, _) = qnav::load::collect_sources(&[root]);
    let largest = sources
        .iter()
        .max_by_key(|s| match s {
            qnav::load::Source::File { path, .. } => std::fs::metadata(path).map_or(0, |m| m.len()),
            _ => 0,
        })
        .expect("corpus has files");
    let doc = qnav::load::load_source(largest).expect("loads");
    let name = format!(
        "frame 200x60, largest corpus document ({} pairs)",
        doc.pairs.len()
    );
    let mut app = common::app(
        Corpus {
            documents: vec![doc],
        },
        200,
        60,
    );
    for _ in 0..app.current_document().map_or(0, |d| d.pairs.len() / 2) {
        app.update(Action::NextQuestion);
    }
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    c.bench_function(&name, |b| {
        b.iter(|| {
            terminal.clear().unwrap();
            terminal
                .draw(|frame| render(black_box(&app), frame))
                .unwrap();
        })
    });
}

/// From nothing to the first frame on the bundled documents: load and parse
/// them, build the App, draw (what `qnav` does before the user sees anything).
fn start_to_first_frame_docs_data(c: &mut Criterion) {
    c.bench_function("start to first frame, docs-data, 140x45", |b| {
        b.iter(|| {
            let (corpus, _) = qnav::load::load_corpus(&[]);
            let mut app = App::new(corpus);
            app.update(Action::Resize {
                width: 140,
                height: 45,
            });
            let mut terminal = Terminal::new(TestBackend::new(140, 45)).unwrap();
            terminal.draw(|frame| render(&app, frame)).unwrap();
            terminal
        })
    });
}

criterion_group!(
    benches,
    full_frame_of_a_large_document,
    app_and_first_frame_small_corpus,
    full_frame_of_the_largest_corpus_document,
    start_to_first_frame_docs_data
);
criterion_main!(benches);
