//! The documents pane: every loaded document (or those the filter lets
//! through, in the order chosen), two rows each — its title, then how many
//! questions, when, who was interviewed and where. The document being read
//! is marked `●`; the selection is highlighted; the filter is written in the
//! bottom border, with a cursor while it is typed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::app::App;
use super::draw::{edit_spans, fit, pane_block};
use super::layout::list_offset;
use super::layout::{DOC_ITEM_HEIGHT as ITEM_HEIGHT, Focus, visible_documents as visible_items};
use crate::listing::DocSort;
use crate::model::{DocKind, Document};
use crate::text::printable;

/// The second row of an item: questions · date · interviewee · source —
/// the count and the date first, so a narrow pane cuts the others.
/// `excerpt_of` names the document this one is said inside, if any.
pub fn summary(doc: &Document, excerpt_of: Option<&Document>) -> String {
    let mut parts = vec![match (doc.kind, doc.pairs.len()) {
        (DocKind::Article, 0) => "article".to_string(),
        (_, 1) => "1 question".to_string(),
        (_, n) => format!("{n} questions"),
    }];
    if let Some(whole) = excerpt_of {
        parts.push(format!(
            "excerpt of {}",
            crate::text::printable(&whole.display_title())
        ));
    }
    parts.extend(
        [&doc.date, &doc.interviewee, &doc.source]
            .into_iter()
            .flatten()
            .map(|s| crate::text::printable(s).into_owned()),
    );
    parts.join(" · ")
}

/// The document `index` is an excerpt of, once the search index knows.
fn excerpt_of(app: &App, index: usize) -> Option<&Document> {
    let whole = *app.search_index()?.contained_in(index).first()?;
    app.documents().get(whole as usize)
}

/// The pane's title: how many documents, how many of them shown, the order.
pub fn title(app: &App) -> String {
    let all = app.documents().len();
    let shown = app.shown_documents();
    let count = if app.doc_filter().is_some() {
        format!("{shown}/{all}")
    } else {
        all.to_string()
    };
    match app.doc_sort() {
        DocSort::Path => format!(" Documents ({count}) "),
        sort => format!(" Documents ({count}) · by {} ", sort.name()),
    }
}

/// The filter as the bottom border writes it: ` filter: psaki▏ `.
fn filter_line(app: &App, width: usize) -> Option<Line<'static>> {
    let filter = app.doc_filter()?;
    let mut spans = vec![Span::styled(" filter: ", app.theme().dim())];
    let text = printable(&filter.text).into_owned();
    if app.filtering() {
        spans.extend(edit_spans(filter, width.saturating_sub(12)));
    } else {
        spans.push(Span::raw(fit(&text, width.saturating_sub(12))));
    }
    spans.push(Span::raw(" "));
    Some(Line::from(spans))
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let docs = app.documents();
    let focused = app.focus() == Focus::Documents;
    let mut block = pane_block(&title(app), focused, app.theme());
    if let Some(line) = filter_line(app, usize::from(area.width)) {
        block = block.title_bottom(line);
    }
    let inner = block.inner(area);
    block.render(area, buf);
    let visible = visible_items(area);
    let shown = app.shown_documents();
    let offset = list_offset(app.doc_cursor(), shown, visible);
    let width = usize::from(inner.width);
    if shown == 0 && !docs.is_empty() && inner.height > 0 {
        Line::styled(
            fit("  no document matches the filter", width),
            app.theme().dim(),
        )
        .render(inner, buf);
    }
    for (slot, row) in (offset..shown).take(visible).enumerate() {
        let Some(index) = app.shown_document(row) else {
            break;
        };
        let doc = &docs[index];
        let y = inner.y + slot as u16 * ITEM_HEIGHT;
        let reading = index == app.current_index();
        let selected = row == app.doc_cursor();
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
                Span::styled(
                    fit(
                        &summary(doc, excerpt_of(app, index)),
                        width.saturating_sub(2),
                    ),
                    meta_style,
                ),
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
