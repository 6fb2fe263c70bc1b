//! Transcripts kept as records (JSON, or a JavaScript/TypeScript module's
//! object literals) → the labelled lines the other steps read.
//!
//! Web sites and tools keep interviews as data: an archive of an AMA
//! (`{"question_text": …, "answer_text": …}`), a page's array of
//! `{question, answer}` objects, a speech recogniser's segments
//! (`{"speaker": "SPEAKER_01", "text": …}`), a player's captions
//! (`{start, dur, text}`). Read as text, every line would be keys, quotes
//! and braces. Here each field that holds what was said becomes a line:
//! `Q: …` for a question's text, `A: …` for an answer's, `Speaker: …` for
//! a speaker's words, the words alone where no one is named; on the
//! field's own source line, so line numbers stay those of the file.
//!
//! The fields are found by their keys' words, not by one site's schema
//! (`question_text`, `questionBody`, `q`; `speaker`, `author`; `text`,
//! `body`, `transcript`), and their string values by how JSON and
//! JavaScript write strings (`"…"`, `'…'`, `` `…` ``, with escapes).
//! Terminal-free.

use std::sync::LazyLock;

use regex::Regex;

/// What a record's field holds, told by its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    /// The words of a question (`question`, `question_text`, `q`).
    Question,
    /// The words of an answer (`answer`, `answer_text`, `a`).
    Answer,
    /// Who speaks (`speaker`, `author`, `name`).
    Speaker,
    /// What was said, by whoever the record names (`text`, `body`).
    Words,
    /// A title (`title`): kept as a line of its own.
    Title,
}

/// Words of a key that name who speaks.
const SPEAKER_WORDS: &[&str] = &["speaker", "author", "who", "name", "user", "participant"];
/// Words of a key that name a question's text.
const QUESTION_WORDS: &[&str] = &["question", "q", "pregunta", "frage", "prompt", "ask"];
/// Words of a key that name an answer's text.
const ANSWER_WORDS: &[&str] = &["answer", "a", "respuesta", "antwort", "reply", "response"];
/// Words of a key that name what was said.
const WORDS_WORDS: &[&str] = &[
    "text",
    "body",
    "content",
    "words",
    "transcript",
    "utterance",
    "caption",
    "message",
    "sentence",
];

/// A key's words: split at `_`, `-` and lower-to-upper case changes
/// (`question_text`, `answerBody`), lower case.
fn key_words(key: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for c in key.chars() {
        if (c == '_' || c == '-' || (c.is_uppercase() && previous_lower)) && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if c != '_' && c != '-' {
            word.extend(c.to_lowercase());
        }
        previous_lower = c.is_lowercase();
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Last words of a key that make it hold something about the text, never
/// the text (`question_id`, `answer_url`, `message_type`, `created_at`).
const NOT_TEXT_ENDS: &[&str] = &[
    "id",
    "ids",
    "url",
    "uri",
    "link",
    "permalink",
    "count",
    "type",
    "at",
    "time",
    "date",
    "ts",
    "timestamp",
    "index",
    "score",
    "lang",
    "language",
    "format",
    "len",
    "length",
];

/// What the field named `key` holds, if it holds anything a reader reads.
fn field(key: &str) -> Option<Field> {
    let words = key_words(key);
    if words
        .last()
        .is_some_and(|w| NOT_TEXT_ENDS.contains(&w.as_str()))
    {
        return None;
    }
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    if has(SPEAKER_WORDS) {
        // (`question_author`, `speaker_name`: who, not what.)
        Some(Field::Speaker)
    } else if has(QUESTION_WORDS) {
        Some(Field::Question)
    } else if has(ANSWER_WORDS) {
        Some(Field::Answer)
    } else if has(WORDS_WORDS) {
        Some(Field::Words)
    } else if words.len() == 1 && words[0] == "title" {
        Some(Field::Title)
    } else {
        None
    }
}

/// A key (quoted or not) and the string value given to it: `"key": "…"`,
/// `key: '…'`, `` key: `…` ``.
static KEY_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        // (ASCII classes and word boundary: the fast automata cannot take
        // Unicode's `\b`, and keys are ASCII.)
        r#"(?:"([A-Za-z_][A-Za-z0-9_-]{0,40})"|'([A-Za-z_][A-Za-z0-9_-]{0,40})'|(?-u:\b)([A-Za-z_][A-Za-z0-9_]{0,40}))[ \t]*:[ \t]*("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`)"#,
    )
    .expect("the key-value pattern is valid")
});

/// A string literal's contents with its escapes undone (`\n` and `\t` as
/// spaces: a record's text becomes one line). A `\u` escape to a control,
/// bidi or zero-width character is dropped: text from files never reaches
/// the screen as one.
fn unescape(literal: &str) -> String {
    let inner = &literal[1..literal.len() - 1];
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(if c == '\n' || c == '\r' || c == '\t' {
                ' '
            } else {
                c
            });
            continue;
        }
        match chars.next() {
            Some('n' | 'r' | 't') => out.push(' '),
            Some('u') => {
                let hex: String = (0..4).filter_map(|_| chars.next()).collect();
                let mut code = u32::from_str_radix(&hex, 16).ok();
                // A surrogate pair (`\ud83c\udf89`) is one character.
                if let Some(high @ 0xD800..=0xDBFF) = code {
                    let mut rest = chars.clone();
                    if rest.next() == Some('\\') && rest.next() == Some('u') {
                        let low: String = (0..4).filter_map(|_| rest.next()).collect();
                        if let Ok(low @ 0xDC00..=0xDFFF) = u32::from_str_radix(&low, 16) {
                            code = Some(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00));
                            chars = rest;
                        }
                    }
                }
                if let Some(c) = code
                    .and_then(char::from_u32)
                    .filter(|&c| !crate::text::is_unsafe_char(c))
                {
                    out.push(c);
                }
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One field found: its line (0-based), what it holds, its value, and
/// where the object that holds it opens (its `{`), which tells the fields
/// of one record from the next.
struct Found {
    line: usize,
    field: Field,
    value: String,
    object: usize,
}

/// Follows a script's braces outside its strings and comments, so that
/// each field is known by the object that holds it.
struct Objects {
    /// Where each open object's `{` is.
    open: Vec<usize>,
    /// How far the text has been read.
    read: usize,
}

impl Objects {
    /// Reads `text` up to `to` (a field's start, outside any string), and
    /// says where the innermost object open there opened (0: none).
    fn at(&mut self, text: &[u8], to: usize) -> usize {
        let mut i = self.read;
        while i < to {
            match text[i] {
                b'{' => self.open.push(i),
                b'}' => {
                    self.open.pop();
                }
                quote @ (b'"' | b'\'' | b'`') => {
                    // A string (never past `to`: fields start outside one).
                    i += 1;
                    while i < to && text[i] != quote {
                        i += if text[i] == b'\\' { 2 } else { 1 };
                    }
                }
                _ => {}
            }
            i += 1;
        }
        // A field's value is a string: reading resumes after it.
        self.read = to.max(self.read);
        self.open.last().copied().unwrap_or(0)
    }
}

/// The fewest question fields (or speaker-and-words fields, or words
/// fields) that make a data file a transcript kept as records.
const RECORDS_MIN: usize = 3;

/// Whether `text` opens as data: JSON (`{`, `[`) or a module that declares
/// it (`export const interview = [`, `module.exports = {`).
fn opens_as_data(text: &str) -> bool {
    let Some(first) = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("//") && !l.starts_with("/*"))
    else {
        return false;
    };
    // (`[Music]`, `[00:00:01]` open many a transcript: a bracket opens
    // data only alone or before a record or a string.)
    let bare = first[..first.floor_char_boundary(64)].replace([' ', '\t'], "");
    ["{", "[", "{\"", "[{", "[\"", "{'"]
        .iter()
        .any(|p| bare == *p || bare.starts_with(p) && p.len() > 1)
        || ["export ", "module.exports", "const ", "var ", "let "]
            .iter()
            .any(|p| first.starts_with(p))
            && first.trim_end().ends_with(['{', '[', '='])
}

/// The records as labelled lines, one per source line (blank for the
/// lines that hold keys, braces and other fields), or None when `text` is
/// not a transcript kept as records.
pub fn records_text(text: &str) -> Option<String> {
    if !opens_as_data(text) {
        return None;
    }
    let mut found: Vec<Found> = Vec::new();
    let mut line = 0;
    let mut counted_to = 0;
    let mut objects = Objects {
        open: Vec::new(),
        read: 0,
    };
    for m in KEY_VALUE.captures_iter(text) {
        let whole = m.get(0).expect("a match has a whole");
        let key = m
            .get(1)
            .or_else(|| m.get(2))
            .or_else(|| m.get(3))
            .expect("one of the key groups matched")
            .as_str();
        let Some(field) = field(key) else {
            continue;
        };
        line += memchr::memchr_iter(b'\n', &text.as_bytes()[counted_to..whole.start()]).count();
        counted_to = whole.start();
        let literal = m.get(4).expect("the value group matched");
        let object = objects.at(text.as_bytes(), whole.start());
        objects.read = literal.end();
        let value = unescape(literal.as_str());
        if !value.is_empty() {
            found.push(Found {
                line,
                field,
                value,
                object,
            });
        }
    }
    let count = |f: Field| found.iter().filter(|x| x.field == f).count();
    let (questions, answers, words) = (
        count(Field::Question),
        count(Field::Answer),
        count(Field::Words),
    );
    // Questions and answers, or words by whoever the record names; where
    // a record holds both, its words are a copy kept for something else
    // (`search_text`, a summary): the questions and answers are read.
    let asked = questions >= RECORDS_MIN && answers >= 1;
    if !asked && words < RECORDS_MIN {
        return None;
    }
    if asked {
        found.retain(|f| f.field != Field::Words && f.field != Field::Speaker);
    }
    let mut lines: Vec<String> = vec![String::new(); text.split('\n').count()];
    let mut put = |at: usize, s: String| {
        let slot = &mut lines[at];
        if !slot.is_empty() {
            // Two records on one line (minified JSON): one after another.
            slot.push('\n');
        }
        slot.push_str(&s);
    };
    // The speaker each object names (`{"text": …, "speaker": …}` as well
    // as `{speaker, text}`): words are put after their own record's
    // speaker, never a neighbour's, nor a file-wide `author` (a caption
    // file's channel, in another object, speaks none of its captions).
    let speaker_of = |object: usize| {
        found
            .iter()
            .find(|s| s.field == Field::Speaker && s.object == object)
            .map(|s| s.value.as_str())
    };
    let mut title_kept = false;
    for f in &found {
        match f.field {
            Field::Question => put(f.line, format!("Q: {}", f.value)),
            Field::Answer => put(f.line, format!("A: {}", f.value)),
            Field::Title if !title_kept => {
                title_kept = true;
                put(f.line, f.value.clone());
            }
            Field::Title => {}
            Field::Speaker => {}
            Field::Words => {
                let line = match speaker_of(f.object).map(label) {
                    Some(l) if !l.is_empty() => format!("{l}: {}", f.value),
                    _ => f.value.clone(),
                };
                put(f.line, line);
            }
        }
    }
    Some(lines.join("\n"))
}

/// A speaker's value as a label the line reader takes for one: one line,
/// no colon, not too long to be a name (`SPEAKER_01`; `Carl · u/carpe02`
/// as `Carl`); a letter (a recogniser's speaker `A` is no answer, nor `Q`
/// a question) as `Speaker A`; marks a name does not hold as spaces
/// (`u/alice` as `U Alice`); anything that still does not read as a name
/// as `Speaker …` (see `table::as_label`): two people never merge.
fn label(who: &str) -> String {
    let who = who.split(['·', '|', '(']).next().unwrap_or("").trim();
    let who: String = who
        .chars()
        .take(40)
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, ' ' | '.' | '-' | '\'' | '’' | '_') {
                c
            } else {
                ' '
            }
        })
        .collect();
    // Each word capitalised, as names are written (`u alice` as `U
    // Alice`): what the line reader takes for a name.
    let who = who
        .split_whitespace()
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|c| c.to_uppercase().chain(cs).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ");
    let who = who.as_str();
    if who.is_empty() {
        return String::new();
    }
    if who.chars().count() == 1 {
        return format!("Speaker {who}");
    }
    super::table::as_label(who)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_read_by_their_words() {
        assert_eq!(field("question_text"), Some(Field::Question));
        assert_eq!(field("questionBody"), Some(Field::Question));
        assert_eq!(field("q"), Some(Field::Question));
        assert_eq!(field("answer_text"), Some(Field::Answer));
        assert_eq!(field("question_author"), Some(Field::Speaker));
        assert_eq!(field("speaker"), Some(Field::Speaker));
        assert_eq!(field("text"), Some(Field::Words));
        assert_eq!(field("start"), None);
        assert_eq!(field("permalink"), None);
        assert_eq!(field("subtitle"), None);
    }

    #[test]
    fn escapes_are_undone_and_never_to_controls() {
        assert_eq!(
            unescape(r#""It\u2019s \"fine\"\nreally""#),
            "It’s \"fine\" really"
        );
        assert_eq!(unescape(r#""party \ud83c\udf89""#), "party 🎉");
        assert_eq!(unescape(r#""bell \u001b[31m""#), "bell [31m");
        assert_eq!(unescape(r"'it\'s'"), "it's");
    }

    #[test]
    fn data_that_is_no_transcript_is_left_alone() {
        assert_eq!(
            records_text("{\n  \"name\": \"qnav\",\n  \"version\": \"1.0.0\"\n}\n"),
            None
        );
        assert_eq!(records_text("Q: Why?\nA: Because.\n"), None);
        // Brackets that open many a transcript are no data.
        assert!(!opens_as_data("[Music]\nHOST: text: \"a\"\n"));
        assert!(!opens_as_data("[00:00:01] Q: Where were you?\n"));
        assert!(opens_as_data("[\n  {\"text\": \"Hi.\"}\n]\n"));
        assert!(opens_as_data("export default [\n"));
    }
}
