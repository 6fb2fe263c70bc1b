//! Drawing helpers every pane shares: the frame of a pane and of an
//! overlay, and text fitted to a width. (Apart from [`super::view`], which
//! places the panes, so that a pane and the screen do not import each
//! other.)

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Widget};
use unicode_width::UnicodeWidthChar;

use super::app::{App, LineEdit};
use super::theme::Theme;

/// The frame every overlay (help, bookmarks, source) is drawn in: rounded,
/// in the accent colour, `title` in bold at the top and the keys that act
/// on it (`hint`) at the bottom right.
pub fn overlay_block(app: &App, title: String, hint: String) -> Block<'static> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(app.theme().accent())
        .title(Line::styled(
            title,
            Style::new().add_modifier(Modifier::BOLD),
        ))
        .title_bottom(Line::from(hint).right_aligned())
}

/// A list overlay (speakers, codes, related questions): the frame with
/// `title` and `hint` over most of the screen, and each item that fits
/// drawn by `item` (its index, its base style — reversed when selected —
/// and its rows), scrolled so that `cursor` shows.
#[allow(clippy::too_many_arguments)]
pub fn list_overlay(
    app: &App,
    screen: Rect,
    buf: &mut Buffer,
    title: String,
    hint: String,
    (len, cursor): (usize, usize),
    item_height: u16,
    mut item: impl FnMut(usize, Style, Rect, &mut Buffer),
) {
    let area = super::layout::overlay_area(screen);
    Clear.render(area, buf);
    let block = overlay_block(app, title, hint);
    let inner = block.inner(area);
    block.render(area, buf);
    let height = item_height.max(1);
    let visible = usize::from(inner.height / height);
    let offset = super::layout::list_offset(cursor, len, visible);
    for slot in 0..visible.min(len.saturating_sub(offset)) {
        let i = offset + slot;
        let base = if i == cursor {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        let rows = Rect {
            y: inner.y + slot as u16 * height,
            height,
            ..inner
        };
        item(i, base, rows, buf);
    }
}

/// The frame every pane is drawn in; the focused one stands out.
pub fn pane_block(title: &str, focused: bool, theme: &Theme) -> Block<'static> {
    let (border, title_style) = if focused {
        (theme.accent(), theme.accent().add_modifier(Modifier::BOLD))
    } else {
        (theme.dim(), Style::new())
    };
    Block::bordered()
        .border_type(if focused {
            BorderType::Double
        } else {
            BorderType::Plain
        })
        .border_style(border)
        .title(Line::styled(title.to_string(), title_style))
}

/// `text` cut to at most `width` columns, ending in `…` when cut.
pub fn fit(text: &str, width: usize) -> String {
    let total: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// A one-line editor's text as spans with a block cursor, in `room`
/// columns: the start of a long text is dropped so the cursor stays in view.
pub fn edit_spans(edit: &LineEdit, room: usize) -> Vec<Span<'static>> {
    let before: String = edit.text.chars().take(edit.cursor).collect();
    let at: String = edit.text.chars().skip(edit.cursor).take(1).collect();
    let after: String = edit.text.chars().skip(edit.cursor + 1).collect();
    let cursor = if at.is_empty() { " ".to_string() } else { at };
    vec![
        Span::raw(fit_end(&before, room.saturating_sub(1))),
        Span::styled(cursor, Style::new().add_modifier(Modifier::REVERSED)),
        Span::raw(after),
    ]
}

/// The end of `s` that fits in `width` columns.
fn fit_end(s: &str, width: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut used = 0;
    let mut start = chars.len();
    while start > 0 {
        let w = chars[start - 1].width().unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        start -= 1;
    }
    chars[start..].iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_by_display_width() {
        assert_eq!(fit("hello", 5), "hello");
        assert_eq!(fit("hello world", 6), "hello…");
        assert_eq!(fit("日本語テキスト", 5), "日本…");
        assert_eq!(fit("abc", 0), "");
    }
}
