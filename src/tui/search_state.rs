//! What the search pane holds between keystrokes — the query, the scope,
//! the hits ranked so far and the selection — and how each changes. The
//! drawing is [`super::search`]'s; nothing of `App` here.

use super::keymap::Action;
use crate::model::{Document, TurnPart, TurnRole};
use crate::search::people::{Person, search_prefix};
use crate::search::{Index, Results, Scope, Searcher, Texts};

/// The longest search query kept: far longer than anything typed, short
/// enough that every keystroke stays cheap whatever was pasted.
pub const MAX_QUERY_CHARS: usize = 512;

/// Hits asked for per keystroke; more are ranked as the selection nears
/// the end of those (twice as many each time), so every hit is reachable.
pub const LIMIT: usize = 50;

/// The pane's fourth scope: what one person said, across the documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaidBy {
    /// How the person is shown (their fullest label).
    pub name: String,
    /// The `@` words that pick every label of theirs and no one else's
    /// (`@vladimir @putin `), put before the query typed.
    pub prefix: String,
}

impl SaidBy {
    /// Whoever answers pair `pair` of document `doc`, when the transcript
    /// names them and `@` words can tell them from everyone else in
    /// `people`; `Err` says why not.
    pub fn answering(
        docs: &[Document],
        people: &[Person],
        doc: usize,
        pair: Option<usize>,
    ) -> Result<SaidBy, String> {
        let Some(pair) = pair else {
            return Err("no question here: the person scope takes the one answering it".into());
        };
        // The turn that answers, not a moderator's hand-off or another
        // voice's interjection kept in the answer before it.
        let label = docs
            .get(doc)
            .and_then(|d| {
                d.turns.iter().find(|t| {
                    t.part == TurnPart::Answer(pair)
                        && t.role == TurnRole::Answer
                        && t.speaker.is_some()
                })
            })
            .and_then(|t| t.speaker.as_deref())
            .ok_or_else(|| "this answer names no speaker".to_string())?;
        let person = people
            .iter()
            .find(|p| p.labels.iter().any(|l| l == label))
            .ok_or_else(|| format!("“{label}” is not among the speakers"))?;
        SaidBy::person(person, people)
    }

    /// What `person` said, when `@` words tell them from everyone in `people`.
    pub fn person(person: &Person, people: &[Person]) -> Result<SaidBy, String> {
        Ok(SaidBy {
            name: person.name.clone(),
            prefix: search_prefix(person, people)?,
        })
    }
}

/// What the pane holds between keystrokes.
pub struct SearchPane {
    pub query: String,
    /// The scope chosen among all, this document and questions; see
    /// `said_by` for the fourth.
    pub scope: Scope,
    /// Narrowed to one person (the fourth scope), in place of `scope`.
    pub said_by: Option<SaidBy>,
    pub results: Results,
    /// Index of the selected hit.
    pub selected: usize,
    searcher: Searcher,
    /// (query, scope, the document for the `Document` scope) the results
    /// answer. Reading another document does not re-rank the other scopes:
    /// reopening the pane after a jump finds the list as it was left.
    answered: Option<(String, Scope, usize)>,
    /// Hits ranked so far for this query.
    limit: usize,
    /// The document being read when the query was ranked (its tie-break).
    ranked_for: usize,
}

impl std::fmt::Debug for SearchPane {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchPane")
            .field("query", &self.query)
            .field("scope", &self.scope)
            .field("hits", &self.results.hits.len())
            .field("selected", &self.selected)
            .finish_non_exhaustive()
    }
}

impl Default for SearchPane {
    fn default() -> Self {
        SearchPane {
            query: String::new(),
            scope: Scope::All,
            said_by: None,
            results: Results::default(),
            selected: 0,
            searcher: Searcher::new(),
            answered: None,
            limit: LIMIT,
            ranked_for: 0,
        }
    }
}

impl SearchPane {
    /// Drops the hits (and what the searcher kept between keystrokes) but
    /// keeps the query and scope: the index they came from is gone.
    pub fn forget_results(&mut self) {
        self.results = Results::default();
        self.selected = 0;
        self.searcher = Searcher::new();
        self.answered = None;
    }

    /// The scope the hits are counted in: narrowed to a person, every
    /// document's statements (of theirs).
    pub fn active_scope(&self) -> Scope {
        if self.said_by.is_some() {
            Scope::All
        } else {
            self.scope
        }
    }

    /// The query as ranked: the typed one, after the person's `@` words
    /// when narrowed to a person (nothing typed: nothing to rank).
    fn ranked_query(&self) -> String {
        match &self.said_by {
            Some(person) if !self.query.trim().is_empty() => {
                format!("{}{}", person.prefix, self.query)
            }
            _ => self.query.clone(),
        }
    }

    /// Steps to the next scope: all, this document, questions, then — when
    /// `person` says who is being read and can be told apart — what that
    /// person said, then all again. `Err` says why the person's scope was
    /// passed over.
    pub fn next_scope(
        &mut self,
        person: impl FnOnce() -> Result<SaidBy, String>,
    ) -> Result<(), String> {
        if self.said_by.take().is_some() {
            self.scope = Scope::All;
            return Ok(());
        }
        if self.scope == Scope::Questions {
            self.scope = Scope::All;
            self.said_by = Some(person()?);
            return Ok(());
        }
        self.scope = self.scope.next();
        Ok(())
    }

    /// Runs the query if it, the scope or the document changed since the
    /// last run. This is the whole per-keystroke cost.
    pub fn refresh<'d>(&mut self, index: &Index, docs: impl Into<Texts<'d>>, current: usize) {
        let scope = self.active_scope();
        let document = if scope == Scope::Document {
            current
        } else {
            usize::MAX
        };
        let query = self.ranked_query();
        let key = (query, scope, document);
        if self.answered.as_ref() == Some(&key) {
            return;
        }
        self.limit = LIMIT;
        self.ranked_for = current;
        self.results = self
            .searcher
            .search(index, docs, &key.0, scope, current, LIMIT);
        self.selected = 0;
        self.answered = Some(key);
    }

    /// How many hits the list holds in the scope, those not ranked yet
    /// included, as far as known (see [`SearchPane::may_list_more`]).
    pub fn total(&self) -> usize {
        self.results
            .listable(self.active_scope())
            .max(self.results.hits.len())
    }

    /// Whether ranking more could list hits beyond [`SearchPane::total`]:
    /// the statements lacking a term are looked for only once the list
    /// reaches them.
    fn may_list_more(&self) -> bool {
        self.results.partial_unknown
    }

    /// Ranks more hits when hit `wanted` is within `page` of the last one
    /// ranked and more match; whether it did.
    pub fn rank_more<'d>(
        &mut self,
        index: &Index,
        docs: impl Into<Texts<'d>>,
        wanted: usize,
        page: usize,
    ) -> bool {
        let ranked = self.results.hits.len();
        if wanted.saturating_add(page) < ranked || ranked >= self.total() && !self.may_list_more() {
            return false;
        }
        self.limit = self.limit.saturating_mul(2);
        let selected = self.selected;
        let more = self.searcher.search(
            index,
            docs,
            &self.ranked_query(),
            self.active_scope(),
            self.ranked_for,
            self.limit,
        );
        // The hits already listed keep their places (ties among them may
        // rank in another order at a larger limit); those new to the list
        // follow, so stepping on never skips or repeats a hit.
        let listed: std::collections::HashSet<u32> =
            self.results.hits.iter().map(|h| h.statement).collect();
        self.results.hits.extend(
            more.hits
                .into_iter()
                .filter(|h| !listed.contains(&h.statement)),
        );
        let hits = std::mem::take(&mut self.results.hits);
        self.results = Results { hits, ..more };
        self.selected = selected.min(self.results.hits.len().saturating_sub(1));
        self.results.hits.len() > ranked
    }

    /// Applies an editing key; whether the query changed.
    pub fn edit(&mut self, action: Action) -> bool {
        let before = self.query.len();
        match action {
            Action::SearchInput(c) if self.query.chars().count() < MAX_QUERY_CHARS => {
                self.query.push(c)
            }
            Action::SearchInput(_) => return false,
            Action::SearchBackspace => {
                self.query.pop();
            }
            Action::SearchDeleteWord => {
                let kept = self.query.trim_end().rfind(' ').map_or(0, |i| i + 1);
                self.query.truncate(kept);
            }
            Action::SearchClear => self.query.clear(),
            _ => return false,
        }
        self.query.len() != before || matches!(action, Action::SearchInput(_))
    }

    pub fn move_selection(&mut self, delta: isize) {
        let len = self.results.hits.len();
        if len == 0 {
            return;
        }
        self.selected = self.selected.saturating_add_signed(delta).min(len - 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LineRange, Pair, Paragraph, Turn, Why};

    /// `Q` / `MS. PSAKI: Dr. Murthy, do you want to take that?` / `DR.
    /// MURTHY: …`: the hand-off is kept in the answer, and the one who
    /// answers is the one the scope takes.
    #[test]
    fn the_person_answering_is_not_whoever_handed_them_the_floor() {
        let said = |text: &str, who: &str| {
            let mut p = Paragraph::new(text, LineRange::single(1));
            p.speaker = Some(who.into());
            p
        };
        let mut doc = Document::empty("briefing.txt");
        doc.pairs.push(Pair {
            number: 1,
            lead: Vec::new(),
            question: vec![said("What about masks on planes?", "Q")],
            answer: vec![
                said("Dr. Murthy, do you want to take that?", "MS. PSAKI"),
                said("Masks on planes work, and they will stay.", "DR. MURTHY"),
            ],
            asker: None,
            answerer: None,
            turns: 0..3,
        });
        let turn = |who: &str, role, why, part, paragraphs| Turn {
            speaker: Some(who.into()),
            role,
            why,
            line: 1,
            part,
            paragraphs,
        };
        doc.turns = vec![
            turn(
                "Q",
                TurnRole::Ask,
                Why::AskerRole,
                TurnPart::Question(0),
                0..1,
            ),
            turn(
                "MS. PSAKI",
                TurnRole::Moderate,
                Why::GivesFloor,
                TurnPart::Answer(0),
                0..1,
            ),
            turn(
                "DR. MURTHY",
                TurnRole::Answer,
                Why::Answers,
                TurnPart::Answer(0),
                1..2,
            ),
        ];
        let docs = vec![doc];
        let people = crate::search::people::people(&docs);
        let person = SaidBy::answering(&docs, &people, 0, Some(0)).expect("a person");
        assert_eq!(person.name, "DR. MURTHY");
        assert_eq!(person.prefix, "@murthy ");
        assert!(SaidBy::answering(&docs, &people, 0, None).is_err());
    }
}
