//! The search pane (`/`): a query line, the hits of every statement best
//! first with the matched letters highlighted, and a preview of the
//! selected hit in its paragraph.
//!
//! [`SearchPane`] (in [`super::search_state`]) is the pane's state, kept in the [`App`]; the engine is
//! [`crate::search`]. Each keystroke runs one incremental search on the UI
//! thread: at a million statements it costs a few milliseconds (see
//! `benches/search.rs`), less than drawing the frame, so no worker thread
//! or cancellation is needed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthChar;

use super::app::App;
use super::draw::fit;
use super::keymap::Action;
use super::layout::list_offset;
use super::layout::{HIT_ROWS, search_parts as layout};
pub use super::search_state::{LIMIT, SearchPane};
use super::theme::Theme;
use crate::search::query::Band;
use crate::search::{Index, Scope, Texts};
use crate::text::{printable, thousands};

/// Draws the pane over `area` (the screen minus the status line).
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let (accent, dim) = (theme.accent(), theme.dim());
    Clear.render(area, buf);
    let keys: Vec<String> = [
        (Action::SearchJump, "go"),
        (Action::SearchScope, "scope"),
        (Action::SearchClose, "close"),
    ]
    .iter()
    .map(|(action, what)| (app.keymap().first_search_key(*action), what))
    .filter(|(key, _)| !key.is_empty())
    .map(|(key, what)| format!("{key} {what}"))
    .collect();
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(accent)
        .title(Line::styled(
            " Search ",
            accent.add_modifier(Modifier::BOLD),
        ))
        .title_bottom(Line::from(format!(" {} ", keys.join("  "))).right_aligned());
    block.render(area, buf);
    let (head, list, preview) = layout(area);
    let pane = app.search();

    // The query line, then the scopes with their counts.
    let query = Line::from(vec![
        Span::styled("/ ", accent),
        Span::raw(printable(&pane.query).into_owned()),
        Span::styled("█", accent),
    ]);
    query.render(Rect { height: 1, ..head }, buf);
    let mut scopes = Vec::new();
    let results = &pane.results;
    let approx = if results.approximate { "≥" } else { "" };
    let counted = !pane.query.trim().is_empty() && app.search_base().is_some();
    let chosen = Style::new().fg(Color::Black).bg(theme.accent);
    for scope in [Scope::All, Scope::Document, Scope::Questions] {
        // Narrowed to a person, the counts are theirs: shown on their tab only.
        let text = if counted && pane.said_by.is_none() {
            format!(" {} {approx}{} ", scope.label(), results.counts.of(scope))
        } else {
            format!(" {} ", scope.label())
        };
        let style = if pane.said_by.is_none() && scope == pane.scope {
            chosen
        } else {
            dim
        };
        scopes.push(Span::styled(text, style));
        scopes.push(Span::raw(" "));
    }
    // The fourth scope: what one person said (the one answering where the
    // reader is, or the one chosen in the speakers view).
    match &pane.said_by {
        Some(person) => {
            let name = printable(&person.name);
            let text = if counted {
                format!(
                    " said by {name} {approx}{} ",
                    results.counts.of(pane.active_scope())
                )
            } else {
                format!(" said by {name} ")
            };
            scopes.push(Span::styled(text, chosen));
        }
        None => scopes.push(Span::styled(" said by… ", dim)),
    }
    scopes.push(Span::raw(" "));
    // The active scope's other bands: fuzzy matches, and statements that
    // lack a term once they were looked for.
    if !pane.query.trim().is_empty() && app.search_base().is_some() {
        let mut more = Vec::new();
        let fuzzy = results.fuzzy.of(pane.active_scope());
        if fuzzy > 0 {
            more.push(format!("{approx}{} fuzzy", thousands(fuzzy)));
        }
        if let Some(partial) = results.partial.map(|p| p.of(pane.active_scope()))
            && partial > 0
        {
            more.push(format!("{} lacking a term", thousands(partial)));
        }
        // Narrowed to a speaker (`@putin`): by how many of the labels.
        let named = crate::search::speakers::speaker_terms(&pane.query);
        if !named.is_empty()
            && let Some((index, texts)) = app.search_base()
            && let Some(speakers) = index.speakers_for(texts)
        {
            let labels = speakers.matching(&named).into_iter().filter(|&m| m).count();
            more.push(format!(
                "said by @{}: {} speaker label{}",
                named.join(" @"),
                thousands(labels),
                if labels == 1 { "" } else { "s" }
            ));
        }
        if !more.is_empty() {
            scopes.push(Span::styled(format!("· {}", more.join(" · ")), dim));
        }
    }
    Line::from(scopes).render(
        Rect {
            y: head.y + 1,
            height: 1,
            ..head
        },
        buf,
    );

    let Some((index, texts)) = app.search_base() else {
        Paragraph::new(Span::styled("indexing…", dim)).render(list, buf);
        return;
    };
    if results.hits.is_empty() {
        let note = if pane.query.trim().is_empty() {
            "Type words to find the statements that hold them: each term matches a word as \
             typed, inflected or with a typo (letters scattered inside a word come last, below a \
             divider); statements lacking a term follow those holding every one; 'word matches \
             exactly and is never dropped; \"two words\" is a phrase; @name keeps what that \
             speaker said; a capital makes a term case-sensitive."
        } else {
            "No statement matches."
        };
        Paragraph::new(Span::styled(note, dim))
            .wrap(Wrap { trim: true })
            .render(list, buf);
    }
    // A band's first hit after hits of another band has a divider row
    // above it; one row fewer is then left for hits.
    let divider_before = |i: usize| {
        i > 0
            && results.hits[i].band != results.hits[i - 1].band
            && results.hits[i].band != Band::Words
    };
    let mut shown = (usize::from(list.height) / HIT_ROWS).max(1);
    let mut first = list_offset(pane.selected, results.hits.len(), shown);
    if shown > 1 && (first..(first + shown).min(results.hits.len())).any(divider_before) {
        shown -= 1;
        first = list_offset(pane.selected, results.hits.len(), shown);
    }
    let width = usize::from(list.width);
    let mut y = list.y;
    for (i, hit) in results.hits.iter().enumerate().skip(first).take(shown) {
        if divider_before(i) && y < list.bottom() {
            let what = match hit.band {
                Band::Partial => "each lacking a term (struck through)".to_string(),
                _ => format!(
                    "{approx}{} fuzzy: the letters inside other words",
                    thousands(results.fuzzy.of(pane.active_scope()))
                ),
            };
            let label = format!("── {what} ");
            let rule = "─".repeat(width.saturating_sub(label.chars().count()));
            Line::styled(fit(&format!("{label}{rule}"), width), dim).render(
                Rect {
                    y,
                    height: 1,
                    ..list
                },
                buf,
            );
            y += 1;
        }
        if y >= list.bottom() {
            break;
        }
        let s = index.statement(hit.statement);
        let text = texts.text(s);
        let selected = i == pane.selected;
        let marker = if selected { "▶ " } else { "  " };
        let mut spans = vec![Span::styled(marker, accent)];
        spans.extend(highlighted(
            text,
            &hit.indices,
            width.saturating_sub(2),
            Style::new(),
            theme,
        ));
        let row = Rect {
            y,
            height: 1,
            ..list
        };
        if selected {
            buf.set_style(
                Rect {
                    height: HIT_ROWS as u16,
                    ..row
                }
                .intersection(list),
                theme.selection(),
            );
        }
        Line::from(spans).render(row, buf);
        let mut place = printable(&texts.heading(s.doc)).into_owned();
        if let Some(label) = texts.pair_label(s) {
            place.push_str(&format!(" · {label}"));
        }
        place.push_str(&format!(" · {}", s.part.as_str()));
        // Said word for word elsewhere: name the other places.
        let others: Vec<String> = index
            .repeats_of(hit.statement)
            .iter()
            .chain(std::iter::once(&index.canonical(hit.statement)))
            .filter(|&&o| o != hit.statement)
            .map(|&o| {
                let other = index.statement(o);
                let name = texts.file_name(other.doc);
                match texts.pair_label(other) {
                    Some(label) => format!("{} {label}", printable(name)),
                    None => printable(name).into_owned(),
                }
            })
            .collect();
        if !others.is_empty() {
            place.push_str(&format!(" · also in {}", others.join(", ")));
        }
        if y + 1 < list.bottom() {
            // What a partial hit lacks, struck through, before its place.
            let mut row = vec![Span::raw("    ")];
            let mut room = width.saturating_sub(4);
            if !hit.missing.is_empty() {
                row.push(Span::styled("lacks ", dim));
                for term in &hit.missing {
                    let term = fit(&printable(term), room.saturating_sub(8).max(1));
                    row.push(Span::styled(term, dim.add_modifier(Modifier::CROSSED_OUT)));
                    row.push(Span::styled(" · ", dim));
                }
                let used: usize = row.iter().map(|s| s.content.chars().count()).sum();
                room = width.saturating_sub(used);
            }
            row.push(Span::styled(fit(&place, room), dim));
            Line::from(row).render(
                Rect {
                    y: y + 1,
                    height: 1,
                    ..list
                },
                buf,
            );
        }
        y += HIT_ROWS as u16;
    }

    // The preview: the selected hit in its paragraph.
    if let Some(hit) = results.hits.get(pane.selected) {
        let (para, start, end) = in_paragraph(app, index, texts, hit.statement);
        let before = para[..start].chars().count();
        let mut spans = vec![Span::styled(para[..start].to_string(), dim)];
        let indices: Vec<usize> = hit.indices.iter().map(|i| i + before).collect();
        let inside: Vec<Span> = para[start..end]
            .chars()
            .enumerate()
            .map(|(i, c)| {
                let style = if indices.contains(&(i + before)) {
                    theme.matched()
                } else {
                    Style::new()
                };
                Span::styled(c.to_string(), style)
            })
            .collect();
        spans.extend(inside);
        spans.push(Span::styled(para[end..].to_string(), dim));
        let top = Rect {
            height: 1,
            ..preview
        };
        Line::styled("─".repeat(usize::from(preview.width)), dim).render(top, buf);
        let body = Rect {
            y: preview.y + 1,
            height: preview.height.saturating_sub(1),
            ..preview
        };
        // Scroll the paragraph so the statement is on screen.
        let skip = preview_scroll(
            para,
            start,
            usize::from(body.width),
            usize::from(body.height),
        );
        Paragraph::new(Line::from(spans))
            .wrap(Wrap { trim: false })
            .scroll((skip, 0))
            .render(body, buf);
    }
}

/// Statement `id`'s paragraph, and the bytes of the statement in it. A
/// hit from the search file (the documents still loading) is found in its
/// parsed document when that has loaded, else shown alone.
fn in_paragraph<'a>(
    app: &'a App,
    index: &'a Index,
    texts: Texts<'a>,
    id: u32,
) -> (&'a str, usize, usize) {
    let s = index.statement(id);
    let docs = app.documents();
    let parsed = match texts {
        Texts::Parsed(_) => Some(*s),
        Texts::Stored(kept) => kept.in_documents(id, s, docs),
    };
    match parsed {
        Some(p) => (&p.paragraph(docs).text, p.start as usize, p.end as usize),
        None => {
            let text = texts.text(s);
            (text, 0, text.len())
        }
    }
}

/// Rows to scroll a wrapped paragraph so that byte `start` is near the top.
fn preview_scroll(para: &str, start: usize, width: usize, height: usize) -> u16 {
    if width == 0 {
        return 0;
    }
    let columns: usize = para[..start].chars().map(|c| c.width().unwrap_or(0)).sum();
    let row = columns / width;
    u16::try_from(row.saturating_sub(height / 3)).unwrap_or(0)
}

/// `text` as spans with the characters at `indices` highlighted, cut to
/// `width` columns; when the first match would be cut off, the text starts
/// a little before it, after a `…`.
pub fn highlighted(
    text: &str,
    indices: &[usize],
    width: usize,
    base: Style,
    theme: &Theme,
) -> Vec<Span<'static>> {
    let (matched, dim) = (theme.matched(), theme.dim());
    let chars: Vec<char> = text.chars().collect();
    let total: usize = chars.iter().map(|c| c.width().unwrap_or(0)).sum();
    let mut from = 0;
    let mut spans = Vec::new();
    if total > width
        && let Some(&first) = indices.first()
    {
        let widths: Vec<usize> = chars.iter().map(|c| c.width().unwrap_or(0)).collect();
        let before: usize = widths[..first.min(chars.len())].iter().sum();
        if before + 10 > width {
            // The first match a third of the way in, and no room left
            // empty at the end: the whole width shows words.
            let start = before
                .saturating_sub(width / 3)
                .min(total.saturating_sub(width.saturating_sub(1)));
            let mut columns = 0;
            while from < first && columns < start {
                columns += widths[from];
                from += 1;
            }
            spans.push(Span::styled("…", dim));
        }
    }
    let mut used = usize::from(from > 0);
    let mut run = String::new();
    let mut run_match = false;
    for (i, &c) in chars.iter().enumerate().skip(from) {
        let w = c.width().unwrap_or(0);
        if used + w > width.saturating_sub(1) && i + 1 < chars.len() || used + w > width {
            if !run.is_empty() {
                spans.push(Span::styled(
                    std::mem::take(&mut run),
                    if run_match { matched } else { base },
                ));
            }
            spans.push(Span::styled("…", dim));
            return spans;
        }
        used += w;
        let is_match = indices.binary_search(&i).is_ok();
        if is_match != run_match && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_match { matched } else { base },
            ));
        }
        run_match = is_match;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_match { matched } else { base }));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(spans: &[Span]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn highlights_chars_and_cuts_to_width() {
        let spans = highlighted(
            "Граница здесь",
            &[0, 1],
            40,
            Style::new(),
            &Theme::default(),
        );
        assert_eq!(spans[0].content, "Гр");
        assert_eq!(spans[0].style, Theme::default().matched());
        assert_eq!(plain(&spans), "Граница здесь");
        let long = "a ".repeat(40) + "target word";
        let at = long.chars().count() - 11;
        let spans = highlighted(&long, &[at, at + 1], 30, Style::new(), &Theme::default());
        let shown = plain(&spans);
        assert!(
            shown.starts_with('…') && shown.contains("target"),
            "{shown}"
        );
        assert!(unicode_width::UnicodeWidthStr::width(shown.as_str()) <= 30);
    }

    #[test]
    fn a_late_match_uses_the_whole_width_with_words_before_it() {
        // The case: 116 columns, the match near the end of a long
        // statement; before, only 12 characters of it showed before the match.
        let text = format!(
            "{} and the last words are about national security.",
            "The minister spoke at length about the economy, the budget, the harvest and the roads"
                .repeat(3)
        );
        let at = text.find("national").unwrap();
        let at = text[..at].chars().count();
        let indices: Vec<usize> = (at..at + 8).collect();
        let width = 116;
        let shown = plain(&highlighted(
            &text,
            &indices,
            width,
            Style::new(),
            &Theme::default(),
        ));
        let used = unicode_width::UnicodeWidthStr::width(shown.as_str());
        assert!(used >= width - 1 && used <= width, "{used}: {shown}");
        let before = shown.find("national").unwrap();
        assert!(
            before > width / 4,
            "only {before} columns before the match: {shown}"
        );
        assert!(shown.ends_with("security."), "{shown}");
    }
}
