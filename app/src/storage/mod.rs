//! Keeps the student's progress in the browser's `localStorage`, and hands files to the student
//! (downloads) and from them (file picker).
//!
//! Storage can fail: blocked by the browser's settings, full, or holding damaged data. Every
//! failure is reported as a [`StorageProblem`] that the app shows as a warning; the progress stays
//! in memory and can still be backed up to a file, so no work is lost.

pub mod export;
pub mod progress;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Storage, Url};

use sprout_lessons::Pack;

use crate::course::{is_embedded, read_pack_file};
use crate::storage::progress::Progress;

/// The `localStorage` key of the progress in the app's own course.
pub const PROGRESS_KEY: &str = "sprout.progress.v1";
/// The `localStorage` key of the teacher's course or contest the student has open (its pack
/// file's text), so that a reload returns to it.
pub const OPEN_PACK_KEY: &str = "sprout.pack.v1";
/// Where damaged progress is moved, so that it can still be rescued by hand.
pub const DAMAGED_KEY: &str = "sprout.progress.damaged";
/// The `localStorage` key of the model the student trained in the model lab (JSON of the
/// runtime's `LabModel`, written by the AI module's lab), which scripts get as `my_model()`.
pub const LAB_MODEL_KEY: &str = "sprout.lab-model.v1";

/// What went wrong with browser storage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageProblem {
    /// The browser does not let the page store anything (private mode, settings, file:// rules).
    Unavailable,
    /// The storage is full.
    Full,
    /// The stored progress was damaged; it was set aside and the app started afresh.
    Damaged,
}

fn storage() -> Result<Storage, StorageProblem> {
    web_sys::window().and_then(|window| window.local_storage().ok().flatten()).ok_or(StorageProblem::Unavailable)
}

/// The `localStorage` key of the progress in `pack`: the app's own course has one, and each pack a
/// student opened its own, by its content hash, so that work in one never mixes with another.
pub fn progress_key(pack: &Pack) -> String {
    if is_embedded(pack) {
        PROGRESS_KEY.to_string()
    } else {
        format!("sprout.progress.{}", pack.content_hash)
    }
}

/// Reads the progress stored under `key`; `Ok(None)` when there is none yet.
pub fn load(key: &str) -> Result<Option<Progress>, StorageProblem> {
    let storage = storage()?;
    let Some(text) = storage.get_item(key).map_err(|_| StorageProblem::Unavailable)? else {
        return Ok(None);
    };
    match Progress::from_file(&text) {
        Ok(progress) => Ok(Some(progress)),
        Err(_) => {
            let _ = storage.set_item(DAMAGED_KEY, &text);
            let _ = storage.remove_item(key);
            Err(StorageProblem::Damaged)
        }
    }
}

/// The pack the student had open, if its stored file still reads.
pub fn stored_pack() -> Option<Pack> {
    let text = storage().ok()?.get_item(OPEN_PACK_KEY).ok().flatten()?;
    read_pack_file(&text).ok()
}

/// Keeps the text of the pack file the student opened (`None`: the student went back to the
/// app's own course).
pub fn keep_pack(text: Option<&str>) -> Result<(), StorageProblem> {
    let storage = storage()?;
    match text {
        Some(text) => storage.set_item(OPEN_PACK_KEY, text).map_err(|error| write_problem(&error)),
        None => storage.remove_item(OPEN_PACK_KEY).map_err(|_| StorageProblem::Unavailable),
    }
}

/// What a failed write means: storage full, or not allowed.
fn write_problem(error: &JsValue) -> StorageProblem {
    // Browsers name the error QuotaExceededError (Firefox: NS_ERROR_DOM_QUOTA_REACHED).
    let name = error.dyn_ref::<js_sys::Error>().map(|error| String::from(error.name())).unwrap_or_default();
    if name.contains("Quota") || name.contains("QUOTA") {
        StorageProblem::Full
    } else {
        StorageProblem::Unavailable
    }
}

/// The stored lab model's text (JSON of the runtime's `LabModel`), if there is one.
pub fn lab_model() -> Option<String> {
    stored_text(LAB_MODEL_KEY)
}

/// The text stored under `key`, if there is one.
pub fn stored_text(key: &str) -> Option<String> {
    storage().ok()?.get_item(key).ok().flatten()
}

/// Stores `text` under `key`.
pub fn store_text(key: &str, text: &str) -> Result<(), StorageProblem> {
    storage()?.set_item(key, text).map_err(|error| write_problem(&error))
}

/// Stores `progress` under `key`.
pub fn save(key: &str, progress: &Progress, now: &str) -> Result<(), StorageProblem> {
    storage()?.set_item(key, &progress.to_file(now)).map_err(|error| write_problem(&error))
}

/// The current time as RFC 3339 (UTC), from the browser's clock.
pub fn now() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Offers `bytes` to the student as a download named `file_name`.
pub fn download(file_name: &str, mime_type: &str, bytes: &[u8]) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(mime_type);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window().and_then(|window| window.document()).ok_or("no document")?;
    let link: HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.set_hidden(true);
    document.body().ok_or("no body")?.append_child(&link)?;
    link.click();
    link.remove();
    // The download has started from the link; the URL may go once the browser has read it.
    let revoke = Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    web_sys::window()
        .ok_or("no window")?
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000)?;
    Ok(())
}

/// A file name part made of the student's name (or `fallback`) without characters that file
/// systems refuse.
pub fn file_name_part(name: &str, fallback: &str) -> String {
    let cleaned: String = name
        .trim()
        .chars()
        .filter(|character| !r#"\/:*?"<>|"#.contains(*character) && !character.is_control())
        .take(40)
        .collect();
    if cleaned.is_empty() {
        fallback.to_string()
    } else {
        cleaned
    }
}
/// Reads the text of a file the student picked, then calls `on_text` with it (a file that cannot
/// be read gives an empty text, which every reader refuses with its own message).
pub fn read_text(file: &web_sys::File, on_text: impl FnOnce(String) + 'static) {
    let on_text =
        Closure::<dyn FnMut(JsValue)>::once(move |text: JsValue| on_text(text.as_string().unwrap_or_default()));
    let _ = file.text().then(&on_text);
    // The promise calls the closure once, later; it must outlive this handler.
    on_text.forget();
}
