//! `qnav explain`: why the parser read a document the way it did — the
//! format it chose and every detector's verdict, the speakers with their
//! turns and roles, and for each turn the rule that made it ask, answer or
//! moderate. For a user who doubts a split, and a maintainer looking for the
//! rule that fired. Terminal-free: it returns text.

use std::fmt::Write;

use crate::model::{Document, TurnRole, shorten};
use crate::text::printable;

/// The explanation of `doc`, as lines of plain text.
pub fn explain(doc: &Document) -> String {
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(w, "{}", printable(&doc.path));
    let _ = writeln!(
        w,
        "format: {} ({}, {} pairs, {} turns)",
        doc.format.as_str(),
        doc.kind.as_str(),
        doc.pairs.len(),
        doc.turns.len()
    );
    let _ = writeln!(
        w,
        "\ndetectors, in the order they are tried (the first that passes decides):"
    );
    for s in &doc.format_scores {
        let mark = match s.passed {
            Some(true) => "pass",
            Some(false) => "fail",
            None => "    ",
        };
        let _ = writeln!(
            w,
            "  {mark}  {:<19} {:>5.2}  {}",
            s.format.as_str(),
            s.score,
            s.evidence
        );
    }

    if !doc.label_families.is_empty() {
        let _ = writeln!(
            w,
            "  label families admitted by the evidence of turns: {}",
            doc.label_families.join("; ")
        );
    }

    // Speakers in order of first turn, with their turns by role.
    let mut speakers: Vec<(Option<&str>, [usize; 4])> = Vec::new();
    for t in &doc.turns {
        let who = t.speaker.as_deref();
        let k = match speakers.iter().position(|(s, _)| *s == who) {
            Some(k) => k,
            None => {
                speakers.push((who, [0; 4]));
                speakers.len() - 1
            }
        };
        speakers[k].1[role_index(t.role)] += 1;
    }
    let _ = writeln!(w, "\nspeakers (turns: ask, answer, moderate, other):");
    if speakers.is_empty() {
        let _ = writeln!(w, "  none: no turns");
    }
    for (who, counts) in &speakers {
        let total: usize = counts.iter().sum();
        let name = who.map_or_else(|| "(unlabelled)".to_string(), |s| printable(s).into_owned());
        let _ = writeln!(
            w,
            "  {name:<32} {total:>4} turns: {} ask, {} answer, {} moderate, {} other",
            counts[0], counts[1], counts[2], counts[3]
        );
    }

    let _ = writeln!(w, "\nturns (source line, speaker, role: why; first words):");
    let mut pair_of_turn = vec![None; doc.turns.len()];
    for p in &doc.pairs {
        for k in p.turns.clone() {
            if let Some(slot) = pair_of_turn.get_mut(k) {
                *slot = Some(p.number);
            }
        }
    }
    for (k, t) in doc.turns.iter().enumerate() {
        let words = doc
            .turn_paragraphs(t)
            .first()
            .map(|p| shorten(&p.text, 60))
            .unwrap_or_default();
        let pair = pair_of_turn[k].map_or_else(|| "  ".to_string(), |n| format!("Q{n}"));
        let who = t.speaker.as_deref().map_or_else(|| "-".into(), printable);
        let _ = writeln!(
            w,
            "  L{:<6} {pair:<5} {:<24} {:<8} {}; “{}”",
            t.line,
            shorten(&who, 24),
            t.role.as_str(),
            t.why.as_str(),
            printable(&words)
        );
    }
    out
}

fn role_index(r: TurnRole) -> usize {
    match r {
        TurnRole::Ask => 0,
        TurnRole::Answer => 1,
        TurnRole::Moderate => 2,
        TurnRole::Other => 3,
    }
}
