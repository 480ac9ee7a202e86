//! The free editor (自由编程): the workbench outside any lesson, for trying things.

use yew::prelude::*;

use crate::components::back_home::BackHome;
use crate::components::workbench::Workbench;
use crate::shell::context::use_app;

/// The free editor's page.
#[component]
pub fn PlaygroundPage() -> Html {
    let app = use_app();
    html! {
        <main class="playground" id="main">
            <BackHome />
            <Workbench stage={app.run.stage} />
        </main>
    }
}
