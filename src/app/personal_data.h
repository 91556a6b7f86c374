// PersonalData: everything the programme holds about one candidate, for her right of access
// (law 09-08, art. 7; docs/privacy.md) — her record and account, applications and allocation
// decisions, enrolments, attendance, assessments, certificates, jobs and their follow-ups, skills,
// consents with their history, employers' contact requests, her correction requests, and who read
// or changed her record (from the audit log, by role). Also her requests to correct it, which the
// programme office answers. Thread-safe: each call leases its own connection.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/actor.h"
#include "app/outcome.h"
#include "store/database.h"

namespace jobintech::app {

struct PersonalDataSection {
  std::string name;                       // "applications"; the catalogue key is "privacy.section_NAME"
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;  // as text; empty cells for NULL
};

// The fields a candidate may ask to correct.
const std::vector<std::string>& correctable_fields();

class PersonalDataService {
 public:
  explicit PersonalDataService(store::Database& db) : db_(db) {}

  // The candidate herself, or an admin answering a request by post; the download is audited.
  Result<std::vector<PersonalDataSection>> everything_about(const Actor& actor, std::int64_t candidate_id);
  // She asks that `field` be corrected to `requested_value`, and says why.
  Outcome request_correction(const Actor& actor, std::int64_t candidate_id, const std::string& field,
                             const std::string& requested_value, const std::string& reason);
  // Admin: the requests with this status ("open", "done", "refused"; empty: all), newest first.
  Result<std::vector<PersonalDataSection>> corrections(const Actor& actor, const std::string& status);
  // Admin: done (the record is corrected by the usual forms, then the request closed) or refused, with the answer.
  Outcome answer_correction(const Actor& actor, std::int64_t request_id, const std::string& status,
                            const std::string& answer);

 private:
  store::Database& db_;
};

// A section's rows as JSON objects, column name to text.
nlohmann::json rows_json(const PersonalDataSection& section);
// Every section, by name: {"applications": [rows], ...}.
nlohmann::json sections_json(const std::vector<PersonalDataSection>& sections);

}  // namespace jobintech::app
