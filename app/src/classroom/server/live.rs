//! The live class view (学情分析 fed by the classroom server): the class table of the server's own
//! grades (the file dashboard's [`ClassOverview`], read from `GET /api/classes/{class}/overview`),
//! who is stuck where (the lesson each student is on, minutes since their last progress, their
//! last mistake in words, their checks failed in a row), and per lesson the mistakes most of the
//! class made. It follows the class by itself: `EventSource` on `/api/classes/{class}/live` says
//! when a student saved, checked, ran or asked for a hint, and the view reads the overview again
//! (at most about once a second, however many events come); when the stream is lost it says so
//! quietly, and reads everything again once the browser has reconnected.

use std::cell::Cell as Flag;
use std::rc::Rc;
use std::time::Duration;

use serde::Deserialize;
use serde_json::Value;
use sprout_lessons::{Cell, FailedTest, LessonColumn, Overview, Pack, Row, Student, Title, HISTOGRAM_BINS};
use sprout_runtime::messages::{describe, Language};
use sprout_runtime::{Code, Diagnostic};
use wasm_bindgen::prelude::*;
use web_sys::EventSource;
use yew::prelude::*;

use super::api::{call, Body, Failure};
use crate::classroom::dashboard::ClassOverview;
use crate::classroom::i18n::{class_tr, class_tr_with, ClassText};
use crate::shell::context::use_language;

/// How long the view waits after a student's action before it reads the overview again, so that a
/// class checking at once costs one read a second, not forty.
const REFRESH_AFTER: Duration = Duration::from_millis(600);

/// The events the live stream sends (docs/server-api.md); `resync` asks for a full read.
const LIVE_EVENTS: [&str; 5] = ["save", "check", "run", "hint", "resync"];

#[derive(Deserialize)]
struct TableJson {
    lessons: Vec<LessonJson>,
    rows: Vec<RowJson>,
    histogram: Vec<usize>,
    most_failed: Vec<FailedJson>,
}

#[derive(Deserialize)]
struct LessonJson {
    id: String,
    title: Title,
    points: u32,
    checked: usize,
    passed: usize,
    mean_attempts: f64,
}

#[derive(Deserialize)]
struct RowJson {
    student: i64,
    name: String,
    number: String,
    total: u32,
    cells: Vec<Option<CellJson>>,
}

#[derive(Deserialize)]
struct CellJson {
    score: u32,
    max_score: u32,
    attempts: u32,
    minutes: Option<u64>,
    passed: bool,
}

#[derive(Deserialize)]
struct FailedJson {
    lesson: Option<String>,
    test_id: String,
    name: Option<String>,
    failed: usize,
    checked: usize,
}

/// One student, as the stuck list has them.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Stuck {
    /// Their id.
    pub student: i64,
    /// The lesson of their latest activity.
    pub lesson: Option<String>,
    /// Minutes since a check last raised a best score (else since their first save).
    pub minutes_since_progress: Option<u64>,
    /// Their latest diagnostic code.
    pub last_error: Option<String>,
    /// Their latest checks that failed, in a row.
    pub failed_in_a_row: usize,
}

/// A lesson's most common mistakes: codes with how many students hit them.
#[derive(Clone, Debug, PartialEq, Deserialize)]
struct CommonCodes {
    lesson: String,
    codes: Vec<CodeCount>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
struct CodeCount {
    code: String,
    students: usize,
}

/// The class as the server sees it: the table (the file dashboard's figures, rows in the server's
/// student order), each row's student id, who is stuck where, and the common mistakes.
#[derive(Clone, Debug, PartialEq)]
pub struct LiveClass {
    /// The table.
    pub overview: Rc<Overview>,
    /// The student id of each of the table's rows.
    pub row_students: Vec<i64>,
    /// Per student, where they are.
    pub stuck: Vec<Stuck>,
    common: Vec<CommonCodes>,
}

/// Reads `GET /api/classes/{class}/overview`'s answer for the class named `class_name`; `None` when
/// it is not of that shape.
pub fn live_class(answer: &Value, class_name: &str) -> Option<LiveClass> {
    let table: TableJson = serde_json::from_value(answer["table"].clone()).ok()?;
    let lessons: Vec<LessonColumn> = table
        .lessons
        .into_iter()
        .map(|lesson| LessonColumn {
            id: lesson.id,
            title: lesson.title,
            points: lesson.points,
            checked: lesson.checked,
            passed: lesson.passed,
            mean_attempts: lesson.mean_attempts,
        })
        .collect();
    let row_students = table.rows.iter().map(|row| row.student).collect();
    let rows = table
        .rows
        .into_iter()
        .map(|row| Row {
            file: String::new(),
            student: Student {
                name: row.name,
                class: class_name.to_string(),
                school: String::new(),
                student_id: row.number,
            },
            exported_at: String::new(),
            flags: Vec::new(),
            cells: row
                .cells
                .into_iter()
                .map(|cell| {
                    cell.map(|cell| Cell {
                        score: cell.score,
                        max_score: cell.max_score,
                        attempts: cell.attempts,
                        minutes: cell.minutes,
                        passed: cell.passed,
                    })
                })
                .collect(),
            total: row.total,
        })
        .collect();
    let most_failed = table
        .most_failed
        .into_iter()
        .filter_map(|failed| {
            let lesson = lessons.iter().position(|lesson| Some(&lesson.id) == failed.lesson.as_ref())?;
            Some(FailedTest {
                lesson,
                test_id: failed.test_id,
                name: failed.name,
                failed: failed.failed,
                checked: failed.checked,
            })
        })
        .collect();
    let mut histogram = [0; HISTOGRAM_BINS];
    for (bin, count) in histogram.iter_mut().zip(table.histogram) {
        *bin = count;
    }
    Some(LiveClass {
        overview: Rc::new(Overview { lessons, rows, unreadable: Vec::new(), histogram, most_failed }),
        row_students,
        stuck: serde_json::from_value(answer["students"].clone()).ok()?,
        common: serde_json::from_value(answer["common_codes"].clone()).ok()?,
    })
}

/// A diagnostic code in words, as its message reads with nothing filled in (a name or a limit the
/// event did not record becomes "…"): `我不认识变量 …。`; an unknown code is shown as it is.
pub fn code_words(language: Language, code: &str) -> String {
    let Some(known) = Code::ALL.into_iter().find(|known| known.id() == code) else { return code.to_string() };
    let text = describe(&Diagnostic::new(known), language).text;
    let mut words = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(start) = rest.find("{$") {
        words.push_str(&rest[..start]);
        words.push('…');
        rest = rest[start..].find('}').map_or("", |end| &rest[start + end + 1..]);
    }
    words.push_str(rest);
    words
}

/// A lesson's title in `language` by its id, from the table's columns (else the id).
pub fn title_of(language: Language, overview: &Overview, lesson: &str) -> String {
    overview.lessons.iter().find(|column| column.id == lesson).map_or_else(
        || lesson.to_string(),
        |column| match (language, &column.title.en) {
            (Language::En, Some(english)) => english.clone(),
            _ => column.title.zh.clone(),
        },
    )
}

/// Props of [`LiveView`].
#[derive(Properties, PartialEq)]
pub struct LiveViewProps {
    /// The class.
    pub class: i64,
    /// Its name.
    pub class_name: String,
    /// Sprout's own course when the class works from it (its units group the table).
    pub pack: Option<Rc<Pack>>,
    /// Opens a student's page.
    pub on_student: Callback<i64>,
}

/// The live class view.
#[component]
pub fn LiveView(props: &LiveViewProps) -> Html {
    let language = use_language();
    let class = props.class;
    let class_name = props.class_name.clone();
    let live = use_state(|| None::<LiveClass>);
    let failure = use_state(|| None::<Failure>);
    // None while connecting, then whether the live stream is open.
    let connected = use_state(|| None::<bool>);
    let read = {
        let (live, failure) = (live.clone(), failure.clone());
        Rc::new(move || {
            let (live, failure, class_name) = (live.clone(), failure.clone(), class_name.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call(language, "GET", &format!("/api/classes/{class}/overview"), Body::Empty).await {
                    Ok(answer) => {
                        if let Some(read) = live_class(&answer, &class_name) {
                            live.set(Some(read));
                        }
                        failure.set(None);
                    }
                    Err(refused) => failure.set(Some(refused)),
                }
            });
        })
    };
    {
        let (read, connected) = (read.clone(), connected.clone());
        use_effect_with(class, move |_| {
            read();
            let stream = EventSource::new(&format!("/api/classes/{class}/live")).ok();
            let pending = Rc::new(Flag::new(false));
            let on_event = {
                let read = read.clone();
                Closure::<dyn Fn()>::new(move || {
                    if pending.replace(true) {
                        return;
                    }
                    let (read, pending) = (read.clone(), pending.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        yew::platform::time::sleep(REFRESH_AFTER).await;
                        pending.set(false);
                        read();
                    });
                })
            };
            let lost = Rc::new(Flag::new(false));
            let on_open = {
                let (connected, read, lost) = (connected.clone(), read.clone(), lost.clone());
                // Events while the stream was down are lost: read everything again.
                Closure::<dyn Fn()>::new(move || {
                    if lost.replace(false) {
                        read();
                    }
                    connected.set(Some(true));
                })
            };
            let on_error = {
                let connected = connected.clone();
                Closure::<dyn Fn()>::new(move || {
                    lost.set(true);
                    connected.set(Some(false));
                })
            };
            if let Some(stream) = &stream {
                for name in LIVE_EVENTS {
                    let _ = stream.add_event_listener_with_callback(name, on_event.as_ref().unchecked_ref());
                }
                stream.set_onopen(Some(on_open.as_ref().unchecked_ref()));
                stream.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            }
            move || {
                if let Some(stream) = stream {
                    stream.close();
                }
                drop((on_event, on_open, on_error));
            }
        });
    }
    let Some(class_live) = &*live else {
        return html! {
            <section class="live-view">
                if let Some(refused) = &*failure {
                    <p class="server-error" role="alert">{ &refused.message }</p>
                }
            </section>
        };
    };
    let overview = &class_live.overview;
    let name_of = |student: i64| {
        class_live
            .row_students
            .iter()
            .position(|id| *id == student)
            .map(|row| overview.rows[row].student.name.clone())
            .unwrap_or_default()
    };
    let mut stuck: Vec<&Stuck> = class_live.stuck.iter().filter(|one| one.lesson.is_some()).collect();
    stuck.sort_by_key(|one| (std::cmp::Reverse(one.failed_in_a_row), std::cmp::Reverse(one.minutes_since_progress)));
    let on_row = {
        let (rows, on_student) = (class_live.row_students.clone(), props.on_student.clone());
        Callback::from(move |row: usize| {
            if let Some(id) = rows.get(row) {
                on_student.emit(*id);
            }
        })
    };
    let status = match *connected {
        Some(false) => {
            html! { <p class="live-status lost" role="status">{ class_tr(language, ClassText::LiveLost) }</p> }
        }
        Some(true) => html! { <p class="live-status" role="status">{ class_tr(language, ClassText::LiveOn) }</p> },
        None => html! { <p class="live-status" role="status"></p> },
    };
    html! {
        <section class="live-view" aria-labelledby="live-heading">
            <h5 id="live-heading">{ class_tr(language, ClassText::LiveHeading) }</h5>
            { status }
            if let Some(refused) = &*failure {
                <p class="server-error" role="alert">{ &refused.message }</p>
            }
            <section class="stuck" aria-labelledby="stuck-heading">
                <h6 id="stuck-heading">{ class_tr(language, ClassText::StuckHeading) }</h6>
                if stuck.is_empty() {
                    <p>{ class_tr(language, ClassText::NobodyStarted) }</p>
                } else {
                    <div class="table-scroll">
                        <table class="stuck-table">
                            <thead>
                                <tr>
                                    <th scope="col">{ class_tr(language, ClassText::Name) }</th>
                                    <th scope="col">{ class_tr(language, ClassText::Lesson) }</th>
                                    <th scope="col">{ class_tr(language, ClassText::SinceProgress) }</th>
                                    <th scope="col">{ class_tr(language, ClassText::FailedInARow) }</th>
                                    <th scope="col">{ class_tr(language, ClassText::LastMistake) }</th>
                                </tr>
                            </thead>
                            <tbody>
                                { for stuck.iter().map(|one| {
                                    let id = one.student;
                                    let onclick = props.on_student.reform(move |_: MouseEvent| id);
                                    let minutes = one.minutes_since_progress.map_or_else(|| "—".to_string(),
                                        |minutes| class_tr_with(language, ClassText::Minutes, &[("minutes", minutes.to_string())]));
                                    html! {
                                        <tr data-student={id.to_string()} class={classes!((one.failed_in_a_row >= 3).then_some("stuck-long"))}>
                                            <th scope="row"><button type="button" class="link" {onclick}>{ name_of(id) }</button></th>
                                            <td>{ one.lesson.as_deref().map(|lesson| title_of(language, overview, lesson)).unwrap_or_default() }</td>
                                            <td class="number">{ minutes }</td>
                                            <td class="number">{ one.failed_in_a_row }</td>
                                            <td class="mistake">
                                                if let Some(code) = &one.last_error {
                                                    <span title={code.clone()}>{ code_words(language, code) }</span>
                                                } else {
                                                    { "—" }
                                                }
                                            </td>
                                        </tr>
                                    }
                                }) }
                            </tbody>
                        </table>
                    </div>
                }
            </section>
            <section class="common-codes" aria-labelledby="common-codes-heading">
                <h6 id="common-codes-heading">{ class_tr(language, ClassText::CommonCodesHeading) }</h6>
                if class_live.common.is_empty() {
                    <p>{ class_tr(language, ClassText::NoMistakes) }</p>
                } else {
                    <dl>
                        { for class_live.common.iter().map(|lesson| html! {
                            <>
                                <dt>{ title_of(language, overview, &lesson.lesson) }</dt>
                                { for lesson.codes.iter().map(|count| html! {
                                    <dd title={count.code.clone()}>{ class_tr_with(language, ClassText::CodeStudents, &[
                                        ("mistake", code_words(language, &count.code)),
                                        ("students", count.students.to_string()),
                                    ]) }</dd>
                                }) }
                            </>
                        }) }
                    </dl>
                }
            </section>
            <div class="dashboard live-table">
                <ClassOverview overview={overview.clone()} pack={props.pack.clone()} on_student={on_row} />
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_code_reads_as_words_without_placeholders() {
        for language in Language::ALL {
            for code in Code::ALL {
                let words = code_words(language, code.id());
                assert!(!words.contains("{$") && !words.contains(code.id()), "{code:?} in {language:?}: {words}");
            }
        }
        assert_eq!(code_words(Language::ZhCn, "undefined-variable"), "我不认识变量 …。");
        assert_eq!(code_words(Language::En, "no-such-code"), "no-such-code");
    }

    #[test]
    fn the_servers_overview_reads_as_the_dashboards() {
        let answer = json!({
            "class": 1,
            "table": {
                "lessons": [{ "id": "hello", "title": { "zh": "你好", "en": "Hello" }, "points": 100, "checked": 1, "passed": 0, "mean_attempts": 2.0 }],
                "rows": [
                    { "student": 7, "name": "张三", "number": "01", "total": 40,
                      "cells": [{ "score": 40, "max_score": 100, "attempts": 2, "minutes": 3, "passed": false }] },
                    { "student": 9, "name": "李四", "number": "02", "total": 0, "cells": [null] }
                ],
                "histogram": [0, 0, 0, 0, 1, 0, 0, 0, 0, 0],
                "most_failed": [{ "lesson": "hello", "test_id": "t1", "name": null, "failed": 1, "checked": 1 }]
            },
            "students": [{ "student": 7, "lesson": "hello", "minutes_since_progress": 3, "last_error": "undefined-variable", "failed_in_a_row": 2 },
                         { "student": 9, "lesson": null, "minutes_since_progress": null, "last_error": null, "failed_in_a_row": 0 }],
            "common_codes": [{ "lesson": "hello", "codes": [{ "code": "undefined-variable", "students": 1 }] }]
        });
        let live = live_class(&answer, "七年级 3 班").expect("the overview's shape");
        assert_eq!(live.row_students, [7, 9]);
        assert_eq!(live.overview.rows[0].student.name, "张三");
        assert_eq!(live.overview.rows[0].student.student_id, "01");
        assert_eq!(live.overview.rows[0].student.class, "七年级 3 班");
        assert_eq!(
            live.overview.rows[0].cells[0].as_ref().map(|cell| (cell.score, cell.attempts, cell.minutes)),
            Some((40, 2, Some(3)))
        );
        assert_eq!(live.overview.rows[1].cells[0], None);
        assert_eq!(live.overview.histogram[4], 1);
        assert_eq!(live.overview.most_failed[0].lesson, 0);
        assert_eq!(live.stuck[0].last_error.as_deref(), Some("undefined-variable"));
        assert_eq!(live.common[0].codes[0].students, 1);
        assert_eq!(title_of(Language::En, &live.overview, "hello"), "Hello");
        assert_eq!(title_of(Language::ZhCn, &live.overview, "other"), "other");
        assert!(live_class(&json!({ "table": {} }), "").is_none());
    }
}
