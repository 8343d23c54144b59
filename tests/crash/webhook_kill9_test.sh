#!/usr/bin/env bash
# tests/crash/webhook_kill9_test.sh — crisis webhooks survive a kill -9 of sawt (issue 13).
#
#  1. demo → serve (SQLite on disk, --tls-ca-file with a throwaway test CA) → API tokens;
#  2. four subscribers on loopback (two plain HTTP, two HTTPS with a certificate the test CA
#     signed; tests/support/webhook_receivers.py), all "down" (answering 503);
#  3. STATEMENTS crisis statements are approved and published one after another; once every
#     subscriber has seen at least one attempt, sawt gets SIGKILL while deliveries are pending
#     (some attempted and waiting for their backoff, some never tried);
#  4. the subscribers come back up and sawt restarts on the same database;
#  5. every (subscriber, statement) pair must arrive with a 200 answer under the statement's
#     Idempotency-Key, signed with that subscriber's secret; duplicates (the same key answered 200
#     twice at one subscriber, which receivers deduplicate by key) are counted and reported;
#     every delivery must be "delivered" in the API; and the public stream replays every statement
#     to a client that reconnects with Last-Event-ID: 0.
#
# Environment: SAWT_BIN (required), STATEMENTS (default 6), CRASH_KEEP=1 keeps the temp dir.
# Prints PASS/FAIL lines; exit 0 when every check passed, 1 otherwise. Loopback only; bounded waits.
set -uo pipefail

statements="${STATEMENTS:-6}"
failures=0
pass() { printf 'PASS %s\n' "$*"; }
fail() { printf 'FAIL %s\n' "$*"; failures=$((failures + 1)); }
info() { printf '     [%3ds] %s\n' "$SECONDS" "$*"; }
fatal() { fail "$*"; exit 1; }

[[ -n "${SAWT_BIN:-}" && -x "${SAWT_BIN}" ]] || fatal "SAWT_BIN must name the sawt binary (got '${SAWT_BIN:-}')"
for tool in curl python3 openssl; do command -v "$tool" >/dev/null || fatal "$tool not found"; done
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/sawt-webhook-crash.XXXXXX")"
server_pid=""
receivers_pid=""
cleanup() {
  local rc=$?
  [[ -n "$server_pid" ]] && kill -9 "$server_pid" 2>/dev/null
  [[ -n "$receivers_pid" ]] && kill "$receivers_pid" 2>/dev/null
  if [[ "${CRASH_KEEP:-0}" == 1 ]]; then echo "     kept $tmp"; else rm -rf "$tmp"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_gone() {
  for _ in $(seq 1 200); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.05; done
  return 1
}
# wait_for SECONDS CONDITION...: polls the condition every 0.1 s.
wait_for() {
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do (( SECONDS < deadline )) || return 1; sleep 0.1; done
}

# --- a test CA and a certificate for 127.0.0.1 ----------------------------------------------------
"$repo/tests/support/make_test_ca.sh" "$tmp" || fatal "openssl could not make the test CA"

# --- sawt -------------------------------------------------------------------------------------------
db="sqlite:$tmp/sawt.db"
"$SAWT_BIN" demo --db "$db" --quiet >"$tmp/demo.log" 2>&1 || { cat "$tmp/demo.log"; fatal "sawt demo failed"; }
port=""
start_server() {
  rm -f "$tmp/port"
  setsid "$SAWT_BIN" serve --db "$db" --address 127.0.0.1 --port "${port:-0}" --port-file "$tmp/port" --access-log off \
    --webhook-allow 127.0.0.1/32 --tls-ca-file "$tmp/ca.pem" >>"$tmp/server.log" 2>&1 &
  server_pid=$!
  disown "$server_pid" 2>/dev/null
  wait_for 30 test -s "$tmp/port" || { tail -20 "$tmp/server.log"; fatal "sawt did not start"; }
  port="$(tr -d '[:space:]' <"$tmp/port")"
}
start_server
api="http://127.0.0.1:$port/api/v1"
token() { "$SAWT_BIN" admin token --user "$1" --db "$db" 2>>"$tmp/token.log"; }
admin="$(token admin)"
director="$(token police.director)"
reviewer="$(token police.reviewer)"
spokesperson="$(token police.spokesperson)"
[[ -n "$admin" && -n "$reviewer" && -n "$spokesperson" ]] || fatal "no API tokens ($(cat "$tmp/token.log"))"
call() {  # call TOKEN METHOD PATH [BODY]
  curl -sS --max-time 30 -X "$2" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' -d "${4:-}" "$api$3"
}
field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

# --- four subscribers, down -------------------------------------------------------------------------
echo 503 >"$tmp/status"
python3 "$repo/tests/support/webhook_receivers.py" --plain 2 --tls 2 --cert "$tmp/leaf.pem" --key "$tmp/leaf.key" \
  --ports-file "$tmp/ports.json" --log "$tmp/received.jsonl" --status-file "$tmp/status" \
  --secrets-file "$tmp/secrets.json" >"$tmp/receivers.log" 2>&1 &
receivers_pid=$!
wait_for 20 test -s "$tmp/ports.json" || { cat "$tmp/receivers.log"; fatal "the receivers did not start"; }
python3 - "$tmp/ports.json" >"$tmp/urls" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1])):
    print(("https" if r["tls"] else "http") + "://127.0.0.1:%d/hook %d" % (r["port"], r["port"]))
PY
echo '{}' >"$tmp/secrets.json"
while read -r url rport; do
  made="$(call "$admin" POST /crisis-webhooks "{\"name\":\"Subscriber $rport\",\"url\":\"$url\",\"include_drills\":true}")"
  secret="$(field secret <<<"$made")" || fatal "subscriber not registered: $made"
  python3 - "$tmp/secrets.json" "$rport" "$secret" <<'PY'
import json, sys
path, port, secret = sys.argv[1:]
d = json.load(open(path)); d[port] = secret; json.dump(d, open(path, "w"))
PY
done <"$tmp/urls"
subscribers="$(wc -l <"$tmp/urls")"
info "sawt on :$port; $subscribers subscribers (2 https), all answering 503"

# --- statements published while every subscriber is down, then kill -9 --------------------------------
member_id() { call "$director" GET "/members?limit=200" |
  python3 -c 'import json,sys; print(next(m["id"] for m in json.load(sys.stdin)["items"] if m["login"]==sys.argv[1]))' "$1"; }
police="$(call "$director" GET "/entities?limit=200" |
  python3 -c 'import json,sys; print(next(e["id"] for e in json.load(sys.stdin)["items"] if e["code"]=="police"))')"
roles="[{\"account_id\":$(member_id police.reviewer),\"role\":\"lead\"},{\"account_id\":$(member_id police.spokesperson),\"role\":\"spokesperson\"}]"
crisis="$(call "$director" POST /crises "{\"kind\":\"drill\",\"crisis_type\":\"weather\",\"severity\":\"severe\",\"title_ar\":\"تمرين\",\"title_en\":\"Crash drill\",\"lead_entity_id\":$police,\"required_approvals\":1,\"roles\":$roles}" | field id)" ||
  fatal "no crisis"
published=()
for n in $(seq 1 "$statements"); do
  sid="$(call "$spokesperson" POST "/crises/$crisis/statements" "{\"title_ar\":\"بيان $n\",\"title_en\":\"Statement $n\",\"body_ar\":\"نص $n\",\"body_en\":\"Text $n\"}" | field id)" ||
    fatal "statement $n not drafted"
  call "$spokesperson" POST "/crises/$crisis/statements/$sid/submit" '{}' >/dev/null
  state="$(call "$reviewer" POST "/crises/$crisis/statements/$sid/approve" '{}' | field status)"
  [[ "$state" == published ]] || fatal "statement $sid is $state, not published"
  published+=("$sid")
  # The first statements are attempted (and refused) before the kill; the last ones may not be.
  if (( n == statements / 2 )); then
    wait_for 30 python3 -c '
import json, sys
seen = {json.loads(l)["port"] for l in open(sys.argv[1])}
sys.exit(0 if len(seen) >= int(sys.argv[2]) else 1)' "$tmp/received.jsonl" "$subscribers" ||
      fatal "not every subscriber saw an attempt"
  fi
done
attempts_before="$(wc -l <"$tmp/received.jsonl")"
kill -9 "$server_pid"
wait_gone "$server_pid" || fatal "sawt survived SIGKILL"
info "killed sawt after ${#published[@]} statements and $attempts_before refused attempts"

# --- back up: the subscribers, then sawt ---------------------------------------------------------------
rm -f "$tmp/status"
start_server
info "restarted on :$port"
expected=$(( ${#published[@]} * subscribers ))
delivered_pairs() {
  python3 -c '
import json, sys
pairs = {(r["port"], r["key"]) for r in map(json.loads, open(sys.argv[1])) if r["status"] == 200}
sys.exit(0 if len(pairs) >= int(sys.argv[2]) else 1)' "$tmp/received.jsonl" "$expected"
}
if wait_for 120 delivered_pairs; then
  pass "every statement reached every subscriber after the restart ($expected deliveries)"
else
  fail "not every statement arrived within 120 s"
fi

python3 - "$tmp/received.jsonl" "${published[*]}" "$subscribers" >"$tmp/verdict" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
statements = sys.argv[2].split()
ports = {r["port"] for r in rows}
ok = [r for r in rows if r["status"] == 200]
keys = {(r["port"], r["key"]) for r in ok}
want = {(p, "crisis-statement-" + s) for p in ports for s in statements}
duplicates = len(ok) - len(keys)
unsigned = [r for r in rows if r["signed"] is not True]
print("missing=%d unexpected=%d duplicates=%d unsigned=%d ports=%d attempts=%d" % (
    len(want - keys), len(keys - want), duplicates, len(unsigned), len(ports), len(rows)))
PY
read -r verdict <"$tmp/verdict"
info "$verdict"
[[ "$verdict" == missing=0\ unexpected=0\ * ]] && pass "exactly the published keys arrived at each subscriber" ||
  fail "keys: $verdict"
[[ "$verdict" == *" unsigned=0 "* ]] && pass "every attempt carried a valid signature of its subscriber's secret" ||
  fail "signatures: $verdict"
[[ "$verdict" == *" ports=$subscribers "* ]] || fail "not every subscriber was reached: $verdict"
duplicates="$(sed -E 's/.*duplicates=([0-9]+).*/\1/' <<<"$verdict")"
info "duplicates a receiver would drop by Idempotency-Key: $duplicates"

# The API agrees: every delivery of every subscriber is delivered.
states="$(call "$admin" GET /crisis-webhooks | python3 -c '
import json, sys
items = json.load(sys.stdin)["items"]
print(" ".join("%d/%d/%d" % (w["deliveries"]["delivered"], w["deliveries"]["pending"], w["deliveries"]["failed"]) for w in items))')"
want_states="$(for _ in $(seq 1 "$subscribers"); do printf '%d/0/0 ' "${#published[@]}"; done)"
[[ "$states " == "$want_states" ]] && pass "the API shows every delivery delivered ($states)" ||
  fail "delivery states (delivered/pending/failed per subscriber): $states, want $want_states"

# The public stream replays every statement to a client that reconnects with Last-Event-ID: 0.
curl -sS -N --max-time 3 -H 'Last-Event-ID: 0' "http://127.0.0.1:$port/api/v1/public/alerts/stream" >"$tmp/stream" 2>/dev/null
replayed="$(python3 - "$tmp/stream" "${published[*]}" <<'PY'
import json, sys
ids = []
for block in open(sys.argv[1]).read().split("\n\n"):
    if "event: statement" in block:
        data = [l[6:] for l in block.split("\n") if l.startswith("data: ")]
        ids.append(str(json.loads(data[0])["id"]))
print("yes" if set(sys.argv[2].split()) <= set(ids) and len(ids) == len(set(ids)) else "no: %s" % ids)
PY
)"
[[ "$replayed" == yes ]] && pass "the public stream replays every statement once after Last-Event-ID: 0" ||
  fail "stream replay: $replayed"

if (( failures == 0 )); then exit 0; fi
tail -20 "$tmp/server.log"
exit 1
