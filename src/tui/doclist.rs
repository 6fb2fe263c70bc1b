//! The documents pane: every loaded document, two rows each — its title,
//! then how many questions, when, who was interviewed and where. The document
//! being read is marked `●`; the selection is highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::app::{App, Focus};
use super::view::{fit, list_offset, pane_block};
use crate::model::{DocKind, Document};
use crate::text::printable;

/// Rows per document in the list.
pub const ITEM_HEIGHT: u16 = 2;

/// How many documents fit in the pane.
pub fn visible_items(pane: Rect) -> usize {
    usize::from(Block::bordered().inner(pane).height / ITEM_HEIGHT)
}

/// The document drawn at screen row `row`, if any.
pub fn item_at(pane: Rect, cursor: usize, len: usize, row: u16) -> Option<usize> {
    let inner = Block::bordered().inner(pane);
    if row < inner.y || row >= inner.bottom() {
        return None;
    }
    let visible = visible_items(pane);
    let index = list_offset(cursor, len, visible) + usize::from((row - inner.y) / ITEM_HEIGHT);
    (index < len).then_some(index)
}

/// The second row of an item: questions · date · interviewee · source —
/// the count and the date first, so a narrow pane cuts the others.
pub fn summary(doc: &Document) -> String {
    let mut parts = vec![match (doc.kind, doc.pairs.len()) {
        (DocKind::Article, 0) => "article".to_string(),
        (_, 1) => "1 question".to_string(),
        (_, n) => format!("{n} questions"),
    }];
    parts.extend(
        [&doc.date, &doc.interviewee, &doc.source]
            .into_iter()
            .flatten()
            .map(|s| crate::text::printable(s).into_owned()),
    );
    parts.join(" · ")
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let docs = app.documents();
    let focused = app.focus() == Focus::Documents;
    let block = pane_block(
        &format!(" Documents ({}) ", docs.len()),
        focused,
        app.theme(),
    );
    let inner = block.inner(area);
    block.render(area, buf);
    let visible = visible_items(area);
    let offset = list_offset(app.doc_cursor(), docs.len(), visible);
    let width = usize::from(inner.width);
    for (slot, (index, doc)) in docs
        .iter()
        .enumerate()
        .skip(offset)
        .take(visible)
        .enumerate()
    {
        let y = inner.y + slot as u16 * ITEM_HEIGHT;
        let reading = index == app.current_index();
        let selected = index == app.doc_cursor();
        let mut title_style = Style::new();
        if reading {
            title_style = title_style.add_modifier(Modifier::BOLD);
        }
        let mut meta_style = app.theme().dim();
        if selected && focused {
            title_style = title_style.add_modifier(Modifier::REVERSED);
            meta_style = meta_style.add_modifier(Modifier::REVERSED);
        }
        let marker = if reading { "● " } else { "  " };
        let title = printable(&doc.display_title()).into_owned();
        let title_line = Line::from(vec![
            Span::styled(marker, app.theme().accent()),
            Span::styled(fit(&title, width.saturating_sub(2)), title_style),
        ]);
        title_line.render(
            Rect {
                y,
                height: 1,
                ..inner
            },
            buf,
        );
        if y + 1 < inner.bottom() {
            let meta = Line::from(vec![
                Span::raw("  "),
                Span::styled(fit(&summary(doc), width.saturating_sub(2)), meta_style),
            ]);
            meta.render(
                Rect {
                    y: y + 1,
                    height: 1,
                    ..inner
                },
                buf,
            );
        }
    }
}
