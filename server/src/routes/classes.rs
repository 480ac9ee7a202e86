//! The teacher's classes, rosters, PINs and packs (every route needs the teacher's session):
//! `GET|POST /api/classes`, `POST /api/classes/{class}/roster`, `GET
//! /api/classes/{class}/students`, `POST /api/classes/{class}/students/{student}/pin`, `DELETE
//! /api/classes/{class}/students/{student}` (marks them removed; their work stays), and `GET|POST
//! /api/packs`.

use std::collections::HashSet;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use rand::Rng;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sprout_lessons::read_pack;

use crate::auth::Teacher;
use crate::error::{ApiError, ApiResult, Json};
use crate::roster::{self, RosterError, MAX_STUDENTS};
use crate::state::{AppState, BUILTIN_COURSE};
use crate::time::now_ms;

/// The longest class name, in characters.
pub const MAX_CLASS_NAME_CHARS: usize = 40;
/// The most classes a server holds.
pub const MAX_CLASSES: i64 = 500;
/// The most packs a server holds.
pub const MAX_PACKS: i64 = 100;

/// A class as the teacher's list shows it.
#[derive(Serialize)]
pub struct ClassInfo {
    id: i64,
    name: String,
    course: String,
    students: i64,
}

/// `POST /api/classes` body.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewClass {
    name: String,
    course: String,
}

/// A short text a person typed: trimmed, non-empty, at most `limit` characters, no control
/// characters.
pub fn valid_text(field: &str, text: &str, limit: usize) -> ApiResult<String> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > limit || text.chars().any(char::is_control) {
        return Err(ApiError::invalid(field, format!("1–{limit} characters, one line")));
    }
    Ok(text.to_string())
}

/// The class `class` exists: its name and course.
pub async fn class_row(state: &AppState, class: i64) -> ApiResult<(String, String)> {
    sqlx::query_as("SELECT name, course FROM classes WHERE id = $1")
        .bind(class)
        .fetch_optional(&state.db.pool)
        .await?
        .ok_or_else(|| ApiError::not_found("unknown-class"))
}

/// `GET /api/classes`.
pub async fn list(_: Teacher, State(state): State<AppState>) -> ApiResult<axum::Json<Vec<ClassInfo>>> {
    let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT c.id, c.name, c.course, \
         (SELECT COUNT(*) FROM students s WHERE s.class_id = c.id AND s.removed_at IS NULL) \
         FROM classes c ORDER BY c.id",
    )
    .fetch_all(&state.db.pool)
    .await?;
    Ok(axum::Json(
        rows.into_iter().map(|(id, name, course, students)| ClassInfo { id, name, course, students }).collect(),
    ))
}

/// `POST /api/classes {name, course}`.
pub async fn create(
    _: Teacher,
    State(state): State<AppState>,
    Json(body): Json<NewClass>,
) -> ApiResult<axum::Json<Value>> {
    let name = valid_text("name", &body.name, MAX_CLASS_NAME_CHARS)?;
    if body.course != BUILTIN_COURSE {
        state.course(&body.course).await?;
    }
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM classes").fetch_one(&state.db.pool).await?;
    if count >= MAX_CLASSES {
        return Err(ApiError::invalid("name", format!("at most {MAX_CLASSES} classes")));
    }
    let (id,): (i64,) =
        sqlx::query_as("INSERT INTO classes (name, course, created_at) VALUES ($1, $2, $3) RETURNING id")
            .bind(&name)
            .bind(&body.course)
            .bind(now_ms())
            .fetch_one(&state.db.pool)
            .await?;
    Ok(axum::Json(json!({ "id": id, "name": name, "course": body.course })))
}

/// A new six-digit PIN not in `taken`.
fn new_pin(taken: &HashSet<String>) -> String {
    loop {
        let pin = format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000u32));
        if !taken.contains(&pin) {
            return pin;
        }
    }
}

async fn taken_pins(state: &AppState, class: i64) -> ApiResult<HashSet<String>> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT pin FROM students WHERE class_id = $1").bind(class).fetch_all(&state.db.pool).await?;
    Ok(rows.into_iter().map(|(pin,)| pin).collect())
}

/// `POST /api/classes/{class}/roster`: the body is the roster's bytes (pasted text or an Excel
/// CSV). Students whose number the class already has are kept as they are (importing a roster
/// twice adds nobody twice); the others are added, each with a new PIN.
pub async fn import_roster(
    _: Teacher,
    State(state): State<AppState>,
    Path(class): Path<i64>,
    body: Bytes,
) -> ApiResult<axum::Json<Value>> {
    class_row(&state, class).await?;
    let entries = roster::parse(&body).map_err(|error| match error {
        RosterError::Empty => ApiError::new(StatusCode::BAD_REQUEST, "roster-empty"),
        RosterError::TooMany => ApiError::new(StatusCode::BAD_REQUEST, "roster-too-many").with("limit", MAX_STUDENTS),
        RosterError::Line(line) => ApiError::new(StatusCode::BAD_REQUEST, "roster-line").with("line", line),
    })?;
    let existing: Vec<(String,)> =
        sqlx::query_as("SELECT number FROM students WHERE class_id = $1 AND removed_at IS NULL")
            .bind(class)
            .fetch_all(&state.db.pool)
            .await?;
    let mut numbers: HashSet<String> = existing.into_iter().map(|(number,)| number).collect();
    let new: Vec<_> = entries.into_iter().filter(|entry| numbers.insert(entry.number.clone())).collect();
    if numbers.len() > MAX_STUDENTS {
        return Err(ApiError::new(StatusCode::BAD_REQUEST, "roster-too-many").with("limit", MAX_STUDENTS));
    }
    let mut pins = taken_pins(&state, class).await?;
    let now = now_ms();
    let mut transaction = state.db.begin_write().await?;
    for entry in &new {
        let pin = new_pin(&pins);
        pins.insert(pin.clone());
        sqlx::query("INSERT INTO students (class_id, name, number, pin, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(class)
            .bind(&entry.name)
            .bind(&entry.number)
            .bind(pin)
            .bind(now)
            .execute(&mut *transaction)
            .await?;
    }
    transaction.commit().await?;
    Ok(axum::Json(json!({ "added": new.len() })))
}

/// `GET /api/classes/{class}/students`: the class's students with their PINs (for join cards),
/// removed ones included and marked.
pub async fn students(
    _: Teacher,
    State(state): State<AppState>,
    Path(class): Path<i64>,
) -> ApiResult<axum::Json<Value>> {
    let (class_name, _) = class_row(&state, class).await?;
    let rows: Vec<(i64, String, String, String, Option<i64>)> =
        sqlx::query_as("SELECT id, name, number, pin, removed_at FROM students WHERE class_id = $1 ORDER BY id")
            .bind(class)
            .fetch_all(&state.db.pool)
            .await?;
    let students: Vec<Value> = rows
        .into_iter()
        .map(|(id, name, number, pin, removed_at)| {
            json!({ "id": id, "name": name, "number": number, "pin": pin, "removed": removed_at.is_some() })
        })
        .collect();
    Ok(axum::Json(json!({ "class": { "id": class, "name": class_name }, "students": students })))
}

async fn student_in_class(state: &AppState, class: i64, student: i64) -> ApiResult<()> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT id FROM students WHERE id = $1 AND class_id = $2")
        .bind(student)
        .bind(class)
        .fetch_optional(&state.db.pool)
        .await?;
    row.map(|_| ()).ok_or_else(|| ApiError::not_found("unknown-student"))
}

/// `POST /api/classes/{class}/students/{student}/pin`: a new PIN; the student's sessions end.
pub async fn reset_pin(
    _: Teacher,
    State(state): State<AppState>,
    Path((class, student)): Path<(i64, i64)>,
) -> ApiResult<axum::Json<Value>> {
    student_in_class(&state, class, student).await?;
    let pin = new_pin(&taken_pins(&state, class).await?);
    let mut transaction = state.db.begin_write().await?;
    sqlx::query("UPDATE students SET pin = $1 WHERE id = $2")
        .bind(&pin)
        .bind(student)
        .execute(&mut *transaction)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE student_id = $1").bind(student).execute(&mut *transaction).await?;
    transaction.commit().await?;
    Ok(axum::Json(json!({ "id": student, "pin": pin })))
}

/// `DELETE /api/classes/{class}/students/{student}`: marks the student removed (they cannot sign
/// in, their sessions end, their work stays in the database and in exports of it).
pub async fn remove_student(
    _: Teacher,
    State(state): State<AppState>,
    Path((class, student)): Path<(i64, i64)>,
) -> ApiResult<axum::Json<Value>> {
    student_in_class(&state, class, student).await?;
    let mut transaction = state.db.begin_write().await?;
    sqlx::query("UPDATE students SET removed_at = $1 WHERE id = $2 AND removed_at IS NULL")
        .bind(now_ms())
        .bind(student)
        .execute(&mut *transaction)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE student_id = $1").bind(student).execute(&mut *transaction).await?;
    transaction.commit().await?;
    Ok(axum::Json(json!({ "id": student, "removed": true })))
}

/// `GET /api/packs`: the uploaded packs.
pub async fn packs(_: Teacher, State(state): State<AppState>) -> ApiResult<axum::Json<Value>> {
    let rows: Vec<(i64, String, String, i64)> =
        sqlx::query_as("SELECT id, file_name, content_hash, uploaded_at FROM packs ORDER BY id")
            .fetch_all(&state.db.pool)
            .await?;
    let packs: Vec<Value> = rows
        .into_iter()
        .map(|(id, file_name, content_hash, uploaded_at)| {
            json!({ "id": id.to_string(), "file_name": file_name, "content_hash": content_hash, "uploaded_at": uploaded_at })
        })
        .collect();
    Ok(axum::Json(json!({ "packs": packs })))
}

/// `POST /api/packs`: the body is a `.pack` file (its size bounded by the route's body limit
/// before anything is read); it is checked with `read_pack` and kept. Its id is what
/// `POST /api/classes` takes as `course`.
pub async fn upload_pack(_: Teacher, State(state): State<AppState>, body: Bytes) -> ApiResult<axum::Json<Value>> {
    let pack = read_pack("upload.pack", &body).map_err(|problems| {
        let detail = problems.0.first().and_then(|problem| problem.args.get("detail").cloned()).unwrap_or_default();
        ApiError::new(StatusCode::BAD_REQUEST, "bad-pack").with("detail", detail)
    })?;
    // The students' app shows a pack's lessons from the text it carries (`sprout pack` writes it).
    if let Some(lesson) = pack.lessons.iter().find(|lesson| pack.text(&lesson.id).is_none()) {
        return Err(ApiError::new(StatusCode::BAD_REQUEST, "bad-pack")
            .with("detail", format!("lesson {} has no text for the app to show", lesson.id)));
    }
    let text = std::str::from_utf8(&body)
        .map_err(|error| ApiError::new(StatusCode::BAD_REQUEST, "bad-pack").with("detail", error))?;
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM packs").fetch_one(&state.db.pool).await?;
    if count >= MAX_PACKS {
        return Err(
            ApiError::new(StatusCode::BAD_REQUEST, "bad-pack").with("detail", format!("at most {MAX_PACKS} packs"))
        );
    }
    let file_name = format!("{}-{}", pack.course.id, pack.course.version);
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO packs (file_name, content_hash, body, uploaded_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(&file_name)
    .bind(&pack.content_hash)
    .bind(text)
    .bind(now_ms())
    .fetch_one(&state.db.pool)
    .await?;
    Ok(axum::Json(json!({
        "id": id.to_string(),
        "course": pack.course.id,
        "content_hash": pack.content_hash,
        "full": pack.full,
        "lessons": pack.lessons.len(),
    })))
}
