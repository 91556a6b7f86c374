// MatchingService: employers' demand meets learners' skills (docs/matching.md).
//  - A learner's skills: those validated by assessment, and those she declares (marked declared).
//  - Consent: a graduate chooses to be visible to employers, with the version of the text she was
//    shown; she may withdraw it, and her history is kept. Employers only ever see consenting
//    graduates, and never their CIN, birth date or contact details until she accepts a contact
//    request; then they see her name, e-mail and phone for that offer.
//  - Recommended offers for a learner, and the ranked learners for an offer, with the default
//    scorer (matching/score.h) and its explanation; "same region only" keeps remote offers.
//  - Contact requests (employer → learner, per offer) and hires: a hire needs an accepted request
//    and records a placement for the indicators; the offer is filled when its positions are.
//  - The supply-demand view by region and skill, with the tracks that teach the missing skills.
// Who: a learner manages her own skills, consent and requests; an employer its own offers; the
// programme office reads everything; steering reads the supply-demand view (aggregates only).
// Writes run in one transaction with their audit line. Thread-safe: each call leases its own
// connection; the board of open offers is shared, immutable and rebuilt when offers change.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/outcome.h"
#include "store/database.h"
#include "store/matching_repository.h"

namespace jobintech::app {

// The version of the consent text (catalogue key consent.employer_visibility.text) a learner
// agrees to; bump it when the text changes.
inline constexpr const char* kConsentTextVersion = "2026-11";

struct ConsentView {
  bool visible = false;         // a current consent
  bool graduated = false;       // only graduates are shown to employers
  std::string text_version, given_at;
};

struct MatchQuery {
  bool same_region = false;
  int limit = 20, offset = 0;  // limit 1 to 200
};

struct Explained {
  double score = 0;
  std::vector<std::string> required_matched, required_missing, nice_matched;  // skill codes
};

struct OfferMatch {
  store::OfferCardRow offer;
  Explained why;
};

struct OfferMatches {
  std::vector<OfferMatch> items;
  std::int64_t total = 0;  // offers with a score above 0
  int limit = 20, offset = 0;
};

// A learner as an employer sees her in the ranked list. The name, e-mail and phone are filled
// only once she accepted this offer's contact request.
struct LearnerMatch {
  std::int64_t candidate_id = 0;
  std::string first_name, last_initial, region_code, track_code;
  std::vector<store::LearnerSkillRow> skills;
  Explained why;
  std::string contact_status;  // "", pending, accepted, declined
  std::int64_t contact_request_id = 0;
  std::string last_name, email, phone;  // after acceptance only
  bool hired = false;
};

struct LearnerMatches {
  std::vector<LearnerMatch> items;
  std::int64_t total = 0;
  int limit = 20, offset = 0;
};

struct HireInput {
  std::string start_date, contract_type, job_title;  // contract and title default to the offer's
  std::optional<double> monthly_salary_mad;
};

struct SupplyDemandLine {
  std::string region_code, skill_code;  // region "" for the whole country
  std::int64_t positions = 0, graduates = 0;
  std::int64_t gap() const { return positions - graduates; }
  std::vector<std::string> tracks;  // the tracks that teach the skill
};

struct SupplyDemand {
  std::string region_code;             // the filter, "" for the whole country
  std::vector<SupplyDemandLine> lines;  // per skill, largest gap first
  std::vector<SupplyDemandLine> regions;  // per region: its skill with the largest gap (positions > 0)
};

class MatchingService {
 public:
  explicit MatchingService(store::Database& db) : db_(db) {}

  // What a handler checks before it reports a malformed body, so that others learn nothing from
  // it: the actor may write this learner's skills, consent and answers (herself only), or manage
  // this offer's contacts and hires (its employer only).
  Result<bool> may_write_learner(const Actor& actor, std::int64_t candidate_id);
  Result<bool> may_manage_offer(const Actor& actor, std::int64_t offer_id);

  Result<std::vector<store::LearnerSkillRow>> skills(const Actor& actor, std::int64_t candidate_id);
  // Declares a skill of the catalogue, given by its code, its name in any language or a synonym
  // (field skill_code: unknown_reference); declaring one again changes nothing. Only the
  // learner herself.
  Result<std::vector<store::LearnerSkillRow>> declare_skill(const Actor& actor, std::int64_t candidate_id,
                                                            const std::string& skill_code);
  Result<std::vector<store::LearnerSkillRow>> remove_declared_skill(const Actor& actor, std::int64_t candidate_id,
                                                                    const std::string& skill_code);

  Result<ConsentView> consent(const Actor& actor, std::int64_t candidate_id);
  // Gives (visible) or withdraws the consent; only the learner herself. Giving it twice keeps
  // the first.
  Result<ConsentView> set_consent(const Actor& actor, std::int64_t candidate_id, bool visible);

  Result<OfferMatches> recommended_offers(const Actor& actor, std::int64_t candidate_id, const MatchQuery& query);
  Result<LearnerMatches> ranked_learners(const Actor& actor, std::int64_t offer_id, const MatchQuery& query);

  // An employer asks a visible learner about its offer (409 contact_exists if already asked).
  Result<store::ContactRequestRow> request_contact(const Actor& actor, std::int64_t offer_id, std::int64_t candidate_id,
                                                   const std::string& message);
  // The learner's requests, or the employer's (latest first, at most 200).
  Result<std::vector<store::ContactRequestRow>> contact_requests(const Actor& actor);
  // The learner accepts or declines a pending request (409 contact_already_answered).
  Result<store::ContactRequestRow> answer_contact(const Actor& actor, std::int64_t request_id, bool accept);

  // Records a hire: needs an accepted contact request for this offer (409 contact_not_accepted).
  // Returns the placement's id.
  Result<std::int64_t> record_hire(const Actor& actor, std::int64_t offer_id, std::int64_t candidate_id,
                                   const HireInput& input);

  // Admin and steering. region: "" for the whole country.
  Result<SupplyDemand> supply_demand(const Actor& actor, const std::string& region_code);

 private:
  store::Database& db_;
};

}  // namespace jobintech::app
