//! Question F1 on a blind set of transcripts kept outside the repo.
//!
//! `cargo run --release --example blind_f1 -- DIR [-v]`
//!
//! DIR holds `NN-name.EXT` (the text as found: `.txt`, `.md`, `.html`, …)
//! and `NN-name.labels.json` (`{"questions": ["first six words", …]}`),
//! labelled by hand before qnav was run on them. Odd NN are the half tuned
//! on, even NN the held-out half; a held-out file that was looked at while
//! tuning is moved to the tuning half for good by `"split": "tuning"` in
//! its labels (so the held-out score stays one nobody tuned on). Only the
//! tuning half is reported per file: the held-out half is a total. A labelled question is found when the
//! start of one of qnav's questions, in order after the last one found,
//! holds its words (case, spacing and Markdown marks aside); each of qnav's
//! questions finds at most one. Prints precision, recall and F1 per file
//! (with `-v`, what was missed and what was extra) and per half.

use std::path::Path;

/// Lower case, letters and digits only, one space between words (none in
/// scripts without spaces: what is compared is the same either way).
fn normal(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

#[derive(Default, Clone, Copy)]
struct Score {
    found: usize,
    labelled: usize,
    predicted: usize,
}

impl Score {
    fn add(&mut self, o: Score) {
        self.found += o.found;
        self.labelled += o.labelled;
        self.predicted += o.predicted;
    }
    fn f1(&self) -> (f64, f64, f64) {
        let p = self.found as f64 / self.predicted.max(1) as f64;
        let r = self.found as f64 / self.labelled.max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let Some(dir) = args.iter().find(|a| !a.starts_with('-')) else {
        eprintln!("usage: blind_f1 DIR [-v]");
        std::process::exit(2);
    };
    let listing = match std::fs::read_dir(dir) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("blind_f1: {dir}: {e}");
            std::process::exit(2);
        }
    };
    let mut entries: Vec<_> = listing
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".labels.json"))
        .collect();
    entries.sort();
    let (mut odd, mut even) = (Score::default(), Score::default());
    for labels_path in entries {
        let stem = labels_path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .trim_end_matches(".labels.json")
            .to_string();
        let Some(text_path) = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| {
                let name = p.file_name().unwrap().to_string_lossy().to_string();
                name.starts_with(&format!("{stem}.")) && !name.ends_with(".labels.json")
            })
        else {
            eprintln!("{stem}: no text beside the labels");
            continue;
        };
        let labels: serde_json::Value = match std::fs::read_to_string(&labels_path)
            .map_err(|e| e.to_string())
            .and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string()))
        {
            Ok(v) => v,
            Err(e) => {
                eprintln!("{stem}: labels unreadable: {e}");
                continue;
            }
        };
        let wanted: Vec<String> = labels["questions"]
            .as_array()
            .map(|a| a.iter().filter_map(|q| q.as_str()).map(normal).collect())
            .unwrap_or_default();
        let Ok(bytes) = std::fs::read(&text_path) else {
            eprintln!("{stem}: text unreadable");
            continue;
        };
        let name = Path::new(&text_path).file_name().unwrap().to_string_lossy();
        let doc = match qnav::load::load_bytes(&name, &bytes) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{stem}: {e}");
                continue;
            }
        };
        let asked: Vec<String> = doc
            .pairs
            .iter()
            .map(|p| {
                let q = normal(&p.question_text());
                q.chars().take(400).collect()
            })
            .collect();
        // In order: each label is looked for after the question that found
        // the one before.
        let mut used = vec![false; asked.len()];
        let mut from = 0;
        let mut missed = Vec::new();
        for w in &wanted {
            match (from..asked.len()).find(|&i| !used[i] && asked[i].contains(w.as_str())) {
                Some(i) => {
                    used[i] = true;
                    from = i + 1;
                }
                None => missed.push(w.clone()),
            }
        }
        let number: usize = stem
            .split('-')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let tuning = number % 2 == 1 || labels["split"].as_str() == Some("tuning");
        let score = Score {
            found: wanted.len() - missed.len(),
            labelled: wanted.len(),
            predicted: asked.len(),
        };
        if !tuning {
            even.add(score);
            continue;
        }
        odd.add(score);
        let (p, r, f) = score.f1();
        println!(
            "{stem:50} {:>3} labelled {:>3} asked  P {p:.2} R {r:.2} F1 {f:.2}  ({})",
            score.labelled,
            score.predicted,
            doc.format.as_str()
        );
        if verbose {
            for m in &missed {
                println!("    missed: {m}");
            }
            for (i, a) in asked.iter().enumerate().filter(|(i, _)| !used[*i]) {
                println!(
                    "    extra Q{}: {}",
                    i + 1,
                    a.chars().take(90).collect::<String>()
                );
            }
        }
    }
    for (half, s) in [("tuning", odd), ("held out", even)] {
        let (p, r, f) = s.f1();
        println!(
            "{half:16} {} labelled, {} asked, {} found: P {p:.3} R {r:.3} F1 {f:.3}",
            s.labelled, s.predicted, s.found
        );
    }
}
