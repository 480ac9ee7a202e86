//! Lesson text (Markdown) as page content, safely: no raw HTML, no scripts, nothing loaded from
//! elsewhere. Raw HTML in the text is shown as plain text, links to other sites are shown as text
//! with their address (the app is offline), and only images embedded in the lesson (`data:`) load.
//! `sprout check` already refuses lessons with raw HTML or outside images; this is the second line.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use yew::prelude::*;
use yew::virtual_dom::VTag;

/// One element being built: its tag, the children collected so far, and its plain text (code
/// blocks and image descriptions need text, not nodes).
struct Frame {
    tag: Option<Tag<'static>>,
    children: Vec<Html>,
    text: String,
}

/// Whether a link or image address points outside the lesson.
fn is_external(url: &str) -> bool {
    let url = url.trim().to_ascii_lowercase();
    url.contains(':') || url.starts_with("//")
}

/// The element for a finished tag.
fn element(
    tag: Tag<'static>,
    children: Vec<Html>,
    text: String,
    on_try: &Option<Callback<String>>,
    try_label: &str,
) -> Html {
    let children: Html = children.into_iter().collect();
    match tag {
        Tag::Paragraph => html! { <p>{ children }</p> },
        Tag::Heading { level, .. } => {
            // The page's own title is the h1 and the lesson's title an h2, so lesson headings sit lower.
            let name = match level {
                HeadingLevel::H1 => "h2",
                HeadingLevel::H2 => "h3",
                HeadingLevel::H3 => "h4",
                HeadingLevel::H4 => "h5",
                _ => "h6",
            };
            let mut heading = VTag::new(name);
            heading.add_child(children);
            heading.into()
        }
        Tag::BlockQuote(_) => html! { <blockquote>{ children }</blockquote> },
        Tag::CodeBlock(kind) => {
            let is_rhai =
                matches!(&kind, CodeBlockKind::Fenced(info) if info.split_whitespace().next() == Some("rhai"));
            let try_button = match on_try {
                Some(on_try) if is_rhai => {
                    let on_try = on_try.clone();
                    let code = text.clone();
                    let onclick = Callback::from(move |_: MouseEvent| on_try.emit(code.clone()));
                    html! { <button type="button" class="try" {onclick}>{ try_label }</button> }
                }
                _ => Html::default(),
            };
            html! { <div class="example"><pre><code>{ text }</code></pre>{ try_button }</div> }
        }
        Tag::List(Some(start)) => html! { <ol start={start.to_string()}>{ children }</ol> },
        Tag::List(None) => html! { <ul>{ children }</ul> },
        Tag::Item => html! { <li>{ children }</li> },
        Tag::Emphasis => html! { <em>{ children }</em> },
        Tag::Strong => html! { <strong>{ children }</strong> },
        Tag::Strikethrough => html! { <s>{ children }</s> },
        Tag::Table(_) => html! { <table>{ children }</table> },
        Tag::TableHead => html! { <thead><tr>{ children }</tr></thead> },
        Tag::TableRow => html! { <tr>{ children }</tr> },
        Tag::TableCell => html! { <td>{ children }</td> },
        Tag::Link { dest_url, .. } if is_external(&dest_url) => {
            html! { <span class="offline-link">{ children }{ format!(" ({dest_url})") }</span> }
        }
        Tag::Link { dest_url, .. } => html! { <a href={dest_url.to_string()}>{ children }</a> },
        Tag::Image { dest_url, .. } if dest_url.trim().to_ascii_lowercase().starts_with("data:image/") => {
            html! { <img src={dest_url.to_string()} alt={text} /> }
        }
        Tag::Image { .. } => html! { <span class="image-alt">{ children }</span> },
        _ => children,
    }
}

/// Renders `source` as Html. Fenced ```` ```rhai ```` examples get a "try it" button labelled
/// `try_label` that sends their code to `on_try`.
pub fn render(source: &str, on_try: Option<Callback<String>>, try_label: &str) -> Html {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut stack = vec![Frame { tag: None, children: Vec::new(), text: String::new() }];
    for event in Parser::new_ext(source, options) {
        match event {
            Event::Start(tag) => {
                stack.push(Frame { tag: Some(tag.into_static()), children: Vec::new(), text: String::new() })
            }
            Event::End(end) => {
                // The parser balances every start with an end; a stray end is ignored.
                if stack.len() < 2 || matches!(end, TagEnd::HtmlBlock) {
                    continue;
                }
                let frame = stack.pop().expect("checked above");
                let built = match frame.tag {
                    Some(tag) => element(tag, frame.children, frame.text, &on_try, try_label),
                    None => frame.children.into_iter().collect(),
                };
                stack.last_mut().expect("the root frame stays").children.push(built);
            }
            Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => {
                let frame = stack.last_mut().expect("the root frame stays");
                frame.text.push_str(&text);
                frame.children.push(Html::from(text.to_string()));
            }
            Event::Code(code) => {
                stack
                    .last_mut()
                    .expect("the root frame stays")
                    .children
                    .push(html! { <code>{ code.to_string() }</code> });
            }
            Event::SoftBreak => stack.last_mut().expect("the root frame stays").children.push(Html::from(" ")),
            Event::HardBreak => stack.last_mut().expect("the root frame stays").children.push(html! { <br /> }),
            Event::Rule => stack.last_mut().expect("the root frame stays").children.push(html! { <hr /> }),
            _ => {}
        }
    }
    let mut root: Vec<Html> = Vec::new();
    // Unclosed frames (never produced by the parser) still show their text.
    for frame in stack {
        root.extend(frame.children);
    }
    html! { <div class="lesson-text">{ for root }</div> }
}
