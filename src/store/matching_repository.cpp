#include "store/matching_repository.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "core/validation.h"
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

std::optional<std::string> MatchingRepository::find_skill(const std::string& text) {
  const std::string wanted = core::to_lower_ascii(core::trim(text));
  if (wanted.empty()) return std::nullopt;
  if (fetch_integer(sql_, "SELECT COUNT(*) FROM skills WHERE code = ?", {wanted}).value_or(0) > 0) return wanted;
  // 208 skills: reading them all is cheaper than teaching SQL to split the synonyms.
  for (auto& r : fetch_all(sql_, "SELECT code, name_fr, name_ar, name_en, COALESCE(synonyms, '') FROM skills ORDER BY code")) {
    for (int i = 1; i <= 3; ++i)
      if (core::to_lower_ascii(core::trim(as_text(r[i]))) == wanted) return as_text(r[0]);
    const std::string synonyms = as_text(r[4]);
    std::size_t from = 0;
    while (from <= synonyms.size()) {
      const auto bar = std::min(synonyms.find('|', from), synonyms.size());
      if (core::to_lower_ascii(core::trim(synonyms.substr(from, bar - from))) == wanted) return as_text(r[0]);
      from = bar + 1;
    }
  }
  return std::nullopt;
}

std::vector<VisibleLearnerRow> MatchingRepository::visible_learners_holding(const std::vector<std::string>& skills) {
  std::vector<VisibleLearnerRow> out;
  if (skills.empty()) return out;
  // Three plain reads joined here: the visible learners, then the holders of the offer's skills
  // through the indexes by skill (a join in SQL looked every holder's candidate up: seconds at a
  // million candidates).
  std::unordered_map<std::int64_t, std::size_t> at;
  for_each_row(conn_,
               "SELECT c.id, c.region_code FROM candidates c WHERE c.id IN (SELECT k.candidate_id FROM consents k "
               "WHERE k.purpose = 'employer_visibility' AND k.withdrawn_at IS NULL) AND " + kGraduated + " ORDER BY c.id",
               {}, [&](const RowReader& r) {
                 at.emplace(r.integer(0), out.size());
                 out.push_back({r.integer(0), std::string(r.text(1)), {}});
               });
  Params params(skills.begin(), skills.end());
  auto add = [&](const RowReader& r, bool validated) {
    auto it = at.find(r.integer(0));
    if (it == at.end()) return;
    auto& held = out[it->second].skills;
    const std::string_view code = r.text(1);
    for (auto& s : held)
      if (s.code == code) {
        s.validated = s.validated || validated;
        return;
      }
    held.push_back({std::string(code), validated});
  };
  for_each_row(conn_,
               "SELECT e.candidate_id, a.skill_code FROM assessments a JOIN enrolments e ON e.id = a.enrolment_id "
               "WHERE a.validated = 1 AND a.skill_code IN (" + placeholders(skills.size()) + ")",
               params, [&](const RowReader& r) { add(r, true); });
  for_each_row(conn_,
               "SELECT candidate_id, skill_code FROM declared_skills WHERE skill_code IN (" + placeholders(skills.size()) + ")",
               params, [&](const RowReader& r) { add(r, false); });
  std::erase_if(out, [](const VisibleLearnerRow& l) { return l.skills.empty(); });
  for (auto& l : out)
    std::sort(l.skills.begin(), l.skills.end(), [](const auto& x, const auto& y) { return x.code < y.code; });
  return out;
}

std::map<std::int64_t, LearnerCardRow> MatchingRepository::learner_cards(const std::vector<std::int64_t>& candidate_ids) {
  std::map<std::int64_t, LearnerCardRow> out;
  if (candidate_ids.empty()) return out;
  Params params(candidate_ids.begin(), candidate_ids.end());
  // The latest graduation's track names what she trained in.
  for (auto& r : fetch_all(sql_,
                           "SELECT c.id, c.first_name, c.last_name, (SELECT t.code FROM enrolments g JOIN cohorts h ON "
                           "h.id = g.cohort_id JOIN tracks t ON t.id = h.track_id WHERE g.candidate_id = c.id AND "
                           "g.status = 'graduated' ORDER BY g.exit_date DESC, g.id DESC LIMIT 1) FROM candidates c "
                           "WHERE c.id IN (" + placeholders(candidate_ids.size()) + ")",
                           params)) {
    const std::string last = as_text(r[2]);
    // The first letter of the family name, whole even when it is not ASCII.
    std::size_t n = last.empty() ? 0 : 1;
    while (n < last.size() && (static_cast<unsigned char>(last[n]) & 0xC0) == 0x80) ++n;
    out[as_integer(r[0])] = {as_text(r[1]), last.substr(0, n), as_text(r[3])};
  }
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
  // Graduates and the skills they hold, counted here: grouping in SQL looked every holder's
  // candidate up (seconds at a million candidates). Plain reads into arrays indexed by id, then
  // one sort of (skill, candidate) pairs, so that a skill both validated and declared, or
  // validated twice, counts once.
  std::vector<std::string> regions;                  // region number - 1 -> code
  std::map<std::string, std::uint8_t> region_number;
  std::vector<std::uint8_t> region_of;               // candidate id -> region number, 0: not a graduate
  for_each_row(conn_,
               "SELECT DISTINCT e.candidate_id, c.region_code FROM enrolments e JOIN candidates c ON c.id = e.candidate_id "
               "WHERE e.status = 'graduated'",
               {}, [&](const RowReader& r) {
                 const auto id = static_cast<std::size_t>(r.integer(0));
                 auto [it, fresh] = region_number.try_emplace(std::string(r.text(1)), 0);
                 if (fresh) {
                   regions.push_back(it->first);
                   it->second = static_cast<std::uint8_t>(regions.size());
                 }
                 if (region_of.size() <= id) region_of.resize(id + 1, 0);
                 region_of[id] = it->second;
               });
  std::vector<std::int64_t> graduate_of;  // enrolment id -> candidate id, graduated enrolments only
  for_each_row(conn_, "SELECT id, candidate_id FROM enrolments WHERE status = 'graduated'", {},
               [&](const RowReader& r) {
                 const auto id = static_cast<std::size_t>(r.integer(0));
                 if (graduate_of.size() <= id) graduate_of.resize(id + 1, 0);
                 graduate_of[id] = r.integer(1);
               });
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view v) const { return std::hash<std::string_view>{}(v); }
  };
  std::unordered_map<std::string, std::uint64_t, Hash, std::equal_to<>> skill_number;
  std::vector<std::string> skill_codes;
  std::vector<std::uint64_t> pairs;  // skill number << 40 | candidate id
  auto add = [&](std::int64_t candidate, std::string_view skill) {
    if (candidate <= 0 || static_cast<std::size_t>(candidate) >= region_of.size() || !region_of[candidate]) return;
    auto number = skill_number.find(skill);
    if (number == skill_number.end()) {
      number = skill_number.emplace(std::string(skill), skill_codes.size()).first;
      skill_codes.emplace_back(skill);
    }
    pairs.push_back(number->second << 40 | static_cast<std::uint64_t>(candidate));
  };
  for_each_row(conn_, "SELECT enrolment_id, skill_code FROM assessments WHERE validated = 1", {},
               [&](const RowReader& r) {
                 const auto enrolment = static_cast<std::size_t>(r.integer(0));
                 if (enrolment < graduate_of.size() && graduate_of[enrolment]) add(graduate_of[enrolment], r.text(1));
               });
  for_each_row(conn_, "SELECT candidate_id, skill_code FROM declared_skills", {},
               [&](const RowReader& r) { add(r.integer(0), r.text(1)); });
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  std::vector<std::int64_t> counts(skill_codes.size() * (regions.size() + 1), 0);
  for (auto p : pairs) {
    const auto skill = static_cast<std::size_t>(p >> 40);
    const auto candidate = static_cast<std::size_t>(p & ((std::uint64_t{1} << 40) - 1));
    ++counts[skill * (regions.size() + 1) + region_of[candidate]];
  }
  for (std::size_t skill = 0; skill < skill_codes.size(); ++skill)
    for (std::size_t region = 1; region <= regions.size(); ++region)
      if (auto n = counts[skill * (regions.size() + 1) + region]) at(regions[region - 1], skill_codes[skill]).graduates = n;
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
