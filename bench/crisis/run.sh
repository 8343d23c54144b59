#!/usr/bin/env bash
# bench/crisis/run.sh — a crisis statement's fan-out to the public: CLIENTS concurrent Server-Sent
# Events subscribers of sawt's public alert stream on loopback; the time from the final approval
# (the request that publishes the statement) to its arrival at every subscriber, and sawt's memory.
# The named peer, measured in the same run with the same client: a minimal asyncio SSE broadcaster
# (peer_sse.py: no store, no authentication), the floor a one-process fan-out reaches here.
#
# Prints ONE JSON object on stdout (progress goes to stderr):
#   {"sawt":{"clients","connected","received","p50_ms","p99_ms","max_ms","trigger_ms",...},
#    "peer":{...}, "ratio_p99": sawt p99 / peer p99, "rss_mb", "rss_peak_mb",
#    "target_p99_ms":500, "target_rss_mb":300, "webhooks":"not measured yet", "pass":true|false}
#
# Environment:
#   SAWT_BIN  sawt binary (default build/src/app/sawt)
#   CLIENTS   subscribers (default 10000)
#   BENCH_KEEP=1 keep the temp dir and print its path
# Traffic goes to 127.0.0.1 only; every process started here is killed on exit; every wait is bounded.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
clients="${CLIENTS:-10000}"
target_p99_ms=500
target_rss_mb=300

log() { printf '[bench/crisis] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
for tool in curl python3; do command -v "$tool" >/dev/null || die "$tool not found"; done
SAWT_BIN="${SAWT_BIN:-$repo/build/src/app/sawt}"
[[ -x "$SAWT_BIN" ]] || die "SAWT_BIN=$SAWT_BIN is not executable"
# Each subscriber is a socket at both ends.
ulimit -n "$(( clients * 2 + 1024 ))" 2>/dev/null || ulimit -n "$(ulimit -Hn)"
(( $(ulimit -n) > clients + 256 )) || die "open-file limit $(ulimit -n) is too low for $clients clients"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/sawt-bench-crisis.XXXXXX")"
sawt_pid=""
peer_pid=""
cleanup() {
  local rc=$?
  [[ -n "$sawt_pid" ]] && kill "$sawt_pid" 2>/dev/null && wait "$sawt_pid" 2>/dev/null
  [[ -n "$peer_pid" ]] && kill "$peer_pid" 2>/dev/null && wait "$peer_pid" 2>/dev/null
  if [[ "${BENCH_KEEP:-0}" == 1 ]]; then log "kept $tmp"; else rm -rf "$tmp"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

db="sqlite:$tmp/sawt.db"
"$SAWT_BIN" demo --db "$db" --quiet >"$tmp/demo.log" 2>&1 || { cat "$tmp/demo.log" >&2; die "sawt demo failed"; }
"$SAWT_BIN" serve --db "$db" --address 127.0.0.1 --port 0 --port-file "$tmp/sawt.port" --web "$repo/web" \
  --access-log off >"$tmp/sawt.log" 2>&1 &
sawt_pid=$!
for _ in $(seq 1 100); do [[ -s "$tmp/sawt.port" ]] && break; sleep 0.1; done
[[ -s "$tmp/sawt.port" ]] || { cat "$tmp/sawt.log" >&2; die "sawt did not write its port file"; }
port="$(tr -d '[:space:]' <"$tmp/sawt.port")"
api="http://127.0.0.1:$port/api/v1"

token() { "$SAWT_BIN" admin token --user "$1" --db "$db" 2>>"$tmp/token.log"; }
director="$(token police.director)"
reviewer="$(token police.reviewer)"
spokesperson="$(token police.spokesperson)"
id_of() { python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }
call() {  # call TOKEN METHOD PATH BODY
  curl -sS --fail-with-body -X "$2" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' -d "$4" "$api$3"
}
account() { curl -sS -H "Authorization: Bearer $director" "$api/members?limit=200" |
  python3 -c 'import json,sys; print(next(m["id"] for m in json.load(sys.stdin)["items"] if m["login"]==sys.argv[1]))' "$1"; }
police="$(curl -sS -H "Authorization: Bearer $director" "$api/entities?limit=200" |
  python3 -c 'import json,sys; print(next(e["id"] for e in json.load(sys.stdin)["items"] if e["code"]=="police"))')"

# A drill whose room has a lead, an approver and a spokesperson; a statement awaiting its last approval.
roles="[{\"account_id\":$(account police.director),\"role\":\"lead\"},{\"account_id\":$(account police.reviewer),\"role\":\"approver\"},{\"account_id\":$(account police.spokesperson),\"role\":\"spokesperson\"}]"
crisis="$(call "$director" POST /crises "{\"kind\":\"drill\",\"crisis_type\":\"weather\",\"severity\":\"severe\",\"title_ar\":\"تمرين\",\"title_en\":\"Bench drill\",\"lead_entity_id\":$police,\"roles\":$roles}" | id_of)"
statement="$(call "$spokesperson" POST "/crises/$crisis/statements" '{"title_ar":"تنبيه","title_en":"Alert","body_ar":"ابتعدوا عن الأودية.","body_en":"Keep away from wadis."}' | id_of)"
call "$spokesperson" POST "/crises/$crisis/statements/$statement/submit" '{}' >/dev/null
call "$reviewer" POST "/crises/$crisis/statements/$statement/approve" '{}' >/dev/null
log "sawt on :$port; $clients subscribers; statement $statement awaits the director's approval"

sawt_json="$(python3 "$here/sse_fanout.py" --port "$port" --clients "$clients" \
  --trigger-url "$api/crises/$crisis/statements/$statement/approve" --trigger-token "$director")"
rss_kb="$(awk '/^VmRSS:/ {print $2}' "/proc/$sawt_pid/status")"
peak_kb="$(awk '/^VmHWM:/ {print $2}' "/proc/$sawt_pid/status")"
log "sawt: $sawt_json"

python3 "$here/peer_sse.py" "$tmp/peer.port" >"$tmp/peer.log" 2>&1 &
peer_pid=$!
for _ in $(seq 1 100); do [[ -s "$tmp/peer.port" ]] && break; sleep 0.1; done
[[ -s "$tmp/peer.port" ]] || { cat "$tmp/peer.log" >&2; die "the peer did not start"; }
peer_port="$(cat "$tmp/peer.port")"
peer_json="$(python3 "$here/sse_fanout.py" --port "$peer_port" --path /stream --clients "$clients" \
  --trigger-url "http://127.0.0.1:$peer_port/publish")"
log "peer: $peer_json"

python3 - "$sawt_json" "$peer_json" "$rss_kb" "$peak_kb" "$target_p99_ms" "$target_rss_mb" <<'PY'
import json, sys
sawt, peer = json.loads(sys.argv[1]), json.loads(sys.argv[2])
rss, peak = int(sys.argv[3]) / 1024, int(sys.argv[4]) / 1024
target_p99, target_rss = float(sys.argv[5]), float(sys.argv[6])
ratio = None if not sawt["p99_ms"] or not peer["p99_ms"] else round(sawt["p99_ms"] / peer["p99_ms"], 2)
ok = (sawt["received"] == sawt["clients"] and sawt["p99_ms"] is not None and sawt["p99_ms"] <= target_p99
      and peak <= target_rss)
print(json.dumps({"sawt": sawt, "peer": peer, "ratio_p99": ratio, "rss_mb": round(rss, 1),
                  "rss_peak_mb": round(peak, 1), "target_p99_ms": target_p99, "target_rss_mb": target_rss,
                  "webhooks": "not measured yet (webhook delivery is not built)", "pass": ok}))
PY
# Measured 2026-12-07 on the 2-core machine (SQLite, CLIENTS=10000): sawt p50 425 ms, p99 592 ms,
# max 593 ms, RSS 119 MB; the peer p50 385 ms, p99 477 ms (ratio_p99 1.24). The Python client reading
# 10,000 sockets on the same two cores is most of both figures (see the peer).
