//! The teacher's view of a class (teacher only): `GET /api/classes/{class}/overview` (the class
//! table, from the server's own grades, and who is stuck where), `GET /api/classes/{class}/live`
//! (server-sent events within moments of a student's save, check, run or hint) and `GET
//! /api/classes/{class}/students/{student}` (every version per lesson and the timeline).
//!
//! The table is `sprout_lessons::Overview::of_results`, the same as the file dashboard's, over
//! result files the server writes itself ([`result_files`]): a lesson's claim is the server's best
//! grade of it, never what a browser said.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::convert::Infallible;
use std::time::Duration;

use axum::extract::{Path, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use serde_json::{json, Value};
use sprout_lessons::{Claim, LessonResult, Overview, Pack, PackReference, ResultFile, Student, Verdict};
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};

use crate::auth::Teacher;
use crate::error::{ApiError, ApiResult};
use crate::routes::classes::class_row;
use crate::state::AppState;
use crate::time::{now_ms, rfc3339};

/// How many of a lesson's most frequent diagnostic codes the overview lists.
pub const COMMON_CODES: usize = 5;
/// How often the live stream sends a keep-alive comment.
pub const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// A student of the class, as the views need them.
pub struct ClassStudent {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Student number.
    pub number: String,
}

/// A recorded event.
pub struct EventRow {
    /// Whose.
    pub student: i64,
    /// Which lesson.
    pub lesson: String,
    /// check, run or hint.
    pub kind: String,
    /// When.
    pub at: i64,
    /// The checked version's code (checks only).
    pub code: Option<String>,
    /// The server's score (checks only).
    pub score: Option<i64>,
    /// The lesson's points (checks only).
    pub max_score: Option<i64>,
    /// Whether every test passed (checks only).
    pub passed: bool,
    /// The score over the visible tests, as the student was shown it (checks only).
    pub visible_score: Option<i64>,
    /// Verdict per test, JSON (checks only).
    pub verdicts: String,
    /// Diagnostic codes, JSON.
    pub codes: String,
}

/// The class's students still in it, by id.
pub async fn class_students(state: &AppState, class: i64) -> ApiResult<Vec<ClassStudent>> {
    let rows: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, name, number FROM students WHERE class_id = $1 AND removed_at IS NULL ORDER BY id")
            .bind(class)
            .fetch_all(&state.db.pool)
            .await?;
    Ok(rows.into_iter().map(|(id, name, number)| ClassStudent { id, name, number }).collect())
}

type EventTuple =
    (i64, String, String, i64, Option<String>, Option<i64>, Option<i64>, Option<i64>, Option<i64>, String, String);

/// Every event of the class's students (`student` alone when given), oldest first.
pub async fn class_events(state: &AppState, class: i64, student: Option<i64>) -> ApiResult<Vec<EventRow>> {
    let rows: Vec<EventTuple> = sqlx::query_as(
        "SELECT e.student_id, e.lesson_id, e.kind, e.at, v.code, e.score, e.max_score, e.passed, e.visible_score, e.verdicts, e.codes \
         FROM events e JOIN students s ON s.id = e.student_id LEFT JOIN versions v ON v.id = e.version_id \
         WHERE s.class_id = $1 AND ($2 = 0 OR e.student_id = $2) ORDER BY e.at, e.id",
    )
    .bind(class)
    .bind(student.unwrap_or(0))
    .fetch_all(&state.db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(student, lesson, kind, at, code, score, max_score, passed, visible_score, verdicts, codes)| EventRow {
            student,
            lesson,
            kind,
            at,
            code,
            score,
            max_score,
            passed: passed == Some(1),
            visible_score,
            verdicts,
            codes,
        })
        .collect())
}

/// The first save of each student's lesson (when they started it).
async fn first_saves(state: &AppState, class: i64) -> ApiResult<HashMap<(i64, String), i64>> {
    let rows: Vec<(i64, String, Option<i64>)> = sqlx::query_as(
        "SELECT v.student_id, v.lesson_id, MIN(v.saved_at) FROM versions v JOIN students s ON s.id = v.student_id \
         WHERE s.class_id = $1 GROUP BY v.student_id, v.lesson_id",
    )
    .bind(class)
    .fetch_all(&state.db.pool)
    .await?;
    Ok(rows.into_iter().filter_map(|(student, lesson, at)| Some(((student, lesson), at?))).collect())
}

fn u32_of(value: Option<i64>) -> u32 {
    value.and_then(|value| u32::try_from(value).ok()).unwrap_or(0)
}

/// Which of the server's grades result files claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Claims {
    /// The full grade, hidden tests included: the teacher's table.
    Server,
    /// What the student was shown (the visible tests and the score over them), as the app's
    /// result files claim it: the exported files, which `sprout grade` re-grades in full and
    /// compares with this claim.
    Shown,
}

/// The result file of each student, in today's format, from the server's grades: per lesson
/// checked, the best check (highest score, the first to reach it) with its code and verdicts, the
/// number of checks, when the lesson was started (its first save) and when that check was made.
pub async fn result_files(
    state: &AppState,
    class: i64,
    class_name: &str,
    pack: &Pack,
    claims: Claims,
) -> ApiResult<(Vec<ClassStudent>, Vec<(String, ResultFile)>, Vec<EventRow>)> {
    let students = class_students(state, class).await?;
    let events = class_events(state, class, None).await?;
    let starts = first_saves(state, class).await?;
    let reference = PackReference {
        id: pack.course.id.clone(),
        version: pack.course.version.clone(),
        content_hash: pack.content_hash.clone(),
    };
    let mut files = Vec::new();
    for student in &students {
        let mut lessons: Vec<LessonResult> = Vec::new();
        for event in events.iter().filter(|event| event.student == student.id && event.kind == "check") {
            let mut verdicts: BTreeMap<String, Verdict> = serde_json::from_str(&event.verdicts).unwrap_or_default();
            let score = match claims {
                Claims::Server => event.score,
                Claims::Shown => {
                    let hidden = |test_id: &str| {
                        pack.lesson(&event.lesson)
                            .and_then(|lesson| lesson.tests.iter().find(|test| test.id == test_id))
                            .is_none_or(|test| test.hidden)
                    };
                    verdicts.retain(|test_id, _| !hidden(test_id));
                    event.visible_score
                }
            };
            let claim = Claim { score: u32_of(score), max_score: u32_of(event.max_score), verdicts };
            let checked_at = rfc3339(event.at);
            match lessons.iter_mut().find(|lesson| lesson.lesson_id == event.lesson) {
                Some(lesson) => {
                    lesson.attempts = lesson.attempts.saturating_add(1);
                    if claim.score > lesson.claimed.score {
                        lesson.code = event.code.clone().unwrap_or_default();
                        lesson.claimed = claim;
                        lesson.checked_at = checked_at;
                    }
                }
                None => {
                    let started = starts.get(&(student.id, event.lesson.clone())).copied().unwrap_or(event.at);
                    lessons.push(LessonResult {
                        lesson_id: event.lesson.clone(),
                        code: event.code.clone().unwrap_or_default(),
                        claimed: claim,
                        attempts: 1,
                        started_at: rfc3339(started.min(event.at)),
                        checked_at,
                    });
                }
            }
        }
        let who = Student {
            name: student.name.clone(),
            class: class_name.to_string(),
            school: String::new(),
            student_id: student.number.clone(),
        };
        let file = ResultFile::new(
            concat!("sprout-server ", env!("CARGO_PKG_VERSION")),
            &rfc3339(now_ms()),
            who,
            reference.clone(),
            lessons,
        );
        files.push((result_file_name(student), file));
    }
    Ok((students, files, events))
}

/// A student's result file's name: number and name, with nothing a file system refuses.
pub fn result_file_name(student: &ClassStudent) -> String {
    let safe: String = format!("{}-{}", student.number, student.name)
        .chars()
        .map(|character| if character.is_alphanumeric() || character == '-' { character } else { '_' })
        .collect();
    format!("{safe}.json")
}

/// Who is stuck where: per student, the lesson they are on (their latest activity), minutes since
/// their last progress (a check that raised a lesson's best score, else their first activity),
/// their last diagnostic code, and how many of their latest checks failed in a row.
fn stuck(students: &[ClassStudent], events: &[EventRow], saves: &[(i64, String, i64)], now: i64) -> Vec<Value> {
    students
        .iter()
        .map(|student| {
            let own: Vec<&EventRow> = events.iter().filter(|event| event.student == student.id).collect();
            let last_save = saves.iter().filter(|(id, _, _)| *id == student.id).max_by_key(|(_, _, at)| *at);
            let last_event = own.last();
            let lesson = match (last_event, last_save) {
                (Some(event), Some((_, lesson, at))) => {
                    Some(if *at > event.at { lesson.clone() } else { event.lesson.clone() })
                }
                (Some(event), None) => Some(event.lesson.clone()),
                (None, Some((_, lesson, _))) => Some(lesson.clone()),
                (None, None) => None,
            };
            let mut best: HashMap<&str, i64> = HashMap::new();
            let mut progress = saves.iter().filter(|(id, _, _)| *id == student.id).map(|(_, _, at)| *at).min();
            for event in own.iter().filter(|event| event.kind == "check") {
                let score = event.score.unwrap_or(0);
                let previous = best.entry(event.lesson.as_str()).or_insert(0);
                if score > *previous {
                    *previous = score;
                    progress = Some(event.at);
                }
            }
            let last_error = own.iter().rev().find_map(|event| {
                serde_json::from_str::<Vec<String>>(&event.codes).ok().and_then(|codes| codes.last().cloned())
            });
            let failed_in_a_row =
                own.iter().rev().filter(|event| event.kind == "check").take_while(|event| !event.passed).count();
            json!({
                "student": student.id,
                "lesson": lesson,
                "minutes_since_progress": progress.map(|at| now.saturating_sub(at).max(0) / 60_000),
                "last_error": last_error,
                "failed_in_a_row": failed_in_a_row,
            })
        })
        .collect()
}

/// Per lesson, the diagnostic codes the most students hit (runs and checks), most first.
fn common_codes(events: &[EventRow]) -> Value {
    let mut hit: BTreeMap<&str, BTreeMap<String, BTreeSet<i64>>> = BTreeMap::new();
    for event in events {
        for code in serde_json::from_str::<Vec<String>>(&event.codes).unwrap_or_default() {
            hit.entry(event.lesson.as_str()).or_default().entry(code).or_default().insert(event.student);
        }
    }
    let lessons: Vec<Value> = hit
        .into_iter()
        .map(|(lesson, codes)| {
            let mut codes: Vec<(String, usize)> =
                codes.into_iter().map(|(code, students)| (code, students.len())).collect();
            codes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            codes.truncate(COMMON_CODES);
            json!({ "lesson": lesson, "codes": codes.into_iter().map(|(code, students)| json!({ "code": code, "students": students })).collect::<Vec<_>>() })
        })
        .collect();
    Value::Array(lessons)
}

/// The overview as JSON (the lessons crate's type is not serialisable on purpose: its shape is
/// the dashboard's, internal).
pub fn overview_json(overview: &Overview, students: &[ClassStudent]) -> Value {
    json!({
        "lessons": overview.lessons.iter().map(|lesson| json!({
            "id": lesson.id,
            "title": lesson.title,
            "points": lesson.points,
            "checked": lesson.checked,
            "passed": lesson.passed,
            "mean_attempts": lesson.mean_attempts,
        })).collect::<Vec<_>>(),
        "rows": overview.rows.iter().zip(students).map(|(row, student)| json!({
            "student": student.id,
            "name": row.student.name,
            "number": row.student.student_id,
            "total": row.total,
            "cells": row.cells.iter().map(|cell| cell.as_ref().map(|cell| json!({
                "score": cell.score,
                "max_score": cell.max_score,
                "attempts": cell.attempts,
                "minutes": cell.minutes,
                "passed": cell.passed,
            }))).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "histogram": overview.histogram,
        "most_failed": overview.most_failed.iter().map(|failed| json!({
            "lesson": overview.lessons.get(failed.lesson).map(|lesson| lesson.id.clone()),
            "test_id": failed.test_id,
            "name": failed.name,
            "failed": failed.failed,
            "checked": failed.checked,
        })).collect::<Vec<_>>(),
    })
}

/// The class's overview over `claims` and the students' results files, for the view and the
/// exports.
pub async fn class_overview(
    state: &AppState,
    class: i64,
    claims: Claims,
) -> ApiResult<(Overview, Vec<ClassStudent>, Vec<(String, ResultFile)>, Vec<EventRow>)> {
    let (class_name, course) = class_row(state, class).await?;
    let pack = state.course(&course).await?;
    let (students, files, events) = result_files(state, class, &class_name, &pack, claims).await?;
    Ok((Overview::of_results(&pack, &files), students, files, events))
}

/// `GET /api/classes/{class}/overview`.
pub async fn overview(
    _: Teacher,
    State(state): State<AppState>,
    Path(class): Path<i64>,
) -> ApiResult<axum::Json<Value>> {
    let (overview, students, _, events) = class_overview(&state, class, Claims::Server).await?;
    let saves: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT v.student_id, v.lesson_id, v.saved_at FROM versions v JOIN students s ON s.id = v.student_id \
         WHERE s.class_id = $1",
    )
    .bind(class)
    .fetch_all(&state.db.pool)
    .await?;
    Ok(axum::Json(json!({
        "class": class,
        "table": overview_json(&overview, &students),
        "students": stuck(&students, &events, &saves, now_ms()),
        "common_codes": common_codes(&events),
    })))
}

/// `GET /api/classes/{class}/live`: an event per save, check, run or hint of the class's
/// students (`event: save|check|run|hint`, data `{student, kind, lesson, at}`), and `resync` when
/// the page fell behind and should read the overview again.
pub async fn live(
    _: Teacher,
    State(state): State<AppState>,
    Path(class): Path<i64>,
) -> ApiResult<Sse<impl Stream<Item = Result<Event, Infallible>>>> {
    class_row(&state, class).await?;
    let stream = BroadcastStream::new(state.live.subscribe()).filter_map(move |event| match event {
        Ok(event) if event.class_id == class => {
            Some(Ok(Event::default().event(event.kind).data(serde_json::to_string(&event).unwrap_or_default())))
        }
        Ok(_) => None,
        Err(_) => Some(Ok(Event::default().event("resync").data("{}"))),
    });
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(KEEP_ALIVE)))
}

/// `GET /api/classes/{class}/students/{student}`: the student, every saved version of each lesson
/// with its time (oldest first), and the timeline of their runs, checks and hints.
pub async fn student(
    _: Teacher,
    State(state): State<AppState>,
    Path((class, student)): Path<(i64, i64)>,
) -> ApiResult<axum::Json<Value>> {
    class_row(&state, class).await?;
    let row: Option<(String, String, Option<i64>)> =
        sqlx::query_as("SELECT name, number, removed_at FROM students WHERE id = $1 AND class_id = $2")
            .bind(student)
            .bind(class)
            .fetch_optional(&state.db.pool)
            .await?;
    let (name, number, removed_at) = row.ok_or_else(|| ApiError::not_found("unknown-student"))?;
    let versions: Vec<(i64, String, String, Option<i64>, i64)> = sqlx::query_as(
        "SELECT id, lesson_id, code, based_on, saved_at FROM versions WHERE student_id = $1 ORDER BY saved_at, id",
    )
    .bind(student)
    .fetch_all(&state.db.pool)
    .await?;
    let mut lessons: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for (id, lesson, code, based_on, saved_at) in versions {
        lessons
            .entry(lesson)
            .or_default()
            .push(json!({ "version": id, "code": code, "based_on": based_on, "saved_at": saved_at }));
    }
    let events = class_events(&state, class, Some(student)).await?;
    let timeline: Vec<Value> = events
        .iter()
        .map(|event| {
            json!({
                "kind": event.kind,
                "lesson": event.lesson,
                "at": event.at,
                "score": event.score,
                "max_score": event.max_score,
                "passed": (event.kind == "check").then_some(event.passed),
                "verdicts": serde_json::from_str::<Value>(&event.verdicts).unwrap_or_default(),
                "codes": serde_json::from_str::<Value>(&event.codes).unwrap_or_default(),
            })
        })
        .collect();
    Ok(axum::Json(json!({
        "student": { "id": student, "name": name, "number": number, "removed": removed_at.is_some() },
        "lessons": lessons.into_iter().map(|(lesson, versions)| json!({ "lesson": lesson, "versions": versions })).collect::<Vec<_>>(),
        "timeline": timeline,
    })))
}
