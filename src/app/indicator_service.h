// IndicatorService: the programme's numbers for the programme office, the ministry, the funder
// and each operator (its own cohorts): the indicators of docs/indicators.md grouped one way or
// several, the funnel from applicants to inserted learners, and the conventions' targets against
// what was achieved. The API, the dashboard and every export read the same IndicatorReport, so
// they cannot disagree. Results are cached per (parameters, data version) for at most 30 s.
// Thread-safe: each call leases its own connection.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/outcome.h"
#include "outcomes/indicators.h"
#include "store/database.h"
#include "store/outcomes_repository.h"

namespace jobintech::app {

struct IndicatorParams {
  std::string as_of;                    // YYYY-MM-DD; today when empty
  std::string from, to;                 // exit period, inclusive; empty: open
  std::vector<std::string> group_by;    // grouping names; the API takes one
  std::string region, operator_code, track;  // filters (codes); empty: all
  std::string lang = "fr";              // names of regions and tracks, and the labels of gender and "all"
};

// Reads the parameters of a request (as_of, from, to, group_by, region, operator, track): a bad
// value is an error naming its parameter; group_by may list several groupings separated by ','.
Result<IndicatorParams> parse_indicator_params(const std::map<std::string, std::string>& query);

struct IndicatorGroup {
  std::string key, label;
  outcomes::Indicators values;
};

struct IndicatorTable {
  std::string group_by;
  std::vector<IndicatorGroup> groups;
};

struct IndicatorReport {
  std::string as_of, from, to;
  std::vector<IndicatorTable> tables;  // one per grouping asked for, in that order
};

struct FunnelView {
  std::int64_t applicants = 0, admitted = 0, enrolled = 0, graduated = 0, inserted_6m = 0;
};

class IndicatorService {
 public:
  explicit IndicatorService(store::Database& db) : db_(db) {}

  // Admin and steering: everything; operator staff: their own cohorts; others: forbidden.
  Result<IndicatorReport> indicators(const Actor& actor, const IndicatorParams& params);
  Result<FunnelView> funnel(const Actor& actor, const IndicatorParams& params);
  // Every convention target with what was achieved (admin and steering; operators: their conventions').
  Result<std::vector<store::TargetRow>> targets(const Actor& actor);

 private:
  store::Database& db_;
};

// The indicator fields in the order of the API and the exports.
const std::vector<std::string>& indicator_fields();
// True for the fields that are counts (suppressed below 5 in the open-data export).
bool is_count_field(const std::string& field);
// A field's value: an integer, a fraction, or null.
std::optional<double> indicator_value(const outcomes::Indicators& i, const std::string& field);

}  // namespace jobintech::app
