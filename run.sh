#!/usr/bin/env bash
# Sets everything up, then serves http://127.0.0.1:8080 with the demo corpus ingested (when the library is empty).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
scripts/setup.sh run
exec ./cbvr serve --demo "$@"
