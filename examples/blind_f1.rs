//! Question F1 on a blind set of transcripts kept outside the repo.
//!
//! `cargo run --release --example blind_f1 -- DIR [-v] [--missing]`
//!
//! DIR holds `NN-name.EXT` (the text as found: `.txt`, `.md`, `.html`, …),
//! labelled by hand before qnav was run on them. The labels are in the
//! repo's `blind/manifest.json` (with where each text came from, its
//! length and FNV-1a hash, so a machine that lost DIR can fetch the texts
//! again and know them for the ones labelled; the held-out half's labels
//! are base64 there, kept out of reach of a casual `grep`), or, for a text
//! the manifest does not name, in `NN-name.labels.json` beside it
//! (`{"questions": ["first six words", …]}`). `--missing` lists the
//! manifest's texts that DIR lacks or holds in another version;
//! `--record` adds DIR's labelled texts to the manifest (without printing
//! a label). Odd NN are the half tuned
//! on, even NN the held-out half; a held-out file that was looked at while
//! tuning is moved to the tuning half for good by `"split": "tuning"` in
//! its labels (so the held-out score stays one nobody tuned on). Only the
//! tuning half is reported per file: the held-out half is a total. A labelled question is found when the
//! start of one of qnav's questions holds its words (case, spacing and
//! Markdown marks aside), matched in order: the most labels that can be
//! matched without crossing (see `align`); each of qnav's questions finds
//! at most one. Prints precision, recall and F1 per file
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

/// Which of qnav's questions find a label, and the labels none finds:
/// the most labels matched in order (each label to a question whose start
/// holds its words, each question to one label, neither order crossed),
/// by the longest-common-subsequence table. (A greedy match, each label
/// taken by the first question after the last match, let one label whose
/// words recur late — `All right, so I'm going to` — swallow every label
/// after it.)
fn align(wanted: &[String], asked: &[String]) -> (Vec<bool>, Vec<String>) {
    let (n, m) = (wanted.len(), asked.len());
    let hit = |i: usize, j: usize| asked[j].contains(wanted[i].as_str());
    // best[i][j]: the most matches among wanted[i..] and asked[j..].
    let mut best = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let take = if hit(i, j) { best[i + 1][j + 1] + 1 } else { 0 };
            best[i][j] = take.max(best[i + 1][j]).max(best[i][j + 1]);
        }
    }
    let mut used = vec![false; m];
    let mut missed = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n {
        if j < m && hit(i, j) && best[i][j] == best[i + 1][j + 1] + 1 {
            used[j] = true;
            i += 1;
            j += 1;
        } else if j < m && best[i][j] == best[i][j + 1] {
            j += 1;
        } else {
            missed.push(wanted[i].clone());
            i += 1;
        }
    }
    (used, missed)
}

#[derive(Default, Clone, Copy)]
struct Score {
    files: usize,
    found: usize,
    labelled: usize,
    predicted: usize,
}

impl Score {
    fn add(&mut self, o: Score) {
        self.files += o.files;
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

/// FNV-1a, 64 bits: enough to tell the labelled text from another
/// version of it, and the same few lines in any language.
fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// One labelled text: its name in DIR, its labels, and which half it is in.
struct Labelled {
    stem: String,
    text: std::path::PathBuf,
    questions: Vec<String>,
    tuning: bool,
}

/// The number a file's name starts with (`41-…` → 41).
fn number_of(stem: &str) -> usize {
    stem.split('-')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// The labels of `entry` of the manifest: plain for the tuning half, base64
/// of the JSON list for the held-out half.
fn manifest_questions(entry: &serde_json::Value) -> Option<Vec<String>> {
    use base64::Engine as _;
    if let Some(list) = entry["questions"].as_array() {
        return Some(
            list.iter()
                .filter_map(|q| q.as_str().map(String::from))
                .collect(),
        );
    }
    let packed = entry["questions_b64"].as_str()?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(packed)
        .ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// The texts of `dir` with their labels: the manifest's first, then those
/// with a labels file beside them.
fn labelled_texts(dir: &Path, manifest: &serde_json::Value, list_missing: bool) -> Vec<Labelled> {
    let mut out = Vec::new();
    let mut named = std::collections::HashSet::new();
    for entry in manifest["files"].as_array().into_iter().flatten() {
        let Some(name) = entry["name"].as_str() else {
            continue;
        };
        named.insert(name.to_string());
        let path = dir.join(name);
        let want = entry["fnv1a64"].as_str().unwrap_or_default();
        let bytes = std::fs::read(&path).ok();
        let same = bytes
            .as_ref()
            .is_some_and(|b| format!("{:016x}", fnv1a64(b)) == want);
        if !same {
            if list_missing || bytes.is_some() {
                let why = if bytes.is_some() {
                    "another version"
                } else {
                    "missing"
                };
                eprintln!("{name}: {why}; source: {}", entry["source"]);
            }
            continue;
        }
        let Some(questions) = manifest_questions(entry) else {
            eprintln!("{name}: the manifest's labels are unreadable");
            continue;
        };
        let stem = name.split('.').next().unwrap_or(name).to_string();
        let tuning = entry["split"].as_str() == Some("tuning");
        out.push(Labelled {
            stem,
            text: path,
            questions,
            tuning,
        });
    }
    let mut beside: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".labels.json"))
        .collect();
    beside.sort();
    for labels_path in beside {
        let stem = labels_path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .trim_end_matches(".labels.json")
            .to_string();
        let Some(text) = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| {
                let name = p.file_name().unwrap().to_string_lossy().to_string();
                // (A text may have no extension, as its source had none.)
                (name == stem || name.starts_with(&format!("{stem}.")))
                    && !name.ends_with(".labels.json")
            })
        else {
            eprintln!("{stem}: no text beside the labels");
            continue;
        };
        let text_name = text.file_name().unwrap().to_string_lossy().to_string();
        if named.contains(&text_name) {
            continue;
        }
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
        let questions = labels["questions"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|q| q.as_str())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        let tuning = number_of(&stem) % 2 == 1 || labels["split"].as_str() == Some("tuning");
        out.push(Labelled {
            stem,
            text,
            questions,
            tuning,
        });
    }
    out.sort_by(|a, b| a.stem.cmp(&b.stem));
    out
}

/// Adds each text of `dir` with a labels file beside it to the manifest
/// (replacing an entry of the same name), and writes it.
fn record(dir: &Path, manifest_path: &Path, mut manifest: serde_json::Value) {
    use base64::Engine as _;
    if !manifest["files"].is_array() {
        manifest = serde_json::json!({
            "about": "qnav's blind set: real transcripts labelled by hand (each question's first six words) before qnav read them. The texts stay outside the repo (licences unknown); each entry says where it came from, and its length and FNV-1a hash tell the labelled version. Odd numbers are the half tuned on, even ones the held-out half, whose labels are base64 so that no one reads them by chance. `cargo run --release --example blind_f1 -- DIR`.",
            "files": []
        });
    }
    let mut added = 0;
    for labelled in labelled_texts(dir, &serde_json::Value::Null, false) {
        let Ok(bytes) = std::fs::read(&labelled.text) else {
            continue;
        };
        let labels_path = dir.join(format!("{}.labels.json", labelled.stem));
        let labels: serde_json::Value = std::fs::read_to_string(&labels_path)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
        let name = labelled
            .text
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string();
        let mut entry = serde_json::json!({
            "name": name,
            "bytes": bytes.len(),
            "fnv1a64": format!("{:016x}", fnv1a64(&bytes)),
            "split": if labelled.tuning { "tuning" } else { "held out" },
            "source": labels["source"],
            "format": labels["format"],
            "language": labels["language"],
        });
        if labelled.tuning {
            entry["questions"] = serde_json::json!(labelled.questions);
        } else {
            let packed = serde_json::to_vec(&labelled.questions).expect("strings serialise");
            entry["questions_b64"] = base64::engine::general_purpose::STANDARD
                .encode(packed)
                .into();
        }
        let files = manifest["files"].as_array_mut().expect("made a list above");
        files.retain(|f| f["name"].as_str() != Some(name.as_str()));
        files.push(entry);
        added += 1;
    }
    manifest["files"]
        .as_array_mut()
        .expect("made a list above")
        .sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));
    let text = serde_json::to_string_pretty(&manifest).expect("JSON serialises");
    if let Err(e) = std::fs::write(manifest_path, text + "\n") {
        eprintln!("blind_f1: {}: {e}", manifest_path.display());
        std::process::exit(1);
    }
    println!("{added} texts recorded in {}", manifest_path.display());
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let list_missing = args.iter().any(|a| a == "--missing");
    let Some(dir) = args.iter().find(|a| !a.starts_with('-')) else {
        eprintln!("usage: blind_f1 DIR [-v] [--missing]");
        std::process::exit(2);
    };
    if !Path::new(dir).is_dir() {
        eprintln!("blind_f1: {dir}: not a folder");
        std::process::exit(2);
    }
    let manifest_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("blind/manifest.json");
    let manifest: serde_json::Value = std::fs::read_to_string(&manifest_path)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    if args.iter().any(|a| a == "--record") {
        record(Path::new(dir), &manifest_path, manifest);
        return;
    }
    let (mut odd, mut even) = (Score::default(), Score::default());
    for Labelled {
        stem,
        text: text_path,
        questions,
        tuning,
    } in labelled_texts(Path::new(dir), &manifest, list_missing)
    {
        let wanted: Vec<String> = questions.iter().map(|q| normal(q)).collect();
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
        let (used, missed) = align(&wanted, &asked);
        let score = Score {
            files: 1,
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
            "{half:16} {} files, {} labelled, {} asked, {} found: P {p:.3} R {r:.3} F1 {f:.3}",
            s.files, s.labelled, s.predicted, s.found
        );
    }
}
