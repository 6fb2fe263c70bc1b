//! The help overlay (`?`): every key binding with what it does, generated
//! from the app's [`Keymap`] (defaults plus `config.toml`) so it cannot go
//! stale. Esc closes it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};
use unicode_width::UnicodeWidthStr;

use super::app::App;
use super::keymap::{Action, Keymap};

/// All rows: keys, description; the search pane's keys after a heading.
pub fn rows(keymap: &Keymap) -> Vec<(String, &'static str)> {
    let mut rows = keymap.help_rows();
    rows.push((
        "mouse".into(),
        "wheel scrolls the pane under it, click selects",
    ));
    rows.push((String::new(), ""));
    let search = keymap.first_key(Action::Search);
    rows.push((
        format!("{search} pane").trim_start().to_string(),
        "(typed letters go into the query)",
    ));
    rows.extend(keymap.search_help_rows());
    rows
}

/// Where the overlay is drawn on `screen`.
pub fn area(screen: Rect, keymap: &Keymap) -> Rect {
    let rows = rows(keymap);
    let keys = rows.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
    let text = rows.iter().map(|(_, d)| d.width()).max().unwrap_or(0);
    let width = u16::try_from(keys + text + 6).unwrap_or(u16::MAX);
    let height = u16::try_from(rows.len() + 2).unwrap_or(u16::MAX);
    crate::tui::view::centered(screen, width, height)
}

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

/// How many help rows fit on `screen`.
pub fn visible_rows(screen: Rect, keymap: &Keymap) -> usize {
    usize::from(Block::bordered().inner(area(screen, keymap)).height)
}

pub fn render(app: &App, screen: Rect, buf: &mut Buffer) {
    let area = area(screen, app.keymap());
    Clear.render(area, buf);
    let rows = rows(app.keymap());
    let first = app.help_scroll().unwrap_or(0);
    let (title, hint) = titles(
        app.keymap(),
        first,
        rows.len(),
        visible_rows(screen, app.keymap()),
    );
    let block = crate::tui::view::overlay_block(app, title, hint);
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
