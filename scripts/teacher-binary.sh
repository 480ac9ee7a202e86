#!/usr/bin/env bash
# Builds the one file a teacher carries: `sprout` with the app inside it (the `embedded-app`
# feature), release build, at target/release/sprout. Installs what is missing first (setup.sh),
# builds the app (trunk, release) and then the program around it. Copy target/release/sprout
# beside the USB page on the stick; on the teacher's PC, `./sprout serve` starts the classroom
# server and prints the addresses students type.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
trunk build --release --offline
cargo build --release --locked -p sprout-cli --features embedded-app
echo "target/release/sprout: the classroom server with the app inside ($(du -h target/release/sprout | cut -f1))"
