//! What every component of the first screen can reach without it being passed down through each
//! props struct: the state with its reducer ([`use_app`]) and the interface language
//! ([`use_language`]). The shell provides both; the language has a context of its own so that a
//! component that only needs words re-renders when the language changes, not at every keystroke.

use std::ops::Deref;

use sprout_runtime::messages::Language;
use yew::prelude::*;

use crate::state::State;

/// The app's state and the way to change it: read it like the state, dispatch `Action`s to it.
#[derive(Clone)]
pub struct AppHandle {
    handle: UseReducerHandle<State>,
    /// Which state the shell rendered with: every change makes a new state, and the handle keeps it
    /// alive, so two handles of different renders never share this address.
    rendered: *const State,
}

impl AppHandle {
    /// The handle of the shell's render with `handle`.
    pub fn new(handle: UseReducerHandle<State>) -> AppHandle {
        let rendered: *const State = &*handle;
        AppHandle { handle, rendered }
    }
}

/// Equal when rendered with the same state: a new state reaches every component that uses the
/// context. (Yew's own handles read the latest state, so comparing what they point at would always
/// find them equal.)
impl PartialEq for AppHandle {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.rendered, other.rendered)
    }
}

impl Deref for AppHandle {
    type Target = UseReducerHandle<State>;

    fn deref(&self) -> &Self::Target {
        &self.handle
    }
}

/// The app's state and reducer, from the shell.
///
/// # Panics
/// Outside the shell, where no component of the app is ever mounted.
#[hook]
pub fn use_app() -> AppHandle {
    use_context::<AppHandle>().expect("the shell provides the app's state")
}

/// The interface language; Chinese where no shell provides one (a component tested alone).
#[hook]
pub fn use_language() -> Language {
    use_context::<Language>().unwrap_or_default()
}
