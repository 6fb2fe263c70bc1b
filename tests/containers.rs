//! Saved web pages, Word documents and PDFs read as the text they hold.
//!
//! The five bundled interviews are converted here, by the test, into HTML,
//! DOCX (zip + hand-written WordprocessingML) and PDF (lopdf, through
//! pdf-extract's re-export: a Type0 font whose ToUnicode map is the
//! identity, so any character of the seeds can be written), and each must
//! give the pairs its `.txt` original gives — by golden-check's rules
//! (`loose` text: whitespace and punctuation spacing folded). Then the ways
//! such files go wrong: a scan, an encrypted PDF, a corrupt DOCX, a page
//! cut short — each a message naming the file, the rest of the folder
//! loaded.

mod common;
#[path = "common/writers.rs"]
mod writers;

use std::io::Write;
use std::path::Path;

use common::loose;
use pdf_extract::{Dictionary, Document as Pdf, Object, StringFormat};
use qnav::load::{BUNDLED, load_bytes, load_corpus};
use qnav::model::Document;
use writers::{to_docx, to_html, to_pdf};

/// golden-check's view of a document: every pair's asker, question,
/// answerer and answer, the text `loose`.
fn pairs_of(d: &Document) -> Vec<(Option<String>, String, Option<String>, String)> {
    d.pairs
        .iter()
        .map(|p| {
            (
                p.asker.as_deref().map(str::to_owned),
                loose(&p.question_text()),
                p.answerer.as_deref().map(str::to_owned),
                loose(&p.answer_text()),
            )
        })
        .collect()
}

fn seed_text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("the seeds are UTF-8")
}

fn assert_same_pairs(kind: &str, name: &str, original: &Document, converted: &Document) {
    let (a, b) = (pairs_of(original), pairs_of(converted));
    assert_eq!(
        a.len(),
        b.len(),
        "{kind} of {name}: {} pairs, the text gives {}",
        b.len(),
        a.len()
    );
    for (i, (x, y)) in a.iter().zip(&b).enumerate() {
        assert_eq!(x, y, "{kind} of {name}: pair {} differs", i + 1);
    }
    assert_eq!(
        original.interviewee, converted.interviewee,
        "{kind} of {name}: interviewee"
    );
}

#[test]
fn the_seeds_as_html_pages_give_the_same_pairs_and_nothing_of_the_chrome() {
    for (name, bytes) in BUNDLED {
        let original = load_bytes(name, bytes).unwrap();
        let title = original.display_title();
        let page = to_html(&title, &seed_text(bytes));
        let converted = load_bytes(&name.replace(".txt", ".html"), page.as_bytes()).unwrap();
        assert_same_pairs("HTML", name, &original, &converted);
        let all: String = converted
            .pairs
            .iter()
            .map(|p| p.question_text() + &p.answer_text())
            .collect::<Vec<_>>()
            .join(" ")
            + &converted
                .preamble
                .iter()
                .chain(&converted.body)
                .map(|p| &*p.text)
                .collect::<String>();
        for chrome in [
            "cookies",
            "Politics",
            "Related stories",
            "newsletter",
            "All rights reserved",
            "window.ads",
            "analytics",
        ] {
            assert!(
                !all.contains(chrome),
                "{name}: the page's {chrome:?} was read as text"
            );
        }
    }
}

#[test]
fn the_seeds_as_word_documents_give_the_same_pairs_and_the_properties() {
    for (name, bytes) in BUNDLED {
        let original = load_bytes(name, bytes).unwrap();
        let title = format!("{} (Word)", original.display_title());
        let docx = to_docx(&title, &seed_text(bytes));
        let converted = load_bytes(&name.replace(".txt", ".docx"), &docx)
            .unwrap_or_else(|e| panic!("{name} as DOCX: {e}"));
        assert_same_pairs("DOCX", name, &original, &converted);
        // The text's own title first; the properties' where it has none.
        let expected = own_title(name, bytes).unwrap_or(title);
        assert_eq!(
            converted.title.as_deref(),
            Some(expected.as_str()),
            "{name}"
        );
        assert_eq!(
            converted.date.as_deref(),
            Some(original.date.as_deref().unwrap_or("2024-05-06")),
            "{name}"
        );
    }
}

#[test]
fn the_seeds_as_pdfs_give_the_same_pairs() {
    for (name, bytes) in BUNDLED {
        let original = load_bytes(name, bytes).unwrap();
        let title = format!("{} (PDF)", original.display_title());
        let pdf = to_pdf(&title, &seed_text(bytes), false);
        let converted = load_bytes(&name.replace(".txt", ".pdf"), &pdf)
            .unwrap_or_else(|e| panic!("{name} as PDF: {e}"));
        assert_same_pairs("PDF", name, &original, &converted);
        let expected = own_title(name, bytes).unwrap_or(title);
        assert_eq!(
            converted.title.as_deref(),
            Some(expected.as_str()),
            "{name}"
        );
    }
}

/// The title the text states itself: the same under another file name
/// (one made from the file name is not).
fn own_title(name: &str, bytes: &[u8]) -> Option<String> {
    let renamed = load_bytes("renamed-for-the-test.txt", bytes).unwrap().title;
    (renamed == load_bytes(name, bytes).unwrap().title)
        .then_some(renamed)
        .flatten()
}

/// A PDF of a few hundred KiB whose one extra stream inflates to 300 MiB
/// of zeros.
fn bomb_pdf() -> Vec<u8> {
    use std::io::Write;
    let plain = to_pdf("Bomb", "Q: Is it big?\n\nA: Very.\n", false);
    let mut doc = Pdf::load_mem(&plain).unwrap();
    let mut zeros = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let block = vec![0u8; 1 << 20];
    for _ in 0..300 {
        zeros.write_all(&block).unwrap();
    }
    let deflated = zeros.finish().unwrap();
    let mut dict = Dictionary::new();
    dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
    doc.add_object(pdf_extract::Stream::new(dict, deflated).with_compression(false));
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// A PDF whose trailer says it is encrypted with a password qnav does not
/// have (the Standard security handler, revision 2, a user password set).
fn encrypted_pdf() -> Vec<u8> {
    let plain = to_pdf("Secret", "Q: Is it locked?\n\nA: Yes.\n", false);
    let mut doc = Pdf::load_mem(&plain).unwrap();
    let encrypt = doc.add_object(Dictionary::from_iter(vec![
        ("Filter", Object::Name(b"Standard".to_vec())),
        ("V", Object::Integer(1)),
        ("R", Object::Integer(2)),
        (
            "O",
            Object::String(vec![0x5a; 32], StringFormat::Hexadecimal),
        ),
        (
            "U",
            Object::String(vec![0xa5; 32], StringFormat::Hexadecimal),
        ),
        ("P", Object::Integer(-44)),
    ]));
    doc.trailer.set("Encrypt", encrypt);
    doc.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(vec![1; 16], StringFormat::Hexadecimal),
            Object::String(vec![1; 16], StringFormat::Hexadecimal),
        ]),
    );
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn files_that_cannot_be_read_say_why_by_name_and_the_folder_still_loads() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
    let good = "Q: Did the rest load?\n\nA: Every file that could be read.\n";
    write("a-scan.pdf", &to_pdf("Scan", good, true));
    write("b-locked.pdf", &encrypted_pdf());
    let bomb = bomb_pdf();
    assert!(bomb.len() < 2 << 20, "a small file: {} bytes", bomb.len());
    write("bb-bomb.pdf", &bomb);
    let docx = to_docx("Broken", good);
    write("c-corrupt.docx", &docx[..docx.len() / 2]);
    let mut bad_xml = to_docx("Bad", good);
    // Not a ZIP's fault: the document's XML is cut inside a tag.
    bad_xml = {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        zip.write_all(b"<w:document><w:body><w:p><w:r><w:t>Half a")
            .unwrap();
        let _ = &mut bad_xml;
        zip.finish().unwrap().into_inner()
    };
    write("d-bad-xml.docx", &bad_xml);
    let page = to_html("Cut", good);
    write(
        "e-cut.html",
        &page.as_bytes()[..page.find("</article>").unwrap()],
    );
    write("f-good.txt", good.as_bytes());
    write("g-good.docx", &to_docx("Good Word", good));
    write("h-good.pdf", &to_pdf("Good PDF", good, false));

    let (corpus, messages) = load_corpus(&[dir.path().to_path_buf()]);
    let said = messages.join("\n");
    let says = |file: &str, what: &str| {
        assert!(
            messages
                .iter()
                .any(|m| m.contains(file) && m.contains(what)),
            "no message for {file} saying {what:?} in:\n{said}"
        );
    };
    says("a-scan.pdf", "no text layer");
    says("b-locked.pdf", "encrypted");
    says("bb-bomb.pdf", "expand past");
    says("c-corrupt.docx", "damaged");
    says("d-bad-xml.docx", "not well-formed");
    let names: Vec<&str> = corpus
        .documents
        .iter()
        .map(|d| Path::new(&d.path).file_name().unwrap().to_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["e-cut.html", "f-good.txt", "g-good.docx", "h-good.pdf"],
        "{said}"
    );
    for d in &corpus.documents {
        assert_eq!(
            d.pairs.len(),
            1,
            "{}: {:?}",
            d.path,
            d.pairs
                .iter()
                .map(|p| p.question_text())
                .collect::<Vec<_>>()
        );
        assert_eq!(
            d.pairs[0].question_text(),
            "Did the rest load?",
            "{}",
            d.path
        );
    }
    let cut = &corpus.documents[0];
    assert!(
        cut.warnings.iter().any(|w| w.contains("cut short")),
        "{:?}",
        cut.warnings
    );
    let titles: Vec<String> = corpus.documents.iter().map(|d| d.display_title()).collect();
    assert_eq!(titles[2], "Good Word");
    assert_eq!(titles[3], "Good PDF");
}
