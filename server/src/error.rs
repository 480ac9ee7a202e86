//! Every refusal the API makes: an [`ApiError`] is an HTTP status, a stable code and the
//! arguments of its message. The reply's body is `{"error": code, "message": words}`, the words in
//! the request's language: handlers do not know the language, so [`localize`], a layer around
//! every route, writes the body from the error it finds on the response. The same layer gives
//! refusals made outside the handlers (an unknown route, a body over its limit, a panic caught by
//! the backstop) the same shape. [`Json`] is axum's JSON extractor with its refusals as
//! [`ApiError`]s.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use crate::words::{request_language, tr_owned};

/// Every error code the API replies with, for the test that each has words in every language.
pub const CODES: [&str; 30] = [
    "bad-json",
    "unsupported-type",
    "too-large",
    "not-found",
    "method-not-allowed",
    "invalid-field",
    "not-signed-in",
    "teacher-only",
    "setup-loopback-only",
    "already-set-up",
    "no-teacher",
    "wrong-password",
    "too-many-attempts",
    "wrong-pin",
    "student-removed",
    "unknown-class",
    "unknown-student",
    "unknown-lesson",
    "unknown-pack",
    "bad-pack",
    "code-too-long",
    "roster-empty",
    "roster-too-many",
    "roster-line",
    "server-busy",
    "check-timeout",
    "internal",
    "backup-unavailable",
    "bad-request",
    "request-timeout",
];

/// A refusal: status, code (one of [`CODES`]) and the message's arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The stable code, `error-<code>` in the Fluent files.
    pub code: &'static str,
    /// The message's named values.
    pub arguments: Vec<(&'static str, String)>,
    /// Seconds until trying again is worth it (429 and 503 say it in `Retry-After`).
    pub retry_after: Option<u64>,
}

/// A handler's result.
pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    /// An error without arguments.
    pub fn new(status: StatusCode, code: &'static str) -> ApiError {
        ApiError { status, code, arguments: Vec::new(), retry_after: None }
    }

    /// Adds a named value to the message.
    pub fn with(mut self, name: &'static str, value: impl ToString) -> ApiError {
        self.arguments.push((name, value.to_string()));
        self
    }

    /// 400 `invalid-field`: `field` is wrong because of `detail`.
    pub fn invalid(field: &str, detail: impl ToString) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "invalid-field").with("field", field).with("detail", detail)
    }

    /// 401: no valid session.
    pub fn not_signed_in() -> ApiError {
        ApiError::new(StatusCode::UNAUTHORIZED, "not-signed-in")
    }

    /// 404 with `code`.
    pub fn not_found(code: &'static str) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, code)
    }

    /// 429: too many attempts, try again in `seconds`.
    pub fn too_many_attempts(seconds: u64) -> ApiError {
        let mut error = ApiError::new(StatusCode::TOO_MANY_REQUESTS, "too-many-attempts").with("seconds", seconds);
        error.retry_after = Some(seconds);
        error
    }

    /// 500: the server failed (a database error); `detail` goes to the server's log, not to
    /// the caller.
    pub fn internal(detail: impl std::fmt::Display) -> ApiError {
        eprintln!("sprout-server: {detail}");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal")
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> ApiError {
        ApiError::internal(error)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        // The body is written by `localize`, which knows the request's language; this one is what
        // a caller gets if the error ever escapes it (Chinese, the default language).
        let body = error_body(sprout_runtime::messages::Language::ZhCn, &self);
        let mut response = (self.status, axum::Json(body)).into_response();
        if let Some(seconds) = self.retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response.extensions_mut().insert(self);
        response
    }
}

fn error_body(language: sprout_runtime::messages::Language, error: &ApiError) -> serde_json::Value {
    let arguments: Vec<(&str, String)> = error.arguments.iter().map(|(name, value)| (*name, value.clone())).collect();
    serde_json::json!({
        "error": error.code,
        "message": tr_owned(language, &format!("error-{}", error.code), &arguments),
    })
}

/// The error a response made outside the handlers stands for, by its status.
fn error_of_status(status: StatusCode) -> Option<ApiError> {
    let code = match status {
        StatusCode::NOT_FOUND => "not-found",
        StatusCode::METHOD_NOT_ALLOWED => "method-not-allowed",
        StatusCode::PAYLOAD_TOO_LARGE => "too-large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported-type",
        StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY => "bad-request",
        StatusCode::INTERNAL_SERVER_ERROR => "internal",
        StatusCode::REQUEST_TIMEOUT => "request-timeout",
        _ => return None,
    };
    Some(ApiError::new(status, code))
}

/// The layer that writes every error's body in the request's language (see the top of the file).
pub async fn localize(request: Request, next: Next) -> Response {
    let language = request_language(request.headers());
    let response = next.run(request).await;
    let error = match response.extensions().get::<ApiError>() {
        Some(error) => error.clone(),
        None if response.status().is_client_error() || response.status().is_server_error() => {
            match error_of_status(response.status()) {
                Some(error) => error,
                None => return response,
            }
        }
        None => return response,
    };
    let (mut parts, _) = response.into_parts();
    parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    parts.headers.remove(header::CONTENT_LENGTH);
    let body = serde_json::to_vec(&error_body(language, &error)).unwrap_or_default();
    Response::from_parts(parts, axum::body::Body::from(body))
}

/// A JSON body: axum's extractor, whose refusals become [`ApiError`]s (`bad-json` with the
/// parser's words as detail, `unsupported-type`, `too-large`). The parser is serde_json's, which
/// refuses nesting deeper than 128; every body type is flat, so bounded JSON needs nothing more.
pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(Json(value)),
            Err(rejection) => Err(json_rejection(rejection)),
        }
    }
}

fn json_rejection(rejection: JsonRejection) -> ApiError {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => {
            ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported-type")
        }
        JsonRejection::JsonDataError(error) => {
            ApiError::new(StatusCode::BAD_REQUEST, "bad-json").with("detail", error.body_text())
        }
        JsonRejection::JsonSyntaxError(error) => {
            ApiError::new(StatusCode::BAD_REQUEST, "bad-json").with("detail", error.body_text())
        }
        other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "too-large")
        }
        other => ApiError::new(StatusCode::BAD_REQUEST, "bad-json").with("detail", other.body_text()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_code_has_words() {
        for code in CODES {
            assert!(crate::words::has(&format!("error-{code}")), "error-{code} has no words");
        }
    }
}
