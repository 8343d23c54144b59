#!/usr/bin/env bash
# bench/http/run.sh — sawt's authenticated GET /api/v1/entities against nginx serving the same bytes
# as a static file, measured with wrk in the same run and with the same settings.
#
# Prints ONE JSON object on stdout (progress goes to stderr):
#   {"sawt":{"rps","p50_ms","p90_ms","p99_ms",...},"nginx":{...},"ratio_rps","target_ratio":0.5,
#    "target_p99_ms":10,"connections":64,"duration_s":...,"pass":true|false}
#
# Environment:
#   SAWT_BIN     sawt binary; unset: build-bench/src/app/sawt, else build/src/app/sawt, else builds build-bench
#   DURATION     seconds per measured wrk run (default 10); WARMUP seconds per warm-up run (default 2)
#   CONNECTIONS  wrk connections (default 64); WRK_THREADS wrk threads (default 2)
#   SAWT_THREADS sawt serve --threads (default: sawt's own default, one per core)
#   BENCH_KEEP=1 keep the temp dir (logs, wrk output) and print its path
# Traffic goes to 127.0.0.1 only; both servers run on free loopback ports and are killed on exit.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
duration="${DURATION:-10}"
warmup="${WARMUP:-2}"
connections="${CONNECTIONS:-64}"
wrk_threads="${WRK_THREADS:-2}"
target_ratio=0.5
target_p99_ms=10

log() { printf '[bench/http] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

for tool in wrk nginx curl awk; do
  command -v "$tool" >/dev/null || die "$tool not found (apt-get install -y wrk nginx-light curl)"
done

if [[ -z "${SAWT_BIN:-}" ]]; then
  for candidate in "$repo/build-bench/src/app/sawt" "$repo/build/src/app/sawt"; do
    if [[ -x "$candidate" ]]; then SAWT_BIN="$candidate"; break; fi
  done
  if [[ -z "${SAWT_BIN:-}" ]]; then
    log "no sawt binary found; building $repo/build-bench (Release)"
    cmake -S "$repo" -B "$repo/build-bench" -G Ninja -DCMAKE_BUILD_TYPE=Release >&2
    ninja -C "$repo/build-bench" sawt >&2
    SAWT_BIN="$repo/build-bench/src/app/sawt"
  fi
fi
[[ -x "$SAWT_BIN" ]] || die "SAWT_BIN=$SAWT_BIN is not executable"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/sawt-bench-http.XXXXXX")"
sawt_pid=""
nginx_pid=""
cleanup() {
  local rc=$?
  [[ -n "$sawt_pid" ]] && kill "$sawt_pid" 2>/dev/null && wait "$sawt_pid" 2>/dev/null
  [[ -n "$nginx_pid" ]] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
  if [[ "${BENCH_KEEP:-0}" == 1 ]]; then log "kept $tmp"; else rm -rf "$tmp"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A loopback port nobody listens on (connect refused). Racy in theory, fine for a benchmark.
free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  die "no free port found"
}

# Waits until URL answers (any HTTP status) or the deadline passes.
wait_http() {
  local url="$1" pid="$2"
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || return 1
    curl -s -o /dev/null "$url" && return 0
    sleep 0.1
  done
  return 1
}

db="sqlite:$tmp/sawt.db"
log "sawt: $SAWT_BIN"
"$SAWT_BIN" demo --db "$db" --quiet >"$tmp/demo.log" 2>&1 || { cat "$tmp/demo.log" >&2; die "sawt demo failed"; }

sawt_args=(serve --db "$db" --address 127.0.0.1 --port 0 --port-file "$tmp/sawt.port" --web "$repo/web" --access-log off)
[[ -n "${SAWT_THREADS:-}" ]] && sawt_args+=(--threads "$SAWT_THREADS")
"$SAWT_BIN" "${sawt_args[@]}" >"$tmp/sawt.log" 2>&1 &
sawt_pid=$!
for _ in $(seq 1 100); do [[ -s "$tmp/sawt.port" ]] && break; sleep 0.1; done
[[ -s "$tmp/sawt.port" ]] || { cat "$tmp/sawt.log" >&2; die "sawt did not write its port file"; }
sawt_port="$(tr -d '[:space:]' <"$tmp/sawt.port")"
sawt_url="http://127.0.0.1:$sawt_port/api/v1/entities"
wait_http "http://127.0.0.1:$sawt_port/healthz" "$sawt_pid" || { cat "$tmp/sawt.log" >&2; die "sawt not answering"; }

token="$("$SAWT_BIN" admin token --user admin --db "$db" 2>"$tmp/token.log")" || {
  cat "$tmp/token.log" >&2
  die "sawt admin token failed"
}
export SAWT_TOKEN="$token"

# The exact bytes and Content-Type nginx will serve.
mkdir -p "$tmp/www/api/v1"
status="$(curl -sS -o "$tmp/www/api/v1/entities" -D "$tmp/sawt.headers" -w '%{http_code}' \
  -H "Authorization: Bearer $token" "$sawt_url")"
[[ "$status" == 200 ]] || die "GET /api/v1/entities answered $status"
content_type="$(awk 'tolower($1)=="content-type:" { sub(/^[^:]*:[ \t]*/, ""); sub(/\r$/, ""); print; exit }' \
  "$tmp/sawt.headers")"
[[ -n "$content_type" ]] || die "no Content-Type in sawt's answer"
body_bytes="$(wc -c <"$tmp/www/api/v1/entities")"
log "sawt on :$sawt_port, body $body_bytes bytes, Content-Type: $content_type"

# A throwaway nginx: own prefix, config, pid, logs and temp paths; workers (nobody when run as root)
# must be able to read the document root.
chmod 755 "$tmp" "$tmp/www" "$tmp/www/api" "$tmp/www/api/v1"
chmod 644 "$tmp/www/api/v1/entities"
nginx_port="$(free_port)"
cat >"$tmp/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $tmp/nginx-client-body;
  proxy_temp_path $tmp/nginx-proxy;
  fastcgi_temp_path $tmp/nginx-fastcgi;
  uwsgi_temp_path $tmp/nginx-uwsgi;
  scgi_temp_path $tmp/nginx-scgi;
  types { }
  default_type "$content_type";
  server {
    listen 127.0.0.1:$nginx_port;
    root $tmp/www;
  }
}
EOF
nginx -p "$tmp" -c "$tmp/nginx.conf" -e "$tmp/nginx-error.log" >"$tmp/nginx.out" 2>&1 &
nginx_pid=$!
nginx_url="http://127.0.0.1:$nginx_port/api/v1/entities"
wait_http "$nginx_url" "$nginx_pid" || { cat "$tmp/nginx.out" "$tmp/nginx-error.log" >&2 2>/dev/null; die "nginx not answering"; }
curl -sS -o "$tmp/nginx.body" -D "$tmp/nginx.headers" "$nginx_url"
cmp -s "$tmp/nginx.body" "$tmp/www/api/v1/entities" || die "nginx body differs from sawt's"
grep -qiF "content-type: $content_type" "$tmp/nginx.headers" || die "nginx Content-Type differs from sawt's"
log "nginx on :$nginx_port (same body, same Content-Type)"

# run_wrk NAME URL SECONDS: prints the WRK_JSON object of the run.
run_wrk() {
  local name="$1" url="$2" seconds="$3"
  wrk -t"$wrk_threads" -c"$connections" -d"${seconds}s" --timeout 5s --latency -s "$here/wrk.lua" "$url" \
    >"$tmp/wrk-$name.txt" 2>&1 || { cat "$tmp/wrk-$name.txt" >&2; die "wrk against $name failed"; }
  sed -n 's/^WRK_JSON //p' "$tmp/wrk-$name.txt"
}
# field JSON KEY: a number from a flat JSON object.
field() { sed -n "s/.*\"$2\":\\([0-9.]*\\).*/\\1/p" <<<"$1"; }

log "warming up (${warmup}s each)"
run_wrk warm-sawt "$sawt_url" "$warmup" >/dev/null
run_wrk warm-nginx "$nginx_url" "$warmup" >/dev/null
loadavg="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)"
log "measuring (load average $loadavg): wrk -t$wrk_threads -c$connections -d${duration}s --latency (sawt, then nginx)"
sawt_json="$(run_wrk sawt "$sawt_url" "$duration")"
nginx_json="$(run_wrk nginx "$nginx_url" "$duration")"
[[ -n "$sawt_json" && -n "$nginx_json" ]] || die "wrk printed no summary"

non2xx="$(sed -n 's/.*"status":\([0-9]*\).*/\1/p' <<<"$sawt_json")"
[[ "${non2xx:-0}" == 0 ]] || log "warning: $non2xx non-2xx answers from sawt (see $tmp/wrk-sawt.txt)"

sawt_rps="$(field "$sawt_json" rps)"
nginx_rps="$(field "$nginx_json" rps)"
sawt_p99="$(field "$sawt_json" p99_ms)"
read -r ratio pass < <(awk -v s="$sawt_rps" -v n="$nginx_rps" -v p="$sawt_p99" -v tr="$target_ratio" \
  -v tp="$target_p99_ms" -v e="${non2xx:-0}" 'BEGIN {
    r = (n > 0) ? s / n : 0
    printf "%.3f %s\n", r, (r >= tr && p <= tp && e == 0) ? "true" : "false" }')

printf '{"sawt":%s,"nginx":%s,"ratio_rps":%s,"target_ratio":%s,"target_p99_ms":%s,"connections":%s,"wrk_threads":%s,"duration_s":%s,"body_bytes":%s,"cores":%s,"loadavg_1m":%s,"pass":%s}\n' \
  "$sawt_json" "$nginx_json" "$ratio" "$target_ratio" "$target_p99_ms" "$connections" "$wrk_threads" \
  "$duration" "$body_bytes" "$(nproc)" "$loadavg" "$pass"
