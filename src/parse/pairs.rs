//! Turns → pairs: what opens a question (it asks, its speaker asks, a lead-in
//! over it), what stays inside a pair (thanks, hand-offs, interjections),
//! and the mark on every turn's first paragraph saying its role and why.

use super::lexicon::{
    AD_READS, FLOOR_GIVING, FLOOR_PASSING, INFERENCE_OPENERS, PROMPTS, QUESTION_OPENINGS,
    REACTION_OPENERS, REPEAT_REQUESTS, SECOND_PERSON, SENTENCE_FILLERS, asker_person_word,
    back_channel_word, greeting_filler, greeting_word, is_abbreviation, remark_pronoun,
};
use super::lines::{Emphasis, Marker};
use super::paragraphs::Para;
use super::roles::Role;
use super::scan::{with_lowercase, word_count};
use super::segment::Segmented;
use super::turns::Turn;
use crate::model::{DocKind, Format, Pair, Paragraph, TurnMark, TurnRole, Why};

/// Holds a question mark: `?`, full-width `？` (Chinese, Japanese), Arabic
/// `؟`, or Spanish `¿`.
pub(super) fn has_question(s: &str) -> bool {
    s.contains(['?', '？', '؟', '¿'])
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
        if reported_question(s, q) {
            from = q + 1;
            while !s.is_char_boundary(from) {
                from += 1;
            }
            continue;
        }
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
    asks_in_cjk(s)
}

/// Wide characters (kana, CJK ideographs, Hangul) a sentence without
/// spaces needs to ask rather than name someone (`王先生？`, `田中さん？`
/// hand over the floor).
const CJK_QUESTION_MIN_CHARS: usize = 6;

/// Holds a character from U+3000 up (kana, CJK, Hangul: a first byte of
/// 0xE3 or more in UTF-8). A fold over the bytes, which the compiler
/// vectorises — `any` stops at each byte, and this is asked of every turn
/// that did not ask with a `?`.
fn has_wide_chars(s: &str) -> bool {
    s.as_bytes()
        .iter()
        .fold(0u8, |m, &b| m | u8::from(b >= 0xE3))
        != 0
}

/// Asks in Chinese, Japanese or Korean, which put no spaces between words
/// (so the word count above sees one word): a sentence of enough wide
/// characters ending in `？`, or in Japanese's sentence-final `か`, which
/// asks as often with a plain `。` as with `？` (`…ありますか。`).
fn asks_in_cjk(s: &str) -> bool {
    if !has_wide_chars(s) {
        return false;
    }
    let asked_enough = |sentence: &str| {
        sentence.chars().filter(|&c| c >= '\u{3000}').count() >= CJK_QUESTION_MIN_CHARS
    };
    // `そうですか。` (I see), `…じゃないですか。` (…, isn't it),
    // `…でしょうか。` said of oneself: `か` that asks nobody.
    let ends_in_ka = |sentence: &str| {
        let s = sentence.trim_end_matches(['」', '）', '』', ' ']);
        s.ends_with('か')
            && ![
                "そうですか",
                "そうなんですか",
                "じゃないですか",
                "ではないでしょうか",
            ]
            .iter()
            .any(|e| s.ends_with(e))
    };
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if matches!(c, '。' | '？' | '?' | '！' | '!') {
            let sentence = &s[start..i];
            let asked = matches!(c, '？' | '?') || (c == '。' && ends_in_ka(sentence));
            if asked && asked_enough(sentence) {
                return true;
            }
            start = i + c.len_utf8();
        }
    }
    let rest = &s[start..];
    ends_in_ka(rest) && asked_enough(rest)
}

/// The `?` at `q` closes a quotation that opened inside a sentence: a
/// question told, not asked (`People said, “Did Twitch add it?” Turned
/// out…`). A quotation that opens the text or a sentence is the speaker's
/// own words.
fn reported_question(s: &str, q: usize) -> bool {
    if s.as_bytes()[q] != b'?' {
        return false;
    }
    let after = &s[q + 1..];
    let opener = if after.starts_with('”') {
        '“'
    } else if after.starts_with('»') {
        '«'
    } else if after.starts_with('"') {
        '"'
    } else {
        return false;
    };
    let Some(open) = s[..q].rfind(opener) else {
        return false;
    };
    let before = s[..open].trim_end();
    !before.is_empty() && !before.ends_with(['.', '!', '?', '？', '…'])
}

pub(super) fn ends_question(s: &str) -> bool {
    s.trim_end_matches(['"', '”', '»', '’', ')', ' ', '*'])
        .ends_with(['?', '？'])
}

/// Greetings, thanks and goodbyes: said between the asker and the answerer, but not a question.
pub fn is_greeting(text: &str) -> bool {
    // At most fourteen words: anything longer says more than hello.
    text.len() <= 160 && !has_question(text) && greeting_words(text)
}

/// Whether the words of `text` are a greeting's: one key word or more
/// (`thank`, `hello`), fillers (`you`, `very`, `much`), and at most three
/// others — names and a title (`Thank you, Jen`, `Thank you, Mr. Secretary`).
fn greeting_words(text: &str) -> bool {
    let (mut words, mut key, mut other) = (0usize, 0usize, 0usize);
    // Each word tallied; false once the answer is already no.
    let mut tally = |w: &str| {
        words += 1;
        with_lowercase(w, |lower| {
            if greeting_word(lower) {
                key += 1;
            } else if !greeting_filler(lower) {
                other += 1;
            }
        });
        words <= 14 && other <= 3
    };
    if text.is_ascii() {
        // Most text: words cut at bytes, no char decoding (this runs for
        // every short turn of every document).
        let word_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'\'';
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let start = i;
            while i < bytes.len() && word_byte(bytes[i]) {
                i += 1;
            }
            if i > start && !tally(&text[start..i]) {
                return false;
            }
            i += 1;
        }
    } else {
        for w in text
            .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .filter(|w| !w.is_empty())
        {
            if !tally(w) {
                return false;
            }
        }
    }
    words > 0 && key >= 1
}

/// The most words an asking turn may have and still be only a floor
/// request, thanks or back-channel (what turn-check counts as filler).
const ASIDE_MAX_WORDS: usize = 4;

/// The most words of a question the answering side puts back (`Box 3?`,
/// `For whom I program?`) to hear what was meant: the asker's reply to it
/// is no new question.
const CLARIFICATION_MAX_WORDS: usize = 12;

/// One asker with at least this share of the asking turns (3 in 4) hosts
/// the conversation, however many others put a word in.
const HOST_SHARE_NUM: usize = 3;
const HOST_SHARE_DEN: usize = 4;

/// An answer this long (in words) is an answer at length: a short prompt
/// it follows was a question, and an exchange it ends was complete.
const ANSWER_AT_LENGTH: usize = 40;

/// A named speaker's statement answered in this many words or more was put
/// to the other side (a judge's challenge, an interviewer's topic): a
/// question. Banter gets a few words back (`Thanks for having me.`).
const STATEMENT_ANSWERED: usize = 40;

/// A named host's statement of at most this many words, said with a
/// pronoun, that neither asks, prompts nor sums up (`It was a low bar.`,
/// `Roger, we're standing by.`) is a remark on what was said, not a
/// question: measured on the blind set's tuning half, where chatty hosts'
/// remarks drew long answers that made them questions (see the README's
/// blind-set figures; in the corpus, NASA and Kremlin turns such as
/// `Roger. We're just standing by.` stop being questions).
const REMARK_MAX_WORDS: usize = 12;

/// The most words `plan_asking` ever needs to count in a turn: one more
/// than its largest threshold. Past it, every comparison comes out the same.
const WORDS_ENOUGH: usize = 1 + if ANSWER_AT_LENGTH > STATEMENT_ANSWERED {
    ANSWER_AT_LENGTH
} else {
    STATEMENT_ANSWERED
};

/// The words of `text`, or `cap` or more when it has at least that many:
/// a long answer is counted from its start only (most answers are much
/// longer than any threshold they are compared with).
fn words_up_to(text: &str, cap: usize) -> usize {
    // Twelve bytes a word is generous for every script: a head that already
    // holds `cap` words settles it; a word cut in two at its end still
    // counts once, so the head never holds more words than the whole.
    let head = &text[..text.floor_char_boundary(cap * 12)];
    let n = word_count(head);
    if n >= cap || head.len() == text.len() {
        n
    } else {
        word_count(text)
    }
}

/// A reply this short (in words) between a floor request and the question
/// is part of the floor exchange (`Go ahead.`, `Good afternoon.`).
const FLOOR_REPLY_MAX_WORDS: usize = 15;

/// Keeps a conversation going but asks nothing a reader would list: a
/// greeting or thanks, back-channel (`Yes.`, `Okay, Jen.`, `Mm-hmm.`), a
/// stage direction (`(Inaudible.)`), or a start cut off (`Karine —`,
/// `And —`). Whatever its speaker's role, such a turn opens no pair.
pub fn asks_nothing(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() || t.len() > 160 || has_question(t) || asks_in_cjk(t) {
        return false;
    }
    // The first words, up to one more than an aside may have: no list.
    let mut words = [""; ASIDE_MAX_WORDS + 1];
    let mut count = 0;
    for w in t
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')))
        .filter(|w| w.chars().any(char::is_alphanumeric))
    {
        if count > ASIDE_MAX_WORDS {
            return greeting_words(t);
        }
        words[count] = w;
        count += 1;
    }
    if count > ASIDE_MAX_WORDS {
        return greeting_words(t);
    }
    let words = &words[..count];
    let bare = t.trim_end_matches(['.', '!']);
    let stage =
        (t.starts_with('(') && bare.ends_with(')')) || (t.starts_with('[') && bare.ends_with(']'));
    let cut_off = t.ends_with(['—', '–', '-', '…']) || t.ends_with("..");
    if words.is_empty() || stage || cut_off {
        return true;
    }
    // Back-channel words and at most one name or title (`Okay, Jen.`).
    let mut others = words
        .iter()
        .filter(|w| !with_lowercase(w, back_channel_word));
    let back_chat = match (others.next(), others.next()) {
        (None, _) => true,
        (Some(name), None) => {
            words.len() > 1 && name.chars().next().is_some_and(char::is_uppercase)
        }
        _ => false,
    };
    back_chat || greeting_words(t)
}

/// Why an asking turn may not be a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NotAsking {
    /// Back-channel, thanks, a floor request: never a question.
    Closed,
    /// Four words or fewer that say something (`Housing.`).
    ShortPrompt,
    /// A named speaker's statement that neither asks nor prompts.
    Statement,
    /// A host's few words on what the guest just said (`It was a low
    /// bar.`): never a question, however long the guest goes on after it.
    Remark,
}

/// How an asking turn is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Asking {
    /// It opens a pair (or continues the one a lead-in opened).
    Question,
    /// Said inside the current pair (or before the first question).
    Aside,
    /// Part of a short exchange that leads into the next question.
    Lead,
    /// `-- State, North Carolina, did…`: the asker goes on with the
    /// sentence a short interjection cut (`Right.`); one question with it.
    Continues,
    /// The question put again after a request to repeat it: inside the
    /// pair it repeats.
    Repeats,
}

/// A turn that starts by going on with a sentence cut off before (`--`,
/// `—`, `…`), as court reporters and careful transcribers write it.
fn continues_sentence(text: &str) -> bool {
    text.starts_with("--")
        || text.starts_with(['—', '–', '…'])
        || text.starts_with("...") && !text.starts_with("....")
}

/// What each turn is, for the asking turns that ask nothing: said inside the
/// current pair, or — when a short exchange ends in the next question
/// (`Q Karine —` / `Go ahead.` / `Q Thank you. On Ukraine…?`) — that
/// question's lead. A short prompt that asks without `?` (`Your childhood.`)
/// is still a question when it opens a new exchange and is answered at
/// length. Only for formats whose turns are known by their speaker: in the
/// others, the page marks what is a question.
fn plan_asking(format: Format, turns: &[Turn]) -> (Vec<Asking>, Vec<Option<NotAsking>>) {
    let mut plan = vec![Asking::Question; turns.len()];
    if !matches!(format, Format::LabelledSpeakers | Format::DashTurns) {
        return (plan, vec![None; turns.len()]);
    }
    // Each turn's words, counted once when first asked (a long answer is
    // looked at again for every short turn before it), and only as far as
    // any rule here needs: every threshold is at most `WORDS_ENOUGH`.
    let counted: Vec<std::cell::Cell<Option<usize>>> = (0..turns.len())
        .map(|_| std::cell::Cell::new(None))
        .collect();
    let words = |i: usize| -> usize {
        counted[i].get().unwrap_or_else(|| {
            let mut n = 0;
            for p in &turns[i].paras {
                n += words_up_to(&p.text, WORDS_ENOUGH);
                if n >= WORDS_ENOUGH {
                    break;
                }
            }
            let n = n.min(WORDS_ENOUGH);
            counted[i].set(Some(n));
            n
        })
    };
    let is_asker = |t: &Turn| t.role == Role::Ask;
    // One or two people ask (an interview, a podcast), or one asks nearly
    // everything (counsel examining a witness, with a word from the chair):
    // their statements are weighed as a host's (see
    // `NotAsking::Statement`). Where many ask — a bench of judges, a room
    // of journalists — each one's statement is put to the other side.
    let mut askers: Vec<(&str, usize)> = Vec::new();
    for t in turns.iter().filter(|t| is_asker(t)) {
        if let Some(name) = t.speaker.as_deref() {
            match askers.iter_mut().find(|(n, _)| *n == name) {
                Some((_, count)) => *count += 1,
                None => askers.push((name, 1)),
            }
        }
    }
    let asking_turns: usize = askers.iter().map(|(_, n)| n).sum();
    let most = askers.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let hosted = askers.len() <= 2 || most * HOST_SHARE_DEN >= asking_turns * HOST_SHARE_NUM;
    // What an asking turn that is not plainly a question is; None for one
    // that is (it asks, or its label is a role like `Q` that marks questions).
    let kind = |t: &Turn| -> Option<NotAsking> {
        if !is_asker(t) || t.asks {
            return None;
        }
        // `Alone?`, `Jen?`: a question mark is left to what decided before.
        let text = short_text(t);
        let person = t.speaker.is_some()
            || t.paras
                .first()
                .and_then(|p| p.speaker.as_deref())
                .is_some_and(|l| {
                    let base =
                        l.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ' || c == '.');
                    asker_person_word(&base.to_lowercase())
                });
        let named = format == Format::LabelledSpeakers && person && hosted;
        if !text.is_empty() && !has_question(&text) {
            if asks_nothing(&text) {
                return Some(NotAsking::Closed);
            }
            if word_count(&text) <= ASIDE_MAX_WORDS {
                // A person's few words that stop mid-sentence (`Nice to`,
                // `I'm your fellow`: a recogniser split a sentence at a
                // pause) are a fragment, not a prompt.
                let fragment = named && text.trim_end().ends_with(char::is_alphanumeric);
                // A named host's few words with a pronoun (`That's huge.`)
                // are a remark, as longer ones are (see below), not a
                // topic (`Housing.`).
                // (Not one said to the guest: `They fired you.` puts it to
                // them.)
                let remark = named
                    && (says_with_pronoun(&text) || reacts(&text))
                    && !says_to_the_other_side(&text)
                    && !draws_inference(&text)
                    && !asks_in_words(&text);
                return Some(if fragment {
                    NotAsking::Closed
                } else if remark {
                    NotAsking::Remark
                } else {
                    NotAsking::ShortPrompt
                });
            }
        }
        // A named host's statement (`Welcome to the show…`, `Yeah, that
        // would have been cool.`) asks only when it prompts or is answered at
        // length; a role label (`Q:`) marks a question whatever it says.
        // (Whether it prompts is asked only of a statement answered briefly:
        // see `says` below.)
        // (Cheapest test first: this is asked of every named host's
        // statement.)
        if named
            && !text.is_empty()
            && word_count(&text) <= REMARK_MAX_WORDS
            && !has_question(&text)
            && (says_with_pronoun(&text) || reacts(&text) && !says_to_the_other_side(&text))
            && !draws_inference(&text)
            && !asks_in_words(&text)
        {
            return Some(NotAsking::Remark);
        }
        named.then_some(NotAsking::Statement)
    };
    // A statement that asks after all, in words rather than with a `?`.
    let says = |t: &Turn| {
        t.paras
            .iter()
            .any(|p| has_question(&p.text) || asks_in_words(&p.text))
    };
    // Each turn's kind, worked out once.
    let mut kinds: Vec<Option<NotAsking>> = turns.iter().map(kind).collect();
    // Words answered before the next asking turn.
    let answered = |i: usize| -> usize {
        (i + 1..turns.len())
            .take_while(|&k| !is_asker(&turns[k]))
            .map(words)
            .sum()
    };
    // Answered, before the next asking turn, with nothing but back-channel
    // (`Okay.`, `Yes.`): a request to keep one's voice up, a summary, an
    // instruction was heeded, not answered.
    let acknowledged_only = |k: usize| {
        // (A `?` asks, whatever the reply: `In Fife?` / `That's right.`;
        // so does a clause that opens as a question, `?` lost or not:
        // `Did you see him that night.` / `No.`)
        if turns[k]
            .paras
            .iter()
            .any(|p| has_question(&p.text) || opens_as_question(&p.text))
        {
            return false;
        }
        let mut replies = turns[k + 1..]
            .iter()
            .take_while(|t| !is_asker(t))
            .peekable();
        replies.peek().is_some() && replies.all(|t| asks_nothing(&short_text(t)))
    };
    // A sponsor's message read between two answers (see `reads_an_ad`)
    // asks nothing, however long the answer after it. (Looked for only in
    // the statements that length would make questions.)
    for k in 0..turns.len() {
        if kinds[k] == Some(NotAsking::Statement)
            && answered(k) >= STATEMENT_ANSWERED
            && reads_an_ad(&turns[k])
        {
            kinds[k] = Some(NotAsking::Closed);
        }
    }
    let kinds = kinds;
    // An asking turn that asks after all: plainly, or answered at length.
    let asks_at = |k: usize| match kinds[k] {
        None => true,
        Some(NotAsking::Closed | NotAsking::Remark) => false,
        Some(NotAsking::ShortPrompt) => answered(k) >= ANSWER_AT_LENGTH,
        Some(NotAsking::Statement) => {
            answered(k) >= STATEMENT_ANSWERED || (says(&turns[k]) && !acknowledged_only(k))
        }
    };
    for i in 0..turns.len() {
        if is_asker(&turns[i])
            && turns[i]
                .paras
                .first()
                .is_some_and(|p| continues_sentence(&p.text))
            && let Some(j) = (0..i).rev().find(|&j| is_asker(&turns[j]))
        {
            let between: usize = (j + 1..i).map(words).sum();
            // Whether they said anything before whose sentence this goes on.
            let spoke_before = turns[..i]
                .iter()
                .any(|t| is_asker(t) && t.speaker == turns[i].speaker);
            plan[i] = if turns[j].speaker == turns[i].speaker
                && between <= FLOOR_REPLY_MAX_WORDS
                && matches!(plan[j], Asking::Question | Asking::Continues)
            {
                Asking::Continues
            } else if !spoke_before && asks_at(i) && words(i) > FLOOR_REPLY_MAX_WORDS {
                // Nothing of theirs to go on with (`—a plan for dealing with
                // a default…?`, its start lost on the line): a question
                // of its own, when it asks.
                Asking::Question
            } else {
                Asking::Aside
            };
            continue;
        }
        // `Can you repeat the question?` / `Sure: what were the issues…?`:
        // the question put again belongs to the pair it repeats. (Told by
        // bytes, not words: this is asked of every asking turn.)
        if is_asker(&turns[i])
            && let Some(j) = (i.saturating_sub(3)..i)
                .rev()
                .find(|&j| is_asker(&turns[j]))
            && j + 1 < i
            && plan[j] == Asking::Question
            && turns[j].speaker == turns[i].speaker
            && turns[j + 1..i]
                .iter()
                .flat_map(|t| &t.paras)
                .map(|p| p.text.len())
                .sum::<usize>()
                <= REPEAT_REQUEST_MAX_BYTES
            && turns[j + 1..i]
                .iter()
                .any(|t| t.paras.iter().any(|p| asks_to_repeat(&p.text)))
        {
            plan[i] = Asking::Repeats;
            continue;
        }
        let Some(not_asking) = kinds[i] else {
            continue;
        };
        // `So suppose that this` / `Yes.` / `-- State, Ohio, taxed…?`: cut
        // off and gone on with right after, it is the start of a question.
        let continued = (i + 1..turns.len())
            .find(|&k| is_asker(&turns[k]))
            .is_some_and(|k| {
                turns[k].speaker == turns[i].speaker
                    && turns[k]
                        .paras
                        .first()
                        .is_some_and(|p| continues_sentence(&p.text))
                    && (i + 1..k).map(words).sum::<usize>() <= FLOOR_REPLY_MAX_WORDS
            });
        if continued {
            continue;
        }
        // `For whom I program?` / `Or whom you write the code for`: the
        // other side asked what the question meant, and this is the reply —
        // the same question still, whatever its length.
        let clarifies = i > 0
            && !is_asker(&turns[i - 1])
            && words(i - 1) <= CLARIFICATION_MAX_WORDS
            && turns[i - 1].paras.iter().any(|p| ends_question(&p.text))
            && !turns[i].paras.iter().any(|p| has_question(&p.text))
            // (`Does that make sense?` / `Totally. So tell me about
            // Berlin.`: a prompt is a question of its own.)
            && !says(&turns[i]);
        if clarifies {
            plan[i] = Asking::Aside;
            continue;
        }
        match not_asking {
            NotAsking::Closed | NotAsking::Remark => {}
            // A short prompt (`Housing.`): a question when the exchange
            // before it was complete and the answer after it is long.
            NotAsking::ShortPrompt => {
                let before: usize = (0..i)
                    .rev()
                    .take_while(|&k| !is_asker(&turns[k]))
                    .map(words)
                    .sum();
                let opens =
                    i == 0 || before >= ANSWER_AT_LENGTH || !turns[..i].iter().any(is_asker);
                if opens && answered(i) >= ANSWER_AT_LENGTH {
                    continue;
                }
            }
            // A statement that sets up a topic is answered at length; one
            // the same speaker's question follows at once is its preface
            // (`Let us move on to your work.` / `What made you write it?`).
            NotAsking::Statement
                if answered(i) >= STATEMENT_ANSWERED
                    || (says(&turns[i]) && !acknowledged_only(i))
                    || turns.get(i + 1).is_some_and(|n| {
                        is_asker(n) && n.speaker == turns[i].speaker && asks_at(i + 1)
                    }) =>
            {
                continue;
            }
            NotAsking::Statement => {}
        }
        if plan[i] == Asking::Lead {
            continue;
        }
        // A short exchange that ends in a question leads into it.
        let mut j = i + 1;
        while j < turns.len()
            && (matches!(kinds[j], Some(NotAsking::Closed | NotAsking::Remark))
                || !is_asker(&turns[j])
                    && turns[j].role != Role::Facilitate
                    && words(j) <= FLOOR_REPLY_MAX_WORDS)
        {
            j += 1;
        }
        if j < turns.len() && is_asker(&turns[j]) && asks_at(j) {
            plan[i..j].fill(Asking::Lead);
        } else {
            plan[i] = Asking::Aside;
        }
    }
    (plan, kinds)
}

/// Asks in words, without a `?`: a clause that prompts — an imperative or
/// a stated wish to know (`Tell me about…`, `Let's talk about Go.`, `I'd
/// love to hear…`) — or opens as a question does (`And what were the main
/// issues…`, `Did you ever use…`), after any `and`, `so`, `okay`.
pub(super) fn asks_in_words(text: &str) -> bool {
    japanese_request(text) || opens_with(text, &[PROMPTS, QUESTION_OPENINGS])
}

/// A word of it is the other side's (`you`, `your`: see
/// [`SECOND_PERSON`]).
fn says_to_the_other_side(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .any(|w| with_lowercase(&w.replace('’', "'"), |w| SECOND_PERSON.contains(&w)))
}

/// It is a reaction to what was just said, in one sentence that opens
/// with a word of [`REACTION_OPENERS`] (`Oh, no way.`, `Right, a rounder
/// picture.`); one that goes on to a sentence of its own (`Okay. Housing.`)
/// may be putting a topic.
fn reacts(text: &str) -> bool {
    let text = text.trim_end_matches(|c: char| matches!(c, '.' | '!' | '…') || c.is_whitespace());
    if text.contains(['.', '!', '?', '…']) {
        return false;
    }
    let mut words = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty());
    let Some(first) = words.next() else {
        return false;
    };
    let first = first.to_lowercase();
    let second = words.next().map(str::to_lowercase);
    REACTION_OPENERS.contains(&first.as_str())
        || matches!(
            (first.as_str(), second.as_deref()),
            ("i", Some("see" | "know")) | ("no", Some("way"))
        )
}

/// A word of it is a pronoun a remark is said with (see
/// [`remark_pronoun`]).
fn says_with_pronoun(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .any(|w| {
            if w.contains('’') {
                remark_pronoun(&w.to_lowercase().replace('’', "'"))
            } else {
                with_lowercase(w, remark_pronoun)
            }
        })
}

/// A sentence of it opens, past interjections (`Okay, so…`, `I see. So
/// that would…`), with a word that draws a conclusion from what was said
/// (see [`INFERENCE_OPENERS`]).
fn draws_inference(text: &str) -> bool {
    text.split(['.', '!', '?', ';', ':', '—', '–', '…'])
        .take(3)
        .any(|sentence| {
            for word in sentence
                .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
                .filter(|w| !w.is_empty())
                .take(4)
            {
                let word = word.to_lowercase();
                if INFERENCE_OPENERS.contains(&word.as_str()) {
                    return true;
                }
                if !SENTENCE_FILLERS.contains(&word.as_str()) {
                    return false;
                }
            }
            false
        })
}

/// A clause of `text` opens with a phrase of one of `lists`.
fn opens_with(text: &str, lists: &[&[&str]]) -> bool {
    clause_starts(text, |start| {
        let first = start.as_bytes()[0];
        lists
            .iter()
            .flat_map(|l| l.iter())
            .filter(|p| p.as_bytes()[0] == first)
            .any(|p| starts_with_words(start, p))
    })
}

/// One automaton for every phrase of a lexicon list, case aside (ASCII):
/// built once (in a `LazyLock`), it finds any of them in one pass over a
/// text rather than one pass per phrase.
fn phrase_automaton(phrases: &[&str]) -> aho_corasick::AhoCorasick {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(phrases)
        .expect("a lexicon's phrases are plain strings")
}

/// How far into a turn a sponsor's message is looked for (bytes): a read
/// says whose it is in its first sentences.
const AD_READ_HEAD: usize = 240;

/// `Back to the show in a moment. When it comes to securing your…`: a
/// host's turn that reads a sponsor's message to the listeners (see
/// [`AD_READS`]); it asks the guest nothing, however the guest goes on
/// after it.
fn reads_an_ad(t: &Turn) -> bool {
    // (Asked of every named host's statement that is answered at length.)
    static PHRASES: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| phrase_automaton(AD_READS));
    t.paras.first().is_some_and(|p| {
        let head = &p.text.as_bytes()[..p.text.len().min(AD_READ_HEAD)];
        // Whole words (`because code` is no `use code`, `your sponsor` no
        // `our sponsor`).
        PHRASES.find_iter(head).any(|m| {
            !head[..m.start()]
                .last()
                .is_some_and(u8::is_ascii_alphanumeric)
                && !head.get(m.end()).is_some_and(u8::is_ascii_alphanumeric)
        })
    })
}

/// A clause that opens as a question does (`Did you…`, `And what were…`),
/// whatever ends it.
fn opens_as_question(text: &str) -> bool {
    opens_with(text, &[QUESTION_OPENINGS])
}

/// A request in Japanese (`…聞かせてください。`, `…お願いします。`): a
/// sentence ending in the polite imperative prompts as `Tell me…` does.
fn japanese_request(text: &str) -> bool {
    if !has_wide_chars(text) {
        return false;
    }
    text.split(['。', '！', '？', '?', '!'])
        .map(|s| s.trim_end_matches(['」', '）', ' ']))
        .any(|s| {
            // (`よろしくお願いします`: a greeting.)
            !s.ends_with("よろしくお願いします")
                && ["ください", "下さい", "お願いします", "教えて"]
                    .iter()
                    .any(|end| s.ends_with(end))
        })
}

/// The longest reply (in bytes, every turn of it) that may be a request
/// to hear the question again.
const REPEAT_REQUEST_MAX_BYTES: usize = 160;

/// Asks for the question again (`Can you repeat the, the last…`,
/// `Sorry, what do you mean?`).
fn asks_to_repeat(text: &str) -> bool {
    // (Asked of every short reply between two questions.)
    static PHRASES: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| phrase_automaton(REPEAT_REQUESTS));
    let found = |t: &str| {
        PHRASES.find_iter(t).any(|m| {
            // Whole words (`someone more time` is not `one more time`), and
            // `one more time` only in a reply that asks (`Yes, one more
            // time, in 1998.` answers).
            let whole = !t[..m.start()].ends_with(char::is_alphanumeric)
                && !t[m.end()..].starts_with(char::is_alphanumeric);
            whole && (!t[m.range()].eq_ignore_ascii_case("one more time") || has_question(t))
        })
    };
    // Case aside beyond ASCII too (`Что вы имеете в виду?`), and curly
    // apostrophes as straight ones.
    if text.is_ascii() {
        found(text)
    } else {
        found(&text.to_lowercase().replace('’', "'"))
    }
}

/// `s` starts with the words `p`, and `p` ends at a word's end.
fn starts_with_words(s: &str, p: &str) -> bool {
    s.starts_with(p)
        && s[p.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// Whether `test` holds for some clause of `text` — its first few dozen
/// characters, lower-cased, straight apostrophes, leading fillers (`and`,
/// `so`, `okay`, `um`) skipped. Clauses start the text and follow `.`,
/// `!`, `?`, `;`, `:` and dashes. Only the clause starts are lower-
/// cased: a long answer costs little.
fn clause_starts(text: &str, test: impl Fn(&str) -> bool) -> bool {
    // Where each clause starts; only the first three and the last three are
    // looked at: a turn prompts as it opens or as it ends, and a long
    // statement costs no more than a short one (its middle is not even
    // scanned: the first marks are found from the start, the last from the
    // end).
    let mark = |(_, c): &(usize, char)| matches!(c, '.' | '!' | '?' | ';' | ':' | '—' | '–');
    let after = |(i, c): (usize, char)| i + c.len_utf8();
    let mut starts = [0usize; 6];
    let mut n = 1;
    for at in text.char_indices().filter(mark).take(2).map(after) {
        starts[n] = at;
        n += 1;
    }
    for at in text.char_indices().rev().filter(mark).take(3).map(after) {
        if !starts[..n].contains(&at) {
            starts[n] = at;
            n += 1;
        }
    }
    let mut head = String::with_capacity(48);
    starts[..n].iter().any(|&at| {
        let rest = text[at..].trim_start_matches(|c: char| !c.is_alphanumeric());
        // Fillers and the longest phrase fit in 40 bytes.
        let cut = rest.floor_char_boundary(rest.len().min(40));
        head.clear();
        for c in rest[..cut].chars() {
            match c {
                '’' => head.push('\''),
                c if c.is_ascii() => head.push(c.to_ascii_lowercase()),
                c => head.extend(c.to_lowercase()),
            }
        }
        let mut start = head.as_str();
        loop {
            let word_end = start
                .find(|c: char| !c.is_alphanumeric() && c != '\'')
                .unwrap_or(start.len());
            if word_end == 0 || !SENTENCE_FILLERS.contains(&&start[..word_end]) {
                break;
            }
            start = start[word_end..].trim_start_matches([' ', ',']);
        }
        !start.is_empty() && test(start)
    })
}

/// What a question asks, for a one-line list of questions: from its first
/// sentence that asks (`?`), past greetings, thanks, the address (`Chair
/// Powell.`), the asker's introduction (`Colby Smith with the Financial
/// Times.`) and the setting-up before it; if none asks, from the first
/// sentence that says more than hello. The rest of the text follows, for a
/// wide pane.
pub fn gist(question: &str) -> &str {
    let starts = sentence_starts(question);
    let sentence = |i: usize| {
        let end = starts.get(i + 1).copied().unwrap_or(question.len());
        question[starts[i]..end].trim()
    };
    let idle =
        |s: &str| !has_question(s) && (is_greeting(s) || word_count(s) <= 3 || introduces_asker(s));
    let first_said = (0..starts.len()).find(|&i| !idle(sentence(i)));
    let asking = (0..starts.len()).find(|&i| has_question(sentence(i)) && !idle(sentence(i)));
    match asking.or(first_said) {
        Some(i) => question[starts[i]..].trim(),
        None => question.trim(),
    }
}

/// `Colby Smith with the Financial Times.`, `It's Rachel Siegel from the
/// Washington Post.`: who is asking, not what.
fn introduces_asker(s: &str) -> bool {
    let words = word_count(s);
    let lower = s.to_lowercase().replace('’', "'");
    words <= 12
        && [" with ", " from ", " at ", " for "]
            .iter()
            .any(|w| lower.contains(w))
        && (["i'm ", "it's ", "this is ", "hi, "]
            .iter()
            .any(|p| lower.starts_with(p))
            || s.split(' ')
                .take(2)
                .all(|w| w.chars().next().is_some_and(char::is_uppercase)))
}

/// Where each sentence of `text` starts: after `.`, `?` or `!` (and any
/// closing quote) and a space, unless the word ended is an abbreviation
/// (`Mr.`, `U.S.`).
fn sentence_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let b = text.as_bytes();
    for (i, c) in text.char_indices() {
        if !matches!(c, '.' | '?' | '!' | '？' | '。') {
            continue;
        }
        let mut j = i + c.len_utf8();
        while let Some(q) = text[j..]
            .chars()
            .next()
            .filter(|q| matches!(q, '"' | '”' | '’' | ')'))
        {
            j += q.len_utf8();
        }
        if b.get(j) != Some(&b' ') || j + 1 >= text.len() {
            continue;
        }
        let word_start = text[..i].rfind(' ').map_or(0, |k| k + 1);
        if c == '.' && is_abbreviation(&text[word_start..=i]) {
            continue;
        }
        starts.push(j + 1);
    }
    starts
}

/// A short turn whose question only gives someone the floor.
pub(super) fn gives_floor(text: &str) -> bool {
    if text.is_empty() || word_count(text) > 30 {
        return false;
    }
    let lower = text.to_lowercase();
    FLOOR_GIVING.iter().any(|p| lower.contains(p))
}

/// A turn of a few words that only passes the question being answered to
/// someone else (`Yvan, anything to add?`): said by an asker, it opens no
/// question of its own.
pub(super) fn passes_the_floor(text: &str) -> bool {
    // (Asked of every short question: the cheapest tests first. Every
    // phrase of the list holds "dd".)
    if text.len() > 80
        || memchr::memmem::find(text.as_bytes(), b"dd").is_none()
        || word_count(text) > 8
    {
        return false;
    }
    let lower = text.to_lowercase();
    FLOOR_PASSING.iter().any(|p| lower.contains(p))
}

/// The turn's text when it is short enough to be a greeting (else empty);
/// borrowed when the turn is one paragraph, as most are.
pub(super) fn short_text(t: &Turn) -> std::borrow::Cow<'_, str> {
    let len: usize = t.paras.iter().map(|p| p.text.len() + 1).sum();
    if len > 200 {
        "".into()
    } else if let [p] = t.paras.as_slice() {
        (&*p.text).into()
    } else {
        t.paras
            .iter()
            .map(|p| &*p.text)
            .collect::<Vec<_>>()
            .join(" ")
            .into()
    }
}

/// `dst` followed by `src`: most answers are one turn, whose list is moved
/// in whole rather than copied into a new allocation.
pub(super) fn append(dst: &mut Vec<Paragraph>, src: Vec<Paragraph>) {
    if dst.is_empty() {
        *dst = src;
    } else {
        dst.extend(src);
    }
}

/// Marks the first paragraph of a turn with the role it plays and why.
pub(super) fn marked(mut paras: Vec<Paragraph>, role: TurnRole, why: Why) -> Vec<Paragraph> {
    if let Some(p) = paras.first_mut() {
        p.turn = Some(TurnMark { role, why });
    }
    paras
}

/// The role a turn said between questions plays there.
pub(super) fn aside_role(role: Role) -> TurnRole {
    match role {
        Role::Facilitate => TurnRole::Moderate,
        Role::Answer => TurnRole::Answer,
        Role::Ask => TurnRole::Other,
    }
}

/// Why a question turn asks: what marked it, in this format.
pub(super) fn ask_why(format: Format, t: &Turn, role: Role) -> Why {
    match (format, role) {
        (Format::LabelledSpeakers, Role::Facilitate) => Why::LeadIn,
        (Format::LabelledSpeakers, _) if t.role == Role::Facilitate => Why::ModeratorAsks,
        (Format::LabelledSpeakers, _)
            if t.speaker.is_none() && t.paras.first().is_some_and(|p| p.speaker.is_none()) =>
        {
            Why::UnnamedAsker
        }
        (Format::LabelledSpeakers, _) if t.asks => Why::AsksQuestion,
        (Format::LabelledSpeakers, _) => Why::AskerRole,
        (Format::DashTurns, _) => Why::DashAsks,
        (Format::UnlabelledDialogue, _) => Why::AddressesOtherSide,
        _ => Why::MarkedQuestion,
    }
}

/// Why an answer turn answers, in this format.
pub(super) fn answer_why(format: Format, t: &Turn) -> Why {
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
pub(super) fn finish(
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
    let (plan, kinds) = plan_asking(format, &turns);
    // A floor exchange waiting for the question it leads into.
    let mut floor: Vec<Paragraph> = Vec::new();
    let mut turns = turns.into_iter().zip(plan).zip(kinds).peekable();
    // The last pair was opened by a moderator's lead-in, not by a question.
    let mut lead_in = false;
    while let Some(((t, asking), kind)) = turns.next() {
        // Before the first question, an exchange of greetings is the
        // preamble's, not a lead.
        let asking = if asking == Asking::Lead && pairs.is_empty() {
            Asking::Aside
        } else {
            asking
        };
        if asking == Asking::Continues
            && let Some(p) = pairs.last_mut()
        {
            // The interjection that cut the sentence is inside the question.
            let cut = std::mem::take(&mut p.answer);
            append(&mut p.question, cut);
            append(
                &mut p.question,
                marked(t.paras, TurnRole::Ask, Why::ContinuesQuestion),
            );
            continue;
        }
        if asking != Asking::Question {
            let (role, why) = if t.role == Role::Ask {
                // Said as what it is: thanks, a few words nobody took up, a
                // statement; or the start of the exchange that leads in.
                let why = match (asking, kind) {
                    (Asking::Lead, _) => Why::FloorExchange,
                    (Asking::Repeats, _) => Why::RepeatsQuestion,
                    (_, Some(NotAsking::ShortPrompt)) => Why::BriefPrompt,
                    (_, Some(NotAsking::Statement)) => Why::UnansweredStatement,
                    (_, Some(NotAsking::Remark)) => Why::Remark,
                    _ => Why::AsksNothing,
                };
                (TurnRole::Other, why)
            } else {
                (aside_role(t.role), Why::FloorExchange)
            };
            let paras = marked(t.paras, role, why);
            match asking {
                Asking::Lead => append(&mut floor, paras),
                _ => aside(&mut pairs, &mut opening, paras),
            }
            continue;
        }
        let turn_asks = t.asks;
        let next_role = turns.peek().map(|((n, _), _)| n.role);
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
                .is_some_and(|((n, _), _)| n.asks && n.speaker == t.speaker);
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
        } else if t.role == Role::Ask
            && !pairs.is_empty()
            && next_role == Some(Role::Answer)
            && let [p] = t.paras.as_slice()
            && passes_the_floor(&p.text)
        {
            // A panel's moderator passing the question on: said inside the
            // pair it belongs to, as a moderator's hand-off is.
            Role::Facilitate
        } else {
            t.role
        };
        // The floor exchange before this turn: the lead of the pair it opens,
        // else said inside the current pair.
        let mut floor_lead = std::mem::take(&mut floor);
        let opens_pair = matches!(role, Role::Ask | Role::Facilitate)
            && !(role == Role::Facilitate && next_role.is_none_or(|r| r == Role::Answer));
        if !opens_pair && !floor_lead.is_empty() {
            aside(&mut pairs, &mut opening, std::mem::take(&mut floor_lead));
        }
        match role {
            Role::Facilitate if next_role.is_none_or(|r| r == Role::Answer) => aside(
                &mut pairs,
                &mut opening,
                marked(t.paras, TurnRole::Moderate, Why::GivesFloor),
            ),
            Role::Ask | Role::Facilitate => {
                // Only asked here: most turns never need their text joined.
                // (A moderator's "Thank you. Steve Liesman, CNBC." before the
                // next question is that question's lead-in, not thanks.)
                let hands_off = t.role == Role::Facilitate && next_role == Some(Role::Ask);
                if !hands_off && next_role != Some(Role::Answer) && is_greeting(&short_text(&t)) {
                    // Thanks with no reply: not a question.
                    aside(&mut pairs, &mut opening, floor_lead);
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
                        append(&mut p.lead, floor_lead);
                        p.asker = if role == Role::Ask {
                            t.speaker.clone()
                        } else {
                            p.asker.take()
                        };
                        if role == Role::Ask {
                            let why = if p.question.is_empty() {
                                ask_why(format, &t, role)
                            } else {
                                Why::ContinuesQuestion
                            };
                            append(&mut p.question, marked(t.paras, TurnRole::Ask, why));
                        } else {
                            append(
                                &mut p.lead,
                                marked(t.paras, TurnRole::Moderate, Why::LeadIn),
                            );
                        }
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
                        // A moderator's hand-off opens the pair as its lead,
                        // apart from the question that follows.
                        let (mut lead, question) =
                            if role == Role::Facilitate && !leads_into_own_question {
                                (marked(t.paras, turn_role, why), Vec::new())
                            } else {
                                (Vec::new(), marked(t.paras, turn_role, why))
                            };
                        if !floor_lead.is_empty() {
                            lead = [floor_lead, lead].concat();
                        }
                        pairs.push(Pair {
                            number: 0,
                            lead,
                            question,
                            answer: Vec::new(),
                            asker: if role == Role::Ask {
                                t.speaker.clone()
                            } else {
                                None
                            },
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
                        p.answerer = t.speaker.clone();
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
    aside(&mut pairs, &mut opening, floor);
    // A hand-off that no question followed and nobody answered at length
    // (`Go ahead, Chris.` / `Well [extended pause]` — the line dropped): said
    // inside the pair before, never a question of the moderator's.
    let mut kept: Vec<Pair> = Vec::with_capacity(pairs.len());
    for mut p in pairs {
        // (Counted only for a pair without a question, and only as far as the
        // threshold: every answer of every document passes here.)
        let unanswered = || {
            p.answer
                .iter()
                .map(|a| words_up_to(&a.text, FLOOR_REPLY_MAX_WORDS + 1))
                .sum::<usize>()
                <= FLOOR_REPLY_MAX_WORDS
        };
        match kept.last_mut() {
            Some(before) if p.question.is_empty() && unanswered() => {
                append(&mut before.answer, p.lead);
                append(&mut before.answer, p.answer);
            }
            // Otherwise the hand-off is all the pair asked.
            _ => {
                if p.question.is_empty() {
                    p.question = std::mem::take(&mut p.lead);
                }
                kept.push(p);
            }
        }
    }
    let mut pairs = kept;
    // Greetings exchanged before the first question belong to the preamble…
    while pairs.len() > 1
        && pairs
            .first()
            .is_some_and(|p| is_greeting(&p.question_text()))
    {
        let p = pairs.remove(0);
        opening.extend(p.lead);
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
        last.answer.extend(p.lead);
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
                text: p.text.into_owned(),
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
    fn a_remark_is_told_from_a_summary_and_a_topic() {
        // Sums up what was said: past interjections, in any of its first
        // sentences.
        for summary in [
            "So you moved to Berlin.",
            "Okay, so it was before the book.",
            "I see. So that would stop the rule.",
            "Donc vous êtes parti.",
        ] {
            assert!(draws_inference(summary), "{summary}");
        }
        for remark in [
            "It was a low bar.",
            "Nice, that's a good one.",
            "Also was it",
        ] {
            assert!(!draws_inference(remark), "{remark}");
        }
        // Said with a pronoun subject (curly apostrophes too); a topic or a
        // statement put to the guest is not.
        for remark in [
            "It was a low bar.",
            "Roger, we’re standing by.",
            "Nice, that's a good one.",
        ] {
            assert!(says_with_pronoun(remark), "{remark}");
        }
        for topic in [
            "And then the bank in Oslo.",
            "You grew up near the lake.",
            "That job in Oslo.",
            "Il tuo primo film.",
        ] {
            assert!(!says_with_pronoun(topic), "{topic}");
        }
    }

    proptest::proptest! {
        /// Counting a turn's words only as far as the threshold changes no
        /// comparison with it, in any script and with words of any length.
        #[test]
        fn words_up_to_agrees_with_the_full_count_below_the_cap(
            s in "([a-zé]{1,20}|[\\u{4e00}-\\u{4e10}]{1,3}|https://[a-z./]{10,60}|[ ,.\\n]{1,3}){0,120}",
            cap in 1usize..60,
        ) {
            let full = word_count(&s);
            let counted = words_up_to(&s, cap);
            proptest::prop_assert_eq!(counted.min(cap), full.min(cap));
            proptest::prop_assert!(counted <= full);
        }
    }

    #[test]
    fn a_question_told_inside_a_sentence_is_not_asked() {
        assert!(!asks(
            "People said “Oh, did Twitch integrate Lightning?” Turned out they did not."
        ));
        assert!(!asks(
            "And they asked me, \"Why would you do that?\" every day."
        ));
        // The speaker's own words, quoted or not, still ask.
        assert!(asks(
            "“Why would you do that?” That is what I want to know."
        ));
        assert!(asks("You wrote “never again.” Did you mean it?"));
    }

    #[test]
    fn the_gist_is_what_is_asked() {
        assert_eq!(
            gist(
                "Hi, thanks very much for doing this. I wondered about the budget. Are we talking about new spending, new deployments? Or both?"
            ),
            "Are we talking about new spending, new deployments? Or both?"
        );
        assert_eq!(
            gist(
                "Thank you. Colby Smith with the Financial Times. Chair Powell, how should we read the SEP?"
            ),
            "Chair Powell, how should we read the SEP?"
        );
        assert_eq!(
            gist("Thanks, Jen. Mr. Smith said the U.S. would act. When?"),
            "When?"
        );
        // Nothing asks: from the first sentence that says something.
        assert_eq!(
            gist("Good afternoon. Let's talk about your first film."),
            "Let's talk about your first film."
        );
        assert_eq!(gist("Thank you."), "Thank you.");
        assert_eq!(gist(""), "");
    }

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
}
