//! The search index build on the benchmark's synthetic corpus (a million
//! statements), timed alone, for profiling without the whole criterion run:
//! `cargo run --release --example profile_index -- [rounds] [statements]`.
//! Also prints the build's CPU time (all threads, from /proc/self/stat,
//! Linux only): on a busy machine it moves less than the wall time.
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
        let cpu = cpu_ms();
        let t = Instant::now();
        let index = Index::build(&docs);
        let ms = t.elapsed().as_secs_f64() * 1e3;
        let cpu = cpu_ms().zip(cpu).map(|(b, a)| b - a);
        let mb = index.text_bytes() as f64 / 1e6;
        eprintln!(
            "build {ms:.0} ms = {:.0} ms per 100 MB, cpu {} ms ({} statements, {mb:.1} MB, memory {:.2}x)",
            ms / (mb / 100.0),
            cpu.map_or("?".into(), |c| c.to_string()),
            index.len(),
            index.heap_bytes() as f64 / index.text_bytes() as f64
        );
        times.push(ms);
    }
    times.sort_by(f64::total_cmp);
    eprintln!("median {:.0} ms", times[times.len() / 2]);
}

/// User plus system CPU time of the process so far, in ms (clock ticks
/// assumed 100 per second, the Linux default).
fn cpu_ms() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) * 10)
}
