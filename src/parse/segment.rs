//! Segmentation: which labels are speakers, then the format decision.
//!
//! Owns the acceptance of speaker labels (recurring names, one-off
//! speakers where the text clearly takes turns, one name per speaker), list
//! items inside answers, a question and its answer written on one line, and
//! the cascade of [`super::format`] detectors that hands the paragraphs to
//! [`super::turns`] for the chosen format.

// Speaker names are hashed for every labelled paragraph: a fast hash (no
// iteration order is relied on, as with the standard randomly seeded one).
use foldhash::{HashMap, HashMapExt};

use super::dialogue;
use super::format::*;
use super::lexicon::SENTENCE_OPENERS;
use super::lines::{Emphasis, LabelRole, Marker, generic_role};
use super::pairs::{asks, asks_in_words, ends_question, has_question};
use super::paragraphs::Para;
use super::scan::word_count;
use super::turns::{
    segment_dashes, segment_flagged, segment_labelled, segment_magazine, segment_questions,
};
use crate::model::{DocKind, Format, FormatScore, Pair, Paragraph};

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

/// Dashed paragraphs that ask nothing in a text of other paragraphs
/// (`- GitHub: @mara` / `- Website: mara.dev` under an answer; a page's
/// list of speakers, then of partners, above a transcript that dashes
/// nothing): lists, not turns — a dialogue told in dashes dashes most of
/// its paragraphs, and its dashes ask.
fn mark_lone_list(paras: &mut [Para]) {
    let count = paras.iter().filter(|p| p.marker == Marker::Dash).count();
    // (A short exchange in dashes inside an article asks: `— Why now?`.)
    let asks = || {
        paras
            .iter()
            .any(|p| p.marker == Marker::Dash && has_question(&p.text))
    };
    if count >= 2 && count * LIST_SHARE_DEN < paras.len() && !asks() {
        for p in paras.iter_mut().filter(|p| p.marker == Marker::Dash) {
            p.marker = Marker::Bullet;
        }
    }
}

/// Dashed paragraphs that ask nothing are lists when they are under this share
/// (one in three) of the paragraphs.
const LIST_SHARE_DEN: usize = 3;

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

/// Turns of recurring speakers that make a text clearly labelled: six is
/// three exchanges, more than a cover sheet or a pair of captions has.
const STRONG_RECURRING_TURNS: usize = 6;
/// Or the floor changing hands this often: labels that take turns.
const STRONG_FLOOR_CHANGES: usize = 4;

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
    // (No recurring name, no style: `Q:`/`A:` alone says nothing of it.)
    let caps_style = !recurring.is_empty()
        && recurring.iter().filter(|n| all_caps(n)).count() * 2 >= recurring.len();
    let like_recurring = |n: &str| {
        // A title before a name in capitals (`Ms. JACKSON LEE` among `Mr.
        // NADLER`s, as the Congressional Record writes them) may add a word.
        let titled = !all_caps(n) && n.split(' ').any(|w| w.len() >= 2 && all_caps(w));
        (words_range.0..=words_range.1 + usize::from(titled)).contains(&n.split(' ').count())
            && all_caps(n) == caps_style
    };
    // `Senator Greene` once among `Senator`s (a hearing labels members by
    // their title until two must be told apart): a recurring label and a
    // name after it.
    // (Copied: the names are borrowed from the paragraphs changed below.)
    let recurring_names: Vec<String> = recurring.iter().map(|r| r.to_string()).collect();
    let extends_recurring = |n: &str| {
        recurring_names.iter().any(|r| {
            n.strip_prefix(r)
                .and_then(|rest| rest.strip_prefix(' '))
                .is_some_and(|name| name.chars().next().is_some_and(char::is_uppercase))
        })
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
    // (A turn says something: `Interviewer: RM` on a cover sheet does not.
    // Where the asking label asks a question, its answer may be short:
    // `Q: Where were you born?` / `A: In Paris.`)
    let question_asked = both_roles
        && paras.iter().any(|p| {
            matches!(&p.marker, Marker::Label(n) if generic_role(n) == Some(LabelRole::Asks))
                && asks(&p.text)
        });
    let keep_once: Vec<bool> = paras
        .iter()
        .enumerate()
        .map(|(i, p)| match &p.marker {
            Marker::Label(n) if spelled_out_first(i, n) => word_count(&p.text) >= 3,
            Marker::Label(n) if both_roles && generic_role(n).is_some() => {
                word_count(&p.text) >= 3 || question_asked && !p.text.is_empty()
            }
            _ => false,
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
                    && (like_recurring(n) || extends_recurring(n))
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
    mark_lone_list(&mut paras);
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
    let mut paras = if verdicts.record(
        Format::DashTurns,
        dash_lines,
        total,
        dash_lines >= MIN_DASH_TURNS,
        format!("{dash_lines} paragraphs open with a dash; needs {MIN_DASH_TURNS}+"),
    ) {
        // Kept in case the dashes ask nothing: a list in an answer (`- GitHub:
        // …`, `- Twitter: …`) under questions the detectors below find.
        let undashed = paras.clone();
        let mut dashed = split_inline_turns(paras);
        mark_list_runs(&mut dashed);
        let paras = dashed;
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
        let seg = segment_dashes(paras);
        if !seg.pairs.is_empty() {
            return with_verdicts(seg, verdicts);
        }
        if let Some(v) = verdicts.0.last_mut() {
            v.passed = Some(false);
            v.evidence.push_str(
                "; but no dash turn asked: the dashes are a list, the detectors below decide",
            );
        }
        let mut undashed = undashed;
        for p in &mut undashed {
            if p.marker == Marker::Dash {
                p.marker = Marker::Bullet;
            }
        }
        undashed
    } else {
        paras
    };
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
    for style in [Emphasis::Bold, Emphasis::Italic, Emphasis::Heading] {
        // Headings are also section titles (`## Early years`): only those
        // that ask are questions.
        let prompted: Vec<bool> = paras
            .iter()
            .map(|p| {
                p.emphasis == style
                    && p.marker == Marker::None
                    && word_count(&p.text)
                        <= if style == Emphasis::Bold {
                            BOLD_PROMPT_MAX_WORDS
                        } else {
                            PROMPT_MAX_WORDS
                        }
                    && (style != Emphasis::Heading
                        || has_question(&p.text)
                        || asks_in_words(&p.text))
            })
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
            match style {
                Emphasis::Bold => "bold",
                Emphasis::Italic => "italic",
                _ => "heading",
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
    // Spoken dialogue that nothing labels: back-channel paragraphs show two
    // voices taking turns; questions put to the other side open pairs.
    let back_channels = dialogue::back_channels(&paras);
    let two_voices = back_channels >= dialogue::MIN_BACK_CHANNELS
        && back_channels * dialogue::BACK_CHANNEL_EVERY >= paras.len();
    // (Questions looked for only where two voices were heard: most texts
    // that come this far are articles.)
    let asked = if two_voices {
        dialogue::questions(&paras)
    } else {
        Vec::new()
    };
    let dialogue_questions = (0..asked.len())
        .filter(|&i| asked[i] && (i == 0 || !asked[i - 1]))
        .count();
    if verdicts.record(
        Format::UnlabelledDialogue,
        back_channels,
        total,
        two_voices && dialogue_questions >= MIN_MARKED_QUESTIONS,
        format!(
            "{back_channels} back-channel paragraphs (Yeah., Right.) inside the other voice's words, {dialogue_questions} questions not of the asker's own doings; needs {}+ and 1 in {} paragraphs, and {MIN_MARKED_QUESTIONS}+ questions",
            dialogue::MIN_BACK_CHANNELS,
            dialogue::BACK_CHANNEL_EVERY
        ),
    ) {
        return with_verdicts(
            segment_flagged(Format::UnlabelledDialogue, paras, &asked),
            verdicts,
        );
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
