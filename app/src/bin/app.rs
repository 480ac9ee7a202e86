//! The UI thread's entry point: mounts the student app on the page's `<body>`.

fn main() {
    yew::Renderer::<sprout_app::app::App>::new().render();
}
