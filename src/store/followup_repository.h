// FollowupRepository: the SQL of placement follow-ups (placement_followups): the checks at 3, 6
// and 12 months after a placement's start that record whether the person is still employed, and
// the list of follow-ups due and not yet recorded. Due dates are calendar arithmetic done by the
// caller (core::add_months): SQLite's date('+N months') does not clamp the 31st to a shorter
// month, so the SQL only compares start dates with bounds the caller computed. Plain rows in,
// plain rows out; the caller owns the transaction. Not thread-safe: one per session.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace jobintech::store {

struct FollowupRow {
  int months = 0;  // 3, 6 or 12
  bool still_employed = false;
  std::string checked_on, note;
};

// A follow-up due and not yet recorded: the placement, its learner and the checkpoint.
struct DueFollowupRow {
  std::int64_t placement_id = 0, candidate_id = 0;
  std::string first_name, last_name, employer_name, job_title, start_date;
  int months = 0;
};

class FollowupRepository {
 public:
  explicit FollowupRepository(soci::session& sql) : sql_(sql) {}

  // The follow-ups recorded for a placement, by months.
  std::vector<FollowupRow> of_placement(std::int64_t placement_id);
  // Inserts or replaces the follow-up of (placement, months).
  void put(std::int64_t placement_id, const FollowupRow& row);

  // Follow-ups not recorded of the placements whose checkpoint `months` is due: those started on
  // or before started_by[months] (one bound per checkpoint, from the caller's calendar). Only the
  // placements of the learners of operator_id's cohorts when given. Ordered by due date (the
  // start's month plus `months`, then its day: the same order as the clamped due dates), then
  // placement id; a page of `limit` rows from `offset`.
  std::vector<DueFollowupRow> due(const std::map<int, std::string>& started_by, std::optional<std::int64_t> operator_id,
                                  int limit, int offset);
  std::int64_t count_due(const std::map<int, std::string>& started_by, std::optional<std::int64_t> operator_id);

 private:
  soci::session& sql_;
};

}  // namespace jobintech::store
