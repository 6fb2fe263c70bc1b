//! Line level: what each source line is before any paragraph exists.
//!
//! Owns the removal of layout artefacts that are not text — PDF line numbers,
//! running page headers and footers, page numbers, timestamps, metadata lines
//! — and the recognition of turn markers at the start of a line (dashes,
//! `Q:`/`A:`, speaker labels, list bullets).

use std::borrow::Cow;

use crate::model::DroppedLine;

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

/// One source line after cleaning; its text borrows from the source when
/// cleaning changed nothing (most lines), so splitting allocates little.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// 1-based source line number.
    pub no: usize,
    /// Text after the marker, whitespace folded, trimmed.
    pub text: Cow<'a, str>,
    pub marker: Marker,
    /// The marker as written (`Jörg Schönenborn (retranslated):`), to restore
    /// the text when the marker turns out not to be one.
    pub prefix: Cow<'a, str>,
    /// A label alone on its line (`MR. SMITH:`): the text follows on the next lines.
    pub label_alone: bool,
    /// Something forced a paragraph break before this line (a timestamp line,
    /// a page break, a blank line).
    pub blank_before: usize,
    /// A timestamp line or turn header stood right before this line.
    pub hard_break_before: bool,
    /// Character length of the line as laid out in the source (for wrap detection).
    pub layout_len: usize,
    /// The whole line was in bold or italics (`**Your first restaurant…**`),
    /// as web pages copied to Markdown set an interviewer's prompts.
    pub emphasis: Emphasis,
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
}

const DASHES: [char; 5] = ['-', '–', '—', '―', '−'];

/// A character of Chinese or Japanese script (ideographs, kana), written
/// without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// `问：` / `记者：` / `答:`: a short label in Chinese or Japanese script
/// before a colon (full-width or not). The label and the text's offset.
fn cjk_label(s: &str) -> Option<(String, usize)> {
    let (at, colon) = s
        .char_indices()
        .take(9)
        .find(|&(_, c)| c == '：' || c == ':')?;
    let label = &s[..at];
    let count = label.chars().count();
    ((1..=8).contains(&count) && label.chars().all(is_cjk))
        .then(|| (label.to_string(), at + colon.len_utf8()))
}

/// A letter that can start a name: a capital, or a letter of a script
/// without case that writes spaces between words (Arabic, Hebrew, Hangul,
/// Devanagari…), where every name starts with such a letter. Chinese and
/// Japanese are left out: they write no spaces, so a whole clause before a
/// colon would pass for a name (their labels are read by [`cjk_label`]).
pub fn is_capital(c: char) -> bool {
    c.is_uppercase() || (!c.is_lowercase() && c.is_alphabetic() && !c.is_ascii() && !is_cjk(c))
}

pub fn is_space(c: char) -> bool {
    c == ' '
        || c == '\u{a0}'
        || c == '\u{202f}'
        || ('\u{2000}'..='\u{200a}').contains(&c)
        || c == '\u{3000}'
}

/// The length in bytes of the [`is_space`] character starting at byte `i` of
/// `b` (valid UTF-8), or 0 when none does. Reads the UTF-8 encodings instead
/// of decoding: U+00A0 is `C2 A0`, U+2000–U+200A are `E2 80 80`–`E2 80 8A`,
/// U+202F is `E2 80 AF`, U+3000 is `E3 80 80`.
fn space_len(b: &[u8], i: usize) -> usize {
    match b[i] {
        b' ' => 1,
        0xC2 if b.get(i + 1) == Some(&0xA0) => 2,
        0xE2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x80..=0x8A | 0xAF)) => {
            3
        }
        0xE3 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x80) => 3,
        _ => 0,
    }
}

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `w` that equals `byte`, exactly (no false
/// positives from borrows, unlike the shorter `has_zero` trick).
fn bytes_equal(w: u64, byte: u8) -> u64 {
    let x = w ^ (LO * u64::from(byte));
    !(((x & !HI) + !HI) | x) & HI
}

/// `s` without leading and trailing characters matching `pred`. Most lines
/// start and end with a visible ASCII character: then nothing is decoded
/// (and, inlined, nothing is called).
#[inline(always)]
pub fn trim_with(s: &str, pred: impl Fn(char) -> bool) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(&a), Some(&z)) if a < 0x80 && z < 0x80 && !pred(a as char) && !pred(z as char) => s,
        _ => trim_slow(s, pred),
    }
}

/// [`trim_with`] for lines that start or end with a space or a non-ASCII
/// character.
#[inline(never)]
fn trim_slow(s: &str, pred: impl Fn(char) -> bool) -> &str {
    // ASCII bytes are looked at as they are; only other characters are decoded.
    let b = s.as_bytes();
    let mut start = 0;
    while start < b.len() {
        if b[start] < 0x80 {
            if !pred(b[start] as char) {
                break;
            }
            start += 1;
        } else {
            let c = s[start..].chars().next().expect("a character boundary");
            if !pred(c) {
                break;
            }
            start += c.len_utf8();
        }
    }
    let mut end = b.len();
    while end > start {
        if b[end - 1] < 0x80 {
            if !pred(b[end - 1] as char) {
                break;
            }
            end -= 1;
        } else {
            let c = s[start..end].chars().next_back().expect("a character");
            if !pred(c) {
                break;
            }
            end -= c.len_utf8();
        }
    }
    &s[start..end]
}

/// `s` without leading characters matching `pred` (see [`trim_with`]).
fn trim_start_with(s: &str, pred: impl Fn(char) -> bool) -> &str {
    let mut t = s;
    while let Some(c) = t.chars().next()
        && pred(c)
    {
        t = &t[c.len_utf8()..];
    }
    t
}

/// `s` without trailing characters matching `pred` (see [`trim_with`]).
fn trim_end_with(s: &str, pred: impl Fn(char) -> bool) -> &str {
    let mut t = s;
    while let Some(c) = t.chars().next_back()
        && pred(c)
    {
        t = &t[..t.len() - c.len_utf8()];
    }
    t
}

/// `text.split('\n')`, eight bytes at a time: lines are short, and a search
/// call per line costs more than it saves.
fn split_newlines(text: &str) -> Vec<&str> {
    let b = text.as_bytes();
    let mut lines = Vec::with_capacity(b.len() / 40 + 1);
    let mut start = 0;
    let mut words = b.chunks_exact(8);
    let mut at = 0;
    for word in &mut words {
        let mut nl = bytes_equal(
            u64::from_le_bytes(word.try_into().expect("eight bytes")),
            b'\n',
        );
        while nl != 0 {
            let i = at + nl.trailing_zeros() as usize / 8;
            nl &= nl - 1;
            lines.push(&text[start..i]);
            start = i + 1;
        }
        at += 8;
    }
    for (k, &c) in words.remainder().iter().enumerate() {
        if c == b'\n' {
            lines.push(&text[start..at + k]);
            start = at + k + 1;
        }
    }
    lines.push(&text[start..]);
    lines
}

/// `s.chars().count()` for the short strings of one line: the bytes that
/// start a character (all but `0x80..=0xBF`), counted in blocks small enough
/// for a byte counter, which the compiler vectorises.
fn char_count(s: &str) -> usize {
    s.as_bytes()
        .chunks(255)
        .map(|c| usize::from(c.iter().fold(0u8, |n, &b| n + u8::from((b as i8) >= -0x40))))
        .sum()
}

/// `a --> b` split at the first `-->` (a subtitle timing line), looked for
/// from its `>`, which prose rarely has.
fn split_arrow(s: &str) -> Option<(&str, &str)> {
    let b = s.as_bytes();
    memchr::memchr_iter(b'>', b)
        .find(|&i| i >= 2 && &b[i - 2..i] == b"--")
        .map(|i| (&s[..i - 2], &s[i + 1..]))
}

/// Folds every run of (Unicode) spaces to one ASCII space and trims.
///
/// Runs once or twice per line, so it looks at eight bytes at a time and
/// only at the bytes that may need a change: the second of two ASCII spaces
/// in a row, and bytes that may start a Unicode space. Most lines need no
/// change and are returned borrowed; otherwise the text between runs is
/// copied in slices.
pub fn fold_spaces(s: &str) -> Cow<'_, str> {
    let t = trim_with(s, is_space);
    let b = t.as_bytes();
    let mut out: Option<String> = None;
    // `t[..copied]` is in `out` (or needs no change).
    let mut copied = 0;
    // Where the last run looked at ended.
    let mut done = 0;
    // The space flag of the previous word's last byte, at bit 7.
    let mut carry = 0u64;
    for at in (0..b.len()).step_by(8) {
        let w = load_word(b, at);
        let sp = bytes_equal(w, b' ');
        let mut marks = sp & ((sp << 8) | carry);
        carry = sp >> 56;
        if w & HI != 0 {
            // Unicode spaces start with 0xC2, 0xE2 or 0xE3; masking with 0xDE
            // maps those (and, harmlessly, 0xC3) to 0xC2.
            marks |= bytes_equal(w & (LO * 0xDE), 0xC2);
        }
        while marks != 0 {
            let k = at + marks.trailing_zeros() as usize / 8;
            marks &= marks - 1;
            // Positions inside a run already folded are skipped.
            if k >= done {
                done = fold_run(t, k, &mut copied, &mut out);
            }
        }
    }
    match out {
        None => Cow::Borrowed(t),
        Some(mut o) => {
            o.push_str(&t[copied..]);
            Cow::Owned(o)
        }
    }
}

/// The eight bytes of `b` from `at` as a little-endian word; past the end,
/// zero bytes (neither spaces nor lead bytes of any character).
#[inline(always)]
fn load_word(b: &[u8], at: usize) -> u64 {
    match b.get(at..at + 8) {
        Some(word) => u64::from_le_bytes(word.try_into().expect("eight bytes")),
        None => {
            let mut word = [0u8; 8];
            word[..b.len() - at].copy_from_slice(&b[at..]);
            u64::from_le_bytes(word)
        }
    }
}

/// For [`fold_spaces`]: when byte `k` of the trimmed `t` starts a space, the
/// run of spaces around it (only ASCII spaces can stand before `k` unseen)
/// goes into `out` as one ASCII space, unless it is a lone ASCII space.
/// Returns where the run ends (`k + 1` when there is none).
fn fold_run(t: &str, k: usize, copied: &mut usize, out: &mut Option<String>) -> usize {
    let b = t.as_bytes();
    let n = space_len(b, k);
    if n == 0 {
        return k + 1;
    }
    let mut start = k;
    while start > *copied && b[start - 1] == b' ' {
        start -= 1;
    }
    let mut end = k + n;
    while end < b.len() {
        match space_len(b, end) {
            0 => break,
            m => end += m,
        }
    }
    if end - start > 1 {
        let o = out.get_or_insert_with(|| String::with_capacity(t.len()));
        o.push_str(&t[*copied..start]);
        o.push(' ');
        *copied = end;
    }
    end
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
        let mut buf = [0u8; 24];
        let low = buf.get_mut(..base.len())?; // longer than any role word
        low.copy_from_slice(base.as_bytes());
        low.make_ascii_lowercase();
        return role_word(std::str::from_utf8(low).expect("ASCII"));
    }
    role_word(unnumbered(&label.to_lowercase()))
}

/// The role a lower-case label word names, if any (see [`generic_role`]).
fn role_word(base: &str) -> Option<LabelRole> {
    match base {
        "q"
        | "question"
        | "questions"
        | "interviewer"
        | "int"
        | "i"
        | "journalist"
        | "reporter"
        | "correspondent"
        | "audience member"
        | "audience"
        | "вопрос"
        | "корреспондент"
        | "журналист"
        | "интервьюер"
        | "в"
        | "pregunta"
        | "pergunta"
        | "domanda"
        | "frage"
        | "vraag"
        | "pytanie"
        | "питання"
        | "soru"
        | "fråga"
        | "spørgsmål"
        | "spørsmål"
        | "otázka"
        | "kysymys"
        | "kérdés"
        | "întrebare"
        | "ερώτηση"
        | "entrevistador"
        | "entrevistadora"
        | "问"
        | "問"
        | "提问"
        | "記者"
        | "记者"
        | "聞き手"
        | "d"
        | "질문"
        | "문"
        | "기자"
        | "س"
        | "سؤال"
        | "ש"
        | "שאלה"
        | "מראיין" => Some(LabelRole::Asks),
        "moderator" | "host" | "operator" | "remark" | "chair" | "ведущий" | "реплика"
        | "модератор" | "主持人" | "司会" => Some(LabelRole::Facilitates),
        "a"
        | "answer"
        | "interviewee"
        | "narrator"
        | "respondent"
        | "resp"
        | "r"
        | "participant"
        | "p"
        | "guest"
        | "response"
        | "reply"
        | "ответ"
        | "о"
        | "респондент"
        | "respuesta"
        | "resposta"
        | "risposta"
        | "réponse"
        | "reponse"
        | "antwort"
        | "antwoord"
        | "odpowiedź"
        | "відповідь"
        | "cevap"
        | "yanıt"
        | "svar"
        | "odpověď"
        | "vastaus"
        | "válasz"
        | "răspuns"
        | "απάντηση"
        | "entrevistado"
        | "entrevistada"
        | "答"
        | "回答"
        | "답"
        | "답변"
        | "ج"
        | "جواب"
        | "ת"
        | "תשובה" => Some(LabelRole::Answers),
        _ => None,
    }
}

/// `interviewer: …`, `resp: …`: a role word in lower case before a colon, as
/// research transcripts are sometimes typed. Prose has such lines too (a
/// hard-wrapped `question: Why…`), so the caller only uses this when the
/// whole document shows both sides labelled this way.
fn lower_role_label(s: &str) -> Option<(String, LabelRole, usize)> {
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
fn period_role_label(s: &str) -> Option<(String, usize)> {
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
fn inline_answer(text: &str) -> Option<(usize, usize, String)> {
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
fn numbered_role(name: String) -> String {
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
fn without_question_number(name: String) -> String {
    match name.split_once(' ') {
        Some((q, rest))
            if q.len() >= 2 && q.starts_with('Q') && q[1..].bytes().all(|b| b.is_ascii_digit()) =>
        {
            rest.to_string()
        }
        _ => name,
    }
}

/// Lowercase words allowed inside a speaker name (`President of Russia Vladimir Putin`).
fn name_particle(w: &str) -> bool {
    matches!(
        w,
        "of" | "the"
            | "de"
            | "da"
            | "du"
            | "la"
            | "le"
            | "van"
            | "von"
            | "der"
            | "den"
            | "al"
            | "bin"
            | "ibn"
            | "y"
            | "and"
    )
}

fn is_name_word(w: &str) -> bool {
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
    (is_capital(first) || first == '(')
        && w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-' | '(' | ')'))
}

/// `Photo:`, `From:`, `Location:`: the keys of e-mail headers, captions,
/// credits and transcript cover sheets, which stand before a colon like a
/// speaker's name but never name one.
pub(crate) fn is_field_key(name: &str) -> bool {
    const KEYS: &[&str] = &[
        // Not `cc`: a capsule communicator speaks as `CC:`.
        "from",
        "sent",
        "to",
        // Not `subject`: oral histories label the narrator `SUBJECT:`.
        "reply-to",
        "date",
        "datum",
        "fecha",
        "дата",
        "photo",
        "photos",
        "foto",
        "fotos",
        "фото",
        "image",
        "images",
        "video",
        "audio",
        "caption",
        "credit",
        "credits",
        "source",
        "sources",
        "quelle",
        "fonte",
        "источник",
        "location",
        "place",
        "length",
        "duration",
        "time",
        "project",
        "transcriber",
        "transcribed by",
        "transcript",
        "tags",
        "topics",
        "filed under",
        "published",
        "updated",
        "posted",
        "note",
        "editor's note",
        "editor’s note",
        "update",
        "correction",
        "copyright",
        "disclaimer",
        "attachments",
        "attachment",
    ];
    // Compared without a lower-case copy: asked of every speaker label.
    name.len() <= 16
        && if name.is_ascii() {
            KEYS.iter().any(|k| k.eq_ignore_ascii_case(name))
        } else {
            KEYS.contains(&name.to_lowercase().as_str())
        }
}

/// Tries to read `Name:` or `Name (note):` at the start of `s`. Returns the
/// label and the byte offset where the text after it starts.
fn colon_label(s: &str) -> Option<(String, usize)> {
    let head = if s.len() > 80 {
        &s[..s.floor_char_boundary(80)]
    } else {
        s
    };
    let mut colon = memchr::memchr(b':', head.as_bytes())?;
    // A note holding colons before the label's own: `Speaker 1 (00:00:03):`.
    if let Some(open) = memchr::memchr2(b'(', b'[', &head.as_bytes()[..colon]) {
        let close = if head.as_bytes()[open] == b'(' {
            "):"
        } else {
            "]:"
        };
        if let Some(end) = head[open..].find(close) {
            colon = open + end + 1;
        }
    }
    let after = &s[colon + 1..];
    if !(after.is_empty() || after.starts_with(is_space)) {
        return None; // 12:30, http://
    }
    let raw = s[..colon].trim_end();
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
fn dash_label(s: &str) -> Option<(String, usize)> {
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

/// Labels that only count when the whole document shows them taking turns,
/// found in one pass over the lines.
struct TurnEvidence {
    /// Lower-case role labels (`interviewer:`, `resp:`): at least two lines
    /// that ask and two that answer.
    lower_role_labels: bool,
    /// The names that [`dash_label`] reads as speakers: those that recur and
    /// take turns (two names, or one role word), on enough lines (a tenth of
    /// them) that a wrapped line starting `Americans — 70 to 85 percent…` is
    /// not mistaken for a turn.
    dash_names: std::collections::HashSet<String>,
    /// Titled period labels (`Senator GRASSLEY.`): two names or more that
    /// recur, so that every such label counts, one-time speakers included.
    titled_period_labels: bool,
    /// Role words before a period (`P.`/`R.`, `Pregunta.`): two different
    /// ones, each on two lines or more.
    period_role_labels: bool,
    /// Timestamps start lines (`[00:12:31]`, `Speaker 1  0:03`) on three
    /// lines at least: a clock time at the start of one line is prose
    /// (`1:03 P.M. EST`).
    timestamped: bool,
    /// A transcript's time column (`Q: Alone?          00:00:06`): a clock
    /// time ends a quarter of the lines at least, unlike the `58:21 60:8`
    /// page references of a word index (see [`trailing_clock`]).
    time_column: bool,
}

/// `Senator GRASSLEY`, `Ms. LOPEZ`: a capitalised word, a space, then two
/// capitals — read from the bytes, the cheap test before [`period_label`].
fn title_then_capitals(t: &str) -> bool {
    let b = t.as_bytes();
    b.first().is_some_and(u8::is_ascii_uppercase)
        && memchr::memchr(b' ', &b[..b.len().min(14)]).is_some_and(|sp| {
            b.get(sp + 1..sp + 3)
                .is_some_and(|w| w.iter().all(u8::is_ascii_uppercase))
        })
}

/// How many of the names counted occur twice or more.
fn recurring(counts: &std::collections::HashMap<String, usize>) -> usize {
    counts.values().filter(|&&c| c >= 2).count()
}

fn turn_evidence(raw: &[&str]) -> TurnEvidence {
    let (mut asks, mut answers) = (0, 0);
    let mut dash_counts: std::collections::HashMap<String, usize> = Default::default();
    let mut titled: std::collections::HashMap<String, usize> = Default::default();
    let mut period_roles: std::collections::HashMap<String, usize> = Default::default();
    let mut nonblank = 0usize;
    let (mut stamped, mut led_by_time) = (0usize, 0usize);
    for l in raw {
        let t = trim_with(l, is_space);
        if t.is_empty() {
            continue;
        }
        nonblank += 1;
        stamped += usize::from(trailing_clock(t).is_some());
        if led_by_time < 3
            && (strip_timestamp(t).is_some() || trailing_timestamp_label(t).is_some())
        {
            led_by_time += 1;
        }
        // `P.`, `Pregunta.`: one letter or a word; not the `Mr.`, `Dr.`,
        // `Sen.` that so many lines start with.
        if let Some(dot) = memchr::memchr(b'.', &t.as_bytes()[..t.len().min(16)])
            && (dot == 1 || dot > 3)
            && let Some((word, _)) = period_role_label(t)
        {
            *period_roles.entry(word).or_default() += 1;
        }
        if title_then_capitals(t)
            && let Some((name, _)) = period_label(t, true)
            && name.chars().any(char::is_lowercase)
        {
            *titled.entry(name).or_default() += 1;
        }
        if asks < 2 || answers < 2 {
            match lower_role_label(t).map(|(_, role, _)| role) {
                Some(LabelRole::Asks) => asks += 1,
                Some(LabelRole::Answers) => answers += 1,
                _ => {}
            }
        }
        // Cheap tests first: a dash is `E2 80 93` or `E2 80 94` in UTF-8.
        if memchr::memchr(0xE2, &t.as_bytes()[..t.len().min(60)]).is_some()
            && let Some((name, _)) = dash_label(t)
        {
            *dash_counts.entry(name).or_default() += 1;
        }
    }
    dash_counts.retain(|_, c| *c >= 2);
    let labelled: usize = dash_counts.values().sum();
    let takes_turns =
        dash_counts.len() >= 2 || dash_counts.keys().any(|n| generic_role(n).is_some());
    TurnEvidence {
        titled_period_labels: recurring(&titled) >= 2,
        period_role_labels: recurring(&period_roles) >= 2,
        time_column: stamped >= 3 && stamped * 4 >= nonblank,
        timestamped: led_by_time >= 3,
        lower_role_labels: asks >= 2 && answers >= 2,
        dash_names: if takes_turns && labelled * 10 >= nonblank {
            dash_counts.into_keys().collect()
        } else {
            Default::default()
        },
    }
}

/// `<nick> text`: a chat or IRC log line (`<@op>`, `<+voice>` drop the
/// channel mode). HTML tags (`<p>`, `<b>`) are markup, not people.
fn chat_nick(s: &str) -> Option<(String, usize)> {
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
fn period_label(s: &str, titles: bool) -> Option<(String, usize)> {
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
enum NameSoFar {
    /// Not a name: prose (`The committee. Then…`).
    Not,
    /// Could be the start of one (`Ms`, `MR`).
    Partial,
    Complete,
}

fn period_name(name: &str, allow_titles: bool) -> NameSoFar {
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
fn label_at(name: String, s: &str, off: usize) -> (Marker, usize, bool) {
    (
        Marker::Label(name),
        off,
        s[off..].trim_matches(is_space).is_empty(),
    )
}

/// The marker at the start of a (left-trimmed) line, and the byte offset of the text after it.
pub fn detect_marker(s: &str) -> (Marker, usize, bool) {
    // Markdown emphasis around a label, as web pages are copied: `**Q:**`,
    // `**Jane Doe:** text`, `__A:__`.
    for em in ["**", "__"] {
        if let Some(inner) = s.strip_prefix(em)
            && let Some(close) = inner.find(em).filter(|&c| c <= 60)
            && inner[..close].trim_end().ends_with([':', '.'])
        {
            let label = inner[..close].trim_end();
            let after = &inner[close + em.len()..];
            let (m, _, _) = detect_marker(&format!("{label} x"));
            if let Marker::Label(name) = m {
                return label_at(name, s, s.len() - after.len());
            }
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
        if spaced || punct || single {
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
    (Marker::None, 0, false)
}

/// The text of a line that Markdown wraps whole: a heading (`## Title`) or
/// a line in bold or italics (`**What drew you to it?**`), as web pages are
/// copied. The markup is layout, not words.
fn markdown_text(s: &str) -> Option<std::ops::Range<usize>> {
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
            if inner.starts_with(is_space) || inner.ends_with(is_space) {
                return None;
            }
            return Some(em.len()..s.len() - em.len());
        }
    }
    None
}

/// Strips a leading timestamp (`[00:12:31]`, `(00:12)`, `00:12:31`, `[-00:00:00:03]`).
/// Returns the rest of the line, or None when the line has no timestamp.
fn strip_timestamp(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    if !b
        .first()
        .is_some_and(|c| c.is_ascii_digit() || matches!(c, b'[' | b'('))
    {
        return None;
    }
    let mut i = 0;
    let open = b.first().copied().filter(|c| *c == b'[' || *c == b'(');
    if open.is_some() {
        i += 1;
    }
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    let start_digits = i;
    let mut groups = 0;
    loop {
        let d0 = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let n = i - d0;
        if n == 0 || n > 3 || (groups > 0 && n != 2) {
            return None;
        }
        groups += 1;
        if i < b.len() && b[i] == b':' {
            i += 1;
            continue;
        }
        break;
    }
    if groups < 2 || i == start_digits {
        return None;
    }
    if i < b.len()
        && (b[i] == b'.' || b[i] == b',')
        && b.get(i + 1).is_some_and(|c| c.is_ascii_digit())
    {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
    }
    if let Some(o) = open {
        let close = if o == b'[' { b']' } else { b')' };
        if b.get(i) != Some(&close) {
            return None;
        }
        i += 1;
    }
    let rest = &s[i..];
    if !(rest.is_empty()
        || rest.starts_with(is_space)
        || rest.starts_with('-')
        || rest.starts_with('–'))
    {
        return None;
    }
    Some(rest.trim_start_matches(|c: char| is_space(c) || c == '-' || c == '–'))
}

/// `Speaker Name  0:03` or `Speaker 1  00:12:31` alone on a line (exported captions):
/// a label whose text follows on the next lines.
fn trailing_timestamp_label(s: &str) -> Option<String> {
    if !s.as_bytes().last().is_some_and(|c| c.is_ascii_digit()) || s.len() > 80 {
        return None;
    }
    let (head, tail) = s.rsplit_once(is_space)?;
    let tail_ok = tail.split(':').count() >= 2
        && tail
            .split(':')
            .all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|c| c.is_ascii_digit()));
    if !tail_ok {
        return None;
    }
    let head = head.trim_matches(is_space);
    let words: Vec<&str> = head.split(is_space).filter(|w| !w.is_empty()).collect();
    if words.is_empty() || words.len() > 4 || !words.iter().all(|w| is_name_word(w)) {
        return None;
    }
    Some(words.join(" "))
}

/// `Q: Alone?          00:00:06`: where the text ends before a clock time
/// (`00:06`, `1:02:03`) set off by two spaces or more at the end of the line.
fn trailing_clock(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if !b.last().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let start = b.iter().rposition(|&c| c == b' ')? + 1;
    let clock = &s[start..];
    let mut groups = 0;
    let is_clock = clock.split(':').enumerate().all(|(i, g)| {
        groups += 1;
        (if i == 0 { 1..=2 } else { 2..=2 }).contains(&g.len())
            && g.bytes().all(|c| c.is_ascii_digit())
    }) && (2..=3).contains(&groups);
    let text = s[..start].trim_end_matches(' ');
    (is_clock && start >= 2 && b[start - 2] == b' ' && !text.is_empty()).then_some(text.len())
}

/// A name in capitals alone on its line, the text on the next lines
/// (screenplay style): `JOHN SMITH` / `Well, I think…`. Accepted only for
/// names that recur, and when at least two such names take turns.
fn bare_name_labels(raw: &[&str]) -> std::collections::HashSet<String> {
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut next_has_text = false;
    for l in raw.iter().rev() {
        let t = trim_with(l, |c| is_space(c) || c == '\u{c}');
        if t.is_empty() {
            continue;
        }
        if t.len() > 40 {
            next_has_text = true;
            continue;
        }
        let words = t.split(' ').count();
        let caps = t.chars().any(|c| c.is_alphabetic())
            && !t.chars().any(|c| c.is_lowercase())
            && t.chars()
                .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '\'' | '’' | '-'))
            && t.chars().filter(|c| c.is_alphabetic()).count() >= 2;
        let candidate = caps && words <= 4 && t.len() <= 40 && !t.ends_with('.')
            || caps && t.ends_with('.') && words >= 2 && t.len() <= 40;
        if candidate && next_has_text {
            *counts.entry(t).or_default() += 1;
        }
        next_has_text = !candidate;
    }
    let names: std::collections::HashSet<String> = counts
        .into_iter()
        .filter(|(_, c)| *c >= 2)
        .map(|(n, _)| n.to_string())
        .collect();
    if names.len() >= 2 || names.iter().any(|n| generic_role(n).is_some()) {
        names
    } else {
        Default::default()
    }
}

/// Markdown escapes (`\[`, `\_`) as scrapers leave them.
fn unescape_markdown(s: &str) -> std::borrow::Cow<'_, str> {
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

fn is_page_number_line(t: &str) -> bool {
    let t = trim_with(t, |c| is_space(c) || c == '-' || c == '–' || c == '—');
    if t.len() > 24 {
        return false;
    }
    if !t.is_empty() && t.len() <= 4 && t.bytes().all(|c| c.is_ascii_digit()) {
        return true;
    }
    // Only ASCII letters lower-case to `page `: anything else fails here without
    // building the lower-case copy.
    if !t
        .as_bytes()
        .get(..5)
        .is_some_and(|p| p.eq_ignore_ascii_case(b"page "))
    {
        return false;
    }
    let lower = t.to_lowercase();
    if let Some(rest) = lower.strip_prefix("page ") {
        let mut parts = rest.split(" of ");
        let a = parts.next().unwrap_or("");
        let b = parts.next();
        return !a.is_empty()
            && a.bytes().all(|c| c.is_ascii_digit())
            && b.is_none_or(|b| !b.is_empty() && b.trim().bytes().all(|c| c.is_ascii_digit()));
    }
    false
}

/// [`is_page_number_line`] of `t`, reusing `known`, the answer for a slice
/// of the same line, when that slice is `t` itself (same start, same length):
/// the main loop of [`split_lines`] trims a line differently from the first
/// pass only when it had a line number or a form feed before a space.
fn page_number_of(t: &str, known: (&str, bool)) -> bool {
    if std::ptr::eq(t.as_ptr(), known.0.as_ptr()) && t.len() == known.0.len() {
        known.1
    } else {
        is_page_number_line(t)
    }
}

/// Digits → `#`, spaces folded: page headers differ only by their numbers.
fn page_key(t: &str) -> String {
    fold_spaces(
        &t.chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect::<String>(),
    )
    .into_owned()
}

/// PDF line numbers: most non-blank lines start with a small number that
/// counts up (1, 2, 3… restarting on each page).
fn has_line_numbers(raw: &[&str]) -> bool {
    let mut numbered = 0usize;
    let mut sequential = 0usize;
    let mut nonblank = 0usize;
    let mut prev: Option<u32> = None;
    for l in raw {
        let t = trim_start_with(l, is_space);
        if t.is_empty() {
            continue;
        }
        nonblank += 1;
        let digits = &t[..t.bytes().take_while(u8::is_ascii_digit).count()];
        let after = t[digits.len()..].chars().next();
        if !digits.is_empty() && digits.len() <= 2 && after.is_none_or(is_space) {
            let n: u32 = digits.parse().unwrap_or(0);
            numbered += 1;
            if prev.is_some_and(|p| n == p + 1) || n == 1 {
                sequential += 1;
            }
            prev = Some(n);
        }
    }
    nonblank >= 20 && numbered * 10 >= nonblank * 6 && sequential * 10 >= numbered * 8
}

/// Splits the text into cleaned [`Line`]s, recording what it removes in `dropped`.
pub fn split_lines<'a>(text: &'a str, dropped: &mut Vec<DroppedLine>) -> Vec<Line<'a>> {
    let raw = split_newlines(text);
    // Characters most documents never hold, looked for once in the whole text
    // rather than in every line.
    let has_arrow = memchr::memmem::find(text.as_bytes(), b"-->").is_some();
    let has_backslash = memchr::memchr(b'\\', text.as_bytes()).is_some();
    let numbered = has_line_numbers(&raw);
    let heading_labels = bare_name_labels(&raw);
    let TurnEvidence {
        timestamped,
        time_column,
        lower_role_labels: lower_labels,
        dash_names,
        titled_period_labels,
        period_role_labels,
    } = turn_evidence(&raw);

    // Page structure: a form feed (or `Page N of M` footer) separates pages; the
    // lines at the edges of pages that repeat on most pages are running heads.
    let mut page_of = vec![0usize; raw.len()];
    let mut page = 0usize;
    let mut pages_by_footer = 0usize;
    // Each line's answer to `is_page_number_line`, kept for the main loop
    // below: it asks again of the line trimmed its own way, which is the very
    // same slice for nearly every line (see `page_number_of`).
    let mut page_number: Vec<(&str, bool)> = Vec::with_capacity(raw.len());
    for (i, l) in raw.iter().enumerate() {
        if l.starts_with('\u{c}') {
            page += 1;
        }
        page_of[i] = page;
        let t = trim_with(l, |c| is_space(c) || c == '\u{c}');
        let is_number = is_page_number_line(t);
        page_number.push((t, is_number));
        if is_number && l.to_lowercase().contains("page") {
            pages_by_footer += 1;
        }
    }
    let pages = page + 1;
    let mut edge_chrome = vec![false; raw.len()];
    if pages >= 3 || pages_by_footer >= 3 {
        // Candidate lines: the first and last four non-blank lines of each page.
        let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut candidates: Vec<(usize, String)> = Vec::new();
        let mut start = 0;
        while start < raw.len() {
            let mut end = start + 1;
            while end < raw.len() && page_of[end] == page_of[start] {
                end += 1;
            }
            let idx: Vec<usize> = (start..end)
                .filter(|&i| !trim_with(raw[i], |c| is_space(c) || c == '\u{c}').is_empty())
                .collect();
            let mut seen_here = std::collections::HashSet::new();
            for (k, &i) in idx.iter().enumerate() {
                if k < 4 || k + 4 >= idx.len() {
                    let mut t = raw[i].trim_matches(|c: char| is_space(c) || c == '\u{c}');
                    if numbered {
                        t = t
                            .trim_start_matches(|c: char| c.is_ascii_digit())
                            .trim_start_matches(is_space);
                    }
                    if t.chars().count() <= 80 {
                        let key = page_key(t);
                        if seen_here.insert(key.clone()) {
                            *counts.entry(key.clone()).or_default() += 1;
                        }
                        candidates.push((i, key));
                    }
                }
            }
            start = end;
        }
        let page_count = if pages >= 3 { pages } else { pages_by_footer };
        for (i, key) in candidates {
            if counts[&key] * 2 >= page_count && counts[&key] >= 3 && !key.is_empty() {
                edge_chrome[i] = true;
            }
        }
    }

    let mut lines = Vec::with_capacity(raw.len());
    let mut blank_run = 0usize;
    let mut hard_break = false;
    let mut pending_label: Option<String> = None;
    for (i, l) in raw.iter().enumerate() {
        let no = i + 1;
        let mut t: &str = l.trim_start_matches('\u{c}');
        let drop_line = |dropped: &mut Vec<DroppedLine>, reason: &'static str| {
            let shown = fold_spaces(&l.replace('\u{c}', "")).into_owned();
            if !shown.is_empty() {
                dropped.push(DroppedLine {
                    line: no,
                    text: shown,
                    reason,
                });
            }
        };
        if edge_chrome[i] {
            drop_line(dropped, "page header or footer");
            continue;
        }
        if numbered {
            let trimmed = t.trim_start_matches(is_space);
            let digits = trimmed.bytes().take_while(|c| c.is_ascii_digit()).count();
            if digits > 0 && digits <= 2 && trimmed[digits..].chars().next().is_none_or(is_space) {
                t = &trimmed[digits..];
            }
        }
        let trimmed = trim_with(t, is_space);
        if trimmed.is_empty() {
            blank_run += 1;
            continue;
        }
        if page_number_of(trimmed, page_number[i]) {
            drop_line(dropped, "page number");
            continue;
        }
        // Metadata lines of transcript databases: `_page : 3`, `_tape : Tape 1/1`.
        if trimmed.starts_with('_')
            && trimmed[1..].split_once(':').is_some_and(|(k, _)| {
                let k = k.trim_end();
                !k.is_empty() && k.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
            })
        {
            drop_line(dropped, "metadata");
            continue;
        }
        let mut content = trimmed;
        // Subtitle cues (WebVTT, SRT): `00:00:01.000 --> 00:00:04.000` timing lines
        // and `<v Name>` voice tags.
        if has_arrow
            && let Some((a, b)) = split_arrow(content)
            && strip_timestamp(a.trim_end()).is_some_and(str::is_empty)
            && strip_timestamp(b.trim_start()).is_some()
        {
            hard_break = true;
            continue;
        }
        if trimmed == "WEBVTT" || trimmed.starts_with("WEBVTT ") {
            drop_line(dropped, "subtitle header");
            continue;
        }
        // Markdown layout that holds no words: an image (`![Ana Ruiz](a.jpg)`)
        // and a rule (`---`, `***`).
        if trimmed.starts_with("![") && trimmed.ends_with(')') && trimmed.contains("](") {
            drop_line(dropped, "image");
            continue;
        }
        if trimmed.len() >= 3
            && let Some(c) = trimmed.chars().next()
            && matches!(c, '-' | '*' | '_' | '=')
            && trimmed.chars().all(|x| x == c)
        {
            drop_line(dropped, "rule");
            continue;
        }
        if let Some(rest) = content.strip_prefix("<v ")
            && let Some((name, text)) = rest.split_once('>')
        {
            pending_label = Some(fold_spaces(name).into_owned());
            content = text.trim_end_matches("</v>").trim_matches(is_space);
            if content.is_empty() {
                continue;
            }
        }
        // `timestamped` first: most documents have no timestamps, and the
        // look at each line would be thrown away.
        if timestamped && let Some(rest) = strip_timestamp(content) {
            hard_break = true;
            if rest.is_empty() {
                continue;
            }
            content = rest;
        }
        if timestamped && let Some(name) = trailing_timestamp_label(content) {
            pending_label = Some(name);
            hard_break = true;
            continue;
        }
        if time_column && let Some(end) = trailing_clock(content) {
            content = &content[..end];
        }
        if !heading_labels.is_empty() && heading_labels.contains(content) {
            pending_label = Some(content.to_string());
            hard_break = true;
            continue;
        }
        // Closed-caption and chat transcripts mark turns with `>>`.
        if let Some(rest) = content.strip_prefix(">>") {
            content = rest.trim_start_matches(is_space);
            hard_break = true;
            if content.is_empty() {
                continue;
            }
        } else if let Some(rest) = content.strip_prefix("> ") {
            // An e-mailed interview quotes the questions: `> What made you…?`.
            content = rest.trim_start_matches(is_space);
        }
        let unescaped = if has_backslash {
            unescape_markdown(content)
        } else {
            Cow::Borrowed(content)
        };
        let emphasized = markdown_text(&unescaped);
        let emphasis = match emphasized {
            Some(_) if unescaped.starts_with("**") || unescaped.starts_with("__") => Emphasis::Bold,
            Some(_) if unescaped.starts_with(['*', '_']) => Emphasis::Italic,
            _ => Emphasis::None,
        };
        let unescaped = match emphasized {
            None => unescaped,
            Some(range) => match unescaped {
                Cow::Borrowed(b) => Cow::Borrowed(&b[range]),
                Cow::Owned(o) => Cow::Owned(o[range].to_string()),
            },
        };
        // Labels that count only where the document shows them taking
        // turns (see `TurnEvidence`), tried when the line has no other marker.
        let (mut marker, off, alone) = match detect_marker(&unescaped) {
            (Marker::None, ..) => {
                let u: &str = &unescaped;
                let evidenced = lower_labels
                    .then(|| lower_role_label(u).map(|(name, _, off)| (name, off)))
                    .flatten()
                    .or_else(|| period_role_labels.then(|| period_role_label(u)).flatten())
                    .or_else(|| {
                        titled_period_labels
                            .then(|| period_label(u, true))
                            .flatten()
                    })
                    .or_else(|| {
                        (!dash_names.is_empty())
                            .then(|| dash_label(u).filter(|(name, _)| dash_names.contains(name)))
                            .flatten()
                    });
                match evidenced {
                    Some((name, off)) => label_at(name, u, off),
                    None => (Marker::None, 0, false),
                }
            }
            found => found,
        };
        if alone && let Marker::Label(name) = marker {
            pending_label = Some(name);
            hard_break = true;
            continue;
        }
        // Most lines have no marker: their empty prefix needs no folding.
        let (mut text, mut prefix): (Cow<'a, str>, Cow<'a, str>) = match &unescaped {
            Cow::Borrowed(u) if off == 0 => (fold_spaces(u), Cow::Borrowed("")),
            Cow::Borrowed(u) => (fold_spaces(&u[off..]), fold_spaces(&u[..off])),
            Cow::Owned(u) => (
                Cow::Owned(fold_spaces(&u[off..]).into_owned()),
                Cow::Owned(fold_spaces(&u[..off]).into_owned()),
            ),
        };
        if let Some(name) = pending_label.take() {
            if marker == Marker::None {
                prefix = Cow::Owned(format!("{name}:"));
                marker = Marker::Label(name);
            } else {
                // The label line is followed by a marked line: keep the label as text.
                text = Cow::Owned(format!("{name}: {text}"));
            }
        }
        let layout_len = char_count(trim_end_with(l, is_space));
        // `Q: How long…? A: About eleven years.`: the answer on the
        // question's line becomes a line of its own.
        let answer = match &marker {
            Marker::Label(q) => {
                inline_answer(&text).filter(|_| generic_role(q) == Some(LabelRole::Asks))
            }
            _ => None,
        };
        let answer_line = answer.map(|(end, start, label)| {
            let (question, reply): (Cow<'a, str>, Cow<'a, str>) = match &text {
                Cow::Borrowed(t) => (Cow::Borrowed(&t[..end]), Cow::Borrowed(&t[start..])),
                Cow::Owned(t) => (
                    Cow::Owned(t[..end].to_string()),
                    Cow::Owned(t[start..].to_string()),
                ),
            };
            text = question;
            Line {
                no,
                prefix: Cow::Owned(format!("{label}:")),
                text: reply,
                marker: Marker::Label(label),
                label_alone: false,
                blank_before: 0,
                hard_break_before: false,
                layout_len,
                emphasis: Emphasis::None,
            }
        });
        lines.push(Line {
            no,
            text,
            marker,
            prefix,
            label_alone: false,
            blank_before: blank_run,
            hard_break_before: hard_break,
            layout_len,
            emphasis,
        });
        lines.extend(answer_line);
        blank_run = 0;
        hard_break = false;
    }
    if let Some(name) = pending_label {
        // A label with nothing after it: keep it visible.
        lines.push(Line {
            no: raw.len(),
            text: Cow::Owned(format!("{name}:")),
            marker: Marker::None,
            prefix: Cow::Borrowed(""),
            label_alone: true,
            blank_before: blank_run,
            hard_break_before: true,
            layout_len: name.len() + 1,
            emphasis: Emphasis::None,
        });
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Any space character other than U+0020.
    fn has_unicode_space(t: &str) -> bool {
        t.chars().any(|c| c != ' ' && is_space(c))
    }

    /// What `fold_spaces` computed before its fast paths: the reference.
    fn fold_spaces_naive(s: &str) -> String {
        s.split(is_space)
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    proptest! {
        #[test]
        fn trim_with_is_trim_matches(s in "[ \u{a0}\u{3000}\u{c}aé问]{0,12}") {
            prop_assert_eq!(trim_with(&s, is_space), s.trim_matches(is_space));
            let space_or_ff = |c: char| is_space(c) || c == '\u{c}';
            prop_assert_eq!(trim_with(&s, space_or_ff), s.trim_matches(space_or_ff));
        }

        #[test]
        fn fold_spaces_matches_the_naive_fold(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![" ", "  ", "a", "bc", "\u{a0}", "\u{2009}", "\u{3000}", "é", "—", "\u{c}", "-", "xyzw"]),
                0..40,
            )
        ) {
            let s: String = parts.concat();
            let folded = fold_spaces(&s);
            prop_assert_eq!(&*folded, fold_spaces_naive(&s));
            // Borrowed exactly when nothing had to change but the trimming.
            prop_assert_eq!(
                matches!(folded, Cow::Borrowed(_)),
                !s.trim_matches(is_space).contains("  ") && !has_unicode_space(s.trim_matches(is_space))
            );
        }
    }

    proptest! {
        #[test]
        fn newline_split_and_char_count_match_std(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["\n", "a", "é", "—", "\n\n", "xyz", "😀"]),
                0..80,
            )
        ) {
            let s: String = parts.concat();
            prop_assert_eq!(split_newlines(&s), s.split('\n').collect::<Vec<_>>());
            prop_assert_eq!(char_count(&s), s.chars().count());
        }
    }

    proptest! {
        #[test]
        fn page_number_reuse_matches_asking_again(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["\u{c}", " ", "12", "3", "Page ", "page 4 of 9", "x", "-", "\u{a0}"]),
                0..10,
            )
        ) {
            // Trimmed the two ways `split_lines` does: reused only when the slices agree.
            let l: String = parts.concat();
            let first = trim_with(&l, |c| is_space(c) || c == '\u{c}');
            let main = trim_with(l.trim_start_matches('\u{c}'), is_space);
            let known = (first, is_page_number_line(first));
            prop_assert_eq!(page_number_of(main, known), is_page_number_line(main));
        }
    }

    #[test]
    fn space_len_agrees_with_is_space() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = format!("{c}x");
            let want = if is_space(c) { c.len_utf8() } else { 0 };
            assert_eq!(space_len(s.as_bytes(), 0), want, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn spaces_folded_across_eight_byte_words() {
        for at in 1..20 {
            for run in ["  ", " \u{a0}", "\u{a0} ", "\u{a0}", "\u{3000}", "   "] {
                let mut s = "x".repeat(24);
                s.replace_range(at..at + 1, run);
                let want = format!("{} {}", "x".repeat(at), "x".repeat(23 - at));
                assert_eq!(fold_spaces(&s), want, "{at} {run:?}");
            }
            let mut s = "x".repeat(24);
            s.replace_range(at..at + 1, " ");
            assert!(matches!(fold_spaces(&s), Cow::Borrowed(_)), "{at}");
        }
        assert!(matches!(
            fold_spaces("a b c d e f g h i j k l m n o p — “é”"),
            Cow::Borrowed(_)
        ));
    }

    fn marker(s: &str) -> (Marker, String) {
        let (m, off, _) = detect_marker(s);
        (m, s[off..].trim().to_string())
    }

    #[test]
    fn dash_markers() {
        assert_eq!(marker("- Hello").0, Marker::Dash);
        assert_eq!(marker("— Hello").0, Marker::Dash);
        assert_eq!(marker("—\u{a0}Hello").0, Marker::Dash);
        assert_eq!(marker("—Hello").0, Marker::Dash);
        assert_eq!(marker("-5 degrees").0, Marker::None);
        assert_eq!(marker("-Hello").0, Marker::None);
        assert_eq!(marker("—¿Cuándo?"), (Marker::Dash, "¿Cuándo?".into()));
        assert_eq!(marker("-¡Claro!"), (Marker::Dash, "¡Claro!".into()));
    }

    #[test]
    fn period_labels_with_titles_and_capitals() {
        for (line, name) in [
            ("CHAIR POWELL. Good afternoon.", "CHAIR POWELL"),
            ("MR. SMITH. Thank you.", "MR. SMITH"),
        ] {
            assert_eq!(
                marker(line),
                (
                    Marker::Label(name.into()),
                    line[name.len() + 1..].trim().into()
                )
            );
        }
        // Titles before the capitals only where the caller allows them.
        for (line, name) in [
            (
                "Senator GRASSLEY. Thank you, Mr. Chairman.",
                "Senator GRASSLEY",
            ),
            (
                "Ms. JACKSON LEE. Will the maps be public?",
                "Ms. JACKSON LEE",
            ),
            (
                "The CHAIRMAN. The committee will come to order.",
                "The CHAIRMAN",
            ),
        ] {
            assert_eq!(marker(line).0, Marker::None, "{line}");
            assert_eq!(
                period_label(line, true),
                Some((name.to_string(), name.len() + 1))
            );
        }
        for prose in [
            "Mr. Smith went to Washington. He stayed.",
            "The committee. Then the vote.",
            "Senator. That is what he was.",
            "I. Introduction",
            "US. The rest",
            "U.S. GDP. It grew.",
        ] {
            assert_eq!(marker(prose).0, Marker::None, "{prose}");
            assert_eq!(period_label(prose, true), None, "{prose}");
        }
        // Select committee evidence numbers its questions before the name.
        assert_eq!(marker("Q12 Chair: Why?").0, Marker::Label("Chair".into()));
        assert_eq!(
            marker("Q3 Mr Smith: And?").0,
            Marker::Label("Mr Smith".into())
        );
    }

    #[test]
    fn numbered_q_and_a_markers() {
        assert_eq!(
            marker("Q1) Why?"),
            (Marker::Label("Q".into()), "Why?".into())
        );
        assert_eq!(
            marker("A12) Because."),
            (Marker::Label("A".into()), "Because.".into())
        );
        assert_eq!(marker("A1.5 percent").0, Marker::None);
        assert_eq!(
            marker("Q4. Do you think the wave is cresting?").0,
            Marker::None
        );
        assert_eq!(marker("A) the first option").0, Marker::None);
        assert_eq!(marker("Q1.Why").0, Marker::None);
    }

    #[test]
    fn label_markers() {
        assert_eq!(
            marker("Q:  What?"),
            (Marker::Label("Q".into()), "What?".into())
        );
        assert_eq!(
            marker("Q    Thank you."),
            (Marker::Label("Q".into()), "Thank you.".into())
        );
        assert_eq!(
            marker("Q\u{a0}\u{a0} Thank you.").0,
            Marker::Label("Q".into())
        );
        assert_eq!(marker("Question: Why?").0, Marker::Label("Question".into()));
        assert_eq!(
            marker("MS. PSAKI:  Good afternoon.").0,
            Marker::Label("MS. PSAKI".into())
        );
        assert_eq!(
            marker("President of Russia Vladimir Putin: Yes.").0,
            Marker::Label("President of Russia Vladimir Putin".into())
        );
        assert_eq!(
            marker("Jörg Schönenborn (retranslated): Good evening").0,
            Marker::Label("Jörg Schönenborn".into())
        );
        assert_eq!(
            marker("CHAIR POWELL. Good afternoon.").0,
            Marker::Label("CHAIR POWELL".into())
        );
        assert_eq!(marker("Speaker 1: hi").0, Marker::Label("Speaker 1".into()));
        assert_eq!(marker("Вопрос: Как?").0, Marker::Label("Вопрос".into()));
        assert_eq!(
            marker("**Q:** Why?"),
            (Marker::Label("Q".into()), "Why?".into())
        );
        assert_eq!(
            marker("**Jane Doe:** I see."),
            (Marker::Label("Jane Doe".into()), "I see.".into())
        );
        assert_eq!(marker("P1: I work nights.").0, Marker::Label("P1".into()));
        assert_eq!(marker("**Bold claim** is here").0, Marker::None);
        // Not labels.
        assert_eq!(marker("At 12:30 we met").0, Marker::None);
        assert_eq!(
            marker("The reasons are clear: we must act.").0,
            Marker::None
        );
        assert_eq!(marker("See http://example.com").0, Marker::None);
        assert_eq!(marker("U.S. officials said").0, Marker::None);
        assert_eq!(marker("OK. Fine.").0, Marker::None);
        assert_eq!(marker("Question of the day").0, Marker::None);
    }

    #[test]
    fn timestamps_are_stripped() {
        assert_eq!(strip_timestamp("[00:12:31] Hello"), Some("Hello"));
        assert_eq!(strip_timestamp("(00:12) Hello"), Some("Hello"));
        assert_eq!(strip_timestamp("00:12:31 - Hello"), Some("Hello"));
        assert_eq!(strip_timestamp("[-00:00:00:03]"), Some(""));
        assert_eq!(strip_timestamp("12 apples"), None);
        assert_eq!(strip_timestamp("1:03 P.M. EST"), Some("P.M. EST"));
        assert_eq!(
            trailing_timestamp_label("Jane Doe  0:03"),
            Some("Jane Doe".into())
        );
        assert_eq!(trailing_timestamp_label("We met at 10:30"), None);
    }

    #[test]
    fn line_numbers_and_page_chrome_dropped() {
        let mut text = String::new();
        for page in 1..=4 {
            text.push_str("\u{c}            Official\n\n");
            for n in 1..=10 {
                let words = [
                    "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
                    "india", "juliet",
                ];
                text.push_str(&format!(
                    "{n}    {} speaks on page {}\n\n",
                    words[n - 1],
                    words[page]
                ));
            }
            text.push_str(&format!(
                "                {page}\n       Alderson Reporting Company\n"
            ));
        }
        let mut dropped = Vec::new();
        let lines = split_lines(&text, &mut dropped);
        assert_eq!(lines.len(), 40);
        assert_eq!(lines[0].text, "alpha speaks on page bravo");
        assert!(dropped.iter().any(|d| d.text == "Official"));
        assert!(
            dropped
                .iter()
                .any(|d| d.text == "Alderson Reporting Company")
        );
        assert!(lines.iter().all(|l| !l.text.contains("Official")));
    }

    #[test]
    fn label_alone_applies_to_next_line() {
        let mut dropped = Vec::new();
        let lines = split_lines("MR. SMITH:\nI agree with that.\n", &mut dropped);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].marker, Marker::Label("MR. SMITH".into()));
        assert_eq!(lines[0].text, "I agree with that.");
    }

    #[test]
    fn metadata_lines_dropped() {
        let mut dropped = Vec::new();
        let lines = split_lines(
            "[00:00:01:02]\n_page : 3\nCC: Roger.\n[00:00:01:05]\nP: Go.\n[00:00:01:09]\nCC: Copy.\n",
            &mut dropped,
        );
        assert_eq!(lines.len(), 3);
        assert!(lines[0].hard_break_before);
        assert_eq!(dropped[0].reason, "metadata");
    }

    #[test]
    fn markdown_wrapping_a_whole_line_is_layout() {
        let text = |s: &'static str| markdown_text(s).map(|r| &s[r]);
        assert_eq!(
            text("**What drew you to it?**"),
            Some("What drew you to it?")
        );
        assert_eq!(text("__Why?__"), Some("Why?"));
        assert_eq!(text("*An aside.*"), Some("An aside."));
        assert_eq!(
            text("## Ten minutes with the architect ##"),
            Some("Ten minutes with the architect")
        );
        assert_eq!(text("# "), Some(""));
        // Not whole-line emphasis, or not Markdown at all.
        assert_eq!(text("**Jane:** Hello **world**"), None);
        assert_eq!(text("**Jane:** well"), None);
        assert_eq!(text("* item *"), None);
        assert_eq!(text("#MeToo was everywhere"), None);
        assert_eq!(text("**"), None);
        assert_eq!(text("_x_y_"), None);
    }
}
