//! The architecture's boundary, as a test: `sprout-runtime` and `sprout-lessons` are host-free.
//! Neither may depend, directly or through other crates, on a browser crate, so that the grader
//! runs the same code in the student's browser and in the judge's CLI.
//!
//! The check asks cargo for each crate's dependency tree on the native target (the judge's), with
//! every feature on (the `ai` feature brings tract), and reads the crates' own manifests for every
//! target. (On wasm32, Rhai itself pulls in `web-time` for its timing functions, which the sandbox
//! does not register, and with the `ai` feature tract's random operators, which no Sprout model
//! uses, take their seed through getrandom's `wasm_js` backend: platform glue of dependencies, not
//! dependencies of ours.)

use std::process::Command;

const BROWSER_CRATES: [&str; 5] = ["web-sys", "wasm-bindgen", "js-sys", "gloo", "yew"];
const HOST_FREE_CRATES: [&str; 2] = ["sprout-runtime", "sprout-lessons"];

fn is_browser_crate(name: &str) -> bool {
    BROWSER_CRATES.iter().any(|browser| name == *browser || name.starts_with(&format!("{browser}-")))
}

#[test]
fn host_free_crates_have_no_browser_crate_in_their_dependency_tree() {
    for package in HOST_FREE_CRATES {
        let output = Command::new(env!("CARGO"))
            .args(["tree", "--offline", "-p", package, "--all-features", "-e", "normal,build"])
            .args(["--prefix", "none", "--format", "{p}"])
            .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
            .output()
            .expect("cargo tree runs");
        assert!(output.status.success(), "cargo tree failed: {}", String::from_utf8_lossy(&output.stderr));
        let tree = String::from_utf8_lossy(&output.stdout);
        assert!(tree.lines().count() > 5, "{package}: suspiciously small tree:\n{tree}");
        let offending: Vec<&str> =
            tree.lines().filter(|line| line.split_whitespace().next().is_some_and(is_browser_crate)).collect();
        assert!(offending.is_empty(), "{package} depends on browser crates: {offending:?}");
    }
}

#[test]
fn host_free_manifests_name_no_browser_crate_for_any_target() {
    for folder in ["runtime", "lessons"] {
        let path = format!("{}/../{folder}/Cargo.toml", env!("CARGO_MANIFEST_DIR"));
        let manifest = std::fs::read_to_string(&path).unwrap();
        let named: Vec<&str> = manifest
            .lines()
            .filter_map(|line| line.split(['=', '.']).next().map(str::trim))
            .filter(|key| is_browser_crate(key))
            .collect();
        assert!(named.is_empty(), "{path} names browser crates: {named:?}");
    }
}

/// The features `package`'s build for the browser gives each crate named `name` (one list per copy).
fn features_in_the_browser(package: &str, name: &str) -> Vec<Vec<String>> {
    let output = Command::new(env!("CARGO"))
        .args(["tree", "--offline", "-p", package, "--all-features", "-e", "normal"])
        .args(["--target", "wasm32-unknown-unknown", "--prefix", "none", "--format", "{p} [{f}]"])
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .expect("cargo tree runs");
    assert!(output.status.success(), "cargo tree failed: {}", String::from_utf8_lossy(&output.stderr));
    let tree = String::from_utf8_lossy(&output.stdout);
    tree.lines()
        .filter(|line| line.split_whitespace().next() == Some(name))
        .filter_map(|line| line.split_once('[')?.1.split_once(']').map(|(features, _)| features.to_string()))
        .map(|features| features.split(',').filter(|feature| !feature.is_empty()).map(str::to_string).collect())
        .collect()
}

/// `sprout-lessons`' `fs` feature (lesson files on disk) serves the CLI, build scripts and tests;
/// the app's wasm, with every module's features, must never get it, not even through a
/// dev-dependency.
#[test]
fn the_apps_wasm_has_no_file_loader() {
    let copies = features_in_the_browser("sprout-app", "sprout-lessons");
    assert!(!copies.is_empty(), "the app depends on sprout-lessons");
    assert!(copies.iter().all(|features| !features.iter().any(|feature| feature == "fs")), "{copies:?}");
}

#[test]
fn the_check_recognises_browser_crates() {
    assert!(
        is_browser_crate("wasm-bindgen") && is_browser_crate("wasm-bindgen-futures") && is_browser_crate("gloo-worker")
    );
    assert!(!is_browser_crate("rhai") && !is_browser_crate("serde"));
}
