//! Lesson text and hints as a small, safe document model.
//!
//! Every pack carries its lessons' Markdown already converted (`sprout_lessons::document`: raw
//! HTML as plain text, links to other sites as text, only embedded images) into a compact form,
//! which [`decode`] reads back into [`Node`]s when a lesson opens: the page carries no Markdown
//! parser, and a pack opened at run time (a contest) shows its text like the embedded course.
//! [`crate::components::markdown`] turns the nodes into page elements.

use sprout_lessons::document::{CLOSE, FIELD_END, OPEN};
use sprout_lessons::Pack;

/// One node of a lesson's text. Every string is shown as text, never as markup.
#[derive(Debug, PartialEq)]
pub enum Node<'a> {
    /// Plain text (raw HTML in a lesson included).
    Text(&'a str),
    /// A paragraph.
    Paragraph(Vec<Node<'a>>),
    /// A heading at its Markdown level (1 for `#`).
    Heading {
        /// 1 to 6.
        level: u8,
        /// The heading's words.
        content: Vec<Node<'a>>,
    },
    /// A block quote.
    BlockQuote(Vec<Node<'a>>),
    /// A code block.
    CodeBlock {
        /// The code.
        code: &'a str,
        /// Whether it is a Rhai example the student may try (fenced as `rhai`).
        example: bool,
    },
    /// A numbered list.
    OrderedList {
        /// The first item's number.
        start: u64,
        /// Its [`Node::Item`]s.
        items: Vec<Node<'a>>,
    },
    /// A bulleted list of [`Node::Item`]s.
    BulletList(Vec<Node<'a>>),
    /// A list item.
    Item(Vec<Node<'a>>),
    /// Emphasis.
    Emphasis(Vec<Node<'a>>),
    /// Strong emphasis.
    Strong(Vec<Node<'a>>),
    /// Struck-through text.
    Strikethrough(Vec<Node<'a>>),
    /// A code span.
    Code(&'a str),
    /// A table: a [`Node::TableHead`], then [`Node::TableRow`]s.
    Table(Vec<Node<'a>>),
    /// The header row's [`Node::TableCell`]s.
    TableHead(Vec<Node<'a>>),
    /// A body row's [`Node::TableCell`]s.
    TableRow(Vec<Node<'a>>),
    /// A table cell.
    TableCell(Vec<Node<'a>>),
    /// A link inside the page.
    Link {
        /// Where it goes (never another site).
        address: &'a str,
        /// The link's words.
        content: Vec<Node<'a>>,
    },
    /// A link to another site, which the offline app shows as its words and address.
    OfflineLink {
        /// The other site's address.
        address: &'a str,
        /// The link's words.
        content: Vec<Node<'a>>,
    },
    /// An image embedded in the lesson.
    Image {
        /// A `data:image/…` address.
        address: &'a str,
        /// Its description for screen readers.
        description: &'a str,
    },
    /// The description of an image that is not embedded, shown instead of it.
    ImageDescription(Vec<Node<'a>>),
    /// A hard line break.
    LineBreak,
    /// A thematic break.
    Rule,
}

/// A lesson's text (without a first heading that repeats its title) and its hints, in order,
/// read from its pack.
#[derive(Debug)]
pub struct LessonText<'a> {
    /// The lesson's text.
    pub text: Vec<Node<'a>>,
    /// Its hints.
    pub hints: Vec<Vec<Node<'a>>>,
}

/// The text and hints of `pack`'s lesson `lesson_id`.
pub fn lesson_text<'a>(pack: &'a Pack, lesson_id: &str) -> Option<LessonText<'a>> {
    pack.text(lesson_id).map(|text| LessonText {
        text: decode(&text.text),
        hints: text.hints.iter().map(|hint| decode(hint)).collect(),
    })
}

/// Reads nodes written by `sprout_lessons::document::encode`: text as it is, other nodes as [`OPEN`],
/// a kind letter, a field ended by [`FIELD_END`] for the kinds that have one, the content, and
/// [`CLOSE`]. Every string of the result is a slice of `encoded`. The form comes from a pack file,
/// so reading it cannot fail: an unknown kind is skipped with its content, and a
/// missing end closes at the end of the text.
pub fn decode(encoded: &str) -> Vec<Node<'_>> {
    Reader { rest: encoded }.nodes()
}

/// Where [`decode`] has got to.
struct Reader<'a> {
    rest: &'a str,
}

impl<'a> Reader<'a> {
    /// The nodes up to the [`CLOSE`] of the node being read (consumed) or the end.
    fn nodes(&mut self) -> Vec<Node<'a>> {
        let mut nodes = Vec::new();
        loop {
            let text_end = self.rest.find([OPEN, CLOSE]).unwrap_or(self.rest.len());
            if text_end > 0 {
                nodes.push(Node::Text(&self.rest[..text_end]));
            }
            let marker = self.rest[text_end..].chars().next();
            self.rest = self.rest.get(text_end + marker.map_or(0, char::len_utf8)..).unwrap_or_default();
            match marker {
                Some(OPEN) => nodes.extend(self.node()),
                _ => return nodes,
            }
        }
    }

    /// The text up to `end` (consumed) or the end.
    fn until(&mut self, end: char) -> &'a str {
        let (text, rest) = self.rest.split_once(end).unwrap_or((self.rest, ""));
        self.rest = rest;
        text
    }

    /// The node after an [`OPEN`], or `None` for an unknown kind.
    fn node(&mut self) -> Option<Node<'a>> {
        let kind = self.rest.chars().next()?;
        self.rest = &self.rest[kind.len_utf8()..];
        Some(match kind {
            'p' => Node::Paragraph(self.nodes()),
            'h' => {
                let level = self.until(FIELD_END).parse().unwrap_or(1);
                Node::Heading { level, content: self.nodes() }
            }
            'q' => Node::BlockQuote(self.nodes()),
            'c' | 'x' => Node::CodeBlock { code: self.until(CLOSE), example: kind == 'x' },
            'o' => {
                let start = self.until(FIELD_END).parse().unwrap_or(1);
                Node::OrderedList { start, items: self.nodes() }
            }
            'u' => Node::BulletList(self.nodes()),
            'i' => Node::Item(self.nodes()),
            'e' => Node::Emphasis(self.nodes()),
            's' => Node::Strong(self.nodes()),
            'k' => Node::Strikethrough(self.nodes()),
            'm' => Node::Code(self.until(CLOSE)),
            't' => Node::Table(self.nodes()),
            'H' => Node::TableHead(self.nodes()),
            'r' => Node::TableRow(self.nodes()),
            'd' => Node::TableCell(self.nodes()),
            'a' => Node::Link { address: self.until(FIELD_END), content: self.nodes() },
            'A' => Node::OfflineLink { address: self.until(FIELD_END), content: self.nodes() },
            'g' => Node::Image { address: self.until(FIELD_END), description: self.until(CLOSE) },
            'G' => Node::ImageDescription(self.nodes()),
            'b' => {
                self.until(CLOSE);
                Node::LineBreak
            }
            '-' => {
                self.until(CLOSE);
                Node::Rule
            }
            _ => {
                self.nodes();
                return None;
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::units::tests::full_course;

    #[test]
    fn every_lesson_of_the_course_has_its_text_and_hints() {
        let pack = full_course();
        assert_eq!(pack.texts.len(), pack.lessons.len());
        for lesson in &pack.lessons {
            let text = lesson_text(&pack, &lesson.id).expect("every lesson has a text");
            assert!(!text.text.is_empty(), "{} has a text", lesson.id);
            assert_eq!(text.hints.len(), lesson.hints.len(), "{} has as many hints as the pack counts", lesson.id);
            assert!(lesson.text.is_empty(), "the embedded pack keeps only the display text");
            assert!(lesson.hints.iter().all(String::is_empty), "the embedded pack keeps only the display hints");
        }
    }

    #[test]
    fn the_title_heading_is_left_to_the_page() {
        let pack = full_course();
        let first = &pack.lessons[0];
        let text = lesson_text(&pack, &first.id).expect("the first lesson has a text");
        assert!(
            !matches!(text.text.first(), Some(Node::Heading { level: 1, .. })),
            "the first lesson's text starts after its title heading"
        );
    }
}
