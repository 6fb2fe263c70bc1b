//! Paragraphs → turns, one builder per format: labelled speakers (with
//! each speaker's role from [`super::roles`]), dash turns, and formats that
//! flag their questions (numbered, emphasised, magazine, dashed).

use std::sync::Arc;

use foldhash::{HashMap, HashMapExt};

use super::format::is_magazine_question;
use super::lines::{Emphasis, LabelRole, Marker, generic_role};
use super::pairs::{asks, asks_in_words, asks_nothing, ends_question, finish};
use super::paragraphs::Para;
use super::roles::{Role, SpeakerStats, assign_roles};
use super::scan::word_count;
use super::segment::Segmented;
use crate::model::{Format, LineRange, Names, Paragraph};

#[derive(Debug)]
pub(super) struct Turn {
    pub(super) role: Role,
    pub(super) speaker: Option<Arc<str>>,
    pub(super) paras: Vec<Paragraph>,
    /// Some paragraph asks a real question (see [`asks`]); noted as the turn
    /// is built, where the paragraphs are looked at anyway.
    pub(super) asks: bool,
}

/// `speaker` is one of the document's [`Names`]: shared, not copied.
pub(super) fn to_paragraph(p: Para, speaker: Option<Arc<str>>) -> Paragraph {
    Paragraph {
        text: p.text.into(),
        lines: LineRange::new(p.first, p.last),
        speaker,
        list_item: matches!(p.marker, Marker::Bullet),
        turn: None,
    }
}

pub(super) fn segment_dashes(paras: Vec<Para>) -> Segmented {
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

pub(super) fn segment_magazine(paras: Vec<Para>) -> Segmented {
    segment_questions(Format::Magazine, paras, is_magazine_question)
}

/// Turns where `is_question` tells the questions, every other paragraph
/// answering the question before it.
pub(super) fn segment_questions(
    format: Format,
    paras: Vec<Para>,
    is_question: impl Fn(&Para) -> bool,
) -> Segmented {
    let flags: Vec<bool> = paras.iter().map(is_question).collect();
    segment_flagged(format, paras, &flags)
}

/// Turns where `questions[i]` tells whether paragraph `i` asks, every other
/// paragraph answering the question before it.
pub(super) fn segment_flagged<'a>(
    format: Format,
    paras: Vec<Para<'a>>,
    questions: &[bool],
) -> Segmented<'a> {
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

/// A labelled turn as it is read, for its speaker's statistics.
#[derive(Default)]
struct TurnSoFar<'a> {
    who: Option<&'a str>,
    /// Words, capped when added, so that an appendix glued to the last turn
    /// (a word index, trailing matter) does not make its speaker the main one.
    words: usize,
    asks: bool,
    ends_asking: bool,
    /// Whether a paragraph before the last one asks.
    asked_before_last: bool,
    /// The last paragraph's text.
    last: Option<&'a str>,
    /// The turn's text while it is one paragraph (else None).
    text: Option<&'a str>,
}

impl TurnSoFar<'_> {
    /// Adds the turn to its speaker's statistics (and `ends`, in turn).
    fn close(&self, stats: &mut HashMap<String, SpeakerStats>, ends: &mut Vec<(bool, bool)>) {
        let Some(w) = self.who else {
            return;
        };
        let s = stats.get_mut(w).expect("speaker seen");
        // (Fourteen words at most: a greeting's longest. Named speakers only:
        // a role label's part does not depend on its asking rate.)
        s.aside_turns += usize::from(
            !self.asks
                && self.words <= 14
                && s.label_role.is_none()
                && self.text.is_some_and(asks_nothing),
        );
        s.words += self.words.min(1000);
        s.asking_turns += usize::from(self.asks);
        s.ending_asks += usize::from(self.ends_asking);
        ends.push((self.ends_asking, self.asks));
    }
}

/// The same person labelled again right after their own turn (speech
/// recognition and podcast tools split a turn at each pause): one turn,
/// not two. Not for labels that mark each question (`Q`, `Question`,
/// `Reporter`): two in a row are as often two people.
fn goes_on(current: Option<&str>, label: &str) -> bool {
    current == Some(label)
        && match generic_role(label) {
            None | Some(LabelRole::Answers) => true,
            Some(LabelRole::Facilitates) => false,
            Some(LabelRole::Asks) => {
                let base =
                    label.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ' || c == '.');
                matches!(
                    base.to_lowercase().as_str(),
                    "interviewer" | "int" | "интервьюер"
                )
            }
        }
}

/// For each paragraph: an unlabelled question right before the same
/// speaker is labelled again, after a turn of theirs (`AA: …` / `What would
/// you suggest?` / `AA: …`). A transcript labels a speaker again only when
/// someone else spoke in between.
fn asked_between_same_labels(paras: &[Para]) -> Vec<bool> {
    fn label<'p>(p: &'p Para) -> Option<&'p str> {
        match &p.marker {
            Marker::Label(n) => Some(n.as_str()),
            _ => None,
        }
    }
    // Where paragraphs are set apart by blank lines, one that is not (a
    // line of the same utterance, `CC: … I understand` / `Is that
    // affirm?`) is no new voice.
    let apart = |i: usize| paras[i].first > paras[i - 1].last + 1;
    let blank_separated = (1..paras.len()).filter(|&i| apart(i)).count() * 2 > paras.len();
    let mut put = vec![false; paras.len()];
    let mut last_label: Option<&str> = None;
    for (i, p) in paras.iter().enumerate() {
        match label(p) {
            Some(n) => last_label = Some(n),
            None => {
                // (Cheapest first: this runs for every unlabelled paragraph.)
                put[i] = i > 0
                    && last_label.is_some()
                    && paras.get(i + 1).and_then(label) == last_label
                    && label(&paras[i - 1]).is_none_or(|n| Some(n) == last_label)
                    && (!blank_separated || apart(i))
                    && ends_question(&p.text)
                    && last_label.is_some_and(|n| !addresses(&p.text, n));
            }
        }
    }
    put
}

/// Whether `text` names `label` as a whole phrase, in any case: a speaker
/// handing over to a colleague who shares their label (`[Senior
/// administration official], anything to add?` between two `SENIOR
/// ADMINISTRATION OFFICIAL:` turns) — the same label, not a new voice.
fn addresses(text: &str, label: &str) -> bool {
    let (text, label) = (text.to_lowercase(), label.to_lowercase());
    text.match_indices(&label).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + label.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// For each paragraph: a question set apart as the page sets nothing a
/// speaker says — a whole bold paragraph, unlabelled, that asks — after a named speaker's turn (`**Nupur**: "Try learning…"` /
/// `**What's your open source story?**` / `**Nupur**: "My inspiration…"`):
/// the words of someone the page did not name, never that speaker's. Only
/// where the labelled paragraphs are plain (a transcript that sets whole
/// turns in bold sets their questions the same way). Not a heading: in a
/// transcript of named turns that is a chapter's title (`#### What is a
/// 1.0?`), a song's (`## Moby feat. … "Where is Your Pride?"`).
/// Empty (nobody is) unless `bold_question`: some unlabelled paragraph is
/// bold and asks (see [`unlabelled_emphasis`]).
fn asked_apart(paras: &[Para], bold_question: bool) -> Vec<bool> {
    let set_apart = |p: &Para| p.emphasis == Emphasis::Bold;
    if !bold_question {
        return Vec::new();
    }
    let mut put = vec![false; paras.len()];
    let (mut labelled, mut labelled_apart) = (0usize, 0usize);
    for p in paras {
        if let Marker::Label(n) = &p.marker
            && generic_role(n).is_none()
        {
            labelled += 1;
            labelled_apart += usize::from(set_apart(p));
        }
    }
    if labelled < 2 || labelled_apart * 4 > labelled {
        return Vec::new();
    }
    let named_label = |p: &Para| matches!(&p.marker, Marker::Label(n) if generic_role(n).is_none());
    // Whether the turn being read is a named speaker's, and whether anyone
    // has been labelled yet.
    let (mut named, mut labelled_yet) = (false, false);
    let mut count = 0;
    for (i, p) in paras.iter().enumerate() {
        match &p.marker {
            Marker::Label(n) => {
                named = generic_role(n).is_none();
                labelled_yet = true;
            }
            // Answered by a named speaker's turn right after it (the
            // speaker's own bold words, followed by more of theirs, stay
            // theirs); after a named turn, or as the first question,
            // before anyone is named.
            Marker::None
                if set_apart(p)
                    && (named || !labelled_yet)
                    && paras.get(i + 1).is_some_and(named_label)
                    && ends_question(&p.text) =>
            {
                put[i] = true;
                named = false;
                count += 1;
            }
            _ => {}
        }
    }
    // One bold question (a title that asks) is no page of them.
    if count < 2 {
        return Vec::new();
    }
    put
}

/// The fewest turns of an operator (a `Facilitates` label that asks
/// nothing itself) that make a call's Q&A run by one.
const OPERATOR_MIN_TURNS: usize = 3;

/// In a Q&A a call's operator runs — an `Operator` label (not any that
/// gives the floor: a `Remark:` from the room or a `Moderator` who asks
/// too is no operator, and a journalist who speaks after another is not
/// thereby answering), with this many turns or more, asking in at most
/// one in four — the named speakers it calls once the questions have
/// begun (the first called who asks begins them). None where no operator
/// runs the Q&A or nobody is called. Measured on the corpus: a `Remark:`
/// taken for an operator made the Kremlin's journalists answerers (45
/// questions of a news conference down to 5), hence the `Operator` label
/// only.
fn called_by_operator<'s>(
    stats: &HashMap<String, SpeakerStats>,
    order: &[&'s str],
    asked: &[bool],
) -> Option<Vec<&'s str>> {
    let operators: Vec<&str> = stats
        .iter()
        .filter(|(n, s)| {
            s.label_role == Some(LabelRole::Facilitates)
                && n.to_lowercase().ends_with("operator")
                && s.turns >= OPERATOR_MIN_TURNS
                && s.asking_turns * 4 <= s.turns
        })
        .map(|(n, _)| n.as_str())
        .collect();
    if operators.is_empty() {
        return None;
    }
    let mut called: Vec<&str> = Vec::new();
    // Whether the questions have begun: before, the operator hands the
    // call to whoever presents (`Please go ahead, Ms. Crawford.`); after,
    // everyone it calls asks, with a `?` or not (`I think kind of summing
    // up how investors are feeling…`).
    let mut questions_began = false;
    for (i, w) in order.windows(2).enumerate() {
        if operators.contains(&w[0]) && !operators.contains(&w[1]) {
            questions_began |= asked.get(i + 1).copied().unwrap_or(false);
            if questions_began && !called.contains(&w[1]) {
                called.push(w[1]);
            }
        }
    }
    (!called.is_empty()).then_some(called)
}

/// Whether some unlabelled paragraph is a heading, and whether one is bold
/// and asks: one look at every paragraph for the rules that need either
/// (`headings_ask` and [`asked_apart`] in `segment_labelled`), which most
/// documents do not.
fn unlabelled_emphasis(paras: &[Para]) -> (bool, bool) {
    let (mut heading, mut bold_question) = (false, false);
    for p in paras {
        match p.emphasis {
            Emphasis::Heading => heading |= p.marker == Marker::None,
            Emphasis::Bold if !bold_question => {
                bold_question = p.marker == Marker::None && ends_question(&p.text);
            }
            _ => {}
        }
    }
    (heading, bold_question)
}

pub(super) fn segment_labelled(paras: Vec<Para>) -> Segmented {
    // Gather each speaker's turns to decide who asks and who answers.
    let mut stats: HashMap<String, SpeakerStats> = HashMap::new();
    // The turn being read; its speaker is borrowed from the paragraph that
    // opened it: no copy per turn.
    let mut turn = TurnSoFar::default();
    // Whether each paragraph asks, kept for the turns built below.
    let mut para_asks: Vec<bool> = Vec::with_capacity(paras.len());
    // The speaker of each turn, in turn (who follows whom).
    let mut order: Vec<&str> = Vec::new();
    // Whether each of those turns ends by putting a question, and whether
    // it asks one anywhere.
    let mut ends: Vec<(bool, bool)> = Vec::new();
    let (unlabelled_heading, bold_question) = unlabelled_emphasis(&paras);
    let apart = asked_apart(&paras, bold_question);
    let is_apart = |i: usize| apart.get(i).copied().unwrap_or(false);
    for (i, p) in paras.iter().enumerate() {
        // Someone the page did not name asks (see `asked_apart`): the turn
        // being read ends; the speaker's next label opens a new one.
        if is_apart(i) {
            turn.close(&mut stats, &mut ends);
            turn = TurnSoFar::default();
            para_asks.push(asks(&p.text));
            continue;
        }
        // This paragraph opens a turn (a label, not the same person's again).
        let opens = matches!(&p.marker, Marker::Label(n) if !goes_on(turn.who, n));
        if let Marker::Label(n) = &p.marker
            && opens
        {
            // A turn that ends by asking the moderator to go on (`Operator,
            // would you please poll for questions?`) hands over the floor;
            // it puts no question to anyone who will answer it. (Named: a
            // question followed by a `Remark:` from the room was answered.)
            if turn.ends_asking
                && generic_role(n) == Some(LabelRole::Facilitates)
                && turn.last.is_some_and(|t| addresses(t, n))
            {
                turn.ends_asking = false;
                turn.asks = turn.asked_before_last;
            }
            turn.close(&mut stats, &mut ends);
            turn = TurnSoFar {
                who: Some(n),
                text: Some(p.text.as_str()),
                ..TurnSoFar::default()
            };
            match stats.get_mut(n) {
                Some(s) => s.turns += 1,
                None => {
                    stats.insert(
                        n.clone(),
                        SpeakerStats {
                            first_seen: i,
                            turns: 1,
                            label_role: generic_role(n),
                            ..Default::default()
                        },
                    );
                }
            }
            order.push(n);
        }
        let a = turn.who.is_some() && asks(&p.text);
        para_asks.push(a);
        if turn.who.is_some() {
            if !opens {
                turn.text = None;
            }
            turn.words += word_count(&p.text);
            turn.asked_before_last = turn.asks;
            turn.last = Some(p.text.as_str());
            turn.asks |= a;
            turn.ends_asking = a;
        }
    }
    turn.close(&mut stats, &mut ends);
    let asked: Vec<bool> = ends.iter().map(|&(_, asks)| asks).collect();
    let ends: Vec<bool> = ends.into_iter().map(|(ends, _)| ends).collect();
    let (mut roles, mut main) = assign_roles(&stats, &order, &ends);
    // An operator's call (`Your next question comes from the line of…`):
    // whom the operator calls asks; a named speaker the operator never
    // calls — an executive, an official — answers, however their turns
    // read (`Hi Mark, I'll take this question.` is no question, and no
    // hand-off either).
    if let Some(called) = called_by_operator(&stats, &order, &asked) {
        for (n, r) in roles.iter_mut() {
            if stats[n].label_role.is_none() && !called.contains(&n.as_str()) {
                *r = Role::Answer;
            }
        }
    }
    // Someone the page did not name asks (see `asked_apart`): a named
    // speaker who asks nothing answers, however the conversation's other
    // figures fall (two guests of a page of mini-interviews are not a
    // dialogue of equals).
    if apart.contains(&true) {
        // (Nor one who prompts without a `?`: `Tell me what you're
        // building.`)
        let prompts = |n: &str| {
            paras
                .iter()
                .any(|p| matches!(&p.marker, Marker::Label(l) if l == n) && asks_in_words(&p.text))
        };
        for (n, r) in roles.iter_mut() {
            if stats[n].label_role.is_none() && stats[n].asking_turns == 0 && !prompts(n) {
                *r = Role::Answer;
            }
        }
    }
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
    // Someone labelled answers in the conversation: after the first
    // question, not only in a header above it (`Interviewee: Germain`
    // over `## Question 1: …` headings with the answers unlabelled, which
    // would otherwise be read as the questions' own words).
    let role_of = |p: &Para| match &p.marker {
        Marker::Label(n) => roles.get(n).copied(),
        _ => None,
    };
    let any_answer_label = paras
        .iter()
        .position(|p| role_of(p) == Some(Role::Ask))
        .is_some_and(|first_ask| {
            paras[first_ask..]
                .iter()
                .any(|p| role_of(p) == Some(Role::Answer))
        });

    let first = paras
        .iter()
        .enumerate()
        .position(|(i, p)| matches!(p.marker, Marker::Label(_)) || is_apart(i))
        .unwrap_or(paras.len());
    let put_to_the_same = asked_between_same_labels(&paras);
    // Every labelled question a Markdown heading (`## Question 3: Wie…?`):
    // headings are how the transcript sets the asker's words apart, so an
    // unlabelled heading that asks, among unlabelled answers, is the
    // asker's follow-up (`## Wie lief der Prozess ab?`).
    // (Looked at only where an unlabelled heading is: in few documents.)
    let headings_ask = unlabelled_heading && {
        let mut asker_paras = paras
            .iter()
            .filter(|p| matches!(&p.marker, Marker::Label(n) if roles.get(n) == Some(&Role::Ask)));
        asker_paras.clone().nth(1).is_some() && asker_paras.all(|p| p.emphasis == Emphasis::Heading)
    };
    let mut it = paras.into_iter();
    let header: Vec<Para> = it.by_ref().take(first).collect();
    let mut turns: Vec<Turn> = Vec::new();
    let mut speakers: Vec<String> = Vec::new();
    let mut names = Names::default();
    for (i, ((mut p, a), put)) in it
        .zip(para_asks.into_iter().skip(first))
        .zip(put_to_the_same.into_iter().skip(first))
        .enumerate()
    {
        let apart = is_apart(first + i);
        // The label is taken out of the marker and moved into the paragraph's
        // speaker (an empty label left behind is still not a list item).
        let label = match &mut p.marker {
            Marker::Label(n) => Some(std::mem::take(n)),
            _ => None,
        };
        if let Some(n) = &label
            && let Some(t) = turns.last_mut()
            && goes_on(t.paras[0].speaker.as_deref(), n)
        {
            t.asks |= a;
            t.paras.push(to_paragraph(p, Some(names.shared(n))));
        } else if let Some(n) = label {
            let named = stats[&n].label_role.is_none();
            let shared = names.shared(&n);
            turns.push(Turn {
                role: roles[&n],
                speaker: named.then(|| Arc::clone(&shared)),
                asks: a,
                paras: vec![to_paragraph(p, Some(shared))],
            });
            if named && !speakers.contains(&n) {
                speakers.push(n);
            }
        } else if apart {
            turns.push(Turn {
                role: Role::Ask,
                speaker: None,
                asks: a,
                paras: vec![to_paragraph(p, None)],
            });
        } else if let Some(t) = turns.last()
            && t.role == Role::Answer
            // `AA: …` / `Thank you. What would you suggest?` / `AA: …`: the
            // question between two turns of the one who answers is someone
            // else's, whose name the transcript left out — never theirs.
            && ((put && t.speaker.is_some())
                // A heading that asks among unlabelled answers, where the
                // asker's questions are headings: the asker's follow-up.
                || (headings_ask
                    && a
                    && p.emphasis == Emphasis::Heading
                    && t.speaker.is_none()))
        {
            turns.push(Turn {
                role: Role::Ask,
                speaker: None,
                asks: a,
                paras: vec![to_paragraph(p, None)],
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
