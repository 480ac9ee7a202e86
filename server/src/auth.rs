//! Who is asking: sessions, cookies and sign-in limits.
//!
//! A session is a random 32-byte token in an `HttpOnly; SameSite=Strict` cookie (one for the
//! teacher, one for a student, so that a teacher trying the student pages in one browser keeps
//! both); the database keeps only its SHA-256, so a copy of the database signs nobody in, and
//! sessions survive a restart. The extractors [`Teacher`] and [`SignedInStudent`] refuse a request
//! without a valid session (401) or with the other kind only (403). [`Limiter`] counts wrong
//! passwords and PINs per key (a student, a peer address) and refuses further tries for a while.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use rand::RngCore;

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::time::now_ms;

/// The teacher's session cookie.
pub const TEACHER_COOKIE: &str = "sprout_teacher";
/// A student's session cookie.
pub const STUDENT_COOKIE: &str = "sprout_student";
/// How long a session lasts: a school term's week (students sign in again after it).
pub const SESSION_MS: i64 = 7 * 24 * 60 * 60 * 1000;

/// A new random session token (64 hex digits).
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// What the database keeps of a token.
pub fn token_hash(token: &str) -> String {
    sprout_lessons::sha256(token.as_bytes())
}

/// The `Set-Cookie` value that gives the browser `token` under `name`.
pub fn session_cookie(name: &str, token: &str) -> HeaderValue {
    let max_age = SESSION_MS / 1000;
    HeaderValue::from_str(&format!("{name}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age={max_age}"))
        .unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The `Set-Cookie` value that makes the browser forget cookie `name`.
pub fn cleared_cookie(name: &str) -> HeaderValue {
    HeaderValue::from_str(&format!("{name}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0"))
        .unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The value of cookie `name` in the request's `Cookie` headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// Stores a new session (`student` is `None` for the teacher) and returns its token.
pub async fn create_session(state: &AppState, student: Option<i64>) -> ApiResult<String> {
    let token = new_token();
    let now = now_ms();
    // Expired sessions go as new ones come, so the table holds only live ones.
    sqlx::query("DELETE FROM sessions WHERE expires_at <= $1").bind(now).execute(&state.db.pool).await?;
    sqlx::query("INSERT INTO sessions (token_hash, student_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(token_hash(&token))
        .bind(student)
        .bind(now)
        .bind(now.saturating_add(SESSION_MS))
        .execute(&state.db.pool)
        .await?;
    Ok(token)
}

/// Ends the session whose token is in cookie `name`, if any.
pub async fn end_session(state: &AppState, headers: &HeaderMap, name: &str) -> ApiResult<()> {
    if let Some(token) = cookie(headers, name) {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash(token))
            .execute(&state.db.pool)
            .await?;
    }
    Ok(())
}

/// The session of `token`: `Some(student)` if valid (`student` is `None` for the teacher).
async fn session(state: &AppState, token: &str) -> ApiResult<Option<Option<i64>>> {
    let row: Option<(Option<i64>,)> =
        sqlx::query_as("SELECT student_id FROM sessions WHERE token_hash = $1 AND expires_at > $2")
            .bind(token_hash(token))
            .bind(now_ms())
            .fetch_optional(&state.db.pool)
            .await?;
    Ok(row.map(|(student,)| student))
}

/// The teacher, signed in.
#[derive(Clone, Copy, Debug)]
pub struct Teacher;

impl FromRequestParts<AppState> for Teacher {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        if let Some(token) = cookie(&parts.headers, TEACHER_COOKIE) {
            if let Some(None) = session(state, token).await? {
                return Ok(Teacher);
            }
        }
        if cookie(&parts.headers, STUDENT_COOKIE).is_some() {
            return Err(ApiError::new(StatusCode::FORBIDDEN, "teacher-only"));
        }
        Err(ApiError::not_signed_in())
    }
}

/// A student, signed in and still in their class.
#[derive(Clone, Debug)]
pub struct SignedInStudent {
    /// Their id.
    pub id: i64,
    /// Their class.
    pub class_id: i64,
    /// Their name.
    pub name: String,
    /// Their student number.
    pub number: String,
}

impl FromRequestParts<AppState> for SignedInStudent {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let Some(token) = cookie(&parts.headers, STUDENT_COOKIE) else { return Err(ApiError::not_signed_in()) };
        let Some(Some(student)) = session(state, token).await? else { return Err(ApiError::not_signed_in()) };
        let row: Option<(i64, String, String, Option<i64>)> =
            sqlx::query_as("SELECT class_id, name, number, removed_at FROM students WHERE id = $1")
                .bind(student)
                .fetch_optional(&state.db.pool)
                .await?;
        match row {
            Some((class_id, name, number, None)) => Ok(SignedInStudent { id: student, class_id, name, number }),
            Some((_, _, _, Some(_))) => Err(ApiError::new(StatusCode::FORBIDDEN, "student-removed")),
            None => Err(ApiError::not_signed_in()),
        }
    }
}

/// How many tries a key has in a window of time before it must wait for the window's end.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    /// Tries allowed in one window.
    pub tries: u32,
    /// The window, counted from the first try in it.
    pub window: Duration,
}

/// Five wrong PINs for one student, then the rest of a minute's wait.
pub const STUDENT_LIMIT: Limit = Limit { tries: 5, window: Duration::from_secs(60) };
/// Twenty wrong PINs from one computer (trying many students), then the rest of a minute's wait.
pub const PEER_LIMIT: Limit = Limit { tries: 20, window: Duration::from_secs(60) };
/// Five wrong teacher passwords from one computer, then the rest of a minute's wait.
pub const TEACHER_LIMIT: Limit = Limit { tries: 5, window: Duration::from_secs(60) };
/// A student's saves, checks and events: 120 a minute, four times what autosaving every two
/// seconds needs, so that a script in the browser cannot fill the teacher's disk.
pub const WRITE_LIMIT: Limit = Limit { tries: 120, window: Duration::from_secs(60) };

/// The most keys remembered; beyond it, expired ones are forgotten first (a flood of addresses
/// cannot grow the table without bound).
const MAX_KEYS: usize = 10_000;

/// Tries per key in fixed windows (in memory: a restart forgets them, which costs an attacker a
/// restart of the teacher's PC).
#[derive(Debug, Default)]
pub struct Limiter {
    tries: Mutex<HashMap<String, (u32, Instant)>>,
}

impl Limiter {
    /// Refuses with 429 if `key` has used its tries in the current window.
    pub fn check(&self, key: &str, limit: Limit) -> ApiResult<()> {
        let tries = self.tries.lock().map_err(ApiError::internal)?;
        if let Some((count, started)) = tries.get(key) {
            let elapsed = started.elapsed();
            if *count >= limit.tries && elapsed < limit.window {
                let wait = limit.window.saturating_sub(elapsed).as_secs().max(1);
                return Err(ApiError::too_many_attempts(wait));
            }
        }
        Ok(())
    }

    /// Counts a try of `key` (a wrong password or PIN, a write).
    pub fn fail(&self, key: &str, limit: Limit) {
        let Ok(mut tries) = self.tries.lock() else { return };
        if tries.len() >= MAX_KEYS {
            tries.retain(|_, (_, started)| started.elapsed() < limit.window);
        }
        if tries.len() >= MAX_KEYS && !tries.contains_key(key) {
            return;
        }
        let entry = tries.entry(key.to_string()).or_insert((0, Instant::now()));
        if entry.1.elapsed() >= limit.window {
            *entry = (0, Instant::now());
        }
        entry.0 = entry.0.saturating_add(1);
    }

    /// Checks and counts a try of `key`: for actions limited however they turn out.
    pub fn spend(&self, key: &str, limit: Limit) -> ApiResult<()> {
        self.check(key, limit)?;
        self.fail(key, limit);
        Ok(())
    }

    /// Forgets `key`'s tries (after a right password or PIN).
    pub fn succeed(&self, key: &str) {
        if let Ok(mut tries) = self.tries.lock() {
            tries.remove(key);
        }
    }
}

/// The limiter's key for a peer address.
pub fn peer_key(kind: &str, address: IpAddr) -> String {
    format!("{kind}:{address}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_waits_for_its_windows_end_once_over_and_others_do_not() {
        let limiter = Limiter::default();
        let limit = Limit { tries: 3, window: Duration::from_secs(60) };
        for _ in 0..3 {
            assert_eq!(limiter.spend("a", limit), Ok(()));
        }
        let refused = limiter.spend("a", limit).expect_err("over the limit");
        assert_eq!(
            (refused.code, refused.retry_after.is_some_and(|seconds| seconds <= 60)),
            ("too-many-attempts", true)
        );
        assert_eq!(limiter.check("b", limit), Ok(()));
        limiter.succeed("a");
        assert_eq!(limiter.check("a", limit), Ok(()));
        // A window that has passed starts again.
        let short = Limit { tries: 1, window: Duration::ZERO };
        limiter.fail("c", short);
        assert_eq!(limiter.check("c", short), Ok(()));
    }

    #[test]
    fn cookies_are_found_by_name_among_others() {
        let cases = [
            (vec!["a=1; sprout_student=xyz; b=2"], Some("xyz")),
            (vec!["a=1", "sprout_student=abc"], Some("abc")),
            (vec!["sprout_student_x=1"], None),
            (vec![], None),
        ];
        for (headers, expected) in cases {
            let mut map = HeaderMap::new();
            for value in &headers {
                map.append(header::COOKIE, HeaderValue::from_str(value).expect("a value"));
            }
            assert_eq!(cookie(&map, STUDENT_COOKIE), expected, "{headers:?}");
        }
    }
}
