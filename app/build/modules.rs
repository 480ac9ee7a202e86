//! The build script's part for the lazily loaded modules: reads app/modules.json (the one list of
//! the app's wasm modules, also read by the build scripts in scripts/) and writes
//! `$OUT_DIR/modules.rs`, the `LazyModule` enum the app's loader (src/modules/mod.rs) includes,
//! so that the page knows each module's address and USB hooks from the same file as the scripts
//! that build and package it. It also links every module's binary with the workers' stack (two
//! modules may be builds of one binary: the AI module with and without wasm SIMD).

use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

/// One lazily loaded module, as the app needs it.
struct Module {
    name: String,
    /// The app crate's binary it is a build of (`bin`, by default its name).
    bin: String,
    about: String,
    url: String,
    load_hook: String,
    worker_hook: String,
}

fn text(value: &Value, key: &str, module: &str) -> String {
    match value.get(key).and_then(Value::as_str) {
        Some(text) => text.to_string(),
        None => panic!("app/modules.json: module {module} has no text `{key}`"),
    }
}

fn read(manifest: &Path) -> Vec<Module> {
    let source =
        std::fs::read_to_string(manifest).unwrap_or_else(|error| panic!("cannot read {}: {error}", manifest.display()));
    let manifest: Value = serde_json::from_str(&source).unwrap_or_else(|error| panic!("app/modules.json: {error}"));
    let Some(modules) = manifest.get("modules").and_then(Value::as_array) else {
        panic!("app/modules.json has no `modules` list");
    };
    modules
        .iter()
        .map(|module| {
            let name = text(module, "name", "?");
            let usb = module.get("usb").unwrap_or_else(|| panic!("app/modules.json: module {name} has no `usb`"));
            Module {
                bin: module.get("bin").map_or_else(|| name.clone(), |_| text(module, "bin", &name)),
                about: text(module, "about", &name),
                url: text(module, "url", &name),
                load_hook: text(usb, "load", &name),
                worker_hook: text(usb, "startWorker", &name),
                name,
            }
        })
        .collect()
}

/// `ai` → `Ai`, `class_room` → `ClassRoom`, `ai-nosimd` → `AiNosimd`.
fn variant(name: &str) -> String {
    name.split(['_', '-'])
        .map(|part| {
            let mut characters = part.chars();
            characters
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + characters.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// The Rust source of the `LazyModule` enum for `modules`.
fn source(modules: &[Module]) -> String {
    let mut out = String::from(
        "/// A wasm module the page loads only when it needs it (one per entry of app/modules.json).\n\
         #[derive(Clone, Copy, Debug, PartialEq, Eq)]\npub enum LazyModule {\n",
    );
    for module in modules {
        let _ = writeln!(out, "    /// {}.\n    {},", module.about, variant(&module.name));
    }
    out.push_str("}\n\nimpl LazyModule {\n");
    let _ = writeln!(
        out,
        "    /// Every module, in the manifest's order.\n    pub const ALL: [LazyModule; {}] = [{}];\n",
        modules.len(),
        modules.iter().map(|module| format!("LazyModule::{}", variant(&module.name))).collect::<Vec<_>>().join(", ")
    );
    let accessor = |out: &mut String, doc: &str, function: &str, value: &dyn Fn(&Module) -> &str| {
        let _ = writeln!(out, "    /// {doc}\n    pub fn {function}(self) -> &'static str {{\n        match self {{");
        for module in modules {
            let _ = writeln!(out, "            LazyModule::{} => {:?},", variant(&module.name), value(module));
        }
        out.push_str("        }\n    }\n\n");
    };
    accessor(&mut out, "The module's name: its files' names.", "name", &|module| &module.name);
    accessor(
        &mut out,
        "Its loader, relative to the page (an ES module that starts it and re-exports its bindings).",
        "url",
        &|module| &module.url,
    );
    accessor(&mut out, "The function the USB page publishes to load it on the page.", "usb_load_hook", &|module| {
        &module.load_hook
    });
    accessor(&mut out, "The function the USB page publishes to start a worker of it.", "usb_worker_hook", &|module| {
        &module.worker_hook
    });
    out.push_str("}\n");
    out
}

/// Writes `$OUT_DIR/modules.rs` from `manifest` and links every module's binary with `stack_bytes`
/// of stack for its workers.
pub fn generate(manifest: &Path, out_dir: &Path, stack_bytes: usize) {
    println!("cargo:rerun-if-changed={}", manifest.display());
    let modules = read(manifest);
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        let mut binaries: Vec<&str> = modules.iter().map(|module| module.bin.as_str()).collect();
        binaries.sort_unstable();
        binaries.dedup();
        for binary in binaries {
            println!("cargo:rustc-link-arg-bin={binary}=-zstack-size={stack_bytes}");
        }
    }
    std::fs::write(out_dir.join("modules.rs"), source(&modules)).expect("cannot write modules.rs");
}
