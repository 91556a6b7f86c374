#!/usr/bin/env python3
"""Times what employers and steering ask of matching on a running server (docs/performance.md).

usage: bench/employer_load.py [--base http://127.0.0.1:8080] [--runs 5]

The demo employer's first open offer: its ranked consenting graduates (GET
/api/v1/offers/{id}/matches, computed from the database at each request); the supply-demand view
for the whole country and for one region (GET /api/v1/supply-demand). Prints the median and the
runs in milliseconds of wall time seen by the client on loopback.
"""
import argparse
import json
import statistics
import time
import urllib.request

parser = argparse.ArgumentParser()
parser.add_argument("--base", default="http://127.0.0.1:8080")
parser.add_argument("--runs", type=int, default=5)
args = parser.parse_args()


def login(email, password):
    req = urllib.request.Request(args.base + "/api/v1/auth/login", method="POST",
                                 data=json.dumps({"email": email, "password": password}).encode(),
                                 headers={"Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(req))["token"]


def get(path, token):
    req = urllib.request.Request(args.base + path, headers={"Authorization": "Bearer " + token})
    start = time.perf_counter()
    with urllib.request.urlopen(req) as res:
        body = res.read()
    return (time.perf_counter() - start) * 1000, json.loads(body)


employer = login("employeur@jobintech.ma", "Demo-Employeur-2026")
steering = login("pilotage@jobintech.ma", "Demo-Pilotage-2026")
offer = get("/api/v1/offers?status=open&limit=1", employer)[1]["items"][0]
cases = [("ranked graduates of an offer", "/api/v1/offers/%d/matches?limit=20" % offer["id"], employer),
         ("supply-demand, whole country", "/api/v1/supply-demand", steering),
         ("supply-demand, region 06", "/api/v1/supply-demand?region=06", steering)]
for label, path, token in cases:
    runs = []
    for _ in range(args.runs):
        ms, body = get(path, token)
        runs.append(ms)
    extra = " (%d ranked)" % body["total"] if "total" in body else ""
    print("%-32s median %7.1f ms  runs %s%s" % (label, statistics.median(runs), ", ".join("%.0f" % r for r in runs), extra))
