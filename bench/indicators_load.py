#!/usr/bin/env python3
"""Times the indicators API and the dashboard page of a running server (docs/performance.md).

usage: bench/indicators_load.py [--base http://127.0.0.1:8080] [--runs 7]

Each run first makes a write as the admin (a PATCH that changes nothing visible), so the next
read finds the indicator cache stale and reloads every enrolment ("cold"); the same request
again is "warm". Prints the median and the runs, in milliseconds, of the wall time seen by the
client on loopback (the server's time plus well under a millisecond).
"""
import argparse
import http.cookiejar
import json
import statistics
import time
import urllib.request

parser = argparse.ArgumentParser()
parser.add_argument("--base", default="http://127.0.0.1:8080")
parser.add_argument("--runs", type=int, default=7)
args = parser.parse_args()


def login(email, password):
    req = urllib.request.Request(args.base + "/api/v1/auth/login", method="POST",
                                 data=json.dumps({"email": email, "password": password}).encode(),
                                 headers={"Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(req))["token"]


admin = login("admin@jobintech.ma", "Demo-Admin-2026")
steering = login("pilotage@jobintech.ma", "Demo-Pilotage-2026")


def get(path, token):
    req = urllib.request.Request(args.base + path, headers={"Authorization": "Bearer " + token,
                                                            "Cookie": "jit_session=" + token})
    start = time.perf_counter()
    with urllib.request.urlopen(req) as res:
        body = res.read()
        assert res.status == 200, (path, res.status)
    return (time.perf_counter() - start) * 1000, body


org = json.loads(get("/api/v1/organisations?kind=operator&limit=1", admin)[1])["items"][0]


def touch():
    req = urllib.request.Request(args.base + "/api/v1/organisations/%d" % org["id"], method="PATCH",
                                 data=json.dumps({"name": org["name"]}).encode(),
                                 headers={"Content-Type": "application/json", "Authorization": "Bearer " + admin})
    urllib.request.urlopen(req).read()


cases = [("indicators group_by=region", "/api/v1/indicators?group_by=region"),
         ("dashboard page /", "/")]
for label, path in cases:
    cold, warm = [], []
    for _ in range(args.runs):
        touch()
        cold.append(get(path, steering)[0])
        warm.append(get(path, steering)[0])
    print("%-28s cold median %7.1f ms  runs %s" % (label, statistics.median(cold), " ".join("%.0f" % x for x in cold)))
    print("%-28s warm median %7.1f ms  runs %s" % (label, statistics.median(warm), " ".join("%.0f" % x for x in warm)))
