// OutcomesRepository: the SQL behind the indicators (docs/indicators.md), the targets and the
// operator payment statements: it loads one fact per enrolment, with the group it falls in under
// the chosen grouping, and the placements of each enrolled candidate, in the form the pure
// engine of src/outcomes reads. Plain rows out; the caller owns the connection.
// Not thread-safe: one per session.
#pragma once

#include <soci/soci.h>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "outcomes/indicators.h"
#include "store/database.h"
#include "outcomes/payments.h"

namespace jobintech::store {

// How enrolments are grouped: by the region of the cohort's site, its operator, site, track, the
// cohort itself, the learner's gender, or the cohort's start year or quarter.
enum class Grouping { none, region, operator_org, site, track, cohort, gender, year, quarter };
inline constexpr std::size_t kGroupings = 9;
std::optional<Grouping> parse_grouping(const std::string& text);
std::string grouping_name(Grouping g);
const std::vector<std::string>& grouping_names();

// Which enrolments count: those of cohorts in the region, of the operator, on the track, and
// (scope) of the operator a user belongs to. Empty: no restriction.
struct OutcomeFilter {
  std::string region_code, operator_code, track_code;
  std::optional<std::int64_t> operator_id;  // the user's own organisation, for operator staff
};

// Every enrolment within the filter, with the placements of its candidate, and the key of each
// grouping it falls in (an integer: region number, organisation, site, track or cohort id,
// 0 for men and 1 for women, start year, start year × 10 + quarter).
struct EnrolmentFacts {
  std::vector<outcomes::LearnerFact> learners;  // group left at 0
  std::vector<outcomes::PlacementFact> placements;
  std::vector<std::int64_t> enrolment_ids, candidate_ids, cohort_ids;  // beside learners
  std::vector<std::array<std::int64_t, kGroupings>> keys;               // beside learners, by Grouping
};
EnrolmentFacts load_enrolment_facts(Connection& conn, const OutcomeFilter& filter);

// The code and name of each group key of a grouping, in the language asked for (regions and
// tracks have names in fr, ar and en). Gender and the periods have no name here.
struct GroupName {
  std::string key, label;
};
std::map<std::int64_t, GroupName> group_names(soci::session& sql, Grouping grouping, const std::string& lang);

// The programme's funnel: applicants (candidates with a submitted application), admitted
// (applications offered or accepted), and enrolments, within the filter.
struct Funnel {
  std::int64_t applicants = 0, admitted = 0;
};
Funnel load_funnel(soci::session& sql, const OutcomeFilter& filter);

// A convention's learner target: what it counts and how many it wants.
struct TargetRow {
  std::int64_t id = 0;
  std::string convention_code, convention_title, region_code, track_code, start_date, end_date;
  std::int64_t learners = 0;
  std::int64_t achieved = 0;  // enrolments in cohorts of the region and track starting in the period
};
std::vector<TargetRow> load_targets(soci::session& sql);

// What an operator's payment statement is computed from: its learners (with their placements),
// who they are, and the conventions it is party to with their tranches.
struct PaymentLearnerRow {
  std::int64_t enrolment_id = 0, candidate_id = 0;
  std::string cin, first_name, last_name, cohort_code, status, exit_date;
};
struct PaymentData {
  std::int64_t operator_id = 0;
  std::string operator_code, operator_name;
  std::vector<outcomes::PaymentLearner> learners;
  std::vector<outcomes::PlacementFact> placements;
  std::vector<PaymentLearnerRow> rows;  // beside learners
  std::vector<outcomes::PaymentConvention> conventions;
  std::map<std::int64_t, std::pair<std::string, std::string>> convention_names;  // id -> code, title
};
// nullopt: no operator with that code.
std::optional<PaymentData> load_payment_data(Connection& conn, const std::string& operator_code);

}  // namespace jobintech::store
