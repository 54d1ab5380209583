#!/usr/bin/env bash
# The browser suite: each role's journeys walked through in Chromium against a real `fleetcare serve` with the demo
# company, every page checked (status, sideways scroll on a phone, English sentences, Gregorian dates and ungrouped
# numbers on Persian pages). Needs Debian's chromium and chromium-driver; builds the server if it is not built.
#   scripts/browser-tests.sh [pytest arguments, e.g. -k dashboard]
# A failed test keeps its screenshot and HTML in .build/browser-artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in /usr/bin/chromium /usr/bin/chromedriver; do
    [ -x "$tool" ] || { echo "$tool is missing: apt-get install chromium chromium-driver" >&2; exit 2; }
done
VENV=${FLEETCARE_BROWSER_VENV:-/tmp/fleetcare-browser}
if ! "$VENV/bin/python" -c "import selenium, pytest" 2>/dev/null; then
    echo "==> installing selenium and pytest from PyPI into $VENV"
    rm -rf "$VENV"
    /usr/bin/python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q -r Tests/Browser/requirements.txt
fi
[ -x "${FLEETCARE_BIN:-.build/debug/fleetcare}" ] || swift build --product fleetcare
rm -rf .build/browser-artifacts
cd Tests/Browser
exec "$VENV/bin/python" -m pytest -q -p no:cacheprovider "$@"
