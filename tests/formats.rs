//! One small fixture per transcript format the parser must recognise.
//! The fixtures are written here, in the style of real transcripts — not
//! copied from the seeds — so each test says which format feature it checks.

use qnav::load::load_bytes;
use qnav::model::{DocKind, Document};

fn parse(text: &str) -> Document {
    load_bytes("fixture.txt", text.as_bytes()).expect("text loads")
}

fn questions(d: &Document) -> Vec<String> {
    d.pairs.iter().map(|p| p.question_text()).collect()
}

fn answers(d: &Document) -> Vec<String> {
    d.pairs.iter().map(|p| p.answer_text()).collect()
}

/// Every turn's speaker label, in order (unlabelled turns left out).
fn turn_speakers(d: &Document) -> Vec<String> {
    d.turns
        .iter()
        .filter_map(|t| t.speaker.as_deref().map(str::to_owned))
        .collect()
}

/// The speaker of the turn whose paragraphs hold `words` (`None`: an
/// unlabelled turn); panics when no turn holds them.
fn speaker_of<'d>(d: &'d Document, words: &str) -> Option<&'d str> {
    d.turns
        .iter()
        .find(|t| d.turn_paragraphs(t).iter().any(|p| p.text.contains(words)))
        .expect("the words are in a turn")
        .speaker
        .as_deref()
}

#[test]
fn q_and_a_labels() {
    let d = parse(
        "An interview with a farmer.\n\nQ: How long have you farmed here?\nA: Forty years, since my father died.\n\nQ: What changed most?\nA: The weather. The rain comes late now.\n",
    );
    assert_eq!(d.kind, DocKind::Interview);
    assert_eq!(
        questions(&d),
        ["How long have you farmed here?", "What changed most?"]
    );
    assert_eq!(
        answers(&d),
        [
            "Forty years, since my father died.",
            "The weather. The rain comes late now."
        ]
    );
    assert_eq!(d.preamble[0].text, "An interview with a farmer.");
}

#[test]
fn question_answer_words_as_labels() {
    let d = parse(
        "Question: Why did you resign?\n\nAnswer: I had no choice.\n\nQuestion: Do you regret it?\n\nAnswer: Not for a second.\n",
    );
    assert_eq!(d.pairs.len(), 2);
    assert_eq!(d.pairs[1].answer_text(), "Not for a second.");
}

#[test]
fn press_briefing_with_bare_q_and_named_podium() {
    let text = "\
James Brady Briefing Room

1:03 P.M. EST

MS. JONES:  Good afternoon, everyone.  I have two announcements at the
top.  First, the President will travel on Monday.

Second, we will release the schedule later today.

Q    Thank you.  Can you say more about the trip and who will travel
with the President on Monday?

MS. JONES:  Sure.  The Secretary of State will join him.

Q    And on the budget — will the White House send a new proposal this
week?

MS. JONES:  We expect to, yes.

Q    Thank you, Karen.

MS. JONES:  Thanks, everyone.

END          1:45 P.M. EST
";
    let d = parse(text);
    assert_eq!(d.pairs.len(), 2, "{:#?}", questions(&d));
    assert!(
        d.pairs[0]
            .question_text()
            .starts_with("Thank you. Can you say more")
    );
    assert!(
        d.pairs[0]
            .question_text()
            .ends_with("with the President on Monday?")
    );
    assert_eq!(d.pairs[0].answerer.as_deref(), Some("MS. JONES"));
    // The opening statement is the preamble, not a question.
    assert!(
        d.preamble
            .iter()
            .any(|p| p.text.starts_with("Good afternoon, everyone."))
    );
    assert!(
        d.preamble
            .iter()
            .any(|p| p.text == "Second, we will release the schedule later today.")
    );
    // The closing thanks are not a question.
    assert!(d.pairs[1].answer_text().contains("Thanks, everyone."));
    assert_eq!(d.interviewee.as_deref(), Some("Ms. Jones"));
    // `James Brady Briefing Room` over `1:03 P.M. EST` is a dateline, not a
    // headline: the title is the file's name.
    assert_eq!(d.title.as_deref(), Some("Fixture"));
    assert_eq!(d.preamble[0].text, "James Brady Briefing Room");
}

#[test]
fn full_name_labels_with_unlabelled_continuation_paragraphs() {
    let d = parse(
        "\
Interview with a minister
March 3, 2019

Anna Berg: Minister, thank you for your time. Where do the talks stand?
Karl Olsen: They stand further than a year ago.
We have agreed on the text of two chapters.
The third is still open.
Anna Berg: What is blocking the third chapter?
Karl Olsen: Fishing rights, as always.
Anna Berg: Will you sign before summer?
Karl Olsen: I hope so.
",
    );
    assert_eq!(d.pairs.len(), 3, "{:#?}", questions(&d));
    assert_eq!(d.pairs[0].answer.len(), 3);
    assert_eq!(d.pairs[0].asker.as_deref(), Some("Anna Berg"));
    assert_eq!(d.pairs[0].answerer.as_deref(), Some("Karl Olsen"));
    assert_eq!(d.interviewee.as_deref(), Some("Karl Olsen"));
    assert_eq!(d.title.as_deref(), Some("Interview with a minister"));
    assert_eq!(d.date.as_deref(), Some("March 3, 2019"));
    assert_eq!(d.speakers, ["Anna Berg", "Karl Olsen"]);
}

#[test]
fn upper_case_surname_labels_and_label_alone_on_its_line() {
    let d = parse(
        "\
SMITH:
Let me ask about the report. Who wrote the first draft?

GARCIA:
A small team in our office wrote it over three months.

SMITH:
Did the ministry change it afterwards?

GARCIA:
Only the summary, and only slightly.
",
    );
    assert_eq!(
        questions(&d),
        [
            "Let me ask about the report. Who wrote the first draft?",
            "Did the ministry change it afterwards?"
        ]
    );
    assert_eq!(
        d.pairs[1].answer_text(),
        "Only the summary, and only slightly."
    );
}

#[test]
fn magazine_style_standalone_questions() {
    let d = parse(
        "\
The novelist on her new book, her garden and the sea.

Why did you set the book on an island?
Because islands make people honest. There is nowhere to go.
I grew up on one, too.

Do you write every day?
Every morning, from six until the children wake up.

What are you reading now?
Old letters from my grandmother. They are better than most novels.
",
    );
    assert_eq!(d.kind, DocKind::Interview);
    assert_eq!(d.pairs.len(), 3);
    assert_eq!(d.pairs[0].answer.len(), 2);
    assert_eq!(
        d.preamble[0].text,
        "The novelist on her new book, her garden and the sea."
    );
}

#[test]
fn timestamped_transcript() {
    let d = parse(
        "\
[00:00:05] Interviewer: Thanks for joining. What does your lab study?
[00:00:09] Dr. Chen: We study how coral reefs recover after heat waves.
[00:01:12] Interviewer: How fast do they recover?
[00:01:15] Dr. Chen: Some in five years, some never.
",
    );
    assert_eq!(
        questions(&d),
        [
            "Thanks for joining. What does your lab study?",
            "How fast do they recover?"
        ]
    );
    assert!(d.pairs.iter().all(|p| !p.answer_text().contains("00:")));
}

#[test]
fn caption_export_with_name_and_time_lines() {
    let d = parse(
        "\
Host  0:00
Welcome back. Where were you born?

Guest  0:04
In a small town near the coast.

Host  0:09
And when did you leave it?

Guest  0:12
When I was seventeen.
",
    );
    assert_eq!(d.pairs.len(), 2);
    assert_eq!(d.pairs[1].answer_text(), "When I was seventeen.");
}

#[test]
fn hard_wrapped_at_72_columns() {
    let d = parse(
        "\
Q:  You have said the plan will cost less than the old one. How can a
plan that builds twice as many schools cost less than the old one did?

A:  Because the old plan paid for land it never used. We are building
on land the city already owns, and that changes the numbers a great
deal.

Q:  When will the first school open?

A:  In September next year.
",
    );
    assert_eq!(d.pairs.len(), 2);
    assert!(
        d.pairs[0]
            .question_text()
            .ends_with("cost less than the old one did?")
    );
    assert_eq!(d.pairs[0].answer.len(), 1);
    assert!(
        d.pairs[0]
            .answer_text()
            .ends_with("changes the numbers a great deal.")
    );
}

#[test]
fn pdf_text_with_line_numbers_page_headers_and_footers() {
    // Three pages of a court transcript as `pdftotext -layout` renders it:
    // numbered lines, a running head, a page number and a reporter's footer.
    let topics = [
        "standard of review",
        "waiver of the claim",
        "harmless error",
        "remedy below",
        "scope of the statute",
    ];
    let mut body: Vec<String> = vec![
        "JUDGE HALE:          Counsel, what is the standard of review".into(),
        "here, in your view?".into(),
        "MS. PARK:          De novo, Your Honor, because the question".into(),
        "is purely one of law.".into(),
    ];
    for (i, t) in topics.iter().cycle().take(13).enumerate() {
        let judge = if i % 2 == 0 {
            "JUDGE REYES"
        } else {
            "JUDGE HALE"
        };
        body.push(format!(
            "{judge}:          And what about the {t} in round {}?",
            ["one", "two", "three"][i % 3]
        ));
        body.push(format!(
            "MS. PARK:          The {t} favours us, as the {} brief shows.",
            ["opening", "reply", "amicus"][i % 3]
        ));
    }
    let mut text = String::new();
    for (page, lines) in body.chunks(10).enumerate() {
        text.push_str("\u{c}                 Official\n\n\n");
        for (n, t) in lines.iter().enumerate() {
            text.push_str(&format!("{:<4} {t}\n\n", n + 1));
        }
        text.push_str(&format!(
            "\n                          {}\n              Reporting Company\n",
            page + 1
        ));
    }
    let d = parse(&text);
    assert!(d.pairs.len() >= 6, "{:#?}", questions(&d));
    assert_eq!(
        d.pairs[0].question_text(),
        "Counsel, what is the standard of review here, in your view?"
    );
    assert_eq!(
        d.pairs[0].answer_text(),
        "De novo, Your Honor, because the question is purely one of law."
    );
    let all: String = d
        .pairs
        .iter()
        .map(|p| p.question_text() + &p.answer_text())
        .collect();
    assert!(!all.contains("Official") && !all.contains("Reporting Company"));
    assert!(d.dropped.iter().any(|x| x.text == "Reporting Company"));
}

#[test]
fn russian_dash_dialogue_glued_to_the_question() {
    let d = parse(
        "— Как вы оцениваете итоги встречи министров?- Хороший вопрос. Итоги положительные.\n— Что дальше?\n— Работа продолжается.\n",
    );
    assert_eq!(
        questions(&d),
        ["Как вы оцениваете итоги встречи министров?", "Что дальше?"]
    );
    assert_eq!(
        answers(&d),
        [
            "Хороший вопрос. Итоги положительные.",
            "Работа продолжается."
        ]
    );
}

#[test]
fn em_dash_turns_with_nbsp_and_list_items_in_an_answer() {
    let d = parse(
        "—\u{a0}What are your plans?\n\n—\u{a0}We plan three things:\n- a new office;\n- more staff;\n- a larger budget.\nThat is all for now.\n\n—\u{a0}When?\n\n—\u{a0}Next year.\n",
    );
    assert_eq!(d.pairs.len(), 2, "{:#?}", questions(&d));
    let items: Vec<&str> = d.pairs[0]
        .answer
        .iter()
        .filter(|p| p.list_item)
        .map(|p| &*p.text)
        .collect();
    assert_eq!(items, ["a new office;", "more staff;", "a larger budget."]);
    assert_eq!(
        d.pairs[0].answer.last().unwrap().text,
        "That is all for now."
    );
}

#[test]
fn question_and_answer_on_one_line_with_dashes_inside_sentences() {
    let d = parse(
        "- How do you see the role? - I see it as a bridge – between the two sides.\n- And the risks? - They are real - but manageable.\n",
    );
    assert_eq!(
        questions(&d),
        ["How do you see the role?", "And the risks?"]
    );
    assert_eq!(
        answers(&d),
        [
            "I see it as a bridge – between the two sides.",
            "They are real - but manageable."
        ]
    );
}

#[test]
fn greetings_are_not_questions_and_unanswered_last_question_is_kept() {
    let d = parse(
        "- Good afternoon!\n- Hello.\n- What brought you here?\n- Work.\n- And will you stay?\n",
    );
    assert_eq!(
        questions(&d),
        ["What brought you here?", "And will you stay?"]
    );
    assert!(d.pairs[1].answer.is_empty());
    assert_eq!(
        d.preamble.iter().map(|p| &*p.text).collect::<Vec<_>>(),
        ["Good afternoon!", "Hello."]
    );
}

#[test]
fn article_without_dialogue_keeps_body_and_quotes() {
    let d = parse(
        "\
City Opens New Bridge After Ten Years of Work
The bridge over the river opened on Monday after a decade of delays.
\"This bridge connects two halves of our city that were apart for too long,\" Mayor Lind said.
Traffic is expected to double within a year.
Read more:
Another headline about something else
",
    );
    assert_eq!(d.kind, DocKind::Article);
    assert_eq!(
        d.title.as_deref(),
        Some("City Opens New Bridge After Ten Years of Work")
    );
    assert_eq!(d.body.len(), 3);
    assert_eq!(d.quotes.len(), 1);
    assert_eq!(d.quotes[0].attribution.as_deref(), Some("Mayor Lind"));
    assert!(
        d.dropped
            .iter()
            .any(|x| x.text == "Another headline about something else")
    );
}

#[test]
fn news_briefs_and_navigation_around_an_interview() {
    let d = parse(
        "\
01.02.2024

The delegation visited the museum.


02.02.2024

The council met in the capital.


Interview of the Director General Maria Lopez to the EFE agency

Maria Lopez — on budgets, staff and the year ahead


— What is your first priority?

— The budget, without a doubt.

— And the second?

— Hiring.

Go back

Back to the news
",
    );
    assert_eq!(
        d.title.as_deref(),
        Some("Interview of the Director General Maria Lopez to the EFE agency")
    );
    assert_eq!(d.interviewee.as_deref(), Some("Maria Lopez"));
    assert_eq!(d.source.as_deref(), Some("EFE"));
    assert_eq!(d.date, None, "brief dates are not the interview's date");
    assert_eq!(d.pairs.len(), 2);
    assert_eq!(d.pairs[1].answer_text(), "Hiring.");
    assert_eq!(d.preamble.len(), 1);
    assert!(
        d.dropped
            .iter()
            .any(|x| x.text == "The council met in the capital.")
    );
    assert!(d.dropped.iter().any(|x| x.text == "Go back"));
}

#[test]
fn moderator_gives_the_floor_and_questions_follow() {
    let d = parse(
        "\
MODERATOR: Our first question comes from Tom Lee.
Q: Thanks. Why did sales fall in March?
MS. WU: Mostly because of the storm, which closed our stores for a week.
MODERATOR: Next, we go to Ana Ruiz.
Q: Will you hire again this year?
MS. WU: Yes, in the autumn.
MODERATOR: That concludes today's call. Thank you all for joining us.
",
    );
    assert_eq!(d.pairs.len(), 2, "{:#?}", questions(&d));
    // The hand-off leads the pair; it is not the reporter's question.
    assert_eq!(
        d.pairs[0].question_text(),
        "Thanks. Why did sales fall in March?"
    );
    assert_eq!(
        d.pairs[0].lead[0].text,
        "Our first question comes from Tom Lee."
    );
    assert_eq!(d.pairs[1].lead[0].text, "Next, we go to Ana Ruiz.");
    assert!(
        !d.pairs[0].answer_text().contains("Ana Ruiz"),
        "no answer ends with a hand-off"
    );
    assert!(
        d.pairs[1]
            .answer_text()
            .ends_with("Thank you all for joining us.")
    );
}

#[test]
fn every_word_of_the_interview_is_kept() {
    // Nothing said is lost: every word of the source is in the document or in `dropped`.
    let text = "Title Line Here\n- First question here?\n- First answer here.\nTo the photo\n- Second question?\n- Second answer.\n";
    let d = parse(text);
    let mut kept: Vec<String> = d.preamble.iter().map(|p| p.text.to_string()).collect();
    for p in &d.pairs {
        kept.push(p.question_text());
        kept.push(p.answer_text());
    }
    kept.extend(d.dropped.iter().map(|x| x.text.to_string()));
    kept.extend(d.title.clone());
    let all = kept.join(" ");
    for w in text.split_whitespace().filter(|w| *w != "-") {
        assert!(all.contains(w), "{w} lost");
    }
}

#[test]
fn markdown_bold_labels_from_a_web_page() {
    let d = parse(
        "**Q:** What is the plan?\n\n**A:** To finish by May.\n\n**Q:** And then?\n\n**A:** Rest.\n",
    );
    assert_eq!(questions(&d), ["What is the plan?", "And then?"]);
    assert_eq!(answers(&d), ["To finish by May.", "Rest."]);
}

#[test]
fn research_interview_with_coded_speakers() {
    let d = parse(
        "I: Can you describe a normal day at work?\nP1: I start at six. Mostly I check the machines.\nI: What is the hardest part?\nP1: The night shifts, without question.\n",
    );
    assert_eq!(
        questions(&d),
        [
            "Can you describe a normal day at work?",
            "What is the hardest part?"
        ]
    );
    assert_eq!(
        d.pairs[1].answer_text(),
        "The night shifts, without question."
    );
}

#[test]
fn screenplay_style_names_alone_in_capitals() {
    let d = parse(
        "INTERVIEWER\nWhere did you grow up?\n\nMARIA GOMEZ\nIn Valencia, near the port.\nMy father fished.\n\nINTERVIEWER\nDid you fish too?\n\nMARIA GOMEZ\nNever. I hated boats.\n",
    );
    assert_eq!(
        questions(&d),
        ["Where did you grow up?", "Did you fish too?"]
    );
    assert_eq!(d.pairs[0].answer.len(), 2);
    assert_eq!(d.interviewee.as_deref(), Some("Maria Gomez"));
}

#[test]
fn caption_chevrons_and_other_languages_labels() {
    let d = parse(
        ">> Frage: Wie geht es weiter?\n>> Antwort: Wir warten ab.\n>> Frage: Und dann?\n>> Antwort: Dann entscheiden wir.\n",
    );
    assert_eq!(questions(&d), ["Wie geht es weiter?", "Und dann?"]);
    let d = parse(
        "Question : Pourquoi maintenant ?\nRéponse : Parce que le moment est venu.\nQuestion : Et après ?\nRéponse : On verra.\n",
    );
    assert_eq!(d.pairs.len(), 2);
    assert_eq!(d.pairs[1].answer_text(), "On verra.");
}

#[test]
fn webvtt_subtitles_with_voice_tags_and_srt_cues() {
    let d = parse(
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\n<v Ann Lee>Why did the plant close?</v>\n\n2\n00:00:04.500 --> 00:00:09.000\n<v Tom Berg>Orders fell for two years.</v>\n\n3\n00:00:09.500 --> 00:00:12.000\n<v Ann Lee>Will it reopen at all?</v>\n\n4\n00:00:12.500 --> 00:00:15.000\n<v Tom Berg>Not this year.</v>\n",
    );
    assert_eq!(
        questions(&d),
        ["Why did the plant close?", "Will it reopen at all?"]
    );
    assert_eq!(
        answers(&d),
        ["Orders fell for two years.", "Not this year."]
    );
    let d = parse(
        "1\n00:00:01,000 --> 00:00:04,000\nHOST: What do you grow here?\n\n2\n00:00:04,500 --> 00:00:07,000\nFARMER: Mostly apples.\n\n3\n00:00:07,500 --> 00:00:09,000\nHOST: Since when?\n\n4\n00:00:09,500 --> 00:00:11,000\nFARMER: Since 1990.\n",
    );
    assert_eq!(answers(&d), ["Mostly apples.", "Since 1990."]);
}

#[test]
fn dash_after_the_q_and_a_letters() {
    let d = parse(
        "Q - What is the biggest risk this year?\nA - Inflation that will not come down.\nQ – And the biggest opportunity?\nA – Cheap solar power.\n",
    );
    assert_eq!(
        questions(&d),
        [
            "What is the biggest risk this year?",
            "And the biggest opportunity?"
        ]
    );
    assert_eq!(
        answers(&d),
        ["Inflation that will not come down.", "Cheap solar power."]
    );
}

#[test]
fn briefing_q_with_a_single_space_and_an_interrupted_q() {
    let d = parse(
        "MS. LEE: Good afternoon. One item at the top, and then questions.\n\nQ Thanks. Will the President sign the bill this week?\n\nMS. LEE: He will, on Friday.\n\nQ — and the veto threat?\n\nMS. LEE: There is none.\n\nQ On the trip: who is going?\n\nMS. LEE: The Secretary and two advisers.\n",
    );
    assert_eq!(d.pairs.len(), 3, "{:?}", questions(&d));
    assert!(questions(&d)[1].contains("the veto threat?"));
    assert_eq!(d.pairs[2].answer_text(), "The Secretary and two advisers.");
    // A sentence that starts with the article `A` is not a label.
    let d = parse(
        "Q  Is it safe?\n\nMS. LEE: A review is under way.\n\nQ  When will it end?\n\nMS. LEE: A week from now.\n",
    );
    assert_eq!(answers(&d), ["A review is under way.", "A week from now."]);
}

#[test]
fn speaker_labels_with_a_timestamp_in_brackets() {
    let d = parse(
        "Speaker 1 (00:00:03):\nSo tell me, how did the garden get started?\n\nSpeaker 2 (00:00:09):\nA few of us cleared an empty lot in 2009.\n\nSpeaker 1 (00:00:31):\nWhat was the hardest part?\n\nSpeaker 2 (00:00:36):\nKeeping volunteers past July.\n",
    );
    assert_eq!(
        questions(&d),
        [
            "So tell me, how did the garden get started?",
            "What was the hardest part?"
        ]
    );
    assert_eq!(answers(&d)[1], "Keeping volunteers past July.");
    assert_eq!(d.pairs[0].asker.as_deref(), Some("Speaker 1"));
    assert_eq!(d.pairs[0].answerer.as_deref(), Some("Speaker 2"));
    let d = parse(
        "Ana Ruiz [00:14]: Where were you that night?\nTom Berg [00:17]: At home, asleep.\nAna Ruiz [00:20]: Alone?\nTom Berg [00:21]: With my brother.\n",
    );
    assert_eq!(answers(&d), ["At home, asleep.", "With my brother."]);
}

#[test]
fn letters_that_mean_question_in_other_languages() {
    // Spanish and Portuguese write P(regunta) / R(espuesta): here `P` asks.
    let d = parse(
        "Entrevista con Ana Torres\n\nP: ¿Cuándo empezó a escribir?\nR: A los doce años.\nP: ¿Qué autores la marcaron?\nR: Rulfo, sin duda.\nP: ¿Escribe todos los días?\nR: Casi.\n",
    );
    assert_eq!(d.kind, DocKind::Interview);
    assert_eq!(
        questions(&d),
        [
            "¿Cuándo empezó a escribir?",
            "¿Qué autores la marcaron?",
            "¿Escribe todos los días?"
        ]
    );
    // Role words are roles, not people's names.
    let d = parse(
        "Frage: Wie hat alles angefangen?\nAntwort: Mit einer Garage.\nFrage: Und heute?\nAntwort: Zweihundert Leute.\n",
    );
    assert_eq!(d.pairs.len(), 2);
    assert_eq!(d.pairs[0].asker, None);
    assert_eq!(d.pairs[0].answerer, None);
}

#[test]
fn markdown_headings_and_bold_questions_lose_their_markup() {
    let d = parse(
        "# Ten minutes with the architect\n\n**What drew you to public housing?**\n\nMy grandmother lived in one of the first towers.\n\n**What do most buildings get wrong?**\n\nThe ground floor.\n\n**What are you working on now?**\n\nA library that is also a night shelter.\n",
    );
    assert_eq!(
        questions(&d),
        [
            "What drew you to public housing?",
            "What do most buildings get wrong?",
            "What are you working on now?"
        ]
    );
    let everything = serde_json::to_string(&d).unwrap();
    assert!(
        !everything.contains("**") && !everything.contains("# "),
        "{everything}"
    );
}

#[test]
fn deposition_with_line_numbers_and_q_a_periods() {
    let mut text = String::from("                                        Page 12\n\n");
    let pairs = [
        (
            "Please state your name for the record.",
            "Robert Allen Hayes.",
        ),
        (
            "Where were you employed in March?",
            "At the Fairview plant.",
        ),
        ("Did you see the accident?", "I did not see it happen."),
        ("What did you do when you arrived?", "I called the nurse."),
        ("Who else was there?", "Two operators and the driver."),
        ("Was the driver hurt?", "He had a cut on his arm."),
        ("Had you trained him?", "Yes, in January."),
        ("Did he pass the test?", "On the second try."),
        ("Were there complaints before?", "One, about the brakes."),
        ("What was done about it?", "Maintenance signed it off."),
        ("Who signed it off?", "The maintenance lead."),
        ("Is he still there?", "No, he left in the summer."),
    ];
    let mut n = 1;
    for (q, a) in pairs {
        text.push_str(&format!("{n:2}   Q.   {q}\n{:2}   A.   {a}\n", n + 1));
        n += 2;
    }
    let d = parse(&text);
    assert_eq!(d.pairs.len(), 12);
    assert_eq!(
        d.pairs[0].question_text(),
        "Please state your name for the record."
    );
    assert_eq!(d.pairs[11].answer_text(), "No, he left in the summer.");
}

#[test]
fn chinese_labels_with_full_width_colons_lose_nothing() {
    let text = "作家访谈\n\n问：您是什么时候开始写作的？\n答：大概十二岁的时候，在学校的作文课上。\n问：哪位作家对您影响最大？\n答：鲁迅，毫无疑问。\n问：您每天都写吗？\n答：几乎每天都写。\n";
    let d = parse(text);
    assert_eq!(d.kind, DocKind::Interview);
    assert_eq!(
        questions(&d),
        [
            "您是什么时候开始写作的？",
            "哪位作家对您影响最大？",
            "您每天都写吗？"
        ]
    );
    assert_eq!(answers(&d)[1], "鲁迅，毫无疑问。");
    assert!(d.dropped.is_empty(), "{:?}", d.dropped);
    // An article in Chinese keeps every line: short lines are not page chrome.
    let d = parse(
        "春天来了。\n\n河水涨了，桥被冲坏了。\n\n村里的人一起修桥。\n\n三天以后，桥修好了。\n",
    );
    assert_eq!(
        d.body.len() + d.preamble.len() + usize::from(d.title.is_some()),
        4
    );
    assert!(d.dropped.is_empty(), "{:?}", d.dropped);
}

#[test]
fn lower_case_role_labels_numbered_q_and_a_and_quoted_questions() {
    let d = parse(
        "interviewer: how long have you lived here?\nrespondent: about ten years now.\ninterviewer: and before that?\nrespondent: in the city, near the port.\n",
    );
    assert_eq!(
        questions(&d),
        ["how long have you lived here?", "and before that?"]
    );
    // A hard-wrapped line that happens to start with a role word is prose.
    let d = parse(
        "Q: Then you put the same\nquestion: what stops them from saying it?\nA: Nothing stops them.\nQ: Nothing at all?\nA: Nothing.\n",
    );
    assert_eq!(
        d.pairs[0].question_text(),
        "Then you put the same question: what stops them from saying it?"
    );
    // `Q1:`/`A1:` number the questions; they are not a new speaker each.
    let d = parse(
        "Q1: What is your role?\nA1: I run the night shift.\nQ2: How many people?\nA2: Twelve.\n",
    );
    assert_eq!(questions(&d), ["What is your role?", "How many people?"]);
    assert_eq!(answers(&d), ["I run the night shift.", "Twelve."]);
    // An e-mailed interview quotes the questions.
    let d = parse(
        "> What made you start the project?\n\nFrustration, mostly.\n\n> How many people work on it now?\n\nAbout forty.\n\n> What next?\n\nA stable release.\n",
    );
    assert_eq!(
        questions(&d),
        [
            "What made you start the project?",
            "How many people work on it now?",
            "What next?"
        ]
    );
}

#[test]
fn labels_in_scripts_without_capital_letters() {
    // Korean, Arabic and Hebrew have no upper case: a name or role word
    // before a colon is a label all the same.
    let d = parse(
        "인터뷰: 김민수 감독\n\n기자: 촬영은 어디에서 했나요?\n김민수: 대부분 부산에서 촬영했습니다.\n기자: 다음 작품은 무엇인가요?\n김민수: 아직 정하지 않았습니다.\n",
    );
    assert_eq!(
        questions(&d),
        ["촬영은 어디에서 했나요?", "다음 작품은 무엇인가요?"]
    );
    assert_eq!(d.pairs[0].answerer.as_deref(), Some("김민수"));
    assert_eq!(d.interviewee.as_deref(), Some("김민수"));
    // `س`/`ج` (Arabic) and `ש`/`ת` (Hebrew) abbreviate question and answer.
    let d = parse(
        "س: ما هي أولويات الوزارة؟\nج: خلق فرص العمل للشباب.\nس: وماذا عن التضخم؟\nج: نعمل على خفضه تدريجيا.\n",
    );
    assert_eq!(
        answers(&d),
        ["خلق فرص العمل للشباب.", "نعمل على خفضه تدريجيا."]
    );
    assert_eq!(d.pairs[0].asker, None);
    let d = parse("ש: מתי התחלת לכתוב?\nת: בגיל עשר.\nש: מה השפיע עליך?\nת: הספרייה.\n");
    assert_eq!(questions(&d), ["מתי התחלת לכתוב?", "מה השפיע עליך?"]);
}

#[test]
fn names_before_a_spaced_dash_take_turns() {
    let d = parse(
        "INTERVIEW WITH THE MAYOR\n\nInterviewer — What is your plan for transport?\nMayor — We will double the buses.\nInterviewer — And the cost?\nMayor — Parking fees pay for it.\n",
    );
    assert_eq!(
        questions(&d),
        ["What is your plan for transport?", "And the cost?"]
    );
    assert_eq!(d.pairs[1].answerer.as_deref(), Some("Mayor"));
    assert_eq!(d.title.as_deref(), Some("INTERVIEW WITH THE MAYOR"));
    // A capitalised word before a dash at the start of a wrapped line is
    // prose when such lines do not recur and alternate.
    let d = parse(
        "Q: Will you lift the travel limits for the United Kingdom, Ireland and\nBrazil — or keep them all?\nA: We keep them, for the United Kingdom, the Republic of Ireland and\nBrazil — for now.\nQ: Until when?\nA: Until the spring.\n",
    );
    assert_eq!(
        questions(&d),
        [
            "Will you lift the travel limits for the United Kingdom, Ireland and Brazil — or keep them all?",
            "Until when?"
        ]
    );
}

#[test]
fn chat_log_nicks_in_angle_brackets() {
    let d = parse(
        "[20:02] <moderator> First question: how did you get started?\n[20:03] <janeroe> I fixed a typo in 2009 and never stopped.\n[20:04] <moderator> What are you proudest of?\n[20:05] <@janeroe> The packaging tools.\n",
    );
    assert_eq!(
        answers(&d),
        [
            "I fixed a typo in 2009 and never stopped.",
            "The packaging tools."
        ]
    );
    assert_eq!(d.pairs[0].answerer.as_deref(), Some("janeroe"));
    // HTML left in pasted text is markup, not a speaker called `p`.
    let d = parse("<p> Why now?</p>\n<p> Because it is time.</p>\n<p> Why you?</p>\n");
    assert!(d.pairs.iter().all(|p| p.answerer.as_deref() != Some("p")));
}

#[test]
fn a_lone_heading_over_the_questions_is_the_title() {
    let d = parse(
        "Email interview with the author Tom Hale\n\n1. How long did the book take?\n\nAbout four years.\n\n2. Who is the main character?\n\nMy grandmother, partly.\n\n3. What are you reading now?\n\nA history of the Baltic trade.\n",
    );
    assert_eq!(
        d.title.as_deref(),
        Some("Email interview with the author Tom Hale")
    );
    assert_eq!(d.pairs.len(), 3);
    // Initials as labels are expanded from the heading that spells them out.
    let d = parse(
        "Interview by Jane Doe (JD) with Mark Kent (MK)\n\nJD: When did the band form?\nMK: In 1998.\nJD: Who named it?\nMK: Our drummer.\n",
    );
    assert_eq!(d.interviewee.as_deref(), Some("Mark Kent"));
    assert_eq!(d.source, None);
    assert_eq!(d.pairs[0].answerer.as_deref(), Some("MK"));
}

#[test]
fn congressional_hearing_titles_before_names_in_capitals() {
    let d = parse(
        "HEARING ON RURAL BROADBAND\n\nSenator GRASSLEY. Ms. Lopez, how many households still lack service?\n\nMs. LOPEZ. About 90,000, Senator.\n\nSenator GRASSLEY. And what does it cost to reach them?\n\nMs. LOPEZ. Roughly $1.2 billion.\n\nMr. NADLER. Why has the program been so slow?\n\nMs. LOPEZ. The maps were wrong.\n\nMs. JACKSON LEE. Will the new maps be public?\n\nMs. LOPEZ. Yes, from next month.\n",
    );
    assert_eq!(d.pairs.len(), 4);
    let askers: Vec<_> = d.pairs.iter().map(|p| p.asker.as_deref()).collect();
    assert_eq!(
        askers,
        [
            Some("Senator GRASSLEY"),
            Some("Senator GRASSLEY"),
            Some("Mr. NADLER"),
            Some("Ms. JACKSON LEE")
        ]
    );
    assert_eq!(d.pairs[3].answer_text(), "Yes, from next month.");
    assert_eq!(d.interviewee.as_deref(), Some("Ms. Lopez"));
    // The same shape at the start of a wrapped line is prose where it does
    // not take turns: the question stays one paragraph.
    let wrapped = "Q: I wanted to ask about the letter that was sent last week to the\n\
        committee, because it seems that nobody in the department read it. Did\n\
        you talk to the minister about it, or to the chairman of the committee,\n\
        Senator SMITH. He says that no one called him about it. Who is right?\n\
        A: Both of us are right, in a way, because the letter went to the wrong\n\
        office first and was forwarded twice before anyone in my team saw it.\n\
        Q: And what happens to the budget now that the deadline has passed for\n\
        the committee to review it, and the minister has said he will not wait?\n\
        A: The budget goes ahead as planned; the committee can still amend it\n\
        in the autumn session, which is what we expect them to do this year.\n";
    let d = parse(wrapped);
    assert_eq!(d.pairs.len(), 2);
    assert_eq!(d.pairs[0].question.len(), 1);
    assert!(
        d.pairs[0]
            .question_text()
            .contains("committee, Senator SMITH. He says")
    );
}

#[test]
fn select_committee_question_numbers_before_the_speaker() {
    let d = parse(
        "Q1 Chair: Why did the scheme fail?\n\nProfessor Hall: It was designed for cities.\n\nQ2 Chair: Who should have seen that?\n\nProfessor Hall: The department.\n\nQ3 Chair: What would you change?\n\nProfessor Hall: The funding formula.\n",
    );
    assert_eq!(
        questions(&d),
        [
            "Why did the scheme fail?",
            "Who should have seen that?",
            "What would you change?"
        ]
    );
    assert_eq!(d.pairs[2].answerer.as_deref(), Some("Professor Hall"));
}

#[test]
fn only_the_interviewer_is_labelled() {
    let d = parse(
        "A conversation with the painter Rosa Vidal\n\nJD: When did you start painting?\n\nI was six.\n\nJD: Where do you work now?\n\nIn a barn outside Girona.\n\nJD: Tell me about the new series.\n\nIt is about the river.\n",
    );
    assert_eq!(
        questions(&d),
        [
            "When did you start painting?",
            "Where do you work now?",
            "Tell me about the new series."
        ]
    );
    assert_eq!(
        answers(&d),
        [
            "I was six.",
            "In a barn outside Girona.",
            "It is about the river."
        ]
    );
    assert_eq!(d.pairs[0].asker.as_deref(), Some("JD"));
    assert_eq!(d.interviewee.as_deref(), Some("Rosa Vidal"));
    // With `Q:` the same: a one-paragraph question without `?` is answered
    // by the paragraph after it.
    let d = parse(
        "Q: When did you start?\n\nAt six.\n\nQ: Tell me about the series.\n\nIt is about the river.\n",
    );
    assert_eq!(answers(&d), ["At six.", "It is about the river."]);
}

#[test]
fn spanish_dialogue_dash_glued_to_the_question_mark() {
    let d = parse(
        "Entrevista a la escritora Ana Torres\n\n—¿Cuándo empezó a escribir?\n—A los doce años.\n—¿Qué autores la marcaron?\n—Rulfo, sin duda.\n—¡Qué buena elección! ¿Escribe todos los días?\n—Casi.\n",
    );
    assert_eq!(
        questions(&d),
        [
            "¿Cuándo empezó a escribir?",
            "¿Qué autores la marcaron?",
            "¡Qué buena elección! ¿Escribe todos los días?"
        ]
    );
    assert_eq!(
        answers(&d),
        ["A los doce años.", "Rulfo, sin duda.", "Casi."]
    );
}

#[test]
fn numbered_questions_with_a_bracket_and_role_words_in_more_languages() {
    let d = parse(
        "Q1) What is your first priority?\nA1) Finishing on time.\nQ2) How big is the team?\nA2) Forty people.\n",
    );
    assert_eq!(
        questions(&d),
        ["What is your first priority?", "How big is the team?"]
    );
    assert_eq!(answers(&d), ["Finishing on time.", "Forty people."]);
    // Dutch, Polish, Turkish: question and answer words are roles, not names.
    for (q, a) in [
        ("Vraag", "Antwoord"),
        ("Pytanie", "Odpowiedź"),
        ("Soru", "Cevap"),
    ] {
        let d = parse(&format!(
            "{q}: Hoe?\n{a}: Zo.\n{q}: Waarom?\n{a}: Daarom.\n"
        ));
        assert_eq!(d.pairs.len(), 2, "{q}");
        assert_eq!(d.pairs[0].asker, None, "{q}");
        assert_eq!(d.pairs[0].answerer, None, "{a}");
        assert_eq!(d.interviewee, None, "{a}");
    }
}

#[test]
fn web_page_mastheads_and_end_matter_are_chrome() {
    let d = parse(
        "DER SPIEGEL\nWirtschaft\n\nÖkonomin über die Schuldenbremse\n\nDie Ökonomin Katrin Albers hält die Haushaltspolitik für kurzsichtig.\n\nSPIEGEL: Frau Albers, ist die Schuldenbremse zu streng?\n\nAlbers: Ja. Sie verhindert Investitionen.\n\nSPIEGEL: Was schlagen Sie vor?\n\nAlbers: Eine Ausnahme für Brücken und Schulen.\n\nSPIEGEL: Und die Zinsen?\n\nAlbers: Sie sind tragbar.\n\nMehr zum Thema\nSchuldenbremse: Lindner lehnt Reform ab\nHaushalt 2025: Wo die Ampel kürzen will\n",
    );
    assert_eq!(d.title.as_deref(), Some("Ökonomin über die Schuldenbremse"));
    assert_eq!(d.pairs.len(), 3);
    assert_eq!(d.pairs[2].answer_text(), "Sie sind tragbar.");
    let dropped: Vec<&str> = d.dropped.iter().map(|l| &*l.text).collect();
    assert!(
        dropped.contains(&"DER SPIEGEL") && dropped.contains(&"Mehr zum Thema"),
        "{dropped:?}"
    );
    // A photo credit under the last answer is not part of it.
    let d = parse(
        "— Кто ходит в театр?\n— Молодёжь.\n\n— А гастроли?\n— Сложнее.\n\n— Что посоветуете?\n— Не бояться классики.\n\nФото: пресс-служба театра\n",
    );
    assert_eq!(d.pairs[2].answer_text(), "Не бояться классики.");
}

#[test]
fn a_cover_sheet_names_the_interviewee_and_the_date() {
    let d = parse(
        "VETERANS HISTORY PROJECT - INTERVIEW TRANSCRIPT\n\nInterviewee: Harold \"Hal\" Benning\nInterviewer: Kayla Ortiz\nDate: 11/09/2019\nLocation: Tulsa, OK\n\nINTERVIEWER: Where did you serve?\n\nNARRATOR: In Vietnam, 1968 to 1969.\n\nINTERVIEWER: How old were you?\n\nNARRATOR: Nineteen.\n",
    );
    assert_eq!(d.interviewee.as_deref(), Some("Harold \"Hal\" Benning"));
    assert_eq!(d.date.as_deref(), Some("11/09/2019"));
    assert_eq!(answers(&d), ["In Vietnam, 1968 to 1969.", "Nineteen."]);
    // A role word on the cover sheet is a field too, though `I:` takes turns below.
    let d = parse(
        "Participant ID: P07\nInterviewer: RM\nDate: 2022-08-16\n\nI:\tHow do you get your medications?\n\nP:\tI drive to Harlan.\n\nI:\tHow often?\n\nP:\tEvery two weeks.\n",
    );
    assert_eq!(
        questions(&d),
        ["How do you get your medications?", "How often?"]
    );
    assert_eq!(d.date.as_deref(), Some("2022-08-16"));
    // E-mail headers are fields, not people speaking.
    let d = parse(
        "From: Lena Vogt\nSent: Thursday, March 14, 2024\nTo: Tom Baxter\nSubject: RE: Interview questions\n\n> How did you convince the client?\n\nWe didn't have to.\n\n> What did the fire authority want?\n\nSprinklers.\n\n> Would you build in timber again?\n\nYes.\n",
    );
    assert!(d.speakers.is_empty(), "{:?}", d.speakers);
    assert_eq!(answers(&d), ["We didn't have to.", "Sprinklers.", "Yes."]);
}

#[test]
fn japanese_questions_set_off_by_a_double_dash() {
    let d = parse(
        "【インタビュー】山田太郎「ようやく自分の音になった」\n\n2024年5月10日 12:00\n\nソロデビュー10周年を迎えた山田太郎に話を聞いた。\n\n――まず、10周年おめでとうございます。振り返ってみていかがですか。\n\nありがとうございます。あっという間でした。最初の3年は、ずっと迷っていた気がします。\n\n――新作はどのように作られたのでしょう。\n\n去年の夏、実家のある長野に2か月こもって作りました。タイトルはそこから決めました。\n\n――アレンジもご自身で？\n\nはい、今回は全部自分でやりました。ドラム以外はほとんど自分で弾いています。\n\n（取材・文：佐藤美咲）\n",
    );
    assert_eq!(
        questions(&d),
        [
            "まず、10周年おめでとうございます。振り返ってみていかがですか。",
            "新作はどのように作られたのでしょう。",
            "アレンジもご自身で？"
        ]
    );
    assert!(d.pairs[2].answer_text().starts_with("はい"));
    assert!(!d.pairs[2].answer_text().contains("取材"));
    assert_eq!(d.date.as_deref(), Some("2024年5月10日 12:00"));
}

#[test]
fn spanish_press_pregunta_then_p_and_r() {
    let d = parse(
        "Lucía Barrena: “Escribir es desobedecer”\n\nLa autora publica su novela más personal.\n\nPregunta. Diez años sin publicar. ¿Qué pasó?\n\nRespuesta. Pasó la vida.\n\nP. ¿Por qué la tiró?\n\nR. Porque quería gustar.\n\nP. ‘Las hijas del faro’ es muy autobiográfica.\n\nR. Todas lo son.\n\nP. ¿Cómo recuerda aquella infancia?\n\nR. Con frío y con libros.\n",
    );
    assert_eq!(
        questions(&d),
        [
            "Diez años sin publicar. ¿Qué pasó?",
            "¿Por qué la tiró?",
            "‘Las hijas del faro’ es muy autobiográfica.",
            "¿Cómo recuerda aquella infancia?"
        ]
    );
    assert_eq!(answers(&d)[3], "Con frío y con libros.");
    assert_eq!(d.interviewee.as_deref(), Some("Lucía Barrena"));
    // An initial before a name is no label where nothing takes turns.
    let d = parse("R. Kelly was in court.\n\nP. Diddy was not.\n\nThe case goes on.\n");
    assert_eq!(d.kind, DocKind::Article);
    assert!(d.body.iter().any(|p| p.text == "R. Kelly was in court."));
}

#[test]
fn numbered_questions_over_their_answers_and_notes_under_the_text() {
    let d = parse(
        "Five questions for the new director\n\nThe Ledger asked her about her plans.\n\n1. What made you want to come here?\n\nThe building, honestly.\n\n2. The library cut its Sunday hours. Will they come back?\n\nYes, in March.\n\n3. Finish this sentence: A library is ...\n\n... the last place where you can sit all day.\n\nThis interview has been edited for length and clarity.\n\nMark Delaney can be reached at mdelaney@example.com.\n",
    );
    assert_eq!(
        questions(&d),
        [
            "What made you want to come here?",
            "The library cut its Sunday hours. Will they come back?",
            "Finish this sentence: A library is ..."
        ]
    );
    assert_eq!(
        answers(&d)[2],
        "... the last place where you can sit all day."
    );
    assert_eq!(d.dropped.len(), 2, "{:?}", d.dropped);
    // A numbered list inside an answer is no run of questions.
    let d = parse(
        "What do you need?\n\nThree things:\n\n1. Money.\n\n2. Time.\n\n3. Luck.\n\nIn that order?\n\nYes.\n\nWhy?\n\nBecause.\n",
    );
    assert_eq!(
        questions(&d),
        ["What do you need?", "In that order?", "Why?"]
    );
    assert!(d.pairs[0].answer_text().contains("1. Money."));
}

#[test]
fn question_and_answer_labels_on_one_line() {
    let d = parse(
        "Meet the Maker\n\nQ: How long have you worked with leather? A: About eleven years.\nQ: What's your best seller? A: Dog collars, by a mile.\nQ: Any advice? A: Buy one good knife.\n",
    );
    assert_eq!(
        questions(&d),
        [
            "How long have you worked with leather?",
            "What's your best seller?",
            "Any advice?"
        ]
    );
    assert_eq!(
        answers(&d),
        [
            "About eleven years.",
            "Dog collars, by a mile.",
            "Buy one good knife."
        ]
    );
}

#[test]
fn bold_prompts_without_question_marks_from_a_markdown_page() {
    let d = parse(
        "# Chef Ana Ruiz on fermentation\n\n*By Jordan Blake · June 12, 2023*\n\n![Ana Ruiz in her kitchen](ana-ruiz.jpg)\n\nWe talked to her about jars and mistakes.\n\n**Tell me about the first thing you ever fermented.**\n\nSauerkraut, when I was nine.\n\n**Your first restaurant closed after fourteen months**\n\nIt did. I learned that a concept needs edges.\n\n**And Brine has edges.**\n\nVery clear edges.\n\n---\n",
    );
    assert_eq!(
        questions(&d),
        [
            "Tell me about the first thing you ever fermented.",
            "Your first restaurant closed after fourteen months",
            "And Brine has edges."
        ]
    );
    assert_eq!(answers(&d)[2], "Very clear edges.");
    let dropped: Vec<&str> = d.dropped.iter().map(|l| l.reason).collect();
    assert!(
        dropped.contains(&"image") && dropped.contains(&"rule"),
        "{dropped:?}"
    );
    assert!(
        d.preamble
            .iter()
            .any(|p| p.text.starts_with("By Jordan Blake"))
    );
}

/// Kramdown and Pandoc pages style a block with an attribute list after it
/// (`{: .question}`, `{#q2 .ask}`), or alone on the next line: styling, not
/// words, so a bold question stays a whole bold line; braces in words stay.
#[test]
fn bold_questions_styled_with_attribute_lists() {
    let d = parse(
        "We met the potter in her studio.\n\n**Where does your clay come from?**{: .question}\n\nA riverbank an hour north. I dig it myself {sic} in spring.\n\n**Why glaze only the inside?**{:.question #q2}\n\nSo the outside keeps the fire's marks.\n\n**What comes next for you?**\n{: .question}\n\nA kiln of my own.\n",
    );
    assert_eq!(
        questions(&d),
        [
            "Where does your clay come from?",
            "Why glaze only the inside?",
            "What comes next for you?"
        ]
    );
    assert_eq!(
        answers(&d)[0],
        "A riverbank an hour north. I dig it myself {sic} in spring."
    );
    assert!(d.dropped.iter().any(|l| l.reason == "attribute list"));
}

/// `**Name**: text`: Markdown bold around the name only, the colon after
/// it (inquiry transcripts in reStructuredText and Markdown write them so),
/// and `*Name*:` in italics.
#[test]
fn bold_names_with_the_colon_outside_the_bold() {
    let d = parse(
        "Evidence of Dr Jane Roe\n\n**Mr Hale**: Could you give us your full name, please.\n\n**Dr Jane Roe**: Jane Margaret Roe.\n\n**Mr Hale**: Where were you working in March?\n\n**Dr Jane Roe**: At the county hospital, on the wards.\n\n**Mr Hale**: Did the ward close?\n\n**Dr Jane Roe**: For two weeks, yes.\n",
    );
    assert_eq!(
        questions(&d),
        [
            "Could you give us your full name, please.",
            "Where were you working in March?",
            "Did the ward close?"
        ]
    );
    assert_eq!(speaker_of(&d, "county hospital"), Some("Dr Jane Roe"));
    assert_eq!(answers(&d)[2], "For two weeks, yes.");
    let d = parse(
        "*Interviewer*: What first drew you to clocks?\n\n*Mara*: My grandfather's workshop.\n\n*Interviewer*: Do you still repair them?\n\n*Mara*: Every weekend.\n",
    );
    assert_eq!(
        questions(&d),
        [
            "What first drew you to clocks?",
            "Do you still repair them?"
        ]
    );
    assert_eq!(speaker_of(&d, "Every weekend"), Some("Mara"));
}

/// A bold question cut off by the answer (`…diverted to —`) ends where the
/// bold ends: the answer below is the interviewee's, never glued to it. And
/// a journalist's question that sets out its context over a long bold
/// paragraph is still a question.
#[test]
fn a_bold_question_cut_off_or_long_stays_the_askers() {
    let context = "The council cut the library budget by a third last spring, closed two branches on weekends, and moved the archive to a warehouse outside town where, according to the staff we spoke with, nobody has been able to find the older maps since, and the volunteers who used to run the reading room say they were never asked about any of it, while the council says the savings went to the schools and that the archive is safer where it is now.";
    let text = format!(
        "We spoke to the mayor in her office.\n\n**What do you want to fix first?**\n\nThe buses. Everything follows from the buses.\n\n**But could the money for the buses instead go to —**\n\nNo, and I will tell you why. The buses carry the people to the jobs.\n\n**{context} Was that the right call?**\n\nIt was a hard call, and I would make it again.\n\n**And the archive?**\n\nWe will bring it back when the roof is fixed.\n"
    );
    let d = parse(&text);
    assert_eq!(d.pairs.len(), 4, "{:?}", questions(&d));
    assert_eq!(
        questions(&d)[1],
        "But could the money for the buses instead go to —"
    );
    assert_eq!(
        answers(&d)[1],
        "No, and I will tell you why. The buses carry the people to the jobs."
    );
    assert!(questions(&d)[2].ends_with("Was that the right call?"));
}

/// Japanese asks with a sentence-final か as often with a plain `。` as with
/// `？`, and has no spaces to count words by: speakers named by surname
/// alone are told apart by who asks.
#[test]
fn japanese_questions_ending_in_ka() {
    let d = parse(
        "入江：前職で身につけたスキルで、今も活きていることはありますか。\n\n松村：問題を解く力です。仮説を立てて検証する習慣は今も毎日使っています。\n\n入江：今後のキャリアをどう考えていますか。\n\n松村：まだ決めていませんが、事業をもっと大きくしたいと思っています。\n\n入江：最後に、読者へのメッセージをお願いできますか？\n\n松村：挑戦を楽しんでください。失敗から学ぶことが一番多いです。\n",
    );
    assert_eq!(d.pairs.len(), 3, "{:?}", questions(&d));
    assert_eq!(d.pairs[0].asker.as_deref(), Some("入江"));
    assert_eq!(speaker_of(&d, "問題を解く力"), Some("松村"));
}

/// A Markdown page that anchors each question so it can be linked to
/// (`<a name="…" href="#…">#</a> **Q:** …`): the anchor is no word, and
/// the label after it still opens the turn.
#[test]
fn anchored_questions_of_a_written_up_chat() {
    let d = parse(
        "## Ask the maintainer\n\n<a name=\"why-rust\" href=\"#why-rust\">#</a> **Q:** Why did you pick Rust for the rewrite? - _kit_\n\n**A:** Mostly for the borrow checker. It caught two bugs in the first week.\n\n---\n\n<a name=\"next\" href=\"#next\">#</a> **Q:** What comes after 2.0? - _ola_\n\n**A:** Plugins, if the API holds.\n\n<a id=\"end\"></a>\n",
    );
    assert_eq!(
        questions(&d),
        [
            "Why did you pick Rust for the rewrite? - _kit_",
            "What comes after 2.0? - _ola_"
        ]
    );
    assert_eq!(answers(&d)[1], "Plugins, if the API holds.");
    assert!(d.dropped.iter().any(|l| l.reason == "anchor"));
}

/// `Jane Roe – 00:19:28:` over the words, or before them on the line: the
/// time is when, not what, was said.
#[test]
fn a_time_after_a_dash_label_is_not_words() {
    let d = parse(
        "Sam Host – 00:02:02:  Welcome, Dana. What are you working on these days?\n\nDana Guest – 00:02:57:\n\nMostly the fee rules, and some wallet work.\n\nSam Host – 00:03:30:\n\nWhy the fee rules?\n\nDana Guest – 00:03:41:\n\nBecause they decide who gets into a block.\n",
    );
    assert_eq!(
        questions(&d),
        [
            "Welcome, Dana. What are you working on these days?",
            "Why the fee rules?"
        ]
    );
    assert_eq!(
        answers(&d)[0],
        "Mostly the fee rules, and some wallet work."
    );
    assert_eq!(speaker_of(&d, "who gets into a block"), Some("Dana Guest"));
    // A clock time that opens the words is said, even where turns are timed.
    let d = parse(
        "00:04:10 CAPCOM: When is the burn?\n\n00:04:12 P: 4:06 after retrofire is the burn.\n\n00:04:20 CAPCOM: Copy. And the attitude?\n\n00:04:25 P: Holding at zero.\n",
    );
    assert!(
        answers(&d)
            .iter()
            .any(|a| a.contains("4:06 after retrofire")),
        "{:?}",
        answers(&d)
    );
}

/// Research notes number their people without a space (`Interviewer1`,
/// `Interviewee1`), and French puts a space before the colon.
#[test]
fn roles_numbered_without_a_space_and_a_french_colon() {
    let d = parse(
        "Interviewer1 : Est-ce que tu peux nous parler de ton équipe ?\nInterviewee1 : Nous sommes quatre, deux en données et deux en logiciel.\nInterviewer1 : Et vous utilisez quelles données ?\nInterviewee1 : Surtout des données tabulaires de nos clients.\nInterviewer1 : Merci beaucoup.\n",
    );
    assert_eq!(
        questions(&d),
        [
            "Est-ce que tu peux nous parler de ton équipe ?",
            "Et vous utilisez quelles données ?"
        ]
    );
    assert_eq!(speaker_of(&d, "données tabulaires"), Some("Interviewee1"));
    // Only roles are numbered so: `COVID19:` opens no turn.
    let d = parse(
        "Interviewer1: What changed in spring?\nInterviewee1: Everything.\nCOVID19: the clinics closed first.\nInterviewer1: And then?\nInterviewee1: The schools.\nCOVID19: cases fell in June.\n",
    );
    assert!(
        !turn_speakers(&d).iter().any(|s| s == "COVID19"),
        "{:?}",
        turn_speakers(&d)
    );
}

/// Counsel examines a witness; the chair puts in a word. One asker holds
/// nearly every asking turn, so their statements are weighed as a host's:
/// a request heeded with `Okay.` and closing thanks are no questions.
#[test]
fn counsel_asks_nearly_everything_and_the_chair_a_little() {
    let d = parse(
        "**Mr Hale**: Could you give the inquiry your full name, please.\n\n**Ms Ada Vale**: Ada Mary Vale.\n\n**Mr Hale**: Ms Vale, whilst you give evidence, could you please remember to keep your voice up.\n\n**Ms Ada Vale**: Okay.\n\n**Mr Hale**: When did the home close its doors to visitors?\n\n**Ms Ada Vale**: In the second week of March, before the national rules came in, and they told us by letter.\n\n**Mr Hale**: Were you able to see your father after that?\n\n**Ms Ada Vale**: Only through the window, twice, and both times she did not know who I was. It was the worst spring of my life.\n\n**Mr Hale**: Did anyone explain why?\n\n**Ms Ada Vale**: No one did. We were told the rules came from above, and that was all anyone would say to us for months.\n\n**Mr Hale**: Did the home have enough staff that spring?\n\n**Ms Ada Vale**: It did not. Half of them were off sick, and agency staff came and went every week, so nobody knew the residents.\n\n**Ms Reed**: One question from me: were you ever offered a test?\n\n**Ms Ada Vale**: Never, not once, although we asked for one at every visit to the window and wrote to the council twice.\n\n**Mr Hale**: Ms Vale, thank you very much indeed. That has been very helpful.\n\n**Ms Ada Vale**: Thank you.\n\n**Lady Brook**: Thank you, Ms Vale, for coming today.\n\n**Ms Ada Vale**: Thank you.\n",
    );
    assert_eq!(
        questions(&d),
        [
            "Could you give the inquiry your full name, please.",
            "When did the home close its doors to visitors?",
            "Were you able to see your father after that?",
            "Did anyone explain why?",
            "Did the home have enough staff that spring?",
            "One question from me: were you ever offered a test?"
        ]
    );
    // The request stays in the pair before it, said by its speaker.
    assert_eq!(speaker_of(&d, "keep your voice up"), Some("Mr Hale"));
}

/// A transcript exported as a table (CSV with a header naming the speaker
/// and text columns; quoted fields that hold commas and line breaks): a
/// row per turn, its line numbers those of the file.
#[test]
fn a_transcript_kept_as_a_csv_table() {
    let d = load_bytes(
        "interview.csv",
        b"timestamp,speaker,words,tags\n[00:00:00],Rosa Diaz,\"Thanks for coming. So, where were you born?\",\n,Tom Hale,\"In Leeds, in 1950,\nthe year the mill closed.\",family\n,RD,Did your family move around?,family\n,TH,\"Twice, and both times for work.\",\n,RD,What work did your father do?,\n,TH,\"He was a weaver, then a driver.\",work\n",
    )
    .expect("text loads");
    assert_eq!(
        questions(&d),
        [
            "Thanks for coming. So, where were you born?",
            "Did your family move around?",
            "What work did your father do?"
        ]
    );
    assert_eq!(
        answers(&d)[0],
        "In Leeds, in 1950, the year the mill closed."
    );
    assert_eq!(speaker_of(&d, "the mill closed"), Some("Tom Hale"));
    // The answer's row starts on line 3 of the file.
    assert_eq!(d.pairs[0].answer[0].lines.first, 3);
}

/// Markdown numbers a list `1.`, `1.`, `1.` as readily as `1.`, `2.`,
/// `3.`; each item a bold question over its indented answer, one answer
/// holding a dashed list of links (a list, not turns).
#[test]
fn a_markdown_list_of_bold_questions_all_numbered_one() {
    let d = parse(
        "Mara joined the team in June.\n\n1. __Tell us about yourself.__\n\n    I grew up by the sea and now I write compilers.\n\n    - GitHub: @mara\n    - Website: mara.dev\n    - Mastodon: @mara\n\n1. __How did you start in open source?__\n\n    A friend installed Linux on my first computer.\n\n1. __What keeps you here?__\n\n    The people, mostly, and the bugs.\n",
    );
    assert_eq!(
        questions(&d),
        [
            "Tell us about yourself.",
            "How did you start in open source?",
            "What keeps you here?"
        ]
    );
    assert!(
        answers(&d)[0].contains("GitHub: @mara"),
        "{:?}",
        answers(&d)
    );
}

/// A name in bold and no colon before the words (`__三村__ まずは…`,
/// `**Ana** I was…`), where such names recur and take turns; `__――__` is
/// the anonymous interviewer of a Japanese magazine.
#[test]
fn names_in_bold_without_a_colon() {
    let d = parse(
        "### 感想\n\n__三村__ まずは終わっての感想を率直に聞かせてください。\n\n__角谷__ 会期が無事に終わりました。最後までつつがなく運営できました。\n\n__――__ 一番大変だったことは何ですか？\n\n__角谷__ 会場との調整です。何度も打ち合わせをしました。\n\n__――__ 来年も続けますか？\n\n__角谷__ はい、続けるつもりです。もう準備を始めています。\n",
    );
    assert_eq!(d.pairs.len(), 3, "{:?}", questions(&d));
    assert_eq!(d.pairs[0].asker.as_deref(), Some("三村"));
    assert_eq!(d.pairs[1].asker.as_deref(), Some("――"));
    assert_eq!(speaker_of(&d, "会場との調整"), Some("角谷"));
    // A bold span that closes past a character of two bytes (the `ö` of
    // `könnte` at the reader's 48-byte limit) is read without a panic.
    let d = parse(
        "**FSFW**: *Alles, was Sie bisher genannt haben, könnte ja so auch in kommerziellem Umfeld zu finden sein?*\n\n**OS**: Ja, das stimmt.\n\n**FSFW**: *Und die Bugs?*\n\n**OS**: Die sind überall.\n",
    );
    assert_eq!(d.pairs.len(), 2, "{:?}", questions(&d));
    // A word in bold at a paragraph's start inside an answer is emphasis,
    // not a new speaker, in a text whose speakers are bold names.
    let d = parse(
        "**Ana** Where did it begin?\n\n**Bo** In a garage. Then we moved.\n\n**Hamburg** was where it grew, in a flat over a bakery.\n\n**Ana** And why there?\n\n**Bo** The rent.\n",
    );
    assert_eq!(speaker_of(&d, "over a bakery"), Some("Bo"));
    // Only where the names recur: one bold name is emphasis.
    let d = parse("**Note** the dates below are local.\n\nThe fair opens at nine.\n");
    assert!(d.pairs.is_empty() && d.turns.is_empty());
}

/// Diarization's speakers (`SPEAKER_02`) alone on their line over each
/// segment, and a segment's start and end in seconds before its words.
#[test]
fn diarized_speakers_over_segments_timed_in_seconds() {
    let d = parse(
        "SPEAKER_02 \n(5.0,15.0): So how would you describe your neck pain to me?\nSPEAKER_04 \n(16.0,30.0): It is ongoing and persistent, and it stops me doing what I want.\nSPEAKER_04 \n(30.0,34.0): Most days, anyway.\nSPEAKER_02 \n(35.0,40.0): And when did it start?\nSPEAKER_04 \n(41.0,50.0): About five years ago, after a fall at work.\n",
    );
    assert_eq!(
        questions(&d),
        [
            "So how would you describe your neck pain to me?",
            "And when did it start?"
        ]
    );
    assert!(
        answers(&d)[0].ends_with("Most days, anyway."),
        "{:?}",
        answers(&d)
    );
    assert_eq!(speaker_of(&d, "fall at work"), Some("SPEAKER_04"));
}

/// `### [00:12:31] John` over each turn: a heading names the speaker, the
/// time before the name is when.
#[test]
fn timed_headings_name_the_speaker() {
    let d = parse(
        "# Episode 19\n\n### [00:00:00] John\nWelcome to the show. Sir, what does your command do all day?\n\n### [00:00:20] Gen. Hale\nWe defend the network, and we train the people who defend it.\n\n### [00:01:05] John\nAnd how do you find those people?\n\n### [00:01:10] Gen. Hale\nMostly they find us, through the schools and the reserve.\n",
    );
    assert_eq!(
        questions(&d),
        [
            "Welcome to the show. Sir, what does your command do all day?",
            "And how do you find those people?"
        ]
    );
    assert_eq!(speaker_of(&d, "through the schools"), Some("Gen. Hale"));
}

/// A short exchange in dashes inside a longer article is an exchange, not
/// a list: its dashes ask.
#[test]
fn a_short_dash_exchange_in_an_article_is_not_a_list() {
    let d = parse(
        "The mill closed in March.\n\nWorkers gathered at the gate on Monday.\n\nThe owners have not said what comes next.\n\nThe town council met on Tuesday.\n\nWe asked the foreman about it.\n\n— Will the mill open again?\n\n— Not this year, and maybe not at all.\n\nThe council meets again next week.\n\nA decision is expected by summer.\n",
    );
    assert_eq!(questions(&d), ["Will the mill open again?"]);
    assert!(
        answers(&d)[0].starts_with("Not this year, and maybe not at all."),
        "{:?}",
        answers(&d)
    );
}

/// A host's yes/no question that lost its `?` (speech recognition) is a
/// question still when the answer is only `No.`: the reply stays with it.
#[test]
fn a_question_without_its_mark_answered_no_is_a_question() {
    let d = parse(
        "Interviewer: Thanks for coming in. Tell me where you were that night.\n\nDana: At home, mostly, then at my sister's place across the river until late.\n\nInterviewer: Did you see him that night.\n\nDana: No.\n\nInterviewer: Why not?\n\nDana: He had gone to the coast that week, as he did every spring.\n",
    );
    assert_eq!(
        questions(&d),
        [
            "Thanks for coming in. Tell me where you were that night.",
            "Did you see him that night.",
            "Why not?"
        ]
    );
    assert_eq!(answers(&d)[1], "No.");
}

#[test]
fn a_speaker_named_in_full_once_then_by_surname() {
    let d = parse(
        "Emma Clarke: Why does silt matter?\n\nDr Raj Mehta: Because a river is a conveyor belt.\n\nClarke: How fast?\n\nMehta: A few centimetres a year.\n\nClarke: Can they flush it?\n\nMehta: Some can.\n",
    );
    assert_eq!(
        questions(&d),
        ["Why does silt matter?", "How fast?", "Can they flush it?"]
    );
    assert_eq!(d.pairs[2].answerer.as_deref(), Some("Dr Raj Mehta"));
    assert_eq!(d.pairs[1].asker.as_deref(), Some("Emma Clarke"));
    assert_eq!(d.interviewee.as_deref(), Some("Dr Raj Mehta"));
    // A role and a name once, the name alone after: the name is kept.
    let d = parse(
        "HOST (JENNA PARK): Welcome. How did the bakery start?\n\nMARIA LOPEZ: With a sourdough starter from my aunt.\n\nJENNA PARK: And the name?\n\nMARIA LOPEZ: My aunt chose it.\n\nJENNA PARK: What is next?\n\nMARIA LOPEZ: A second oven.\n",
    );
    assert_eq!(d.pairs.len(), 3, "{:?}", questions(&d));
    assert_eq!(d.pairs[0].asker.as_deref(), Some("JENNA PARK"));
}

#[test]
fn one_question_and_its_answer_are_an_interview() {
    let d = parse("Q: What is the hardest part of the job?\n\nA: The water restrictions.\n");
    assert_eq!(d.kind, DocKind::Interview);
    assert_eq!(answers(&d), ["The water restrictions."]);
}

#[test]
fn a_named_speaker_leading_into_their_own_question() {
    let d = parse(
        "Ana Ruiz: Where did you grow up?\n\nTom Berg: In Leeds, in a terraced house by the canal, with my grandparents and two brothers who never stopped fighting.\n\nAna Ruiz: Let us move on to your work. I have read your first report.\n\nAna Ruiz: What made you write it?\n\nTom Berg: Anger, mostly. Nobody had counted the closed clinics, so I drove to every one of them and counted them myself.\n\nAna Ruiz: And now?\n\nTom Berg: Hope, because the new council reads what we send them and answers within the week.\n",
    );
    assert_eq!(
        questions(&d),
        [
            "Where did you grow up?",
            "Let us move on to your work. I have read your first report. What made you write it?",
            "And now?"
        ]
    );
    assert!(d.pairs.iter().all(|p| !p.answer.is_empty()));
}

#[test]
fn oral_history_subject_labels() {
    let d = parse(
        "Interviewee: Harold Benning\nDate: 11/09/2019\n\nINTERVIEWER: Where did you serve?\n\nSUBJECT: In Vietnam.\n\nINTERVIEWER: How old were you?\n\nSUBJECT: Nineteen.\n\nINTERVIEWER: What do you remember?\n\nSUBJECT: The quiet.\n",
    );
    assert_eq!(answers(&d), ["In Vietnam.", "Nineteen.", "The quiet."]);
    assert_eq!(d.interviewee.as_deref(), Some("Harold Benning"));
}

#[test]
fn a_time_column_at_the_right_is_layout() {
    let d = parse(
        "Q: Where were you?         00:00:01\nA: At home, all\nevening.                   00:00:04\nQ: Alone?                  00:00:06\nA: Yes.                    00:00:08\n",
    );
    assert_eq!(questions(&d), ["Where were you?", "Alone?"]);
    assert_eq!(answers(&d), ["At home, all evening.", "Yes."]);
    // Page references in a word index are words, not a time column.
    let mut text = String::from("Q: Where?\nA: Here.\nQ: When?\nA: Now.\n");
    for i in 0..12 {
        text.push_str(&format!("Word index line {i} about things\n"));
    }
    text.push_str("agencies  45:15\nanalysis  32:16\nability  61:1\n");
    let d = parse(&text);
    assert!(
        d.pairs[1].answer_text().contains("agencies 45:15"),
        "{}",
        d.pairs[1].answer_text()
    );
}

#[test]
fn italic_prompts_that_ask_but_not_italic_captions() {
    let d = parse(
        "## Five minutes with Priya Raman\n\nWe asked her about ash and broken pots.\n\n*Where does the ash come from?*\n\nFrom the 2010 eruption, mostly.\n\n*And what does it do to the glaze?*\n\nIt adds iron and silica.\n\n*You've said you break a third of what you make.*\n\nAt least a third.\n\n*What's next?*\n\nTea bowls.\n",
    );
    assert_eq!(d.pairs.len(), 4);
    assert_eq!(
        d.pairs[2].question_text(),
        "You've said you break a third of what you make."
    );
    assert_eq!(d.pairs[2].answer_text(), "At least a third.");
    // Captions in italics through an article ask nothing: still an article.
    let d = parse(
        "# The harbour at dawn\n\n*The first boats leave at four.*\n\nFishermen start early here, and the market opens at six.\n\n*Ice is delivered by truck.*\n\nThe ice comes from a plant inland, two hours away.\n\n*Prices are set by auction.*\n\nBuyers bid by raising a hand, and the auction is over in minutes.\n",
    );
    assert_eq!(d.kind, DocKind::Article);
}

#[test]
fn a_single_q_and_a_pair_with_a_short_answer_is_an_interview() {
    let d = parse("Q: Where were you born?\nA: In Paris.\n");
    assert_eq!(d.kind, DocKind::Interview);
    assert_eq!(questions(&d), ["Where were you born?"]);
    assert_eq!(answers(&d), ["In Paris."]);
}

/// A press conference where journalists often ask without a `?`, thank the
/// chair, and a moderator names each next one: the journalists ask (the
/// chair answers them; the moderator is followed by journalists), back-
/// channel never opens a pair, a floor exchange leads into its question,
/// and the moderator's words are never a question or an answer's end.
#[test]
fn journalists_without_question_marks_and_back_channel_at_a_press_conference() {
    let long = "We will keep watching the data closely and adjust policy as the outlook \
                changes, and I would not want to get ahead of the committee on any of that, \
                because the path depends on how the economy evolves over the coming months \
                and on what we learn from the incoming reports.";
    let text = format!(
        "CHAIR LANE. Good afternoon. {long}\n\
         MARK TODD. Anna.\n\
         ANNA BELL. Thank you. Anna Bell, Daily Ledger. I wanted to ask about the labour \
         market and whether the recent softening changes your view of the path.\n\
         CHAIR LANE. {long}\n\
         ANNA BELL. Thank you.\n\
         MARK TODD. Thank you. Omar Ruiz.\n\
         OMAR RUIZ. Chair Lane —\n\
         CHAIR LANE. Go ahead.\n\
         OMAR RUIZ. Thank you. On inflation, the core readings came in higher than \
         expected, and I am curious how much weight you put on them.\n\
         CHAIR LANE. {long}\n\
         OMAR RUIZ. Okay.\n\
         ANNA BELL. Just a follow-up, I would like you to walk through the balance sheet plan.\n\
         CHAIR LANE. {long}\n\
         ANNA BELL. Yes.\n\
         MARK TODD. Thank you. Last question, Lee Park.\n\
         LEE PARK. Thanks. Some say the next move is a cut. Is that fair?\n\
         CHAIR LANE. {long}\n"
    );
    let d = parse(&text);
    let qs = questions(&d);
    assert_eq!(qs.len(), 4, "{qs:#?}");
    assert!(qs[0].starts_with("Thank you. Anna Bell"), "{qs:#?}");
    assert!(qs[1].starts_with("Thank you. On inflation"), "{qs:#?}");
    assert!(qs[2].starts_with("Just a follow-up"), "{qs:#?}");
    assert!(qs[3].starts_with("Thanks. Some say"), "{qs:#?}");
    let askers: Vec<_> = d.pairs.iter().map(|p| p.asker.as_deref()).collect();
    assert_eq!(
        askers,
        [
            Some("ANNA BELL"),
            Some("OMAR RUIZ"),
            Some("ANNA BELL"),
            Some("LEE PARK")
        ]
    );
    // The floor exchange is the lead of Omar Ruiz's question, in order, each
    // paragraph with its own speaker.
    let lead: Vec<_> = d.pairs[1]
        .lead
        .iter()
        .map(|p| (p.speaker.as_deref(), &*p.text))
        .collect();
    assert_eq!(
        lead,
        [
            (Some("MARK TODD"), "Thank you. Omar Ruiz."),
            (Some("OMAR RUIZ"), "Chair Lane —"),
            (Some("CHAIR LANE"), "Go ahead."),
        ]
    );
    for p in &d.pairs {
        assert!(
            p.question
                .iter()
                .all(|q| q.speaker.as_deref() != Some("MARK TODD")),
            "{:?}",
            p.question
        );
        let last = p.answer.last().expect("every question is answered");
        assert_ne!(last.speaker.as_deref(), Some("MARK TODD"), "{}", last.text);
    }
    // `Thank you.`, `Okay.`, `Yes.` stay in their pair, with their speaker.
    assert!(
        d.pairs[0]
            .answer
            .iter()
            .any(|p| p.text == "Thank you." && p.speaker.as_deref() == Some("ANNA BELL"))
    );
}

/// A court transcript the way the reporter lays it out: a numbered line
/// per line, turns and paragraphs indented deeper than wrapped lines, a
/// caption whose `Petitioner :` is no speaker, a sentence going on over a
/// page break onto a capital, a wrapped `Justice:` that is no label, a
/// justice going on after an interjection (`-- did…`), and the word index.
#[test]
fn court_transcript_turns_follow_the_reporters_indent() {
    let mut lines: Vec<String> = vec![
        "IN THE SUPREME COURT OF THE UNITED STATES".into(),
        "ACME CORP.,                      :".into(),
        "Petitioner :".into(),
        "v.                               : No. 12-345".into(),
        "P R O C E E D I N G S".into(),
        "             CHIEF JUSTICE BLAKE: We will hear argument".into(),
        "first this morning in Acme against Doe.".into(),
        "             MS. GRANT: Thank you, Mr. Chief".into(),
        "Justice: The statute reaches only sales made in".into(),
        "interstate commerce, and this sale was made in".into(),
        "Ohio.".into(),
        "             JUSTICE MOORE: So suppose that this".into(),
        "             MS. GRANT: Yes.".into(),
        "             JUSTICE MOORE: -- State, Ohio, taxed the".into(),
        "sale instead. Would the statute reach it?".into(),
        "             MS. GRANT: No, Your Honor, because the".into(),
        "State's tax is not a regulation of".into(),
        "Commerce among the several States at all, and".into(),
        "the text says as much.".into(),
        "             JUSTICE LOPEZ: What about resales across state".into(),
        "lines?".into(),
        "             MS. GRANT: Those the statute reaches.".into(),
    ];
    // Enough numbered lines on three pages, the page break mid-sentence.
    while lines.len() < 60 {
        lines.insert(17, "Commerce, as the Court has long held, and".into());
    }
    let mut text = String::new();
    for (page, chunk) in lines.chunks(25).enumerate() {
        text.push_str("\u{c}              Official - Subject to Final Review\n\n");
        for (n, l) in chunk.iter().enumerate() {
            text.push_str(&format!("{:>2}   {l}\n\n", n + 1));
        }
        text.push_str(&format!(
            "                      {}\n   Alderson Reporting Company\n",
            page + 1
        ));
    }
    // The index, ending with entries of one reference (`weaving 39:1,9`)
    // and a last one that looks like a numbered line (`40 63:6`).
    text.push_str("\u{c}  A  absolute 50:19 51:17,18 52:10,14 acme 1:3 3:4\n  ability 27:5 adopt 31:8 51:15\n  weaving 39:1,9    0    400\n 40 63:6\n");
    let d = parse(&text);
    let qs = questions(&d);
    // Where a bench asks, the Chief Justice's call, answered by the opening
    // argument, is the first pair (as in the Supreme Court's transcripts).
    assert_eq!(
        qs,
        [
            "We will hear argument first this morning in Acme against Doe.",
            "So suppose that this Yes. -- State, Ohio, taxed the sale instead. Would the statute reach it?",
            "What about resales across state lines?"
        ]
    );
    assert_eq!(d.pairs[1].asker.as_deref(), Some("JUSTICE MOORE"));
    assert_eq!(d.pairs[1].answerer.as_deref(), Some("MS. GRANT"));
    // The answer is one paragraph, across the page break and the capital.
    assert_eq!(d.pairs[1].answer.len(), 1, "{:#?}", d.pairs[1].answer);
    assert!(d.pairs[1].answer_text().ends_with("the text says as much."));
    // `Justice:` was only wrapped: one paragraph of Ms. Grant's.
    assert_eq!(d.pairs[0].answer.len(), 1, "{:#?}", d.pairs[0].answer);
    let opening = &d.pairs[0].answer[0];
    assert!(
        opening.text.contains("Mr. Chief Justice: The statute"),
        "{}",
        opening.text
    );
    assert_eq!(opening.speaker.as_deref(), Some("MS. GRANT"));
    // The caption names no speaker; the index is dropped, not read.
    assert!(
        !d.speakers
            .iter()
            .any(|s| s.contains("Petitioner") || s.contains("ACME"))
    );
    assert!(d.dropped.iter().any(|l| l.reason == "word index"));
    let all: String = d.pairs.iter().map(|p| p.answer_text()).collect();
    assert!(!all.contains("50:19"));
    assert!(!all.contains("weaving") && !all.contains("63:6"), "{all}");
    assert!(
        d.dropped
            .iter()
            .any(|l| l.text.contains("weaving") && l.reason == "word index"),
        "{:?}",
        d.dropped
    );
}

/// Diarized transcripts name speakers in brackets before a time:
/// `[Speaker 1] [00:00] text`. A bracketed note alone (`[laughs]`) is text.
#[test]
fn bracketed_speaker_names_before_a_time() {
    let d = parse(
        "[Speaker 1] [00:00] Welcome back. How did the launch go for your team?\n\
         [Speaker 2] [00:04] [laughs] Better than we feared, though the servers melted twice on the first morning and we slept at the office.\n\
         [Speaker 1] [00:15] What would you change next time?\n\
         [Speaker 2] [00:18] More servers, and a longer beta with real customers before anyone sets a date.\n",
    );
    assert_eq!(
        questions(&d),
        [
            "Welcome back. How did the launch go for your team?",
            "What would you change next time?"
        ]
    );
    assert_eq!(d.pairs[0].answerer.as_deref(), Some("Speaker 2"));
    assert!(d.pairs[0].answer_text().starts_with("[laughs] Better"));
}

/// Markdown notes that set each speaker as a heading over the turn.
#[test]
fn speaker_names_as_markdown_headings() {
    let d = parse(
        "# Interview notes\n\n### Interviewer\nHow long have you worked on the line?\n### Mechanic\nNine years, first on nights and then on the day shift when my daughter was born.\n### Interviewer\nWhat changed when the robots came?\n### Mechanic\nThe noise, mostly. And half of my friends left within a year.\n",
    );
    assert_eq!(
        questions(&d),
        [
            "How long have you worked on the line?",
            "What changed when the robots came?"
        ]
    );
    assert_eq!(d.pairs[1].answerer.as_deref(), Some("Mechanic"));
}

/// A podcast host's welcome and banter ask nothing and get no answer at
/// length: they stay before the first question, with their speakers; a
/// statement that sets up a topic and is answered at length is a question.
#[test]
fn a_hosts_banter_is_no_question_and_a_topic_answered_at_length_is() {
    let long = "It started as a side project on weekends, and for two years nobody but \
                the three of us used it, until a bank in Oslo asked whether they could \
                run their payments on it and we had to decide whether to grow up.";
    let d = parse(&format!(
        "Mia Holt: Welcome to the show, everybody. Today we have Ravi Sen with us.\n\n\
         Ravi Sen: Thanks for having me.\n\n\
         Mia Holt: Yeah, the weather in the studio is terrible today.\n\n\
         Ravi Sen: It really is.\n\n\
         Mia Holt: Well, let's start at the beginning, the early days of the project.\n\n\
         Ravi Sen: {long}\n\n\
         Mia Holt: And then the bank in Oslo.\n\n\
         Ravi Sen: {long}\n\n\
         Mia Holt: Did you ever regret it?\n\n\
         Ravi Sen: Never.\n"
    ));
    assert_eq!(
        questions(&d),
        [
            "Well, let's start at the beginning, the early days of the project.",
            "And then the bank in Oslo.",
            "Did you ever regret it?"
        ]
    );
    let banter = d
        .preamble
        .iter()
        .find(|p| p.text.starts_with("Yeah, the weather"))
        .unwrap();
    assert_eq!(banter.speaker.as_deref(), Some("Mia Holt"));
}

/// A saved web page is read as the text a browser shows: an oral history
/// in old HTML (labels in the text), and a questionnaire whose bold prompts
/// sit in raw HTML under YAML front matter.
#[test]
fn saved_web_pages_are_read_as_their_text() {
    let d = load_bytes(
        "oral-history.html",
        b"<HTML><HEAD><TITLE>  JANE ROE</TITLE></HEAD><BODY>\n<P>\n<B>Interview with Jane Roe<BR>\n</B>\n\
          <P>\nMSM: Where did you\ngrow up, and how did you\ncome to the lab?\n<BR>\n\
          <P>\nRoe: In Ohio. I came to the lab\nbecause my teacher &amp; mentor sent me.\n<BR>\n\
          <P>\nMSM: What was your first project?\n<P>\nRoe: A compiler for a machine\nnobody remembers.\n</BODY></HTML>",
    )
    .unwrap();
    assert_eq!(
        questions(&d),
        [
            "Where did you grow up, and how did you come to the lab?",
            "What was your first project?"
        ]
    );
    assert_eq!(
        d.pairs[0].answer_text(),
        "In Ohio. I came to the lab because my teacher & mentor sent me."
    );
    let d = parse(
        "---\ntitle: 'Draft'\n---\n\n<div><p><strong>Whom do you want to interview? Why?</strong></p>\
         <p>A neighbour who keeps bees.</p><p>She knows every hive by name.</p>\
         <p><strong>What will you ask her?</strong></p><p>How the winters changed.</p>\
         <p><strong>Did she agree?</strong></p><p>Yes, next Sunday.</p></div>",
    );
    assert_eq!(
        questions(&d),
        [
            "Whom do you want to interview? Why?",
            "What will you ask her?",
            "Did she agree?"
        ]
    );
    assert!(!answers(&d).concat().contains('<'));
}

/// A panel: a moderator asks, two guests answer at length, and one of them
/// sometimes asks rhetorically inside an answer. Both guests answer; only
/// the moderator's turns are questions.
#[test]
fn a_panel_of_two_guests_who_both_answer() {
    let a = "I think the market is still young, and most of the big money has not arrived; \
             the funds I talk to want custody, clear rules and a track record first, and \
             none of those come quickly, so we will see a slow climb rather than a jump.";
    let b = "Who would trust a bank with the keys? Nobody I know. The people who buy now \
             are the ones who hold their own coins, and that habit will not change because \
             a fund in New York opens its doors, whatever the newspapers say about it.";
    let d = parse(&format!(
        "MOD: Welcome. How did the last year go for you both?\n\nAL: {a}\n\nBO: {b}\n\n\
         MOD: Will the big funds come in?\n\nBO: {b}\n\nAL: {a}\n\n\
         MOD: And the regulators?\n\nAL: {a}\n\nBO: {b}\n\n\
         MOD: What should a beginner do?\n\nBO: {b}\n"
    ));
    assert_eq!(
        questions(&d),
        [
            "Welcome. How did the last year go for you both?",
            "Will the big funds come in?",
            "And the regulators?",
            "What should a beginner do?"
        ]
    );
    assert!(d.pairs.iter().all(|p| p.asker.as_deref() == Some("MOD")));
}

/// Speech recognition splits a turn at each pause: the same person labelled
/// twice in a row is one turn (one question, not a question and a
/// statement), and a few words that stop mid-sentence are no prompt.
#[test]
fn a_turn_split_at_a_pause_is_one_turn() {
    let answer = "We scrape most of it from listing sites, and the labels are noisy because \
                  owners guess their own prices, so we keep a small set of real sale prices \
                  to check the model against every month, which is slow but honest work.";
    let d = parse(&format!(
        "Interviewer 1: Okay. Just to make sure I understand, the owner gives a price and you predict a price, and\n\n\
         Interviewer 1: the label given by the owner is subjective. It's not the real one.\n\n\
         Interviewee: {answer}\n\n\
         Interviewer 1: Nice to\n\n\
         Interviewee: {answer}\n\n\
         Interviewer 1: How do you handle missing data?\n\n\
         Interviewee: {answer}\n"
    ));
    let qs = questions(&d);
    assert_eq!(qs.len(), 2, "{qs:#?}");
    assert!(
        qs[0].starts_with("Okay. Just to make sure") && qs[0].ends_with("It's not the real one.")
    );
    assert_eq!(qs[1], "How do you handle missing data?");
}

/// Lower-case nicknames before a colon, as chat logs and some transcripts
/// write their speakers, are labels when the whole text takes turns so.
#[test]
fn lower_case_nicknames_as_labels() {
    let d = parse(
        "Lightning AMA, transcribed\n\n\
         roasbeef: so what do you want to know about the network?\n\
         stark: first, why did you build it on bitcoin at all?\n\
         roasbeef: because it was the only chain with the security and the liquidity we needed, and the script was enough.\n\
         stark: and what comes next for the protocol?\n\
         roasbeef: splicing, better routing, and making channels cheaper to open and close for everyone.\n\
         stark: when will it ship?\n\
         roasbeef: when it is ready, not before.\n",
    );
    assert_eq!(d.kind, DocKind::Interview);
    let qs = questions(&d);
    assert!(
        qs.contains(&"first, why did you build it on bitcoin at all?".to_string()),
        "{qs:#?}"
    );
    assert!(qs.contains(&"when will it ship?".to_string()), "{qs:#?}");
    let last = d.pairs.last().unwrap();
    assert_eq!(last.asker.as_deref(), Some("stark"));
    assert_eq!(last.answerer.as_deref(), Some("roasbeef"));
    // Prose with a colon now and then is no such transcript.
    let prose = parse(
        "note: this is a draft.\n\nThe meeting ran long, and everyone left tired.\n\nsource: our notes.\n",
    );
    assert!(prose.pairs.is_empty());
}

/// TV news transcripts give a speaker's title after a comma the first time
/// (`ANDERSON COOPER, CNN ANCHOR:`, `JANE CASTOR (D), MAYOR OF TAMPA:`) and
/// the surname after: one speaker each.
#[test]
fn tv_transcript_titles_after_a_comma() {
    let d = parse(
        "ANDERSON COOPER, CNN ANCHOR: Good evening. Joining me now is the mayor. Mayor, how bad is the flooding?\n\n\
         JANE CASTOR (D), MAYOR OF TAMPA: It is bad. We have water in streets that have never flooded, and we are asking everyone in zone A to leave.\n\n\
         COOPER: How many people have left?\n\n\
         CASTOR: Not enough, about sixty percent of them, and the rest say they will ride it out.\n\n\
         COOPER: What is your message to them?\n\n\
         CASTOR: That this is not the last storm, and we will not reach them once the surge comes.\n",
    );
    assert_eq!(d.pairs.len(), 3, "{:#?}", questions(&d));
    assert_eq!(d.pairs[0].asker.as_deref(), Some("ANDERSON COOPER"));
    assert_eq!(d.pairs[0].answerer.as_deref(), Some("JANE CASTOR"));
    assert_eq!(d.pairs[1].asker.as_deref(), Some("ANDERSON COOPER"));
}

#[test]
fn a_hearing_member_labelled_by_title_then_by_name_once() {
    // `Senator Okafor` speaks once among `Senator`s: a speaker, not a
    // paragraph of the witness's answer.
    let d = parse(
        "Senator: Thank you for coming. How long have you worked on payment networks?\n\nKM: Since 1998, first at a bank and then on my own.\n\nSenator: What would regulation look like?\n\nKM: Light, at first. The technology is still changing every year.\n\nSenator Okafor: Thank you, chair. Who audits the software?\n\nKM: Anyone can. The code is public and many firms read it.\n\nSenator: Is it used for crime?\n\nKM: Some, as cash is.\n",
    );
    assert_eq!(d.pairs.len(), 4, "{:?}", questions(&d));
    assert_eq!(d.pairs[2].asker.as_deref(), Some("Senator Okafor"));
    assert_eq!(
        answers(&d)[1],
        "Light, at first. The technology is still changing every year."
    );
}

#[test]
fn an_unlabelled_question_between_two_answers_is_nobody_s_answer() {
    // The witness is labelled again after it: someone else asked it.
    let d = parse(
        "Senator: How long have you worked on payment networks?\n\nKM: Since 1998, first at a bank and then on my own.\n\nThank you. Can a country adopt it as its currency?\n\nKM: In principle yes, but I doubt a large one would.\n\nSenator: Is it used for crime?\n\nKM: Some, as cash is.\n",
    );
    assert_eq!(
        questions(&d),
        [
            "How long have you worked on payment networks?",
            "Thank you. Can a country adopt it as its currency?",
            "Is it used for crime?"
        ]
    );
    assert_eq!(d.pairs[1].asker, None);
    assert_eq!(d.pairs[1].answerer.as_deref(), Some("KM"));
    assert_eq!(
        answers(&d)[0],
        "Since 1998, first at a bank and then on my own."
    );
    // One official handing over to another who shares the label: said by
    // an official, inside the answer, not a question of its own.
    let d = parse(
        "Q: What does the order change?\n\nSENIOR OFFICIAL: It ends the waiting period for most applicants.\n\n[Senior official], anything to add?\n\nSENIOR OFFICIAL: Only that it starts on Monday.\n\nQ: Who is left out?\n\nSENIOR OFFICIAL: Nobody who applied before June.\n",
    );
    assert_eq!(
        questions(&d),
        ["What does the order change?", "Who is left out?"]
    );
    assert!(
        answers(&d)[0].contains("anything to add?"),
        "{:?}",
        answers(&d)
    );
}

/// Every paragraph of every pair, with the time in force where it starts.
fn times(d: &Document) -> Vec<(String, Option<String>)> {
    d.pairs
        .iter()
        .flat_map(|p| p.question.iter().chain(&p.answer))
        .map(|p| {
            (
                p.text.to_string(),
                d.places.time(p.lines.first).map(str::to_string),
            )
        })
        .collect()
}

#[test]
fn every_paragraph_keeps_the_time_its_source_gives() {
    let want = |d: &Document, expected: &[&str]| {
        let got = times(d);
        assert_eq!(
            got.iter().map(|(_, t)| t.as_deref()).collect::<Vec<_>>(),
            expected.iter().map(|t| Some(*t)).collect::<Vec<_>>(),
            "{got:?}"
        );
    };
    // `[hh:mm:ss]` before each turn.
    let d = parse(
        "[00:00:05] Interviewer: Thanks for joining. What does your lab study?\n[00:00:09] Dr. Chen: We study how coral reefs recover after heat waves.\n[00:01:12] Interviewer: How fast do they recover?\n[00:01:15] Dr. Chen: Some in five years, some never.\n",
    );
    want(&d, &["00:00:05", "00:00:09", "00:01:12", "00:01:15"]);
    // WebVTT cues: the start of the cue.
    let d = parse(
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\n<v Ann Lee>Why did the plant close?</v>\n\n2\n00:00:04.500 --> 00:00:09.000\n<v Tom Berg>Orders fell for two years.</v>\n\n3\n00:00:09.500 --> 00:00:12.000\n<v Ann Lee>Will it reopen at all?</v>\n\n4\n00:00:12.500 --> 00:00:15.000\n<v Tom Berg>Not this year.</v>\n",
    );
    want(
        &d,
        &[
            "00:00:01.000",
            "00:00:04.500",
            "00:00:09.500",
            "00:00:12.500",
        ],
    );
    // SRT.
    let d = parse(
        "1\n00:00:01,000 --> 00:00:04,000\nHOST: What do you grow here?\n\n2\n00:00:04,500 --> 00:00:07,000\nFARMER: Mostly apples.\n\n3\n00:00:07,500 --> 00:00:09,000\nHOST: Since when?\n\n4\n00:00:09,500 --> 00:00:11,000\nFARMER: Since 1990.\n",
    );
    want(
        &d,
        &[
            "00:00:01,000",
            "00:00:04,500",
            "00:00:07,500",
            "00:00:09,500",
        ],
    );
    // A name and a time on a line of their own (exported captions).
    let d = parse(
        "Host  0:00\nWelcome back. Where were you born?\n\nGuest  0:04\nIn a small town near the coast.\n\nHost  0:09\nAnd when did you leave it?\n\nGuest  0:12\nWhen I was seventeen.\n",
    );
    want(&d, &["0:00", "0:04", "0:09", "0:12"]);
    // Mission elapsed time over each exchange, a turn's lines indented.
    let d = parse(
        "[01:11:28:18]\nCT: Roger. How do you read me?\n\n[01:11:28:21]\nCC: Okay. I'm reading you loud and clear. I understand\n     you have contact with the spacecraft.\n\n[01:11:28:40]\nCT: Roger. What is your status?\n\n[01:11:28:52]\nCC: All stations are go.\n",
    );
    want(
        &d,
        &["01:11:28:18", "01:11:28:21", "01:11:28:40", "01:11:28:52"],
    );
    // A speech-recognition export: the time inside the label.
    let d = parse(
        "[Speaker 1] [00:00] Where were you born, and when did you leave?\n[Speaker 2] [00:04] In Paris, and I left at nineteen for a job in Lyon.\n[Speaker 1] [00:11] What was the job?\n[Speaker 2] [00:13] Baking bread at night for a hotel.\n",
    );
    want(&d, &["00:00", "00:04", "00:11", "00:13"]);
    // And a source that gives no time has none.
    let d = parse("Q: Where were you born?\n\nA: In Paris, in a flat over a bakery.\n");
    assert!(times(&d).iter().all(|(_, t)| t.is_none()));
}

/// Earnings calls as web pages give them: each speaker's name alone on its
/// line, as written (no colon, no capitals), between blank lines; an
/// operator hands the floor to analysts who speak once each, introduced
/// by the participants' list and by the hand-off.
#[test]
fn names_alone_on_their_lines_as_written() {
    let text = "\
Acme Widgets Q3 2031 Earnings Call

Company Participants

Dana Whitfield - Chief Executive Officer
Raj Patel - Chief Financial Officer

Conference Call Participants

Lena Ortiz - Harbor Securities
Tom Becker - Northfield Capital

Operator

Good afternoon and welcome to the Acme Widgets third quarter call. I will now hand the call over to Raj Patel.

Raj Patel

Thank you. Revenue grew eleven percent in the quarter, led by the valve business.

Question-and-Answer Session

Operator

Our first question comes from the line of Lena Ortiz with Harbor Securities. Your line is open.

Lena Ortiz

Thanks for taking my question. How much of the valve growth came from price rather than volume?

Dana Whitfield

Mostly volume. We raised prices once, in July, by about two percent.

Operator

Our next question comes from Tom Becker with Northfield Capital.

Tom Becker

Can you talk about the margin outlook for next year?

Raj Patel

We expect margins to hold, with some pressure from freight costs in the first half.
";
    let d = parse(text);
    assert_eq!(d.kind, DocKind::Interview);
    let asked: Vec<(Option<String>, String)> = d
        .pairs
        .iter()
        .map(|p| (p.asker.as_deref().map(str::to_owned), p.question_text()))
        .collect();
    assert_eq!(
        asked,
        [
            (
                Some("Lena Ortiz".to_string()),
                "Thanks for taking my question. How much of the valve growth came from price rather than volume?".to_string()
            ),
            (
                Some("Tom Becker".to_string()),
                "Can you talk about the margin outlook for next year?".to_string()
            ),
        ]
    );
    assert_eq!(d.pairs[0].answerer.as_deref(), Some("Dana Whitfield"));
    assert_eq!(
        d.pairs[1].answer_text(),
        "We expect margins to hold, with some pressure from freight costs in the first half."
    );
    // Section titles are not speakers: nothing named them before. They
    // stay as text.
    assert!(
        d.turns
            .iter()
            .all(|t| t.speaker.as_deref() != Some("Company Participants")),
        "{:?}",
        d.turns
    );
    assert_eq!(d.preamble[0].text, "Company Participants");
    // The first speaker reads the results: no question of hers.
    assert!(
        d.preamble
            .iter()
            .any(|p| p.text.starts_with("Thank you. Revenue grew"))
    );
}

/// `Speaker 0: 00:00:02` on its own line, the words below: the label, with
/// its time, and no time code read as words of the turn.
#[test]
fn a_label_with_only_its_time_on_the_line() {
    let text = "\
Speaker 0: 00:00:02

Welcome to the panel.
What got you into compilers?

Speaker 1: 00:00:09

A summer job, mostly.
I fixed a parser bug and never left.

Speaker 0: 00:00:20

And what keeps you there?

Speaker 1: 00:00:24

The people.
";
    let d = parse(text);
    assert_eq!(d.pairs.len(), 2, "{:?}", questions(&d));
    assert!(
        questions(&d).iter().all(|q| !q.contains("00:")),
        "{:?}",
        questions(&d)
    );
    assert_eq!(d.pairs[1].question_text(), "And what keeps you there?");
    assert_eq!(d.pairs[1].answer_text(), "The people.");
}

/// Interview notes whose questions are numbered Markdown headings, the
/// answers unlabelled below them: a heading that asks between them is the
/// interviewer's follow-up, a question of its own; one that asks nothing
/// stays in the answer.
#[test]
fn a_follow_up_heading_among_numbered_heading_questions() {
    let text = "\
# Transcript

## Question 1: How do you plan your week?

*\"Mostly on Sunday evenings, with a paper diary.\"*

## Could you describe that a bit more?

*\"I write the fixed things first, then the rest around them.\"*

## Question 2: Who decides where the group eats?

*\"Whoever is hungriest, usually.\"*

## So, roughly.

*\"Yes, roughly. Sometimes we vote.\"*

## Question 3: How did the last vote go?

*\"Badly. Nobody wanted to choose.\"*
";
    let d = parse(text);
    assert_eq!(
        questions(&d),
        [
            "How do you plan your week?",
            "Could you describe that a bit more?",
            "Who decides where the group eats?",
            "How did the last vote go?",
        ]
    );
    // The heading that asks nothing stays with the answer it sits in.
    assert!(
        d.pairs[2].answer_text().contains("So, roughly."),
        "{:?}",
        d.pairs[2].answer_text()
    );
    // Nobody is named as asking: the transcript names no one.
    assert!(d.pairs.iter().all(|p| p.asker.is_none()));
}

/// A panel's host passes the question on (`Ana, anything to add?`):
/// the second panelist's answer is to the same question, and the hand-off
/// is no question of its own.
#[test]
fn passing_the_question_to_another_panelist_opens_no_pair() {
    let text = "\
Aaron: What worries you most about the next release?

Ben: The migration. Half our users skip versions, and the old format has to keep working.

Aaron: Ana, anything to add?

Ana: Only that the documentation has to land the same day as the code.

Aaron: And who reviews the migration code?

Ben: Two maintainers, always, and one of them must not have written it.

Ana: And I read every change to the file format myself.
";
    let d = parse(text);
    assert_eq!(
        questions(&d),
        [
            "What worries you most about the next release?",
            "And who reviews the migration code?",
        ]
    );
    // Ana's answer is in the first pair, and so is the hand-off, said by
    // the host.
    let first = &d.pairs[0];
    assert!(
        first.answer_text().contains("documentation has to land"),
        "{}",
        first.answer_text()
    );
    let json = serde_json::to_string(first).unwrap();
    assert!(json.contains("anything to add"), "{json}");
}

/// A podcast's subtitles with no speaker named anywhere: cues broken
/// mid-sentence, the guest's own rhetorical question and the host's tag
/// remarks that drew only agreement. The questions are the host's; the
/// guest's `how hard can it be?` and `…, right?` / `Exactly.` are no pairs.
#[test]
fn subtitles_with_no_speaker_named() {
    let cue = |n: usize, text: &str| {
        format!(
            "00:{:02}:{:02}.000 --> 00:{:02}:{:02}.500\n{text}\n\n",
            n / 60,
            n % 60,
            n / 60,
            n % 60
        )
    };
    let cues = [
        "Welcome back to Hive Talk, the show about bees.",
        "Today my guest keeps forty hives in the hills.",
        "Marta, welcome to the show.",
        "Thanks for having me.",
        "Yeah.",
        "You started with a single hive",
        "that a neighbour gave you, if I remember right.",
        "How did that first summer go?",
        "Oh, it was a disaster.",
        "Mm-hmm.",
        "I had read two books and thought, how hard can it be?",
        "The bees disagreed and left in June, all of them, the whole colony flying off over the fence while I watched from the kitchen window with my coffee going cold.",
        "Right.",
        "So I bought another swarm and started again, and that one stayed for nine years and taught me most of what I know about bees and about patience and about weather.",
        "Bees really do keep you humble, right?",
        "Exactly.",
        "Yeah.",
        "Your neighbours must have noticed the swarms.",
        "What did they make of it?",
        "They complained at first, loudly and often, and one of them wrote to the council about it, but the honey changed their minds, and now three of them keep hives of their own and we share an extractor every August and argue about whose honey is darker.",
        "Okay.",
        "What would you tell someone who starts this spring?",
        "Start with two hives rather than one, so that when something goes wrong you have the other to compare it with, and find a club nearby where somebody older will come and look at your frames with you.",
    ];
    let mut text = String::from("WEBVTT\n\n");
    for (n, c) in cues.iter().enumerate() {
        text.push_str(&cue(n * 3, c));
    }
    let d = parse(&text);
    assert_eq!(d.format.as_str(), "unlabelled-dialogue");
    // The questions as asked: what set them up stays where it was said (a
    // host's set-up and a guest's general `you` look alike).
    assert_eq!(
        questions(&d),
        vec![
            "How did that first summer go?".to_string(),
            "What did they make of it?".to_string(),
            "What would you tell someone who starts this spring?".to_string(),
        ]
    );
    // A cue that leaves its sentence open goes on in the next one.
    assert!(
        all_paragraphs(&d).iter().any(|p| p
            == "You started with a single hive that a neighbour gave you, if I remember right.")
    );
    // The guest's own question and the tag remark stay in the answer they
    // were said in.
    assert!(d.pairs[0].answer_text().contains("how hard can it be?"));
    assert!(d.pairs[0].answer_text().contains("keep you humble, right?"));
    // No turn has a name: nothing in the text gave one.
    assert!(
        d.pairs
            .iter()
            .flat_map(|p| p.question.iter().chain(&p.answer))
            .all(|p| p.speaker.is_none())
    );
}

/// A time at a line's start is the transcript's own mark where it has the
/// transcript's shape; one shorter than that, on a line that goes on with
/// a sentence the line before left open, is a time someone said.
#[test]
fn a_time_said_in_a_sentence_is_not_taken_for_the_transcript_s_own() {
    let text = "\
[00:09:35:31]
CC: Roger. Experiments two and three OFF at
     03:00 hours.

[00:09:35:42]
P: Roger, OFF at 03:00.

[00:09:36:10]
CC: And the burn is set for
     04:15 Zulu. Did you copy?

[00:09:36:20]
P: Copy.
";
    let d = parse(text);
    let all: Vec<String> = d
        .pairs
        .iter()
        .flat_map(|p| p.question.iter().chain(&p.answer))
        .chain(&d.preamble)
        .map(|p| p.text.to_string())
        .collect();
    assert!(
        all.iter()
            .any(|t| t == "Roger. Experiments two and three OFF at 03:00 hours."),
        "{all:?}"
    );
    assert!(
        all.iter()
            .any(|t| t == "And the burn is set for 04:15 Zulu. Did you copy?"),
        "{all:?}"
    );
}

/// `I:` beside `R:` in a research interview is the interviewer, a person:
/// summaries of what was said that only get `Yes.` are no questions, as an
/// `Interviewer:`'s are not; a prompt answered at length is.
#[test]
fn an_interviewer_labelled_i_whose_summary_got_only_yes() {
    let text = "\
I: What did you write in the first box?

R: Tired. I wrote tired, because after work there is nothing left of me for anyone, and the weekends go on sleeping and on the washing.

I: So you put tiredness first.

R: Yes.

I: And tiredness, you said, is what keeps you from seeing people.

R: Yes.

I: Tell me more about the weekends.

R: Saturday I sleep until noon, then the washing, then maybe a film with my sister if she calls, which she mostly does not.
";
    let d = parse(text);
    assert_eq!(
        questions(&d),
        vec![
            "What did you write in the first box?".to_string(),
            "Tell me more about the weekends.".to_string()
        ]
    );
    // The summary is kept, as the interviewer's, outside any question.
    let summary = d
        .pairs
        .iter()
        .flat_map(|p| p.lead.iter().chain(&p.answer))
        .find(|p| p.text == "So you put tiredness first.")
        .expect("the summary is kept beside the questions");
    assert_eq!(summary.speaker.as_deref(), Some("I"));
}

fn all_paragraphs(d: &Document) -> Vec<String> {
    d.preamble
        .iter()
        .chain(&d.body)
        .chain(
            d.pairs
                .iter()
                .flat_map(|p| p.lead.iter().chain(&p.question).chain(&p.answer)),
        )
        .map(|p| p.text.to_string())
        .collect()
}

/// A cue that stops mid-sentence and a cue that starts someone else's
/// sentence are two people: only a cue in lower case goes on with the one
/// before; a dash that opens a cue (`-At home.`) is a new voice, and so is
/// what follows a cue cut off by a dash.
#[test]
fn a_cue_left_open_is_not_glued_to_the_next_voice() {
    let srt = "1\n00:00:00,000 --> 00:00:04,000\nAfter the army I drove a truck, and so after the war we moved to the\n\n2\n00:00:05,000 --> 00:00:09,000\nWhere did you live before that?\n\n3\n00:00:10,000 --> 00:00:12,000\nIn Lyon, with my grandmother, until the factory\n\n4\n00:00:12,000 --> 00:00:14,000\nclosed.\n\n5\n00:00:15,000 --> 00:00:16,000\nWhere were you on the night\n\n6\n00:00:16,500 --> 00:00:18,000\n-At home, with my sister.\n\n7\n00:00:18,500 --> 00:00:20,000\nIt was a cold one, from the—\n\n8\n00:00:20,500 --> 00:00:22,000\nwhy do you ask?\n";
    let d = parse(srt);
    let paras = all_paragraphs(&d);
    assert!(
        paras.iter().any(|p| p == "Where did you live before that?"),
        "{paras:?}"
    );
    assert!(
        paras
            .iter()
            .any(|p| p == "In Lyon, with my grandmother, until the factory closed."),
        "{paras:?}"
    );
    assert!(
        paras
            .iter()
            .all(|p| !p.contains("night -At") && !p.contains("night At")),
        "{paras:?}"
    );
    assert!(paras.iter().any(|p| p == "why do you ask?"), "{paras:?}");
}

/// Machine captions with no punctuation at all: nothing tells where a
/// sentence goes on, so each cue stays a paragraph rather than the whole
/// file becoming one.
#[test]
fn captions_without_punctuation_stay_cue_by_cue() {
    let mut vtt = String::from("WEBVTT\n\n");
    for i in 0..20 {
        vtt.push_str(&format!(
            "00:00:{i:02}.000 --> 00:00:{i:02}.900\nso we went down to the river and then\n\n"
        ));
    }
    let d = parse(&vtt);
    assert!(all_paragraphs(&d).len() >= 20, "{:?}", all_paragraphs(&d));
}

/// A written Q&A whose answers are sometimes one word (`No.`, `Yes.`) is
/// still read as one: those answer questions; back-channel is said in the
/// middle of the other voice's words.
#[test]
fn a_magazine_q_and_a_with_one_word_answers_stays_one() {
    let text = "# Five minutes with a lighthouse keeper\n\nDo you ever get lonely out there?\n\nNo.\n\nReally?\n\nHonestly, no. There is always something to fix, and the radio, and the birds. You get used to your own company faster than you think.\n\nIs the light automatic now?\n\nYes.\n\nSo what do you actually do all day?\n\nI paint, I oil the mechanism, I log the weather every three hours and I talk to the fishermen on the radio.\n\nYou would be surprised how much work one light makes. You never run out of jobs.\n\nWould you recommend the life to a young person?\n\nSure.\n\nEven with the storms?\n\nOf course. The storms are the best part. You feel the whole tower move under your feet.\n\nWhat will you do when you retire?\n\nMaybe a small boat.\n\nAnd a cat?\n\nYes.\n";
    let d = parse(text);
    assert_eq!(d.format.as_str(), "magazine");
    assert!(
        questions(&d).iter().all(|q| !q.starts_with("You ")),
        "{:?}",
        questions(&d)
    );
}

/// A time at a line's start before a label is the transcript's mark, and
/// the label a turn of its own, whatever the line before left open.
#[test]
fn a_time_before_a_label_is_never_taken_for_words_said() {
    let text = "00:00:01 Interviewer: So when did you first come to the\n00:00:04 Respondent: In 1972, with my parents.\n00:00:09 Interviewer: And you worked from\n11:30 Respondent: No, I never worked there.\n00:00:18 Interviewer: What did your father do?\n00:00:21 Respondent: He drove trucks.\n";
    let d = parse(text);
    assert_eq!(speaker_of(&d, "never worked there"), Some("Respondent"));
}

/// `one more time` asks to hear the question again only in a reply that
/// asks; `Yes, one more time, in 1998.` answers, and the next question is
/// a pair of its own. Words are matched whole (`someone more time`).
#[test]
fn one_more_time_in_an_answer_is_no_request_to_repeat() {
    let text = "Interviewer: Did you ever go back to the village after the war?\n\nMaria: Yes, one more time, in 1998, for my aunt's funeral.\n\nInterviewer: What did you find there?\n\nMaria: Nothing I recognised. The school was gone, the church was a garage.\n\nInterviewer: Did the council help the families?\n\nMaria: They gave someone more time to pay, that is all.\n\nInterviewer: And your brother?\n\nMaria: He stayed in Canada and never went back.\n";
    let d = parse(text);
    assert_eq!(d.pairs.len(), 4, "{:?}", questions(&d));
}

/// `A. Repik:` is a person, an initial and a surname, like `E. Choinozov:`
/// — not the answer's letter `A.` before the words `Repik: …`.
#[test]
fn an_initial_and_a_surname_are_a_person_not_the_answer_letter() {
    let text = "Dmitry Peskov: Let us take a call from Novosibirsk.\n\nA. Repik: Good afternoon, Mr President. Will the new bridge be finished this year?\n\nVladimir Putin: It will, and the road to it too, as the governor promised me last week.\n\nDmitry Peskov: And now Tomsk.\n\nE. Choinozov: Good day! What about the hospital?\n\nVladimir Putin: Next spring, with the new wing and the equipment that was ordered.\n\nDmitry Peskov: One more call.\n\nM. Orlova: When will the school reopen?\n\nVladimir Putin: In September.\n";
    let d = parse(text);
    let speakers = turn_speakers(&d);
    assert!(speakers.iter().any(|s| s == "A. Repik"), "{speakers:?}");
    assert!(speakers.iter().all(|s| s != "A"), "{speakers:?}");
}

/// A message read out on a call-in show, labelled with its sender's town
/// and name (`Vladivostok, Yulia Matveyeva:`), is hers, not the host's who
/// read it, nor the town's.
#[test]
fn a_place_before_a_name_in_a_label_is_not_the_speaker() {
    let text = "Andrei Kondrashov: I will just read a couple of messages.\n\nLipetsk, Yevgeny Zaitsev: “About 1,500 of us are waiting for our flats. When will they be built?”\n\nVladivostok, Yulia Matveyeva: “Our building has stood unfinished for six years. Who will finish it?”\n\nVladimir Putin: I will put it on record, I promise you, and the governors will hear of it.\n\nAndrei Kondrashov: And one more from Omsk.\n\nOmsk, Pavel Gromov: “Why are the roads not repaired?”\n\nVladimir Putin: They will be, this summer.\n";
    let d = parse(text);
    let speakers = turn_speakers(&d);
    assert!(
        speakers.iter().any(|s| s == "Yulia Matveyeva"),
        "{speakers:?}"
    );
    assert!(speakers.iter().all(|s| s != "Vladivostok"), "{speakers:?}");
}

/// `…our fight against` / `COVID:` — a word and a colon under a line that
/// stopped mid-sentence end that sentence: no speaker called COVID.
#[test]
fn a_wrapped_sentence_ending_in_a_word_and_a_colon_names_no_speaker() {
    let text = "MS. PSAKI:  We need funding from Congress.  And this is what is at stake in our fight against\nCOVID:\n\nBy May, our supply of treatments will run out.\n\nQ  Thanks, Jen.  When will Congress vote on it?\n\nMS. PSAKI:  Soon, we hope, and the Speaker has said as much.\n\nQ  And the tests?\n\nMS. PSAKI:  More are coming next week, to every household that asks.\n";
    let d = parse(text);
    assert!(d.speakers.iter().all(|s| s != "COVID"), "{:?}", d.speakers);
    assert_eq!(speaker_of(&d, "By May, our supply"), Some("MS. PSAKI"));
}

/// A clock time with its `a.m.` at a line's start is words, in a
/// transcript that marks its own times in brackets: `until` / `5:00 a.m.
/// tomorrow` keeps the time.
#[test]
fn a_clock_time_with_am_is_words_not_the_transcript_s_time() {
    let text = "[00:01] Host: Welcome. The embargo lasts until\n5:00 a.m. tomorrow, so hold your stories.\n[00:09] Guest: Understood. When is the next call?\n[00:12] Host: At noon, right after this one.\n[00:15] Guest: Thanks.\n";
    let d = parse(text);
    assert!(
        all_paragraphs(&d)
            .iter()
            .any(|p| p
                == "Welcome. The embargo lasts until 5:00 a.m. tomorrow, so hold your stories."),
        "{:?}",
        all_paragraphs(&d)
    );
}

/// `Q:` beside `I:` where `I` is the interviewee: both letters say "asks"
/// somewhere, but only one side's turns ask; the other answers.
#[test]
fn q_beside_i_where_i_answers() {
    let text = "Q: Where did you grow up?\n\nI: In Lyon, near the river, with my grandmother and two cousins.\n\nQ: What did she do?\n\nI: She sewed for the theatre, costumes mostly, for thirty years.\n\nQ: Did you ever help her?\n\nI: Sometimes, on Saturdays, I threaded the needles.\n";
    let d = parse(text);
    assert_eq!(
        questions(&d),
        vec![
            "Where did you grow up?".to_string(),
            "What did she do?".to_string(),
            "Did you ever help her?".to_string()
        ]
    );
    // Every `I` turn answers.
    let roles: Vec<String> = d
        .turns
        .iter()
        .filter(|t| t.speaker.as_deref() == Some("I"))
        .map(|t| format!("{:?}", t.role))
        .collect();
    assert_eq!(roles.len(), 3, "{roles:?}");
    assert!(roles.iter().all(|r| r == "Answer"), "{roles:?}");
}

/// HTML character references left in Markdown or plain text by a page
/// pasted or scraped into it are the characters they name — the caption
/// markers `&gt;&gt;` too — and a reference to a control character stays
/// as written.
#[test]
fn character_references_outside_html_are_their_characters() {
    let d = parse(
        "Ana Ruiz: Tom &amp; Jerry&#39;s show &#x2014; why&nbsp;now?\n\nTom Berg: Because &quot;now&quot; is when it airs &#27;.\n\nAna Ruiz: And the sequel?\n\nTom Berg: Next year, we hope.\n",
    );
    assert_eq!(
        questions(&d),
        vec!["Tom & Jerry's show — why now?", "And the sequel?"]
    );
    assert_eq!(answers(&d)[0], "Because \"now\" is when it airs &#27;.");
    // Captions with their turn marks escaped: each `&gt;&gt;` starts a turn.
    let d = parse(
        "&gt;&gt; What brought you to the city?\n&gt;&gt; Work, at first, and then the music scene.\n&gt;&gt; Do you still play?\n&gt;&gt; Every weekend, in a small bar near the river.\n&gt;&gt; Yeah.\n&gt;&gt; Who taught you?\n&gt;&gt; My grandfather, on an old guitar he had kept since the war.\n",
    );
    assert!(
        questions(&d).iter().all(|q| !q.contains("&gt;")),
        "{:?}",
        questions(&d)
    );
    assert!(
        questions(&d).iter().any(|q| q == "Do you still play?"),
        "{:?}",
        questions(&d)
    );
}

/// A page's lists in dashes — its speakers, then its partners — above a
/// transcript that dashes nothing are lists, not a dialogue in dashes:
/// no name in them is a question.
#[test]
fn dashed_lists_in_several_places_that_ask_nothing_are_lists() {
    let mut text = String::from(
        "# Panel on open data\n\n## Speakers\n\n- Dr. Ana Ruiz, City University\n- Tom Berg, Open Data Council\n- Lena Ohl, Ministry of Transport\n- Raj Patel, Harbour Authority\n\n## Partners\n\n- The Chamber of Commerce\n\n## Transcript\n\n",
    );
    for i in 0..8 {
        text.push_str(&format!(
            "Good afternoon, and thank you for the {i} question. We have spent the year opening the transport data of the region, and the results are better than we hoped. Is there more to do? There always is, and the harbour is next.\n\n"
        ));
    }
    let d = parse(&text);
    assert!(
        questions(&d)
            .iter()
            .all(|q| !q.contains("Ruiz") && !q.contains("Chamber")),
        "{:?}",
        questions(&d)
    );
    assert_ne!(d.format.as_str(), "dash-turns");
}

/// Labels in italics with the colon inside (`*Q:*`, as Typst and Markdown
/// pages write them), questions in italics after them, and a backslash
/// ending the line (a hard line break): the labels are labels, and
/// neither the emphasis marks nor the backslash are words.
#[test]
fn italic_labels_with_emphasised_words_and_hard_breaks() {
    let d = parse(
        "#doc(\"First Interview\")[\n  *Q:* _How old are you?_\\\n  *A:* Hi, I'm 22 years old.\n  #v(10pt)\n  *Q:* _Have you ever travelled in the past?_\\\n  *A:* Of course, several times, to Spain and Greece.\n  #v(10pt)\n  *Q:* _Do you prefer to travel solo or in a group?_\\\n  *A:* With a group of friends, so far.\n]\n",
    );
    assert_eq!(
        questions(&d),
        vec![
            "How old are you?",
            "Have you ever travelled in the past?",
            "Do you prefer to travel solo or in a group?"
        ]
    );
    assert_eq!(answers(&d)[0], "Hi, I'm 22 years old.");
    // A gap marked with asterisks after a label is no emphasis.
    let d = parse(
        "CDR: How do you read?\n\nLMP: *** in EGRESS ***\n\nCDR: Say again?\n\nLMP: Loud and clear now.\n",
    );
    assert!(
        d.pairs
            .iter()
            .flat_map(|p| p.question.iter().chain(&p.answer))
            .any(|p| p.text == "*** in EGRESS ***"),
        "{:?}",
        d.pairs
    );
}

/// Questions in bold over several hard-wrapped lines (`**Sergey, the
/// first question…` / `…your story.**`): the paragraph is in bold though
/// no line of it is, so they are bold prompts over plain answers.
#[test]
fn bold_questions_wrapped_over_several_lines() {
    let d = parse(
        "Today my guest is Sergey, a programmer who builds embedded systems.\n\n**Sergey, the first question will not be original, but that does\nnot make it less interesting. Tell us how fate brought you to\ncomputers and programming.**\n\nIt is funny to remember now, but computers became my speciality\nalmost by chance, in the last year of school.\n\n**You were one of the first programmers to use UNIX in the USSR.\nWhat kind of UNIX was it, and on which machines did it run?**\n\nI first saw a live UNIX at the Kurchatov Institute in 1986, on a\nmachine the size of a wardrobe.\n\n**Which language should one start learning programming with? There\nare so many now.**\n\nWith whatever language solves a problem you care about, then C.\n",
    );
    assert_eq!(
        questions(&d),
        vec![
            "Sergey, the first question will not be original, but that does not make it less interesting. Tell us how fate brought you to computers and programming.",
            "You were one of the first programmers to use UNIX in the USSR. What kind of UNIX was it, and on which machines did it run?",
            "Which language should one start learning programming with? There are so many now."
        ]
    );
}

/// A host's short remark on what the guest just said (`It was a low
/// bar.`, `Roger, we're standing by.`) is no question, even when the guest
/// goes on at length after it; a summary drawn from it (`I see. So you
/// moved…`) and a prompt are.
#[test]
fn a_hosts_short_remark_is_no_question_but_a_summary_is() {
    let long = "and that is a longer story than it sounds, because it started at school with a borrowed computer, went on through two jobs that had nothing to do with it, and only came together when a friend asked me to help with a project that nobody else wanted to touch at the time";
    let d = parse(&format!(
        "Jerod Santo: What got you into programming?\n\nKatrina Owen: Honestly, {long}.\n\nJerod Santo: It was a low bar.\n\nKatrina Owen: It was, {long}.\n\nJerod Santo: I see. So you moved to Berlin after that.\n\nKatrina Owen: Yes, {long}.\n\nJerod Santo: Tell me about the book.\n\nKatrina Owen: Well, {long}.\n"
    ));
    assert_eq!(
        questions(&d),
        vec![
            "What got you into programming?",
            "I see. So you moved to Berlin after that.",
            "Tell me about the book."
        ]
    );
    // The remark stays where it was said, inside the first pair.
    assert!(
        answers(&d)[0].contains("It was a low bar."),
        "{:?}",
        answers(&d)
    );
}

/// What the review of this round's rules found, each held: questions in
/// bold italics stay prompts; a stage direction in italics after a label
/// keeps its marks; a guest's bold
/// pull quote over two lines is no question; a host's statement about the
/// guest (`You grew up near the lake…`) answered at length is a question;
/// an HTML page's shown `&lt;` is not decoded a second time.
#[test]
fn this_rounds_rules_keep_their_edges() {
    let d = parse(
        "An interview with the designer.\n\n***What drew you to furniture?***\n\nMy grandfather's workshop, and the smell of oak in the morning.\n\n***Where do you find your wood?***\n\nFrom a mill two valleys over, mostly beech and ash.\n\n***Who taught you to carve?***\n\nNobody, really: I learned by ruining a great deal of timber.\n",
    );
    assert_eq!(
        questions(&d).len(),
        3,
        "bold italic prompts: {:?}",
        questions(&d)
    );
    let d = parse(
        "JANE: Where were you that night?\n\nTOM: *laughs*\n\nTOM: At home, I promise, with the radio on.\n\nJANE: Alone?\n\nTOM: With my brother.\n",
    );
    assert!(answers(&d)[0].contains("*laughs*"), "{:?}", answers(&d));
    let d = parse(
        "**What drew you to furniture?**\n\nMy grandfather's workshop, and the smell of oak in the morning.\n\n**I never wanted to make anything that would not\noutlive me, and oak does.**\n\nThat is the whole of it, really, and the rest is patience.\n\n**Where do you find your wood?**\n\nFrom a mill two valleys over, mostly beech and ash.\n\n**Who taught you to carve?**\n\nNobody, really: I learned by ruining a great deal of timber.\n",
    );
    assert!(
        questions(&d).iter().all(|q| !q.contains("outlive")),
        "the pull quote is the guest's: {:?}",
        questions(&d)
    );
    let long = "I did, on a farm at the edge of the water, and every summer we rowed out before dawn to check the nets my father had set the night before, which is where I learned to be patient and to love the quiet";
    let d = parse(&format!(
        "Mia Holt: Where were you born?\n\nRavi Sen: In Ohio, {long}.\n\nMia Holt: You grew up near the lake in Ohio.\n\nRavi Sen: Yes, {long}.\n\nMia Holt: Did you ever leave?\n\nRavi Sen: Only once, {long}.\n"
    ));
    assert!(
        questions(&d)
            .iter()
            .any(|q| q == "You grew up near the lake in Ohio."),
        "{:?}",
        questions(&d)
    );
    let d = parse(
        "<html><body><p>Q: What does the page show for a less-than sign, &amp;lt;?</p><p>A: It shows &amp;lt; as written.</p><p>Q: And a second one?</p><p>A: The same.</p><p>Q: And a third?</p><p>A: Still the same.</p></body></html>",
    );
    assert!(questions(&d)[0].contains("&lt;"), "{:?}", questions(&d));
}

/// Web pages of mini-interviews: the questions bold and unlabelled, each
/// answer after its guest's name. A bold question between a guest's turns
/// is someone the page did not name (never the guest's words), and the
/// guest answers; a chapter heading that asks (`## What is a 1.0?`)
/// between named turns stays a heading.
#[test]
fn bold_unlabelled_questions_between_named_answers_are_not_the_guests() {
    let d = parse(
        "Meet our mentors.\n\n**What is your advice for newcomers?**\n\n**Nupur**: Learn version control first, and do not be afraid of mistakes.\n\n**How did you get started?**\n\n**Nupur**: A senior at college told me about a summer programme.\n\nMeet Trista.\n\n**What is your advice for newcomers?**\n\n**Trista**: Keep your curiosity and pick a small first issue.\n\n**How did you get started?**\n\n**Trista**: I co-founded a database project and never looked back.\n",
    );
    let q = questions(&d);
    assert!(
        q.iter().any(|q| q == "How did you get started?"),
        "the bold question is a question: {q:?}"
    );
    assert_eq!(speaker_of(&d, "How did you get started"), None, "{q:?}");
    assert_eq!(speaker_of(&d, "summer programme"), Some("Nupur"));
    assert!(
        q.iter()
            .all(|q| !q.contains("version control") && !q.contains("curiosity")),
        "the guests' answers are no questions: {q:?}"
    );
    assert!(
        answers(&d).iter().any(|a| a.contains("curiosity")),
        "{:?}",
        answers(&d)
    );
    let d = parse(
        "**Henry**: So you posted it early?\n\n**Omar**: I did, because it was never clear to me what a finished version would be.\n\n## What is a 1.0?\n\n**Henry**: Why release it before it was done?\n\n**Omar**: Because people could try it and tell me what broke.\n",
    );
    assert_eq!(speaker_of(&d, "What is a 1.0"), Some("Omar"));
}

/// A podcast host's sponsor read between two of the guest's answers is no
/// question, however long the guest goes on after it; nor are a host's two
/// or three words with a pronoun (`That's huge.`), as longer remarks are
/// not. A short topic put to the guest (`Housing.`) still is.
#[test]
fn a_hosts_sponsor_read_and_short_remark_are_no_questions() {
    let long = "and that is a longer story than it sounds, because it started at school with a borrowed computer, went on through two jobs that had nothing to do with it, and only came together when a friend asked me to help with a project that nobody else wanted to touch at the time";
    let d = parse(&format!(
        "Stephan Livera: What got you into programming?\n\nGreg Sanders: Honestly, {long}.\n\nStephan Livera: Back to the show in a moment. When it comes to securing your savings, Acme Vaults can help you out, with keys in three places and a team on call.\n\nGreg Sanders: Right, so, {long}.\n\nStephan Livera: That's huge.\n\nGreg Sanders: It was, {long}.\n\nStephan Livera: Housing.\n\nGreg Sanders: Well, {long}.\n"
    ));
    assert_eq!(
        questions(&d),
        vec!["What got you into programming?", "Housing."],
        "{:?}",
        questions(&d)
    );
    assert!(
        answers(&d)[0].contains("Acme Vaults") && answers(&d)[0].contains("That's huge."),
        "the read and the remark stay where they were said: {:?}",
        answers(&d)
    );
    assert_eq!(speaker_of(&d, "Acme Vaults"), Some("Stephan Livera"));
}

/// `Speaker 1` alone on its line over the words, as transcription services
/// export the voices they tell apart: a speaker's label, whose words are
/// theirs. A section numbered the same way (`Chapter 1` over prose) is not.
#[test]
fn numbered_voices_alone_on_their_lines_are_speakers() {
    let d = parse(
        "Speaker 1\nSo, today I am going to be talking about our plans for the first quarter and how we did.\n\nSpeaker 2\nThank you for that. There is a question about the metadata changes, what happens to them?\n\nSpeaker 1\nThe metadata changes go out next month, and we will tell everyone before they do.\n\nSpeaker 2\nAnother question came in: when does the new interface ship to everyone?\n\nSpeaker 1\nIt ships in March, after a round of testing with the people who asked for it.\n",
    );
    assert_eq!(d.format, qnav::model::Format::LabelledSpeakers);
    assert_eq!(
        questions(&d),
        vec![
            "Thank you for that. There is a question about the metadata changes, what happens to them?",
            "Another question came in: when does the new interface ship to everyone?"
        ],
        "{:?}",
        questions(&d)
    );
    assert_eq!(speaker_of(&d, "ships in March"), Some("Speaker 1"));
    assert!(!answers(&d).iter().any(|a| a.contains("Speaker")));
    let d = parse(
        "Chapter 1\nIt was a long winter, and the town waited for the river to open before anyone could leave.\n\nChapter 2\nWhen the ice broke at last, the ferry came back, and with it the letters of a whole season.\n",
    );
    assert!(d.pairs.is_empty(), "{:?}", questions(&d));
}

/// A host's reaction to the guest's answer (`Oh, no way.`, `Right, a
/// rounder picture of people.`) takes up that answer, however long the
/// guest goes on after it: no question. One that puts something to the
/// guest (`Right. You would have to pick one.`, `Yeah, Taylor, what's your
/// pick`) still is one, as is a topic (`Housing.`, `Okay. The album.`).
#[test]
fn a_hosts_reaction_is_no_question_but_what_it_puts_to_the_guest_is() {
    let long = "and that is a longer story than it sounds, because it started at school with a borrowed computer, went on through two jobs that had nothing to do with it, and only came together when a friend asked me to help with a project that nobody else wanted to touch at the time";
    let d = parse(&format!(
        "Jerod Santo: What got you into programming?\n\nKatrina Owen: Honestly, {long}.\n\nJerod Santo: Oh, no way.\n\nKatrina Owen: Yes, {long}.\n\nJerod Santo: Right, a rounder picture of people.\n\nKatrina Owen: Exactly, {long}.\n\nJerod Santo: Right. You would have to pick one of them.\n\nKatrina Owen: Well, {long}.\n\nJerod Santo: Yeah, Taylor, what's your pick\n\nKatrina Owen: Mine, {long}.\n\nJerod Santo: Housing.\n\nKatrina Owen: Well, {long}.\n\nJerod Santo: Okay. The album.\n\nKatrina Owen: That one, {long}.\n"
    ));
    assert_eq!(
        questions(&d),
        vec![
            "What got you into programming?",
            "Right. You would have to pick one of them.",
            "Yeah, Taylor, what's your pick",
            "Housing.",
            "Okay. The album."
        ],
        "{:?}",
        questions(&d)
    );
    assert!(
        answers(&d)[0].contains("Oh, no way.") && answers(&d)[0].contains("a rounder picture"),
        "the reactions stay where they were said: {:?}",
        answers(&d)
    );
    assert_eq!(speaker_of(&d, "a rounder picture"), Some("Jerod Santo"));
}

/// Interviews kept as data: an AMA archive's JSON records, a page's
/// JavaScript array of `{question, answer}` objects, a recogniser's
/// segments naming their speaker after the words. Each question is a
/// question, each answer its answer, every line on its own source line; a
/// copy of the text kept for search is not read twice, and a caption
/// file's one `author` (the channel) is put in front of no one's words.
#[test]
fn transcripts_kept_as_json_or_script_records() {
    let d = parse(
        "{\n  \"title\": \"Carl Pei AMA\",\n  \"items\": [\n    {\n      \"question_author\": \"u/oneunique\",\n      \"question_text\": \"Could you drop the forced app installs?\",\n      \"answer_author\": \"Carl\",\n      \"answer_text\": \"Yes, we should dial this back.\",\n      \"search_text\": \"could you drop the forced app installs? yes\"\n    },\n    {\n      \"question_author\": \"u/bronzie\",\n      \"question_text\": \"What is your background in design?\",\n      \"answer_author\": \"Carl\",\n      \"answer_text\": \"Pencil sketching at seven, web design at twelve.\"\n    },\n    {\n      \"question_text\": \"Will phones disappear?\",\n      \"answer_text\": \"No, but they will matter less.\"\n    }\n  ]\n}\n",
    );
    assert_eq!(
        questions(&d),
        vec![
            "Could you drop the forced app installs?",
            "What is your background in design?",
            "Will phones disappear?"
        ]
    );
    assert_eq!(answers(&d)[0], "Yes, we should dial this back.");
    let first = &d.pairs[0];
    assert_eq!(first.question[0].lines.first, 6, "its own line");
    let d = parse(
        "export const interview = [\n  {\n    question: 'What got you started?',\n    answer: 'A borrowed computer.',\n  },\n  {\n    question: \"What\\u2019s next?\",\n    answer: `More of the same.`,\n  },\n  {\n    question: 'Any advice?',\n    answer: 'Ship early.',\n  },\n];\n",
    );
    assert_eq!(
        questions(&d),
        vec!["What got you started?", "What’s next?", "Any advice?"]
    );
    let d = parse(
        "{\"segments\": [\n {\"text\": \"Where did you grow up?\", \"speaker\": \"SPEAKER_00\"},\n {\"text\": \"In Ohio, near the lake.\", \"speaker\": \"SPEAKER_01\"},\n {\"text\": \"And what brought you here?\", \"speaker\": \"SPEAKER_00\"},\n {\"text\": \"A job, and then a family.\", \"speaker\": \"SPEAKER_01\"}\n]}\n",
    );
    assert_eq!(
        questions(&d),
        vec!["Where did you grow up?", "And what brought you here?"]
    );
    assert_eq!(speaker_of(&d, "In Ohio"), Some("SPEAKER_01"));
    let d = parse(
        "export const video = {\n  \"author\": \"The Late Show\",\n  \"captions\": [\n    {\"start\": 1, \"text\": \"Can I just say, first of all,\"},\n    {\"start\": 2, \"text\": \"I love how you say my name.\"},\n    {\"start\": 3, \"text\": \"Thank you.\"}\n  ]\n};\n",
    );
    assert!(
        d.turns.iter().all(|t| t.speaker.is_none()),
        "the channel speaks no caption: {:?}",
        turn_speakers(&d)
    );
    let d = parse(
        "{\n  \"name\": \"qnav\",\n  \"version\": \"1.0.0\",\n  \"description\": \"A reader\"\n}\n",
    );
    assert!(d.pairs.is_empty());
}

/// What a review of this batch's rules found, each held: a record's words
/// go after its own record's speaker, wherever a file-wide `name` stands;
/// a recogniser's speakers `A` and `B` are people, not roles; `u/alice`
/// and `u/bob` stay two; an id is no question; one bold title that asks
/// is nobody's question, and a speaker's own bold question
/// followed by more of their words stays theirs; a host's statement that a
/// trip was sponsored is no ad read; `They fired you.` is put to the guest.
#[test]
fn this_batchs_rules_keep_their_edges() {
    let d = parse(
        "{\"name\": \"Episode 12\", \"segments\": [\n{\"text\": \"Where did you grow up?\", \"speaker\": \"HOST\"},\n{\"text\": \"In Ohio, by the lake.\", \"speaker\": \"GUEST\"},\n{\"text\": \"Why Ohio?\", \"speaker\": \"HOST\"},\n{\"text\": \"My father worked there.\", \"speaker\": \"GUEST\"}\n]}\n",
    );
    assert_eq!(
        speaker_of(&d, "In Ohio"),
        Some("GUEST"),
        "{:?}",
        turn_speakers(&d)
    );
    assert_eq!(speaker_of(&d, "Why Ohio"), Some("HOST"));
    assert!(
        turn_speakers(&d).iter().all(|s| s != "Episode 12"),
        "{:?}",
        turn_speakers(&d)
    );
    let d = parse(
        "[\n {\"speaker\": \"A\", \"text\": \"What brought you to the city?\"},\n {\"speaker\": \"B\", \"text\": \"Work, at first.\"},\n {\"speaker\": \"A\", \"text\": \"And what kept you?\"},\n {\"speaker\": \"B\", \"text\": \"The people.\"}\n]\n",
    );
    assert_eq!(speaker_of(&d, "Work, at first"), Some("Speaker B"));
    let d = parse(
        "[\n {\"author\": \"u/alice\", \"body\": \"Is the phone coming to Europe?\"},\n {\"author\": \"u/bob\", \"body\": \"Next spring, we hope.\"},\n {\"author\": \"u/alice\", \"body\": \"And the price?\"},\n {\"author\": \"u/bob\", \"body\": \"Lower than the last one.\"}\n]\n",
    );
    assert_ne!(
        speaker_of(&d, "Next spring"),
        speaker_of(&d, "coming to Europe")
    );
    let d = parse(
        "[\n {\"question_id\": \"q1\", \"question\": \"Why now?\", \"answer\": \"Because the parts got cheap.\"},\n {\"question_id\": \"q2\", \"question\": \"Why here?\", \"answer\": \"Because we live here.\"},\n {\"question_id\": \"q3\", \"question\": \"Why you?\", \"answer\": \"Nobody else would.\"}\n]\n",
    );
    assert_eq!(questions(&d), vec!["Why now?", "Why here?", "Why you?"]);
    let d = parse(
        "**Is AI overhyped?**\n\nKara: What are you building?\n\nSam: A model that reads contracts and flags the clauses that cost money.\n\nKara: Who buys it?\n\nSam: Law firms, mostly, and a few insurers.\n",
    );
    assert_eq!(
        questions(&d),
        vec!["What are you building?", "Who buys it?"],
        "a title that asks is no one's question"
    );
    let d = parse(
        "Host: What changed?\n\nAnn: I quit the job.\n\n**So was it worth it?**\n\nHonestly, yes, every day of it.\n\nHost: And now?\n\nAnn: Now I build boats.\n",
    );
    assert_eq!(speaker_of(&d, "Honestly, yes"), Some("Ann"));
    let long = "and that is a longer story than it sounds, because it started at school with a borrowed computer, went on through two jobs that had nothing to do with it, and only came together when a friend asked me to help with a project that nobody else wanted to touch at the time";
    let d = parse(&format!(
        "Mia Holt: Where were you born?\n\nRavi Sen: In Ohio, {long}.\n\nMia Holt: Your first expedition was sponsored by National Geographic.\n\nRavi Sen: Yes, {long}.\n\nMia Holt: They fired you.\n\nRavi Sen: They did, {long}.\n"
    ));
    assert_eq!(
        questions(&d).len(),
        3,
        "the sponsored trip and the firing are put to the guest: {:?}",
        questions(&d)
    );
}

/// An earnings call: the operator calls each analyst; the executives who
/// answer are never called. A second executive's answer (`Hi Mark, I'll
/// take this question.`) is an answer, not a question nor a hand-off, and
/// an analyst's question without a `?` is a question; the investor
/// relations head the operator hands the call to first presents.
#[test]
fn an_operators_calls_tell_the_analysts_from_the_executives() {
    let long = "we have been investing for years in the infrastructure that makes this possible, and the results this quarter show that the work is paying off across the apps, in engagement and in monetization, even though there is more to do and the road ahead is long and expensive and we will keep you updated on each step of it";
    let d = parse(&format!(
        "Operator: Good afternoon. I would now like to turn the call over to Deborah Crawford. Please go ahead.\n\nDeborah Crawford: Thank you. Joining me today are Mark, Dave and Susan.\n\nMark Zuckerberg: Thanks, Deb. This quarter {long}.\n\nOperator: Your first question comes from the line of Brian Nowak with Morgan Stanley.\n\nBrian Nowak: Thanks. How should we think about spending next year?\n\nDavid Wehner: Yes, hey Brian, why don't I take that first and then hand it off to Susan.\n\nSusan Li: Thanks, Brian. So {long}.\n\nOperator: Your next question comes from the line of Justin Post with Bank of America.\n\nJustin Post: Great, a couple of questions on the reels transition. When does it turn?\n\nDavid Wehner: So Justin, on the reels transition, it is early days.\n\nMark Zuckerberg: Yes. And {long}.\n\nOperator: Your next question comes from the line of Mark Mahaney with Evercore.\n\nMark Mahaney: Can you talk about advertisers?\n\nMarne Levine: Hi Mark, I'll take this question. We have continued our work to rebuild engagement with advertisers.\n\nDeborah Crawford: Great. Thanks, Marne. Operator, we have time for one last question.\n\nOperator: That will come from the line of Brent Thill with Jefferies.\n\nBrent Thill: I think kind of summing up how investors are feeling, there is a lot of spending.\n\nDavid Wehner: Yes. Let me take at least part of that.\n\nMark Zuckerberg: Yes. I would just say {long}.\n\nMarne Levine: Just adding to what Mark just said, it is a challenging time for advertisers.\n\nDeborah Crawford: Great. Thank you, everybody, for joining us today.\n\nOperator: This concludes today's call.\n"
    ));
    let q = questions(&d);
    assert_eq!(q.len(), 4, "one question per analyst called: {q:?}");
    assert!(q[3].starts_with("I think kind of summing up"), "{q:?}");
    for words in [
        "Hi Mark, I'll take",
        "Let me take at least",
        "Just adding to what",
    ] {
        assert!(
            answers(&d).iter().any(|a| a.contains(words)),
            "{words:?} is an answer: {q:?}"
        );
    }
}

/// A research form: `Interviewee: Germain` in its header, then `##
/// Question 1: …` headings with the answers unlabelled below them. The
/// header's label is no one answering in the conversation: the answers
/// are answers, never the questions' own words.
#[test]
fn a_header_label_does_not_make_the_answers_the_questions_words() {
    let d = parse(
        "# Info\nInterviewee: Germain\n\n# Transcript\n## Question 1: Was beschäftigt dich im Alltag?\n\n*\"Allgemein?\"*\n\n## Wie du es verstehst.\n\n*\"Klimawandel, globale Konflikte, und die Uni.\"*\n\n## Question 2: Wann triffst du Entscheidungen?\n\n*\"Die ganze Zeit, welchen Bus ich nehme.\"*\n\n## Question 3: Wie fühlst du dich in einer Gruppe?\n\n*\"Es kommt drauf an.\"*\n",
    );
    let q = questions(&d);
    assert_eq!(q.len(), 3, "{q:?}");
    assert!(
        q.iter()
            .all(|q| !q.contains("Klimawandel") && !q.contains("Bus")),
        "{q:?}"
    );
    assert!(answers(&d)[0].contains("Klimawandel"), "{:?}", answers(&d));
    assert_eq!(speaker_of(&d, "Klimawandel"), None);
}
