//! Quoting a pair with where it came from: the citation every exported or
//! copied pair carries (title, interviewee, source, date, question number,
//! file), the bookmarks export, and the OSC 52 clipboard payload.

use base64::Engine;
use serde::Serialize;

use crate::model::{Document, LineRange, Pair, Paragraph, TurnRole, join_paragraphs};
use crate::state::State;

/// `Title — Speaker, Source, Date, lines 12–19, Q3 (path)`, leaving out
/// what is unknown: the speaker is the one who answers the pair (else the
/// document's interviewee), the lines are where the pair stands in the
/// source, and the Q number follows them, never stands alone.
pub fn citation(doc: &Document, pair: &Pair) -> String {
    let who = pair
        .answerer
        .as_deref()
        .map(speaker_name)
        .or_else(|| doc.interviewee.clone());
    let lines = pair
        .lead
        .iter()
        .chain(&pair.question)
        .chain(&pair.answer)
        .map(|p| p.lines)
        .reduce(|a, b| LineRange::new(a.first.min(b.first), a.last.max(b.last)));
    cite(doc, who, lines, Some(pair.number))
}

/// How a speaker's label reads in a citation: `MS. PSAKI` → `Ms. Psaki`;
/// role labels (`Q`) as they are.
fn speaker_name(label: &str) -> String {
    if crate::parse::lines::generic_role(label).is_some() {
        label.to_string()
    } else {
        crate::parse::pretty_name(label)
    }
}

/// Where source lines `lines` stand, in the best form the source allows:
/// its own page:line (`Tr. 4:1–2`) or time (`00:12:31`), else the lines of
/// the file (`lines 214–219`). None for a place not in the file.
pub fn place(doc: &Document, lines: LineRange) -> Option<String> {
    if lines.first == 0 {
        return None;
    }
    Some(doc.places.cite(lines).unwrap_or_else(|| {
        if lines.first == lines.last {
            format!("line {}", lines.first)
        } else {
            format!("lines {}–{}", lines.first, lines.last)
        }
    }))
}

fn cite(doc: &Document, who: Option<String>, lines: Option<LineRange>, q: Option<usize>) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(who);
    parts.extend(doc.source.clone());
    parts.extend(doc.date.clone());
    parts.extend(lines.and_then(|l| place(doc, l)));
    parts.extend(q.map(|n| format!("Q{n}")));
    format!(
        "{} — {} ({})",
        doc.display_title(),
        parts.join(", "),
        doc.path
    )
}

/// One statement (a search hit) with its citation: the speaker of the turn
/// that holds it — not the document's interviewee — and the lines of its
/// paragraph, then the pair it is in, if any.
pub fn statement_with_citation(
    doc: &Document,
    pair: Option<&Pair>,
    paragraph: &Paragraph,
    statement: &str,
) -> String {
    let who = statement_speaker(doc, pair, paragraph);
    format!(
        "“{}”\n— {}\n",
        statement,
        cite(doc, who, Some(paragraph.lines), pair.map(|p| p.number))
    )
}

/// Who said `paragraph` (of `pair`, if in one), as a citation names them:
/// the speaker of its own turn; for an unlabelled paragraph, the pair's
/// answerer or asker, whichever part holds it.
pub fn statement_speaker(
    doc: &Document,
    pair: Option<&Pair>,
    paragraph: &Paragraph,
) -> Option<String> {
    paragraph.speaker.as_deref().map(speaker_name).or_else(|| {
        let pair = pair?;
        if pair.answer.iter().any(|a| std::ptr::eq(a, paragraph)) {
            pair.answerer
                .as_deref()
                .map(speaker_name)
                .or_else(|| doc.interviewee.clone())
        } else {
            pair.asker.as_deref().map(speaker_name)
        }
    })
}

/// The pair's turns as `(speaker, text)`: each turn under the name the
/// source gives it, `Q` / `A` where the source names nobody.
pub fn pair_turns<'d>(doc: &'d Document, pair: &'d Pair) -> Vec<(&'d str, String)> {
    let turns = doc.turns.get(pair.turns.clone()).unwrap_or(&[]);
    if turns.is_empty() {
        return vec![("Q", pair.question_text()), ("A", pair.answer_text())];
    }
    turns
        .iter()
        .map(|t| {
            let who = t.speaker.as_deref().unwrap_or(match t.role {
                TurnRole::Ask => "Q",
                _ => "A",
            });
            (who, join_paragraphs(doc.turn_paragraphs(t)))
        })
        .collect()
}

/// The pair as plain text with its citation, for the clipboard: every turn
/// under its own speaker's name.
pub fn pair_with_citation(doc: &Document, pair: &Pair) -> String {
    let mut out = String::new();
    for (who, text) in pair_turns(doc, pair) {
        out.push_str(&format!("{who}: {text}\n\n"));
    }
    out.push_str(&format!("— {}\n", citation(doc, pair)));
    out
}

/// The escape sequence that asks the terminal to put `text` on the clipboard
/// (OSC 52, `c` selection, base64 payload, BEL terminated).
pub fn osc52(text: &str) -> String {
    format!(
        "\u{1b}]52;c;{}\u{7}",
        base64::engine::general_purpose::STANDARD.encode(text)
    )
}

#[derive(Serialize)]
struct JsonTurn<'a> {
    speaker: &'a str,
    text: String,
}

#[derive(Serialize)]
struct JsonBookmark<'a> {
    title: String,
    interviewee: Option<&'a str>,
    source: Option<&'a str>,
    date: Option<&'a str>,
    path: &'a str,
    number: usize,
    question: Vec<&'a str>,
    answer: Vec<&'a str>,
    /// Every turn of the pair with its speaker.
    turns: Vec<JsonTurn<'a>>,
    note: Option<&'a str>,
    /// The codes given the pair (left out when none).
    #[serde(skip_serializing_if = "no_codes")]
    codes: &'a [String],
    citation: String,
    stale: bool,
}

fn no_codes(codes: &&[String]) -> bool {
    codes.is_empty()
}

/// Every bookmark of `docs` with its pair — `None` for a stale bookmark,
/// whose question is no longer in the file: it is exported with the
/// question it was made on, never with whatever pair has its number now.
fn bookmarked<'a>(
    docs: &'a [Document],
    state: &'a State,
) -> Vec<(&'a Document, Option<&'a Pair>, &'a crate::state::Bookmark)> {
    let mut out = Vec::new();
    for d in docs {
        let Some(ds) = state.doc(d) else { continue };
        for b in &ds.bookmarks {
            let pair = d.pairs.get(b.pair.wrapping_sub(1)).filter(|_| !b.stale);
            out.push((d, pair, b));
        }
    }
    out
}

/// The citation of a stale bookmark: the document, and the question as it was.
fn stale_citation(d: &Document, b: &crate::state::Bookmark) -> String {
    format!(
        "{} — Q{} as bookmarked, no longer in the file ({})",
        d.display_title(),
        b.pair,
        d.path
    )
}

/// Bookmarked pairs of `docs` (with notes) as JSON: `{"bookmarks":[…]}`.
pub fn bookmarks_json(docs: &[Document], state: &State) -> String {
    let list: Vec<JsonBookmark> = bookmarked(docs, state)
        .into_iter()
        .map(|(d, p, b)| JsonBookmark {
            title: d.display_title(),
            interviewee: d.interviewee.as_deref(),
            source: d.source.as_deref(),
            date: d.date.as_deref(),
            path: &d.path,
            number: p.map_or(b.pair, |p| p.number),
            question: match p {
                Some(p) => p.question.iter().map(|x| &*x.text).collect(),
                None => vec![b.question.as_str()],
            },
            answer: p.map_or_else(Vec::new, |p| p.answer.iter().map(|x| &*x.text).collect()),
            turns: p.map_or_else(Vec::new, |p| {
                pair_turns(d, p)
                    .into_iter()
                    .map(|(speaker, text)| JsonTurn { speaker, text })
                    .collect()
            }),
            note: b.note.as_deref(),
            codes: &b.codes,
            citation: p.map_or_else(|| stale_citation(d, b), |p| citation(d, p)),
            stale: b.stale,
        })
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({ "bookmarks": list }))
        .expect("plain data serialises")
}

/// The bookmarks of `docs` that carry one of `codes` (any code when
/// `codes` is empty): the coded pairs.
fn coded<'a>(
    docs: &'a [Document],
    state: &'a State,
    codes: &[String],
) -> Vec<(&'a Document, Option<&'a Pair>, &'a crate::state::Bookmark)> {
    bookmarked(docs, state)
        .into_iter()
        .filter(|(_, _, b)| b.codes.iter().any(|c| wanted(codes, c)))
        .collect()
}

/// Whether code `c` is one of `codes` (case aside; every code when none
/// is named).
fn wanted(codes: &[String], c: &str) -> bool {
    codes.is_empty() || codes.iter().any(|w| w.to_lowercase() == c.to_lowercase())
}

/// A coded pair's turns as `Speaker: text`, one a line: every word under
/// its speaker's name, as the bookmarks export gives them.
fn turns_text(d: &Document, p: Option<&Pair>) -> String {
    p.map(|p| {
        pair_turns(d, p)
            .into_iter()
            .map(|(speaker, text)| format!("{speaker}: {text}"))
            .collect::<Vec<_>>()
            .join("\n")
    })
    .unwrap_or_default()
}

/// The question and answer of a coded pair as plain text (a stale one:
/// the question as it was coded, no answer).
fn pair_texts(p: Option<&Pair>, b: &crate::state::Bookmark) -> (String, String) {
    let join =
        |ps: &[crate::model::Paragraph]| ps.iter().map(|x| &*x.text).collect::<Vec<_>>().join(" ");
    match p {
        Some(p) => (join(&p.question), join(&p.answer)),
        None => (b.question.clone(), String::new()),
    }
}

/// Every coded pair of `docs` (with one of `codes`, or any), by code:
/// `{"codes": [{"code", "pairs": [{title, path, number, question, answer,
/// note, codes, citation, stale}]}]}`.
pub fn codes_json(docs: &[Document], state: &State, codes: &[String]) -> String {
    let found = coded(docs, state, codes);
    let mut by_code: std::collections::BTreeMap<&str, Vec<serde_json::Value>> =
        std::collections::BTreeMap::new();
    for (d, p, b) in &found {
        let (question, answer) = pair_texts(*p, b);
        let entry = serde_json::json!({
            "title": d.display_title(),
            "path": d.path,
            "date": d.date,
            "number": p.map_or(b.pair, |p| p.number),
            "question": question,
            "answer": answer,
            "turns": p.map_or_else(Vec::new, |p| {
                pair_turns(d, p)
                    .into_iter()
                    .map(|(speaker, text)| serde_json::json!({ "speaker": speaker, "text": text }))
                    .collect::<Vec<_>>()
            }),
            "note": b.note,
            "codes": b.codes,
            "citation": p.map_or_else(|| stale_citation(d, b), |p| citation(d, p)),
            "stale": b.stale,
        });
        for c in b.codes.iter().filter(|c| wanted(codes, c)) {
            by_code.entry(c).or_default().push(entry.clone());
        }
    }
    let list: Vec<serde_json::Value> = by_code
        .into_iter()
        .map(|(code, pairs)| serde_json::json!({ "code": code, "pairs": pairs }))
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({ "codes": list }))
        .expect("plain data serialises")
}

/// Every coded pair as Markdown: a section per code, each pair with its
/// citation.
pub fn codes_markdown(docs: &[Document], state: &State, codes: &[String]) -> String {
    let found = coded(docs, state, codes);
    let mut all: Vec<&String> = found.iter().flat_map(|(_, _, b)| &b.codes).collect();
    all.sort();
    all.dedup();
    let mut out = String::from("# Codes\n");
    for code in all.into_iter().filter(|c| wanted(codes, c)) {
        out.push_str(&format!("\n## {}\n", crate::text::printable(code)));
        for (d, p, b) in found.iter().filter(|(_, _, b)| b.codes.contains(code)) {
            match p {
                Some(p) => crate::export::pair_markdown(&mut out, p),
                None => out.push_str(&format!("\n**Q{}.** {}\n", b.pair, b.question)),
            }
            if let Some(n) = &b.note {
                out.push_str(&format!("\n> **Note:** {}\n", crate::text::printable(n)));
            }
            if b.stale {
                out.push_str(
                    "\n> *The file changed since this was coded; the question was not found again.*\n",
                );
            }
            let cite = p.map_or_else(|| stale_citation(d, b), |p| citation(d, p));
            out.push_str(&format!("\n*{cite}*\n"));
        }
    }
    out
}

/// Every coded pair as CSV (RFC 4180: every field quoted, quotes doubled),
/// one row per code and pair:
/// `code,title,path,pair,question,answer,turns,note,citation` — `turns`
/// every turn as `Speaker: text` on its own line. A field a spreadsheet
/// would run as a formula (`=`, `+`, `-`, `@` first) gets a `'` before it.
pub fn codes_csv(docs: &[Document], state: &State, codes: &[String]) -> String {
    let field = |s: &str| {
        let guard = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            "'"
        } else {
            ""
        };
        format!("\"{guard}{}\"", s.replace('"', "\"\""))
    };
    let mut out = String::from("code,title,path,pair,question,answer,turns,note,citation\r\n");
    for (d, p, b) in coded(docs, state, codes) {
        let (question, answer) = pair_texts(p, b);
        let cite = p.map_or_else(|| stale_citation(d, b), |p| citation(d, p));
        let number = p.map_or(b.pair, |p| p.number).to_string();
        let turns = turns_text(d, p);
        for c in b.codes.iter().filter(|c| wanted(codes, c)) {
            let row = [
                c.as_str(),
                &d.display_title(),
                &d.path,
                &number,
                &question,
                &answer,
                &turns,
                b.note.as_deref().unwrap_or(""),
                &cite,
            ];
            let row: Vec<String> = row.iter().map(|s| field(s)).collect();
            out.push_str(&row.join(","));
            out.push_str("\r\n");
        }
    }
    out
}

/// Bookmarked pairs of `docs` (with notes) as Markdown, grouped by document.
pub fn bookmarks_markdown(docs: &[Document], state: &State) -> String {
    let mut out = String::from("# Bookmarks\n");
    let mut current: Option<&str> = None;
    for (d, p, b) in bookmarked(docs, state) {
        if current != Some(d.path.as_str()) {
            out.push_str(&format!("\n## {}\n", d.display_title()));
            current = Some(&d.path);
        }
        match p {
            Some(p) => crate::export::pair_markdown(&mut out, p),
            None => out.push_str(&format!("\n**Q{}.** {}\n", b.pair, b.question)),
        }
        if let Some(n) = &b.note {
            // A note from a hand-edited state file may hold anything.
            out.push_str(&format!("\n> **Note:** {}\n", crate::text::printable(n)));
        }
        if !b.codes.is_empty() {
            let codes = crate::text::printable(&b.codes.join(", ")).into_owned();
            out.push_str(&format!("\n> **Codes:** {codes}\n"));
        }
        if b.stale {
            out.push_str("\n> *The file changed since this was bookmarked; the question was not found again.*\n");
        }
        let cite = p.map_or_else(|| stale_citation(d, b), |p| citation(d, p));
        out.push_str(&format!("\n*{cite}*\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_bytes;

    #[test]
    fn citation_names_everything_known() {
        let d = load_bytes(
            "dir/x.txt",
            "Talk with the minister\nMarch 3, 2019\n\nAnna Berg: Where do the talks stand?\nKarl Olsen: Further than a year ago.\nAnna Berg: And next?\nKarl Olsen: Summer.\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(
            citation(&d, &d.pairs[1]),
            "Talk with the minister — Karl Olsen, March 3, 2019, lines 6–7, Q2 (dir/x.txt)"
        );
    }

    #[test]
    fn osc52_is_base64_of_the_text() {
        assert_eq!(osc52("hi"), "\u{1b}]52;c;aGk=\u{7}");
        let payload = osc52("Q: Ёлка?");
        let b64 = payload
            .trim_start_matches("\u{1b}]52;c;")
            .trim_end_matches('\u{7}');
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .unwrap();
        assert_eq!(String::from_utf8(decoded).unwrap(), "Q: Ёлка?");
    }
}
