//! A place on the page for one of the AI module's tools (issue #5): the drawing pad, the model lab,
//! or both (the AI lab page). The tools are Yew components compiled into the AI module, so that
//! the first screen carries neither them nor tract: this component loads the module (saying so
//! while it downloads), mounts the tool into its container through the module's `mount_tool`
//! export, passes language changes on, and unmounts it when it leaves the page.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use sprout_runtime::messages::Language;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::ai_loader;
use crate::i18n::{tr, Text};

/// Which tool to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    /// The drawing pad with the digits model's live answer.
    DigitPad,
    /// The model lab: classes, examples, training, testing.
    ModelLab,
    /// The AI lab page: the drawing pad and the model lab.
    Lab,
}

impl Tool {
    /// The name `mount_tool` takes (the lesson format's `tool` names, and `lab`).
    pub fn name(self) -> &'static str {
        match self {
            Tool::DigitPad => "digit_pad",
            Tool::ModelLab => "model_lab",
            Tool::Lab => "lab",
        }
    }

    /// The tool named `name`; `None` for a name this app does not know.
    pub fn from_name(name: &str) -> Option<Tool> {
        [Tool::DigitPad, Tool::ModelLab, Tool::Lab].into_iter().find(|tool| tool.name() == name)
    }
}

impl From<sprout_lessons::Tool> for Tool {
    fn from(tool: sprout_lessons::Tool) -> Tool {
        match tool {
            sprout_lessons::Tool::DigitPad => Tool::DigitPad,
            sprout_lessons::Tool::ModelLab => Tool::ModelLab,
        }
    }
}

/// The language tag the AI module's `mount_tool` and `set_language` take.
pub fn language_tag(language: Language) -> &'static str {
    match language {
        Language::ZhCn => "zh-CN",
        Language::En => "en",
    }
}

/// Props of [`AiTool`].
#[derive(Properties, PartialEq)]
pub struct AiToolProps {
    /// The tool.
    pub tool: Tool,
    /// The interface language.
    pub language: Language,
}

/// Where the module stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mount {
    Loading,
    Mounted,
    Failed,
}

/// Calls `handle.<method>(argument)` on the mounted tool's handle, ignoring a handle without it.
fn call(handle: &JsValue, method: &str, arguments: &[JsValue]) {
    let Ok(function) = js_sys::Reflect::get(handle, &method.into()) else { return };
    let Some(function) = function.dyn_ref::<js_sys::Function>() else { return };
    let _ = function.apply(handle, &arguments.iter().collect());
}

/// The tool, mounted into a container once the AI module has loaded.
#[component]
pub fn AiTool(props: &AiToolProps) -> Html {
    let container = use_node_ref();
    let loading = use_state(|| Mount::Loading);
    let handle: Rc<RefCell<Option<JsValue>>> = use_mut_ref(|| None);
    let language = use_mut_ref(|| props.language);
    *language.borrow_mut() = props.language;
    {
        let (container, loading, handle, language) =
            (container.clone(), loading.clone(), handle.clone(), language.clone());
        use_effect_with(props.tool, move |&tool| {
            let alive = Rc::new(Cell::new(true));
            let mount = {
                let (alive, handle, loading) = (alive.clone(), handle.clone(), loading.clone());
                Closure::<dyn FnMut(JsValue)>::once(move |exports: JsValue| {
                    let Some(element) = container.cast::<web_sys::Element>().filter(|_| alive.get()) else { return };
                    let mount = js_sys::Reflect::get(&exports, &"mount_tool".into())
                        .ok()
                        .and_then(|function| function.dyn_into::<js_sys::Function>().ok());
                    let mounted = mount.and_then(|mount| {
                        let language = language_tag(*language.borrow());
                        mount.call3(&exports, &element, &tool.name().into(), &language.into()).ok()
                    });
                    loading.set(if mounted.is_some() { Mount::Mounted } else { Mount::Failed });
                    *handle.borrow_mut() = mounted;
                })
            };
            let failed = {
                let (alive, loading) = (alive.clone(), loading.clone());
                Closure::<dyn FnMut(JsValue)>::once(move |_error: JsValue| {
                    if alive.get() {
                        loading.set(Mount::Failed);
                    }
                })
            };
            match ai_loader::load() {
                Ok(promise) => {
                    let _ = promise.then2(&mount, &failed);
                }
                Err(_) => loading.set(Mount::Failed),
            }
            // The promise calls one of them once, later, even after this tool has left the page.
            mount.forget();
            failed.forget();
            move || {
                alive.set(false);
                if let Some(handle) = handle.borrow_mut().take() {
                    call(&handle, "destroy", &[]);
                }
            }
        });
    }
    {
        let handle = handle.clone();
        use_effect_with(props.language, move |&language| {
            if let Some(handle) = &*handle.borrow() {
                call(handle, "set_language", &[language_tag(language).into()]);
            }
        });
    }
    let language = props.language;
    html! {
        <section class="ai-tool" aria-label={tr(language, Text::AiToolLabel)}>
            { match *loading {
                Mount::Loading => html! { <p class="ai-loading" role="status">{ tr(language, Text::AiLoading) }</p> },
                Mount::Failed => html! { <p class="ai-failed" role="alert">{ tr(language, Text::AiLoadFailed) }</p> },
                Mount::Mounted => Html::default(),
            } }
            <div class="ai-tool-root" ref={container}></div>
        </section>
    }
}
