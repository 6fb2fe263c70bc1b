//! Single-threaded load + parse of a file or folder, for profiling:
//! `cargo run --release --example profile_parse -- ../shared/corpus`.
fn main() {
    let path = std::path::PathBuf::from(std::env::args().nth(1).expect("a path"));
    let (sources, _) = qnav::load::collect_sources(&[path]);
    let t = std::time::Instant::now();
    let (mut bytes, mut pairs) = (0usize, 0usize);
    for s in &sources {
        if let Ok(d) = qnav::load::load_source(s) {
            bytes += d.bytes;
            pairs += d.pairs.len();
        }
    }
    let s = t.elapsed().as_secs_f64();
    eprintln!(
        "{} files, {pairs} pairs, {:.0} ms, {:.1} MB/s on one core",
        sources.len(),
        s * 1e3,
        bytes as f64 / s / 1e6
    );
}
