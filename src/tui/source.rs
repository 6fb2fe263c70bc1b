//! The source view (`v`): the raw lines behind the pair being read, with
//! their line numbers in the margin as an editor shows them; lines the
//! cleaner dropped (page numbers, headers, navigation) dimmed with the
//! reason, the statement a search jumped to in bold. Only the visible rows
//! are drawn; a line wider than the view is cut, never wrapped, so the
//! numbers stay those of the file.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::app::App;
use super::keymap::Action;

pub fn render(app: &App, screen: Rect, buf: &mut Buffer) {
    let Some(view) = app.source_view() else {
        return;
    };
    let area = super::layout::source_area(screen);
    if area.is_empty() {
        return;
    }
    Clear.render(area, buf);
    let block = super::draw::overlay_block(
        app,
        format!(" Source · {} ", view.title),
        format!(" {} closes ", app.keymap().first_key(Action::Close)),
    );
    let inner = block.inner(area);
    block.render(area, buf);
    let width = view.rows.last().map_or(1, |r| r.no.to_string().len());
    for (slot, row) in view
        .rows
        .iter()
        .skip(view.scroll)
        .take(usize::from(inner.height))
        .enumerate()
    {
        let marked = view
            .marked
            .is_some_and(|m| (m.first..=m.last).contains(&row.no));
        let number = Span::styled(format!("{:>width$} ", row.no), app.theme().dim());
        let line = match row.dropped {
            Some(why) => Line::from(vec![
                number,
                Span::styled("┊ ", app.theme().dim()),
                Span::styled(row.text.as_str(), app.theme().dim()),
                Span::styled(
                    format!("  ← {why}"),
                    app.theme().dim().add_modifier(Modifier::ITALIC),
                ),
            ]),
            None => {
                let text = if marked {
                    app.theme().matched().add_modifier(Modifier::BOLD)
                } else {
                    Style::new()
                };
                Line::from(vec![
                    number,
                    Span::styled("│ ", app.theme().dim()),
                    Span::styled(row.text.as_str(), text),
                ])
            }
        };
        let y = inner.y + slot as u16;
        line.render(Rect::new(inner.x, y, inner.width, 1), buf);
    }
}
