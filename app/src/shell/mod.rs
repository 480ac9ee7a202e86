//! The student app's shell: the one [`State`] with its reducer, provided to every component
//! ([`context`]); the side effects that carry the state out, one named hook each ([`hooks`]: the
//! workers, saving progress, the address, the lesson text of the embedded course, the document's
//! language and view); and the layout: the header, the storage warning, the contest bar during a
//! contest, and the page on screen ([`crate::pages`]), in a frame the height of the screen on a
//! lesson's page (whose columns scroll on their own, so that the editor and the output stay in view).

pub mod context;
pub mod header;
pub mod hooks;

use std::rc::Rc;

use yew::prelude::*;

use crate::course::is_contest;
use crate::i18n::{tr, Text};
use crate::modules::tool::Tool;
use crate::pages::contest::ContestBar;
use crate::pages::home::HomePage;
use crate::pages::lesson::LessonPage;
use crate::pages::playground::PlaygroundPage;
use crate::pages::tools::ToolPage;
use crate::state::{Action, Page, State};
use crate::storage::{self, StorageProblem};
use crate::sync::use_server;
use context::AppHandle;
use header::Header;
use hooks::{initial_page, use_autosave, use_document, use_lesson_text, use_route, use_workers};

/// The app's version, written into result files.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The state at start: the teacher's course or contest the student had open, if any; progress from
/// storage; the page from the address.
fn initial_state() -> State {
    let mut state = State::default();
    if let Some(pack) = storage::stored_pack() {
        state.course.pack = Rc::new(pack);
    }
    match storage::load(&storage::progress_key(&state.course.pack)) {
        Ok(Some(progress)) => state.course.progress = Rc::new(progress),
        Ok(None) => {}
        Err(problem) => state.storage_problem = Some(problem),
    }
    Rc::new(state).reduce(Action::Navigate(initial_page(), storage::now())).as_ref().clone()
}

/// The whole student app.
#[component]
pub fn App() -> Html {
    let state = use_reducer(initial_state);
    use_workers(&state);
    use_autosave(&state);
    use_route(&state);
    use_lesson_text(&state);
    use_document(state.language, state.view);
    use_server(&state);
    let page = match &state.page {
        Page::Home => html! { <HomePage /> },
        Page::Lesson(_) => html! { <LessonPage /> },
        Page::Playground => html! { <PlaygroundPage /> },
        Page::Lab => html! { <ToolPage tool={Tool::Lab} /> },
        Page::Class => html! { <ToolPage tool={Tool::Dashboard} /> },
        Page::Author => html! { <ToolPage tool={Tool::Author} /> },
    };
    html! {
        <ContextProvider<AppHandle> context={AppHandle::new(state.clone())}>
            <ContextProvider<sprout_runtime::messages::Language> context={state.language}>
                <div class={classes!("app-frame", matches!(state.page, Page::Lesson(_)).then_some("fits-screen"))}>
                    <Header />
                    if let Some(problem) = state.storage_problem {
                        <StorageWarning {problem} />
                    }
                    if is_contest(&state.course.pack) {
                        <ContestBar />
                    }
                    { page }
                </div>
            </ContextProvider<sprout_runtime::messages::Language>>
        </ContextProvider<AppHandle>>
    }
}

/// Props of [`StorageWarning`].
#[derive(Properties, PartialEq)]
struct StorageWarningProps {
    problem: StorageProblem,
}

/// What is wrong with browser storage: the work stays on screen, and can be backed up to a file.
#[component]
fn StorageWarning(props: &StorageWarningProps) -> Html {
    let language = context::use_language();
    let text = match props.problem {
        StorageProblem::Unavailable => Text::StorageUnavailable,
        StorageProblem::Full => Text::StorageFull,
        StorageProblem::Damaged => Text::StorageDamaged,
    };
    html! { <p class="storage-warning" role="alert">{ tr(language, text) }</p> }
}
