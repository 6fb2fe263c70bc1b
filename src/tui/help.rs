//! The help overlay (`?`): every key binding with what it does, generated
//! from the app's [`Keymap`] (defaults plus `config.toml`) so it cannot go
//! stale. Esc closes it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};
use unicode_width::UnicodeWidthStr;

use super::app::App;
use super::keymap::{Action, Keymap};
use super::layout::{help_area, help_visible_rows};

/// The overlay's title and bottom hint: when the rows do not all fit,
/// which of them show and that the list scrolls (` Keys 1–20 of 34 `,
/// ` j more · Esc closes `).
pub fn titles(keymap: &Keymap, first: usize, total: usize, visible: usize) -> (String, String) {
    let close = format!("{} closes", keymap.first_key(Action::Close));
    if total <= visible {
        return (" Keys ".into(), format!(" {close} "));
    }
    let last = (first + visible).min(total);
    let mut hints = Vec::new();
    if first > 0 {
        hints.push(format!("{} back", keymap.first_key(Action::Up)));
    }
    if last < total {
        hints.push(format!("{} more", keymap.first_key(Action::Down)));
    }
    hints.push(close);
    (
        format!(" Keys {}–{last} of {total} ", first + 1),
        format!(" {} ", hints.join(" · ")),
    )
}

pub fn render(app: &App, screen: Rect, buf: &mut Buffer) {
    let rows = app.keymap().help_table();
    let area = help_area(screen, &rows);
    Clear.render(area, buf);
    let first = app.help_scroll().unwrap_or(0);
    let (title, hint) = titles(
        app.keymap(),
        first,
        rows.len(),
        help_visible_rows(screen, &rows),
    );
    let block = super::draw::overlay_block(app, title, hint);
    let inner = block.inner(area);
    block.render(area, buf);
    let keys_width = rows.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
    for (slot, (keys, description)) in rows
        .iter()
        .skip(first)
        .take(usize::from(inner.height))
        .enumerate()
    {
        let line = Line::from(vec![
            Span::styled(format!(" {keys:<keys_width$}  "), app.theme().question()),
            Span::raw(*description),
        ]);
        let y = inner.y + slot as u16;
        line.render(
            Rect {
                y,
                height: 1,
                ..inner
            },
            buf,
        );
    }
}
