//! Lesson Markdown as a small tree of safe display nodes, in the compact form that packs carry.
//!
//! A pack's lessons keep their Markdown (it is what the content hash covers), but the app's first
//! screen has no room for a Markdown parser, and a pack opened at run time (a contest, a teacher's
//! course) must show its text all the same. So [`build_pack`](crate::build_pack) converts each
//! lesson's text and hints here and stores them in the pack as [`LessonText`]s, which the app
//! decodes (`app/src/course/document.rs`). The rules that keep lesson text safe are decided here, once:
//!
//! - raw HTML is kept as plain text, never as markup;
//! - links to other sites become text with their address (the app is offline), and only links
//!   inside the page stay links;
//! - only images embedded in the lesson (`data:image/…`) load; any other image shows its
//!   description.
//!
//! `sprout check` already refuses lessons with raw HTML or outside images; this is the second line.
//! `app/tests/markdown_safety.rs` tests these rules through the page's own decoder.

use serde::{Deserialize, Serialize};

use crate::model::Lesson;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag};

/// One node of a document: the owned twin of `sprout_app::document::Node`. [`encode`] writes it
/// for the page; `app/tests/markdown_safety.rs` decodes what it wrote with the page's decoder, so
/// the two cannot drift apart unnoticed.
#[derive(Debug)]
pub enum Node {
    /// Plain text, shown as it is (raw HTML included).
    Text(String),
    /// A paragraph.
    Paragraph(Vec<Node>),
    /// A heading at its Markdown level (1 for `#`).
    Heading {
        /// 1 to 6.
        level: u8,
        /// The heading's words.
        content: Vec<Node>,
    },
    /// A block quote.
    BlockQuote(Vec<Node>),
    /// A code block; `example` when it is fenced as `rhai`, which the page offers to try.
    CodeBlock {
        /// The code.
        code: String,
        /// Whether it is fenced as `rhai`.
        example: bool,
    },
    /// A numbered list of [`Node::Item`]s starting at `start`.
    OrderedList {
        /// The first item's number.
        start: u64,
        /// The items.
        items: Vec<Node>,
    },
    /// A bulleted list of [`Node::Item`]s.
    BulletList(Vec<Node>),
    /// A list item.
    Item(Vec<Node>),
    /// Emphasis.
    Emphasis(Vec<Node>),
    /// Strong emphasis.
    Strong(Vec<Node>),
    /// Struck-through text.
    Strikethrough(Vec<Node>),
    /// A code span.
    Code(String),
    /// A table: a [`Node::TableHead`], then [`Node::TableRow`]s.
    Table(Vec<Node>),
    /// The header row's cells.
    TableHead(Vec<Node>),
    /// A body row's cells.
    TableRow(Vec<Node>),
    /// A table cell.
    TableCell(Vec<Node>),
    /// A link inside the page.
    Link {
        /// Where it goes.
        address: String,
        /// The link's words.
        content: Vec<Node>,
    },
    /// A link to another site, shown as its text and address.
    OfflineLink {
        /// The other site's address.
        address: String,
        /// The link's words.
        content: Vec<Node>,
    },
    /// An image embedded in the lesson (a `data:image/…` address).
    Image {
        /// The `data:image/…` address.
        address: String,
        /// Its description for screen readers.
        description: String,
    },
    /// The description of an image that is not embedded, shown instead of it.
    ImageDescription(Vec<Node>),
    /// A hard line break.
    LineBreak,
    /// A thematic break.
    Rule,
}

/// One element being built: its tag, the nodes collected so far, and its plain text (code blocks
/// and image descriptions need text, not nodes).
struct Frame<'a> {
    tag: Tag<'a>,
    children: Vec<Node>,
    text: String,
}

/// Whether a link or image address points outside the lesson.
fn is_external(address: &str) -> bool {
    let address = address.trim().to_ascii_lowercase();
    address.contains(':') || address.starts_with("//")
}

/// Adds `text` to `nodes`, joined to the text before it (fewer nodes in the page's data).
fn push_text(nodes: &mut Vec<Node>, text: &str) {
    match nodes.last_mut() {
        Some(Node::Text(last)) => last.push_str(text),
        _ => nodes.push(Node::Text(text.to_string())),
    }
}

/// Adds the node for a finished tag to `parent`; a tag the page has no element for (an HTML
/// block, whose text is already plain text) adds its children instead.
fn finish(tag: Tag<'_>, children: Vec<Node>, text: String, parent: &mut Vec<Node>) {
    let node = match tag {
        Tag::Paragraph => Node::Paragraph(children),
        Tag::Heading { level, .. } => {
            let level = match level {
                HeadingLevel::H1 => 1,
                HeadingLevel::H2 => 2,
                HeadingLevel::H3 => 3,
                HeadingLevel::H4 => 4,
                HeadingLevel::H5 => 5,
                HeadingLevel::H6 => 6,
            };
            Node::Heading { level, content: children }
        }
        Tag::BlockQuote(_) => Node::BlockQuote(children),
        Tag::CodeBlock(kind) => {
            let example =
                matches!(&kind, CodeBlockKind::Fenced(info) if info.split_whitespace().next() == Some("rhai"));
            Node::CodeBlock { code: text, example }
        }
        Tag::List(Some(start)) => Node::OrderedList { start, items: children },
        Tag::List(None) => Node::BulletList(children),
        Tag::Item => Node::Item(children),
        Tag::Emphasis => Node::Emphasis(children),
        Tag::Strong => Node::Strong(children),
        Tag::Strikethrough => Node::Strikethrough(children),
        Tag::Table(_) => Node::Table(children),
        Tag::TableHead => Node::TableHead(children),
        Tag::TableRow => Node::TableRow(children),
        Tag::TableCell => Node::TableCell(children),
        Tag::Link { dest_url, .. } if is_external(&dest_url) => {
            Node::OfflineLink { address: dest_url.to_string(), content: children }
        }
        Tag::Link { dest_url, .. } => Node::Link { address: dest_url.to_string(), content: children },
        Tag::Image { dest_url, .. } if dest_url.trim().to_ascii_lowercase().starts_with("data:image/") => {
            Node::Image { address: dest_url.to_string(), description: text }
        }
        Tag::Image { .. } => Node::ImageDescription(children),
        _ => {
            for child in children {
                match child {
                    Node::Text(text) => push_text(parent, &text),
                    other => parent.push(other),
                }
            }
            return;
        }
    };
    parent.push(node);
}

/// Converts Markdown (tables and strikethrough on, as in lesson files) to document nodes.
pub fn convert(markdown: &str) -> Vec<Node> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut root = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    for event in Parser::new_ext(markdown, options) {
        if let Event::Start(tag) = event {
            stack.push(Frame { tag, children: Vec::new(), text: String::new() });
            continue;
        }
        if let Event::End(_) = event {
            let Some(frame) = stack.pop() else { continue };
            let parent = stack.last_mut().map_or(&mut root, |parent| &mut parent.children);
            finish(frame.tag, frame.children, frame.text, parent);
            continue;
        }
        let (nodes, text) = match stack.last_mut() {
            Some(frame) => (&mut frame.children, Some(&mut frame.text)),
            None => (&mut root, None),
        };
        match event {
            Event::Text(words) | Event::Html(words) | Event::InlineHtml(words) => {
                if let Some(text) = text {
                    text.push_str(&words);
                }
                push_text(nodes, &words);
            }
            Event::Code(code) => nodes.push(Node::Code(code.to_string())),
            Event::SoftBreak => push_text(nodes, " "),
            Event::HardBreak => nodes.push(Node::LineBreak),
            Event::Rule => nodes.push(Node::Rule),
            _ => {}
        }
    }
    // pulldown-cmark ends every tag it starts; were one left open, its content would still show.
    while let Some(frame) = stack.pop() {
        let parent = stack.last_mut().map_or(&mut root, |parent| &mut parent.children);
        finish(frame.tag, frame.children, frame.text, parent);
    }
    root
}

/// Converts a lesson's text, without a first `# heading` that only repeats `title` (the page shows
/// the title itself, in the interface language).
pub fn lesson_text(markdown: &str, title: &str) -> Vec<Node> {
    let rest = match markdown.trim_start().split_once('\n') {
        Some((first, rest)) if first.strip_prefix("# ").map(str::trim) == Some(title.trim()) => rest,
        _ => markdown,
    };
    convert(rest)
}

/// Starts a node in [`encode`]'s form; the next character names the node's kind.
pub const OPEN: char = '\u{2}';
/// Ends the node [`OPEN`] started.
pub const CLOSE: char = '\u{3}';
/// Ends a node's one field (an address, a list's first number) before its content.
pub const FIELD_END: char = '\u{1f}';

/// Writes `nodes` in the compact form the page decodes (`app/src/course/document.rs`, `decode`): text as it
/// is, and each other node as [`OPEN`], a kind letter, its field ended by [`FIELD_END`] if it has
/// one, its content, and [`CLOSE`]. As static Rust values the nodes took about 24 bytes of
/// pointers each, 22 KB of the first screen's download (brotli) for the course of issue #5; this
/// form costs a few hundred bytes. The three marker characters never appear in a lesson: any that
/// did is written as U+FFFD.
pub fn encode(nodes: &[Node]) -> String {
    let mut out = String::new();
    encode_nodes(&mut out, nodes);
    out
}

fn encode_nodes(out: &mut String, nodes: &[Node]) {
    for node in nodes {
        encode_node(out, node);
    }
}

fn encode_text(out: &mut String, text: &str) {
    out.extend(text.chars().map(|c| if matches!(c, OPEN | CLOSE | FIELD_END) { '\u{fffd}' } else { c }));
}

fn encode_container(out: &mut String, kind: char, field: Option<&str>, children: &[Node]) {
    out.push(OPEN);
    out.push(kind);
    if let Some(field) = field {
        encode_text(out, field);
        out.push(FIELD_END);
    }
    encode_nodes(out, children);
    out.push(CLOSE);
}

fn encode_leaf(out: &mut String, kind: char, field: Option<&str>, text: &str) {
    out.push(OPEN);
    out.push(kind);
    if let Some(field) = field {
        encode_text(out, field);
        out.push(FIELD_END);
    }
    encode_text(out, text);
    out.push(CLOSE);
}

fn encode_node(out: &mut String, node: &Node) {
    match node {
        Node::Text(text) => encode_text(out, text),
        Node::Paragraph(children) => encode_container(out, 'p', None, children),
        Node::Heading { level, content } => encode_container(out, 'h', Some(&level.to_string()), content),
        Node::BlockQuote(children) => encode_container(out, 'q', None, children),
        Node::CodeBlock { code, example } => encode_leaf(out, if *example { 'x' } else { 'c' }, None, code),
        Node::OrderedList { start, items } => encode_container(out, 'o', Some(&start.to_string()), items),
        Node::BulletList(children) => encode_container(out, 'u', None, children),
        Node::Item(children) => encode_container(out, 'i', None, children),
        Node::Emphasis(children) => encode_container(out, 'e', None, children),
        Node::Strong(children) => encode_container(out, 's', None, children),
        Node::Strikethrough(children) => encode_container(out, 'k', None, children),
        Node::Code(code) => encode_leaf(out, 'm', None, code),
        Node::Table(children) => encode_container(out, 't', None, children),
        Node::TableHead(children) => encode_container(out, 'H', None, children),
        Node::TableRow(children) => encode_container(out, 'r', None, children),
        Node::TableCell(children) => encode_container(out, 'd', None, children),
        Node::Link { address, content } => encode_container(out, 'a', Some(address), content),
        Node::OfflineLink { address, content } => encode_container(out, 'A', Some(address), content),
        Node::Image { address, description } => encode_leaf(out, 'g', Some(address), description),
        Node::ImageDescription(children) => encode_container(out, 'G', None, children),
        Node::LineBreak => encode_leaf(out, 'b', None, ""),
        Node::Rule => encode_leaf(out, '-', None, ""),
    }
}

/// A lesson's text and hints in [`encode`]'s form, as a pack carries them for display.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonText {
    /// The lesson's id.
    pub id: String,
    /// Its text, without a first heading that repeats its title.
    pub text: String,
    /// Its hints, in order.
    pub hints: Vec<String>,
}

impl LessonText {
    /// Converts `lesson`'s Markdown text and hints.
    pub fn of(lesson: &Lesson) -> LessonText {
        LessonText {
            id: lesson.id.clone(),
            text: encode(&lesson_text(&lesson.text, &lesson.title.zh)),
            hints: lesson.hints.iter().map(|hint| encode(&convert(hint))).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_markers_never_come_from_the_text() {
        let encoded = encode(&convert("a\u{2}b\u{3}c\u{1f}"));
        assert_eq!(encoded, "\u{2}pa\u{fffd}b\u{fffd}c\u{fffd}\u{3}");
    }
}
