//! Links the script worker with a 16 MiB stack instead of wasm's default 1 MiB. Student programs
//! may recurse up to the run's call-depth limit and build deep values; the sandbox suite
//! (`runtime/tests/sandbox.rs`) proves the runtime safe with this stack size, so the worker in
//! the browser gets the same. The UI binary keeps the default.

fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bin=worker=-zstack-size=16777216");
    }
}
