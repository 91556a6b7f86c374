// The standalone allocation: `jobintech allocate` reads three CSV files, runs the engine and writes
// the assignments and the cut-off scores, so that anyone can re-run and audit a round without the
// platform (docs/allocation.md gives the formats).
//
// Promises: every malformed row, unknown id, duplicate rank or oversized reserve is reported with
// its file and line, and when there is any nothing is written. Outputs are written to temporary
// names and renamed into place, so DIR never holds a half-written file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "admission/allocation.h"
#include "core/field_error.h"

namespace jobintech::app {

struct AllocationInputIssue {
  std::string file;        // the file's name as given
  std::size_t line = 0;    // 1-based; 0 for the whole file
  core::FieldError error;  // field: the column; code: a catalogue error code
};

struct AllocationFiles {
  std::string candidates;
  std::string cohorts;
  std::string applications;
};

// An instance read from files, with the ids to write back.
struct LoadedAllocation {
  admission::Instance instance;
  std::vector<std::string> cohort_ids;       // by cohort index, as written in cohorts.csv
  std::vector<std::string> region_codes;     // by region index, as written in the files
  std::vector<AllocationInputIssue> issues;  // empty when the instance is usable
  double read_seconds = 0;
};

// Reads and checks the three files. At most `max_issues` issues are collected. Throws
// std::runtime_error naming a file that cannot be read.
LoadedAllocation load_allocation_files(const AllocationFiles& files, const admission::Precedence& precedence,
                                       std::size_t max_issues = 100);

// Writes DIR/assignments.csv (candidate_id,cohort_id,seat; one row per candidate in input order)
// and DIR/cutoffs.csv (cohort_id,seat,filled,last_score; three rows per cohort: open, women,
// local). Creates DIR if needed. Throws std::runtime_error when it cannot write.
void write_allocation_results(const LoadedAllocation& loaded, const admission::AllocationResult& result,
                              const std::string& directory);

}  // namespace jobintech::app
