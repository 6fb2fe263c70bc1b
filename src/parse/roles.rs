//! Who asks, who answers, who gives the floor: roles per speaker from the
//! statistics of their turns (words, questions, how often they speak).

use foldhash::{HashMap, HashMapExt};

use super::lines::{LabelRole, generic_role};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// Every turn opens a question (unless it is only a greeting).
    Ask,
    /// Gives the floor; opens a question only when it asks one.
    Facilitate,
    Answer,
}

#[derive(Default, Clone)]
pub(super) struct SpeakerStats {
    pub(super) turns: usize,
    pub(super) words: usize,
    /// Turns that ask a real question (see [`asks`]).
    pub(super) asking_turns: usize,
    /// Turns whose last paragraph ends with a question: a question put to
    /// someone, not one asked and answered within a statement.
    pub(super) ending_asks: usize,
    /// Turns that ask nothing a reader would list (`Thank you.`, `Yes.`):
    /// no evidence either way of whether the speaker asks.
    pub(super) aside_turns: usize,
    pub(super) first_seen: usize,
    /// What the label itself says (`Q`, `Interviewer`), looked up once per
    /// speaker rather than once per turn.
    pub(super) label_role: Option<LabelRole>,
}

impl SpeakerStats {
    /// The share of the speaker's turns that ask, back-channel left out: a
    /// reporter who asks twice and says "Thank you." once asks every time.
    pub(super) fn asking_rate(&self) -> f64 {
        self.asking_turns as f64 / self.turns.saturating_sub(self.aside_turns).max(1) as f64
    }
}

pub(super) fn role_of(label: LabelRole) -> Role {
    match label {
        LabelRole::Asks => Role::Ask,
        LabelRole::Facilitates => Role::Facilitate,
        LabelRole::Answers => Role::Answer,
    }
}

/// Role-labelled askers (`Q`, `Question`) mark the questions when they hold
/// one turn in this many or more: a briefing's `Q`s are nearly half its turns;
/// a news conference's occasional `Question:` beside named journalists is not.
pub(super) const ROLE_ASKERS_MARK_QUESTIONS: usize = 4;

/// Who asks and who answers, from each speaker's turns: the speaker with the
/// most words answers; others ask when their turns ask questions, facilitate
/// when their turns are short and ask nothing. Where the transcript marks its
/// askers by role (`Q`, `Question`), named speakers are the people answering
/// unless most of their turns are questions.
///
/// `order` is the speaker of each turn in turn: who follows whom. A short
/// speaker whom the main speaker answers (follows) most of the time asks — a
/// journalist whose questions carry no `?` — where one whom other speakers
/// follow gives the floor (a moderator naming the next journalist). `ends`
/// says which turns end by putting a question: a speaker half of whose turns
/// come right after another's question is answering it (a second guest on a
/// panel), however many questions of their own their answers hold.
pub(super) fn assign_roles(
    stats: &HashMap<String, SpeakerStats>,
    order: &[&str],
    ends: &[bool],
) -> (HashMap<String, Role>, Option<String>) {
    let main = stats
        .iter()
        .filter(|(n, _)| generic_role(n).is_none())
        // Most words, discounted by how often the speaker asks: the one who
        // answers, not the interviewer who talks as much.
        .max_by_key(|(n, s)| {
            let asking = s.asking_rate();
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
    let main_asking = main.as_ref().map_or(0.0, |m| stats[m].asking_rate());
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
    // Turns of each speaker that the main speaker's turn follows.
    let mut answered: HashMap<&str, usize> = HashMap::new();
    if let Some(m) = main.as_deref() {
        for w in order.windows(2) {
            if w[1] == m && w[0] != m {
                *answered.entry(w[0]).or_default() += 1;
            }
        }
    }
    // Most of their turns (back-channel aside) are answered by the main speaker.
    let mostly_answered = |n: &str, s: &SpeakerStats| {
        answered.get(n).copied().unwrap_or(0) * 2 > s.turns.saturating_sub(s.aside_turns)
    };
    // Turns of each speaker that come right after another speaker's question
    // (not the main speaker's: that one's questions are mostly rhetorical).
    let mut after_questions: HashMap<&str, usize> = HashMap::new();
    for (i, w) in order.windows(2).enumerate() {
        if w[0] != w[1] && Some(w[0]) != main.as_deref() && ends.get(i).copied().unwrap_or(false) {
            *after_questions.entry(w[1]).or_default() += 1;
        }
    }
    // (And at length: justices who speak up after each other's questions
    // in a few words are still asking.)
    let answers_questions = |n: &str, s: &SpeakerStats| {
        let avg = s.words as f64 / s.turns.max(1) as f64;
        after_questions.get(n).copied().unwrap_or(0) * 2
            >= s.turns.saturating_sub(s.aside_turns).max(1)
            && avg * 2.0 >= main_avg
    };
    let mut roles: HashMap<String, Role> = HashMap::new();
    for (n, s) in stats {
        let asking = s.asking_rate();
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
                } else if s.turns >= 3
                    && asking < 0.2
                    && avg * 4.0 < main_avg
                    && !mostly_answered(n, s)
                {
                    Role::Facilitate
                } else {
                    Role::Answer
                }
            }
            // Asks more often than the main speaker does: an asker — unless
            // their turns answer others' questions (a second guest on a panel).
            None if asking >= ask_threshold && !answers_questions(n, s) => Role::Ask,
            // Half or more of their turns (back-channel aside) end by putting a
            // question to someone, and they say less than the main speaker:
            // a journalist, however often the main speaker asks rhetorically.
            None if s.ending_asks > 0
                && s.ending_asks * 2 >= s.turns.saturating_sub(s.aside_turns)
                && avg < main_avg
                && !answers_questions(n, s) =>
            {
                Role::Ask
            }
            // Someone who speaks once or twice beside the main speaker came
            // to ask — when they ask, the main speaker answers them, or they
            // say less than half what the main speaker says a turn. One who
            // speaks at length, asks nothing and is not answered presents or
            // answers beside the main speaker (the finance chief on an
            // earnings call, who reads the results and takes some of the
            // questions).
            None if s.turns < 3
                && (s.asking_turns > 0 || mostly_answered(n, s) || avg * 2.0 < main_avg) =>
            {
                Role::Ask
            }
            None if avg * 3.0 < main_avg && mostly_answered(n, s) => Role::Ask,
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
    // Only role labels, all of them claiming one side, yet they take turns:
    // letters mean different things in different languages (`P`articipant,
    // `P`regunta; `R`espondent, `R`espuesta; `I`nterviewer, `I`nterviewee).
    // Where all say they answer, the one whose turns ask, asks; where all
    // say they ask (`Q:` beside `I:`), the one whose turns do not, answers.
    for (claimed, missing) in [
        (LabelRole::Answers, Role::Ask),
        (LabelRole::Asks, Role::Answer),
    ] {
        if roles.values().any(|r| *r == missing)
            || stats.len() < 2
            || !stats.keys().all(|n| generic_role(n) == Some(claimed))
        {
            continue;
        }
        let rates = stats.iter().map(|(n, s)| (n, s.asking_rate()));
        let by_rate = |a: &(&String, f64), b: &(&String, f64)| a.1.total_cmp(&b.1);
        let picked = if missing == Role::Ask {
            rates
                .filter(|(_, asking)| *asking >= 0.5)
                .max_by(|a, b| by_rate(a, b).then_with(|| b.0.cmp(a.0)))
        } else {
            rates
                .filter(|(_, asking)| *asking < 0.5)
                .min_by(|a, b| by_rate(a, b).then_with(|| a.0.cmp(b.0)))
        };
        if let Some((name, _)) = picked {
            roles.insert(name.clone(), missing);
        }
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
