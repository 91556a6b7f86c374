# What the API benchmarks share (bench/load/run-load.sh, bench/soak/run-soak.sh,
# bench/audit/run-audit-cost.sh): a free port, a field of a JSON answer, one `jobintech serve`
# waited for on /healthz, a user's token, the candidates' ids and the new cohorts that
# bench/load/mix.lua applies to. Sourced, not run.
# The caller sets: bin (the binary), serve_args (array), pids (array: what to stop on exit),
# apply_cohorts (how many cohorts), and die MESSAGE.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
json_field() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval("d" + sys.argv[1]))' "$1"; }

# stop_processes: TERM to every process in pids, KILL to those still there 5 s later, all reaped.
stop_processes() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
}

# start_serve DB PORT LOG: one `jobintech serve` in the background (its pid in server_pid, and
# added to pids), waited for on /healthz.
start_serve() {
  "$bin" serve --db "$1" --host 127.0.0.1 --port "$2" "${serve_args[@]}" >"$3" 2>&1 &
  server_pid=$!
  pids+=("$server_pid")
  for _ in $(seq 300); do
    curl -fsS -o /dev/null "http://127.0.0.1:$2/healthz" 2>/dev/null && return 0
    kill -0 "$server_pid" 2>/dev/null || { tail -5 "$3" >&2; die "jobintech serve on port $2 exited (log: $3)"; }
    sleep 0.1
  done
  die "jobintech serve on port $2 did not answer /healthz within 30 s (log: $3)"
}

# token_of BASE EMAIL PASSWORD: prints the bearer token of a sign-in.
token_of() {
  curl -fsS -X POST "$1/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$2\",\"password\":\"$3\"}" | json_field '["token"]' || die "cannot sign in as $2 at $1"
}

# sign_in BASE: the demo admin's token, exported as JIT_TOKEN for mix.lua.
sign_in() {
  JIT_TOKEN=$(token_of "$1" admin@jobintech.ma Demo-Admin-2026)
  export JIT_TOKEN
}

# candidate_range BASE: the first and last candidate ids, exported as JIT_CAND_MIN and JIT_CAND_MAX
# (signed in first).
candidate_range() {
  local auth=(-H "Authorization: Bearer $JIT_TOKEN")
  JIT_CAND_MIN=$(curl -fsS "${auth[@]}" "$1/api/v1/candidates?limit=1&sort=id" | json_field '["items"][0]["id"]') ||
    die "cannot read the candidates at $1"
  JIT_CAND_MAX=$(curl -fsS "${auth[@]}" "$1/api/v1/candidates?limit=1&sort=-id" | json_field '["items"][0]["id"]') ||
    die "cannot read the candidates at $1"
  export JIT_CAND_MIN JIT_CAND_MAX
}

# first_cohort BASE: the JSON list answer holding the first cohort (signed in first).
first_cohort() {
  curl -fsS -H "Authorization: Bearer $JIT_TOKEN" "$1/api/v1/cohorts?limit=1&sort=id" || die "cannot read the cohorts at $1"
}

# add_cohorts BASE PREFIX FIRST: apply_cohorts new cohorts PREFIX-01, PREFIX-02... (copies of the
# track, site and operator of FIRST, first_cohort's answer, starting next year) for the
# applications, their codes exported as JIT_APPLY_COHORTS (signed in first).
add_cohorts() {
  local base=$1 prefix=$2 first=$3 i code year
  year=$(( $(date +%Y) + 1 ))
  JIT_APPLY_COHORTS=""
  for i in $(seq -w 1 "$apply_cohorts"); do
    code="$prefix-$i"
    printf '%s' "$first" | python3 -c '
import json, sys
c = json.load(sys.stdin)["items"][0]
print(json.dumps({"code": sys.argv[1], "track_code": c["track_code"], "site_code": c["site_code"],
                  "operator_code": c["operator_code"], "start_date": sys.argv[2] + "-02-01",
                  "end_date": sys.argv[2] + "-07-31", "capacity": 10000}))' "$code" "$year" |
      curl -fsS -o /dev/null -H "Authorization: Bearer $JIT_TOKEN" -H 'Content-Type: application/json' \
        --data-binary @- "$base/api/v1/cohorts" ||
      die "cannot create the cohort $code for the applications"
    JIT_APPLY_COHORTS+="${JIT_APPLY_COHORTS:+,}$code"
  done
  export JIT_APPLY_COHORTS
}
