//! What `config.toml` changes in the reader — keymap, theme, the widest
//! reading column — gathered in one [`Settings`] value the app holds, and
//! the commented default file `qnav config --default` prints.

use super::keymap::{self, Keymap};
use super::theme::Theme;
use crate::config::Config;

/// The reader's configurable parts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    pub keymap: Keymap,
    pub theme: Theme,
    /// The reading column is never wider than this.
    pub max_width: Option<u16>,
}

impl Settings {
    /// The defaults with `config` applied; problems become warnings.
    pub fn from_config(config: &Config) -> (Settings, Vec<String>) {
        let (keymap, mut warnings) = Keymap::with_bindings(&config.keys, &config.search_keys);
        let (theme, theme_warnings) = Theme::with_colors(&config.theme);
        warnings.extend(theme_warnings);
        let settings = Settings {
            keymap,
            theme,
            max_width: config.max_width(),
        };
        (settings, warnings)
    }
}

/// A complete `config.toml` with every setting at its default and a
/// comment on each: what `qnav config --default` prints.
pub fn default_config_text() -> String {
    let mut out = String::from(
        "# qnav configuration: $XDG_CONFIG_HOME/qnav/config.toml (else ~/.config/qnav/config.toml).\n\
         # Every setting is optional; these are the defaults. `qnav config` checks the file.\n\
         \n\
         # Opened when qnav is run without a PATH (\"~/\" is your home folder), e.g.\n\
         # paths = [\"~/interviews\"]. Empty: ./docs-data if it exists, else the built-in interviews.\n\
         paths = []\n\
         \n\
         [reader]\n\
         # The reading column is never wider than this many columns (0: as wide as the pane).\n\
         max_width = 0\n",
    );
    out.push_str(&Theme::default_toml());
    out.push_str(&keymap::default_toml());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_file_is_the_defaults() {
        let text = default_config_text();
        let (config, config_warnings) =
            Config::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(config_warnings, Vec::<String>::new());
        let (settings, warnings) = Settings::from_config(&config);
        assert_eq!(warnings, Vec::<String>::new());
        assert_eq!(settings, Settings::default());
        // Every action and every colour role is in it, so the file documents them all.
        for b in keymap::READER_ACTIONS.iter().chain(keymap::SEARCH_ACTIONS) {
            assert!(text.contains(&format!("\n{} = [", b.name)), "{}", b.name);
        }
        assert_eq!(config.keys.len(), keymap::READER_ACTIONS.len());
        assert_eq!(config.search_keys.len(), keymap::SEARCH_ACTIONS.len());
    }

    #[test]
    fn a_config_reaches_keymap_theme_and_width() {
        let (config, _) = Config::parse(
            "[reader]\nmax_width = 72\n[theme]\naccent = \"red\"\n[keys]\nquit = \"x\"\n",
        )
        .unwrap();
        let (settings, warnings) = Settings::from_config(&config);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(settings.max_width, Some(72));
        assert_eq!(settings.theme.accent, ratatui::style::Color::Red);
        assert_eq!(settings.keymap.first_key(super::super::Action::Quit), "x");
    }
}
