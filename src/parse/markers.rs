//! Turn markers at the start of a line: dashes, `Q:`/`A:`, speaker labels
//! (`Name:`, `NAME.`, `Name —`, `<nick>`, CJK `问：`), bullets, and the
//! Markdown emphasis around them. [`detect_marker`] reads one line with the
//! families that are marks on their own; [`GATED_FAMILIES`] is the ordered
//! table of those that count only where the document's evidence
//! ([`super::evidence`]) shows them taking turns — a new such family is one
//! entry here (a reader and a gate) and one fixture in `tests/formats.rs`.

use std::borrow::Cow;

use super::evidence::TurnEvidence;

use super::lexicon::*;
use super::scan::*;

/// The marker a line starts with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    None,
    /// `- `, `— `, `– ` (also with a non-breaking space): a dialogue turn or a list item.
    Dash,
    /// `•`, `*`, `·`, `▪`: always a list item.
    Bullet,
    /// `Name: text`, `Q: text`, `Q    text`, `CHAIR POWELL. text`.
    Label(String),
}

/// How Markdown set a whole line apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Emphasis {
    #[default]
    None,
    /// `**…**`, `__…__`.
    Bold,
    /// `*…*`, `_…_`: also how bylines, captions and notes are set.
    Italic,
    /// `### …`: a Markdown heading (a section's title, or a question
    /// where web pages set their questions as headings).
    Heading,
}

pub(crate) const DASHES: [char; 5] = ['-', '–', '—', '―', '−'];

/// `问：` / `记者：` / `答:`: a short label in Chinese or Japanese script
/// before a colon (full-width or not). The label and the text's offset.
pub(crate) fn cjk_label(s: &str) -> Option<(String, usize)> {
    let (at, colon) = s
        .char_indices()
        .take(9)
        .find(|&(_, c)| c == '：' || c == ':')?;
    let label = &s[..at];
    let count = label.chars().count();
    ((1..=8).contains(&count) && label.chars().all(is_cjk))
        .then(|| (label.to_string(), at + colon.len_utf8()))
}

/// `a --> b` split at the first `-->` (a subtitle timing line), looked for
/// from its `>`, which prose rarely has.
pub(crate) fn split_arrow(s: &str) -> Option<(&str, &str)> {
    let b = s.as_bytes();
    memchr::memchr_iter(b'>', b)
        .find(|&i| i >= 2 && &b[i - 2..i] == b"--")
        .map(|i| (&s[..i - 2], &s[i + 1..]))
}

/// What a label says about the speaker's part in the conversation, when the
/// label is a role rather than a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelRole {
    /// `Q`, `Question`, `Interviewer`: every turn is a question, with or without `?`.
    Asks,
    /// `Moderator`, `Host`, `Operator`, `Remark`: gives the floor; a question only when it asks one.
    Facilitates,
    /// `A`, `Answer`: the reply.
    Answers,
}

/// Labels that name a role rather than a person; they count as labels even
/// when they occur once.
pub fn generic_role(label: &str) -> Option<LabelRole> {
    let label = label.trim_end_matches('.');
    // Research transcripts number their people: `I1`, `P3`, `R12`, `Interviewer 2`.
    fn unnumbered(l: &str) -> &str {
        l.trim_end_matches(|c: char| c.is_ascii_digit()).trim_end()
    }
    if label.is_ascii() {
        // Asked for every labelled paragraph: lower-case ASCII on the stack.
        let base = unnumbered(label);
        // Longer than any role word: none, without lower-casing it.
        if base.len() > 24 {
            return None;
        }
        return with_lowercase(base, role_word);
    }
    role_word(unnumbered(&label.to_lowercase()))
}

/// `interviewer: …`, `resp: …`: a role word in lower case before a colon, as
/// research transcripts are sometimes typed. Prose has such lines too (a
/// hard-wrapped `question: Why…`), so the caller only uses this when the
/// whole document shows both sides labelled this way.
pub(crate) fn lower_role_label(s: &str) -> Option<(String, LabelRole, usize)> {
    // Asked of every line of every document: most start with an ASCII
    // character other than a lower-case letter, told from its first byte.
    match s.as_bytes().first() {
        Some(b) if b.is_ascii_lowercase() => {}
        Some(b) if *b >= 0x80 && s.chars().next().is_some_and(char::is_lowercase) => {}
        _ => return None,
    }
    // A byte search: `:` is ASCII, so any hit is a character boundary.
    let colon = memchr::memchr(b':', &s.as_bytes()[..s.len().min(24)])?;
    if !s[colon + 1..].starts_with(is_space) {
        return None;
    }
    let role = generic_role(&s[..colon])?;
    Some((s[..colon].to_string(), role, colon + 1))
}

/// `Pregunta. text`, `P. text`, `R. text`: a role word (see [`generic_role`])
/// and a period, as Spanish newspapers set their interviews. A name's
/// initial looks the same (`R. Kelly said…`), so the caller only uses this
/// where the document shows such labels taking turns.
pub(crate) fn period_role_label(s: &str) -> Option<(String, usize)> {
    let b = s.as_bytes();
    let dot = memchr::memchr(b'.', &b[..b.len().min(16)])?;
    let word = &s[..dot];
    let after = &s[dot + 1..];
    (!word.is_empty()
        && word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().all(char::is_alphabetic)
        && (after.is_empty() || after.starts_with(is_space))
        && generic_role(word).is_some())
    .then(|| (word.to_string(), dot + 1))
}

/// In the text of a question turn, an answer label after the question's
/// last mark: `How long…? A: About eleven years.`. Returns where the
/// question ends, where the answer's text starts, and the label.
pub(crate) fn inline_answer(text: &str) -> Option<(usize, usize, String)> {
    let b = text.as_bytes();
    // From each capital A after a space: a label needs one, and it is rarer
    // in a question than the space a substring search would start from.
    for a in memchr::memchr_iter(b'A', b) {
        if a == 0 || b[a - 1] != b' ' {
            continue;
        }
        let rest = &text[a..];
        let label = ["A: ", "A. ", "Answer: "]
            .into_iter()
            .find(|l| rest.starts_with(l));
        let Some(label) = label else { continue };
        let before = text[..a - 1].trim_end_matches(['"', '”', '’', ')']);
        let start = a + label.len();
        if before.ends_with(['?', '.', '!', '？']) && start < text.len() {
            let name = label.trim_end_matches([':', '.', ' ']);
            return Some((a - 1, start, name.to_string()));
        }
    }
    None
}

/// `Q1` / `A1`, `Question 2`: the number counts questions, it does not
/// name a person (unlike `P1`, `R2` in research transcripts), so every `Qn`
/// is one speaker, `Q`.
pub(crate) fn numbered_role(name: String) -> String {
    let base = name
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .trim_end();
    if base.len() < name.len()
        && matches!(
            base.to_lowercase().as_str(),
            "q" | "a" | "question" | "answer" | "вопрос" | "ответ" | "frage" | "antwort"
        )
    {
        base.to_string()
    } else {
        name
    }
}

/// `Q12 Chair`, `Q13 Mr Smith`: select committee evidence numbers each
/// question before the speaker's name; the number is not part of the name.
pub(crate) fn without_question_number(name: String) -> String {
    match name.split_once(' ') {
        Some((q, rest))
            if q.len() >= 2 && q.starts_with('Q') && q[1..].bytes().all(|b| b.is_ascii_digit()) =>
        {
            rest.to_string()
        }
        _ => name,
    }
}

pub(crate) fn is_name_word(w: &str) -> bool {
    let mut chars = w.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if name_particle(w) {
        return true;
    }
    if w.chars().all(|c| c.is_ascii_digit()) {
        return w.len() <= 2; // `Speaker 1`
    }
    // Participant codes of research transcripts: `P1`, `R12`, `INT2`.
    let letters = w.chars().take_while(|c| c.is_ascii_uppercase()).count();
    if (1..=3).contains(&letters)
        && w.len() > letters
        && w.len() <= letters + 2
        && w[letters..].bytes().all(|b| b.is_ascii_digit())
    {
        return true;
    }
    // Diarization's speakers: `SPEAKER_02`, `Speaker_1`.
    if w.as_bytes().last().is_some_and(u8::is_ascii_digit) && w.contains('_') {
        return crate::parse::evidence::diarized_name(w);
    }
    // A role numbered without a space, as interview notes number their
    // people: `Interviewer1`, `Interviewee2`, `Participant12`.
    // (Roles only: `COVID19:`, `Web3:` are words before a colon.)
    let word = w.trim_end_matches(|c: char| c.is_ascii_digit());
    let numbered = w.len() - word.len();
    if (1..=2).contains(&numbered) && word.chars().count() >= 2 {
        return is_capital(first)
            && word.chars().all(char::is_alphabetic)
            && (generic_role(word).is_some()
                || with_lowercase(word, |l| {
                    matches!(
                        l,
                        "speaker" | "participant" | "person" | "respondent" | "guest" | "host"
                    )
                }));
    }
    (is_capital(first) || first == '(')
        && w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-' | '(' | ')'))
}

/// Tries to read `Name:` or `Name (note):` at the start of `s`. Returns the
/// label and the byte offset where the text after it starts.
pub(crate) fn colon_label(s: &str) -> Option<(String, usize)> {
    let head = if s.len() > 80 {
        &s[..s.floor_char_boundary(80)]
    } else {
        s
    };
    let mut colon = memchr::memchr(b':', head.as_bytes())?;
    // A note holding colons before the label's own: `Speaker 1 (00:00:03):`.
    if let Some(open) = memchr::memchr2(b'(', b'[', &head.as_bytes()[..colon]) {
        let close = if head.as_bytes()[open] == b'(' {
            b"):"
        } else {
            b"]:"
        };
        // (By bytes: a `&str` search sets up a searcher on every such line.)
        if let Some(end) = head.as_bytes()[open..].windows(2).position(|w| w == close) {
            colon = open + end + 1;
        }
    }
    let after = &s[colon + 1..];
    if !(after.is_empty() || after.starts_with(is_space)) {
        return None; // 12:30, http://
    }
    let mut raw = s[..colon].trim_end();
    // A title after a comma, as TV transcripts write it: `ANDERSON COOPER,
    // CNN ANCHOR`, `JANE CASTOR (D), MAYOR OF TAMPA` — the name is before it.
    if let Some((before, title)) = raw.split_once(", ")
        && !before.is_empty()
        && title.split(is_space).filter(|w| !w.is_empty()).count() <= 6
        && title.split(is_space).filter(|w| !w.is_empty()).all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || name_particle(w)
                || matches!(w, "of" | "the" | "and" | "for" | "at")
        })
    {
        let title_words = title.split(is_space).filter(|w| !w.is_empty()).count();
        // `Vladivostok, Yulia Matveyeva`: one word of place before a full
        // name in mixed case — the name is after the comma.
        let place_first = !before.contains(is_space)
            && (2..=3).contains(&title_words)
            && title.chars().any(char::is_lowercase)
            && before.chars().any(char::is_lowercase);
        raw = if place_first {
            title.trim_end()
        } else {
            before.trim_end()
        };
    }
    // A parenthetical note after the name: `Jörg Schönenborn (retranslated)`,
    // `Host (00:01:02)`, `Speaker 2 [00:14]`.
    let name = match raw.find(['(', '[']) {
        Some(i) if raw.ends_with([')', ']']) => raw[..i].trim_end(),
        Some(_) => return None,
        None => raw,
    };
    if name.chars().count() > 50 {
        return None;
    }
    // One pass over the words, no list: this runs for every line with a colon.
    let mut words = 0;
    let mut last = "";
    for w in name.split(is_space).filter(|w| !w.is_empty()) {
        words += 1;
        let capital = words > 1 || w.chars().next().is_some_and(is_capital);
        if words > 7 || !capital || !is_name_word(w) {
            return None;
        }
        last = w;
    }
    // The last word must be a name, not a particle: `Head of:` is not a label.
    if words == 0 || name_particle(last) || is_field_key(name) {
        return None;
    }
    // The words joined by single spaces.
    Some((fold_spaces(name).into_owned(), colon + 1))
}

/// `Interviewer — text`, `Mayor – text`: a name, then a spaced em or en
/// dash. A capitalised word before a dash is also how a news dateline starts
/// (`MOSCOW — The Kremlin…`), so names in capitals are left to role words.
pub(crate) fn dash_label(s: &str) -> Option<(String, usize)> {
    if !s.chars().next().is_some_and(is_capital) {
        return None;
    }
    // Asked of every line with a dash or curly quote near its start, so the
    // dashes are found by their bytes: `—` is `E2 80 94`, `–` is `E2 80 93`.
    let head = &s.as_bytes()[..s.len().min(60)];
    let at = memchr::memchr_iter(0xE2, head).find(|&i| {
        i + 2 < head.len() && head[i + 1] == 0x80 && matches!(head[i + 2], 0x93 | 0x94)
    })?;
    let after = &s[at + 3..];
    let name = trim_end_with(&s[..at], is_space);
    if name.len() == at || !after.starts_with(is_space) {
        return None; // `well—I think`: a dash inside the sentence
    }
    let mut words = 0;
    let mut last = "";
    for w in name.split(' ') {
        words += 1;
        if words > 4 || !w.chars().next().is_some_and(is_capital) || !is_name_word(w) {
            return None;
        }
        last = w;
    }
    if name_particle(last) || !name.chars().any(char::is_lowercase) && generic_role(name).is_none()
    {
        return None;
    }
    Some((name.to_string(), at + 3))
}

/// `<nick> text`: a chat or IRC log line (`<@op>`, `<+voice>` drop the
/// channel mode). HTML tags (`<p>`, `<b>`) are markup, not people.
pub(crate) fn chat_nick(s: &str) -> Option<(String, usize)> {
    let close = memchr::memchr(b'>', &s.as_bytes()[..s.len().min(34)])?;
    let nick = s[1..close].trim_start_matches(['@', '+', '%', '~', '&']);
    let ok = !nick.is_empty()
        && nick
            .chars()
            .all(|c| c.is_alphanumeric() || "_-.|[]{}^`\\".contains(c))
        && s[close + 1..].starts_with(is_space)
        && !s.contains("</");
    const HTML: &[&str] = &[
        "a",
        "b",
        "i",
        "u",
        "p",
        "q",
        "s",
        "em",
        "strong",
        "br",
        "hr",
        "div",
        "span",
        "li",
        "ul",
        "ol",
        "td",
        "tr",
        "th",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "img",
        "sup",
        "sub",
        "pre",
        "code",
        "font",
        "small",
        "big",
        "center",
        "blockquote",
        "table",
        "body",
        "html",
        "head",
        "title",
        "script",
        "style",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "main",
        "figure",
        "figcaption",
        "dd",
        "dt",
        "dl",
        "tt",
        "mark",
        "cite",
        "abbr",
        "time",
    ];
    (ok && !HTML.contains(&nick.to_ascii_lowercase().as_str()))
        .then(|| (nick.to_string(), close + 1))
}

/// `CHAIR POWELL. text`, `MR. SMITH. text`: two or more words in capitals,
/// a period, a space. With `titles`, also the Congressional Record's
/// `Senator GRASSLEY. text`, `Ms. JACKSON LEE. text`, `The CHAIRMAN. text`:
/// capitalised titles before the name in capitals — a shape prose has too
/// (`The U.S. Navy…`), so the caller allows it only where the document shows
/// it taking turns. A period after a short title (`Ms.`, `MR.`) does not end
/// the name.
pub(crate) fn period_label(s: &str, titles: bool) -> Option<(String, usize)> {
    let head = if s.len() > 60 {
        &s[..s.floor_char_boundary(60)]
    } else {
        s
    };
    let h = head.as_bytes();
    for dot in memchr::memchr_iter(b'.', h).filter(|&i| h.get(i + 1) == Some(&b' ')) {
        let name = &s[..dot];
        match period_name(name, titles) {
            NameSoFar::Complete => return Some((name.to_string(), dot + 1)),
            // `Ms`, `MR`: a title abbreviation, the name goes on after it.
            NameSoFar::Partial
                if name.rsplit(' ').next().is_some_and(|w| {
                    (2..=3).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_alphabetic())
                }) => {}
            _ => return None,
        }
    }
    None
}

/// How far the words before a period make a speaker's name (see [`period_label`]).
#[derive(PartialEq)]
pub(crate) enum NameSoFar {
    /// Not a name: prose (`The committee. Then…`).
    Not,
    /// Could be the start of one (`Ms`, `MR`).
    Partial,
    Complete,
}

pub(crate) fn period_name(name: &str, allow_titles: bool) -> NameSoFar {
    // `GRASSLEY`, `MR.`, `O'BRIEN`: two characters or more, all capitals.
    let caps_word = |w: &str| {
        w.chars().count() >= 2
            && w.chars()
                .all(|c| c.is_uppercase() || c == '\'' || c == '’' || c == '-' || c == '.')
            && w.chars().any(|c| c.is_alphabetic())
    };
    // `Senator`, `Ms.`, `The`: a capitalised title before the name.
    let title_word = |w: &str| {
        let mut c = w.chars();
        c.next().is_some_and(char::is_uppercase)
            && w.chars().count() <= 12
            && w.chars().any(char::is_lowercase)
            && c.all(|c| c.is_alphabetic() || c == '.')
    };
    let (mut words, mut titles, mut caps) = (0, 0, 0);
    // Most lines fail on their first word (prose starts `The`, then `the`).
    for w in name.split(' ') {
        words += 1;
        if words > 5 {
            return NameSoFar::Not;
        }
        if caps_word(w) {
            caps += 1;
        } else if allow_titles && title_word(w) && caps == 0 {
            titles += 1;
        } else {
            return NameSoFar::Not;
        }
    }
    if caps >= 1 && (titles >= 1 || caps >= 2) {
        NameSoFar::Complete
    } else {
        NameSoFar::Partial
    }
}

/// A label `name` whose text starts at byte `off` of `s`: the marker, the
/// offset, and whether the label stands alone on its line.
pub(crate) fn label_at(name: String, s: &str, off: usize) -> (Marker, usize, bool) {
    (
        Marker::Label(name),
        off,
        s[off..].trim_matches(is_space).is_empty(),
    )
}

/// The marker at the start of a (left-trimmed) line, and the byte offset of the text after it.
pub fn detect_marker(s: &str) -> (Marker, usize, bool) {
    // Markdown emphasis around a label, as web pages are copied: `**Q:**`,
    // `**Jane Doe:** text`, `__A:__` — or around the name only, the colon
    // after it (`**Lead Inquiry**: text`, `*Interviewer*: text`).
    // (Most lines start with neither: told from the first byte, before any
    // string compares.)
    let emphasised = matches!(s.as_bytes().first(), Some(b'*' | b'_'));
    for em in ["**", "__", "*"] {
        if !emphasised {
            break;
        }
        let Some(inner) = s.strip_prefix(em) else {
            continue;
        };
        if em == "*" && inner.starts_with('*') {
            continue;
        }
        let Some(close) = inner.as_bytes()[..inner.len().min(61 + em.len())]
            .windows(em.len())
            .position(|w| w == em.as_bytes())
        else {
            continue;
        };
        let within = inner[..close].trim_end();
        let after = &inner[close + em.len()..];
        // (In italics only with a colon: `*Q:*`, `*Interviewer:*`; an
        // italic `*Oct. 3.*` is a date.)
        let (label, after) = if within.ends_with(':') || within.ends_with('.') && em != "*" {
            (Cow::Borrowed(within), after)
        } else if let Some(rest) = after.trim_start_matches(is_space).strip_prefix(':')
            && (rest.is_empty() || rest.starts_with(is_space))
            && !within.is_empty()
        {
            (Cow::Owned(format!("{within}:")), rest)
        } else {
            continue;
        };
        let (m, _, _) = detect_marker(&format!("{label} x"));
        if let Marker::Label(name) = m {
            return label_at(name, s, s.len() - after.len());
        }
    }
    let mut chars = s.char_indices();
    let Some((_, first)) = chars.next() else {
        return (Marker::None, 0, false);
    };
    // Q / A with two spaces, a colon or a period: press briefing style.
    if first == 'Q' || first == 'A' {
        let rest = &s[1..];
        if rest.is_empty() {
            return (Marker::Label(first.to_string()), 1, true);
        }
        // `Q1)`, `A1)`: a numbered question and its answer (not `A)`, which
        // letters a list, nor `Q4.`, which is a quarter of the year).
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=3).contains(&digits)
            && let Some(after) = rest[digits..].strip_prefix(')')
            && (after.is_empty() || after.starts_with(is_space))
        {
            return label_at(first.to_string(), s, s.len() - after.len());
        }
        let mut it = rest.chars();
        let c1 = it.next();
        let c2 = it.next();
        let spaced = c1.is_some_and(is_space) && c2.is_some_and(is_space);
        let punct =
            matches!(c1, Some(':') | Some('.')) && (c2.is_none() || c2.is_some_and(is_space));
        // `Q - text`, `A – text`: a dash between the letter and the text.
        if c1.is_some_and(is_space)
            && c2.is_some_and(|c| matches!(c, '-' | '–' | '—'))
            && it.next().is_some_and(is_space)
        {
            let off = 1 + ' '.len_utf8() + c2.map_or(1, char::len_utf8);
            return label_at(first.to_string(), s, off);
        }
        // `Q Thanks, Jen.`: briefing transcripts also put one space after
        // the Q. Prose almost never starts a line with the word `Q` (it
        // often does with `A`), so only Q takes this form.
        let single = first == 'Q'
            && c1 == Some(' ')
            && c2.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“'‘(".contains(c));
        // `A. Repik: Good afternoon`: an initial and a surname, a person's
        // label like `E. Choinozov:`, not the answer's letter.
        let initial = c1 == Some('.') && c2 == Some(' ') && {
            let after = &rest[2..];
            let end = after
                .find(|c: char| !(c.is_alphabetic() || matches!(c, '-' | '\'' | '’')))
                .unwrap_or(after.len());
            end >= 2
                && after.starts_with(|c: char| c.is_uppercase())
                && after[end..].starts_with(':')
        };
        if (spaced || punct || single) && !initial {
            let off = if punct { 2.min(s.len()) } else { 1 };
            return label_at(first.to_string(), s, off);
        }
    }
    if DASHES.contains(&first) {
        let rest = &s[first.len_utf8()..];
        // `-- `, and `――` / `——` as Japanese and Chinese interviews mark questions.
        let rest = rest.strip_prefix(first).unwrap_or(rest);
        let next = rest.chars().next();
        let dash_turn = match next {
            Some(c) if is_space(c) => true,
            // `—Hello`: an em/en dash glued to the word still opens a turn.
            Some(c) if first != '-' && (c.is_alphabetic() || c == '"' || c == '«' || c == '“') => {
                true
            }
            // `—¿Cuándo…?`, `-¡Claro!`: Spanish opens a question or an
            // exclamation with a mark that nothing else starts a line with.
            Some('¿' | '¡') => true,
            _ => false,
        };
        if dash_turn {
            let off = s.len() - rest.len();
            return (Marker::Dash, off, false);
        }
        return (Marker::None, 0, false);
    }
    if matches!(first, '•' | '·' | '▪' | '◦' | '*') && s[first.len_utf8()..].starts_with(is_space)
    {
        return (Marker::Bullet, first.len_utf8(), false);
    }
    if is_cjk(first)
        && let Some((name, off)) = cjk_label(s)
    {
        return label_at(name, s, off);
    }
    if is_capital(first) {
        if let Some((name, off)) = colon_label(s) {
            return label_at(numbered_role(without_question_number(name)), s, off);
        }
        if let Some((name, off)) = period_label(s, false) {
            return (Marker::Label(name), off, false);
        }
    }
    if first == '<'
        && let Some((name, off)) = chat_nick(s)
    {
        return label_at(name, s, off);
    }
    if first == '['
        && let Some((name, off)) = bracket_label(s)
    {
        return label_at(name, s, off);
    }
    (Marker::None, 0, false)
}

/// `[Speaker 1] [00:00] text`, `[Jane Doe] 00:12:31 text`, `[Host]: text`:
/// a name in brackets, as diarizing transcription tools write it, followed
/// by a time or a colon — never a bracketed note alone (`[laughs]`,
/// `[Inaudible]`), which neither follows.
pub(crate) fn bracket_label(s: &str) -> Option<(String, usize)> {
    let close = s.get(..s.len().min(48))?.find(']')?;
    let name = s[1..close].trim();
    let words: Vec<&str> = name.split(' ').filter(|w| !w.is_empty()).collect();
    if words.is_empty() || words.len() > 4 || !words.iter().all(|w| is_name_word(w)) {
        return None;
    }
    let rest = s[close + 1..].trim_start_matches(is_space);
    let text = if let Some(after) = rest.strip_prefix(':') {
        after
    } else {
        let after = crate::parse::layout::strip_timestamp(rest)?;
        after.strip_prefix(':').unwrap_or(after)
    };
    let text = text.trim_start_matches(is_space);
    Some((words.join(" "), s.len() - text.len()))
}

/// The text of a line that Markdown wraps whole: a heading (`## Title`) or
/// a line in bold or italics (`**What drew you to it?**`), as web pages are
/// copied. The markup is layout, not words.
pub(crate) fn markdown_text(s: &str) -> Option<std::ops::Range<usize>> {
    let b = s.as_bytes();
    if b.first() == Some(&b'#') {
        let hashes = b.iter().take_while(|&&c| c == b'#').count();
        if hashes <= 6 && b.get(hashes) == Some(&b' ') {
            let start = hashes + 1;
            let end = s.trim_end_matches([' ', '#']).len().max(start);
            return Some(start..end);
        }
        return None;
    }
    for em in ["**", "__", "*", "_"] {
        if s.len() > 2 * em.len() + 1
            && s.starts_with(em)
            && s.ends_with(em)
            && !s[em.len()..s.len() - em.len()].contains(em)
        {
            let inner = &s[em.len()..s.len() - em.len()];
            // `* item *` is no emphasis: Markdown needs the words to touch it.
            // Nor is `*** in EGRESS ***`, a gap marked in a transcript — its
            // stars stand apart from the words, as bold italics' do not
            // (`***Why now?***`).
            let apart = |t: &str| t.starts_with(is_space) || t.is_empty();
            if inner.starts_with(is_space)
                || inner.ends_with(is_space)
                || inner.strip_prefix(['*', '_']).is_some_and(apart)
                || inner
                    .strip_suffix(['*', '_'])
                    .is_some_and(|t| t.is_empty() || t.ends_with(is_space))
            {
                return None;
            }
            return Some(em.len()..s.len() - em.len());
        }
    }
    None
}

/// `content` without the anchors a Markdown page puts before a heading or
/// a question so it can be linked to (`<a name="q3" href="#q3">#</a> **Q:**
/// …`, `<a id="intro"></a>`): a place to link, not words.
pub(crate) fn strip_leading_anchors(mut content: &str) -> &str {
    while content.len() > 3 && content.as_bytes()[..3].eq_ignore_ascii_case(b"<a ") {
        let head = &content[..content.floor_char_boundary(400)];
        let Some(open_end) = head.find('>') else {
            return content;
        };
        let rest = if head[..open_end].ends_with('/') {
            &content[open_end + 1..]
        } else {
            let Some(close) = head.find("</a>").or_else(|| head.find("</A>")) else {
                return content;
            };
            if close < open_end {
                return content;
            }
            let shown = head[open_end + 1..close].trim();
            if !matches!(shown, "" | "#" | "¶" | "§" | "🔗") {
                return content;
            }
            &content[close + 4..]
        };
        content = rest.trim_start_matches(is_space);
    }
    content
}

/// `content` without the attribute list Markdown dialects put after a
/// block (kramdown `{: .question}`, Pandoc `{#intro .lead}`): styling, not
/// words. A brace group counts only when every item in it is a `.class`,
/// a `#id` or a `key=value` (and, without kramdown's colon, at least one
/// is a class or id), so braces in words (`{x}`, `{sic}`) stay.
pub(crate) fn strip_attribute_list(content: &str) -> &str {
    if !content.ends_with('}') {
        return content;
    }
    let Some(open) = content.rfind('{') else {
        return content;
    };
    let inner = &content[open + 1..content.len() - 1];
    let (kramdown, items) = match inner.strip_prefix(':') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let mut items = items.split_whitespace().peekable();
    if items.peek().is_none() {
        return content;
    }
    let mut styled = false;
    for item in items {
        let named = item.len() > 1
            && item.starts_with(['.', '#'])
            && item[1..]
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
        let pair = item.split_once('=').is_some_and(|(k, _)| {
            !k.is_empty()
                && k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        });
        if !named && !pair {
            return content;
        }
        styled |= named;
    }
    if !kramdown && !styled {
        return content;
    }
    content[..open].trim_end_matches(is_space)
}

/// The character an HTML character reference names (`amp`, `#39`,
/// `#x2019`: what is between `&` and `;`), when it is one text can show:
/// the named references pages carry most, and any number but a control
/// character's (those stay as written, never reaching the terminal).
fn entity_char(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code).filter(|&c| c >= ' ' && !crate::text::is_unsafe_char(c));
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        _ => return None,
    })
}

/// Whether `text` holds a character reference [`decode_entities`] reads:
/// most `&`s are words' (`Q&A`, `AT&T`), and lines are decoded only in a
/// text that has one.
pub(crate) fn has_entity_references(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(b'&', b).any(|at| {
        let rest = &b[at + 1..];
        let len = rest.iter().take(10).position(|&c| c == b';');
        len.is_some_and(|n| {
            n > 0
                && rest[..n]
                    .iter()
                    .all(|c| c.is_ascii_alphanumeric() || *c == b'#')
                && entity_char(&text[at + 1..at + 1 + n]).is_some()
        })
    })
}

/// HTML character references (`&amp;`, `&gt;&gt;`, `&#39;`) in text that
/// is not HTML: pages pasted or scraped into Markdown or plain text keep
/// them, and the words are the characters they name. A reference this
/// does not know stays as written.
pub(crate) fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    let mut out = String::new();
    let mut done = 0;
    for at in memchr::memchr_iter(b'&', s.as_bytes()) {
        if at < done {
            continue;
        }
        let rest = &s.as_bytes()[at + 1..];
        let Some(len) = rest
            .iter()
            .take(10)
            .position(|&b| b == b';')
            .filter(|&n| n > 0)
        else {
            continue;
        };
        let name = &s[at + 1..at + 1 + len];
        if !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'#') {
            continue;
        }
        if let Some(c) = entity_char(name) {
            out.push_str(&s[done..at]);
            out.push(c);
            done = at + len + 2;
        }
    }
    if done == 0 {
        return std::borrow::Cow::Borrowed(s);
    }
    out.push_str(&s[done..]);
    std::borrow::Cow::Owned(out)
}

/// Markdown escapes (`\[`, `\_`) as scrapers leave them.
pub(crate) fn unescape_markdown(s: &str) -> std::borrow::Cow<'_, str> {
    if memchr::memchr(b'\\', s.as_bytes()).is_none() {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&n) = chars.peek()
            && matches!(
                n,
                '[' | ']'
                    | '_'
                    | '*'
                    | '#'
                    | '\\'
                    | '`'
                    | '('
                    | ')'
                    | '-'
                    | '.'
                    | '!'
                    | '$'
                    | '<'
                    | '>'
            )
        {
            out.push(n);
            chars.next();
            continue;
        }
        out.push(c);
    }
    std::borrow::Cow::Owned(out)
}

/// A label family that is a label only where the whole document shows such
/// labels taking turns: whether this document's evidence admits it, and how
/// to read one at the start of a line (the name and where the text starts).
pub(crate) struct GatedFamily {
    pub(crate) name: &'static str,
    pub(crate) admitted: fn(&TurnEvidence) -> bool,
    pub(crate) read: fn(&str, &TurnEvidence) -> Option<(String, usize)>,
}

/// The gated families, tried in this order on a line with no other marker.
pub(crate) const GATED_FAMILIES: &[GatedFamily] = &[
    GatedFamily {
        name: "lower-case role labels (`interviewer:`)",
        admitted: |e| e.lower_role_labels,
        read: |u, _| lower_role_label(u).map(|(name, _, off)| (name, off)),
    },
    GatedFamily {
        name: "role words before a period (`P.`, `Pregunta.`)",
        admitted: |e| e.period_role_labels,
        read: |u, _| period_role_label(u),
    },
    GatedFamily {
        name: "titled names before a period (`Senator GRASSLEY.`)",
        admitted: |e| e.titled_period_labels,
        read: |u, _| period_label(u, true),
    },
    GatedFamily {
        name: "lower-case nicknames (`stark:`)",
        admitted: |e| !e.nick_names.is_empty(),
        read: |u, e| {
            crate::parse::evidence::nick_label(u)
                .filter(|(nick, _)| e.nick_names.contains(*nick))
                .map(|(nick, off)| (nick.to_string(), off))
        },
    },
    GatedFamily {
        name: "names in bold, no colon (`**Ana** text`)",
        admitted: |e| !e.bold_names.is_empty(),
        // A recurring name; or, once admitted, one that speaks once (a
        // second interviewer's one question) when it cannot be a word set
        // in bold: two words or more, CJK, or the interviewer's dashes —
        // `**Hamburg** was where it began.` in an answer is emphasis.
        read: |u, e| {
            crate::parse::evidence::bold_name_label(u)
                .filter(|(name, _)| {
                    e.bold_names.contains(*name)
                        || name.contains(' ')
                        || name
                            .chars()
                            .all(|c| crate::parse::scan::is_cjk(c) || matches!(c, '―' | '—' | '─'))
                })
                .map(|(name, off)| (name.to_string(), off))
        },
    },
    GatedFamily {
        name: "names before a spaced dash (`Mayor — …`)",
        admitted: |e| !e.dash_names.is_empty(),
        read: |u, e| dash_label(u).filter(|(name, _)| e.dash_names.contains(name)),
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn character_references_decode_once_and_never_to_controls() {
        assert_eq!(decode_entities("Q&amp;A &gt;&gt; it&#39;s"), "Q&A >> it's");
        // Decoded once: `&amp;gt;` is what a page shows as `&gt;`.
        assert_eq!(decode_entities("&amp;gt;"), "&gt;");
        // Controls, newlines, bidi overrides, surrogates, and numbers past
        // Unicode stay as written.
        for kept in [
            "&#27;",
            "&#10;",
            "&#x202e;",
            "&#xD800;",
            "&#x110000;",
            "&#99999999999;",
        ] {
            assert_eq!(decode_entities(kept), kept);
        }
        // Not references: a bare `&`, an unknown name, a non-ASCII name, an
        // empty one, one with no `;` near, one at the very end.
        for kept in ["AT&T", "&bogus;", "&é;", "&;", "& amp;", "&amp", "x &"] {
            assert_eq!(decode_entities(kept), kept);
            assert!(!has_entity_references(kept), "{kept}");
        }
        assert!(has_entity_references("Tom &amp; Jerry"));
        assert!(!has_entity_references("Tom & Jerry; and Q&A"));
    }

    #[test]
    fn emphasis_is_words_touching_their_marks() {
        assert_eq!(markdown_text("**Why now?**"), Some(2..10));
        assert_eq!(markdown_text("***Why now?***"), Some(2..12));
        assert_eq!(markdown_text("*** in EGRESS ***"), None);
        assert_eq!(markdown_text("* item *"), None);
    }
}
