//! The student's side: `GET /api/join` and `GET /api/join/{class}` (public: what the sign-in page
//! lists), `POST /api/student/login` (rate-limited per student and per peer),
//! `POST /api/student/logout`, and, signed in, `GET /api/me`, `GET /api/me/pack` (the class's
//! course for the app), `PUT /api/me/lessons/{lesson}/code`
//! (every version kept), `POST /api/me/lessons/{lesson}/check` (the server grades) and
//! `POST /api/me/events` (runs and hints). A student only ever reaches their own work: every
//! query below is keyed by the session's student.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{json, Value};
use sprout_lessons::{is_valid_id, Pack, Verdict};
use sprout_runtime::Code;

use crate::auth::{self, SignedInStudent, PEER_LIMIT, STUDENT_COOKIE, STUDENT_LIMIT, WRITE_LIMIT};
use crate::error::{ApiError, ApiResult, Json};
use crate::routes::classes::class_row;
use crate::state::{AppState, LiveEvent, BUILTIN_COURSE};
use crate::time::now_ms;

/// The longest program the server keeps or grades (the result files' limit).
pub const MAX_CODE_BYTES: usize = 200_000;
/// The most diagnostic codes one event may carry.
pub const MAX_EVENT_CODES: usize = 20;

/// `GET /api/join`: every class's id and name.
pub async fn classes(State(state): State<AppState>) -> ApiResult<axum::Json<Value>> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM classes ORDER BY id").fetch_all(&state.db.pool).await?;
    Ok(axum::Json(
        json!({ "classes": rows.into_iter().map(|(id, name)| json!({ "id": id, "name": name })).collect::<Vec<_>>() }),
    ))
}

/// `GET /api/join/{class}`: the class's students still in it, id and name only.
pub async fn class_students(State(state): State<AppState>, Path(class): Path<i64>) -> ApiResult<axum::Json<Value>> {
    let (name, _) = class_row(&state, class).await?;
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM students WHERE class_id = $1 AND removed_at IS NULL ORDER BY id")
            .bind(class)
            .fetch_all(&state.db.pool)
            .await?;
    let students: Vec<Value> = rows.into_iter().map(|(id, name)| json!({ "id": id, "name": name })).collect();
    Ok(axum::Json(json!({ "class": { "id": class, "name": name }, "students": students })))
}

/// `POST /api/student/login` body.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Login {
    class: i64,
    student: i64,
    pin: String,
}

/// `POST /api/student/login {class, student, pin}`.
pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Json(body): Json<Login>,
) -> ApiResult<Response> {
    let student_key = format!("student:{}", body.student);
    let peer_key = auth::peer_key("peer", peer.ip());
    state.limiter.check(&student_key, STUDENT_LIMIT)?;
    state.limiter.check(&peer_key, PEER_LIMIT)?;
    let row: Option<(String, Option<i64>)> =
        sqlx::query_as("SELECT pin, removed_at FROM students WHERE id = $1 AND class_id = $2")
            .bind(body.student)
            .bind(body.class)
            .fetch_optional(&state.db.pool)
            .await?;
    let Some((pin, removed_at)) = row else { return Err(ApiError::not_found("unknown-student")) };
    if removed_at.is_some() {
        return Err(ApiError::new(StatusCode::FORBIDDEN, "student-removed"));
    }
    if body.pin.trim() != pin {
        state.limiter.fail(&student_key, STUDENT_LIMIT);
        state.limiter.fail(&peer_key, PEER_LIMIT);
        return Err(ApiError::new(StatusCode::UNAUTHORIZED, "wrong-pin"));
    }
    state.limiter.succeed(&student_key);
    let token = auth::create_session(&state, Some(body.student)).await?;
    let mut response = axum::Json(json!({ "student": body.student, "class": body.class })).into_response();
    response.headers_mut().insert(header::SET_COOKIE, auth::session_cookie(STUDENT_COOKIE, &token));
    Ok(response)
}

/// `POST /api/student/logout`.
pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<Response> {
    auth::end_session(&state, &headers, STUDENT_COOKIE).await?;
    let mut response = axum::Json(json!({ "student": null })).into_response();
    response.headers_mut().insert(header::SET_COOKIE, auth::cleared_cookie(STUDENT_COOKIE));
    Ok(response)
}

/// The class's course and the student's lesson `lesson`, checked: a valid id of that course.
async fn course_and_lesson(state: &AppState, student: &SignedInStudent, lesson: &str) -> ApiResult<Arc<Pack>> {
    let (_, course) = class_row(state, student.class_id).await?;
    let pack = state.course(&course).await?;
    if !is_valid_id(lesson) || pack.lesson(lesson).is_none() {
        return Err(ApiError::not_found("unknown-lesson"));
    }
    Ok(pack)
}

/// `GET /api/me/pack`: the students' copy of the class's pack, which the app opens as its course:
/// no hidden tests and no reference solutions even when the teacher uploaded the full copy (the
/// server grades with that). A class of Sprout's own course has none to give (404 `unknown-pack`):
/// the app carries that course.
pub async fn pack(student: SignedInStudent, State(state): State<AppState>) -> ApiResult<axum::Json<Pack>> {
    let (_, course) = class_row(&state, student.class_id).await?;
    if course == BUILTIN_COURSE {
        return Err(ApiError::not_found("unknown-pack"));
    }
    Ok(axum::Json(state.course(&course).await?.students_copy()))
}

/// A lesson's checks as `GET /api/me` reads them: the lesson, the best visible score, the most
/// points, whether one passed (0 or 1), and how many there were.
type BestChecks = (String, Option<i64>, Option<i64>, i64, i64);

/// `GET /api/me`: who, their class, the course's content hash, and per lesson worked on the
/// current code (the newest version by server time), its version id and time, the best score the
/// server gave over the tests the student is shown, and how many checks and hints there were (so
/// that a student on a wiped PC finds the lesson's attempts and shown hints as they left them).
pub async fn me(student: SignedInStudent, State(state): State<AppState>) -> ApiResult<axum::Json<Value>> {
    let (class_name, course) = class_row(&state, student.class_id).await?;
    let pack = state.course(&course).await?;
    // Only each lesson's newest version is read (a term of autosaves is thousands of versions):
    // the highest id, since `save_version` never gives a later version an earlier time.
    let versions: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT id, lesson_id, code, saved_at FROM versions WHERE id IN \
         (SELECT MAX(id) FROM versions WHERE student_id = $1 GROUP BY lesson_id) ORDER BY saved_at, id",
    )
    .bind(student.id)
    .fetch_all(&state.db.pool)
    .await?;
    let best: Vec<BestChecks> = sqlx::query_as(
        "SELECT lesson_id, MAX(visible_score), MAX(max_score), MAX(visible_passed), COUNT(*) FROM events \
         WHERE student_id = $1 AND kind = 'check' GROUP BY lesson_id",
    )
    .bind(student.id)
    .fetch_all(&state.db.pool)
    .await?;
    let hints: Vec<(String, i64)> = sqlx::query_as(
        "SELECT lesson_id, COUNT(*) FROM events WHERE student_id = $1 AND kind = 'hint' GROUP BY lesson_id",
    )
    .bind(student.id)
    .fetch_all(&state.db.pool)
    .await?;
    let mut lessons: BTreeMap<String, Value> = BTreeMap::new();
    for (id, lesson, code, saved_at) in versions {
        // One per lesson: its newest version, the current one.
        lessons.insert(lesson.clone(), json!({ "lesson": lesson, "code": code, "version": id, "saved_at": saved_at }));
    }
    for (lesson, score, max_score, passed, attempts) in best {
        let entry = lessons.entry(lesson.clone()).or_insert_with(|| json!({ "lesson": lesson }));
        entry["best_score"] = json!(score);
        entry["max_score"] = json!(max_score);
        entry["passed"] = json!(passed == 1);
        entry["attempts"] = json!(attempts);
    }
    for (lesson, count) in hints {
        let entry = lessons.entry(lesson.clone()).or_insert_with(|| json!({ "lesson": lesson }));
        entry["hints"] = json!(count);
    }
    Ok(axum::Json(json!({
        "student": { "id": student.id, "name": student.name, "number": student.number },
        "class": { "id": student.class_id, "name": class_name },
        "course": { "id": course, "course_id": pack.course.id, "version": pack.course.version, "content_hash": pack.content_hash },
        "lessons": lessons.into_values().collect::<Vec<_>>(),
    })))
}

/// `PUT /api/me/lessons/{lesson}/code` body.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaveCode {
    code: String,
    /// The version the editor started from (none for a lesson's first save).
    based_on: Option<i64>,
}

/// The limiter's key of a student's writes.
fn write_key(student: &SignedInStudent) -> String {
    format!("writes:{}", student.id)
}

fn check_code(code: &str) -> ApiResult<()> {
    if code.len() > MAX_CODE_BYTES {
        return Err(ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "code-too-long").with("limit", MAX_CODE_BYTES));
    }
    Ok(())
}

/// Saves a new version of `lesson`'s code; returns its id and time, and whether another version
/// was saved since `based_on` (both are kept; the newest is current).
async fn save_version(
    state: &AppState,
    student: &SignedInStudent,
    lesson: &str,
    code: &str,
    based_on: Option<i64>,
) -> ApiResult<(i64, i64, bool)> {
    let mut transaction = state.db.begin_write().await?;
    let latest: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM versions WHERE student_id = $1 AND lesson_id = $2 ORDER BY saved_at DESC, id DESC LIMIT 1",
    )
    .bind(student.id)
    .bind(lesson)
    .fetch_optional(&mut *transaction)
    .await?;
    if let Some(based_on) = based_on {
        let own: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM versions WHERE id = $1 AND student_id = $2 AND lesson_id = $3")
                .bind(based_on)
                .bind(student.id)
                .bind(lesson)
                .fetch_optional(&mut *transaction)
                .await?;
        if own.is_none() {
            return Err(ApiError::invalid("based_on", "not a version of this lesson's code"));
        }
    }
    let conflict = latest.map(|(id,)| id) != based_on && latest.is_some();
    // A version's time never goes before the lesson's current one (a clock set back), so the
    // newest by time stays the last saved.
    let (newest,): (Option<i64>,) =
        sqlx::query_as("SELECT MAX(saved_at) FROM versions WHERE student_id = $1 AND lesson_id = $2")
            .bind(student.id)
            .bind(lesson)
            .fetch_one(&mut *transaction)
            .await?;
    let saved_at = now_ms().max(newest.unwrap_or(0));
    let (version,): (i64,) = sqlx::query_as(
        "INSERT INTO versions (student_id, lesson_id, code, based_on, saved_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(student.id)
    .bind(lesson)
    .bind(code)
    .bind(based_on)
    .bind(saved_at)
    .fetch_one(&mut *transaction)
    .await?;
    transaction.commit().await?;
    Ok((version, saved_at, conflict))
}

/// `PUT /api/me/lessons/{lesson}/code {code, based_on}`.
pub async fn save(
    student: SignedInStudent,
    State(state): State<AppState>,
    Path(lesson): Path<String>,
    Json(body): Json<SaveCode>,
) -> ApiResult<axum::Json<Value>> {
    state.limiter.spend(&write_key(&student), WRITE_LIMIT)?;
    course_and_lesson(&state, &student, &lesson).await?;
    check_code(&body.code)?;
    let (version, saved_at, conflict) = save_version(&state, &student, &lesson, &body.code, body.based_on).await?;
    state.announce(LiveEvent { class_id: student.class_id, student: student.id, kind: "save", lesson, at: saved_at });
    Ok(axum::Json(json!({ "version": version, "saved_at": saved_at, "conflict": conflict })))
}

/// `POST /api/me/lessons/{lesson}/check` body: only the code (a score or verdict in it is refused
/// as an unknown field: the server grades).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckBody {
    code: String,
}

/// `POST /api/me/lessons/{lesson}/check {code}`: grades the code against every test (hidden ones
/// included), keeps the code as a version and the check as an event, and answers what the student
/// may see: the visible tests' verdicts and feedback and the score over them.
pub async fn check(
    student: SignedInStudent,
    State(state): State<AppState>,
    Path(lesson): Path<String>,
    Json(body): Json<CheckBody>,
) -> ApiResult<axum::Json<Value>> {
    state.limiter.spend(&write_key(&student), WRITE_LIMIT)?;
    let pack = course_and_lesson(&state, &student, &lesson).await?;
    check_code(&body.code)?;
    let grade = state.grader.grade(pack.clone(), lesson.clone(), body.code.clone()).await?;
    let points = pack.lesson(&lesson).map_or(grade.max_score, |lesson| lesson.points);
    let visible: Vec<&sprout_lessons::TestGrade> = grade.tests.iter().filter(|test| !test.hidden).collect();
    let visible_weight: u32 = visible.iter().map(|test| test.weight).sum();
    let visible_passed_weight: u32 =
        visible.iter().filter(|test| test.verdict == Verdict::Passed).map(|test| test.weight).sum();
    let visible_score = sprout_lessons::score(points, visible_passed_weight, visible_weight);
    let visible_passed = visible.iter().all(|test| test.verdict == Verdict::Passed);
    let (version, at, _) = save_version(&state, &student, &lesson, &body.code, None).await?;
    let verdicts: BTreeMap<&str, Verdict> =
        grade.tests.iter().map(|test| (test.test_id.as_str(), test.verdict)).collect();
    let mut codes: Vec<&str> = Vec::new();
    for test in &grade.tests {
        if let Some(code) =
            test.feedback.as_ref().and_then(|feedback| feedback.diagnostic.as_ref()).map(|d| d.code.id())
        {
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
    }
    sqlx::query(
        "INSERT INTO events (student_id, lesson_id, kind, at, version_id, score, max_score, passed, \
         visible_score, visible_passed, verdicts, codes) VALUES ($1, $2, 'check', $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(student.id)
    .bind(&lesson)
    .bind(at)
    .bind(version)
    .bind(i64::from(grade.score))
    .bind(i64::from(grade.max_score))
    .bind(i64::from(grade.passed))
    .bind(i64::from(visible_score))
    .bind(i64::from(visible_passed))
    .bind(serde_json::to_string(&verdicts).map_err(ApiError::internal)?)
    .bind(serde_json::to_string(&codes).map_err(ApiError::internal)?)
    .execute(&state.db.pool)
    .await?;
    state.announce(LiveEvent { class_id: student.class_id, student: student.id, kind: "check", lesson, at });
    // What the app shows after a check today: the visible tests' grades and the score over them.
    // Hidden tests stay hidden (their number only); the teacher sees the full grade.
    Ok(axum::Json(json!({
        "version": version,
        "score": visible_score,
        "max_score": grade.max_score,
        "passed": visible_passed,
        "tests": visible,
        "hidden_tests": grade.tests.len() - visible.len(),
    })))
}

/// `POST /api/me/events` body.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventBody {
    kind: String,
    lesson: String,
    #[serde(default)]
    codes: Vec<String>,
}

/// `POST /api/me/events {kind: "run"|"hint", lesson, codes}`: records a run (with the
/// diagnostic codes it ended with) or a hint shown.
pub async fn event(
    student: SignedInStudent,
    State(state): State<AppState>,
    Json(body): Json<EventBody>,
) -> ApiResult<axum::Json<Value>> {
    let kind = match body.kind.as_str() {
        "run" => "run",
        "hint" => "hint",
        _ => return Err(ApiError::invalid("kind", "run or hint")),
    };
    state.limiter.spend(&write_key(&student), WRITE_LIMIT)?;
    course_and_lesson(&state, &student, &body.lesson).await?;
    if body.codes.len() > MAX_EVENT_CODES {
        return Err(ApiError::invalid("codes", format!("at most {MAX_EVENT_CODES}")));
    }
    if let Some(unknown) = body.codes.iter().find(|code| !Code::ALL.iter().any(|known| known.id() == code.as_str())) {
        return Err(ApiError::invalid(
            "codes",
            format!("unknown code {:?}", unknown.chars().take(40).collect::<String>()),
        ));
    }
    let at = now_ms();
    sqlx::query(
        "INSERT INTO events (student_id, lesson_id, kind, at, verdicts, codes) VALUES ($1, $2, $3, $4, '{}', $5)",
    )
    .bind(student.id)
    .bind(&body.lesson)
    .bind(kind)
    .bind(at)
    .bind(serde_json::to_string(&body.codes).map_err(ApiError::internal)?)
    .execute(&state.db.pool)
    .await?;
    state.announce(LiveEvent { class_id: student.class_id, student: student.id, kind, lesson: body.lesson, at });
    Ok(axum::Json(json!({ "recorded": kind, "at": at })))
}
