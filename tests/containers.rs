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

use std::io::Write;
use std::path::Path;

use common::loose;
use pdf_extract::{Dictionary, Document as Pdf, Object, Stream, StringFormat};
use qnav::load::{BUNDLED, load_bytes, load_corpus};
use qnav::model::Document;

/// A text's blocks (runs of lines between blank lines), each its lines.
fn blocks(text: &str) -> Vec<Vec<&str>> {
    text.split("\n\n")
        .map(|b| {
            b.split('\n')
                .map(|l| l.trim_end_matches('\r'))
                .filter(|l| !l.trim().is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|b| !b.is_empty())
        .collect()
}

fn escape_xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A saved page: the text's blocks as `<p>` (lines kept with `<br>`)
/// inside an article, around it what news sites put there.
fn to_html(title: &str, text: &str) -> String {
    let mut body = String::new();
    for b in blocks(text) {
        let lines: Vec<String> = b.iter().map(|l| escape_xml(l)).collect();
        body.push_str(&format!("<p>{}</p>\n", lines.join("<br>\n")));
    }
    format!(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{}</title>
<style>.nav {{ color: red }}</style><script>window.ads = ["<p>Buy</p>"];</script></head>
<body>
<header class="site-header"><a href="/">The Daily Site</a><nav><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<div id="cookie-banner" class="consent"><p>We use cookies to improve your experience. Accept all cookies?</p><button>Accept</button></div>
<main><article>
{}
</article></main>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Why did the minister resign?</a></li><li><a href="/b">What comes next for the alliance?</a></li></ul></aside>
<form class="newsletter"><label>Subscribe to our newsletter?</label><input type="email"></form>
<footer><p>© 2024 The Daily Site. All rights reserved.</p></footer>
<!-- analytics: do you read this? -->
</body></html>
"#,
        escape_xml(title),
        body
    )
}

/// A Word document: each block a `w:p`, its lines joined by `w:br`;
/// the title in the document's core properties.
fn to_docx(title: &str, text: &str) -> Vec<u8> {
    let mut paras = String::new();
    for b in blocks(text) {
        paras.push_str("<w:p>");
        for (i, line) in b.iter().enumerate() {
            if i > 0 {
                paras.push_str("<w:r><w:br/></w:r>");
            }
            paras.push_str(&format!(
                r#"<w:r><w:t xml:space="preserve">{}</w:t></w:r>"#,
                escape_xml(line)
            ));
        }
        paras.push_str("</w:p>");
    }
    let files = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#.to_string(),
        ),
        (
            "word/document.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{paras}<w:sectPr/></w:body></w:document>"#
            ),
        ),
        (
            "docProps/core.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"><dc:title>{}</dc:title><dc:creator>Test Writer</dc:creator><dcterms:created>2024-05-06T07:08:09Z</dcterms:created></cp:coreProperties>"#,
                escape_xml(title)
            ),
        ),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in files {
        zip.start_file(name, options).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The ToUnicode map of a font whose codes are the characters' UTF-16
/// units: every two-byte code maps to itself.
fn identity_to_unicode() -> Vec<u8> {
    let mut ranges = String::new();
    let highs: Vec<u32> = (0..=0xffu32)
        .filter(|h| !(0xd8..=0xdf).contains(h))
        .collect();
    for chunk in highs.chunks(100) {
        ranges.push_str(&format!("{} beginbfrange\n", chunk.len()));
        for h in chunk {
            ranges.push_str(&format!("<{h:02X}00> <{h:02X}FF> <{h:02X}00>\n"));
        }
        ranges.push_str("endbfrange\n");
    }
    format!(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n{ranges}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    )
    .into_bytes()
}

const PAGE_LINES: usize = 48;
const FONT_SIZE: f64 = 10.0;
const LEADING: f64 = 12.0;

/// A PDF of `text` as a printer would set it: lines wrapped at 90
/// columns, a blank line between blocks, 48 lines a page. With
/// `no_text`, pages without a text layer (a scan).
fn to_pdf(title: &str, text: &str, no_text: bool) -> Vec<u8> {
    let mut doc = Pdf::with_version("1.5");
    let pages_id = doc.new_object_id();
    let descriptor = doc.add_object(Dictionary::from_iter(vec![
        ("Type", Object::Name(b"FontDescriptor".to_vec())),
        ("FontName", Object::Name(b"TestSans".to_vec())),
        ("Flags", Object::Integer(32)),
        (
            "FontBBox",
            Object::Array(vec![0.into(), (-200).into(), 1000.into(), 900.into()]),
        ),
        ("ItalicAngle", Object::Integer(0)),
        ("Ascent", Object::Integer(900)),
        ("Descent", Object::Integer(-200)),
        ("CapHeight", Object::Integer(700)),
        ("StemV", Object::Integer(80)),
    ]));
    let descendant = doc.add_object(Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Font".to_vec())),
        ("Subtype", Object::Name(b"CIDFontType2".to_vec())),
        ("BaseFont", Object::Name(b"TestSans".to_vec())),
        (
            "CIDSystemInfo",
            Object::Dictionary(Dictionary::from_iter(vec![
                ("Registry", Object::string_literal("Adobe")),
                ("Ordering", Object::string_literal("Identity")),
                ("Supplement", Object::Integer(0)),
            ])),
        ),
        ("DW", Object::Integer(500)),
        ("FontDescriptor", Object::Reference(descriptor)),
    ]));
    let to_unicode = doc.add_object(Stream::new(Dictionary::new(), identity_to_unicode()));
    let font_id = doc.add_object(Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Font".to_vec())),
        ("Subtype", Object::Name(b"Type0".to_vec())),
        ("BaseFont", Object::Name(b"TestSans".to_vec())),
        ("Encoding", Object::Name(b"Identity-H".to_vec())),
        (
            "DescendantFonts",
            Object::Array(vec![Object::Reference(descendant)]),
        ),
        ("ToUnicode", Object::Reference(to_unicode)),
    ]));
    let resources = doc.add_object(Dictionary::from_iter(vec![(
        "Font",
        Object::Dictionary(Dictionary::from_iter(vec![(
            "F1",
            Object::Reference(font_id),
        )])),
    )]));
    // Printed lines: wrapped, blank between blocks.
    let mut lines: Vec<String> = Vec::new();
    for b in blocks(text) {
        for l in b {
            lines.extend(textwrap::wrap(l, 90).into_iter().map(|c| c.into_owned()));
        }
        lines.push(String::new());
    }
    let mut kids = Vec::new();
    for page in lines.chunks(PAGE_LINES) {
        let mut ops = String::new();
        if !no_text {
            ops.push_str(&format!("BT /F1 {FONT_SIZE} Tf {LEADING} TL 56 780 Td\n"));
            for line in page {
                let hex: String = line.encode_utf16().map(|u| format!("{u:04X}")).collect();
                ops.push_str(&format!("<{hex}> Tj T*\n"));
            }
            ops.push_str("ET\n");
        } else {
            // A scan: a grey box where the text would be, no text layer.
            ops.push_str("0.5 g 56 100 480 680 re f\n");
        }
        let content = doc.add_object(Stream::new(Dictionary::new(), ops.into_bytes()));
        kids.push(Object::Reference(doc.add_object(Dictionary::from_iter(
            vec![
                ("Type", Object::Name(b"Page".to_vec())),
                ("Parent", Object::Reference(pages_id)),
                ("Contents", Object::Reference(content)),
            ],
        ))));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Pages".to_vec())),
            ("Kids", Object::Array(kids)),
            ("Count", Object::Integer(count)),
            ("Resources", Object::Reference(resources)),
            (
                "MediaBox",
                Object::Array(vec![0.into(), 0.into(), 612.into(), 842.into()]),
            ),
        ])),
    );
    let catalog = doc.add_object(Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Catalog".to_vec())),
        ("Pages", Object::Reference(pages_id)),
    ]));
    let info = doc.add_object(Dictionary::from_iter(vec![
        (
            "Title",
            Object::String(
                std::iter::once([0xfe, 0xff])
                    .flatten()
                    .chain(title.encode_utf16().flat_map(u16::to_be_bytes))
                    .collect(),
                StringFormat::Hexadecimal,
            ),
        ),
        ("CreationDate", Object::string_literal("D:20240506070809Z")),
    ]));
    doc.trailer.set("Root", catalog);
    doc.trailer.set("Info", info);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// golden-check's view of a document: every pair's asker, question,
/// answerer and answer, the text `loose`.
fn pairs_of(d: &Document) -> Vec<(Option<String>, String, Option<String>, String)> {
    d.pairs
        .iter()
        .map(|p| {
            (
                p.asker.clone(),
                loose(&p.question_text()),
                p.answerer.clone(),
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
                .map(|p| p.text.as_str())
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
