#!/usr/bin/env bash
# sawt behind a real nginx (Debian's nginx-light) terminating TLS on loopback, configured as in
# docs/operations.md. Checks that the client address sawt uses for sign-in throttling and the
# audit log's `remote` comes from X-Forwarded-For only through the trusted proxy, that a forged
# X-Forwarded-For sent straight to sawt is ignored, and that HSTS and the __Host- cookie appear.
# Clients use distinct loopback source addresses (127.0.0.3, .4, .5), nginx reaches sawt from
# 127.0.0.1, the only trusted proxy. Exit 77 (skipped) without nginx, openssl or curl.
set -euo pipefail

SAWT_BIN=${SAWT_BIN:-build/src/app/sawt}
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
for tool in "$NGINX" openssl curl sqlite3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "SKIP: $tool not installed (scripts/deps.sh test)"; exit 77; }
done

TMP=$(mktemp -d)
SAWT_PID=""
NGINX_PID=""
cleanup() {
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
  [ -n "$SAWT_PID" ] && kill "$SAWT_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; echo "-- sawt log:" >&2; tail -n 20 "$TMP/sawt.log" >&2 || true
  echo "-- nginx log:" >&2; tail -n 20 "$TMP/error.log" >&2 || true; exit 1; }

DB="$TMP/sawt.db"
"$SAWT_BIN" demo --db "sqlite:$DB" >/dev/null 2>"$TMP/demo.log" || fail "sawt demo"
"$SAWT_BIN" serve --db "sqlite:$DB" --address 127.0.0.1 --port 0 --port-file "$TMP/port" --access-log off \
  --trusted-proxy 127.0.0.1/32 2>"$TMP/sawt.log" &
SAWT_PID=$!
for _ in $(seq 1 100); do [ -s "$TMP/port" ] && break; sleep 0.1; done
[ -s "$TMP/port" ] || fail "sawt did not start"
SAWT_PORT=$(cat "$TMP/port")

# A free port for nginx: ask the kernel through a throwaway listener.
PROXY_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=sawt.test" -keyout "$TMP/key.pem" \
  -out "$TMP/cert.pem" >/dev/null 2>&1 || fail "openssl"
cat >"$TMP/nginx.conf" <<CONF
daemon off;
master_process off;
worker_processes 1;
pid $TMP/nginx.pid;
error_log $TMP/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path $TMP/body;
  proxy_temp_path $TMP/proxy;
  fastcgi_temp_path $TMP/fastcgi;
  uwsgi_temp_path $TMP/uwsgi;
  scgi_temp_path $TMP/scgi;
  server {
    listen 127.0.0.1:$PROXY_PORT ssl;
    ssl_certificate $TMP/cert.pem;
    ssl_certificate_key $TMP/key.pem;
    client_max_body_size 1m;
    location / {
      proxy_pass http://127.0.0.1:$SAWT_PORT;
      proxy_bind 127.0.0.1;
      proxy_http_version 1.1;
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header Connection "";
    }
    location = /api/v1/stream {
      proxy_pass http://127.0.0.1:$SAWT_PORT;
      proxy_bind 127.0.0.1;
      proxy_http_version 1.1;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header Connection "";
      proxy_buffering off;
      proxy_read_timeout 1h;
    }
  }
}
CONF
"$NGINX" -p "$TMP" -c "$TMP/nginx.conf" 2>>"$TMP/error.log" &
NGINX_PID=$!
for _ in $(seq 1 100); do curl -sk -o /dev/null "https://127.0.0.1:$PROXY_PORT/healthz" && break; sleep 0.1; done

PROXY="https://127.0.0.1:$PROXY_PORT"
DIRECT="http://127.0.0.1:$SAWT_PORT"
# sign_in BASE SOURCE_IP LOGIN PASSWORD [extra curl args] → prints "STATUS" and keeps headers in $TMP/h
sign_in() {
  local base=$1 from=$2 login=$3 password=$4
  shift 4
  curl -sk --interface "$from" -D "$TMP/h" -o "$TMP/response.json" -w '%{http_code}' -H 'Content-Type: application/json' \
    "$@" -d "{\"login\":\"$login\",\"password\":\"$password\"}" "$base/api/v1/sessions"
}
last_remote() {
  sqlite3 "$DB" "SELECT json_extract(payload, '\$.remote') FROM events WHERE action = 'auth.session_started' \
    ORDER BY id DESC LIMIT 1"
}

# 1. Through the proxy, a forged X-Forwarded-For is only the left part: sawt records the address
#    nginx saw (the client's, 127.0.0.4), not the forgery and not nginx's own 127.0.0.1.
status=$(sign_in "$PROXY" 127.0.0.4 police.editor sawt-demo-2026 -H 'X-Forwarded-For: 203.0.113.66')
[ "$status" = 201 ] || fail "sign-in through the proxy answered $status"
[ "$(last_remote)" = 127.0.0.4 ] || fail "audit remote through the proxy is $(last_remote), want 127.0.0.4"
grep -qi '^strict-transport-security: max-age=31536000' "$TMP/h" || fail "no HSTS over HTTPS through the proxy"
grep -qi '^set-cookie: __Host-sawt_session=.*; Secure' "$TMP/h" || fail "the cookie is not __Host-/Secure"

# 2. Straight to sawt (an untrusted peer), the same header is ignored and there is no HSTS.
status=$(sign_in "$DIRECT" 127.0.0.3 police.editor sawt-demo-2026 -H 'X-Forwarded-For: 203.0.113.66' \
  -H 'X-Forwarded-Proto: https')
[ "$status" = 201 ] || fail "direct sign-in answered $status"
[ "$(last_remote)" = 127.0.0.3 ] || fail "audit remote directly is $(last_remote), want 127.0.0.3"
if grep -qi '^strict-transport-security' "$TMP/h"; then fail "HSTS without a trusted proxy"; fi

# 3. Throttling sees the forwarded address: five failures from 127.0.0.5 through the proxy pause
#    that client only; another client behind the same proxy still signs in.
for _ in 1 2 3 4 5; do
  status=$(sign_in "$PROXY" 127.0.0.5 police.reviewer wrong-password-x)
  [ "$status" = 401 ] || fail "a wrong password answered $status"
done
status=$(sign_in "$PROXY" 127.0.0.5 police.reviewer sawt-demo-2026)
[ "$status" = 401 ] || fail "the throttled client signed in ($status)"
status=$(sign_in "$PROXY" 127.0.0.6 police.reviewer sawt-demo-2026)
[ "$status" = 201 ] || fail "another client behind the proxy was refused ($status)"
throttled=$(sqlite3 "$DB" "SELECT remote FROM login_throttles WHERE locked_until IS NOT NULL")
[ "$throttled" = 127.0.0.5 ] || fail "throttled addresses: '$throttled', want 127.0.0.5"

echo "nginx proxy: 3 checks passed"
