//! Notices when the open document's file changes on disk, so the reader can
//! say so (and `r` reloads it).
//!
//! One thread looks at the one file being read, once a second: a `stat`,
//! and only when its size or modification time moved, a read and a content
//! hash — a file touched but not changed is no news. It never draws; it
//! sends one message per new content, and the event loop decides.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, SystemTime};

use crate::model::content_hash;

/// How often the open file is looked at.
const POLL: Duration = Duration::from_secs(1);

/// What the watcher looks at: a path and the content hash the reader holds.
type Target = Option<(String, u64)>;

/// Handle to the watcher thread: tell it which file is open.
#[derive(Debug, Clone)]
pub struct Watch {
    target: Arc<Mutex<Target>>,
}

impl Watch {
    /// Starts watching nothing; `changed(path)` is called from the watcher
    /// thread when the watched file's content differs from what the reader
    /// holds (once per new content). It returns `false` to stop the thread.
    pub fn spawn(changed: impl Fn(String) -> bool + Send + 'static) -> Watch {
        let target = Arc::new(Mutex::new(None));
        let shared = Arc::clone(&target);
        let _ = thread::Builder::new()
            .name("qnav-watch".into())
            .spawn(move || watch(&shared, changed));
        Watch { target }
    }

    /// Watches `path`, whose content the reader has as `hash` (`None`: nothing).
    pub fn set(&self, target: Option<(String, u64)>) {
        if let Ok(mut t) = self.target.lock() {
            *t = target;
        }
    }
}

/// Size and modification time: cheap to get, and they move when a file is written.
fn stamp(path: &str) -> Option<(u64, SystemTime)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

fn watch(target: &Mutex<Target>, changed: impl Fn(String) -> bool) {
    // The stamp last looked at, and the content last reported, per path.
    let mut seen: Option<(String, Option<(u64, SystemTime)>)> = None;
    let mut told: Option<(String, u64)> = None;
    loop {
        thread::sleep(POLL);
        let Some((path, hash)) = target.lock().ok().and_then(|t| t.clone()) else {
            continue;
        };
        let now = stamp(&path);
        if seen.as_ref().is_some_and(|(p, s)| *p == path && *s == now) {
            continue;
        }
        seen = Some((path.clone(), now));
        if !Path::new(&path).is_file() {
            continue;
        }
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let on_disk = content_hash(&bytes);
        let news = (path.clone(), on_disk);
        if on_disk != hash && told.as_ref() != Some(&news) {
            told = Some(news);
            if !changed(path) {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::channel;

    #[test]
    fn a_changed_file_is_reported_once_and_a_touched_one_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "Q: one?\nA: yes.\n").unwrap();
        let shown = path.to_str().unwrap().to_string();
        let (tx, rx) = channel();
        let watch = Watch::spawn(move |p| tx.send(p).is_ok());
        let hash = content_hash(&std::fs::read(&path).unwrap());
        watch.set(Some((shown.clone(), hash)));
        // Same content, new modification time: no news.
        thread::sleep(POLL + POLL / 2);
        std::fs::write(&path, "Q: one?\nA: yes.\n").unwrap();
        assert!(rx.recv_timeout(POLL * 3).is_err(), "a touch is no change");
        std::fs::write(&path, "Q: one?\nA: no.\n").unwrap();
        assert_eq!(rx.recv_timeout(POLL * 5).as_deref(), Ok(shown.as_str()));
        // Told once, not every second.
        assert!(rx.recv_timeout(POLL * 3).is_err());
    }
}
