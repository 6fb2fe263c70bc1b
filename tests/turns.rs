//! Turns first: every labelled turn's words end up in a turn of that speaker.
//!
//! Dialogues are generated (speakers, a main answerer, an interviewer,
//! moderators who give the floor, one-off speakers, opening statements,
//! interjections, answers over several paragraphs), written out in several
//! label families, parsed, and every turn's words looked up in
//! [`Document::turns`]: the turn holding them must carry the label they were
//! written under. A missing pair is a flaw; words in the wrong mouth are
//! what these tests exist to catch.

use proptest::prelude::*;
use qnav::load::load_bytes;
use qnav::model::{Document, Format, TurnRole};

fn parse(text: &str) -> Document {
    load_bytes("dialogue.txt", text.as_bytes()).expect("text loads")
}

/// One turn as written: who, and its paragraphs (the first under the label).
#[derive(Debug, Clone)]
struct Said {
    speaker: usize,
    paragraphs: Vec<String>,
}

/// How the labels are written.
#[derive(Debug, Clone, Copy)]
enum Style {
    /// `Anna Petrova: text`
    Colon,
    /// `MS. PETROVA:  text`, as White House transcripts write them.
    Capitals,
    /// `**Anna Petrova:** text`, as web pages are copied.
    Bold,
    /// `Anna Petrova [00:12]: text`, as caption tools export.
    Timed,
}

const FIRST: [&str; 10] = [
    "Anna", "Boris", "Clara", "David", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas",
];
const LAST: [&str; 10] = [
    "Petrova",
    "Ivanov",
    "Jensen",
    "Okafor",
    "Rossi",
    "Haddad",
    "Lindqvist",
    "Marchetti",
    "Duarte",
    "Berglund",
];

fn label(style: Style, speaker: usize) -> String {
    let (first, last) = (FIRST[speaker % 10], LAST[speaker % 10]);
    match style {
        Style::Capitals => {
            let title = if speaker.is_multiple_of(2) {
                "MS."
            } else {
                "MR."
            };
            format!("{title} {}", last.to_uppercase())
        }
        _ => format!("{first} {last}"),
    }
}

fn written(style: Style, speaker: usize, text: &str, minute: usize) -> String {
    let name = label(style, speaker);
    match style {
        Style::Colon => format!("{name}: {text}"),
        Style::Capitals => format!("{name}:  {text}"),
        Style::Bold => format!("**{name}:** {text}"),
        Style::Timed => format!("{name} [{:02}:{:02}]: {text}", minute / 60, minute % 60),
    }
}

fn render(style: Style, dialogue: &[Said]) -> String {
    let mut out = String::from("A conversation about the river\n\n");
    for (i, t) in dialogue.iter().enumerate() {
        for (k, p) in t.paragraphs.iter().enumerate() {
            if k == 0 {
                out.push_str(&written(style, t.speaker, p, i * 3));
            } else {
                out.push_str(p);
            }
            out.push_str("\n\n");
        }
    }
    out
}

const WORDS: [&str; 24] = [
    "river", "harbour", "budget", "council", "winter", "school", "bridge", "market", "farmers",
    "water", "station", "report", "village", "doctors", "roads", "prices", "plan", "season",
    "workers", "families", "north", "grain", "museum", "railway",
];

/// A sentence of plain words holding the unique `tag`, ending in `end`.
fn sentence(seed: usize, len: usize, tag: &str, end: char) -> String {
    let mut words: Vec<&str> = (0..len)
        .map(|k| WORDS[(seed * 7 + k * 5) % WORDS.len()])
        .collect();
    words.insert(len / 2, tag);
    let mut s = words.join(" ");
    s.replace_range(..1, &s[..1].to_uppercase());
    s.push(end);
    s
}

/// The word that marks turn `n`'s paragraph `k`: found in exactly one place.
fn tag(n: usize, k: usize) -> String {
    format!("tag{n}x{k}")
}

/// What a dialogue is made of, before it is written out.
#[derive(Debug, Clone)]
enum Step {
    /// The interviewer asks; the main speaker answers in `paras` paragraphs.
    Exchange { paras: usize, interjection: bool },
    /// A moderator gives the floor to a one-off speaker, who asks once.
    HandOff { guest: usize, paras: usize },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (1usize..4, any::<bool>())
            .prop_map(|(paras, interjection)| Step::Exchange { paras, interjection }),
        1 => (0usize..4, 1usize..3).prop_map(|(guest, paras)| Step::HandOff { guest, paras }),
    ]
}

/// Speakers: 0 answers, 1 interviews, 2 moderates, 3… speak once each.
fn build(opening: bool, steps: &[Step]) -> Vec<Said> {
    let mut out = Vec::new();
    let mut n = 0;
    let mut said = |speaker: usize, sentences: Vec<(usize, char)>, out: &mut Vec<Said>| {
        let paragraphs = sentences
            .iter()
            .enumerate()
            .map(|(k, &(len, end))| sentence(n + k, len, &tag(n, k), end))
            .collect();
        n += 1;
        out.push(Said {
            speaker,
            paragraphs,
        });
    };
    if opening {
        said(0, vec![(12, '.'), (9, '.')], &mut out);
    }
    let mut guests = 3;
    for s in steps {
        match *s {
            Step::Exchange {
                paras,
                interjection,
            } => {
                said(1, vec![(8, '?')], &mut out);
                said(0, vec![(14, '.'); paras], &mut out);
                if interjection {
                    said(1, vec![(4, '.')], &mut out);
                    said(0, vec![(10, '.')], &mut out);
                }
            }
            Step::HandOff { guest, paras } => {
                said(2, vec![(4, '.')], &mut out);
                said(guests + guest % 2, vec![(9, '?')], &mut out);
                guests += 2;
                said(0, vec![(14, '.'); paras], &mut out);
            }
        }
    }
    out
}

/// The speaker of the turn holding `word`, or why there is none.
fn speaker_of(doc: &Document, word: &str) -> Result<Option<String>, String> {
    let mut found = None;
    for t in &doc.turns {
        for p in doc.turn_paragraphs(t) {
            if p.text
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == word)
            {
                if found.is_some() {
                    return Err(format!("{word} is in two turns"));
                }
                found = Some(t.speaker.as_deref().map(str::to_owned));
            }
        }
    }
    found.ok_or_else(|| format!("{word} is in no turn"))
}

/// Every paragraph of every turn is found in a turn of its own speaker.
fn check_attribution(style: Style, dialogue: &[Said]) -> Result<(), String> {
    let text = render(style, dialogue);
    let doc = parse(&text);
    for (n, t) in dialogue.iter().enumerate() {
        let want = label(style, t.speaker);
        for k in 0..t.paragraphs.len() {
            let got = speaker_of(&doc, &tag(n, k))?;
            if got.as_deref() != Some(want.as_str()) {
                return Err(format!(
                    "paragraph {k} of turn {n} by {want} is attributed to {got:?}\n{text}"
                ));
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn every_labelled_word_keeps_its_speaker(
        opening in any::<bool>(),
        steps in prop::collection::vec(step(), 3..9),
        style in prop_oneof![
            Just(Style::Colon), Just(Style::Capitals), Just(Style::Bold), Just(Style::Timed)
        ],
    ) {
        let dialogue = build(opening, &steps);
        if let Err(e) = check_attribution(style, &dialogue) {
            prop_assert!(false, "{}", e);
        }
    }
}

#[test]
fn an_opening_statement_is_a_turn_of_its_speaker_not_an_anonymous_preamble() {
    let d = parse(
        "Press conference on the harbour\n\nMAYOR HOLM:  Good morning. Today we open the new harbour, three years after the storm took the old one.\n\nThe works cost less than planned.\n\nQ    Mayor, what will the harbour cost the city each year?\n\nMAYOR HOLM:  About two million, less than the old one cost to repair.\n\nQ    And who runs it?\n\nMAYOR HOLM:  The port authority, as before.\n",
    );
    let first = &d.turns[0];
    assert_eq!(first.speaker.as_deref(), Some("MAYOR HOLM"));
    assert_eq!(
        d.turn_paragraphs(first).len(),
        2,
        "both paragraphs of the statement"
    );
    assert_eq!(d.pairs.len(), 2);
    assert_eq!(d.format, Format::LabelledSpeakers);
}

#[test]
fn a_one_off_speaker_after_a_hand_off_keeps_their_name() {
    let d = parse(
        "Annual news conference\n\nDmitry Peskov: Good afternoon. Let us begin. Please, the first question.\n\nAnna Petrova: Anna Petrova, Harbour News. When will the bridge to the island open?\n\nVladimir Putin: Next spring, if the winter is mild, and the builders say so too.\n\nDmitry Peskov: Next question, please. The lady in the red scarf.\n\nRegional Television Editor Maria Kuznetsova: Good afternoon. Will the village schools stay open?\n\nVladimir Putin: They will. We have found the money for the teachers, and the buses too.\n\nDmitry Peskov: Ekho Moskvy, please.\n\nBoris Ivanov: What about the grain prices this autumn?\n\nVladimir Putin: They will stay where they are, I hope, because the harvest was good.\n",
    );
    for (word, who) in [
        ("schools", "Regional Television Editor Maria Kuznetsova"),
        ("scarf", "Dmitry Peskov"),
        ("buses", "Vladimir Putin"),
        ("grain", "Boris Ivanov"),
        ("bridge", "Anna Petrova"),
    ] {
        let t = d
            .turns
            .iter()
            .find(|t| d.turn_paragraphs(t).iter().any(|p| p.text.contains(word)))
            .unwrap_or_else(|| panic!("{word} in no turn"));
        assert_eq!(t.speaker.as_deref(), Some(who), "{word}");
    }
}

#[test]
fn remarks_where_nobody_asks_keep_their_speakers() {
    let d = parse(
        "Remarks before a bilateral meeting\n\nPRESIDENT NORD:  Well, it is great to have you here again, my friend. We have a lot to talk about.\n\nPRIME MINISTER SOL:  Thank you, Mr. President. It is good to be back in this room.\n\nPRESIDENT NORD:  Thank you all for coming.\n",
    );
    assert!(d.pairs.is_empty());
    let speakers: Vec<_> = d.turns.iter().map(|t| t.speaker.as_deref()).collect();
    assert_eq!(
        speakers,
        [
            Some("PRESIDENT NORD"),
            Some("PRIME MINISTER SOL"),
            Some("PRESIDENT NORD")
        ]
    );
}

#[test]
fn a_moderators_hand_off_is_a_moderate_turn() {
    let d = parse(
        "MODERATOR:  Our first question comes from the line of Jane Doe.\n\nQ    Thanks. What does the plan cost the taxpayer?\n\nSENIOR OFFICIAL:  Nothing new: it is paid from the existing budget.\n\nMODERATOR:  Next we go to the line of John Roe.\n\nQ    When does it start?\n\nSENIOR OFFICIAL:  In January, for the whole country at once.\n\nMODERATOR:  And our last question.\n\nQ    Who runs it?\n\nSENIOR OFFICIAL:  The agency that runs it today.\n",
    );
    let roles: Vec<TurnRole> = d
        .turns
        .iter()
        .filter(|t| t.speaker.as_deref() == Some("MODERATOR"))
        .map(|t| t.role)
        .collect();
    assert!(!roles.is_empty());
    assert!(roles.iter().all(|r| *r == TurnRole::Moderate), "{roles:?}");
    assert!(
        d.pairs
            .iter()
            .all(|p| p.asker.as_deref() != Some("MODERATOR"))
    );
}

#[test]
fn a_question_put_again_after_a_request_to_repeat_it_is_the_same_pair() {
    let d = parse(
        "Interviewer: What tools did you use to label the data, and how did you check them?\n\nInterviewee: Sorry, can you repeat the question?\n\nInterviewer: Sure. Which tools did you use for labelling?\n\nInterviewee: Mostly a spreadsheet and a small script we wrote, checked by two people each week.\n\nInterviewer: And what went wrong with it?\n\nInterviewee: The script broke whenever the export format changed, which was often.\n",
    );
    let questions: Vec<String> = d.pairs.iter().map(|p| p.question_text()).collect();
    assert_eq!(questions.len(), 2, "{questions:?}");
    assert!(questions[0].starts_with("What tools"), "{questions:?}");
    // Every word keeps its speaker: the question put again is the
    // interviewer's turn inside the first pair.
    let again = d
        .turns
        .iter()
        .position(|t| {
            d.turn_paragraphs(t)
                .iter()
                .any(|p| p.text.contains("Which tools"))
        })
        .expect("the repeated question is a turn");
    assert_eq!(d.turns[again].speaker.as_deref(), Some("Interviewer"));
    assert!(d.pairs[0].turns.contains(&again), "{:?}", d.pairs[0].turns);
}

/// The request said other ways: `say that one more time`, as press
/// secretaries and CEOs on earnings calls say it, and in German.
#[test]
fn a_request_to_repeat_in_other_words_keeps_the_question_one_pair() {
    for (request, again) in [
        (
            "Sorry, the masks make it hard to hear. Can you say that one more time?",
            "Is the plan still on for March?",
        ),
        (
            "Thanks. There were three questions, one more time?",
            "I guess the plan for March.",
        ),
        (
            "Entschuldigung, wie meinst du das?",
            "Ob der Plan für März noch steht.",
        ),
    ] {
        let text = format!(
            "Q: Is the plan still on for March, given the delays at the port?\n\nMS. REYES: {request}\n\nQ: {again}\n\nMS. REYES: It is. We expect the first ships in the second week, and the rest by the end of the month.\n\nQ: And the cost?\n\nMS. REYES: Lower than last year.\n"
        );
        let d = parse(&text);
        let questions: Vec<String> = d.pairs.iter().map(|p| p.question_text()).collect();
        assert_eq!(questions.len(), 2, "{request}: {questions:?}");
        assert!(questions[0].starts_with("Is the plan"), "{questions:?}");
    }
}

#[test]
fn a_question_told_in_an_answer_does_not_make_its_speaker_an_asker() {
    let d = parse(
        "Carla Mendes: Welcome. What have you two been building this year?\n\nAnna Petrova: We shipped the payments library in March, after a long beta. People kept asking \"is it ready yet?\" every week, and now it finally is.\n\nBoris Ivanov: And the tooling around it grew a lot: plugins, a test network, and a community that runs it daily.\n\nCarla Mendes: What comes next for the library?\n\nAnna Petrova: Better wallets. Users said \"why is this so hard?\" and they were right, so we are fixing that first.\n\nBoris Ivanov: And more people running nodes at home, which matters more than any feature.\n",
    );
    let askers: Vec<Option<String>> = d
        .pairs
        .iter()
        .map(|p| p.asker.as_deref().map(str::to_owned))
        .collect();
    assert_eq!(
        askers,
        vec![
            Some("Carla Mendes".to_string()),
            Some("Carla Mendes".to_string())
        ],
        "{:?}",
        d.pairs
            .iter()
            .map(|p| p.question_text())
            .collect::<Vec<_>>()
    );
}

#[test]
fn chinese_labels_without_spaces_make_one_pair() {
    let d = parse("问：你最近在忙什么？\n答：我在写一本关于城市的书。\n");
    assert_eq!(d.pairs.len(), 1);
    assert_eq!(d.pairs[0].question_text(), "你最近在忙什么？");
}

#[test]
fn pairs_point_at_their_turns_and_the_turns_cover_the_pair() {
    let d = parse(
        "Q: Where were you born?\n\nA: In a village by the river, a long time ago.\n\nQ: And your parents?\n\nA: Farmers, both of them.\n\nMy father kept bees.\n",
    );
    assert_eq!(d.pairs.len(), 2);
    for (n, pair) in d.pairs.iter().enumerate() {
        let turns = &d.turns[pair.turns.clone()];
        assert!(!turns.is_empty());
        let words: usize = turns.iter().map(|t| d.turn_paragraphs(t).len()).sum();
        assert_eq!(words, pair.question.len() + pair.answer.len(), "pair {n}");
        assert_eq!(turns[0].role, TurnRole::Ask);
    }
}

const BRIEFING: &str = "MS. LANE:  Good afternoon. Two things before questions.\n\nQ    Thanks. What does the new plan cost?\n\nMS. LANE:  Less than the old one, and my colleague can say by how much.\n\nMR. BOYD:  About a third less, over ten years.\n\nQ    And when does it start?\n\nMS. LANE:  In January.\n";

#[test]
fn a_copied_pair_names_the_speaker_of_every_turn() {
    let d = parse(BRIEFING);
    let copied = qnav::citation::pair_with_citation(&d, &d.pairs[0]);
    assert!(
        copied.starts_with(
            "Q: Thanks. What does the new plan cost?\n\nMS. LANE: Less than the old one"
        ),
        "{copied}"
    );
    assert!(
        copied.contains("\n\nMR. BOYD: About a third less, over ten years.\n\n"),
        "{copied}"
    );
}

#[test]
fn exports_carry_the_speaker_of_every_turn() {
    let d = parse(BRIEFING);
    let md = qnav::export::to_markdown(std::slice::from_ref(&d));
    let boyd = md.find("*MR. BOYD:*").expect("named in Markdown");
    assert!(boyd < md.find("About a third less").unwrap(), "{md}");
    let text = qnav::export::to_text(&d, None);
    assert!(text.contains("MR. BOYD:\nAbout a third less"), "{text}");
    let json: serde_json::Value =
        serde_json::from_str(&qnav::export::to_json(std::slice::from_ref(&d), &[])).unwrap();
    let doc = &json["documents"][0];
    assert_eq!(doc["format"], "labelled-speakers");
    let turns = doc["turns"].as_array().unwrap();
    let speakers: Vec<&str> = turns
        .iter()
        .map(|t| t["speaker"].as_str().unwrap())
        .collect();
    assert_eq!(
        speakers,
        ["MS. LANE", "Q", "MS. LANE", "MR. BOYD", "Q", "MS. LANE"]
    );
    assert_eq!(
        turns[3]["paragraphs"][0],
        "About a third less, over ten years."
    );
    assert_eq!(turns[3]["line"], 7);
    // Pair 1 is turns 1 to 3: the question and both answers.
    assert_eq!(doc["pairs"][0]["turns"], serde_json::json!([1, 3]));
}

/// FOMC style: the moderator thanks the last reporter and names the next;
/// that hand-off leads the next pair — it is neither the reporter's question
/// nor the end of the chair's answer.
#[test]
fn a_moderators_thanks_and_hand_off_lead_the_next_pair() {
    let d = parse(
        "CHAIR POWELL. Good afternoon. We kept rates where they were today.\n\nMICHELLE SMITH. Rachel.\n\nRACHEL SIEGEL. Thank you. Why did the committee hold rates steady this time?\n\nCHAIR POWELL. Because inflation is still above our goal, and the labour market is strong.\n\nMICHELLE SMITH. Thank you. Steve Liesman, CNBC.\n\nSTEVE LIESMAN. When do you expect the first cut to come?\n\nCHAIR POWELL. We will decide meeting by meeting, as the data come in.\n\nMICHELLE SMITH. Nick.\n\nNICK TIMIRAOS. Is the balance sheet runoff going to slow down soon?\n\nCHAIR POWELL. We are discussing it, and we will say more at the next meeting.\n",
    );
    assert_eq!(d.pairs.len(), 3, "{:#?}", d.pairs);
    for p in &d.pairs {
        assert!(
            p.question
                .iter()
                .all(|q| q.speaker.as_deref() != Some("MICHELLE SMITH")),
            "a moderator's words in a question: {:?}",
            p.question_text()
        );
        assert!(
            p.answer
                .last()
                .is_none_or(|a| a.speaker.as_deref() != Some("MICHELLE SMITH")),
            "an answer ends with a hand-off: {:?}",
            p.answer_text()
        );
    }
    assert_eq!(d.pairs[1].lead[0].text, "Thank you. Steve Liesman, CNBC.");
    assert_eq!(d.pairs[1].asker.as_deref(), Some("STEVE LIESMAN"));
    assert_eq!(
        d.pairs[0].question_text(),
        "Thank you. Why did the committee hold rates steady this time?"
    );
}

/// The pair, and the paragraph of its answer, that hold `words`.
fn answer_holding<'d>(
    d: &'d Document,
    words: &str,
) -> (&'d qnav::model::Pair, &'d qnav::model::Paragraph) {
    d.pairs
        .iter()
        .find_map(|p| {
            p.answer
                .iter()
                .find(|a| a.text.contains(words))
                .map(|a| (p, a))
        })
        .unwrap_or_else(|| panic!("{words:?} is in no answer"))
}

/// A quoted statement is cited to the speaker of the turn that holds it, with
/// the lines it stands on — not to the document's interviewee.
#[test]
fn a_statement_is_cited_to_its_own_speaker_and_lines() {
    let d = parse(BRIEFING);
    let (pair, para) = answer_holding(&d, "About a third");
    let cited =
        qnav::citation::statement_with_citation(&d, Some(pair), para, "About a third less.");
    assert!(cited.contains("— Mr. Boyd"), "{cited}");
    assert!(cited.contains("line 7, Q1"), "{cited}");
}

/// The report's case: in the 2021-01-21 briefing, "I'd be waving my hands
/// about that." is Dr. Fauci's, not the press secretary's.
#[test]
#[cfg_attr(
    not(shared),
    ignore = "needs ../shared beside the repository (README: Set-up)"
)]
fn waving_my_hands_is_cited_to_dr_fauci() {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "../shared/corpus/whitehouse-press-briefings/2021-01-21-press-briefing-by-press-secretary-jen-psaki-january-21-2021.txt",
    );
    let Ok(bytes) = std::fs::read(&file) else {
        eprintln!("skipped: {} is absent", file.display());
        return;
    };
    let d = load_bytes("briefing.txt", &bytes).unwrap();
    let (pair, para) = answer_holding(&d, "waving my hands");
    let cited = qnav::citation::statement_with_citation(&d, Some(pair), para, "waving my hands");
    assert!(cited.contains("— Dr. Fauci"), "{cited}");
    assert!(!cited.contains("Psaki"), "{cited}");
}

/// Where the answer opens with someone else's words (a moderator cutting
/// in before `A:`), they are named, not read as the answer.
#[test]
fn words_opening_an_answer_that_are_not_the_answer_are_named() {
    let d = parse(
        "Q: What happens to the harbour plan now?\n\nMODERATOR: One moment, the line is breaking up.\n\nA: We vote on it next week, I expect.\n\nQ: And the budget for the bridge?\n\nA: The same week, after the harbour.\n",
    );
    let text = qnav::export::to_text(&d, Some(&d.pairs[0]));
    let named = text.find("MODERATOR:\n").expect(&text);
    assert!(named < text.find("One moment").unwrap(), "{text}");
}
