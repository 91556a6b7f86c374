// AdmissionService: the use cases of an admission round (docs/allocation.md).
//  - a candidate ranks up to K cohorts of an open round, each choice checked for eligibility;
//  - the programme office runs the allocation (official, or a policy-lab simulation under another
//    reserve design), stores it with the digest of its inputs, its seed and the program version,
//    and publishes it: each assigned candidate gets an offer to answer before a deadline;
//  - the candidate accepts (and is enrolled) or declines; the next run keeps every accepted seat
//    and every offer still open, and moves the waitlists;
//  - anyone concerned reads why: the candidate her result and the cut-off of every seat kind of
//    each cohort she ranked higher; the operator its admitted list and waitlist.
// Each call checks the actor's role and scope, runs in one transaction and writes the audit log.
// Thread-safe: each call leases its own connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "admission/allocation.h"
#include "admission/instance_text.h"
#include "app/actor.h"
#include "app/outcome.h"
#include "store/admission_repository.h"
#include "store/database.h"

namespace jobintech::app {

// A round as its users see it.
struct RoundView {
  store::RoundRow round;
  std::vector<store::RoundCohortRow> cohorts;
  bool accepting = false;  // open, and today between opens_on and closes_on
};

// A candidate's choice with its cohort and what became of it.
struct ChoiceView {
  int rank = 0;
  store::RoundCohortRow cohort;
  std::string status;             // submitted, eligible, ineligible, offered, accepted, declined, expired
  std::string ineligible_reason;  // catalogue code, see admission/eligibility.h
  std::optional<double> score;
  std::string seat, answer_by;
};

struct CandidateChoices {
  RoundView round;
  std::vector<ChoiceView> choices;
  std::vector<std::pair<std::int64_t, std::string>> eligibility;  // cohort id -> "" or reason code
};

// Why a cohort ranked higher did not take the candidate, per seat kind.
struct SeatStanding {
  std::string seat;  // open, women, local
  int seats = 0, filled = 0;
  std::optional<double> last_admitted, compared_with;
  bool priority = false;
  std::string standing;  // below, tie_lost, reserved, changed
};

struct ChoiceResult {
  ChoiceView choice;
  std::string outcome;  // obtained; refused (ranked higher, explained); lower (ranked below the one obtained);
                        // ineligible; declined (declined or expired); pending (no published run yet)
  std::vector<SeatStanding> standings;  // for refused
};

struct CandidateResult {
  RoundView round;
  std::optional<store::RunRow> run;  // the latest published run; none before publication
  std::string status;  // none (not published), offered, accepted, declined, expired, waitlisted, not_applied
  std::int64_t lottery = 0;
  std::optional<ChoiceView> offer;  // the offered or accepted choice
  std::vector<ChoiceResult> choices;
};

struct RunRequest {
  std::string kind = "official";  // official or simulation
  std::string label;
  std::optional<admission::Precedence> precedence;  // default: the round's
  std::optional<int> women_percent, local_percent;  // reserve sizes as % of capacity; default: each cohort's
};

// What the policy lab compares, stored with each run (allocation_runs.summary, JSON).
struct RunSummary {
  int candidates = 0, assigned = 0, seats = 0, empty_seats = 0, first_choice = 0;
  std::optional<double> median_score;
  int women_assigned = 0, men_assigned = 0, held = 0, ineligible = 0, unscored = 0;
  std::vector<std::pair<std::string, std::pair<int, int>>> by_region;  // region -> (women, men) assigned
};

struct AdmissionLine {
  std::int64_t application_id = 0;
  std::int64_t candidate_id = 0;
  std::string cin, first_name, last_name, gender, region_code, status, seat;
  int rank = 0;
  std::optional<double> score, test_score, interview_score;
};

struct CohortAdmissions {
  store::RoundCohortRow cohort;
  std::optional<store::RunRow> run;
  std::vector<AdmissionLine> admitted;  // offered, accepted, declined or expired, by score
  std::vector<AdmissionLine> waitlist;  // still waiting for this cohort, by score
};

// A round's allocation inputs as `jobintech allocate` reads them, with their digest: what an
// auditor downloads to re-run the round.
struct RoundInputs {
  admission::AllocationCsv files;
  std::string input_digest;
  std::string precedence;
};

class AdmissionService {
 public:
  explicit AdmissionService(store::Database& db) : db_(db) {}

  // Who may call what, for handlers that must refuse before reading a body.
  static bool manages_rounds(const Actor& actor) { return actor.role == Role::admin; }
  static bool applies(const Actor& actor) { return actor.role == Role::candidate && actor.candidate_id.has_value(); }

  Result<std::vector<RoundView>> open_rounds(const Actor& actor);
  // The rounds a candidate applied to (herself, or staff who may read her record).
  Result<std::vector<store::RoundRow>> rounds_of_candidate(const Actor& actor, std::int64_t candidate_id);
  Result<RoundView> round(const Actor& actor, std::int64_t round_id);

  // Candidates.
  Result<CandidateChoices> choices(const Actor& actor, std::int64_t round_id);
  // Ranked cohort codes, best first. Refused as a whole (422, field "cohorts" or "cohorts[i]")
  // when the round is not accepting, a code is unknown or repeated, there are more than K, or a
  // choice is not eligible.
  Result<CandidateChoices> submit_choices(const Actor& actor, std::int64_t round_id,
                                          const std::vector<std::string>& cohort_codes);
  Result<CandidateResult> result(const Actor& actor, std::int64_t round_id, std::optional<std::int64_t> candidate_id);
  Result<CandidateResult> answer_offer(const Actor& actor, std::int64_t round_id, bool accept);

  // The programme office.
  Result<store::RunRow> run(const Actor& actor, std::int64_t round_id, const RunRequest& request);
  Result<std::vector<store::RunRow>> runs(const Actor& actor, std::int64_t round_id);
  Result<store::RunRow> publish(const Actor& actor, std::int64_t run_id);
  // The inputs an official run would read now (the round's own reserves and order). Until
  // anything changes in the round, their digest is the latest run's.
  Result<RoundInputs> inputs(const Actor& actor, std::int64_t round_id);

  // Operators (their own cohorts) and the programme office.
  // `export_format` ("csv", "xlsx"), when not empty, records the export of these personal data in
  // the audit log.
  Result<CohortAdmissions> cohort_admissions(const Actor& actor, std::int64_t cohort_id,
                                             const std::string& export_format = "");

 private:
  store::Database& db_;
};

// The lottery number of a candidate in a round: the first 6 bytes of SHA-256("SEED:ID") read as a
// big-endian integer, so that anyone can recompute it from the published seed.
std::int64_t lottery_number(const std::string& seed, std::int64_t candidate_id);

RunSummary parse_run_summary(const std::string& json);

}  // namespace jobintech::app
