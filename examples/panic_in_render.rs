//! Takes the terminal exactly as the reader does, then panics while drawing:
//! `tests/tui_pty.rs` checks that the terminal comes back (raw mode off,
//! alternate screen left, cursor shown, mouse capture off) and the message is
//! printed.
fn main() {
    let mut terminal = qnav::tui::take_terminal(true).expect("a terminal");
    terminal
        .draw(|frame| {
            frame.render_widget(
                ratatui::widgets::Paragraph::new("about to fail"),
                frame.area(),
            );
        })
        .expect("first frame");
    std::thread::sleep(std::time::Duration::from_millis(300));
    let _ = terminal.draw(|_| panic!("boom while rendering"));
}
