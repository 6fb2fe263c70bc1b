//! The search index: every statement of a corpus, and for every word of the
//! corpus the statements that hold it.
//!
//! Layout (all flat arrays, so memory stays below the corpus' own size):
//! statements in corpus order, so one document's statements are one range;
//! the vocabulary sorted, as one string plus offsets, so all words starting
//! with a term are one contiguous block; per word a 64-bit character set and
//! a sorted list of statement ids (`u32` postings). The index holds no text:
//! statements are byte ranges into the documents' paragraphs.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use super::fold::{char_mask, fold_into, for_each_word_keyed, words};

use super::split::statements_into;
use crate::model::{Document, Paragraph};

/// Runs of documents (reused ones in their old order, or new ones) above
/// which [`Index::updated`] builds the index whole instead: each reused
/// run looks up every old word's postings once.
const MAX_UPDATE_RUNS: usize = 64;

/// Flag: the statement is the first place its words are said.
pub(crate) const CANONICAL: u8 = 1;
/// Flag: the statement is in a question.
pub(crate) const QUESTION: u8 = 2;

/// Where in a document a statement was said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    Preamble,
    /// A moderator's hand-off before a pair's question.
    Lead,
    Question,
    Answer,
    /// An article's paragraph.
    Body,
}

impl Part {
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Preamble => "preamble",
            Part::Lead => "lead",
            Part::Question => "question",
            Part::Answer => "answer",
            Part::Body => "body",
        }
    }
}

/// One statement: which paragraph, and which bytes of its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Statement {
    pub doc: u32,
    /// Index of the pair (0-based) for questions and answers.
    pub pair: Option<u32>,
    pub part: Part,
    /// Index of the paragraph within its part (the pair's question or answer,
    /// the preamble, the body).
    pub para: u32,
    pub start: u32,
    pub end: u32,
}

impl Statement {
    /// The paragraph the statement is in.
    pub fn paragraph<'d>(&self, docs: &'d [Document]) -> &'d Paragraph {
        let doc = &docs[self.doc as usize];
        let para = self.para as usize;
        match (self.part, self.pair) {
            (Part::Lead, Some(p)) => &doc.pairs[p as usize].lead[para],
            (Part::Question, Some(p)) => &doc.pairs[p as usize].question[para],
            (Part::Answer, Some(p)) => &doc.pairs[p as usize].answer[para],
            (Part::Preamble, _) => &doc.preamble[para],
            _ => &doc.body[para],
        }
    }

    /// The statement's paragraph in `doc`, if `doc` has it (a statement
    /// read from a file is not trusted to point into the document).
    pub fn paragraph_in<'d>(&self, doc: &'d Document) -> Option<&'d Paragraph> {
        let para = self.para as usize;
        match (self.part, self.pair) {
            (Part::Lead, Some(p)) => doc.pairs.get(p as usize)?.lead.get(para),
            (Part::Question, Some(p)) => doc.pairs.get(p as usize)?.question.get(para),
            (Part::Answer, Some(p)) => doc.pairs.get(p as usize)?.answer.get(para),
            (Part::Preamble, None) => doc.preamble.get(para),
            (Part::Body, None) => doc.body.get(para),
            _ => None,
        }
    }

    /// This statement (its part, pair, paragraph and length) as statement
    /// of document `doc_at`, `doc`, starting at byte `start` of its
    /// paragraph: `None` unless the paragraph is there and the bytes lie
    /// within it on character boundaries.
    pub fn placed_in(&self, doc: &Document, doc_at: u32, start: u32) -> Option<Statement> {
        let text = &self.paragraph_in(doc)?.text;
        let end = start.checked_add(self.end.checked_sub(self.start)?)?;
        (end as usize <= text.len()
            && text.is_char_boundary(start as usize)
            && text.is_char_boundary(end as usize))
        .then_some(Statement {
            doc: doc_at,
            start,
            end,
            ..*self
        })
    }

    pub fn text<'d>(&self, docs: &'d [Document]) -> &'d str {
        &self.paragraph(docs).text[self.start as usize..self.end as usize]
    }

    /// `Q7` for questions and answers.
    pub fn pair_label(&self, docs: &[Document]) -> Option<String> {
        let pair = self.pair?;
        let number = docs[self.doc as usize].pairs[pair as usize].number;
        Some(format!("Q{number}"))
    }
}

/// FxHash: the vocabulary map hashes tens of millions of short words, where
/// SipHash's DoS resistance buys nothing and costs most of the build.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last) ^ (rest.len() as u64) << 59);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl Fx {
    #[inline]
    fn add(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

pub(crate) type FxBuild = BuildHasherDefault<Fx>;

/// The index over one corpus. Build it with [`Index::build`]; it borrows
/// nothing, but its statements point into the documents it was built from.
#[derive(Debug, Default)]
pub struct Index {
    pub(crate) statements: Vec<Statement>,
    /// Per statement, its part (a compact copy for the per-keystroke scans).
    pub(crate) parts: Vec<Part>,
    /// Per statement, [`CANONICAL`] | [`QUESTION`]: what counting per scope
    /// needs, in one byte.
    pub(crate) flags: Vec<u8>,
    /// Per document, its statements.
    pub(crate) doc_ranges: Vec<Range<u32>>,
    /// The sorted vocabulary, concatenated; word `i` is
    /// `words[word_starts[i]..word_starts[i + 1]]`.
    pub(crate) words: Cow<'static, str>,
    pub(crate) word_starts: Cow<'static, [u32]>,
    pub(crate) word_masks: Cow<'static, [u64]>,
    /// Postings of word `i`: `postings[post_starts[i]..post_starts[i + 1]]`.
    pub(crate) post_starts: Cow<'static, [u32]>,
    pub(crate) postings: Cow<'static, [u32]>,
    /// Per statement, the character set of its words (for whole-statement
    /// fallback matching).
    pub(crate) stmt_masks: Cow<'static, [u64]>,
    /// Per statement, the first statement with the same words in the same
    /// order (itself when it is the first).
    pub(crate) canon: Cow<'static, [u32]>,
    /// For each statement said again elsewhere, the other places.
    pub(crate) repeats: Repeats,
    /// Bytes of statement text indexed.
    pub(crate) text_bytes: usize,
    /// Per document, the documents it is an excerpt of, once
    /// [`Index::note_containment`] looked (empty before).
    pub(crate) contained: Vec<Vec<u32>>,
    /// Who said each statement, found on the first search narrowed to a
    /// speaker.
    pub(crate) speakers: std::sync::OnceLock<super::speakers::Speakers>,
    /// The people of the documents, found when first asked for (the
    /// speakers view, a search narrowed to a person).
    pub(crate) people: std::sync::OnceLock<Vec<super::people::Person>>,
}

/// Every paragraph of a document with where it is, in reading order.
fn paragraphs(doc: &Document) -> impl Iterator<Item = (Option<u32>, Part, u32, &Paragraph)> {
    let preamble = doc
        .preamble
        .iter()
        .enumerate()
        .map(|(i, p)| (None, Part::Preamble, i as u32, p));
    let pairs = doc.pairs.iter().enumerate().flat_map(|(n, pair)| {
        let lead = pair
            .lead
            .iter()
            .enumerate()
            .map(move |(i, p)| (Some(n as u32), Part::Lead, i as u32, p));
        let q = pair
            .question
            .iter()
            .enumerate()
            .map(move |(i, p)| (Some(n as u32), Part::Question, i as u32, p));
        let a = pair
            .answer
            .iter()
            .enumerate()
            .map(move |(i, p)| (Some(n as u32), Part::Answer, i as u32, p));
        lead.chain(q).chain(a)
    });
    let body = doc
        .body
        .iter()
        .enumerate()
        .map(|(i, p)| (None, Part::Body, i as u32, p));
    preamble.chain(pairs).chain(body)
}

impl Index {
    /// Splits every paragraph of `docs` into statements and indexes their
    /// words, tokenising on all cores (documents split into contiguous runs
    /// of about equal size, so statement ids stay in corpus order).
    pub fn build(docs: &[Document]) -> Index {
        let sizes: Vec<usize> = docs
            .iter()
            .map(|d| paragraphs(d).map(|(_, _, _, p)| p.text.len()).sum())
            .collect();
        let total: usize = sizes.iter().sum();
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(1 + total / (4 << 20))
            .min(docs.len().max(1));
        let mut runs = Vec::with_capacity(threads);
        let (mut from, mut acc) = (0, 0);
        for (d, size) in sizes.iter().enumerate() {
            acc += size;
            if acc * threads >= total * (runs.len() + 1) && runs.len() + 1 < threads {
                runs.push(from..d + 1);
                from = d + 1;
            }
        }
        runs.push(from..docs.len());
        let parts: Vec<Tokenized> = if runs.len() == 1 {
            vec![tokenize(docs, 0..docs.len())]
        } else {
            std::thread::scope(|scope| {
                let handles: Vec<_> = runs
                    .iter()
                    .map(|r| {
                        let r = r.clone();
                        scope.spawn(move || tokenize(docs, r))
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().expect("tokenizing does not panic"))
                    .collect()
            })
        };
        Index::assemble(docs, parts, threads, None)
    }

    /// The index of `docs` from `old`, the index of documents some of which
    /// are among `docs` unchanged (`reuse[d]`: the old document that
    /// document `d` is): only the documents not reused are split and
    /// tokenised; the reused ones' statements, word masks and postings are
    /// taken from `old` as they are, and which statements repeat which
    /// follows from `old`'s (a new statement is looked for among the old
    /// ones holding its rarest word). The same index as [`Index::build`]
    /// gives, but for excerpts (not looked for: see
    /// [`Index::note_containment`]). `None` when `reuse` does not fit `old`.
    pub fn updated(old: &Index, reuse: &[Option<u32>], docs: &[Document]) -> Option<Index> {
        if reuse.len() != docs.len() || old.canon.len() != old.len() {
            return None;
        }
        // Runs of documents: reused ones whose old documents follow each
        // other, and the rest.
        let mut runs: Vec<(Range<usize>, Option<u32>)> = Vec::new();
        for (d, r) in reuse.iter().enumerate() {
            if r.is_some_and(|o| o as usize >= old.doc_ranges.len()) {
                return None;
            }
            match (runs.last_mut(), r) {
                (Some((run, Some(first))), Some(o)) if *o == *first + run.len() as u32 => {
                    run.end = d + 1;
                }
                (Some((run, None)), None) => run.end = d + 1,
                _ => runs.push((d..d + 1, *r)),
            }
        }
        // Each reused run costs a pass over the old vocabulary: documents
        // given in another order (a run each) are cheaper built whole.
        if runs.len() > MAX_UPDATE_RUNS {
            return Some(Index::build(docs));
        }
        let old_range = |o: u32, len: usize| {
            old.doc_ranges[o as usize].start..old.doc_ranges[o as usize + len - 1].end
        };
        let reused: Vec<Range<u32>> = runs
            .iter()
            .filter_map(|(run, first)| Some(old_range((*first)?, run.len())))
            .collect();
        let mut taken = taken_from(old, &reused);
        // Each old statement's document now (u32::MAX: not reused).
        let mut now_doc = vec![u32::MAX; old.len()];
        let mut parts: Vec<Tokenized> = Vec::with_capacity(runs.len());
        let mut olds: Vec<Option<u32>> = Vec::with_capacity(runs.len());
        for (run, first) in &runs {
            let Some(o) = *first else {
                parts.push(tokenize(docs, run.clone()));
                olds.push(None);
                continue;
            };
            let range = old_range(o, run.len());
            olds.push(Some(range.start));
            let mut part = taken.next()?;
            let shift = |doc: u32| doc - o + run.start as u32;
            part.statements = old.statements[range.start as usize..range.end as usize]
                .iter()
                .map(|s| Statement {
                    doc: shift(s.doc),
                    ..*s
                })
                .collect();
            for (k, s) in part.statements.iter().enumerate() {
                now_doc[range.start as usize + k] = s.doc;
            }
            part.text_bytes = part
                .statements
                .iter()
                .map(|s| (s.end - s.start) as usize)
                .sum();
            part.doc_ranges = (o as usize..o as usize + run.len())
                .map(|d| {
                    let r = &old.doc_ranges[d];
                    r.start - range.start..r.end - range.start
                })
                .collect();
            part.stmt_masks = old.stmt_masks[range.start as usize..range.end as usize].to_vec();
            parts.push(part);
        }
        let canon = updated_canon(old, &now_doc, docs, &olds, &parts);
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        Some(Index::assemble(docs, parts, threads, Some(canon)))
    }

    /// The index from its runs of documents, each tokenised (or taken from
    /// an old index), in document order: one sorted vocabulary, the
    /// postings merged, the repeats found (or told: `canon`).
    fn assemble(
        docs: &[Document],
        parts: Vec<Tokenized>,
        threads: usize,
        canon: Option<Vec<u32>>,
    ) -> Index {
        let mut index = Index::default();
        let finals = merge_vocabularies(&parts, &mut index);
        let vocabulary = index.word_masks.len();

        let mut hashes: Vec<u64> = Vec::new();
        let mut stmt_masks: Vec<u64> = Vec::new();
        let mut bases = Vec::with_capacity(parts.len());
        let mut local_postings = Vec::with_capacity(parts.len());
        for part in parts {
            let base = index.statements.len() as u32;
            bases.push(base);
            local_postings.push((part.post_starts, part.postings));
            if hashes.is_empty() {
                hashes = part.hashes;
            } else {
                hashes.extend(part.hashes);
            }
            if index.statements.is_empty() {
                index.statements = part.statements;
                stmt_masks = part.stmt_masks;
            } else {
                index.statements.extend(part.statements);
                stmt_masks.extend(part.stmt_masks);
            }
            index.doc_ranges.extend(
                part.doc_ranges
                    .into_iter()
                    .map(|r| r.start + base..r.end + base),
            );
            index.text_bytes += part.text_bytes;
        }
        index.statements.shrink_to_fit();
        stmt_masks.shrink_to_fit();
        index.stmt_masks = stmt_masks.into();

        // The parts' postings copied word by word, and the repeats, need
        // nothing of each other: on two cores they run side by side.
        let statements = &index.statements;
        let merge = || merge_postings(&local_postings, &finals, &bases, vocabulary);
        let ((post_starts, postings), (canon, repeated, parts, flags)) = if let Some(canon) = canon
        {
            (merge(), repeats_from(canon, statements))
        } else if threads > 1 {
            std::thread::scope(|scope| {
                let other = scope.spawn(|| repeats(docs, statements, &hashes));
                let own = merge();
                (own, other.join().expect("finding repeats does not panic"))
            })
        } else {
            (merge(), repeats(docs, statements, &hashes))
        };
        index.post_starts = post_starts.into();
        index.postings = postings.into();
        index.canon = canon.into();
        index.repeats = repeated;
        index.parts = parts;
        index.flags = flags;
        index
    }

    /// An index from what the cache kept of one (checked by the cache's
    /// reader); what is cheaply derived is worked out again here.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn from_parts(
        statements: Vec<Statement>,
        doc_ranges: Vec<Range<u32>>,
        words: Cow<'static, str>,
        word_starts: Cow<'static, [u32]>,
        word_masks: Cow<'static, [u64]>,
        post_starts: Cow<'static, [u32]>,
        postings: Cow<'static, [u32]>,
        stmt_masks: Cow<'static, [u64]>,
        canon: Cow<'static, [u32]>,
        text_bytes: usize,
        contained: Vec<Vec<u32>>,
    ) -> Index {
        let parts: Vec<Part> = statements.iter().map(|s| s.part).collect();
        let repeats = Repeats::from_canon(&canon);
        Index::from_checked(
            statements,
            parts,
            repeats,
            doc_ranges,
            [word_starts, post_starts, postings, canon],
            words,
            [word_masks, stmt_masks],
            text_bytes,
            contained,
        )
    }

    /// [`Index::from_parts`] with each statement's part and the repeats
    /// already told (a search file works them out on two cores while it
    /// is checked).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn from_checked(
        statements: Vec<Statement>,
        parts: Vec<Part>,
        repeats: Repeats,
        doc_ranges: Vec<Range<u32>>,
        [word_starts, post_starts, postings, canon]: [Cow<'static, [u32]>; 4],
        words: Cow<'static, str>,
        [word_masks, stmt_masks]: [Cow<'static, [u64]>; 2],
        text_bytes: usize,
        contained: Vec<Vec<u32>>,
    ) -> Index {
        let flags = flags_of(&canon, &parts);
        Index {
            statements,
            parts,
            flags,
            doc_ranges,
            words,
            word_starts,
            word_masks,
            post_starts,
            postings,
            stmt_masks,
            canon,
            repeats,
            text_bytes,
            contained,
            ..Index::default()
        }
    }

    /// Number of statements.
    pub fn len(&self) -> usize {
        self.statements.len()
    }

    pub fn is_empty(&self) -> bool {
        self.statements.is_empty()
    }

    pub fn statement(&self, id: u32) -> &Statement {
        &self.statements[id as usize]
    }

    /// Words in the vocabulary.
    pub fn vocabulary_len(&self) -> usize {
        self.word_masks.len()
    }

    pub(crate) fn word(&self, id: u32) -> &str {
        &self.words
            [self.word_starts[id as usize] as usize..self.word_starts[id as usize + 1] as usize]
    }

    pub(crate) fn postings_of(&self, id: u32) -> &[u32] {
        &self.postings
            [self.post_starts[id as usize] as usize..self.post_starts[id as usize + 1] as usize]
    }

    /// The id of a folded word, if the corpus has it.
    pub(crate) fn word_id(&self, folded: &str) -> Option<u32> {
        let (mut lo, mut hi) = (0, self.vocabulary_len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.word(mid as u32).cmp(folded) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid as u32),
            }
        }
        None
    }

    /// The words starting with `prefix`: one block of the sorted vocabulary.
    pub(crate) fn prefix_block(&self, prefix: &str) -> Range<u32> {
        let n = self.vocabulary_len();
        let lower = partition(n, |i| self.word(i) < prefix);
        let upper = lower
            + partition(n - lower as usize, |i| {
                self.word(lower + i).starts_with(prefix)
            });
        lower..upper
    }

    /// Statements of document `doc`.
    pub fn document_range(&self, doc: usize) -> Range<u32> {
        self.doc_ranges.get(doc).cloned().unwrap_or(0..0)
    }

    /// The other places a statement is said word for word (empty if none).
    pub fn repeats_of(&self, id: u32) -> &[u32] {
        let canon = self.canon[id as usize];
        self.repeats.of(canon)
    }

    /// Whether [`Index::note_containment`] has looked (its answer is kept
    /// per document, empty lists included).
    pub fn looked_for_excerpts(&self) -> bool {
        !self.contained.is_empty()
    }

    /// Looks for the documents said inside others (see
    /// [`super::containment`]) and keeps what it found for
    /// [`Index::contained_in`].
    pub fn note_containment(&mut self, docs: &[Document]) {
        self.contained = super::containment::contained_in(self, docs)
            .into_iter()
            .map(|v| v.into_iter().map(|d| d as u32).collect())
            .collect();
    }

    /// The documents document `doc` is an excerpt of (empty until
    /// [`Index::note_containment`] looked).
    pub fn contained_in(&self, doc: usize) -> &[u32] {
        self.contained.get(doc).map_or(&[], Vec::as_slice)
    }

    /// Who said each statement (worked out on first use, from `docs`: the
    /// documents the index was built from).
    pub fn speakers(&self, docs: &[Document]) -> &super::speakers::Speakers {
        self.speakers
            .get_or_init(|| super::speakers::Speakers::find(self, docs))
    }

    /// Who said each statement, for a search reading `texts`: worked out
    /// from the parsed documents, or as a search file brought it (see
    /// `crate::cache::search_file`); `None` for stored text without it.
    pub fn speakers_for(&self, texts: super::Texts<'_>) -> Option<&super::speakers::Speakers> {
        match texts.documents() {
            Some(docs) => Some(self.speakers(docs)),
            None => self.speakers.get(),
        }
    }

    /// The people who speak in `docs` (the documents the index was built
    /// from), worked out on first use: comparing every label with every
    /// other is done once per index, not on every visit to the view.
    pub fn people(&self, docs: &[Document]) -> &[super::people::Person] {
        self.people.get_or_init(|| super::people::people(docs))
    }

    /// The first place a statement is said (itself if it is the first).
    pub fn canonical(&self, id: u32) -> u32 {
        self.canon[id as usize]
    }

    /// Bytes of statement text indexed.
    pub fn text_bytes(&self) -> usize {
        self.text_bytes
    }

    /// Heap bytes the index holds (capacity, so what it really costs).
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        self.statements.capacity() * size_of::<Statement>()
            + self.parts.capacity() * size_of::<Part>()
            + self.flags.capacity()
            + self.doc_ranges.capacity() * size_of::<Range<u32>>()
            + match &self.words {
                Cow::Owned(w) => w.capacity(),
                Cow::Borrowed(_) => 0,
            }
            + heap(&self.word_starts)
            + heap(&self.post_starts)
            + heap(&self.postings)
            + heap(&self.canon)
            + heap(&self.word_masks)
            + heap(&self.stmt_masks)
            + self.repeats.heap_bytes()
    }
}

/// Heap bytes of an array the index owns (none for one read in place from
/// a mapped cache file).
#[allow(clippy::ptr_arg)] // Whether it is owned is the question asked.
fn heap<T: Clone>(column: &Cow<'static, [T]>) -> usize {
    match column {
        Cow::Owned(v) => v.capacity() * std::mem::size_of::<T>(),
        Cow::Borrowed(_) => 0,
    }
}

/// Merges the parts' vocabularies into `index` (sorted words, their
/// offsets and character sets) and returns, per part, its word ids'
/// positions in the sorted vocabulary. Proportional to the vocabulary, not
/// the corpus.
fn merge_vocabularies(parts: &[Tokenized], index: &mut Index) -> Vec<Vec<u32>> {
    let mut ids: HashMap<&str, u32, FxBuild> = HashMap::default();
    let mut list: Vec<&str> = Vec::new();
    let mut finals: Vec<Vec<u32>> = parts
        .iter()
        .map(|part| {
            part.vocab
                .iter()
                .map(|w| {
                    *ids.entry(w).or_insert_with(|| {
                        list.push(w);
                        list.len() as u32 - 1
                    })
                })
                .collect()
        })
        .collect();
    drop(ids);
    // Sorted by the first eight bytes as a number first (the same order
    // for words without NUL bytes), which settles almost every comparison
    // without following two pointers into the strings.
    let mut order: Vec<(u64, u32)> = list
        .iter()
        .enumerate()
        .map(|(i, w)| (prefix_key(w), i as u32))
        .collect();
    order.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| list[a.1 as usize].cmp(list[b.1 as usize]))
    });
    let mut new_id = vec![0u32; list.len()];
    let mut words = String::with_capacity(list.iter().map(|w| w.len()).sum());
    let mut word_starts = Vec::with_capacity(order.len() + 1);
    let mut word_masks = Vec::with_capacity(order.len());
    word_starts.push(0);
    for (new, &(_, old)) in order.iter().enumerate() {
        new_id[old as usize] = new as u32;
        let w = list[old as usize];
        words.push_str(w);
        word_starts.push(words.len() as u32);
        word_masks.push(char_mask(w));
    }
    index.words = words.into();
    index.word_starts = word_starts.into();
    index.word_masks = word_masks.into();
    for f in &mut finals {
        for id in f.iter_mut() {
            *id = new_id[*id as usize];
        }
    }
    finals
}

/// The parts' postings (by their own word ids, statement ids from their
/// own first statement) as one array by final word id: per word, each
/// part's list in turn, shifted by the part's first statement, so the ids
/// stay ascending. Returns `(post_starts, postings)`.
fn merge_postings(
    parts: &[(Vec<u32>, Vec<u32>)],
    finals: &[Vec<u32>],
    bases: &[u32],
    vocabulary: usize,
) -> (Vec<u32>, Vec<u32>) {
    // Per part, final id → its own id (u32::MAX: the part lacks the word).
    let locals: Vec<Vec<u32>> = finals
        .iter()
        .map(|fin| {
            let mut local = vec![u32::MAX; vocabulary];
            for (l, &f) in fin.iter().enumerate() {
                local[f as usize] = l as u32;
            }
            local
        })
        .collect();
    let total: usize = parts.iter().map(|(_, p)| p.len()).sum();
    let mut post_starts = Vec::with_capacity(vocabulary + 1);
    let mut postings = Vec::with_capacity(total);
    post_starts.push(0);
    for w in 0..vocabulary {
        for (((starts, list), local), &base) in parts.iter().zip(&locals).zip(bases) {
            let l = local[w];
            if l != u32::MAX {
                let own = &list[starts[l as usize] as usize..starts[l as usize + 1] as usize];
                postings.extend(own.iter().map(|&s| s + base));
            }
        }
        post_starts.push(postings.len() as u32);
    }
    (post_starts, postings)
}

/// The statements said again, each canonical one with its other places:
/// three flat lists (canonical ids ascending, where each one's places
/// start, the places in order) rather than a map of vectors — one
/// allocation whatever the number of repeats, looked up by binary search.
#[derive(Debug, Default)]
pub(crate) struct Repeats {
    canonical: Vec<u32>,
    starts: Vec<u32>,
    places: Vec<u32>,
}

impl Repeats {
    /// From `canon` (each statement's first place): the other places of
    /// every statement said more than once.
    pub(crate) fn from_canon(canon: &[u32]) -> Repeats {
        // Counted rather than sorted (a search file's millions of
        // statements are read back with this on every start): how many
        // later places each first place has, then each later place put in
        // its slot, ascending as `canon` is walked in order. (A first
        // place outside `canon` is ignored: never written, never read.)
        let mut slot = vec![0u32; canon.len()];
        let mut later = 0usize;
        for (s, &c) in canon.iter().enumerate() {
            if c as usize != s
                && let Some(k) = slot.get_mut(c as usize)
            {
                *k += 1;
                later += 1;
            }
        }
        let mut out = Repeats {
            canonical: Vec::new(),
            starts: Vec::new(),
            places: vec![0; later],
        };
        let mut at = 0u32;
        for (c, k) in slot.iter_mut().enumerate() {
            if *k > 0 {
                out.canonical.push(c as u32);
                out.starts.push(at);
                let places = *k;
                *k = at;
                at += places;
            }
        }
        out.starts.push(at);
        for (s, &c) in canon.iter().enumerate() {
            if c as usize != s
                && let Some(k) = slot.get_mut(c as usize)
            {
                out.places[*k as usize] = s as u32;
                *k += 1;
            }
        }
        out.canonical.shrink_to_fit();
        out.starts.shrink_to_fit();
        out
    }

    /// The places after the first of canonical statement `canon`.
    pub(crate) fn of(&self, canon: u32) -> &[u32] {
        match self.canonical.binary_search(&canon) {
            Ok(k) => &self.places[self.starts[k] as usize..self.starts[k + 1] as usize],
            Err(_) => &[],
        }
    }

    fn heap_bytes(&self) -> usize {
        (self.canonical.capacity() + self.starts.capacity() + self.places.capacity()) * 4
    }
}

/// Repeated statements: same words in the same order, checked on the
/// folded text when the hashes agree (the same bytes need no folding).
/// Returns `(canon, repeats, parts, flags)` as [`Index`] keeps them.
#[allow(clippy::type_complexity)]
fn repeats(
    docs: &[Document],
    statements: &[Statement],
    hashes: &[u64],
) -> (Vec<u32>, Repeats, Vec<Part>, Vec<u8>) {
    let mut first_by_hash: HashMap<u64, u32, FxBuild> = HashMap::default();
    first_by_hash.reserve(statements.len());
    let mut canon: Vec<u32> = (0..statements.len() as u32).collect();
    let mut a = String::new();
    let mut b = String::new();
    for (s, &h) in hashes.iter().enumerate() {
        let s = s as u32;
        match first_by_hash.get(&h) {
            None => {
                first_by_hash.insert(h, s);
            }
            Some(&first) => {
                let (x, y) = (
                    statements[first as usize].text(docs),
                    statements[s as usize].text(docs),
                );
                let same = x == y || {
                    a.clear();
                    b.clear();
                    word_text(x, &mut a);
                    word_text(y, &mut b);
                    a == b
                };
                if same {
                    canon[s as usize] = first;
                }
            }
        }
    }
    drop(first_by_hash);
    repeats_from(canon, statements)
}

/// What [`repeats`] returns, from each statement's first place (`canon`).
#[allow(clippy::type_complexity)]
fn repeats_from(
    canon: Vec<u32>,
    statements: &[Statement],
) -> (Vec<u32>, Repeats, Vec<Part>, Vec<u8>) {
    let repeats = Repeats::from_canon(&canon);
    let parts: Vec<Part> = statements.iter().map(|s| s.part).collect();
    let flags = flags_of(&canon, &parts);
    (canon, repeats, parts, flags)
}

/// Each statement's first place in an updated index (see
/// [`Index::updated`]), its statements laid out as `parts`, each taken from
/// `old` from its statement `olds[p]` on, or tokenised anew (`None`). Old
/// statements keep their classes of repeats (`old.canon`); a new statement
/// joins an old class when an old statement still here has its words
/// (looked for among those holding its rarest word), else a class of new
/// statements with its words (by hash, then checked as [`repeats`]
/// checks); each class's first place is its first member's.
fn updated_canon(
    old: &Index,
    now_doc: &[u32],
    docs: &[Document],
    olds: &[Option<u32>],
    parts: &[Tokenized],
) -> Vec<u32> {
    let total: usize = parts.iter().map(|p| p.statements.len()).sum();
    let mut canon = vec![0u32; total];
    // Per old class (its first old statement), its first place now.
    let mut first_of_old = vec![u32::MAX; old.len()];
    // New statements in no old class, by hash: each class's first place.
    let mut first_of_new: HashMap<u64, Vec<(u32, Statement)>, FxBuild> = HashMap::default();
    let (mut folded, mut other) = (String::new(), String::new());
    // The old class of statements without words, once looked for.
    let mut wordless: Option<Option<u32>> = None;
    let mut at = 0u32;
    for (part, from) in parts.iter().zip(olds) {
        for (i, st) in part.statements.iter().enumerate() {
            let id = at + i as u32;
            let class = match from {
                Some(start) => Some(old.canon[(start + i as u32) as usize]),
                None => {
                    folded.clear();
                    word_text(st.text(docs), &mut folded);
                    if folded.is_empty() {
                        // No words (`…`): the class of every such statement.
                        *wordless.get_or_insert_with(|| {
                            (0..old.len())
                                .find(|&x| {
                                    old.stmt_masks[x] == 0
                                        && old_text(old, now_doc, docs, x as u32).is_some_and(
                                            |text| {
                                                other.clear();
                                                word_text(text, &mut other);
                                                other.is_empty()
                                            },
                                        )
                                })
                                .map(|x| old.canon[x])
                        })
                    } else {
                        old_class(old, now_doc, docs, &folded, part.stmt_masks[i], &mut other)
                    }
                }
            };
            canon[id as usize] = match class {
                Some(c) => {
                    let first = &mut first_of_old[c as usize];
                    if *first == u32::MAX {
                        *first = id;
                    }
                    *first
                }
                None => {
                    let list = first_of_new.entry(part.hashes[i]).or_default();
                    let same = list.iter().find(|(_, f)| {
                        other.clear();
                        word_text(f.text(docs), &mut other);
                        other == folded
                    });
                    match same {
                        Some(&(first, _)) => first,
                        None => {
                            list.push((id, *st));
                            id
                        }
                    }
                }
            };
        }
        at += part.statements.len() as u32;
    }
    canon
}

/// Old statement `x`'s text, in the document it is now (`now_doc`);
/// `None` when its document was not reused.
fn old_text<'d>(old: &Index, now_doc: &[u32], docs: &'d [Document], x: u32) -> Option<&'d str> {
    let doc = *now_doc.get(x as usize).filter(|&&d| d != u32::MAX)?;
    let st = Statement {
        doc,
        ..old.statements[x as usize]
    };
    Some(st.text(docs))
}

/// The class of repeats (its first old statement) of an old statement
/// still here (`now_doc` not `u32::MAX`) whose words are `folded` (as
/// [`word_text`] gives them) and character set `mask`: looked for among
/// the old statements holding the rarest of those words, one comparison
/// per class.
fn old_class(
    old: &Index,
    now_doc: &[u32],
    docs: &[Document],
    folded: &str,
    mask: u64,
    buf: &mut String,
) -> Option<u32> {
    let mut rarest: Option<&[u32]> = None;
    for word in folded.split(' ').filter(|w| !w.is_empty()) {
        // A word no old statement has: no old statement has them all.
        let list = old.postings_of(old.word_id(word)?);
        if rarest.is_none_or(|r| list.len() < r.len()) {
            rarest = Some(list);
        }
    }
    for &x in rarest? {
        if old.stmt_masks[x as usize] != mask {
            continue;
        }
        let Some(text) = old_text(old, now_doc, docs, x) else {
            continue;
        };
        let c = old.canon[x as usize];
        // Its first place is here too, and among these: compared there.
        if c != x && now_doc.get(c as usize).is_some_and(|&d| d != u32::MAX) {
            continue;
        }
        buf.clear();
        word_text(text, buf);
        if buf == folded {
            return Some(c);
        }
    }
    None
}

/// Each statement's [`CANONICAL`] | [`QUESTION`] flags.
fn flags_of(canon: &[u32], parts: &[Part]) -> Vec<u8> {
    (0..canon.len())
        .map(|s| {
            let mut f = 0;
            if canon[s] as usize == s {
                f |= CANONICAL;
            }
            if parts[s] == Part::Question {
                f |= QUESTION;
            }
            f
        })
        .collect()
}

/// For each reused run of documents of an old index (`reused`: its old
/// statements), that run's words and postings, as [`tokenize`] would have
/// found them: of each word's postings, the slice within the run (found by
/// binary search: they are ascending), counted from the run's first
/// statement; the words borrowed from the old vocabulary. The rest of each
/// part is left for the caller.
fn taken_from<'o>(old: &'o Index, reused: &[Range<u32>]) -> std::vec::IntoIter<Tokenized<'o>> {
    let mut parts: Vec<Tokenized<'o>> = reused
        .iter()
        .map(|_| Tokenized {
            post_starts: vec![0],
            ..Tokenized::default()
        })
        .collect();
    for w in 0..old.word_masks.len() {
        let list = old.postings_of(w as u32);
        for (part, range) in parts.iter_mut().zip(reused) {
            let from = list.partition_point(|&s| s < range.start);
            let to = from + list[from..].partition_point(|&s| s < range.end);
            if from < to {
                part.vocab.push(Cow::Borrowed(old.word(w as u32)));
                part.postings
                    .extend(list[from..to].iter().map(|&s| s - range.start));
                part.post_starts.push(part.postings.len() as u32);
            }
        }
    }
    parts.into_iter()
}

/// One run of documents tokenised and indexed on its own: statements, the
/// run's vocabulary, and its postings by the run's word ids (statement ids
/// counted from the run's first statement).
#[derive(Default)]
struct Tokenized<'w> {
    statements: Vec<Statement>,
    doc_ranges: Vec<Range<u32>>,
    vocab: Vec<Cow<'w, str>>,
    /// Postings of word `i`: `postings[post_starts[i]..post_starts[i + 1]]`.
    post_starts: Vec<u32>,
    postings: Vec<u32>,
    stmt_masks: Vec<u64>,
    /// Per statement, a hash of its folded words in order (for repeats).
    hashes: Vec<u64>,
    text_bytes: usize,
}

fn tokenize(docs: &[Document], run: Range<usize>) -> Tokenized<'static> {
    let mut out = Tokenized {
        statements: Vec::new(),
        doc_ranges: Vec::new(),
        vocab: Vec::new(),
        post_starts: Vec::new(),
        postings: Vec::new(),
        stmt_masks: Vec::new(),
        hashes: Vec::new(),
        text_bytes: 0,
    };
    // Per statement its distinct words, until the postings are sorted out.
    let mut stmt_words: Vec<u32> = Vec::new();
    let mut starts: Vec<u32> = vec![0];
    // Words as written → id. Most words recur in the same spelling, so
    // this skips folding, copying and comparing them: the key is the 64-bit
    // hash of the written word alone. Two different spellings colliding is
    // a 1 in 10^10 event for a 100k-word vocabulary, and would only merge
    // two words' postings.
    let mut spellings = Spellings::new();
    let mut by_folded: HashMap<Box<str>, u32, FxBuild> = HashMap::default();
    let mut buf = String::new();
    // Per word id: the hash of the folded word (for the statements'
    // hashes; read only for a new spelling, the table keeps a copy), and
    // the last statement (counted from 1) that got the word, which drops a
    // statement's repeated words without sorting them. Both are touched
    // per word read, so they are kept small: the table's slot is 16 bytes
    // and `last_in` 4 bytes a word, which stays in L2.
    let mut folded_hashes: Vec<u32> = Vec::new();
    let mut last_in: Vec<u32> = Vec::new();
    let mut ranges = Vec::new();
    let estimate: usize = docs[run.clone()]
        .iter()
        .map(|d| {
            paragraphs(d)
                .map(|(_, _, _, p)| p.text.len())
                .sum::<usize>()
        })
        .sum();
    stmt_words.reserve(estimate / 7);
    out.statements.reserve(estimate / 100);
    for d in run {
        let doc = &docs[d];
        let first = out.statements.len() as u32;
        for (pair, part, para, p) in paragraphs(doc) {
            ranges.clear();
            statements_into(&p.text, &mut ranges);
            for range in &ranges {
                let text = &p.text[range.clone()];
                out.text_bytes += text.len();
                let mut hash = Fx::default();
                let number = out.statements.len() as u32 + 1;
                for_each_word_keyed(text, |start, end, key| {
                    let (id, folded_hash) = match spellings.get(key) {
                        Some(v) => v,
                        None => {
                            buf.clear();
                            fold_into(&text[start..end], &mut buf);
                            let id = match by_folded.get(buf.as_str()) {
                                Some(&id) => id,
                                None => {
                                    let id = out.vocab.len() as u32;
                                    let folded: Box<str> = buf.as_str().into();
                                    by_folded.insert(folded.clone(), id);
                                    out.vocab.push(Cow::Owned(folded.into_string()));
                                    let mut fh = Fx::default();
                                    fh.write(buf.as_bytes());
                                    // The top half: Fx mixes upwards.
                                    folded_hashes.push((fh.finish() >> 32) as u32);
                                    last_in.push(0);
                                    id
                                }
                            };
                            let v = (id, folded_hashes[id as usize]);
                            spellings.insert(key, v);
                            v
                        }
                    };
                    hash.write_u32(folded_hash);
                    let last = &mut last_in[id as usize];
                    if *last != number {
                        *last = number;
                        stmt_words.push(id);
                    }
                });
                starts.push(stmt_words.len() as u32);
                out.hashes.push(hash.finish());
                out.statements.push(Statement {
                    doc: d as u32,
                    pair,
                    part,
                    para,
                    start: range.start as u32,
                    end: range.end as u32,
                });
            }
        }
        out.doc_ranges.push(first..out.statements.len() as u32);
    }

    // Postings by counting sort: statement ids come out ascending. Done
    // here, on the run's own thread, so that after the threads join only
    // a copy per word is left.
    let masks: Vec<u64> = out.vocab.iter().map(|w| char_mask(w)).collect();
    let mut counts = vec![0u32; out.vocab.len() + 1];
    for &w in &stmt_words {
        counts[w as usize + 1] += 1;
    }
    for i in 1..counts.len() {
        counts[i] += counts[i - 1];
    }
    let mut fill = counts.clone();
    out.postings = vec![0u32; stmt_words.len()];
    out.stmt_masks = Vec::with_capacity(out.statements.len());
    for (s, pair) in starts.windows(2).enumerate() {
        let mut mask = 0;
        for &w in &stmt_words[pair[0] as usize..pair[1] as usize] {
            let w = w as usize;
            mask |= masks[w];
            let slot = &mut fill[w];
            out.postings[*slot as usize] = s as u32;
            *slot += 1;
        }
        out.stmt_masks.push(mask);
    }
    out.post_starts = counts;
    out
}

/// Spelling hashes → (word id, hash of the folded word): open addressing
/// with linear probing, the slot taken from the hash's top bits (the
/// hashes are well mixed). One probe finds most words, where a general map
/// hashed the hash again and compared control bytes; the frequent words'
/// slots stay in cache.
struct Spellings {
    /// `(hash, id, folded hash)`; hash 0 marks an empty slot.
    slots: Vec<(u64, u32, u32)>,
    shift: u32,
    len: usize,
}

impl Spellings {
    fn new() -> Spellings {
        const BITS: u32 = 16;
        Spellings {
            slots: vec![(0, 0, 0); 1 << BITS],
            shift: 64 - BITS,
            len: 0,
        }
    }

    /// 0 is the empty mark: the one hash that equals it shares 1's slot.
    #[inline]
    fn key(hash: u64) -> u64 {
        hash.max(1)
    }

    #[inline]
    fn get(&self, hash: u64) -> Option<(u32, u32)> {
        let key = Self::key(hash);
        let mask = self.slots.len() - 1;
        let mut i = (key >> self.shift) as usize;
        loop {
            let (k, id, folded) = self.slots[i];
            if k == key {
                return Some((id, folded));
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Adds a hash that [`Spellings::get`] did not find.
    fn insert(&mut self, hash: u64, (id, folded): (u32, u32)) {
        // At most half full, so probes stay short.
        if (self.len + 1) * 2 > self.slots.len() {
            let old = std::mem::take(&mut self.slots);
            self.slots = vec![(0, 0, 0); old.len() * 2];
            self.shift -= 1;
            for slot in old.into_iter().filter(|s| s.0 != 0) {
                self.place(slot);
            }
        }
        self.place((Self::key(hash), id, folded));
        self.len += 1;
    }

    fn place(&mut self, slot: (u64, u32, u32)) {
        let mask = self.slots.len() - 1;
        let mut i = (slot.0 >> self.shift) as usize;
        while self.slots[i].0 != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = slot;
    }
}

/// The first eight bytes of `word`, big-endian, zero-padded: comparing
/// these compares the words' starts as strings do.
fn prefix_key(word: &str) -> u64 {
    let mut b = [0u8; 8];
    let n = word.len().min(8);
    b[..n].copy_from_slice(&word.as_bytes()[..n]);
    u64::from_be_bytes(b)
}

/// The first `i` in `0..n` for which `pred` is false (`pred` is true then false).
fn partition(n: usize, pred: impl Fn(u32) -> bool) -> u32 {
    let (mut lo, mut hi) = (0usize, n);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if pred(mid as u32) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo as u32
}

/// The folded words of `text` joined by spaces: what makes two statements the same.
fn word_text(text: &str, out: &mut String) {
    for w in words(text) {
        fold_into(&text[w.start..w.end], out);
        out.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Everything an index holds but its lazily found parts, for comparing.
    fn held(i: &Index) -> String {
        format!(
            "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{}",
            i.statements,
            i.parts,
            i.flags,
            i.doc_ranges,
            i.words,
            i.word_starts,
            i.word_masks,
            i.post_starts,
            i.postings,
            i.stmt_masks,
            i.canon,
            i.text_bytes
        )
    }

    /// The index of the documents after a file changed, one was deleted,
    /// one added at the front (saying what later ones say: the first
    /// place of those repeats moves to it) and one at the end, updated from
    /// the index before, is the index built afresh.
    #[test]
    fn an_updated_index_is_the_one_built_afresh() {
        let mut docs = crate::load::load_corpus(&[]).0.documents;
        docs.extend(super::super::synth::corpus(30_000, 2_000, 11));
        // A statement without words in a file kept as it is.
        let kept = &mut docs[10].pairs[0].answer[0].text;
        *kept = Cow::Owned(format!("{kept} Well? — ! And so it went."));
        let old = Index::build(&docs);
        assert!(
            (0..old.len()).any(|s| old.stmt_masks[s] == 0),
            "a statement without words is tested"
        );
        let mut now = docs.clone();
        // Changed: a statement of its own, one said in a later file, and
        // one without words.
        let said_later = docs[9].pairs[0].answer[0].text.to_string();
        let changed = &mut now[6].pairs[0].answer[0].text;
        *changed = Cow::Owned(format!(
            "{changed} Nobody said this before. {said_later} Yes? — ! No."
        ));
        now.remove(4);
        let mut first = docs[9].clone();
        first.path = "first.txt".into();
        now.insert(0, first);
        let mut last = docs[8].clone();
        last.path = "last.txt".into();
        last.pairs[0].answer[0].text = Cow::Borrowed("What was new in the talks? Nothing.");
        now.push(last);
        // Document d of `now` is old document `reuse[d]`.
        let mut reuse: Vec<Option<u32>> = vec![None];
        reuse.extend((0..docs.len() as u32).filter(|&o| o != 4).map(Some));
        reuse[6] = None;
        reuse.push(None);
        assert_eq!(reuse.len(), now.len());
        let updated = Index::updated(&old, &reuse, &now).expect("fits");
        let built = Index::build(&now);
        assert!(built.repeats.canonical.len() > 100, "repeats are tested");
        assert_eq!(held(&updated), held(&built));
        assert_eq!(updated.repeats.canonical, built.repeats.canonical);
        assert_eq!(updated.repeats.places, built.repeats.places);
        // The same files in another order, one of them twice.
        let order = [3u32, 2, 1, 0, 5, 5, 4, 6];
        let shuffled: Vec<Document> = order.iter().map(|&o| docs[o as usize].clone()).collect();
        let reuse: Vec<Option<u32>> = order.iter().map(|&o| Some(o)).collect();
        assert_eq!(
            held(&Index::updated(&old, &reuse, &shuffled).unwrap()),
            held(&Index::build(&shuffled))
        );
        // Nothing reused: built whole by the same road.
        let none = vec![None; now.len()];
        assert_eq!(
            held(&Index::updated(&old, &none, &now).unwrap()),
            held(&built)
        );
        // A reuse list that does not fit the old index is refused.
        assert!(Index::updated(&old, &[Some(u32::MAX)], &now[..1]).is_none());
    }

    #[test]
    fn repeats_list_each_first_places_later_ones_in_order() {
        // Statements 0, 2 and 5 said again: 0 at 3 and 6, 2 at 4, 5 at 7.
        let canon = [0, 1, 2, 0, 2, 5, 0, 5];
        let r = Repeats::from_canon(&canon);
        assert_eq!(r.of(0), [3, 6]);
        assert_eq!(r.of(2), [4]);
        assert_eq!(r.of(5), [7]);
        assert!(r.of(1).is_empty() && r.of(3).is_empty() && r.of(9).is_empty());
        assert_eq!(r.canonical, [0, 2, 5]);
        // A first place beyond the statements (a damaged file) is ignored.
        let r = Repeats::from_canon(&[0, 7, 0]);
        assert_eq!(r.of(0), [2]);
        assert!(r.of(7).is_empty());
    }
}
