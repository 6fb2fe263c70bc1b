//! Shared by the examples that report memory: this process's resident
//! memory (Linux, from /proc; NaN elsewhere). Included with `#[path]`.

/// Resident memory now, in MiB.
pub fn resident_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}
