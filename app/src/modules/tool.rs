//! A place on the page for a tool of a lazily loaded module: the AI module's drawing pad, model lab,
//! or both (the AI lab page, issue #5), or the classroom module's class dashboard or lesson editor
//! (issue #6). The
//! tools are Yew components compiled into those modules, so that the first screen carries neither
//! them nor tract: this component loads the module (saying so while it downloads), mounts the tool
//! into its container through the module's `mount_tool` (AI) or `mount_classroom` export, passes
//! language changes on, and unmounts it when it leaves the page.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use sprout_runtime::messages::Language;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::course::units;
use crate::i18n::{tr, Text};
use crate::modules::{self, LazyModule};

/// Which tool to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    /// The drawing pad with the digits model's live answer.
    DigitPad,
    /// The model lab: classes, examples, training, testing.
    ModelLab,
    /// The AI lab page: the drawing pad and the model lab.
    Lab,
    /// The class dashboard (学情分析), in the classroom module.
    Dashboard,
    /// The lesson editor (写课程), in the classroom module.
    Author,
}

impl Tool {
    /// The name `mount_tool` takes (the lesson format's `tool` names, and `lab`).
    pub fn name(self) -> &'static str {
        match self {
            Tool::DigitPad => "digit_pad",
            Tool::ModelLab => "model_lab",
            Tool::Lab => "lab",
            Tool::Dashboard => "dashboard",
            Tool::Author => "author",
        }
    }

    /// Whether the tool is the AI module's (else the classroom module's).
    pub fn is_ai(self) -> bool {
        matches!(self, Tool::DigitPad | Tool::ModelLab | Tool::Lab)
    }

    /// The module the tool is in: for the AI tools, the build of the AI module this browser runs
    /// ([`modules::ai_module`]).
    pub fn module(self) -> LazyModule {
        if self.is_ai() {
            modules::ai_module()
        } else {
            LazyModule::Classroom
        }
    }

    /// The tool named `name`; `None` for a name this app does not know.
    pub fn from_name(name: &str) -> Option<Tool> {
        [Tool::DigitPad, Tool::ModelLab, Tool::Lab, Tool::Dashboard, Tool::Author]
            .into_iter()
            .find(|tool| tool.name() == name)
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

/// Props of [`LazyTool`].
#[derive(Properties, PartialEq)]
pub struct LazyToolProps {
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

/// A promise of what the mount function gets besides the container, the tool's name and the
/// language: the class dashboard reads result files against the course and names their tests,
/// and only the first screen's module embeds the course, so the classroom tools get its index and
/// its units' files ([`units::course_files`]); the AI tools need nothing.
fn context(tool: Tool) -> js_sys::Promise {
    if tool.is_ai() {
        js_sys::Promise::resolve(&JsValue::UNDEFINED)
    } else {
        units::course_files()
    }
}

/// The tool, mounted into a container once its module has loaded.
#[component]
pub fn LazyTool(props: &LazyToolProps) -> Html {
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
                // The module's exports and the tool's context, once both are there.
                Closure::<dyn FnMut(JsValue)>::once(move |loaded: JsValue| {
                    let loaded = js_sys::Array::from(&loaded);
                    let (exports, context) = (loaded.get(0), loaded.get(1));
                    let Some(element) = container.cast::<web_sys::Element>().filter(|_| alive.get()) else { return };
                    let export = if tool.is_ai() { "mount_tool" } else { "mount_classroom" };
                    let mount = js_sys::Reflect::get(&exports, &export.into())
                        .ok()
                        .and_then(|function| function.dyn_into::<js_sys::Function>().ok());
                    let mounted = mount.and_then(|mount| {
                        let language = JsValue::from(language.borrow().tag());
                        let arguments = [element.into(), tool.name().into(), language, context];
                        mount.apply(&exports, &arguments.iter().collect()).ok()
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
            match modules::load(tool.module()) {
                Ok(promise) => {
                    let _ = js_sys::Promise::all(&js_sys::Array::of2(&promise, &context(tool))).then2(&mount, &failed);
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
                call(handle, "set_language", &[language.tag().into()]);
            }
        });
    }
    let language = props.language;
    let [label, loading_words, failed_words] = if props.tool.is_ai() {
        [Text::AiToolLabel, Text::AiLoading, Text::AiLoadFailed]
    } else {
        [Text::ClassroomLabel, Text::ClassroomLoading, Text::ClassroomLoadFailed]
    };
    html! {
        <section class="ai-tool" aria-label={tr(language, label)}>
            { match *loading {
                Mount::Loading => html! { <p class="ai-loading" role="status">{ tr(language, loading_words) }</p> },
                Mount::Failed => html! { <p class="ai-failed" role="alert">{ tr(language, failed_words) }</p> },
                Mount::Mounted => Html::default(),
            } }
            <div class="ai-tool-root" ref={container}></div>
        </section>
    }
}
