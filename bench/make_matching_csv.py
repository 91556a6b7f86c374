#!/usr/bin/env python3
"""Writes learners.csv and offers.csv, the two files `jobintech match` reads, for its benchmark and
for trying the command on realistic data (docs/matching.md, section 6).

Deterministic: the same arguments give the same files, byte for byte.

Learners: each follows one of the programme's tracks (data/tracks.csv, weighted by how popular the
tracks are) and holds most of that track's skills (data/track_skills.csv: each with probability
0.75) plus 1 to 5 skills she declared besides: half of them from the skill groups of her track
(data/skills.csv), a third professional skills or languages, the rest any skill. Regions follow the
population shares of data/regions.csv (Casablanca-Settat 20 %, Dakhla-Oued Eddahab 0.4 %).

Offers: each is mostly from one domain (a track, weighted by demand): 3 to 6 required skills, 85 %
of them from the track's skills and the rest from its skill groups; 2 to 4 nice-to-have skills, 60 %
from the track and 40 % from its groups or professional skills; never a skill in both lists.
Employers concentrate in the big cities: a region's weight is its population share to the power
1.6.

learner_id is a whole number (1, 2, ...), offer_id a text (OF-000001, ...); rows in id order;
skills separated by ';' in one field, separator ','.

Usage: make_matching_csv.py [--learners N] [--offers M] [--seed S] OUT_DIR
"""
import argparse
import csv
import os
import random
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")

# Share of learners per track, and of offers per domain (demand is heavier on development).
TRACK_POPULARITY = {"dev-fullstack": 18, "dev-back": 14, "dev-front": 13, "data": 15, "ai": 10,
                    "cyber": 10, "sap": 7, "salesforce": 6, "servicenow": 7}
OFFER_DEMAND = {"dev-fullstack": 20, "dev-back": 18, "dev-front": 12, "data": 14, "ai": 8,
                "cyber": 10, "sap": 8, "salesforce": 5, "servicenow": 5}


def read(name):
    with open(os.path.join(DATA, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--learners", type=int, default=100_000)
    parser.add_argument("--offers", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("out")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    track_skills = defaultdict(list)
    for row in read("track_skills.csv"):
        track_skills[row["track_code"]].append(row["skill_code"])
    groups = defaultdict(list)
    group_of = {}
    for row in read("skills.csv"):
        groups[row["group"]].append(row["code"])
        group_of[row["code"]] = row["group"]
    all_skills = sorted(group_of)
    # A track's neighbourhood: every skill of the groups its skills belong to.
    related = {t: sorted({s for skill in skills for s in groups[group_of[skill]]} - set(skills))
               for t, skills in track_skills.items()}
    general = groups["professional"] + groups["language"]
    regions = read("regions.csv")
    region_codes = [r["code"] for r in regions]
    learner_region_weights = [float(r["population_share"]) for r in regions]
    offer_region_weights = [float(r["population_share"]) ** 1.6 for r in regions]
    tracks = sorted(TRACK_POPULARITY)
    popularity = [TRACK_POPULARITY[t] for t in tracks]
    demand = [OFFER_DEMAND[t] for t in tracks]

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "learners.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("learner_id,region_code,skills\n")
        for i in range(1, args.learners + 1):
            region = rng.choices(region_codes, learner_region_weights)[0]
            track = rng.choices(tracks, popularity)[0]
            skills = [s for s in track_skills[track] if rng.random() < 0.75]
            for _ in range(rng.randint(1, 5)):
                r = rng.random()
                pool = related[track] if r < 0.5 else general if r < 0.83 else all_skills
                skill = rng.choice(pool)
                if skill not in skills:
                    skills.append(skill)
            rng.shuffle(skills)
            f.write(f"{i},{region},{';'.join(skills)}\n")

    with open(os.path.join(args.out, "offers.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("offer_id,region_code,required,nice\n")
        for i in range(1, args.offers + 1):
            region = rng.choices(region_codes, offer_region_weights)[0]
            track = rng.choices(tracks, demand)[0]

            def draw(count, from_track, others, taken):
                chosen = []
                while len(chosen) < count:
                    skill = rng.choice(track_skills[track] if rng.random() < from_track else others)
                    if skill not in chosen and skill not in taken:
                        chosen.append(skill)
                return chosen

            required = draw(rng.randint(3, 6), 0.85, related[track], [])
            nice = draw(rng.randint(2, 4), 0.6, related[track] + general, required)
            f.write(f"OF-{i:06d},{region},{';'.join(required)},{';'.join(nice)}\n")


if __name__ == "__main__":
    main()
