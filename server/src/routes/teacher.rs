//! The public greeting and the teacher's password and sessions: `GET /api/hello`,
//! `POST /api/teacher/setup` (only from the teacher's own computer, only once),
//! `POST /api/teacher/login` (rate-limited per peer) and `POST /api/teacher/logout`.

use std::net::SocketAddr;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

use crate::auth::{self, TEACHER_COOKIE, TEACHER_LIMIT};
use crate::error::{ApiError, ApiResult, Json};
use crate::state::AppState;
use crate::time::now_ms;

/// The shortest teacher password.
pub const MIN_PASSWORD_CHARS: usize = 8;
/// The longest teacher password.
pub const MAX_PASSWORD_CHARS: usize = 256;

/// A password in a request.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordBody {
    password: String,
}

async fn password_hash(state: &AppState) -> ApiResult<Option<String>> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT password_hash FROM teacher WHERE id = 1").fetch_optional(&state.db.pool).await?;
    Ok(row.map(|(hash,)| hash))
}

/// `GET /api/hello`: the server's version and whether a teacher's password is set.
pub async fn hello(State(state): State<AppState>) -> ApiResult<Response> {
    let teacher = password_hash(&state).await?.is_some();
    Ok(axum::Json(json!({ "server": "sprout", "version": env!("CARGO_PKG_VERSION"), "teacher": teacher }))
        .into_response())
}

/// `POST /api/teacher/setup {password}`: sets the first password and signs the teacher in.
pub async fn setup(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Json(body): Json<PasswordBody>,
) -> ApiResult<Response> {
    // A student on the LAN must not claim the server before the teacher does.
    if !peer.ip().is_loopback() {
        return Err(ApiError::new(StatusCode::FORBIDDEN, "setup-loopback-only"));
    }
    let length = body.password.chars().count();
    if !(MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS).contains(&length) {
        return Err(ApiError::invalid("password", format!("{MIN_PASSWORD_CHARS}–{MAX_PASSWORD_CHARS} characters")));
    }
    if password_hash(&state).await?.is_some() {
        return Err(ApiError::new(StatusCode::CONFLICT, "already-set-up"));
    }
    let hash = tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        Argon2::default().hash_password(body.password.as_bytes(), &salt).map(|hash| hash.to_string())
    })
    .await
    .map_err(ApiError::internal)?
    .map_err(ApiError::internal)?;
    // The row's fixed id makes a second, concurrent setup fail instead of adding a second password.
    let inserted = sqlx::query("INSERT INTO teacher (id, password_hash, created_at) VALUES (1, $1, $2)")
        .bind(hash)
        .bind(now_ms())
        .execute(&state.db.pool)
        .await;
    if inserted.is_err() {
        return Err(ApiError::new(StatusCode::CONFLICT, "already-set-up"));
    }
    signed_in(&state).await
}

async fn signed_in(state: &AppState) -> ApiResult<Response> {
    let token = auth::create_session(state, None).await?;
    let mut response = axum::Json(json!({ "teacher": true })).into_response();
    response.headers_mut().insert(header::SET_COOKIE, auth::session_cookie(TEACHER_COOKIE, &token));
    Ok(response)
}

/// `POST /api/teacher/login {password}`.
pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Json(body): Json<PasswordBody>,
) -> ApiResult<Response> {
    let key = auth::peer_key("teacher", peer.ip());
    state.limiter.check(&key, TEACHER_LIMIT)?;
    let Some(stored) = password_hash(&state).await? else {
        return Err(ApiError::new(StatusCode::CONFLICT, "no-teacher"));
    };
    if body.password.chars().count() > MAX_PASSWORD_CHARS {
        state.limiter.fail(&key, TEACHER_LIMIT);
        return Err(ApiError::new(StatusCode::UNAUTHORIZED, "wrong-password"));
    }
    let right = tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored)
            .map(|hash| Argon2::default().verify_password(body.password.as_bytes(), &hash).is_ok())
            .unwrap_or(false)
    })
    .await
    .map_err(ApiError::internal)?;
    if !right {
        state.limiter.fail(&key, TEACHER_LIMIT);
        return Err(ApiError::new(StatusCode::UNAUTHORIZED, "wrong-password"));
    }
    state.limiter.succeed(&key);
    signed_in(&state).await
}

/// `POST /api/teacher/logout`: ends the teacher's session (fine without one).
pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<Response> {
    auth::end_session(&state, &headers, TEACHER_COOKIE).await?;
    let mut response = axum::Json(json!({ "teacher": false })).into_response();
    response.headers_mut().insert(header::SET_COOKIE, auth::cleared_cookie(TEACHER_COOKIE));
    Ok(response)
}
