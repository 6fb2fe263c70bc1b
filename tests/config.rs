//! `config.toml` end to end: a file's key bindings, colours and reading
//! width reach the reader (`App` and the drawn screen), its `paths` are what
//! `qnav` opens with no PATH, and `qnav config` prints the default and
//! checks a file.

mod common;

use assert_cmd::Command;
use common::{app, corpus, rows};
use qnav::config::Config;
use qnav::tui::{Action, Settings, render_to};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;

fn settings(text: &str) -> Settings {
    let (config, mut warnings) = Config::parse(text).unwrap_or_else(|e| panic!("{e}"));
    let (settings, setting_warnings) = Settings::from_config(&config);
    warnings.extend(setting_warnings);
    assert!(warnings.is_empty(), "{warnings:?}");
    settings
}

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn screen(app: &qnav::tui::App) -> Buffer {
    let area = app.screen();
    let mut buffer = Buffer::empty(area);
    render_to(app, area, &mut buffer);
    buffer
}

#[test]
fn a_rebound_key_drives_the_reader_and_the_help_and_hints_follow() {
    let mut app = app(corpus(), 140, 45)
        .with_settings(settings("[keys]\nnext_question = [\"x\"]\nhelp = \"F1\"\n"));
    let action = app.keymap().action_for_event(&key('x'), false);
    assert_eq!(action, Some(Action::NextQuestion));
    app.update(action.unwrap());
    assert_eq!(app.current_pair(), Some(1));
    // `n` no longer moves.
    assert_eq!(app.keymap().action_for_event(&key('n'), false), None);
    let text = rows(&screen(&app)).join("\n");
    assert!(text.contains("x/p question"), "status hints:\n{text}");
    assert!(text.contains("F1 help"), "status hints:\n{text}");
    app.update(Action::Help);
    let text = rows(&screen(&app)).join("\n");
    assert!(
        text.contains(" x            next question"),
        "help:\n{text}"
    );
    assert!(!text.contains(" n, ]"), "help:\n{text}");
}

#[test]
fn theme_colours_reach_the_screen() {
    let app = app(corpus(), 140, 45);
    let plain = screen(&app);
    let app = app.with_settings(settings(
        "[theme]\naccent = \"#102030\"\nstatus_bg = \"blue\"\n",
    ));
    let themed = screen(&app);
    let colours = |b: &Buffer| {
        b.content
            .iter()
            .flat_map(|c| [c.fg, c.bg])
            .collect::<Vec<Color>>()
    };
    assert!(!colours(&plain).contains(&Color::Rgb(0x10, 0x20, 0x30)));
    // The focused pane's border is drawn in the accent colour.
    assert!(colours(&themed).contains(&Color::Rgb(0x10, 0x20, 0x30)));
    let status_row = app.screen().height - 1;
    assert_eq!(themed[(0, status_row)].bg, Color::Blue);
    assert_eq!(plain[(0, status_row)].bg, Color::DarkGray);
}

#[test]
fn the_reading_column_is_never_wider_than_max_width() {
    let app = app(corpus(), 200, 50);
    let wide = app.reader_lines().unwrap().width;
    assert!(wide > 60, "{wide}");
    let mut app = app.with_settings(settings("[reader]\nmax_width = 60\n"));
    let lines = app.reader_lines().unwrap();
    assert_eq!(lines.width, 60);
    assert!(lines.lines.iter().all(|l| l.width() <= 60));
    // Narrower panes than the limit wrap to the pane.
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    assert!(app.reader_lines().unwrap().width < 60);
}

#[test]
fn a_config_with_mistakes_still_starts_with_the_rest_applied() {
    let (config, _) =
        Config::parse("[keys]\nquit = \"nosuchkey\"\nbookmark = \"M\"\n[theme]\nacent = \"red\"\n")
            .unwrap();
    let (settings, warnings) = Settings::from_config(&config);
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert_eq!(settings.keymap.first_key(Action::Quit), "q");
    assert_eq!(settings.keymap.first_key(Action::ToggleBookmark), "M");
}

// The command line.

fn qnav(config: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("qnav").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c.env("XDG_CACHE_HOME", common::NO_CACHE);
    c.arg("--config").arg(config);
    c
}

#[test]
fn config_default_prints_a_file_that_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    let out = qnav(&file).args(["config", "--default"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("[keys]") && text.contains("[theme]") && text.contains("max_width"));
    assert!(text.contains("next_question = [\"n\", \"]\"]"), "{text}");
    std::fs::write(&file, &text).unwrap();
    let out = qnav(&file).arg("config").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.trim_end().ends_with(": ok"), "{stdout}");
}

#[test]
fn config_check_names_every_problem_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    std::fs::write(
        &file,
        "[keys]\nquit = \"nosuchkey\"\nfly = \"f\"\n[theme]\nquote = \"purplish\"\n",
    )
    .unwrap();
    let out = qnav(&file).arg("config").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("has problems"), "{stdout}");
    assert!(stdout.contains("`nosuchkey` is not a key"), "{stdout}");
    assert!(stdout.contains("no action `fly`"), "{stdout}");
    assert!(stdout.contains("`purplish` is not a colour"), "{stdout}");

    // A file that is not TOML: named with its line, and the command still works.
    std::fs::write(&file, "paths = [\n").unwrap();
    let out = qnav(&file).args(["list", "docs-data"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 5);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("config.toml: line") && stderr.contains("using the defaults"),
        "{stderr}"
    );
}

#[test]
fn configured_paths_are_opened_when_no_path_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("interviews");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(
        docs.join("one.txt"),
        "Q: Where were you born?\nA: In a small town by the sea.\n",
    )
    .unwrap();
    let file = dir.path().join("config.toml");
    std::fs::write(
        &file,
        format!("paths = [{:?}]\n", docs.display().to_string()),
    )
    .unwrap();
    let out = qnav(&file).arg("list").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.contains("one.txt"), "{stdout}");
    // A PATH on the command line wins over the configured ones.
    let out = qnav(&file).args(["list", "docs-data"]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 5);
}

#[test]
fn the_file_is_found_in_xdg_config_home() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("qnav")
        .unwrap()
        .env("XDG_CONFIG_HOME", dir.path())
        .env("XDG_CACHE_HOME", common::NO_CACHE)
        .args(["config", "--path"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim_end(),
        dir.path().join("qnav/config.toml").display().to_string()
    );
    let out = Command::cargo_bin("qnav")
        .unwrap()
        .env("XDG_CONFIG_HOME", dir.path())
        .env("XDG_CACHE_HOME", common::NO_CACHE)
        .arg("config")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("not there: the defaults apply"));
}

#[test]
fn the_readme_example_is_a_valid_config() {
    let readme = std::fs::read_to_string(common::repo_file("README.md")).unwrap();
    let start = readme
        .find("```toml\n")
        .expect("a toml example in the README")
        + 8;
    let example = &readme[start..start + readme[start..].find("```").unwrap()];
    let settings = settings(example);
    assert_eq!(settings.max_width, Some(90));
    assert_eq!(settings.keymap.first_key(Action::Quit), "x");
    assert_eq!(settings.theme.accent, Color::Magenta);
}

#[test]
fn the_readme_example_on_top_of_the_default_file_changes_just_that_key() {
    let text = qnav::tui::settings::default_config_text().replace(
        "next_question = [\"n\", \"]\"]",
        "next_question = [\"n\", \"right\"]",
    );
    assert!(text.contains("next_question = [\"n\", \"right\"]"));
    let settings = settings(&text);
    let right = Event::Key(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
    assert_eq!(
        settings.keymap.action_for_event(&right, false),
        Some(Action::NextQuestion)
    );
    assert_eq!(
        settings.keymap.action_for_event(&key('l'), false),
        Some(Action::FocusRight)
    );
}

#[test]
fn a_named_config_file_that_is_missing_is_an_error_for_qnav_config() {
    let dir = tempfile::tempdir().unwrap();
    let out = qnav(&dir.path().join("typo.toml"))
        .arg("config")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("cannot read"));
}

/// A reading column too narrow to hold words is a problem `qnav config`
/// names, not a setting that shows no text.
#[test]
fn a_max_width_that_holds_no_words_is_a_problem() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    std::fs::write(&file, "[reader]\nmax_width = 1\n").unwrap();
    let out = qnav(&file).arg("config").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("hold no words"), "{stdout}");
}

/// `--config /dev/zero` or a FIFO: said at once, not a hang or a file read
/// for ever.
#[test]
fn special_files_as_config_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("config.fifo");
    let mut cases = vec![std::path::PathBuf::from("/dev/zero")];
    if std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        cases.push(fifo);
    }
    for file in cases {
        let out = qnav(&file)
            .arg("config")
            .timeout(std::time::Duration::from_secs(10))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", file.display());
        assert!(String::from_utf8_lossy(&out.stdout).contains("not a regular file"));
    }
}
