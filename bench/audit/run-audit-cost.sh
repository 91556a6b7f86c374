#!/usr/bin/env bash
# What the audit of reads costs (docs/privacy.md: every read of a person's record by staff is
# written to the audit log). One `jobintech serve` over a fresh SQLite file with demo data; wrk
# asks for the same candidate's record, GET /api/v1/candidates/{id}, alternately
#   self    as the candidate herself (her own reads are not audited: no write),
#   staff   as the programme office (each read appends an audit line and commits: one write);
# same handler, same query, same record, so the difference is the audit line. Rounds alternate
# (self, staff, self, staff...) so that a machine busy for a moment hurts both. Builds nothing.
#
#   bench/audit/run-audit-cost.sh
#   ROUNDS=5 DURATION=10s CONNECTIONS=8 bench/audit/run-audit-cost.sh
#
# Environment: JOBINTECH_BINARY (build/jobintech), CANDIDATES (2000), ROUNDS (3 of each),
# DURATION (15s a round), CONNECTIONS (4), THREADS (2), SERVE_ARGS (default --quiet).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../lib.sh
. "$root/bench/lib.sh"

die() { echo "run-audit-cost: $*" >&2; exit 2; }

bin=${JOBINTECH_BINARY:-$root/build/jobintech}
[[ "$bin" = /* ]] || bin="$PWD/$bin"
candidates=${CANDIDATES:-2000}
rounds=${ROUNDS:-3}
duration=${DURATION:-15s}
connections=${CONNECTIONS:-4}
threads=${THREADS:-2}
read -r -a serve_args <<<"${SERVE_ARGS:---quiet}"
[ -x "$bin" ] || die "no jobintech binary at $bin (build it, or set JOBINTECH_BINARY)"
for tool in wrk curl python3 sqlite3; do
  command -v "$tool" >/dev/null || die "$tool not found (run scripts/install-deps)"
done

pids=()
work=$(mktemp -d /tmp/jobintech-audit.XXXXXX)
trap 'stop_processes; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

db="$work/audit.db"
"$bin" migrate --db "$db" >"$work/migrate.log" 2>&1 || die "migrate failed (see $work/migrate.log)"
"$bin" demo --db "$db" --candidates "$candidates" >"$work/demo.log" 2>&1 || die "demo failed (see $work/demo.log)"
port=$(free_port)
start_serve "$db" "$port" "$work/serve.log"
base="http://127.0.0.1:$port"

declare -A token
token[staff]=$(token_of "$base" admin@jobintech.ma Demo-Admin-2026)
token[self]=$(token_of "$base" candidat@jobintech.ma Demo-Candidat-2026)
id=$(curl -fsS -H "Authorization: Bearer ${token[self]}" "$base/api/v1/auth/me" | json_field '["candidate_id"]') ||
  die "cannot read the candidate's id"
for who in self staff; do
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer ${token[$who]}" "$base/api/v1/candidates/$id")
  [ "$status" = 200 ] || die "GET /api/v1/candidates/$id as $who answered $status"
done

# ms P WRK_OUTPUT: wrk's latency percentile P (50%, 99%) in milliseconds.
ms() { awk -v p="$1" '$1 == p { v = $2; if (v ~ /us$/) v = v / 1000; else if (v ~ /ms$/) v = v + 0; else if (v ~ /s$/) v = v * 1000; print v }' <<<"$2"; }
audit_lines() { sqlite3 "$db" "SELECT COUNT(*) FROM audit_log WHERE action = 'read' AND entity = 'candidates'"; }

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); binary $bin"
echo "GET /api/v1/candidates/$id, wrk -t$threads -c$connections -d$duration, $rounds round(s) each, $candidates candidates"
printf '%-6s %-6s %10s %10s %10s %12s\n' round who 'req/s' 'p50 ms' 'p99 ms' 'audit lines'
for r in $(seq "$rounds"); do
  for who in self staff; do
    before=$(audit_lines)
    out=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency -H "Authorization: Bearer ${token[$who]}" \
      "$base/api/v1/candidates/$id")
    after=$(audit_lines)
    non2xx=$(sed -n 's/.*Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' <<<"$out")
    [ -z "$non2xx" ] || die "$who round $r: $non2xx answers were not 2xx"
    rps=$(awk '/^Requests\/sec/ { print $2 }' <<<"$out")
    printf '%-6s %-6s %10s %10.2f %10.2f %12s\n' "$r" "$who" "$rps" "$(ms 50% "$out")" "$(ms 99% "$out")" "$((after - before))"
    echo "$who $rps" >>"$work/rps"
  done
done
python3 - "$work/rps" "$connections" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
c = int(sys.argv[2])
med = {w: statistics.median(float(r) for who, r in rows if who == w) for w in ("self", "staff")}
print(f"median req/s: self {med['self']:.1f}, staff {med['staff']:.1f}; staff/self = {med['staff'] / med['self']:.2f}; "
      f"time per read on one of the {c} connections: self {1000 * c / med['self']:.2f} ms, staff {1000 * c / med['staff']:.2f} ms")
PY
