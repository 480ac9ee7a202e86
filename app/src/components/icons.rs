//! Icons the app draws itself, as inline SVG in the text's colour and size: school PCs often have no
//! emoji font, and an emoji there shows as a box with a missing glyph (issue #21). Each icon is
//! decoration beside words that say the same, so screen readers skip it.

use yew::prelude::*;

/// Which icon.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Icon {
    /// A padlock: a lesson not yet open.
    Lock,
    /// A light bulb: the next hint.
    Hint,
    /// A box with an arrow out of it: export the work.
    Export,
}

impl Icon {
    /// The icon's strokes, on a 16×16 grid.
    fn path(self) -> &'static str {
        match self {
            Icon::Lock => "M4 7V5a4 4 0 0 1 8 0v2M3 7h10v7H3zM8 10v2",
            Icon::Hint => "M6 13h4M6.5 15h3M8 1a4.5 4.5 0 0 0-2.5 8.2V11h5V9.2A4.5 4.5 0 0 0 8 1z",
            Icon::Export => "M2 8v6h12V8M8 10V1M4.5 4.5 8 1l3.5 3.5",
        }
    }
}

/// Props of [`IconImage`].
#[derive(Properties, PartialEq)]
pub struct IconProps {
    /// The icon to draw.
    pub icon: Icon,
}

/// `icon`, one em high, drawn in the surrounding text's colour and hidden from screen readers.
#[component]
pub fn IconImage(props: &IconProps) -> Html {
    html! {
        <svg class="icon" viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true" focusable="false"
            fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">
            <path d={props.icon.path()} />
        </svg>
    }
}
