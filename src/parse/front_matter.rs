//! Front matter: the `---` YAML or `+++` TOML block at the top of a
//! Markdown transcript (and of what [`crate::convert`] makes of a Word
//! file's or a PDF's properties). It is metadata — a title, a date, the
//! speakers — never text: its lines are dropped with their reason and its
//! fields fill what the text itself does not say. Terminal-free.

/// The fields qnav uses from a front matter block.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    /// How many lines the block spans, both fences included.
    pub lines: usize,
    pub title: Option<String>,
    /// As written, without a time of day (`2022-08-11`).
    pub date: Option<String>,
    pub author: Option<String>,
    /// `speakers:`, `guests:` or `interviewee:`, as listed.
    pub speakers: Vec<String>,
}

/// A block longer than this is not front matter but a document that
/// happens to start with a rule.
const MAX_LINES: usize = 200;

/// The front matter at the very start of `text` (blank lines and a BOM
/// before it allowed), if there is one: a fence line, lines that are all
/// `key: value`, list items or comments, and the closing fence.
#[inline(never)]
pub fn read(text: &str) -> Option<FrontMatter> {
    let body = text.trim_start_matches('\u{feff}');
    let mut lines = body
        .split('\n')
        .map(|l| l.trim_end_matches([' ', '\t', '\r']));
    let mut skipped = 0;
    let fence = loop {
        let line = lines.next()?;
        skipped += 1;
        if !line.is_empty() {
            break line;
        }
        if skipped > 3 {
            return None;
        }
    };
    let toml = match fence {
        "---" => false,
        "+++" => true,
        _ => return None,
    };
    let mut inner = Vec::new();
    for line in lines.take(MAX_LINES) {
        let closes = if toml {
            line == "+++"
        } else {
            line == "---" || line == "..."
        };
        if closes {
            let mut fm = if toml {
                from_toml(&inner.join("\n"))?
            } else {
                from_yaml(&inner)?
            };
            fm.lines = skipped + inner.len() + 1;
            return Some(fm);
        }
        inner.push(line);
    }
    None
}

/// `text` with the first `n` lines emptied (their line breaks kept, so
/// every later line keeps its number).
pub fn blank_lines(text: &str, n: usize) -> String {
    let mut cut = 0;
    for _ in 0..n {
        match text[cut..].find('\n') {
            Some(i) => cut += i + 1,
            None => {
                cut = text.len();
                break;
            }
        }
    }
    let mut out = "\n".repeat(text[..cut].matches('\n').count());
    out.push_str(&text[cut..]);
    out
}

/// A YAML key at the start of a line: a word, then `:` and a space or the
/// line's end.
fn yaml_key(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let ok = !key.is_empty()
        && key.len() <= 40
        && key.starts_with(|c: char| c.is_alphabetic() || c == '_')
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-'));
    (ok && (value.is_empty() || value.starts_with(' '))).then(|| (key, value.trim()))
}

/// A YAML scalar as written: quotes taken off.
fn scalar(value: &str) -> &str {
    let v = value.trim();
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|s| s.strip_suffix(q)) {
            return inner;
        }
    }
    v
}

/// `[a, b]` or `a, b` or `a`.
fn items(value: &str) -> Vec<String> {
    let v = value.trim();
    let v = v
        .strip_prefix('[')
        .and_then(|s| s.strip_suffix(']'))
        .unwrap_or(v);
    v.split(',')
        .map(|s| scalar(s).to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn from_yaml(inner: &[&str]) -> Option<FrontMatter> {
    let mut fm = FrontMatter::default();
    let (mut keys, mut lower, mut known) = (0, 0, 0);
    let mut list_of: Option<&str> = None;
    for line in inner {
        let t = line.trim_start();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if let Some(item) = t.strip_prefix("- ").or((t == "-").then_some("")) {
            // Only under a key: a `- ` line alone is a Markdown list.
            let key = list_of?;
            if is_speakers_key(key) && !item.trim().is_empty() {
                fm.speakers.push(scalar(item).to_string());
            }
            continue;
        }
        if line.starts_with([' ', '\t']) {
            // A nested mapping or a folded value: part of the key above.
            list_of?;
            continue;
        }
        let (key, value) = yaml_key(t)?;
        // A question is a turn, not a field (`interviewer: How did it start?`).
        if value.trim_end().ends_with(['?', '？'])
            && !matches!(
                key.to_lowercase().as_str(),
                "title" | "summary" | "description" | "name"
            )
        {
            return None;
        }
        keys += 1;
        known += usize::from(is_known_key(key));
        // Front matter keys are identifiers (`title`, `date`); turns are
        // labelled by names and letters (`Q:`, `Stephan:`).
        lower += usize::from(key.starts_with(|c: char| c.is_lowercase()));
        list_of = Some(key);
        set(&mut fm, &key.to_lowercase(), value);
    }
    // Lower-case identifiers, one of them a key front matter has: a block
    // of `name: words` lines between rules is more likely a transcript.
    (keys > 0 && lower * 2 >= keys && known > 0).then_some(fm)
}

/// Keys the front matter of blogs, podcasts and transcript archives use.
fn is_known_key(key: &str) -> bool {
    matches!(
        key.to_lowercase().as_str(),
        "title"
            | "date"
            | "author"
            | "authors"
            | "creator"
            | "speakers"
            | "speaker"
            | "guests"
            | "guest"
            | "interviewee"
            | "interviewees"
            | "interviewer"
            | "host"
            | "hosts"
            | "tags"
            | "categories"
            | "category"
            | "layout"
            | "summary"
            | "description"
            | "slug"
            | "draft"
            | "name"
            | "media"
            | "transcript_by"
            | "published"
            | "recorded"
            | "interview_date"
            | "created"
            | "lang"
            | "language"
            | "source"
            | "url"
            | "permalink"
            | "episode"
    )
}

fn from_toml(inner: &str) -> Option<FrontMatter> {
    let table: toml::Table = inner.parse().ok()?;
    let mut fm = FrontMatter::default();
    for (key, value) in &table {
        let written = match value {
            toml::Value::String(s) => s.clone(),
            toml::Value::Datetime(d) => d.to_string(),
            toml::Value::Array(a) => a
                .iter()
                .filter_map(|v| v.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            _ => continue,
        };
        set(&mut fm, &key.to_lowercase(), &written);
    }
    Some(fm)
}

fn is_speakers_key(key: &str) -> bool {
    matches!(
        key.to_lowercase().as_str(),
        "speakers" | "speaker" | "guests" | "guest" | "interviewee" | "interviewees"
    )
}

fn set(fm: &mut FrontMatter, key: &str, value: &str) {
    // An escape can spell any character (TOML's `\u001B`, YAML's `\e`, an
    // HTML title's `&lrm;`): what metadata says goes through the hygiene
    // the text does (line breaks kept for lists; a value is one line after).
    let value: String = value
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !crate::text::is_unsafe_char(c))
        .collect();
    let value = value.as_str();
    let one_line = |v: &str| {
        let v = scalar(v).split_whitespace().collect::<Vec<_>>().join(" ");
        (!v.is_empty() && !matches!(v.as_str(), "|" | ">" | "null" | "~")).then_some(v)
    };
    match key {
        "title" => fm.title = one_line(value),
        // `2022-08-11T10:00:00Z` → `2022-08-11`: the day is what a reader
        // dates an interview by.
        "date" | "published" | "recorded" | "interview_date" | "created" if fm.date.is_none() => {
            fm.date = one_line(value).map(|d| match d.split_once(['T', ' ']) {
                Some((day, _)) if day.len() == 10 && day.as_bytes()[4] == b'-' => day.to_string(),
                _ => d,
            });
        }
        "author" | "authors" | "creator" => fm.author = one_line(value),
        k if is_speakers_key(k) => fm.speakers.extend(items(value)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter_gives_title_date_and_speakers() {
        let text = "---\ntitle: What Do Maintainers Do?\ntranscript_by: S. L.\nspeakers:\n  - Gloria Zhao\ndate: 2022-08-11T09:00:00Z\nmedia: https://example.org/x\n---\nStephan: Hi.\n";
        let fm = read(text).expect("front matter");
        assert_eq!(fm.lines, 8);
        assert_eq!(fm.title.as_deref(), Some("What Do Maintainers Do?"));
        assert_eq!(fm.date.as_deref(), Some("2022-08-11"));
        assert_eq!(fm.speakers, vec!["Gloria Zhao".to_string()]);
    }

    /// An escape in the metadata spells no control or direction character
    /// into a title, a date or a speaker's name.
    #[test]
    fn escapes_spell_no_control_characters() {
        let text =
            "+++\ntitle = \"On\\u001B[2J Go\\u200E\"\nguests = [\"Rob\\u202E Pike\"]\n+++\ntext\n";
        let fm = read(text).expect("front matter");
        assert_eq!(fm.title.as_deref(), Some("On[2J Go"));
        assert_eq!(fm.speakers, vec!["Rob Pike"]);
    }

    #[test]
    fn toml_front_matter_is_read_too() {
        let text = "+++\ntitle = \"On Go\"\ndate = 2019-05-02\nguests = [\"Rob Pike\", \"Ken Thompson\"]\n+++\ntext\n";
        let fm = read(text).expect("front matter");
        assert_eq!(fm.lines, 5);
        assert_eq!(fm.title.as_deref(), Some("On Go"));
        assert_eq!(fm.date.as_deref(), Some("2019-05-02"));
        assert_eq!(fm.speakers, vec!["Rob Pike", "Ken Thompson"]);
    }

    #[test]
    fn a_rule_around_prose_is_not_front_matter() {
        assert_eq!(read("---\nQ: Why did you leave?\nA: Money.\n---\n"), None);
        assert_eq!(read("---\n- one\n- two\n---\n"), None);
        // Lower-case labels taking turns: a transcript between rules.
        assert_eq!(
            read("---\ninterviewer: How did it start?\np3: By accident.\n---\n"),
            None
        );
        assert_eq!(read("---\nalice: hello\nbob: hi\n---\n"), None);
        assert_eq!(read("Title\n---\ntitle: x\n---\n"), None);
        assert_eq!(read("---\ntitle: never closed\n"), None);
        assert_eq!(read("+++\nnot = toml = at all\n+++\n"), None);
    }

    #[test]
    fn blanking_keeps_every_later_line_number() {
        let text = "---\ntitle: T\n---\nOne\nTwo";
        let blanked = blank_lines(text, 3);
        assert_eq!(blanked, "\n\n\nOne\nTwo");
        assert_eq!(blank_lines("a\nb", 5), "\n");
    }
}
