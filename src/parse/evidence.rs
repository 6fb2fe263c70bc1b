//! The one pass over the lines that gathers the evidence the label gates
//! read: which names recur and take turns, lower-case role labels, titled
//! and role-word period labels, bare names alone on a line.

use super::layout::*;
use super::lexicon::name_particle;
use super::markers::*;
use super::scan::*;

/// Labels that only count when the whole document shows them taking turns,
/// found in one pass over the lines.
pub(crate) struct TurnEvidence {
    /// Lower-case role labels (`interviewer:`, `resp:`): at least two lines
    /// that ask and two that answer.
    pub(crate) lower_role_labels: bool,
    /// The names that [`dash_label`] reads as speakers: those that recur and
    /// take turns (two names, or one role word), on enough lines (a tenth of
    /// them) that a wrapped line starting `Americans — 70 to 85 percent…` is
    /// not mistaken for a turn.
    pub(crate) dash_names: std::collections::HashSet<String>,
    /// Titled period labels (`Senator GRASSLEY.`): two names or more that
    /// recur, so that every such label counts, one-time speakers included.
    pub(crate) titled_period_labels: bool,
    /// Role words before a period (`P.`/`R.`, `Pregunta.`): two different
    /// ones, each on two lines or more.
    pub(crate) period_role_labels: bool,
    /// Timestamps start lines (`[00:12:31]`, `Speaker 1  0:03`) on three
    /// lines at least: a clock time at the start of one line is prose
    /// (`1:03 P.M. EST`).
    pub(crate) timestamped: bool,
    /// Lower-case nicknames before a colon (`stark: text`, as chat logs and
    /// some transcripts write speakers): two or more, each on three lines
    /// or more, together on a third of the lines.
    pub(crate) nick_names: std::collections::HashSet<String>,
    /// Names in bold before the words, no colon (`**Ana** I was nine…`,
    /// `__三村__ まずは…`): two or more, each on two lines or more, together
    /// on a fifth of the lines.
    pub(crate) bold_names: std::collections::HashSet<String>,
    /// A transcript's time column (`Q: Alone?          00:00:06`): a clock
    /// time ends a quarter of the lines at least, unlike the `58:21 60:8`
    /// page references of a word index (see [`trailing_clock`]).
    pub(crate) time_column: bool,
}

/// `Senator GRASSLEY`, `Ms. LOPEZ`: a capitalised word, a space, then two
/// capitals — read from the bytes, the cheap test before [`period_label`].
pub(crate) fn title_then_capitals(t: &str) -> bool {
    let b = t.as_bytes();
    b.first().is_some_and(u8::is_ascii_uppercase)
        && memchr::memchr(b' ', &b[..b.len().min(14)]).is_some_and(|sp| {
            b.get(sp + 1..sp + 3)
                .is_some_and(|w| w.iter().all(u8::is_ascii_uppercase))
        })
}

/// How many of the names counted occur twice or more.
pub(crate) fn recurring(counts: &std::collections::HashMap<String, usize>) -> usize {
    counts.values().filter(|&&c| c >= 2).count()
}

pub(crate) fn turn_evidence(raw: &[&str]) -> TurnEvidence {
    let (mut asks, mut answers) = (0, 0);
    let mut dash_counts: std::collections::HashMap<String, usize> = Default::default();
    let mut titled: std::collections::HashMap<String, usize> = Default::default();
    let mut period_roles: std::collections::HashMap<String, usize> = Default::default();
    let mut nonblank = 0usize;
    let (mut stamped, mut led_by_time) = (0usize, 0usize);
    let mut nicks: std::collections::HashMap<&str, usize> = Default::default();
    let mut bold: std::collections::HashMap<&str, usize> = Default::default();
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
        if let Some((nick, _)) = nick_label(t) {
            *nicks.entry(nick).or_default() += 1;
        }
        if matches!(t.as_bytes()[0], b'*' | b'_')
            && let Some((name, _)) = bold_name_label(t)
        {
            *bold.entry(name).or_default() += 1;
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
    nicks.retain(|_, c| *c >= 3);
    let nick_lines: usize = nicks.values().sum();
    bold.retain(|_, c| *c >= 2);
    let bold_lines: usize = bold.values().sum();
    TurnEvidence {
        bold_names: if bold.len() >= 2 && bold_lines * 5 >= nonblank {
            bold.into_keys().map(str::to_string).collect()
        } else {
            Default::default()
        },
        nick_names: if nicks.len() >= 2 && nick_lines * 3 >= nonblank {
            nicks.into_keys().map(str::to_string).collect()
        } else {
            Default::default()
        },
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

/// `**Ana Ruiz** I was nine…`, `__三村__ まずは…`, `__――__ …`: a name in
/// bold (up to four capitalised words, or up to eight CJK characters, or
/// the dashes Japanese interviews put for the interviewer), a space, then
/// the words — no colon (with one, the label is read as any other). The
/// name and where the words start.
pub(crate) fn bold_name_label(t: &str) -> Option<(&str, usize)> {
    let b = t.as_bytes();
    let em = match b.get(..2)? {
        b"**" => "**",
        b"__" => "__",
        _ => return None,
    };
    let inner = &t[2..];
    // (The closing pair found by its bytes: a `&str` search sets up a
    // searcher each time, and this is asked of every bold line.)
    let head = &inner.as_bytes()[..inner.floor_char_boundary(48)];
    let close = head.windows(2).position(|w| w == em.as_bytes())?;
    let name = &inner[..close];
    let after = &inner[close + 2..];
    let words = after.trim_start_matches(is_space);
    if name.is_empty() || words.is_empty() || words.len() == after.len() || name.ends_with(':') {
        return None;
    }
    let chars = name.chars().count();
    let cjk = chars <= 8 && name.chars().all(is_cjk);
    let dashes = chars <= 3 && name.chars().all(|c| matches!(c, '―' | '—' | '─'));
    let named = name.split(' ').count() <= 4
        && name
            .split(' ')
            .all(|w| w.chars().next().is_some_and(char::is_uppercase) && is_name_word(w));
    (cjk || dashes || named).then(|| (name, t.len() - words.len()))
}

/// `stark: text`: a lower-case nickname (letters, digits, `_`, `-`, `.`;
/// two to sixteen of them, starting with a letter) before a colon and a
/// space. The nickname and where the text starts.
pub(crate) fn nick_label(t: &str) -> Option<(&str, usize)> {
    let b = t.as_bytes();
    if !b.first().is_some_and(u8::is_ascii_lowercase) {
        return None;
    }
    let colon = memchr::memchr(b':', &b[..b.len().min(18)])?;
    let nick = &t[..colon];
    let ok = (2..=16).contains(&nick.len())
        && nick.bytes().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'_' | b'-' | b'.')
        });
    let text = t[colon + 1..].strip_prefix(' ')?;
    (ok && !text.trim().is_empty()).then_some((nick, colon + 2))
}

/// The word before `separator` and a number of one to three digits that
/// ends `t` (`Speaker_1`, `Speaker 1`), if it is so made.
fn numbered(t: &str, separator: char) -> Option<&str> {
    // (Asked of every short line: the last byte first.)
    if !t.as_bytes().last().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let (word, number) = t.rsplit_once(separator)?;
    ((1..=3).contains(&number.len())
        && number.bytes().all(|b| b.is_ascii_digit())
        && word.chars().next().is_some_and(char::is_uppercase))
    .then_some(word)
}

/// `SPEAKER_02`, `Speaker_1`: a speaker as diarization names one.
pub(crate) fn diarized_name(t: &str) -> bool {
    numbered(t, '_')
        .is_some_and(|word| word.len() >= 2 && word.bytes().all(|b| b.is_ascii_alphabetic()))
}

/// `Speaker 1`, `Participant 12`, `Interviewer 2`: a role word and a
/// number, as transcription services name the voices they tell apart.
pub(crate) fn numbered_role(t: &str) -> bool {
    numbered(t, ' ').is_some_and(|word| {
        super::markers::generic_role(word).is_some()
            || with_lowercase(word, |w| super::lexicon::VOICE_WORDS.contains(&w))
    })
}

/// How [`bare_name_labels`] keeps a heading over a turn: `#` and its name.
pub(crate) fn heading_key(line: &str) -> String {
    format!("#{}", heading_name(line))
}

/// The name a bare label line gives: without a Markdown heading's `#`s,
/// nor the time a transcript puts before the name (`### [00:12:31] John`).
pub(crate) fn heading_name(line: &str) -> &str {
    let name = line.trim_start_matches('#').trim_start();
    strip_timestamp(name)
        .filter(|n| !n.is_empty())
        .unwrap_or(name)
}

/// A name alone on its line, the text on the next lines: in capitals
/// (screenplay style, `JOHN SMITH` / `Well, I think…`), as a Markdown
/// heading (`### Interviewer`), or as written (`Jensen Huang`, `Operator`,
/// between blank lines: how earnings calls and many web transcripts set
/// their speakers). Accepted only for names that recur, and when at least
/// two such names take turns (or one is a role word); names as written then
/// also count once — a journalist or an analyst who speaks once — where the
/// same words came before in the text (the participants' list, the
/// hand-off that introduces them): a section title (`Company
/// Participants`) is named by nothing before it.
///
/// `lines` are the document's lines trimmed of spaces and form feeds.
pub(crate) fn bare_name_labels(lines: &[&str]) -> std::collections::HashSet<String> {
    // (Headings keyed `#Name`, the time before a name left out: each
    // `### [00:12:31] John` is John's.)
    let mut counts: std::collections::HashMap<std::borrow::Cow<str>, usize> =
        std::collections::HashMap::new();
    // Names as written, with where each stands: they share a line's shape
    // with titles, so they have more to prove.
    let mut written: std::collections::HashMap<&str, Vec<usize>> = Default::default();
    let mut next_has_text = false;
    let blank = |i: usize| lines[i].is_empty();
    // Whether the line after the one being read is blank (read backwards).
    let mut blank_after = false;
    for (i, &t) in lines.iter().enumerate().rev() {
        if t.is_empty() {
            blank_after = true;
            continue;
        }
        let followed_by_blank = std::mem::replace(&mut blank_after, false);
        if t.len() > 40 {
            next_has_text = true;
            continue;
        }
        // `### Interviewer` over each turn, as Markdown notes set speakers.
        let heading = t.strip_prefix('#').map(|_| heading_name(t));
        if let Some(name) = heading {
            let words: Vec<&str> = name.split(' ').collect();
            let candidate = (1..=4).contains(&words.len())
                && words.iter().all(|w| is_name_word(w))
                && !name.ends_with('.');
            if candidate && next_has_text {
                *counts.entry(heading_key(t).into()).or_default() += 1;
            }
            next_has_text = !candidate;
            continue;
        }
        let words = t.split(' ').count();
        let caps = t.chars().any(|c| c.is_alphabetic())
            && !t.chars().any(|c| c.is_lowercase())
            && t.chars()
                .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '\'' | '’' | '-'))
            && t.chars().filter(|c| c.is_alphabetic()).count() >= 2;
        let candidate = caps && words <= 4 && t.len() <= 40 && !t.ends_with('.')
            || caps && t.ends_with('.') && words >= 2 && t.len() <= 40
            || diarized_name(t)
            || numbered_role(t);
        if candidate && next_has_text {
            *counts.entry(t.into()).or_default() += 1;
        }
        // As written: a blank line before and after, text after that.
        // (Cheapest tests first: this is asked of every short line.)
        let as_written = next_has_text
            && !caps
            && words <= 4
            && t.chars().next().is_some_and(char::is_uppercase)
            && !t.ends_with(['.', ':', ',', ';', '?', '!', ')', '"', '”'])
            && followed_by_blank
            && (i == 0 || blank(i - 1))
            && t.split(' ').all(|w| is_name_word(w) && !name_particle(w));
        if as_written {
            written.entry(t).or_default().push(i);
        }
        next_has_text = !(candidate || as_written);
    }
    let names: std::collections::HashSet<String> = counts
        .into_iter()
        .filter(|(_, c)| *c >= 2)
        .map(|(n, _)| n.to_string())
        .collect();
    let mut found = if names.len() >= 2
        || names
            .iter()
            .any(|n| generic_role(heading_name(n)).is_some())
    {
        names
    } else {
        Default::default()
    };
    let recurring: Vec<&str> = written
        .iter()
        .filter(|(_, at)| at.len() >= 2)
        .map(|(n, _)| *n)
        .collect();
    let takes_turns = recurring.len() >= 2 && recurring.iter().any(|n| n.contains(' '))
        || recurring.iter().any(|n| generic_role(n).is_some());
    if takes_turns {
        // Once: introduced by the text before it, as written — the first
        // line holding each such name found in one pass over the text.
        let once: Vec<(&str, usize)> = written
            .iter()
            .filter(|(_, at)| at.len() == 1)
            .map(|(n, at)| (*n, at[0]))
            .collect();
        let mut first_named = vec![usize::MAX; once.len()];
        if !once.is_empty()
            && let Ok(names) = aho_corasick::AhoCorasick::new(once.iter().map(|(n, _)| n))
        {
            for (i, l) in lines.iter().enumerate() {
                for m in names.find_overlapping_iter(*l) {
                    let k = m.pattern().as_usize();
                    first_named[k] = first_named[k].min(i);
                }
            }
        }
        for (name, at) in &written {
            if at.len() >= 2 {
                found.insert((*name).to_string());
            }
        }
        for ((name, at), first) in once.iter().zip(first_named) {
            if first < *at {
                found.insert((*name).to_string());
            }
        }
    }
    found
}
