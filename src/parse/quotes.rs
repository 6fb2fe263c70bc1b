//! Quotes in articles: quoted statements and who said them.
//!
//! Owns finding spans between quotation marks (`"…"`, `“…”`, `«…»`, also
//! running over several paragraphs) and the attribution written around them
//! (`…," Masadikov added.`, `He said: "…"`).

use crate::model::{LineRange, Paragraph, Quote};

const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "added",
    "adds",
    "noted",
    "notes",
    "stressed",
    "emphasized",
    "emphasised",
    "emphasizes",
    "explained",
    "stated",
    "told",
    "highlighted",
    "continued",
    "concluded",
    "remarked",
    "replied",
    "insisted",
    "believes",
    "according",
    "declared",
    "warned",
    "pointed",
    "recalled",
    "sums",
    "summed",
];

fn open_close(c: char) -> Option<char> {
    match c {
        '"' => Some('"'),
        '“' => Some('”'),
        '«' => Some('»'),
        '„' => Some('“'),
        _ => None,
    }
}

/// The speaker named next to a speech verb in `around` (`Masadikov added`, `said Mr. Lee`).
fn attribution(around: &str) -> Option<String> {
    let words: Vec<&str> = around.split_whitespace().take(8).collect();
    let verb = words.iter().position(|w| {
        SPEECH_VERBS.contains(
            &w.trim_matches(|c: char| !c.is_alphabetic())
                .to_lowercase()
                .as_str(),
        )
    })?;
    let name_words = |ws: &[&str]| -> Option<String> {
        let caps: Vec<&str> = ws
            .iter()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.'))
            .filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
            .filter(|w| {
                !matches!(
                    *w,
                    "The"
                        | "A"
                        | "An"
                        | "This"
                        | "That"
                        | "He"
                        | "She"
                        | "They"
                        | "It"
                        | "We"
                        | "I"
                        | "His"
                        | "Her"
                        | "Their"
                )
            })
            .collect();
        (!caps.is_empty()).then(|| caps.join(" ").trim_end_matches('.').to_string())
    };
    // After the verb, only the same sentence names the speaker: `…," he
    // said. "Now they…` ends at `said.`, and a new quotation is not a name.
    let after: Vec<&str> = if words[verb].ends_with(['.', '!', '?']) {
        Vec::new()
    } else {
        let mut after = Vec::new();
        for w in &words[verb + 1..words.len().min(verb + 4)] {
            if w.starts_with(['"', '“', '«', '„']) {
                break;
            }
            after.push(*w);
            if w.ends_with(['.', '!', '?', ',']) && !w.ends_with("Mr.") && !w.ends_with("Ms.") {
                break;
            }
        }
        after
    };
    name_words(&words[..verb]).or_else(|| name_words(&after))
}

/// Where the text after the last sentence of `text` that tells of speech
/// (holds a speech verb: `He said that…`) begins; 0 when none does.
fn after_narration(text: &str) -> usize {
    let mut from = 0;
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        let ends = matches!(c, '.' | '!' | '?')
            && bytes.get(i + 1).is_some_and(|b| b.is_ascii_whitespace());
        if !ends {
            continue;
        }
        let sentence = &text[start..=i];
        let tells = sentence.split_whitespace().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
            SPEECH_VERBS.contains(&w.as_str())
        });
        start = i + 1;
        if tells {
            from = start;
        }
    }
    from
}

/// Finds the quoted statements of at least five words in `paragraphs`.
pub fn find(paragraphs: &[Paragraph]) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut open: Option<(char, String, usize, usize, String)> = None; // closing char, text, first line, last line, text before
    for p in paragraphs {
        let mut rest_start = 0;
        let text: &str = &p.text;
        let chars = text.char_indices().peekable();
        for (i, c) in chars {
            match &mut open {
                Some((close, buf, _, last, _)) if c == *close => {
                    buf.push_str(&text[rest_start..i]);
                    *last = p.lines.last;
                    let (_, buf, first, last, before) = open.take().expect("open");
                    let after = &text[i + c.len_utf8()..];
                    let quote = buf.trim().trim_end_matches(',').to_string();
                    if quote.split_whitespace().count() >= 5 {
                        let who =
                            attribution(after.trim_start_matches([',', '.', ' ', '—', '–', '-']))
                                .or_else(|| {
                                    let tail: Vec<&str> =
                                        before.split_whitespace().rev().take(6).collect();
                                    let tail: Vec<&str> = tail.into_iter().rev().collect();
                                    attribution(&tail.join(" "))
                                });
                        out.push(Quote {
                            text: quote,
                            attribution: who,
                            lines: LineRange::new(first, last),
                        });
                    }
                    rest_start = i + c.len_utf8();
                }
                Some(_) => {}
                None => {
                    if let Some(close) = open_close(c) {
                        // A straight quote closing a word (`5"`) is not an opening.
                        let prev = text[..i].chars().last();
                        let prev_alnum = prev.is_some_and(|c| c.is_alphanumeric());
                        let next = text[i + c.len_utf8()..].chars().next();
                        // `…contracts," Masadikov noted.` with no mark before it:
                        // the quote's opening was lost (or opened a paragraph
                        // earlier without its mark). The paragraph up to here is
                        // the quote, when nothing else in it is quoted.
                        if c == '"'
                            && prev.is_some_and(|c| matches!(c, ',' | '.' | '!' | '?' | '…'))
                            && next.is_none_or(char::is_whitespace)
                            && rest_start == 0
                        {
                            // From after the last sentence that tells of
                            // speech (`Masadikov noted that talks went well.`):
                            // narration, not the quote.
                            let from = after_narration(&text[..i]);
                            let quote = text[from..i].trim().trim_end_matches(',').to_string();
                            let after = &text[i + c.len_utf8()..];
                            let who = attribution(
                                after.trim_start_matches([',', '.', ' ', '—', '–', '-']),
                            );
                            // Only a quote someone is named as saying: a stray
                            // mark after a sentence is no evidence of one.
                            if quote.split_whitespace().count() >= 5 && who.is_some() {
                                out.push(Quote {
                                    text: quote,
                                    attribution: who,
                                    lines: p.lines,
                                });
                            }
                            rest_start = i + c.len_utf8();
                            continue;
                        }
                        if !(c == '"' && prev_alnum) {
                            open = Some((
                                close,
                                String::new(),
                                p.lines.first,
                                p.lines.last,
                                text[..i].to_string(),
                            ));
                            rest_start = i + c.len_utf8();
                        }
                    }
                }
            }
        }
        if let Some((_, buf, _, last, _)) = &mut open {
            buf.push_str(&text[rest_start..]);
            buf.push(' ');
            *last = p.lines.last;
            // A quote runs on only into a paragraph that opens with a quotation mark again
            // or until it closes; one that never closes within three paragraphs is a stray mark.
            if buf.split_whitespace().count() > 400 {
                open = None;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(texts: &[&str]) -> Vec<Paragraph> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Paragraph::new(*t, LineRange::single(i + 1)))
            .collect()
    }

    #[test]
    fn quotes_with_attribution_after_and_before() {
        let q = find(&paras(&[
            "\"Currently, Eurasia is the geopolitical center of a new world,\" Masadikov added.",
            "The minister said: «We will not change our course this year at all.»",
            "Short \"scare quotes\" are not quotes.",
        ]));
        assert_eq!(q.len(), 2);
        assert_eq!(
            q[0].text,
            "Currently, Eurasia is the geopolitical center of a new world"
        );
        assert_eq!(q[0].attribution.as_deref(), Some("Masadikov"));
        assert_eq!(q[1].attribution, None); // "The minister" is not a name
    }

    #[test]
    fn the_next_quotation_names_nobody() {
        let q = find(&paras(&[
            "\"Ten years ago I had students lining up,\" he said. \"Now they buy them online and send them to me broken.\"",
            "\"We never closed a single day in sixty years,\" said Ruth Alvarez, his daughter.",
        ]));
        assert_eq!(q.len(), 3);
        assert_eq!(q[0].attribution, None);
        assert_eq!(q[2].attribution.as_deref(), Some("Ruth Alvarez"));
    }

    #[test]
    fn a_closing_mark_whose_opening_was_lost_closes_the_paragraph_said() {
        let q = find(&paras(&[
            "Currently, the CSTO is helping to implement the first stage of this program,\" Masadikov noted.",
            "Furthermore, the Secretariat signed a Roadmap. \"We are confident that the roadmap will create prerequisites,\" he added.",
            "Prices rose 5% this year.\" Nobody noticed the stray mark here at all.",
            "Masadikov noted that talks went well. The plan is ready for the second stage, and funds are allocated,\" Petrov added.",
        ]));
        let texts: Vec<&str> = q.iter().map(|q| q.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Currently, the CSTO is helping to implement the first stage of this program",
                "We are confident that the roadmap will create prerequisites",
                "The plan is ready for the second stage, and funds are allocated",
            ]
        );
        // What Masadikov is narrated as saying is not put in Petrov's mouth.
        assert_eq!(q[2].attribution.as_deref(), Some("Petrov"));
        assert_eq!(q[0].attribution.as_deref(), Some("Masadikov"));
    }

    #[test]
    fn quote_over_two_paragraphs() {
        let q = find(&paras(&[
            "\"We intend to continue the work we started.",
            "Work is underway to identify suppliers,\" he said.",
        ]));
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].lines, LineRange::new(1, 2));
    }
}
