//! "Export this work": one ZIP file with a lesson's code, a PNG of the stage and the student's
//! result file, ready to hand in to a contest (issue #4), and the model the student trained in the
//! model lab, when there is one (issue #5).
//!
//! [`work_archive`] assembles the archive from plain data (tested natively); [`export_work`]
//! gathers that data from the page (the stage's picture, the browser's clock) and downloads it.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, Document, HtmlCanvasElement};

use crate::storage;
use sprout_lessons::zip::{self, DosDateTime, ZipError};

/// The name of the stage's picture in the archive.
pub const STAGE_FILE: &str = "stage.png";
/// The name of the result file in the archive.
pub const RESULT_FILE: &str = "result.json";
/// The name of the lab model in the archive.
pub const MODEL_FILE: &str = "model.json";

/// The archive's file name: `<lesson-id>-<student name>.zip`.
pub fn archive_name(lesson_id: &str, student_name: &str) -> String {
    format!("{lesson_id}-{}.zip", storage::file_name_part(student_name, "student"))
}

/// What goes into the archive besides the code.
pub struct WorkFiles<'a> {
    /// The stage's picture, PNG.
    pub stage_png: &'a [u8],
    /// The result file.
    pub result_json: &'a str,
    /// The lab model as stored, if the student trained one.
    pub model_json: Option<&'a str>,
}

/// The archive: `<lesson-id>.rhai` with `code`, [`STAGE_FILE`], [`RESULT_FILE`] and, with a lab
/// model, [`MODEL_FILE`].
pub fn work_archive(
    lesson_id: &str,
    code: &str,
    files: &WorkFiles,
    modified: DosDateTime,
) -> Result<Vec<u8>, ZipError> {
    let code_file = format!("{lesson_id}.rhai");
    let mut entries = vec![
        (code_file.as_str(), code.as_bytes()),
        (STAGE_FILE, files.stage_png),
        (RESULT_FILE, files.result_json.as_bytes()),
    ];
    if let Some(model) = files.model_json {
        entries.push((MODEL_FILE, model.as_bytes()));
    }
    zip::write(&entries, modified)
}

/// A canvas of the turtle canvas's size, white.
fn blank_canvas(document: &Document) -> Result<(HtmlCanvasElement, CanvasRenderingContext2d), JsValue> {
    let canvas: HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
    canvas.set_width(400);
    canvas.set_height(400);
    let context: CanvasRenderingContext2d = canvas.get_context("2d")?.ok_or("no 2d context")?.dyn_into()?;
    context.set_fill_style_str("#ffffff");
    context.fill_rect(0.0, 0.0, 400.0, 400.0);
    Ok((canvas, context))
}

/// The maker board's LEDs as shown now (each `.led` carries its brightness 0–9), drawn as a 5×5
/// grid of red lights, since the board itself is not a canvas.
fn draw_leds(context: &CanvasRenderingContext2d, leds: &web_sys::NodeList) -> Result<(), JsValue> {
    const CELL: f64 = 400.0 / 5.0;
    for index in 0..leds.length().min(25) {
        let Some(led) = leds.item(index).and_then(|node| node.dyn_into::<web_sys::Element>().ok()) else {
            continue;
        };
        let brightness =
            led.get_attribute("data-brightness").and_then(|value| value.parse::<f64>().ok()).unwrap_or(0.0);
        let (row, column) = (f64::from(index / 5), f64::from(index % 5));
        context.set_fill_style_str(&format!("rgba(211, 47, 47, {:.2})", 0.12 + 0.88 * brightness / 9.0));
        context.begin_path();
        context.arc((column + 0.5) * CELL, (row + 0.5) * CELL, CELL * 0.35, 0.0, std::f64::consts::TAU)?;
        context.fill();
    }
    Ok(())
}

/// The stage's picture as PNG bytes: its first canvas (the turtle's, else the first chart), else
/// the maker board's LEDs, else a white picture.
fn stage_png() -> Result<Vec<u8>, JsValue> {
    let document = web_sys::window().and_then(|window| window.document()).ok_or("no document")?;
    let canvas: HtmlCanvasElement = match document.query_selector(".stage canvas")? {
        Some(element) => element.dyn_into()?,
        None => {
            let (canvas, context) = blank_canvas(&document)?;
            draw_leds(&context, &document.query_selector_all(".stage .leds .led")?)?;
            canvas
        }
    };
    let url = canvas.to_data_url()?;
    let base64 = url.split_once(',').map_or("", |(_, data)| data);
    let binary = web_sys::window().ok_or("no window")?.atob(base64)?;
    // `atob` gives one character per byte, each below U+0100, so the casts keep every bit.
    Ok(binary.chars().map(|character| character as u8).collect())
}

/// The browser's local time (what unzip tools show) in DOS form.
fn local_time() -> DosDateTime {
    let date = js_sys::Date::new_0();
    DosDateTime::new(
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes(),
        date.get_seconds(),
    )
}

/// Downloads the archive of `lesson_id` with `code`, the stage as drawn now, `result_json` and the
/// stored lab model.
pub fn export_work(lesson_id: &str, student_name: &str, code: &str, result_json: &str) -> Result<(), JsValue> {
    let (stage_png, model_json) = (stage_png()?, storage::lab_model());
    let files = WorkFiles { stage_png: &stage_png, result_json, model_json: model_json.as_deref() };
    let archive =
        work_archive(lesson_id, code, &files, local_time()).map_err(|error| JsValue::from_str(&error.to_string()))?;
    storage::download(&archive_name(lesson_id, student_name), "application/zip", &archive)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archive_is_named_after_the_lesson_and_the_student() {
        assert_eq!(archive_name("turtle-square", "王小明"), "turtle-square-王小明.zip");
        assert_eq!(archive_name("hello", " a/b "), "hello-ab.zip");
        assert_eq!(archive_name("hello", ""), "hello-student.zip");
    }

    #[test]
    fn archive_holds_code_stage_and_result_in_order() {
        let modified = DosDateTime::new(2026, 11, 23, 9, 30, 0);
        let files = WorkFiles { stage_png: b"\x89PNG", result_json: "{}", model_json: None };
        let archive = work_archive("hello", "print(1);\n", &files, modified).unwrap();
        let expected =
            zip::write(&[("hello.rhai", b"print(1);\n"), ("stage.png", b"\x89PNG"), ("result.json", b"{}")], modified)
                .unwrap();
        assert_eq!(archive, expected);
        let files = WorkFiles { model_json: Some("{\"version\":1}"), ..files };
        let archive = work_archive("hello", "print(1);\n", &files, modified).unwrap();
        let with_model: [(&str, &[u8]); 4] = [
            ("hello.rhai", b"print(1);\n"),
            ("stage.png", b"\x89PNG"),
            ("result.json", b"{}"),
            ("model.json", b"{\"version\":1}"),
        ];
        assert_eq!(archive, zip::write(&with_model, modified).unwrap());
    }
}
