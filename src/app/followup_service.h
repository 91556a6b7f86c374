// FollowupService: the follow-ups of a placement (docs/training.md, "Follow-ups"): at 3, 6 and 12
// calendar months after its start (core::add_months: from the 31st, the last day of a shorter
// month), whether the person is still employed.
//  - A follow-up may be recorded once its due date has come, checked on a day between the due
//    date and today; recording the same checkpoint again replaces it (audited before and after).
//    A "no longer employed" answer leaves the placement as it is: its end date is not invented.
//  - The follow-ups due and not yet recorded, oldest due date first, a page at a time: the
//    programme office sees all of them, an operator those of the learners of its cohorts.
// Who: the reach of updating the placement (app/access_policy.cpp): the programme office on every
// placement, an operator on those of its learners (others' are not found); the learner herself
// reads hers. Each write runs in one transaction with its audit line. Thread-safe: each call
// leases its own connection.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/outcome.h"
#include "store/database.h"
#include "store/followup_repository.h"

namespace jobintech::app {

inline constexpr std::array<int, 3> kFollowupMonths = {3, 6, 12};

struct FollowupCheckpoint {
  int months = 0;
  std::string due_on;                         // start date + months
  bool due = false;                           // due_on <= today
  std::optional<store::FollowupRow> recorded;  // none until recorded
};

struct PlacementFollowups {
  std::int64_t placement_id = 0, candidate_id = 0;
  std::string employer_name, job_title, start_date, end_date;
  std::vector<FollowupCheckpoint> checkpoints;  // 3, 6 and 12 months
};

// What a follow-up records: still employed or not, the day it was checked, a note (may be empty).
struct FollowupInput {
  bool still_employed = false;
  std::string checked_on, note;
};

struct DueFollowup {
  store::DueFollowupRow row;
  std::string due_on;
};

struct DueFollowups {
  std::vector<DueFollowup> items;
  std::int64_t total = 0;
  int limit = 50, offset = 0;
};

class FollowupService {
 public:
  explicit FollowupService(store::Database& db) : db_(db) {}

  // Roles that see a list of follow-ups due: the programme office, and an operator's staff.
  static bool sees_due(const Actor& actor) {
    return actor.role == Role::admin || (actor.role == Role::operator_staff && actor.organisation_id.has_value());
  }

  // The three checkpoints of a placement, recorded or not. Who may read the placement with its
  // personal fields: the office, its operator, the learner herself (others: 404, or 403 for
  // roles without access to people's jobs).
  Result<PlacementFollowups> followups(const Actor& actor, std::int64_t placement_id);
  // The same, when the actor may also record them (the reach of updating the placement): what a
  // handler checks before it reports a malformed body, so that others learn nothing from it.
  Result<PlacementFollowups> writable(const Actor& actor, std::int64_t placement_id);
  // Created the first time (created), replaced afterwards (ok). Refused (422) when months is not
  // 3, 6 or 12 (field "months"), the checkpoint is not yet due ("months"), checked_on is not a
  // date, is in the future or before the due date ("checked_on"), the note is too long ("note").
  Result<PlacementFollowups> record(const Actor& actor, std::int64_t placement_id, int months,
                                    const FollowupInput& input);
  // The follow-ups due (due date <= today) and not recorded, by due date. Limit 1 to 500.
  Result<DueFollowups> due(const Actor& actor, int limit, int offset);

 private:
  Result<PlacementFollowups> load(const Actor& actor, std::int64_t placement_id, bool for_writing);
  store::Database& db_;
};

// The due date of a checkpoint: start + months calendar months.
std::string followup_due_on(const std::string& start_date, int months);
// The latest start date whose checkpoint `months` is due on or before `day`.
std::string latest_start_due_by(const std::string& day, int months);

}  // namespace jobintech::app
