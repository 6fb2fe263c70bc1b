//! Where the memory goes: the documents of a folder loaded and indexed, with
//! the heap each part holds (by capacity) and the process's resident memory
//! after each step, as multiples of the text read.
//! `cargo run --release --example memory -- ../shared/corpus`
use qnav::model::{Document, Paragraph};

#[path = "support/resident.rs"]
mod resident;
use resident::resident_mb;

/// The heap of one name, once however many share it: its bytes and the
/// two counts beside them.
fn name_heap(name: &std::sync::Arc<str>, seen: &mut std::collections::HashSet<usize>) -> usize {
    if seen.insert(std::sync::Arc::as_ptr(name) as *const u8 as usize) {
        name.len() + 16
    } else {
        0
    }
}

fn paragraphs_heap(
    list: &Vec<Paragraph>,
    seen: &mut std::collections::HashSet<usize>,
) -> (usize, usize, usize) {
    let mut text = 0;
    let mut speakers = 0;
    for p in list {
        // Borrowed text lies in the cache's mapped pack, not on the heap.
        if let std::borrow::Cow::Owned(owned) = &p.text {
            text += owned.capacity();
        }
        speakers += p.speaker.as_ref().map_or(0, |s| name_heap(s, seen));
    }
    (
        list.capacity() * std::mem::size_of::<Paragraph>(),
        text,
        speakers,
    )
}

fn main() {
    let path = std::path::PathBuf::from(std::env::args().nth(1).expect("a path"));
    let before = resident_mb();
    let (sources, _) = qnav::load::collect_sources(&[path]);
    let mut docs: Vec<Document> = Vec::new();
    let mut file_bytes = 0usize;
    qnav::load::load_ordered(&sources, |r| {
        if let Ok(d) = r {
            file_bytes += d.bytes;
            docs.push(d);
        }
    });
    let loaded = resident_mb();
    let (mut structs, mut text, mut speakers, mut turns, mut other) = (0, 0, 0, 0, 0);
    for d in &docs {
        let mut seen = std::collections::HashSet::new();
        let mut add = |list: &Vec<Paragraph>| {
            let (s, t, sp) = paragraphs_heap(list, &mut seen);
            structs += s;
            text += t;
            speakers += sp;
        };
        add(&d.preamble);
        add(&d.body);
        for p in &d.pairs {
            add(&p.lead);
            add(&p.question);
            add(&p.answer);
        }
        structs += d.pairs.capacity() * std::mem::size_of::<qnav::model::Pair>();
        turns += d.turns.capacity() * std::mem::size_of::<qnav::model::Turn>()
            + d.turns
                .iter()
                .map(|t| t.speaker.as_ref().map_or(0, |s| name_heap(s, &mut seen)))
                .sum::<usize>();
        other += d
            .dropped
            .iter()
            .map(|l| l.text.capacity() + std::mem::size_of_val(l))
            .sum::<usize>()
            + d.quotes.iter().map(|q| q.text.capacity()).sum::<usize>();
    }
    let index = qnav::search::Index::build(&docs);
    let indexed = resident_mb();
    let mb = |b: usize| b as f64 / 1e6 / 1.048576;
    let text_mb = mb(file_bytes);
    println!("{} documents, {:.1} MB of files", docs.len(), text_mb);
    let paragraphs: usize = docs
        .iter()
        .map(|d| {
            d.preamble.len()
                + d.body.len()
                + d.pairs
                    .iter()
                    .map(|p| p.lead.len() + p.question.len() + p.answer.len())
                    .sum::<usize>()
        })
        .sum();
    let pairs: usize = docs.iter().map(|d| d.pairs.len()).sum();
    let turn_count: usize = docs.iter().map(|d| d.turns.len()).sum();
    println!(
        "{paragraphs} paragraphs of {} bytes, {pairs} pairs of {} bytes, {turn_count} turns of {} bytes",
        std::mem::size_of::<Paragraph>(),
        std::mem::size_of::<qnav::model::Pair>(),
        std::mem::size_of::<qnav::model::Turn>()
    );
    println!(
        "documents: paragraph text {:.1} MB, paragraph and pair structs {:.1} MB, speaker labels (each once per document) {:.1} MB, turns {:.1} MB, dropped lines and quotes {:.1} MB",
        mb(text),
        mb(structs),
        mb(speakers),
        mb(turns),
        mb(other)
    );
    println!(
        "index: {:.1} MB ({} statements)",
        mb(index.heap_bytes()),
        index.len()
    );
    println!(
        "resident: start {before:.0} MB, loaded {loaded:.0} MB ({:.2}x the files), indexed {indexed:.0} MB ({:.2}x)",
        loaded / text_mb,
        indexed / text_mb
    );
}
