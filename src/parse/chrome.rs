//! Page chrome: the text a web page puts around an interview that is not part of it.
//!
//! Owns navigation links ("Go back", "Back to the section", "Share"),
//! "Read also"/"Related" teasers and everything after them, photo captions,
//! and short stray lines standing between two turns. What is removed goes to
//! [`DroppedLine`]s, never silently away.

use super::lines::Marker;
use super::paragraphs::Para;
use crate::model::DroppedLine;

/// Word count ([`super::scan::word_count`]), but not past 16: callers only
/// ask "is it short?".
fn words(s: &str) -> usize {
    // Past 200 bytes a paragraph is long enough for every test here.
    if s.len() > 200 {
        return 17;
    }
    super::scan::word_count(s)
}

fn ends_with_punctuation(s: &str) -> bool {
    s.trim_end_matches(['"', '”', '»', '’', '\'', ')', ']', '」', '』', '）'])
        .ends_with([
            '.', '?', '!', '…', ':', ';', ',', '。', '？', '！', '：', '；', '，',
        ])
}

/// Navigation and sharing links as web pages word them (several languages).
fn is_navigation(t: &str) -> bool {
    if words(t) > 6 || ends_with_punctuation(t.trim_end_matches(':')) && !t.ends_with(':') {
        return false;
    }
    let l = t.trim_end_matches(':').trim().to_lowercase();
    const EXACT: &[&str] = &[
        "go back",
        "back",
        "share",
        "print",
        "tweet",
        "email",
        "e-mail",
        "advertisement",
        "story continues below advertisement",
        "skip to main content",
        "skip to content",
        "sign in",
        "log in",
        "search",
        "menu",
        "newsletter",
        "subscribe",
        "share this article",
        "print version",
        "comments",
        "next",
        "previous",
        "top",
        "back to top",
        "назад",
        "вернуться",
        "поделиться",
        "реклама",
        "версия для печати",
    ];
    EXACT.contains(&l.as_str())
        || l.starts_with("back to ")
        || l.starts_with("go back to ")
        || l.starts_with("return to ")
        || l.starts_with("вернуться к ")
        || l.starts_with("photo: ")
        || l.starts_with("photo by ")
        || l.starts_with("фото: ")
        || l.starts_with("image: ")
}

/// "Read also", "See also", "Related": a teaser block; it and what follows
/// are not the text. Alone on its line (`Read also:`), or before the teaser
/// it introduces (`Lire aussi | Erosion côtière…`, `Read more: …`).
fn is_teaser_heading(t: &str) -> bool {
    const TEASERS: &[&str] = &[
        "read also",
        "also read",
        "read more",
        "see also",
        "related",
        "related articles",
        "related news",
        "related stories",
        "more on this topic",
        "more news",
        "more stories",
        "most read",
        "most popular",
        "recommended",
        "recommended for you",
        "you may also like",
        "you might also like",
        "further reading",
        "читайте также",
        "смотрите также",
        "по теме",
        "читать также",
        "lire aussi",
        "à lire aussi",
        "voir aussi",
        "mehr zum thema",
        "lesen sie auch",
        "auch interessant",
        "leia também",
        "leia mais",
        "veja também",
        "lee también",
        "lea también",
        "ver también",
        "leggi anche",
        "czytaj też",
        "zobacz też",
        // A box about a person after the text.
        "zur person",
        "about the author",
        "about the authors",
        "об авторе",
    ];
    // Only a short line can be such a heading: most paragraphs stop here.
    if t.len() > 120 {
        return false;
    }
    // Only the headings that start with the text's first letter are tried.
    let Some(first) = t.chars().next().and_then(|c| c.to_lowercase().next()) else {
        return false;
    };
    TEASERS.iter().filter(|h| h.starts_with(first)).any(|h| {
        let Some(rest) = strip_prefix_caseless(t, h) else {
            return false;
        };
        // Whole words only: `Relatedness` is no heading.
        if rest.chars().next().is_some_and(char::is_alphanumeric) {
            return false;
        }
        let after = rest.trim_start_matches([' ', '.']);
        after.is_empty()
            || after.starts_with([':', '|', '»', '›', '-', '–', '—'])
            // `Most Read Culture`: a word or two may name the section.
            || words(after) <= 2 && !ends_with_punctuation(after) && words(t) <= 5
    })
}

/// `This interview has been edited for length and clarity.`, `Mark Delaney
/// can be reached at mdelaney@…`: an editor's note or the writer's address,
/// as publications set them under an interview.
fn is_end_note(t: &str) -> bool {
    if t.len() > 200 {
        return false;
    }
    let l = t.to_lowercase();
    let edited = (l.contains("edited") || l.contains("condensed"))
        && ["clarity", "length", "condensed", "brevity", "edited and"]
            .iter()
            .any(|w| l.contains(w));
    let address = l
        .split_whitespace()
        .any(|w| w.contains('@') && w.trim_end_matches('.').contains('.') && !w.starts_with('@'));
    // `Henry Lawson is a culture reporter for The Post.`: one sentence that
    // opens with a full name and says what the writer does.
    let named = t
        .split(' ')
        .take_while(|w| w.chars().next().is_some_and(char::is_uppercase));
    let name_words = named.count();
    let writer = (2..=3).contains(&name_words)
        && t.split(' ').nth(name_words) == Some("is")
        && [
            "reporter",
            "writer",
            "editor",
            "correspondent",
            "journalist",
            "columnist",
            "contributor",
            "critic",
        ]
        .iter()
        .any(|w| l.contains(w))
        && !t.trim_end_matches('.').contains(". ")
        && words(t) <= 30;
    edited || address || writer
}

/// The line that opens the message an e-mail quotes under its own text.
fn is_mail_boundary(t: &str) -> bool {
    let t = t.trim();
    let quoted_header = || {
        let l = t.to_lowercase();
        [
            "original message",
            "forwarded message",
            "ursprüngliche nachricht",
            "message d'origine",
        ]
        .iter()
        .any(|m| l.contains(m))
    };
    t.len() <= 60 && t.starts_with("-----") && quoted_header()
        || t.starts_with("On ") && t.ends_with("wrote:") && t.len() <= 200
}

/// `t` after `prefix` (lower case), if `t` starts with it in any case.
/// Asked of most paragraphs, so it copies nothing: most fail on the first
/// character.
fn strip_prefix_caseless<'t>(t: &'t str, prefix: &str) -> Option<&'t str> {
    let mut rest = t;
    for p in prefix.chars() {
        let c = rest.chars().next()?;
        if c != p && !c.to_lowercase().eq(std::iter::once(p)) {
            return None;
        }
        rest = &rest[c.len_utf8()..];
    }
    Some(rest)
}

/// An utterance cut off (`Now, in Leon --`, `Before you —`): words said,
/// however short and unpunctuated — never a caption or a link.
fn cut_off(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with("--") || t.ends_with(['—', '–', '…'])
}

fn drop_para(p: &Para, reason: &'static str, dropped: &mut Vec<DroppedLine>) {
    let text = if p.prefix.is_empty() {
        p.text.clone()
    } else {
        format!("{} {}", p.prefix, p.text)
    };
    dropped.push(DroppedLine {
        line: p.first,
        last: p.last.max(p.first),
        text,
        reason,
    });
}

/// Removes page chrome from `paras`, recording it in `dropped`.
pub fn remove(paras: &mut Vec<Para>, dropped: &mut Vec<DroppedLine>) {
    // A teaser heading after the first third cuts the rest of the page.
    let n = paras.len();
    if let Some(cut) = paras
        .iter()
        .enumerate()
        .position(|(i, p)| i * 3 >= n && i > 0 && is_teaser_heading(&p.text))
    {
        for p in paras.drain(cut..) {
            drop_para(&p, "teaser after the text", dropped);
        }
    }
    // An e-mailed interview: the signature (`--`) and the quoted message
    // under it (`-----Original Message-----`, `On Monday, … wrote:`).
    // (`--` alone is also how transcripts mark an interruption: it counts
    // only a few paragraphs above a quoted message.)
    let n = paras.len();
    if let Some(quoted) = paras
        .iter()
        .enumerate()
        .position(|(i, p)| i * 3 >= n && i > 0 && is_mail_boundary(&p.text))
    {
        let signature = paras[quoted.saturating_sub(8)..quoted]
            .iter()
            .rposition(|p| p.text.trim() == "--")
            .map(|k| quoted.saturating_sub(8) + k);
        let cut = signature.filter(|&s| s > 0).unwrap_or(quoted);
        for p in paras.drain(cut..) {
            drop_para(&p, "e-mail signature and quoted message", dropped);
        }
    }
    // The paragraphs are filtered in place (`retain`, in order, so `dropped`
    // keeps source order) rather than moved into new lists twice.
    paras.retain(|p| {
        let nav = p.marker == Marker::None && is_navigation(&p.text);
        if nav {
            drop_para(p, "navigation", dropped);
        }
        !nav
    });
    // Short unpunctuated lines at the very end: links and buttons; and the
    // notes a publication puts under an interview.
    while paras.len() > 1
        && let Some(last) = paras.last()
        && last.marker == Marker::None
    {
        let reason =
            if words(&last.text) <= 6 && !ends_with_punctuation(&last.text) && !cut_off(&last.text)
            {
                "navigation at the end"
            } else if is_end_note(&last.text) {
                "note under the text"
            } else {
                break;
            };
        let p = paras.pop().expect("checked");
        drop_para(&p, reason, dropped);
    }
    // A short unpunctuated line between the end of one turn and the start of the
    // next is a caption or a link (`To gallery page`), not something said.
    // Decided first (looking at the last paragraph kept), then filtered in place.
    let len = paras.len();
    let mut seen_turn = false;
    let mut last_kept: Option<usize> = None;
    let mut stray = vec![false; len];
    for (i, p) in paras.iter().enumerate() {
        let next_is_turn = paras
            .get(i + 1)
            .is_some_and(|n| matches!(n.marker, Marker::Dash | Marker::Label(_)));
        let is_stray = seen_turn
            && i + 1 < len
            && p.marker == Marker::None
            && words(&p.text) <= 4
            && !ends_with_punctuation(&p.text)
            && !cut_off(&p.text)
            && next_is_turn
            && last_kept.is_some_and(|k| ends_with_punctuation(&paras[k].text));
        seen_turn |= matches!(p.marker, Marker::Dash | Marker::Label(_));
        if is_stray {
            drop_para(p, "caption or link between turns", dropped);
            stray[i] = true;
        } else {
            last_kept = Some(i);
        }
    }
    let mut stray = stray.into_iter();
    paras.retain(|_| !stray.next().expect("one flag per paragraph"));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str, marker: Marker) -> Para<'_> {
        Para {
            text: text.into(),
            first: 1,
            last: 1,
            marker,
            prefix: "".into(),
            emphasis: crate::parse::lines::Emphasis::None,
        }
    }

    #[test]
    fn an_utterance_cut_off_is_never_a_caption() {
        // `Now, in Leon --` between two turns, and a last line cut off: said.
        let mut v = vec![
            para("Question one?", Marker::Label("JUSTICE A".into())),
            para("Answer one.", Marker::Label("MR. B".into())),
            para("Now, in Leon --", Marker::None),
            para("Well, in connection --", Marker::Label("JUSTICE A".into())),
            para("Before you —", Marker::None),
        ];
        let mut dropped = Vec::new();
        remove(&mut v, &mut dropped);
        assert!(dropped.is_empty(), "{dropped:?}");
        assert_eq!(v.len(), 5);
    }

    #[test]
    fn navigation_and_teasers_dropped() {
        let mut v = vec![
            para("Title of the piece", Marker::None),
            para("Question one?", Marker::Dash),
            para("Answer one.", Marker::Dash),
            para("Photo caption here", Marker::None),
            para("Question two?", Marker::Dash),
            para("Answer two.", Marker::Dash),
            para("Go back", Marker::None),
            para("Back to the news", Marker::None),
        ];
        let mut dropped = Vec::new();
        remove(&mut v, &mut dropped);
        let texts: Vec<&str> = v.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Title of the piece",
                "Question one?",
                "Answer one.",
                "Question two?",
                "Answer two."
            ]
        );
        assert_eq!(dropped.len(), 3);

        let mut v = vec![
            para("Body one.", Marker::None),
            para("Body two.", Marker::None),
            para("Body three.", Marker::None),
            para("Read also:", Marker::None),
            para("Another story headline", Marker::None),
            para("Its teaser text...", Marker::None),
        ];
        remove(&mut v, &mut dropped);
        assert_eq!(v.len(), 3);
        assert_eq!(v[2].text, "Body three.");
    }

    /// The definition `words` computes faster: pieces between spaces, a
    /// piece in Chinese or Japanese script one word per two ideographs (and
    /// one more if it holds other letters), capped above 16 for long text.
    fn words_naive(s: &str) -> usize {
        if s.len() > 200 {
            return 17;
        }
        s.split(' ')
            .filter(|w| !w.is_empty())
            .map(|w| {
                let cjk = w.chars().filter(|&c| crate::parse::scan::is_cjk(c)).count();
                let other = w
                    .chars()
                    .any(|c| c.is_alphanumeric() && !crate::parse::scan::is_cjk(c));
                if cjk == 0 {
                    1
                } else {
                    cjk.div_ceil(2) + usize::from(other)
                }
            })
            .sum()
    }

    proptest::proptest! {
        #[test]
        fn words_counts_like_the_definition(s in "[ a-zé’问答：\u{3000}]{0,220}") {
            proptest::prop_assert_eq!(words(&s), words_naive(&s));
        }
    }

    #[test]
    fn words_of_examples() {
        assert_eq!(words(""), 0);
        assert_eq!(words("Go back"), 2);
        assert_eq!(words("  two  spaced  "), 2);
        assert_eq!(words("l’été arrive"), 2);
        assert_eq!(words("问答 x"), 2);
        assert_eq!(words(&"word ".repeat(50)), 17);
    }

    #[test]
    fn teaser_headings_in_several_languages_and_forms() {
        for t in [
            "Read also:",
            "Lire aussi | Erosion côtière : à Lacanau, le casse-tête du recul",
            "LEIA TAMBÉM",
            "Mehr zum Thema",
            "Most Read Culture",
            "Read more: Lindner lehnt Reform ab",
            "Читайте также",
        ] {
            assert!(is_teaser_heading(t), "{t}");
        }
        for t in [
            "Relatedness matters",
            "Read more about the policy in our explainer, she said.",
            "Related to that, what happened next?",
            "See",
        ] {
            assert!(!is_teaser_heading(t), "{t}");
        }
    }

    #[test]
    fn notes_under_an_interview() {
        assert!(is_end_note(
            "This interview has been edited for length and clarity."
        ));
        assert!(is_end_note(
            "This conversation has been condensed and edited."
        ));
        assert!(is_end_note(
            "Mark Delaney can be reached at mdelaney@riversideledger.com."
        ));
        assert!(!is_end_note("I edited the film myself, which took a year."));
        assert!(!is_end_note("Follow @qnav for news."));
        assert!(is_end_note(
            "Henry Lawson is a culture reporter for The Post."
        ));
        assert!(!is_end_note(
            "My father is a writer, so I grew up with books."
        ));
        let mut v = vec![
            para("Question one?", Marker::Dash),
            para("Answer one.", Marker::Dash),
            para(
                "This interview has been edited for length and clarity.",
                Marker::None,
            ),
            para(
                "Mark Delaney can be reached at mdelaney@example.com.",
                Marker::None,
            ),
        ];
        let mut dropped = Vec::new();
        remove(&mut v, &mut dropped);
        assert_eq!(v.len(), 2);
        assert_eq!(dropped.len(), 2);
    }

    #[test]
    fn an_email_signature_and_the_quoted_message_are_cut() {
        let mut v = vec![
            para("How did you convince the client?", Marker::Dash),
            para("We did not have to.", Marker::Dash),
            para("Who are your influences?", Marker::Dash),
            para("My father.", Marker::Dash),
            para("--", Marker::None),
            para("Lena Vogt", Marker::None),
            para("-----Original Message-----", Marker::None),
            para("1. How did you convince the client?", Marker::None),
        ];
        let mut dropped = Vec::new();
        remove(&mut v, &mut dropped);
        assert_eq!(v.len(), 4);
        // `--` alone is an interruption in a transcript, not a signature.
        let mut v = vec![
            para("Question one?", Marker::Dash),
            para("Answer one.", Marker::Dash),
            para("Question two?", Marker::Dash),
            para("Well, I think", Marker::Dash),
            para("--", Marker::None),
            para("and then it stopped.", Marker::None),
        ];
        remove(&mut v, &mut dropped);
        assert_eq!(v.len(), 6);
        assert!(is_mail_boundary(
            "On Monday, March 11, 2024, Tom Baxter wrote:"
        ));
        assert!(!is_mail_boundary("On Monday we wrote the report."));
    }

    #[test]
    fn short_lines_inside_answers_are_kept() {
        let mut v = vec![
            para("Question?", Marker::Dash),
            para("Answer starts.", Marker::Dash),
            para("Short heading", Marker::None),
            para("More answer.", Marker::None),
        ];
        let mut dropped = Vec::new();
        remove(&mut v, &mut dropped);
        assert_eq!(v.len(), 4);
    }
}
