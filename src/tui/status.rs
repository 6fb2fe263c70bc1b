//! The status line: what is open, where the reader is (`Q 3/11`, `42%`),
//! the few keys that matter now, and on the right the load progress or
//! the latest message.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::app::{App, Focus};
use super::draw::fit;
use super::keymap::Action;
use crate::text::printable;

/// The keys worth showing for the current state, e.g. `n/p question`.
pub fn hints(app: &App) -> String {
    let key = |action| app.keymap().first_key(action);
    // While a search has hits, the keys that step through them come first.
    let hits = app.search().results.hits.len();
    let total = app.search().total();
    // (Only while the reader is at the hit it jumped to: once it has moved
    // on, the hint would be about a search that is over.)
    let hit_keys =
        (hits > 0 && !app.search_open() && app.help_scroll().is_none() && app.at_search_hit())
            .then(|| {
                format!(
                    "{}/{} hit {}/{total}",
                    key(Action::NextHit),
                    key(Action::PrevHit),
                    app.search().selected + 1
                )
            });
    if app.search_open() {
        let search: &[(&[Action], &str)] = &[
            (&[Action::NextHit, Action::PrevHit], "hit"),
            (&[Action::SearchJump], "go"),
            (&[Action::SearchScope], "scope"),
            (&[Action::SearchClose], "close"),
        ];
        return search
            .iter()
            .map(|(actions, what)| {
                let keys: Vec<String> = actions
                    .iter()
                    .map(|a| app.keymap().first_search_key(*a))
                    .collect();
                format!("{} {what}", keys.join("/"))
            })
            .collect::<Vec<_>>()
            .join("  ");
    }
    if app.filtering() {
        // The editor's own keys, fixed (see `keymap::line_action_for_key`).
        return "type to filter  ↑/↓ move  Enter open  Esc clear".to_string();
    }
    let pairs: &[(&[Action], &str)] = if app.help_scroll().is_some() {
        &[
            (&[Action::Down, Action::Up], "scroll"),
            (&[Action::Close], "close"),
        ]
    } else if app.bookmarks_cursor().is_some() {
        &[
            (&[Action::Down, Action::Up], "move"),
            (&[Action::Open], "go"),
            (&[Action::Close], "close"),
        ]
    } else {
        match app.focus() {
            Focus::Documents => &[
                (&[Action::Down, Action::Up], "move"),
                (&[Action::Open], "open"),
                (&[Action::FilterDocuments], "filter"),
                (&[Action::SortDocuments], "sort"),
                (&[Action::Help], "help"),
                (&[Action::Quit], "quit"),
            ],
            Focus::Questions => &[
                (&[Action::Down, Action::Up], "move"),
                (&[Action::Open], "go"),
                (&[Action::Help], "help"),
                (&[Action::Quit], "quit"),
            ],
            Focus::Reader => &[
                (&[Action::NextQuestion, Action::PrevQuestion], "question"),
                (&[Action::NextDocument, Action::PrevDocument], "doc"),
                (&[Action::FocusNext], "pane"),
                (&[Action::Help], "help"),
                (&[Action::Quit], "quit"),
            ],
        }
    };
    hit_keys
        .into_iter()
        .chain(pairs.iter().filter_map(|(actions, what)| {
            // An action the user left without a key has no hint.
            let keys: Vec<String> = actions
                .iter()
                .map(|a| key(*a))
                .filter(|k| !k.is_empty())
                .collect();
            (!keys.is_empty()).then(|| format!("{} {what}", keys.join("/")))
        }))
        .collect::<Vec<_>>()
        .join("  ")
}

/// The right-hand note: a message if there is one, else load progress.
pub fn note(app: &App) -> Option<String> {
    if let Some(message) = app.message() {
        return Some(printable(message).into_owned());
    }
    if app.current_changed_on_disk() {
        let key = app.keymap().first_key(Action::Reload);
        return Some(if key.is_empty() {
            "file changed on disk".to_string()
        } else {
            format!("file changed on disk: {key} reloads")
        });
    }
    let loading = app.loading();
    if loading.done {
        return app.indexing().then(|| "indexing…".to_string());
    }
    Some(match loading.found {
        Some(found) => format!("loading {}/{found}", loading.loaded),
        None => "loading…".to_string(),
    })
}

/// Where the reader is: `Q 3/11 · 42%`.
pub fn position(app: &App) -> Option<String> {
    let doc = app.current_document()?;
    let percent = app.percent();
    Some(match app.current_pair() {
        Some(pair) => format!("Q {}/{} · {percent}%", pair + 1, doc.pairs.len()),
        None => format!("{percent}%"),
    })
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let bar = theme.status();
    buf.set_style(area, bar);
    let width = usize::from(area.width);
    // A message may take all but the position (`Q 3/11 · 42%`): the key
    // hints give way to it, not the other way round.
    let note_room = if app.message().is_some() {
        let position = position(app).map_or(0, |p| p.width() + 3);
        width.saturating_sub(position).max(width / 2)
    } else {
        width / 2
    };
    let note = note(app).map(|n| fit(&n, note_room));
    let note_width = note.as_deref().map_or(0, UnicodeWidthStr::width);

    let mut room = width.saturating_sub(note_width + 1);
    let mut pieces: Vec<(String, Style)> = Vec::new();
    let hints = format!("│ {}", hints(app));
    if let Some(doc) = app.current_document() {
        let position = format!(" {} ", position(app).unwrap_or_default());
        // Position and keys matter more than the title, which the reader
        // pane shows anyway: the title gets what is left, if that is enough.
        let title_room = room
            .saturating_sub(position.width() + hints.width())
            .min(40);
        if title_room >= 8 {
            let title = printable(&doc.display_title()).into_owned();
            pieces.push((
                format!(" {}", fit(&title, title_room - 1)),
                bar.add_modifier(Modifier::BOLD),
            ));
        }
        pieces.push((position, bar.fg(theme.question)));
    }
    pieces.push((hints, bar));
    let mut left: Vec<Span> = Vec::new();
    for (text, style) in pieces {
        let text = fit(&text, room);
        room = room.saturating_sub(text.width());
        left.push(Span::styled(text, style));
    }
    Line::from(left).render(area, buf);

    if let Some(note) = note {
        let x = area.right().saturating_sub(note_width as u16);
        let style = if app.message().is_some() {
            bar.fg(theme.message).add_modifier(Modifier::BOLD)
        } else {
            bar.fg(theme.progress)
        };
        Line::styled(note, style).render(
            Rect {
                x,
                width: note_width as u16,
                ..area
            },
            buf,
        );
    }
}
