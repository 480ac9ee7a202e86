#!/usr/bin/env bash
# Converts every model's ONNX file (what its train.py wrote) into the NNEF archive the runtime
# embeds and the app serves: models/*/X.onnx → models/*/X.nnef.tar. Run it after retraining a model;
# `cargo test -p sprout-runtime --features onnx` fails while an archive is out of date.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo run --release --locked -p sprout-runtime --features onnx --example to_nnef -- models
