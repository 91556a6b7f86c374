#include "store/matching_repository.h"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "store/row_stream.h"
#include "store/sql.h"

namespace jobintech::store {

namespace {

// A learner's skills as one relation: validated by an assessment in any of her enrolments, or
// declared by her.
const std::string kValidated =
    "SELECT e.candidate_id AS candidate_id, a.skill_code AS skill_code, 1 AS validated FROM assessments a "
    "JOIN enrolments e ON e.id = a.enrolment_id WHERE a.validated = 1";
const std::string kDeclared =
    "SELECT d.candidate_id AS candidate_id, d.skill_code AS skill_code, 0 AS validated FROM declared_skills d";

const std::string kGraduated = "EXISTS (SELECT 1 FROM enrolments g WHERE g.candidate_id = c.id AND g.status = 'graduated')";
const std::string kConsenting =
    "EXISTS (SELECT 1 FROM consents k WHERE k.candidate_id = c.id AND k.purpose = 'employer_visibility' "
    "AND k.withdrawn_at IS NULL)";

const char* kContactColumns =
    "SELECT r.id, r.offer_id, r.candidate_id, o.employer_id, o.title, e.name, COALESCE(r.message, ''), r.status, "
    "r.created_at, COALESCE(r.answered_at, '') FROM contact_requests r JOIN job_offers o ON o.id = r.offer_id "
    "JOIN organisations e ON e.id = o.employer_id ";

ContactRequestRow contact_from(const Row& r) {
  return {as_integer(r[0]), as_integer(r[1]), as_integer(r[2]), as_integer(r[3]), as_text(r[4]), as_text(r[5]),
          as_text(r[6]),    as_text(r[7]),    as_text(r[8]),    as_text(r[9])};
}

std::string placeholders(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

}  // namespace

std::vector<OfferSkillsRow> MatchingRepository::open_offers() {
  std::vector<OfferSkillsRow> offers;
  std::map<std::int64_t, std::size_t> at;
  for_each_row(conn_, "SELECT id, region_code, remote FROM job_offers WHERE status = 'open' ORDER BY id", {},
               [&](const RowReader& r) {
                 at[r.integer(0)] = offers.size();
                 offers.push_back({r.integer(0), std::string(r.text(1)), r.integer(2) != 0, {}, {}});
               });
  for (const char* table : {"offer_required_skills", "offer_nice_skills"}) {
    const bool required = std::string(table) == "offer_required_skills";
    for_each_row(conn_,
                 std::string("SELECT s.offer_id, s.skill_code FROM ") + table +
                     " s JOIN job_offers o ON o.id = s.offer_id WHERE o.status = 'open' ORDER BY s.offer_id, s.skill_code",
                 {}, [&](const RowReader& r) {
                   auto it = at.find(r.integer(0));
                   if (it == at.end()) return;
                   auto& offer = offers[it->second];
                   (required ? offer.required : offer.nice).emplace_back(r.text(1));
                 });
  }
  return offers;
}

std::optional<OfferSkillsRow> MatchingRepository::offer_skills(std::int64_t offer_id) {
  auto row = fetch_one(sql_, "SELECT id, region_code, remote FROM job_offers WHERE id = ?", {offer_id});
  if (!row) return std::nullopt;
  OfferSkillsRow offer{as_integer((*row)[0]), as_text((*row)[1]), as_integer((*row)[2]) != 0, {}, {}};
  for (auto& r : fetch_all(sql_, "SELECT skill_code FROM offer_required_skills WHERE offer_id = ? ORDER BY 1", {offer_id}))
    offer.required.push_back(as_text(r[0]));
  for (auto& r : fetch_all(sql_, "SELECT skill_code FROM offer_nice_skills WHERE offer_id = ? ORDER BY 1", {offer_id}))
    offer.nice.push_back(as_text(r[0]));
  return offer;
}

std::optional<std::int64_t> MatchingRepository::offer_employer(std::int64_t offer_id) {
  return fetch_integer(sql_, "SELECT employer_id FROM job_offers WHERE id = ?", {offer_id});
}

std::vector<OfferCardRow> MatchingRepository::offer_cards(const std::vector<std::int64_t>& ids) {
  std::vector<OfferCardRow> out;
  if (ids.empty()) return out;
  Params params(ids.begin(), ids.end());
  std::map<std::int64_t, OfferCardRow> by_id;
  for (auto& r : fetch_all(sql_,
                           "SELECT o.id, o.title, e.name, o.region_code, COALESCE(o.city, ''), o.contract_type, "
                           "COALESCE(o.start_date, ''), o.status, o.remote, o.positions, o.salary_min_centimes, "
                           "o.salary_max_centimes FROM job_offers o JOIN organisations e ON e.id = o.employer_id "
                           "WHERE o.id IN (" + placeholders(ids.size()) + ")",
                           params)) {
    OfferCardRow c{as_integer(r[0]), as_text(r[1]), as_text(r[2]), as_text(r[3]), as_text(r[4]), as_text(r[5]),
                   as_text(r[6]), as_text(r[7]), as_integer(r[8]) != 0, as_integer(r[9]), std::nullopt, std::nullopt};
    if (!core::is_null(r[10])) c.salary_min_mad = static_cast<double>(as_integer(r[10])) / 100.0;
    if (!core::is_null(r[11])) c.salary_max_mad = static_cast<double>(as_integer(r[11])) / 100.0;
    by_id[c.id] = std::move(c);
  }
  for (auto id : ids)
    if (auto it = by_id.find(id); it != by_id.end()) out.push_back(it->second);
  return out;
}

std::vector<LearnerSkillRow> MatchingRepository::learner_skills(std::int64_t candidate_id) {
  std::vector<LearnerSkillRow> out;
  for (auto& r : fetch_all(sql_,
                           "SELECT skill_code, MAX(validated) FROM (" + kValidated + " AND e.candidate_id = ? UNION ALL " +
                               kDeclared + " WHERE d.candidate_id = ?) s GROUP BY skill_code ORDER BY skill_code",
                           {candidate_id, candidate_id}))
    out.push_back({as_text(r[0]), as_integer(r[1]) != 0});
  return out;
}

void MatchingRepository::declare_skill(std::int64_t candidate_id, const std::string& code, const std::string& today) {
  if (fetch_integer(sql_, "SELECT COUNT(*) FROM declared_skills WHERE candidate_id = ? AND skill_code = ?",
                    {candidate_id, code})
          .value_or(0))
    return;
  execute(sql_, "INSERT INTO declared_skills (candidate_id, skill_code, declared_on) VALUES (?, ?, ?)",
          {candidate_id, code, today});
}

bool MatchingRepository::remove_declared_skill(std::int64_t candidate_id, const std::string& code) {
  return execute(sql_, "DELETE FROM declared_skills WHERE candidate_id = ? AND skill_code = ?", {candidate_id, code}) > 0;
}

bool MatchingRepository::skill_exists(const std::string& code) {
  return fetch_integer(sql_, "SELECT COUNT(*) FROM skills WHERE code = ?", {code}).value_or(0) > 0;
}

std::vector<VisibleLearnerRow> MatchingRepository::visible_learners_holding(const std::vector<std::string>& skills) {
  std::vector<VisibleLearnerRow> out;
  if (skills.empty()) return out;
  Params params;
  for (int i = 0; i < 2; ++i)
    for (const auto& s : skills) params.push_back(s);
  // The latest graduation's track names what she trained in.
  const std::string query =
      "SELECT c.id, c.first_name, c.last_name, c.region_code, "
      "(SELECT t.code FROM enrolments g JOIN cohorts h ON h.id = g.cohort_id JOIN tracks t ON t.id = h.track_id "
      " WHERE g.candidate_id = c.id AND g.status = 'graduated' ORDER BY g.exit_date DESC, g.id DESC LIMIT 1), "
      "s.skill_code, MAX(s.validated) "
      "FROM (" + kValidated + " AND a.skill_code IN (" + placeholders(skills.size()) + ") UNION ALL " + kDeclared +
      " WHERE d.skill_code IN (" + placeholders(skills.size()) + ")) s JOIN candidates c ON c.id = s.candidate_id "
      "WHERE " + kConsenting + " AND " + kGraduated +
      " GROUP BY c.id, c.first_name, c.last_name, c.region_code, s.skill_code ORDER BY c.id, s.skill_code";
  for_each_row(conn_, query, params, [&](const RowReader& r) {
    const std::int64_t id = r.integer(0);
    if (out.empty() || out.back().candidate_id != id) {
      const std::string last(r.text(2));
      // The first letter of the family name, whole even when it is not ASCII.
      std::size_t n = last.empty() ? 0 : 1;
      while (n < last.size() && (static_cast<unsigned char>(last[n]) & 0xC0) == 0x80) ++n;
      out.push_back({id, std::string(r.text(1)), last.substr(0, n), std::string(r.text(3)), std::string(r.text(4)), {}});
    }
    out.back().skills.push_back({std::string(r.text(5)), r.integer(6) != 0});
  });
  return out;
}

bool MatchingRepository::is_visible(std::int64_t candidate_id) {
  return fetch_integer(sql_, "SELECT COUNT(*) FROM candidates c WHERE c.id = ? AND " + kConsenting + " AND " + kGraduated,
                       {candidate_id})
             .value_or(0) > 0;
}

bool MatchingRepository::has_graduated(std::int64_t candidate_id) {
  return fetch_integer(sql_, "SELECT COUNT(*) FROM candidates c WHERE c.id = ? AND " + kGraduated, {candidate_id})
             .value_or(0) > 0;
}

std::optional<ConsentRow> MatchingRepository::current_consent(std::int64_t candidate_id) {
  auto r = fetch_one(sql_,
                     "SELECT id, text_version, given_at FROM consents WHERE candidate_id = ? AND purpose = ? "
                     "AND withdrawn_at IS NULL",
                     {candidate_id, std::string(kEmployerVisibility)});
  if (!r) return std::nullopt;
  return ConsentRow{as_integer((*r)[0]), as_text((*r)[1]), as_text((*r)[2]), std::nullopt};
}

std::int64_t MatchingRepository::give_consent(std::int64_t candidate_id, const std::string& text_version,
                                              const std::string& now) {
  auto id = fetch_integer(sql_,
                          "INSERT INTO consents (candidate_id, purpose, text_version, given_at) VALUES (?, ?, ?, ?) "
                          "RETURNING id",
                          {candidate_id, std::string(kEmployerVisibility), text_version, now});
  if (!id) throw std::runtime_error("insert into consents returned no id");
  return *id;
}

bool MatchingRepository::withdraw_consent(std::int64_t candidate_id, const std::string& now) {
  return execute(sql_,
                 "UPDATE consents SET withdrawn_at = ? WHERE candidate_id = ? AND purpose = ? AND withdrawn_at IS NULL",
                 {now, candidate_id, std::string(kEmployerVisibility)}) > 0;
}

std::int64_t MatchingRepository::create_contact_request(std::int64_t offer_id, std::int64_t candidate_id,
                                                        const std::string& message, const std::string& now) {
  auto id = fetch_integer(sql_,
                          "INSERT INTO contact_requests (offer_id, candidate_id, message, status, created_at) "
                          "VALUES (?, ?, ?, 'pending', ?) RETURNING id",
                          {offer_id, candidate_id, message.empty() ? core::Value{} : core::Value{message}, now});
  if (!id) throw std::runtime_error("insert into contact_requests returned no id");
  return *id;
}

std::optional<ContactRequestRow> MatchingRepository::contact_request(std::int64_t id) {
  auto r = fetch_one(sql_, std::string(kContactColumns) + "WHERE r.id = ?", {id});
  if (!r) return std::nullopt;
  return contact_from(*r);
}

std::optional<ContactRequestRow> MatchingRepository::contact_request_for(std::int64_t offer_id,
                                                                         std::int64_t candidate_id) {
  auto r = fetch_one(sql_, std::string(kContactColumns) + "WHERE r.offer_id = ? AND r.candidate_id = ?",
                     {offer_id, candidate_id});
  if (!r) return std::nullopt;
  return contact_from(*r);
}

std::vector<ContactRequestRow> MatchingRepository::contact_requests_of_offer(std::int64_t offer_id) {
  std::vector<ContactRequestRow> out;
  for (auto& r : fetch_all(sql_, std::string(kContactColumns) + "WHERE r.offer_id = ? ORDER BY r.id", {offer_id}))
    out.push_back(contact_from(r));
  return out;
}

std::vector<ContactRequestRow> MatchingRepository::contact_requests_of_candidate(std::int64_t candidate_id) {
  std::vector<ContactRequestRow> out;
  for (auto& r :
       fetch_all(sql_, std::string(kContactColumns) + "WHERE r.candidate_id = ? ORDER BY r.id DESC", {candidate_id}))
    out.push_back(contact_from(r));
  return out;
}

std::vector<ContactRequestRow> MatchingRepository::contact_requests_of_employer(std::int64_t employer_id, int limit) {
  std::vector<ContactRequestRow> out;
  for (auto& r : fetch_all(sql_, std::string(kContactColumns) + "WHERE o.employer_id = ? ORDER BY r.id DESC LIMIT ?",
                           {employer_id, static_cast<std::int64_t>(limit)}))
    out.push_back(contact_from(r));
  return out;
}

bool MatchingRepository::answer_contact_request(std::int64_t id, bool accept, const std::string& now) {
  return execute(sql_, "UPDATE contact_requests SET status = ?, answered_at = ? WHERE id = ? AND status = 'pending'",
                 {std::string(accept ? "accepted" : "declined"), now, id}) > 0;
}

std::int64_t MatchingRepository::record_hire(std::int64_t offer_id, std::int64_t candidate_id,
                                             const std::string& job_title, const std::string& contract_type,
                                             const std::string& start_date,
                                             std::optional<std::int64_t> monthly_salary_centimes,
                                             const std::string& now) {
  auto id = fetch_integer(
      sql_,
      "INSERT INTO placements (candidate_id, employer_id, employer_name, job_title, contract_type, start_date, "
      "monthly_salary_centimes, offer_id, created_at, updated_at) "
      "SELECT ?, o.employer_id, e.name, ?, ?, ?, ?, o.id, ?, ? FROM job_offers o JOIN organisations e ON e.id = o.employer_id "
      "WHERE o.id = ? RETURNING id",
      {candidate_id, job_title, contract_type, start_date,
       monthly_salary_centimes ? core::Value{*monthly_salary_centimes} : core::Value{}, now, now, offer_id});
  if (!id) throw std::runtime_error("insert into placements returned no id");
  execute(sql_,
          "UPDATE job_offers SET status = 'filled', updated_at = ?, version = version + 1 WHERE id = ? AND status = 'open' "
          "AND positions <= (SELECT COUNT(*) FROM placements WHERE offer_id = ?)",
          {now, offer_id, offer_id});
  return *id;
}

std::int64_t MatchingRepository::hires_of_offer(std::int64_t offer_id) {
  return fetch_integer(sql_, "SELECT COUNT(*) FROM placements WHERE offer_id = ?", {offer_id}).value_or(0);
}

std::vector<std::int64_t> MatchingRepository::hired_on_offer(std::int64_t offer_id) {
  std::vector<std::int64_t> out;
  for (auto& r : fetch_all(sql_, "SELECT DISTINCT candidate_id FROM placements WHERE offer_id = ? ORDER BY 1", {offer_id}))
    out.push_back(as_integer(r[0]));
  return out;
}

std::optional<MatchingRepository::ContactDetails> MatchingRepository::contact_details(std::int64_t candidate_id) {
  auto r = fetch_one(sql_, "SELECT first_name, last_name, COALESCE(email, ''), COALESCE(phone, '') FROM candidates WHERE id = ?",
                     {candidate_id});
  if (!r) return std::nullopt;
  return ContactDetails{as_text((*r)[0]), as_text((*r)[1]), as_text((*r)[2]), as_text((*r)[3])};
}

std::vector<SupplyDemandRow> MatchingRepository::supply_demand() {
  std::map<std::pair<std::string, std::string>, SupplyDemandRow> rows;
  auto at = [&](std::string region, std::string skill) -> SupplyDemandRow& {
    auto& row = rows[{region, skill}];
    row.region_code = std::move(region);
    row.skill_code = std::move(skill);
    return row;
  };
  for_each_row(conn_,
               "SELECT o.region_code, r.skill_code, SUM(o.positions) FROM job_offers o "
               "JOIN offer_required_skills r ON r.offer_id = o.id WHERE o.status = 'open' GROUP BY o.region_code, r.skill_code",
               {}, [&](const RowReader& r) {
                 at(std::string(r.text(0)), std::string(r.text(1))).positions = r.integer(2);
               });
  for_each_row(conn_,
               "SELECT c.region_code, s.skill_code, COUNT(DISTINCT c.id) FROM (" + kValidated + " UNION ALL " + kDeclared +
                   ") s JOIN candidates c ON c.id = s.candidate_id WHERE " + kGraduated +
                   " GROUP BY c.region_code, s.skill_code",
               {}, [&](const RowReader& r) {
                 at(std::string(r.text(0)), std::string(r.text(1))).graduates = r.integer(2);
               });
  std::vector<SupplyDemandRow> out;
  out.reserve(rows.size());
  for (auto& [key, row] : rows) out.push_back(std::move(row));
  return out;
}

std::vector<std::pair<std::string, std::string>> MatchingRepository::skill_tracks() {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto& r : fetch_all(sql_, "SELECT ts.skill_code, t.code FROM track_skills ts JOIN tracks t ON t.id = ts.track_id "
                                 "ORDER BY ts.skill_code, t.code"))
    out.emplace_back(as_text(r[0]), as_text(r[1]));
  return out;
}

}  // namespace jobintech::store
