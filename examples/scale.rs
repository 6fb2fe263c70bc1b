//! The scale benchmark: a deterministic generated corpus at 1×, 3× and 10×
//! the shared corpus (statements and files: about 713,000 statements in
//! 1,400 files at 1×), as interview transcripts on disk with labelled
//! turns (`Asker Name:` / `Answerer Name:`, answers over several
//! paragraphs), in two variants: every statement its own, and a third of
//! the answer paragraphs repeated across documents (excerpts and
//! boilerplate). For each, measured in a fresh process, cold (cache
//! emptied) and cached:
//!
//! - first frame: the reader's first draw (it never waits for loading);
//! - listed: every document loaded (the reader's document list complete);
//! - search ready: the first answer to a query: from the search file a
//!   reader opened before left in the cache, while the documents load;
//!   without one, once the index is built or read (excerpts looked for);
//! - keystroke: median time of one keystroke's search while typing;
//! - resident memory of that process, as a multiple of the text;
//! - `qnav search` whole process (wall time and resident memory), and
//!   cached, once more from the search file it wrote.
//!
//! `cargo build --release --bin qnav --example scale &&
//!  target/release/examples/scale [SCALES…] [--dir DIR]`
//! (default scales 1 3 10; the corpora are written once under DIR,
//! default /tmp/qnav-scale, about 0.7 GB at 10×).
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use qnav::search::synth;

/// Statements at 1×: the shared corpus's count.
const ONE_X: usize = 713_693;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--measure") {
        measure(Path::new(&args[1]), Path::new(&args[2]));
        return;
    }
    let dir = args
        .iter()
        .position(|a| a == "--dir")
        .and_then(|i| args.get(i + 1))
        .map_or_else(|| PathBuf::from("/tmp/qnav-scale"), PathBuf::from);
    let scales: Vec<usize> = args
        .iter()
        .filter_map(|a| a.parse().ok())
        .collect::<Vec<_>>();
    let scales = if scales.is_empty() {
        vec![1, 3, 10]
    } else {
        scales
    };
    let me = std::env::current_exe().expect("this program");
    let qnav = me
        .parent()
        .and_then(Path::parent)
        .map(|d| d.join("qnav"))
        .filter(|q| q.is_file())
        .expect("target/release/qnav: cargo build --release --bin qnav");
    println!(
        "| corpus | files | MB | first frame | listed | search ready | keystroke | reader memory | `qnav search` | its memory | `qnav search` from its search file | its memory |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for &scale in &scales {
        for repeats in [false, true] {
            let corpus = dir.join(format!("{scale}x{}", if repeats { "-repeats" } else { "" }));
            let (files, bytes) = generate(&corpus, scale, repeats);
            let cache = dir.join(format!("cache-{scale}x-{repeats}"));
            let _ = std::fs::remove_dir_all(&cache);
            for state in ["cold", "cached"] {
                if state == "cold" {
                    let _ = std::fs::remove_dir_all(&cache);
                } else {
                    // A reader opened before, on the corpus as it is now
                    // (settled for four seconds): what it kept is what
                    // the measured one starts from.
                    std::thread::sleep(std::time::Duration::from_secs(4));
                    let _ = Command::new(&me)
                        .args(["--measure"])
                        .arg(&corpus)
                        .arg(&cache)
                        .output();
                }
                let out = Command::new(&me)
                    .args(["--measure"])
                    .arg(&corpus)
                    .arg(&cache)
                    .output()
                    .expect("run the measuring process");
                let reader = String::from_utf8_lossy(&out.stdout).trim().to_string();
                // The same state for `qnav search`: cold empties the
                // cache the reader just filled.
                if state == "cold" {
                    let _ = std::fs::remove_dir_all(&cache);
                }
                let (secs, kb) = timed(&qnav, &corpus, &cache);
                // Cached: once more, answered from the search file the
                // runs before wrote (files written less than three
                // seconds before a search are never put in one, so the
                // corpus is left to settle first).
                let from_file = (state == "cached").then(|| {
                    std::thread::sleep(std::time::Duration::from_secs(4));
                    timed(&qnav, &corpus, &cache);
                    timed(&qnav, &corpus, &cache)
                });
                let mb = bytes as f64 / 1e6;
                let file_cols = match from_file {
                    Some((s, k)) => format!(
                        "{s:.3} s | {:.0} MB ({:.1}×)",
                        k / 1e3,
                        k * 1e3 / bytes as f64
                    ),
                    None => "— | —".to_string(),
                };
                println!(
                    "| {scale}×{} {state} | {files} | {mb:.0} | {reader} | {secs:.2} s | {:.0} MB ({:.1}×) | {file_cols} |",
                    if repeats { " (⅓ repeated)" } else { "" },
                    kb / 1e3,
                    kb * 1e3 / bytes as f64
                );
            }
        }
    }
}

/// Writes the corpus once (a marker file says it is whole); its files and
/// bytes.
fn generate(dir: &Path, scale: usize, repeats: bool) -> (usize, u64) {
    let done = dir.join(".complete");
    if !done.exists() {
        let _ = std::fs::remove_dir_all(dir);
        std::fs::create_dir_all(dir).expect("a folder for the corpus");
        let docs = synth::corpus(ONE_X * scale, 60_000, 2026);
        let mut rng = synth::Rng::new(7);
        // Paragraphs said again elsewhere: drawn from a pool of earlier ones.
        let mut pool: Vec<String> = Vec::new();
        for (i, doc) in docs.iter().enumerate() {
            let mut text = String::new();
            for pair in &doc.pairs {
                let asker = pair.asker.as_deref().unwrap_or("Interviewer");
                let answerer = pair.answerer.as_deref().unwrap_or("Guest");
                text.push_str(asker);
                text.push_str(": ");
                for (k, p) in pair.question.iter().enumerate() {
                    if k > 0 {
                        text.push(' ');
                    }
                    text.push_str(&p.text);
                }
                text.push_str("\n\n");
                text.push_str(answerer);
                text.push_str(": ");
                for (k, p) in pair.answer.iter().enumerate() {
                    if k > 0 {
                        text.push_str("\n\n");
                    }
                    let said = if repeats && !pool.is_empty() && rng.below(3) == 0 {
                        pool[rng.below(pool.len())].clone()
                    } else {
                        if repeats && pool.len() < 20_000 {
                            pool.push(p.text.to_string());
                        }
                        p.text.to_string()
                    };
                    text.push_str(&said);
                }
                text.push_str("\n\n");
            }
            std::fs::write(dir.join(format!("interview-{i:05}.txt")), text).expect("write");
        }
        std::fs::write(&done, "").expect("write");
    }
    let mut files = 0;
    let mut bytes = 0;
    for e in std::fs::read_dir(dir).expect("the corpus").flatten() {
        if e.path().extension().is_some_and(|x| x == "txt") {
            files += 1;
            bytes += e.metadata().map_or(0, |m| m.len());
        }
    }
    (files, bytes)
}

/// `qnav search` over `corpus` with its cache in `cache`: seconds, and
/// resident kilobytes when `/usr/bin/time` can tell.
fn timed(qnav: &Path, corpus: &Path, cache: &Path) -> (f64, f64) {
    let t = Instant::now();
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(qnav)
        .args(["search", "--limit", "20", "security council"])
        .arg(corpus)
        .env("XDG_CACHE_HOME", cache)
        .output();
    let secs = t.elapsed().as_secs_f64();
    let kb = out
        .ok()
        .and_then(|o| {
            String::from_utf8_lossy(&o.stderr)
                .lines()
                .last()
                .and_then(|l| l.trim().parse::<f64>().ok())
        })
        .unwrap_or(f64::NAN);
    (secs, kb)
}

#[path = "support/resident.rs"]
mod resident;
use resident::resident_mb;

/// In this process: what the reader does on start, timed; one table row's
/// reader cells on stdout.
fn measure(corpus: &Path, cache: &Path) {
    qnav::cache::use_for_this_process(Some(qnav::cache::Cache::at(cache.join("qnav"))));
    let started = Instant::now();
    // The first frame: drawn before anything is loaded.
    let app = qnav::tui::App::waiting();
    let area = ratatui::layout::Rect::new(0, 0, 200, 60);
    let mut buf = ratatui::buffer::Buffer::empty(area);
    qnav::tui::render_to(&app, area, &mut buf);
    let first = started.elapsed().as_secs_f64();
    let events = qnav::load::spawn_loader(vec![corpus.to_path_buf()]);
    let query = "security council";
    let mut docs = Vec::new();
    let (mut stamped, mut answered, mut from_file) = (None, None, false);
    for e in events.iter() {
        match e {
            qnav::load::LoadEvent::Stamped(files) => stamped = Some(files),
            // As the reader does: the search file answers while the
            // documents load; ready once it has answered a query.
            qnav::load::LoadEvent::Searchable(found) => {
                let mut searcher = qnav::search::Searcher::new();
                let r = searcher.search(
                    &found.index,
                    &found.texts,
                    query,
                    qnav::search::Scope::All,
                    0,
                    50,
                );
                std::hint::black_box(r);
                answered.get_or_insert(started.elapsed().as_secs_f64());
                from_file = true;
            }
            qnav::load::LoadEvent::Document(d) => docs.push(*d),
            qnav::load::LoadEvent::Done => break,
            _ => {}
        }
    }
    let listed = started.elapsed().as_secs_f64();
    // As the reader does: the search file's index when there is one.
    let (index, keep) =
        qnav::cache::index_to_keep_from(&docs, stamped.as_deref().filter(|_| from_file));
    let ready = answered.unwrap_or_else(|| started.elapsed().as_secs_f64());
    if let Some(keep) = keep {
        keep.write();
    }
    // As the reader does: a search file for the next start when there was none.
    let mut index = index;
    if !from_file && let (Some(files), Some(cache)) = (&stamped, qnav::cache::current()) {
        cache.keep_searched(files, &docs, &index);
        // As the reader does: the index as that file holds it, mapped.
        if let Some(mapped) = cache
            .searched(files)
            .and_then(|found| found.into_index_over(&docs))
        {
            index = mapped;
        }
    }
    // As the reader does: the loader writes what it parsed to the cache
    // after `Done`, then sends each parsed document back as the cache holds
    // it (its text borrowed from the mapped pack), swapped in here; its
    // channel closes when it is through.
    for e in events {
        if let qnav::load::LoadEvent::Settled(n, doc) = e
            && let Some(held) = docs.get_mut(n)
            && held.content_hash == doc.content_hash
        {
            *held = *doc;
        }
    }
    qnav::memory::give_back_freed();
    // Typing a query: each prefix of it searched as the pane does.
    let mut searcher = qnav::search::Searcher::new();
    let mut times = Vec::new();
    for end in 1..=query.len() {
        let t = Instant::now();
        let r = searcher.search(
            &index,
            &docs,
            &query[..end],
            qnav::search::Scope::All,
            0,
            50,
        );
        times.push(t.elapsed().as_secs_f64());
        std::hint::black_box(r);
    }
    times.sort_by(f64::total_cmp);
    let keystroke = times[times.len() / 2];
    let text: usize = docs.iter().map(|d| d.bytes).sum();
    let rss = resident_mb();
    println!(
        "{:.1} ms | {:.2} s | {:.2} s | {:.2} ms | {:.0} MB ({:.1}×)",
        first * 1e3,
        listed,
        ready,
        keystroke * 1e3,
        rss,
        rss * 1.048576e6 / text as f64
    );
}
