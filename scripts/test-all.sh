#!/usr/bin/env bash
# `npm test`: the whole suite — lint and format check, type check, unit tests, integration tests against a private dockerd,
# and browser tests in Debian's Chromium. Installs missing Debian test dependencies first.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
mkdir -p .test-reports

bash scripts/test-env/ensure-deps.sh || exit 1
[ -d lib/generated/prisma ] || npm run -s prisma:generate || exit 1

status=0
echo "== lint (eslint: layer boundaries, pure analysis, server-only, config; prettier --check)"
npx eslint . || { echo "lint failed: each message names the rule and why (CONTRIBUTING.md §Lint)"; status=1; }
npx prettier --check . >/dev/null || { npx prettier --list-different .; echo "formatting differs: run npm run format"; status=1; }
echo "== type check"
npx tsc --noEmit -p . || status=1
echo "== unit and integration tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=.test-reports/vitest.json || status=1
echo "== browser tests (playwright)"
PLAYWRIGHT_JSON_OUTPUT_NAME=.test-reports/playwright.json npx playwright test --reporter=list,json || status=1
node scripts/test-env/privateDockerd.mjs stop .test-env/e2e/dockerd >/dev/null 2>&1 || true

node scripts/test-env/summary.mjs .test-reports/vitest.json .test-reports/playwright.json || status=1
exit $status
