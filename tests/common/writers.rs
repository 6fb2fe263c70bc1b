//! Writers of saved pages, Word documents and PDFs, for the tests and
//! benchmarks of the converters: each turns a plain-text transcript into
//! the file a user would have (HTML with a news site's chrome around the
//! article; DOCX as zip + WordprocessingML; PDF through lopdf, re-exported
//! by pdf-extract, with a Type0 font whose ToUnicode map is the identity so
//! any character can be written). Included with `#[path]`.
#![allow(dead_code)]

use std::io::Write;

use pdf_extract::{Dictionary, Document as Pdf, Object, Stream, StringFormat};

/// A text's blocks (runs of lines between blank lines), each its lines.
pub fn blocks(text: &str) -> Vec<Vec<&str>> {
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

pub fn escape_xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A saved page: the text's blocks as `<p>` (lines kept with `<br>`)
/// inside an article, around it what news sites put there.
pub fn to_html(title: &str, text: &str) -> String {
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
pub fn to_docx(title: &str, text: &str) -> Vec<u8> {
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
/// units: each code of `text` maps to itself. (Only the 256-code blocks
/// the text uses, as a subset font's map lists only its characters.)
pub fn identity_to_unicode(text: &str) -> Vec<u8> {
    let mut ranges = String::new();
    let highs: Vec<u32> = text
        .encode_utf16()
        .map(|u| u32::from(u >> 8))
        .filter(|h| !(0xd8..=0xdf).contains(h))
        .collect::<std::collections::BTreeSet<u32>>()
        .into_iter()
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
pub fn to_pdf(title: &str, text: &str, no_text: bool) -> Vec<u8> {
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
    let to_unicode = doc.add_object(Stream::new(Dictionary::new(), identity_to_unicode(text)));
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
