#!/usr/bin/env bash
# Runs every test, installing what is missing, cheapest and most telling first, so that a run fails
# as early as it can: formatting and lints, native tests (runtime, lessons, CLI, app, boundaries,
# determinism), `sprout check` over the curriculum, the release build of the app with its size
# budgets right after it, the wasm tests in headless Chromium, the USB build, and the real-browser
# tests against both. Each step's time is printed as it ends, and all of them, slowest first, at the
# end.
#
#   scripts/test.sh           everything (what CI runs)
#   scripts/test.sh --quick   formatting, lints, native tests and `sprout check`: the day-to-day tier
set -euo pipefail

quick=false
case "${1:-}" in
  --quick) quick=true ;;
  "") ;;
  *) echo "usage: scripts/test.sh [--quick]" >&2; exit 2 ;;
esac

run_started=$SECONDS
step_times=()
# step NAME COMMAND...: runs COMMAND under the heading NAME and records how long it took.
step() {
  local name="$1"
  shift
  say "$name"
  local started=$SECONDS
  "$@"
  local took=$((SECONDS - started))
  step_times+=("$(printf '%6d s  %s' "$took" "$name")")
  printf '\033[2m    (%d s)\033[0m\n' "$took"
}
summary() {
  printf '\nStep times, slowest first (total %d s):\n' "$((SECONDS - run_started))"
  printf '%s\n' "${step_times[@]}" | sort -rn
}
trap summary EXIT

setup_started=$SECONDS
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
step_times+=("$(printf '%6d s  %s' "$((SECONDS - setup_started))" "Setup (scripts/setup.sh)")")
# Every crate is built once per run: cargo's incremental caches would only take disk (gigabytes with
# tract's test binaries).
export CARGO_INCREMENTAL=0

# The features of the native lints and tests: the app with its lazy modules' code, the runtime with
# the ONNX → NNEF converter (its test holds the committed NNEF archives to be the conversion of
# today's ONNX files).
native_features=sprout-app/ai,sprout-app/classroom,sprout-runtime/onnx

lints() {
  # Natively with the features the native tests build (the lazy modules' code, and the ONNX → NNEF
  # converter of models/, native only), so that the workspace is checked once.
  cargo clippy --workspace --all-targets --locked --features "$native_features" -- -D warnings
  cargo clippy -p sprout-app -p sprout-tests --target wasm32-unknown-unknown --all-targets --locked -- -D warnings
  # The lazily loaded modules (app/modules.json): the app crate with their features, in one run
  # (one per module checked the app crate once more each, for code that only cfg(any(...)) shares).
  cargo clippy -p sprout-app --target wasm32-unknown-unknown --all-targets --features ai,classroom --locked -- -D warnings
}

# One build of the workspace's tests with every feature a test needs, so that no crate is built twice.
# The browser tests run the `sprout` it builds (`SPROUT_PLAIN_CLI`, tests/browser/support.mjs): a
# copy, because the build with the app inside replaces target/debug/sprout.
native_tests() {
  cargo test --workspace --locked --features "$native_features"
  cp target/debug/sprout target/sprout-plain
}

# A merge's conflict markers left in a committed file (one reached main in ARCHITECTURE.md): no
# compiler sees Markdown, so this looks for them in every tracked file.
no_conflict_markers() {
  if git grep -nE '^(<{7}|>{7})( |$)' -- . ':!vendor'; then
    echo "conflict markers left from a merge (above)" >&2
    return 1
  fi
}

# The classroom server's tests (server/tests/) run against SQLite and against a throw-away
# PostgreSQL cluster that scripts/postgres.sh installs, starts, and removes when the run ends.
start_postgres() {
  SPROUT_TEST_POSTGRES_URL="$(bash scripts/postgres.sh)"
  export SPROUT_TEST_POSTGRES_URL SPROUT_REQUIRE_POSTGRES=1
}
trap 'bash scripts/postgres.sh stop >/dev/null 2>&1 || true; summary' EXIT

step "Formatting" cargo fmt --all -- --check
step "No merge conflict markers" no_conflict_markers
step "Lints (native, wasm, the lazy modules)" lints
step "PostgreSQL for the server's tests (scripts/postgres.sh)" start_postgres
step "Native tests" native_tests
# The CLI the tests just built (`cargo run` would build it again with other features).
step "The curriculum passes sprout check" target/debug/sprout check lessons/content
if $quick; then
  exit 0
fi

# The post_build hook builds the lazy modules (scripts/lazy-modules.mjs), worker.js and sw.js.
step "Release build of the app and its lazy modules" trunk build --release --offline
# Fails the run when a size budget of app/modules.json is exceeded.
step "Bundle sizes against the budgets" node scripts/bundle-report.mjs dist
# The wasm tests grade the whole curriculum in wasm: built with optimisation (the `wasm-test`
# profile of Cargo.toml), which turns minutes of grading in a debug build into seconds.
step "wasm tests in headless Chromium" \
  env WASM_BINDGEN_TEST_TIMEOUT=300 cargo test -p sprout-tests --target wasm32-unknown-unknown --profile wasm-test --locked
step "USB build (dist-usb/)" bash scripts/usb.sh --no-setup
# The teacher's one file: `sprout` with the app just built inside it, copied to
# target/sprout-with-app, which the browser tests run as `sprout serve` (one of them with no app
# folder at all). Built with the native tests' packages and features and `embedded-app`, so that
# cargo compiles only the server and the CLI again: `cargo build -p sprout-cli` resolves the
# dependencies' features otherwise and compiled half the workspace again (701 s of a CI run).
sprout_with_app() {
  cargo build --workspace --bin sprout --locked --features "$native_features,sprout-cli/embedded-app"
  cp target/debug/sprout target/sprout-with-app
}
step "sprout with the app inside (embedded-app)" sprout_with_app
step "Real-browser tests" \
  env SPROUT_DIST="$PWD/dist" SPROUT_USB="$PWD/dist-usb" SPROUT_PLAIN_CLI="$PWD/target/sprout-plain" \
  SPROUT_REQUIRE_FIREFOX=1 node --test tests/browser/
