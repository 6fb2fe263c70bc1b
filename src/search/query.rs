//! Running a query: terms → matching vocabulary words → statements, ranked.
//!
//! Per keystroke the [`Searcher`] does, for each query term it has not seen
//! before: find the vocabulary words the term matches (the prefix block of
//! the sorted vocabulary when it is big enough — those outrank every other
//! kind of match anyway — else a scan of the vocabulary, or of the previous
//! keystroke's matches when the term only grew), keep the best
//! [`MAX_WORDS`] of them, and write one score byte (a *tier*) per statement
//! from their postings. Terms already seen keep their bytes. Then one pass
//! over the statements ANDs the terms, counts per scope and builds a
//! histogram of summed tiers, from which the top hits are picked without a
//! sort; only those few are re-ranked on their text (exact words,
//! proximity, current document) and given highlight indices.

use std::ops::Range;

use super::Matcher;
use super::fold::{char_mask, folded, is_word_char, strip_accent, words};
use super::index::{CANONICAL, Index, QUESTION};
use super::texts::Texts;
use super::variants;

/// Words kept per term: enough for every inflection of a word, few enough
/// that one letter does not touch millions of postings.
pub const MAX_WORDS: usize = 128;
/// Postings a term may touch; past it the rarer-scoring words are dropped
/// and counts become lower bounds.
pub const MAX_POSTINGS: usize = 1_000_000;
/// Statements a term that matches no word is tried against, whole.
pub const FALLBACK_BUDGET: usize = 1_000;
/// Candidates re-ranked on their text.
const RERANK: usize = 200;

/// Tiers: the score byte a statement gets from the best word it holds.
/// From [`TIER_TYPO2`] up the term is a *word* of the statement (as typed,
/// inflected, or a typo or two away); below, only its letters are found
/// inside another word (fuzzy). A prefix counts as a word only for the
/// term still being typed (the query's last, no space after it).
const TIER_EQUAL: u8 = 255;
const TIER_STEM: u8 = 245;
const TIER_TYPO1: u8 = 235;
const TIER_TYPO2: u8 = 225;
const TIER_PREFIX: u8 = 220;
const TIER_INSIDE: u8 = 180;
const TIER_FUZZY_MAX: u32 = 170;
const TIER_FALLBACK_MAX: u32 = 120;
/// A one- or two-letter term scattered inside a word.
const TIER_SCATTERED_SHORT: u8 = 60;

/// Which statements a search shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Scope {
    #[default]
    All,
    /// The document being read.
    Document,
    /// Questions only, in all documents.
    Questions,
}

impl Scope {
    pub fn next(self) -> Scope {
        match self {
            Scope::All => Scope::Document,
            Scope::Document => Scope::Questions,
            Scope::Questions => Scope::All,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Scope::All => "all",
            Scope::Document => "this document",
            Scope::Questions => "questions",
        }
    }
}

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Term {
    /// Lowercase, accents folded.
    pub folded: String,
    /// Accents folded, case kept: set when the term has a capital (smart case).
    pub cased: Option<String>,
    /// `'word`: the word must contain the term as written, not scattered,
    /// and the term is never dropped from the query.
    pub exact: bool,
    /// A word of a quoted phrase (`"rapid reaction"`): which phrase of the
    /// query. Its words match as written, next to each other, in order.
    pub phrase: Option<u16>,
}

impl Term {
    /// A statement that lacks this term is not listed, however many other
    /// terms it holds.
    pub fn required(&self) -> bool {
        self.exact || self.phrase.is_some()
    }
}

/// The longest term searched for (longer ones are cut here).
pub const MAX_TERM_CHARS: usize = 64;

/// Splits a query into terms, fzf style: space-separated terms that match
/// as words (most of them, see [`Searcher::search`]), `'` before a term for
/// an exact match, `"…"` around words for a phrase, smart case. A term is
/// also split where it holds no word characters ("tajik-afghan" is two
/// terms), since the index knows words. An unclosed quote runs to the end
/// (the phrase being typed).
pub fn parse_query(query: &str) -> Vec<Term> {
    let mut terms = Vec::new();
    let mut phrases = 0u16;
    for (i, segment) in query.split('"').enumerate() {
        // Odd segments are inside quotes.
        let quoted = i % 2 == 1;
        let first = terms.len();
        for token in segment.split_whitespace() {
            // `@putin` names a speaker (see `super::speakers`), not a word.
            if token.starts_with('@') && !quoted {
                continue;
            }
            let (exact, token) = match token.strip_prefix('\'') {
                Some(rest) => (true, rest),
                None => (quoted, token),
            };
            for piece in token.split(|c: char| !is_word_char(c)) {
                if piece.is_empty() {
                    continue;
                }
                // A term's cost grows with the square of its length (the
                // matcher scores it against itself); no word is this long, so
                // the rest of a longer term could not narrow the match anyway.
                let piece = match piece.char_indices().nth(MAX_TERM_CHARS) {
                    Some((cut, _)) => &piece[..cut],
                    None => piece,
                };
                let cased = piece
                    .chars()
                    .any(char::is_uppercase)
                    .then(|| piece.chars().map(strip_accent).collect());
                terms.push(Term {
                    folded: folded(piece),
                    cased,
                    exact,
                    phrase: None,
                });
            }
        }
        // One quoted word is an exact term; two or more are a phrase.
        if quoted && terms.len() - first >= 2 {
            for t in &mut terms[first..] {
                t.phrase = Some(phrases);
            }
            phrases = phrases.saturating_add(1);
        }
    }
    terms
}

/// Whether the query's last term is still being typed: no space and no
/// closing quote after it. Its prefix matches count as words.
pub fn last_term_open(query: &str) -> bool {
    !query.ends_with(char::is_whitespace) && !query.ends_with('"')
}

/// How many statements match, per scope (repeats counted once, except in
/// the document's own count).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub all: usize,
    pub document: usize,
    pub questions: usize,
}

impl Counts {
    pub fn of(&self, scope: Scope) -> usize {
        match scope {
            Scope::All => self.all,
            Scope::Document => self.document,
            Scope::Questions => self.questions,
        }
    }
}

/// How a hit matches the query: the bands the list shows, in this order
/// (serialised as `words`, `partial`, `fuzzy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Band {
    /// Every term is a word of the statement (as typed, inflected, or a
    /// typo or two away).
    Words,
    /// Every term but one (two, in a query of four or more) is a word of
    /// it; [`Hit::missing`] names the others. Never a required term.
    Partial,
    /// Every term matches, some only as letters inside other words.
    Fuzzy,
}

/// One statement found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub statement: u32,
    /// Ranking score within its band (higher is better).
    pub score: u32,
    /// Character indices into the statement's text to highlight.
    pub indices: Vec<usize>,
    pub band: Band,
    /// The terms (folded) the statement lacks as words: for a
    /// [`Band::Partial`] hit, what it is missing.
    pub missing: Vec<String>,
}

/// What one search found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Results {
    pub hits: Vec<Hit>,
    /// Statements where every term is a word ([`Band::Words`]).
    pub counts: Counts,
    /// Statements where every term matches but some only fuzzily.
    pub fuzzy: Counts,
    /// Statements that lack a term ([`Band::Partial`]), when they were
    /// looked for: only once the words band cannot fill the list.
    pub partial: Option<Counts>,
    /// Of [`Results::fuzzy`], those listed as partial instead (every term
    /// matches, but one only fuzzily: it lacks that word).
    pub fuzzy_as_partial: Counts,
    /// Some term was capped: counts are lower bounds ("at least").
    pub approximate: bool,
    /// The query had two or more terms that may be dropped, and the
    /// statements lacking one were not looked for yet.
    pub partial_unknown: bool,
}

impl Results {
    /// How many hits the full list would hold in `scope`, as far as known
    /// (see [`Results::partial_unknown`]).
    pub fn listable(&self, scope: Scope) -> usize {
        self.counts.of(scope) + self.fuzzy.of(scope) + self.partial.map_or(0, |p| p.of(scope))
            - self.fuzzy_as_partial.of(scope)
    }
}

/// One term's cached work.
#[derive(Debug)]
struct TermState {
    term: Term,
    /// Every vocabulary word the term matches with its tier, when known
    /// (not after the prefix shortcut): what a longer term narrows.
    all: Option<Vec<(u32, u8)>>,
    /// The words used, sorted by id, with their tiers.
    selected: Vec<(u32, u8)>,
    capped: bool,
    /// No word matched: the term was tried against whole statements.
    fallback: bool,
    /// Per statement, the best tier of a selected word it holds (0: none).
    tiers: Vec<u8>,
}

impl TermState {
    fn tier_of_word(&self, id: u32) -> u8 {
        match self.selected.binary_search_by_key(&id, |&(w, _)| w) {
            Ok(i) => self.selected[i].1,
            Err(_) => 0,
        }
    }
}

/// Runs queries against an index, keeping each term's work for the next
/// keystroke. One per search box; a fresh one gives the same results.
pub struct Searcher<M: Matcher = super::SkimMatcher> {
    matcher: M,
    terms: Vec<TermState>,
    /// Identity of the index the cache belongs to.
    index_id: (usize, usize),
    /// Per statement, the summed tiers (kept to save an allocation per keystroke).
    sums: Vec<u16>,
    /// Tier buffers to reuse.
    pool: Vec<Vec<u8>>,
}

impl Default for Searcher {
    fn default() -> Self {
        Searcher::with_matcher(super::SkimMatcher)
    }
}

impl Searcher {
    pub fn new() -> Self {
        Self::default()
    }
}

impl<M: Matcher> Searcher<M> {
    pub fn with_matcher(matcher: M) -> Self {
        Searcher {
            matcher,
            terms: Vec::new(),
            index_id: (0, 0),
            sums: Vec::new(),
            pool: Vec::new(),
        }
    }

    /// The best `limit` statements for `query` in `scope`; `current` is the
    /// document being read (the `Document` scope, and a tie-breaker).
    pub fn search<'d>(
        &mut self,
        index: &Index,
        docs: impl Into<Texts<'d>>,
        query: &str,
        scope: Scope,
        current: usize,
        limit: usize,
    ) -> Results {
        let docs: Texts = docs.into();
        let id = (index.statements.as_ptr() as usize, index.len());
        if id != self.index_id {
            self.terms.clear();
            self.index_id = id;
        }
        let mut terms = parse_query(query);
        // Summed tiers are u16: 257 terms would overflow, 64 is plenty.
        terms.truncate(64);
        if terms.is_empty() || index.is_empty() {
            return Results::default();
        }
        // (A speaker being typed, `@put`, is no word being typed.)
        let open = last_term_open(query)
            && !query
                .split_whitespace()
                .next_back()
                .is_some_and(|t| t.starts_with('@'));
        let wanted = super::speakers::speaker_terms(query);
        let speakers = match wanted.is_empty() {
            true => None,
            false => match index.speakers_for(docs) {
                Some(found) => Some((found.of_statement.as_slice(), found.matching(&wanted))),
                // Nobody known to have said anything: no statement is theirs.
                None => return Results::default(),
            },
        };
        self.update_terms(index, docs, &terms);
        let states: Vec<&TermState> = terms
            .iter()
            .map(|t| {
                self.terms
                    .iter()
                    .find(|s| &s.term == t)
                    .expect("every term has a state")
            })
            .collect();
        rank(
            index,
            docs,
            &self.matcher,
            &states,
            open,
            speakers
                .as_ref()
                .map(|(of, allowed)| (*of, allowed.as_slice())),
            scope,
            current,
            limit,
            &mut self.sums,
        )
    }

    /// Brings the cache to exactly the states of `terms`, reusing what it can.
    fn update_terms(&mut self, index: &Index, docs: Texts<'_>, terms: &[Term]) {
        let mut old = std::mem::take(&mut self.terms);
        let mut new = Vec::with_capacity(terms.len());
        // Word-matching terms first, so a fallback term can narrow to them.
        for (pos, term) in terms.iter().enumerate() {
            if new.iter().any(|s: &TermState| &s.term == term) {
                continue;
            }
            if let Some(i) = old.iter().position(|s| &s.term == term && !s.fallback) {
                new.push(old.swap_remove(i));
                continue;
            }
            // The same position's old term, if this one grew from it.
            let prev = old.get(pos.min(old.len().saturating_sub(1))).filter(|p| {
                p.all.is_some()
                    && p.term.exact == term.exact
                    && term.folded.starts_with(&p.term.folded)
            });
            let prev = prev.or_else(|| {
                old.iter().find(|p| {
                    p.all.is_some()
                        && p.term.exact == term.exact
                        && term.folded.starts_with(&p.term.folded)
                })
            });
            let spare = self.pool.pop();
            new.push(word_state(index, &self.matcher, term, prev, spare));
        }
        // Fallback terms depend on the others, so they are redone each time.
        let others: Vec<usize> = (0..new.len()).filter(|&i| !new[i].fallback).collect();
        for i in 0..new.len() {
            if new[i].fallback {
                let restrict: Vec<&[u8]> =
                    others.iter().map(|&o| new[o].tiers.as_slice()).collect();
                let tiers = fallback_tiers(index, docs, &self.matcher, &new[i].term, &restrict);
                new[i].capped = tiers.1;
                new[i].tiers = tiers.0;
            }
        }
        // Buffers of terms no longer typed serve the next new term: a fresh
        // one would cost a page fault per 4 KiB on first write.
        self.pool.extend(old.into_iter().map(|s| s.tiers));
        self.pool.truncate(4);
        self.terms = new;
    }
}

/// Finds the words `term` matches and writes its statement tiers.
fn word_state<M: Matcher>(
    index: &Index,
    matcher: &M,
    term: &Term,
    prev: Option<&TermState>,
    spare: Option<Vec<u8>>,
) -> TermState {
    let t = term.folded.as_str();
    let mut all = None;
    let mut candidates: Vec<(u32, u8)>;
    let block = index.prefix_block(t);
    if !term.exact && block.len() > MAX_WORDS {
        // Prefix shortcut: prefix matches outrank every other kind, and
        // there are enough of them to fill the cap.
        candidates = block
            .clone()
            .map(|w| {
                let tier = if index.word(w).len() == t.len() {
                    TIER_EQUAL
                } else {
                    TIER_PREFIX
                };
                (w, tier)
            })
            .collect();
    } else {
        let mask = char_mask(t);
        let max = matcher.score(t, t).unwrap_or(1).max(1);
        let short_ascii = t.is_ascii() && t.len() <= 2;
        let tier_of = |w: u32| -> Option<u8> {
            if index.word_masks[w as usize] & mask != mask {
                return None;
            }
            let word = index.word(w);
            if word.len() == t.len() && word == t {
                return Some(TIER_EQUAL);
            }
            if word.starts_with(t) {
                return Some(TIER_PREFIX);
            }
            if word.contains(t) {
                return Some(TIER_INSIDE);
            }
            if term.exact || !is_subsequence(t, word) {
                return None;
            }
            if short_ascii {
                // Two letters apart inside a word: thousands of such words,
                // and the fuzzy score would only rank them by bonuses that
                // mean little at this length.
                return Some(TIER_SCATTERED_SHORT);
            }
            let score = matcher.score(word, t)?.max(0) as u64;
            let tier = 1
                + (score * u64::from(TIER_FUZZY_MAX - 1) / max as u64)
                    .min(u64::from(TIER_FUZZY_MAX - 1));
            Some(tier as u8)
        };
        candidates = match prev.and_then(|p| p.all.as_ref()) {
            Some(words) => words
                .iter()
                .filter_map(|&(w, _)| tier_of(w).map(|tier| (w, tier)))
                .collect(),
            None => (0..index.vocabulary_len() as u32)
                .filter_map(|w| tier_of(w).map(|tier| (w, tier)))
                .collect(),
        };
        // (What a longer term narrows: the letters' matches only, since
        // typos are looked for afresh each time.)
        all = Some(candidates.clone());
    }
    if !term.exact {
        let mut found: Vec<(u32, u8)> = variants::inflections(index, t)
            .into_iter()
            .filter(|&w| index.word(w) != t)
            .map(|w| (w, TIER_STEM))
            .collect();
        // (Not beside the prefix shortcut: a term that starts this many
        // words is no typo.)
        if all.is_some() {
            let budget = variants::typo_budget(t.chars().count());
            found.extend(
                variants::typos(index, t, budget)
                    .into_iter()
                    .map(|(w, edits)| (w, if edits == 1 { TIER_TYPO1 } else { TIER_TYPO2 })),
            );
        }
        // A word found more than one way keeps its best tier. (The
        // letters' matches are in vocabulary order: a search per word
        // found, not a sort of them all.)
        debug_assert!(candidates.is_sorted_by_key(|&(w, _)| w));
        let mut new = Vec::new();
        for (w, tier) in found {
            match candidates.binary_search_by_key(&w, |&(c, _)| c) {
                Ok(i) => candidates[i].1 = candidates[i].1.max(tier),
                Err(_) => match new.iter_mut().find(|(n, _): &&mut (u32, u8)| *n == w) {
                    Some(n) => n.1 = n.1.max(tier),
                    None => new.push((w, tier)),
                },
            }
        }
        candidates.extend(new);
    }
    let fallback = candidates.is_empty();
    // Best first: tier, then the commoner word (more of what was typed).
    let key = |&(w, tier): &(u32, u8)| {
        (
            std::cmp::Reverse(tier),
            std::cmp::Reverse(index.postings_of(w).len()),
            w,
        )
    };
    if candidates.len() > MAX_WORDS {
        candidates.select_nth_unstable_by_key(MAX_WORDS, key);
        candidates.truncate(MAX_WORDS);
    }
    candidates.sort_unstable_by_key(key);
    let mut touched = 0;
    let mut keep = 0;
    for &(w, _) in &candidates {
        let n = index.postings_of(w).len();
        if keep > 0 && touched + n > MAX_POSTINGS {
            break;
        }
        touched += n;
        keep += 1;
    }
    let total = all.as_ref().map_or(block.len(), Vec::len);
    let capped = keep < total;
    candidates.truncate(keep);
    let mut tiers = spare.unwrap_or_default();
    tiers.clear();
    tiers.resize(index.len(), 0);
    // Worst word first, plain stores: the best word a statement holds is
    // written last.
    for &(w, tier) in candidates.iter().rev() {
        for &s in index.postings_of(w) {
            tiers[s as usize] = tier;
        }
    }
    candidates.sort_unstable_by_key(|&(w, _)| w);
    TermState {
        term: term.clone(),
        all,
        selected: candidates,
        capped,
        fallback,
        tiers,
    }
}

/// Whether the bytes of `needle` appear in order in `hay` (a cheap filter
/// before the fuzzy matcher; exact for ASCII, permissive otherwise).
fn is_subsequence(needle: &str, hay: &str) -> bool {
    let mut it = hay.bytes();
    needle.bytes().all(|b| it.any(|h| h == b))
}

/// Tiers of a term that matches no word, against whole statements: those
/// every other term matches, at most [`FALLBACK_BUDGET`] of them. Returns
/// whether the budget ran out.
fn fallback_tiers<M: Matcher>(
    index: &Index,
    docs: Texts<'_>,
    matcher: &M,
    term: &Term,
    restrict: &[&[u8]],
) -> (Vec<u8>, bool) {
    let t = term.folded.as_str();
    let mask = char_mask(t);
    let max = matcher.score(t, t).unwrap_or(1).max(1);
    let mut tiers = vec![0u8; index.len()];
    let mut tried = 0;
    let mut buf = String::new();
    for s in 0..index.len() {
        if index.stmt_masks[s] & mask != mask || restrict.iter().any(|r| r[s] == 0) {
            continue;
        }
        if tried == FALLBACK_BUDGET {
            return (tiers, true);
        }
        tried += 1;
        buf.clear();
        super::fold::fold_into(docs.text(&index.statements[s]), &mut buf);
        if term.exact {
            if buf.contains(t) {
                tiers[s] = TIER_FALLBACK_MAX as u8;
            }
        } else if let Some(score) = matcher.score(&buf, t) {
            let score = score.max(0) as u64;
            let tier = 1
                + (score * u64::from(TIER_FALLBACK_MAX - 1) / max as u64)
                    .min(u64::from(TIER_FALLBACK_MAX - 1));
            tiers[s] = tier as u8;
        }
    }
    (tiers, false)
}

/// Whether a word of `text` holds the letters of `cased` in order, case as
/// typed (smart case: a capital in the query must be a capital).
fn cased_match(text: &str, cased: &str) -> bool {
    words(text).any(|w| {
        let mut it = text[w.start..w.end].chars().map(strip_accent);
        cased.chars().all(|c| it.any(|h| h == c))
    })
}

/// What re-ranking looks at, best first when compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    score: std::cmp::Reverse<u32>,
    exact: std::cmp::Reverse<u32>,
    /// BM25 of the terms held as words, in tenths (queries of several
    /// terms): among statements that match alike, the one whose words are
    /// most about them.
    fit: std::cmp::Reverse<u32>,
    /// Words between the first and last matched term.
    span: u32,
    in_document: std::cmp::Reverse<bool>,
    /// Length in bytes: the shorter statement says it more directly.
    chars: u32,
    statement: u32,
}

/// In a summed score: every term matched as a word. Set, it ranks the
/// statement above every one where some term matched only fuzzily.
const WORDS_BIT: u16 = 1 << 15;
/// In a summed score: the tiers' sum (64 terms × 255 fit in 14 bits).
const SCORE_BITS: u16 = (1 << 14) - 1;
/// Statements checked for a quoted phrase per keystroke: a phrase of
/// common words (`"of the"`) is found in these, and counts become lower
/// bounds past them.
pub const PHRASE_CHECKS: usize = 20_000;

/// The lowest tier at which `term` is a word of the statement: any match
/// for an exact term (it matches as written), a prefix for the term being
/// typed, else the term as typed, inflected or a typo or two away.
fn word_min(term: &Term, open: bool) -> u8 {
    if term.exact {
        1
    } else if open {
        TIER_PREFIX
    } else {
        TIER_TYPO2
    }
}

/// Summed tiers per statement, 0 where some term does not match. Term by
/// term over whole arrays, branch-free, so the compiler vectorises it:
/// this pass touches every statement on every keystroke. (Whether every
/// term is a word is asked later, of the statements that match.)
fn sum_tiers(tiers: &[&[u8]], sums: &mut Vec<u16>, n: usize) {
    sums.clear();
    sums.extend(tiers[0][..n].iter().map(|&t| u16::from(t)));
    for t in &tiers[1..] {
        for (sum, &v) in sums.iter_mut().zip(&t[..n]) {
            let keep = u16::from(v != 0 && *sum != 0);
            *sum = (*sum + u16::from(v)) * keep;
        }
    }
}

/// The quoted phrases of a query: for each, its terms' positions in order.
fn phrase_groups(states: &[&TermState]) -> Vec<Vec<usize>> {
    let mut groups: Vec<(u16, Vec<usize>)> = Vec::new();
    for (i, st) in states.iter().enumerate() {
        if let Some(p) = st.term.phrase {
            match groups.iter_mut().find(|(id, _)| *id == p) {
                Some((_, g)) => g.push(i),
                None => groups.push((p, vec![i])),
            }
        }
    }
    groups.into_iter().map(|(_, g)| g).collect()
}

/// Whether each phrase stands in statement `s` word after word, in order.
fn phrases_hold(
    index: &Index,
    docs: Texts<'_>,
    states: &[&TermState],
    phrases: &[Vec<usize>],
    s: u32,
) -> bool {
    let tokens = tokens(index, docs.text(&index.statements[s as usize]));
    let holds = |pos: usize, t: usize| {
        tokens[pos]
            .id
            .is_some_and(|id| states[t].tier_of_word(id) > 0)
    };
    phrases.iter().all(|group| {
        tokens.len() >= group.len()
            && (0..=tokens.len() - group.len())
                .any(|at| group.iter().enumerate().all(|(k, &t)| holds(at + k, t)))
    })
}

/// The best `limit` statements by `values` (0: not listed) in scope, from
/// their histogram: everything above the threshold value, and of the ties
/// at it as many as the re-ranking can afford, the current document's
/// first. Returns (statement, value) pairs, unordered.
fn select(
    values: &[u16],
    hist: &[u32],
    bucket_value: impl Fn(usize) -> u16,
    limit: usize,
    in_scope: impl Fn(usize) -> bool,
    doc_range: &Range<u32>,
) -> Vec<(u32, u32)> {
    if limit == 0 {
        return Vec::new();
    }
    let n = values.len();
    // The lowest value that still makes the top `limit` (the histogram's
    // buckets are the values in order, `bucket_value` says which).
    let mut threshold = 1;
    let mut above = 0u32;
    for (bucket, &count) in hist.iter().enumerate().rev() {
        if count == 0 || bucket == 0 {
            continue;
        }
        threshold = bucket_value(bucket);
        if (above + count) as usize >= limit {
            break;
        }
        above += count;
    }
    let mut candidates: Vec<(u32, u32)> = Vec::new();
    let mut ties = 0usize;
    let tie_room = RERANK.saturating_sub(above as usize).max(limit);
    let (lo, hi) = (doc_range.start as usize, doc_range.end as usize);
    let mut found_above = 0u32;
    const CHUNK: usize = 32;
    'ranges: for range in [lo..hi, 0..lo, hi..n] {
        let start = range.start;
        for (c, chunk) in values[range].chunks(CHUNK).enumerate() {
            // Done once every better statement and enough ties are in.
            if ties == tie_room && found_above == above {
                break 'ranges;
            }
            if chunk.iter().fold(0, |acc, &v| acc.max(v)) < threshold {
                continue;
            }
            for (i, &value) in chunk.iter().enumerate() {
                let s = start + c * CHUNK + i;
                if value < threshold || !in_scope(s) {
                    continue;
                }
                if value == threshold {
                    if ties == tie_room {
                        continue;
                    }
                    ties += 1;
                } else {
                    found_above += 1;
                }
                candidates.push((s as u32, u32::from(value)));
            }
        }
    }
    candidates
}

/// Adds statement `s` to `counts` by its flags (repeats once, except in
/// the document's own count).
fn tally(counts: &mut Counts, f: u8, in_doc: bool) {
    counts.all += usize::from(f & CANONICAL);
    counts.questions += usize::from(f & (CANONICAL | QUESTION) == CANONICAL | QUESTION);
    counts.document += usize::from(in_doc);
}

/// Ranks the statements for the terms' tiers, in three bands: every term a
/// word ([`Band::Words`]); when those cannot fill `limit`, every term but
/// one or two ([`Band::Partial`], ranked by how many terms, how rare the
/// ones held, then score); then every term matched but some only fuzzily
/// ([`Band::Fuzzy`]). Within a band, the best are re-ranked on their text.
#[allow(clippy::too_many_arguments)]
fn rank<M: Matcher>(
    index: &Index,
    docs: Texts<'_>,
    matcher: &M,
    states: &[&TermState],
    open: bool,
    speakers: Option<(&[u32], &[bool])>,
    scope: Scope,
    current: usize,
    limit: usize,
    sums: &mut Vec<u16>,
) -> Results {
    let n = index.len();
    // Said by one of the speakers asked for (`@putin`), when any were.
    let narrowed = speakers.is_some();
    let said_by = |s: usize| {
        speakers.is_none_or(|(of, allowed)| {
            let who = of[s];
            who != super::speakers::NOBODY && allowed[who as usize]
        })
    };
    let nterms = states.len();
    let word_mins: Vec<u8> = states
        .iter()
        .enumerate()
        .map(|(i, st)| word_min(&st.term, open && i + 1 == nterms))
        .collect();
    let doc_range = index.document_range(current);
    let cased: Vec<(usize, &str)> = states
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.term.cased.as_deref().map(|c| (i, c)))
        .collect();
    let phrases = phrase_groups(states);
    // (Asked once: the counting pass visits every statement that matches.)
    let has_phrases = !phrases.is_empty();
    let mut phrase_budget = PHRASE_CHECKS;
    let mut approximate = states.iter().any(|s| s.capped);
    let mut phrase_ok = |s: usize, approximate: &mut bool| {
        if phrases.is_empty() {
            return true;
        }
        if phrase_budget == 0 {
            *approximate = true;
            return false;
        }
        phrase_budget -= 1;
        phrases_hold(index, docs, states, &phrases, s as u32)
    };
    let tiers: Vec<&[u8]> = states.iter().map(|s| s.tiers.as_slice()).collect();
    sum_tiers(&tiers, sums, n);
    // The histogram's buckets: a fuzzy statement's summed tiers, a words
    // one's above every fuzzy one.
    let offset = 255 * nterms + 1;
    // One term: its word tiers are above its fuzzy ones, the sum says it
    // all. More: the counting pass marks the words ones with WORDS_BIT.
    let single = nterms == 1;
    let single_min = u16::from(word_mins[0]);
    let is_words = move |sum: u16| {
        if single {
            sum >= single_min
        } else {
            sum & WORDS_BIT != 0
        }
    };
    // (Branch-free: a prefix being typed mixes word and fuzzy matches
    // unpredictably over a million statements. One term's sum never
    // reaches the flag.)
    let bucket =
        |sum: u16| -> usize { usize::from(sum & SCORE_BITS) + usize::from(sum >> 15) * offset };
    let bucket_value = |b: usize| -> u16 {
        if b >= offset {
            (b - offset) as u16 | WORDS_BIT
        } else {
            b as u16
        }
    };
    let mut hist = vec![0u32; 2 * offset];
    // Statements that match, by kind: bit 0 canonical, 1 a question
    // (the index's flags), 2 in the current document, 3 every term a word.
    // One increment each; the counts per scope are summed from it after.
    let mut kinds = [0usize; 16];
    let flags = &index.flags[..n];
    // What a statement needs (flags) to be in scope, outside the document range.
    let need = match scope {
        Scope::All => CANONICAL,
        Scope::Questions => CANONICAL | QUESTION,
        Scope::Document => u8::MAX,
    };
    // Narrowed to a speaker, a statement said first by someone else and
    // then by them is theirs to list, once: at the first place they say it.
    // (The first of theirs is found once per repeated statement: a formula
    // said thousands of times is not looked through for each place.)
    let first_of_theirs: std::cell::RefCell<std::collections::HashMap<u32, u32>> =
        Default::default();
    let first_theirs = |s: usize| {
        let canon = index.canon[s];
        !said_by(canon as usize)
            && *first_of_theirs
                .borrow_mut()
                .entry(canon)
                .or_insert_with(|| {
                    index
                        .repeats_of(canon)
                        .iter()
                        .copied()
                        .find(|&p| said_by(p as usize))
                        .unwrap_or(u32::MAX)
                })
                == s as u32
    };
    let flag_of = |s: usize| {
        let f = flags[s];
        if narrowed && f & CANONICAL == 0 && said_by(s) && first_theirs(s) {
            f | CANONICAL
        } else {
            f
        }
    };
    let in_scope = |s: usize| {
        if scope == Scope::Document {
            doc_range.contains(&(s as u32))
        } else {
            flag_of(s) & need == need
        }
    };
    let mut words_in_scope = 0usize;
    // Counts and the histogram of values in scope; chunks of zeros (no
    // match) are skipped a cache line at a time.
    const CHUNK: usize = 32;
    for (c, chunk) in sums.chunks_mut(CHUNK).enumerate() {
        if chunk.iter().fold(0, |acc, &v| acc | v) == 0 {
            continue;
        }
        for (i, sum) in chunk.iter_mut().enumerate() {
            if *sum == 0 {
                continue;
            }
            let s = c * CHUNK + i;
            if !cased.is_empty() {
                let text = docs.text(&index.statements[s]);
                if !cased.iter().all(|(_, c)| cased_match(text, c)) {
                    *sum = 0;
                    continue;
                }
            }
            if has_phrases && !phrase_ok(s, &mut approximate) || narrowed && !said_by(s) {
                *sum = 0;
                continue;
            }
            let words = if single {
                usize::from(*sum >= single_min)
            } else {
                let words = tiers.iter().zip(&word_mins).all(|(t, &min)| t[s] >= min);
                *sum |= u16::from(words) << 15;
                usize::from(words)
            };
            let in_doc = usize::from(doc_range.contains(&(s as u32)));
            kinds[usize::from(flag_of(s) & (CANONICAL | QUESTION)) | in_doc << 2 | words << 3] += 1;
            if in_scope(s) {
                hist[bucket(*sum)] += 1;
                words_in_scope += words;
            }
        }
    }
    let count = |words: usize| {
        let sum = |want: usize, mask: usize| -> usize {
            (0..8)
                .filter(|k| k & mask == want)
                .map(|k| kinds[k | words << 3])
                .sum()
        };
        Counts {
            all: sum(1, 1),
            questions: sum(3, 3),
            document: sum(4, 4),
        }
    };
    let (counts, fuzzy) = (count(1), count(0));
    // The statements that lack a term, when the words band leaves room.
    let droppable = states.iter().any(|s| !s.term.required());
    let may_drop = nterms >= 2 && droppable;
    let mut partial = None;
    let mut fuzzy_as_partial = Counts::default();
    let mut partial_values: Vec<u16> = Vec::new();
    let mut partial_hist: Vec<u32> = Vec::new();
    if may_drop && words_in_scope < limit {
        let (values, found) = partial_band(index, states, &tiers, &word_mins, &mut |s| {
            said_by(s)
                && (cased.is_empty() || {
                    let text = docs.text(&index.statements[s]);
                    cased
                        .iter()
                        .all(|&(t, c)| tiers[t][s] == 0 || cased_match(text, c))
                })
                && phrase_ok(s, &mut approximate)
        });
        partial_hist = vec![0u32; 1 << 15];
        let mut pc = Counts::default();
        for &s in &found {
            let s = s as usize;
            let in_doc = doc_range.contains(&(s as u32));
            tally(&mut pc, flag_of(s), in_doc);
            if sums[s] != 0 {
                // Every term matched, one only fuzzily: listed as lacking it.
                tally(&mut fuzzy_as_partial, flag_of(s), in_doc);
                if in_scope(s) {
                    hist[bucket(sums[s])] -= 1;
                }
                sums[s] = 0;
            }
            if in_scope(s) {
                partial_hist[usize::from(values[s])] += 1;
            }
        }
        partial = Some(pc);
        partial_values = values;
    }
    let top = select(sums, &hist, bucket_value, limit, in_scope, &doc_range);
    let (words_top, fuzzy_top): (Vec<_>, Vec<_>) = top
        .into_iter()
        .partition(|&(_, value)| is_words(value as u16));
    let mut bands = vec![(Band::Words, words_top)];
    if partial.is_some() {
        let room = limit.saturating_sub(bands[0].1.len());
        bands.push((
            Band::Partial,
            select(
                &partial_values,
                &partial_hist,
                |b| b as u16,
                room,
                in_scope,
                &doc_range,
            ),
        ));
    }
    bands.push((Band::Fuzzy, fuzzy_top));
    let multi = states.iter().filter(|s| !s.fallback).count() > 1;
    let cx = KeyContext {
        states,
        idf: if multi {
            word_idf(index, states, &word_mins)
        } else {
            Vec::new()
        },
        word_mins: &word_mins,
        mean_bytes: (index.text_bytes as f64 / index.len().max(1) as f64).max(1.0),
        fit_max: 0.0,
        doc_range: doc_range.clone(),
        multi,
    };
    let cx = KeyContext {
        fit_max: (cx.idf.iter().sum::<f64>() * (BM25_K1 + 1.0)).max(f64::MIN_POSITIVE),
        ..cx
    };
    let mut hits = Vec::new();
    for (band, candidates) in bands {
        let room = limit.saturating_sub(hits.len());
        let mut keyed: Vec<Key> = candidates
            .into_iter()
            .map(|(s, value)| key(index, docs, &cx, s, value))
            .collect();
        keyed.sort_unstable();
        keyed.truncate(room);
        hits.extend(keyed.into_iter().map(|key| {
            let s = key.statement as usize;
            let missing = if band == Band::Partial {
                states
                    .iter()
                    .zip(&word_mins)
                    .filter(|(st, min)| st.tiers[s] < **min)
                    .map(|(st, _)| st.term.folded.clone())
                    .collect()
            } else {
                Vec::new()
            };
            Hit {
                statement: key.statement,
                score: key.score.0,
                indices: highlight(index, docs, matcher, states, key.statement),
                band,
                missing,
            }
        }));
    }
    Results {
        hits,
        counts,
        fuzzy,
        partial,
        fuzzy_as_partial,
        approximate,
        partial_unknown: may_drop && partial.is_none(),
    }
}

/// The statements that hold every term but one as a word (but two, in a
/// query of four or more terms) and every required term, with their
/// ranking values (0: not in the band): how many terms they hold, how
/// rare those are (inverse document frequency, 63 shared among the
/// terms), then the mean tier. `keep` vets each (smart case, phrases).
fn partial_band(
    index: &Index,
    states: &[&TermState],
    tiers: &[&[u8]],
    word_mins: &[u8],
    keep: &mut dyn FnMut(usize) -> bool,
) -> (Vec<u16>, Vec<u32>) {
    let n = index.len();
    let nterms = states.len();
    let may_lack = if nterms >= 4 { 2 } else { 1 };
    let idf = word_idf(index, states, word_mins);
    let idf_sum: f64 = idf.iter().sum();
    // Per statement, packed: bits 0–13 the summed tiers, 14–19 the weight
    // of the terms held as words, 20–26 how many, 31 a required term lacked.
    let mut acc = vec![0u32; n];
    for (t, st) in states.iter().enumerate() {
        let required = if st.term.required() { 1u32 << 31 } else { 0 };
        let min = word_mins[t];
        // What each tier adds, looked up: the tier itself (a lacked term's
        // letters scattered in a word still count: `loer` in "lower" is
        // more likely what was meant), and for a word match its weight and
        // one held term. A word a typo away weighs less than the word as
        // typed: `chile` finds "child", but a statement holding the other
        // terms as typed is the likelier one (Lucene scales fuzzy matches
        // down by their edits likewise).
        let mut add = [0u32; 256];
        for (v, slot) in add.iter_mut().enumerate() {
            let tier = v as u8;
            *slot = u32::from(tier);
            if v > 0 && tier >= min {
                let weight = (63.0 * idf[t] / idf_sum * word_certainty(tier)).floor() as u32;
                *slot += (weight << 14) | (1 << 20);
            }
        }
        for (a, &v) in acc.iter_mut().zip(&tiers[t][..n]) {
            *a += add[usize::from(v)];
            *a |= required * u32::from(v == 0);
        }
    }
    let mut values = vec![0u16; n];
    let mut found = Vec::new();
    for (s, &a) in acc.iter().enumerate() {
        if a >> 31 != 0 {
            continue;
        }
        let held = ((a >> 20) & 0x7f) as usize;
        if held == nterms || held == 0 || held + may_lack < nterms || !keep(s) {
            continue;
        }
        let level = u32::from(held + 1 == nterms);
        let weight = (a >> 14) & 0x3f;
        let mean = ((a & 0x3fff) / nterms as u32).clamp(1, 255);
        values[s] = ((level << 14) | (weight << 8) | mean) as u16;
        found.push(s as u32);
    }
    (values, found)
}

/// How rare each term is as a word: the statements holding one of the
/// words it matches as a word (as typed, inflected, a typo away).
fn word_idf(index: &Index, states: &[&TermState], word_mins: &[u8]) -> Vec<f64> {
    let n = index.len();
    states
        .iter()
        .zip(word_mins)
        .map(|(st, &min)| {
            let df: usize = st
                .selected
                .iter()
                .filter(|&&(_, tier)| tier >= min)
                .map(|&(w, _)| index.postings_of(w).len())
                .sum();
            ((n as f64 + 1.0) / (df.min(n) as f64 + 1.0)).ln().max(0.01)
        })
        .collect()
}

/// How well a statement's words answer the terms, as BM25 weighs it: each
/// term held as a word counts by its rarity, more when said again, and a
/// statement that holds them in fewer words says it more directly.
/// (k1 = 1.2, b = 0.75, the usual values.)
fn bm25(idf: f64, tf: u32, len_ratio: f64) -> f64 {
    const B: f64 = 0.75;
    if tf == 0 {
        return 0.0;
    }
    let tf = f64::from(tf);
    idf * tf * (BM25_K1 + 1.0) / (tf + BM25_K1 * (1.0 - B + B * len_ratio))
}

/// BM25's term-frequency saturation: a term's part never exceeds
/// `idf × (K1 + 1)`.
const BM25_K1: f64 = 1.2;

/// How sure a word match of this tier is to be the word meant: as typed
/// or inflected, sure; a typo or two away, or a prefix, less so.
fn word_certainty(tier: u8) -> f64 {
    match tier {
        TIER_EQUAL | TIER_STEM => 1.0,
        TIER_TYPO1 => 0.5,
        TIER_TYPO2 => 0.35,
        _ => 0.5,
    }
}

/// A word of a candidate statement, with its vocabulary id.
struct Token {
    first_char: usize,
    folded: String,
    id: Option<u32>,
}

fn tokens(index: &Index, text: &str) -> Vec<Token> {
    words(text)
        .map(|w| {
            let folded = folded(&text[w.start..w.end]);
            Token {
                first_char: w.first_char,
                id: index.word_id(&folded),
                folded,
            }
        })
        .collect()
}

/// The re-ranking key of a candidate. Exactness comes from the tier bytes;
/// only queries of several terms read the text, for proximity.
/// Steps that rank apart, over BM25 as a share of the most the terms could
/// score (each said often in a very short statement). Coarse on purpose,
/// 5% a step: a few characters more or less are no reason to rank a
/// statement of another document above the one being read, or scattered
/// words above close ones.
const FIT_STEPS: f64 = 20.0;

/// What [`key`] needs of the query as a whole, computed once.
struct KeyContext<'a> {
    states: &'a [&'a TermState],
    /// Per term: its idf as a word, and the lowest tier that is a word.
    idf: Vec<f64>,
    word_mins: &'a [u8],
    /// The mean statement length in bytes (BM25's average length).
    mean_bytes: f64,
    /// The most BM25 the terms could give ([`bm25`]'s bound).
    fit_max: f64,
    doc_range: Range<u32>,
    multi: bool,
}

fn key(index: &Index, docs: Texts<'_>, cx: &KeyContext, s: u32, sum: u32) -> Key {
    let states = cx.states;
    let exact = states
        .iter()
        .filter(|t| t.tiers[s as usize] == TIER_EQUAL)
        .count() as u32;
    let st = &index.statements[s as usize];
    let mut span = 0;
    let mut fit = 0.0;
    if cx.multi {
        let tokens = tokens(index, docs.text(st));
        let len_ratio = f64::from(st.end - st.start) / cx.mean_bytes;
        let (mut first, mut last) = (u32::MAX, 0u32);
        for (t, state) in states.iter().enumerate().filter(|(_, s)| !s.fallback) {
            // The term's best word in the statement, and where it is; how
            // many of its words are the term's as a word.
            let mut best: Option<(u8, u32)> = None;
            let mut tf = 0;
            for (pos, token) in tokens.iter().enumerate() {
                let Some(id) = token.id else { continue };
                let tier = state.tier_of_word(id);
                if tier == 0 {
                    continue;
                }
                tf += u32::from(tier >= cx.word_mins[t]);
                if best.is_none_or(|(b, _)| tier > b) {
                    best = Some((tier, pos as u32));
                }
            }
            if let Some((_, pos)) = best {
                first = first.min(pos);
                last = last.max(pos);
            }
            fit += bm25(cx.idf[t], tf, len_ratio);
        }
        span = last.saturating_sub(first);
    }
    Key {
        score: std::cmp::Reverse(sum),
        exact: std::cmp::Reverse(exact),
        fit: std::cmp::Reverse((fit / cx.fit_max * FIT_STEPS) as u32),
        span,
        in_document: std::cmp::Reverse(cx.doc_range.contains(&s)),
        chars: st.end - st.start,
        statement: s,
    }
}

/// Character indices of the statement's text that the terms matched.
fn highlight<M: Matcher>(
    index: &Index,
    docs: Texts<'_>,
    matcher: &M,
    states: &[&TermState],
    s: u32,
) -> Vec<usize> {
    let tokens = tokens(index, docs.text(&index.statements[s as usize]));
    let mut out = Vec::new();
    for state in states {
        let t = &state.term.folded;
        if state.fallback {
            let text = folded(docs.text(&index.statements[s as usize]));
            if state.term.exact {
                if let Some(at) = text.find(t.as_str()) {
                    let first = text[..at].chars().count();
                    out.extend(first..first + t.chars().count());
                }
            } else if let Some((_, idx)) = matcher.indices(&text, t) {
                out.extend(idx);
            }
            continue;
        }
        for token in &tokens {
            if token.id.is_some_and(|id| state.tier_of_word(id) > 0)
                && let Some((_, idx)) = matcher.indices(&token.folded, t)
            {
                out.extend(idx.into_iter().map(|i| token.first_char + i));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}
