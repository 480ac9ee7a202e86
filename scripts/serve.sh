#!/usr/bin/env bash
# Builds the app (release) and serves it on http://127.0.0.1:8080/, installing what is missing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
echo "Sprout will be at http://127.0.0.1:${PORT:-8080}/ once built."
exec trunk serve --release --offline --address 127.0.0.1 --port "${PORT:-8080}" --no-autoreload
