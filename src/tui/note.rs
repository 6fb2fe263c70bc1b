//! The note editor (`a`): one line over the status line, `Note on Q3: …`
//! with a block cursor. Drawing only; the text and cursor live in
//! [`NoteEdit`](super::app::NoteEdit).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};
use unicode_width::UnicodeWidthStr;

use super::app::App;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(edit) = app.note_edit() else { return };
    Clear.render(area, buf);
    let label = format!(" Note on Q{} (Enter saves, Esc cancels): ", edit.pair);
    let before: String = edit.text.chars().take(edit.cursor).collect();
    let at: String = edit.text.chars().skip(edit.cursor).take(1).collect();
    let after: String = edit.text.chars().skip(edit.cursor + 1).collect();
    // Keep the cursor on screen: drop the start of a long note.
    let room = usize::from(area.width).saturating_sub(label.width() + 1);
    let mut shown = before.as_str();
    while shown.width() > room {
        let mut chars = shown.chars();
        chars.next();
        shown = chars.as_str();
    }
    let cursor = if at.is_empty() { " ".to_string() } else { at };
    Line::from(vec![
        Span::styled(label, Style::new().add_modifier(Modifier::BOLD)),
        Span::raw(shown.to_string()),
        Span::styled(cursor, Style::new().add_modifier(Modifier::REVERSED)),
        Span::raw(after),
    ])
    .render(area, buf);
}
