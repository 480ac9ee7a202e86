//! What only the AI module has (the `ai` feature, issue #5): the AI area's backend, which the first
//! screen's script worker reaches through [`answer`]; the drawing pad and the model lab, which the
//! first screen's page mounts through [`mount_tool`] (see `crate::modules::tool`); and the tools'
//! side of the AI module's tools' worker ([`tools`]).

pub mod camera;
pub mod i18n;
pub mod lab;
pub mod pad;
pub mod tools;

use sprout_runtime::ai::LocalBackend;
use sprout_runtime::messages::Language;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::modules::mount::{Mounted, WithLanguage};
use crate::modules::tool::Tool;
use lab::ModelLab;
use pad::DigitPad;

thread_local! {
    /// The backend the script worker's engine forwards to: the classifiers its programs made live
    /// here until they drop them.
    static BACKEND: LocalBackend = LocalBackend::default();
}

/// The AI area's backend, for the script worker's engine (`sprout_runtime::ai::Forwarding`): answers
/// an encoded request (`sprout_runtime::ai::protocol`) with the encoded reply.
#[wasm_bindgen]
pub fn answer(request: &[u8]) -> Vec<u8> {
    BACKEND.with(|backend| backend.answer_bytes(request))
}

/// Props of [`ToolRoot`].
#[derive(Properties, PartialEq, Clone)]
pub struct ToolRootProps {
    /// The tool.
    pub tool: Tool,
    /// The interface language.
    pub language: Language,
}

/// The mounted tool: the pad, the lab, or both, with the language for its components.
#[component]
pub fn ToolRoot(props: &ToolRootProps) -> Html {
    html! {
        <ContextProvider<Language> context={props.language}>
            <div class="ai-tools">
                if matches!(props.tool, Tool::DigitPad | Tool::Lab) {
                    <DigitPad />
                }
                if matches!(props.tool, Tool::ModelLab | Tool::Lab) {
                    <ModelLab />
                }
            </div>
        </ContextProvider<Language>>
    }
}

impl WithLanguage for ToolRootProps {
    fn set_language(&mut self, language: Language) {
        self.language = language;
    }
}

/// A tool mounted on the page; the page calls these methods (`crate::modules::tool`).
#[wasm_bindgen]
pub struct ToolHandle(Mounted<ToolRoot>);

#[wasm_bindgen]
impl ToolHandle {
    /// Shows the tool in another language (`zh-CN` or `en`).
    pub fn set_language(&mut self, tag: &str) {
        self.0.set_language(tag);
    }

    /// Takes the tool off the page (its workers end with it).
    pub fn destroy(&mut self) {
        self.0.destroy();
    }
}

/// For the browser benchmark (scripts/bench-browser.mjs --ai): how long one inference of the
/// embedded model `name` takes on this machine, in milliseconds, `samples` times (each the average
/// of `batch` inferences on an all-zero input). The input sizes are the models' (their model.json).
#[wasm_bindgen]
pub fn time_model(name: &str, samples: u32, batch: u32) -> Result<Vec<f64>, JsValue> {
    let size = match name {
        "digits" => 28 * 28,
        "iris" => 4,
        "sentiment" => sprout_runtime::ai::TEXT_FEATURES,
        _ => return Err(JsValue::from_str(&format!("no benchmark input for {name}"))),
    };
    time(samples, batch, || {
        sprout_runtime::ai::run_embedded(name, vec![0.0; size])
            .ok_or_else(|| JsValue::from_str(&format!("no model {name}")))?
            .map(drop)
            .map_err(|error| JsValue::from_str(&error.to_string()))
    })
}

/// For the browser benchmark: how long the image feature extractor, prepared from `archive` (the
/// bytes of image_features.nnef.tar), takes for one 224×224 picture, in milliseconds, `samples`
/// times.
#[wasm_bindgen]
pub fn time_image_features(archive: &[u8], samples: u32) -> Result<Vec<f64>, JsValue> {
    let to_js = |error: sprout_runtime::ai::ModelError| JsValue::from_str(&error.to_string());
    let extractor = sprout_runtime::ai::ImageFeatures::from_bytes(archive).map_err(to_js)?;
    let side = sprout_runtime::ai::IMAGE_SIDE;
    let picture = vec![128; side * side * 4];
    time(samples, 1, || extractor.features(&picture, side, side).map(drop).map_err(to_js))
}

/// `samples` times, the milliseconds one `run` takes, each the average of `batch` runs; a first run
/// (which may prepare a model) is not timed.
fn time(samples: u32, batch: u32, mut run: impl FnMut() -> Result<(), JsValue>) -> Result<Vec<f64>, JsValue> {
    let performance = web_sys::window().and_then(|window| window.performance()).ok_or("no performance clock")?;
    run()?;
    let mut times = Vec::new();
    for _ in 0..samples {
        let start = performance.now();
        for _ in 0..batch.max(1) {
            run()?;
        }
        times.push((performance.now() - start) / f64::from(batch.max(1)));
    }
    Ok(times)
}

/// Mounts `tool` (`digit_pad`, `model_lab` or `lab`) into `container`, in `language` (`zh-CN` or
/// `en`).
#[wasm_bindgen]
pub fn mount_tool(container: web_sys::Element, tool: &str, language_tag: &str) -> Result<ToolHandle, JsValue> {
    let tool = Tool::from_name(tool).ok_or_else(|| JsValue::from_str(&format!("no tool named {tool}")))?;
    let props = ToolRootProps { tool, language: Language::from_tag(language_tag).unwrap_or_default() };
    Ok(ToolHandle(Mounted::new(container, props)?))
}
