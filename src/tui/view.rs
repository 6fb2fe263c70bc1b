//! The screen as a whole: which pane goes where ([`panes`]) and
//! [`render`], which only draws — no I/O, no state change.
//!
//! The layout is a pure function of the screen size and focus so that the
//! app (page sizes, wrap width, mouse hit-testing) and the drawing always
//! agree on where every pane is.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthChar;

use super::app::{App, Focus};
use super::theme::Theme;
use super::{bookmarks, doclist, help, note, questions, reader, search, source, status};

/// Smallest screen that shows the reader; below it a note says so.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 5;
/// From this width on, documents, questions and reader sit side by side.
pub const WIDE: u16 = 100;
/// Below this width only one pane is shown next to nothing.
pub const NARROW: u16 = 60;

/// Where each pane is; a list pane is `None` when folded away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    pub documents: Option<Rect>,
    pub questions: Option<Rect>,
    pub reader: Rect,
    pub status: Rect,
}

/// Lays the panes out on `screen`; `None` when it is too small.
///
/// Wide: documents | questions | reader. Narrower: the focused list (or the
/// questions) | reader. Very narrow: only the focused pane (the reader when
/// a list is not focused).
pub fn panes(screen: Rect, focus: Focus, docs_hidden: bool) -> Option<Panes> {
    if screen.width < MIN_WIDTH || screen.height < MIN_HEIGHT {
        return None;
    }
    let [main, status] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(screen);
    let empty = Rect::new(main.x, main.y, 0, 0);
    let panes = if screen.width >= WIDE {
        if docs_hidden && focus != Focus::Documents {
            let [q, r] =
                Layout::horizontal([Constraint::Percentage(30), Constraint::Fill(1)]).areas(main);
            (None, Some(q), r)
        } else {
            let [d, q, r] = Layout::horizontal([
                Constraint::Percentage(22),
                Constraint::Percentage(26),
                Constraint::Fill(1),
            ])
            .areas(main);
            (Some(d), Some(q), r)
        }
    } else if screen.width >= NARROW {
        let [list, r] =
            Layout::horizontal([Constraint::Percentage(35), Constraint::Fill(1)]).areas(main);
        if focus == Focus::Documents {
            (Some(list), None, r)
        } else {
            (None, Some(list), r)
        }
    } else {
        match focus {
            Focus::Documents => (Some(main), None, empty),
            Focus::Questions => (None, Some(main), empty),
            Focus::Reader => (None, None, main),
        }
    };
    Some(Panes {
        documents: panes.0,
        questions: panes.1,
        reader: panes.2,
        status,
    })
}

/// Draws the whole screen from `app`.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    render_to(app, area, frame.buffer_mut());
}

/// A `width`×`height` rectangle centred in `screen` (clipped to it): where
/// overlays (help, bookmarks) are drawn.
pub fn centered(screen: Rect, width: u16, height: u16) -> Rect {
    use ratatui::layout::{Constraint, Flex, Layout};
    let [area] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(screen);
    let [area] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    area
}

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

/// [`render`] into any buffer (benches and tests draw without a terminal).
pub fn render_to(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(panes) = panes(area, app.focus(), app.docs_hidden()) else {
        too_small(area, buf);
        return;
    };
    if let Some(r) = panes.documents {
        doclist::render(app, r, buf);
    }
    if let Some(r) = panes.questions {
        questions::render(app, r, buf);
    }
    if !panes.reader.is_empty() {
        reader::render(app, panes.reader, buf);
    }
    status::render(app, panes.status, buf);
    if app.note_edit().is_some() {
        note::render(app, panes.status, buf);
    }
    if app.search_open() {
        let main = Rect {
            height: area.height.saturating_sub(panes.status.height),
            ..area
        };
        search::render(app, main, buf);
    }
    if app.bookmarks_cursor().is_some() {
        bookmarks::render(app, area, buf);
    }
    if app.source_view().is_some() {
        source::render(app, area, buf);
    }
    if app.help_scroll().is_some() {
        help::render(app, area, buf);
    }
    if !app.colors() {
        // One pass at the end rather than a colour check in every pane;
        // the modifiers (bold, reverse, dim) still tell things apart, and
        // what only a background set apart (the active search scope, the
        // statement a search jumped to, the status bar) is in reverse video.
        for cell in &mut buf.content {
            if cell.bg != Color::Reset {
                cell.modifier.insert(Modifier::REVERSED);
            }
            cell.fg = Color::Reset;
            cell.bg = Color::Reset;
        }
    }
}

fn too_small(area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let note = format!(
        "terminal too small: {}×{}, need {MIN_WIDTH}×{MIN_HEIGHT}",
        area.width, area.height
    );
    Paragraph::new(Line::from(note))
        .style(Style::new().fg(Color::Yellow))
        .wrap(Wrap { trim: true })
        .render(area, buf);
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

/// First item shown by a list of `len` items with room for `visible`:
/// the cursor stays near the middle, and the list never scrolls past its end.
/// Stateless, so the app's mouse hit-testing and the drawing agree.
pub fn list_offset(cursor: usize, len: usize, visible: usize) -> usize {
    cursor
        .saturating_sub(visible / 2)
        .min(len.saturating_sub(visible))
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

    #[test]
    fn layout_folds_panes_by_width() {
        let wide = panes(Rect::new(0, 0, 140, 40), Focus::Reader, false).unwrap();
        assert!(wide.documents.is_some() && wide.questions.is_some());
        let hidden = panes(Rect::new(0, 0, 140, 40), Focus::Reader, true).unwrap();
        assert!(hidden.documents.is_none());
        let mid = panes(Rect::new(0, 0, 80, 24), Focus::Reader, false).unwrap();
        assert!(mid.documents.is_none() && mid.questions.is_some());
        let mid_docs = panes(Rect::new(0, 0, 80, 24), Focus::Documents, false).unwrap();
        assert!(mid_docs.documents.is_some() && mid_docs.questions.is_none());
        let narrow = panes(Rect::new(0, 0, 40, 12), Focus::Reader, false).unwrap();
        assert_eq!(narrow.reader.width, 40);
        assert!(panes(Rect::new(0, 0, 19, 30), Focus::Reader, false).is_none());
        assert!(panes(Rect::new(0, 0, 0, 0), Focus::Reader, false).is_none());
    }
}
