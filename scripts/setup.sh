#!/usr/bin/env bash
# Installs everything Sprout's build and tests need on a fresh Debian machine with Rust (rustup),
# from the package registries only, and skips whatever is already there at the right version.
# Sourced by scripts/serve.sh and scripts/test.sh; safe to run again and again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

TRUNK_VERSION="0.21.14"   # the last trunk that builds with rustc 1.95
GECKODRIVER_VERSION="0.37.1"   # builds with rustc 1.95 and drives Debian's Firefox ESR 153
# Off PATH on purpose: wasm-bindgen-test-runner takes the first WebDriver it finds on PATH, and the
# wasm tests run in Chromium. tests/browser/firefox.mjs looks here.
GECKODRIVER_ROOT="$HOME/.cargo/sprout-geckodriver"
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock (pinned with `=` in Cargo.toml).
WASM_BINDGEN_VERSION="$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p')"

say() { printf '\033[1;32m==> %s\033[0m\n' "$*"; }

say "Rust: wasm32 target, rustfmt, clippy"
rustup target add wasm32-unknown-unknown >/dev/null
rustup component add rustfmt clippy >/dev/null

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "Installing trunk $TRUNK_VERSION from crates.io (about 10-15 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION from crates.io"
  # Not --locked: the CLI's own lock file pins crates that no longer build with this rustc.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# The USB page must open from file:// in Firefox too (tests/browser/firefox.test.mjs). Mozilla's
# geckodriver releases are binary downloads, which this machine cannot fetch: it is built from
# crates.io instead (about 3 minutes on 2 cores).
if [ "$("$GECKODRIVER_ROOT/bin/geckodriver" --version 2>/dev/null | head -n1)" != "geckodriver $GECKODRIVER_VERSION" ]; then
  say "Installing geckodriver $GECKODRIVER_VERSION from crates.io into $GECKODRIVER_ROOT"
  cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked --root "$GECKODRIVER_ROOT"
fi

missing_packages=()
[ -x /usr/bin/chromium ] || missing_packages+=(chromium)
[ -x /usr/bin/chromedriver ] || missing_packages+=(chromium-driver)
# Debian's current ESR (the version follows Debian's security updates, like Chromium's).
[ -x /usr/bin/firefox-esr ] || missing_packages+=(firefox-esr)
command -v brotli >/dev/null || missing_packages+=(brotli)
# Without a CJK font, headless Chromium draws Chinese as boxes (screenshots in browser tests).
[ -d /usr/share/fonts/opentype/noto ] || missing_packages+=(fonts-noto-cjk)
if [ ${#missing_packages[@]} -gt 0 ]; then
  say "Installing ${missing_packages[*]} from Debian"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing_packages[@]}" >/dev/null
fi

say "npm packages from package-lock.json (wasm-opt from binaryen, playwright-core)"
npm ci --no-audit --no-fund --loglevel=error

say "Rust crates (so that trunk and the tests can run offline)"
cargo fetch --locked >/dev/null

# Debian's wasm-opt is too old for current rustc output; binaryen's from npm comes first on PATH.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver
# Not GECKODRIVER: wasm-bindgen-test-runner would take that over CHROMEDRIVER.
export SPROUT_GECKODRIVER="$GECKODRIVER_ROOT/bin/geckodriver"
