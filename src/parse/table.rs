//! Transcripts kept as tables → the labelled lines the other steps read.
//!
//! Transcription tools and research archives export a transcript as CSV or
//! TSV: a header row naming the columns (`timestamp,speaker,words`,
//! `start\tend\tspeaker\ttext`), then a row per turn. Read as text, every
//! line would be commas and quotes; here each row becomes `Speaker: words`
//! (a row with no speaker goes on with the one before; initials after a
//! name in full, `RD` after `Rosa Diaz`, are that name), on the row's own
//! source line, so line numbers stay those of the file. Parsed with the `csv` crate: quoted fields, doubled quotes and
//! line breaks inside a field are its job. Terminal-free.

/// Column names (lower case) that hold who speaks.
const SPEAKER_COLUMNS: &[&str] = &[
    "speaker",
    "speaker_name",
    "speaker name",
    "name",
    "who",
    "participant",
    "role",
];

/// Column names (lower case) that hold what was said.
const TEXT_COLUMNS: &[&str] = &[
    "text",
    "words",
    "transcript",
    "transcription",
    "utterance",
    "content",
    "sentence",
    "dialogue",
    "line",
];

/// The field delimiter of a table whose first line is a header naming a
/// speaker column and a text column, or None for any other text.
pub fn table_delimiter(text: &str) -> Option<u8> {
    let header = text.lines().next()?;
    if header.len() > 400 {
        return None;
    }
    [b',', b'\t', b';'].into_iter().find(|&d| {
        let names: Vec<String> = header
            .split(d as char)
            .map(|c| c.trim().trim_matches('"').trim().to_lowercase())
            .collect();
        names.len() >= 2
            && column(&names, SPEAKER_COLUMNS).is_some()
            && column(&names, TEXT_COLUMNS).is_some()
    })
}

/// The column named by the first of `wanted` (in its order: `text` before
/// `line`, which may be a line number) that the header has.
fn column(names: &[String], wanted: &[&str]) -> Option<usize> {
    wanted
        .iter()
        .find_map(|w| names.iter().position(|n| n == w))
}

/// `who` as a label the line reader takes for one, so that the row is
/// said by its own speaker and never joins the row before: as written
/// when it reads as a label, else capitalised (`interviewer`), else
/// `Speaker …` (`1`, `bell hooks`).
pub(super) fn as_label(who: &str) -> String {
    let who = who.split_whitespace().collect::<Vec<_>>().join(" ");
    let who = who.trim_end_matches(':').trim_end().to_string();
    let reads = |w: &str| {
        matches!(
            crate::parse::markers::detect_marker(&format!("{w}: x")).0,
            crate::parse::markers::Marker::Label(_)
        )
    };
    if who.is_empty() || reads(&who) {
        return who;
    }
    let mut chars = who.chars();
    let capitalised: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    if reads(&capitalised) {
        return capitalised;
    }
    format!("Speaker {who}")
}

/// The table as labelled lines, one per source line (blank where a row
/// spans several lines, or for the header).
pub fn table_text(text: &str, delimiter: u8) -> String {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        // A tab-separated export does not quote: a `"` there is a word's.
        .quoting(delimiter != b'\t')
        .has_headers(true)
        .from_reader(text.as_bytes());
    let names: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_lowercase()).collect(),
        Err(_) => return text.to_string(),
    };
    let (Some(speaker), Some(words)) = (
        column(&names, SPEAKER_COLUMNS),
        column(&names, TEXT_COLUMNS),
    ) else {
        return text.to_string();
    };
    let mut out = String::with_capacity(text.len());
    // Lines written so far (the header is line 1).
    let mut line = 1u64;
    out.push('\n');
    let mut record = csv::StringRecord::new();
    // Speakers named in full so far.
    let mut named: Vec<String> = Vec::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            // A row the reader cannot take (a quote left open): what is
            // left is kept as text, on its own lines, rather than lost.
            Err(_) => {
                for rest in text.lines().skip(line as usize) {
                    out.push_str(rest);
                    out.push('\n');
                }
                return out;
            }
        }
        let Some(at) = record.position().map(csv::Position::line) else {
            continue;
        };
        while line + 1 < at {
            out.push('\n');
            line += 1;
        }
        // More fields than the header with the text last: commas of the
        // words, left unquoted (`Ana,Well, I think so`) — joined back.
        let text_field = if words + 1 == names.len() && record.len() > names.len() {
            let glue = (delimiter as char).to_string();
            record.iter().skip(words).collect::<Vec<_>>().join(&glue)
        } else {
            record.get(words).unwrap_or("").to_string()
        };
        let said = text_field.split_whitespace();
        let who = record.get(speaker).unwrap_or("").trim();
        // `Rosa Diaz` on the first row, `RD` after: one speaker, named as
        // in full.
        let who = match named
            .iter()
            .filter(|n| initials_of(n) == who)
            .collect::<Vec<_>>()[..]
        {
            [full] if who.len() >= 2 => full.clone(),
            _ => {
                if who.contains(' ') && !named.iter().any(|n| n == who) {
                    named.push(who.to_string());
                }
                who.to_string()
            }
        };
        let who = as_label(&who);
        let who = who.as_str();
        let mut row = String::new();
        for w in said {
            if !row.is_empty() {
                row.push(' ');
            }
            row.push_str(w);
        }
        // A row with no speaker goes on with the one before.
        if !row.is_empty() && !who.is_empty() {
            out.push_str(who);
            out.push_str(": ");
        }
        out.push_str(&row);
        out.push('\n');
        line += 1;
    }
    out
}

/// `RD` for `Rosa Diaz`: the capitals of a name's words.
fn initials_of(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_with_speaker_and_words_is_a_table() {
        assert_eq!(
            table_delimiter("timestamp,speaker,words,tags\n"),
            Some(b',')
        );
        assert_eq!(table_delimiter("start\tSpeaker\tText\n"), Some(b'\t'));
        assert_eq!(table_delimiter("Speaker: Hello, world\n"), None);
        assert_eq!(table_delimiter("name,age\nAna,3\n"), None);
    }

    #[test]
    fn rows_become_labelled_lines_on_their_own_lines() {
        let csv = "timestamp,speaker,words,tags\n[00:00:00],Rebecca Stone,\"So, where were you born?\",\n,Dan Lee,\"In a small town,\nnear London.\",family\n,RS,Did you move a lot?,\n";
        let text = table_text(csv, b',');
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "");
        assert_eq!(lines[1], "Rebecca Stone: So, where were you born?");
        assert_eq!(lines[2], "Dan Lee: In a small town, near London.");
        // The row's second source line is blank: line numbers hold.
        assert_eq!(lines[3], "");
        // Initials after a name in full are that name.
        assert_eq!(lines[4], "Rebecca Stone: Did you move a lot?");
    }

    #[test]
    fn every_row_is_said_by_its_own_speaker() {
        let csv = "speaker,text\nMaria Lopez,It was hard.\ninterviewer,What was it like?\n1,Cold.\nAna:,Well, I think so\n";
        let text = table_text(csv, b',');
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[2], "Interviewer: What was it like?");
        assert_eq!(lines[3], "Speaker 1: Cold.");
        // An unquoted comma in the words (the text column last) is kept.
        assert_eq!(lines[4], "Ana: Well, I think so");
    }

    #[test]
    fn the_text_column_is_text_before_a_line_number() {
        let csv = "line,speaker,text\n12,Ana,Hello there.\n";
        assert_eq!(
            table_text(csv, b',').lines().nth(1),
            Some("Ana: Hello there.")
        );
    }

    #[test]
    fn a_tab_separated_export_keeps_its_quotes() {
        let tsv = "speaker\ttext\nAna\t\"Quoted,\" she said.\nBo\tYes.\n";
        let text = table_text(tsv, b'\t');
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[1], "Ana: \"Quoted,\" she said.");
        assert_eq!(lines[2], "Bo: Yes.");
    }
}
