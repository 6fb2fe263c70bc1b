//! Segmentation: paragraphs → turns → question→answer pairs.
//!
//! Owns the decision of the dialogue format from evidence across the whole
//! document (which markers recur, which speakers ask and which answer), list
//! items inside answers, a question and its answer written on one line, and
//! the rule that greetings and thanks are not questions.

// Speaker names are hashed for every labelled paragraph: a fast hash (no
// iteration order is relied on, as with the standard randomly seeded one).
use foldhash::{HashMap, HashMapExt};

use super::lines::{Emphasis, LabelRole, Marker, generic_role};
use super::paragraphs::Para;
use super::scan::word_count;
use crate::model::{
    DocKind, Format, FormatScore, LineRange, Pair, Paragraph, TurnMark, TurnRole, Why,
};

/// What segmentation hands to the metadata step.
#[derive(Debug, Default)]
pub struct Segmented<'a> {
    pub kind: Option<DocKind>,
    /// The format the turns were read in (`Article` when none was found).
    pub format: Format,
    /// Every detector's verdict, in the order they were tried.
    pub scores: Vec<FormatScore>,
    /// Paragraphs before the first turn (all paragraphs of an article).
    pub header: Vec<Para<'a>>,
    /// Turns said before the first question (opening statements).
    pub opening: Vec<Paragraph>,
    pub pairs: Vec<Pair>,
    pub speakers: Vec<String>,
    /// The speaker who answers most, when turns are labelled.
    pub main_answerer: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Every turn opens a question (unless it is only a greeting).
    Ask,
    /// Gives the floor; opens a question only when it asks one.
    Facilitate,
    Answer,
}

#[derive(Debug)]
struct Turn {
    role: Role,
    speaker: Option<String>,
    paras: Vec<Paragraph>,
    /// Some paragraph asks a real question (see [`asks`]); noted as the turn
    /// is built, where the paragraphs are looked at anyway.
    asks: bool,
}

fn has_question(s: &str) -> bool {
    s.contains('?') || s.contains('？')
}

/// Asks a real question: a sentence ending in `?` of four or more words, or a
/// shorter one that is not only a name. `Dr. Fauci?` or `Jen?` hands over the
/// floor; it asks nothing.
pub fn asks(s: &str) -> bool {
    // Only the text before each question mark matters: walk back from it
    // over the words of its sentence.
    let mut from = 0;
    // The next `?` or full-width `？` (East Asian text, `EF BC 9F`) from
    // `from`, in one scan for both.
    let find = |from: usize| -> Option<usize> {
        let b = s.as_bytes();
        memchr::memchr2_iter(b'?', 0xEF, &b[from..])
            .map(|i| i + from)
            .find(|&i| b[i] == b'?' || b[i..].starts_with("？".as_bytes()))
    };
    let lowercase_word = |w: &str| {
        w.chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(|c| c.is_lowercase())
    };
    while let Some(q) = find(from) {
        let mut words = 1;
        // A short question is still one when it is not only a name: `Since when?`, `Really?`.
        let mut lower = s[..q].rsplit(' ').next().is_some_and(lowercase_word);
        for w in s[..q].rsplit(' ').skip(1) {
            let end = w.trim_end_matches(['"', '”', '»', '’', ')']);
            if end.ends_with(['.', '!', '?', '？', '…']) && !is_abbreviation(end) {
                break;
            }
            if !w.is_empty() {
                words += 1;
                lower |= lowercase_word(w);
            }
            if words >= 4 {
                return true;
            }
        }
        if lower && !s[..q].trim_end().is_empty() {
            return true;
        }
        from = q + '?'.len_utf8().min(s.len() - q);
        while !s.is_char_boundary(from) {
            from += 1;
        }
    }
    false
}

/// `Mr.`, `Dr.`, `U.S.`: a period that does not end a sentence.
pub fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_start_matches(['(', '"', '“', '«']);
    let core = w.trim_end_matches('.');
    if core.is_empty() {
        return false;
    }
    // Initials and dotted acronyms: `J.`, `U.S.`, `a.m.`
    if core.chars().count() == 1 || core.split('.').all(|p| p.chars().count() == 1) {
        return true;
    }
    matches!(
        core.to_lowercase().as_str(),
        "mr" | "mrs"
            | "ms"
            | "dr"
            | "st"
            | "jr"
            | "sr"
            | "prof"
            | "gen"
            | "col"
            | "lt"
            | "sgt"
            | "capt"
            | "gov"
            | "sen"
            | "rep"
            | "rev"
            | "hon"
            | "no"
            | "vs"
            | "etc"
            | "e.g"
            | "i.e"
            | "approx"
            | "inc"
            | "ltd"
            | "co"
            | "corp"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "fig"
            | "vol"
            | "pp"
            | "ch"
            | "art"
            | "г"
            | "гг"
            | "т"
            | "д"
            | "им"
            | "тыс"
            | "млн"
            | "млрд"
            | "ул"
    )
}

fn ends_question(s: &str) -> bool {
    s.trim_end_matches(['"', '”', '»', '’', ')', ' ', '*'])
        .ends_with(['?', '？'])
}

/// Words that make a greeting, thanks or goodbye (lower case).
fn greeting_word(w: &str) -> bool {
    matches!(
        w,
        "thank"
            | "thanks"
            | "hello"
            | "hi"
            | "goodbye"
            | "bye"
            | "welcome"
            | "morning"
            | "afternoon"
            | "evening"
            | "pleasure"
            | "appreciate"
            | "спасибо"
            | "благодарю"
            | "здравствуйте"
            | "добрый"
            | "привет"
            | "пожалуйста"
            | "до"
    )
}

/// Words a greeting may hold besides its key words and up to three others (lower case).
fn greeting_filler(w: &str) -> bool {
    matches!(
        w,
        "you"
            | "very"
            | "much"
            | "so"
            | "a"
            | "lot"
            | "for"
            | "the"
            | "and"
            | "everyone"
            | "everybody"
            | "all"
            | "sir"
            | "madam"
            | "mr"
            | "mrs"
            | "ms"
            | "dr"
            | "president"
            | "please"
            | "great"
            | "nice"
            | "to"
            | "see"
            | "it"
            | "good"
            | "again"
            | "my"
            | "is"
            | "was"
            | "our"
            | "your"
            | "too"
            | "same"
            | "also"
            | "i"
            | "we"
            | "time"
            | "having"
            | "me"
            | "us"
            | "here"
            | "being"
            | "joining"
            | "talking"
            | "with"
            | "this"
            | "that"
            | "oh"
            | "well"
            | "okay"
            | "ok"
            | "yes"
            | "of"
            | "course"
            | "вам"
            | "вас"
            | "день"
            | "вечер"
            | "утро"
            | "большое"
            | "свидания"
            | "и"
            | "тоже"
    )
}

/// Greetings, thanks and goodbyes: said between the asker and the answerer, but not a question.
pub fn is_greeting(text: &str) -> bool {
    // At most fourteen words: anything longer says more than hello.
    if text.len() > 160 || has_question(text) {
        return false;
    }
    let (mut words, mut key, mut other) = (0usize, 0usize, 0usize);
    let mut buf = [0u8; 16];
    for w in text
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
    {
        words += 1;
        // Lower-cased on the stack when ASCII (longer ASCII words are in neither list).
        let lower: std::borrow::Cow<str> = if w.is_ascii() {
            match buf.get_mut(..w.len()) {
                Some(low) => {
                    low.copy_from_slice(w.as_bytes());
                    low.make_ascii_lowercase();
                    std::str::from_utf8(low).expect("ASCII").into()
                }
                None => "".into(),
            }
        } else {
            w.to_lowercase().into()
        };
        if greeting_word(&lower) {
            key += 1;
        } else if !greeting_filler(&lower) {
            other += 1;
        }
        // Each of these alone already makes the answer no.
        if words > 14 || other > 3 {
            return false;
        }
    }
    // Names and a title ("Thank you, Jen", "Thank you, Mr. Secretary") are allowed.
    words > 0 && key >= 1 && other <= 3
}

/// `speaker` is taken by value: the caller moves in a name it owns (the
/// label of the turn's first paragraph) rather than having it copied here.
fn to_paragraph(p: Para, speaker: Option<String>) -> Paragraph {
    Paragraph {
        text: p.text,
        lines: LineRange::new(p.first, p.last),
        speaker,
        list_item: matches!(p.marker, Marker::Bullet),
        turn: None,
    }
}

/// Turns a marker that was not one back into text.
fn demote(p: &mut Para) {
    if !p.prefix.is_empty() && !matches!(p.marker, Marker::None) {
        p.text = if p.text.is_empty() {
            p.prefix.to_string()
        } else {
            format!("{} {}", p.prefix, p.text)
        };
    }
    p.marker = Marker::None;
}

/// A question and its answer on one line: `…this role? - I am…`, `…министров?- Хороший…`.
/// Returns the byte offsets where a new dash turn starts. Never inside parentheses.
fn inline_turn_starts(s: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for (k, &(_, c)) in chars.iter().enumerate() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = (depth - 1).max(0),
            '-' | '–' | '—' if depth == 0 && k > 0 => {
                // Look back over at most one space to sentence-ending punctuation.
                let mut j = k;
                let mut space_before = false;
                if j > 0 && chars[j - 1].1 == ' ' {
                    j -= 1;
                    space_before = true;
                }
                if j == 0 {
                    continue;
                }
                let mut pj = j - 1;
                while pj > 0 && matches!(chars[pj].1, '"' | '”' | '»' | '’') {
                    pj -= 1;
                }
                let before = chars[pj].1;
                let after_space = chars.get(k + 1).is_some_and(|&(_, c)| c == ' ');
                let next = chars
                    .get(k + if after_space { 2 } else { 1 })
                    .map(|&(_, c)| c);
                let next_ok = next.is_some_and(|c| {
                    c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '«' | '“')
                });
                // After a question mark a dash opens the answer; after a full stop only
                // when glued to it (`.- `), the way Russian dialogue is often typed —
                // `Moscow. - RT` inside a sentence has spaces on both sides.
                let opens = match before {
                    '?' | '？' => true,
                    '.' | '!' | '…' => !space_before && after_space,
                    _ => false,
                };
                if opens && next_ok && (after_space || c != '-') {
                    let start = chars
                        .get(k + if after_space { 2 } else { 1 })
                        .map_or(s.len(), |&(i, _)| i);
                    out.push(start);
                }
            }
            _ => {}
        }
    }
    out
}

fn split_inline_turns(paras: Vec<Para>) -> Vec<Para> {
    let mut out = Vec::with_capacity(paras.len());
    for p in paras {
        if matches!(p.marker, Marker::Bullet) {
            out.push(p);
            continue;
        }
        let starts = inline_turn_starts(&p.text);
        if starts.is_empty() {
            out.push(p);
            continue;
        }
        let mut prev = 0;
        let mut marker = p.marker.clone();
        let mut prefix = p.prefix.clone();
        for &st in starts.iter().chain(std::iter::once(&p.text.len())) {
            let piece = p.text[prev..st].trim_end();
            let piece = piece.trim_end_matches(['-', '–', '—']).trim_end();
            if !piece.is_empty() {
                out.push(Para {
                    text: piece.to_string(),
                    first: p.first,
                    last: p.last,
                    marker: std::mem::replace(&mut marker, Marker::Dash),
                    prefix: std::mem::take(&mut prefix),
                    emphasis: Emphasis::None,
                });
            }
            prev = st;
        }
    }
    out
}

/// Dash lines after a line ending in `:` (and items ending in `;`) are list
/// items inside a turn, not new turns.
fn mark_list_runs(paras: &mut [Para]) {
    let mut i = 0;
    while i < paras.len() {
        let opens_list =
            paras[i].text.trim_end().ends_with(':') && !matches!(paras[i].marker, Marker::Label(_));
        if opens_list {
            let mut j = i + 1;
            while j < paras.len() && paras[j].marker == Marker::Dash {
                let t = paras[j].text.trim_end();
                paras[j].marker = Marker::Bullet;
                j += 1;
                // An item that ends a sentence (and not with `;`/`,`) closes the list.
                if !(t.ends_with(';') || t.ends_with(',') || !t.ends_with(['.', '!', '?'])) {
                    break;
                }
                if ends_question(t) {
                    break;
                }
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
}

/// A speaker labelled one way the first time and another way after:
/// `Emma Clarke:` then `Clarke:` (the full name is kept for every turn), or
/// `HOST (JENNA PARK):` or `President of Russia Vladimir Putin:` once, then
/// `JENNA PARK:`, `Vladimir Putin:` (the name used after is kept). Without this
/// the first label, used once, would not count, and its turn would be lost
/// to the preamble.
fn one_name_per_speaker(paras: &mut [Para]) {
    // Decided on borrowed names; only the few renames are owned.
    let (renames, noted) = {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for p in paras.iter() {
            if let Marker::Label(n) = &p.marker {
                *counts.entry(n.as_str()).or_default() += 1;
            }
        }
        let recurring: Vec<&str> = counts
            .iter()
            .filter(|(m, c)| **c >= 2 && generic_role(m).is_none())
            .map(|(m, _)| *m)
            .collect();
        if recurring.is_empty() || !counts.values().any(|&c| c == 1) {
            return;
        }
        let mut renames: Vec<(String, String)> = Vec::new();
        for (&once, _) in counts.iter().filter(|(_, c)| **c == 1) {
            for &m in &recurring {
                let titled = once.len() > m.len() + 1
                    && once.ends_with(m)
                    && once.as_bytes()[once.len() - m.len() - 1] == b' ';
                // A surname alone after the full name: the full name stays.
                if titled && !m.contains(' ') && !renames.iter().any(|(from, _)| from == m) {
                    renames.push((m.to_string(), once.to_string()));
                } else if titled || once.contains(&format!("({m})")) {
                    // `President of Russia Vladimir Putin` once, `Vladimir Putin` after.
                    renames.push((once.to_string(), m.to_string()));
                }
            }
        }
        // `HOST (JENNA PARK):` reads as the role `HOST` with a note: the note
        // names the speaker when it is a name used after.
        let noted: Vec<(usize, String)> = paras
            .iter()
            .enumerate()
            .filter_map(|(i, p)| match &p.marker {
                Marker::Label(n)
                    if counts.get(n.as_str()) == Some(&1) && p.prefix.contains('(') =>
                {
                    recurring
                        .iter()
                        .find(|m| p.prefix.contains(&format!("({m})")))
                        .map(|m| (i, m.to_string()))
                }
                _ => None,
            })
            .collect();
        (renames, noted)
    };
    for (i, p) in paras.iter_mut().enumerate() {
        let Marker::Label(n) = &mut p.marker else {
            continue;
        };
        if let Some((_, to)) = renames.iter().find(|(from, _)| from == n) {
            *n = to.clone();
        } else if let Some((_, m)) = noted.iter().find(|(k, _)| *k == i) {
            *n = m.clone();
        }
    }
}

/// `RACHEL SIEGEL`, `Natalya Yuryeva`, `MR. SMITH`: two to four words, each capitalised.
fn is_name_shaped(label: &str) -> bool {
    let words: Vec<&str> = label.split(' ').collect();
    (2..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
}

/// `AIDE`, `MS. PSAKI`, `PRIME MINISTER MORRISON`: a label in capitals, at
/// least two letters, no lower-case letter, not a role word (`Q`).
fn is_caps_label(label: &str) -> bool {
    label.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !label.chars().any(char::is_lowercase)
        && label.chars().next().is_some_and(char::is_alphabetic)
        && generic_role(label).is_none()
}

/// `Finance Minister Anton Siluanov`, `Governor of Vladimir Region Svetlana
/// Orlova`: a role or place, then a personal name — three to seven words,
/// capitalised but for particles, the last two capitalised, in mixed case,
/// and not opening like a sentence.
fn is_role_and_name(label: &str) -> bool {
    let words: Vec<&str> = label.split(' ').collect();
    let capitalised = |w: &&str| {
        w.chars().next().is_some_and(char::is_uppercase) && w.chars().any(char::is_lowercase)
    };
    (3..=7).contains(&words.len())
        && words[words.len() - 2..].iter().all(capitalised)
        && !SENTENCE_OPENERS.contains(&words[0].to_lowercase().as_str())
}

/// Words that open a sentence or a clause, not a name or a title.
const SENTENCE_OPENERS: &[&str] = &[
    "in", "at", "on", "for", "with", "from", "as", "and", "but", "so", "if", "when", "then",
    "this", "that", "these", "those", "what", "why", "how", "here", "there", "our", "my", "your",
    "we", "i", "it", "the", "a", "an", "to", "by", "after", "before", "during", "all", "some",
    "many", "most", "both", "one", "two", "three", "first", "second", "third", "finally", "note",
    "see", "read", "also",
];

fn is_magazine_question(p: &Para) -> bool {
    p.marker == Marker::None
        && ends_question(&p.text)
        && word_count(&p.text) <= 80
        && !is_greeting(&p.text)
}

/// Turns of recurring speakers that make a text clearly labelled: six is
/// three exchanges, more than a cover sheet or a pair of captions has.
const STRONG_RECURRING_TURNS: usize = 6;
/// Or the floor changing hands this often: labels that take turns.
const STRONG_FLOOR_CHANGES: usize = 4;

/// Labelled turns needed for a text to read as labelled speakers: one
/// labelled line is a caption or a cover-sheet field, two can answer each other.
const MIN_LABEL_TURNS: usize = 2;
/// Dash-opened paragraphs needed for dash turns: a question and its answer.
const MIN_DASH_TURNS: usize = 2;
/// Numbered, emphasised or magazine questions needed: fewer is a list, a
/// pull quote or a rhetorical question in an article.
const MIN_MARKED_QUESTIONS: usize = 3;
/// At most this share of paragraphs may be prompts or magazine questions:
/// each needs an answer under it.
const MAX_QUESTION_SHARE: f32 = 0.5;
/// At most one prompt in five may stand right after another (a run of bold
/// lines is a list of headings, not questions over answers).
const MAX_ADJACENT_PROMPTS: usize = 5;

/// The verdicts of the detectors tried so far; once one passes, the rest
/// are recorded as not tried.
#[derive(Default)]
struct Verdicts(Vec<FormatScore>);

impl Verdicts {
    fn record(
        &mut self,
        format: Format,
        marked: usize,
        total: usize,
        passed: bool,
        evidence: String,
    ) -> bool {
        self.0.push(FormatScore {
            format,
            score: marked as f32 / total.max(1) as f32,
            passed: Some(passed),
            evidence,
        });
        passed
    }

    /// The detectors after `winner` in the order, as not tried.
    fn finish(mut self, winner: Format) -> Vec<FormatScore> {
        for f in DETECTION_ORDER {
            if !self.0.iter().any(|s| s.format == f) {
                self.0.push(FormatScore {
                    format: f,
                    score: 0.0,
                    passed: None,
                    evidence: format!("not tried: {} decided first", winner.as_str()),
                });
            }
        }
        self.0
    }
}

/// The order the detectors are tried in: the most explicit marks first
/// (a label names a speaker; a dash only opens a turn; a `?` may be prose).
const DETECTION_ORDER: [Format; 6] = [
    Format::LabelledSpeakers,
    Format::DashTurns,
    Format::NumberedQuestions,
    Format::EmphasisedPrompts,
    Format::Magazine,
    Format::Article,
];

/// Decides the format and builds the pairs.
pub fn segment(mut paras: Vec<Para>) -> Segmented {
    one_name_per_speaker(&mut paras);
    // Labels count when they recur (or name a role, like `Q` or `Question`).
    // Counted by borrowed name, then read back per paragraph (`counts[i]`), so
    // no name is copied and the paragraphs can be changed below.
    let mut label_counts: HashMap<&str, usize> = HashMap::new();
    for p in &paras {
        if let Marker::Label(n) = &p.marker {
            *label_counts.entry(n.as_str()).or_default() += 1;
        }
    }
    let counts: Vec<usize> = paras
        .iter()
        .map(|p| match &p.marker {
            Marker::Label(n) => label_counts[n.as_str()],
            _ => 0,
        })
        .collect();
    // Once a transcript is clearly labelled, a person who speaks once (a
    // reporter with one question) still gets a label if it looks like a name.
    // Clearly labelled: two recurring speakers with six turns between them,
    // or four with the floor changing hands at every one of four turns or
    // more (a short exchange with a moderator and a guest).
    let recurring_turns = label_counts.values().filter(|&&c| c >= 2).sum::<usize>();
    let floor_changes = {
        let mut labels = paras.iter().filter_map(|p| match &p.marker {
            Marker::Label(n) => Some(n.as_str()),
            _ => None,
        });
        let mut prev = labels.next();
        let mut changes = 0;
        for l in labels {
            changes += usize::from(Some(l) != prev);
            prev = Some(l);
        }
        changes
    };
    let strong_labels = label_counts.values().filter(|&&c| c >= 2).count() >= 2
        && (recurring_turns >= STRONG_RECURRING_TURNS
            || recurring_turns >= 4 && floor_changes >= STRONG_FLOOR_CHANGES);
    let dialogue_starts = counts.iter().position(|&c| c >= 2).unwrap_or(paras.len());
    // …and only if it is shaped like the recurring names (as many words, the
    // same case): `RACHEL SIEGEL` among `CHAIR POWELL`s, not a checklist item
    // `ROTATIONAL HAND CONTROLLER:` among `CC`/`CDR` call signs.
    let recurring: Vec<&str> = label_counts
        .iter()
        .filter(|(n, c)| **c >= 2 && generic_role(n).is_none())
        .map(|(n, _)| *n)
        .collect();
    let words_range = recurring
        .iter()
        .map(|n| n.split(' ').count())
        .fold((usize::MAX, 0), |(lo, hi), w| (lo.min(w), hi.max(w)));
    let all_caps = |n: &str| !n.chars().any(|c| c.is_lowercase());
    let caps_style = recurring.iter().filter(|n| all_caps(n)).count() * 2 >= recurring.len();
    let like_recurring = |n: &str| {
        // A title before a name in capitals (`Ms. JACKSON LEE` among `Mr.
        // NADLER`s, as the Congressional Record writes them) may add a word.
        let titled = !all_caps(n) && n.split(' ').any(|w| w.len() >= 2 && all_caps(w));
        (words_range.0..=words_range.1 + usize::from(titled)).contains(&n.split(' ').count())
            && all_caps(n) == caps_style
    };
    // `Pregunta.` once, then `P.` throughout: a role word spelled out the
    // first time (before its initial's first turn) and shortened after.
    // The recurring one-letter labels, and where each first speaks.
    let initials: Vec<(char, usize)> = label_counts
        .iter()
        .filter(|(m, k)| **k >= 2 && m.chars().count() == 1)
        .filter_map(|(m, _)| {
            let first = paras
                .iter()
                .position(|p| matches!(&p.marker, Marker::Label(l) if l == m))?;
            Some((m.chars().next()?, first))
        })
        .collect();
    let spelled_out_first = |i: usize, n: &str| {
        !initials.is_empty()
            && n.chars().count() > 1
            && n.chars()
                .next()
                .is_some_and(|c| initials.iter().any(|&(d, first)| d == c && i < first))
            && generic_role(n).is_some()
    };
    // `Q:` and `A:` once each and no other label: a pair, however short.
    let roles_of = |role: LabelRole| label_counts.keys().any(|n| generic_role(n) == Some(role));
    let both_roles =
        label_counts.len() == 2 && roles_of(LabelRole::Asks) && roles_of(LabelRole::Answers);
    // (A turn says something: `Interviewer: RM` on a cover sheet does not.)
    let keep_once: Vec<bool> = paras
        .iter()
        .enumerate()
        .map(|(i, p)| {
            matches!(&p.marker, Marker::Label(n)
                if spelled_out_first(i, n) || both_roles && generic_role(n).is_some())
                && word_count(&p.text) >= 3
        })
        .collect();
    // Labels in capitals (`MS. PSAKI:`, `AIDE:`) that take turns: three or
    // more names, or two with one recurring, nearly every name in capitals
    // (role labels such as `Q` aside). Speakers who say
    // one thing (`PRIME MINISTER MORRISON:` between two `PRESIDENT BIDEN:`s,
    // an `AIDE:` calling the last question) are speakers too.
    let caps_turns = {
        let caps = label_counts.keys().filter(|n| is_caps_label(n)).count();
        let named = label_counts
            .keys()
            .filter(|n| generic_role(n).is_none())
            .count();
        let recurring_caps = label_counts
            .iter()
            .any(|(n, &c)| c >= 2 && is_caps_label(n));
        caps * 4 >= named * 3 && (caps >= 3 || caps == 2 && recurring_caps)
    };
    drop(label_counts);
    // A speaker who speaks once, where the text clearly takes turns: a name
    // shaped like the recurring ones, a role (`OPERATOR:`, `Moderator:`), a name after a role
    // (`Finance Minister Anton Siluanov:`), or a label in capitals among
    // labels in capitals — and not the lead-in of a list (a line ending in
    // `:` before it) or a sentence opening (`In Russia and the United States:`).
    // Before the first recurring speaker, a one-off name is a speaker only
    // when another speaker takes the floor right after it (a moderator's
    // opening words), not a byline or a cover-sheet line.
    let labelled_next: Vec<bool> = (0..paras.len())
        .map(|i| {
            paras
                .get(i + 1)
                .is_some_and(|n| matches!(n.marker, Marker::Label(_)))
        })
        .collect();
    let mut after_colon = false;
    for (i, p) in paras.iter_mut().enumerate() {
        let opens_list = after_colon;
        after_colon = p.text.trim_end().ends_with(':');
        if let Marker::Label(n) = &p.marker
            && counts[i] < 2
            && !keep_once[i]
            && !(caps_turns && is_caps_label(n))
            // (`Q    Thanks.` once among speakers in capitals who take turns.)
            && !(caps_turns && generic_role(n).is_some() && word_count(&p.text) >= 3)
            && !(strong_labels
                && !opens_list
                && ((i > dialogue_starts || labelled_next[i] && word_count(&p.text) >= 3)
                    && is_name_shaped(n)
                    && like_recurring(n)
                    || generic_role(n).is_some()
                        && (i > dialogue_starts || caps_style && all_caps(n))
                        && word_count(&p.text) >= 3
                    || caps_style && is_caps_label(n)
                    || !caps_style && is_role_and_name(n)))
        {
            demote(p);
        }
    }
    let label_turns = paras
        .iter()
        .filter(|p| matches!(p.marker, Marker::Label(_)))
        .count();
    let distinct_labels = {
        let mut v: Vec<&str> = paras
            .iter()
            .filter_map(|p| {
                if let Marker::Label(n) = &p.marker {
                    Some(n.as_str())
                } else {
                    None
                }
            })
            .collect();
        v.sort_unstable();
        v.dedup();
        v.len()
    };

    mark_list_runs(&mut paras);
    let dash_lines = paras.iter().filter(|p| p.marker == Marker::Dash).count();

    // Only the interviewer is labelled (`JD: When did you start?`, the
    // answers unlabelled paragraphs): one name whose turns ask and are
    // followed by unlabelled text.
    let sole_asker = distinct_labels == 1 && label_turns >= 3 && {
        let (mut asking, mut answered) = (0, 0);
        for (i, p) in paras.iter().enumerate() {
            if matches!(p.marker, Marker::Label(_)) {
                asking += usize::from(asks(&p.text));
                answered += usize::from(paras.get(i + 1).is_some_and(|n| n.marker == Marker::None));
            }
        }
        asking * 3 >= label_turns * 2 && answered * 3 >= label_turns * 2
    };
    let role_label = paras
        .iter()
        .any(|p| matches!(&p.marker, Marker::Label(n) if generic_role(n).is_some()));
    let labelled = label_turns >= MIN_LABEL_TURNS
        && label_turns >= dash_lines
        && (distinct_labels >= 2 || sole_asker || role_label);
    let mut verdicts = Verdicts::default();
    let total = paras.len();
    if verdicts.record(
        Format::LabelledSpeakers,
        label_turns,
        total,
        labelled,
        format!(
            "{label_turns} labelled turns by {distinct_labels} speakers{}{}, {dash_lines} dash turns; needs {MIN_LABEL_TURNS}+ turns, no fewer than the dash turns, and two speakers, a role label or a lone interviewer",
            if role_label { ", role labels" } else { "" },
            if sole_asker { ", one interviewer" } else { "" },
        ),
    ) {
        // Dashes in a labelled transcript are list items or prose.
        for p in &mut paras {
            if p.marker == Marker::Dash {
                p.marker = Marker::Bullet;
            }
        }
        return with_verdicts(segment_labelled(paras), verdicts);
    }
    for p in &mut paras {
        if matches!(p.marker, Marker::Label(_)) {
            demote(p);
        }
    }
    if verdicts.record(
        Format::DashTurns,
        dash_lines,
        total,
        dash_lines >= MIN_DASH_TURNS,
        format!("{dash_lines} paragraphs open with a dash; needs {MIN_DASH_TURNS}+"),
    ) {
        let paras = split_inline_turns(paras);
        let mut paras = paras;
        mark_list_runs(&mut paras);
        if dashes_mark_questions_only(&paras) {
            if let Some(v) = verdicts.0.last_mut() {
                v.evidence.push_str(
                    "; only the questions are dashed (short, asking, each over a plain answer)",
                );
            }
            let seg =
                segment_questions(Format::DashedQuestions, paras, |p| p.marker == Marker::Dash);
            return with_verdicts(seg, verdicts);
        }
        return with_verdicts(segment_dashes(paras), verdicts);
    }
    // Numbered questions (`1. What made you…?`, `2. The library cut…`), each
    // over its answer: the numbers count up from one, and no two numbered
    // paragraphs stand together (a numbered list inside an answer does).
    let numbered = numbered_questions(&paras);
    let numbered_count = numbered
        .as_ref()
        .map_or(0, |n| n.iter().filter(|x| x.is_some()).count());
    verdicts.record(
        Format::NumberedQuestions,
        numbered_count,
        total,
        numbered.is_some(),
        format!(
            "{numbered_count} paragraphs numbered 1, 2, 3… in turn, none beside another; needs {MIN_MARKED_QUESTIONS}+"
        ),
    );
    if let Some(numbered) = numbered {
        for (p, n) in paras.iter_mut().zip(&numbered) {
            if let Some(len) = *n {
                p.text.replace_range(..len, "");
            }
        }
        let flags: Vec<bool> = numbered.iter().map(Option::is_some).collect();
        return with_verdicts(
            segment_flagged(Format::NumberedQuestions, paras, &flags),
            verdicts,
        );
    }
    // Prompts in bold (`**Your first restaurant closed after fourteen
    // months**`), or else in italics, each over its plain answer, whether or
    // not they end in `?`. (Bold first: italics also set a byline, a
    // caption, an editor's note apart.)
    let mut emphasis_evidence = Vec::new();
    let mut best_prompts = 0;
    for style in [Emphasis::Bold, Emphasis::Italic] {
        let prompted: Vec<bool> = paras
            .iter()
            .map(|p| p.emphasis == style && p.marker == Marker::None && word_count(&p.text) <= 80)
            .collect();
        let prompts = (0..paras.len())
            .filter(|&i| {
                prompted[i]
                    && paras
                        .get(i + 1)
                        .is_some_and(|n| n.emphasis == Emphasis::None)
            })
            .count();
        let adjacent = prompted.windows(2).filter(|w| w[0] && w[1]).count();
        // Captions in italics through an article are no prompts: these ask.
        let asking = (0..paras.len())
            .filter(|&i| prompted[i] && asks(&paras[i].text))
            .count();
        let asks_enough = style == Emphasis::Bold || asking * 2 >= prompts;
        let passed = prompts >= MIN_MARKED_QUESTIONS
            && adjacent * MAX_ADJACENT_PROMPTS <= prompts
            && prompts as f32 <= paras.len() as f32 * MAX_QUESTION_SHARE
            && asks_enough;
        best_prompts = best_prompts.max(prompts);
        emphasis_evidence.push(format!(
            "{prompts} {} prompts over plain paragraphs ({adjacent} side by side, {asking} asking)",
            if style == Emphasis::Bold {
                "bold"
            } else {
                "italic"
            }
        ));
        if passed {
            verdicts.record(
                Format::EmphasisedPrompts,
                prompts,
                total,
                true,
                emphasis_evidence.join("; "),
            );
            return with_verdicts(
                segment_flagged(Format::EmphasisedPrompts, paras, &prompted),
                verdicts,
            );
        }
    }
    verdicts.record(
        Format::EmphasisedPrompts,
        best_prompts,
        total,
        false,
        format!(
            "{}; needs {MIN_MARKED_QUESTIONS}+, at most 1 in {MAX_ADJACENT_PROMPTS} side by side, at most half the paragraphs (italics: half of them asking)",
            emphasis_evidence.join("; ")
        ),
    );
    // Magazine style: questions as short paragraphs of their own, ending in `?`.
    let questions = paras
        .iter()
        .enumerate()
        .filter(|(i, p)| {
            is_magazine_question(p) && paras.get(i + 1).is_some_and(|n| !is_magazine_question(n))
        })
        .count();
    if verdicts.record(
        Format::Magazine,
        questions,
        total,
        questions >= MIN_MARKED_QUESTIONS && questions as f32 <= paras.len() as f32 * MAX_QUESTION_SHARE,
        format!(
            "{questions} short paragraphs ending in ? over a longer one; needs {MIN_MARKED_QUESTIONS}+ and at most half the paragraphs"
        ),
    ) {
        return with_verdicts(segment_magazine(paras), verdicts);
    }
    for p in &mut paras {
        if p.marker == Marker::Dash {
            demote(p);
        }
    }
    verdicts.record(
        Format::Article,
        total,
        total,
        true,
        "no detector passed: prose".to_string(),
    );
    Segmented {
        kind: Some(DocKind::Article),
        scores: verdicts.finish(Format::Article),
        header: paras,
        ..Default::default()
    }
}

/// Keeps the detectors' verdicts on what a detector's format made of the
/// text; a format that found no pair after all is noted as such.
fn with_verdicts(mut seg: Segmented, verdicts: Verdicts) -> Segmented {
    let winner = verdicts.0.last().map_or(Format::Article, |v| v.format);
    let mut scores = verdicts.finish(winner);
    if seg.format != winner
        && let Some(v) = scores.iter_mut().find(|v| v.format == winner)
    {
        v.evidence.push_str(&format!(
            "; but no question was asked: read as {}",
            seg.format.as_str()
        ));
    }
    seg.scores = scores;
    seg
}

/// `――まず…`: Japanese interviews set the questions off with a dash and
/// the answers not at all. Told from dialogue where both sides take dashes
/// by the shape: no two dashed paragraphs in a row, a plain one after nearly
/// every dashed one, and the dashed ones short beside the plain ones.
fn dashes_mark_questions_only(paras: &[Para]) -> bool {
    let (mut dashed, mut consecutive, mut answered, mut dashed_asking) = (0, 0, 0, 0);
    let (mut dashed_len, mut plain_len, mut plain) = (0, 0, 0);
    for (i, p) in paras.iter().enumerate() {
        if p.marker == Marker::Dash {
            dashed += 1;
            dashed_len += p.text.chars().count();
            dashed_asking += usize::from(ends_question(&p.text) || ends_japanese_question(&p.text));
            match paras.get(i + 1).map(|n| &n.marker) {
                Some(Marker::Dash) => consecutive += 1,
                Some(Marker::None) => answered += 1,
                _ => {}
            }
        } else if p.marker == Marker::None && i > 0 {
            plain += 1;
            plain_len += p.text.chars().count();
        }
    }
    dashed >= 3
        && consecutive * 5 <= dashed
        && answered * 3 >= dashed * 2
        && plain > 0
        // Dashed paragraphs a third shorter than plain ones, or more, or
        // nearly all asking: where both sides take dashes, half of them
        // answer, and they are as long as the plain ones (the further
        // paragraphs of an answer).
        && (dashed_len * plain * 3 <= plain_len * dashed * 2 || dashed_asking * 4 >= dashed * 3)
}

/// `…いかがですか。`, `…お願いします。`: a Japanese question or request ends
/// in a particle, not always in a question mark.
fn ends_japanese_question(s: &str) -> bool {
    let t = s.trim_end_matches(['。', '」', '）']);
    t.ends_with('か')
        || t.ends_with("ください")
        || t.ends_with("でしょう")
        || t.ends_with("お願いします")
}

fn segment_dashes(paras: Vec<Para>) -> Segmented {
    let first = paras
        .iter()
        .position(|p| p.marker == Marker::Dash)
        .unwrap_or(paras.len());
    let mut it = paras.into_iter();
    let header: Vec<Para> = it.by_ref().take(first).collect();
    let mut turns: Vec<Turn> = Vec::new();
    for p in it {
        if p.marker == Marker::Dash {
            let role = match turns.last() {
                Some(t) if t.role == Role::Ask => Role::Answer,
                _ => Role::Ask,
            };
            turns.push(Turn {
                role,
                speaker: None,
                asks: asks(&p.text),
                paras: vec![to_paragraph(p, None)],
            });
        } else if let Some(t) = turns.last_mut() {
            t.asks |= asks(&p.text);
            t.paras.push(to_paragraph(p, None));
        }
    }
    finish(Format::DashTurns, header, turns, Vec::new(), None)
}

fn segment_magazine(paras: Vec<Para>) -> Segmented {
    segment_questions(Format::Magazine, paras, is_magazine_question)
}

/// Turns where `is_question` tells the questions, every other paragraph
/// answering the question before it.
fn segment_questions(
    format: Format,
    paras: Vec<Para>,
    is_question: impl Fn(&Para) -> bool,
) -> Segmented {
    let flags: Vec<bool> = paras.iter().map(is_question).collect();
    segment_flagged(format, paras, &flags)
}

/// `1. What made you…?`: the paragraphs that open with the numbers 1, 2, 3…
/// in turn, at least three, none right after another, the last answered —
/// and for each, the length of its number and the space after it.
fn numbered_questions(paras: &[Para]) -> Option<Vec<Option<usize>>> {
    let number_of = |p: &Para| -> Option<(u32, usize)> {
        if p.marker != Marker::None {
            return None;
        }
        let digits = p.text.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 2 {
            return None;
        }
        let after = p.text[digits..].strip_prefix(['.', ')'])?;
        let text = after.trim_start_matches(' ');
        if !after.starts_with(' ') || text.is_empty() {
            return None;
        }
        Some((p.text[..digits].parse().ok()?, p.text.len() - text.len()))
    };
    let mut out = vec![None; paras.len()];
    let mut expect = 1;
    let mut last = None;
    for (i, p) in paras.iter().enumerate() {
        if let Some((n, len)) = number_of(p) {
            if n != expect || last.is_some_and(|l| l + 1 == i) {
                return None;
            }
            expect += 1;
            last = Some(i);
            out[i] = Some(len);
        }
    }
    (expect > 3 && last.is_some_and(|l| l + 1 < paras.len())).then_some(out)
}

/// Turns where `questions[i]` tells whether paragraph `i` asks, every other
/// paragraph answering the question before it.
fn segment_flagged<'a>(format: Format, paras: Vec<Para<'a>>, questions: &[bool]) -> Segmented<'a> {
    let first = questions.iter().position(|&q| q).unwrap_or(paras.len());
    let mut it = paras.into_iter().zip(questions.iter().copied());
    let header: Vec<Para> = it.by_ref().take(first).map(|(p, _)| p).collect();
    let mut turns: Vec<Turn> = Vec::new();
    for (p, q) in it {
        let a = asks(&p.text);
        match turns.last_mut() {
            Some(t) if (t.role == Role::Ask) == q => {
                t.asks |= a;
                t.paras.push(to_paragraph(p, None));
            }
            _ => turns.push(Turn {
                role: if q { Role::Ask } else { Role::Answer },
                speaker: None,
                asks: a,
                paras: vec![to_paragraph(p, None)],
            }),
        }
    }
    finish(format, header, turns, Vec::new(), None)
}

#[derive(Default, Clone)]
struct SpeakerStats {
    turns: usize,
    words: usize,
    /// Turns that ask a real question (see [`asks`]).
    asking_turns: usize,
    /// Turns whose last paragraph ends with a question: a question put to
    /// someone, not one asked and answered within a statement.
    ending_asks: usize,
    first_seen: usize,
}

fn role_of(label: LabelRole) -> Role {
    match label {
        LabelRole::Asks => Role::Ask,
        LabelRole::Facilitates => Role::Facilitate,
        LabelRole::Answers => Role::Answer,
    }
}

/// Role-labelled askers (`Q`, `Question`) mark the questions when they hold
/// one turn in this many or more: a briefing's `Q`s are nearly half its turns;
/// a news conference's occasional `Question:` beside named journalists is not.
const ROLE_ASKERS_MARK_QUESTIONS: usize = 4;

/// Who asks and who answers, from each speaker's turns: the speaker with the
/// most words answers; others ask when their turns ask questions, facilitate
/// when their turns are short and ask nothing. Where the transcript marks its
/// askers by role (`Q`, `Question`), named speakers are the people answering
/// unless most of their turns are questions.
fn assign_roles(stats: &HashMap<String, SpeakerStats>) -> (HashMap<String, Role>, Option<String>) {
    let main = stats
        .iter()
        .filter(|(n, _)| generic_role(n).is_none())
        // Most words, discounted by how often the speaker asks: the one who
        // answers, not the interviewer who talks as much.
        .max_by_key(|(n, s)| {
            let asking = s.asking_turns as f64 / s.turns.max(1) as f64;
            (
                (s.words as f64 * (1.0 - 0.7 * asking)) as usize,
                std::cmp::Reverse(s.first_seen),
                n.len(),
            )
        })
        .map(|(n, _)| n.clone());
    let main_avg = main.as_ref().map_or(1.0, |m| {
        stats[m].words as f64 / stats[m].turns.max(1) as f64
    });
    // The main speaker's own rate of questions (rhetorical ones included) is the
    // baseline: an asker asks clearly more often than that.
    let main_asking = main.as_ref().map_or(0.0, |m| {
        stats[m].asking_turns as f64 / stats[m].turns.max(1) as f64
    });
    let ask_threshold = (2.0 * main_asking + 0.05).max(0.2);
    let role_askers = stats
        .keys()
        .any(|n| generic_role(n) == Some(LabelRole::Asks));
    // Role labels mark the questions (`Q` in a briefing) when they hold a
    // quarter of all turns or more; fewer, and named speakers ask too.
    let role_ask_turns: usize = stats
        .iter()
        .filter(|(n, _)| generic_role(n) == Some(LabelRole::Asks))
        .map(|(_, s)| s.turns)
        .sum();
    let all_turns: usize = stats.values().map(|s| s.turns).sum();
    let role_marks_questions = role_ask_turns * ROLE_ASKERS_MARK_QUESTIONS >= all_turns;
    let mut roles: HashMap<String, Role> = HashMap::new();
    for (n, s) in stats {
        let asking = s.asking_turns as f64 / s.turns.max(1) as f64;
        let avg = s.words as f64 / s.turns.max(1) as f64;
        let role = match generic_role(n) {
            // A letter means different things in different languages
            // (`P`articipant, `P`regunta): one whose turns mostly ask, asks.
            Some(LabelRole::Answers) if n.chars().count() == 1 && s.turns >= 2 && asking >= 0.6 => {
                Role::Ask
            }
            Some(r) => role_of(r),
            None if Some(n) == main.as_ref() => Role::Answer,
            // Beside role-labelled askers, a named speaker asks only when most of
            // their turns are short questions (a host); long turns answer, even
            // when they are full of rhetorical questions.
            // Someone who speaks once or twice and asks (a journalist at a
            // news conference) asks too; a speaker whose turns are short and
            // ask nothing gives the floor.
            None if role_askers && role_marks_questions => {
                if asking >= 0.5 && s.turns >= 3 && avg * 2.0 < main_avg {
                    Role::Ask
                } else {
                    Role::Answer
                }
            }
            // Role labels ask only now and then (`Question:` beside named
            // journalists): someone who speaks once or twice and asks is a
            // journalist; a speaker whose turns are short and ask nothing
            // gives the floor.
            None if role_askers => {
                let puts_questions = s.ending_asks * 2 >= s.turns;
                if asking >= 0.5 && puts_questions && (s.turns < 3 || avg * 2.0 < main_avg) {
                    Role::Ask
                } else if s.turns >= 3 && asking < 0.2 && avg * 4.0 < main_avg {
                    Role::Facilitate
                } else {
                    Role::Answer
                }
            }
            None if asking >= ask_threshold => Role::Ask,
            // Someone who speaks once or twice beside the main speaker came to ask.
            None if s.turns < 3 => Role::Ask,
            None if avg * 3.0 < main_avg => Role::Facilitate,
            None => Role::Answer,
        };
        roles.insert(n.clone(), role);
    }
    // The speakers who carry the conversation (each at least 5% of the turns):
    // if none of them but the main one asks, they are the askers — radio
    // call-and-response, a dialogue of two equals — rather than a stray label.
    let total_turns: usize = stats.values().map(|s| s.turns).sum();
    let major = |n: &String| {
        stats[n].turns * 20 >= total_turns && generic_role(n).is_none() && Some(n) != main.as_ref()
    };
    let role_asker_exists = roles
        .iter()
        .any(|(n, r)| *r == Role::Ask && generic_role(n).is_some());
    if !role_asker_exists && !roles.iter().any(|(n, r)| major(n) && *r != Role::Answer) {
        for (n, r) in roles.iter_mut() {
            if major(n) {
                *r = Role::Ask;
            }
        }
    }
    // Only role labels, all of them answering by name, yet they take turns:
    // letters mean different things in different languages (`P`articipant,
    // `P`regunta; `R`espondent, `R`espuesta). The one that asks, asks.
    if !roles.values().any(|r| *r == Role::Ask)
        && stats.len() >= 2
        && stats
            .keys()
            .all(|n| generic_role(n) == Some(LabelRole::Answers))
        && let Some((asker, _)) = stats
            .iter()
            .map(|(n, s)| (n, s.asking_turns as f64 / s.turns.max(1) as f64))
            .filter(|(_, asking)| *asking >= 0.5)
            .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(a.0)))
    {
        roles.insert(asker.clone(), Role::Ask);
    }
    // A role label answers (`A`, `P`, `Respondent`) and nobody asks: the named
    // speakers are the other side of the conversation.
    if !roles.values().any(|r| *r == Role::Ask)
        && roles
            .keys()
            .any(|n| generic_role(n) == Some(LabelRole::Answers))
    {
        for (n, r) in roles.iter_mut() {
            if generic_role(n).is_none() {
                *r = Role::Ask;
            }
        }
    }
    (roles, main)
}

fn segment_labelled(paras: Vec<Para>) -> Segmented {
    // Gather each speaker's turns to decide who asks and who answers.
    let mut stats: HashMap<String, SpeakerStats> = HashMap::new();
    // Borrowed from the paragraph that opened the turn: no copy per turn.
    let mut current: Option<&str> = None;
    // Words are capped per turn, so that an appendix glued to the last turn (a
    // word index, trailing matter) does not make its speaker the main one.
    let mut turn_words = 0usize;
    let mut turn_asks = false;
    let mut turn_ends_asking = false;
    // Whether each paragraph asks, kept for the turns built below.
    let mut para_asks: Vec<bool> = Vec::with_capacity(paras.len());
    let close_turn = |stats: &mut HashMap<String, SpeakerStats>,
                      who: Option<&str>,
                      words: usize,
                      asked: bool,
                      ends_asking: bool| {
        if let Some(w) = who {
            let s = stats.get_mut(w).expect("speaker seen");
            s.words += words.min(1000);
            s.asking_turns += usize::from(asked);
            s.ending_asks += usize::from(ends_asking);
        }
    };
    for (i, p) in paras.iter().enumerate() {
        if let Marker::Label(n) = &p.marker {
            close_turn(&mut stats, current, turn_words, turn_asks, turn_ends_asking);
            turn_words = 0;
            turn_asks = false;
            match stats.get_mut(n) {
                Some(s) => s.turns += 1,
                None => {
                    stats.insert(
                        n.clone(),
                        SpeakerStats {
                            first_seen: i,
                            turns: 1,
                            ..Default::default()
                        },
                    );
                }
            }
            current = Some(n);
        }
        let a = current.is_some() && asks(&p.text);
        para_asks.push(a);
        if current.is_some() {
            turn_words += word_count(&p.text);
            turn_asks |= a;
            turn_ends_asking = a;
        }
    }
    close_turn(&mut stats, current, turn_words, turn_asks, turn_ends_asking);
    let (mut roles, mut main) = assign_roles(&stats);
    // One named speaker who mostly asks is the interviewer: the answers are
    // the unlabelled paragraphs (see `sole_asker` in `segment`).
    if let [(name, s)] = stats.iter().collect::<Vec<_>>()[..]
        && generic_role(name).is_none()
        && s.asking_turns * 3 >= s.turns * 2
    {
        roles.insert(name.clone(), Role::Ask);
        main = None;
    }
    // Nobody asks anything, and no label says it asks (`Q:`): speakers'
    // remarks, statements read in turn. Their turns stay turns; none opens a
    // pair.
    let nobody_asks = !para_asks.iter().any(|&a| a)
        && !stats
            .keys()
            .any(|n| generic_role(n) == Some(LabelRole::Asks));
    if nobody_asks {
        for r in roles.values_mut() {
            *r = Role::Answer;
        }
    }
    let any_answer_label = roles.values().any(|r| *r == Role::Answer);

    let first = paras
        .iter()
        .position(|p| matches!(p.marker, Marker::Label(_)))
        .unwrap_or(paras.len());
    let mut it = paras.into_iter();
    let header: Vec<Para> = it.by_ref().take(first).collect();
    let mut turns: Vec<Turn> = Vec::new();
    let mut speakers: Vec<String> = Vec::new();
    for (mut p, a) in it.zip(para_asks.into_iter().skip(first)) {
        // The label is taken out of the marker and moved into the paragraph's
        // speaker (an empty label left behind is still not a list item).
        let label = match &mut p.marker {
            Marker::Label(n) => Some(std::mem::take(n)),
            _ => None,
        };
        if let Some(n) = label {
            let named = generic_role(&n).is_none();
            if named && !speakers.contains(&n) {
                speakers.push(n.clone());
            }
            turns.push(Turn {
                role: roles[&n],
                speaker: named.then(|| n.clone()),
                asks: a,
                paras: vec![to_paragraph(p, Some(n))],
            });
        } else if let Some(t) = turns.last_mut() {
            // Only askers are labelled (`Q:` with unlabelled answers): the paragraphs
            // after a question are its answer.
            // A question turn of one paragraph is answered by the next one
            // even without a `?` (`Q: Tell me about the new series.`),
            // unless that one asks in turn (a question in two paragraphs).
            let one_line_question =
                t.role == Role::Ask && t.paras.len() == 1 && !ends_question(&p.text);
            if !any_answer_label
                && t.role != Role::Answer
                && (one_line_question || t.paras.last().is_some_and(|q| ends_question(&q.text)))
            {
                turns.push(Turn {
                    role: Role::Answer,
                    speaker: None,
                    asks: a,
                    paras: vec![to_paragraph(p, None)],
                });
            } else {
                let sp = t.paras[0].speaker.clone();
                t.asks |= a;
                t.paras.push(to_paragraph(p, sp));
            }
        }
    }
    finish(Format::LabelledSpeakers, header, turns, speakers, main)
}

/// Phrases that hand the floor to someone rather than ask them anything
/// (lower case).
const FLOOR_GIVING: &[&str] = &[
    "do you want to",
    "would you like to",
    "you want to",
    "want to go",
    "want to add",
    "anything to add",
    "add anything",
    "go ahead",
    "start with you",
    "over to you",
    "turn it over",
    "turn it to",
    "take that",
    "take this",
    "next question",
];

/// A short turn whose question only gives someone the floor.
fn gives_floor(text: &str) -> bool {
    if text.is_empty() || word_count(text) > 30 {
        return false;
    }
    let lower = text.to_lowercase();
    FLOOR_GIVING.iter().any(|p| lower.contains(p))
}

/// The turn's text when it is short enough to be a greeting (else empty);
/// borrowed when the turn is one paragraph, as most are.
fn short_text(t: &Turn) -> std::borrow::Cow<'_, str> {
    let len: usize = t.paras.iter().map(|p| p.text.len() + 1).sum();
    if len > 200 {
        "".into()
    } else if let [p] = t.paras.as_slice() {
        p.text.as_str().into()
    } else {
        t.paras
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
            .into()
    }
}

/// `dst` followed by `src`: most answers are one turn, whose list is moved
/// in whole rather than copied into a new allocation.
fn append(dst: &mut Vec<Paragraph>, src: Vec<Paragraph>) {
    if dst.is_empty() {
        *dst = src;
    } else {
        dst.extend(src);
    }
}

/// Marks the first paragraph of a turn with the role it plays and why.
fn marked(mut paras: Vec<Paragraph>, role: TurnRole, why: Why) -> Vec<Paragraph> {
    if let Some(p) = paras.first_mut() {
        p.turn = Some(TurnMark { role, why });
    }
    paras
}

/// The role a turn said between questions plays there.
fn aside_role(role: Role) -> TurnRole {
    match role {
        Role::Facilitate => TurnRole::Moderate,
        Role::Answer => TurnRole::Answer,
        Role::Ask => TurnRole::Other,
    }
}

/// Why a question turn asks: what marked it, in this format.
fn ask_why(format: Format, t: &Turn, role: Role) -> Why {
    match (format, role) {
        (Format::LabelledSpeakers, Role::Facilitate) => Why::LeadIn,
        (Format::LabelledSpeakers, _) if t.role == Role::Facilitate => Why::ModeratorAsks,
        (Format::LabelledSpeakers, _) if t.asks => Why::AsksQuestion,
        (Format::LabelledSpeakers, _) => Why::AskerRole,
        (Format::DashTurns, _) => Why::DashAsks,
        _ => Why::MarkedQuestion,
    }
}

/// Why an answer turn answers, in this format.
fn answer_why(format: Format, t: &Turn) -> Why {
    match format {
        Format::LabelledSpeakers
            if t.speaker.is_some() || t.paras.first().is_some_and(|p| p.speaker.is_some()) =>
        {
            Why::Answers
        }
        Format::LabelledSpeakers => Why::UnlabelledAnswer,
        Format::DashTurns => Why::DashAnswers,
        _ => Why::UnderQuestion,
    }
}

/// Turns → pairs: a question turn opens a pair, answer turns fill it.
fn finish(
    format: Format,
    header: Vec<Para>,
    turns: Vec<Turn>,
    speakers: Vec<String>,
    main: Option<String>,
) -> Segmented {
    let mut opening: Vec<Paragraph> = Vec::new();
    let mut pairs: Vec<Pair> = Vec::new();
    // Said between questions (thanks, a moderator's remarks): kept with the
    // answer it follows, or in the preamble before the first question.
    let aside =
        |pairs: &mut Vec<Pair>, opening: &mut Vec<Paragraph>, paras: Vec<Paragraph>| match pairs
            .last_mut()
        {
            Some(p) => append(&mut p.answer, paras),
            None => append(opening, paras),
        };
    let mut turns = turns.into_iter().peekable();
    // The last pair was opened by a moderator's lead-in, not by a question.
    let mut lead_in = false;
    while let Some(t) = turns.next() {
        let turn_asks = t.asks;
        let next_role = turns.peek().map(|n| n.role);
        // `Int: Thanks for taking part. I will start broad.` then `Int: What
        // was the referral like?`: a turn that asks nothing, followed by the
        // same speaker's question, leads into it.
        // Named speakers only: two `Q` turns in a row are as often two
        // reporters.
        let leads_into_own_question = !turn_asks
            && t.speaker.is_some()
            && next_role == Some(Role::Ask)
            && turns
                .peek()
                .is_some_and(|n| n.asks && n.speaker == t.speaker);
        // A moderator's turn is a question only when it asks one and nobody else
        // asks right after it; followed by a question, it introduces that question.
        // (Not when its question only gives the floor: "Dr. Murthy, do you
        // want to take that?")
        let role = if t.role == Role::Facilitate
            && turn_asks
            && next_role == Some(Role::Answer)
            && !gives_floor(&short_text(&t))
        {
            Role::Ask
        } else {
            t.role
        };
        match role {
            Role::Facilitate if next_role.is_none_or(|r| r == Role::Answer) => aside(
                &mut pairs,
                &mut opening,
                marked(t.paras, TurnRole::Moderate, Why::GivesFloor),
            ),
            Role::Ask | Role::Facilitate => {
                // Only asked here: most turns never need their text joined.
                if is_greeting(&short_text(&t)) && next_role != Some(Role::Answer) {
                    // Thanks with no reply: not a question.
                    aside(
                        &mut pairs,
                        &mut opening,
                        marked(t.paras, aside_role(role), Why::Greeting),
                    );
                    continue;
                }
                match pairs.last_mut() {
                    // A moderator's lead-in that asks nothing ("Next, we go to
                    // Jane Doe."): the question that follows continues it.
                    Some(p) if lead_in && p.answer.is_empty() => {
                        p.asker = if role == Role::Ask {
                            t.speaker.clone()
                        } else {
                            p.asker.take()
                        };
                        let (turn_role, why) = if role == Role::Ask {
                            (TurnRole::Ask, Why::ContinuesQuestion)
                        } else {
                            (TurnRole::Moderate, Why::LeadIn)
                        };
                        append(&mut p.question, marked(t.paras, turn_role, why));
                        lead_in = role == Role::Facilitate;
                    }
                    _ => {
                        lead_in = role == Role::Facilitate || leads_into_own_question;
                        let turn_role = if role == Role::Ask {
                            TurnRole::Ask
                        } else {
                            TurnRole::Moderate
                        };
                        let why = if leads_into_own_question {
                            Why::LeadIn
                        } else {
                            ask_why(format, &t, role)
                        };
                        pairs.push(Pair {
                            number: 0,
                            question: marked(t.paras, turn_role, why),
                            answer: Vec::new(),
                            asker: if role == Role::Ask { t.speaker } else { None },
                            answerer: None,
                            turns: 0..0,
                        })
                    }
                }
            }
            Role::Answer => match pairs.last_mut() {
                Some(p) => {
                    let why = answer_why(format, &t);
                    if p.answerer.is_none() {
                        p.answerer = t.speaker;
                    }
                    append(&mut p.answer, marked(t.paras, TurnRole::Answer, why));
                }
                None => append(
                    &mut opening,
                    marked(t.paras, TurnRole::Answer, Why::Opening),
                ),
            },
        }
    }
    // Greetings exchanged before the first question belong to the preamble…
    while pairs.len() > 1
        && pairs
            .first()
            .is_some_and(|p| is_greeting(&p.question_text()))
    {
        let p = pairs.remove(0);
        opening.extend(marked(p.question, TurnRole::Other, Why::Greeting));
        opening.extend(p.answer);
    }
    // …and thanks at the end to the last answer.
    while pairs.len() > 1
        && pairs
            .last()
            .is_some_and(|p| is_greeting(&p.question_text()))
    {
        let p = pairs.pop().expect("checked");
        let last = pairs.last_mut().expect("checked");
        last.answer
            .extend(marked(p.question, TurnRole::Other, Why::Greeting));
        last.answer.extend(p.answer);
    }
    for (i, p) in pairs.iter_mut().enumerate() {
        p.number = i + 1;
    }
    let kind = if pairs.is_empty() {
        DocKind::Article
    } else {
        DocKind::Interview
    };
    let mut header = header;
    // Nothing was asked after all. Labelled turns stay turns of their
    // speakers (remarks by two leaders, a statement read out); anything else
    // is prose.
    let kept_turns = kind == DocKind::Article && opening.iter().any(|p| p.speaker.is_some());
    if kept_turns {
        for p in &mut opening {
            if let Some(m) = &mut p.turn {
                m.why = Why::NobodyAsks;
            }
        }
    }
    if kind == DocKind::Article && !kept_turns {
        for p in opening.drain(..) {
            header.push(Para {
                text: p.text,
                first: p.lines.first,
                last: p.lines.last,
                marker: Marker::None,
                prefix: "".into(),
                emphasis: Emphasis::None,
            });
        }
    }
    Segmented {
        kind: Some(kind),
        format: if kind == DocKind::Article && !kept_turns {
            Format::Article
        } else {
            format
        },
        scores: Vec::new(),
        header,
        opening,
        pairs,
        speakers,
        main_answerer: main,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greetings_are_recognised() {
        assert!(is_greeting("Thank you."));
        assert!(is_greeting("Thank you very much, Mr. President."));
        assert!(is_greeting("Good afternoon, everyone."));
        assert!(is_greeting("Спасибо большое."));
        assert!(!is_greeting("Thank you. What about the border?"));
        assert!(!is_greeting(
            "Thanks to the new law, exports grew by a third last year."
        ));
    }

    #[test]
    fn asking_needs_a_real_question() {
        assert!(asks("What do you think about the border?"));
        assert!(asks("Dr. Fauci, what do you think?"));
        assert!(!asks("Dr. Fauci?"));
        assert!(!asks("Thank you. Jen?"));
        assert!(!asks("We will go on. Next question."));
        assert!(asks("Since when?"));
        assert!(
            !asks("OK. Really?"),
            "one capitalised word is a name or an interjection"
        );
    }

    #[test]
    fn inline_turns_split_after_question_mark_only() {
        let s = "What are your feelings about this role? - I am focused on work.";
        assert_eq!(&s[inline_turn_starts(s)[0]..], "I am focused on work.");
        assert_eq!(
            inline_turn_starts("Why министров?- Хороший вопрос.").len(),
            1
        );
        assert!(inline_turn_starts("recorded in Moscow. - RT). How").is_empty());
        assert!(inline_turn_starts("(asked why? - no answer)").is_empty());
        assert!(inline_turn_starts("the supreme body – the Council").is_empty());
        assert_eq!(inline_turn_starts("Хорошо.- Следующий вопрос?").len(), 1);
    }
}
