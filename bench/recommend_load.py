#!/usr/bin/env python3
"""One learner against many open offers through the API (docs/performance.md, "Matching").

usage: bench/recommend_load.py --db DEMO.db [--offers 50000] [--requests 300] [--binary build/jobintech]

Adds OFFERS open offers to a demo database (each requires 3 to 6 skills and would like 2 to 4,
mostly from one track, in a random region; deterministic), starts `jobintech serve` on it, signs
the demo candidate in and times GET /api/v1/candidates/{id}/recommended-offers: the first request
(which builds the board of open offers) and then REQUESTS more. Prints the first, the median,
the 90th and 99th percentiles, in milliseconds of wall time seen by the client on loopback.
Then it times the same after a write to an offer (the board is rebuilt: the "cold" case).
"""
import argparse
import json
import random
import sqlite3
import statistics
import subprocess
import time
import urllib.request

parser = argparse.ArgumentParser()
parser.add_argument("--db", required=True)
parser.add_argument("--offers", type=int, default=50000)
parser.add_argument("--requests", type=int, default=300)
parser.add_argument("--binary", default="build/jobintech")
parser.add_argument("--port", type=int, default=18181)
args = parser.parse_args()

rng = random.Random(2026)
db = sqlite3.connect(args.db)
tracks = {}
for track, skill in db.execute("SELECT t.code, ts.skill_code FROM track_skills ts JOIN tracks t ON t.id = ts.track_id"):
    tracks.setdefault(track, []).append(skill)
all_skills = [r[0] for r in db.execute("SELECT code FROM skills")]
employers = [r[0] for r in db.execute("SELECT id FROM organisations WHERE kind = 'employer'")]
regions = ["%02d" % i for i in range(1, 13)]
have = db.execute("SELECT COUNT(*) FROM job_offers WHERE status = 'open'").fetchone()[0]
now = "2026-11-29T00:00:00Z"
for i in range(max(0, args.offers - have)):
    pool = list(tracks[rng.choice(sorted(tracks))])
    rng.shuffle(pool)
    required = pool[: rng.randint(3, 6)]
    nice = pool[len(required): len(required) + rng.randint(2, 4)]
    if rng.random() < 0.3:
        extra = rng.choice(all_skills)
        if extra not in required and extra not in nice:
            nice.append(extra)
    cur = db.execute(
        "INSERT INTO job_offers (employer_id, title, region_code, contract_type, positions, status, created_at, updated_at) "
        "VALUES (?, 'Offre de charge', ?, 'cdi', 1, 'open', ?, ?)", (rng.choice(employers), rng.choice(regions), now, now))
    db.executemany("INSERT INTO offer_required_skills (offer_id, skill_code) VALUES (?, ?)", [(cur.lastrowid, s) for s in required])
    db.executemany("INSERT INTO offer_nice_skills (offer_id, skill_code) VALUES (?, ?)", [(cur.lastrowid, s) for s in nice])
db.commit()
open_offers = db.execute("SELECT COUNT(*) FROM job_offers WHERE status = 'open'").fetchone()[0]
db.close()

base = "http://127.0.0.1:%d" % args.port
server = subprocess.Popen([args.binary, "serve", "--db", args.db, "--port", str(args.port)],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz").read()
            break
        except OSError:
            time.sleep(0.1)

    def call(method, path, token=None, body=None):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = "Bearer " + token
        req = urllib.request.Request(base + path, method=method, headers=headers,
                                     data=json.dumps(body).encode() if body is not None else None)
        start = time.perf_counter()
        with urllib.request.urlopen(req) as res:
            data = res.read()
        return (time.perf_counter() - start) * 1000, json.loads(data)

    _, login = call("POST", "/api/v1/auth/login", body={"email": "candidat@jobintech.ma", "password": "Demo-Candidat-2026"})
    token = login["token"]
    _, me = call("GET", "/api/v1/auth/me", token)
    path = "/api/v1/candidates/%d/recommended-offers?limit=20" % me["candidate_id"]
    first, answer = call("GET", path, token)
    times = sorted(call("GET", path, token)[0] for _ in range(args.requests))
    q = lambda p: times[min(len(times) - 1, int(p * len(times)))]
    print("open offers %d, offers scoring above 0 for the learner %d" % (open_offers, answer["total"]))
    print("first request (builds the board): %.1f ms" % first)
    print("%d requests: median %.2f ms, p90 %.2f ms, p99 %.2f ms" % (len(times), statistics.median(times), q(0.9), q(0.99)))
    # After a write to an offer the board is rebuilt by the next request.
    _, admin = call("POST", "/api/v1/auth/login", body={"email": "admin@jobintech.ma", "password": "Demo-Admin-2026"})
    _, offer = call("GET", "/api/v1/offers?limit=1&status=open", admin["token"])
    cold = []
    for _ in range(5):
        call("PATCH", "/api/v1/offers/%d" % offer["items"][0]["id"], admin["token"], {"positions": rng.randint(1, 9)})
        cold.append(call("GET", path, token)[0])
    print("after a write to an offer (board rebuilt), 5 runs: median %.1f ms, runs %s" %
          (statistics.median(cold), ", ".join("%.0f" % c for c in cold)))
finally:
    server.terminate()
    server.wait()
