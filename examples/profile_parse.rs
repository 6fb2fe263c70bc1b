//! Load + parse of a file or folder, one core then all cores, for profiling:
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
        "one core: {} files, {pairs} pairs, {:.0} ms, {:.1} MB/s",
        sources.len(),
        s * 1e3,
        bytes as f64 / s / 1e6
    );
    let t = std::time::Instant::now();
    let mut pairs = 0;
    qnav::load::load_ordered(&sources, |r| pairs += r.map_or(0, |d| d.pairs.len()));
    let s = t.elapsed().as_secs_f64();
    eprintln!(
        "all cores: {pairs} pairs, {:.0} ms, {:.1} MB/s",
        s * 1e3,
        bytes as f64 / s / 1e6
    );
}
