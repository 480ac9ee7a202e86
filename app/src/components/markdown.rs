//! Lesson text (Markdown, converted when its pack was built to [`crate::course::document`]'s safe nodes) as
//! page content. The safety rules were applied when the nodes were built (`sprout_lessons::document`): raw
//! HTML is text, links to other sites are text with their address, and only embedded images load.
//! Here every string is a text node or an attribute value, so nothing in a lesson becomes markup.

use yew::prelude::*;
use yew::virtual_dom::{VTag, VText};

use crate::course::document::Node;

/// What a code example's "try it" button needs: where to send the code, and its label.
#[derive(Clone, Copy)]
struct Try<'a> {
    on_try: Option<&'a Callback<String>>,
    label: &'a str,
}

fn nodes(nodes: &[Node<'_>], try_it: Try<'_>) -> Html {
    nodes.iter().map(|node| element(node, try_it)).collect()
}

/// The element for one node.
fn element(node: &Node<'_>, try_it: Try<'_>) -> Html {
    match node {
        Node::Text(text) => VText::new(text.to_string()).into(),
        Node::Paragraph(children) => html! { <p>{ nodes(children, try_it) }</p> },
        Node::Heading { level, content } => {
            // The page's own title is the h1 and the lesson's title an h2, so lesson headings sit lower.
            let name = match level {
                1 => "h2",
                2 => "h3",
                3 => "h4",
                4 => "h5",
                _ => "h6",
            };
            let mut heading = VTag::new(name);
            heading.add_child(nodes(content, try_it));
            heading.into()
        }
        Node::BlockQuote(children) => html! { <blockquote>{ nodes(children, try_it) }</blockquote> },
        Node::CodeBlock { code, example } => {
            let try_button = match try_it.on_try {
                Some(on_try) if *example => {
                    let (on_try, code) = (on_try.clone(), code.to_string());
                    let onclick = Callback::from(move |_: MouseEvent| on_try.emit(code.clone()));
                    html! { <button type="button" class="try" {onclick}>{ try_it.label }</button> }
                }
                _ => Html::default(),
            };
            html! { <div class="example"><pre><code>{ code.to_string() }</code></pre>{ try_button }</div> }
        }
        Node::OrderedList { start, items } => html! { <ol start={start.to_string()}>{ nodes(items, try_it) }</ol> },
        Node::BulletList(items) => html! { <ul>{ nodes(items, try_it) }</ul> },
        Node::Item(children) => html! { <li>{ nodes(children, try_it) }</li> },
        Node::Emphasis(children) => html! { <em>{ nodes(children, try_it) }</em> },
        Node::Strong(children) => html! { <strong>{ nodes(children, try_it) }</strong> },
        Node::Strikethrough(children) => html! { <s>{ nodes(children, try_it) }</s> },
        Node::Code(code) => html! { <code>{ code.to_string() }</code> },
        Node::Table(children) => html! { <table>{ nodes(children, try_it) }</table> },
        // Header cells are `th`, so that screen readers name each column when reading a cell.
        Node::TableHead(cells) => html! {
            <thead><tr>{ for cells.iter().map(|cell| match cell {
                Node::TableCell(children) => html! { <th scope="col">{ nodes(children, try_it) }</th> },
                other => element(other, try_it),
            }) }</tr></thead>
        },
        Node::TableRow(cells) => html! { <tr>{ nodes(cells, try_it) }</tr> },
        Node::TableCell(children) => html! { <td>{ nodes(children, try_it) }</td> },
        Node::Link { address, content } => html! { <a href={address.to_string()}>{ nodes(content, try_it) }</a> },
        Node::OfflineLink { address, content } => {
            html! { <span class="offline-link">{ nodes(content, try_it) }{ format!(" ({address})") }</span> }
        }
        Node::Image { address, description } => {
            html! { <img src={address.to_string()} alt={description.to_string()} /> }
        }
        Node::ImageDescription(children) => html! { <span class="image-alt">{ nodes(children, try_it) }</span> },
        Node::LineBreak => html! { <br /> },
        Node::Rule => html! { <hr /> },
    }
}

/// Renders a lesson's text or hint. Rhai examples (fenced as `rhai`) get a "try it" button
/// labelled `try_label` that sends their code to `on_try`.
pub fn render(document: &[Node<'_>], on_try: Option<&Callback<String>>, try_label: &str) -> Html {
    html! { <div class="lesson-text">{ nodes(document, Try { on_try, label: try_label }) }</div> }
}
