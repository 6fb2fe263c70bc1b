//! Spoken dialogue that nothing labels: subtitles and timestamped lines
//! where host and guest alternate unmarked. With no speaker named, who asks
//! is read from how people talk: short back-channel paragraphs (`Yeah.`,
//! `Right.`) in the middle of what someone says show two voices taking
//! turns; a question that is not about the speaker's own doings opens a
//! pair; one that is (`how hard can it be, I thought?`), a filler (`You
//! know what I mean?`) or a tag that only drew agreement (`…, right?` /
//! `Exactly.`) does not.
//!
//! Nothing here names a speaker, and nothing is moved on a guess: a
//! question is the paragraph that asks, never the sentences before it (a
//! host's set-up and a guest's `You learn fast that you are not in charge.`
//! look alike), which stay where they were, in the answer before.

use super::format::is_magazine_question;
use super::lexicon::{
    AUXILIARIES, FIRST_PERSON, HEDGE_VERBS, IMPERATIVE_OBJECT_VERBS, NEGATIONS, RHETORICAL,
    SECOND_PERSON, TAG_ENDS, back_channel_word,
};
use super::lines::Marker;
use super::pairs::{asks_in_words, ends_question, has_question};
use super::paragraphs::Para;
use super::scan::with_lowercase;
use super::scan::word_count;

/// Back-channel paragraphs (`Yeah.`, `Right, right.`) needed before a text
/// with no labels reads as two voices taking turns: a written Q&A has
/// hardly one, a conversation many.
pub(super) const MIN_BACK_CHANNELS: usize = 5;

/// …and at least one paragraph in this many must be one.
pub(super) const BACK_CHANNEL_EVERY: usize = 25;

/// A back-channel paragraph is at most this many words…
const BACK_CHANNEL_MAX_WORDS: usize = 4;

/// …and at most this many bytes (`Mm-hmm, absolutely, yes, right.`).
const BACK_CHANNEL_MAX_BYTES: usize = 60;

/// A tag question (`…, right?`, `isn't it?`) that the other side only
/// agreed with (`Exactly.`) is a question only when what follows runs at
/// least this many words before the next question: a remark is no entry.
/// (More than a labelled turn needs, since here the reply also holds the
/// asker's own back-channel.)
pub(super) const TAG_REPLY_MIN_WORDS: usize = 60;

/// Whose doings a paragraph is about, from its pronouns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Person {
    /// Says `you` (and no more `I` than `you`): speaks to the other side.
    Addresses,
    /// Says `I`, `me` or `my` and never `you`: the speaker's own story.
    Own,
    /// Neither, or as much of each.
    Neutral,
}

/// The pronouns of `text`. `I think`, `I know`… hedge and say nothing of
/// the speaker (`I think you said…`); `tell me`, `let me` ask; `you know`
/// (not `do you know`) is a filler, not someone addressed.
pub(super) fn person(text: &str) -> Person {
    let (mut first, mut second) = (0usize, 0usize);
    let mut words = text
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('’', "'"))
        .peekable();
    let mut before = String::new();
    while let Some(w) = words.next() {
        if SECOND_PERSON.contains(&w.as_str()) {
            let filler = w == "you"
                && words.peek().is_some_and(|next| next == "know")
                && !AUXILIARIES.contains(&before.as_str());
            second += usize::from(!filler);
        } else if FIRST_PERSON.contains(&w.as_str()) {
            let hedged = w == "i"
                && words
                    .peek()
                    .is_some_and(|next| HEDGE_VERBS.contains(&next.as_str()));
            let asked = w == "me" && IMPERATIVE_OBJECT_VERBS.contains(&before.as_str());
            if !hedged && !asked {
                first += 1;
            }
        }
        before = w;
    }
    match (first, second) {
        (_, s) if s > 0 && s >= first => Person::Addresses,
        (f, 0) if f > 0 => Person::Own,
        _ => Person::Neutral,
    }
}

/// Ends in a tag that asks for agreement rather than an answer: `…, right?`,
/// `…, huh?`, `…, isn't it?`, `…, don't you think?`.
pub(super) fn is_tag_question(text: &str) -> bool {
    let t = text.trim_end();
    let Some(body) = t.strip_suffix('?') else {
        return false;
    };
    let Some((_, tag)) = body.rsplit_once(',') else {
        return false;
    };
    let words: Vec<String> = tag
        .split_whitespace()
        .map(|w| w.to_lowercase().replace('’', "'"))
        .collect();
    match words.as_slice() {
        [w] => TAG_ENDS.contains(&w.as_str()),
        [aux, ..] if words.len() <= 3 => aux.ends_with("n't"),
        _ => false,
    }
}

/// A paragraph of back-channel only: `Yeah.`, `Right, right.`, `Okay.` —
/// not thanks, a greeting or a stage direction (`(Laughter)`), which one
/// voice says as well as two.
pub(super) fn is_back_channel(p: &Para) -> bool {
    // (Its length in bytes first: most paragraphs are far longer.)
    p.text.len() <= BACK_CHANNEL_MAX_BYTES
        && !has_question(&p.text)
        && !p.text.starts_with(['(', '['])
        && {
            let mut words = p
                .text
                .split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')))
                .filter(|w| !w.is_empty())
                .peekable();
            words.peek().is_some()
                && words.enumerate().all(|(i, w)| {
                    i < BACK_CHANNEL_MAX_WORDS && with_lowercase(w, back_channel_word)
                })
        }
}

/// Back-channel paragraphs said in the middle of what the other voice says
/// (see [`MIN_BACK_CHANNELS`]): one right after a question (`Is the light
/// automatic now?` / `Yes.`) answers it, as a written Q&A's do.
pub(super) fn back_channels(paras: &[Para]) -> usize {
    paras
        .iter()
        .enumerate()
        .filter(|&(i, p)| is_back_channel(p) && (i == 0 || !ends_question(&paras[i - 1].text)))
        .count()
}

/// A short reply that only agrees (`Exactly.`, `It really is.`), with no
/// `no` or `not` in it (`No, I was not.` answers).
fn agrees(text: &str) -> bool {
    word_count(text) <= BACK_CHANNEL_MAX_WORDS
        && !has_question(text)
        && !text
            .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
            .any(|w| {
                let w = w.to_lowercase();
                NEGATIONS.contains(&w.as_str()) || w.ends_with("n't") || w.ends_with("n’t")
            })
}

/// A prompt is at most this many words (`Tell me more about that.`): a
/// longer paragraph that says `tell me` is someone's story.
const PROMPT_MAX_WORDS: usize = 30;

/// Whether a paragraph may open a question: it ends in `?` and is short
/// enough to be asked, or it prompts in a few words (`Tell me more about
/// that.`); and it is not about the speaker's own doings.
fn may_ask(p: &Para) -> bool {
    (is_magazine_question(p)
        || (p.marker == Marker::None
            && word_count(&p.text) <= PROMPT_MAX_WORDS
            && asks_in_words(&p.text)))
        && person(&p.text) != Person::Own
        && !is_rhetorical(&p.text)
}

/// A filler put as a question (`You know what I mean?`, `And guess what?`):
/// the whole paragraph is one of them, after `and`, `but` or `so`.
fn is_rhetorical(text: &str) -> bool {
    let lower = text.to_lowercase().replace('’', "'");
    let t = lower.trim().trim_end_matches(['?', '!', '.']).trim_end();
    let t = ["and ", "but ", "so ", "like, ", "i mean, "]
        .iter()
        .fold(t, |t, p| t.strip_prefix(p).unwrap_or(t));
    RHETORICAL.contains(&t)
}

/// Which paragraphs ask: runs of paragraphs that may ask (see
/// [`may_ask`]), less the tag remarks the other side only agreed with.
pub(super) fn questions(paras: &[Para]) -> Vec<bool> {
    let n = paras.len();
    let asking: Vec<bool> = paras.iter().map(may_ask).collect();
    // Runs of asking paragraphs: (start, end).
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < n {
        if !asking[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && asking[i] {
            i += 1;
        }
        runs.push((start, i));
    }
    // From the last run back, so that a remark dropped later in the text
    // lets the reply before it run on to the next question kept.
    let mut flags = vec![false; n];
    let mut next_start = n;
    for &(start, end) in runs.iter().rev() {
        let reply: usize = paras[end..next_start]
            .iter()
            .map(|p| word_count(&p.text))
            .sum();
        let agreed = paras.get(end).is_some_and(|p| agrees(&p.text));
        if is_tag_question(&paras[end - 1].text) && agreed && reply < TAG_REPLY_MIN_WORDS {
            continue;
        }
        flags[start..end].fill(true);
        next_start = start;
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::lines::{Emphasis, Marker};
    use std::borrow::Cow;

    fn para(text: &str) -> Para<'static> {
        Para {
            text: text.to_string(),
            first: 1,
            last: 1,
            marker: Marker::None,
            prefix: Cow::Borrowed(""),
            emphasis: Emphasis::None,
        }
    }

    #[test]
    fn pronouns_tell_whom_a_sentence_is_about() {
        assert_eq!(
            person("How long have you been on the board?"),
            Person::Addresses
        );
        assert_eq!(person("I just how hard can it be?"), Person::Own);
        assert_eq!(person("Can I represent the logo here?"), Person::Own);
        // Hedges and imperatives say nothing of the speaker.
        assert_eq!(
            person("And I think it's really interesting to cover some of that."),
            Person::Neutral
        );
        assert_eq!(person("Tell me more?"), Person::Neutral);
        assert_eq!(person("I told you so, and I was right."), Person::Neutral);
        assert_eq!(person("I was there, and my brother too."), Person::Own);
        assert_eq!(person("It was really tough."), Person::Neutral);
        assert_eq!(
            person("You’ve written a couple of articles."),
            Person::Addresses
        );
        // `you know` fills; `do you know` asks.
        assert_eq!(person("And you know what?"), Person::Neutral);
        assert_eq!(person("You know what I mean?"), Person::Own);
        assert_eq!(person("Do you know the way?"), Person::Addresses);
    }

    #[test]
    fn back_channel_is_said_inside_the_other_voice_s_turn() {
        let paras: Vec<Para> = [
            "Is the light automatic now?",
            "Yes.", // answers the question: a written Q&A's too
            "I paint, I oil the mechanism, I log the weather.",
            "Right.", // inside what the other says: two voices
            "(Laughter)",
            "Thank you.",
            "And the storms are the best part.",
            "Mm-hmm, yeah.",
        ]
        .into_iter()
        .map(para)
        .collect();
        assert_eq!(back_channels(&paras), 2);
        assert!(!is_back_channel(&para("You know what I mean?")));
    }

    #[test]
    fn tags_ask_for_agreement() {
        assert!(is_tag_question("That happened a couple days ago, right?"));
        assert!(is_tag_question("It's hard sometimes, isn't it?"));
        assert!(is_tag_question("It resonated, huh?"));
        assert!(is_tag_question("You liked it, don't you think?"));
        assert!(!is_tag_question("How long have you been on the board?"));
        assert!(!is_tag_question("So, what happened next?"));
        assert!(!is_tag_question("That was a point, wasn't it."));
    }

    #[test]
    fn a_question_is_the_paragraph_that_asks_and_nothing_before_it() {
        let paras: Vec<Para> = [
            "I was crying a lot during the homework.",
            "And it was just really tough.",
            "Were you wondering what you had gotten into?", // 2 asks
            "Yeah, seriously.",
            "You learn fast that you are not in charge.", // a guest's `you`
            "You know what I mean?",                      // a filler
            "Right.",
            "You've written a couple of articles about your path.",
            "Can you maybe tell us how you got here?", // 8 asks
        ]
        .into_iter()
        .map(para)
        .collect();
        let flags = questions(&paras);
        let taken: Vec<usize> = (0..paras.len()).filter(|&i| flags[i]).collect();
        // Not 7: a host's set-up and a guest's general `you` look alike.
        assert_eq!(taken, vec![2, 8]);
    }

    #[test]
    fn a_short_prompt_asks_and_a_story_that_says_tell_me_does_not() {
        assert!(may_ask(&para("Tell me more about that.")));
        // Longer than a prompt: a story with `tell me` in it.
        assert!(!may_ask(&para(
            "Tell me about the harbour, the old guide would say to each new group, and \
             then he would talk for an hour about boats, nets, storms and the winter the \
             whole bay froze over and nobody fished."
        )));
        assert!(!may_ask(&para("I kept thinking, how hard can it be?")));
    }

    #[test]
    fn a_tag_remark_that_only_drew_agreement_opens_no_question() {
        let long_reply = "It definitely did, and then I went on to build a whole lot of things \
                          with it over the years that followed, in many places and for many people, \
                          some of them still running today in production at companies large and \
                          small across the world, which still surprises me every single time.";
        let paras: Vec<Para> = [
            "Yeah, the context switching is hard sometimes, isn't it?",
            "It really is.",
            "So did you learn Python on your own?",
            long_reply,
            "And the simplicity of Python really resonated with you, huh?",
            long_reply,
            long_reply,
        ]
        .into_iter()
        .map(para)
        .collect();
        let flags = questions(&paras);
        assert_eq!(flags, vec![false, false, true, false, true, false, false]);
        // Denied rather than agreed with: the tag asked after all.
        let paras: Vec<Para> = [
            "And you were one of the people being sued, right?",
            "No, I was not.",
            "So did you learn Python on your own?",
            long_reply,
        ]
        .into_iter()
        .map(para)
        .collect();
        assert_eq!(questions(&paras), vec![true, false, true, false]);
    }
}
