// The inputs of an allocation as text: the canonical form whose SHA-256 identifies a run (stored
// with it, printed by `jobintech allocate --stats`), and the three CSV files `jobintech allocate`
// reads. The platform and the command line build the same text from the same inputs, so anyone
// can take a round's exported files, re-run it and check both the digest and the result. Pure.
#pragma once

#include <string>
#include <vector>

#include "admission/allocation.h"

namespace jobintech::admission {

// Names for what the Instance holds as indexes.
struct InstanceNames {
  std::vector<std::string> cohorts;  // by cohort index: the cohort's id or code
  std::vector<std::string> regions;  // by region index: the region's code
};

// "jobintech allocation input v1", the precedence, one line per cohort (id, region, open, women,
// local seats) and one per candidate (id, region, F or M, lottery, then cohort:score for each
// choice, best first), in the instance's order.
std::string canonical_input(const Instance& instance, const InstanceNames& names);

struct AllocationCsv {
  std::string candidates;    // candidate_id,region_code,gender,lottery
  std::string cohorts;       // cohort_id,region_code,capacity,reserved_women,reserved_local
  std::string applications;  // candidate_id,cohort_id,rank,score
};
AllocationCsv allocation_csv(const Instance& instance, const InstanceNames& names);

}  // namespace jobintech::admission
