// MatchingRepository: the SQL behind employers' demand and its matching with learners
// (docs/matching.md): the open offers with their skills (for the board the engine builds), a
// learner's skills (validated by assessment, or declared by her), the learners employers may see
// (a current consent and a graduation), consents, contact requests, hires, and the supply-demand
// counts by region and skill. Plain rows in, plain rows out; the caller owns the transaction.
// Not thread-safe: one per session.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace jobintech::store {

// An open offer as matching sees it, with its skill codes sorted.
struct OfferSkillsRow {
  std::int64_t id = 0;
  std::string region_code;
  bool remote = false;
  std::vector<std::string> required, nice;
};

struct LearnerSkillRow {
  std::string code;
  bool validated = false;  // validated by an assessment; otherwise declared by the learner
};

// A learner employers may see, as matching needs her: her region and her skills.
struct VisibleLearnerRow {
  std::int64_t candidate_id = 0;
  std::string region_code;
  std::vector<LearnerSkillRow> skills;  // sorted by code
};

// What the ranked list shows of a learner before any contact is accepted.
struct LearnerCardRow {
  std::string first_name, last_initial, track_code;  // track: of her latest graduation
};

struct ConsentRow {
  std::int64_t id = 0;
  std::string text_version, given_at;
  std::optional<std::string> withdrawn_at;
};

struct ContactRequestRow {
  std::int64_t id = 0, offer_id = 0, candidate_id = 0, employer_id = 0;
  std::string offer_title, employer_name, message, status, created_at, answered_at;
};

// What a list of offers shows of each.
struct OfferCardRow {
  std::int64_t id = 0;
  std::string title, employer_name, region_code, city, contract_type, start_date, status;
  bool remote = false;
  std::int64_t positions = 0;
  std::optional<double> salary_min_mad, salary_max_mad;
};

// One line of the supply-demand view: in a region (empty: the whole country), a skill, the open
// positions that require it and the graduates who hold it.
struct SupplyDemandRow {
  std::string region_code, skill_code;
  std::int64_t positions = 0, graduates = 0;
};

inline constexpr const char* kEmployerVisibility = "employer_visibility";

class MatchingRepository {
 public:
  explicit MatchingRepository(Connection& conn) : conn_(conn), sql_(conn.session()) {}

  // Every open offer, by ascending id.
  std::vector<OfferSkillsRow> open_offers();
  std::optional<OfferSkillsRow> offer_skills(std::int64_t offer_id);  // any status
  std::optional<std::int64_t> offer_employer(std::int64_t offer_id);
  // The cards of these offers, in the order of `ids` (unknown ids are left out).
  std::vector<OfferCardRow> offer_cards(const std::vector<std::int64_t>& ids);

  // A learner's skills: validated ones first claim the code, declared ones add the rest.
  std::vector<LearnerSkillRow> learner_skills(std::int64_t candidate_id);
  void declare_skill(std::int64_t candidate_id, const std::string& code, const std::string& today);
  bool remove_declared_skill(std::int64_t candidate_id, const std::string& code);
  // The catalogue's code for what a learner typed: a code, or (ignoring ASCII case and spaces at
  // the ends) a skill's name in any language or one of its synonyms ("js" for javascript).
  std::optional<std::string> find_skill(const std::string& text);

  // Learners with a current consent to be seen by employers and a graduation, who hold at least
  // one of `skills` (validated or declared), by ascending candidate id.
  std::vector<VisibleLearnerRow> visible_learners_holding(const std::vector<std::string>& skills);
  std::map<std::int64_t, LearnerCardRow> learner_cards(const std::vector<std::int64_t>& candidate_ids);
  bool is_visible(std::int64_t candidate_id);
  bool has_graduated(std::int64_t candidate_id);

  std::optional<ConsentRow> current_consent(std::int64_t candidate_id);
  std::int64_t give_consent(std::int64_t candidate_id, const std::string& text_version, const std::string& now);
  bool withdraw_consent(std::int64_t candidate_id, const std::string& now);

  std::int64_t create_contact_request(std::int64_t offer_id, std::int64_t candidate_id, const std::string& message,
                                      const std::string& now);
  std::optional<ContactRequestRow> contact_request(std::int64_t id);
  std::optional<ContactRequestRow> contact_request_for(std::int64_t offer_id, std::int64_t candidate_id);
  std::vector<ContactRequestRow> contact_requests_of_offer(std::int64_t offer_id);
  std::vector<ContactRequestRow> contact_requests_of_candidate(std::int64_t candidate_id);
  std::vector<ContactRequestRow> contact_requests_of_employer(std::int64_t employer_id, int limit);
  bool answer_contact_request(std::int64_t id, bool accept, const std::string& now);

  // A hire: the placement of the learner at the offer's employer, remembering the offer. When the
  // offer's hires reach its positions, the offer is marked filled. Returns the placement id.
  std::int64_t record_hire(std::int64_t offer_id, std::int64_t candidate_id, const std::string& job_title,
                           const std::string& contract_type, const std::string& start_date,
                           std::optional<std::int64_t> monthly_salary_centimes, const std::string& now);
  std::int64_t hires_of_offer(std::int64_t offer_id);
  std::vector<std::int64_t> hired_on_offer(std::int64_t offer_id);  // candidate ids
  // Name, e-mail and phone of a learner (shown to an employer once she accepted its request).
  struct ContactDetails { std::string first_name, last_name, email, phone; };
  std::optional<ContactDetails> contact_details(std::int64_t candidate_id);

  // Open positions requiring each skill, and graduates holding it (validated or declared), by
  // region (the offer's; the graduate's residence) and skill. Only pairs with either count.
  std::vector<SupplyDemandRow> supply_demand();
  // The tracks that teach each skill: skill code -> track codes.
  std::vector<std::pair<std::string, std::string>> skill_tracks();

 private:
  Connection& conn_;
  soci::session& sql_;
};

}  // namespace jobintech::store
