//! The one-line editors over the status line: the note (`a`, `Note on
//! Q3: …`) and the code (`c`, `Code Q3: …`, Tab completing from the codes
//! given), with a block cursor. Drawing only; the text and cursor live in
//! [`NoteEdit`](super::app::NoteEdit).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};
use unicode_width::UnicodeWidthStr;

use super::app::App;
use super::layer::Layer;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let (label, edit) = match app.layer() {
        Layer::Note(edit) => (
            format!(" Note on Q{} (Enter saves, Esc cancels): ", edit.pair),
            edit,
        ),
        Layer::Code(edit) => (
            format!(
                " Code Q{} (Tab completes, Enter adds or takes it off, Esc cancels): ",
                edit.pair
            ),
            edit,
        ),
        _ => return,
    };
    Clear.render(area, buf);
    let room = usize::from(area.width).saturating_sub(label.width());
    let mut spans = vec![Span::styled(
        label,
        Style::new().add_modifier(Modifier::BOLD),
    )];
    spans.extend(super::draw::edit_spans(edit, room));
    Line::from(spans).render(area, buf);
}
