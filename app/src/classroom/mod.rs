//! What only the classroom module has (the `classroom` feature, issue #6): the teachers' pages,
//! the class dashboard and the lesson editor, which the first screen's page mounts through
//! [`mount_classroom`] (see `crate::modules::tool`), and the lesson editor's worker ([`verify`]), which
//! runs teachers' reference solutions; the pages themselves run no programs. Served by `sprout
//! serve`, the dashboard also has the classroom server's part ([`server`]).

pub mod author;
pub mod dashboard;
pub mod i18n;
pub mod server;
pub mod verify;

use std::rc::Rc;

use sprout_lessons::Pack;
use sprout_runtime::messages::Language;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::course::units::course_from_files;
use crate::modules::mount::{Mounted, WithLanguage};
use crate::modules::tool::Tool;
use author::Author;
use dashboard::Dashboard;

/// Props of [`ClassroomRoot`].
#[derive(Properties, PartialEq, Clone)]
pub struct ClassroomRootProps {
    /// The interface language.
    pub language: Language,
    /// The course the class works from.
    pub pack: Rc<Pack>,
    /// The page: the dashboard or the lesson editor.
    pub tool: Tool,
}

/// The mounted page: the class dashboard or the lesson editor, with the language for its components.
#[component]
pub fn ClassroomRoot(props: &ClassroomRootProps) -> Html {
    let page = match props.tool {
        Tool::Author => html! { <Author /> },
        _ => html! { <Dashboard pack={props.pack.clone()} /> },
    };
    html! { <ContextProvider<Language> context={props.language}>{ page }</ContextProvider<Language>> }
}

impl WithLanguage for ClassroomRootProps {
    fn set_language(&mut self, language: Language) {
        self.language = language;
    }
}

/// A classroom tool mounted on the page; the page calls these methods (`crate::modules::tool`).
#[wasm_bindgen]
pub struct ClassroomHandle(Mounted<ClassroomRoot>);

#[wasm_bindgen]
impl ClassroomHandle {
    /// Shows the tool in another language (`zh-CN` or `en`).
    pub fn set_language(&mut self, tag: &str) {
        self.0.set_language(tag);
    }

    /// Takes the tool off the page.
    pub fn destroy(&mut self) {
        self.0.destroy();
    }
}

/// Mounts `tool` (`dashboard` or `author`) into `container`, in `language` (`zh-CN` or `en`), for the
/// first screen's embedded course: `course` is its index (JSON) and the text of each of its units'
/// files that loaded (`crate::course::units::course_files`).
#[wasm_bindgen]
pub fn mount_classroom(
    container: web_sys::Element,
    tool: &str,
    language_tag: &str,
    course: js_sys::Array,
) -> Result<ClassroomHandle, JsValue> {
    let tool = Tool::from_name(tool)
        .filter(|tool| !tool.is_ai())
        .ok_or_else(|| JsValue::from_str(&format!("the classroom module has no tool named {tool}")))?;
    let mut files = course.iter().filter_map(|file| file.as_string());
    let index = files.next().ok_or_else(|| JsValue::from_str("no course index"))?;
    let pack: Pack = course_from_files(&index, files).map_err(|error| JsValue::from_str(&error.to_string()))?;
    let props = ClassroomRootProps {
        language: Language::from_tag(language_tag).unwrap_or_default(),
        pack: Rc::new(pack),
        tool,
    };
    Ok(ClassroomHandle(Mounted::new(container, props)?))
}
