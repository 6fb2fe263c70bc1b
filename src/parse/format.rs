//! The format decision as values: named detectors with named thresholds,
//! each recording a verdict ([`FormatScore`]) on the document in the order
//! they are tried; the first that passes decides [`Format`].

use super::lines::Marker;
use super::pairs::{ends_question, is_greeting};
use super::paragraphs::Para;
use super::scan::word_count;
use super::segment::Segmented;
use crate::model::{Format, FormatScore};

pub(super) fn is_magazine_question(p: &Para) -> bool {
    p.marker == Marker::None
        && ends_question(&p.text)
        && word_count(&p.text) <= 80
        && !is_greeting(&p.text)
}

/// Labelled turns needed for a text to read as labelled speakers: one
/// labelled line is a caption or a cover-sheet field, two can answer each other.
pub(super) const MIN_LABEL_TURNS: usize = 2;

/// Dash-opened paragraphs needed for dash turns: a question and its answer.
pub(super) const MIN_DASH_TURNS: usize = 2;

/// Numbered, emphasised or magazine questions needed: fewer is a list, a
/// pull quote or a rhetorical question in an article.
pub(super) const MIN_MARKED_QUESTIONS: usize = 3;

/// The most words an italic or heading prompt may have: longer, it is a
/// standfirst or an editor's note.
pub(super) const PROMPT_MAX_WORDS: usize = 80;

/// The most words a bold prompt may have: a journalist's question often
/// sets out what it is about first (a paragraph of context, then the
/// question), and bold sets a whole such paragraph apart.
pub(super) const BOLD_PROMPT_MAX_WORDS: usize = 200;

/// At most this share of paragraphs may be prompts or magazine questions:
/// each needs an answer under it.
pub(super) const MAX_QUESTION_SHARE: f32 = 0.5;

/// At most one prompt in five may stand right after another (a run of bold
/// lines is a list of headings, not questions over answers).
pub(super) const MAX_ADJACENT_PROMPTS: usize = 5;

/// The verdicts of the detectors tried so far; once one passes, the rest
/// are recorded as not tried.
#[derive(Default)]
pub(super) struct Verdicts(pub(super) Vec<FormatScore>);

impl Verdicts {
    pub(super) fn record(
        &mut self,
        format: Format,
        marked: usize,
        total: usize,
        passed: bool,
        evidence: String,
    ) -> bool {
        self.0.push(FormatScore {
            format,
            score: marked as f32 / total.max(1) as f32,
            passed: Some(passed),
            evidence,
        });
        passed
    }

    /// The detectors after `winner` in the order, as not tried.
    pub(super) fn finish(mut self, winner: Format) -> Vec<FormatScore> {
        for f in DETECTION_ORDER {
            if !self.0.iter().any(|s| s.format == f) {
                self.0.push(FormatScore {
                    format: f,
                    score: 0.0,
                    passed: None,
                    evidence: format!("not tried: {} decided first", winner.as_str()),
                });
            }
        }
        self.0
    }
}

/// The order the detectors are tried in: the most explicit marks first
/// (a label names a speaker; a dash only opens a turn; a `?` may be prose).
pub(super) const DETECTION_ORDER: [Format; 7] = [
    Format::LabelledSpeakers,
    Format::DashTurns,
    Format::NumberedQuestions,
    Format::EmphasisedPrompts,
    Format::UnlabelledDialogue,
    Format::Magazine,
    Format::Article,
];

/// Keeps the detectors' verdicts on what a detector's format made of the
/// text; a format that found no pair after all is noted as such.
pub(super) fn with_verdicts(mut seg: Segmented, verdicts: Verdicts) -> Segmented {
    let winner = verdicts.0.last().map_or(Format::Article, |v| v.format);
    let mut scores = verdicts.finish(winner);
    if seg.pairs.is_empty()
        && let Some(v) = scores.iter_mut().find(|v| v.format == winner)
    {
        v.evidence.push_str(&format!(
            "; but no question was asked: read as {}{}",
            seg.format.as_str(),
            if seg.opening.is_empty() {
                ""
            } else {
                ", its speakers' turns kept"
            }
        ));
    }
    seg.scores = scores;
    seg
}

/// `――まず…`: Japanese interviews set the questions off with a dash and
/// the answers not at all. Told from dialogue where both sides take dashes
/// by the shape: no two dashed paragraphs in a row, a plain one after nearly
/// every dashed one, and the dashed ones short beside the plain ones.
pub(super) fn dashes_mark_questions_only(paras: &[Para]) -> bool {
    let (mut dashed, mut consecutive, mut answered, mut dashed_asking) = (0, 0, 0, 0);
    let (mut dashed_len, mut plain_len, mut plain) = (0, 0, 0);
    for (i, p) in paras.iter().enumerate() {
        if p.marker == Marker::Dash {
            dashed += 1;
            dashed_len += p.text.chars().count();
            dashed_asking += usize::from(ends_question(&p.text) || ends_japanese_question(&p.text));
            match paras.get(i + 1).map(|n| &n.marker) {
                Some(Marker::Dash) => consecutive += 1,
                Some(Marker::None) => answered += 1,
                _ => {}
            }
        } else if p.marker == Marker::None && i > 0 {
            plain += 1;
            plain_len += p.text.chars().count();
        }
    }
    dashed >= 3
        && consecutive * 5 <= dashed
        && answered * 3 >= dashed * 2
        && plain > 0
        // Dashed paragraphs a third shorter than plain ones, or more, or
        // nearly all asking: where both sides take dashes, half of them
        // answer, and they are as long as the plain ones (the further
        // paragraphs of an answer).
        && (dashed_len * plain * 3 <= plain_len * dashed * 2 || dashed_asking * 4 >= dashed * 3)
}

/// `…いかがですか。`, `…お願いします。`: a Japanese question or request ends
/// in a particle, not always in a question mark.
pub(super) fn ends_japanese_question(s: &str) -> bool {
    let t = s.trim_end_matches(['。', '」', '）']);
    t.ends_with('か')
        || t.ends_with("ください")
        || t.ends_with("でしょう")
        || t.ends_with("お願いします")
}

/// `1. What made you…?`: the paragraphs that open with the numbers 1, 2, 3…
/// in turn, at least three, none right after another, the last answered —
/// and for each, the length of its number and the space after it.
pub(super) fn numbered_questions(paras: &[Para]) -> Option<Vec<Option<usize>>> {
    let number_of = |p: &Para| -> Option<(u32, usize)> {
        if p.marker != Marker::None {
            return None;
        }
        let digits = p.text.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 2 {
            return None;
        }
        let after = p.text[digits..].strip_prefix(['.', ')'])?;
        let text = after.trim_start_matches(' ');
        if !after.starts_with(' ') || text.is_empty() {
            return None;
        }
        Some((p.text[..digits].parse().ok()?, p.text.len() - text.len()))
    };
    let mut out = vec![None; paras.len()];
    let mut seen = 0;
    // Markdown numbers a list `1.`, `1.`, `1.` as readily as `1.`, `2.`,
    // `3.` (it renders both 1, 2, 3): which one, the second number says.
    let mut all_ones = false;
    let mut last = None;
    for (i, p) in paras.iter().enumerate() {
        if let Some((n, len)) = number_of(p) {
            if seen == 1 && n == 1 {
                all_ones = true;
            }
            let expect = if all_ones { 1 } else { seen + 1 };
            if n != expect || last.is_some_and(|l| l + 1 == i) {
                return None;
            }
            seen += 1;
            last = Some(i);
            out[i] = Some(len);
        }
    }
    (seen >= 3 && last.is_some_and(|l| l + 1 < paras.len())).then_some(out)
}
