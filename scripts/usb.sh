#!/usr/bin/env bash
# Builds the USB copy of the app: dist-usb/index.html, one file that opens by double-click
# (file://) in Chromium and Firefox with every lesson and no server, and beside it dist-usb/ai.js
# (the AI module) and dist-usb/image_features.js (the model lab camera's image feature extractor);
# copy the dist-usb folder to a stick. Installs what is missing first, like scripts/serve.sh
# (scripts/test.sh, which has already done that, passes --no-setup).
#
# Browsers refuse ES modules and fetch on file://, so the app's wasm module is bound as
# `no-modules` (trunk's data-bindgen-target, set on a copy of index.html) in a scratch build, and
# scripts/usb.mjs inlines its glue, the module (once, for the page and the script worker) and the
# CSS into one page. The AI module (scripts/lazy-modules.mjs, a hook of the same build) is bound as
# `no-modules` too and goes into a sibling file, dist-usb/ai.js, that the page loads with a <script>
# tag only when a lesson or the AI lab needs it: file:// pages may load scripts from their folder.
# The classroom module (the teachers' pages) goes into dist-usb/classroom.js the same way.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ "${1:-}" != "--no-setup" ]; then
  source scripts/setup.sh
fi

usb_page="index.usb.html"   # beside index.html: trunk resolves the page's hrefs from its folder
stage="target/usb-stage"
if [ "$(grep -c 'data-type="main"' index.html)" != 1 ]; then
  echo "usb.sh: index.html must have exactly one data-type=\"main\" link" >&2
  exit 1
fi
trap 'rm -f "$usb_page"' EXIT
sed 's/data-type="main"/data-type="main" data-bindgen-target="no-modules"/' index.html >"$usb_page"

echo "usb.sh: release build with no-modules glue, in $stage"
SPROUT_BINDGEN_TARGET=no-modules trunk build --release --offline --dist "$stage" "$usb_page"

echo "usb.sh: one-file page in dist-usb/"
node scripts/usb.mjs "$stage" dist-usb
