//! The free editor (自由编程): the workbench outside any lesson, for trying things. Opened by a
//! lesson's 试一试, it leads back to that lesson and offers back the program the example replaced.

use yew::prelude::*;

use crate::components::back_home::BackHome;
use crate::components::workbench::Workbench;
use crate::i18n::{tr, tr_with, Text};
use crate::pages::lesson::lesson_title;
use crate::shell::context::{use_app, use_language};
use crate::state::{Action, Page};
use crate::storage;

/// The free editor's page.
#[component]
pub fn PlaygroundPage() -> Html {
    let app = use_app();
    let language = use_language();
    let tried = app.tried.as_ref().and_then(|tried| Some((tried, app.course.pack.lesson(&tried.lesson)?)));
    let top = match tried {
        Some((tried, lesson)) => {
            let dispatcher = app.dispatcher();
            let page = Page::Lesson(lesson.id.clone());
            let back = Callback::from(move |_: MouseEvent| {
                dispatcher.dispatch(Action::Navigate(page.clone(), storage::now()))
            });
            let dispatcher = app.dispatcher();
            let restore = Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::RestoreProgram));
            html! {
                <>
                    <button type="button" class="back" onclick={back}>
                        { "← " }{ tr_with(language, Text::TriedBack, &[("title", lesson_title(language, lesson))]) }
                    </button>
                    if tried.replaced.is_some() {
                        <p class="tried-note" role="status">
                            { tr(language, Text::TriedReplaced) }{ " " }
                            <button type="button" class="restore" onclick={restore}>{ tr(language, Text::TriedRestore) }</button>
                        </p>
                    }
                </>
            }
        }
        None => html! { <BackHome /> },
    };
    html! {
        <main class="playground" id="main">
            { top }
            <Workbench stage={app.run.stage.or_turtle()} />
        </main>
    }
}
