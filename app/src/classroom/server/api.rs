//! The classroom server's API as the teacher's pages call it (docs/server-api.md): one `fetch` per
//! call, in the page's language (`Accept-Language`, so that a refusal's `message` is in the words
//! the teacher reads), with the session cookie the server set (same origin). A refusal comes back
//! as the server's code and translated sentence; a server that cannot be reached, or a page not
//! served by a Sprout server (a static host, the USB page), as [`Failure::unreachable`].

use serde_json::Value;
use sprout_runtime::messages::Language;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{RequestInit, Response};

use crate::classroom::i18n::{class_tr, ClassText};

/// A call the server refused, or that never reached it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The HTTP status; 0 when there was no answer from a Sprout server.
    pub status: u16,
    /// The server's error code (`wrong-password`, …); empty when there was none.
    pub code: String,
    /// What to tell the teacher: the server's own translated sentence, or ours.
    pub message: String,
}

impl Failure {
    /// No answer, or not a Sprout server's.
    fn unreachable(language: Language) -> Failure {
        Failure {
            status: 0,
            code: String::new(),
            message: class_tr(language, ClassText::ServerUnreachable).to_string(),
        }
    }

    /// Whether the teacher must sign in (again) before this works.
    pub fn needs_sign_in(&self) -> bool {
        self.status == 401 && self.code == "not-signed-in"
    }
}

/// What a call sends.
pub enum Body {
    /// Nothing (GET, DELETE and bodiless POSTs).
    Empty,
    /// A JSON value.
    Json(Value),
    /// Bytes as they are (a roster pasted or picked from a file: the server decodes UTF-8 or GBK).
    Bytes(Vec<u8>),
}

/// Calls `method path` with `body`: the reply's JSON, or why there is none.
pub async fn call(language: Language, method: &str, path: &str, body: Body) -> Result<Value, Failure> {
    let unreachable = || Failure::unreachable(language);
    let window = web_sys::window().ok_or_else(unreachable)?;
    let init = RequestInit::new();
    init.set_method(method);
    let headers = js_sys::Object::new();
    let set = |name: &str, value: &str| js_sys::Reflect::set(&headers, &name.into(), &value.into()).is_ok();
    set("Accept-Language", language.tag());
    match body {
        Body::Empty => {}
        Body::Json(value) => {
            set("Content-Type", "application/json");
            init.set_body(&JsValue::from_str(&value.to_string()));
        }
        Body::Bytes(bytes) => {
            set("Content-Type", "text/plain");
            init.set_body(&js_sys::Uint8Array::from(bytes.as_slice()));
        }
    }
    init.set_headers(&headers);
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(path, &init))
        .await
        .ok()
        .and_then(|response| response.dyn_into().ok())
        .ok_or_else(unreachable)?;
    let status = response.status();
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise).await.ok().and_then(|text| text.as_string()).unwrap_or_default(),
        Err(_) => String::new(),
    };
    // A static host answers `/api/…` with its page or a 404 of HTML: not JSON, so not a Sprout server.
    let value: Value = serde_json::from_str(&text).map_err(|_| unreachable())?;
    if response.ok() {
        return Ok(value);
    }
    Err(match (value["error"].as_str(), value["message"].as_str()) {
        (Some(code), Some(message)) => Failure { status, code: code.to_string(), message: message.to_string() },
        _ => unreachable(),
    })
}

/// A server time (milliseconds since 1970) in the teacher's time zone: `12月7日 09:30:05`.
pub fn local_time(language: Language, at_ms: f64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(at_ms));
    let options = js_sys::Object::new();
    for (key, value) in
        [("month", "short"), ("day", "numeric"), ("hour", "2-digit"), ("minute", "2-digit"), ("second", "2-digit")]
    {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    let _ = js_sys::Reflect::set(&options, &"hour12".into(), &false.into());
    date.to_locale_string(language.tag(), &options).into()
}
