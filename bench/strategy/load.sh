#!/usr/bin/env bash
# bench/strategy/load.sh DB_PATH — bulk rows for the strategy benchmark, written straight into a
# SQLite database that `sawt demo` (or `sawt migrate` + the general-guide template) prepared.
#
# One transaction through the sqlite3 CLI, generated with recursive CTEs (no per-row round trips):
#   entities    kind 'entity' under the government root until there are $ENTITIES of them
#               (the demo's 12 count), codes bench-NNNN
#   assessments every entity × $PERIODS yearly periods ending in $LAST_YEAR, template general-guide
#               (older periods reviewed; the last one mixed: reviewed/submitted/returned/draft)
#   answers     every assessment × every item of the template (self level, review level if reviewed)
#   activities  $ACTIVITIES_PER per entity (the demo's count toward it), statuses and due dates spread
#   kpis        $KPIS_PER monthly KPIs per entity, each with $MONTHS measurements and targets
# Values are arithmetic on ids (deterministic). Rows the demo already has are kept (INSERT OR IGNORE).
# No events are appended: run it before `sawt serve`, whose caches start from the stored rows.
#
# Environment (defaults are the issue's sizes): ENTITIES=500 PERIODS=8 LAST_YEAR=2026
#   ACTIVITIES_PER=100 KPIS_PER=10 MONTHS=40 FIRST_MONTH=2023-08-01 TEMPLATE=general-guide
set -euo pipefail

db="${1:?usage: load.sh DB_PATH}"
entities="${ENTITIES:-500}"
periods="${PERIODS:-8}"
last_year="${LAST_YEAR:-2026}"
activities_per="${ACTIVITIES_PER:-100}"
kpis_per="${KPIS_PER:-10}"
months="${MONTHS:-40}"
first_month="${FIRST_MONTH:-2023-08-01}"
template="${TEMPLATE:-general-guide}"
for n in "$entities" "$periods" "$last_year" "$activities_per" "$kpis_per" "$months"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "load.sh: not a number: $n" >&2; exit 2; }
done
[[ "$first_month" =~ ^[0-9]{4}-[0-9]{2}-01$ ]] || { echo "load.sh: FIRST_MONTH must be YYYY-MM-01" >&2; exit 2; }
[[ "$template" =~ ^[a-z0-9][a-z0-9_.-]*$ ]] || { echo "load.sh: bad TEMPLATE" >&2; exit 2; }
first_year=$((last_year - periods + 1))

sqlite3 -bail "$db" <<SQL
PRAGMA foreign_keys = ON;
BEGIN IMMEDIATE;

-- Entities: top up kind 'entity' to $entities, children of the government root.
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
                        WHERE i < $entities - (SELECT COUNT(*) FROM entities WHERE kind = 'entity'))
INSERT INTO entities (parent_id, kind, code, name_ar, name_en, color, logo_url, version, created_at, updated_at)
SELECT (SELECT id FROM entities WHERE kind = 'government' ORDER BY id LIMIT 1), 'entity',
       printf('bench-%04d', i), 'جهة حكومية رقم ' || i, printf('Government entity %d', i),
       printf('#%06x', (i * 2654435761) % 16777216), NULL, 1,
       '2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z'
FROM n WHERE $entities > (SELECT COUNT(*) FROM entities WHERE kind = 'entity');

-- Assessments: one per entity and yearly period.
WITH RECURSIVE y(year) AS (SELECT $first_year UNION ALL SELECT year + 1 FROM y WHERE year < $last_year),
t AS (SELECT id FROM compliance_templates WHERE code = '$template'),
s AS (
  SELECT e.id AS entity_id, CAST(y.year AS TEXT) AS period,
         CASE WHEN y.year < $last_year THEN 'reviewed'
              WHEN e.id % 10 < 6 THEN 'reviewed' WHEN e.id % 10 < 8 THEN 'submitted'
              WHEN e.id % 10 = 8 THEN 'returned' ELSE 'draft' END AS status,
         printf('%d-11-15T08:00:00.000000Z', y.year) AS at
  FROM entities e CROSS JOIN y WHERE e.kind = 'entity')
INSERT OR IGNORE INTO compliance_assessments (entity_id, template_id, period, status, review_note, submitted_by,
  submitted_at, reviewed_by, reviewed_at, version, created_by, created_at, updated_at)
SELECT s.entity_id, t.id, s.period, s.status, CASE WHEN s.status = 'returned' THEN 'يرجى استكمال الأدلة.' ELSE '' END,
       CASE WHEN s.status = 'draft' THEN NULL ELSE 'admin' END, CASE WHEN s.status = 'draft' THEN NULL ELSE s.at END,
       CASE WHEN s.status = 'reviewed' THEN 'admin' END, CASE WHEN s.status = 'reviewed' THEN s.at END,
       1, 'admin', s.at, s.at
FROM s CROSS JOIN t;

-- Answers: every item of every assessment of the template.
INSERT OR IGNORE INTO compliance_answers (assessment_id, item_id, self_level, self_comment, review_level, review_comment)
SELECT a.id, i.id, (a.entity_id * 7 + i.id * 13 + CAST(a.period AS INTEGER) * 3) % 5, NULL,
       CASE WHEN a.status = 'reviewed'
            THEN MAX(0, (a.entity_id * 7 + i.id * 13 + CAST(a.period AS INTEGER) * 3) % 5 - (i.id % 4 = 1)) END,
       NULL
FROM compliance_assessments a JOIN compliance_items i ON i.template_id = a.template_id
WHERE a.template_id = (SELECT id FROM compliance_templates WHERE code = '$template');

-- Activities: top each entity up to $activities_per.
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $activities_per),
have AS (SELECT entity_id, COUNT(*) AS c FROM strategy_activities GROUP BY entity_id),
r AS (
  SELECT e.id AS entity_id, n.i AS i, e.id * 1000 + n.i AS k
  FROM entities e CROSS JOIN n LEFT JOIN have h ON h.entity_id = e.id
  WHERE e.kind = 'entity' AND n.i <= $activities_per - COALESCE(h.c, 0))
INSERT INTO strategy_activities (entity_id, objective_id, title_ar, title_en, owner_login, start_date, due_date,
  status, progress, notes, version, created_by, created_at, updated_at)
SELECT entity_id, NULL, 'نشاط اتصال رقم ' || i, printf('Communication activity %d', i), NULL,
       date('2025-01-01', printf('+%d days', (k * 37) % 700)),
       date('2025-01-01', printf('+%d days', (k * 37) % 700 + 30 + (k % 120))),
       CASE k % 10 WHEN 0 THEN 'planned' WHEN 1 THEN 'planned' WHEN 2 THEN 'blocked' WHEN 3 THEN 'done'
                   WHEN 4 THEN 'done' WHEN 5 THEN 'cancelled' ELSE 'in_progress' END,
       CASE k % 10 WHEN 0 THEN 0 WHEN 1 THEN 0 WHEN 3 THEN 100 WHEN 4 THEN 100 WHEN 5 THEN 0 ELSE 10 + (k % 9) * 10 END,
       '', 1, 'admin', '2025-01-01T00:00:00.000000Z', '2025-01-01T00:00:00.000000Z'
FROM r;

-- KPIs: $kpis_per monthly, manual KPIs per entity.
WITH RECURSIVE n(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM n WHERE j < $kpis_per)
INSERT OR IGNORE INTO kpis (entity_id, objective_id, code, name_ar, name_en, unit, direction, frequency, baseline, source,
  at_risk_margin, version, created_by, created_at, updated_at)
SELECT e.id, NULL, printf('%s.kpi-%02d', e.code, j), 'مؤشر أداء رقم ' || j, printf('Performance indicator %d', j), '%',
       CASE WHEN j % 3 = 0 THEN 'down' ELSE 'up' END, 'monthly', 50.0, 'manual', 10.0, 1, 'admin',
       '2023-07-01T00:00:00.000000Z', '2023-07-01T00:00:00.000000Z'
FROM entities e CROSS JOIN n WHERE e.kind = 'entity';

-- Targets and measurements: $months months from $first_month for each of those KPIs.
CREATE TEMP TABLE bench_months AS
WITH RECURSIVE m(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM m WHERE i < $months - 1)
SELECT i, strftime('%Y-%m', date('$first_month', printf('+%d months', i))) AS period FROM m;
CREATE TEMP TABLE bench_kpis AS SELECT id FROM kpis WHERE frequency = 'monthly' AND code GLOB '*.kpi-[0-9][0-9]';
INSERT OR IGNORE INTO kpi_targets (kpi_id, period, target)
SELECT k.id, m.period, 60.0 + (m.i % 12) FROM bench_kpis k CROSS JOIN bench_months m;
INSERT OR IGNORE INTO kpi_measurements (kpi_id, period, value, origin, reason, recorded_by, recorded_at)
SELECT k.id, m.period, 40.0 + ((k.id * 31 + m.i * 17) % 45), 'manual', '', 'admin', m.period || '-28T09:00:00.000000Z'
FROM bench_kpis k CROSS JOIN bench_months m;

COMMIT;
SQL
