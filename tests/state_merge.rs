//! State that is never lost quietly: two or three readers saving into one
//! state file keep each other's work; a save that fails says so and leaves
//! the last good file; a file that cannot be read is set aside, never
//! overwritten; odd files (FIFO, `/dev/zero`, a link) neither hang nor grow.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use proptest::prelude::*;
use qnav::load::load_bytes;
use qnav::model::Document;
use qnav::state::{State, Store, key_of, merge};

fn doc(path: &str) -> Document {
    let text = std::fs::read(format!("{}/docs-data/{path}", env!("CARGO_MANIFEST_DIR")))
        .expect("bundled document");
    load_bytes(&format!("docs-data/{path}"), &text).unwrap()
}

/// Bookmarks pair `n` of `d` and saves, as the reader does after `m`.
fn bookmark_and_save(store: &mut Store, d: &Document, n: usize) {
    store.state.toggle_bookmark(d, n);
    store.touch(d);
    store.save().unwrap();
}

fn bookmarks(dir: &Path, d: &Document) -> Vec<usize> {
    let (store, _) = Store::open_read_only(dir);
    store
        .state
        .doc(d)
        .map(|s| s.bookmarks.iter().map(|b| b.pair).collect())
        .unwrap_or_default()
}

/// The steps of the report: A bookmarks Q3 of one interview, B Q2 of
/// another; both save; A adds Q4 and quits, B quits right after. B's last
/// save used to write back its stale copy of A's document (Q3 only).
#[test]
fn two_readers_keep_each_others_bookmarks() {
    let dir = tempfile::tempdir().unwrap();
    let rt = doc("rt-csto-charter-anniversary.txt");
    let allies = doc("csto-allies-masadykov-interview.txt");
    let (mut a, _) = Store::open(dir.path());
    let (mut b, _) = Store::open(dir.path());
    a.state.toggle_bookmark(&rt, 3);
    a.touch(&rt);
    b.state.toggle_bookmark(&allies, 2);
    b.touch(&allies);
    a.save().unwrap();
    b.save().unwrap();
    bookmark_and_save(&mut a, &rt, 4);
    b.state
        .set_position(&allies, qnav::state::Position { pair: 2, scroll: 0 });
    b.touch(&allies);
    b.save().unwrap();
    assert_eq!(bookmarks(dir.path(), &rt), [3, 4]);
    assert_eq!(bookmarks(dir.path(), &allies), [2]);
}

/// D1: bookmark, edit the file, bookmark again, edit again: every bookmark
/// is still there, and the file holds one entry for the document.
#[test]
fn bookmarks_survive_outside_edits_and_leave_no_orphans() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let file = dir.path().join("a.txt");
    let v1 = from_file(&file, "a.txt", THREE);
    let (mut s, _) = Store::open(&state);
    bookmark_and_save(&mut s, &v1, 1);
    let v2 = from_file(
        &file,
        "a.txt",
        &THREE.replace("Second answer", "Edited answer"),
    );
    let (mut s, _) = Store::open(&state);
    s.state.doc_mut(&v2);
    bookmark_and_save(&mut s, &v2, 3);
    let v3 = from_file(
        &file,
        "a.txt",
        &THREE.replace("Second answer", "Edited twice"),
    );
    let (mut s, _) = Store::open(&state);
    let pairs: Vec<usize> = s
        .state
        .doc_mut(&v3)
        .bookmarks
        .iter()
        .map(|b| b.pair)
        .collect();
    assert_eq!(pairs, [1, 3]);
    s.touch(&v3);
    s.save().unwrap();
    let on_disk: State =
        serde_json::from_slice(&fs::read(state.join("state.json")).unwrap()).unwrap();
    assert_eq!(on_disk.documents.len(), 1, "{:?}", on_disk.documents.keys());
}

/// A save that cannot be written says why, leaves no temp file, and the
/// last good state is what the next start reads.
#[test]
fn a_failed_save_is_an_error_and_leaves_no_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    let rt = doc("rt-csto-charter-anniversary.txt");
    let (mut s, _) = Store::open(dir.path());
    bookmark_and_save(&mut s, &rt, 1);
    // The temp file this process writes goes to a device that is always full.
    let tmp = dir
        .path()
        .join(format!(".state.json.{}.tmp", std::process::id()));
    std::os::unix::fs::symlink("/dev/full", &tmp).unwrap();
    s.state.toggle_bookmark(&rt, 2);
    s.touch(&rt);
    let err = s.save().expect_err("the disk is full");
    assert!(err.to_string().contains("No space left"), "{err}");
    assert!(fs::symlink_metadata(&tmp).is_err(), "temp file removed");
    assert_eq!(bookmarks(dir.path(), &rt), [1], "the last good state");
}

/// A save runs off the reader's thread: what the reader changes while it
/// runs, and what another reader saved before it, are both kept.
#[test]
fn changes_made_while_a_background_save_runs_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (rt, other) = (
        doc("rt-csto-charter-anniversary.txt"),
        doc("csto-allies-masadykov-interview.txt"),
    );
    let (mut a, _) = Store::open(dir.path());
    let (mut b, _) = Store::open(dir.path());
    a.state.toggle_bookmark(&rt, 1);
    a.touch(&rt);
    let job = a.begin_save();
    // Meanwhile: this reader bookmarks Q2, another reader saves its own.
    a.state.toggle_bookmark(&rt, 2);
    bookmark_and_save(&mut b, &other, 3);
    a.finish_save(job.run()).unwrap();
    assert_eq!(
        bookmarks(dir.path(), &rt),
        [1],
        "the save wrote what it was given"
    );
    assert!(
        a.state.is_bookmarked(&rt, 2),
        "the change made meanwhile is kept"
    );
    assert!(a.state.is_bookmarked(&other, 3), "and the other reader's");
    a.save().unwrap();
    assert_eq!(bookmarks(dir.path(), &rt), [1, 2]);
    assert_eq!(bookmarks(dir.path(), &other), [3]);
    // A save that failed changes nothing in memory.
    a.state.toggle_bookmark(&rt, 3);
    let sent = a.state.clone();
    let failed = Err(std::io::Error::other("No space left on device"));
    assert!(a.finish_save((sent, failed)).is_err());
    assert!(a.state.is_bookmarked(&rt, 3));
    assert_eq!(bookmarks(dir.path(), &rt), [1, 2]);
}

/// A state folder nothing can be written to is said when the reader starts,
/// not first at a save (a read-only command says nothing: it writes nothing).
#[test]
fn a_state_folder_that_cannot_be_written_is_said_at_the_start() {
    let dir = tempfile::tempdir().unwrap();
    // A folder under a regular file: even root cannot make it.
    fs::write(dir.path().join("file"), "x").unwrap();
    let (_, w) = Store::open(&dir.path().join("file/qnav"));
    assert!(
        w.iter()
            .any(|w| w.contains("cannot write to the state folder")
                && w.contains("will not be kept")),
        "{w:?}"
    );
    let (_, w) = Store::open_read_only(&dir.path().join("file/qnav"));
    assert!(!w.iter().any(|w| w.contains("cannot write")), "{w:?}");
    // A writable folder: no warning, and the probe leaves nothing behind.
    let ok = dir.path().join("state");
    let (_, w) = Store::open(&ok);
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(fs::read_dir(&ok).unwrap().count(), 0);
}

/// D8, D9: a file that cannot be parsed is never overwritten — a save moves
/// it to a new numbered `.bak` (never over an older one); a read-only
/// command leaves it where it is.
#[test]
fn unreadable_state_files_are_set_aside_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let rt = doc("rt-csto-charter-anniversary.txt");
    let (mut s, _) = Store::open(dir.path());
    for (n, junk) in ["{\"version\": 2, \"future\": true}", "{not json"]
        .into_iter()
        .enumerate()
    {
        fs::write(&state, junk).unwrap();
        let (_, warnings) = Store::open_read_only(dir.path());
        assert_eq!(
            fs::read_to_string(&state).unwrap(),
            junk,
            "read-only: left as it is"
        );
        assert!(warnings[0].contains("left as it is"), "{warnings:?}");
        s.state.toggle_bookmark(&rt, n + 1);
        s.touch(&rt);
        s.save().unwrap();
        let bak = if n == 0 {
            dir.path().join("state.json.bak")
        } else {
            dir.path().join("state.json.bak.2")
        };
        assert_eq!(
            fs::read_to_string(&bak).unwrap(),
            junk,
            "kept in {}",
            bak.display()
        );
    }
    assert_eq!(
        fs::read_to_string(dir.path().join("state.json.bak")).unwrap(),
        "{\"version\": 2, \"future\": true}",
        "the older .bak is not replaced"
    );
}

/// A linked state file (dotfile managers) is written through to its target.
#[test]
fn a_symlinked_state_file_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("dotfiles-state.json");
    fs::write(&real, "{\"version\":1,\"documents\":{}}").unwrap();
    let state_dir = dir.path().join("qnav");
    fs::create_dir(&state_dir).unwrap();
    std::os::unix::fs::symlink(&real, state_dir.join("state.json")).unwrap();
    let rt = doc("rt-csto-charter-anniversary.txt");
    let (mut s, w) = Store::open(&state_dir);
    assert!(w.is_empty(), "{w:?}");
    bookmark_and_save(&mut s, &rt, 2);
    assert!(
        fs::symlink_metadata(state_dir.join("state.json"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(fs::read_to_string(&real).unwrap().contains(&key_of(&rt)));
    // A link to a file not made yet (relative, as dotfiles managers write
    // them): the first save makes the file at the link's end.
    fs::remove_file(state_dir.join("state.json")).unwrap();
    std::os::unix::fs::symlink("../later/state.json", state_dir.join("state.json")).unwrap();
    fs::create_dir(dir.path().join("later")).unwrap();
    let (mut s, w) = Store::open(&state_dir);
    assert!(w.is_empty(), "{w:?}");
    bookmark_and_save(&mut s, &rt, 3);
    let made = fs::read_to_string(dir.path().join("later/state.json")).unwrap();
    assert!(made.contains(&key_of(&rt)), "{made}");
    assert!(
        fs::symlink_metadata(state_dir.join("state.json"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

/// A FIFO or `/dev/zero` where the state file should be: a warning at once,
/// not a hang or a file that grows for ever.
#[test]
fn special_files_as_state_neither_hang_nor_grow() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    std::os::unix::fs::symlink("/dev/zero", &state).unwrap();
    let (_, w) = Store::open_read_only(dir.path());
    assert!(w[0].contains("not a regular file"), "{w:?}");
    fs::remove_file(&state).unwrap();
    let made = std::process::Command::new("mkfifo").arg(&state).status();
    if made.is_ok_and(|s| s.success()) {
        let (_, w) = Store::open_read_only(dir.path());
        assert!(w[0].contains("not a regular file"), "{w:?}");
    } else {
        eprintln!("skipped the FIFO case: no mkfifo");
    }
    // A state file grown past the limit (a sparse file: no disk used) is
    // set aside by the reader with a warning, never read whole.
    fs::remove_file(&state).unwrap();
    let big = fs::File::create(&state).unwrap();
    big.set_len(qnav::state::MAX_STATE_BYTES + 1).unwrap();
    let (s, w) = Store::open(dir.path());
    assert!(w[0].contains("more than the"), "{w:?}");
    assert!(s.state.documents.is_empty());
    assert!(
        dir.path().join("state.json.bak").exists(),
        "moved aside, kept"
    );
}

// ---- random interleavings against a model ------------------------------

const DOCS: usize = 2;
const PAIRS: usize = 4;

fn docs() -> Vec<Document> {
    (0..DOCS)
        .map(|d| {
            let text: String = (1..=PAIRS)
                .map(|p| format!("- Document {d} question {p}?\n- Answer {p}.\n"))
                .collect();
            load_bytes(&format!("doc{d}.txt"), text.as_bytes()).unwrap()
        })
        .collect()
}

#[derive(Debug, Clone)]
enum Op {
    Toggle {
        store: usize,
        doc: usize,
        pair: usize,
    },
    Note {
        store: usize,
        doc: usize,
        pair: usize,
        text: u8,
    },
    Save {
        store: usize,
    },
    Reload {
        store: usize,
    },
}

fn op(stores: usize) -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..stores, 0..DOCS, 1..=PAIRS)
            .prop_map(|(store, doc, pair)| Op::Toggle { store, doc, pair }),
        2 => (0..stores, 0..DOCS, 1..=PAIRS, any::<u8>())
            .prop_map(|(store, doc, pair, text)| Op::Note { store, doc, pair, text }),
        3 => (0..stores).prop_map(|store| Op::Save { store }),
        1 => (0..stores).prop_map(|store| Op::Reload { store }),
    ]
}

/// One simulated reader: the file as it last saw it, its state, and what it
/// did since (added and removed bookmarks, notes written).
#[derive(Default, Clone)]
struct Reader {
    base: State,
    state: State,
    noted: BTreeMap<(usize, usize), String>,
}

fn bookmark(s: &State, docs: &[Document], (d, p): (usize, usize)) -> Option<qnav::state::Bookmark> {
    s.doc(&docs[d])?
        .bookmarks
        .iter()
        .find(|b| b.pair == p)
        .cloned()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    /// After every save, item by item: what the saving reader changed is
    /// applied, what other readers saved is kept, a removal never takes an
    /// item another reader changed meanwhile, and every note the reader
    /// wrote is on disk as written.
    #[test]
    fn interleaved_readers_never_lose_each_others_work(
        stores in 2usize..=3,
        ops in prop::collection::vec(op(3), 1..40),
    ) {
        let docs = docs();
        let mut disk = State::default();
        let mut readers = vec![Reader::default(); stores];
        for o in ops {
            match o {
                Op::Toggle { store, doc, pair } => {
                    let r = &mut readers[store % stores];
                    if !r.state.toggle_bookmark(&docs[doc], pair) {
                        r.noted.remove(&(doc, pair));
                    }
                }
                Op::Note { store, doc, pair, text } => {
                    let r = &mut readers[store % stores];
                    let text = format!("note {text}");
                    r.state.set_note(&docs[doc], pair, &text);
                    // Writing the note it already had changes nothing.
                    if bookmark(&r.state, &docs, (doc, pair)) != bookmark(&r.base, &docs, (doc, pair)) {
                        r.noted.insert((doc, pair), text);
                    } else {
                        r.noted.remove(&(doc, pair));
                    }
                }
                Op::Save { store } => {
                    let r = &mut readers[store % stores];
                    let merged = merge(&r.base, &r.state, &disk);
                    // Item by item, the three-way rule: what this reader
                    // changed since it last saw the file (added, re-noted,
                    // removed) is applied; everything else is the file's —
                    // and a removal never takes an item another reader
                    // changed meanwhile.
                    for d in 0..DOCS {
                        for p in 1..=PAIRS {
                            let m = (d, p);
                            let (b, o, t) = (
                                bookmark(&r.base, &docs, m),
                                bookmark(&r.state, &docs, m),
                                bookmark(&disk, &docs, m),
                            );
                            let got = bookmark(&merged, &docs, m);
                            // Unchanged here, or removed here but changed there: the file's.
                            let want = match (&o, &t) {
                                _ if o == b => t,
                                (None, _) if t != b => t,
                                (Some(o), Some(t)) => {
                                    let base_note = b.as_ref().and_then(|b| b.note.clone());
                                    let note = if o.note != base_note {
                                        o.note.clone()
                                    } else {
                                        t.note.clone()
                                    };
                                    Some(qnav::state::Bookmark { note, ..o.clone() })
                                }
                                _ => o,
                            };
                            prop_assert_eq!(got, want, "{:?}", m);
                        }
                    }
                    // What the reader noted is there, as it wrote it.
                    for ((d, p), text) in &r.noted {
                        let note = bookmark(&merged, &docs, (*d, *p)).and_then(|b| b.note);
                        prop_assert_eq!(note.as_deref(), Some(text.as_str()));
                    }
                    disk = merged.clone();
                    *r = Reader { base: merged.clone(), state: merged, ..Reader::default() };
                }
                Op::Reload { store } => {
                    let r = &mut readers[store % stores];
                    if r.state == r.base {
                        *r = Reader { base: disk.clone(), state: disk.clone(), ..Reader::default() };
                    }
                }
            }
        }
    }
}

// ---- identity that survives edits ----------------------------------------

const THREE: &str = "- First question?\n- First answer.\n- Second question?\n- Second answer.\n- Third question?\n- Third answer.\n";

/// A document read from `file`, shown as `shown` (as when opened from
/// inside its folder).
fn from_file(file: &Path, shown: &str, text: &str) -> Document {
    fs::write(file, text).unwrap();
    let mut d = load_bytes(shown, text.as_bytes()).unwrap();
    d.file = Some(file.to_path_buf());
    d
}

/// D2: a file changed outside qnav: its bookmarks are found again before
/// the reader opens it — in an export too, where they used to vanish.
#[test]
fn a_changed_files_bookmarks_are_found_before_it_is_opened() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let file = dir.path().join("a.txt");
    let v1 = from_file(&file, "a.txt", THREE);
    let (mut s, _) = Store::open(&state);
    s.state.toggle_bookmark(&v1, 3);
    s.state.set_note(&v1, 3, "check this");
    s.touch(&v1);
    s.save().unwrap();
    let v2 = from_file(
        &file,
        "a.txt",
        &format!("- New question?\n- New answer.\n{THREE}"),
    );
    let (mut s, _) = Store::open_read_only(&state);
    assert!(s.state.adopt(&v2));
    let json = qnav::citation::bookmarks_json(std::slice::from_ref(&v2), &s.state);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["bookmarks"][0]["number"], 4, "{json}");
    assert_eq!(v["bookmarks"][0]["note"], "check this");
}

/// D5, D6: a bookmark whose question was reworded is kept, flagged, and
/// exported with its own question (never the pair that has its number now);
/// `m` on it anchors it to the new wording and keeps the note.
#[test]
fn a_reworded_questions_bookmark_is_kept_and_m_reanchors_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    let v1 = from_file(&file, "a.txt", THREE);
    let mut st = State::default();
    st.toggle_bookmark(&v1, 2);
    st.set_note(&v1, 2, "my note");
    let v2 = from_file(
        &file,
        "a.txt",
        &THREE.replace("Second question?", "Second, reworded?"),
    );
    assert!(st.adopt(&v2));
    assert!(st.doc(&v2).unwrap().bookmarks[0].stale);
    let md = qnav::citation::bookmarks_markdown(std::slice::from_ref(&v2), &st);
    assert!(md.contains("**Q2.** Second question?"), "{md}");
    assert!(!md.contains("Second, reworded?"), "{md}");
    let json = qnav::citation::bookmarks_json(std::slice::from_ref(&v2), &st);
    assert!(json.contains("\"stale\": true"), "{json}");
    assert!(
        st.toggle_bookmark(&v2, 2),
        "m re-anchors, it does not remove"
    );
    let b = &st.doc(&v2).unwrap().bookmarks[0];
    assert!(!b.stale);
    assert_eq!(b.question, "Second, reworded?");
    assert_eq!(b.note.as_deref(), Some("my note"));
}

/// D7: the same relative name in another folder is another document.
#[test]
fn the_same_name_in_another_folder_does_not_take_the_bookmarks() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("dir1")).unwrap();
    fs::create_dir(dir.path().join("dir2")).unwrap();
    let one = from_file(
        &dir.path().join("dir1/interview.txt"),
        "interview.txt",
        THREE,
    );
    let two = from_file(
        &dir.path().join("dir2/interview.txt"),
        "interview.txt",
        "- Other question?\n- Other answer.\n",
    );
    let mut st = State::default();
    st.toggle_bookmark(&one, 1);
    st.set_note(&one, 1, "about dir1");
    assert!(!st.adopt(&two));
    assert!(!st.is_bookmarked(&two, 1));
    assert!(st.is_bookmarked(&one, 1), "dir1's bookmark stays dir1's");
}

/// D10: identical copies in two folders are two documents: a bookmark on
/// one is not listed on the other, and after either is edited each note
/// stays with its own file — whichever copy loads first.
#[test]
fn identical_copies_keep_their_own_bookmarks_through_edits() {
    for copy_loads_first in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state");
        fs::create_dir(dir.path().join("dir1")).unwrap();
        fs::create_dir(dir.path().join("dir2")).unwrap();
        let (f1, f2) = (dir.path().join("dir1/a.txt"), dir.path().join("dir2/a.txt"));
        let one = from_file(&f1, "dir1/a.txt", THREE);
        let two = from_file(&f2, "dir2/a.txt", THREE);
        let (mut s, _) = Store::open(&state);
        s.state.adopt(&one);
        s.state.adopt(&two);
        s.state.set_note(&one, 2, "about dir1");
        s.touch(&one);
        s.save().unwrap();

        // Next session, the copy edited (a pair inserted above Q2).
        let two = from_file(&f2, "dir2/a.txt", &format!("- New?\n- Yes.\n{THREE}"));
        let (mut s, _) = Store::open(&state);
        let loaded = if copy_loads_first {
            [&two, &one]
        } else {
            [&one, &two]
        };
        for d in loaded {
            s.state.adopt(d);
        }
        assert!(
            s.state.is_bookmarked(&one, 2),
            "first loads copy: {copy_loads_first}"
        );
        assert_eq!(s.state.note(&one, 2), Some("about dir1"));
        assert!(
            (1..=4).all(|n| !s.state.is_bookmarked(&two, n)),
            "the edited copy took dir1's bookmark (copy first: {copy_loads_first})"
        );
        let both = [one.clone(), two.clone()];
        let json = qnav::citation::bookmarks_json(&both, &s.state);
        assert_eq!(json.matches("about dir1").count(), 1, "{json}");

        // A bookmark on the unedited copy of identical text is its own.
        let three = from_file(&dir.path().join("dir2/b.txt"), "dir2/b.txt", THREE);
        s.state.adopt(&three);
        assert!(!s.state.is_bookmarked(&three, 2));
        s.state.toggle_bookmark(&three, 3);
        assert!(!s.state.is_bookmarked(&one, 3));
        assert!(s.state.is_bookmarked(&one, 2));
    }
}

/// Notes get the same hygiene as file text: a pasted right-to-left override
/// or OSC 52 clipboard write is never stored, and one in a hand-edited state
/// file never reaches the terminal through an export.
#[test]
fn notes_never_carry_control_characters() {
    let rt = doc("rt-csto-charter-anniversary.txt");
    let mut st = State::default();
    st.set_note(
        &rt,
        1,
        "before\u{202e}after\u{1b}]52;c;aGk=\u{7}\u{2028}end",
    );
    let note = st.note(&rt, 1).unwrap().to_string();
    assert!(!note.chars().any(qnav::text::is_unsafe_char), "{note:?}");
    assert!(note.starts_with("beforeafter"), "{note:?}");
    // A note written into the file by hand, outside qnav.
    let entry = st.doc_mut(&rt);
    entry.bookmarks[0].note = Some("evil\u{1b}]52;c;aGk=\u{7}".into());
    let md = qnav::citation::bookmarks_markdown(std::slice::from_ref(&rt), &st);
    assert!(!md.contains('\u{1b}') && !md.contains('\u{7}'), "{md:?}");
}

/// A stale bookmark keeps the number it had; when a live one takes that
/// number after an edit, each keeps its own note, `m` acts on the live one,
/// and a merge keeps both.
#[test]
fn a_stale_bookmark_and_a_live_one_on_the_same_number_stay_apart() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    let v1 = from_file(&file, "a.txt", THREE);
    let mut st = State::default();
    st.set_note(&v1, 2, "about the second");
    st.set_note(&v1, 3, "about the third");
    // The second pair is deleted: the third becomes Q2.
    let v2 = from_file(
        &file,
        "a.txt",
        "- First question?\n- First answer.\n- Third question?\n- Third answer.\n",
    );
    assert!(st.adopt(&v2));
    assert!(st.is_bookmarked(&v2, 2));
    assert_eq!(st.note(&v2, 2), Some("about the third"));
    let both = st.clone();
    // Merged with itself from another reader that adopted the same edit.
    let merged = merge(&State::default(), &both, &both);
    assert_eq!(merged.doc(&v2).unwrap().bookmarks.len(), 2, "{merged:?}");
    assert!(!st.toggle_bookmark(&v2, 2), "m removes the live bookmark");
    let left = &st.doc(&v2).unwrap().bookmarks;
    assert_eq!(left.len(), 1);
    assert!(left[0].stale && left[0].note.as_deref() == Some("about the second"));
}

/// A state file deleted (or set aside by another reader) while this reader
/// runs: its next save writes back what it had read, not only its own change.
#[test]
fn a_vanished_state_file_does_not_lose_the_documents_this_reader_did_not_touch() {
    let dir = tempfile::tempdir().unwrap();
    let rt = doc("rt-csto-charter-anniversary.txt");
    let allies = doc("csto-allies-masadykov-interview.txt");
    let (mut a, _) = Store::open(dir.path());
    bookmark_and_save(&mut a, &rt, 3);
    let (mut b, _) = Store::open(dir.path());
    fs::remove_file(dir.path().join("state.json")).unwrap();
    bookmark_and_save(&mut b, &allies, 1);
    assert_eq!(bookmarks(dir.path(), &rt), [3]);
    assert_eq!(bookmarks(dir.path(), &allies), [1]);
}

/// D4: the same question asked twice ("Why?" as Q2 and Q4), a note on each;
/// a pair inserted above: each note stays with its own "Why?".
#[test]
fn two_questions_with_the_same_text_keep_their_own_notes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    let text = "- Where?\n- Here.\n- Why?\n- Because of the river.\n- When?\n- Last year.\n- Why?\n- Because of the money.\n";
    let v1 = from_file(&file, "a.txt", text);
    assert_eq!(v1.pairs[1].question_text(), "Why?");
    assert_eq!(v1.pairs[3].question_text(), "Why?");
    let mut st = State::default();
    st.set_note(&v1, 2, "the river one");
    st.set_note(&v1, 4, "the money one");
    let v2 = from_file(&file, "a.txt", &format!("- Who?\n- Me.\n{text}"));
    assert!(st.adopt(&v2));
    assert_eq!(st.note(&v2, 3), Some("the river one"));
    assert_eq!(st.note(&v2, 5), Some("the money one"));
}

/// After an outside edit the reader goes back to the question it was at,
/// found again by its text — not to Q1.
#[test]
fn the_reading_position_follows_its_question_through_an_edit() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    let v1 = from_file(&file, "a.txt", THREE);
    let mut st = State::default();
    st.set_position(&v1, qnav::state::Position { pair: 3, scroll: 9 });
    let v2 = from_file(
        &file,
        "a.txt",
        &format!("- New question?\n- New answer.\n{THREE}"),
    );
    assert!(st.adopt(&v2));
    assert_eq!(st.doc(&v2).unwrap().position.pair, 4);
    assert_eq!(
        st.last_document,
        Some(st.key(&v2)),
        "the last document read is still this one, reopened where it was"
    );
    // Its question gone: the start.
    let v3 = from_file(&file, "a.txt", "- Other?\n- Yes.\n");
    assert!(st.adopt(&v3));
    assert_eq!(st.doc(&v3).unwrap().position.pair, 0);
}
