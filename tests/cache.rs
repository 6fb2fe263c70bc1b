//! The persistent cache gives what parsing gives, whatever happened to the
//! files or to the cache since: a hit, a stale file, a touched file, a
//! deleted and a new file, a damaged or cut cache file, two writers at
//! once, a cache that cannot be written. Every cache here lives in a
//! temporary folder of the test's own.

mod common;

use std::path::Path;

use qnav::cache::Cache;
use qnav::load::{collect_sources, load_ordered_with};
use qnav::model::Document;

fn interview(n: usize) -> String {
    format!(
        "Q: What happened in round {n} of the talks?\n\
         A: In round {n} we agreed on the border and on the trade in grain.\n\n\
         Q: And after round {n}?\n\
         A: After round {n} everyone went home to think it over.\n"
    )
}

/// A folder of three interviews.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for n in 0..3 {
        std::fs::write(dir.path().join(format!("talk-{n}.txt")), interview(n)).unwrap();
    }
    dir
}

/// The folder's documents through a session of `cache`, and how many came
/// from it; the session is finished (what was new is written).
fn load(cache: &Cache, dir: &Path) -> (Vec<Document>, usize) {
    let (sources, _) = collect_sources(&[dir.to_path_buf()]);
    let session = cache.session();
    let mut docs = Vec::new();
    load_ordered_with(&sources, Some(&session), |r| docs.push(r.unwrap()));
    let hits = session.hits();
    session.finish();
    (docs, hits)
}

/// The folder's documents parsed afresh, with no cache.
fn parsed(dir: &Path) -> Vec<Document> {
    let (sources, _) = collect_sources(&[dir.to_path_buf()]);
    let mut docs = Vec::new();
    load_ordered_with(&sources, None, |r| docs.push(r.unwrap()));
    docs
}

/// Documents as their JSON export (everything a user can see of them).
fn shown(docs: &[Document]) -> Vec<String> {
    docs.iter()
        .map(|d| serde_json::to_string(d).unwrap())
        .collect()
}

fn set_time(file: &Path, secs: u64) {
    let f = std::fs::File::options().write(true).open(file).unwrap();
    f.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs))
        .unwrap();
}

#[test]
fn a_second_opening_comes_from_the_cache_and_is_the_same() {
    let dir = folder();
    let home = tempfile::tempdir().unwrap();
    let cache = Cache::at(home.path());
    let (first, hits) = load(&cache, dir.path());
    assert_eq!(hits, 0);
    let (second, hits) = load(&cache, dir.path());
    assert_eq!(hits, 3);
    assert_eq!(shown(&first), shown(&second));
    assert_eq!(shown(&second), shown(&parsed(dir.path())));
    // Where each came from is known, as for a parsed one (`r` reloads it).
    assert!(second.iter().all(|d| d.file.is_some()));
    let stats = cache.stats();
    assert_eq!(stats.documents, 1, "one pack for the folder");
}

/// Documents from the cache borrow their paragraphs' text from the mapped
/// pack instead of holding a copy (#16: the reader's memory), and read the
/// same once the pages that loading brought in are given back, and once
/// the cache folder is deleted under them.
#[test]
fn documents_from_the_cache_borrow_their_text_and_outlive_its_pages_and_its_folder() {
    let dir = folder();
    let home = tempfile::tempdir().unwrap();
    let cache = Cache::at(home.path());
    let (first, _) = load(&cache, dir.path());
    let paragraphs = |docs: &[Document]| -> Vec<std::borrow::Cow<'static, str>> {
        docs.iter()
            .flat_map(|d| d.pairs.iter())
            .flat_map(|p| p.question.iter().chain(&p.answer))
            .map(|p| p.text.clone())
            .collect()
    };
    assert!(
        paragraphs(&first)
            .iter()
            .all(|t| matches!(t, std::borrow::Cow::Owned(_))),
        "parsed text is owned"
    );
    let (second, hits) = load(&cache, dir.path());
    assert_eq!(hits, 3);
    let texts = paragraphs(&second);
    assert_eq!(texts.len(), 12);
    assert!(
        texts
            .iter()
            .all(|t| matches!(t, std::borrow::Cow::Borrowed(_))),
        "text from the cache is borrowed, not copied"
    );
    qnav::memory::give_back_freed();
    assert_eq!(shown(&second), shown(&parsed(dir.path())));
    std::fs::remove_dir_all(home.path()).unwrap();
    assert_eq!(shown(&second), shown(&parsed(dir.path())));
}

#[test]
fn a_changed_file_is_parsed_again_and_only_it() {
    let dir = folder();
    let home = tempfile::tempdir().unwrap();
    let cache = Cache::at(home.path());
    load(&cache, dir.path());
    // Other words of the same length, and a time of its own: only the
    // bytes can tell.
    let file = dir.path().join("talk-1.txt");
    let changed = interview(1).replace("grain", "steel");
    assert_eq!(changed.len(), interview(1).len());
    std::fs::write(&file, &changed).unwrap();
    set_time(&file, 1_000_000);
    let (docs, hits) = load(&cache, dir.path());
    assert_eq!(hits, 2);
    assert_eq!(shown(&docs), shown(&parsed(dir.path())));
    assert!(shown(&docs)[1].contains("steel"));
    // And kept: the next opening takes all three from the cache.
    let (again, hits) = load(&cache, dir.path());
    assert_eq!(hits, 3);
    assert_eq!(shown(&again), shown(&docs));
}

#[test]
fn a_touched_file_is_read_but_not_parsed_again() {
    let dir = folder();
    let home = tempfile::tempdir().unwrap();
    let cache = Cache::at(home.path());
    load(&cache, dir.path());
    set_time(&dir.path().join("talk-0.txt"), 2_000_000);
    let (docs, hits) = load(&cache, dir.path());
    assert_eq!(hits, 3, "the same bytes: the cached document");
    assert_eq!(shown(&docs), shown(&parsed(dir.path())));
}

#[test]
fn deleted_and_new_files_are_what_the_folder_holds_now() {
    let dir = folder();
    let home = tempfile::tempdir().unwrap();
    let cache = Cache::at(home.path());
    load(&cache, dir.path());
    std::fs::remove_file(dir.path().join("talk-2.txt")).unwrap();
    std::fs::write(dir.path().join("talk-9.txt"), interview(9)).unwrap();
    let (docs, hits) = load(&cache, dir.path());
    assert_eq!(hits, 2, "the two files left");
    assert_eq!(shown(&docs), shown(&parsed(dir.path())));
    let paths: Vec<&str> = docs.iter().map(|d| d.file_name()).collect();
    assert_eq!(paths, ["talk-0.txt", "talk-1.txt", "talk-9.txt"]);
    let (_, hits) = load(&cache, dir.path());
    assert_eq!(hits, 3);
}

#[test]
fn a_damaged_or_cut_cache_file_is_ignored_and_written_anew() {
    let dir = folder();
    let home = tempfile::tempdir().unwrap();
    let cache = Cache::at(home.path());
    load(&cache, dir.path());
    let packs: Vec<_> = std::fs::read_dir(home.path().join("documents"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(packs.len(), 1);
    let whole = std::fs::read(&packs[0]).unwrap();
    type Harm = Box<dyn Fn(&mut Vec<u8>)>;
    let damage: [Harm; 4] = [
        Box::new(|b| {
            let mid = b.len() / 2;
            b[mid] ^= 0x55;
        }),
        Box::new(|b| b.truncate(b.len() / 3)),
        Box::new(|b| b.clear()),
        Box::new(|b| *b = b"not a cache file at all".to_vec()),
    ];
    for harm in damage {
        let mut bytes = whole.clone();
        harm(&mut bytes);
        std::fs::write(&packs[0], &bytes).unwrap();
        let (docs, hits) = load(&cache, dir.path());
        assert_eq!(hits, 0);
        assert_eq!(shown(&docs), shown(&parsed(dir.path())));
        let (_, hits) = load(&cache, dir.path());
        assert_eq!(hits, 3, "written anew");
    }
}

#[test]
fn a_cache_that_cannot_be_written_only_means_parsing() {
    let dir = folder();
    // Under a file: no folder can be made there, not even by root.
    let cache = Cache::at("/dev/null/qnav-cache");
    for _ in 0..2 {
        let (docs, hits) = load(&cache, dir.path());
        assert_eq!(hits, 0);
        assert_eq!(shown(&docs), shown(&parsed(dir.path())));
    }
    assert_eq!(cache.stats(), qnav::cache::Stats::default());
}

#[test]
fn two_writers_at_once_leave_a_whole_cache() {
    let dir = folder();
    let home = tempfile::tempdir().unwrap();
    for _ in 0..5 {
        std::thread::scope(|scope| {
            for _ in 0..2 {
                scope.spawn(|| {
                    let cache = Cache::at(home.path());
                    let (docs, _) = load(&cache, dir.path());
                    assert_eq!(docs.len(), 3);
                });
            }
        });
        let (docs, hits) = load(&Cache::at(home.path()), dir.path());
        assert_eq!(hits, 3);
        assert_eq!(shown(&docs), shown(&parsed(dir.path())));
        Cache::at(home.path()).clear().unwrap();
    }
    // No temporary file is left behind.
    let left: Vec<_> = std::fs::read_dir(home.path()).unwrap().flatten().collect();
    assert!(left.is_empty(), "{left:?}");
}

/// Two `qnav` processes filling the same cache at once print what one
/// without a cache prints, and so does a third reading it.
#[test]
fn two_processes_at_once_then_a_third_agree_with_no_cache() {
    let dir = folder();
    let home = tempfile::tempdir().unwrap();
    let run = |cache: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_qnav"))
            .args(["search", "grain border", "--json"])
            .arg(dir.path())
            .env("XDG_CACHE_HOME", cache)
            .env("XDG_CONFIG_HOME", "/nonexistent/qnav-test-config")
            .output()
            .unwrap()
    };
    let home_path = home.path().to_str().unwrap();
    let expected = run(common::NO_CACHE);
    assert!(expected.status.success());
    let both: Vec<_> = std::thread::scope(|scope| {
        let a = scope.spawn(|| run(home_path));
        let b = scope.spawn(|| run(home_path));
        vec![a.join().unwrap(), b.join().unwrap()]
    });
    for out in both.iter().chain([&run(home_path)]) {
        assert!(out.status.success());
        assert_eq!(out.stdout, expected.stdout);
    }
    let stats = Cache::at(home.path().join("qnav")).stats();
    assert_eq!((stats.documents, stats.indexes), (1, 1));
}

/// A changed and a new file: the index kept for the folder before is
/// updated — the unchanged files' part of it taken as it was — and is the
/// index built afresh; kept, it is a hit; a damaged index is never the one
/// updated from (#16).
#[test]
fn a_changed_file_updates_the_kept_index_rather_than_building_it_whole() {
    use qnav::cache::{IndexFrom, index_from};
    use qnav::search::Index;
    let dir = folder();
    let home = tempfile::tempdir().unwrap();
    let cache = Cache::at(home.path());
    let docs = parsed(dir.path());
    let (built, from) = index_from(Some(&cache), &docs);
    assert_eq!(from, IndexFrom::Built);
    cache.keep_index(&docs, &built);
    std::fs::write(dir.path().join("talk-1.txt"), interview(7)).unwrap();
    std::fs::write(dir.path().join("talk-3.txt"), interview(1)).unwrap();
    let now = parsed(dir.path());
    assert_eq!(now.len(), 4);
    let (updated, from) = index_from(Some(&cache), &now);
    assert_eq!(from, IndexFrom::Updated { reused: 2 });
    let afresh = Index::build(&now);
    assert_eq!(updated.len(), afresh.len());
    assert!((0..afresh.len() as u32).all(|s| updated.statement(s) == afresh.statement(s)));
    assert_eq!(updated.vocabulary_len(), afresh.vocabulary_len());
    // `talk-3` says what `talk-1` said before: repeats of nothing kept.
    assert_eq!(
        (0..afresh.len() as u32)
            .map(|s| updated.canonical(s))
            .collect::<Vec<_>>(),
        (0..afresh.len() as u32)
            .map(|s| afresh.canonical(s))
            .collect::<Vec<_>>()
    );
    cache.keep_index(&now, &updated);
    assert_eq!(index_from(Some(&cache), &now).1, IndexFrom::Cache);
    // Every kept index damaged: built whole, never updated from one.
    std::fs::write(dir.path().join("talk-2.txt"), interview(9)).unwrap();
    for e in std::fs::read_dir(home.path().join("indexes")).unwrap() {
        let path = e.unwrap().path();
        let mut bytes = std::fs::read(&path).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x55;
        std::fs::write(&path, bytes).unwrap();
    }
    let again = parsed(dir.path());
    assert_eq!(index_from(Some(&cache), &again).1, IndexFrom::Built);
}

#[test]
fn the_index_comes_from_the_cache_when_the_documents_are_the_same() {
    use qnav::search::{Index, Scope, Searcher};
    let dir = folder();
    let home = tempfile::tempdir().unwrap();
    let cache = Cache::at(home.path());
    let docs = parsed(dir.path());
    assert!(cache.index(&docs).is_none());
    let built = Index::build(&docs);
    cache.keep_index(&docs, &built);
    let kept = cache.index(&docs).expect("a hit");
    let hits = |index: &Index| -> Vec<u32> {
        Searcher::new()
            .search(index, &docs, "grain", Scope::All, 0, 20)
            .hits
            .iter()
            .map(|h| h.statement)
            .collect()
    };
    assert!(!hits(&built).is_empty());
    assert_eq!(hits(&kept), hits(&built));
    assert_eq!(kept.len(), built.len());
    // Another document: another index.
    std::fs::write(dir.path().join("talk-1.txt"), interview(7)).unwrap();
    assert!(cache.index(&parsed(dir.path())).is_none());
    // A damaged index file is no index.
    let file = std::fs::read_dir(home.path().join("indexes"))
        .unwrap()
        .flatten()
        .next()
        .unwrap()
        .path();
    let mut bytes = std::fs::read(&file).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 1;
    std::fs::write(&file, &bytes).unwrap();
    assert!(cache.index(&docs).is_none());
}

#[test]
fn the_cache_command_says_where_and_what_and_clears() {
    let dir = folder();
    let home = tempfile::tempdir().unwrap();
    let qnav = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_qnav"))
            .args(args)
            .env("XDG_CACHE_HOME", home.path())
            .env("XDG_CONFIG_HOME", "/nonexistent/qnav-test-config")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let at = home.path().join("qnav");
    assert_eq!(qnav(&["cache", "--path"]).trim_end(), at.to_str().unwrap());
    let folder = dir.path().to_str().unwrap();
    // --no-cache writes nothing.
    qnav(&["--no-cache", "list", "--json", folder]);
    assert!(!at.exists());
    qnav(&["list", "--json", folder]);
    let stats = qnav(&["cache", "--stats"]);
    assert!(stats.contains("documents\t1\t"), "{stats}");
    assert!(stats.contains("indexes\t1\t"), "{stats}");
    let cleared = qnav(&["cache", "--clear"]);
    assert!(
        cleared.starts_with("removed 1 documents and 1 indexes"),
        "{cleared}"
    );
    assert_eq!(Cache::at(&at).stats(), qnav::cache::Stats::default());
}

/// Rewritten with other words of the same length and its modification
/// time put back: the change time (which no one can set back) gives it
/// away, so the new words are read.
#[test]
fn a_same_size_edit_with_its_time_put_back_is_read_anew() {
    let dir = folder();
    let home = tempfile::tempdir().unwrap();
    let cache = Cache::at(home.path());
    let file = dir.path().join("talk-2.txt");
    set_time(&file, 3_000_000);
    load(&cache, dir.path());
    std::fs::write(&file, interview(2).replace("grain", "wheat")).unwrap();
    set_time(&file, 3_000_000);
    let (docs, hits) = load(&cache, dir.path());
    assert_eq!(hits, 2);
    assert!(shown(&docs)[2].contains("wheat"));
    assert_eq!(shown(&docs), shown(&parsed(dir.path())));
}

/// Two names that differ only in bytes that are not UTF-8 are two files
/// with two documents, however alike their sizes and times.
#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_stay_apart() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let cache = Cache::at(home.path());
    for (name, n) in [(&b"talk-\xe9.txt"[..], 5), (&b"talk-\xe8.txt"[..], 6)] {
        let file = dir.path().join(std::ffi::OsStr::from_bytes(name));
        std::fs::write(&file, interview(n)).unwrap();
        set_time(&file, 4_000_000);
    }
    let (first, _) = load(&cache, dir.path());
    let (second, hits) = load(&cache, dir.path());
    assert_eq!(first.len(), 2);
    assert_eq!(hits, 2);
    assert_eq!(shown(&first), shown(&second));
    assert!(shown(&second)[0].contains("round 5") != shown(&second)[1].contains("round 5"));
}

/// A corpus edited again and again does not leave an index for each of
/// its states: the most recent few are kept.
#[test]
fn old_indexes_make_way_for_new_ones() {
    let home = tempfile::tempdir().unwrap();
    let cache = Cache::at(home.path());
    for n in 0..12 {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("talk.txt"), interview(n)).unwrap();
        let docs = parsed(dir.path());
        cache.keep_index(&docs, &qnav::search::Index::build(&docs));
        assert!(cache.index(&docs).is_some(), "the newest is kept");
    }
    assert_eq!(cache.stats().indexes, 8);
}

/// `qnav search` over `dir` with the cache in `home`: its output, and what
/// `--timings` says of where the answer came from.
fn search_with(home: &Path, dir: &Path, query: &str, cache: bool) -> (String, String) {
    let mut args = vec!["search", "--json", "--timings", query];
    if !cache {
        args.insert(0, "--no-cache");
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_qnav"))
        .args(&args)
        .arg(dir)
        .env("XDG_CACHE_HOME", home)
        .env("XDG_CONFIG_HOME", "/nonexistent/qnav-test-config")
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Files changed since the last search over them are never answered from
/// the search file: it answers only while every file is as it was, and
/// then as a fresh parse would. (A file changed less than three seconds
/// before the search file would be written is not written into one: a
/// later change in the same tick of the file system's clock could hide.)
#[test]
fn a_search_file_answers_only_for_the_files_as_they_were() {
    let dir = folder();
    let home = tempfile::tempdir().unwrap();
    let (home, dir) = (home.path(), dir.path());
    let fresh = |q: &str| search_with(home, dir, q, false).0;
    let cached = |q: &str| search_with(home, dir, q, true);
    let from_file = |stderr: &str| stderr.contains("search_file=true");
    // Files this new are not written into a search file.
    let (out, err) = cached("grain");
    assert!(!from_file(&err), "{err}");
    assert_eq!(out, fresh("grain"));
    assert!(!home.join("qnav/searches").exists());
    std::thread::sleep(std::time::Duration::from_millis(3100));
    let (out, err) = cached("grain");
    assert!(!from_file(&err), "{err}");
    assert_eq!(out, fresh("grain"));
    for query in ["grain", "border round", "'everyone home", "zzzqx"] {
        let (out, err) = cached(query);
        assert!(from_file(&err), "{query}: {err}");
        assert_eq!(out, fresh(query), "{query}");
    }
    // A query naming a speaker: who said what comes with the search file.
    let (out, err) = cached("@a grain");
    assert!(from_file(&err), "{err}");
    assert!(out.contains("grain"), "{out}");
    assert_eq!(out, fresh("@a grain"));
    // An edit of the same size, a new file, a deleted file: each gives
    // what the folder holds now.
    let edited = interview(1).replace("grain", "wheat");
    std::fs::write(dir.join("talk-1.txt"), edited).unwrap();
    let (out, err) = cached("wheat");
    assert!(!from_file(&err), "{err}");
    assert!(out.contains("wheat"), "{out}");
    assert_eq!(out, fresh("wheat"));
    std::fs::write(dir.join("talk-9.txt"), interview(9)).unwrap();
    let (out, err) = cached("round 9");
    assert!(!from_file(&err), "{err}");
    assert_eq!(out, fresh("round 9"));
    std::fs::remove_file(dir.join("talk-0.txt")).unwrap();
    let (out, err) = cached("grain");
    assert!(!from_file(&err), "{err}");
    assert_eq!(out, fresh("grain"));
    assert!(!out.contains("talk-0"), "{out}");
}

#[test]
fn a_damaged_search_file_is_ignored_and_written_anew() {
    let dir = folder();
    let home = tempfile::tempdir().unwrap();
    let (home, dir) = (home.path(), dir.path());
    // Old enough not to be racy: written a search file on the first search.
    std::thread::sleep(std::time::Duration::from_millis(3100));
    search_with(home, dir, "grain", true);
    let file = std::fs::read_dir(home.join("qnav/searches"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "qnav"))
        .expect("a search file");
    let whole = std::fs::read(&file).unwrap();
    let fresh = search_with(home, dir, "border grain", false).0;
    for damage in 0..3 {
        let mut bad = whole.clone();
        match damage {
            0 => bad.truncate(bad.len() / 2),
            1 => {
                let at = bad.len() - 100;
                bad[at] ^= 0x20;
            }
            _ => bad[3] = b'X',
        }
        std::fs::write(&file, &bad).unwrap();
        let (out, err) = search_with(home, dir, "border grain", true);
        assert!(!err.contains("search_file=true"), "{damage}: {err}");
        assert_eq!(out, fresh, "{damage}");
        // Written anew: the next search is answered from it.
        let (out, err) = search_with(home, dir, "border grain", true);
        assert!(err.contains("search_file=true"), "{damage}: {err}");
        assert_eq!(out, fresh, "{damage}");
    }
}
