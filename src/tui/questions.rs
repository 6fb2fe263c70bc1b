//! The questions pane: one row per question, `Q3 text…` cut to the pane's
//! width. The pair being read is marked `▸` and the list scrolls with the
//! reader; when the pane has focus its cursor is highlighted and Enter
//! takes the reader there.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::app::App;
use super::draw::{fit, pane_block};
use super::layout::list_offset;
use super::layout::{Focus, list_rows as visible_rows};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let focused = app.focus() == Focus::Questions;
    let pairs = app.current_document().map_or(&[][..], |d| &d.pairs[..]);
    // With a code filter (`f` in the codes view), only the coded questions.
    let rows = app.question_rows();
    let title = match app.code_filter() {
        Some(code) => format!(
            " Questions ({}/{} “{}”) ",
            rows.len(),
            pairs.len(),
            crate::text::printable(code)
        ),
        None => format!(" Questions ({}) ", pairs.len()),
    };
    let block = pane_block(&title, focused, app.theme());
    let inner = block.inner(area);
    block.render(area, buf);
    if rows.is_empty() {
        let note = match (app.current_document(), app.code_filter()) {
            (Some(_), Some(_)) => "no question here has the code",
            (Some(_), None) => "no questions",
            (None, _) => "",
        };
        Line::styled(fit(note, usize::from(inner.width)), app.theme().dim()).render(inner, buf);
        return;
    }
    let visible = visible_rows(area);
    let offset = list_offset(app.question_cursor_row(&rows), rows.len(), visible);
    let reading = app.current_pair();
    let width = usize::from(inner.width);
    for (slot, (index, pair)) in rows
        .iter()
        .filter_map(|&i| Some((i, pairs.get(i)?)))
        .skip(offset)
        .take(visible)
        .enumerate()
    {
        let is_reading = reading == Some(index);
        let mut style = Style::new();
        if is_reading {
            style = style.add_modifier(Modifier::BOLD);
        }
        if focused && index == app.question_cursor() {
            style = style.add_modifier(Modifier::REVERSED);
        }
        let marker = if is_reading { "▸" } else { " " };
        // The star sits in the label's gap, so unbookmarked rows are unchanged.
        let star = if app.is_bookmarked(index) {
            "★ "
        } else {
            " "
        };
        let label = format!("Q{}{star}", pair.number);
        let room = width.saturating_sub(1 + label.chars().count());
        let line = Line::from(vec![
            Span::styled(marker, app.theme().accent()),
            Span::styled(label, style.fg(app.theme().question)),
            Span::styled(
                // What is asked, past greetings and the asker's introduction.
                fit(
                    &crate::text::printable(crate::parse::gist(&pair.question_text())),
                    room,
                ),
                style,
            ),
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
