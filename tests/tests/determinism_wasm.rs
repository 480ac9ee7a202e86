//! Determinism in the browser: the wasm build of the runtime, run in headless Chromium by
//! wasm-bindgen-test, produces exactly the runs recorded natively in `determinism/*.run.json`.
#![cfg(target_arch = "wasm32")]

use sprout_tests::{run_case, CASES};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn every_case_runs_in_wasm_exactly_as_recorded_natively() {
    for case in CASES {
        assert_eq!(run_case(case.program), case.expected, "{} differs in wasm", case.name);
    }
}

#[wasm_bindgen_test]
fn the_curriculum_grades_in_wasm_exactly_as_recorded_natively() {
    let expected = include_str!("../determinism/curriculum.grades");
    assert_eq!(sprout_tests::grade_curriculum(), expected);
}
