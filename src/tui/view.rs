//! The screen as a whole: [`render`], which only draws — no I/O, no state
//! change — each pane where [`super::layout`] places it, and [`Frames`],
//! which tells the event loop whether a new frame changed anything.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::app::App;
pub use super::draw::{fit, overlay_block, pane_block};
use super::layer::Layer;
pub use super::layout::{MIN_HEIGHT, MIN_WIDTH, NARROW, Panes, WIDE, centered, list_offset, panes};
use super::{
    bookmarks, codes, doclist, help, note, questions, reader, related, search, source, speakers,
    status,
};

/// The frame last written to the terminal. The event loop draws each new
/// frame off screen after each burst of messages, and writes the terminal
/// only when that frame differs from the one shown: whether to redraw is
/// decided by what changed on screen, not by a list of fields to compare
/// (which would miss the one added next). A message that changes nothing
/// visible writes nothing.
#[derive(Debug, Default)]
pub struct Frames {
    shown: Buffer,
    next: Buffer,
}

impl Frames {
    /// Draws `app` into `area` off screen; the frame, if it is not the one
    /// shown (it is then the one shown).
    pub fn changed(&mut self, app: &App, area: Rect) -> Option<&Buffer> {
        self.next.resize(area);
        self.next.reset();
        render_to(app, area, &mut self.next);
        if self.next == self.shown {
            return None;
        }
        std::mem::swap(&mut self.shown, &mut self.next);
        Some(&self.shown)
    }

    /// The terminal was cleared (after a suspend): the next frame is new.
    pub fn forget(&mut self) {
        self.shown = Buffer::default();
    }
}

/// Draws the whole screen from `app`.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    render_to(app, area, frame.buffer_mut());
}

/// [`render`] into any buffer (benches and tests draw without a terminal).
pub fn render_to(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(panes) = panes(area, app.focus(), app.docs_hidden()) else {
        too_small(area, buf);
        return;
    };
    if let Some(r) = panes.documents {
        doclist::render(app, r, buf);
    }
    if let Some(r) = panes.questions {
        questions::render(app, r, buf);
    }
    if !panes.reader.is_empty() {
        reader::render(app, panes.reader, buf);
    }
    status::render(app, panes.status, buf);
    // The overlay in front, if any: one at a time.
    match app.layer() {
        Layer::Panes { .. } | Layer::Filter => {}
        Layer::Note(_) | Layer::Code(_) => note::render(app, panes.status, buf),
        Layer::Codes(view) => codes::render(app, view, area, buf),
        Layer::Search { .. } => {
            let main = Rect {
                height: area.height.saturating_sub(panes.status.height),
                ..area
            };
            search::render(app, main, buf);
        }
        Layer::Bookmarks { .. } => bookmarks::render(app, area, buf),
        Layer::Source(_) => source::render(app, area, buf),
        Layer::Help { .. } => help::render(app, area, buf),
        Layer::Speakers(view) => speakers::render(app, view, area, buf),
        Layer::Related(view) => related::render(app, view, area, buf),
    }
    if !app.colors() {
        // One pass at the end rather than a colour check in every pane;
        // the modifiers (bold, reverse, dim) still tell things apart, and
        // what only a background set apart (the active search scope, the
        // statement a search jumped to, the status bar) is in reverse video.
        for cell in &mut buf.content {
            if cell.bg != Color::Reset {
                cell.modifier.insert(Modifier::REVERSED);
            }
            cell.fg = Color::Reset;
            cell.bg = Color::Reset;
        }
    }
}

fn too_small(area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let note = format!(
        "terminal too small: {}×{}, need {MIN_WIDTH}×{MIN_HEIGHT}",
        area.width, area.height
    );
    Paragraph::new(Line::from(note))
        .style(Style::new().fg(Color::Yellow))
        .wrap(Wrap { trim: true })
        .render(area, buf);
}
