#!/usr/bin/env python3
"""Writes N candidate rows as French Excel would (';', DD/MM/YYYY) for the import benchmark.
Deterministic: the same N gives the same file. Usage: make_candidates_csv.py N OUT.csv"""
import random
import sys

n, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(42)
first = ["Salma", "Youssef", "Imane", "Hamza", "Khadija", "Amine", "Soukaina", "Ayoub", "Fatima Zahra", "Mehdi"]
last = ["Idrissi", "Alaoui", "Bennani", "Tazi", "El Amrani", "Berrada", "Chraibi", "Ait Ali", "Ouazzani", "El Fassi"]
levels = ["bac", "bac2", "bac3", "bac5", "doctorate", "other"]
with open(out, "w", encoding="utf-8", newline="") as f:
    f.write("cin;first_name;last_name;gender;birth_date;region_code;email;phone;education_level\r\n")
    for i in range(n):
        g = "F" if rng.random() < 0.46 else "M"
        f.write(f"XB{(i * 7919 + 13) % 10_000_000:07d};{rng.choice(first)};{rng.choice(last)};{g};"
                f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1990, 2005)};"
                f"{rng.randint(1, 12):02d};c{i}@example.ma;06{rng.randint(0, 99_999_999):08d};{rng.choice(levels)}\r\n")
