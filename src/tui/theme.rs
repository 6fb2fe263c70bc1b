//! The reader's colours: one [`Theme`] value the panes draw with, the
//! defaults, and the `[theme]` section of `config.toml` that changes them.
//!
//! Panes never name a colour themselves; they ask the theme for a role
//! (`accent`, `question`, `dim`, …), so a user's theme reaches every pane
//! and `NO_COLOR` (applied once after drawing, in `view::render`) removes
//! all of them.

use std::collections::BTreeMap;
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

/// Colour of each role the panes draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Focused pane's border, markers, speaker names, the search prompt.
    pub accent: Color,
    /// Questions, question labels, the keys in the help.
    pub question: Color,
    /// Secondary text: metadata, unfocused borders, context.
    pub dim: Color,
    /// Quotations in articles.
    pub quote: Color,
    /// The matched letters of a search hit.
    pub matched: Color,
    /// Background of the statement a search jumped to.
    pub marked: Color,
    /// Background of the selected search hit.
    pub selection: Color,
    /// The status line's background and text.
    pub status_bg: Color,
    pub status_fg: Color,
    /// A message in the status line.
    pub message: Color,
    /// Load and index progress in the status line.
    pub progress: Color,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            accent: Color::Cyan,
            question: Color::Yellow,
            dim: Color::DarkGray,
            quote: Color::Magenta,
            matched: Color::Yellow,
            marked: Color::LightYellow,
            selection: Color::Rgb(40, 40, 60),
            status_bg: Color::DarkGray,
            status_fg: Color::White,
            message: Color::LightYellow,
            progress: Color::LightGreen,
        }
    }
}

/// Each role's name in `config.toml`, what it colours, and where it lives.
type Role = (&'static str, &'static str, fn(&mut Theme) -> &mut Color);

const ROLES: &[Role] = &[
    (
        "accent",
        "focused pane's border, markers, speaker names",
        |t| &mut t.accent,
    ),
    ("question", "questions and their labels", |t| {
        &mut t.question
    }),
    ("dim", "metadata, unfocused borders, context", |t| {
        &mut t.dim
    }),
    ("quote", "quotations in articles", |t| &mut t.quote),
    ("match", "matched letters of a search hit", |t| {
        &mut t.matched
    }),
    (
        "marked",
        "background of the statement a search jumped to",
        |t| &mut t.marked,
    ),
    ("selection", "background of the selected search hit", |t| {
        &mut t.selection
    }),
    ("status_bg", "status line background", |t| &mut t.status_bg),
    ("status_fg", "status line text", |t| &mut t.status_fg),
    ("message", "a message in the status line", |t| {
        &mut t.message
    }),
    ("progress", "load and index progress", |t| &mut t.progress),
];

impl Theme {
    /// The defaults with the user's `[theme]` (role → colour) applied; an
    /// unknown role or colour becomes a warning and the default stays.
    pub fn with_colors(colors: &BTreeMap<String, String>) -> (Theme, Vec<String>) {
        let mut theme = Theme::default();
        let mut warnings = Vec::new();
        for (name, value) in colors {
            let Some((_, _, slot)) = ROLES.iter().find(|(n, _, _)| n == name) else {
                let known: Vec<&str> = ROLES.iter().map(|(n, _, _)| *n).collect();
                warnings.push(format!(
                    "[theme] has no colour `{name}` (colours: {})",
                    known.join(", ")
                ));
                continue;
            };
            match parse_color(value) {
                Some(color) => *slot(&mut theme) = color,
                None => warnings.push(format!(
                    "[theme] {name}: `{value}` is not a colour (a name like \"yellow\" or \
                     \"light-blue\", \"#rrggbb\", or 0-255)"
                )),
            }
        }
        (theme, warnings)
    }

    /// Questions: bold, in the question colour.
    pub fn question(&self) -> Style {
        Style::new().fg(self.question).add_modifier(Modifier::BOLD)
    }

    /// The `Q7` label in front of a question.
    pub fn question_label(&self) -> Style {
        Style::new()
            .fg(Color::Black)
            .bg(self.question)
            .add_modifier(Modifier::BOLD)
    }

    pub fn accent(&self) -> Style {
        Style::new().fg(self.accent)
    }

    pub fn speaker(&self) -> Style {
        Style::new().fg(self.accent).add_modifier(Modifier::ITALIC)
    }

    pub fn dim(&self) -> Style {
        Style::new().fg(self.dim)
    }

    pub fn quote(&self) -> Style {
        Style::new().fg(self.quote)
    }

    pub fn matched(&self) -> Style {
        Style::new()
            .fg(self.matched)
            .add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED))
    }

    /// The statement a search jumped to.
    pub fn marked(&self) -> Style {
        Style::new().fg(Color::Black).bg(self.marked)
    }

    pub fn selection(&self) -> Style {
        Style::new().bg(self.selection)
    }

    /// The status line's base style.
    pub fn status(&self) -> Style {
        Style::new().bg(self.status_bg).fg(self.status_fg)
    }

    /// The `[theme]` section of the default `config.toml`.
    pub fn default_toml() -> String {
        let mut theme = Theme::default();
        let mut out = String::from(
            "\n# Colours: a name (\"yellow\", \"light-blue\", \"dark-gray\", \"reset\"), \"#rrggbb\"\n\
             # or a palette index 0-255. NO_COLOR=1 in the environment turns colours off.\n\
             [theme]\n",
        );
        for (name, what, slot) in ROLES {
            let line = format!("{name} = \"{}\"", color_name(*slot(&mut theme)));
            out.push_str(&format!("{line:<36}# {what}\n"));
        }
        out
    }
}

/// A colour as `config.toml` writes it: ratatui's names (`yellow`,
/// `light-blue`, `dark-gray`), `#rrggbb`, or a palette index.
fn parse_color(value: &str) -> Option<Color> {
    Color::from_str(value.trim()).ok()
}

/// How [`parse_color`] reads `color` back.
fn color_name(color: Color) -> String {
    match color {
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Indexed(i) => i.to_string(),
        // Debug is the variant name: DarkGray → dark-gray.
        named => {
            let mut out = String::new();
            for (i, c) in format!("{named:?}").chars().enumerate() {
                if c.is_ascii_uppercase() && i > 0 {
                    out.push('-');
                }
                out.push(c.to_ascii_lowercase());
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn colors(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn every_default_colour_reads_back_from_its_name() {
        let mut theme = Theme::default();
        for (name, _, slot) in ROLES {
            let color = *slot(&mut theme);
            assert_eq!(parse_color(&color_name(color)), Some(color), "{name}");
        }
    }

    #[test]
    fn user_colours_replace_the_defaults_by_role() {
        let (theme, warnings) = Theme::with_colors(&colors(&[
            ("accent", "light-blue"),
            ("question", "#ff8800"),
            ("dim", "244"),
        ]));
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(theme.accent, Color::LightBlue);
        assert_eq!(theme.question, Color::Rgb(0xff, 0x88, 0x00));
        assert_eq!(theme.dim, Color::Indexed(244));
        assert_eq!(theme.quote, Theme::default().quote);
        assert_eq!(theme.question().fg, Some(Color::Rgb(0xff, 0x88, 0x00)));
    }

    #[test]
    fn unknown_roles_and_colours_warn_and_keep_the_default() {
        let (theme, warnings) =
            Theme::with_colors(&colors(&[("acent", "red"), ("quote", "purplish")]));
        assert_eq!(theme, Theme::default());
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].contains("no colour `acent`"), "{warnings:?}");
        assert!(
            warnings[1].contains("`purplish` is not a colour"),
            "{warnings:?}"
        );
    }
}
