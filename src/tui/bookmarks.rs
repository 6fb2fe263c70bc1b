//! The bookmarks overlay (`B`): every bookmark of the loaded documents —
//! title, question number, question, the note's first line. j/k move,
//! Enter goes there, Esc closes. Drawing only; the list comes from
//! [`App::bookmark_entries`].

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::app::App;
use super::draw::fit;
use super::keymap::Action;
use super::layout::list_offset;
use crate::text::printable;

pub fn render(app: &App, screen: Rect, buf: &mut Buffer) {
    let area = super::layout::overlay_area(screen);
    Clear.render(area, buf);
    let entries = app.bookmark_entries();
    let block = super::draw::overlay_block(
        app,
        format!(" Bookmarks ({}) ", entries.len()),
        format!(
            " {} goes there · {} closes ",
            app.keymap().first_key(Action::Open),
            app.keymap().first_key(Action::Close)
        ),
    );
    let inner = block.inner(area);
    block.render(area, buf);
    let width = usize::from(inner.width);
    if entries.is_empty() {
        Line::styled(
            fit(
                " no bookmarks yet: m bookmarks the question being read",
                width,
            ),
            Style::new().add_modifier(Modifier::DIM),
        )
        .render(inner, buf);
        return;
    }
    let cursor = app.bookmarks_cursor().unwrap_or(0);
    let visible = usize::from(inner.height);
    let offset = list_offset(cursor, entries.len(), visible);
    for (slot, (i, e)) in entries
        .iter()
        .enumerate()
        .skip(offset)
        .take(visible)
        .enumerate()
    {
        let selected = i == cursor;
        let base = if selected {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        let title = format!(" {} ", fit(&printable(&e.title), 30));
        let label = format!("Q{} ", e.pair);
        let mut text = printable(&e.question).into_owned();
        if let Some(note) = e.note.as_deref().and_then(|n| n.lines().next()) {
            text.push_str(" — ");
            text.push_str(&printable(note));
        }
        let used = title.chars().count() + label.chars().count();
        let line = Line::from(vec![
            Span::styled(title, base.add_modifier(Modifier::BOLD)),
            Span::styled(label, base.fg(app.theme().question)),
            Span::styled(fit(&text, width.saturating_sub(used)), base),
        ]);
        line.render(
            Rect {
                y: inner.y + slot as u16,
                height: 1,
                ..inner
            },
            buf,
        );
    }
}
