//! Lesson text and hints as a small, safe document model, built at build time.
//!
//! The text never changes after the build, so `build.rs` converts each lesson's Markdown
//! (`build/document.rs`: raw HTML as plain text, links to other sites as text, only embedded
//! images) into static [`Node`]s: the page carries no Markdown parser and parses nothing when a
//! lesson opens. [`crate::markdown`] turns the nodes into page elements.

/// One node of a lesson's text. Every string is shown as text, never as markup.
#[derive(Debug)]
pub enum Node {
    /// Plain text (raw HTML in a lesson included).
    Text(&'static str),
    /// A paragraph.
    Paragraph(&'static [Node]),
    /// A heading at its Markdown level (1 for `#`).
    Heading {
        /// 1 to 6.
        level: u8,
        /// The heading's words.
        content: &'static [Node],
    },
    /// A block quote.
    BlockQuote(&'static [Node]),
    /// A code block.
    CodeBlock {
        /// The code.
        code: &'static str,
        /// Whether it is a Rhai example the student may try (fenced as `rhai`).
        example: bool,
    },
    /// A numbered list.
    OrderedList {
        /// The first item's number.
        start: u64,
        /// Its [`Node::Item`]s.
        items: &'static [Node],
    },
    /// A bulleted list of [`Node::Item`]s.
    BulletList(&'static [Node]),
    /// A list item.
    Item(&'static [Node]),
    /// Emphasis.
    Emphasis(&'static [Node]),
    /// Strong emphasis.
    Strong(&'static [Node]),
    /// Struck-through text.
    Strikethrough(&'static [Node]),
    /// A code span.
    Code(&'static str),
    /// A table: a [`Node::TableHead`], then [`Node::TableRow`]s.
    Table(&'static [Node]),
    /// The header row's [`Node::TableCell`]s.
    TableHead(&'static [Node]),
    /// A body row's [`Node::TableCell`]s.
    TableRow(&'static [Node]),
    /// A table cell.
    TableCell(&'static [Node]),
    /// A link inside the page.
    Link {
        /// Where it goes (never another site).
        address: &'static str,
        /// The link's words.
        content: &'static [Node],
    },
    /// A link to another site, which the offline app shows as its words and address.
    OfflineLink {
        /// The other site's address.
        address: &'static str,
        /// The link's words.
        content: &'static [Node],
    },
    /// An image embedded in the lesson.
    Image {
        /// A `data:image/…` address.
        address: &'static str,
        /// Its description for screen readers.
        description: &'static str,
    },
    /// The description of an image that is not embedded, shown instead of it.
    ImageDescription(&'static [Node]),
    /// A hard line break.
    LineBreak,
    /// A thematic break.
    Rule,
}

/// A lesson's text (without a first heading that repeats its title) and its hints, in order.
#[derive(Debug)]
pub struct LessonText {
    /// The lesson's text.
    pub text: &'static [Node],
    /// Its hints.
    pub hints: &'static [&'static [Node]],
}

/// Every lesson of the embedded course by id, in course order (written by `build.rs`).
static LESSONS: &[(&str, LessonText)] = {
    use Node::*;
    include!(concat!(env!("OUT_DIR"), "/lesson_text.rs"))
};

/// The text and hints of the course's lesson `lesson_id`.
pub fn lesson_text(lesson_id: &str) -> Option<&'static LessonText> {
    LESSONS.iter().find(|(id, _)| *id == lesson_id).map(|(_, text)| text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::course;

    #[test]
    fn every_lesson_of_the_course_has_its_text_and_hints() {
        let pack = course();
        assert_eq!(LESSONS.len(), pack.lessons.len());
        for lesson in &pack.lessons {
            let text = lesson_text(&lesson.id).expect("every lesson has a text");
            assert!(!text.text.is_empty(), "{} has a text", lesson.id);
            assert_eq!(text.hints.len(), lesson.hints.len(), "{} has as many hints as the pack counts", lesson.id);
            assert!(lesson.text.is_empty(), "the pack leaves the text to this module");
            assert!(lesson.hints.iter().all(String::is_empty), "the pack leaves the hints to this module");
        }
    }

    #[test]
    fn the_title_heading_is_left_to_the_page() {
        let pack = course();
        let first = &pack.lessons[0];
        let text = lesson_text(&first.id).expect("the first lesson has a text");
        assert!(
            !matches!(text.text.first(), Some(Node::Heading { level: 1, .. })),
            "the first lesson's text starts after its title heading"
        );
    }
}
