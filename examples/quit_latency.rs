//! How long `q` takes to end the reader, under disk pressure.
//!
//! `cargo run --release --example quit_latency [RUNS]` — starts the release
//! binary in a pseudo-terminal RUNS times (default 40) on a seed interview,
//! moves the reading position (so there is state to save), presses `q`
//! and times until the process has exited, while a `dd` writes and syncs
//! large files into a temporary folder the whole time (the busy disk under
//! which a quit once took 71 s). Prints the median, p99 and the worst.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(40);
    let root = env!("CARGO_MANIFEST_DIR");
    // (`QNAV_BIN` times another build, e.g. an older commit's.)
    let binary =
        std::env::var("QNAV_BIN").unwrap_or_else(|_| format!("{root}/target/release/qnav"));
    assert!(
        std::path::Path::new(&binary).exists(),
        "build it first: cargo build --release"
    );
    let scratch = tempfile::tempdir().expect("a temp folder");
    let state = tempfile::tempdir().expect("a state folder");
    // The disk kept busy: 256 MiB written and synced, again and again.
    let target = scratch.path().join("pressure");
    let pressure = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "while :; do dd if=/dev/zero of='{}' bs=1M count=256 conv=fsync 2>/dev/null; done",
            target.display()
        ))
        .stdin(Stdio::null())
        .spawn()
        .expect("start dd");
    // Stopped however this ends (a panic included).
    let _pressure = Kill(pressure);
    let mut times = Vec::new();
    for _ in 0..runs {
        times.push(one_quit(&binary, root, state.path().to_str().unwrap()));
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let p99 = times[(times.len() * 99 / 100).min(times.len() - 1)];
    println!(
        "quit under dd pressure, {runs} runs: median {:.1} ms, p99 {:.1} ms, worst {:.1} ms",
        ms(times[times.len() / 2]),
        ms(p99),
        ms(*times.last().unwrap())
    );
}

/// The `dd` loop, stopped on drop.
struct Kill(std::process::Child);

impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
        // Its `dd` child as well.
        let _ = Command::new("pkill")
            .args(["-P", &self.0.id().to_string()])
            .status();
    }
}

/// Starts the reader, waits for its first frame, moves, quits: the time
/// from `q` to the process's exit.
fn one_quit(binary: &str, root: &str, state: &str) -> Duration {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pty");
    let mut command = CommandBuilder::new(binary);
    command.arg("docs-data/rt-csto-charter-anniversary.txt");
    command.cwd(root);
    command.env("TERM", "xterm-256color");
    command.env("XDG_STATE_HOME", state);
    command.env("XDG_CONFIG_HOME", "/nonexistent/qnav-quit-latency");
    let mut child = pty.slave.spawn_command(command).expect("spawn");
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().expect("reader");
    let mut writer = pty.master.take_writer().expect("writer");
    let (tx, rx) = std::sync::mpsc::channel::<Vec<u8>>();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut screen = vt100::Parser::new(
        std::num::NonZeroU16::new(40).unwrap(),
        std::num::NonZeroU16::new(120).unwrap(),
        0,
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    while !screen.screen().contents().contains("q quit") {
        match rx.recv_timeout(Duration::from_millis(50)) {
            Ok(bytes) => screen.process(&bytes),
            Err(_) if Instant::now() > deadline => {
                panic!("no first frame:\n{}", screen.screen().contents())
            }
            Err(_) => {}
        }
    }
    writer.write_all(b"nn").unwrap();
    std::thread::sleep(Duration::from_millis(50));
    let start = Instant::now();
    writer.write_all(b"q").unwrap();
    writer.flush().unwrap();
    loop {
        if let Ok(Some(_)) = child.try_wait() {
            return start.elapsed();
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            return start.elapsed();
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}
