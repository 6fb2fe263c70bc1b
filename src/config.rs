//! The user's settings file, `$XDG_CONFIG_HOME/qnav/config.toml` (else
//! `~/.config/qnav/config.toml`): what to open with no PATH, the widest the
//! reading column gets, colours and key bindings.
//!
//! This module only reads the file into plain values; the reader turns
//! `[keys]` and `[theme]` into its keymap and theme (`tui::keymap`,
//! `tui::theme`), where key and colour names are understood. A file that
//! cannot be read or parsed never stops qnav: it becomes a warning and the
//! defaults apply.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The file's name inside the config directory.
pub const FILE_NAME: &str = "config.toml";

/// Everything `config.toml` can say; every part is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Opened when qnav is given no PATH (`~/` is the home folder).
    pub paths: Vec<String>,
    pub reader: ReaderConfig,
    /// Colour role → colour name (`tui::theme`).
    pub theme: BTreeMap<String, String>,
    /// Reader action name → keys (`tui::keymap`).
    pub keys: BTreeMap<String, Keys>,
    /// Search-pane action name → keys.
    pub search_keys: BTreeMap<String, Keys>,
}

/// `[reader]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReaderConfig {
    /// The reading column is never wider than this (columns; 0: the pane's
    /// width). Long lines are hard to follow; ~80–100 is comfortable.
    pub max_width: u16,
}

/// One key (`"j"`) or several (`["j", "down"]`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Keys {
    One(String),
    Many(Vec<String>),
}

impl Keys {
    pub fn to_vec(&self) -> Vec<String> {
        match self {
            Keys::One(k) => vec![k.clone()],
            Keys::Many(ks) => ks.clone(),
        }
    }
}

impl Config {
    /// Reads `path`. A missing file is the defaults, silently; an unreadable
    /// or malformed one is the defaults with a warning naming the file and
    /// the line.
    pub fn load(path: &Path) -> (Config, Vec<String>) {
        match std::fs::read(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Config::default(), Vec::new()),
            Err(e) => (
                Config::default(),
                vec![format!("{}: cannot read: {e}", path.display())],
            ),
            Ok(bytes) => match Config::parse(&String::from_utf8_lossy(&bytes)) {
                Ok(config) => (config, Vec::new()),
                Err(e) => (
                    Config::default(),
                    vec![format!("{}: {e}; using the defaults", path.display())],
                ),
            },
        }
    }

    /// Parses the text of a config file; the error says where it went wrong
    /// (`line 3: unknown field …`), on one line.
    pub fn parse(text: &str) -> Result<Config, String> {
        toml::from_str(text).map_err(|e| {
            let message = e.message().trim().replace('\n', " ");
            match e.span() {
                Some(span) => {
                    let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
                    format!("line {line}: {message}")
                }
                None => message,
            }
        })
    }

    /// `paths` with `~/` expanded against `home`.
    pub fn default_paths(&self, home: Option<&Path>) -> Vec<PathBuf> {
        self.paths
            .iter()
            .map(|p| match home {
                Some(home) if p == "~" => home.to_path_buf(),
                Some(home) => match p.strip_prefix("~/") {
                    Some(rest) => home.join(rest),
                    None => PathBuf::from(p),
                },
                None => PathBuf::from(p),
            })
            .collect()
    }

    /// `[keys]` as action name → key names.
    pub fn key_bindings(&self) -> BTreeMap<String, Vec<String>> {
        self.keys
            .iter()
            .map(|(a, k)| (a.clone(), k.to_vec()))
            .collect()
    }

    /// `[search_keys]` as action name → key names.
    pub fn search_key_bindings(&self) -> BTreeMap<String, Vec<String>> {
        self.search_keys
            .iter()
            .map(|(a, k)| (a.clone(), k.to_vec()))
            .collect()
    }

    /// The reading column's limit, if any.
    pub fn max_width(&self) -> Option<u16> {
        (self.reader.max_width > 0).then_some(self.reader.max_width)
    }
}

/// `$XDG_CONFIG_HOME/qnav/config.toml`, else `~/.config/qnav/config.toml`.
pub fn default_path() -> Option<PathBuf> {
    path_from(
        std::env::var_os("XDG_CONFIG_HOME"),
        std::env::var_os("HOME"),
    )
}

/// [`default_path`] from the two variables' values (empty counts as unset,
/// as the XDG specification says).
fn path_from(
    xdg_config_home: Option<std::ffi::OsString>,
    home: Option<std::ffi::OsString>,
) -> Option<PathBuf> {
    let dir = match xdg_config_home.filter(|x| !x.is_empty()) {
        Some(x) => PathBuf::from(x),
        None => PathBuf::from(home.filter(|h| !h.is_empty())?).join(".config"),
    };
    Some(dir.join("qnav").join(FILE_NAME))
}

/// The home folder, for `~/` in paths.
pub fn home() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_is_optional() {
        assert_eq!(Config::parse(""), Ok(Config::default()));
        let c = Config::parse("[reader]\nmax_width = 90\n").unwrap();
        assert_eq!(c.max_width(), Some(90));
        assert!(c.keys.is_empty() && c.paths.is_empty());
        assert_eq!(
            Config::parse("[reader]\nmax_width = 0\n")
                .unwrap()
                .max_width(),
            None
        );
    }

    #[test]
    fn keys_are_one_name_or_a_list() {
        let c = Config::parse("[keys]\nquit = \"x\"\ndown = [\"j\", \"ctrl-n\"]\n").unwrap();
        let keys = c.key_bindings();
        assert_eq!(keys["quit"], vec!["x"]);
        assert_eq!(keys["down"], vec!["j", "ctrl-n"]);
    }

    #[test]
    fn errors_name_the_line() {
        let e = Config::parse("paths = []\n[reader]\nmax_widht = 80\n").unwrap_err();
        assert!(e.starts_with("line 3:"), "{e}");
        assert!(e.contains("max_widht"), "{e}");
        assert!(!e.contains('\n'), "{e}");
        let e = Config::parse("[reader]\nmax_width = -3\n").unwrap_err();
        assert!(e.starts_with("line 2:"), "{e}");
        assert!(Config::parse("[keys\n").is_err());
    }

    #[test]
    fn paths_expand_the_home_folder() {
        let c = Config {
            paths: vec!["~/interviews".into(), "/srv/x".into(), "rel".into()],
            ..Config::default()
        };
        assert_eq!(
            c.default_paths(Some(Path::new("/home/ann"))),
            vec![
                PathBuf::from("/home/ann/interviews"),
                PathBuf::from("/srv/x"),
                PathBuf::from("rel")
            ]
        );
        assert_eq!(
            c.default_paths(None)[0],
            PathBuf::from("~/interviews"),
            "no home: left as written"
        );
    }

    #[test]
    fn the_file_lives_in_the_xdg_config_dir() {
        assert_eq!(
            path_from(Some("/x/cfg".into()), Some("/home/ann".into())),
            Some(PathBuf::from("/x/cfg/qnav/config.toml"))
        );
        assert_eq!(
            path_from(Some("".into()), Some("/home/ann".into())),
            Some(PathBuf::from("/home/ann/.config/qnav/config.toml"))
        );
        assert_eq!(path_from(None, None), None);
    }

    #[test]
    fn a_missing_file_is_silent_and_a_bad_one_warns() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        assert_eq!(Config::load(&path), (Config::default(), Vec::new()));
        std::fs::write(&path, "[theme]\naccent = 3\n").unwrap();
        let (config, warnings) = Config::load(&path);
        assert_eq!(config, Config::default());
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("config.toml: line 2"), "{warnings:?}");
    }
}
