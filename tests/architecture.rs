//! The core never talks to the terminal: model, decoding, loading, parsing,
//! export and text hygiene import neither ratatui nor crossterm. (One crate,
//! so this test is what keeps the boundary.)

mod common;

fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn core_modules_do_not_import_the_terminal() {
    let src = common::repo_file("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let core: Vec<_> = files
        .iter()
        .filter(|p| {
            let rel = p.strip_prefix(&src).unwrap().to_string_lossy().to_string();
            !rel.starts_with("tui") && rel != "main.rs"
        })
        .collect();
    assert!(core.len() >= 8, "core modules found: {core:?}");
    for f in core {
        let text = std::fs::read_to_string(f).unwrap();
        // Paths into the crates, in code (doc comments may name them).
        for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for banned in ["ratatui", "crossterm"] {
                assert!(
                    !line.contains(banned),
                    "{} uses {banned}: {line}",
                    f.display()
                );
            }
        }
    }
}

/// The sibling modules a file of `src/tui/` refers to in code (`super::x`,
/// `super::{x, y}`, `crate::tui::x`; comments skipped).
fn tui_references(text: &str, modules: &[String]) -> std::collections::BTreeSet<String> {
    let mut found = std::collections::BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        for prefix in ["super::", "crate::tui::"] {
            let mut rest = code;
            while let Some(at) = rest.find(prefix) {
                rest = &rest[at + prefix.len()..];
                let names: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
                    group
                        .split('}')
                        .next()
                        .unwrap_or("")
                        .split(',')
                        .map(|n| n.trim().split("::").next().unwrap_or("").trim())
                        .collect()
                } else {
                    vec![
                        rest.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                            .next()
                            .unwrap_or(""),
                    ]
                };
                for n in names {
                    if modules.iter().any(|m| m == n) {
                        found.insert(n.to_string());
                    }
                }
            }
        }
    }
    found
}

#[test]
fn the_tui_files_import_each_other_without_a_cycle_and_app_imports_no_pane() {
    let dir = common::repo_file("src/tui");
    let mut modules: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().to_string())
        .filter(|m| m != "mod")
        .collect();
    modules.sort();
    let graph: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> = modules
        .iter()
        .map(|m| {
            let text = std::fs::read_to_string(dir.join(format!("{m}.rs"))).unwrap();
            let mut refs = tui_references(&text, &modules);
            refs.remove(m);
            (m.clone(), refs)
        })
        .collect();
    // The panes draw from `App`; `App` never asks a pane anything.
    let panes = [
        "bookmarks",
        "codes",
        "doclist",
        "help",
        "note",
        "questions",
        "reader",
        "related",
        "search",
        "source",
        "speakers",
        "status",
        "view",
    ];
    let app_uses: Vec<&String> = graph["app"]
        .iter()
        .filter(|m| panes.contains(&m.as_str()))
        .collect();
    assert!(app_uses.is_empty(), "app.rs imports panes: {app_uses:?}");
    // No cycle: a depth-first walk that never meets a module on its path.
    fn walk(
        m: &str,
        graph: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut std::collections::BTreeSet<String>,
    ) {
        if done.contains(m) {
            return;
        }
        if let Some(at) = path.iter().position(|p| p == m) {
            panic!("import cycle: {} → {m}", path[at..].join(" → "));
        }
        path.push(m.to_string());
        for next in &graph[m] {
            walk(next, graph, path, done);
        }
        path.pop();
        done.insert(m.to_string());
    }
    let mut done = Default::default();
    for m in &modules {
        walk(m, &graph, &mut Vec::new(), &mut done);
    }
    // The test would see one: app → view is a cycle (view imports app).
    let mut with_cycle = graph.clone();
    with_cycle.get_mut("app").unwrap().insert("view".into());
    let caught = std::panic::catch_unwind(|| {
        let mut done = Default::default();
        for m in &modules {
            walk(m, &with_cycle, &mut Vec::new(), &mut done);
        }
    });
    assert!(caught.is_err(), "a cycle app → view → app went unnoticed");
}

/// One door for state changes: of `App`'s public methods, only `update`
/// takes `&mut self` (the builders that set it up take it by value, before
/// the event loop has it); every other change is a message through it.
#[test]
fn app_state_changes_only_through_update() {
    let text = std::fs::read_to_string(common::repo_file("src/tui/app.rs")).unwrap();
    // Each public function's signature, up to its body (however wrapped).
    let mut mutating = Vec::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("pub fn ") {
        rest = &rest[at + "pub fn ".len()..];
        let signature = &rest[..rest.find('{').unwrap_or(rest.len())];
        let name = signature.split(['(', '<']).next().unwrap_or("");
        if signature.contains("&mut self") {
            mutating.push(name);
        }
    }
    assert_eq!(mutating, ["update"], "public &mut self methods of App");
}

/// The modes are one value: `layer.rs` holds each overlay's state and is
/// imported by `App` and by the drawing (`view.rs`), so it imports neither.
#[test]
fn the_layer_imports_no_state_and_no_pane() {
    let dir = common::repo_file("src/tui");
    let modules: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().to_string())
        .collect();
    let text = std::fs::read_to_string(dir.join("layer.rs")).unwrap();
    let uses = tui_references(&text, &modules);
    assert!(
        uses.iter().all(|m| m == "keymap"),
        "layer.rs imports {uses:?}"
    );
    // And the mode fields it replaced are gone from App.
    let app = std::fs::read_to_string(dir.join("app.rs")).unwrap();
    for field in [
        "help: Option",
        "search_open: bool",
        "bookmarks: Option",
        "note_edit: Option",
        "quote_pending: bool",
        "filtering: bool",
    ] {
        assert!(!app.contains(field), "App keeps a mode field: {field}");
    }
}
