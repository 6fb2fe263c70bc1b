//! What is in front: the panes, or one overlay over them — [`Layer`].
//!
//! One value says which mode the reader is in, so which keys apply is
//! decided in one place ([`Layer::keys`]) and no two modes can be open at
//! once. Each overlay's state lives in its variant and goes when it
//! closes; what outlives an overlay (the search query and its hits, the
//! documents filter) is kept by [`App`](super::app::App). Each overlay is
//! drawn by its own file (`help.rs`, `search.rs`, `bookmarks.rs`,
//! `note.rs`, `source.rs`; the filter by `doclist.rs`), which `view.rs`
//! picks by matching the layer; its keys are handled by the `App` method
//! named after it. No drawing here and nothing from `App`, so `App` and
//! the drawing can both use it.

use super::keymap::{Action, EditKey};

/// The mode the reader is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layer {
    /// The three panes, nothing over them.
    Panes {
        /// The first `'` of `''` was pressed: the next `'` goes back.
        mark_pending: bool,
    },
    /// The keys (`?`), from row `first` of the table.
    Help { first: usize },
    /// The search pane (`/`). `origin` (document, scroll) is where the
    /// reader was when it opened: `Esc` goes back there, and a jump leaves
    /// it for `''`.
    Search { origin: (usize, usize) },
    /// The bookmarks (`B`), row `cursor` selected.
    Bookmarks { cursor: usize },
    /// The note editor (`a`) in the status line.
    Note(NoteEdit),
    /// The code editor (`c`) in the status line: a code to give the pair
    /// (or take off it).
    Code(NoteEdit),
    /// The codes given (`C`), and one code's pairs once chosen.
    Codes(CodesView),
    /// The documents filter (`f`) being typed; the filter itself stays
    /// after `Enter`, so its text is the documents pane's.
    Filter,
    /// The source lines behind the pair being read (`v`).
    Source(SourceView),
    /// Everyone who speaks in the open documents (`S`), and one person's
    /// turns once chosen.
    Speakers(SpeakersView),
    /// The questions of other documents like the one being read (`s`).
    Related(RelatedView),
}

/// The codes view: every code with its pairs (document, pair), the code
/// chosen, the selections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodesView {
    /// Each code and its pairs among the open documents, by code.
    pub codes: Vec<(String, Vec<(usize, usize)>)>,
    pub cursor: usize,
    /// The code whose pairs are listed, and the selected pair.
    pub chosen: Option<(usize, usize)>,
}

impl CodesView {
    /// The rows listed now: codes, or the chosen code's pairs.
    pub fn rows(&self) -> usize {
        match self.chosen {
            Some((c, _)) => self.codes.get(c).map_or(0, |c| c.1.len()),
            None => self.codes.len(),
        }
    }
}

/// The same question elsewhere: for pair `pair` of document `doc`, the
/// questions of other documents sharing its rarer words, best first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelatedView {
    pub doc: usize,
    pub pair: usize,
    /// (document, pair, the words shared), best first.
    pub items: Vec<(usize, usize, Vec<String>)>,
    pub cursor: usize,
}

/// The speakers view: the people, the one chosen, the selections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakersView {
    pub people: Vec<crate::search::people::Person>,
    /// The selected person.
    pub cursor: usize,
    /// The person whose turns are listed, and the selected turn.
    pub chosen: Option<(usize, usize)>,
}

impl SpeakersView {
    /// The rows listed now: people, or the chosen person's turns.
    pub fn rows(&self) -> usize {
        match self.chosen {
            Some((p, _)) => self.people.get(p).map_or(0, |p| p.turns.len()),
            None => self.people.len(),
        }
    }

    /// The selected row of what is listed.
    pub fn selected(&self) -> usize {
        self.chosen.map_or(self.cursor, |(_, t)| t)
    }

    /// Selects row `row` of what is listed.
    pub fn select(&mut self, row: usize) {
        match &mut self.chosen {
            Some((_, t)) => *t = row,
            None => self.cursor = row,
        }
    }
}

impl Default for Layer {
    fn default() -> Self {
        Layer::Panes {
            mark_pending: false,
        }
    }
}

/// Which key table turns keys into actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keys {
    /// The configured keymap.
    Main,
    /// The configured keymap, with the search pane's own keys first.
    Search,
    /// Editing keys of a one-line editor (letters are text, not commands).
    Line,
}

impl Layer {
    /// The key table of this layer: the only place that decides it.
    pub fn keys(&self) -> Keys {
        match self {
            Layer::Note(_) | Layer::Code(_) | Layer::Filter => Keys::Line,
            Layer::Search { .. } => Keys::Search,
            _ => Keys::Main,
        }
    }

    /// Whether this is the panes with nothing over them.
    pub fn is_panes(&self) -> bool {
        matches!(self, Layer::Panes { .. })
    }
}

/// How a scrolling overlay (help, source) answers a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scrolled {
    /// The first row shown is now this.
    To(usize),
    /// The overlay closes.
    Close,
    /// Not a key of the overlay: nothing happens (the panes under it are
    /// hidden, so it must not act on them).
    Ignored,
}

/// The scrolling keys that help and the source view share: `first` is the
/// first row shown, `page` how many rows show, `max` the furthest first
/// row; `closers` close the overlay.
pub fn scroll(
    first: usize,
    action: Action,
    page: usize,
    max: usize,
    closers: &[Action],
) -> Scrolled {
    if closers.contains(&action) {
        return Scrolled::Close;
    }
    let page = page.max(1);
    let to = match action {
        Action::Down | Action::ScrollAt { down: true, .. } => first.saturating_add(1),
        Action::Up | Action::ScrollAt { down: false, .. } => first.saturating_sub(1),
        Action::PageDown | Action::HalfPageDown => first.saturating_add(page),
        Action::PageUp | Action::HalfPageUp => first.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => max,
        _ => return Scrolled::Ignored,
    };
    Scrolled::To(to.min(max))
}

/// A one-line editor: the text and the cursor (in chars). The note
/// editor and the documents filter are one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEdit {
    pub text: String,
    pub cursor: usize,
}

impl LineEdit {
    /// The byte offset of char `char_index` (the end past the last char).
    fn byte(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(i, _)| i)
    }

    fn len(&self) -> usize {
        self.text.chars().count()
    }

    /// Applies an editing key; Enter and Esc are the caller's.
    pub fn edit(&mut self, key: EditKey) {
        match key {
            // (Bidi overrides, zero-width and line-separator characters are
            // not control characters to Rust, but must not reach a screen.)
            EditKey::Char(c) if !c.is_control() && !crate::text::is_unsafe_char(c) => {
                let at = self.byte(self.cursor);
                self.text.insert(at, c);
                self.cursor += 1;
            }
            EditKey::Left => self.cursor = self.cursor.saturating_sub(1),
            EditKey::Right => self.cursor = (self.cursor + 1).min(self.len()),
            EditKey::Home => self.cursor = 0,
            EditKey::End => self.cursor = self.len(),
            EditKey::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                let at = self.byte(self.cursor);
                self.text.remove(at);
            }
            EditKey::Delete if self.cursor < self.len() => {
                let at = self.byte(self.cursor);
                self.text.remove(at);
            }
            _ => {}
        }
    }

    /// Inserts `text` at the cursor, as one edit (a paste).
    pub fn insert(&mut self, text: &str) {
        let at = self.byte(self.cursor);
        self.text.insert_str(at, text);
        self.cursor += text.chars().count();
    }
}

/// The note being written: its editor, and the pair it is for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoteEdit {
    /// 1-based pair number the note is for.
    pub pair: usize,
    pub line: LineEdit,
}

impl std::ops::Deref for NoteEdit {
    type Target = LineEdit;
    fn deref(&self) -> &LineEdit {
        &self.line
    }
}

impl std::ops::DerefMut for NoteEdit {
    fn deref_mut(&mut self) -> &mut LineEdit {
        &mut self.line
    }
}

/// The source lines behind a pair, as the source view shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceView {
    /// The file and where the pair stands in it.
    pub title: String,
    pub rows: Vec<crate::source::SourceLine>,
    /// The lines of the statement a search jumped to, if in this pair.
    pub marked: Option<crate::model::LineRange>,
    /// First row shown.
    pub scroll: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_layer_has_one_key_table() {
        assert_eq!(Layer::default().keys(), Keys::Main);
        assert_eq!(Layer::Filter.keys(), Keys::Line);
        assert_eq!(Layer::Note(NoteEdit::default()).keys(), Keys::Line);
        assert_eq!(Layer::Search { origin: (0, 0) }.keys(), Keys::Search);
        assert_eq!(Layer::Help { first: 3 }.keys(), Keys::Main);
    }

    #[test]
    fn overlays_scroll_within_their_rows_and_close_on_their_keys() {
        let close = [Action::Close, Action::Help];
        assert_eq!(scroll(0, Action::Up, 10, 5, &close), Scrolled::To(0));
        assert_eq!(scroll(4, Action::Down, 10, 5, &close), Scrolled::To(5));
        assert_eq!(scroll(5, Action::Down, 10, 5, &close), Scrolled::To(5));
        assert_eq!(scroll(0, Action::PageDown, 3, 50, &close), Scrolled::To(3));
        assert_eq!(scroll(7, Action::Bottom, 3, 50, &close), Scrolled::To(50));
        assert_eq!(scroll(7, Action::Help, 3, 50, &close), Scrolled::Close);
        assert_eq!(
            scroll(7, Action::NextQuestion, 3, 50, &close),
            Scrolled::Ignored
        );
    }

    #[test]
    fn a_line_edit_inserts_and_deletes_by_char() {
        let mut e = LineEdit::default();
        for c in "añb".chars() {
            e.edit(EditKey::Char(c));
        }
        e.edit(EditKey::Left);
        e.edit(EditKey::Backspace);
        assert_eq!((e.text.as_str(), e.cursor), ("ab", 1));
        e.insert("üß");
        assert_eq!(e.cursor, 3);
        e.edit(EditKey::Char('\u{1b}'));
        e.edit(EditKey::Char('\u{202e}'));
        assert_eq!(e.text, "aüßb", "control and bidi characters are not text");
    }
}
