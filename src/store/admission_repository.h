// AdmissionRepository: the SQL of admission rounds — a round and its cohorts, the applications an
// allocation reads, the runs with their assignments and cut-offs, and the status changes of
// publication and answers. Plain rows in, plain rows out; the caller owns the transaction.
// Not thread-safe: one per session.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jobintech::store {

struct RoundRow {
  std::int64_t id = 0;
  std::string code, name, opens_on, closes_on, status, precedence, lottery_seed, min_education;
  int max_choices = 5, answer_days = 7;
  std::optional<int> min_age, max_age;
};

struct RoundCohortRow {
  std::int64_t id = 0;
  std::string code, track_code, region_code, city, site_name, operator_name, start_date, admission_area;
  std::int64_t operator_id = 0;
  int capacity = 0, reserved_women = 0, reserved_local = 0;
  double weight_test = 0, weight_interview = 0;
};

// One application as the allocation reads it, with its candidate's profile.
struct PoolRow {
  std::int64_t application_id = 0, candidate_id = 0, cohort_id = 0;
  int rank = 0;
  std::optional<double> score;  // the composite used for selection (docs/allocation.md)
  std::string status, seat, answer_by, ineligible_reason;
  std::string gender, region_code, birth_date, education_level;
};

struct RunRow {
  std::int64_t id = 0, round_id = 0;
  int number = 0;
  std::string kind, label, parameters, input_digest, lottery_seed, program_version, status, summary, created_at;
  std::string published_at, answer_deadline;
  int candidates = 0, assigned = 0;
  std::int64_t proposals = 0;
  double engine_ms = 0;
  std::optional<std::int64_t> created_by;
};

struct AssignmentRow {
  std::int64_t candidate_id = 0, cohort_id = 0;
  std::string seat;
  int choice_rank = 0;
  double score = 0;
};

struct CutoffRow {
  std::int64_t cohort_id = 0;
  std::string seat;
  int seats = 0, filled = 0, filled_with_priority = 0;
  std::optional<double> last_score, last_priority_score, last_other_score;
};

// An application to one cohort, for its admitted list and waitlist.
struct CohortListRow {
  std::int64_t candidate_id = 0;
  std::string cin, first_name, last_name, gender, region_code, status, seat;
  int rank = 0;
  std::optional<double> score;
  std::optional<int> held_rank;  // rank of the offer she holds in the round; 0 once she accepted a seat
  std::int64_t application_id = 0;
  std::optional<double> test_score, interview_score;
};

class AdmissionRepository {
 public:
  explicit AdmissionRepository(soci::session& sql) : sql_(sql) {}

  std::optional<RoundRow> round(std::int64_t round_id);
  // The announced rounds (not drafts) a candidate applied to, newest first.
  std::vector<RoundRow> rounds_of_candidate(std::int64_t candidate_id);
  std::vector<RoundRow> rounds_with_status(const std::string& status);
  std::vector<RoundCohortRow> cohorts(std::int64_t round_id);
  std::optional<RoundCohortRow> cohort(std::int64_t cohort_id);
  std::optional<std::int64_t> round_of_cohort(std::int64_t cohort_id);

  // Every application to the round's cohorts, by candidate then rank.
  std::vector<PoolRow> pool(std::int64_t round_id);
  // One candidate's applications in the round, by rank.
  std::vector<PoolRow> applications_of(std::int64_t round_id, std::int64_t candidate_id);
  struct CandidateProfile {
    std::string gender, region_code, birth_date, education_level;
  };
  std::optional<CandidateProfile> candidate(std::int64_t candidate_id);

  // Replaces a candidate's choices in the round (cohort id, rank, status, reason), keeping the
  // scores of applications that stay.
  struct Choice {
    std::int64_t cohort_id;
    int rank;
    std::string status, ineligible_reason;
  };
  void replace_choices(std::int64_t round_id, std::int64_t candidate_id, const std::vector<Choice>& choices,
                       const std::string& now);

  void set_status(std::int64_t application_id, const std::string& status, const std::string& reason,
                  const std::string& now);
  // Offers whose answer_by is before `today` become expired; returns how many.
  long long expire_offers(std::int64_t round_id, const std::string& today, const std::string& now);

  int next_run_number(std::int64_t round_id);
  std::int64_t insert_run(const RunRow& run);
  void insert_results(std::int64_t run_id, const std::vector<AssignmentRow>& assignments,
                      const std::vector<CutoffRow>& cutoffs);
  std::optional<RunRow> run(std::int64_t run_id);
  std::vector<RunRow> runs(std::int64_t round_id);
  std::optional<RunRow> latest_published_run(std::int64_t round_id);
  // The latest published (or since superseded) run that assigned the candidate to the cohort.
  std::optional<std::int64_t> run_that_assigned(std::int64_t round_id, std::int64_t candidate_id,
                                                std::int64_t cohort_id);
  std::vector<AssignmentRow> assignments(std::int64_t run_id);
  std::optional<AssignmentRow> assignment(std::int64_t run_id, std::int64_t candidate_id);
  std::vector<CutoffRow> cutoffs(std::int64_t run_id);

  // Publishes a run: earlier published runs of the round are superseded, and each assignment
  // becomes an offer to answer by `answer_by`.
  void publish(const RunRow& run, const std::string& answer_by, const std::string& now);

  // Every application to the cohort, best score first.
  std::vector<CohortListRow> cohort_lists(std::int64_t cohort_id);

  void enrol(std::int64_t candidate_id, std::int64_t cohort_id, const std::string& now);

 private:
  soci::session& sql_;
};

}  // namespace jobintech::store
