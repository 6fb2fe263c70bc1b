//! Where everything is on the screen, as pure functions of the screen's
//! size and the focus: the panes, the overlays, the rows of each list and
//! what a click on a row selects. `App` (page sizes, wrap width, mouse
//! hit-testing) and the panes' drawing both ask here, so they always agree
//! — and `App` never imports a pane to know where it is.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Block;

/// Which pane keys like `j`/`k` act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    Documents,
    Questions,
    #[default]
    Reader,
}

impl Focus {
    pub(crate) const ORDER: [Focus; 3] = [Focus::Documents, Focus::Questions, Focus::Reader];

    pub(crate) fn index(self) -> usize {
        Self::ORDER.iter().position(|f| *f == self).unwrap_or(0)
    }
}

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

/// Where a list overlay (bookmarks, speakers, codes, related questions)
/// is drawn: most of the screen, centred.
pub fn overlay_area(screen: Rect) -> Rect {
    let width = screen.width.saturating_sub(4).min(110);
    let height = screen.height.saturating_sub(4);
    centered(screen, width, height)
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

/// First item shown by a list of `len` items with room for `visible`:
/// the cursor stays near the middle, and the list never scrolls past its end.
/// Stateless, so the app's mouse hit-testing and the drawing agree.
pub fn list_offset(cursor: usize, len: usize, visible: usize) -> usize {
    cursor
        .saturating_sub(visible / 2)
        .min(len.saturating_sub(visible))
}

/// The part of the reading pane that holds text: inside the border, one
/// column of left padding. The app wraps to this width.
pub fn text_area(pane: Rect) -> Rect {
    let inner = Block::bordered().inner(pane);
    Rect {
        x: inner.x.saturating_add(1).min(inner.right()),
        width: inner.width.saturating_sub(1),
        ..inner
    }
}

/// Rows of a bordered list pane.
pub fn list_rows(pane: Rect) -> usize {
    usize::from(Block::bordered().inner(pane).height)
}

/// The item of a bordered list whose items are `item_height` rows each,
/// drawn at screen row `row`, if any (the list scrolled as
/// [`list_offset`] scrolls it).
pub fn list_item_at(
    pane: Rect,
    cursor: usize,
    len: usize,
    row: u16,
    item_height: u16,
) -> Option<usize> {
    let inner = Block::bordered().inner(pane);
    if row < inner.y || row >= inner.bottom() || item_height == 0 {
        return None;
    }
    let visible = usize::from(inner.height / item_height);
    let index = list_offset(cursor, len, visible) + usize::from((row - inner.y) / item_height);
    (index < len).then_some(index)
}

/// Rows per document in the documents pane.
pub const DOC_ITEM_HEIGHT: u16 = 2;

/// How many documents fit in the documents pane.
pub fn visible_documents(pane: Rect) -> usize {
    usize::from(Block::bordered().inner(pane).height / DOC_ITEM_HEIGHT)
}

/// Rows one search hit takes in the search pane's list.
pub const HIT_ROWS: usize = 2;

/// The search pane's parts: query rows, hit list, preview.
pub fn search_parts(area: Rect) -> (Rect, Rect, Rect) {
    let inner = Block::bordered().inner(area);
    let preview = (inner.height / 3).clamp(3, 12);
    let [head, list, preview] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(preview),
    ])
    .areas(inner);
    (head, list, preview)
}

/// Hits the search pane's list shows at once over `screen_main` (the
/// screen above the status line).
pub fn visible_hits(screen_main: Rect) -> usize {
    (usize::from(search_parts(screen_main).1.height) / HIT_ROWS).max(1)
}

/// Where the help overlay goes: its `rows` (keys, description) fitted.
pub fn help_area(screen: Rect, rows: &[(String, &str)]) -> Rect {
    use unicode_width::UnicodeWidthStr;
    let keys = rows.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
    let text = rows.iter().map(|(_, d)| d.width()).max().unwrap_or(0);
    let width = u16::try_from(keys + text + 6).unwrap_or(u16::MAX);
    let height = u16::try_from(rows.len() + 2).unwrap_or(u16::MAX);
    centered(screen, width, height)
}

/// How many help rows fit on `screen`.
pub fn help_visible_rows(screen: Rect, rows: &[(String, &str)]) -> usize {
    usize::from(Block::bordered().inner(help_area(screen, rows)).height)
}

/// Where the source view goes: nearly the whole screen.
pub fn source_area(screen: Rect) -> Rect {
    let width = screen.width.saturating_sub(4).max(screen.width.min(20));
    let height = screen.height.saturating_sub(2).max(screen.height.min(5));
    centered(screen, width, height)
}

/// How many source rows fit on `screen`.
pub fn source_visible_rows(screen: Rect) -> usize {
    usize::from(Block::bordered().inner(source_area(screen)).height)
}

#[cfg(test)]
mod tests {
    use super::*;

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
