//! The same question elsewhere (`s`): for the pair being read, the
//! questions of other documents sharing its rarer words, best first —
//! document, date, question number, asker, the question, the words shared.
//! j/k move, Enter goes there (`''` comes back), Esc closes. Drawing only;
//! the list is [`RelatedView`], found by [`crate::search::related`].

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::app::{App, RelatedView};
use super::draw::fit;
use super::keymap::Action;
use super::layout::list_offset;
use crate::text::printable;

/// Rows per question: the document and question, then the words shared.
const ITEM_HEIGHT: usize = 2;

pub fn render(app: &App, view: &RelatedView, screen: Rect, buf: &mut Buffer) {
    let area = super::bookmarks::area(screen);
    Clear.render(area, buf);
    let block = super::draw::overlay_block(
        app,
        format!(" Q{} elsewhere ({}) ", view.pair + 1, view.items.len()),
        format!(
            " {} goes there · {} closes ",
            app.keymap().first_key(Action::Open),
            app.keymap().first_key(Action::Close)
        ),
    );
    let inner = block.inner(area);
    block.render(area, buf);
    let width = usize::from(inner.width);
    let visible = usize::from(inner.height) / ITEM_HEIGHT;
    let offset = list_offset(view.cursor, view.items.len(), visible);
    let docs = app.documents();
    for (slot, (i, (d, p, shared))) in view
        .items
        .iter()
        .enumerate()
        .skip(offset)
        .take(visible)
        .enumerate()
    {
        let Some(doc) = docs.get(*d) else {
            continue;
        };
        let Some(pair) = doc.pairs.get(*p) else {
            continue;
        };
        let base = if i == view.cursor {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        let mut title = printable(&doc.display_title()).into_owned();
        if let Some(date) = &doc.date {
            title.push_str(&format!(" ({})", printable(date)));
        }
        let title = format!(" {} ", fit(&title, 40));
        let mut label = format!("Q{} ", pair.number);
        if let Some(asker) = &pair.asker {
            label.push_str(&format!("{}: ", printable(asker)));
        }
        let used = title.chars().count() + label.chars().count();
        let question = printable(&pair.question_text()).into_owned();
        let y = inner.y + (slot * ITEM_HEIGHT) as u16;
        Line::from(vec![
            Span::styled(title, base.add_modifier(Modifier::BOLD)),
            Span::styled(label, base.fg(app.theme().question)),
            Span::styled(fit(&question, width.saturating_sub(used)), base),
        ])
        .render(
            Rect {
                y,
                height: 1,
                ..inner
            },
            buf,
        );
        let words = format!("   shares: {}", shared.join(", "));
        Line::styled(
            fit(&printable(&words), width),
            Style::new().add_modifier(Modifier::DIM),
        )
        .render(
            Rect {
                y: y + 1,
                height: 1,
                ..inner
            },
            buf,
        );
    }
}
