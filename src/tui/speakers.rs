//! The speakers overlay (`S`): everyone who speaks in the open documents,
//! once however the files label them — name, turns, documents, the other
//! labels they go by; Enter lists one person's turns across documents
//! (document, question, what they asked or answered), Enter on a turn goes
//! there, Esc goes back. Drawing only; the state is [`SpeakersView`].

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::app::{App, SpeakersView};
use super::draw::fit;
use super::keymap::Action;
use super::layout::list_offset;
use crate::text::{printable, thousands};

pub fn render(app: &App, view: &SpeakersView, screen: Rect, buf: &mut Buffer) {
    let area = super::bookmarks::area(screen);
    Clear.render(area, buf);
    let open = app.keymap().first_key(Action::Open);
    let close = app.keymap().first_key(Action::Close);
    let (title, hint) = match view.chosen.and_then(|(p, _)| view.people.get(p)) {
        Some(person) => (
            format!(
                " {} — {} turns ",
                printable(&person.name),
                thousands(person.turns.len())
            ),
            format!(" {open} goes there · / searches what they said · {close} back "),
        ),
        None => (
            format!(" Speakers ({}) ", thousands(view.people.len())),
            format!(" {open} lists their turns · / searches what they said · {close} closes "),
        ),
    };
    let block = super::draw::overlay_block(app, title, hint);
    let inner = block.inner(area);
    block.render(area, buf);
    let width = usize::from(inner.width);
    let visible = usize::from(inner.height);
    let rows = view.rows();
    let cursor = view.selected();
    let offset = list_offset(cursor, rows, visible);
    for slot in 0..visible.min(rows.saturating_sub(offset)) {
        let i = offset + slot;
        let base = if i == cursor {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        let spans = match view.chosen.and_then(|(p, _)| view.people.get(p)) {
            Some(person) => turn_row(app, person, i, width, base),
            None => person_row(view, i, width, base),
        };
        Line::from(spans).render(
            Rect {
                y: inner.y + slot as u16,
                height: 1,
                ..inner
            },
            buf,
        );
    }
}

/// `Vladimir Putin   54 turns · 3 documents · also Vladimir PUTIN, …`
fn person_row(view: &SpeakersView, i: usize, width: usize, base: Style) -> Vec<Span<'static>> {
    let Some(p) = view.people.get(i) else {
        return Vec::new();
    };
    // Names in one column, as wide as the longest (at most 34).
    let column = view
        .people
        .iter()
        .map(|p| p.name.chars().count())
        .max()
        .unwrap_or(0)
        .min(34);
    let name = fit(&printable(&p.name), column);
    let name = format!(" {name:<column$}  ");
    let counts = format!(
        "{} turn{} · {} document{}",
        thousands(p.turns.len()),
        if p.turns.len() == 1 { "" } else { "s" },
        thousands(p.documents),
        if p.documents == 1 { "" } else { "s" }
    );
    let others: Vec<&str> = p
        .labels
        .iter()
        .filter(|l| **l != p.name)
        .map(String::as_str)
        .collect();
    let mut rest = counts;
    if !others.is_empty() {
        rest.push_str(" · also ");
        rest.push_str(&printable(&others.join(", ")));
    }
    let used = name.chars().count();
    vec![
        Span::styled(name, base.add_modifier(Modifier::BOLD)),
        Span::styled(fit(&rest, width.saturating_sub(used)), base),
    ]
}

/// `CSTO allies masadykov interview  Q3 answer: Today, Eurasia is …`
fn turn_row(
    app: &App,
    person: &crate::search::people::Person,
    i: usize,
    width: usize,
    base: Style,
) -> Vec<Span<'static>> {
    let Some(turn) = person.turns.get(i) else {
        return Vec::new();
    };
    let Some(doc) = app.documents().get(turn.doc) else {
        return Vec::new();
    };
    let title = format!(" {} ", fit(&printable(&doc.display_title()), 30));
    let (label, text) = match turn.pair.and_then(|n| doc.pairs.get(n)) {
        Some(pair) if turn.asks => (format!("Q{} asks ", pair.number), pair.question_text()),
        Some(pair) => (
            format!("Q{} answers ", pair.number),
            pair.answer
                .first()
                .map(|p| p.text.clone())
                .unwrap_or_default(),
        ),
        None => ("outside the questions ".to_string(), String::new()),
    };
    let used = title.chars().count() + label.chars().count();
    vec![
        Span::styled(title, base.add_modifier(Modifier::BOLD)),
        Span::styled(label, base.fg(app.theme().question)),
        Span::styled(fit(&printable(&text), width.saturating_sub(used)), base),
    ]
}
