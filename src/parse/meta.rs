//! Metadata: title, interviewee, outlet and date from the text before the
//! first question, and the lead that becomes the preamble.
//!
//! Also owns news feeds around an interview: dated briefs standing before the
//! headline are page chrome, not the interview's lead.

use super::lines::generic_role;
use super::paragraphs::Para;
use super::segment::Segmented;
use crate::model::{DocKind, Document, DroppedLine, LineRange, Paragraph};

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "понедельник",
    "вторник",
    "среда",
    "четверг",
    "пятница",
    "суббота",
    "воскресенье",
];

/// A paragraph that is only a date (optionally with a weekday and a time):
/// `07.07.2025`, `2025-07-07`, `April 5, 2013`, `Monday, October 6, 2014`, `30 июня 2025 г.`.
pub fn is_date_line(t: &str) -> bool {
    let t = t.trim().trim_end_matches('.');
    // `(March 30, 2021)`: in brackets, as transcripts date a call.
    let t = match t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        Some(inner) => inner.trim(),
        None => t,
    };
    if t.is_empty() || t.chars().count() > 40 {
        return false;
    }
    let tokens: Vec<String> = t
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    let mut has_year = false;
    let mut has_month = false;
    for tok in &tokens {
        // `2024年5月10日`: year, month and day in Chinese or Japanese.
        if let Some((year, rest)) = tok.split_once('年')
            && year.len() == 4
            && year.bytes().all(|c| c.is_ascii_digit())
            && rest.contains('月')
        {
            has_year = true;
            has_month = true;
            continue;
        }
        let numeric_date = {
            let parts: Vec<&str> = tok.split(['.', '/', '-']).collect();
            parts.len() == 3
                && parts
                    .iter()
                    .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|c| c.is_ascii_digit()))
                && parts.iter().any(|p| p.len() == 4)
        };
        let time = tok.split(':').count() >= 2
            && tok
                .split(':')
                .all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|c| c.is_ascii_digit()));
        if numeric_date {
            has_year = true;
            has_month = true;
        } else if tok.len() == 4 && tok.bytes().all(|c| c.is_ascii_digit()) {
            has_year = true;
        } else if MONTHS.contains(&tok.trim_end_matches('.')) {
            has_month = true;
        } else if tok.len() <= 2 && tok.bytes().all(|c| c.is_ascii_digit())
            || time
            || WEEKDAYS.contains(&tok.as_str())
            || matches!(
                tok.as_str(),
                "г" | "г." | "года" | "am" | "pm" | "a.m" | "p.m"
            )
        {
        } else {
            return false;
        }
    }
    has_year && has_month
}

/// `1:03 P.M. EST`, `11:12 A.M. EDT`, `14:30`, `9:00 am (local time)`: a time of day alone.
pub fn is_clock_time(t: &str) -> bool {
    let t = t.trim();
    let Some((h, rest)) = t.split_once(':') else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(h) || !rest.get(..2).is_some_and(digits) {
        return false;
    }
    t.len() <= 32 && rest[2..].split_whitespace().count() <= 4
}

/// Words that stand before a name in a headline but are not part of it.
const ROLE_WORDS: &[&str] = &[
    "secretary",
    "general",
    "secretary-general",
    "president",
    "vice",
    "prime",
    "minister",
    "foreign",
    "chairman",
    "chairwoman",
    "chair",
    "director",
    "head",
    "deputy",
    "chief",
    "executive",
    "ambassador",
    "governor",
    "mayor",
    "senator",
    "chancellor",
    "king",
    "queen",
    "mr",
    "mrs",
    "ms",
    "dr",
    "professor",
    "prof",
    "sir",
    "commander",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "ceo",
    "founder",
    "editor",
    "interview",
    "exclusive",
    "the",
    "former",
    "new",
    "acting",
    "first",
    "defense",
    "defence",
    "state",
    "press",
    "our",
    "with",
    "conversation",
];

fn is_capitalised(w: &str) -> bool {
    let mut c = w.chars();
    c.next().is_some_and(|f| f.is_uppercase())
        && c.clone().any(|x| x.is_lowercase())
        && c.all(|x| x.is_alphabetic() || matches!(x, '-' | '\'' | '’' | '.'))
}

/// Candidate personal names: runs of two or three capitalised words, role words stripped.
fn names_in(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let flush = |run: &mut Vec<&str>, out: &mut Vec<String>| {
        while run
            .first()
            .is_some_and(|w| ROLE_WORDS.contains(&w.to_lowercase().trim_end_matches('.')))
        {
            run.remove(0);
        }
        if (2..=3).contains(&run.len()) {
            out.push(run.join(" "));
        }
        run.clear();
    };
    for raw in s.split_whitespace() {
        let w = raw.trim_matches(|c: char| !c.is_alphabetic());
        let ends_clause = raw.ends_with([',', ':', ';', '.', '—']) && !raw.ends_with("..");
        if is_capitalised(w) && w.chars().count() > 1 {
            run.push(w);
            if ends_clause {
                flush(&mut run, &mut out);
            }
        } else {
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// `Imangali Tasmagambetov — on the results…`: a lead that opens with who speaks.
fn name_before_dash(s: &str) -> Option<String> {
    for sep in [" — ", " – ", " - ", ": "] {
        if let Some((head, _)) = s.split_once(sep) {
            let words: Vec<&str> = head.split_whitespace().collect();
            if (2..=4).contains(&words.len()) && words.iter().all(|w| is_capitalised(w)) {
                return names_in(head).into_iter().next();
            }
        }
    }
    None
}

const OUTLET_WORDS: &[&str] = &[
    "agency",
    "news",
    "times",
    "post",
    "journal",
    "television",
    "tv",
    "radio",
    "channel",
    "magazine",
    "newspaper",
    "broadcasting",
    "media",
    "gazette",
    "herald",
    "tribune",
    "review",
    "press",
    "daily",
    "weekly",
];

/// The outlet an interview was given to: `…to the TASS agency`, `Interview to Bloomberg`.
fn outlet_in(s: &str) -> Option<String> {
    let words: Vec<&str> = s.split_whitespace().collect();
    // In a headline set in capitals every word looks like an acronym.
    let all_caps = !s.chars().any(char::is_lowercase);
    for (i, w) in words.iter().enumerate() {
        let lw = w.to_lowercase();
        if !matches!(lw.as_str(), "to" | "with" | "for" | "told" | "by") {
            continue;
        }
        let after_interview = i > 0 && words[i - 1].to_lowercase().starts_with("interview");
        let mut j = i + 1;
        if words.get(j).is_some_and(|w| w.eq_ignore_ascii_case("the")) {
            j += 1;
        }
        let mut run: Vec<&str> = Vec::new();
        while let Some(w) = words.get(j) {
            // `Jane Doe (JD)`: initials in brackets shorten a person's name.
            if w.starts_with('(') {
                break;
            }
            let t = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&');
            let acronym = !all_caps
                && t.chars().count() >= 2
                && t.chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
            if t.is_empty() || !(acronym || is_capitalised(t) || t == "&") {
                break;
            }
            run.push(t);
            j += 1;
            if w.ends_with([',', '.', ':', ';', ')']) {
                break;
            }
        }
        if run.is_empty() {
            continue;
        }
        let has_acronym = !all_caps
            && run
                .iter()
                .any(|t| t.chars().count() <= 6 && t.chars().all(|c| c.is_uppercase()));
        let outlet_word = run
            .iter()
            .any(|t| OUTLET_WORDS.contains(&t.to_lowercase().as_str()));
        if has_acronym || outlet_word || (after_interview && run.len() == 1) {
            // `TASS News Agency` → `TASS`: the generic words only say what kind of outlet it is.
            while run.len() > 1
                && run
                    .last()
                    .is_some_and(|t| OUTLET_WORDS.contains(&t.to_lowercase().as_str()))
            {
                run.pop();
            }
            return Some(run.join(" "));
        }
    }
    None
}

/// `MS. PSAKI` → `Ms. Psaki`; names already in mixed case stay as written.
/// `Senator GRASSLEY` → `Senator Grassley`: titles in mixed case, then the
/// name in capitals (the Congressional Record's style) is a name in capitals too.
pub fn pretty_name(label: &str) -> String {
    let caps = |w: &str| !w.chars().any(char::is_lowercase);
    let words: Vec<&str> = label.split(' ').collect();
    let titles = words.iter().take_while(|w| !caps(w)).count();
    let congressional = titles > 0
        && titles < words.len()
        && words[..titles].iter().all(|w| is_capitalised(w))
        && words[titles..]
            .iter()
            .all(|w| caps(w) && w.chars().filter(|c| c.is_alphabetic()).count() >= 2);
    if !congressional && (label.chars().any(char::is_lowercase) || is_initials(label)) {
        return label.to_string();
    }
    let capitalised = |w: &str| -> String {
        let mut c = w.chars();
        match c.next() {
            Some(f) => f
                .to_uppercase()
                .chain(c.flat_map(|x| x.to_lowercase()))
                .collect(),
            None => String::new(),
        }
    };
    words
        .iter()
        .map(|w| {
            if caps(w) {
                capitalised(w)
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// `MK`, `JD`: two or three capitals standing for a name.
fn is_initials(label: &str) -> bool {
    (2..=3).contains(&label.chars().count()) && label.chars().all(|c| c.is_uppercase())
}

/// `Mark Kent (MK)`: the name that `initials` stand for, when the text
/// spells it out before them in brackets.
fn expand_initials(initials: &str, texts: &[&str]) -> Option<String> {
    let key = format!("({initials})");
    texts.iter().find_map(|t| {
        let at = t.find(&key)?;
        let name = names_in(&t[..at]).pop()?;
        // The name must end right before the brackets, and its words start
        // with the initials' letters.
        let ends_here = t[..at].trim_end().ends_with(&name);
        let letters: String = name.split(' ').filter_map(|w| w.chars().next()).collect();
        (ends_here && letters == initials).then_some(name)
    })
}

/// Cover-sheet keys that name the person interviewed.
const INTERVIEWEE_KEYS: &[&str] = &[
    "interviewee",
    "narrator",
    "guest",
    "respondent",
    "person interviewed",
    "name of interviewee",
    "interviewé",
    "interviewée",
    "entrevistado",
    "entrevistada",
    "intervistato",
    "intervistata",
    "gesprächspartner",
    "gesprächspartnerin",
    "собеседник",
    "респондент",
];

/// Cover-sheet keys that give the interview's date.
const DATE_KEYS: &[&str] = &[
    "date",
    "interview date",
    "date of interview",
    "datum",
    "fecha",
    "data",
    "дата",
];

/// `Interviewee: Harold Benning` → (`interviewee`, `Harold Benning`): a
/// field of a transcript's cover sheet, its key in lower case.
fn cover_field(t: &str) -> Option<(String, &str)> {
    let (key, value) = t.split_once(':')?;
    let key = key.trim();
    // Fields run together when their lines were joined: `Harold Benning
    // Date: 11/09/2019` ends before the next capitalised key and its colon.
    let next_key = value.match_indices(": ").find_map(|(colon, _)| {
        let start = value[..colon].rfind(' ')?;
        value[start + 1..colon]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
            .then_some(start)
    });
    let value = value[..next_key.unwrap_or(value.len())].trim();
    (!value.is_empty() && !key.is_empty() && key.split_whitespace().count() <= 3)
        .then(|| (key.to_lowercase(), value))
}

fn is_title_like(t: &str) -> bool {
    let words = t.split_whitespace().count();
    (1..=30).contains(&words)
        && t.chars().count() <= 250
        && !t.trim_end().ends_with(['.', ',', ';', ':'])
        && t.chars().next().is_some_and(|c| !c.is_lowercase())
}

/// How far into the text a file name's words are looked for, to learn how
/// the text writes them (`Psaki`, `FOMC`, `press`).
const NAME_CASE_WINDOW: usize = 768;

/// A title and a date from the file name, for a text that states no title:
/// `2021-01-20-press-briefing-by-press-secretary-jen-psaki-january-20-2021`
/// → "Press briefing by press secretary Jen Psaki, January 20, 2021", dated
/// 2021-01-20. Each word is written as the start of the text writes it
/// most (a name capitalised, an acronym in capitals, a common word in lower
/// case); a long number at the end (an archive's id) is left out. None for
/// standard input or a name with no words.
pub fn title_from_file_name(
    path: &str,
    text: &str,
    names: &[String],
) -> Option<(String, Option<String>)> {
    let name = path.rsplit(['/', '\\']).next()?;
    if path == "-" || name.is_empty() {
        return None;
    }
    let stem = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && ext.len() <= 5 => stem,
        _ => name,
    };
    let mut tokens: Vec<&str> = stem
        .split(['-', '_', ' ', '.'])
        .filter(|t| !t.is_empty())
        .collect();
    // A leading ISO date is the document's date.
    let date = match tokens.as_slice() {
        [y, m, d, ..]
            if y.len() == 4
                && m.len() == 2
                && d.len() == 2
                && [y, m, d]
                    .iter()
                    .all(|t| t.bytes().all(|b| b.is_ascii_digit())) =>
        {
            let date = format!("{y}-{m}-{d}");
            tokens.drain(..3);
            Some(date)
        }
        _ => None,
    };
    let numeric = |t: &&str| t.bytes().all(|b| b.is_ascii_digit());
    // An archive's id (`-17173`), or a number that only tells copies apart
    // (`…-karine-jean-pierre-40`) after a title of several words.
    if tokens
        .last()
        .is_some_and(|t| numeric(t) && (t.len() >= 5 || tokens.len() >= 5 && t.len() <= 3))
        && tokens.len() >= 2
        && !numeric(&tokens[tokens.len() - 2])
    {
        tokens.pop();
    }
    // A docket number at the start (`15-338`) stays one.
    let mut docket = String::new();
    while tokens.len() > 1 && numeric(&tokens[0]) && numeric(&tokens[1]) && docket.is_empty() {
        docket = format!("{}-{}", tokens[0], tokens[1]);
        tokens.drain(..2);
    }
    if !tokens.iter().any(|t| t.chars().any(char::is_alphabetic)) {
        return None;
    }
    // How the start of the text writes each word (the speakers' names
    // settle theirs: capitalised).
    let window = &text[..text.floor_char_boundary(NAME_CASE_WINDOW)];
    let lowered: Vec<String> = tokens.iter().map(|t| t.to_lowercase()).collect();
    let votes = case_votes(window, &lowered);
    // (Split once: a briefing may name dozens of speakers.)
    let name_words: Vec<&str> = names
        .iter()
        .flat_map(|n| n.split([' ', '-', '.']))
        .filter(|w| w.len() > 1)
        .collect();
    let named = |w: &str| name_words.iter().any(|n| n.eq_ignore_ascii_case(w));
    let mut words: Vec<String> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let t = lowered[i].clone();
        // `january-20-2021` → `January 20, 2021`.
        if MONTHS[..12].contains(&t.as_str())
            && let [day, year, ..] = &tokens[i + 1..]
            && (1..=2).contains(&day.len())
            && year.len() == 4
            && day.bytes().chain(year.bytes()).all(|b| b.is_ascii_digit())
        {
            if let Some(last) = words.last_mut() {
                last.push(',');
            }
            words.push(format!("{} {day}, {year}", capitalised(&t)));
            i += 3;
            continue;
        }
        words.push(
            if SMALL_WORDS.contains(&t.as_str()) || !t.chars().any(char::is_alphabetic) {
                t
            } else if named(&t) {
                capitalised(&t)
            } else {
                as_written(&t, votes[i])
            },
        );
        i += 1;
    }
    if !docket.is_empty() {
        words.insert(0, docket);
    }
    let mut title = words.join(" ");
    if let Some(first) = title.chars().next() {
        title.replace_range(..first.len_utf8(), &first.to_uppercase().to_string());
    }
    Some((title, date))
}

/// How far into a transcript its caption is looked for: lines, and bytes
/// (a briefing's first lines are whole paragraphs).
const CAPTION_LINES: usize = 60;
const CAPTION_BYTES: usize = 6 * 1024;

/// The case a court transcript's caption names: `NICHOLAS BRADY HEIEN,` /
/// `Petitioner` / `v.` / `NORTH CAROLINA.` → "Nicholas Brady Heien v. North
/// Carolina". The parties are the lines above and below a lone `v.`
/// (between the caption's rules), without their roles (`Petitioners`),
/// the docket column after `:` or `ET AL.`. Only where the first lines
/// name a court.
#[inline(never)]
pub fn case_caption(text: &str) -> Option<String> {
    let head = &text[..text.floor_char_boundary(CAPTION_BYTES)];
    let h = head.as_bytes();
    let names = |w: &[u8]| memchr::memmem::find(h, w).is_some();
    // (First a `v.` alone on its line — rare in anything but a caption —
    // found without walking every line.)
    let lone_v = memchr::memmem::find_iter(h, b"v.").any(|i| {
        // (Then nothing, or the caption's `:` column and the docket: told
        // at the first byte that is not a space, so prose's `Roe v. Wade`
        // costs a byte or two.)
        let after = h[i + 2..]
            .iter()
            .take_while(|&&b| b != b'\n')
            .find(|b| !matches!(b, b' ' | b'\t' | b'\r'));
        if after.is_some_and(|&b| b != b':') {
            return false;
        }
        let start = h[..i]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |n| n + 1);
        h[start..i]
            .iter()
            .all(|b| b.is_ascii_digit() || *b == b' ' || *b == b'\t')
    });
    if !lone_v || (!names(b"COURT") && !names(b"Court")) {
        return None;
    }
    let lines: Vec<&str> = head.lines().take(CAPTION_LINES).collect();
    // A line's words: no line number before, no `:` column after.
    fn content(l: &str) -> &str {
        let t = l.trim_start();
        let t = t.trim_start_matches(|c: char| c.is_ascii_digit()).trim();
        match t.find(" :").or_else(|| t.strip_suffix(':').map(str::len)) {
            Some(i) => t[..i].trim(),
            None => t,
        }
    }
    let is_rule = |c: &str| {
        !c.is_empty()
            && c.chars()
                .all(|ch| matches!(ch, '-' | '–' | '—' | '_' | '=' | 'x' | ' ' | '\u{ad}'))
    };
    let is_role = |c: &str| {
        let w = c.trim_end_matches([',', '.', ';']).to_lowercase();
        matches!(
            w.trim_end_matches('s'),
            "petitioner" | "respondent" | "plaintiff" | "defendant" | "appellant" | "appellee"
        )
    };
    let contents: Vec<&str> = lines.iter().map(|l| content(l)).collect();
    let v = contents.iter().position(|c| {
        ["v.", "v", "vs.", "versus"]
            .iter()
            .any(|v| c.eq_ignore_ascii_case(v))
    })?;
    // A party: up to four caption lines next to `v.`, read away from it
    // until a rule or the court's name.
    let party = |lines: &mut dyn Iterator<Item = &&str>| -> Vec<String> {
        let mut words = Vec::new();
        for c in lines {
            if c.is_empty() || is_role(c) {
                continue;
            }
            if is_rule(c) || c.contains("COURT") || words.len() >= 4 {
                break;
            }
            words.push(c.replace('\u{ad}', "-"));
        }
        words
    };
    let mut above = party(&mut contents[..v].iter().rev());
    above.reverse();
    let (first, second) = (
        above.join(" "),
        party(&mut contents[v + 1..].iter()).join(" "),
    );
    let name = |p: &str| -> Option<String> {
        let mut p = p.trim().to_string();
        for tail in [", ET AL.", ", ET AL", " ET AL.", ", ET UX.", " ET UX.", ","] {
            // (ASCII capitals keep every byte where it is: the cut is a
            // boundary of `p` itself, whatever else it holds.)
            if let Some(cut) = p.to_ascii_uppercase().rfind(tail) {
                p.truncate(cut);
            }
        }
        let p = p.trim_end_matches([',', '.', ';', ' ']);
        (!p.is_empty() && p.split_whitespace().count() <= 16).then(|| title_case(p))
    };
    Some(format!("{} v. {}", name(&first)?, name(&second)?))
}

/// `STATE OF NEBRASKA AND STATE OF COLORADO` → "State of Nebraska and State
/// of Colorado"; words without vowels (`LLC`), dotted initials (`U.S.`),
/// two-letter abbreviations (`AG`), `USA` and roman numerals stay as
/// written, `JR` is `Jr.`.
fn title_case(s: &str) -> String {
    const SMALL: &[&str] = &[
        "of", "and", "the", "for", "in", "on", "at", "to", "a", "an", "de",
    ];
    s.split_whitespace()
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            let letters: String = w.chars().filter(|c| c.is_alphabetic()).collect();
            let bare = letters.to_uppercase();
            if i > 0 && SMALL.contains(&lower.as_str()) {
                lower
            } else if matches!(bare.as_str(), "JR" | "SR") {
                format!("{}r.", w.chars().next().unwrap_or('J'))
            } else if matches!(
                bare.as_str(),
                "USA" | "II" | "III" | "IV" | "VI" | "VII" | "VIII"
            ) || (bare.len() == 2 && letters == bare)
                || !letters.chars().any(|c| "AEIOUYaeiouy".contains(c))
                || w.matches('.').count() >= 2
                || w.chars().any(char::is_lowercase)
            {
                w.to_string()
            } else {
                // Each part of a hyphenated word: `T-MOBILE` → `T-Mobile`.
                lower
                    .split('-')
                    .map(capitalised)
                    .collect::<Vec<_>>()
                    .join("-")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// What the text leaves unsaid, from its front matter: the title, the
/// date, the interviewee (the one speaker listed, when the turns name
/// nobody), the source (its author).
#[inline(never)]
pub fn fill_from_front_matter(doc: &mut Document, fm: super::front_matter::FrontMatter) {
    doc.title = doc.title.take().or(fm.title);
    doc.date = doc.date.take().or(fm.date);
    doc.source = doc.source.take().or(fm.author);
    if doc.interviewee.is_none()
        && let [one] = fm.speakers.as_slice()
    {
        doc.interviewee = Some(one.clone());
    }
}

/// The ISO date a file name starts with (`2021-01-20-…`), if any.
pub fn date_from_file_name(path: &str) -> Option<String> {
    let name = path.rsplit(['/', '\\']).next()?;
    let b = name.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    (digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10)
        && b.get(10).is_none_or(|c| !c.is_ascii_digit()))
    .then(|| name[..10].to_string())
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// `word` (lower case) as `text` writes it most: lower case, capitalised,
/// or in capitals when prose writes it so (an acronym: `FOMC`, `CSTO`) —
/// a name in a speaker's label (`MS. JEAN-PIERRE:`) or on a cover page set
/// in capitals is a name, not an acronym. `names` (the speakers, as
/// written) settle the names first.
/// How often the start of a text writes one word each way (see
/// [`as_written`]).
#[derive(Default, Clone, Copy)]
struct CaseVotes {
    lower: usize,
    capital: usize,
    /// In capitals in running prose (an acronym).
    in_prose: usize,
    /// In capitals in a speaker's label or a line set all in capitals.
    in_capitals: usize,
}

/// The votes of `text` for each of `words` (lower case, ASCII), in one pass
/// over its words.
fn case_votes(text: &str, words: &[String]) -> Vec<CaseVotes> {
    let mut votes = vec![CaseVotes::default(); words.len()];
    // The words looked for by first letter and length: most of the text's
    // words are none of them, told by those two alone.
    let mut lengths = [0u64; 36];
    let slot = |c: u8| match c.to_ascii_lowercase() {
        c @ b'a'..=b'z' => Some(usize::from(c - b'a')),
        c @ b'0'..=b'9' => Some(26 + usize::from(c - b'0')),
        _ => None,
    };
    for w in words.iter().filter(|w| (1..64).contains(&w.len())) {
        if let Some(k) = slot(w.as_bytes()[0]) {
            lengths[k] |= 1 << w.len();
        }
    }
    for line in text.split('\n') {
        let b = line.as_bytes();
        let mut has_lower: Option<bool> = None;
        let mut label_end: Option<usize> = None;
        let mut i = 0;
        while i < b.len() {
            if !b[i].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len() && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let len = i - start;
            if len >= 64 || slot(b[start]).is_none_or(|k| lengths[k] & (1 << len) == 0) {
                continue;
            }
            let token = &line[start..i];
            let Some(k) = words.iter().position(|w| w.eq_ignore_ascii_case(token)) else {
                continue;
            };
            let v = &mut votes[k];
            if token.bytes().all(|c| !c.is_ascii_uppercase()) {
                v.lower += 1;
            } else if len > 1 && token.bytes().all(|c| !c.is_ascii_lowercase()) {
                // (Looked at once per line, and only here.)
                let lower_here =
                    *has_lower.get_or_insert_with(|| b.iter().any(u8::is_ascii_lowercase));
                // `MS. JEAN-PIERRE:` — capitals up to a colon: a label.
                let label = *label_end.get_or_insert_with(|| {
                    line.find(':')
                        .filter(|&k| k < 40 && !b[..k].iter().any(u8::is_ascii_lowercase))
                        .unwrap_or(0)
                });
                if start >= label && lower_here {
                    v.in_prose += 1;
                } else {
                    v.in_capitals += 1;
                }
            } else if b[start].is_ascii_uppercase() {
                v.capital += 1;
            }
        }
    }
    votes
}

/// `word` (lower case) as the votes say the text writes it most: lower
/// case, capitalised, or in capitals when prose writes it so (an acronym:
/// `FOMC`, `CSTO`) — a name in a speaker's label (`MS. JEAN-PIERRE:`) or on
/// a cover page set in capitals is a name, not an acronym.
fn as_written(word: &str, v: CaseVotes) -> String {
    if v.in_prose > 0 && v.in_prose >= v.capital && v.in_prose > v.lower {
        word.to_uppercase()
    } else if v.capital + v.in_capitals + v.in_prose > v.lower {
        capitalised(word)
    } else {
        word.to_string()
    }
}

/// Words a title keeps in lower case whatever the text does.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with",
    "v", "vs",
];

/// Fills title, date, interviewee and source, sets the preamble (interviews) or
/// body (articles), and sets aside news briefs.
pub fn fill(doc: &mut Document, seg: &mut Segmented) {
    let mut header = std::mem::take(&mut seg.header);
    // Dated news briefs before the headline: `07.07.2025` + one paragraph, repeated.
    let dates: Vec<usize> = header
        .iter()
        .enumerate()
        .filter(|(_, p)| is_date_line(&p.text))
        .map(|(i, _)| i)
        .collect();
    let is_interview = seg.kind == Some(DocKind::Interview);
    if dates.len() >= 2 && is_interview {
        let cut = (dates[dates.len() - 1] + 2).min(header.len());
        for p in header.drain(..cut) {
            doc.dropped.push(DroppedLine {
                line: p.first,
                last: p.last.max(p.first),
                text: p.text,
                reason: "news brief around the interview",
            });
        }
    }
    // A headline needs something under it (a date, a lead); a lone sentence
    // before the first question of an interview is a lead, not a title.
    // A place followed by a clock time is a dateline (`Briefing Room` / `1:03
    // P.M. EST`), not a headline.
    // Alone, a heading still reads as one when it is shaped like one: a few
    // words, no closing punctuation (`Interview with the Mayor`), unlike a
    // lead sentence or a place line (`South Lawn`, `Via Teleconference`) —
    // and when the questions follow it at once: a line over opening remarks
    // says where they were given (`Rio de Janeiro, Brazil`).
    let lone_heading = |t: &str| {
        seg.opening.is_empty()
            && (3..=20).contains(&t.split_whitespace().count())
            && !t.ends_with(['?', '!', '？', '！'])
            && !is_clock_time(t)
    };
    // (`From: Lena Vogt`, `Date: …`: a header field is no headline.)
    // (Nor is a byline: `By Henry Lawson`, `Posted by u/dr_kim`.)
    let field = |t: &str| {
        t.split_once(':').is_some_and(|(k, _)| {
            let k = k.trim();
            super::lexicon::is_field_key(k) || INTERVIEWEE_KEYS.contains(&k.to_lowercase().as_str())
        }) || t.starts_with("By ")
            || t.starts_with("Posted by ")
    };
    let heads = |h: &[Para]| {
        h.first()
            .is_some_and(|p| is_title_like(&p.text) && !is_date_line(&p.text) && !field(&p.text))
            && (h.len() >= 2 || !is_interview || lone_heading(&h[0].text))
            && !h.iter().skip(1).take(2).any(|p| is_clock_time(&p.text))
    };
    // Mastheads, section names and navigation over the headline (`DER
    // SPIEGEL` / `Wirtschaft`, `Le Monde` / `Planète` / `ENTRETIEN`, `Culture
    // | Music`): short lines right over a longer heading in mixed case (a
    // run of lines in capitals is a cover sheet: `OFFICIAL TRANSCRIPT`).
    let masthead = |t: &str| {
        let w = t.split_whitespace().count();
        let capitals = !t.chars().any(char::is_lowercase);
        (w <= 2 || w <= 3 && capitals || w <= 6 && t.contains(" | "))
            && !is_date_line(t)
            && !is_clock_time(t)
    };
    let over = header
        .iter()
        .take(4)
        .take_while(|p| masthead(&p.text))
        .count();
    if over > 0
        && header.get(over).is_some_and(|p| {
            p.text.split_whitespace().count() >= 3 && p.text.chars().any(char::is_lowercase)
        })
        && heads(&header[over..])
    {
        for p in header.drain(..over) {
            doc.dropped.push(DroppedLine {
                line: p.first,
                last: p.last.max(p.first),
                text: p.text,
                reason: "masthead or section name",
            });
        }
    }
    if heads(&header) {
        doc.title = Some(header.remove(0).text);
    }
    if let Some(d) = header.iter().take(3).position(|p| is_date_line(&p.text))
        && (dates.len() < 2 || !is_interview)
    {
        doc.date = Some(header.remove(d).text);
    }
    // A transcript's cover sheet: `Interviewee: Harold Benning`, `Date: 11/09/2019`.
    let mut named = None;
    for (key, value) in header.iter().filter_map(|p| cover_field(&p.text)) {
        if INTERVIEWEE_KEYS.contains(&key.as_str()) && named.is_none() {
            let name = value.split([',', '(', ';']).next().unwrap_or("").trim();
            if (1..=6).contains(&name.split_whitespace().count()) {
                named = Some(name.to_string());
            }
        } else if DATE_KEYS.contains(&key.as_str())
            && doc.date.is_none()
            && value.chars().any(|c| c.is_ascii_digit())
            && value.chars().count() <= 40
        {
            doc.date = Some(value.to_string());
        }
    }
    // (A lead's first thousand bytes say what it can: a name before a
    // dash, an outlet. A one-paragraph file of 50 MB is not copied whole.)
    let lead = header
        .first()
        .map(|p| p.text[..p.text.floor_char_boundary(1000)].to_string())
        .unwrap_or_default();
    let title = doc.title.clone().unwrap_or_default();

    doc.interviewee = match &seg.main_answerer {
        _ if named.is_some() => named,
        Some(m) if is_initials(m) => {
            let mut texts = vec![title.as_str()];
            texts.extend(header.iter().map(|p| p.text.as_str()));
            Some(expand_initials(m, &texts).unwrap_or_else(|| m.clone()))
        }
        Some(m) if generic_role(m).is_none() => Some(pretty_name(m)),
        _ if is_interview => {
            name_before_dash(&lead).or_else(|| names_in(&title).into_iter().next())
        }
        _ => None,
    };
    doc.source = outlet_in(&title).or_else(|| outlet_in(&lead));

    let paras: Vec<Paragraph> = header
        .into_iter()
        .map(|p| Paragraph::new(p.text, LineRange::new(p.first, p.last)))
        .collect();
    if is_interview {
        doc.preamble = paras;
        doc.preamble.append(&mut seg.opening);
    } else {
        doc.body = paras;
        // Speakers' turns with no question among them.
        doc.body.append(&mut seg.opening);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_court_caption_names_the_case() {
        let text = "                  Official\n\n1       IN THE SUPREME COURT OF THE UNITED STATES\n\n2    \u{ad} \u{ad} \u{ad} \u{ad} x\n\n3    DEPARTMENT OF HEALTH AND                            :\n\n4   HUMAN SERVICES, ET AL.,                             :\n\n5                  Petitioners                          :    No. 11-398\n\n6          v.                                           :\n\n7   FLORIDA, ET AL.                                     :\n\n8   - - - - - - - x\n\n9            Washington, D.C.\n";
        assert_eq!(
            case_caption(text).as_deref(),
            Some("Department of Health and Human Services v. Florida")
        );
        let t_mobile = "IN THE SUPREME COURT\nT\u{ad}MOBILE SOUTH, LLC,   :\n   Petitioner   :\n v.   :   No. 13-975.\nCITY OF ROSWELL, GEORGIA.   :\n- - - x\n";
        assert_eq!(
            case_caption(t_mobile).as_deref(),
            Some("T-Mobile South, LLC v. City of Roswell")
        );
        // Names in any script, quotes in them: never a panic, never a cut
        // inside a character.
        let turkish = "IN THE SUPREME COURT\nMEHMET ALTINBAŞ, ET AL.,   :\n  Petitioners :\n v.   :\nAYDIN, ET AL.   :\n- - - x\n";
        assert_eq!(
            case_caption(turkish).as_deref(),
            Some("Mehmet Altinbaş v. Aydin")
        );
        let quoted =
            "IN THE SUPREME COURT\nJOHN “JR” SMITH,   :\n  Petitioner :\n v.   :\nJANE DOE.   :\n";
        assert!(case_caption(quoted).is_some_and(|c| c.ends_with("v. Jane Doe")));
        let lower_i = "IN THE SUPREME COURT\nMehmet Altınbaş,   :\n v.   :\nAydın, ET AL.   :\n";
        assert_eq!(
            case_caption(lower_i).as_deref(),
            Some("Mehmet Altınbaş v. Aydın")
        );
        // No court named: a `v.` line is not a caption.
        assert_eq!(case_caption("JONES\nv.\nSMITH\n"), None);
        assert_eq!(case_caption("SUPREME COURT\nv.\n"), None);
    }

    #[test]
    fn title_case_keeps_what_is_written_in_capitals_for_a_reason() {
        assert_eq!(title_case("STATE OF KANSAS"), "State of Kansas");
        assert_eq!(title_case("ERIC H. HOLDER, JR"), "Eric H. Holder, Jr.");
        assert_eq!(
            title_case("TEVA PHARMACEUTICALS USA"),
            "Teva Pharmaceuticals USA"
        );
        assert_eq!(title_case("JOHN WALKER, III"), "John Walker, III");
        assert_eq!(
            title_case("OBB PERSONENVERKEHR AG"),
            "Obb Personenverkehr AG"
        );
    }

    #[test]
    fn a_file_name_becomes_a_title_and_a_date() {
        let text =
            "MS. PSAKI:  Good evening.  Jen, thanks.  Q  Jen, on the press pool?  MS. PSAKI:  Yes.";
        assert_eq!(
            title_from_file_name(
                "corpus/wh/2021-01-20-press-briefing-by-press-secretary-jen-psaki-january-20-2021.txt",
                text,
                &["MS. PSAKI".to_string()]
            ),
            Some((
                "Press briefing by press secretary Jen Psaki, January 20, 2021".to_string(),
                Some("2021-01-20".to_string())
            ))
        );
        // An acronym as the text writes it; an archive's id left out.
        assert_eq!(
            title_from_file_name(
                "2020-11-05-fomc-press-conference-chair-powell.txt",
                "The FOMC met. Chair Powell spoke.",
                &[]
            )
            .map(|t| t.0),
            Some("FOMC press conference Chair Powell".to_string())
        );
        assert_eq!(
            title_from_file_name(
                "x/2012-12-20-news-conference-of-vladimir-putin-17173.txt",
                "Vladimir Putin: Good afternoon.",
                &["Vladimir Putin".to_string()]
            )
            .map(|t| t.0),
            Some("News conference of Vladimir Putin".to_string())
        );
        assert_eq!(
            title_from_file_name("x/mercury-3-air-to-ground.txt", "", &[]).map(|t| t.0),
            Some("Mercury 3 air to ground".to_string())
        );
        assert_eq!(title_from_file_name("-", "text", &[]), None);
        assert_eq!(title_from_file_name("x/2021-01-20.txt", "text", &[]), None);
        // A docket stays one number; a name on an all-capitals cover page
        // and in a label is a name; a copy's number is left out.
        assert_eq!(
            title_from_file_name(
                "x/2016-03-29-15-338-mark-j-sheriff-v-pamela-gillie.txt",
                "MARK J. SHERIFF, ET AL.,\nPetitioners\nv.\nPAMELA GILLIE\nMS. GILLIE: Yes.",
                &[]
            )
            .map(|t| t.0),
            Some("15-338 Mark J Sheriff v Pamela Gillie".to_string())
        );
        assert_eq!(
            title_from_file_name(
                "x/2023-06-14-press-briefing-by-press-secretary-karine-jean-pierre-40.txt",
                "Q Thanks, Karine.\nMS. JEAN-PIERRE:  Go ahead.",
                &["MS. JEAN-PIERRE".to_string()]
            )
            .map(|t| t.0),
            Some("Press briefing by press secretary Karine Jean Pierre".to_string())
        );
    }

    #[test]
    fn dates_in_chinese_and_japanese() {
        assert!(is_date_line("2024年5月10日 12:00"));
        assert!(is_date_line("2023年11月3日"));
        assert!(!is_date_line("2024年の夏"));
    }

    #[test]
    fn dates() {
        for d in [
            "07.07.2025",
            "2025-07-07",
            "April 5, 2013",
            "Monday, October 6, 2014",
            "30 июня 2025 г.",
            "30.06.2025 14:30",
        ] {
            assert!(is_date_line(d), "{d}");
        }
        for d in [
            "May I ask?",
            "2025",
            "In 2025 we met",
            "1:03 P.M. EST",
            "07.07",
        ] {
            assert!(!is_date_line(d), "{d}");
        }
    }

    #[test]
    fn clock_times() {
        for t in [
            "1:03 P.M. EST",
            "11:12 A.M. EDT",
            "14:30",
            "9:00 am (local time)",
        ] {
            assert!(is_clock_time(t), "{t}");
        }
        for t in [
            "Page 1:3 of the report",
            "Title: subtitle",
            "12:30 is when the long meeting began, and it went on",
        ] {
            assert!(!is_clock_time(t), "{t}");
        }
    }

    #[test]
    fn names_from_headlines() {
        assert_eq!(
            names_in(
                "Interview of the CSTO Secretary General Imangali Tasmagambetov to the TASS agency"
            ),
            vec!["Imangali Tasmagambetov"]
        );
        assert_eq!(
            name_before_dash("Imangali Tasmagambetov — on the results of the Council").as_deref(),
            Some("Imangali Tasmagambetov")
        );
        assert_eq!(name_before_dash("On the results — of the Council"), None);
    }

    #[test]
    fn outlets() {
        assert_eq!(
            outlet_in("Interview of the CSTO Secretary General to the TASS agency").as_deref(),
            Some("TASS")
        );
        assert_eq!(
            outlet_in("Interview to Bloomberg").as_deref(),
            Some("Bloomberg")
        );
        assert_eq!(
            outlet_in("On first steps (Interview to TASS News Agency)").as_deref(),
            Some("TASS")
        );
        assert_eq!(outlet_in("Interview with Vladimir Putin"), None);
        assert_eq!(outlet_in("INTERVIEW WITH THE MAYOR"), None);
        assert_eq!(
            outlet_in("Interview by Jane Doe (JD) with Mark Kent (MK)"),
            None
        );
        assert_eq!(outlet_in("He went to the shop"), None);
    }

    #[test]
    fn pretty_names() {
        assert_eq!(pretty_name("MS. PSAKI"), "Ms. Psaki");
        assert_eq!(pretty_name("Vladimir Putin"), "Vladimir Putin");
        assert_eq!(pretty_name("MK"), "MK");
        assert_eq!(pretty_name("Senator GRASSLEY"), "Senator Grassley");
        assert_eq!(pretty_name("Ms. JACKSON LEE"), "Ms. Jackson Lee");
        assert_eq!(
            pretty_name("Secretary General of NATO"),
            "Secretary General of NATO"
        );
    }

    #[test]
    fn initials_expanded_from_the_heading() {
        let heading = "Interview by Jane Doe (JD) with Mark Kent (MK)";
        assert_eq!(
            expand_initials("MK", &[heading]).as_deref(),
            Some("Mark Kent")
        );
        assert_eq!(
            expand_initials("JD", &[heading]).as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(expand_initials("PK", &[heading]), None);
        assert_eq!(expand_initials("MK", &["Mark Kent spoke (MK)"]), None);
    }
}
