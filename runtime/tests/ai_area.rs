//! Hosts route programs by [`AI_FUNCTIONS`]: every name there must be registered exactly when the
//! runtime has the `ai` feature (the app's first-screen worker, without it, hands such programs to
//! the AI worker), and the vector `dot`, which every build has, must work in both.

use sprout_runtime::api::AI_FUNCTIONS;
use sprout_runtime::{run, RunInput};

#[test]
fn ai_functions_are_registered_exactly_with_the_ai_feature() {
    for name in AI_FUNCTIONS {
        let result = run(&format!("{name}()"), &RunInput::default());
        let code = result.diagnostic().map(|diagnostic| diagnostic.code.id());
        if cfg!(feature = "ai") {
            assert_ne!(code, Some("unknown-function"), "{name} is not registered");
        } else {
            assert_eq!(code, Some("unknown-function"), "{name} is registered without the feature");
        }
    }
    assert_eq!(run("dot([1, 2], [3, 4])", &RunInput::default()).outcome, run("11.0", &RunInput::default()).outcome);
}
