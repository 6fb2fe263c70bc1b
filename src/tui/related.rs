//! The same question elsewhere (`s`): for the pair being read, the
//! questions of other documents sharing its rarer words, best first —
//! document, date, question number, asker, the question, the words shared.
//! j/k move, Enter goes there (`''` comes back), Esc closes. Drawing only;
//! the list is [`RelatedView`], found by [`crate::search::related`].

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::app::{App, RelatedView};
use super::draw::{fit, list_overlay};
use super::keymap::Action;
use crate::text::printable;

/// Rows per question: the document and question, then the words shared.
const ITEM_HEIGHT: u16 = 2;

pub fn render(app: &App, view: &RelatedView, screen: Rect, buf: &mut Buffer) {
    let title = format!(" Q{} elsewhere ({}) ", view.pair + 1, view.items.len());
    let hint = format!(
        " {} goes there · {} closes ",
        app.keymap().first_key(Action::Open),
        app.keymap().first_key(Action::Close)
    );
    let docs = app.documents();
    let rows = (view.items.len(), view.cursor);
    list_overlay(
        app,
        screen,
        buf,
        title,
        hint,
        rows,
        ITEM_HEIGHT,
        |i, base, area, buf| {
            let Some((d, p, shared)) = view.items.get(i) else {
                return;
            };
            let Some((doc, pair)) = docs.get(*d).and_then(|doc| Some((doc, doc.pairs.get(*p)?)))
            else {
                return;
            };
            let width = usize::from(area.width);
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
            Line::from(vec![
                Span::styled(title, base.add_modifier(Modifier::BOLD)),
                Span::styled(label, base.fg(app.theme().question)),
                Span::styled(fit(&question, width.saturating_sub(used)), base),
            ])
            .render(Rect { height: 1, ..area }, buf);
            let words = format!("   shares: {}", shared.join(", "));
            Line::styled(
                fit(&printable(&words), width),
                Style::new().add_modifier(Modifier::DIM),
            )
            .render(
                Rect {
                    y: area.y + 1,
                    height: 1,
                    ..area
                },
                buf,
            );
        },
    );
}
