//! A writer killed in the middle of saving never leaves a torn state file:
//! the file is always the old or the new one.

use std::time::Duration;

use qnav::load::load_bytes;
use qnav::state::Store;

const CHILD_ENV: &str = "QNAV_STATE_WRITER_DIR";

/// Run as a child process (see below): saves a large state over and over.
#[test]
fn writer_child() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let text: String = (0..400)
        .map(|i| format!("- Question {i}?\n- Answer {i}.\n"))
        .collect();
    let doc = load_bytes("big.txt", text.as_bytes()).unwrap();
    let (mut store, _) = Store::open(std::path::Path::new(&dir));
    for round in 0.. {
        for n in 1..=doc.pairs.len() {
            store.state.set_note(
                &doc,
                n,
                &format!("round {round} note {n} {}", "x".repeat(200)),
            );
        }
        store.touch(&doc);
        store.save().unwrap();
    }
}

#[test]
fn killed_writer_leaves_old_or_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    for attempt in 0..5 {
        let mut child = std::process::Command::new(&exe)
            .args(["--exact", "writer_child", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(150 + 70 * attempt));
        child.kill().unwrap();
        child.wait().unwrap();
        let path = dir.path().join("state.json");
        if !path.exists() {
            continue; // killed before the first save finished: no file, also not torn
        }
        let (store, warnings) = Store::open(dir.path());
        assert!(warnings.is_empty(), "attempt {attempt}: {warnings:?}");
        assert!(!store.state.documents.is_empty());
    }
    assert!(
        dir.path().join("state.json").exists(),
        "at least one save completed"
    );
}
