//! Load + parse of a file or folder, one core then all cores, for profiling:
//! `cargo run --release --example profile_parse -- ../shared/corpus [RUNS]`.
//!
//! Prints the fastest and the median of RUNS (default 1) runs of each; the
//! fastest is the least disturbed by other work on a shared machine.
fn main() {
    let mut args = std::env::args().skip(1);
    let path = std::path::PathBuf::from(args.next().expect("a path"));
    let runs: usize = args
        .next()
        .map_or(1, |r| r.parse().expect("a number of runs"));
    let (sources, _) = qnav::load::collect_sources(&[path]);
    let bytes: usize = sources
        .iter()
        .filter_map(|s| qnav::load::read_source(s).ok())
        .map(|b| b.len())
        .sum();
    let report = |what: &str, times: &mut Vec<f64>, pairs: usize| {
        times.sort_by(f64::total_cmp);
        let (min, median) = (times[0], times[times.len() / 2]);
        eprintln!(
            "{what}: {} files, {pairs} pairs, fastest {:.0} ms = {:.1} MB/s, median {:.0} ms = {:.1} MB/s",
            sources.len(),
            min * 1e3,
            bytes as f64 / min / 1e6,
            median * 1e3,
            bytes as f64 / median / 1e6
        );
    };
    let (mut one, mut all) = (Vec::new(), Vec::new());
    let (mut pairs_one, mut pairs_all) = (0, 0);
    for _ in 0..runs {
        let t = std::time::Instant::now();
        pairs_one = 0;
        for s in &sources {
            if let Ok(d) = qnav::load::load_source(s) {
                pairs_one += d.pairs.len();
            }
        }
        one.push(t.elapsed().as_secs_f64());
        if std::env::var_os("QNAV_PROFILE_ONE_CORE").is_some() {
            all.push(f64::NAN);
            continue;
        }
        let t = std::time::Instant::now();
        pairs_all = 0;
        qnav::load::load_ordered(&sources, |r| pairs_all += r.map_or(0, |d| d.pairs.len()));
        all.push(t.elapsed().as_secs_f64());
    }
    report("one core", &mut one, pairs_one);
    report("all cores", &mut all, pairs_all);
}
