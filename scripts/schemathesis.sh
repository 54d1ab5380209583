#!/usr/bin/env bash
# Fuzzes the running API from its own OpenAPI document with schemathesis, once as an admin and once as a client
# user: no answer may be a 500, use a status the document does not list, or break its documented schema; and no
# operation may let a request without a token through.
#   scripts/schemathesis.sh SCHEMATHESIS_BIN [PORT]
# Starts `fleetcare serve` (the debug build) on a throwaway SQLite file and stops it afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
ST=$1
PORT=${2:-18765}
BIN=.build/debug/fleetcare
WORK=$(mktemp -d)
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT

FLEETCARE_DATABASE_PATH="$WORK/fuzz.sqlite" FLEETCARE_ADMIN_EMAIL=admin@fuzz.example FLEETCARE_ADMIN_PASSWORD=fuzz-password-1 \
FLEETCARE_BCRYPT_COST=4 FLEETCARE_DELIVERY_EVERY_SECONDS=0 "$BIN" serve --hostname 127.0.0.1 --port "$PORT" >"$WORK/server.log" 2>&1 &
SERVER=$!
BASE=http://127.0.0.1:$PORT
for _ in $(seq 1 120); do curl -fs "$BASE/api/v1/health" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "$BASE/api/v1/health" >/dev/null || { cat "$WORK/server.log"; echo "the server did not start" >&2; exit 1; }

json() { python3 -c "import sys, json; print(json.load(sys.stdin)$1)"; }
login() { curl -fs -X POST "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' -d "{\"email\":\"$1\",\"password\":\"$2\"}" | json "['token']"; }
ADMIN=$(login admin@fuzz.example fuzz-password-1)
auth=(-H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json')
CUSTOMER=$(curl -fs -X POST "$BASE/api/v1/customers" "${auth[@]}" -d '{"name":"Fuzz Bank"}' | json "['id']")
SITE=$(curl -fs -X POST "$BASE/api/v1/customers/$CUSTOMER/sites" "${auth[@]}" -d '{"name":"HQ"}' | json "['id']")
curl -fs -X POST "$BASE/api/v1/devices" "${auth[@]}" \
    -d "{\"customerId\":\"$CUSTOMER\",\"serialNumber\":\"FZ-1\",\"make\":\"HP\",\"model\":\"LaserJet Pro M404dn\",\"location\":{\"siteId\":\"$SITE\"}}" >/dev/null
curl -fs -X POST "$BASE/api/v1/users" "${auth[@]}" \
    -d "{\"email\":\"client@fuzz.example\",\"password\":\"fuzz-password-2\",\"name\":\"Client\",\"role\":\"client\",\"customerId\":\"$CUSTOMER\"}" >/dev/null
CLIENT=$(login client@fuzz.example fuzz-password-2)

status=0
for who in admin client; do
    token=$ADMIN; [ "$who" = client ] && token=$CLIENT
    echo "==> schemathesis as the $who"
    # Logging out would end the token the rest of the run uses.
    "$ST" run "$BASE/api/v1/openapi.json" --header "Authorization: Bearer $token" \
        --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,ignored_auth \
        --exclude-path /api/v1/auth/logout --max-examples "${FLEETCARE_FUZZ_EXAMPLES:-25}" --seed "${FLEETCARE_FUZZ_SEED:-20261125}" \
        --no-color || status=1
done
# Every 500 is logged at error level with its cause: there must be none.
if grep -qE '\[ (ERROR|CRITICAL) \]' "$WORK/server.log"; then
    echo "the server logged errors:" >&2; grep -m10 -E '\[ (ERROR|CRITICAL) \]' "$WORK/server.log" >&2; status=1
fi
exit $status
