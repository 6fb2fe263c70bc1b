//! Try the reader by hand on the hand-built test corpus, delivered slowly
//! as if a loader were parsing files: `cargo run --example tui_demo`.

#[path = "../tests/common/mod.rs"]
mod common;

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use qnav::load::LoadEvent;

fn main() -> std::io::Result<()> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut documents = common::corpus().documents;
        documents.push(common::synthetic(2_000));
        let _ = tx.send(LoadEvent::Found(documents.len()));
        for doc in documents {
            thread::sleep(Duration::from_millis(300));
            let _ = tx.send(LoadEvent::Document(Box::new(doc)));
        }
        let _ = tx.send(LoadEvent::Message(
            "skipped: not-a-text\u{1b}[31m.bin".into(),
        ));
        let _ = tx.send(LoadEvent::Done);
    });
    qnav::tui::run(rx)
}
