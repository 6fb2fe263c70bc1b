//! The codes overlay (`C`): every code given to a question of the open
//! documents, with how many questions and documents have it; Enter lists
//! one code's questions (document, question number, question), Enter on
//! one goes there, `f` filters the questions pane by the code, Esc goes
//! back. Drawing only; the state is [`CodesView`].

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::app::{App, CodesView};
use super::draw::{fit, list_overlay};
use super::keymap::Action;
use crate::text::{printable, thousands};

pub fn render(app: &App, view: &CodesView, screen: Rect, buf: &mut Buffer) {
    let open = app.keymap().first_key(Action::Open);
    let close = app.keymap().first_key(Action::Close);
    let chosen = view.chosen.and_then(|(c, _)| view.codes.get(c));
    let (title, hint) = match chosen {
        Some((code, pairs)) => (
            format!(
                " “{}” — {} questions ",
                printable(code),
                thousands(pairs.len())
            ),
            format!(" {open} goes there · {close} back to the codes "),
        ),
        None => (
            format!(" Codes ({}) ", thousands(view.codes.len())),
            format!(" {open} lists its questions · f filters the questions pane · {close} closes "),
        ),
    };
    let cursor = view.chosen.map_or(view.cursor, |(_, p)| p);
    let docs = app.documents();
    list_overlay(
        app,
        screen,
        buf,
        title,
        hint,
        (view.rows(), cursor),
        1,
        |i, base, area, buf| {
            let width = usize::from(area.width);
            let spans = match chosen {
                Some((_, pairs)) => {
                    let Some((doc, pair)) = pairs
                        .get(i)
                        .and_then(|&(d, p)| Some((docs.get(d)?, docs.get(d)?.pairs.get(p)?)))
                    else {
                        return;
                    };
                    let title = format!(" {} ", fit(&printable(&doc.display_title()), 30));
                    let label = format!("Q{} ", pair.number);
                    let used = title.chars().count() + label.chars().count();
                    let question = printable(&pair.question_text()).into_owned();
                    vec![
                        Span::styled(title, base.add_modifier(Modifier::BOLD)),
                        Span::styled(label, base.fg(app.theme().question)),
                        Span::styled(fit(&question, width.saturating_sub(used)), base),
                    ]
                }
                None => {
                    let Some((code, pairs)) = view.codes.get(i) else {
                        return;
                    };
                    let mut in_docs: Vec<usize> = pairs.iter().map(|&(d, _)| d).collect();
                    in_docs.sort_unstable();
                    in_docs.dedup();
                    let name = format!(" {} ", fit(&printable(code), 40));
                    let counts = format!(
                        "{} question{} · {} document{}",
                        thousands(pairs.len()),
                        if pairs.len() == 1 { "" } else { "s" },
                        thousands(in_docs.len()),
                        if in_docs.len() == 1 { "" } else { "s" }
                    );
                    let used = name.chars().count();
                    vec![
                        Span::styled(name, base.add_modifier(Modifier::BOLD)),
                        Span::styled(fit(&counts, width.saturating_sub(used)), base),
                    ]
                }
            };
            Line::from(spans).render(area, buf);
        },
    );
}
