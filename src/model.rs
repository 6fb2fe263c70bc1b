//! The in-memory document model: what a parsed interview *is*.
//!
//! A [`Corpus`] holds [`Document`]s; an interview document is a preamble plus
//! numbered question→answer [`Pair`]s, an article is body paragraphs plus the
//! quotes found in them. Every [`Paragraph`] remembers the source lines it came
//! from, and every line the cleaner removed is kept in [`Document::dropped`], so
//! nothing of the input is lost. This module is terminal-free: it never imports
//! ratatui or crossterm (a test in `tests/architecture.rs` enforces that).

use std::borrow::Cow;
use std::sync::Arc;

use serde::Serialize;

/// All documents opened in one session, in load order.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Corpus {
    pub documents: Vec<Document>,
}

/// Whether a document reads as a dialogue or as prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    Interview,
    Article,
}

impl DocKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Interview => "interview",
            DocKind::Article => "article",
        }
    }
}

/// 1-based, inclusive range of source lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct LineRange {
    pub first: usize,
    pub last: usize,
}

impl LineRange {
    pub fn new(first: usize, last: usize) -> Self {
        LineRange { first, last }
    }
    pub fn single(line: usize) -> Self {
        LineRange {
            first: line,
            last: line,
        }
    }
}

/// One paragraph of clean text (no control characters, single spaces). Its
/// text is owned when parsed, or borrowed from the document cache's
/// mapped pack when read from it (the text is then never copied into
/// memory: only the pages read are resident, and only while read).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    pub text: Cow<'static, str>,
    pub lines: LineRange,
    /// The speaker label this paragraph was said under, when the text labels turns.
    /// Shared: one copy of each name per document, however many
    /// paragraphs and turns are theirs (see [`Names`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<Arc<str>>,
    /// A `- item` / `• item` list entry inside a turn (the marker is stripped from `text`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub list_item: bool,
    /// Set on the first paragraph of a turn: the role that turn plays. The
    /// paragraphs after it, up to the next one with a mark or another
    /// speaker, are the same turn (see [`Document::turns`]); header
    /// paragraphs have none and are in no turn.
    #[serde(skip)]
    pub turn: Option<TurnMark>,
}

/// The file name of `path`, without its folders (`/` or `\\`).
pub fn file_name_of(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// The speaker labels of one document, each kept once and shared by
/// every paragraph and turn said under it (a transcript names the same
/// few people thousands of times).
#[derive(Debug, Default)]
pub struct Names(foldhash::HashSet<Arc<str>>);

impl Names {
    /// `name`, shared with every earlier use of it.
    pub fn shared(&mut self, name: &str) -> Arc<str> {
        if let Some(n) = self.0.get(name) {
            return Arc::clone(n);
        }
        let n: Arc<str> = name.into();
        self.0.insert(Arc::clone(&n));
        n
    }
}

/// What the parser decided about the turn a paragraph opens, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TurnMark {
    pub role: TurnRole,
    pub why: Why,
}

impl Paragraph {
    pub fn new(text: impl Into<String>, lines: LineRange) -> Self {
        Paragraph {
            text: Cow::Owned(text.into()),
            lines,
            speaker: None,
            list_item: false,
            turn: None,
        }
    }
}

/// What a turn does in the conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TurnRole {
    /// Asks: opens a pair (or continues its question).
    Ask,
    /// Answers the question of its pair.
    Answer,
    /// Gives the floor or keeps order (`Next question.`, `Life News.`).
    Moderate,
    /// Anything else said between questions: thanks, an aside, an
    /// interjection by someone who neither asks nor answers here.
    Other,
}

impl TurnRole {
    pub fn as_str(self) -> &'static str {
        match self {
            TurnRole::Ask => "ask",
            TurnRole::Answer => "answer",
            TurnRole::Moderate => "moderate",
            TurnRole::Other => "other",
        }
    }
}

/// Why a turn plays its role: the rule that fired, for `qnav explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Why {
    /// It asks: a sentence ending in `?` that is more than a name.
    AsksQuestion,
    /// Its speaker asks: a role label (`Q`) or someone whose turns mostly ask.
    AskerRole,
    /// A moderator's turn that asks, and is answered at once.
    ModeratorAsks,
    /// Leads into the question after it: a hand-off, or the asker's preface.
    LeadIn,
    /// Continues the question a lead-in opened, or goes on with its sentence
    /// after an interjection cut it (`-- State, North Carolina, did…`).
    ContinuesQuestion,
    /// Gives the floor: a moderator's short turn that asks nothing.
    GivesFloor,
    /// A greeting or thanks that nobody answers: not a question.
    Greeting,
    /// Its speaker is the one who answers.
    Answers,
    /// Unlabelled paragraphs under a labelled question: its answer.
    UnlabelledAnswer,
    /// Said before the first question: an opening statement.
    Opening,
    /// Nobody in the text asks anything: a statement in turn.
    NobodyAsks,
    /// The format marks it as a question (a dash, a number, emphasis, `?`).
    MarkedQuestion,
    /// A plain paragraph under a question: its answer.
    UnderQuestion,
    /// Another speaker's words with no turn mark of their own.
    Interjection,
    /// A dash turn after an answer (or first): dash turns alternate.
    DashAsks,
    /// A dash turn after a question: its answer.
    DashAnswers,
    /// An asking turn that asks nothing a reader would list (thanks, `Yes.`,
    /// a name and a dash, an interrupted start, `(Inaudible.)`): kept inside
    /// the pair, never a question of its own.
    AsksNothing,
    /// A short exchange before a question (`Karine —` / `Go ahead.`): the
    /// lead of the question that follows.
    FloorExchange,
    /// A few words from the asking side that nobody answered at length
    /// (`Housing.` / `Yes.`): inside the pair, not a question.
    BriefPrompt,
    /// A statement from the asking side that neither asks nor is answered
    /// at length: inside the pair, not a question.
    UnansweredStatement,
    /// An unlabelled question between two turns of the one who answers: a
    /// voice the transcript did not name, never the answerer's.
    UnnamedAsker,
    /// The question put again after the other side asked to hear it again
    /// (`Can you repeat…?`): inside the pair it repeats.
    RepeatsQuestion,
    /// In a dialogue nothing labels: a question to the other side (not
    /// about the asker's own doings).
    AddressesOtherSide,
    /// A host's few words on what was just said (`It was a low bar.`):
    /// inside the pair, not a question, however long the answer after it.
    Remark,
}

impl Why {
    pub fn as_str(self) -> &'static str {
        match self {
            Why::AsksQuestion => "asks: a sentence ending in ? that is more than a name",
            Why::AskerRole => {
                "its speaker asks: a role label (Q) or someone whose turns mostly ask"
            }
            Why::ModeratorAsks => "a moderator's turn that asks and is answered at once",
            Why::LeadIn => "leads into the question after it (a hand-off or the asker's preface)",
            Why::ContinuesQuestion => {
                "continues the question (after a lead-in, or the interjection that cut it)"
            }
            Why::GivesFloor => "gives the floor: a moderator's short turn that asks nothing",
            Why::Greeting => "greeting or thanks that nobody answers: not a question",
            Why::Answers => "its speaker is the one who answers",
            Why::UnlabelledAnswer => "unlabelled paragraphs under a labelled question",
            Why::Opening => "said before the first question: an opening statement",
            Why::NobodyAsks => "nobody in this text asks: a statement in turn",
            Why::MarkedQuestion => "the format marks it as a question",
            Why::UnderQuestion => "a plain paragraph under a question: its answer",
            Why::Interjection => "another speaker's words with no turn mark of their own",
            Why::DashAsks => "a dash turn after an answer (or the first): dash turns alternate",
            Why::DashAnswers => "a dash turn after a question: its answer",
            Why::AsksNothing => {
                "asks nothing a reader would list (thanks, yes, a name and a dash, \
                 an interruption): inside the pair, not a question"
            }
            Why::FloorExchange => "a short exchange before a question: its lead",
            Why::BriefPrompt => {
                "a few words nobody answered at length: inside the pair, not a question"
            }
            Why::UnansweredStatement => {
                "a statement that neither asks nor is answered at length: \
                 inside the pair, not a question"
            }
            Why::UnnamedAsker => {
                "an unlabelled question between two turns of the one who answers: \
                 someone the transcript did not name"
            }
            Why::RepeatsQuestion => {
                "the question put again after a request to repeat it: inside its pair"
            }
            Why::AddressesOtherSide => {
                "no labels: a question to the other side, not of the asker's own doings"
            }
            Why::Remark => {
                "a short remark on what was just said, asking nothing: inside the pair, \
                 not a question"
            }
        }
    }
}

/// Where a turn's paragraphs are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TurnPart {
    /// Opening statements before the first question.
    Preamble,
    /// The hand-off before the question of pair `n` (0-based).
    Lead(usize),
    /// The question of pair `n` (0-based).
    Question(usize),
    /// The answer of pair `n` (0-based).
    Answer(usize),
    /// Labelled turns of a document where nobody asks (remarks, statements).
    Body,
}

/// One uninterrupted stretch of one speaker's words: the unit of attribution.
/// Its paragraphs are `paragraphs` of the list `part` names (a pair's
/// question or answer, or the preamble), so the text is stored once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Turn {
    /// The label the source gives the speaker (`None`: unlabelled, e.g. dash turns).
    pub speaker: Option<Arc<str>>,
    pub role: TurnRole,
    /// The rule that gave it its role.
    pub why: Why,
    /// The first source line of the turn (1-based).
    pub line: usize,
    pub part: TurnPart,
    pub paragraphs: std::ops::Range<usize>,
}

/// One question and its answer: the unit the reader jumps between.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pair {
    /// 1-based position in the document.
    pub number: usize,
    /// A moderator's hand-off before the question (`Thank you. Steve
    /// Liesman, CNBC.`): said in the pair, but neither the asker's words nor
    /// the answer. Usually empty.
    pub lead: Vec<Paragraph>,
    pub question: Vec<Paragraph>,
    /// Empty when the question was never answered (e.g. the transcript ends).
    pub answer: Vec<Paragraph>,
    pub asker: Option<Arc<str>>,
    pub answerer: Option<Arc<str>>,
    /// Indices into [`Document::turns`] of the turns this pair is made of
    /// (question turns first); empty for documents without turns.
    pub turns: std::ops::Range<usize>,
}

impl Pair {
    /// The speaker the layout itself names at the start of the answer: the
    /// answerer, else the label of a first turn that answers (`A`). A
    /// moderator's or anyone else's words opening the answer are not
    /// covered by it, so they get their own name.
    pub fn answer_voice(&self) -> Option<&str> {
        self.answerer.as_deref().or_else(|| {
            self.answer
                .first()
                .filter(|a| a.turn.is_none_or(|m| m.role == TurnRole::Answer))
                .and_then(|a| a.speaker.as_deref())
        })
    }

    /// The question as one line of text (paragraphs joined by a space).
    pub fn question_text(&self) -> String {
        join_paragraphs(&self.question)
    }
    pub fn answer_text(&self) -> String {
        join_paragraphs(&self.answer)
    }
}

/// A quoted statement found in an article, with who said it when the text says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    pub text: String,
    pub attribution: Option<String>,
    pub lines: LineRange,
}

/// A place on a transcript's printed page: what a court reporter's
/// `4:12` (page 4, line 12) points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct PageLine {
    pub page: u32,
    pub line: u16,
}

impl std::fmt::Display for PageLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.page, self.line)
    }
}

/// `4:1–2` on one page, `4:24–5:3` across a page break, `4:1` alone.
pub fn page_line_span(first: PageLine, last: PageLine) -> String {
    if first == last {
        first.to_string()
    } else if first.page == last.page {
        format!("{first}–{}", last.line)
    } else {
        format!("{first}–{last}")
    }
}

/// Where source lines stand in the source's own references — the page and
/// line a court reporter printed, the time a recording or a caption file
/// gave — so a citation can point where a reader of the source can look.
/// Kept per document and looked up by source line (see
/// [`Paragraph::lines`]); empty for a source that prints neither.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places {
    /// (source line, place), ascending by source line: every line that
    /// carried a line number, on a page whose number the source printed.
    page_lines: Vec<(usize, PageLine)>,
    /// (source line, time as written: `00:12:31`, `055:55:20`), ascending;
    /// the time is a range of `time_text` (one buffer, not a string each:
    /// a mission transcript gives tens of thousands).
    times: Vec<(usize, std::ops::Range<u32>)>,
    time_text: String,
}

impl Places {
    pub fn new(
        page_lines: Vec<(usize, PageLine)>,
        times: Vec<(usize, std::ops::Range<u32>)>,
        time_text: String,
    ) -> Places {
        Places {
            page_lines,
            times,
            time_text,
        }
    }

    /// Its lists as kept (for the cache, which writes them as they are).
    #[allow(clippy::type_complexity)]
    pub(crate) fn parts(&self) -> (&[(usize, PageLine)], &[(usize, std::ops::Range<u32>)], &str) {
        (&self.page_lines, &self.times, &self.time_text)
    }

    fn time_str(&self, at: &std::ops::Range<u32>) -> &str {
        self.time_text
            .get(at.start as usize..at.end as usize)
            .unwrap_or("")
    }

    pub fn is_empty(&self) -> bool {
        self.page_lines.is_empty() && self.times.is_empty()
    }

    pub fn has_page_lines(&self) -> bool {
        !self.page_lines.is_empty()
    }

    pub fn has_times(&self) -> bool {
        !self.times.is_empty()
    }

    /// The printed page and line of source line `line` (1-based): its own
    /// number, or for a blank line between numbered ones the last before it.
    pub fn page_line(&self, line: usize) -> Option<PageLine> {
        let at = self.page_lines.partition_point(|&(l, _)| l <= line);
        at.checked_sub(1).map(|i| self.page_lines[i].1)
    }

    /// The source line printed as `place`, if any line was.
    pub fn line_of(&self, place: PageLine) -> Option<usize> {
        self.page_lines
            .iter()
            .find(|(_, p)| *p == place)
            .map(|&(l, _)| l)
    }

    /// The time in force at source line `line`: the last one given at or
    /// before it.
    pub fn time(&self, line: usize) -> Option<&str> {
        let at = self.times.partition_point(|(l, _)| *l <= line);
        at.checked_sub(1).map(|i| self.time_str(&self.times[i].1))
    }

    /// The first source line at or after which `time` (as written, or with
    /// fewer leading fields: `12:31` for `00:12:31`) is in force.
    pub fn line_at_time(&self, time: &str) -> Option<usize> {
        let want = seconds(time)?;
        self.times
            .iter()
            .filter_map(|(l, t)| Some((*l, seconds(self.time_str(t))?)))
            .take_while(|&(_, s)| s <= want)
            .last()
            .map(|(l, _)| l)
    }

    /// `Tr. 4:1–2`, else the time (`00:12:31`), for source lines
    /// `lines`; None when the source prints neither.
    pub fn cite(&self, lines: LineRange) -> Option<String> {
        if let (Some(a), Some(b)) = (self.page_line(lines.first), self.page_line(lines.last)) {
            return Some(format!("Tr. {}", page_line_span(a, b)));
        }
        self.time(lines.first).map(str::to_string)
    }
}

/// `hh:mm:ss`, `mm:ss`, `ddd:hh:mm:ss` (mission elapsed time) in seconds;
/// a fraction (`.000`, `,500`) ignored.
fn seconds(time: &str) -> Option<u64> {
    let whole = time.split(['.', ',']).next()?;
    let mut fields: Vec<u64> = Vec::new();
    for f in whole.split(':') {
        fields.push(f.parse().ok()?);
    }
    let units: &[u64] = match fields.len() {
        2 => &[60, 1],
        3 => &[3600, 60, 1],
        4 => &[86400, 3600, 60, 1],
        _ => return None,
    };
    fields
        .iter()
        .zip(units)
        .try_fold(0u64, |sum, (f, u)| sum.checked_add(f.checked_mul(*u)?))
}

/// A source line the cleaner removed (page chrome, navigation, page numbers…),
/// kept so a raw view can show it and nothing of the input is lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DroppedLine {
    pub line: usize,
    /// The last source line it covers: a dropped paragraph (a teaser, a
    /// caption) may span several.
    pub last: usize,
    pub text: String,
    pub reason: &'static str,
}

/// One parsed file.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    /// As given on the command line joined with the file's relative path.
    pub path: String,
    /// The headline the text states, if any.
    pub title: Option<String>,
    pub kind: DocKind,
    pub interviewee: Option<String>,
    /// The outlet that published the interview, when the text names it.
    pub source: Option<String>,
    /// The interview's own date, only when the text states it.
    pub date: Option<String>,
    /// Distinct speaker labels in order of first appearance.
    pub speakers: Vec<String>,
    /// How the text marks its turns, as the parser decided it (see `qnav explain`).
    pub format: Format,
    /// The label families that count only where labels take turns, which
    /// this text's evidence admitted (see `parse::markers::GATED_FAMILIES`).
    #[serde(skip)]
    pub label_families: Vec<&'static str>,
    /// Each format detector's verdict on this text, in the order they are
    /// tried: the first that passes decides [`Document::format`].
    pub format_scores: Vec<FormatScore>,
    /// Every turn in reading order: opening statements, then each pair's
    /// question and answer turns. Paragraphs outside every turn are header
    /// (title, lead, cover fields) or an article's body.
    pub turns: Vec<Turn>,
    /// Lead / introduction / opening statements before the first question.
    pub preamble: Vec<Paragraph>,
    pub pairs: Vec<Pair>,
    /// Paragraphs of an article (empty for interviews).
    pub body: Vec<Paragraph>,
    pub quotes: Vec<Quote>,
    pub dropped: Vec<DroppedLine>,
    /// The source's own page:line numbers and times, by source line.
    #[serde(skip)]
    pub places: Places,
    pub warnings: Vec<String>,
    /// Size of the source in bytes (before decoding).
    pub bytes: usize,
    /// FNV-1a hash of the source bytes: who this document is, wherever it moves.
    pub content_hash: u64,
    /// The file it was read from, exactly as the file system names it (None
    /// for standard input and the built-in documents): what `r` reads again
    /// and the watcher looks at. `path` is for display, and has lost any
    /// character a terminal must not see.
    #[serde(skip)]
    pub file: Option<std::path::PathBuf>,
}

impl Document {
    pub fn empty(path: impl Into<String>) -> Self {
        Document {
            path: path.into(),
            title: None,
            kind: DocKind::Article,
            interviewee: None,
            source: None,
            date: None,
            speakers: Vec::new(),
            format: Format::Article,
            format_scores: Vec::new(),
            label_families: Vec::new(),
            turns: Vec::new(),
            preamble: Vec::new(),
            pairs: Vec::new(),
            body: Vec::new(),
            quotes: Vec::new(),
            dropped: Vec::new(),
            places: Places::default(),
            warnings: Vec::new(),
            bytes: 0,
            content_hash: 0,
            file: None,
        }
    }

    /// Whether this document holds its own text (it was parsed), rather
    /// than borrowing it from the cache's mapped pack.
    pub fn owns_text(&self) -> bool {
        let pairs = self
            .pairs
            .iter()
            .flat_map(|p| p.lead.iter().chain(&p.question).chain(&p.answer));
        self.preamble
            .iter()
            .chain(pairs)
            .chain(&self.body)
            .any(|p| matches!(p.text, Cow::Owned(_)))
    }

    /// The paragraphs of a turn.
    pub fn turn_paragraphs(&self, turn: &Turn) -> &[Paragraph] {
        let list = match turn.part {
            TurnPart::Preamble => &self.preamble,
            TurnPart::Lead(n) => &self.pairs[n].lead,
            TurnPart::Question(n) => &self.pairs[n].question,
            TurnPart::Answer(n) => &self.pairs[n].answer,
            TurnPart::Body => &self.body,
        };
        list.get(turn.paragraphs.clone()).unwrap_or(&[])
    }

    /// Rebuilds [`Document::turns`] and each pair's `turns` from the
    /// paragraphs' turn marks (a paragraph whose speaker differs from the
    /// turn it would continue starts a turn of its own, so no labelled word
    /// is ever counted to another speaker's turn).
    pub fn index_turns(&mut self) {
        let mut turns = Vec::new();
        collect_turns(&self.preamble, TurnPart::Preamble, None, &mut turns);
        for (n, pair) in self.pairs.iter_mut().enumerate() {
            let first = turns.len();
            collect_turns(
                &pair.lead,
                TurnPart::Lead(n),
                Some(TurnRole::Moderate),
                &mut turns,
            );
            collect_turns(
                &pair.question,
                TurnPart::Question(n),
                Some(TurnRole::Ask),
                &mut turns,
            );
            collect_turns(
                &pair.answer,
                TurnPart::Answer(n),
                Some(TurnRole::Answer),
                &mut turns,
            );
            pair.turns = first..turns.len();
        }
        collect_turns(&self.body, TurnPart::Body, None, &mut turns);
        self.turns = turns;
    }

    /// The file name without folders, for display when there is no title.
    pub fn file_name(&self) -> &str {
        file_name_of(&self.path)
    }

    /// A readable title: the stated one, else the first question or paragraph,
    /// else the file name.
    pub fn display_title(&self) -> String {
        if let Some(t) = &self.title {
            return t.clone();
        }
        let first = self
            .pairs
            .first()
            .and_then(|p| p.question.first())
            .or_else(|| self.preamble.first())
            .or_else(|| self.body.first());
        match first {
            Some(p) => shorten(&p.text, 80),
            None => self.file_name().to_string(),
        }
    }

    /// The title with the date, which tells apart the documents of a
    /// folder that share a title (`Transcript of Chair Powell's Press
    /// Conference · 2020-01-29`); a title that already names the year
    /// (`…, January 20, 2021`) is left as it is.
    pub fn dated_title(&self) -> String {
        let title = self.display_title();
        match &self.date {
            Some(date) => {
                let year = date
                    .split(|c: char| !c.is_ascii_digit())
                    .find(|w| w.len() == 4);
                if year.is_some_and(|y| title.contains(y)) {
                    title
                } else {
                    format!("{title} · {date}")
                }
            }
            None => title,
        }
    }
}

/// The turns of one paragraph list. `default` is the role of a turn that
/// starts without a mark (a list that opens mid-turn); `None` leaves
/// unmarked, unlabelled paragraphs outside every turn (the preamble's header).
fn collect_turns(
    list: &[Paragraph],
    part: TurnPart,
    default: Option<TurnRole>,
    out: &mut Vec<Turn>,
) {
    let mut open: Option<Turn> = None;
    for (i, p) in list.iter().enumerate() {
        let continues = open
            .as_ref()
            .is_some_and(|t| p.turn.is_none() && t.speaker == p.speaker);
        if continues {
            if let Some(t) = open.as_mut() {
                t.paragraphs.end = i + 1;
            }
            continue;
        }
        out.extend(open.take());
        let mark = match (p.turn, default) {
            (Some(m), _) => Some(m),
            // Someone else's words inside another's turn: their own turn.
            (None, _) if p.speaker.is_some() => Some(TurnMark {
                role: TurnRole::Other,
                why: Why::Interjection,
            }),
            (None, Some(role)) => Some(TurnMark {
                role,
                why: if role == TurnRole::Ask {
                    Why::MarkedQuestion
                } else {
                    Why::UnderQuestion
                },
            }),
            (None, None) => None,
        };
        if let Some(mark) = mark {
            open = Some(Turn {
                speaker: p.speaker.clone(),
                role: mark.role,
                why: mark.why,
                line: p.lines.first,
                part,
                paragraphs: i..i + 1,
            });
        }
    }
    out.extend(open);
}

/// How a text marks who is speaking: the parser's decision, kept on the
/// document so `qnav explain` can say why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// `Name: text`, `Q:`/`A:`, `MR. SMITH.`: labelled speakers.
    LabelledSpeakers,
    /// `– text` / `— text`: each turn opens with a dash.
    DashTurns,
    /// `――question` over unmarked answers: only the questions are dashed.
    DashedQuestions,
    /// `1. question` over its answer.
    NumberedQuestions,
    /// `**question**` (or italics) over a plain answer.
    EmphasisedPrompts,
    /// Short paragraphs ending in `?` over longer answers.
    Magazine,
    /// Spoken dialogue nothing labels (subtitles, timestamped lines): the
    /// questions put to the other side.
    UnlabelledDialogue,
    /// No turns: prose.
    #[default]
    Article,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::LabelledSpeakers => "labelled-speakers",
            Format::DashTurns => "dash-turns",
            Format::DashedQuestions => "dashed-questions",
            Format::NumberedQuestions => "numbered-questions",
            Format::EmphasisedPrompts => "emphasised-prompts",
            Format::Magazine => "magazine",
            Format::UnlabelledDialogue => "unlabelled-dialogue",
            Format::Article => "article",
        }
    }
}

/// One format detector's verdict: how much of the text shows the format's
/// marks, whether that passed the detector's thresholds, and the evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormatScore {
    pub format: Format,
    /// The share of paragraphs that carry the format's mark (0 to 1).
    pub score: f32,
    /// `None`: not tried, because a detector before it passed.
    pub passed: Option<bool>,
    /// What was counted, and which threshold decided, in words.
    pub evidence: String,
}

/// FNV-1a, 64 bits, over little-endian 8-byte words (then the tail bytes):
/// stable across runs, platforms and Rust versions (unlike `std::hash`), which
/// a hash stored in a state file needs, and eight times fewer steps than
/// byte-wise FNV on the load path.
pub fn content_hash(bytes: &[u8]) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        h ^= u64::from_le_bytes(w.try_into().expect("chunks of eight"));
        h = h.wrapping_mul(PRIME);
    }
    for &b in words.remainder() {
        h ^= u64::from(b);
        h = h.wrapping_mul(PRIME);
    }
    h ^ (bytes.len() as u64)
}

/// Joins paragraph texts with single spaces.
pub fn join_paragraphs(paragraphs: &[Paragraph]) -> String {
    let mut out = String::new();
    for p in paragraphs {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&p.text);
    }
    out
}

/// Cuts `text` to at most `max_chars` characters at a word boundary, adding `…`.
pub fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > cut.len() / 2 => &cut[..i],
        _ => &cut[..],
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_cuts_at_word_boundary() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("one two three four", 12), "one two…");
        assert!(shorten("ааааааааааааааааа", 5).chars().count() <= 5);
    }

    #[test]
    fn content_hash_is_fnv1a() {
        assert_eq!(content_hash(b""), 0xcbf29ce484222325);
        // One tail byte: byte-wise FNV-1a of "a", then the length folded in.
        assert_eq!(content_hash(b"a"), 0xaf63dc4c8601ec8c ^ 1);
        assert_ne!(content_hash(b"ab"), content_hash(b"ba"));
        assert_ne!(content_hash(b"abcdefgh"), content_hash(b"abcdefgi"));
        assert_ne!(content_hash(b"abcdefgh\0"), content_hash(b"abcdefgh"));
    }

    #[test]
    fn display_title_falls_back_to_first_question_then_file_name() {
        let mut d = Document::empty("dir/file.txt");
        assert_eq!(d.display_title(), "file.txt");
        d.pairs.push(Pair {
            number: 1,
            lead: vec![],
            question: vec![Paragraph::new("Why?", LineRange::single(1))],
            answer: vec![],
            asker: None,
            answerer: None,
            turns: 0..0,
        });
        assert_eq!(d.display_title(), "Why?");
        d.title = Some("Stated".into());
        assert_eq!(d.display_title(), "Stated");
    }

    #[test]
    fn a_dated_title_adds_the_date_unless_the_title_names_the_year() {
        let mut d = Document::empty("a.txt");
        d.title = Some("Chair Powell's press conference".into());
        assert_eq!(d.dated_title(), "Chair Powell's press conference");
        d.date = Some("2020-01-29".into());
        assert_eq!(
            d.dated_title(),
            "Chair Powell's press conference · 2020-01-29"
        );
        d.title = Some("Press briefing, January 20, 2021".into());
        d.date = Some("2021-01-20".into());
        assert_eq!(d.dated_title(), "Press briefing, January 20, 2021");
    }
}
