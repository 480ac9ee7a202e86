//! The button back to the course, at the top of the pages that are not a lesson.

use yew::prelude::*;

use crate::i18n::{tr, Text};
use crate::shell::context::{use_app, use_language};
use crate::state::{Action, Page};
use crate::storage;

/// "← 回到课程": opens the home page.
#[component]
pub fn BackHome() -> Html {
    let app = use_app();
    let language = use_language();
    let dispatcher = app.dispatcher();
    let onclick =
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Navigate(Page::Home, storage::now())));
    html! { <button type="button" class="back" {onclick}>{ "← " }{ tr(language, Text::BackHome) }</button> }
}
