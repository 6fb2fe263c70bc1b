//! The command line as a user meets it: subcommands, exit codes, errors on stderr.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;

fn qnav() -> Command {
    let mut c = Command::cargo_bin("qnav").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    // Never the developer's own settings.
    c.env("XDG_CONFIG_HOME", "/nonexistent/qnav-test-config");
    // Nor their cache: a path under a file, which no one can create.
    c.env("XDG_CACHE_HOME", common::NO_CACHE);
    c
}

/// What `qnav ARGS` prints on stdout, having succeeded.
fn stdout_of(args: &[&str]) -> Vec<u8> {
    qnav()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone()
}

/// A file `name` holding `text` in a new temporary folder (kept alive by
/// the returned guard), and its path as a string.
fn written(name: &str, text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    let path = path.to_str().unwrap().to_string();
    (dir, path)
}

#[test]
fn help_and_version() {
    qnav()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("export"))
        .stdout(predicate::str::contains("list"));
    qnav()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn list_shows_one_line_per_document() {
    let text = String::from_utf8(stdout_of(&["list"])).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5);
    let tass = lines.iter().find(|l| l.contains("csto-news-tass")).unwrap();
    let cols: Vec<&str> = tass.split('\t').collect();
    // Title, date, interviewee, source, questions, path — none cut short.
    assert_eq!(
        cols,
        [
            "Interview of the CSTO Secretary General Imangali Tasmagambetov to the TASS agency",
            "-",
            "Imangali Tasmagambetov",
            "TASS",
            "5",
            "docs-data/csto-news-tass-tasmagambetov-interview.txt"
        ]
    );
    // The same as JSON.
    let v: serde_json::Value =
        serde_json::from_slice(&stdout_of(&["list", "--json", "docs-data"])).unwrap();
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 5);
    let tass = docs
        .iter()
        .find(|d| d["path"] == "docs-data/csto-news-tass-tasmagambetov-interview.txt")
        .unwrap();
    assert_eq!(tass["interviewee"], "Imangali Tasmagambetov");
    assert_eq!(tass["pairs"], 5);
    assert_eq!(tass["format"], "dash-turns");
    assert!(tass["bytes"].as_u64().unwrap() > 1000);
    for key in ["title", "date", "speakers"] {
        assert!(tass.get(key).is_some(), "{key}");
    }
    // The TASS excerpt is said inside the full interview; nothing else is
    // inside anything (the article quotes the Masadykov interview, but
    // is mostly its own words).
    let contained: Vec<(&str, Vec<&str>)> = docs
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap(),
                d["contained_in"]
                    .as_array()
                    .expect("contained_in is a list")
                    .iter()
                    .map(|p| p.as_str().unwrap())
                    .collect::<Vec<&str>>(),
            )
        })
        .filter(|(_, inside)| !inside.is_empty())
        .collect();
    assert_eq!(
        contained,
        [(
            "docs-data/tass-tasmagambetov-excerpt.txt",
            vec!["docs-data/csto-news-tass-tasmagambetov-interview.txt"]
        )]
    );
}

#[test]
fn export_json_has_the_documented_shape() {
    let v: serde_json::Value =
        serde_json::from_slice(&stdout_of(&["export", "--format", "json", "docs-data"])).unwrap();
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 5);
    for key in [
        "path",
        "title",
        "kind",
        "interviewee",
        "source",
        "date",
        "preamble",
        "pairs",
        "body",
        "quotes",
        "dropped",
        "warnings",
    ] {
        assert!(docs[0].get(key).is_some(), "missing {key}");
    }
    let rt = docs
        .iter()
        .find(|d| d["path"] == "docs-data/rt-csto-charter-anniversary.txt")
        .unwrap();
    let p = &rt["pairs"][3];
    assert_eq!(p["number"], 4);
    assert!(p["question"].is_array() && p["question"][0].is_string());
    for key in ["answer", "asker", "answerer"] {
        assert!(p.get(key).is_some(), "pair lacks {key}");
    }
}

#[test]
fn export_markdown_has_headings_and_numbered_questions() {
    qnav()
        .args([
            "export",
            "--format",
            "markdown",
            "docs-data/tass-tasmagambetov-excerpt.txt",
        ])
        .assert()
        .success()
        // No title in the text: the file's name, never the first question.
        .stdout(predicate::str::starts_with(
            "# Tass tasmagambetov excerpt\n",
        ))
        .stdout(predicate::str::contains(
            "**Q4.** There is a question in connection",
        ))
        // Each pair says where it stands in the file.
        .stdout(predicate::str::is_match(r"\n<sub>lines \d+–\d+</sub>\n").unwrap());
}

#[test]
fn show_a_pair_by_title_fragment() {
    qnav()
        .args(["show", "Tasmagambetov to the TASS", "--pair", "2"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "Q2: How well is the CSTO coping",
        ));
    qnav()
        .args([
            "show",
            "docs-data/rt-csto-charter-anniversary.txt",
            "--pair",
            "99",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no pair 99"));
    qnav()
        .args(["show", "CSTO"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("documents match"));
}

#[test]
fn stdin_is_a_document() {
    qnav()
        .args(["export", "-"])
        .write_stdin("Q: Where?\nA: Here.\nQ: When?\nA: Now.\n")
        .assert()
        .success()
        .stdout(
            predicate::str::contains("\"path\": \"-\"").and(predicate::str::contains("\"Now.\"")),
        );
}

#[test]
fn bad_inputs_are_reported_and_the_rest_is_exported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.txt"), "- Why?\n- Because.\n").unwrap();
    std::fs::write(dir.path().join("binary.txt"), b"\x00\x01\x02").unwrap();
    let missing = dir.path().join("missing.txt");
    let out = qnav()
        .args(["export", "--format", "json"])
        .arg(dir.path())
        .arg(&missing)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("binary.txt").and(predicate::str::contains("missing.txt")))
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 1);
}

#[test]
fn unknown_flags_are_usage_errors() {
    qnav()
        .arg("--frobnicate")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unexpected argument"));
}

#[test]
#[cfg_attr(
    not(shared),
    ignore = "needs ../shared beside the repository (README: Set-up)"
)]
fn golden_check_passes_on_the_built_binary() {
    // The project's own acceptance tool, when ../shared is present.
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let tool = shared.join("tools/golden-check");
    if std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_err()
    {
        return;
    }
    let out = std::process::Command::new("python3")
        .arg(tool)
        .args(["--bin", env!("CARGO_BIN_EXE_qnav"), "--docs", "docs-data"])
        .env("XDG_CACHE_HOME", common::NO_CACHE)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("checks passed"), "{text}");
}

#[test]
fn export_bookmarks_from_the_state_file() {
    let state_home = tempfile::tempdir().unwrap();
    let (corpus, _) = qnav::load::load_corpus(&[common::repo_file(
        "docs-data/tass-tasmagambetov-excerpt.txt",
    )]);
    let mut doc = corpus.documents.into_iter().next().unwrap();
    // The CLI is run from the repository with a relative path: record it that way.
    doc.path = "docs-data/tass-tasmagambetov-excerpt.txt".into();
    let (mut store, _) = qnav::state::Store::open(&state_home.path().join("qnav"));
    store.state.set_note(&doc, 3, "AI as a risk");
    store.touch(&doc);
    store.save().unwrap();
    let out = qnav()
        .env("XDG_STATE_HOME", state_home.path())
        .args(["export", "--bookmarks", "--format", "markdown", "docs-data"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    insta::assert_snapshot!("bookmarks_markdown", String::from_utf8(out).unwrap());
    let out = qnav()
        .env("XDG_STATE_HOME", state_home.path())
        .args(["export", "--bookmarks", "--format", "json", "docs-data"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["bookmarks"].as_array().unwrap().len(), 1);
    assert_eq!(v["bookmarks"][0]["number"], 3);
    assert_eq!(v["bookmarks"][0]["note"], "AI as a risk");
}

#[test]
fn completions_and_man_page() {
    qnav()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("qnav"));
    qnav()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH qnav"));
}

/// Whether this process can open a file whose mode is 000 (root can).
fn privileged(file: &std::path::Path) -> bool {
    std::fs::File::open(file).is_ok()
}

#[test]
fn an_unreadable_file_is_named_on_stderr_and_the_rest_loads() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    // Readable by anyone, so an unprivileged user can walk it.
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "Q: Why?\nA: Because.\n").unwrap();
    std::fs::set_permissions(&good, std::fs::Permissions::from_mode(0o644)).unwrap();
    let locked = dir.path().join("locked.txt");
    std::fs::write(&locked, "Q: Secret?\nA: Yes.\n").unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::os::unix::fs::symlink(dir.path().join("nowhere.txt"), dir.path().join("gone.txt"))
        .unwrap();

    let binary = env!("CARGO_BIN_EXE_qnav");
    // Root reads anything: run qnav as `nobody` (setpriv) so the mode counts.
    let mut command = if privileged(&locked) {
        let as_nobody = ["--reuid=65534", "--regid=65534", "--clear-groups", binary];
        // `nobody` must be able to run qnav and read the readable file.
        let works = std::process::Command::new("setpriv")
            .args(as_nobody)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
            && std::process::Command::new("setpriv")
                .args(&as_nobody[..3])
                .args(["test", "-r"])
                .arg(&good)
                .status()
                .is_ok_and(|s| s.success());
        if !works {
            eprintln!("skipped: privileged, and cannot run qnav as another user");
            return;
        }
        let mut c = Command::new("setpriv");
        c.args(as_nobody);
        c
    } else {
        Command::new(binary)
    };
    let out = command
        .env("XDG_CONFIG_HOME", "/nonexistent/qnav-test-config")
        .env("XDG_CACHE_HOME", common::NO_CACHE)
        .arg("list")
        .arg(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.contains("good.txt"), "{stdout}");
    assert!(stderr.contains("locked.txt: Permission denied"), "{stderr}");
    assert!(stderr.contains("gone.txt: No such file"), "{stderr}");
}

fn explain(path: &str) -> String {
    let out = qnav().args(["explain", path]).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

/// Format, every detector's verdict, the speakers, and a reason per turn.
fn assert_explains(text: &str, format: &str, speaker: &str, reason: &str) {
    assert!(text.contains(&format!("format: {format} (")), "{text}");
    assert!(text.contains(&format!("pass  {format}")), "{text}");
    for detector in ["labelled-speakers", "dash-turns", "magazine", "article"] {
        assert!(text.contains(detector), "{detector} missing:\n{text}");
    }
    let speakers = text.split("\nspeakers").nth(1).expect("a speakers section");
    assert!(speakers.contains(speaker), "{speaker} missing:\n{text}");
    let turns = text.split("\nturns").nth(1).expect("a turns section");
    assert!(turns.contains(reason), "{reason} missing:\n{text}");
}

#[test]
fn explain_says_why_a_dash_interview_was_read_as_it_was() {
    let text = explain("docs-data/rt-csto-charter-anniversary.txt");
    assert_explains(
        &text,
        "dash-turns",
        "(unlabelled)",
        "a dash turn after a question: its answer",
    );
    assert!(text.contains("fail  labelled-speakers"), "{text}");
}

#[test]
fn explain_names_speakers_and_the_rule_for_each_turn() {
    let (_dir, path) = written(
        "briefing.txt",
        "MS. LANE:  Good afternoon. Two things before questions.\n\nQ    Thanks. What does the new plan cost?\n\nMS. LANE:  Less than the old one.\n\nMR. BOYD:  About a third less, over ten years.\n",
    );
    let text = explain(&path);
    assert_explains(
        &text,
        "labelled-speakers",
        "MR. BOYD",
        "said before the first question: an opening statement",
    );
    assert!(
        text.contains("asks: a sentence ending in ? that is more than a name"),
        "{text}"
    );
}

#[test]
#[cfg_attr(
    not(shared),
    ignore = "needs ../shared beside the repository (README: Set-up)"
)]
fn explain_on_a_kremlin_news_conference() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let file = shared.join(
        "corpus/kremlin-interviews-press-conferences/2017-12-14-vladimir-putins-annual-news-conference-56378.txt",
    );
    if !file.exists() {
        eprintln!("skipped: {} is absent", file.display());
        return;
    }
    let text = explain(file.to_str().unwrap());
    assert_explains(
        &text,
        "labelled-speakers",
        "Vladimir Putin",
        "its speaker is the one who answers",
    );
    // The moderator gives the floor; journalists who speak once ask.
    assert!(text.contains("gives the floor"), "{text}");
    let alina = text
        .lines()
        .find(|l| l.contains("Alina Chaban") && l.contains(" turns:"))
        .expect("Alina Chaban is a speaker");
    assert!(alina.contains("1 ask"), "{alina}");
}

/// Hostile input: a closed stderr (`2>&1 >out.json | head`) must not cost
/// the export on stdout, nor panic.
#[test]
fn a_closed_stderr_does_not_lose_the_export() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..300 {
        std::fs::write(
            dir.path().join(format!("b{i:03}.txt")),
            [0u8, 1, 2, 0, 0xff, 0],
        )
        .unwrap();
    }
    std::fs::write(
        dir.path().join("interview.txt"),
        "Q: Where were you born?\nA: In Paris, long ago.\n",
    )
    .unwrap();
    let out = dir.path().join("out.json");
    let status = std::process::Command::new("sh")
        .env("XDG_CACHE_HOME", common::NO_CACHE)
        .arg("-c")
        .arg(format!(
            "exec 2>&-; '{}' export --format json '{}' > '{}'",
            env!("CARGO_BIN_EXE_qnav"),
            dir.path().display(),
            out.display()
        ))
        .status()
        .unwrap();
    assert_ne!(status.code(), Some(101), "no panic");
    let json = std::fs::read_to_string(&out).unwrap();
    assert!(json.contains("Where were you born?"), "{json}");
}

/// `TERM=dumb` cannot show the reader: the clean text instead.
#[test]
fn term_dumb_gets_plain_text() {
    let out = qnav()
        .env("TERM", "dumb")
        .arg("docs-data/rt-csto-charter-anniversary.txt")
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("Q1"), "{text}");
    assert!(!text.contains('\u{1b}'), "no escape sequences");
}

/// Usage mistakes are said, with exit 2, not a silent exit 1.
#[test]
fn an_empty_query_or_a_zero_limit_is_a_usage_error_that_says_so() {
    for (query, limit) in [("", "5"), ("   ", "5"), ("border", "0")] {
        qnav()
            .args(["search", query, "docs-data", "--limit", limit])
            .assert()
            .code(2)
            .stderr(predicate::str::is_empty().not());
    }
}

/// `qnav show FOLDER` of many documents names none at random.
#[test]
fn show_of_a_folder_of_many_asks_for_one() {
    qnav()
        .args(["show", "docs-data"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("holds 5 documents"));
}

/// Sizes that used to be read whole: a file over the limit is named and
/// skipped unread; a huge sparse (all-NUL) file is skipped as binary from
/// its first kilobytes; the rest loads.
#[test]
fn huge_and_sparse_files_are_skipped_without_being_read() {
    let dir = tempfile::tempdir().unwrap();
    let sized = |name: &str, len: u64| {
        std::fs::File::create(dir.path().join(name))
            .unwrap()
            .set_len(len)
            .unwrap();
    };
    sized("huge.txt", qnav::load::MAX_FILE_BYTES + 1);
    sized("sparse.txt", 100 * 1024 * 1024);
    std::fs::write(
        dir.path().join("ok.txt"),
        "Q: Where were you born?\nA: In Paris, long ago.\n",
    )
    .unwrap();
    qnav()
        .arg("list")
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("ok.txt"))
        .stderr(
            predicate::str::contains("huge.txt").and(predicate::str::contains("MiB qnav reads")),
        )
        .stderr(predicate::str::contains("sparse.txt").and(predicate::str::contains("binary")));
}

/// Trees that used to hang: a link to `/proc/self` or `/` is not followed,
/// and folders nested past the depth limit are not walked; both are said.
#[test]
fn links_out_to_the_system_and_runaway_depth_are_not_walked() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/proc/self", dir.path().join("proc")).unwrap();
    std::os::unix::fs::symlink("/", dir.path().join("root")).unwrap();
    let mut deep = dir.path().to_path_buf();
    for i in 0..=qnav::load::MAX_DEPTH + 1 {
        deep.push(format!("d{i}"));
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(deep.join("lost.txt"), "Q: Why?\nA: Because.\n").unwrap();
    std::fs::write(
        dir.path().join("ok.txt"),
        "Q: Where were you born?\nA: In Paris, long ago.\n",
    )
    .unwrap();
    qnav()
        .arg("list")
        .arg(dir.path())
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("ok.txt"))
        .stderr(predicate::str::contains(
            "links to a system folder, not followed",
        ))
        .stderr(predicate::str::contains("folders deep, not walked"));
}

/// `explain` names the gated label family a document's evidence admitted.
#[test]
fn explain_names_the_gated_label_family_that_fired() {
    let (_dir, path) = written(
        "hearing.txt",
        "Senator GRASSLEY. Thank you. What is the plan?\n\nMs. JACKSON LEE. The plan is to wait and see how it goes.\n\nSenator GRASSLEY. And then what happens next?\n\nMs. JACKSON LEE. We vote on it next week, I expect.\n",
    );
    let text = explain(&path);
    assert!(
        text.contains(
            "label families admitted by the evidence of turns: titled names before a period"
        ),
        "{text}"
    );
}

#[test]
fn show_a_pair_by_where_it_stands_in_the_source() {
    let (_dir, f) = written(
        "t.txt",
        "Skip to main content\n\n[00:00:05] Q: Where were you born?\n[00:00:09] A: In Paris, in a flat over a bakery.\n[00:01:12] Q: When did you leave?\n[00:01:15] A: At nineteen, for a job in Lyon.\n",
    );
    let f = f.as_str();
    // A time, a line: the pair that holds it, with its citation.
    qnav()
        .args(["show", f, "--at", "00:01:13"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Q2: When did you leave?"))
        .stdout(predicate::str::contains("00:01:12, Q2"));
    qnav()
        .args(["show", f, "--at", "L4"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Q1: Where were you born?"));
    // The source lines behind it, numbered, the dropped ones said.
    qnav()
        .args(["show", f, "--lines"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "     1 ┊ Skip to main content    [dropped: navigation]",
        ))
        .stdout(predicate::str::contains(
            "     5 │ [00:01:12] Q: When did you leave?",
        ));
    qnav()
        .args(["show", f, "--at", "L5", "--lines"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("     5 │ [00:01:12] Q:"))
        .stdout(predicate::str::contains("     4 │").not());
    // Places that are not there, or not places, are said to be.
    qnav()
        .args(["show", f, "--at", "L1"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("before the first question"));
    qnav()
        .args(["show", f, "--at", "L99"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no such line"));
    qnav()
        .args(["show", f, "--at", "soon"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("not a place"));
    qnav()
        .args(["show", f, "--at", "L2", "--pair", "1"])
        .assert()
        .failure();
}

#[test]
fn file_names_with_escapes_newlines_and_broken_utf8_are_listed_safely() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let interview = "Q: Where were you born?\n\nA: In Paris, in a flat over a bakery.\n";
    for name in [
        b"line\nbreak.txt".as_slice(),
        b"esc\x1b]0;title\x07\x1b[31m.txt".as_slice(),
        b"broken\xff\xfeutf8.txt".as_slice(),
        "bidi\u{202e}txt.evil.txt".as_bytes(),
    ] {
        std::fs::write(
            dir.path().join(std::ffi::OsStr::from_bytes(name)),
            interview,
        )
        .unwrap();
    }
    let out = qnav()
        .args(["list", dir.path().to_str().unwrap()])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    // Four rows, one per file; no escape, bell or bidi override reaches the terminal.
    assert_eq!(
        out.iter().filter(|&&b| b == b'\n').count(),
        4,
        "{}",
        String::from_utf8_lossy(&out)
    );
    assert!(!out.contains(&0x1b) && !out.contains(&0x07));
    let text = String::from_utf8(out).expect("UTF-8 out, whatever the names");
    assert!(!text.contains('\u{202e}'));
}

#[test]
fn list_sorts_and_filters_as_the_reader_does() {
    let titles = |args: &[&str]| -> Vec<String> {
        String::from_utf8(stdout_of(args))
            .unwrap()
            .lines()
            .map(|l| l.split('\t').next().unwrap().to_string())
            .collect()
    };
    let as_given = titles(&["list", "docs-data"]);
    let mut by_title = as_given.clone();
    by_title.sort_by_key(|t| t.to_lowercase());
    assert_eq!(titles(&["list", "--sort", "title", "docs-data"]), by_title);
    assert_ne!(
        as_given, by_title,
        "the seeds are not already in title order"
    );
    let tass = titles(&["list", "--filter", "tass excerpt", "docs-data"]);
    assert_eq!(tass, ["Tass tasmagambetov excerpt"]);
    qnav()
        .args(["list", "--sort", "size", "docs-data"])
        .assert()
        .code(2);
}

#[test]
fn a_folder_with_nothing_to_read_and_a_missing_file_are_said_and_fail() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("photo.png"), b"\x89PNG").unwrap();
    let out = qnav()
        .args(["list", dir.path().to_str().unwrap()])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no documents in") && err.contains(".docx"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    let out = qnav()
        .args(["show", "nosuch.txt"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nosuch.txt: no such file"), "{err}");
    // A title's part is still looked up as one.
    let out = qnav()
        .args(["show", "no such title"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(String::from_utf8_lossy(&out.stderr).contains("no document matches"));
}

#[test]
fn endless_and_random_devices_are_refused_at_once() {
    for device in ["/dev/zero", "/dev/urandom"] {
        if !std::path::Path::new(device).exists() {
            continue;
        }
        let out = qnav()
            .args(["list", device])
            .timeout(std::time::Duration::from_secs(5))
            .assert()
            .code(1)
            .get_output()
            .clone();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(device) && err.contains("binary"), "{err}");
    }
}

#[test]
fn speakers_lists_each_person_once_with_turns_and_documents() {
    let dir = tempfile::tempdir().unwrap();
    let talk = |host: &str, guest: &str| {
        format!(
            "{host}: What did the talks in March achieve, in your view?\n\n\
             {guest}: They settled the border question and the trade quotas.\n\n\
             {host}: And what comes next for the two delegations?\n\n\
             {guest}: A second round in June, in Geneva, with both ministers.\n"
        )
    };
    std::fs::write(
        dir.path().join("one.txt"),
        talk("Anna Petrova", "Vladimir Putin"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("two.txt"),
        talk("ANNA PETROVA", "Vladimir PUTIN"),
    )
    .unwrap();
    let out = stdout_of(&["speakers", "--json", dir.path().to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let speakers = json["speakers"].as_array().unwrap();
    assert_eq!(speakers.len(), 2, "{json}");
    let putin = speakers
        .iter()
        .find(|s| s["name"] == "Vladimir Putin")
        .unwrap_or_else(|| panic!("{json}"));
    assert_eq!(putin["documents"], 2);
    assert_eq!(putin["turns"], 4);
    assert_eq!(putin["asking"], 0);
    let petrova = speakers
        .iter()
        .find(|s| s["name"] != "Vladimir Putin")
        .unwrap();
    assert_eq!(petrova["asking"], 4, "{json}");
    // The plain listing: one line a person.
    let lines = String::from_utf8(stdout_of(&["speakers", dir.path().to_str().unwrap()])).unwrap();
    assert_eq!(lines.lines().count(), 2, "{lines}");
    assert!(
        lines.contains("Vladimir Putin\t4 turns\t2 documents\t"),
        "{lines}"
    );
}

#[test]
fn export_codes_gives_every_coded_pair_by_code_in_csv_json_and_markdown() {
    let home = tempfile::tempdir().unwrap();
    let state_dir = home.path().join("qnav");
    let (corpus, _) = qnav::load::load_corpus(&[common::repo_file("docs-data")]);
    let doc = &corpus.documents[0];
    let (mut store, _) = qnav::state::Store::open(&state_dir);
    store.state.toggle_code(doc, 1, "security").unwrap();
    store.state.toggle_code(doc, 2, "security").unwrap();
    store.state.toggle_code(doc, 2, "say \"no\"").unwrap();
    store.touch(doc);
    store.save().unwrap();
    let export = |args: &[&str]| {
        let out = qnav()
            .env("XDG_STATE_HOME", home.path())
            .args(["export"])
            .args(args)
            .arg("docs-data")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let csv = export(&["--codes", "--format", "csv"]);
    // Records end in CRLF; a field may hold line breaks (the turns).
    let rows: Vec<&str> = csv.split("\r\n").filter(|r| !r.is_empty()).collect();
    assert_eq!(rows.len(), 4, "{csv}");
    assert!(rows[0].ends_with(",turns,note,citation"), "{csv}");
    assert!(
        rows.iter().any(|r| r.starts_with("\"say \"\"no\"\"\",")),
        "quotes doubled: {csv}"
    );
    let only = export(&["--codes=security", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&only).unwrap();
    let codes = json["codes"].as_array().unwrap();
    assert_eq!(codes.len(), 1, "{json}");
    assert_eq!(codes[0]["code"], "security");
    let pairs = codes[0]["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 2);
    assert!(
        pairs[0]["citation"].as_str().unwrap().contains("Q1"),
        "{json}"
    );
    let markdown = export(&["--codes", "--format", "markdown"]);
    assert!(markdown.starts_with("# Codes\n"), "{markdown}");
    // CSV is for coded pairs only.
    qnav()
        .args(["export", "--format", "csv", "docs-data"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("add --codes"));
}
