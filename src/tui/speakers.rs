//! The speakers overlay (`S`): everyone who speaks in the open documents,
//! once however the files label them — name, turns, documents, the other
//! labels they go by; Enter lists one person's turns across documents
//! (document, question, what they asked or answered), Enter on a turn goes
//! there, `/` searches what they said, Esc goes back. Drawing only; the
//! state is [`SpeakersView`].

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::app::{App, SpeakersView};
use super::draw::{fit, list_overlay};
use super::keymap::Action;
use crate::model::TurnPart;
use crate::search::people::Person;
use crate::text::{printable, thousands};

pub fn render(app: &App, view: &SpeakersView, screen: Rect, buf: &mut Buffer) {
    let open = app.keymap().first_key(Action::Open);
    let close = app.keymap().first_key(Action::Close);
    let chosen = view.chosen.and_then(|(p, _)| view.people.get(p));
    let (title, hint) = match chosen {
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
    // Names in one column, as wide as the longest (at most 34).
    let column = view
        .people
        .iter()
        .map(|p| p.name.chars().count())
        .max()
        .unwrap_or(0)
        .min(34);
    let rows = (view.rows(), view.selected());
    list_overlay(
        app,
        screen,
        buf,
        title,
        hint,
        rows,
        1,
        |i, base, area, buf| {
            let width = usize::from(area.width);
            let spans = match chosen {
                Some(person) => turn_row(app, person, i, width, base),
                None => person_row(view, i, column, width, base),
            };
            Line::from(spans).render(area, buf);
        },
    );
}

/// `Vladimir Putin   54 turns · 3 documents · also Vladimir PUTIN, …`
fn person_row(
    view: &SpeakersView,
    i: usize,
    column: usize,
    width: usize,
    base: Style,
) -> Vec<Span<'static>> {
    let Some(p) = view.people.get(i) else {
        return Vec::new();
    };
    let name = fit(&printable(&p.name), column);
    let name = format!(" {name:<column$}  ");
    let mut rest = format!(
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

/// `CSTO allies masadykov interview  Q3 answers Today, Eurasia is …`
fn turn_row(app: &App, person: &Person, i: usize, width: usize, base: Style) -> Vec<Span<'static>> {
    let Some(turn) = person.turns.get(i) else {
        return Vec::new();
    };
    let Some(doc) = app.documents().get(turn.doc) else {
        return Vec::new();
    };
    let title = format!(" {} ", fit(&printable(&doc.display_title()), 30));
    // The turn's own first paragraph: never another speaker's words.
    let text = turn.text(doc).unwrap_or_default();
    let label = match turn.part {
        TurnPart::Question(n) => format!("Q{} asks ", n + 1),
        TurnPart::Lead(n) => format!("Q{} leads in ", n + 1),
        TurnPart::Answer(n) => format!("Q{} answers ", n + 1),
        TurnPart::Preamble => "before the questions ".to_string(),
        TurnPart::Body => "says ".to_string(),
    };
    let used = title.chars().count() + label.chars().count();
    vec![
        Span::styled(title, base.add_modifier(Modifier::BOLD)),
        Span::styled(label, base.fg(app.theme().question)),
        Span::styled(fit(&printable(text), width.saturating_sub(used)), base),
    ]
}
