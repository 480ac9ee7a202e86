#!/usr/bin/env bash
# Runs every test, installing what is missing: formatting and lints, native tests (runtime, lessons,
# CLI, boundaries, determinism), `sprout check` over the curriculum, the wasm tests in headless
# Chromium, the release build of the app and the real-browser tests against it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

say "Formatting and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo clippy -p sprout-app -p sprout-tests --target wasm32-unknown-unknown --all-targets --locked -- -D warnings

say "Native tests"
cargo test --workspace --locked

say "The curriculum passes sprout check"
cargo run -q -p sprout-cli --locked -- check lessons/content

say "wasm tests in headless Chromium"
cargo test -p sprout-tests --target wasm32-unknown-unknown --locked

say "Release build of the app"
trunk build --release --offline

say "Real-browser tests"
SPROUT_DIST="$PWD/dist" node --test tests/browser/
