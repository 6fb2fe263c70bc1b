//! Notices when the open document's file changes on disk, so the reader can
//! say so (and `r` reloads it).
//!
//! One thread looks at the one file being read, once a second: a `stat`,
//! and only when its size or modification time moved, a read and a content
//! hash — a file touched but not changed is no news. It never draws; it
//! sends one message per new content, and the event loop decides.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, SystemTime};

use crate::model::content_hash;

/// How often the open file is looked at.
const POLL: Duration = Duration::from_secs(1);

/// What the watcher looks at: a path and the content hash the reader holds.
type Target = Option<(PathBuf, u64)>;

/// Handle to the watcher thread: tell it which file is open.
#[derive(Debug, Clone)]
pub struct Watch {
    target: Arc<Mutex<Target>>,
}

impl Watch {
    /// Starts watching nothing, looking once a second; `changed(path, hash)`
    /// is called from the watcher thread each time the watched file's
    /// content hash becomes something else than it was (the first time:
    /// than what the reader holds). It returns `false` to stop the thread.
    pub fn spawn(changed: impl Fn(PathBuf, u64) -> bool + Send + 'static) -> Watch {
        Watch::spawn_every(POLL, changed)
    }

    /// [`spawn`](Self::spawn), looking every `poll`.
    pub fn spawn_every(
        poll: Duration,
        changed: impl Fn(PathBuf, u64) -> bool + Send + 'static,
    ) -> Watch {
        let target = Arc::new(Mutex::new(None));
        let shared = Arc::clone(&target);
        let _ = thread::Builder::new()
            .name("qnav-watch".into())
            .spawn(move || watch(&shared, poll, changed));
        Watch { target }
    }

    /// Watches `path`, whose content the reader has as `hash` (`None`: nothing).
    pub fn set(&self, target: Target) {
        if let Ok(mut t) = self.target.lock() {
            *t = target;
        }
    }
}

/// Size and modification time: cheap to get, and they move when a file is written.
type Stamp = Option<(u64, SystemTime)>;

fn stamp(path: &Path) -> Stamp {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

fn watch(target: &Mutex<Target>, poll: Duration, changed: impl Fn(PathBuf, u64) -> bool) {
    // The target being looked at, its last stamp, and the content hash
    // last known for it (what the reader had, then what was reported).
    let mut seen: Option<((PathBuf, u64), Stamp, u64)> = None;
    loop {
        thread::sleep(poll);
        let Some(now_target) = target.lock().ok().and_then(|t| t.clone()) else {
            seen = None;
            continue;
        };
        let stamp_now = stamp(&now_target.0);
        let known = match &seen {
            Some((t, s, _)) if *t == now_target && *s == stamp_now => continue,
            Some((t, _, known)) if *t == now_target => *known,
            _ => now_target.1,
        };
        seen = Some((now_target.clone(), stamp_now, known));
        let path = &now_target.0;
        if !path.is_file() {
            continue;
        }
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let on_disk = content_hash(&bytes);
        if on_disk != known {
            if let Some(s) = seen.as_mut() {
                s.2 = on_disk;
            }
            if !changed(path.clone(), on_disk) {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::channel;

    const QUICK: Duration = Duration::from_millis(30);

    /// Writes as editors save: a new file renamed over the old, so the
    /// watcher never reads a half-written one (that case is only an extra,
    /// correct report).
    fn save(path: &Path, bytes: &[u8]) {
        let temp = path.with_extension("tmp");
        std::fs::write(&temp, bytes).unwrap();
        std::fs::rename(&temp, path).unwrap();
    }

    #[test]
    fn every_new_content_is_reported_once_and_a_touch_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        // A name no terminal may show: watched by the file system's name.
        let path = dir.path().join("a\u{1b}[31m.txt");
        let first = b"Q: one?\nA: yes.\n";
        std::fs::write(&path, first).unwrap();
        let shown = path.clone();
        let (tx, rx) = channel();
        let watch = Watch::spawn_every(QUICK, move |p, h| tx.send((p, h)).is_ok());
        watch.set(Some((shown.clone(), content_hash(first))));
        let quiet = QUICK * 10;
        // Same content, new modification time: no news.
        thread::sleep(QUICK * 3);
        save(&path, first);
        assert!(rx.recv_timeout(quiet).is_err(), "a touch is no change");
        let second = b"Q: one?\nA: no.\n";
        save(&path, second);
        let news = rx.recv_timeout(Duration::from_secs(5)).unwrap();
        assert_eq!(news, (shown.clone(), content_hash(second)));
        // Told once, not on every look.
        assert!(rx.recv_timeout(quiet).is_err());
        // Written back to what the reader holds: that is news too.
        save(&path, first);
        let news = rx.recv_timeout(Duration::from_secs(5)).unwrap();
        assert_eq!(news, (shown, content_hash(first)));
    }
}
