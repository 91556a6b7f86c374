// The demo's employer demand (docs/matching.md): employers' profiles, job offers drawn from the
// tracks' skills (most open, some filled or closed), graduates who chose to be visible to
// employers (about three in five) and skills some of them declare. Deterministic for a seed.
// Runs inside the demo's transaction, after the learners' outcomes.
#pragma once

#include <cstdint>

#include "core/date.h"
#include "store/database.h"

namespace jobintech::app {

struct DemandReport {
  std::size_t offers = 0, consents = 0, declared_skills = 0;
};

// demo_candidate_id: the demo learner, who is left without consent and declared skills so that
// the walkthrough (and the browser test) can give them.
DemandReport generate_demand(store::Connection& conn, std::uint64_t seed, const core::Date& today,
                             std::int64_t demo_candidate_id);

}  // namespace jobintech::app
