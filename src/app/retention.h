// Retention (docs/privacy.md): the personal data of a candidate whose last activity in the
// programme (her record, applications, enrolments, jobs, follow-ups) is older than the retention
// period are replaced by neutral values — name, CIN, e-mail, phone, exact birth date, free texts,
// her account, and the before/after copies in the audit log — while what the indicators count
// (gender, region, education, cohorts, results, jobs, salaries) stays, so every aggregate is
// unchanged. It also deletes ended sessions and day-old failed sign-in counters. One transaction;
// running it again changes nothing more. `jobintech retention`.
#pragma once

#include <cstdint>
#include <string>

#include "store/database.h"

namespace jobintech::app {

inline constexpr int kDefaultRetentionMonths = 60;

struct RetentionReport {
  std::string cutoff;           // activity before this date is past the retention period
  std::int64_t anonymised = 0;  // candidates anonymised by this run (or, dry run, that would be)
  std::int64_t accounts = 0;    // their user accounts closed
  std::int64_t sessions_purged = 0;          // ended sessions deleted
  std::int64_t sign_in_failures_purged = 0;  // failed sign-in counters older than a day deleted
};

// `today`: the date the period is counted back from (YYYY-MM-DD; empty: today). `dry_run`: count only.
RetentionReport apply_retention(store::Database& db, int months, const std::string& today, bool dry_run);

}  // namespace jobintech::app
