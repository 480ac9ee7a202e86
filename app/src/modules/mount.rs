//! What the lazily loaded modules (the AI module and the classroom module) need to mount their
//! tools on the first screen's page (`crate::modules::tool`): a tool mounted with its props
//! ([`Mounted`], which their handles wrap), and keeping their Yew apps apart from the page's.

use std::cell::Cell;

use sprout_runtime::messages::Language;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

/// Props that carry the interface language.
pub trait WithLanguage: Properties + Clone {
    /// The props in `language`.
    fn set_language(&mut self, language: Language);
}

/// A tool's Yew app mounted on the page, with the props it was last given.
pub struct Mounted<Root: BaseComponent>
where
    Root::Properties: WithLanguage,
{
    app: Option<yew::AppHandle<Root>>,
    props: Root::Properties,
}

impl<Root: BaseComponent> Mounted<Root>
where
    Root::Properties: WithLanguage,
{
    /// Mounts `Root` with `props` into `container`.
    pub fn new(container: web_sys::Element, props: Root::Properties) -> Result<Self, JsValue> {
        leave_the_pages_subtree_id()?;
        let app = yew::Renderer::<Root>::with_root_and_props(container, props.clone()).render();
        Ok(Mounted { app: Some(app), props })
    }

    /// Shows the tool in the language of `tag` (`zh-CN` or `en`; anything else is Chinese).
    pub fn set_language(&mut self, tag: &str) {
        self.props.set_language(Language::from_tag(tag).unwrap_or_default());
        if let Some(app) = &mut self.app {
            app.update(self.props.clone());
        }
    }

    /// Takes the tool off the page.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

/// An app that shows nothing (see [`leave_the_pages_subtree_id`]).
#[component]
fn Nothing() -> Html {
    Html::default()
}

thread_local! {
    static SKIPPED: Cell<bool> = const { Cell::new(false) };
}

/// Yew finds the app responsible for an event by a number it stores on the app's elements, and
/// every wasm module's copy of Yew numbers its apps from 1. The page's app (the first screen's
/// module, mounted first and the only one there) is 1, so a tool of another module numbered 1 too
/// would have its clicks handled by the page's app as well, with the page's handlers (a click on
/// Train went back to the course). Mounting and destroying one empty app on a detached element
/// uses 1 up in this module, so its tools are 2 and up, and each app handles only its own events.
pub fn leave_the_pages_subtree_id() -> Result<(), JsValue> {
    if SKIPPED.with(|skipped| skipped.replace(true)) {
        return Ok(());
    }
    let document = web_sys::window().and_then(|window| window.document()).ok_or("no document")?;
    yew::Renderer::<Nothing>::with_root(document.create_element("div")?).render().destroy();
    Ok(())
}
