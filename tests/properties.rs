//! Any bytes load without a panic, and no control character reaches the model.

use proptest::prelude::*;
use qnav::load::{BUNDLED, load_bytes};
use qnav::model::Document;
use qnav::text::is_unsafe_char;

fn every_text(d: &Document) -> Vec<String> {
    let mut v: Vec<String> = d
        .preamble
        .iter()
        .chain(&d.body)
        .map(|p| p.text.to_string())
        .collect();
    for p in &d.pairs {
        v.extend(
            p.question
                .iter()
                .chain(&p.answer)
                .map(|x| x.text.to_string()),
        );
        v.extend(p.asker.as_deref().map(str::to_owned));
        v.extend(p.answerer.as_deref().map(str::to_owned));
    }
    v.extend(d.dropped.iter().map(|x| x.text.to_string()));
    v.extend(d.quotes.iter().map(|q| q.text.to_string()));
    v.extend(d.title.clone());
    v.extend(d.interviewee.clone());
    v.extend(d.source.clone());
    v.extend(d.date.clone());
    v.extend(d.speakers.clone());
    v
}

fn assert_clean(d: &Document) {
    for t in every_text(d) {
        assert!(!t.chars().any(is_unsafe_char), "control character in {t:?}");
    }
    for (i, p) in d.pairs.iter().enumerate() {
        assert_eq!(p.number, i + 1);
    }
}

/// Bytes that make parsers stumble: markers, dashes, controls, invalid UTF-8.
fn tricky_byte() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"\n".to_vec()),
        Just(b"- ".to_vec()),
        Just("— ".as_bytes().to_vec()),
        Just(b"Q:  ".to_vec()),
        Just(b"A: ".to_vec()),
        Just(b"MR. SMITH:  ".to_vec()),
        Just(b"?".to_vec()),
        Just(b"\x1b[2J".to_vec()),
        Just(b"\x1b]52;c;aGk=\x07".to_vec()),
        Just(b"\r".to_vec()),
        Just(b"\x0c".to_vec()),
        Just("\u{202e}\u{2066}\u{200b}\u{2028}".as_bytes().to_vec()),
        Just(b"\xc2\x9b".to_vec()),
        Just(b"\xff\xfe".to_vec()),
        Just(b"[00:01:02] ".to_vec()),
        Just(b"12    ".to_vec()),
        // Character references, which the parser decodes outside HTML:
        // controls, bidi overrides and newlines must stay as written.
        Just(b"&#27;".to_vec()),
        Just(b"&#x202e;".to_vec()),
        Just(b"&#10;".to_vec()),
        Just(b"&gt;&gt; ".to_vec()),
        Just(b"&amp;".to_vec()),
        Just(b"&nbsp;".to_vec()),
        Just("&é;".as_bytes().to_vec()),
        // Emphasis and line-break marks around labels.
        Just(b"*Q:* ".to_vec()),
        Just(b"**".to_vec()),
        Just(b"*".to_vec()),
        Just(b"\\".to_vec()),
        "[a-zA-Z ,.]{1,12}".prop_map(|s| s.into_bytes()),
        any::<u8>().prop_map(|b| vec![b]),
    ]
}

/// Pieces of transcripts kept as records (JSON, script literals): keys the
/// records reader reads, quotes of three kinds, escapes to controls, bidi
/// overrides and lone surrogates, braces that open and never close.
fn record_piece() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"{".to_vec()),
        Just(b"}".to_vec()),
        Just(b"[".to_vec()),
        Just(b",\n".to_vec()),
        Just(b"\"question\": \"".to_vec()),
        Just(b"\"answer_text\": \"".to_vec()),
        Just(b"speaker: '".to_vec()),
        Just(b"\"text\": `".to_vec()),
        Just(b"\"question_id\": \"".to_vec()),
        Just(b"\"".to_vec()),
        Just(b"'".to_vec()),
        Just(b"`".to_vec()),
        Just(b"\\".to_vec()),
        Just(b"\\u001b[2J".to_vec()),
        Just(b"\\u202e".to_vec()),
        Just(b"\\ud83c".to_vec()),
        Just(b"\\udf89".to_vec()),
        Just(b"\\n".to_vec()),
        Just(b"\x1b]52;c;aGk=\x07".to_vec()),
        "[a-zA-Z ,.?]{1,12}".prop_map(|s| s.into_bytes()),
        any::<u8>().prop_map(|b| vec![b]),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn record_soup_never_panics(parts in proptest::collection::vec(record_piece(), 0..200)) {
        let mut bytes = b"[\n".to_vec();
        bytes.extend(parts.concat());
        if let Ok(d) = load_bytes("x.json", &bytes) {
            assert_clean(&d);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        if let Ok(d) = load_bytes("x", &bytes) {
            assert_clean(&d);
        }
    }

    #[test]
    fn marker_soup_never_panics(parts in proptest::collection::vec(tricky_byte(), 0..200)) {
        let bytes: Vec<u8> = parts.concat();
        if let Ok(d) = load_bytes("x", &bytes) {
            assert_clean(&d);
        }
    }

    #[test]
    fn mutated_seeds_never_panic(seed in 0..BUNDLED.len(), edits in proptest::collection::vec((any::<prop::sample::Index>(), tricky_byte()), 1..20)) {
        let mut bytes = BUNDLED[seed].1.to_vec();
        for (at, insert) in edits {
            let i = at.index(bytes.len() + 1);
            bytes.splice(i..i, insert);
        }
        if let Ok(d) = load_bytes("x", &bytes) {
            assert_clean(&d);
        }
    }
}

#[test]
fn escape_sequences_in_a_transcript_are_removed() {
    let d = load_bytes(
        "x",
        b"- Why \x1b]0;pwned\x07now?\n- Because \x1b[31mred\x1b[0m.\n",
    )
    .unwrap();
    assert_eq!(d.pairs[0].question_text(), "Why ]0;pwnednow?");
    assert_eq!(d.pairs[0].answer_text(), "Because [31mred[0m.");
    assert_clean(&d);
}

#[test]
fn empty_file_is_an_empty_document_with_a_warning() {
    let d = load_bytes("empty.txt", b"").unwrap();
    assert!(d.pairs.is_empty() && d.preamble.is_empty() && d.body.is_empty());
    assert!(d.warnings.iter().any(|w| w.contains("empty")));
}

#[test]
fn a_long_single_line_and_many_pairs_load() {
    let line = "word ".repeat(400_000);
    let d = load_bytes("x", line.as_bytes()).unwrap();
    assert_eq!(d.body.len(), 1);
    let many: String = (0..20_000)
        .map(|i| format!("Q: Question number {i}?\nA: Answer {i}.\n"))
        .collect();
    let d = load_bytes("x", many.as_bytes()).unwrap();
    assert_eq!(d.pairs.len(), 20_000);
}

#[test]
fn a_folder_of_ten_thousand_files_loads_in_order_with_progress_first() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..10_000 {
        std::fs::write(
            dir.path().join(format!("{i:05}.txt")),
            format!("- Question {i}?\n- Answer {i}.\n"),
        )
        .unwrap();
    }
    let rx = qnav::load::spawn_loader(vec![dir.path().to_path_buf()]);
    // The count comes first, so the reader can show progress before any document.
    match rx.recv().unwrap() {
        qnav::load::LoadEvent::Found(n) => assert_eq!(n, 10_000),
        other => panic!("first event {other:?}"),
    }
    let mut seen = 0;
    for e in rx {
        if let qnav::load::LoadEvent::Document(d) = e {
            assert!(
                d.path.ends_with(&format!("{seen:05}.txt")),
                "{} out of order",
                d.path
            );
            assert_eq!(d.pairs.len(), 1);
            seen += 1;
        }
    }
    assert_eq!(seen, 10_000);
}
