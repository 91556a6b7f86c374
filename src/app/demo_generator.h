// The demo data set: a deterministic (same seed, same data), realistic, fictitious national
// programme — the 12 regions, the programme's partners (ministry, CDG, Maroc Numeric Cluster),
// about 20 operators, about 60 sites in every region (EST Dakhla among them), conventions
// (national, pilot, Dakhla), cohorts from 2024 to 2026 in every track, N candidates whose regions
// follow population shares, their applications, and one demo user per role. Source lists are in
// data/demo/. Writes in one transaction; refuses a database that already holds programme data.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/database.h"

namespace jobintech::app {

struct DemoOptions {
  std::int64_t candidates = 20'000;
  std::uint64_t seed = 2026;
  std::string today;  // YYYY-MM-DD: cohort statuses are set relative to it; empty = today
};

struct DemoLogin {
  std::string role, email, password, organisation;
};

struct DemoReport {
  std::size_t organisations = 0, sites = 0, conventions = 0, cohorts = 0, candidates = 0, applications = 0;
  std::size_t enrolments = 0, placements = 0, offers = 0, consents = 0;
  std::vector<DemoLogin> logins;
};

// The demo accounts' passwords are published in README.md: they are for a demonstration only.
const std::vector<DemoLogin>& demo_logins();

// Throws std::runtime_error when the database already holds programme data or a data file is bad.
DemoReport generate_demo(store::Database& db, const DemoOptions& options);

}  // namespace jobintech::app
