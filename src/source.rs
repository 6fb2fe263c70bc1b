//! The source behind what qnav shows: the raw lines of a document as the
//! parser numbered them, each marked with why it was dropped if it was,
//! and the places a reader can name to find a pair (`L214`, the printed
//! `12:3`, a time `00:12:31`). Used by the reader's source view and by
//! `qnav show --lines / --at`. Terminal-free.

use crate::model::{Document, LineRange, PageLine, Pair};

/// One line of the source, for the source view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLine {
    /// 1-based, as an editor or `grep -n` numbers it.
    pub no: usize,
    /// The line with control characters taken out (a form feed, a tab).
    pub text: String,
    /// Why the cleaner dropped it, if it did (a page number, a page header…).
    pub dropped: Option<&'static str>,
}

/// The text qnav read for `doc` — decoded as on loading, a saved web page
/// as the text a browser shows — split into the lines its line numbers
/// count: from its file, or for a bundled interview from the copy built
/// into qnav. An error says why there is none (standard input is gone).
pub fn read_lines(doc: &Document) -> Result<Vec<String>, String> {
    let shown = crate::text::printable(&doc.path).into_owned();
    let bytes = match (
        &doc.file,
        crate::load::BUNDLED.iter().find(|(n, _)| *n == doc.path),
    ) {
        (Some(file), _) => crate::load::read_file(file).map_err(|e| format!("{shown}: {e}"))?,
        (None, Some((_, bytes))) => bytes.to_vec(),
        (None, None) => {
            return Err(format!(
                "{shown}: read from standard input; its lines are gone"
            ));
        }
    };
    // Other lines under the pair's numbers would be a false source.
    if doc.content_hash != 0 && crate::model::content_hash(&bytes) != doc.content_hash {
        return Err(format!(
            "{shown}: changed on disk since it was read; read it again first"
        ));
    }
    // The lines a document's numbers refer to: a Word file's or a PDF's
    // are those of its converted text.
    let (bytes, _) = crate::convert::text_bytes(bytes).map_err(|e| format!("{shown}: {e}"))?;
    let decoded = crate::decode::decode(&bytes).map_err(|e| format!("{shown}: {e}"))?;
    let text = if crate::parse::html::looks_like_html(&doc.path, &decoded.text) {
        crate::parse::html::to_text(&decoded.text)
    } else {
        decoded.text
    };
    Ok(text
        .split('\n')
        .map(|l| l.chars().filter(|c| !c.is_control()).collect())
        .collect())
}

/// The lines `range` of `lines` (the whole of a document's source),
/// each with the reason it was dropped, if it was.
pub fn view(doc: &Document, lines: &[String], range: LineRange) -> Vec<SourceLine> {
    let first = range.first.max(1);
    let last = range.last.min(lines.len());
    (first..=last)
        .map(|no| SourceLine {
            no,
            text: lines[no - 1].clone(),
            // (Sorted by first line; a dropped paragraph covers its lines.)
            dropped: doc.dropped[..doc.dropped.partition_point(|d| d.line <= no)]
                .iter()
                .rev()
                .take(8)
                .find(|d| (d.line..=d.last).contains(&no))
                .map(|d| d.reason),
        })
        .collect()
}

/// The source lines a pair spans: its lead, question and answer.
pub fn pair_lines(pair: &Pair) -> Option<LineRange> {
    pair.lead
        .iter()
        .chain(&pair.question)
        .chain(&pair.answer)
        .map(|p| p.lines)
        .filter(|l| l.first > 0)
        .reduce(|a, b| LineRange::new(a.first.min(b.first), a.last.max(b.last)))
}

/// A place as a reader names it: a line of the file (`L214`), a printed
/// page and line (`12:3`, in a source that prints them), or a time
/// (`00:12:31`, `12:31`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Line(usize),
    PageLine(PageLine),
    Time(String),
}

/// Reads `at` for `doc`: `L214` is a line; `12:3` is a page and line where
/// the document has printed pages, else a time; three or four fields are
/// a time. None when it is none of these.
pub fn parse_place(doc: &Document, at: &str) -> Option<Place> {
    let at = at.trim();
    if let Some(n) = at.strip_prefix(['L', 'l']) {
        return n.parse().ok().filter(|&n| n > 0).map(Place::Line);
    }
    let fields: Vec<&str> = at.split(':').collect();
    if fields.len() < 2
        || fields.iter().any(|f| {
            f.is_empty()
                || !f
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        })
    {
        return None;
    }
    if fields.len() == 2 && doc.places.has_page_lines() {
        let page = fields[0].parse().ok()?;
        let line = fields[1].parse().ok()?;
        return Some(Place::PageLine(PageLine { page, line }));
    }
    Some(Place::Time(at.to_string()))
}

/// The source line a place stands at in `doc`, if the document has it.
pub fn line_of(doc: &Document, place: &Place) -> Option<usize> {
    match place {
        Place::Line(n) => Some(*n).filter(|&n| n <= last_line(doc)),
        Place::PageLine(p) => doc.places.line_of(*p),
        Place::Time(t) => doc.places.line_at_time(t),
    }
}

/// The last source line qnav knows of in `doc`: the last kept or dropped.
fn last_line(doc: &Document) -> usize {
    let paragraphs = doc.preamble.iter().chain(&doc.body).chain(
        doc.pairs
            .iter()
            .flat_map(|p| p.lead.iter().chain(&p.question).chain(&p.answer)),
    );
    paragraphs
        .map(|p| p.lines.last)
        .chain(doc.dropped.iter().map(|d| d.line))
        .max()
        .unwrap_or(0)
}

/// The pair that holds source line `line`: the last pair that starts at or
/// before it (what is said after a pair's last line and before the next
/// question is that pair's, or the preamble's before the first).
pub fn pair_at_line(doc: &Document, line: usize) -> Option<&Pair> {
    doc.pairs
        .iter()
        .rfind(|p| pair_lines(p).is_some_and(|l| l.first <= line))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        crate::load::load_bytes("t.txt", text.as_bytes()).expect("parses")
    }

    #[test]
    fn places_name_lines_pages_and_times() {
        let d = doc(
            "[00:00:05] Q: Where were you born?\n[00:00:09] A: In Paris.\n[00:01:12] Q: When did you leave?\n[00:01:15] A: At nineteen.\n",
        );
        assert_eq!(parse_place(&d, "L3"), Some(Place::Line(3)));
        assert_eq!(parse_place(&d, "1:12"), Some(Place::Time("1:12".into())));
        assert_eq!(parse_place(&d, "x:1"), None);
        assert_eq!(parse_place(&d, "L0"), None);
        let at = line_of(&d, &parse_place(&d, "00:01:13").expect("a time")).expect("in the file");
        assert_eq!(at, 3);
        assert_eq!(pair_at_line(&d, at).map(|p| p.number), Some(2));
        assert_eq!(pair_at_line(&d, 1).map(|p| p.number), Some(1));
    }

    #[test]
    fn no_place_past_the_end_and_no_source_that_changed() {
        let d = doc("Q: Where were you born?\n\nA: In Paris.\n");
        assert_eq!(line_of(&d, &Place::Line(3)), Some(3));
        assert_eq!(line_of(&d, &Place::Line(99)), None);
        // A file changed since it was read shows no lines under old numbers.
        let dir = tempfile::tempdir().expect("a temp folder");
        let file = dir.path().join("t.txt");
        std::fs::write(&file, "Q: Where were you born?\n\nA: In Paris.\n").expect("written");
        let d = crate::load::reload(&file, "t.txt").expect("loads");
        assert_eq!(read_lines(&d).expect("unchanged").len(), 4);
        std::fs::write(&file, "Q: Where?\n\nA: Lyon.\n").expect("written");
        assert!(read_lines(&d).is_err_and(|e| e.contains("changed on disk")));
    }

    #[test]
    fn the_view_marks_what_was_dropped() {
        let text = "Skip to main content\n\nQ: Where were you born?\n\nA: In Paris, in a flat over a bakery.\n";
        let d = doc(text);
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let v = view(&d, &lines, LineRange::new(1, 5));
        assert_eq!(v.len(), 5);
        assert_eq!(v[0].no, 1);
        assert!(v[0].dropped.is_some(), "{v:?}");
        assert_eq!(v[2].text, "Q: Where were you born?");
        assert_eq!(v[2].dropped, None);
        // A range past the end is cut to the file.
        assert_eq!(view(&d, &lines, LineRange::new(4, 99)).len(), 3);
        // A dropped paragraph of two lines is dropped on both.
        let text = "Q: Where were you born?\n\nA: In Paris, in a flat over a bakery.\n\nThis interview has been edited\nfor length and clarity.\n";
        let d = doc(text);
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let v = view(&d, &lines, LineRange::new(5, 6));
        assert!(
            v.iter().all(|l| l.dropped.is_some()),
            "{v:?} {:?}",
            d.dropped
        );
    }
}
