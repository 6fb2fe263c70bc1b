//! Converter throughput: a saved web page, a Word document and a PDF made
//! from the five bundled interviews (repeated to about 1 MiB of text, by
//! the same writers the tests use) and read back as text.
//!
//! `cargo bench --bench convert` — criterion reports time per conversion and
//! throughput in MiB/s of the text that comes out (one core).

#[path = "../tests/common/writers.rs"]
mod writers;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use qnav::convert::{Container, convert};
use qnav::load::BUNDLED;

/// The seeds, one after another, until about `bytes` of text.
fn sample_text(bytes: usize) -> String {
    let mut text = String::new();
    while text.len() < bytes {
        for (_, seed) in BUNDLED {
            text.push_str(&String::from_utf8_lossy(seed));
            text.push_str("\n\n");
        }
    }
    text
}

fn converters(c: &mut Criterion) {
    let text = sample_text(1 << 20);
    let page = writers::to_html("Sample", &text);
    let docx = writers::to_docx("Sample", &text);
    let pdf = writers::to_pdf("Sample", &text, false);
    let mut group = c.benchmark_group("convert");
    group.sample_size(10);
    let out = qnav::parse::html::to_text(&page).len();
    group.throughput(Throughput::Bytes(out as u64));
    group.bench_function("html_1mib", |b| {
        b.iter(|| qnav::parse::html::to_text(&page).len())
    });
    let out = convert(Container::Docx, &docx).unwrap().text.len();
    group.throughput(Throughput::Bytes(out as u64));
    group.bench_function("docx_1mib", |b| {
        b.iter(|| convert(Container::Docx, &docx).unwrap().text.len())
    });
    let out = convert(Container::Pdf, &pdf).unwrap().text.len();
    group.throughput(Throughput::Bytes(out as u64));
    group.bench_function("pdf_1mib", |b| {
        b.iter(|| convert(Container::Pdf, &pdf).unwrap().text.len())
    });
    group.finish();
}

criterion_group!(benches, converters);
criterion_main!(benches);
