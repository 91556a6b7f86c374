#include "app/retention.h"

#include <algorithm>
#include <stdexcept>

#include "app/auth_service.h"
#include "core/date.h"
#include "store/audit_log.h"
#include "store/data_version.h"
#include "store/sql.h"
#include "store/transaction.h"

namespace jobintech::app {

namespace {

// The candidates not yet anonymised whose latest activity is before the cutoff.
const char* kDue =
    "SELECT c.id FROM candidates c WHERE c.anonymised_at IS NULL AND c.updated_at < ? "
    "AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.candidate_id = c.id AND a.updated_at >= ?) "
    "AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.candidate_id = c.id "
    "                AND (e.updated_at >= ? OR e.exit_date >= ?)) "
    "AND NOT EXISTS (SELECT 1 FROM placements p WHERE p.candidate_id = c.id "
    "                AND (p.updated_at >= ? OR p.end_date >= ? OR p.start_date >= ?)) "
    "AND NOT EXISTS (SELECT 1 FROM placement_followups f JOIN placements p ON p.id = f.placement_id "
    "                WHERE p.candidate_id = c.id AND f.checked_on >= ?) "
    "ORDER BY c.id";

// Each statement takes the candidate's id once per "?".
const char* kAnonymise[] = {
    "UPDATE candidates SET cin = 'ANON' || CAST(id AS TEXT), first_name = 'Anonyme', last_name = 'Anonyme', "
    "birth_date = SUBSTR(birth_date, 1, 4) || '-07-01', email = NULL, phone = NULL, anonymised_at = ?, "
    "updated_at = ?, version = version + 1 WHERE id = ?",
    "UPDATE placements SET evidence_note = NULL WHERE candidate_id = ?",
    "UPDATE placement_followups SET note = NULL WHERE placement_id IN (SELECT id FROM placements WHERE candidate_id = ?)",
    "UPDATE contact_requests SET message = NULL WHERE candidate_id = ?",
    "UPDATE correction_requests SET requested_value = '', reason = '', answer = '' WHERE candidate_id = ?",
    "DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE candidate_id = ?)",
    "UPDATE api_tokens SET revoked_at = ? WHERE revoked_at IS NULL AND user_id IN (SELECT id FROM users WHERE candidate_id = ?)",
    "UPDATE users SET email = 'anonyme-' || CAST(id AS TEXT) || '@invalid', display_name = 'Anonyme', "
    "password_hash = '!', active = 0, totp_secret = NULL, totp_pending_secret = NULL, updated_at = ? "
    "WHERE candidate_id = ?",
    // The copies of her records in the audit log: her record, and those of her applications,
    // enrolments and jobs (which carry her name).
    "UPDATE audit_log SET before_json = NULL, after_json = NULL WHERE entity = 'candidates' AND entity_id = CAST(? AS TEXT)",
    "UPDATE audit_log SET before_json = NULL, after_json = NULL WHERE entity = 'applications' AND entity_id IN "
    "(SELECT CAST(id AS TEXT) FROM applications WHERE candidate_id = ?)",
    "UPDATE audit_log SET before_json = NULL, after_json = NULL WHERE entity = 'enrolments' AND entity_id IN "
    "(SELECT CAST(id AS TEXT) FROM enrolments WHERE candidate_id = ?)",
    "UPDATE audit_log SET before_json = NULL, after_json = NULL WHERE entity = 'placements' AND entity_id IN "
    "(SELECT CAST(id AS TEXT) FROM placements WHERE candidate_id = ?)",
};

}  // namespace

RetentionReport apply_retention(store::Database& db, int months, const std::string& today_text, bool dry_run) {
  if (months < 1 || months > 1200) throw std::invalid_argument("--months: from 1 to 1200");
  const auto today = today_text.empty() ? core::today_utc() : core::parse_date(today_text);
  if (!today) throw std::invalid_argument("--today: a date YYYY-MM-DD expected, not \"" + today_text + "\"");
  RetentionReport report;
  report.cutoff = core::format_date(core::add_months(*today, -months));
  auto conn = db.connect();
  auto& sql = conn.session();
  store::Transaction tx(sql);
  const auto& c = report.cutoff;
  const auto due = store::fetch_all(sql, kDue, {c, c, c, c, c, c, c, c});
  report.anonymised = static_cast<std::int64_t>(due.size());
  report.accounts = 0;
  if (dry_run) return report;
  const auto now = core::now_utc();
  // Traces of signing in, kept no longer than they serve: ended sessions, and failed sign-ins
  // (an e-mail or an address) a day after their window.
  report.sessions_purged = store::execute(sql, "DELETE FROM sessions WHERE expires_at < ? OR created_at < ?",
                                          {now, core::timestamp_after_seconds(-kSessionAbsoluteSeconds)});
  report.sign_in_failures_purged =
      store::execute(sql, "DELETE FROM login_failures WHERE window_start < ?", {core::timestamp_after_seconds(-86400)});
  if (due.empty()) {
    tx.commit();
    return report;
  }
  for (const auto& row : due) {
    const auto id = store::as_integer(row[0]);
    report.accounts += store::fetch_integer(sql, "SELECT COUNT(*) FROM users WHERE candidate_id = ? AND active = 1",
                                            {id}).value_or(0);
    for (const char* statement : kAnonymise) {
      store::Params params;
      const std::string text = statement;
      // Timestamps first ("anonymised_at = ?, updated_at = ?", "revoked_at = ?"), the id last.
      const auto marks = std::count(text.begin(), text.end(), '?');
      for (long i = 0; i + 1 < marks; ++i) params.push_back(now);
      params.push_back(id);
      store::execute(sql, text, params);
    }
  }
  store::append_audit(sql, {std::nullopt, "cli", "anonymise", "candidates", "", {}, {},
                            "retention months=" + std::to_string(months) + " cutoff=" + c +
                                " candidates=" + std::to_string(report.anonymised)});
  store::commit_write(sql, tx, "candidates");
  return report;
}

}  // namespace jobintech::app
