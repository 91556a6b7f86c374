// The standalone matching: `jobintech match` reads learners.csv and offers.csv, runs the matching
// engine and writes matches.csv, so that anyone can produce and check the matches without the
// platform (docs/matching.md, section 6, gives the formats).
//
// Promises: every malformed row (missing column, wrong number of fields, empty id or region,
// duplicate id, a skill both required and nice-to-have) is reported with its file, line and column,
// at most `max_issues` of them, and when there is any nothing is written. Profiles come out sorted by
// id (id_before), so the engine's "lower index" is "lower id". matches.csv is written to a
// temporary name and renamed into place, so it is never seen half-written.
//
// Expects: files as io::parse_csv reads them (UTF-8 with or without BOM, or Windows-1252; ',', ';'
// or tab). Not thread-safe on a shared LoadedMatch being written; the functions keep no state.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/field_error.h"
#include "matching/score.h"
#include "matching/skill_dictionary.h"

namespace jobintech::app {

struct MatchInputIssue {
  std::string file;        // the file's name as given
  std::size_t line = 0;    // 1-based; 0 for the whole file
  core::FieldError error;  // field: the column; code: a catalogue error code ("match.*" for the
                           // command's own, "error.*" otherwise)
};

struct MatchFiles {
  std::string learners;
  std::string offers;
};

struct LoadedMatch {
  matching::SkillDictionary skills;                // ids in ascending code order (bytewise)
  std::vector<matching::LearnerProfile> learners;  // in ascending learner id
  std::vector<matching::OfferProfile> offers;      // in ascending offer id
  std::vector<std::string> learner_ids;            // by learner index
  std::vector<std::string> offer_ids;              // by offer index
  std::vector<std::string> region_codes;           // by region id
  std::vector<MatchInputIssue> issues;             // empty when the files are usable
  double read_seconds = 0;
};

// The order of opaque ids: two decimal integers (digits only) by value, comparing their lengths
// without leading zeros and then their bytes ("9" < "10" < "0011"; equal values by their text,
// "7" < "07"); every decimal integer before any other id; two other ids byte for byte ("OF-9" >
// "OF-10"). A total order: comparing a number with a text by bytes as well would not be transitive
// ("9" < "10" by value, "10" < "1x" < "9" by bytes).
bool id_before(std::string_view a, std::string_view b);

// Reads and checks both files (learners.csv: learner_id,region_code,skills; offers.csv:
// offer_id,region_code,required,nice; skill codes separated by ';' in one field, trimmed, empty
// ones ignored, repeats collapsed). Throws std::runtime_error naming a file that cannot be read.
LoadedMatch load_match_files(const MatchFiles& files, std::size_t max_issues = 100);

enum class MatchDirection {
  learners,  // the top learners for each offer: offer_id,rank,learner_id,score
  offers,    // the top offers for each learner: learner_id,rank,offer_id,score
};

// Writes the rankings (result i belongs to offer i, or learner i) to `path`: a header line, then
// for each offer (learner) in ascending id its matches by rank, score with 6 decimals; with
// `explain`, three more columns (required_matched, required_missing, nice_matched: codes separated
// by ';'). ',' separators, LF, no BOM. Returns the number of rows. Throws std::runtime_error when
// it cannot write.
std::size_t write_matches(const LoadedMatch& loaded, MatchDirection direction,
                          const std::vector<std::vector<matching::Ranked>>& rankings, const std::string& path,
                          bool explain = false);

}  // namespace jobintech::app
