//! The pages that are a tool of a lazily loaded module: the AI lab (the drawing pad and the model
//! lab, from the AI module) and the teachers' pages (the class dashboard and the lesson editor, from
//! the classroom module).

use yew::prelude::*;

use crate::components::back_home::BackHome;
use crate::i18n::{tr, Text};
use crate::modules::tool::{LazyTool, Tool};
use crate::shell::context::use_language;

/// Props of [`ToolPage`].
#[derive(Properties, PartialEq)]
pub struct ToolPageProps {
    /// The tool the page shows.
    pub tool: Tool,
}

/// A page with one tool, under its heading.
#[component]
pub fn ToolPage(props: &ToolPageProps) -> Html {
    let language = use_language();
    let (class, heading) = match props.tool {
        Tool::Dashboard => ("class-page", Text::ClassLink),
        Tool::Author => ("class-page", Text::AuthorLink),
        Tool::DigitPad | Tool::ModelLab | Tool::Lab => ("ai-lab", Text::AiLabLink),
    };
    html! {
        <main {class} id="main" aria-labelledby="tool-heading">
            <BackHome />
            <h2 id="tool-heading">{ tr(language, heading) }</h2>
            <LazyTool tool={props.tool} {language} />
        </main>
    }
}
