//! Saved web pages and HTML fragments → the plain text the other steps read.
//!
//! Interviews reach people as saved pages (an oral-history archive's
//! `.html`, a blog post whose body is HTML under YAML front matter). Read as
//! text they were tags and entities; here html5ever (through `scraper`)
//! parses them the way a browser does, and the walk below writes what a
//! reader sees: a paragraph per block, a line per `<br>`, `**bold**` and
//! `*italic*` where the page set them (the parser reads Markdown emphasis:
//! bold prompts, `**Name:**` labels), `#` headings, `• ` list items, and
//! nothing of scripts, styles or the page's head but its title.
//! Terminal-free.

use scraper::{Html, Node};

/// Whether `text` (from `path`) is HTML to be read as a page: an `.html`
/// file with tags in it, or any text whose markup opens a page
/// (`<!DOCTYPE html>`, `<html>`, `<body>`) or that is built of block tags
/// (`<p>`, `<div>`, `<br>`, …) — at least six, one per kilobyte or more.
pub fn looks_like_html(path: &str, text: &str) -> bool {
    // (The memchr crate's search: most texts hold no `<` at all, and the
    // standard library's looks through the whole text a word at a time.)
    if memchr::memchr(b'<', text.as_bytes()).is_none() {
        return false;
    }
    let lower_path = path.to_ascii_lowercase();
    if [".html", ".htm", ".xhtml"]
        .iter()
        .any(|e| lower_path.ends_with(e))
    {
        return true;
    }
    let head = &text[..text.floor_char_boundary(256 * 1024)];
    let bytes = head.as_bytes();
    let at = |i: usize, tag: &str| {
        bytes
            .get(i..i + tag.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(tag.as_bytes()))
    };
    let (mut blocks, mut prose) = (0usize, 0usize);
    for i in memchr::memchr_iter(b'<', bytes) {
        // Every tag looked for starts `<` then one of these (most `<` in
        // plain text are not tags: `<nick>`, `<<`, `a < b`).
        if !bytes
            .get(i + 1)
            .is_some_and(|b| b"!hHbBpPdDlLtT/".contains(b))
        {
            continue;
        }
        if ["<!doctype html", "<html", "<body"]
            .iter()
            .any(|t| at(i, t))
        {
            return true;
        }
        let block = [
            "<p>", "<p ", "</p>", "<br", "<div", "</div>", "<li>", "<h2", "<h3", "<tr",
        ];
        if block.iter().any(|t| at(i, t)) {
            blocks += 1;
            prose += usize::from(PROSE_TAGS.iter().any(|t| at(i, t)));
        }
    }
    blocks >= 6 && blocks * 1024 >= head.len() && !markdown_around_tags(head, prose)
}

/// Tags that hold a page's sentences: a page written in HTML has them
/// wherever it has words.
const PROSE_TAGS: [&str; 6] = ["<p>", "<p ", "</p>", "<br", "<li>", "<tr"];

/// A Markdown page (a static site's source) with boxes and figures in HTML
/// among its paragraphs: its headings are Markdown's (`## Why maps?`), and
/// its sentences are in fewer tags than its headings.
fn markdown_around_tags(head: &str, prose_tags: usize) -> bool {
    let headings = head
        .lines()
        .filter(|l| {
            let hashes = l.bytes().take_while(|&b| b == b'#').count();
            (1..=6).contains(&hashes) && l.as_bytes().get(hashes) == Some(&b' ')
        })
        .count();
    headings >= 2 && headings > prose_tags
}

/// A page read as text.
#[derive(Debug, Default)]
pub struct Page {
    pub text: String,
    /// How many page elements were set aside as chrome (navigation,
    /// forms, cookie notices, related links, comments).
    pub set_aside: usize,
    /// The page stops before its end (`<html>` never closed): read as far
    /// as it goes.
    pub cut_short: bool,
}

/// The text of the page `html`, YAML front matter (`---` … `---` at the
/// start) kept as it is above it.
pub fn to_text(html: &str) -> String {
    read_page(html).text
}

/// [`to_text`], saying what was set aside and whether the page is whole.
///
/// Readability-style: the page's `<main>` (or its one `<article>`) when it
/// marks one, else its body; inside that, navigation, forms, sidebars,
/// footers and elements whose class, id or role names chrome (`cookie`,
/// `newsletter`, `related`, `share`, `comments`, …) are not text.
pub fn read_page(html: &str) -> Page {
    let (front, body) = split_front_matter(html);
    let doc = Html::parse_document(body);
    let mut out = Writer::default();
    // The title, from the head: the page's own name for itself, as front
    // matter (metadata: the text's own heading, if any, still comes first).
    let mut head_title = String::new();
    if let Some(title) = doc
        .root_element()
        .descendants()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "title"))
    {
        let text: String = title
            .descendants()
            .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
            .collect();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() && front.is_empty() {
            head_title = format!("---\ntitle: {text}\n---\n\n");
        }
    }
    walk(main_content(&doc), &mut out, false);
    let mut text = String::with_capacity(front.len() + head_title.len() + out.buf.len());
    text.push_str(front);
    text.push_str(&head_title);
    // An entity can spell any character (`&#27;` is ESC): what the page
    // says goes through the same hygiene as any decoded file.
    text.extend(
        out.buf
            .trim_start_matches('\n')
            .chars()
            .filter(|&c| c == '\n' || !crate::text::is_unsafe_char(c)),
    );
    Page {
        text,
        set_aside: out.set_aside,
        cut_short: is_cut_short(body),
    }
}

/// A page that opens `<html>` or `<body>` and never closes it.
fn is_cut_short(html: &str) -> bool {
    let tail = &html[html.floor_char_boundary(html.len().saturating_sub(4096))..];
    let head = &html[..html.floor_char_boundary(4096)];
    let has = |s: &str, tag: &str| {
        memchr::memmem::find_iter(s.as_bytes(), b"<").any(|i| {
            s.as_bytes()[i..].len() >= tag.len()
                && s.as_bytes()[i..i + tag.len()].eq_ignore_ascii_case(tag.as_bytes())
        })
    };
    (has(head, "<html") && !has(tail, "</html")) || (has(head, "<body") && !has(tail, "</body"))
}

/// Where a page's own content is: its one `<main>`, else its one
/// `<article>`, else the whole document.
fn main_content(doc: &Html) -> ego_tree::NodeRef<'_, Node> {
    let named = |tag: &str| {
        let mut found = doc
            .tree
            .root()
            .descendants()
            .filter(|n| n.value().as_element().is_some_and(|e| e.name() == tag));
        match (found.next(), found.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        }
    };
    named("main")
        .or_else(|| named("article"))
        .unwrap_or_else(|| doc.tree.root())
}

/// Words in a class, id or role that name page chrome, not content.
const CHROME_WORDS: &[&str] = &[
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "newsletter",
    "subscribe",
    "subscription",
    "share",
    "sharing",
    "social",
    "related",
    "sidebar",
    "breadcrumb",
    "breadcrumbs",
    "advert",
    "ad",
    "ads",
    "advertisement",
    "promo",
    "popup",
    "modal",
    "paywall",
    "comments",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "masthead",
    "banner",
    "contentinfo",
    "complementary",
    "dialog",
    "search",
    "footer",
    "skip",
];

/// Elements that are chrome by what they are, whatever they hold.
fn is_chrome_tag(name: &str) -> bool {
    matches!(
        name,
        "nav" | "form" | "aside" | "footer" | "dialog" | "menu"
    )
}

/// Whether an element is chrome by what it is (`nav`, `form`, …) or by
/// what its class, id or role call it.
fn is_chrome(e: &scraper::node::Element) -> bool {
    match e.name() {
        name if is_chrome_tag(name) => return true,
        // (A body's classes describe the page's layout: `sidebar-right`.)
        "html" | "body" | "main" | "article" => return false,
        _ => {}
    }
    ["class", "id", "role"].iter().any(|a| {
        e.attr(a).is_some_and(|v| {
            v.split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| CHROME_WORDS.contains(&w.to_ascii_lowercase().as_str()))
        })
    })
}

/// Chrome named by a class is short (a banner, a row of share buttons, a
/// list of links): an element holding more text than this is content
/// whatever its class says (`<div class="post category-social-media">`).
const CHROME_MAX_TEXT: usize = 2000;

/// Whether `node` holds more than [`CHROME_MAX_TEXT`] bytes of text.
fn holds_much_text(node: ego_tree::NodeRef<Node>) -> bool {
    let mut total = 0;
    for n in node.descendants() {
        if let Node::Text(t) = n.value() {
            total += t.trim().len();
            if total > CHROME_MAX_TEXT {
                return true;
            }
        }
    }
    false
}

/// `---\n…\n---\n` at the very start, and the rest.
fn split_front_matter(text: &str) -> (&str, &str) {
    let t = text.trim_start_matches('\u{feff}');
    let skipped = text.len() - t.len();
    let start = t.len() - t.trim_start_matches(['\n', '\r', ' ']).len();
    let rest = &t[start..];
    if !rest.starts_with("---") {
        return ("", text);
    }
    let Some(first_end) = rest.find('\n') else {
        return ("", text);
    };
    let Some(close) = rest[first_end..].find("\n---") else {
        return ("", text);
    };
    let after = first_end + close + "\n---".len();
    let end = rest[after..]
        .find('\n')
        .map_or(rest.len(), |i| after + i + 1);
    let cut = skipped + start + end;
    (&text[..cut], &text[cut..])
}

#[derive(Default)]
struct Writer {
    buf: String,
    set_aside: usize,
}

impl Writer {
    /// Ends the paragraph being written (a blank line), once.
    fn block(&mut self) {
        let trimmed = self.buf.trim_end_matches([' ', '\t']).len();
        self.buf.truncate(trimmed);
        if self.buf.is_empty() || self.buf.ends_with("\n\n") {
            return;
        }
        self.buf.push_str(if self.buf.ends_with('\n') {
            "\n"
        } else {
            "\n\n"
        });
    }

    /// Starts a new line unless one was just started.
    fn new_line(&mut self) {
        if !self.buf.is_empty() && !self.buf.ends_with('\n') {
            self.line_break();
        }
    }

    fn line_break(&mut self) {
        let trimmed = self.buf.trim_end_matches([' ', '\t']).len();
        self.buf.truncate(trimmed);
        self.buf.push('\n');
    }

    /// Text with HTML's white-space rule: any run of spaces and line
    /// breaks is one space, and none at the start of a line.
    fn push_text(&mut self, text: &str) {
        for (i, word) in text.split(char::is_whitespace).enumerate() {
            if i > 0 && !self.buf.is_empty() && !self.buf.ends_with([' ', '\n']) {
                self.buf.push(' ');
            }
            self.buf.push_str(word);
        }
    }
}

fn walk(node: ego_tree::NodeRef<Node>, out: &mut Writer, pre: bool) {
    for child in node.children() {
        match child.value() {
            Node::Text(t) if pre => out.buf.push_str(t),
            Node::Text(t) => out.push_text(t),
            Node::Element(e) => element(child, e.name(), out, pre),
            _ => {}
        }
    }
}

fn element(node: ego_tree::NodeRef<Node>, name: &str, out: &mut Writer, pre: bool) {
    if node.value().as_element().is_some_and(is_chrome)
        && (matches!(
            name,
            "nav" | "form" | "aside" | "footer" | "dialog" | "menu"
        ) || !holds_much_text(node))
    {
        out.set_aside += 1;
        out.block();
        return;
    }
    match name {
        "head" | "script" | "style" | "noscript" | "template" | "svg" | "iframe" | "object"
        | "button" | "select" => {}
        "br" => out.line_break(),
        "hr" => out.block(),
        "pre" => {
            out.block();
            walk(node, out, true);
            out.block();
        }
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            let level = usize::from(name.as_bytes()[1] - b'0');
            let inner = inner_text(node, pre);
            out.block();
            if !inner.is_empty() {
                out.buf.push_str(&"#".repeat(level));
                out.buf.push(' ');
                out.buf.push_str(&inner.replace('\n', " "));
            }
            out.block();
        }
        "li" => {
            out.new_line();
            out.buf.push_str("• ");
            walk(node, out, pre);
            out.new_line();
        }
        "b" | "strong" | "i" | "em" => {
            let mark = if matches!(name, "b" | "strong") {
                "**"
            } else {
                "*"
            };
            let inner = inner_text(node, pre);
            // Emphasis over a line break (`<b>Title<br></b>`) marks no words
            // the reader's Markdown would find: the words alone.
            if inner.is_empty() {
            } else if inner.contains('\n') {
                out.push_text(&inner);
            } else {
                if !out.buf.is_empty() && !out.buf.ends_with([' ', '\n']) {
                    out.buf.push(' ');
                }
                out.buf.push_str(mark);
                out.buf.push_str(&inner);
                out.buf.push_str(mark);
            }
        }
        "td" | "th" => {
            out.buf.push(' ');
            walk(node, out, pre);
            out.buf.push(' ');
        }
        "p" | "div" | "section" | "article" | "header" | "footer" | "main" | "aside"
        | "blockquote" | "ul" | "ol" | "dl" | "dt" | "dd" | "table" | "tr" | "figure"
        | "figcaption" | "form" | "address" | "center" | "nav" | "body" | "html" | "caption" => {
            out.block();
            walk(node, out, pre);
            out.block();
        }
        _ => walk(node, out, pre),
    }
}

/// The text inside `node`, written on its own and trimmed.
fn inner_text(node: ego_tree::NodeRef<Node>, pre: bool) -> String {
    let mut w = Writer::default();
    walk(node, &mut w, pre);
    w.buf.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_class_that_names_chrome_does_not_hide_the_content_it_wraps() {
        let answer = "It began by accident, in a kitchen, with three people. ".repeat(60);
        let page = format!(
            "<html><body><div class=\"post category-social-media\"><p>Q: How did it start?</p><p>A: {answer}</p></div><div class=\"share\"><a>Share on X</a></div></body></html>"
        );
        let text = to_text(&page);
        assert!(text.contains("Q: How did it start?"), "{text}");
        assert!(!text.contains("Share on X"));
    }

    #[test]
    fn a_page_becomes_paragraphs_with_its_emphasis() {
        let page = "<!DOCTYPE html><html><head><title>An  interview</title>\
            <style>p{color:red}</style><script>var x = '<p>';</script></head>\
            <body><h2>Part one</h2><p><b>Q:</b> Where were you &amp; why?</p>\
            <p>A: At home.<br>Alone.</p><ul><li>one</li><li>two</li></ul></body></html>";
        assert!(looks_like_html("x.txt", page));
        let text = to_text(page);
        assert_eq!(
            text,
            "---\ntitle: An interview\n---\n\n## Part one\n\n**Q:** Where were you & why?\n\nA: At home.\nAlone.\n\n• one\n• two\n\n"
        );
    }

    #[test]
    fn front_matter_is_kept_and_prose_with_a_tag_is_not_html() {
        let text = "---\ntitle: T\n---\n<p>One.</p><p>Two.</p><p>Three.</p>";
        assert!(looks_like_html("a.md", text));
        assert_eq!(
            to_text(text),
            "---\ntitle: T\n---\nOne.\n\nTwo.\n\nThree.\n\n"
        );
        assert!(!looks_like_html(
            "a.txt",
            "Q: Is 3 < 4? A: Yes, and <br> is a tag."
        ));
        assert!(!looks_like_html("a.txt", "no markup at all"));
    }

    #[test]
    fn a_markdown_page_with_boxes_in_html_is_markdown() {
        let boxed = "<div class=\"note\">\n<h3>Note</h3>\n\nA box.\n\n</div>\n\n";
        let page = format!(
            "## Why maps?\n\nAna: Because.\n\n{boxed}## And now?\n\nAna: More maps.\n\n{boxed}{boxed}"
        );
        assert!(!looks_like_html("a.md", &page));
        // The same tags around paragraphs in `<p>`: a page in HTML.
        let html = format!("{page}<p>One.</p><p>Two.</p><p>Three.</p>");
        assert!(looks_like_html("a.md", &html));
    }

    #[test]
    fn entities_never_spell_control_characters() {
        let text = to_text("<html><body><p>a&#27;[31mb&#x202e;c&#9;d</p></body></html>");
        assert!(
            !text
                .chars()
                .any(|c| c != '\n' && crate::text::is_unsafe_char(c)),
            "{text:?}"
        );
        assert!(text.starts_with("a[31mbc d"), "{text:?}");
    }
}
