#include "app/matching_service.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <set>

#include <soci/soci.h>

#include "app/audit_entry.h"
#include "app/generation_cache.h"
#include "core/date.h"
#include "core/validation.h"
#include "matching/offer_board.h"
#include "matching/score.h"
#include "store/data_version.h"
#include "store/sql.h"
#include "store/transaction.h"

namespace jobintech::app {

namespace {

using store::LearnerSkillRow;

// The open offers as the engine sees them: rebuilt when the offers' data version moves (a write
// by any instance), and at least every 30 s.
struct BoardSnapshot {
  matching::SkillDictionary skills;
  std::vector<store::OfferSkillsRow> offers;  // by ascending id: the engine's index order
  std::vector<matching::OfferProfile> profiles;
  std::unique_ptr<matching::OfferBoard> board;
};

// Keyed by the database's address: a process (a test run) may serve several.
GenerationCache<BoardSnapshot> board_cache(std::chrono::seconds(30));

// The supply-demand counts read every validated skill of every graduate (a second or two at a
// million candidates): kept while the data's version stays the same, for at most 30 s.
GenerationCache<std::vector<store::SupplyDemandRow>> supply_cache(std::chrono::seconds(30));

matching::RegionId region_id(const std::string& code) {
  auto n = core::parse_integer(code);
  return n ? static_cast<matching::RegionId>(*n) : 0;
}

std::vector<matching::SkillId> ids_of(matching::SkillDictionary& skills, const std::vector<std::string>& codes) {
  std::vector<matching::SkillId> ids;
  ids.reserve(codes.size());
  for (const auto& c : codes) ids.push_back(skills.intern(c));
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

BoardSnapshot load_board(store::Database& db) {
  BoardSnapshot s;
  auto conn = db.connect();
  store::MatchingRepository repo(conn);
  s.offers = repo.open_offers();
  s.profiles.reserve(s.offers.size());
  for (const auto& o : s.offers)
    s.profiles.push_back({region_id(o.region_code), ids_of(s.skills, o.required), ids_of(s.skills, o.nice)});
  s.board = std::make_unique<matching::OfferBoard>(s.profiles);
  return s;
}

std::vector<std::string> codes_of(const matching::SkillDictionary& skills, const std::vector<matching::SkillId>& ids) {
  std::vector<std::string> out;
  for (auto id : ids) out.push_back(skills.code(id));
  std::sort(out.begin(), out.end());
  return out;
}

Explained explained(const matching::SkillDictionary& skills, const matching::LearnerProfile& learner,
                    const matching::OfferProfile& offer, double score) {
  auto e = matching::explain(learner, offer);
  return {score, codes_of(skills, e.required_matched), codes_of(skills, e.required_missing),
          codes_of(skills, e.nice_matched)};
}

bool is_self(const Actor& actor, std::int64_t candidate_id) {
  return actor.role == Role::candidate && actor.candidate_id == candidate_id;
}

// Reading a learner's skills, consent and recommendations: herself, or the programme office.
template <typename T>
std::optional<Result<T>> refuse_reader(const Actor& actor, std::int64_t candidate_id) {
  if (is_self(actor, candidate_id) || actor.role == Role::admin) return std::nullopt;
  if (actor.role == Role::candidate) return Result<T>::fail(OutcomeKind::not_found, "not_found");
  return Result<T>::fail(OutcomeKind::forbidden, "forbidden");
}

template <typename T>
std::optional<Result<T>> refuse_writer(const Actor& actor, std::int64_t candidate_id) {
  if (is_self(actor, candidate_id)) return std::nullopt;
  if (actor.role == Role::candidate) return Result<T>::fail(OutcomeKind::not_found, "not_found");
  return Result<T>::fail(OutcomeKind::forbidden, "forbidden");
}

bool candidate_exists(soci::session& sql, std::int64_t id) {
  return store::fetch_integer(sql, "SELECT COUNT(*) FROM candidates WHERE id = ?", {id}).value_or(0) > 0;
}

// An offer the actor may manage: its employer, or the programme office. Others: 404 for
// employers (they cannot see others' offers), 403 for the rest.
template <typename T>
std::optional<Result<T>> refuse_offer(const Actor& actor, store::MatchingRepository& repo, std::int64_t offer_id,
                                      bool admin_too = true) {
  auto employer = repo.offer_employer(offer_id);
  if (actor.role == Role::employer) {
    if (!employer || actor.organisation_id != employer) return Result<T>::fail(OutcomeKind::not_found, "not_found");
    return std::nullopt;
  }
  if (actor.role == Role::admin && admin_too) {
    if (!employer) return Result<T>::fail(OutcomeKind::not_found, "not_found");
    return std::nullopt;
  }
  return Result<T>::fail(OutcomeKind::forbidden, "forbidden");
}

int clamp_limit(int limit) { return std::clamp(limit, 1, 200); }

}  // namespace

Result<bool> MatchingService::may_write_learner(const Actor& actor, std::int64_t candidate_id) {
  if (auto refused = refuse_writer<bool>(actor, candidate_id)) return *refused;
  return {OutcomeKind::ok, true, {}, ""};
}

Result<bool> MatchingService::may_manage_offer(const Actor& actor, std::int64_t offer_id) {
  auto conn = db_.connect();
  store::MatchingRepository repo(conn);
  if (auto refused = refuse_offer<bool>(actor, repo, offer_id, false)) return *refused;
  return {OutcomeKind::ok, true, {}, ""};
}

Result<std::vector<LearnerSkillRow>> MatchingService::skills(const Actor& actor, std::int64_t candidate_id) {
  using R = Result<std::vector<LearnerSkillRow>>;
  if (auto refused = refuse_reader<std::vector<LearnerSkillRow>>(actor, candidate_id)) return *refused;
  auto conn = db_.connect();
  if (!candidate_exists(conn.session(), candidate_id)) return R::fail(OutcomeKind::not_found, "not_found");
  store::MatchingRepository repo(conn);
  return {OutcomeKind::ok, repo.learner_skills(candidate_id), {}, ""};
}

Result<std::vector<LearnerSkillRow>> MatchingService::declare_skill(const Actor& actor, std::int64_t candidate_id,
                                                                    const std::string& skill_code) {
  using R = Result<std::vector<LearnerSkillRow>>;
  if (auto refused = refuse_writer<std::vector<LearnerSkillRow>>(actor, candidate_id)) return *refused;
  auto conn = db_.connect();
  auto& sql = conn.session();
  store::MatchingRepository repo(conn);
  if (core::trim(skill_code).empty())
    return R::fail(OutcomeKind::invalid, "invalid_input", {{"skill_code", "required", {}}});
  const auto found = repo.find_skill(skill_code);
  if (!found)
    return R::fail(OutcomeKind::invalid, "invalid_input",
                   {{"skill_code", "unknown_reference", {{"value", core::trim(skill_code)}}}});
  const std::string& code = *found;
  store::Transaction tx(sql);
  repo.declare_skill(candidate_id, code, core::today_text());
  store::append_audit(sql, audit_entry(actor, "declare_skill", "candidates", candidate_id, code));
  store::commit_write(sql, tx, "declared_skills");
  return {OutcomeKind::ok, repo.learner_skills(candidate_id), {}, ""};
}

Result<std::vector<LearnerSkillRow>> MatchingService::remove_declared_skill(const Actor& actor,
                                                                            std::int64_t candidate_id,
                                                                            const std::string& skill_code) {
  using R = Result<std::vector<LearnerSkillRow>>;
  if (auto refused = refuse_writer<std::vector<LearnerSkillRow>>(actor, candidate_id)) return *refused;
  auto conn = db_.connect();
  auto& sql = conn.session();
  store::MatchingRepository repo(conn);
  const std::string code = core::to_lower_ascii(core::trim(skill_code));
  store::Transaction tx(sql);
  if (!repo.remove_declared_skill(candidate_id, code)) return R::fail(OutcomeKind::not_found, "not_found");
  store::append_audit(sql, audit_entry(actor, "remove_declared_skill", "candidates", candidate_id, code));
  store::commit_write(sql, tx, "declared_skills");
  return {OutcomeKind::ok, repo.learner_skills(candidate_id), {}, ""};
}

Result<ConsentView> MatchingService::consent(const Actor& actor, std::int64_t candidate_id) {
  using R = Result<ConsentView>;
  if (auto refused = refuse_reader<ConsentView>(actor, candidate_id)) return *refused;
  auto conn = db_.connect();
  if (!candidate_exists(conn.session(), candidate_id)) return R::fail(OutcomeKind::not_found, "not_found");
  store::MatchingRepository repo(conn);
  ConsentView v;
  v.graduated = repo.has_graduated(candidate_id);
  if (auto c = repo.current_consent(candidate_id)) {
    v.visible = true;
    v.text_version = c->text_version;
    v.given_at = c->given_at;
  }
  return {OutcomeKind::ok, v, {}, ""};
}

Result<ConsentView> MatchingService::set_consent(const Actor& actor, std::int64_t candidate_id, bool visible) {
  if (auto refused = refuse_writer<ConsentView>(actor, candidate_id)) return *refused;
  {
    auto conn = db_.connect();
    auto& sql = conn.session();
    store::MatchingRepository repo(conn);
    store::Transaction tx(sql);
    const bool current = repo.current_consent(candidate_id).has_value();
    if (visible && !current) {
      const auto id = repo.give_consent(candidate_id, kConsentTextVersion, core::now_utc());
      store::append_audit(sql, audit_entry(actor, "give_consent", "candidates", candidate_id,
                                           std::string(store::kEmployerVisibility) + " " + kConsentTextVersion +
                                               " #" + std::to_string(id)));
    } else if (!visible && current) {
      repo.withdraw_consent(candidate_id, core::now_utc());
      store::append_audit(sql, audit_entry(actor, "withdraw_consent", "candidates", candidate_id,
                                           store::kEmployerVisibility));
    }
    store::commit_write(sql, tx, "consents");
  }
  return consent(actor, candidate_id);
}

Result<OfferMatches> MatchingService::recommended_offers(const Actor& actor, std::int64_t candidate_id,
                                                         const MatchQuery& query) {
  using R = Result<OfferMatches>;
  if (auto refused = refuse_reader<OfferMatches>(actor, candidate_id)) return *refused;
  auto conn = db_.connect();
  auto region = store::fetch_one(conn.session(), "SELECT region_code FROM candidates WHERE id = ?", {candidate_id});
  if (!region) return R::fail(OutcomeKind::not_found, "not_found");
  const std::string learner_region = store::as_text((*region)[0]);
  store::MatchingRepository repo(conn);
  const auto learner_skills = repo.learner_skills(candidate_id);
  const auto snapshot =
      board_cache.get(db_.url(), store::data_version(conn.session(), "offers"), [&] { return load_board(db_); });

  // Skills no open offer names cannot change a score: they are left out of the profile.
  matching::LearnerProfile learner{region_id(learner_region), {}};
  for (const auto& s : learner_skills)
    if (auto id = snapshot->skills.find(s.code)) learner.skills.push_back(*id);
  std::sort(learner.skills.begin(), learner.skills.end());

  OfferMatches out;
  out.limit = clamp_limit(query.limit);
  out.offset = std::max(0, query.offset);
  const auto ranked = snapshot->board->top_for_learner(learner, std::numeric_limits<std::size_t>::max(), false);
  std::vector<const matching::Ranked*> kept;
  for (const auto& r : ranked) {
    const auto& offer = snapshot->offers[r.index];
    if (query.same_region && !offer.remote && offer.region_code != learner_region) continue;
    kept.push_back(&r);
  }
  out.total = static_cast<std::int64_t>(kept.size());
  std::vector<std::int64_t> ids;
  for (std::size_t i = out.offset; i < kept.size() && ids.size() < static_cast<std::size_t>(out.limit); ++i)
    ids.push_back(snapshot->offers[kept[i]->index].id);
  auto cards = repo.offer_cards(ids);
  for (std::size_t i = 0, j = 0; i < ids.size(); ++i) {
    const auto& r = *kept[out.offset + i];
    if (j >= cards.size() || cards[j].id != ids[i]) continue;  // deleted since the board was built
    out.items.push_back({cards[j++], explained(snapshot->skills, learner, snapshot->profiles[r.index], r.score)});
  }
  return {OutcomeKind::ok, std::move(out), {}, ""};
}

Result<LearnerMatches> MatchingService::ranked_learners(const Actor& actor, std::int64_t offer_id,
                                                        const MatchQuery& query) {
  using R = Result<LearnerMatches>;
  auto conn = db_.connect();
  store::MatchingRepository repo(conn);
  if (auto refused = refuse_offer<LearnerMatches>(actor, repo, offer_id)) return *refused;
  const auto offer_row = repo.offer_skills(offer_id);
  if (!offer_row) return R::fail(OutcomeKind::not_found, "not_found");

  matching::SkillDictionary skills;
  const matching::OfferProfile offer{region_id(offer_row->region_code), ids_of(skills, offer_row->required),
                                     ids_of(skills, offer_row->nice)};
  std::vector<std::string> wanted = offer_row->required;
  wanted.insert(wanted.end(), offer_row->nice.begin(), offer_row->nice.end());
  auto learners = repo.visible_learners_holding(wanted);

  struct Scored {
    std::size_t at;
    matching::LearnerProfile profile;
    double score;
  };
  std::vector<Scored> scored;
  for (std::size_t i = 0; i < learners.size(); ++i) {
    const auto& l = learners[i];
    if (query.same_region && !offer_row->remote && l.region_code != offer_row->region_code) continue;
    matching::LearnerProfile p{region_id(l.region_code), {}};
    for (const auto& s : l.skills)
      if (auto id = skills.find(s.code)) p.skills.push_back(*id);
    std::sort(p.skills.begin(), p.skills.end());
    const double score = matching::score(p, offer);
    if (score > 0) scored.push_back({i, std::move(p), score});
  }
  // Highest score first, equal scores by ascending candidate id (learners come by id).
  std::stable_sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) { return a.score > b.score; });

  std::map<std::int64_t, store::ContactRequestRow> contacts;
  for (auto& c : repo.contact_requests_of_offer(offer_id)) contacts[c.candidate_id] = c;
  const auto hired = repo.hired_on_offer(offer_id);

  LearnerMatches out;
  out.limit = clamp_limit(query.limit);
  out.offset = std::max(0, query.offset);
  out.total = static_cast<std::int64_t>(scored.size());
  std::vector<std::int64_t> page;
  for (std::size_t i = out.offset; i < scored.size() && page.size() < static_cast<std::size_t>(out.limit); ++i)
    page.push_back(learners[scored[i].at].candidate_id);
  const auto cards = repo.learner_cards(page);
  for (std::size_t i = out.offset; i < scored.size() && out.items.size() < static_cast<std::size_t>(out.limit); ++i) {
    auto& s = scored[i];
    auto& l = learners[s.at];
    LearnerMatch m;
    m.candidate_id = l.candidate_id;
    if (auto card = cards.find(l.candidate_id); card != cards.end()) {
      m.first_name = card->second.first_name;
      m.last_initial = card->second.last_initial;
      m.track_code = card->second.track_code;
    }
    m.region_code = l.region_code;
    m.skills = l.skills;
    m.why = explained(skills, s.profile, offer, s.score);
    if (auto c = contacts.find(l.candidate_id); c != contacts.end()) {
      m.contact_status = c->second.status;
      m.contact_request_id = c->second.id;
      if (c->second.status == "accepted")
        if (auto d = repo.contact_details(l.candidate_id)) {
          m.last_name = d->last_name;
          m.email = d->email;
          m.phone = d->phone;
        }
    }
    m.hired = std::binary_search(hired.begin(), hired.end(), l.candidate_id);
    out.items.push_back(std::move(m));
  }
  return {OutcomeKind::ok, std::move(out), {}, ""};
}

Result<store::ContactRequestRow> MatchingService::request_contact(const Actor& actor, std::int64_t offer_id,
                                                                  std::int64_t candidate_id,
                                                                  const std::string& message) {
  using R = Result<store::ContactRequestRow>;
  auto conn = db_.connect();
  auto& sql = conn.session();
  store::MatchingRepository repo(conn);
  if (auto refused = refuse_offer<store::ContactRequestRow>(actor, repo, offer_id, false)) return *refused;
  const std::string text = core::trim(message);
  if (core::utf8_length(text) > 1000)
    return R::fail(OutcomeKind::invalid, "invalid_input", {{"message", "too_long", {{"max", "1000"}}}});
  // Learners who are not visible do not exist for an employer.
  if (!repo.is_visible(candidate_id)) return R::fail(OutcomeKind::not_found, "not_found");
  store::Transaction tx(sql);
  if (repo.contact_request_for(offer_id, candidate_id)) return R::fail(OutcomeKind::conflict, "contact_exists");
  const auto id = repo.create_contact_request(offer_id, candidate_id, text, core::now_utc());
  store::append_audit(sql, audit_entry(actor, "request_contact", "offers", offer_id,
                                       "candidate " + std::to_string(candidate_id)));
  store::commit_write(sql, tx, "contact_requests");
  return {OutcomeKind::created, *repo.contact_request(id), {}, ""};
}

Result<std::vector<store::ContactRequestRow>> MatchingService::contact_requests(const Actor& actor) {
  using R = Result<std::vector<store::ContactRequestRow>>;
  auto conn = db_.connect();
  store::MatchingRepository repo(conn);
  if (actor.role == Role::candidate && actor.candidate_id)
    return {OutcomeKind::ok, repo.contact_requests_of_candidate(*actor.candidate_id), {}, ""};
  if (actor.role == Role::employer && actor.organisation_id)
    return {OutcomeKind::ok, repo.contact_requests_of_employer(*actor.organisation_id, 200), {}, ""};
  return R::fail(OutcomeKind::forbidden, "forbidden");
}

Result<store::ContactRequestRow> MatchingService::answer_contact(const Actor& actor, std::int64_t request_id,
                                                                 bool accept) {
  using R = Result<store::ContactRequestRow>;
  if (actor.role != Role::candidate) return R::fail(OutcomeKind::forbidden, "forbidden");
  auto conn = db_.connect();
  auto& sql = conn.session();
  store::MatchingRepository repo(conn);
  store::Transaction tx(sql);
  auto request = repo.contact_request(request_id);
  if (!request || request->candidate_id != actor.candidate_id) return R::fail(OutcomeKind::not_found, "not_found");
  if (!repo.answer_contact_request(request_id, accept, core::now_utc()))
    return R::fail(OutcomeKind::conflict, "contact_already_answered");
  store::append_audit(sql, audit_entry(actor, accept ? "accept_contact" : "decline_contact", "offers",
                                       request->offer_id, "request " + std::to_string(request_id)));
  store::commit_write(sql, tx, "contact_requests");
  return {OutcomeKind::ok, *repo.contact_request(request_id), {}, ""};
}

Result<std::int64_t> MatchingService::record_hire(const Actor& actor, std::int64_t offer_id, std::int64_t candidate_id,
                                                  const HireInput& input) {
  using R = Result<std::int64_t>;
  auto conn = db_.connect();
  auto& sql = conn.session();
  store::MatchingRepository repo(conn);
  if (auto refused = refuse_offer<std::int64_t>(actor, repo, offer_id, false)) return *refused;
  auto offer = store::fetch_one(sql, "SELECT title, contract_type FROM job_offers WHERE id = ?", {offer_id});
  if (!offer) return R::fail(OutcomeKind::not_found, "not_found");

  core::FieldErrors errors;
  const auto start = core::parse_date(core::trim(input.start_date), true);
  if (core::trim(input.start_date).empty()) errors.push_back({"start_date", "required", {}});
  else if (!start) errors.push_back({"start_date", "date_format", {}});
  const std::string contract = input.contract_type.empty() ? store::as_text((*offer)[1]) : input.contract_type;
  static const std::set<std::string> kContracts = {"cdi", "cdd", "freelance", "self_employed", "internship"};
  if (!kContracts.count(contract))
    errors.push_back({"contract_type", "not_in_choices", {{"choices", "cdi, cdd, freelance, self_employed, internship"}}});
  const std::string title = core::trim(input.job_title).empty() ? store::as_text((*offer)[0]) : core::trim(input.job_title);
  if (core::utf8_length(title) > 160) errors.push_back({"job_title", "too_long", {{"max", "160"}}});
  std::optional<std::int64_t> centimes;
  if (input.monthly_salary_mad) {
    if (!std::isfinite(*input.monthly_salary_mad) || *input.monthly_salary_mad < 0 || *input.monthly_salary_mad > 10'000'000)
      errors.push_back({"monthly_salary_mad", "too_large", {{"max", "10000000"}}});
    else centimes = std::llround(*input.monthly_salary_mad * 100);
  }
  if (!errors.empty()) return R::fail(OutcomeKind::invalid, "invalid_input", errors);

  store::Transaction tx(sql);
  auto request = repo.contact_request_for(offer_id, candidate_id);
  if (!request) return R::fail(OutcomeKind::not_found, "not_found");
  if (request->status != "accepted") return R::fail(OutcomeKind::conflict, "contact_not_accepted");
  std::int64_t placement = 0;
  try {
    placement = repo.record_hire(offer_id, candidate_id, title, contract, core::format_date(*start), centimes,
                                 core::now_utc());
  } catch (const std::exception& e) {
    if (store::is_unique_violation(e)) return R::fail(OutcomeKind::conflict, "hire_exists");
    throw;
  }
  store::append_audit(sql, audit_entry(actor, "hire", "placements", placement,
                                       "offer " + std::to_string(offer_id) + " candidate " + std::to_string(candidate_id)));
  store::bump_data_version(sql, "placements");
  store::commit_write(sql, tx, "offers");
  return {OutcomeKind::created, placement, {}, ""};
}

Result<SupplyDemand> MatchingService::supply_demand(const Actor& actor, const std::string& region_code) {
  using R = Result<SupplyDemand>;
  if (actor.role != Role::admin && actor.role != Role::steering) return R::fail(OutcomeKind::forbidden, "forbidden");
  auto conn = db_.connect();
  store::MatchingRepository repo(conn);
  std::map<std::string, std::vector<std::string>> tracks;
  for (auto& [skill, track] : repo.skill_tracks()) tracks[skill].push_back(track);
  const auto cached =
      supply_cache.get(db_.url(), store::data_version(conn.session()), [&] { return repo.supply_demand(); });
  const auto& rows = *cached;
  SupplyDemand out;
  out.region_code = region_code;
  // Per skill, in the region asked or summed over the country.
  std::map<std::string, SupplyDemandLine> by_skill;
  std::map<std::string, SupplyDemandLine> widest;  // region -> its largest gap
  for (const auto& row : rows) {
    if (row.positions <= 0) continue;
    SupplyDemandLine line{row.region_code, row.skill_code, row.positions, row.graduates, {}};
    auto [it, fresh] = widest.emplace(row.region_code, line);
    if (!fresh && (line.gap() > it->second.gap() || (line.gap() == it->second.gap() && line.positions > it->second.positions)))
      it->second = line;
  }
  for (auto& [region, line] : widest) {
    if (auto t = tracks.find(line.skill_code); t != tracks.end()) line.tracks = t->second;
    out.regions.push_back(line);
  }
  for (const auto& row : rows) {
    if (!region_code.empty() && row.region_code != region_code) continue;
    auto& line = by_skill[row.skill_code];
    line.region_code = region_code;
    line.skill_code = row.skill_code;
    line.positions += row.positions;
    line.graduates += row.graduates;
  }
  for (auto& [skill, line] : by_skill) {
    if (auto t = tracks.find(skill); t != tracks.end()) line.tracks = t->second;
    out.lines.push_back(std::move(line));
  }
  std::stable_sort(out.lines.begin(), out.lines.end(), [](const SupplyDemandLine& a, const SupplyDemandLine& b) {
    if (a.gap() != b.gap()) return a.gap() > b.gap();
    return a.positions > b.positions;
  });
  return {OutcomeKind::ok, std::move(out), {}, ""};
}

}  // namespace jobintech::app
