//! Word lists, in one place: greetings and thanks, abbreviations that a
//! period follows without ending a sentence, words that open a sentence
//! (never a speaker's name), phrases that hand someone the floor, question
//! and answer role words in every language read, particles inside names,
//! and the keys of header and caption fields that are never speakers. A
//! list used in two places is defined here once.

/// `Mr.`, `Dr.`, `U.S.`: a period that does not end a sentence.
pub fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_start_matches(['(', '"', '“', '«']);
    let core = w.trim_end_matches('.');
    if core.is_empty() {
        return false;
    }
    // Initials and dotted acronyms: `J.`, `U.S.`, `a.m.`
    if core.chars().count() == 1 || core.split('.').all(|p| p.chars().count() == 1) {
        return true;
    }
    ABBREVIATIONS.contains(&core.to_lowercase().as_str())
}

/// Words that a period follows without ending the sentence (lower case,
/// without the period): titles, months, `No.`, units, and their Russian
/// counterparts. One list for the parser (whether a sentence asks) and for
/// search (where a statement ends). Not `etc.`: it usually ends one.
pub const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "gen", "col", "lt", "sgt", "capt", "cmdr",
    "adm", "gov", "sen", "rep", "pres", "rev", "hon", "no", "nos", "vs", "cf", "approx", "dept",
    "fig", "vol", "art", "ch", "p", "pp", "ed", "est", "inc", "ltd", "co", "corp", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "gg", "г",
    "гг", "т", "д", "им", "ул", "см", "тыс", "млн", "млрд", "руб", "проф", "акад", "ген",
];

/// Words that make a greeting, thanks or goodbye (lower case).
pub(super) fn greeting_word(w: &str) -> bool {
    matches!(
        w,
        "thank"
            | "thanks"
            | "hello"
            | "hi"
            | "goodbye"
            | "bye"
            | "welcome"
            | "morning"
            | "afternoon"
            | "evening"
            | "pleasure"
            | "appreciate"
            | "спасибо"
            | "благодарю"
            | "здравствуйте"
            | "добрый"
            | "привет"
            | "пожалуйста"
            | "до"
    )
}

/// Words a greeting may hold besides its key words and up to three others (lower case).
pub(super) fn greeting_filler(w: &str) -> bool {
    matches!(
        w,
        "you"
            | "very"
            | "much"
            | "so"
            | "a"
            | "lot"
            | "for"
            | "the"
            | "and"
            | "everyone"
            | "everybody"
            | "all"
            | "sir"
            | "madam"
            | "mr"
            | "mrs"
            | "ms"
            | "dr"
            | "president"
            | "please"
            | "great"
            | "nice"
            | "to"
            | "see"
            | "it"
            | "good"
            | "again"
            | "my"
            | "is"
            | "was"
            | "our"
            | "your"
            | "too"
            | "same"
            | "also"
            | "i"
            | "we"
            | "time"
            | "having"
            | "me"
            | "us"
            | "here"
            | "being"
            | "joining"
            | "talking"
            | "with"
            | "this"
            | "that"
            | "oh"
            | "well"
            | "okay"
            | "ok"
            | "yes"
            | "of"
            | "course"
            | "вам"
            | "вас"
            | "день"
            | "вечер"
            | "утро"
            | "большое"
            | "свидания"
            | "и"
            | "тоже"
    )
}

/// Back-channel and floor words (lower case): a turn of only these (and
/// perhaps a name) keeps a conversation going but asks nothing — `Yes.`,
/// `Okay.`, `Mm-hmm.`, `Go ahead.`, `Sorry.`, `Right, right.`
pub(super) fn back_channel_word(w: &str) -> bool {
    matches!(
        w,
        "yes"
            | "yeah"
            | "yep"
            | "yup"
            | "no"
            | "nope"
            | "okay"
            | "ok"
            | "right"
            | "alright"
            | "all"
            | "sure"
            | "sorry"
            | "correct"
            | "exactly"
            | "absolutely"
            | "indeed"
            | "true"
            | "fine"
            | "great"
            | "good"
            | "mm"
            | "hmm"
            | "mhm"
            | "mm-hmm"
            | "uh-huh"
            | "uh"
            | "um"
            | "huh"
            | "oh"
            | "ah"
            | "wow"
            | "yay"
            | "well"
            | "so"
            | "and"
            | "but"
            | "go"
            | "ahead"
            | "please"
            | "i"
            | "i'm"
            | "i’m"
            | "see"
            | "got"
            | "it"
            | "understood"
            | "sir"
            | "ma'am"
            | "ma’am"
            | "madam"
            | "да"
            | "нет"
            | "хорошо"
            | "ясно"
            | "понятно"
            | "конечно"
            | "sí"
            | "si"
            | "ja"
            | "nein"
            | "oui"
            | "non"
            | "d'accord"
    )
}

/// Phrases (lower case, straight apostrophes) that ask without a question
/// mark: imperatives and stated wishes to know, in the languages read.
pub(super) const PROMPTS: &[&str] = &[
    "tell me",
    "tell us",
    "talk about",
    "talk to us",
    "talk me through",
    "talk us through",
    "walk me through",
    "walk us through",
    "take me through",
    "take us through",
    "describe",
    "explain",
    "say more",
    "go on",
    "elaborate",
    "give me an example",
    "give us an example",
    "i'd love to hear",
    "i would love to hear",
    "i'd like to hear",
    "i'd like to know",
    "i would like to know",
    "i want to know",
    "i wanted to ask",
    "i want to ask",
    "i'd like to ask",
    "i would like to ask",
    "my question is",
    "i'm curious",
    "i am curious",
    "i'm wondering",
    "i was wondering",
    "i wonder",
    "to clarify",
    "make sure i understand",
    "if i understand",
    "you mentioned",
    "you were talking about",
    "you talked about",
    "you were saying",
    "going back to",
    "let's start",
    "let's begin",
    "let's get into",
    "let's dive into",
    "cuéntame",
    "cuéntanos",
    "cuénteme",
    "cuéntenos",
    "háblame",
    "háblanos",
    "explícanos",
    "describa",
    "erzählen sie",
    "erzähl",
    "beschreiben sie",
    "racontez",
    "raconte",
    "parlez-nous",
    "parlez-moi",
    "décrivez",
    "expliquez",
    "расскажите",
    "расскажи",
    "опишите",
    "объясните",
    "vertel",
    "beschrijf",
    "leg uit",
    "me conte",
    "conte-nos",
    "fale sobre",
    "raccontaci",
    "mi racconti",
    "请谈谈",
    "请介绍",
    "请说说",
];

/// Two words that open a question even where a transcript (speech
/// recognition, a hasty typist) left out its `?`: an auxiliary before its
/// subject, or a question word before its verb. Lower case.
pub(super) const QUESTION_OPENINGS: &[&str] = &[
    "do you",
    "did you",
    "does it",
    "does he",
    "does she",
    "does that",
    "do they",
    "did they",
    "can you",
    "could you",
    "would you",
    "will you",
    "have you",
    "had you",
    "are you",
    "were you",
    "is it",
    "is there",
    "is that",
    "was it",
    "was there",
    "was that",
    "are there",
    "were there",
    "should we",
    "should i",
    "can we",
    "could we",
    "shall we",
    "what is",
    "what's",
    "what are",
    "what was",
    "what were",
    "what do",
    "what did",
    "what does",
    "what would",
    "what kind",
    "what about",
    "how do",
    "how did",
    "how does",
    "how is",
    "how was",
    "how are",
    "how were",
    "how much",
    "how many",
    "how long",
    "how would",
    "how can",
    "how could",
    "why do",
    "why did",
    "why does",
    "why is",
    "why was",
    "why are",
    "why would",
    "why not",
    "where do",
    "where did",
    "where is",
    "where was",
    "where are",
    "when did",
    "when do",
    "when was",
    "when is",
    "when will",
    "who is",
    "who was",
    "who did",
    "who are",
    "which one",
    "which is",
    "which of",
];

/// Words a host's reaction to what was just said opens with (`Oh, no
/// way.`, `Right, a rounder picture of people.`, `Wow, at a spa.`): such a
/// statement, answered at length or not, takes up the answer — it is not
/// a new question. Lower case; `i see`, `i know` and `no way` are two
/// words (see `pairs::reacts`).
pub(super) const REACTION_OPENERS: &[&str] = &[
    "oh",
    "wow",
    "ah",
    "aha",
    "ha",
    "haha",
    "right",
    "yeah",
    "yes",
    "yep",
    "okay",
    "ok",
    "nice",
    "cool",
    "interesting",
    "exactly",
    "totally",
    "sure",
    "true",
    "great",
    "awesome",
    "amazing",
    "mm",
    "mhm",
    "hmm",
    "absolutely",
    "indeed",
    "gotcha",
    "wonderful",
    "fantastic",
];

/// Words said before a sentence gets to the point (`And what were…`,
/// `Okay, so how did…`). Lower case.
pub(super) const SENTENCE_FILLERS: &[&str] = &[
    "and", "so", "but", "okay", "ok", "um", "uh", "well", "yeah", "then", "now", "also", "right",
    "alright", "sorry", "oh",
];

/// Pronouns and pronoun contractions that make a host's few words a
/// remark on what was said (`It was a low bar.`, `Roger, we're standing
/// by.`, `Nice, that's a good one.`) rather than a topic put to the other
/// side (`And then the bank in Oslo.`, `Your childhood.`). Lower case,
/// straight apostrophes.
pub(super) fn remark_pronoun(w: &str) -> bool {
    // (Not `you`: `You grew up near the lake.` puts a statement to the
    // guest to take up; nor words that are also articles or determiners,
    // `that job`, `das`, `il`.)
    matches!(
        w,
        "it" | "it's"
            | "that's"
            | "i"
            | "i'm"
            | "i've"
            | "i'll"
            | "we"
            | "we're"
            | "we've"
            | "we'll"
            | "he"
            | "she"
            | "they"
            | "they're"
            | "there's"
            | "ich"
            | "wir"
            | "c'est"
            | "je"
            | "nous"
            | "eso"
            | "esto"
            | "yo"
    )
}

/// Words that open a conclusion drawn from what the other side said (`So
/// you moved to Berlin.`): an interviewer's summary put to be confirmed or
/// taken further, a question however it ends. Lower case.
pub(super) const INFERENCE_OPENERS: &[&str] = &[
    "so",
    "donc",
    "alors",
    "entonces",
    "então",
    "quindi",
    "dus",
    "значит",
];

/// Words that open a sentence or a clause, not a name or a title.
pub(super) const SENTENCE_OPENERS: &[&str] = &[
    "in", "at", "on", "for", "with", "from", "as", "and", "but", "so", "if", "when", "then",
    "this", "that", "these", "those", "what", "why", "how", "here", "there", "our", "my", "your",
    "we", "i", "it", "the", "a", "an", "to", "by", "after", "before", "during", "all", "some",
    "many", "most", "both", "one", "two", "three", "first", "second", "third", "finally", "note",
    "see", "read", "also",
];

/// Phrases that hand the floor to someone rather than ask them anything
/// (lower case).
pub(super) const FLOOR_GIVING: &[&str] = &[
    "do you want to",
    "would you like to",
    "you want to",
    "want to go",
    "want to add",
    "anything to add",
    "add anything",
    "go ahead",
    "start with you",
    "over to you",
    "turn it over",
    "turn it to",
    "take that",
    "take this",
    "next question",
];

/// Of [`FLOOR_GIVING`], those that in a few words can only pass the
/// current question to someone else (`Yvan, anything to add?`), whoever
/// says them; "do you want to…" also opens real questions. (Each holds
/// "add": see `passes_the_floor`.)
pub(super) const FLOOR_PASSING: &[&str] = &[
    "anything to add",
    "add anything",
    "anything you'd add",
    "anything you would add",
];

/// Phrases of a sponsor's message read out by a podcast's host (lower
/// case; both apostrophes): the read is said to the listeners, between
/// two of the guest's answers; it puts nothing to the guest.
pub(super) const AD_READS: &[&str] = &[
    "back to the show in",
    "brought to you by",
    "episode is sponsored by",
    "show is sponsored by",
    "podcast is sponsored by",
    "episode has been sponsored by",
    "today's sponsor",
    "today’s sponsor",
    "our sponsor",
    "a word from our",
    "promo code",
    "use the code",
    "use code",
];

/// Phrases that ask for the question again rather than answer it (lower
/// case): what follows from the asker is the same question, put again.
pub(super) const REPEAT_REQUESTS: &[&str] = &[
    "repeat the",
    "repeat that",
    "repeat your",
    "can you repeat",
    "could you repeat",
    "say that again",
    "say it again",
    "come again",
    "pardon?",
    "pardon me?",
    "beg your pardon",
    "didn't catch",
    "did not catch",
    "didn't hear",
    "did not hear",
    "rephrase",
    "what do you mean",
    "what did you mean",
    "one more time",
    "was meinst du",
    "wie meinst du",
    "was meinen sie",
    "wie meinen sie",
    "wie ist das gemeint",
    "que veux-tu dire",
    "que voulez-vous dire",
    "qué quieres decir",
    "a qué te refieres",
    "wat bedoel je",
    "что вы имеете в виду",
    "herhalen",
    "nog een keer",
    "repetir",
    "repetirla",
    "wiederholen",
    "répéter",
    "повторить",
    "повторите",
];

use super::markers::*;

/// The role a lower-case label word names, if any (see [`generic_role`]).
/// Asking role words that name the person (`Interviewer`, `Reporter`), not
/// the question (`Q`, `Question`, `Pregunta`): such a speaker's turn is a
/// question when it asks, like a named speaker's, while a `Q:` marks one
/// whatever it says. Lower case, without a number.
pub(crate) fn asker_person_word(base: &str) -> bool {
    matches!(
        base,
        "interviewer"
            | "int"
            // `I:` beside `R:` or `P:`: the interviewer, a person, whose
            // summaries answered `Yes.` are no questions (unlike `Q:`, which
            // marks questions whoever asks them).
            | "i"
            | "journalist"
            | "reporter"
            | "correspondent"
            | "корреспондент"
            | "журналист"
            | "интервьюер"
            | "entrevistador"
            | "entrevistadora"
            | "记者"
            | "記者"
            | "聞き手"
            | "기자"
            | "מראיין"
    )
}

pub(crate) fn role_word(base: &str) -> Option<LabelRole> {
    match base {
        "q"
        | "question"
        | "questions"
        | "interviewer"
        | "int"
        | "i"
        | "journalist"
        | "reporter"
        | "correspondent"
        | "audience member"
        | "audience"
        | "вопрос"
        | "корреспондент"
        | "журналист"
        | "интервьюер"
        | "в"
        | "pregunta"
        | "pergunta"
        | "domanda"
        | "frage"
        | "vraag"
        | "pytanie"
        | "питання"
        | "soru"
        | "fråga"
        | "spørgsmål"
        | "spørsmål"
        | "otázka"
        | "kysymys"
        | "kérdés"
        | "întrebare"
        | "ερώτηση"
        | "entrevistador"
        | "entrevistadora"
        | "问"
        | "問"
        | "提问"
        | "記者"
        | "记者"
        | "聞き手"
        | "d"
        | "질문"
        | "문"
        | "기자"
        | "س"
        | "سؤال"
        | "ש"
        | "שאלה"
        | "מראיין" => Some(LabelRole::Asks),
        "moderator" | "host" | "operator" | "remark" | "chair" | "ведущий" | "реплика"
        | "модератор" | "主持人" | "司会" => Some(LabelRole::Facilitates),
        "a"
        | "answer"
        | "interviewee"
        | "narrator"
        | "respondent"
        | "resp"
        | "r"
        | "participant"
        | "p"
        | "guest"
        | "response"
        | "reply"
        | "ответ"
        | "о"
        | "респондент"
        | "respuesta"
        | "resposta"
        | "risposta"
        | "réponse"
        | "reponse"
        | "antwort"
        | "antwoord"
        | "odpowiedź"
        | "відповідь"
        | "cevap"
        | "yanıt"
        | "svar"
        | "odpověď"
        | "vastaus"
        | "válasz"
        | "răspuns"
        | "απάντηση"
        | "entrevistado"
        | "entrevistada"
        | "答"
        | "回答"
        | "답"
        | "답변"
        | "ج"
        | "جواب"
        | "ת"
        | "תשובה" => Some(LabelRole::Answers),
        _ => None,
    }
}

/// Words transcription services number the voices they tell apart with,
/// beside the role words (`Speaker 1`, `Voice 2`, `Sprecher 1`). Lower
/// case.
pub(crate) const VOICE_WORDS: &[&str] = &[
    "speaker",
    "voice",
    "person",
    "caller",
    "sprecher",
    "sprecherin",
    "intervenant",
    "locuteur",
    "hablante",
    "orador",
    "oradora",
    "spreker",
];

/// Lowercase words allowed inside a speaker name (`President of Russia Vladimir Putin`).
pub(crate) fn name_particle(w: &str) -> bool {
    matches!(
        w,
        "of" | "the"
            | "de"
            | "da"
            | "du"
            | "la"
            | "le"
            | "van"
            | "von"
            | "der"
            | "den"
            | "al"
            | "bin"
            | "ibn"
            | "y"
            | "and"
    )
}

/// `Photo:`, `From:`, `Location:`: the keys of e-mail headers, captions,
/// credits and transcript cover sheets, which stand before a colon like a
/// speaker's name but never name one.
pub(crate) fn is_field_key(name: &str) -> bool {
    const KEYS: &[&str] = &[
        // Not `cc`: a capsule communicator speaks as `CC:`.
        "from",
        "sent",
        "to",
        // Not `subject`: oral histories label the narrator `SUBJECT:`.
        "reply-to",
        "date",
        "datum",
        "fecha",
        "дата",
        "photo",
        "photos",
        "foto",
        "fotos",
        "фото",
        "image",
        "images",
        "video",
        "audio",
        "caption",
        "credit",
        "credits",
        "source",
        "sources",
        "quelle",
        "fonte",
        "источник",
        "location",
        "place",
        "length",
        "duration",
        "time",
        "project",
        "transcriber",
        "transcribed by",
        "transcript",
        "tags",
        "topics",
        "filed under",
        "published",
        "updated",
        "posted",
        "note",
        "editor's note",
        "editor’s note",
        "update",
        "correction",
        "copyright",
        "disclaimer",
        "attachments",
        "attachment",
    ];
    // Compared without a lower-case copy: asked of every speaker label.
    name.len() <= 16
        && if name.is_ascii() {
            KEYS.iter().any(|k| k.eq_ignore_ascii_case(name))
        } else {
            KEYS.contains(&name.to_lowercase().as_str())
        }
}

/// Words of a speaker label that are titles, honorifics or particles, not
/// the person's name (`MR. POWELL`, `CHAIR POWELL`, `President of Russia
/// Vladimir Putin`): left out when labels are matched to one person across
/// documents. Folded (lower case, no accents).
pub fn name_title(w: &str) -> bool {
    name_particle(w)
        || matches!(
            w,
            "mr" | "mrs"
                | "ms"
                | "miss"
                | "dr"
                | "prof"
                | "professor"
                | "sir"
                | "dame"
                | "lord"
                | "lady"
                | "hon"
                | "president"
                | "vice"
                | "chair"
                | "chairman"
                | "chairwoman"
                | "chief"
                | "justice"
                | "judge"
                | "secretary"
                | "general"
                | "senator"
                | "sen"
                | "rep"
                | "representative"
                | "governor"
                | "gov"
                | "mayor"
                | "minister"
                | "prime"
                | "ambassador"
                | "admiral"
                | "adm"
                | "acting"
                | "administrator"
                | "surgeon"
                | "deputy"
                | "press"
                | "director"
                | "speaker"
                | "leader"
                | "commander"
                | "colonel"
                | "captain"
                | "капитан"
                | "президент"
                | "премьер"
                | "министр"
                | "господин"
                | "госпожа"
        )
}

/// Words that speak to the other side (lower case, straight apostrophes):
/// in a dialogue nothing labels, a question with them asks the guest.
pub(super) const SECOND_PERSON: &[&str] = &[
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "you're",
    "you've",
    "you'd",
    "you'll",
    "y'all",
];

/// Words of the speaker's own doings: a question with them and no `you` is
/// the speaker's own (`how hard can it be, I thought?`).
pub(super) const FIRST_PERSON: &[&str] = &[
    "i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll",
];

/// Verbs after which `I` only hedges (`I think`, `I mean`, `I wonder`): the
/// sentence is not about the speaker.
pub(super) const HEDGE_VERBS: &[&str] = &[
    "think",
    "guess",
    "know",
    "wonder",
    "wondered",
    "feel",
    "recall",
    "remember",
    "believe",
    "suppose",
    "imagine",
    "assume",
    "understand",
    "read",
    "saw",
    "noticed",
    "heard",
    "gather",
];

/// Verbs whose object `me` asks (`tell me`, `let me ask`), not tells.
pub(super) const IMPERATIVE_OBJECT_VERBS: &[&str] = &[
    "tell", "show", "give", "let", "walk", "take", "remind", "help", "ask",
];

/// One-word tags that ask for agreement (`…, right?`, `…, huh?`).
pub(super) const TAG_ENDS: &[&str] = &[
    "right", "huh", "yeah", "yes", "no", "eh", "correct", "true", "ok", "okay",
];

/// Words that deny: a reply with one (`No, I was not.`) answers a tag
/// question rather than agreeing with a remark.
pub(super) const NEGATIONS: &[&str] = &["no", "not", "nope", "nah", "never", "nothing", "actually"];

/// Auxiliaries after which `you know` asks (`Do you know…?`) rather than
/// fills (`You know what I mean?`).
pub(super) const AUXILIARIES: &[&str] = &[
    "do", "did", "does", "would", "could", "can", "will", "should", "don't", "didn't",
];

/// Fillers put as questions, whole (lower case, without `?` and a leading
/// `and`/`but`/`so`): nobody is asked anything.
pub(super) const RHETORICAL: &[&str] = &[
    "you know what",
    "you know what i mean",
    "know what i mean",
    "you know",
    "guess what",
    "you see",
    "right",
    "huh",
    "who knows",
    "why not",
    "what else",
    "what can i say",
    "isn't it",
];
