#!/usr/bin/env bash
# bench/strategy/run.sh — scorecards, the compliance heat map and its PDF on SQLite at the issue's
# sizes (500 entities × 7 axes × 8 periods, 50,000 activities, 200,000 KPI measurements), against
# one hand-written SQL query for the same heat map run through the sqlite3 CLI on the same file.
#
# Prints ONE JSON object on stdout (progress goes to stderr):
#   {"entities","periods","activities","kpi_measurements","heatmap":{"p50_ms","p90_ms","p99_ms",..},
#    "scorecard":{..},"heatmap_pdf":{"pages","p50_ms","max_ms",..},"scorecard_pdf":{..},
#    "peer_sql_heatmap_ms","ratio_heatmap_vs_sql","target_p99_ms":50,"target_pdf_s":2,"pass":true|false}
#
# Environment:
#   SAWT_BIN      sawt binary; unset: build/src/app/sawt, else build-bench/src/app/sawt
#   N             measured requests of the heat map and of scorecards (default 200)
#   PDF_N         measured heat-map PDFs (default 10); SCORECARD_PDF_N scorecard PDFs (default 50)
#   WARMUP        warm-up requests of each JSON endpoint (default 20; 2 of each PDF)
#   PEER_N        runs of the peer query (default 21; the median counts)
#   PERIOD        heat-map period (default: the latest loaded, LAST_YEAR=2026); LANG_REPORT (ar)
#   SEED          seed of the scorecards' entity choice (default 12)
#   ENTITIES PERIODS ACTIVITIES_PER KPIS_PER MONTHS  sizes, passed to load.sh (issue's defaults)
#   SAWT_THREADS  sawt serve --threads (default: sawt's own, one per core)
#   BENCH_KEEP=1  keep the temp dir (database, logs, timings) and print its path
# Traffic goes to 127.0.0.1 only; the server runs on a free loopback port and is killed on exit.
# Requests are sequential on one keep-alive connection (one curl process per batch).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
n="${N:-200}"
pdf_n="${PDF_N:-10}"
scorecard_pdf_n="${SCORECARD_PDF_N:-50}"
warmup="${WARMUP:-20}"
peer_n="${PEER_N:-21}"
seed="${SEED:-12}"
lang="${LANG_REPORT:-ar}"
export LAST_YEAR="${LAST_YEAR:-2026}"
period="${PERIOD:-$LAST_YEAR}"
target_p99_ms=50
target_pdf_s=2
target_pdf_pages=40
batch_timeout=600  # seconds any one batch of requests may take

log() { printf '[bench/strategy] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

for tool in sqlite3 curl awk timeout; do
  command -v "$tool" >/dev/null || die "$tool not found (apt-get install -y sqlite3 curl)"
done
have_pdfinfo=1
command -v pdfinfo >/dev/null || { have_pdfinfo=0; log "pdfinfo not found (apt-get install -y poppler-utils): pages reported as null"; }
[[ "$period" =~ ^[0-9]{4}$ ]] || die "PERIOD must be a year"
[[ "$lang" == ar || "$lang" == en ]] || die "LANG_REPORT must be ar or en"

if [[ -z "${SAWT_BIN:-}" ]]; then
  for candidate in "$repo/build/src/app/sawt" "$repo/build-bench/src/app/sawt"; do
    if [[ -x "$candidate" ]]; then SAWT_BIN="$candidate"; break; fi
  done
  [[ -n "${SAWT_BIN:-}" ]] || die "no sawt binary: build it (cmake --build build --target sawt) or set SAWT_BIN"
fi
[[ -x "$SAWT_BIN" ]] || die "SAWT_BIN=$SAWT_BIN is not executable"
build_type="$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$(dirname "$SAWT_BIN")/../../CMakeCache.txt" 2>/dev/null || true)"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/sawt-bench-strategy.XXXXXX")"
sawt_pid=""
cleanup() {
  local rc=$?
  if [[ -n "$sawt_pid" ]]; then kill "$sawt_pid" 2>/dev/null && wait "$sawt_pid" 2>/dev/null; fi
  if [[ "${BENCH_KEEP:-0}" == 1 ]]; then log "kept $tmp"; else rm -rf "$tmp"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now_ms() { date +%s%3N; }

# ---- 1. database: the demo (admin "admin"/"admin-demo", template general-guide) + bulk rows ----
dbfile="$tmp/sawt.db"
db="sqlite:$dbfile"
log "sawt: $SAWT_BIN (${build_type:-unknown build type})"
t0="$(now_ms)"
"$SAWT_BIN" migrate --db "$db" >"$tmp/migrate.log" 2>&1 || { cat "$tmp/migrate.log" >&2; die "sawt migrate failed"; }
"$SAWT_BIN" demo --db "$db" --quiet >"$tmp/demo.log" 2>&1 || { cat "$tmp/demo.log" >&2; die "sawt demo failed"; }
t1="$(now_ms)"
"$here/load.sh" "$dbfile" >"$tmp/load.log" 2>&1 || { cat "$tmp/load.log" >&2; die "load.sh failed"; }
t2="$(now_ms)"
read -r entities periods assessments answers activities kpis kpi_measurements < <(sqlite3 -separator ' ' "$dbfile" "
  SELECT (SELECT COUNT(*) FROM entities WHERE kind = 'entity'),
         (SELECT COUNT(DISTINCT period) FROM compliance_assessments),
         (SELECT COUNT(*) FROM compliance_assessments), (SELECT COUNT(*) FROM compliance_answers),
         (SELECT COUNT(*) FROM strategy_activities), (SELECT COUNT(*) FROM kpis),
         (SELECT COUNT(*) FROM kpi_measurements)")
db_bytes="$(stat -c %s "$dbfile")"
log "loaded in $(( t2 - t1 )) ms (demo $(( t1 - t0 )) ms): $entities entities, $periods periods, $assessments assessments," \
    "$answers answers, $activities activities, $kpis KPIs, $kpi_measurements measurements, $((db_bytes / 1048576)) MiB"

# ---- 2. server ----
sawt_args=(serve --db "$db" --address 127.0.0.1 --port 0 --port-file "$tmp/sawt.port" --access-log off)
[[ -d "$repo/web" ]] && sawt_args+=(--web "$repo/web")
[[ -n "${SAWT_THREADS:-}" ]] && sawt_args+=(--threads "$SAWT_THREADS")
"$SAWT_BIN" "${sawt_args[@]}" >"$tmp/sawt.log" 2>&1 &
sawt_pid=$!
for _ in $(seq 1 100); do [[ -s "$tmp/sawt.port" ]] && break; sleep 0.1; done
[[ -s "$tmp/sawt.port" ]] || { cat "$tmp/sawt.log" >&2; die "sawt did not write its port file"; }
port="$(tr -d '[:space:]' <"$tmp/sawt.port")"
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -s -o /dev/null "$base/healthz" && break; sleep 0.1; done

status="$(curl -sS -o "$tmp/session.json" -c "$tmp/cookies" -w '%{http_code}' -H 'Content-Type: application/json' \
  --data '{"login":"admin","password":"admin-demo"}' "$base/api/v1/sessions")"
[[ "$status" == 2* ]] || { cat "$tmp/session.json" >&2; die "sign-in answered $status"; }
log "sawt on :$port, signed in as admin"

# batch NAME FILE_OF_PATHS: GETs every path in order on one connection; writes "code seconds bytes"
# lines to $tmp/NAME.times.
batch() {
  local name="$1" paths="$2"
  awk -v base="$base" '{ printf "url = \"%s%s\"\noutput = \"/dev/null\"\n", base, $0 }' "$paths" >"$tmp/$name.curlrc"
  timeout "$batch_timeout" curl -sS -b "$tmp/cookies" --max-time 60 -K "$tmp/$name.curlrc" \
    -w '%{http_code} %{time_total} %{size_download}\n' >"$tmp/$name.times" 2>"$tmp/$name.err" ||
    { cat "$tmp/$name.err" >&2; die "batch $name failed or timed out"; }
}
# stats NAME: {"requests","errors","p50_ms","p90_ms","p99_ms","max_ms","bytes"} of $tmp/NAME.times
# (nearest-rank percentiles).
stats() {
  sort -k2,2g "$tmp/$1.times" | awk '
    { t[NR] = $2 * 1000; if ($1 !~ /^2/) err++; bytes = $3 }
    function rank(q,  r) { r = int(q * NR + 0.999999); if (r < 1) r = 1; return t[r] }
    END { printf "{\"requests\":%d,\"errors\":%d,\"p50_ms\":%.2f,\"p90_ms\":%.2f,\"p99_ms\":%.2f,\"max_ms\":%.2f,\"bytes\":%d}",
                 NR, err, rank(0.5), rank(0.9), rank(0.99), t[NR], bytes }'
}
field() { sed -n "s/.*\"$2\":\\([0-9.]*\\).*/\\1/p" <<<"$1"; }
repeat() { local k; for ((k = 0; k < $1; ++k)); do echo "$2"; done; }

# Scorecards of entities drawn (with replacement, fixed seed) from all kind-'entity' ids.
sqlite3 "$dbfile" "SELECT id FROM entities WHERE kind = 'entity' ORDER BY id" >"$tmp/entity_ids"
pick() {
  awk -v n="$1" -v seed="$2" -v suffix="$3" '{ id[NR] = $1 }
    END { srand(seed); for (i = 0; i < n; ++i) printf "/api/v1/scorecards/%s%s\n", id[int(rand() * NR) + 1], suffix }' \
    "$tmp/entity_ids"
}

heatmap_path="/api/v1/compliance/heatmap?period=$period"
heatmap_pdf_path="/api/v1/compliance/heatmap/export?format=pdf&period=$period&lang=$lang"

log "warming up ($warmup JSON requests of each, 2 of each PDF)"
{ repeat "$warmup" "$heatmap_path"; pick "$warmup" "$((seed + 1))" ""; repeat 2 "$heatmap_pdf_path";
  pick 2 "$((seed + 2))" "/report?format=pdf&lang=$lang"; } >"$tmp/warm.paths"
batch warm "$tmp/warm.paths"
awk '$1 !~ /^2/ { bad++ } END { exit bad > 0 }' "$tmp/warm.times" || die "non-2xx answers while warming up (see $tmp/warm.times)"

loadavg="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)"
log "measuring (load average $loadavg): $n heat maps, $n scorecards, $pdf_n heat-map PDFs, $scorecard_pdf_n scorecard PDFs"
repeat "$n" "$heatmap_path" >"$tmp/heatmap.paths"
pick "$n" "$seed" "" >"$tmp/scorecard.paths"
repeat "$pdf_n" "$heatmap_pdf_path" >"$tmp/heatmap_pdf.paths"
pick "$scorecard_pdf_n" "$((seed + 3))" "/report?format=pdf&lang=$lang" >"$tmp/scorecard_pdf.paths"
for what in heatmap scorecard heatmap_pdf scorecard_pdf; do batch "$what" "$tmp/$what.paths"; done
heatmap_json="$(stats heatmap)"
scorecard_json="$(stats scorecard)"
heatmap_pdf_stats="$(stats heatmap_pdf)"
scorecard_pdf_stats="$(stats scorecard_pdf)"

# Pages of one heat-map PDF and of one scorecard PDF.
curl -sS -b "$tmp/cookies" -o "$tmp/heatmap.pdf" "$base$heatmap_pdf_path"
curl -sS -b "$tmp/cookies" -o "$tmp/scorecard.pdf" "$base$(head -n1 "$tmp/scorecard_pdf.paths")"
pages() {
  if [[ "$have_pdfinfo" == 1 ]]; then pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; else echo null; fi
}
heatmap_pages="$(pages "$tmp/heatmap.pdf")"
scorecard_pages="$(pages "$tmp/scorecard.pdf")"
heatmap_rows="$(curl -sS -b "$tmp/cookies" "$base$heatmap_path" | grep -o '"entity_id":' | wc -l)"

# ---- 3. the peer: the same heat map (entity × axis scores of the period, current = review for
# reviewed assessments, else self) as ONE query through the sqlite3 CLI on the same file ----
peer_sql="SELECT e.id AS entity_id, e.code, e.name_ar, e.name_en, a.id AS assessment_id,
  COALESCE(a.status, 'not_started') AS status, i.axis,
  ROUND(1000.0 * SUM(i.weight * COALESCE(CASE WHEN a.status = 'reviewed'
        THEN COALESCE(ans.review_level, ans.self_level) ELSE ans.self_level END, 0)) / (4.0 * SUM(i.weight))) / 10.0 AS score
FROM entities e
LEFT JOIN compliance_assessments a ON a.entity_id = e.id AND a.period = '$period'
LEFT JOIN compliance_items i ON i.template_id = a.template_id
LEFT JOIN compliance_answers ans ON ans.assessment_id = a.id AND ans.item_id = i.id
WHERE e.kind = 'entity' OR a.id IS NOT NULL
GROUP BY e.id, a.id, i.axis ORDER BY e.id, i.axis;"
peer_cells="$(sqlite3 "$dbfile" "SELECT COUNT(*) FROM (${peer_sql%;})" | tr -d '[:space:]')"
# peer_time NAME SQL: the median "real" of PEER_N runs of SQL in one sqlite3 process, in ms. The rows
# go to /dev/null (.output), the timings to stdout (.timer prints "Run Time: real S user S sys S"
# per statement, with millisecond resolution).
peer_time() {
  { echo ".timer on"; echo ".output /dev/null"; repeat "$peer_n" "$2"; } >"$tmp/$1.sql"
  timeout "$batch_timeout" sqlite3 "$dbfile" <"$tmp/$1.sql" >"$tmp/$1.out" 2>&1 || { cat "$tmp/$1.out" >&2; die "peer query $1 failed"; }
  awk '/^Run Time:/ { print $4 * 1000 }' "$tmp/$1.out" | sort -g |
    awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else printf "%.1f", v[int((NR + 1) / 2)] }'
}
# The peer returns the rows (3,500 cells, names included), as sawt does; the compute-only variant
# folds them into one row, so the CLI's row printing is left out: the store's work alone.
peer_ms="$(peer_time peer "$peer_sql")"
peer_compute_ms="$(peer_time peer_compute "SELECT COUNT(*), SUM(score) FROM (${peer_sql%;});")"
[[ "$peer_ms" != 0 && "$peer_ms" != 0.0 ]] || die "no peer timing (see $tmp/peer.out)"

# ---- 4. verdict ----
read -r ratio pass < <(awk -v hm="$(field "$heatmap_json" p50_ms)" -v peer="$peer_ms" \
  -v hp99="$(field "$heatmap_json" p99_ms)" -v sp99="$(field "$scorecard_json" p99_ms)" \
  -v pdfmax="$(field "$heatmap_pdf_stats" max_ms)" -v pages="$heatmap_pages" \
  -v errs="$(( $(field "$heatmap_json" errors) + $(field "$scorecard_json" errors) + $(field "$heatmap_pdf_stats" errors) + $(field "$scorecard_pdf_stats" errors) ))" \
  -v tp="$target_p99_ms" -v tpdf="$target_pdf_s" -v tpages="$target_pdf_pages" 'BEGIN {
    r = (peer > 0) ? hm / peer : 0
    ok = hp99 <= tp && sp99 <= tp && pdfmax <= tpdf * 1000 && (pages == "null" || pages + 0 >= tpages) && errs == 0
    printf "%.2f %s\n", r, ok ? "true" : "false" }')

heatmap_pdf_json="{\"pages\":$heatmap_pages,${heatmap_pdf_stats#\{}"
scorecard_pdf_json="{\"pages\":$scorecard_pages,${scorecard_pdf_stats#\{}"
log "heat map $(field "$heatmap_json" p50_ms)/$(field "$heatmap_json" p99_ms) ms (p50/p99), scorecard" \
    "$(field "$scorecard_json" p50_ms)/$(field "$scorecard_json" p99_ms) ms, PDF $heatmap_pages pages" \
    "$(field "$heatmap_pdf_stats" max_ms) ms max; peer SQL $peer_ms ms ($peer_compute_ms ms without printing rows); pass=$pass"

printf '{"entities":%s,"periods":%s,"assessments":%s,"answers":%s,"activities":%s,"kpis":%s,"kpi_measurements":%s,' \
  "$entities" "$periods" "$assessments" "$answers" "$activities" "$kpis" "$kpi_measurements"
printf '"heatmap_period":"%s","heatmap_rows":%s,"heatmap":%s,"scorecard":%s,"heatmap_pdf":%s,"scorecard_pdf":%s,' \
  "$period" "$heatmap_rows" "$heatmap_json" "$scorecard_json" "$heatmap_pdf_json" "$scorecard_pdf_json"
printf '"peer_sql_heatmap_ms":%s,"peer_sql_heatmap_compute_ms":%s,"peer_sql_cells":%s,"ratio_heatmap_vs_sql":%s,' \
  "$peer_ms" "$peer_compute_ms" "${peer_cells:-0}" "$ratio"
printf '"target_p99_ms":%s,"target_pdf_s":%s,' "$target_p99_ms" "$target_pdf_s"
printf '"target_pdf_pages":%s,"load_ms":%s,"db_mib":%s,"build_type":"%s","cores":%s,"loadavg_1m":%s,"pass":%s}\n' \
  "$target_pdf_pages" "$((t2 - t1))" "$((db_bytes / 1048576))" "$build_type" "$(nproc)" "$loadavg" "$pass"
