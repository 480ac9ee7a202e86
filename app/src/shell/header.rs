//! The header on every page: the app's name, who is signed in to the classroom server and whether
//! their work is saved there (server mode only), the view settings (text size, high contrast) and
//! the language switch.

use sprout_runtime::messages::Language;
use yew::prelude::*;

use crate::i18n::{tr, tr_with, Text};
use crate::shell::context::{use_app, use_language};
use crate::state::server::Saving;
use crate::state::{Action, View, FONT_PERCENTS};
use crate::sync;

/// The header.
#[component]
pub fn Header() -> Html {
    let app = use_app();
    let language = use_language();
    let view = app.view;
    let set_view = |change: fn(View) -> View| {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.dispatch(Action::SetView(change(app.view))))
    };
    let (smallest, largest, step) = FONT_PERCENTS;
    html! {
        <header class="top">
            <h1>{ tr(language, Text::AppTitle) }</h1>
            <ServerStatus />
            <div class="view-settings" role="group" aria-label={tr(language, Text::ViewSettings)}>
                // The name comes from hidden words, not `aria-label`: a label that leaves out the
                // visible "A+" fails WCAG 2.5.3 (label in name), and "A+" says nothing when read.
                <button type="button" title={tr(language, Text::FontSmaller)}
                    disabled={view.font_percent <= smallest}
                    onclick={set_view(|view| View { font_percent: view.font_percent.saturating_sub(FONT_PERCENTS.2), ..view })}>
                    <span aria-hidden="true">{ "A−" }</span>
                    <span class="visually-hidden">{ tr(language, Text::FontSmaller) }</span>
                </button>
                <button type="button" title={tr(language, Text::FontLarger)}
                    disabled={view.font_percent + step > largest}
                    onclick={set_view(|view| View { font_percent: view.font_percent + FONT_PERCENTS.2, ..view })}>
                    <span aria-hidden="true">{ "A+" }</span>
                    <span class="visually-hidden">{ tr(language, Text::FontLarger) }</span>
                </button>
                <button type="button" aria-pressed={view.high_contrast.to_string()}
                    onclick={set_view(|view| View { high_contrast: !view.high_contrast, ..view })}>
                    { tr(language, Text::HighContrast) }
                </button>
            </div>
            <div class="languages" role="group" aria-label={tr(language, Text::LanguageSwitch)}>
                { for Language::ALL.iter().map(|&choice| {
                    let onclick = {
                        let app = app.clone();
                        Callback::from(move |_: MouseEvent| app.dispatch(Action::SetLanguage(choice)))
                    };
                    html! {
                        <button type="button" lang={choice.tag()} aria-pressed={(choice == language).to_string()} {onclick}>
                            { tr(choice, Text::LanguageName) }
                        </button>
                    }
                }) }
            </div>
        </header>
    }
}

/// Signed in to the classroom server: who, whether the work is saved on the teacher's PC (a quiet
/// status that screen readers announce), and signing out. Nothing outside server mode.
#[component]
fn ServerStatus() -> Html {
    let app = use_app();
    let language = use_language();
    let Some(account) = app.server.account() else { return Html::default() };
    let (saving, text) = match app.server.saving {
        Saving::Saved => ("saved", Text::ServerSaved),
        Saving::Saving => ("saving", Text::ServerSaving),
        Saving::Away => ("away", Text::ServerAway),
    };
    let sign_out = Callback::from(move |_: MouseEvent| {
        // A fresh page starts signed out; what waits to be sent stays in this browser for the
        // student's next sign-in.
        wasm_bindgen_futures::spawn_local(async move {
            let _ = sync::call("POST", "/api/student/logout", None, language).await;
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        });
    });
    let who =
        tr_with(language, Text::ServerWho, &[("name", account.name.clone()), ("class", account.class_name.clone())]);
    html! {
        <div class="server-status">
            <span class="server-who">{ who }</span>
            <span class={classes!("server-saving", saving)} role="status">{ tr(language, text) }</span>
            <button type="button" onclick={sign_out}>{ tr(language, Text::ServerSignOut) }</button>
        </div>
    }
}
