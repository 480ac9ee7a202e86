//! The classroom server's part of the class dashboard (issue #16, "Teacher"): when the page was
//! served by `sprout serve` (`GET /api/hello` answers `{server: "sprout"}`), the dashboard shows,
//! above its file import, the teacher's password (set it once, on the teacher's own PC; then sign
//! in and out), the classes with their rosters and join cards ([`classes`]), the live class view
//! ([`live`]) and a student's own page ([`student`]). Served any other way (a static host, the USB
//! page), none of it shows and the dashboard is the file dashboard alone.

pub mod api;
pub mod classes;
pub mod live;
pub mod student;

use std::rc::Rc;

use serde_json::json;
use sprout_lessons::Pack;
use sprout_runtime::messages::Language;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::i18n::{class_tr, ClassText};
use crate::shell::context::use_language;
use api::{call, Body, Failure};
use classes::Classes;

/// Where the teacher stands with the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// Asking `/api/hello`.
    Asking,
    /// Not a Sprout server: nothing shows.
    Absent,
    /// No password yet: set one.
    SetUp,
    /// A password is set; this browser has no session.
    SignIn,
    /// Signed in.
    SignedIn,
}

/// Whether the teacher is signed in: the classes answer, or say who must sign in.
async fn signed_in_phase(language: Language) -> Phase {
    match call(language, "GET", "/api/classes", Body::Empty).await {
        Ok(_) => Phase::SignedIn,
        Err(_) => Phase::SignIn,
    }
}

/// Props of [`ServerPart`].
#[derive(Properties, PartialEq)]
pub struct ServerPartProps {
    /// Sprout's own course, for the table's units when a class works from it.
    pub pack: Rc<Pack>,
}

/// The classroom server's part of the dashboard; nothing when the page has no Sprout server.
#[component]
pub fn ServerPart(props: &ServerPartProps) -> Html {
    let language = use_language();
    let phase = use_state(|| Phase::Asking);
    {
        let phase = phase.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let next = match call(language, "GET", "/api/hello", Body::Empty).await {
                    Ok(hello) if hello["server"] == "sprout" => match hello["teacher"].as_bool() {
                        Some(true) => signed_in_phase(language).await,
                        _ => Phase::SetUp,
                    },
                    _ => Phase::Absent,
                };
                phase.set(next);
            });
        });
    }
    let on_signed_out = {
        let phase = phase.clone();
        Callback::from(move |_: ()| phase.set(Phase::SignIn))
    };
    let on_signed_in = {
        let phase = phase.clone();
        Callback::from(move |_: ()| phase.set(Phase::SignedIn))
    };
    let body = match *phase {
        Phase::Asking | Phase::Absent => return html! {},
        Phase::SetUp => html! { <PasswordForm set_up=true on_done={on_signed_in} /> },
        Phase::SignIn => html! { <PasswordForm set_up=false on_done={on_signed_in} /> },
        Phase::SignedIn => html! { <Classes pack={props.pack.clone()} on_signed_out={on_signed_out} /> },
    };
    html! {
        <section class="server-part" aria-labelledby="server-heading">
            <h3 id="server-heading">{ class_tr(language, ClassText::ServerHeading) }</h3>
            { body }
        </section>
    }
}

/// Props of [`PasswordForm`].
#[derive(Properties, PartialEq)]
struct PasswordFormProps {
    /// Setting the password for the first time (else signing in with it).
    set_up: bool,
    /// The teacher is signed in.
    on_done: Callback<()>,
}

/// The teacher's password: set once (from the teacher's own PC), or typed to sign in.
#[component]
fn PasswordForm(props: &PasswordFormProps) -> Html {
    let language = use_language();
    let password = use_node_ref();
    let failure = use_state(|| None::<Failure>);
    let busy = use_state(|| false);
    let onsubmit = {
        let (password, failure, busy, on_done, set_up) =
            (password.clone(), failure.clone(), busy.clone(), props.on_done.clone(), props.set_up);
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some(input) = password.cast::<HtmlInputElement>() else { return };
            let (failure, busy, on_done) = (failure.clone(), busy.clone(), on_done.clone());
            let route = if set_up { "/api/teacher/setup" } else { "/api/teacher/login" };
            let body = Body::Json(json!({ "password": input.value() }));
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let answer = call(language, "POST", route, body).await;
                busy.set(false);
                match answer {
                    Ok(_) => on_done.emit(()),
                    Err(refused) => {
                        input.set_value("");
                        let _ = input.focus();
                        failure.set(Some(refused));
                    }
                }
            });
        })
    };
    let (intro, label, button) = if props.set_up {
        (ClassText::SetUpIntro, ClassText::NewPassword, ClassText::SetPassword)
    } else {
        (ClassText::SignInIntro, ClassText::Password, ClassText::SignIn)
    };
    html! {
        <form class="password-form" {onsubmit}>
            <p>{ class_tr(language, intro) }</p>
            <label for="teacher-password">{ class_tr(language, label) }</label>
            <input id="teacher-password" type="password" ref={password} required=true
                minlength={props.set_up.then_some("8")}
                autocomplete={if props.set_up { "new-password" } else { "current-password" }}
                aria-describedby="teacher-password-error" />
            <button type="submit" class="primary" disabled={*busy}>{ class_tr(language, button) }</button>
            <p id="teacher-password-error" class="server-error" role="alert">
                if let Some(refused) = &*failure {
                    { &refused.message }
                    if refused.code == "setup-loopback-only" {
                        { " " }{ class_tr(language, ClassText::SetUpOnTeacherPc) }
                    }
                }
            </p>
        </form>
    }
}
