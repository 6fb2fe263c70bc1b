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
    let room = usize::from(area.width).saturating_sub(label.width());
    let mut spans = vec![Span::styled(
        label,
        Style::new().add_modifier(Modifier::BOLD),
    )];
    spans.extend(super::draw::edit_spans(edit, room));
    Line::from(spans).render(area, buf);
}
