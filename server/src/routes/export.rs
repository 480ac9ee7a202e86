//! The teacher's exports (teacher only): `GET /api/classes/{class}/export/table.csv` (the class
//! table, UTF-8 with a byte-order mark for Excel, formula-safe cells: `Overview::to_csv`),
//! `.../export/results.zip` (each student's result file in today's format, from the server's own
//! grades, claiming what the student was shown as the app's files do, which `sprout grade` and the
//! file dashboard read), `.../export/code.zip` (every
//! student's current code, a folder per student) and `GET /api/backup` (the whole SQLite
//! database, copied consistently with `VACUUM INTO`, which a new server restores by starting on
//! it as its data folder's `sprout.db`).

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sprout_lessons::zip::{self, DosDateTime};

use crate::auth::Teacher;
use crate::db::Dialect;
use crate::error::{ApiError, ApiResult};
use crate::routes::view::{class_overview, result_file_name, Claims, ClassStudent};
use crate::state::AppState;
use crate::time::{civil, now_ms};
use crate::words::request_language;

fn download(content_type: &'static str, file_name: String, body: Vec<u8>) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

fn now_in_zip() -> DosDateTime {
    let (year, month, day, hour, minute, second) = civil(now_ms());
    DosDateTime::new(u32::try_from(year).unwrap_or(1980), month, day, hour, minute, second)
}

fn zip_of(files: &[(String, Vec<u8>)]) -> ApiResult<Vec<u8>> {
    let entries: Vec<(&str, &[u8])> = files.iter().map(|(name, bytes)| (name.as_str(), bytes.as_slice())).collect();
    zip::write(&entries, now_in_zip()).map_err(ApiError::internal)
}

/// `GET /api/classes/{class}/export/table.csv`, in the request's language.
pub async fn table(
    _: Teacher,
    State(state): State<AppState>,
    Path(class): Path<i64>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let (overview, ..) = class_overview(&state, class, Claims::Server).await?;
    let csv = overview.to_csv(request_language(&headers));
    Ok(download("text/csv; charset=utf-8", format!("class-{class}.csv"), csv.into_bytes()))
}

/// `GET /api/classes/{class}/export/results.zip`.
pub async fn results(_: Teacher, State(state): State<AppState>, Path(class): Path<i64>) -> ApiResult<Response> {
    let (_, _, files, _) = class_overview(&state, class, Claims::Shown).await?;
    let files: Vec<(String, Vec<u8>)> =
        files.into_iter().map(|(name, file)| (name, file.to_json().into_bytes())).collect();
    Ok(download("application/zip", format!("class-{class}-results.zip"), zip_of(&files)?))
}

/// `GET /api/classes/{class}/export/code.zip`: `NUMBER-NAME/LESSON.rhai`, each lesson's current
/// version, for every student the class has had (removed ones too: nothing goes silently).
pub async fn code(_: Teacher, State(state): State<AppState>, Path(class): Path<i64>) -> ApiResult<Response> {
    crate::routes::classes::class_row(&state, class).await?;
    let rows: Vec<(i64, String, String, String, String)> = sqlx::query_as(
        "SELECT s.id, s.name, s.number, v.lesson_id, v.code FROM versions v JOIN students s ON s.id = v.student_id \
         WHERE s.class_id = $1 ORDER BY v.saved_at, v.id",
    )
    .bind(class)
    .fetch_all(&state.db.pool)
    .await?;
    let mut current: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for (id, name, number, lesson, code) in rows {
        let folder = result_file_name(&ClassStudent { id, name, number });
        let folder = folder.trim_end_matches(".json");
        current.insert(format!("{folder}/{lesson}.rhai"), code.into_bytes());
    }
    let files: Vec<(String, Vec<u8>)> = current.into_iter().collect();
    Ok(download("application/zip", format!("class-{class}-code.zip"), zip_of(&files)?))
}

/// `GET /api/backup`: the SQLite database as one file (PostgreSQL is backed up with its own
/// tools: `backup-unavailable`).
pub async fn backup(_: Teacher, State(state): State<AppState>) -> ApiResult<Response> {
    let (Dialect::Sqlite, Some(file)) = (state.db.dialect, state.db.file.as_ref()) else {
        return Err(ApiError::new(StatusCode::CONFLICT, "backup-unavailable"));
    };
    let copy = file.with_file_name(format!("backup-{}.db", crate::auth::new_token()));
    let path = copy.to_str().ok_or_else(|| ApiError::internal("the data folder's path is not UTF-8"))?.to_string();
    sqlx::query("VACUUM INTO $1").bind(path).execute(&state.db.pool).await?;
    let bytes = tokio::fs::read(&copy).await.map_err(ApiError::internal);
    let _ = tokio::fs::remove_file(&copy).await;
    let (year, month, day, ..) = civil(now_ms());
    Ok(download("application/vnd.sqlite3", format!("sprout-{year:04}-{month:02}-{day:02}.db"), bytes?))
}
