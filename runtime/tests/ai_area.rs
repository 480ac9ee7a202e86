//! Every name of [`AI_FUNCTIONS`] must be registered exactly when the runtime has the AI area's
//! script side (the `ai-script` feature, which `ai` includes: the app's script worker has it and
//! loads the backend only for the programs that need it), and the vector `dot`, which every build
//! has, must work in both.

use sprout_runtime::api::AI_FUNCTIONS;
use sprout_runtime::{run, RunInput};

#[test]
fn ai_functions_are_registered_exactly_with_the_ai_script_feature() {
    for name in AI_FUNCTIONS {
        let result = run(&format!("{name}()"), &RunInput::default());
        let code = result.diagnostic().map(|diagnostic| diagnostic.code.id());
        if cfg!(feature = "ai-script") {
            assert_ne!(code, Some("unknown-function"), "{name} is not registered");
        } else {
            assert_eq!(code, Some("unknown-function"), "{name} is registered without the feature");
        }
    }
    assert_eq!(run("dot([1, 2], [3, 4])", &RunInput::default()).outcome, run("11.0", &RunInput::default()).outcome);
}
