#!/usr/bin/env bash
# Sets everything up, then runs every test. Prints "N passed, N failed" at the end.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
scripts/setup.sh test
results="$PWD/artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"
status=0
dotnet test Cbvr.sln -c Release --no-build --nologo --logger "trx" --results-directory "$results" "$@" || status=$?
python3 - "$results" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for trx in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(trx).getroot().find("{*}ResultSummary/{*}Counters")
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0)); skipped += int(c.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
