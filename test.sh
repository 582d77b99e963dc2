#!/usr/bin/env bash
# Builds the solution and runs every test project, then prints one summary line.
# The benchmark's oidc-provider probe gets its npm packages first (npm ci).
# Browser tests need Debian's Chromium at /usr/bin/chromium; when it is missing and the
# script runs as root, it installs the package first.
set -euo pipefail
cd "$(dirname "$0")"

if [[ ! -x /usr/bin/chromium ]]; then
    if [[ $(id -u) -eq 0 ]]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "Chromium is missing: run 'sudo apt-get install -y chromium' for the browser tests." >&2
    fi
fi

# The benchmark's oidc-provider probe runs on Node.js with the exact packages of its lock
# file; without them the benchmark test reports that probe as failed. Without npm, root
# installs Debian's nodejs and npm packages first.
if ! command -v npm >/dev/null && [[ $(id -u) -eq 0 ]]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
if command -v npm >/dev/null; then
    npm ci --prefix bench/probe-oidc-provider --no-audit --no-fund --loglevel=error
else
    echo "npm is missing: install Node.js 20 or later for the benchmark's oidc-provider probe." >&2
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Sandbox.sln --nologo "$@" 2>&1 | tee "$log" || status=$?

# dotnet test prints one "Failed: N, Passed: N, Skipped: N" line per test assembly.
grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" \
    | awk -F'[:,] *' '{ failed += $2; passed += $4; skipped += $6 }
        END { printf "tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped }'
exit "$status"
