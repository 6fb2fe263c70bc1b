//! Keys → [`Action`]s: the tables that both dispatch keys and draw the help.
//!
//! [`READER_ACTIONS`] and [`SEARCH_ACTIONS`] name every bindable action with
//! its default keys; a [`Keymap`] is those tables with the user's
//! `config.toml` bindings applied. The event loop dispatches through the
//! app's `Keymap` and the help and status line are drawn from it, so a
//! binding can never be active without being documented, or documented
//! without being active.

use std::collections::BTreeMap;

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

/// Everything the user can ask the reader to do, plus the few terminal
/// happenings (resize, mouse) that change what is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    /// Ctrl-Z: hand the terminal back to the shell (done by the event loop).
    Suspend,
    /// Down one line in the reader, or one item in a list.
    Down,
    Up,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    Top,
    Bottom,
    NextQuestion,
    PrevQuestion,
    NextDocument,
    PrevDocument,
    FocusNext,
    FocusPrev,
    FocusLeft,
    FocusRight,
    /// Open the selected document, or jump the reader to the selected question.
    Open,
    /// Show or hide the documents pane (it folds away on narrow terminals).
    ToggleDocuments,
    Help,
    /// Close the overlay that is open.
    Close,
    /// Open the search pane.
    Search,
    /// In the search pane: a character typed into the query.
    SearchInput(char),
    SearchBackspace,
    /// Delete the query's last word.
    SearchDeleteWord,
    SearchClear,
    /// Cycle all documents → this document → questions.
    SearchScope,
    /// Go to the selected hit in the reader (the query is kept).
    SearchJump,
    /// Close the search pane; the reader is where it was.
    SearchClose,
    /// Next search hit: the next item in the pane, or jump the reader to it.
    NextHit,
    PrevHit,
    /// `'`: the second in a row (`''`) goes back to where the reader was
    /// before the jump, as in less.
    Mark,
    /// Bookmark the pair being read, or remove its bookmark.
    ToggleBookmark,
    /// Open the overlay listing every bookmark.
    Bookmarks,
    /// Open the overlay listing everyone who speaks, across documents.
    Speakers,
    /// Open the overlay listing the questions like this one elsewhere.
    Related,
    /// Give the pair being read a code (or take one off it).
    Code,
    /// Open the overlay listing the codes given, and their pairs.
    Codes,
    /// Copy the pair being read (or the selected search hit) with its
    /// citation to the clipboard (OSC 52, written by the event loop).
    Copy,
    /// Write the bookmarks as Markdown to a new file in the current folder.
    Export,
    /// Read the open document's file again (it changed on disk).
    Reload,
    /// Show (or hide) the source lines behind the pair being read.
    Source,
    /// Edit the note on the pair being read.
    EditNote,
    /// A key while a one-line editor (a note, the documents filter) is
    /// open (never a binding of its own).
    LineKey(EditKey),
    /// Type a filter over the documents pane (fzf style).
    FilterDocuments,
    /// Cycle the documents pane's order: as loaded, by date, by title.
    SortDocuments,
    /// The terminal now has this size.
    Resize {
        width: u16,
        height: u16,
    },
    /// Mouse wheel over a cell: scroll whatever pane is under it.
    ScrollAt {
        column: u16,
        row: u16,
        down: bool,
    },
    /// Left click on a cell: select what is under it.
    ClickAt {
        column: u16,
        row: u16,
    },
}

/// Keys the one-line note editor understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EditKey {
    Char(char),
    Left,
    Right,
    Home,
    End,
    Backspace,
    Delete,
    /// Save the note.
    Enter,
    /// Cancel the edit.
    Esc,
    /// Complete (the code editor: from the codes given).
    Tab,
}

/// One key with its modifiers. Shift is not part of a character binding:
/// terminals disagree on whether `J` arrives with the SHIFT flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyBinding {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl KeyBinding {
    pub const fn plain(code: KeyCode) -> Self {
        KeyBinding {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }
    pub const fn ctrl(c: char) -> Self {
        KeyBinding {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
        }
    }

    /// How the key is written in the help and the status line.
    pub fn label(&self) -> String {
        let key = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Down => "↓".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        let mut label = String::new();
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            label.push_str("Ctrl-");
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            label.push_str("Alt-");
        }
        label + &key
    }

    /// How the key is written in `config.toml`: `j`, `J`, `ctrl-d`, `pgdn`.
    pub fn config_name(&self) -> String {
        let key = match self.code {
            KeyCode::Char(' ') => "space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::PageDown => "pgdn".into(),
            KeyCode::PageUp => "pgup".into(),
            KeyCode::BackTab => "shift-tab".into(),
            KeyCode::F(n) => format!("f{n}"),
            other => format!("{other:?}").to_lowercase(),
        };
        let mut name = String::new();
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            name.push_str("ctrl-");
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            name.push_str("alt-");
        }
        name + &key
    }

    /// Reads a key as `config.toml` writes it ([`config_name`](Self::config_name));
    /// the help's spelling (`Ctrl-d`, `PgDn`, `↓`) is accepted too.
    pub fn parse(name: &str) -> Result<KeyBinding, String> {
        let bad = || format!("`{name}` is not a key (try \"j\", \"ctrl-d\", \"pgdn\", \"f1\")");
        let mut rest = name.trim();
        let mut modifiers = KeyModifiers::NONE;
        loop {
            let lower = rest.to_ascii_lowercase();
            let prefix = ["ctrl-", "c-", "alt-", "m-"]
                .into_iter()
                .find(|p| lower.starts_with(p) && rest.len() > p.len());
            match prefix {
                Some(p) => {
                    modifiers |= if p.starts_with('c') {
                        KeyModifiers::CONTROL
                    } else {
                        KeyModifiers::ALT
                    };
                    rest = &rest[p.len()..];
                }
                None => break,
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => match c {
                '↓' => K::Down,
                '↑' => K::Up,
                '←' => K::Left,
                '→' => K::Right,
                // Ctrl-letters arrive lower-case (see `matches`).
                c if modifiers.contains(KeyModifiers::CONTROL) => K::Char(c.to_ascii_lowercase()),
                c if c.is_control() => return Err(bad()),
                c => K::Char(c),
            },
            (None, _) => return Err(bad()),
            _ => match rest.to_ascii_lowercase().as_str() {
                "space" => K::Char(' '),
                "enter" | "return" => K::Enter,
                "esc" | "escape" => K::Esc,
                "tab" => K::Tab,
                "shift-tab" | "backtab" => K::BackTab,
                "backspace" => K::Backspace,
                "delete" | "del" => K::Delete,
                "insert" | "ins" => K::Insert,
                "up" => K::Up,
                "down" => K::Down,
                "left" => K::Left,
                "right" => K::Right,
                "pgup" | "pageup" => K::PageUp,
                "pgdn" | "pagedown" => K::PageDown,
                "home" => K::Home,
                "end" => K::End,
                f if f.starts_with('f') => match f[1..].parse::<u8>() {
                    Ok(n @ 1..=12) => K::F(n),
                    _ => return Err(bad()),
                },
                _ => return Err(bad()),
            },
        };
        Ok(KeyBinding { code, modifiers })
    }

    fn matches(&self, key: &KeyEvent) -> bool {
        let ignore_shift = matches!(key.code, KeyCode::Char(_) | KeyCode::BackTab);
        let mut modifiers = key.modifiers;
        if ignore_shift {
            modifiers.remove(KeyModifiers::SHIFT);
        }
        // Ctrl-D arrives as 'd' or 'D' depending on the terminal.
        let code = match (key.code, modifiers.contains(KeyModifiers::CONTROL)) {
            (KeyCode::Char(c), true) => KeyCode::Char(c.to_ascii_lowercase()),
            (code, _) => code,
        };
        self.code == code && self.modifiers == modifiers
    }
}

use KeyCode as K;

/// An action the user can bind in `config.toml`: its name there, what the
/// help says it does, and the keys it has when the config says nothing.
#[derive(Debug, Clone, Copy)]
pub struct Bindable {
    pub action: Action,
    /// The name in `config.toml` (`[keys]` or `[search_keys]`).
    pub name: &'static str,
    pub description: &'static str,
    pub keys: &'static [KeyBinding],
}

const fn bind(
    action: Action,
    name: &'static str,
    description: &'static str,
    keys: &'static [KeyBinding],
) -> Bindable {
    Bindable {
        action,
        name,
        description,
        keys,
    }
}

const fn key(c: char) -> KeyBinding {
    KeyBinding::plain(K::Char(c))
}

/// Every action of the reader with its default keys, in the order the help
/// shows them.
pub const READER_ACTIONS: &[Bindable] = &[
    bind(
        Action::Down,
        "down",
        "down a line / next item",
        &[key('j'), KeyBinding::plain(K::Down)],
    ),
    bind(
        Action::Up,
        "up",
        "up a line / previous item",
        &[key('k'), KeyBinding::plain(K::Up)],
    ),
    bind(
        Action::HalfPageDown,
        "half_page_down",
        "half a page down",
        &[KeyBinding::ctrl('d')],
    ),
    bind(
        Action::HalfPageUp,
        "half_page_up",
        "half a page up",
        &[KeyBinding::ctrl('u')],
    ),
    bind(
        Action::PageDown,
        "page_down",
        "page down",
        &[key(' '), KeyBinding::plain(K::PageDown)],
    ),
    bind(
        Action::PageUp,
        "page_up",
        "page up",
        &[key('b'), KeyBinding::plain(K::PageUp)],
    ),
    bind(
        Action::Top,
        "top",
        "top",
        &[key('g'), KeyBinding::plain(K::Home)],
    ),
    bind(
        Action::Bottom,
        "bottom",
        "bottom",
        &[key('G'), KeyBinding::plain(K::End)],
    ),
    bind(
        Action::NextQuestion,
        "next_question",
        "next question",
        &[key('n'), key(']')],
    ),
    bind(
        Action::PrevQuestion,
        "previous_question",
        "previous question",
        &[key('p'), key('[')],
    ),
    bind(
        Action::NextDocument,
        "next_document",
        "next document",
        &[key('J')],
    ),
    bind(
        Action::PrevDocument,
        "previous_document",
        "previous document",
        &[key('K')],
    ),
    bind(
        Action::FocusNext,
        "focus_next",
        "focus next pane",
        &[KeyBinding::plain(K::Tab)],
    ),
    bind(
        Action::FocusPrev,
        "focus_previous",
        "focus previous pane",
        &[KeyBinding::plain(K::BackTab)],
    ),
    bind(
        Action::FocusLeft,
        "focus_left",
        "focus pane to the left",
        &[key('h'), KeyBinding::plain(K::Left)],
    ),
    bind(
        Action::FocusRight,
        "focus_right",
        "focus pane to the right",
        &[key('l'), KeyBinding::plain(K::Right)],
    ),
    bind(
        Action::Open,
        "open",
        "open document / question / quote's source",
        &[KeyBinding::plain(K::Enter)],
    ),
    bind(
        Action::ToggleDocuments,
        "toggle_documents",
        "show/hide documents pane",
        &[key('D')],
    ),
    bind(
        Action::FilterDocuments,
        "filter_documents",
        "filter the documents (type; Enter opens, Esc clears)",
        &[key('f')],
    ),
    bind(
        Action::SortDocuments,
        "sort_documents",
        "sort the documents: as loaded, by date, by title",
        &[key('o')],
    ),
    bind(
        Action::Search,
        "search",
        "search every statement",
        &[key('/')],
    ),
    bind(
        Action::NextHit,
        "next_hit",
        "next search hit",
        &[KeyBinding::ctrl('n')],
    ),
    bind(
        Action::PrevHit,
        "previous_hit",
        "previous search hit",
        &[KeyBinding::ctrl('p')],
    ),
    bind(
        Action::Mark,
        "back",
        "twice: back to where you were before the jump",
        &[key('\'')],
    ),
    bind(
        Action::ToggleBookmark,
        "bookmark",
        "bookmark this question (again: remove)",
        &[key('m')],
    ),
    bind(
        Action::Bookmarks,
        "bookmarks",
        "list bookmarks (Enter goes there)",
        &[key('B')],
    ),
    bind(
        Action::Speakers,
        "speakers",
        "list speakers across documents (Enter: their turns)",
        &[key('S')],
    ),
    bind(
        Action::Related,
        "related",
        "this question in other documents (Enter goes there)",
        &[key('s')],
    ),
    bind(
        Action::Code,
        "code",
        "code this question (Tab completes; a code it has comes off)",
        &[key('c')],
    ),
    bind(
        Action::Codes,
        "codes",
        "list codes, then a code's questions (Enter goes there)",
        &[key('C')],
    ),
    bind(
        Action::EditNote,
        "note",
        "note on this question",
        &[key('a')],
    ),
    bind(
        Action::Copy,
        "copy",
        "copy question and answer with citation",
        &[key('y')],
    ),
    bind(
        Action::Export,
        "export",
        "export bookmarks (to exports/ in the state folder)",
        &[key('e')],
    ),
    bind(
        Action::Reload,
        "reload",
        "read the document's file again",
        &[key('r')],
    ),
    bind(
        Action::Source,
        "source",
        "the source lines behind the pair, numbered",
        &[key('v')],
    ),
    bind(Action::Help, "help", "this help", &[key('?')]),
    bind(
        Action::Close,
        "close",
        "close help / bookmarks",
        &[KeyBinding::plain(K::Esc)],
    ),
    bind(
        Action::Quit,
        "quit",
        "quit (closes help first)",
        &[key('q'), KeyBinding::ctrl('c')],
    ),
    bind(
        Action::Suspend,
        "suspend",
        "suspend to the shell",
        &[KeyBinding::ctrl('z')],
    ),
];

/// Keys while the search pane is open; any other character without Ctrl
/// or Alt goes into the query.
pub const SEARCH_ACTIONS: &[Bindable] = &[
    bind(
        Action::SearchJump,
        "go",
        "go to the hit (query kept: Ctrl-n/Ctrl-p in the reader)",
        &[KeyBinding::plain(K::Enter)],
    ),
    bind(
        Action::SearchClose,
        "close",
        "close search, back where you were",
        &[KeyBinding::plain(K::Esc)],
    ),
    bind(
        Action::SearchScope,
        "scope",
        "scope: all / this document / questions / said by",
        &[KeyBinding::plain(K::Tab)],
    ),
    bind(
        Action::NextHit,
        "next_hit",
        "next hit",
        &[KeyBinding::plain(K::Down), KeyBinding::ctrl('n')],
    ),
    bind(
        Action::PrevHit,
        "previous_hit",
        "previous hit",
        &[KeyBinding::plain(K::Up), KeyBinding::ctrl('p')],
    ),
    bind(
        Action::PageDown,
        "page_down",
        "page of hits down",
        &[KeyBinding::plain(K::PageDown)],
    ),
    bind(
        Action::PageUp,
        "page_up",
        "page of hits up",
        &[KeyBinding::plain(K::PageUp)],
    ),
    bind(
        Action::SearchBackspace,
        "delete_char",
        "delete a character",
        &[KeyBinding::plain(K::Backspace)],
    ),
    bind(
        Action::SearchDeleteWord,
        "delete_word",
        "delete a word",
        &[KeyBinding::ctrl('w')],
    ),
    bind(
        Action::SearchClear,
        "clear",
        "clear the query",
        &[KeyBinding::ctrl('u')],
    ),
    bind(
        Action::Copy,
        "copy",
        "copy the hit with its citation",
        &[KeyBinding::ctrl('y')],
    ),
    bind(Action::Quit, "quit", "quit", &[KeyBinding::ctrl('c')]),
    bind(
        Action::Suspend,
        "suspend",
        "suspend to the shell",
        &[KeyBinding::ctrl('z')],
    ),
];

/// Actions that must keep a key: without one there is no way out.
const ESSENTIAL: &[Action] = &[Action::Quit, Action::Close, Action::SearchClose];

/// One action with the keys it has now (defaults or the user's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub action: Action,
    pub name: &'static str,
    pub description: &'static str,
    pub keys: Vec<KeyBinding>,
}

/// The key tables in use: [`READER_ACTIONS`] and [`SEARCH_ACTIONS`] with the
/// user's `[keys]` and `[search_keys]` applied. Dispatch, the help and the
/// status line's hints all read this one value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    pub reader: Vec<Entry>,
    pub search: Vec<Entry>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            reader: defaults(READER_ACTIONS),
            search: defaults(SEARCH_ACTIONS),
        }
    }
}

fn defaults(table: &[Bindable]) -> Vec<Entry> {
    table
        .iter()
        .map(|b| Entry {
            action: b.action,
            name: b.name,
            description: b.description,
            keys: b.keys.to_vec(),
        })
        .collect()
}

impl Keymap {
    /// The defaults with the user's bindings (action name → key names)
    /// applied; every problem becomes a warning and the default stays.
    pub fn with_bindings(
        reader: &BTreeMap<String, Vec<String>>,
        search: &BTreeMap<String, Vec<String>>,
    ) -> (Keymap, Vec<String>) {
        let mut warnings = Vec::new();
        let mut keymap = Keymap::default();
        rebind(
            &mut keymap.reader,
            READER_ACTIONS,
            reader,
            "keys",
            &mut warnings,
        );
        rebind(
            &mut keymap.search,
            SEARCH_ACTIONS,
            search,
            "search_keys",
            &mut warnings,
        );
        (keymap, warnings)
    }

    /// The action bound to a key press in the reader, if any. Key releases
    /// are ignored (terminals with the kitty protocol and Windows report them).
    pub fn action_for_key(&self, key: &KeyEvent) -> Option<Action> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        find(&self.reader, key)
    }

    /// The action for a key while the search pane is open: its table, else
    /// a typed character.
    pub fn search_action_for_key(&self, key: &KeyEvent) -> Option<Action> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        if let Some(action) = find(&self.search, key) {
            return Some(action);
        }
        match key.code {
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                Some(Action::SearchInput(c))
            }
            _ => None,
        }
    }

    /// The action for any terminal event: keys through the reader's table
    /// (the search pane's while it is open), resizes, and the mouse wheel
    /// and left click.
    pub fn action_for_event(&self, event: &Event, searching: bool) -> Option<Action> {
        match event {
            Event::Key(key) if searching => self.search_action_for_key(key),
            Event::Key(key) => self.action_for_key(key),
            other => terminal_action(other),
        }
    }

    /// The help's rows: the keys of each action joined, with the description.
    pub fn help_rows(&self) -> Vec<(String, &'static str)> {
        rows(&self.reader)
    }

    /// The help's rows: keys, description; the search pane's keys after
    /// a heading.
    pub fn help_table(&self) -> Vec<(String, &'static str)> {
        let mut rows = self.help_rows();
        rows.push((
            "mouse".into(),
            "wheel scrolls the pane under it, click selects",
        ));
        rows.push((String::new(), ""));
        let search = self.first_key(Action::Search);
        rows.push((
            format!("{search} pane").trim_start().to_string(),
            "(typed letters go into the query)",
        ));
        rows.extend(self.search_help_rows());
        rows
    }

    /// The search pane's rows for the help.
    pub fn search_help_rows(&self) -> Vec<(String, &'static str)> {
        rows(&self.search)
    }

    /// The first key of `action` in the reader, as the help writes it
    /// (empty when it has none).
    pub fn first_key(&self, action: Action) -> String {
        first(&self.reader, action)
    }

    /// The first key of `action` in the search pane.
    pub fn first_search_key(&self, action: Action) -> String {
        first(&self.search, action)
    }
}

fn find(table: &[Entry], key: &KeyEvent) -> Option<Action> {
    table
        .iter()
        .find(|e| e.keys.iter().any(|b| b.matches(key)))
        .map(|e| e.action)
}

fn first(table: &[Entry], action: Action) -> String {
    table
        .iter()
        .find(|e| e.action == action)
        .and_then(|e| e.keys.first())
        .map(KeyBinding::label)
        .unwrap_or_default()
}

fn rows(table: &[Entry]) -> Vec<(String, &'static str)> {
    table
        .iter()
        .filter(|e| !e.keys.is_empty())
        .map(|e| {
            let keys: Vec<String> = e.keys.iter().map(KeyBinding::label).collect();
            (keys.join(", "), e.description)
        })
        .collect()
}

/// Applies `[section]` of the config to `table` (whose defaults are
/// `defaults`). A key the user gives an action is taken from whatever action
/// had it by default, so the user's binding always wins; an entry that
/// only repeats an action's defaults (a file started from `qnav config
/// --default`) changes and claims nothing.
fn rebind(
    table: &mut [Entry],
    defaults: &[Bindable],
    bindings: &BTreeMap<String, Vec<String>>,
    section: &str,
    warnings: &mut Vec<String>,
) {
    let mut claimed: Vec<(KeyBinding, &str)> = Vec::new();
    let mut chosen: Vec<(usize, Vec<KeyBinding>)> = Vec::new();
    for (name, key_names) in bindings {
        let Some(at) = table.iter().position(|e| e.name == name) else {
            // The list of actions is long: point to where it is.
            warnings.push(format!(
                "[{section}] has no action `{name}` (`qnav config --default` lists them)"
            ));
            continue;
        };
        let mut keys = Vec::new();
        for key_name in key_names {
            match KeyBinding::parse(key_name) {
                Err(e) => warnings.push(format!("[{section}] {name}: {e}")),
                // Listed twice: once is enough.
                Ok(key) if keys.contains(&key) => {}
                Ok(key) => keys.push(key),
            }
        }
        if keys == table[at].keys {
            continue;
        }
        if keys.is_empty() && !key_names.is_empty() {
            // Every key given was refused: the warnings say why, the
            // defaults stay rather than leave the action without a key.
            continue;
        }
        if keys.is_empty() && ESSENTIAL.contains(&table[at].action) {
            warnings.push(format!(
                "[{section}] {name} needs a key; keeping the default"
            ));
            continue;
        }
        let mut mine = Vec::new();
        for key in keys {
            match claimed.iter().find(|(k, _)| *k == key) {
                Some((_, other)) => warnings.push(format!(
                    "[{section}] {name}: `{}` is already bound to {other}",
                    key.config_name()
                )),
                None => {
                    claimed.push((key, table[at].name));
                    mine.push(key);
                }
            }
        }
        if section == "search_keys" {
            for key in &mine {
                if let (KeyCode::Char(c), true) = (key.code, key.modifiers.is_empty()) {
                    warnings.push(format!(
                        "[{section}] {name}: `{c}` can no longer be typed into a query"
                    ));
                }
            }
        }
        if !mine.is_empty() || key_names.is_empty() {
            chosen.push((at, mine));
        }
    }
    for entry in table.iter_mut() {
        entry.keys.retain(|k| !claimed.iter().any(|(c, _)| c == k));
    }
    for (at, keys) in chosen {
        table[at].keys = keys;
    }
    // The way out survives whatever else was rebound: an essential action
    // left without a key gets its defaults back, from whoever took them.
    for b in defaults.iter().filter(|b| ESSENTIAL.contains(&b.action)) {
        if table
            .iter()
            .any(|e| e.action == b.action && e.keys.is_empty())
        {
            for entry in table.iter_mut() {
                entry.keys.retain(|k| !b.keys.contains(k));
                if entry.action == b.action {
                    entry.keys = b.keys.to_vec();
                }
            }
            let keys: Vec<String> = b.keys.iter().map(KeyBinding::config_name).collect();
            warnings.push(format!(
                "[{section}] {} would have no key left; it keeps {}",
                b.name,
                keys.join(", ")
            ));
        }
    }
}

/// The action for a terminal event that is not a key press.
fn terminal_action(event: &Event) -> Option<Action> {
    match event {
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        Event::Mouse(mouse) => {
            let (column, row) = (mouse.column, mouse.row);
            match mouse.kind {
                MouseEventKind::ScrollDown => Some(Action::ScrollAt {
                    column,
                    row,
                    down: true,
                }),
                MouseEventKind::ScrollUp => Some(Action::ScrollAt {
                    column,
                    row,
                    down: false,
                }),
                MouseEventKind::Down(MouseButton::Left) => Some(Action::ClickAt { column, row }),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The action for a key while a one-line editor (a note, the documents
/// filter) is open: every key is the editor's, so typing `q` or `m` never
/// quits or bookmarks. ↑ and ↓ move the list being filtered.
pub fn line_action_for_key(key: &KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let edit = match key.code {
        KeyCode::Up => return Some(Action::Up),
        KeyCode::Down => return Some(Action::Down),
        // Ctrl-C still quits: the way out must always work.
        KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
            return Some(Action::Quit);
        }
        KeyCode::Char(c)
            if !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            EditKey::Char(c)
        }
        KeyCode::Left => EditKey::Left,
        KeyCode::Right => EditKey::Right,
        KeyCode::Home => EditKey::Home,
        KeyCode::End => EditKey::End,
        KeyCode::Backspace => EditKey::Backspace,
        KeyCode::Delete => EditKey::Delete,
        KeyCode::Enter => EditKey::Enter,
        KeyCode::Esc => EditKey::Esc,
        KeyCode::Tab => EditKey::Tab,
        _ => return None,
    };
    Some(Action::LineKey(edit))
}

/// The `[keys]` and `[search_keys]` sections of the default `config.toml`,
/// every action with its default keys.
pub fn default_toml() -> String {
    let mut out = String::new();
    for (section, table, intro) in [
        (
            "keys",
            READER_ACTIONS,
            "# Keys of the reader: action = [\"key\", ...]. A key given here is taken from\n\
             # the action that had it; [] leaves an action without a key. Key names:\n\
             # a letter or sign (\"J\" is Shift-j), \"ctrl-x\", \"space\", \"enter\", \"esc\",\n\
             # \"tab\", \"shift-tab\", \"backspace\", \"delete\", \"up\", \"down\", \"left\",\n\
             # \"right\", \"pgup\", \"pgdn\", \"home\", \"end\", \"f1\"…\"f12\".",
        ),
        (
            "search_keys",
            SEARCH_ACTIONS,
            "# Keys while the search pane is open; other characters go into the query.",
        ),
    ] {
        out.push_str(&format!("\n{intro}\n[{section}]\n"));
        for b in table {
            let keys: Vec<String> = b
                .keys
                .iter()
                .map(|k| format!("{:?}", k.config_name()))
                .collect();
            let line = format!("{} = [{}]", b.name, keys.join(", "));
            out.push_str(&format!("{line:<36}# {}\n", b.description));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    fn map(pairs: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
        pairs
            .iter()
            .map(|(a, keys)| (a.to_string(), keys.iter().map(|k| k.to_string()).collect()))
            .collect()
    }

    #[test]
    fn keys_dispatch_through_the_table() {
        let keymap = Keymap::default();
        let action = |code, modifiers| keymap.action_for_key(&press(code, modifiers));
        let none = KeyModifiers::NONE;
        assert_eq!(action(K::Char('n'), none), Some(Action::NextQuestion));
        assert_eq!(action(K::Char(']'), none), Some(Action::NextQuestion));
        assert_eq!(
            action(K::Char('J'), KeyModifiers::SHIFT),
            Some(Action::NextDocument)
        );
        assert_eq!(action(K::Char('J'), none), Some(Action::NextDocument));
        assert_eq!(
            action(K::Char('d'), KeyModifiers::CONTROL),
            Some(Action::HalfPageDown)
        );
        assert_eq!(
            action(K::Char('c'), KeyModifiers::CONTROL),
            Some(Action::Quit)
        );
        assert_eq!(
            action(K::BackTab, KeyModifiers::SHIFT),
            Some(Action::FocusPrev)
        );
        // 'd' without Ctrl is not bound; Ctrl-j is not 'j'.
        assert_eq!(action(K::Char('d'), none), None);
        assert_eq!(action(K::Char('j'), KeyModifiers::CONTROL), None);
    }

    #[test]
    fn releases_are_ignored() {
        let mut key = press(K::Char('q'), KeyModifiers::NONE);
        key.kind = KeyEventKind::Release;
        assert_eq!(Keymap::default().action_for_key(&key), None);
    }

    #[test]
    fn help_rows_group_keys_of_one_action() {
        let keymap = Keymap::default();
        let rows = keymap.help_rows();
        assert!(rows.contains(&("n, ]".to_string(), "next question")));
        assert!(rows.contains(&("Ctrl-d".to_string(), "half a page down")));
        assert!(rows.contains(&("Space, PgDn".to_string(), "page down")));
        assert_eq!(rows.len(), READER_ACTIONS.len());
    }

    #[test]
    fn no_key_is_bound_twice_and_names_are_unique() {
        for table in [READER_ACTIONS, SEARCH_ACTIONS] {
            let keys: Vec<KeyBinding> = table.iter().flat_map(|b| b.keys.iter().copied()).collect();
            for (i, a) in keys.iter().enumerate() {
                assert!(!keys[i + 1..].contains(a), "{} bound twice", a.label());
            }
            for (i, a) in table.iter().enumerate() {
                assert!(
                    table[i + 1..]
                        .iter()
                        .all(|b| b.name != a.name && b.action != a.action),
                    "{} listed twice",
                    a.name
                );
            }
        }
    }

    #[test]
    fn the_search_pane_takes_typed_characters() {
        let keymap = Keymap::default();
        let action = |code, modifiers| keymap.search_action_for_key(&press(code, modifiers));
        let none = KeyModifiers::NONE;
        assert_eq!(action(K::Char('n'), none), Some(Action::SearchInput('n')));
        assert_eq!(
            action(K::Char('Q'), KeyModifiers::SHIFT),
            Some(Action::SearchInput('Q'))
        );
        assert_eq!(
            action(K::Char('n'), KeyModifiers::CONTROL),
            Some(Action::NextHit)
        );
        assert_eq!(action(K::Esc, none), Some(Action::SearchClose));
        assert_eq!(action(K::Char('x'), KeyModifiers::ALT), None);
    }

    #[test]
    fn every_default_key_reads_back_from_its_config_name() {
        for b in READER_ACTIONS.iter().chain(SEARCH_ACTIONS) {
            for key in b.keys {
                assert_eq!(
                    KeyBinding::parse(&key.config_name()),
                    Ok(*key),
                    "{}",
                    b.name
                );
                // The help's spelling is accepted too.
                assert_eq!(KeyBinding::parse(&key.label()), Ok(*key), "{}", b.name);
            }
        }
        assert_eq!(
            KeyBinding::parse("C-x"),
            Ok(KeyBinding::ctrl('x')),
            "emacs spelling"
        );
        assert_eq!(
            KeyBinding::parse("alt-n").map(|k| k.modifiers),
            Ok(KeyModifiers::ALT)
        );
        assert_eq!(KeyBinding::parse("F5"), Ok(KeyBinding::plain(K::F(5))));
        for bad in ["", "ctrl-", "f13", "nosuchkey", "\u{1b}", "ctrl-nosuch"] {
            assert!(KeyBinding::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn a_user_binding_replaces_the_default_and_takes_its_key() {
        let (keymap, warnings) = Keymap::with_bindings(
            &map(&[("next_question", &["x"]), ("quit", &["n", "ctrl-c"])]),
            &BTreeMap::new(),
        );
        assert_eq!(warnings, Vec::<String>::new());
        let none = KeyModifiers::NONE;
        let action = |c| keymap.action_for_key(&press(K::Char(c), none));
        assert_eq!(action('x'), Some(Action::NextQuestion));
        // `n` moved to quit; `q` is no longer quit; `]` was replaced too.
        assert_eq!(action('n'), Some(Action::Quit));
        assert_eq!(action('q'), None);
        assert_eq!(action(']'), None);
        assert!(
            keymap
                .help_rows()
                .contains(&("n, Ctrl-c".to_string(), "quit (closes help first)"))
        );
        assert_eq!(keymap.first_key(Action::NextQuestion), "x");
        // The search pane keeps its own table.
        assert_eq!(
            keymap.search_action_for_key(&press(K::Char('n'), none)),
            Some(Action::SearchInput('n'))
        );
    }

    #[test]
    fn bad_bindings_warn_and_keep_the_defaults() {
        let (keymap, warnings) = Keymap::with_bindings(
            &map(&[
                ("no_such_action", &["z"]),
                ("top", &["nosuchkey"]),
                ("bottom", &["x"]),
                ("down", &["x"]),
                ("quit", &[]),
            ]),
            &map(&[("clear", &["ctrl-l"])]),
        );
        let all = warnings.join("\n");
        assert!(all.contains("no action `no_such_action`"), "{all}");
        assert!(all.contains("`nosuchkey` is not a key"), "{all}");
        assert!(all.contains("`x` is already bound to bottom"), "{all}");
        assert!(all.contains("quit needs a key"), "{all}");
        assert_eq!(warnings.len(), 4, "{all}");
        let none = KeyModifiers::NONE;
        assert_eq!(
            keymap.action_for_key(&press(K::Char('q'), none)),
            Some(Action::Quit)
        );
        assert_eq!(
            keymap.action_for_key(&press(K::Char('x'), none)),
            Some(Action::Bottom)
        );
        assert_eq!(
            keymap.search_action_for_key(&press(K::Char('l'), KeyModifiers::CONTROL)),
            Some(Action::SearchClear)
        );
        assert_eq!(
            keymap.search_action_for_key(&press(K::Char('u'), KeyModifiers::CONTROL)),
            None
        );
    }

    #[test]
    fn the_way_out_survives_any_rebinding() {
        let (keymap, warnings) = Keymap::with_bindings(
            &map(&[("copy", &["y", "ctrl-c"]), ("close", &["q", "esc"])]),
            &BTreeMap::new(),
        );
        let ctrl_c = press(K::Char('c'), KeyModifiers::CONTROL);
        let q = press(K::Char('q'), KeyModifiers::NONE);
        assert_eq!(keymap.action_for_key(&ctrl_c), Some(Action::Quit));
        assert_eq!(keymap.action_for_key(&q), Some(Action::Quit));
        assert_eq!(
            keymap.action_for_key(&press(K::Esc, KeyModifiers::NONE)),
            Some(Action::Close)
        );
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("quit would have no key left; it keeps q, ctrl-c")),
            "{warnings:?}"
        );
    }

    #[test]
    fn repeating_a_default_claims_nothing_and_duplicates_are_dropped() {
        let (keymap, warnings) = Keymap::with_bindings(
            &map(&[
                ("focus_right", &["l", "right"]),
                ("next_question", &["n", "right", "n"]),
            ]),
            &BTreeMap::new(),
        );
        assert_eq!(warnings, Vec::<String>::new());
        let action = |code| keymap.action_for_key(&press(code, KeyModifiers::NONE));
        assert_eq!(action(K::Right), Some(Action::NextQuestion));
        assert_eq!(action(K::Char('l')), Some(Action::FocusRight));
        assert_eq!(action(K::Char('n')), Some(Action::NextQuestion));
    }

    #[test]
    fn ctrl_alt_keys_keep_both_modifiers() {
        let key = KeyBinding::parse("ctrl-alt-x").unwrap();
        assert_eq!(key.modifiers, KeyModifiers::CONTROL | KeyModifiers::ALT);
        assert_eq!(key.label(), "Ctrl-Alt-x");
        assert_eq!(KeyBinding::parse(&key.config_name()), Ok(key));
    }

    #[test]
    fn a_plain_character_in_the_search_pane_warns_that_it_cannot_be_typed() {
        let (_, warnings) =
            Keymap::with_bindings(&BTreeMap::new(), &map(&[("clear", &["ctrl-l", "z"])]));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].contains("`z` can no longer be typed"),
            "{warnings:?}"
        );
    }
}
