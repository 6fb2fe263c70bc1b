//! The reading pane: the visible slice of the open document's
//! [`ReaderLines`] (wrapped once per width, see [`super::reader_lines`]),
//! drawn in its frame.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::app::{App, Focus};
use super::draw::pane_block;
pub use super::reader_lines::{Marked, ReaderLines};
use crate::model::DocKind;

pub use super::layout::text_area;

/// Draws the reading pane: only the lines that fit, sliced from the cache.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let title = match app.current_document() {
        Some(doc) if doc.kind == DocKind::Article => " Article ".to_string(),
        Some(_) => " Interview ".to_string(),
        None => " Reading ".to_string(),
    };
    pane_block(&title, app.focus() == Focus::Reader, app.theme()).render(area, buf);
    let text = app.reader_text_area(area);
    if text.is_empty() {
        return;
    }
    let Some(lines) = app.reader_lines() else {
        let note = if app.loading().done {
            "No documents to show."
        } else {
            "Loading documents…"
        };
        Paragraph::new(Span::styled(note, app.theme().dim()))
            .wrap(Wrap { trim: true })
            .render(text, buf);
        return;
    };
    let start = app.scroll().min(lines.lines.len());
    for (row, line) in lines.lines[start..]
        .iter()
        .take(usize::from(text.height))
        .enumerate()
    {
        let y = text.y + row as u16;
        line.render(
            Rect {
                y,
                height: 1,
                ..text
            },
            buf,
        );
    }
}
