//! The teacher's classes on the classroom server: the list, a new class (Sprout's own course, or
//! a pack the teacher uploaded), and one class's page: its students with their PINs (a roster
//! pasted or picked as a CSV saved from Excel, whose bytes go to the server as they are: it decodes
//! UTF-8 or GBK), a PIN reset, a student removed after a confirmation (their work is kept), the
//! join cards to print, the exports, and the live class view or one student's page.

use std::rc::Rc;

use serde::Deserialize;
use serde_json::json;
use sprout_lessons::Pack;
use sprout_runtime::messages::Language;
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::api::{call, Body, Failure};
use super::live::LiveView;
use super::student::StudentPage;
use crate::classroom::i18n::{class_tr, class_tr_with, ClassText};
use crate::shell::context::use_language;

/// A class, as `GET /api/classes` lists it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ClassSummary {
    /// Its id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// `builtin` or an uploaded pack's id.
    pub course: String,
    /// Students still in the class.
    #[serde(default)]
    pub students: usize,
}

/// A pack the teacher uploaded, as `GET /api/packs` lists it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
struct PackSummary {
    id: String,
    file_name: String,
}

/// A student of a class, as `GET /api/classes/{class}/students` lists them.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct RosterStudent {
    /// Their id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Student number.
    pub number: String,
    /// The PIN they sign in with.
    pub pin: String,
    /// Removed from the class by the teacher (their work is kept).
    pub removed: bool,
}

/// What the classes' page shows: the list and the chosen class.
#[derive(Clone, Debug, Default, PartialEq)]
struct Listing {
    classes: Vec<ClassSummary>,
    packs: Vec<PackSummary>,
}

/// Reads the classes and packs; a failure to sign in again with.
async fn list(language: Language) -> Result<Listing, Failure> {
    let classes = call(language, "GET", "/api/classes", Body::Empty).await?;
    let packs = call(language, "GET", "/api/packs", Body::Empty).await?;
    Ok(Listing {
        classes: serde_json::from_value(classes).unwrap_or_default(),
        packs: serde_json::from_value(packs["packs"].clone()).unwrap_or_default(),
    })
}

/// Props of [`Classes`].
#[derive(Properties, PartialEq)]
pub struct ClassesProps {
    /// Sprout's own course.
    pub pack: Rc<Pack>,
    /// The teacher signed out, or the session ended.
    pub on_signed_out: Callback<()>,
}

/// The signed-in teacher's classes: the list, a new class, the chosen class's page, and signing out.
#[component]
pub fn Classes(props: &ClassesProps) -> Html {
    let language = use_language();
    let listing = use_state(Listing::default);
    let chosen = use_state(|| None::<i64>);
    let failure = use_state(|| None::<Failure>);
    let refresh = {
        let (listing, failure, on_signed_out) = (listing.clone(), failure.clone(), props.on_signed_out.clone());
        Callback::from(move |_: ()| {
            let (listing, failure, on_signed_out) = (listing.clone(), failure.clone(), on_signed_out.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match list(language).await {
                    Ok(read) => {
                        listing.set(read);
                        failure.set(None);
                    }
                    Err(refused) if refused.needs_sign_in() => on_signed_out.emit(()),
                    Err(refused) => failure.set(Some(refused)),
                }
            });
        })
    };
    {
        let refresh = refresh.clone();
        use_effect_with((), move |_| refresh.emit(()));
    }
    let on_sign_out = {
        let on_signed_out = props.on_signed_out.clone();
        Callback::from(move |_: MouseEvent| {
            let on_signed_out = on_signed_out.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let _ = call(language, "POST", "/api/teacher/logout", Body::Empty).await;
                on_signed_out.emit(());
            });
        })
    };
    let on_created = {
        let (refresh, chosen) = (refresh.clone(), chosen.clone());
        Callback::from(move |id: i64| {
            chosen.set(Some(id));
            refresh.emit(());
        })
    };
    // A course pack uploaded (`sprout pack`'s file or the lesson editor's): the students' copy, or
    // the full one, whose hidden tests the server grades with and never hands out.
    let uploaded = use_state(|| None::<Result<String, String>>);
    let on_pack = {
        let (uploaded, refresh) = (uploaded.clone(), refresh.clone());
        Callback::from(move |event: Event| {
            let Some(input) = event.target_dyn_into::<HtmlInputElement>() else { return };
            let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
            input.set_value("");
            let (uploaded, refresh) = (uploaded.clone(), refresh.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let Ok(buffer) = JsFuture::from(file.array_buffer()).await else { return };
                let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
                match call(language, "POST", "/api/packs", Body::Bytes(bytes)).await {
                    Ok(kept) => {
                        let lessons = kept["lessons"].as_u64().unwrap_or_default().to_string();
                        let words = class_tr_with(
                            language,
                            ClassText::PackUploaded,
                            &[("name", file.name()), ("lessons", lessons)],
                        );
                        uploaded.set(Some(Ok(words)));
                        refresh.emit(());
                    }
                    Err(refused) => uploaded.set(Some(Err(refused.message))),
                }
            });
        })
    };
    // A teacher with one class has it open at once.
    let chosen_id = chosen.or_else(|| (listing.classes.len() == 1).then(|| listing.classes[0].id));
    let chosen_class = chosen_id.and_then(|id| listing.classes.iter().find(|class| class.id == id).cloned());
    html! {
        <div class="server-classes">
            <div class="server-bar">
                <p>{ class_tr(language, ClassText::SignedIn) }</p>
                <button type="button" onclick={on_sign_out}>{ class_tr(language, ClassText::SignOut) }</button>
            </div>
            if let Some(refused) = &*failure {
                <p class="server-error" role="alert">{ &refused.message }</p>
            }
            <h4 id="classes-heading">{ class_tr(language, ClassText::ClassesHeading) }</h4>
            if listing.classes.is_empty() {
                <p>{ class_tr(language, ClassText::NoClasses) }</p>
            } else {
                <ul class="class-list" aria-labelledby="classes-heading">
                    { for listing.classes.iter().map(|class| {
                        let id = class.id;
                        let onclick = { let chosen = chosen.clone(); Callback::from(move |_: MouseEvent| chosen.set(Some(id))) };
                        html! {
                            <li>
                                <button type="button" aria-pressed={(chosen_id == Some(id)).to_string()} {onclick}>
                                    { class_tr_with(language, ClassText::ClassButton, &[("name", class.name.clone()), ("students", class.students.to_string())]) }
                                </button>
                            </li>
                        }
                    }) }
                </ul>
            }
            <NewClass packs={listing.packs.clone()} on_created={on_created} />
            <div class="pack-upload">
                <label for="pack-upload">{ class_tr(language, ClassText::UploadPack) }</label>
                <input id="pack-upload" type="file" accept=".pack,.json,application/json" onchange={on_pack} />
                { match &*uploaded {
                    Some(Ok(words)) => html! { <p class="server-status" role="status">{ words }</p> },
                    Some(Err(refused)) => html! { <p class="server-error" role="alert">{ refused }</p> },
                    None => html! {},
                } }
            </div>
            if let Some(class) = chosen_class {
                <ClassPage key={class.id} class={class.clone()} pack={props.pack.clone()} on_changed={refresh.clone()} />
            }
        </div>
    }
}

/// Props of [`NewClass`].
#[derive(Properties, PartialEq)]
struct NewClassProps {
    packs: Vec<PackSummary>,
    on_created: Callback<i64>,
}

/// The form that creates a class: its name and, when the teacher uploaded packs, its course.
#[component]
fn NewClass(props: &NewClassProps) -> Html {
    let language = use_language();
    let name = use_node_ref();
    let course = use_node_ref();
    let failure = use_state(|| None::<Failure>);
    let onsubmit = {
        let (name, course, failure, on_created) =
            (name.clone(), course.clone(), failure.clone(), props.on_created.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some(input) = name.cast::<HtmlInputElement>() else { return };
            let course =
                course.cast::<HtmlSelectElement>().map_or_else(|| "builtin".to_string(), |select| select.value());
            let body = Body::Json(json!({ "name": input.value().trim(), "course": course }));
            let (failure, on_created) = (failure.clone(), on_created.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call(language, "POST", "/api/classes", body).await {
                    Ok(created) => {
                        input.set_value("");
                        failure.set(None);
                        if let Some(id) = created["id"].as_i64() {
                            on_created.emit(id);
                        }
                    }
                    Err(refused) => failure.set(Some(refused)),
                }
            });
        })
    };
    html! {
        <form class="new-class" {onsubmit}>
            <label>{ class_tr(language, ClassText::NewClassName) }
                <input type="text" ref={name} required=true maxlength="40" />
            </label>
            if !props.packs.is_empty() {
                <label>{ class_tr(language, ClassText::Course) }
                    <select ref={course}>
                        <option value="builtin" selected=true>{ class_tr(language, ClassText::BuiltinCourse) }</option>
                        { for props.packs.iter().map(|pack| html! { <option value={pack.id.clone()}>{ &pack.file_name }</option> }) }
                    </select>
                </label>
            }
            <button type="submit">{ class_tr(language, ClassText::CreateClass) }</button>
            if let Some(refused) = &*failure {
                <p class="server-error" role="alert">{ &refused.message }</p>
            }
        </form>
    }
}

/// Props of [`ClassPage`].
#[derive(Properties, PartialEq)]
struct ClassPageProps {
    class: ClassSummary,
    pack: Rc<Pack>,
    /// The class's students changed (the list's counts).
    on_changed: Callback<()>,
}

/// Reads the class's students.
async fn roster(language: Language, class: i64) -> Result<Vec<RosterStudent>, Failure> {
    let answer = call(language, "GET", &format!("/api/classes/{class}/students"), Body::Empty).await?;
    Ok(serde_json::from_value(answer["students"].clone()).unwrap_or_default())
}

/// A class's page: its students and PINs, the roster to add, the join cards, the exports, and the
/// live view (or, once a name is chosen, that student's page).
#[component]
fn ClassPage(props: &ClassPageProps) -> Html {
    let language = use_language();
    let class = props.class.id;
    let students = use_state(Vec::<RosterStudent>::new);
    let status = use_state(String::new);
    let cards = use_state(|| false);
    let student = use_state(|| None::<i64>);
    let reload = {
        let (students, status, on_changed) = (students.clone(), status.clone(), props.on_changed.clone());
        Callback::from(move |said: Option<String>| {
            let (students, status, on_changed) = (students.clone(), status.clone(), on_changed.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match roster(language, class).await {
                    Ok(read) => students.set(read),
                    Err(refused) => status.set(refused.message),
                }
                if let Some(said) = said {
                    status.set(said);
                }
                on_changed.emit(());
            });
        })
    };
    {
        let reload = reload.clone();
        use_effect_with(class, move |_| reload.emit(None));
    }
    let send_roster = {
        let (reload, status) = (reload.clone(), status.clone());
        Callback::from(move |bytes: Vec<u8>| {
            let (reload, status) = (reload.clone(), status.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call(language, "POST", &format!("/api/classes/{class}/roster"), Body::Bytes(bytes)).await {
                    Ok(answer) => {
                        let added = answer["added"].as_u64().unwrap_or(0).to_string();
                        reload.emit(Some(class_tr_with(language, ClassText::RosterAdded, &[("added", added)])));
                    }
                    Err(refused) => status.set(refused.message),
                }
            });
        })
    };
    let roster_text = use_node_ref();
    let on_paste_submit = {
        let (roster_text, send_roster) = (roster_text.clone(), send_roster.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if let Some(area) = roster_text.cast::<HtmlTextAreaElement>() {
                send_roster.emit(area.value().into_bytes());
                area.set_value("");
            }
        })
    };
    let on_csv = {
        let send_roster = send_roster.clone();
        Callback::from(move |event: Event| {
            let Some(input) = event.target_dyn_into::<HtmlInputElement>() else { return };
            let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
            input.set_value("");
            let send_roster = send_roster.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(buffer) = JsFuture::from(file.array_buffer()).await {
                    send_roster.emit(js_sys::Uint8Array::new(&buffer).to_vec());
                }
            });
        })
    };
    let act = |student: &RosterStudent, remove: bool| {
        let (reload, status, id, name) = (reload.clone(), status.clone(), student.id, student.name.clone());
        Callback::from(move |_: MouseEvent| {
            if remove {
                let question = class_tr_with(language, ClassText::RemoveQuestion, &[("name", name.clone())]);
                let confirmed = web_sys::window().and_then(|window| window.confirm_with_message(&question).ok());
                if confirmed != Some(true) {
                    return;
                }
            }
            let (reload, status, name) = (reload.clone(), status.clone(), name.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let path = format!("/api/classes/{class}/students/{id}");
                let answer = if remove {
                    call(language, "DELETE", &path, Body::Empty).await
                } else {
                    call(language, "POST", &format!("{path}/pin"), Body::Empty).await
                };
                match answer {
                    Ok(_) => {
                        let said = if remove { ClassText::StudentRemoved } else { ClassText::PinReset };
                        reload.emit(Some(class_tr_with(language, said, &[("name", name)])));
                    }
                    Err(refused) => status.set(refused.message),
                }
            });
        })
    };
    let open_cards = {
        let cards = cards.clone();
        Callback::from(move |_: MouseEvent| cards.set(true))
    };
    let exports = [
        (ClassText::ExportCsv, format!("/api/classes/{class}/export/table.csv")),
        (ClassText::ExportResults, format!("/api/classes/{class}/export/results.zip")),
        (ClassText::ExportCode, format!("/api/classes/{class}/export/code.zip")),
        (ClassText::ExportBackup, "/api/backup".to_string()),
    ];
    let on_student = {
        let student = student.clone();
        Callback::from(move |id: i64| student.set(Some(id)))
    };
    let on_back = {
        let student = student.clone();
        Callback::from(move |_: ()| student.set(None))
    };
    let course = (props.class.course == "builtin").then(|| props.pack.clone());
    html! {
        <div class="class-page">
            <h4>{ &props.class.name }</h4>
            <section class="roster" aria-labelledby="roster-heading">
                <h5 id="roster-heading">{ class_tr(language, ClassText::RosterHeading) }</h5>
                <p class="server-status" role="status">{ (*status).clone() }</p>
                if students.is_empty() {
                    <p>{ class_tr(language, ClassText::NoStudents) }</p>
                } else {
                    <div class="table-scroll">
                        <table class="roster-table">
                            <thead>
                                <tr>
                                    <th scope="col">{ class_tr(language, ClassText::Name) }</th>
                                    <th scope="col">{ class_tr(language, ClassText::Number) }</th>
                                    <th scope="col">{ class_tr(language, ClassText::Pin) }</th>
                                    <th scope="col">{ class_tr(language, ClassText::Actions) }</th>
                                </tr>
                            </thead>
                            <tbody>
                                { for students.iter().map(|one| html! {
                                    <tr class={classes!(one.removed.then_some("removed"))}>
                                        <th scope="row">{ &one.name }</th>
                                        <td>{ &one.number }</td>
                                        if one.removed {
                                            <td colspan="2">{ class_tr(language, ClassText::Removed) }</td>
                                        } else {
                                            <td class="pin">{ &one.pin }</td>
                                            <td>
                                                <button type="button" onclick={act(one, false)}
                                                    aria-label={class_tr_with(language, ClassText::ResetPinOf, &[("name", one.name.clone())])}>
                                                    { class_tr(language, ClassText::ResetPin) }
                                                </button>
                                                <button type="button" onclick={act(one, true)}
                                                    aria-label={class_tr_with(language, ClassText::RemoveOf, &[("name", one.name.clone())])}>
                                                    { class_tr(language, ClassText::Remove) }
                                                </button>
                                            </td>
                                        }
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                    </div>
                    <button type="button" onclick={open_cards}>{ class_tr(language, ClassText::PrintCards) }</button>
                }
                <form class="roster-form" onsubmit={on_paste_submit}>
                    <label for="roster-text">{ class_tr(language, ClassText::RosterPaste) }</label>
                    <textarea id="roster-text" ref={roster_text} rows="5" required=true
                        placeholder={class_tr(language, ClassText::RosterExample)} />
                    <div class="roster-actions">
                        <button type="submit" class="primary">{ class_tr(language, ClassText::AddStudents) }</button>
                        <label class="file-button">
                            { class_tr(language, ClassText::PickCsv) }
                            <input type="file" class="visually-hidden" accept=".csv,.txt,text/csv,text/plain" onchange={on_csv} />
                        </label>
                    </div>
                </form>
            </section>
            if *cards {
                <JoinCards class_name={props.class.name.clone()} students={students.iter().filter(|one| !one.removed).cloned().collect::<Vec<_>>()}
                    on_close={{ let cards = cards.clone(); Callback::from(move |_: ()| cards.set(false)) }} />
            }
            <section class="exports" aria-labelledby="exports-heading">
                <h5 id="exports-heading">{ class_tr(language, ClassText::ExportsHeading) }</h5>
                <ul>
                    { for exports.into_iter().map(|(words, href)| html! {
                        <li><a {href} download="">{ class_tr(language, words) }</a></li>
                    }) }
                </ul>
            </section>
            if let Some(id) = *student {
                <StudentPage {class} student={id} pack={course.clone()} on_back={on_back} />
            } else {
                <LiveView {class} class_name={props.class.name.clone()} pack={course} on_student={on_student} />
            }
        </div>
    }
}

/// Props of [`JoinCards`].
#[derive(Properties, PartialEq)]
struct JoinCardsProps {
    class_name: String,
    students: Vec<RosterStudent>,
    on_close: Callback<()>,
}

/// The join cards: per student the class, their name, their PIN and the address to type, laid out
/// to be cut from a printed sheet (only the cards print).
#[component]
fn JoinCards(props: &JoinCardsProps) -> Html {
    let language = use_language();
    let address = web_sys::window().and_then(|window| window.location().origin().ok()).unwrap_or_default();
    let print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <section class="join-cards" aria-labelledby="join-cards-heading">
            <div class="join-cards-actions">
                <h5 id="join-cards-heading">{ class_tr(language, ClassText::CardsHeading) }</h5>
                <button type="button" class="primary" onclick={print}>{ class_tr(language, ClassText::PrintSheet) }</button>
                <button type="button" onclick={close}>{ class_tr(language, ClassText::CloseCards) }</button>
            </div>
            <ul class="cards">
                { for props.students.iter().map(|student| html! {
                    <li class="join-card">
                        <p class="card-class">{ &props.class_name }</p>
                        <p class="card-name">{ &student.name }<span class="card-number">{ &student.number }</span></p>
                        <p>{ class_tr(language, ClassText::CardPin) }<strong class="card-pin">{ &student.pin }</strong></p>
                        <p>{ class_tr(language, ClassText::CardAddress) }<strong class="card-address">{ address.clone() }</strong></p>
                    </li>
                }) }
            </ul>
        </section>
    }
}
