#!/usr/bin/env bash
# tests/support/make_test_ca.sh DIR — a throwaway certificate authority (DIR/ca.pem, ca.key) and a
# server certificate it signed for 127.0.0.1 and localhost (DIR/leaf.pem, leaf.key), valid for two
# days: what HTTPS webhook receivers present in the crash test and bench/crisis. Quiet unless it fails.
set -euo pipefail
dir="$1"
mkdir -p "$dir"
cd "$dir"
ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
{
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >leaf.ext
  openssl req -x509 "${ec[@]}" -keyout ca.key -out ca.pem -days 2 -subj '/CN=sawt test CA' \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign
  openssl req "${ec[@]}" -keyout leaf.key -out leaf.csr -subj /CN=127.0.0.1
  openssl x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out leaf.pem -days 2 -extfile leaf.ext
} >openssl.log 2>&1 || { cat openssl.log >&2; exit 1; }
