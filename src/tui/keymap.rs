//! Keys → [`Action`]s: the one table that both dispatches keys and draws the help.
//!
//! [`KEYMAP`] is the single source of truth. [`action_for_key`] looks a key
//! up in it and the help overlay lists it, so a binding can never be active
//! without being documented, or documented without being active.

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
    /// Copy the pair being read (or the selected search hit) with its
    /// citation to the clipboard (OSC 52, written by the event loop).
    Copy,
    /// Write the bookmarks as Markdown to a new file in the current folder.
    Export,
    /// Edit the note on the pair being read.
    EditNote,
    /// A key while the note editor is open (never a binding of its own).
    NoteKey(EditKey),
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
            other => format!("{other:?}"),
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{key}")
        } else {
            key
        }
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

/// Every key binding, in the order the help shows them. Consecutive rows
/// with the same action are shown on one help line.
pub const KEYMAP: &[(KeyBinding, Action, &str)] = &[
    (
        KeyBinding::plain(K::Char('j')),
        Action::Down,
        "down a line / next item",
    ),
    (
        KeyBinding::plain(K::Down),
        Action::Down,
        "down a line / next item",
    ),
    (
        KeyBinding::plain(K::Char('k')),
        Action::Up,
        "up a line / previous item",
    ),
    (
        KeyBinding::plain(K::Up),
        Action::Up,
        "up a line / previous item",
    ),
    (
        KeyBinding::ctrl('d'),
        Action::HalfPageDown,
        "half a page down",
    ),
    (KeyBinding::ctrl('u'), Action::HalfPageUp, "half a page up"),
    (
        KeyBinding::plain(K::Char(' ')),
        Action::PageDown,
        "page down",
    ),
    (
        KeyBinding::plain(K::PageDown),
        Action::PageDown,
        "page down",
    ),
    (KeyBinding::plain(K::Char('b')), Action::PageUp, "page up"),
    (KeyBinding::plain(K::PageUp), Action::PageUp, "page up"),
    (KeyBinding::plain(K::Char('g')), Action::Top, "top"),
    (KeyBinding::plain(K::Home), Action::Top, "top"),
    (KeyBinding::plain(K::Char('G')), Action::Bottom, "bottom"),
    (KeyBinding::plain(K::End), Action::Bottom, "bottom"),
    (
        KeyBinding::plain(K::Char('n')),
        Action::NextQuestion,
        "next question",
    ),
    (
        KeyBinding::plain(K::Char(']')),
        Action::NextQuestion,
        "next question",
    ),
    (
        KeyBinding::plain(K::Char('p')),
        Action::PrevQuestion,
        "previous question",
    ),
    (
        KeyBinding::plain(K::Char('[')),
        Action::PrevQuestion,
        "previous question",
    ),
    (
        KeyBinding::plain(K::Char('J')),
        Action::NextDocument,
        "next document",
    ),
    (
        KeyBinding::plain(K::Char('K')),
        Action::PrevDocument,
        "previous document",
    ),
    (
        KeyBinding::plain(K::Tab),
        Action::FocusNext,
        "focus next pane",
    ),
    (
        KeyBinding::plain(K::BackTab),
        Action::FocusPrev,
        "focus previous pane",
    ),
    (
        KeyBinding::plain(K::Char('h')),
        Action::FocusLeft,
        "focus pane to the left",
    ),
    (
        KeyBinding::plain(K::Left),
        Action::FocusLeft,
        "focus pane to the left",
    ),
    (
        KeyBinding::plain(K::Char('l')),
        Action::FocusRight,
        "focus pane to the right",
    ),
    (
        KeyBinding::plain(K::Right),
        Action::FocusRight,
        "focus pane to the right",
    ),
    (
        KeyBinding::plain(K::Enter),
        Action::Open,
        "open document / go to question",
    ),
    (
        KeyBinding::plain(K::Char('D')),
        Action::ToggleDocuments,
        "show/hide documents pane",
    ),
    (
        KeyBinding::plain(K::Char('/')),
        Action::Search,
        "search every statement",
    ),
    (KeyBinding::ctrl('n'), Action::NextHit, "next search hit"),
    (
        KeyBinding::ctrl('p'),
        Action::PrevHit,
        "previous search hit",
    ),
    (
        KeyBinding::plain(K::Char('\'')),
        Action::Mark,
        "'' back to where you were before the jump",
    ),
    (
        KeyBinding::plain(K::Char('m')),
        Action::ToggleBookmark,
        "bookmark this question (again: remove)",
    ),
    (
        KeyBinding::plain(K::Char('B')),
        Action::Bookmarks,
        "list bookmarks (Enter goes there)",
    ),
    (
        KeyBinding::plain(K::Char('a')),
        Action::EditNote,
        "note on this question",
    ),
    (
        KeyBinding::plain(K::Char('y')),
        Action::Copy,
        "copy question and answer with citation",
    ),
    (
        KeyBinding::plain(K::Char('e')),
        Action::Export,
        "export bookmarks to qnav-bookmarks.md",
    ),
    (KeyBinding::plain(K::Char('?')), Action::Help, "this help"),
    (
        KeyBinding::plain(K::Esc),
        Action::Close,
        "close help / bookmarks",
    ),
    (
        KeyBinding::plain(K::Char('q')),
        Action::Quit,
        "quit (closes help first)",
    ),
    (KeyBinding::ctrl('c'), Action::Quit, "quit"),
    (
        KeyBinding::ctrl('z'),
        Action::Suspend,
        "suspend to the shell",
    ),
];

/// Keys while the search pane is open; any other character without Ctrl
/// or Alt goes into the query.
pub const SEARCH_KEYMAP: &[(KeyBinding, Action, &str)] = &[
    (
        KeyBinding::plain(K::Enter),
        Action::SearchJump,
        "go to the hit (query kept: Ctrl-n/Ctrl-p in the reader)",
    ),
    (
        KeyBinding::plain(K::Esc),
        Action::SearchClose,
        "close search, back where you were",
    ),
    (
        KeyBinding::plain(K::Tab),
        Action::SearchScope,
        "scope: all / this document / questions",
    ),
    (KeyBinding::plain(K::Down), Action::NextHit, "next hit"),
    (KeyBinding::ctrl('n'), Action::NextHit, "next hit"),
    (KeyBinding::plain(K::Up), Action::PrevHit, "previous hit"),
    (KeyBinding::ctrl('p'), Action::PrevHit, "previous hit"),
    (
        KeyBinding::plain(K::PageDown),
        Action::PageDown,
        "page of hits down",
    ),
    (
        KeyBinding::plain(K::PageUp),
        Action::PageUp,
        "page of hits up",
    ),
    (
        KeyBinding::plain(K::Backspace),
        Action::SearchBackspace,
        "delete a character",
    ),
    (
        KeyBinding::ctrl('w'),
        Action::SearchDeleteWord,
        "delete a word",
    ),
    (
        KeyBinding::ctrl('u'),
        Action::SearchClear,
        "clear the query",
    ),
    (
        KeyBinding::ctrl('y'),
        Action::Copy,
        "copy the hit with its citation",
    ),
    (KeyBinding::ctrl('c'), Action::Quit, "quit"),
    (
        KeyBinding::ctrl('z'),
        Action::Suspend,
        "suspend to the shell",
    ),
];

/// The action bound to a key press, if any. Key releases are ignored
/// (terminals with the kitty protocol and Windows report them).
pub fn action_for_key(key: &KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    KEYMAP
        .iter()
        .find(|(binding, _, _)| binding.matches(key))
        .map(|(_, action, _)| *action)
}

/// The action for a key while the search pane is open: [`SEARCH_KEYMAP`],
/// else a typed character.
pub fn search_action_for_key(key: &KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if let Some((_, action, _)) = SEARCH_KEYMAP.iter().find(|(b, _, _)| b.matches(key)) {
        return Some(*action);
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

/// The action for any terminal event, as [`action_for_event`], with keys
/// going to the search pane while it is open.
pub fn action_for_event_in(event: &Event, searching: bool) -> Option<Action> {
    match event {
        Event::Key(key) if searching => search_action_for_key(key),
        _ => action_for_event(event),
    }
}

/// The action for a key while the note editor is open: every key is the
/// editor's, so typing `q` or `m` into a note never quits or bookmarks.
pub fn note_action_for_key(key: &KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let edit = match key.code {
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
        _ => return None,
    };
    Some(Action::NoteKey(edit))
}

/// The action for any terminal event: keys through [`KEYMAP`], plus
/// resizes and the mouse wheel and left click.
pub fn action_for_event(event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) => action_for_key(key),
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

/// The help's rows: all keys of one action joined, with the description.
pub fn help_rows() -> Vec<(String, &'static str)> {
    table_rows(KEYMAP)
}

/// The search pane's rows for the help.
pub fn search_help_rows() -> Vec<(String, &'static str)> {
    table_rows(SEARCH_KEYMAP)
}

fn table_rows(table: &[(KeyBinding, Action, &'static str)]) -> Vec<(String, &'static str)> {
    let mut rows: Vec<(String, Action, &'static str)> = Vec::new();
    for (binding, action, description) in table {
        match rows.last_mut() {
            Some((keys, last, last_description))
                if last == action && last_description == description =>
            {
                keys.push_str(", ");
                keys.push_str(&binding.label());
            }
            _ => rows.push((binding.label(), *action, description)),
        }
    }
    rows.into_iter().map(|(k, _, d)| (k, d)).collect()
}

/// The keys bound to `action`, as the help writes them (`n, ]`).
pub fn keys_for(action: Action) -> String {
    KEYMAP
        .iter()
        .filter(|(_, a, _)| *a == action)
        .map(|(b, _, _)| b.label())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn keys_dispatch_through_the_table() {
        let none = KeyModifiers::NONE;
        assert_eq!(
            action_for_key(&press(K::Char('n'), none)),
            Some(Action::NextQuestion)
        );
        assert_eq!(
            action_for_key(&press(K::Char(']'), none)),
            Some(Action::NextQuestion)
        );
        assert_eq!(
            action_for_key(&press(K::Char('J'), KeyModifiers::SHIFT)),
            Some(Action::NextDocument)
        );
        assert_eq!(
            action_for_key(&press(K::Char('J'), none)),
            Some(Action::NextDocument)
        );
        assert_eq!(
            action_for_key(&press(K::Char('d'), KeyModifiers::CONTROL)),
            Some(Action::HalfPageDown)
        );
        assert_eq!(
            action_for_key(&press(K::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for_key(&press(K::BackTab, KeyModifiers::SHIFT)),
            Some(Action::FocusPrev)
        );
        // 'd' without Ctrl is not bound; Ctrl-j is not 'j'.
        assert_eq!(action_for_key(&press(K::Char('d'), none)), None);
        assert_eq!(
            action_for_key(&press(K::Char('j'), KeyModifiers::CONTROL)),
            None
        );
    }

    #[test]
    fn releases_are_ignored() {
        let mut key = press(K::Char('q'), KeyModifiers::NONE);
        key.kind = KeyEventKind::Release;
        assert_eq!(action_for_key(&key), None);
    }

    #[test]
    fn help_rows_group_keys_of_one_action() {
        let rows = help_rows();
        assert!(rows.contains(&("n, ]".to_string(), "next question")));
        assert!(rows.contains(&("Ctrl-d".to_string(), "half a page down")));
        assert!(rows.contains(&("Space, PgDn".to_string(), "page down")));
        // Every binding appears in the help.
        let all: String = rows
            .iter()
            .map(|(k, _)| k.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        for (binding, _, _) in KEYMAP {
            assert!(
                all.contains(&binding.label()),
                "{} missing",
                binding.label()
            );
        }
    }

    #[test]
    fn no_key_is_bound_twice() {
        for table in [KEYMAP, SEARCH_KEYMAP] {
            for (i, (a, _, _)) in table.iter().enumerate() {
                for (b, _, _) in &table[i + 1..] {
                    assert_ne!(a, b, "{} bound twice", a.label());
                }
            }
        }
    }

    #[test]
    fn the_search_pane_takes_typed_characters() {
        let none = KeyModifiers::NONE;
        assert_eq!(
            search_action_for_key(&press(K::Char('n'), none)),
            Some(Action::SearchInput('n'))
        );
        assert_eq!(
            search_action_for_key(&press(K::Char('Q'), KeyModifiers::SHIFT)),
            Some(Action::SearchInput('Q'))
        );
        assert_eq!(
            search_action_for_key(&press(K::Char('n'), KeyModifiers::CONTROL)),
            Some(Action::NextHit)
        );
        assert_eq!(
            search_action_for_key(&press(K::Esc, none)),
            Some(Action::SearchClose)
        );
        assert_eq!(
            search_action_for_key(&press(K::Char('x'), KeyModifiers::ALT)),
            None
        );
    }
}
