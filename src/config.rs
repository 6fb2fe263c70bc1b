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

/// The largest config file read.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// The narrowest reading column `max_width` may ask for.
pub const MIN_READING_WIDTH: u16 = 20;

/// The file's name inside the config directory.
pub const FILE_NAME: &str = "config.toml";

/// Everything `config.toml` can say; every part is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// Opened when qnav is given no PATH (`~/` is the home folder).
    pub paths: Vec<String>,
    /// `[reader] max_width`: the reading column is never wider than this
    /// (columns; 0: the pane's width). Long lines are hard to follow.
    pub max_width: u16,
    /// Colour role → colour name (`tui::theme`).
    pub theme: BTreeMap<String, String>,
    /// Reader action name → key names (`tui::keymap`).
    pub keys: BTreeMap<String, Vec<String>>,
    /// Search-pane action name → key names.
    pub search_keys: BTreeMap<String, Vec<String>>,
}

impl Config {
    /// Reads `path`. A missing file is the defaults — silently, unless the
    /// user named the file (`--config`, `required`); an unreadable or
    /// malformed one is the defaults with a warning naming the file.
    pub fn load(path: &Path, required: bool) -> (Config, Vec<String>) {
        // Only a regular file (or a link to one) of a sane size is read: a
        // FIFO would block the start, `/dev/zero` never end.
        let read = std::fs::metadata(path).and_then(|m| {
            if !m.is_file() {
                Err(std::io::Error::other("not a regular file"))
            } else if m.len() > MAX_CONFIG_BYTES {
                Err(std::io::Error::other(format!(
                    "{} bytes, more than the {MAX_CONFIG_BYTES} a config file may have",
                    m.len()
                )))
            } else {
                std::fs::read(path)
            }
        });
        match read {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => {
                (Config::default(), Vec::new())
            }
            Err(e) => (
                Config::default(),
                vec![format!("{}: cannot read: {e}", path.display())],
            ),
            Ok(bytes) => match Config::parse(&String::from_utf8_lossy(&bytes)) {
                Ok((config, warnings)) => (config, warnings),
                Err(e) => (
                    Config::default(),
                    vec![format!("{}: {e}; using the defaults", path.display())],
                ),
            },
        }
    }

    /// Parses the text of a config file. Only text that is not TOML at all
    /// is an error (on one line, with its line number); a part that is
    /// misspelt or of the wrong type is a warning and the rest applies.
    pub fn parse(text: &str) -> Result<(Config, Vec<String>), String> {
        let table: toml::Table = toml::from_str(text).map_err(|e| {
            let message = e.message().trim().replace('\n', " ");
            match e.span() {
                Some(span) => {
                    let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
                    format!("line {line}: {message}")
                }
                None => message,
            }
        })?;
        let mut config = Config::default();
        let mut warnings = Vec::new();
        for (name, value) in &table {
            match name.as_str() {
                "paths" => match strings(value) {
                    Some(paths) => config.paths = paths,
                    None => warnings.push("paths: expected a list of paths".to_string()),
                },
                "reader" => read_reader(value, &mut config, &mut warnings),
                "theme" => {
                    config.theme = read_map(value, "theme", &mut warnings, |v| match v {
                        toml::Value::String(s) => Some(s.clone()),
                        // A palette index written as a number.
                        toml::Value::Integer(i) => Some(i.to_string()),
                        _ => None,
                    })
                }
                "keys" | "search_keys" => {
                    let keys = read_map(value, name, &mut warnings, strings);
                    if name == "keys" {
                        config.keys = keys;
                    } else {
                        config.search_keys = keys;
                    }
                }
                other => warnings.push(format!(
                    "unknown setting `{other}` (settings: paths, [reader], [theme], [keys], [search_keys])"
                )),
            }
        }
        Ok((config, warnings))
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

    /// The reading column's limit, if any.
    pub fn max_width(&self) -> Option<u16> {
        (self.max_width > 0).then_some(self.max_width)
    }
}

/// A string or a list of strings (`"j"` or `["j", "down"]`).
fn strings(value: &toml::Value) -> Option<Vec<String>> {
    match value {
        toml::Value::String(s) => Some(vec![s.clone()]),
        toml::Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => None,
    }
}

fn read_reader(value: &toml::Value, config: &mut Config, warnings: &mut Vec<String>) {
    let Some(table) = value.as_table() else {
        warnings.push("reader: expected a [reader] section".into());
        return;
    };
    for (name, value) in table {
        match (name.as_str(), value) {
            // 0: no limit. Below MIN_READING_WIDTH a column holds no words.
            ("max_width", toml::Value::Integer(n))
                if *n == 0 || (i64::from(MIN_READING_WIDTH)..=i64::from(u16::MAX)).contains(n) =>
            {
                config.max_width = *n as u16;
            }
            ("max_width", toml::Value::Integer(n)) if *n > 0 => warnings.push(format!(
                "[reader] max_width: {n} columns hold no words; use {MIN_READING_WIDTH} or more (0: the whole pane)"
            )),
            ("max_width", _) => warnings.push(format!(
                "[reader] max_width: expected a number of columns, not {value}"
            )),
            (other, _) => warnings.push(format!(
                "[reader] has no setting `{other}` (settings: max_width)"
            )),
        }
    }
}

/// A section of `name = value` entries; entries of the wrong type become
/// warnings.
fn read_map<T>(
    value: &toml::Value,
    section: &str,
    warnings: &mut Vec<String>,
    read: impl Fn(&toml::Value) -> Option<T>,
) -> BTreeMap<String, T> {
    let Some(table) = value.as_table() else {
        warnings.push(format!("{section}: expected a [{section}] section"));
        return BTreeMap::new();
    };
    let mut out = BTreeMap::new();
    for (name, value) in table {
        match read(value) {
            Some(v) => {
                out.insert(name.clone(), v);
            }
            None => warnings.push(format!("[{section}] {name}: {value} is not understood")),
        }
    }
    out
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

    fn parse(text: &str) -> (Config, Vec<String>) {
        Config::parse(text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn every_part_is_optional() {
        assert_eq!(parse(""), (Config::default(), Vec::new()));
        let (c, w) = parse("[reader]\nmax_width = 90\n");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(c.max_width(), Some(90));
        assert!(c.keys.is_empty() && c.paths.is_empty());
        assert_eq!(parse("[reader]\nmax_width = 0\n").0.max_width(), None);
    }

    #[test]
    fn keys_are_one_name_or_a_list_and_colours_may_be_numbers() {
        let (c, w) = parse(
            "paths = \"~/x\"\n[keys]\nquit = \"x\"\ndown = [\"j\", \"ctrl-n\"]\n[theme]\ndim = 244\n",
        );
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(c.keys["quit"], vec!["x"]);
        assert_eq!(c.keys["down"], vec!["j", "ctrl-n"]);
        assert_eq!(c.theme["dim"], "244");
        assert_eq!(c.paths, vec!["~/x"]);
    }

    #[test]
    fn a_wrong_part_warns_and_the_rest_applies() {
        let (c, w) = parse(
            "paths = 3\n[reader]\nmax_widht = 80\nmax_width = -3\n[key]\nquit = \"x\"\n[keys]\nquit = 5\nhelp = \"h\"\n[theme]\naccent = \"red\"\n",
        );
        assert_eq!(c.theme["accent"], "red");
        assert_eq!(c.keys.len(), 1);
        assert_eq!(c.keys["help"], vec!["h"]);
        let all = w.join("\n");
        for expected in [
            "paths: expected a list",
            "no setting `max_widht`",
            "max_width: expected a number of columns",
            "unknown setting `key`",
            "[keys] quit: 5 is not understood",
        ] {
            assert!(all.contains(expected), "{expected} not in:\n{all}");
        }
        assert_eq!(w.len(), 5, "{all}");
    }

    #[test]
    fn text_that_is_not_toml_names_the_line() {
        let e = Config::parse("paths = []\n[reader]\nmax_width = = 80\n").unwrap_err();
        assert!(e.starts_with("line 3:"), "{e}");
        assert!(!e.contains('\n'), "{e}");
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
    fn a_missing_file_is_silent_unless_named_and_a_bad_one_warns() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        assert_eq!(Config::load(&path, false), (Config::default(), Vec::new()));
        let (_, warnings) = Config::load(&path, true);
        assert!(warnings[0].contains("cannot read"), "{warnings:?}");
        std::fs::write(&path, "[theme]\naccent = \n").unwrap();
        let (config, warnings) = Config::load(&path, false);
        assert_eq!(config, Config::default());
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("config.toml: line 2"), "{warnings:?}");
    }
}
