//! The cache's byte format: documents and the search index written field
//! by field (integers as LEB128, strings and lists length first) and read
//! back with every length, index and range checked — a cache file is
//! never trusted: whatever its bytes, reading it gives the document it
//! held or [`Bad`], never a panic and never a document that would make one
//! later (a turn pointing past the pairs, a statement past its paragraph).

use std::borrow::Cow;
use std::ops::Range;

use crate::model::{
    DocKind, Document, DroppedLine, Format, FormatScore, LineRange, Names, PageLine, Pair,
    Paragraph, Places, Quote, Turn, TurnMark, TurnPart, TurnRole, Why,
};
use crate::search::index::{Index, Part, Statement};

/// What was read is not what was written (cut short, damaged, foreign).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bad;

pub(crate) type Read<T> = Result<T, Bad>;

/// Bytes being written.
#[derive(Default)]
pub(crate) struct Writer {
    pub(crate) buf: Vec<u8>,
}

impl Writer {
    pub(crate) fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }

    pub(crate) fn uint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.buf.push(v as u8 | 0x80);
            v >>= 7;
        }
        self.buf.push(v as u8);
    }

    pub(crate) fn usize(&mut self, v: usize) {
        self.uint(v as u64);
    }

    pub(crate) fn u64_fixed(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    pub(crate) fn bytes(&mut self, b: &[u8]) {
        self.usize(b.len());
        self.buf.extend_from_slice(b);
    }

    pub(crate) fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }

    pub(crate) fn opt_str(&mut self, s: Option<&str>) {
        match s {
            None => self.u8(0),
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
        }
    }

    pub(crate) fn range(&mut self, r: &Range<usize>) {
        self.usize(r.start);
        self.usize(r.end);
    }

    /// A list of `u32`s as raw little-endian words (the index's arrays:
    /// read back with one copy).
    pub(crate) fn u32s(&mut self, v: &[u32]) {
        self.usize(v.len());
        self.buf.reserve(v.len() * 4);
        for x in v {
            self.buf.extend_from_slice(&x.to_le_bytes());
        }
    }

    pub(crate) fn u64s(&mut self, v: &[u64]) {
        self.usize(v.len());
        self.buf.reserve(v.len() * 8);
        for x in v {
            self.buf.extend_from_slice(&x.to_le_bytes());
        }
    }
}

/// `bytes` as text that may reach the terminal: UTF-8, without a control
/// or bidirectional character (which the parser's cleaning removed and
/// only a forged file could hold).
fn shown_text(bytes: &[u8]) -> Read<&str> {
    simdutf8::basic::from_utf8(bytes)
        .ok()
        .filter(|s| shown_safely(s))
        .ok_or(Bad)
}

/// Bytes being read, every step checked.
pub(crate) struct Reader<'a> {
    b: &'a [u8],
    at: usize,
    /// `b` again when it lives for the rest of the process (a mapped
    /// pack): paragraphs' text is then borrowed from it, not copied.
    lasting: Option<&'static [u8]>,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(b: &'a [u8]) -> Self {
        Reader {
            b,
            at: 0,
            lasting: None,
        }
    }

    /// A reader of bytes that stay where they are for the rest of the
    /// process: paragraphs read from it borrow their text.
    pub(crate) fn lasting(b: &'static [u8]) -> Reader<'static> {
        Reader {
            b,
            at: 0,
            lasting: Some(b),
        }
    }

    pub(crate) fn done(&self) -> bool {
        self.at == self.b.len()
    }

    fn take(&mut self, n: usize) -> Read<&'a [u8]> {
        let end = self.at.checked_add(n).ok_or(Bad)?;
        let s = self.b.get(self.at..end).ok_or(Bad)?;
        self.at = end;
        Ok(s)
    }

    pub(crate) fn u8(&mut self) -> Read<u8> {
        Ok(self.take(1)?[0])
    }

    pub(crate) fn uint(&mut self) -> Read<u64> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let byte = self.u8()?;
            v |= u64::from(byte & 0x7f).checked_shl(shift).ok_or(Bad)?;
            if byte & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(Bad)
    }

    pub(crate) fn usize(&mut self) -> Read<usize> {
        usize::try_from(self.uint()?).map_err(|_| Bad)
    }

    pub(crate) fn u32(&mut self) -> Read<u32> {
        u32::try_from(self.uint()?).map_err(|_| Bad)
    }

    pub(crate) fn u64_fixed(&mut self) -> Read<u64> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().map_err(|_| Bad)?,
        ))
    }

    /// A count of items each at least `min` bytes long: never more than
    /// the bytes left could hold (no huge allocation from a damaged count).
    pub(crate) fn count(&mut self, min: usize) -> Read<usize> {
        let n = self.usize()?;
        if n.checked_mul(min.max(1)).ok_or(Bad)? > self.b.len() - self.at {
            return Err(Bad);
        }
        Ok(n)
    }

    pub(crate) fn bytes(&mut self) -> Read<&'a [u8]> {
        let n = self.usize()?;
        self.take(n)
    }

    pub(crate) fn str(&mut self) -> Read<&'a str> {
        simdutf8::basic::from_utf8(self.bytes()?).map_err(|_| Bad)
    }

    /// A string of the document's text: never one with a control or
    /// bidirectional character, which the parser's cleaning removed and
    /// only a forged file could hold (it would reach the terminal).
    pub(crate) fn string(&mut self) -> Read<String> {
        Ok(shown_text(self.bytes()?)?.to_owned())
    }

    /// A paragraph's text, checked as [`Reader::string`] checks it:
    /// borrowed when the bytes last (see [`Reader::lasting`]), else copied.
    pub(crate) fn text(&mut self) -> Read<Cow<'static, str>> {
        let n = self.usize()?;
        let at = self.at;
        let bytes = self.take(n)?;
        match self.lasting {
            Some(all) => Ok(Cow::Borrowed(shown_text(all.get(at..at + n).ok_or(Bad)?)?)),
            None => Ok(Cow::Owned(shown_text(bytes)?.to_owned())),
        }
    }

    pub(crate) fn opt_string(&mut self) -> Read<Option<String>> {
        match self.u8()? {
            0 => Ok(None),
            1 => Ok(Some(self.string()?)),
            _ => Err(Bad),
        }
    }

    pub(crate) fn bool(&mut self) -> Read<bool> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(Bad),
        }
    }

    pub(crate) fn range(&mut self) -> Read<Range<usize>> {
        let (start, end) = (self.usize()?, self.usize()?);
        if start > end {
            return Err(Bad);
        }
        Ok(start..end)
    }

    pub(crate) fn u32s(&mut self) -> Read<Vec<u32>> {
        let n = self.count(4)?;
        let raw = self.take(n * 4)?;
        Ok(raw
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }

    pub(crate) fn u64s(&mut self) -> Read<Vec<u64>> {
        let n = self.count(8)?;
        let raw = self.take(n * 8)?;
        Ok(raw
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().unwrap_or([0; 8])))
            .collect())
    }

    pub(crate) fn list<T>(
        &mut self,
        min: usize,
        mut item: impl FnMut(&mut Self) -> Read<T>,
    ) -> Read<Vec<T>> {
        let n = self.count(min)?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(item(self)?);
        }
        Ok(out)
    }
}

/// Whether `s` holds none of [`crate::text::is_unsafe_char`]: told from its
/// bytes, looking at a character only where one of those could start.
pub(crate) fn shown_safely(s: &str) -> bool {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(k) = b[from..]
        .iter()
        .position(|&x| x < 0x20 || x == 0x7f || x == 0xc2 || x == 0xe2 || x == 0xef)
    {
        let at = from + k;
        // ASCII or a lead byte: a character starts there.
        if s[at..]
            .chars()
            .next()
            .is_some_and(crate::text::is_unsafe_char)
        {
            return false;
        }
        from = at + 1;
    }
    true
}

/// A checksum of `bytes` cheap enough to run over the whole index on each
/// start (two lanes of eight bytes a step): it catches a damaged or
/// half-written file, not an attack.
pub(crate) fn checksum(bytes: &[u8]) -> u64 {
    let mut sum = Checksum::default();
    sum.update(bytes);
    sum.finish()
}

/// [`checksum`] over bytes given in pieces (a file written from its parts
/// without first copying them into one buffer): the same value as over
/// the pieces joined.
pub(crate) struct Checksum {
    a: u64,
    b: u64,
    len: u64,
    /// Bytes of an unfinished 16-byte step.
    tail: [u8; 16],
    held: usize,
}

impl Default for Checksum {
    fn default() -> Self {
        Checksum {
            a: 0x9e37_79b9_7f4a_7c15,
            b: 0x243f_6a88_85a3_08d3,
            len: 0,
            tail: [0; 16],
            held: 0,
        }
    }
}

impl Checksum {
    fn step(&mut self, c: &[u8]) {
        let x = u64::from_le_bytes(c[..8].try_into().unwrap_or([0; 8]));
        let y = u64::from_le_bytes(c[8..16].try_into().unwrap_or([0; 8]));
        self.a = (self.a ^ x)
            .wrapping_mul(0xff51_afd7_ed55_8ccd)
            .rotate_left(23);
        self.b = (self.b ^ y)
            .wrapping_mul(0xc4ce_b9fe_1a85_ec53)
            .rotate_left(29);
    }

    pub(crate) fn update(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len() as u64;
        if self.held > 0 {
            let take = (16 - self.held).min(bytes.len());
            self.tail[self.held..self.held + take].copy_from_slice(&bytes[..take]);
            self.held += take;
            bytes = &bytes[take..];
            if self.held < 16 {
                return;
            }
            let tail = self.tail;
            self.step(&tail);
            self.held = 0;
        }
        let mut chunks = bytes.chunks_exact(16);
        for c in &mut chunks {
            self.step(c);
        }
        let rest = chunks.remainder();
        self.tail[..rest.len()].copy_from_slice(rest);
        self.held = rest.len();
    }

    /// Bytes taken so far.
    pub(crate) fn len(&self) -> u64 {
        self.len
    }

    pub(crate) fn finish(mut self) -> u64 {
        for (i, &byte) in self.tail[..self.held].iter().enumerate() {
            self.a ^= u64::from(byte) << ((i % 8) * 8);
        }
        (self.a ^ self.b.rotate_left(32) ^ self.len.wrapping_mul(0x9e37_79b9_7f4a_7c15))
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }
}

/// The words the parser keeps as `&'static str` (a dropped line's reason, a
/// label family's name), read back as the same kind of string: each
/// distinct one is kept once for the life of the process, and a file
/// offering more than a few hundred of them, or long ones, is damaged.
fn interned(s: &str) -> Read<&'static str> {
    static SEEN: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());
    const MOST: usize = 512;
    if s.len() > 200 {
        return Err(Bad);
    }
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&k) = seen.iter().find(|&&k| k == s) {
        return Ok(k);
    }
    if seen.len() >= MOST {
        return Err(Bad);
    }
    let k: &'static str = Box::leak(s.to_string().into_boxed_str());
    seen.push(k);
    Ok(k)
}

/// Enums kept as one byte: their place in a list of every variant (the
/// list is checked complete by an exhaustive match, so a new variant
/// cannot be forgotten).
macro_rules! coded {
    ($ty:ident { $($v:ident),* $(,)? }) => {
        impl $ty {
            const ALL: &'static [$ty] = &[$($ty::$v),*];

            fn code(self) -> u8 {
                // Exhaustive: a variant added to the enum and not here
                // fails to compile.
                match self {
                    $($ty::$v)|* => {}
                }
                $ty::ALL.iter().position(|&x| x == self).unwrap_or(0) as u8
            }

            fn from_code(c: u8) -> Read<$ty> {
                $ty::ALL.get(usize::from(c)).copied().ok_or(Bad)
            }
        }
    };
}

coded!(DocKind { Interview, Article });
coded!(TurnRole {
    Ask,
    Answer,
    Moderate,
    Other
});
coded!(Format {
    LabelledSpeakers,
    DashTurns,
    DashedQuestions,
    NumberedQuestions,
    EmphasisedPrompts,
    Magazine,
    UnlabelledDialogue,
    Article,
});
coded!(Why {
    AsksQuestion,
    AskerRole,
    ModeratorAsks,
    LeadIn,
    ContinuesQuestion,
    GivesFloor,
    Greeting,
    Answers,
    UnlabelledAnswer,
    Opening,
    NobodyAsks,
    MarkedQuestion,
    UnderQuestion,
    Interjection,
    DashAsks,
    DashAnswers,
    AsksNothing,
    FloorExchange,
    BriefPrompt,
    UnansweredStatement,
    UnnamedAsker,
    RepeatsQuestion,
    AddressesOtherSide,
    Remark,
});

fn put_lines(w: &mut Writer, l: LineRange) {
    w.usize(l.first);
    w.usize(l.last);
}

fn get_lines(r: &mut Reader) -> Read<LineRange> {
    Ok(LineRange::new(r.usize()?, r.usize()?))
}

fn put_paragraphs(w: &mut Writer, list: &[Paragraph]) {
    w.usize(list.len());
    for p in list {
        w.str(&p.text);
        put_lines(w, p.lines);
        w.opt_str(p.speaker.as_deref());
        w.u8(u8::from(p.list_item));
        match p.turn {
            None => w.u8(0),
            Some(m) => {
                w.u8(1);
                w.u8(m.role.code());
                w.u8(m.why.code());
            }
        }
    }
}

/// A speaker's name, shared with its other uses in the document (see
/// [`Names`]); checked as [`Reader::string`] checks.
fn get_name(r: &mut Reader, names: &mut Names) -> Read<Option<std::sync::Arc<str>>> {
    match r.u8()? {
        0 => Ok(None),
        1 => {
            let name = r.str()?;
            if !shown_safely(name) {
                return Err(Bad);
            }
            Ok(Some(names.shared(name)))
        }
        _ => Err(Bad),
    }
}

fn get_paragraphs(r: &mut Reader, names: &mut Names) -> Read<Vec<Paragraph>> {
    r.list(6, |r| {
        let text = r.text()?;
        let lines = get_lines(r)?;
        let speaker = get_name(r, names)?;
        let list_item = r.bool()?;
        let turn = match r.u8()? {
            0 => None,
            1 => Some(TurnMark {
                role: TurnRole::from_code(r.u8()?)?,
                why: Why::from_code(r.u8()?)?,
            }),
            _ => return Err(Bad),
        };
        Ok(Paragraph {
            text,
            lines,
            speaker,
            list_item,
            turn,
        })
    })
}

fn put_part(w: &mut Writer, part: TurnPart) {
    match part {
        TurnPart::Preamble => w.u8(0),
        TurnPart::Lead(n) => {
            w.u8(1);
            w.usize(n);
        }
        TurnPart::Question(n) => {
            w.u8(2);
            w.usize(n);
        }
        TurnPart::Answer(n) => {
            w.u8(3);
            w.usize(n);
        }
        TurnPart::Body => w.u8(4),
    }
}

fn get_part(r: &mut Reader) -> Read<TurnPart> {
    Ok(match r.u8()? {
        0 => TurnPart::Preamble,
        1 => TurnPart::Lead(r.usize()?),
        2 => TurnPart::Question(r.usize()?),
        3 => TurnPart::Answer(r.usize()?),
        4 => TurnPart::Body,
        _ => return Err(Bad),
    })
}

/// Writes everything of `doc` but where its file is (the loader knows).
pub(crate) fn put_document(w: &mut Writer, doc: &Document) {
    w.str(&doc.path);
    w.opt_str(doc.title.as_deref());
    w.u8(doc.kind.code());
    w.opt_str(doc.interviewee.as_deref());
    w.opt_str(doc.source.as_deref());
    w.opt_str(doc.date.as_deref());
    w.usize(doc.speakers.len());
    for s in &doc.speakers {
        w.str(s);
    }
    w.u8(doc.format.code());
    w.usize(doc.label_families.len());
    for f in &doc.label_families {
        w.str(f);
    }
    w.usize(doc.format_scores.len());
    for s in &doc.format_scores {
        w.u8(s.format.code());
        w.buf.extend_from_slice(&s.score.to_le_bytes());
        w.u8(match s.passed {
            None => 0,
            Some(false) => 1,
            Some(true) => 2,
        });
        w.str(&s.evidence);
    }
    w.usize(doc.turns.len());
    for t in &doc.turns {
        w.opt_str(t.speaker.as_deref());
        w.u8(t.role.code());
        w.u8(t.why.code());
        w.usize(t.line);
        put_part(w, t.part);
        w.range(&t.paragraphs);
    }
    put_paragraphs(w, &doc.preamble);
    w.usize(doc.pairs.len());
    for p in &doc.pairs {
        w.usize(p.number);
        put_paragraphs(w, &p.lead);
        put_paragraphs(w, &p.question);
        put_paragraphs(w, &p.answer);
        w.opt_str(p.asker.as_deref());
        w.opt_str(p.answerer.as_deref());
        w.range(&p.turns);
    }
    put_paragraphs(w, &doc.body);
    w.usize(doc.quotes.len());
    for q in &doc.quotes {
        w.str(&q.text);
        w.opt_str(q.attribution.as_deref());
        put_lines(w, q.lines);
    }
    w.usize(doc.dropped.len());
    for d in &doc.dropped {
        w.usize(d.line);
        w.usize(d.last);
        w.str(&d.text);
        w.str(d.reason);
    }
    let (page_lines, times, time_text) = doc.places.parts();
    w.usize(page_lines.len());
    for (line, place) in page_lines {
        w.usize(*line);
        w.uint(u64::from(place.page));
        w.uint(u64::from(place.line));
    }
    w.usize(times.len());
    for (line, at) in times {
        w.usize(*line);
        w.uint(u64::from(at.start));
        w.uint(u64::from(at.end));
    }
    w.str(time_text);
    w.usize(doc.warnings.len());
    for s in &doc.warnings {
        w.str(s);
    }
    w.usize(doc.bytes);
    w.u64_fixed(doc.content_hash);
}

/// Reads a document [`put_document`] wrote, and checks that every place
/// it points to is there. (Built as one struct literal: a field added to
/// [`Document`] and not read here fails to compile.)
pub(crate) fn get_document(r: &mut Reader) -> Read<Document> {
    let path = r.string()?;
    let title = r.opt_string()?;
    let kind = DocKind::from_code(r.u8()?)?;
    let interviewee = r.opt_string()?;
    let source = r.opt_string()?;
    let date = r.opt_string()?;
    let speakers = r.list(1, |r| r.string())?;
    let format = Format::from_code(r.u8()?)?;
    let label_families = r.list(1, |r| interned(r.str()?))?;
    let format_scores = r.list(7, |r| {
        let format = Format::from_code(r.u8()?)?;
        let raw = r.take(4)?;
        let score = f32::from_le_bytes([raw[0], raw[1], raw[2], raw[3]]);
        let passed = match r.u8()? {
            0 => None,
            1 => Some(false),
            2 => Some(true),
            _ => return Err(Bad),
        };
        Ok(FormatScore {
            format,
            score,
            passed,
            evidence: r.string()?,
        })
    })?;
    let mut names = Names::default();
    let turns = r.list(7, |r| {
        Ok(Turn {
            speaker: get_name(r, &mut names)?,
            role: TurnRole::from_code(r.u8()?)?,
            why: Why::from_code(r.u8()?)?,
            line: r.usize()?,
            part: get_part(r)?,
            paragraphs: r.range()?,
        })
    })?;
    let preamble = get_paragraphs(r, &mut names)?;
    let pairs = r.list(8, |r| {
        Ok(Pair {
            number: r.usize()?,
            lead: get_paragraphs(r, &mut names)?,
            question: get_paragraphs(r, &mut names)?,
            answer: get_paragraphs(r, &mut names)?,
            asker: get_name(r, &mut names)?,
            answerer: get_name(r, &mut names)?,
            turns: r.range()?,
        })
    })?;
    let body = get_paragraphs(r, &mut names)?;
    let quotes = r.list(4, |r| {
        Ok(Quote {
            text: r.string()?,
            attribution: r.opt_string()?,
            lines: get_lines(r)?,
        })
    })?;
    let dropped = r.list(4, |r| {
        Ok(DroppedLine {
            line: r.usize()?,
            last: r.usize()?,
            text: r.string()?,
            reason: interned(r.str()?)?,
        })
    })?;
    let page_lines = r.list(3, |r| {
        Ok((
            r.usize()?,
            PageLine {
                page: r.u32()?,
                line: u16::try_from(r.uint()?).map_err(|_| Bad)?,
            },
        ))
    })?;
    let times = r.list(3, |r| {
        let line = r.usize()?;
        let (start, end) = (r.u32()?, r.u32()?);
        Ok((line, start..end))
    })?;
    let places = Places::new(page_lines, times, r.string()?);
    let warnings = r.list(1, |r| r.string())?;
    let bytes = r.usize()?;
    let content_hash = r.u64_fixed()?;
    let doc = Document {
        path,
        title,
        kind,
        interviewee,
        source,
        date,
        speakers,
        format,
        label_families,
        format_scores,
        turns,
        preamble,
        pairs,
        body,
        quotes,
        dropped,
        places,
        warnings,
        bytes,
        content_hash,
        file: None,
    };
    // Every turn's part is a pair there is and its paragraphs are there;
    // every pair's turns are turns.
    let list_len = |part: TurnPart| -> Option<usize> {
        Some(match part {
            TurnPart::Preamble => doc.preamble.len(),
            TurnPart::Body => doc.body.len(),
            TurnPart::Lead(n) => doc.pairs.get(n)?.lead.len(),
            TurnPart::Question(n) => doc.pairs.get(n)?.question.len(),
            TurnPart::Answer(n) => doc.pairs.get(n)?.answer.len(),
        })
    };
    let turns_ok = doc
        .turns
        .iter()
        .all(|t| list_len(t.part).is_some_and(|len| t.paragraphs.end <= len));
    if !turns_ok || !doc.pairs.iter().all(|p| p.turns.end <= doc.turns.len()) {
        return Err(Bad);
    }
    Ok(doc)
}

/// Writes the index: its arrays as they are, but what is cheaply derived
/// again (each statement's part and flags, the lists of repeats) and what
/// is found on first use (speakers, people).
pub(crate) fn put_index(w: &mut Writer, index: &Index) {
    let n = index.statements.len();
    w.usize(n);
    let column =
        |f: &dyn Fn(&Statement) -> u32| -> Vec<u32> { index.statements.iter().map(f).collect() };
    w.u32s(&column(&|s| s.doc));
    w.u32s(&column(&|s| s.pair.unwrap_or(u32::MAX)));
    w.u32s(&column(&|s| s.para));
    w.u32s(&column(&|s| s.start));
    w.u32s(&column(&|s| s.end));
    w.bytes(
        &index
            .statements
            .iter()
            .map(|s| part_code(s.part))
            .collect::<Vec<u8>>(),
    );
    w.usize(index.doc_ranges.len());
    for r in &index.doc_ranges {
        w.uint(u64::from(r.start));
        w.uint(u64::from(r.end));
    }
    w.str(&index.words);
    w.u32s(&index.word_starts);
    w.u64s(&index.word_masks);
    w.u32s(&index.post_starts);
    w.u32s(&index.postings);
    w.u64s(&index.stmt_masks);
    w.u32s(&index.canon);
    w.usize(index.text_bytes);
    w.usize(index.contained.len());
    for c in &index.contained {
        w.u32s(c);
    }
}

pub(crate) fn part_code(p: Part) -> u8 {
    match p {
        Part::Preamble => 0,
        Part::Lead => 1,
        Part::Question => 2,
        Part::Answer => 3,
        Part::Body => 4,
    }
}

pub(crate) fn part_of(c: u8) -> Read<Part> {
    Ok(match c {
        0 => Part::Preamble,
        1 => Part::Lead,
        2 => Part::Question,
        3 => Part::Answer,
        4 => Part::Body,
        _ => return Err(Bad),
    })
}

/// An index's arrays as read from a cache file, before they are trusted.
#[derive(Default)]
pub(crate) struct Arrays<'a> {
    pub(crate) statements: &'a [Statement],
    pub(crate) doc_ranges: &'a [Range<u32>],
    pub(crate) words: &'a str,
    pub(crate) word_starts: &'a [u32],
    pub(crate) word_masks: &'a [u64],
    pub(crate) post_starts: &'a [u32],
    pub(crate) postings: &'a [u32],
    pub(crate) stmt_masks: &'a [u64],
    pub(crate) canon: &'a [u32],
    pub(crate) contained: &'a [Vec<u32>],
}

impl Arrays<'_> {
    /// Whether every search can use them over `documents` documents:
    /// statements in document order, each document's range its run of
    /// them; the vocabulary sorted, each word once, on character
    /// boundaries; every posting list ascending and naming a statement;
    /// every statement's first place earlier and its own first place.
    /// (Where each statement's text is, the caller checks: it depends on
    /// where the text is kept.)
    pub(crate) fn hold_together(&self, documents: usize) -> bool {
        self.statements_hold_together(documents) && self.index_holds_together(self.statements.len())
    }

    /// The statements' part of [`Arrays::hold_together`]: in document
    /// order, each document's range its run of them, the excerpt lists
    /// naming documents.
    pub(crate) fn statements_hold_together(&self, documents: usize) -> bool {
        let n = self.statements.len();
        // Statements run in document order, and each document's range is
        // its run of them (the speakers of a document's statements are
        // told by it).
        let mut at = 0u32;
        let mut ranges_ok = self.doc_ranges.len() == documents
            && self.statements.windows(2).all(|w| w[0].doc <= w[1].doc);
        for (d, range) in self.doc_ranges.iter().enumerate() {
            if !ranges_ok {
                break;
            }
            let run = self.statements[at as usize..]
                .iter()
                .take_while(|s| s.doc as usize == d)
                .count() as u32;
            ranges_ok = *range == (at..at + run);
            at += run;
        }
        ranges_ok &= at as usize == n;
        ranges_ok
            && (self.contained.is_empty() || self.contained.len() == documents)
            && self
                .contained
                .iter()
                .flatten()
                .all(|&d| (d as usize) < documents)
    }

    /// The index's part of [`Arrays::hold_together`], over `n` statements
    /// (whatever `statements` holds: the search file checks it while its
    /// statements are still being read).
    pub(crate) fn index_holds_together(&self, n: usize) -> bool {
        let ascending = |v: &[u32]| v.windows(2).all(|w| w[0] <= w[1]);
        let (words, word_starts) = (self.words, self.word_starts);
        let vocabulary = self.word_masks.len();
        let words_ok = word_starts.len() == vocabulary + 1
            && word_starts.first() == Some(&0)
            && word_starts
                .last()
                .is_some_and(|&l| l as usize == words.len())
            && ascending(word_starts)
            && word_starts
                .iter()
                .all(|&o| words.is_char_boundary(o as usize))
            // Sorted, each word once: looked up by binary search.
            && word_starts.windows(3).all(|w| {
                words[w[0] as usize..w[1] as usize] < words[w[1] as usize..w[2] as usize]
            });
        let (post_starts, postings) = (self.post_starts, self.postings);
        let postings_ok = post_starts.len() == vocabulary + 1
            && post_starts.first() == Some(&0)
            && post_starts
                .last()
                .is_some_and(|&l| l as usize == postings.len())
            && ascending(post_starts)
            // Each list strictly ascending and its last naming a statement:
            // then all of it does. (Folded, not `all`: no branch per
            // posting, so it runs as fast as memory gives them.)
            && post_starts.windows(2).all(|w| {
                let list = &postings[w[0] as usize..w[1] as usize];
                list.last().is_none_or(|&last| (last as usize) < n)
                    && list
                        .windows(2)
                        .fold(0u32, |bad, p| bad | u32::from(p[0] >= p[1]))
                        == 0
            });
        let canon = self.canon;
        let statements_ok = self.stmt_masks.len() == n
            && canon.len() == n
            && canon
                .iter()
                .enumerate()
                .all(|(s, &c)| c as usize <= s && canon[c as usize] == c);
        words_ok && postings_ok && statements_ok
    }
}

/// Reads an index [`put_index`] wrote for `docs`, checking that every
/// statement is a piece of a paragraph of theirs (on character
/// boundaries), every posting a statement, every word a piece of the
/// vocabulary: an index that reads is one every search can use.
pub(crate) fn get_index(r: &mut Reader, docs: &[Document]) -> Read<Index> {
    get_index_over(r, docs.len(), |d| docs.get(d as usize))
}

/// [`get_index`] for an index of `documents` documents, each statement
/// checked against the paragraphs of `document(d)` for its document `d` —
/// not checked where that is `None`: a document whose statements are never
/// used (an index being updated uses only the documents it keeps, and
/// checks those against the documents they are now).
pub(crate) fn get_index_over<'d>(
    r: &mut Reader,
    documents: usize,
    document: impl Fn(u32) -> Option<&'d Document>,
) -> Read<Index> {
    let n = r.usize()?;
    let (doc, pair, para, start, end) = (r.u32s()?, r.u32s()?, r.u32s()?, r.u32s()?, r.u32s()?);
    let parts = r.bytes()?;
    if [
        doc.len(),
        pair.len(),
        para.len(),
        start.len(),
        end.len(),
        parts.len(),
    ]
    .iter()
    .any(|&l| l != n)
    {
        return Err(Bad);
    }
    let mut statements = Vec::with_capacity(n);
    for s in 0..n {
        let statement = Statement {
            doc: doc[s],
            pair: (pair[s] != u32::MAX).then_some(pair[s]),
            part: part_of(parts[s])?,
            para: para[s],
            start: start[s],
            end: end[s],
        };
        if statement.doc as usize >= documents {
            return Err(Bad);
        }
        let Some(d) = document(statement.doc) else {
            statements.push(statement);
            continue;
        };
        let para = statement.para as usize;
        let paragraph = match (statement.part, statement.pair) {
            (Part::Lead | Part::Question | Part::Answer, Some(p)) => {
                let p = d.pairs.get(p as usize).ok_or(Bad)?;
                match statement.part {
                    Part::Lead => p.lead.get(para),
                    Part::Question => p.question.get(para),
                    _ => p.answer.get(para),
                }
            }
            (Part::Preamble, None) => d.preamble.get(para),
            (Part::Body, None) => d.body.get(para),
            _ => None,
        }
        .ok_or(Bad)?;
        let (a, b) = (statement.start as usize, statement.end as usize);
        if a > b || paragraph.text.get(a..b).is_none() {
            return Err(Bad);
        }
        statements.push(statement);
    }
    let doc_ranges = r.list(2, |r| {
        let (a, b) = (r.u32()?, r.u32()?);
        if a > b || b as usize > n {
            return Err(Bad);
        }
        Ok(a..b)
    })?;
    let words = r.string()?;
    let word_starts = r.u32s()?;
    let word_masks = r.u64s()?;
    let post_starts = r.u32s()?;
    let postings = r.u32s()?;
    let stmt_masks = r.u64s()?;
    let canon = r.u32s()?;
    let text_bytes = r.usize()?;
    let contained = r.list(1, |r| r.u32s())?;
    let arrays = Arrays {
        statements: &statements,
        doc_ranges: &doc_ranges,
        words: &words,
        word_starts: &word_starts,
        word_masks: &word_masks,
        post_starts: &post_starts,
        postings: &postings,
        stmt_masks: &stmt_masks,
        canon: &canon,
        contained: &contained,
    };
    if !arrays.hold_together(documents) {
        return Err(Bad);
    }
    let index = Index::from_parts(
        statements,
        doc_ranges,
        words.into(),
        word_starts.into(),
        word_masks.into(),
        post_starts.into(),
        postings.into(),
        stmt_masks.into(),
        canon.into(),
        text_bytes,
        contained,
    );
    Ok(index)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(doc: &Document) -> Document {
        let mut w = Writer::default();
        put_document(&mut w, doc);
        let mut r = Reader::new(&w.buf);
        let back = get_document(&mut r).expect("reads back");
        assert!(r.done());
        back
    }

    /// Everything a parsed document holds comes back: compared through
    /// the JSON export and the fields it leaves out.
    #[test]
    fn every_bundled_document_reads_back_as_it_was() {
        let (corpus, _) = crate::load::load_corpus(&[]);
        assert!(!corpus.documents.is_empty());
        for doc in &corpus.documents {
            let back = round_trip(doc);
            assert_eq!(
                serde_json::to_string(doc).unwrap(),
                serde_json::to_string(&back).unwrap(),
                "{}",
                doc.path
            );
            assert_eq!(doc.label_families, back.label_families);
            assert_eq!(doc.places, back.places);
            let marks = |d: &Document| -> Vec<Option<TurnMark>> {
                d.pairs
                    .iter()
                    .flat_map(|p| p.lead.iter().chain(&p.question).chain(&p.answer))
                    .chain(&d.preamble)
                    .chain(&d.body)
                    .map(|p| p.turn)
                    .collect()
            };
            assert_eq!(marks(doc), marks(&back));
        }
    }

    /// Cut short anywhere, or with any byte changed, a document reads as
    /// damaged or as some document — never a panic.
    #[test]
    fn damaged_bytes_never_panic() {
        let (corpus, _) = crate::load::load_corpus(&[]);
        let mut w = Writer::default();
        put_document(&mut w, &corpus.documents[0]);
        let bytes = w.buf;
        for cut in (0..bytes.len()).step_by(7) {
            assert!(get_document(&mut Reader::new(&bytes[..cut])).is_err());
        }
        let mut rng = crate::search::synth::Rng::new(7);
        for _ in 0..2000 {
            let mut damaged = bytes.clone();
            let at = rng.below(damaged.len());
            damaged[at] = rng.below(256) as u8;
            let _ = get_document(&mut Reader::new(&damaged));
        }
    }

    /// What a forged file could say and the parser never does is refused:
    /// a turn's paragraphs past its list, a control character in the text,
    /// a statement of the preamble that names a pair, a document's
    /// statements outside its range.
    #[test]
    fn what_the_parser_never_writes_is_refused() {
        let (corpus, _) = crate::load::load_corpus(&[]);
        let doc = corpus
            .documents
            .iter()
            .find(|d| !d.turns.is_empty())
            .expect("a document with turns")
            .clone();
        let refused = |d: &Document| {
            let mut w = Writer::default();
            put_document(&mut w, d);
            get_document(&mut Reader::new(&w.buf)).is_err()
        };
        assert!(!refused(&doc));
        let mut far = doc.clone();
        far.turns[0].paragraphs = 0..1 << 40;
        assert!(refused(&far));
        let mut escape = doc.clone();
        escape.pairs[0].answer[0].text = "Fine.\u{1b}[2J".into();
        assert!(refused(&escape));
        let mut bidi = doc.clone();
        bidi.title = Some("abc\u{202e}def".into());
        assert!(refused(&bidi));

        let docs = corpus.documents.clone();
        let index = Index::build(&docs);
        let index_refused = |index: &Index| {
            let mut w = Writer::default();
            put_index(&mut w, index);
            get_index(&mut Reader::new(&w.buf), &docs).is_err()
        };
        assert!(!index_refused(&index));
        let mut preamble_pair = Index::build(&docs);
        let s = preamble_pair
            .statements
            .iter()
            .position(|s| s.part == Part::Preamble)
            .expect("a preamble statement");
        preamble_pair.statements[s].pair = Some(0);
        assert!(index_refused(&preamble_pair));
        let mut ranges = Index::build(&docs);
        ranges.doc_ranges.swap(0, 1);
        assert!(index_refused(&ranges));
        // A repeat of a repeat: canonical places point at themselves.
        let mut canon = Index::build(&docs);
        canon.canon.to_mut()[1] = 0;
        canon.canon.to_mut()[2] = 1;
        assert!(index_refused(&canon));
    }

    #[test]
    fn every_variant_has_a_code_of_its_own() {
        for (i, w) in Why::ALL.iter().enumerate() {
            assert_eq!(usize::from(w.code()), i);
            assert_eq!(Why::from_code(w.code()), Ok(*w));
        }
        assert_eq!(Why::from_code(Why::ALL.len() as u8), Err(Bad));
        for f in Format::ALL {
            assert_eq!(Format::from_code(f.code()), Ok(*f));
        }
    }

    #[test]
    fn integers_and_checks() {
        let mut w = Writer::default();
        for v in [0u64, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            w.uint(v);
        }
        let mut r = Reader::new(&w.buf);
        for v in [0u64, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            assert_eq!(r.uint(), Ok(v));
        }
        // A count larger than the bytes left is refused before allocating.
        let mut w = Writer::default();
        w.uint(u64::from(u32::MAX));
        assert_eq!(Reader::new(&w.buf).count(1), Err(Bad));
        // Eleven continuation bytes: no LEB128 of a u64.
        assert_eq!(Reader::new(&[0xff; 11]).uint(), Err(Bad));
        assert_ne!(checksum(b"abc"), checksum(b"abd"));
        assert_ne!(checksum(b"abc"), checksum(b"abc\0"));
        // In pieces, however cut, as in one.
        let bytes: Vec<u8> = (0..100u8).collect();
        for cut in [0, 1, 7, 15, 16, 17, 40, 99, 100] {
            for second in [cut, (cut + 5).min(100), 100] {
                let mut sum = Checksum::default();
                sum.update(&bytes[..cut]);
                sum.update(&bytes[cut..second]);
                sum.update(&bytes[second..]);
                assert_eq!(sum.finish(), checksum(&bytes), "{cut} {second}");
            }
        }
    }
}
