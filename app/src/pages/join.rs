//! Joining the class on the classroom server (issue #16): the home page's panel while nobody is
//! signed in. The student picks the class, then their name, and types the PIN the teacher gave
//! them; a refusal (a wrong PIN, too many tries) is said in the server's own words, which come in
//! the page's language. Native controls only (lists and a form), so it all works from the keyboard.
//! Below it, the teacher (who opens the same address on the server's PC) finds the class's pages.

use serde_json::{json, Value};
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::i18n::{tr, Text};
use crate::shell::context::{use_app, use_language};
use crate::state::{Action, Page};
use crate::storage;
use crate::sync::call;

/// The `{id, name}` items of a list in a reply.
fn named(list: &Value) -> Vec<(i64, String)> {
    list.as_array()
        .map(|items| {
            items
                .iter()
                .map(|item| {
                    (item["id"].as_i64().unwrap_or_default(), item["name"].as_str().unwrap_or_default().to_string())
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A list of `items` labelled `label`, with an empty first choice, that calls `on_pick`.
fn picker(
    id: &str,
    label: &str,
    choose: &str,
    items: &[(i64, String)],
    picked: Option<i64>,
    on_pick: Callback<Option<i64>>,
) -> Html {
    let onchange = Callback::from(move |event: Event| {
        let select: HtmlSelectElement = event.target_unchecked_into();
        on_pick.emit(select.value().parse().ok());
    });
    html! {
        <p>
            <label for={id.to_string()}>{ label }</label>
            <select id={id.to_string()} {onchange} disabled={items.is_empty()}>
                <option value="" selected={picked.is_none()}>{ choose }</option>
                { for items.iter().map(|(id, name)| html! {
                    <option value={id.to_string()} selected={picked == Some(*id)}>{ name }</option>
                }) }
            </select>
        </p>
    }
}

/// The join panel.
#[component]
pub fn JoinClass() -> Html {
    let app = use_app();
    let language = use_language();
    let classes = use_state(|| None::<Vec<(i64, String)>>);
    let class = use_state(|| None::<i64>);
    let students = use_state(Vec::<(i64, String)>::new);
    let student = use_state(|| None::<i64>);
    let pin = use_state(String::new);
    let message = use_state(|| None::<String>);
    let busy = use_state(|| false);
    // A class's students, when one is picked.
    let pick_class = {
        let (class, students, student) = (class.clone(), students.clone(), student.clone());
        Callback::from(move |picked: Option<i64>| {
            class.set(picked);
            student.set(None);
            students.set(Vec::new());
            let Some(picked) = picked else { return };
            let students = students.clone();
            spawn_local(async move {
                if let Ok(reply) = call("GET", &format!("/api/join/{picked}"), None, language).await {
                    students.set(named(&reply.body["students"]));
                }
            });
        })
    };
    {
        let (classes, pick_class, message) = (classes.clone(), pick_class.clone(), message.clone());
        use_effect_with((), move |_| {
            spawn_local(async move {
                match call("GET", "/api/join", None, language).await {
                    Ok(reply) => {
                        let list = named(&reply.body["classes"]);
                        // One class in the room: it is theirs.
                        if let [(only, _)] = list.as_slice() {
                            pick_class.emit(Some(*only));
                        }
                        classes.set(Some(list));
                    }
                    Err(_) => message.set(Some(tr(language, Text::JoinUnreachable).to_string())),
                }
            });
        });
    }
    let onsubmit = {
        let (app, class, student, pin, message, busy) =
            (app.clone(), class.clone(), student.clone(), pin.clone(), message.clone(), busy.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let (Some(class), Some(student)) = (*class, *student) else { return };
            let body = json!({ "class": class, "student": student, "pin": pin.trim() });
            let (app, message, busy) = (app.clone(), message.clone(), busy.clone());
            busy.set(true);
            message.set(None);
            spawn_local(async move {
                match call("POST", "/api/student/login", Some(&body), language).await {
                    Ok(reply) if reply.status == 200 => app.dispatch(Action::Joined),
                    Ok(reply) => message.set(Some(reply.message())),
                    Err(_) => message.set(Some(tr(language, Text::JoinUnreachable).to_string())),
                }
                busy.set(false);
            });
        })
    };
    let oninput = {
        let pin = pin.clone();
        Callback::from(move |event: InputEvent| pin.set(event.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let pick_student = {
        let student = student.clone();
        Callback::from(move |picked| student.set(picked))
    };
    let go_to_class = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.dispatch(Action::Navigate(Page::Class, storage::now())))
    };
    let choose = tr(language, Text::JoinChoose);
    html! {
        <section class="join" aria-labelledby="join-title">
            <h2 id="join-title">{ tr(language, Text::JoinTitle) }</h2>
            <p>{ tr(language, Text::JoinIntro) }</p>
            if classes.as_ref().is_some_and(Vec::is_empty) {
                <p role="status">{ tr(language, Text::JoinNoClasses) }</p>
            }
            <form {onsubmit}>
                { picker("join-class", tr(language, Text::JoinClass), choose, classes.as_deref().unwrap_or_default(), *class, pick_class) }
                { picker("join-student", tr(language, Text::JoinName), choose, &students, *student, pick_student) }
                <p>
                    <label for="join-pin">{ tr(language, Text::JoinPin) }</label>
                    <input id="join-pin" type="password" inputmode="numeric" autocomplete="off"
                        value={(*pin).clone()} {oninput} />
                </p>
                <p role="alert" class="join-message">{ (*message).clone().unwrap_or_default() }</p>
                <button type="submit" disabled={*busy || class.is_none() || student.is_none() || pin.trim().is_empty()}>
                    { tr(language, if *busy { Text::JoinBusy } else { Text::JoinButton }) }
                </button>
            </form>
            // The teacher, at the same address on the server's PC, goes on to the class's pages.
            <p class="join-teacher">
                <button type="button" class="class-link" onclick={go_to_class}>{ tr(language, Text::ClassLink) }</button>
            </p>
        </section>
    }
}
