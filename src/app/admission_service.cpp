#include "app/admission_service.h"

#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>
#include <unordered_map>

#include "admission/eligibility.h"
#include "admission/explanation.h"
#include "admission/instance_text.h"
#include "app/credentials.h"
#include "core/date.h"
#include "app/audit_entry.h"
#include "store/audit_log.h"
#include "store/data_version.h"
#include "store/transaction.h"

namespace jobintech::app {

namespace {

using admission::Score;
using admission::SeatKind;

Score to_score(double value) { return static_cast<Score>(std::llround(value * admission::kScoreScale)); }
double from_score(Score score) { return static_cast<double>(score) / admission::kScoreScale; }


bool accepting(const store::RoundRow& round) {
  const std::string now = core::today_text();
  return round.status == "open" && round.opens_on <= now && now <= round.closes_on;
}

admission::RoundRules rules_of(const store::RoundRow& round) {
  return admission::RoundRules{.closes_on = core::parse_date(round.closes_on).value_or(core::today_utc()),
                               .min_age = round.min_age,
                               .max_age = round.max_age,
                               .min_education = round.min_education};
}

std::string ineligibility(const store::RoundRow& round, const store::RoundCohortRow& cohort,
                          const std::string& birth_date, const std::string& education, const std::string& region) {
  const admission::ApplicantProfile profile{.birth_date = core::parse_date(birth_date).value_or(core::Date{}),
                                            .education_level = education,
                                            .region_code = region};
  return admission::ineligibility(rules_of(round), profile,
                                  admission::CohortArea{cohort.region_code, cohort.admission_area == "regional"});
}

ChoiceView choice_view(const store::PoolRow& row, const std::map<std::int64_t, store::RoundCohortRow>& cohorts) {
  ChoiceView view{.rank = row.rank,
                  .status = row.status,
                  .ineligible_reason = row.ineligible_reason,
                  .score = row.score,
                  .seat = row.seat,
                  .answer_by = row.answer_by};
  if (auto it = cohorts.find(row.cohort_id); it != cohorts.end()) view.cohort = it->second;
  return view;
}

std::map<std::int64_t, store::RoundCohortRow> by_id(const std::vector<store::RoundCohortRow>& cohorts) {
  std::map<std::int64_t, store::RoundCohortRow> out;
  for (const auto& c : cohorts) out.emplace(c.id, c);
  return out;
}

// The candidate a call is about: the candidate herself, or for the programme office the one named.
std::optional<std::int64_t> subject(const Actor& actor, std::optional<std::int64_t> named) {
  if (actor.role == Role::candidate) return actor.candidate_id;
  if (actor.role == Role::admin) return named;
  return std::nullopt;
}

nlohmann::json summary_json(const RunSummary& s) {
  nlohmann::json regions = nlohmann::json::object();
  for (const auto& [region, counts] : s.by_region) regions[region] = {{"women", counts.first}, {"men", counts.second}};
  return {{"candidates", s.candidates},
          {"assigned", s.assigned},
          {"seats", s.seats},
          {"empty_seats", s.empty_seats},
          {"first_choice", s.first_choice},
          {"median_score", s.median_score ? nlohmann::json(*s.median_score) : nlohmann::json(nullptr)},
          {"women_assigned", s.women_assigned},
          {"men_assigned", s.men_assigned},
          {"held", s.held},
          {"ineligible", s.ineligible},
          {"unscored", s.unscored},
          {"by_region", regions}};
}

}  // namespace

std::int64_t lottery_number(const std::string& seed, std::int64_t candidate_id) {
  const std::string digest = sha256_hex(seed + ":" + std::to_string(candidate_id));
  return std::stoll(digest.substr(0, 12), nullptr, 16);
}

RunSummary parse_run_summary(const std::string& text) {
  RunSummary s;
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return s;
  s.candidates = j.value("candidates", 0);
  s.assigned = j.value("assigned", 0);
  s.seats = j.value("seats", 0);
  s.empty_seats = j.value("empty_seats", 0);
  s.first_choice = j.value("first_choice", 0);
  if (j.contains("median_score") && j["median_score"].is_number()) s.median_score = j["median_score"].get<double>();
  s.women_assigned = j.value("women_assigned", 0);
  s.men_assigned = j.value("men_assigned", 0);
  s.held = j.value("held", 0);
  s.ineligible = j.value("ineligible", 0);
  s.unscored = j.value("unscored", 0);
  if (j.contains("by_region") && j["by_region"].is_object()) {
    for (const auto& [region, counts] : j["by_region"].items()) {
      s.by_region.push_back({region, {counts.value("women", 0), counts.value("men", 0)}});
    }
  }
  return s;
}

Result<std::vector<RoundView>> AdmissionService::open_rounds(const Actor& actor) {
  if (actor.role == Role::employer) return Result<std::vector<RoundView>>::fail(OutcomeKind::forbidden, "forbidden");
  auto conn = db_.connect();
  store::AdmissionRepository repo(conn.session());
  Result<std::vector<RoundView>> out;
  for (const auto& round : repo.rounds_with_status("open")) {
    out.value.push_back(RoundView{round, repo.cohorts(round.id), accepting(round)});
  }
  return out;
}

Result<std::vector<store::RoundRow>> AdmissionService::rounds_of_candidate(const Actor& actor,
                                                                           std::int64_t candidate_id) {
  using R = Result<std::vector<store::RoundRow>>;
  if (actor.role == Role::candidate ? actor.candidate_id != candidate_id : actor.role != Role::admin) {
    return R::fail(OutcomeKind::forbidden, "forbidden");
  }
  auto conn = db_.connect();
  store::AdmissionRepository repo(conn.session());
  return {OutcomeKind::ok, repo.rounds_of_candidate(candidate_id), {}, ""};
}

Result<RoundView> AdmissionService::round(const Actor& actor, std::int64_t round_id) {
  if (actor.role == Role::employer) return Result<RoundView>::fail(OutcomeKind::forbidden, "forbidden");
  auto conn = db_.connect();
  store::AdmissionRepository repo(conn.session());
  auto round = repo.round(round_id);
  if (!round) return Result<RoundView>::fail(OutcomeKind::not_found, "not_found");
  return {OutcomeKind::ok, RoundView{*round, repo.cohorts(round_id), accepting(*round)}, {}, ""};
}

Result<CandidateChoices> AdmissionService::choices(const Actor& actor, std::int64_t round_id) {
  const auto candidate_id = subject(actor, std::nullopt);
  if (!candidate_id) return Result<CandidateChoices>::fail(OutcomeKind::forbidden, "forbidden");
  auto conn = db_.connect();
  store::AdmissionRepository repo(conn.session());
  auto round = repo.round(round_id);
  if (!round || round->status == "draft") return Result<CandidateChoices>::fail(OutcomeKind::not_found, "not_found");
  auto profile = repo.candidate(*candidate_id);
  if (!profile) return Result<CandidateChoices>::fail(OutcomeKind::not_found, "not_found");
  Result<CandidateChoices> out;
  out.value.round = RoundView{*round, repo.cohorts(round_id), accepting(*round)};
  const auto cohorts = by_id(out.value.round.cohorts);
  for (const auto& row : repo.applications_of(round_id, *candidate_id))
    out.value.choices.push_back(choice_view(row, cohorts));
  for (const auto& cohort : out.value.round.cohorts) {
    out.value.eligibility.push_back({cohort.id, ineligibility(*round, cohort, profile->birth_date,
                                                              profile->education_level, profile->region_code)});
  }
  return out;
}

Result<CandidateChoices> AdmissionService::submit_choices(const Actor& actor, std::int64_t round_id,
                                                          const std::vector<std::string>& cohort_codes) {
  using R = Result<CandidateChoices>;
  if (!applies(actor)) return R::fail(OutcomeKind::forbidden, "forbidden");
  {
    auto conn = db_.connect();
    auto& sql = conn.session();
    store::AdmissionRepository repo(sql);
    store::Transaction tx(sql);
    auto round = repo.round(round_id);
    if (!round || round->status == "draft") return R::fail(OutcomeKind::not_found, "not_found");
    if (!accepting(*round)) return R::fail(OutcomeKind::conflict, "round_not_accepting");
    const auto cohorts = repo.cohorts(round_id);
    const auto profile = repo.candidate(*actor.candidate_id);
    if (!profile) return R::fail(OutcomeKind::not_found, "not_found");

    core::FieldErrors errors;
    if (cohort_codes.empty()) errors.push_back({"cohorts", "required", {}});
    if (static_cast<int>(cohort_codes.size()) > round->max_choices) {
      errors.push_back({"cohorts", "too_many_choices", {{"max", std::to_string(round->max_choices)}}});
    }
    // A choice the candidate already has an answer on cannot be changed after publication.
    for (const auto& row : repo.applications_of(round_id, *actor.candidate_id)) {
      if (row.status == "offered" || row.status == "accepted" || row.status == "declined" || row.status == "expired") {
        return R::fail(OutcomeKind::conflict, "choices_frozen");
      }
    }
    std::vector<store::AdmissionRepository::Choice> choices;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < cohort_codes.size(); ++i) {
      const std::string field = "cohorts[" + std::to_string(i) + "]";
      const std::string& code = cohort_codes[i];
      const auto cohort = std::find_if(cohorts.begin(), cohorts.end(), [&](const auto& c) { return c.code == code; });
      if (cohort == cohorts.end()) {
        errors.push_back({field, "unknown_reference", {{"value", code}}});
        continue;
      }
      if (!seen.insert(code).second) {
        errors.push_back({field, "duplicate", {}});
        continue;
      }
      const std::string reason =
          ineligibility(*round, *cohort, profile->birth_date, profile->education_level, profile->region_code);
      if (!reason.empty()) {
        errors.push_back({field, "ineligible_" + reason, {{"value", code}}});
        continue;
      }
      choices.push_back({cohort->id, static_cast<int>(i + 1), "eligible", ""});
    }
    if (!errors.empty()) return R::fail(OutcomeKind::invalid, "invalid_input", std::move(errors));
    const std::string now = core::now_utc();
    repo.replace_choices(round_id, *actor.candidate_id, choices, now);
    nlohmann::json detail = cohort_codes;
    store::append_audit(sql, audit_entry(actor, "apply", "rounds", round_id, detail.dump()));
    store::commit_write(sql, tx);
  }
  return choices(actor, round_id);
}

namespace {

// The allocation's inputs read from a round: the engine's instance with the names of its indexes,
// and what the run's summary says about who was left out before the engine ran.
struct RoundInstance {
  admission::Instance instance;
  admission::InstanceNames names;
  std::vector<std::int64_t> candidate_ids;  // by candidate index
  std::vector<std::int64_t> cohort_ids;     // by cohort index
  std::vector<int> ranks;                   // by choice index: the candidate's own rank of that choice
  RunSummary summary;                       // seats, held, ineligible, unscored
  // Status changes an official run records: applications found (in)eligible.
  std::vector<std::tuple<std::int64_t, std::string, std::string>> statuses;  // id, status, reason
};

std::optional<std::string> check_run_request(const RunRequest& request, core::FieldErrors& errors) {
  if (request.kind != "official" && request.kind != "simulation") {
    errors.push_back({"kind", "not_in_choices", {{"choices", "official, simulation"}}});
  }
  for (const auto& [field, percent] :
       {std::pair{"women_percent", request.women_percent}, std::pair{"local_percent", request.local_percent}}) {
    if (percent && (*percent < 0 || *percent > 100)) {
      errors.push_back({field, "out_of_range", {{"min", "0"}, {"max", "100"}}});
    }
  }
  if (errors.empty() && request.women_percent.value_or(0) + request.local_percent.value_or(0) > 100) {
    errors.push_back({"women_percent", "reserves_exceed_capacity", {}});
  }
  if (request.kind == "official" && (request.women_percent || request.local_percent)) {
    errors.push_back({request.women_percent ? "women_percent" : "local_percent", "simulation_only", {}});
  }
  return errors.empty() ? std::nullopt : std::optional<std::string>("invalid_input");
}

// The pool: every candidate without a seat she holds (accepted, or offered and still open), each
// with her eligible choices down to the first she declined or let expire; cohorts with the seats
// the request's reserve design gives them, less the seats held.
RoundInstance build_round_instance(store::AdmissionRepository& repo, const store::RoundRow& round,
                                   std::vector<store::RoundCohortRow> cohorts, const RunRequest& request) {
  // Byte order of codes, not the database's collation: the digest must not depend on the backend.
  std::sort(cohorts.begin(), cohorts.end(), [](const auto& a, const auto& b) { return a.code < b.code; });
  RoundInstance out;
  admission::Instance& instance = out.instance;
  instance.precedence = request.precedence
                            ? *request.precedence
                            : admission::parse_precedence(round.precedence).value_or(admission::kDefaultPrecedence);
  std::map<std::string, std::int32_t> regions;
  const auto region_index = [&](const std::string& code) {
    auto [it, inserted] = regions.try_emplace(code, static_cast<std::int32_t>(regions.size()));
    if (inserted) out.names.regions.push_back(code);
    return it->second;
  };
  std::unordered_map<std::int64_t, std::int32_t> cohort_index;
  for (const auto& c : cohorts) {
    cohort_index.emplace(c.id, static_cast<std::int32_t>(instance.cohorts.size()));
    int women = c.reserved_women, local = c.reserved_local;
    if (request.women_percent) women = static_cast<int>(std::lround(c.capacity * *request.women_percent / 100.0));
    if (request.local_percent) local = static_cast<int>(std::lround(c.capacity * *request.local_percent / 100.0));
    local = std::min(local, c.capacity - women);
    instance.cohorts.push_back(
        admission::Cohort{.region = region_index(c.region_code), .seats = {c.capacity - women - local, women, local}});
    out.names.cohorts.push_back(c.code);
    out.cohort_ids.push_back(c.id);
    out.summary.seats += c.capacity;
  }

  const auto pool = repo.pool(round.id);
  const std::string today_text = core::today_text();
  for (std::size_t begin = 0; begin < pool.size();) {
    std::size_t end = begin;
    while (end < pool.size() && pool[end].candidate_id == pool[begin].candidate_id) ++end;
    const auto& first = pool[begin];
    const store::PoolRow* held = nullptr;
    for (std::size_t i = begin; i < end; ++i) {
      if (pool[i].status == "accepted" || (pool[i].status == "offered" && pool[i].answer_by >= today_text)) {
        held = &pool[i];
      }
    }
    if (held != nullptr) {
      // Her seat is kept: the cohort has one seat fewer of that kind (or of another if the reserve
      // design changed).
      auto& seats = instance.cohorts[cohort_index.at(held->cohort_id)].seats;
      auto kind = admission::parse_seat_kind(held->seat).value_or(SeatKind::open);
      std::size_t k = static_cast<std::size_t>(kind);
      if (seats[k] == 0) k = seats[0] > 0 ? 0 : seats[1] > 0 ? 1 : 2;
      seats[k] = std::max(0, seats[k] - 1);
      ++out.summary.held;
      begin = end;
      continue;
    }
    std::vector<admission::Choice> list;
    std::vector<int> ranks;
    for (std::size_t i = begin; i < end; ++i) {
      const auto& a = pool[i];
      // A declined offer, or one left unanswered past its deadline, ends her list there.
      if (a.status == "declined" || a.status == "expired" || a.status == "offered") break;
      if (a.status == "draft") continue;
      if (a.status == "ineligible") {
        ++out.summary.ineligible;
        continue;
      }
      const auto& cohort = cohorts[static_cast<std::size_t>(cohort_index.at(a.cohort_id))];
      const std::string reason = ineligibility(round, cohort, a.birth_date, a.education_level, a.region_code);
      if (!reason.empty()) {
        ++out.summary.ineligible;
        out.statuses.emplace_back(a.application_id, "ineligible", reason);
        continue;
      }
      if (!a.score) ++out.summary.unscored;
      if (a.status == "submitted") out.statuses.emplace_back(a.application_id, "eligible", "");
      list.push_back(admission::Choice{cohort_index.at(a.cohort_id), to_score(a.score.value_or(0))});
      ranks.push_back(a.rank);
    }
    if (!list.empty()) {
      instance.add_candidate(admission::Candidate{.id = first.candidate_id,
                                                  .lottery = lottery_number(round.lottery_seed, first.candidate_id),
                                                  .region = region_index(first.region_code),
                                                  .woman = first.gender == "F"},
                             list);
      out.candidate_ids.push_back(first.candidate_id);
      out.ranks.insert(out.ranks.end(), ranks.begin(), ranks.end());
    }
    begin = end;
  }
  if (instance.choice_begin.empty()) instance.choice_begin.push_back(0);
  return out;
}

}  // namespace

Result<RoundInputs> AdmissionService::inputs(const Actor& actor, std::int64_t round_id) {
  using R = Result<RoundInputs>;
  if (!AdmissionService::manages_rounds(actor)) return R::fail(OutcomeKind::forbidden, "forbidden");
  auto conn = db_.connect();
  store::AdmissionRepository repo(conn.session());
  auto round = repo.round(round_id);
  if (!round) return R::fail(OutcomeKind::not_found, "not_found");
  const auto built = build_round_instance(repo, *round, repo.cohorts(round_id), RunRequest{});
  R out;
  out.value.files = admission::allocation_csv(built.instance, built.names);
  out.value.input_digest = sha256_hex(admission::canonical_input(built.instance, built.names));
  out.value.precedence = admission::precedence_text(built.instance.precedence);
  return out;
}

Result<store::RunRow> AdmissionService::run(const Actor& actor, std::int64_t round_id, const RunRequest& request) {
  using R = Result<store::RunRow>;
  if (!AdmissionService::manages_rounds(actor)) return R::fail(OutcomeKind::forbidden, "forbidden");
  core::FieldErrors errors;
  if (auto code = check_run_request(request, errors)) return R::fail(OutcomeKind::invalid, *code, std::move(errors));
  auto conn = db_.connect();
  auto& sql = conn.session();
  store::AdmissionRepository repo(sql);
  store::Transaction tx(sql);
  auto round = repo.round(round_id);
  if (!round) return R::fail(OutcomeKind::not_found, "not_found");
  if (round->status != "closed") return R::fail(OutcomeKind::conflict, "round_not_closed");
  const bool official = request.kind == "official";
  const std::string now = core::now_utc();
  if (official) repo.expire_offers(round_id, core::today_text(), now);

  std::string label = request.label.substr(0, 160);
  while (!label.empty() && (static_cast<unsigned char>(label.back()) & 0xC0) == 0x80) label.pop_back();
  if (!label.empty() && (static_cast<unsigned char>(label.back()) & 0xC0) == 0xC0) label.pop_back();
  const auto cohorts = repo.cohorts(round_id);
  RoundInstance built = build_round_instance(repo, *round, cohorts, request);
  if (official) {
    for (const auto& [application_id, status, reason] : built.statuses)
      repo.set_status(application_id, status, reason, now);
  }
  const admission::Instance& instance = built.instance;
  const std::vector<std::int64_t>& candidate_ids = built.candidate_ids;
  RunSummary& summary = built.summary;
  const std::string digest_text = admission::canonical_input(instance, built.names);
  const admission::AllocationResult result = admission::allocate(instance);

  std::vector<store::AssignmentRow> assignments;
  std::vector<double> admitted_scores;
  std::map<std::string, std::pair<int, int>> by_region;
  for (std::size_t i = 0; i < result.assignments.size(); ++i) {
    const auto& a = result.assignments[i];
    if (a.cohort < 0) continue;
    const std::uint32_t choice = instance.choice_begin[i] + static_cast<std::uint32_t>(a.choice_rank) - 1;
    const Score score = instance.choices[choice].score;
    const int rank = built.ranks[choice];  // her own rank, counting choices found ineligible
    assignments.push_back({candidate_ids[i], built.cohort_ids[static_cast<std::size_t>(a.cohort)],
                           admission::seat_kind_name(a.seat), rank, from_score(score)});
    admitted_scores.push_back(from_score(score));
    if (rank == 1) ++summary.first_choice;
    const bool woman = instance.candidates[i].woman;
    (woman ? summary.women_assigned : summary.men_assigned)++;
    auto& counts = by_region[built.names.regions[static_cast<std::size_t>(instance.candidates[i].region)]];
    (woman ? counts.first : counts.second)++;
  }
  summary.candidates = static_cast<int>(instance.candidates.size());
  summary.assigned = static_cast<int>(assignments.size());
  summary.empty_seats = summary.seats - summary.held - summary.assigned;
  if (!admitted_scores.empty()) {
    std::sort(admitted_scores.begin(), admitted_scores.end());
    const std::size_t n = admitted_scores.size();
    summary.median_score = n % 2 ? admitted_scores[n / 2] : (admitted_scores[n / 2 - 1] + admitted_scores[n / 2]) / 2;
  }
  summary.by_region.assign(by_region.begin(), by_region.end());

  nlohmann::json parameters = {{"precedence", admission::precedence_text(instance.precedence)}};
  parameters["women_percent"] =
      request.women_percent ? nlohmann::json(*request.women_percent) : nlohmann::json(nullptr);
  parameters["local_percent"] =
      request.local_percent ? nlohmann::json(*request.local_percent) : nlohmann::json(nullptr);
  store::RunRow row{.round_id = round_id,
                    .number = repo.next_run_number(round_id),
                    .kind = request.kind,
                    .label = label,
                    .parameters = parameters.dump(),
                    .input_digest = sha256_hex(digest_text),
                    .lottery_seed = round->lottery_seed,
                    .program_version = std::string("jobintech ") + JOBINTECH_VERSION,
                    .status = "computed",
                    .summary = summary_json(summary).dump(),
                    .created_at = now,
                    .candidates = summary.candidates,
                    .assigned = summary.assigned,
                    .proposals = static_cast<std::int64_t>(result.stats.proposals),
                    .engine_ms = result.stats.engine_seconds * 1000.0,
                    .created_by = actor.user_id};
  row.id = repo.insert_run(row);
  if (official) {
    std::vector<store::CutoffRow> cutoff_rows;
    for (std::size_t c = 0; c < cohorts.size(); ++c) {
      for (std::size_t k = 0; k < admission::kSeatKinds; ++k) {
        const auto& cut = result.cutoffs[c][k];
        const auto value = [](const std::optional<Score>& s) {
          return s ? std::optional<double>(from_score(*s)) : std::nullopt;
        };
        cutoff_rows.push_back({built.cohort_ids[c], admission::seat_kind_name(static_cast<SeatKind>(k)),
                               instance.cohorts[c].seats[k], cut.filled, cut.filled_with_priority,
                               value(cut.last_score), value(cut.last_priority_score), value(cut.last_other_score)});
      }
    }
    repo.insert_results(row.id, assignments, cutoff_rows);
  }
  store::append_audit(sql, audit_entry(actor, official ? "allocate" : "simulate", "rounds", round_id,
                                 "run " + std::to_string(row.number) + ", digest " + row.input_digest));
  store::commit_write(sql, tx);
  return {OutcomeKind::created, row, {}, ""};
}

Result<std::vector<store::RunRow>> AdmissionService::runs(const Actor& actor, std::int64_t round_id) {
  using R = Result<std::vector<store::RunRow>>;
  if (actor.role != Role::admin && actor.role != Role::steering) return R::fail(OutcomeKind::forbidden, "forbidden");
  auto conn = db_.connect();
  store::AdmissionRepository repo(conn.session());
  if (!repo.round(round_id)) return R::fail(OutcomeKind::not_found, "not_found");
  return {OutcomeKind::ok, repo.runs(round_id), {}, ""};
}

Result<store::RunRow> AdmissionService::publish(const Actor& actor, std::int64_t run_id) {
  using R = Result<store::RunRow>;
  if (!AdmissionService::manages_rounds(actor)) return R::fail(OutcomeKind::forbidden, "forbidden");
  auto conn = db_.connect();
  auto& sql = conn.session();
  store::AdmissionRepository repo(sql);
  store::Transaction tx(sql);
  auto run = repo.run(run_id);
  if (!run) return R::fail(OutcomeKind::not_found, "not_found");
  if (run->kind != "official") return R::fail(OutcomeKind::conflict, "simulation_not_publishable");
  if (run->status != "computed") return R::fail(OutcomeKind::conflict, "run_already_published");
  // Only the newest official run can be published: an older one was computed on other inputs.
  for (const auto& other : repo.runs(run->round_id)) {
    if (other.kind == "official" && other.number > run->number) return R::fail(OutcomeKind::conflict, "run_outdated");
  }
  auto round = repo.round(run->round_id);
  if (!round || round->status != "closed") return R::fail(OutcomeKind::conflict, "round_not_closed");
  // Publish only what was computed from the inputs as they still are.
  {
    RunRequest same;
    const auto parameters = nlohmann::json::parse(run->parameters, nullptr, false);
    if (parameters.is_object() && parameters.contains("precedence") && parameters["precedence"].is_string()) {
      same.precedence = admission::parse_precedence(parameters["precedence"].get<std::string>());
    }
    const auto built = build_round_instance(repo, *round, repo.cohorts(round->id), same);
    if (sha256_hex(admission::canonical_input(built.instance, built.names)) != run->input_digest) {
      return R::fail(OutcomeKind::conflict, "run_inputs_changed");
    }
  }
  const std::string answer_by =
      core::format_date(core::civil_from_days(core::days_from_civil(core::today_utc()) + round->answer_days));
  const std::string now = core::now_utc();
  repo.publish(*run, answer_by, now);
  store::append_audit(sql, audit_entry(actor, "publish", "rounds", run->round_id,
                                 "run " + std::to_string(run->number) + ", answers by " + answer_by));
  store::commit_write(sql, tx);
  return {OutcomeKind::ok, *repo.run(run_id), {}, ""};
}

Result<CandidateResult> AdmissionService::result(const Actor& actor, std::int64_t round_id,
                                                 std::optional<std::int64_t> named) {
  using R = Result<CandidateResult>;
  const auto candidate_id = subject(actor, named);
  if (!candidate_id)
    return R::fail(actor.role == Role::admin ? OutcomeKind::invalid : OutcomeKind::forbidden,
                   actor.role == Role::admin ? "invalid_parameters" : "forbidden");
  auto conn = db_.connect();
  store::AdmissionRepository repo(conn.session());
  auto round = repo.round(round_id);
  if (!round || round->status == "draft") return R::fail(OutcomeKind::not_found, "not_found");
  auto profile = repo.candidate(*candidate_id);
  if (!profile) return R::fail(OutcomeKind::not_found, "not_found");

  R out;
  CandidateResult& r = out.value;
  r.round = RoundView{*round, repo.cohorts(round_id), accepting(*round)};
  r.lottery = lottery_number(round->lottery_seed, *candidate_id);
  r.run = repo.latest_published_run(round_id);
  const auto cohorts = by_id(r.round.cohorts);
  const auto rows = repo.applications_of(round_id, *candidate_id);
  if (rows.empty()) {
    r.status = "not_applied";
    return out;
  }
  r.status = r.run ? "waitlisted" : "none";
  // What she holds decides her status: a seat she accepted, else an open offer, else the last
  // offer she declined or let expire (a later run may have offered her a higher choice).
  const store::PoolRow* obtained = nullptr;
  const auto weight = [](const std::string& status) {
    return status == "accepted" ? 3 : status == "offered" ? 2 : status == "declined" || status == "expired" ? 1 : 0;
  };
  for (const auto& row : rows) {
    if (weight(row.status) > 0 && (!obtained || weight(row.status) > weight(obtained->status))) obtained = &row;
  }
  int obtained_rank = 0;
  if (obtained) {
    r.status = obtained->status;
    r.offer = choice_view(*obtained, cohorts);
    obtained_rank = obtained->status == "declined" || obtained->status == "expired" ? 0 : obtained->rank;
  }
  // Refusals are explained by the run that made her offer (a later run kept her seat without
  // considering her), else by the latest published run.
  std::optional<store::RunRow> explaining = r.run;
  if (obtained && obtained_rank != 0) {
    if (auto run_id = repo.run_that_assigned(round_id, *candidate_id, obtained->cohort_id))
      explaining = repo.run(*run_id);
  }
  std::map<std::pair<std::int64_t, std::string>, store::CutoffRow> cutoffs;
  if (explaining) {
    for (auto& c : repo.cutoffs(explaining->id)) cutoffs.emplace(std::pair{c.cohort_id, c.seat}, c);
  }
  const std::string precedence_text =
      explaining ? nlohmann::json::parse(explaining->parameters).value("precedence", round->precedence)
                 : round->precedence;
  const auto precedence = admission::parse_precedence(precedence_text).value_or(admission::kDefaultPrecedence);
  for (const auto& row : rows) {
    ChoiceResult choice{.choice = choice_view(row, cohorts)};
    if (row.status == "ineligible") {
      choice.outcome = "ineligible";
    } else if (row.status == "declined" || row.status == "expired") {
      choice.outcome = "declined";
    } else if (obtained_rank != 0 && row.rank == obtained_rank) {
      choice.outcome = "obtained";
    } else if (obtained_rank != 0 && row.rank > obtained_rank) {
      choice.outcome = "lower";
    } else if (explaining) {
      choice.outcome = "refused";
      admission::Cohort seats;
      std::array<admission::SeatCutoff, admission::kSeatKinds> cut{};
      bool known = false;
      for (std::size_t k = 0; k < admission::kSeatKinds; ++k) {
        auto it = cutoffs.find({row.cohort_id, admission::seat_kind_name(static_cast<SeatKind>(k))});
        if (it == cutoffs.end()) continue;
        known = true;
        const auto& c = it->second;
        seats.seats[k] = c.seats;
        const auto score = [](const std::optional<double>& d) {
          return d ? std::optional<Score>(to_score(*d)) : std::nullopt;
        };
        cut[k] = admission::SeatCutoff{c.filled, c.filled_with_priority, score(c.last_score),
                                       score(c.last_priority_score), score(c.last_other_score)};
      }
      if (known) {
        const auto& cohort = cohorts.at(row.cohort_id);
        for (const auto& e :
             admission::explain_refusal(to_score(row.score.value_or(0)), profile->gender == "F",
                                        profile->region_code == cohort.region_code, seats, cut, precedence)) {
          const auto value = [](const std::optional<Score>& s) {
            return s ? std::optional<double>(from_score(*s)) : std::nullopt;
          };
          choice.standings.push_back(SeatStanding{admission::seat_kind_name(e.seat), e.seats, e.filled,
                                                  value(e.last_admitted), value(e.compared_with), e.priority,
                                                  admission::standing_name(e.standing)});
        }
      }
    } else {
      choice.outcome = "pending";
    }
    r.choices.push_back(std::move(choice));
  }
  return out;
}

Result<CandidateResult> AdmissionService::answer_offer(const Actor& actor, std::int64_t round_id, bool accept) {
  using R = Result<CandidateResult>;
  if (!applies(actor)) return R::fail(OutcomeKind::forbidden, "forbidden");
  {
    auto conn = db_.connect();
    auto& sql = conn.session();
    store::AdmissionRepository repo(sql);
    store::Transaction tx(sql);
    auto round = repo.round(round_id);
    if (!round || round->status == "draft") return R::fail(OutcomeKind::not_found, "not_found");
    if (round->status != "closed") return R::fail(OutcomeKind::conflict, "no_open_offer");
    const store::PoolRow* offer = nullptr;
    const auto rows = repo.applications_of(round_id, *actor.candidate_id);
    for (const auto& row : rows) {
      if (row.status == "offered") offer = &row;
    }
    if (offer == nullptr) return R::fail(OutcomeKind::conflict, "no_open_offer");
    const std::string now = core::now_utc();
    if (offer->answer_by < core::today_text()) {
      repo.set_status(offer->application_id, "expired", "", now);
      store::commit_write(sql, tx);
      return R::fail(OutcomeKind::conflict, "offer_expired");
    }
    repo.set_status(offer->application_id, accept ? "accepted" : "declined", "", now);
    if (accept) repo.enrol(*actor.candidate_id, offer->cohort_id, now);
    store::append_audit(
        sql, audit_entry(actor, accept ? "accept_offer" : "decline_offer", "applications", offer->application_id, ""));
    store::commit_write(sql, tx);
  }
  return result(actor, round_id, std::nullopt);
}

Result<CohortAdmissions> AdmissionService::cohort_admissions(const Actor& actor, std::int64_t cohort_id,
                                                             const std::string& export_format) {
  using R = Result<CohortAdmissions>;
  if (actor.role != Role::admin && actor.role != Role::operator_staff)
    return R::fail(OutcomeKind::forbidden, "forbidden");
  auto conn = db_.connect();
  store::AdmissionRepository repo(conn.session());
  auto cohort = repo.cohort(cohort_id);
  if (!cohort || (actor.role == Role::operator_staff && actor.organisation_id != cohort->operator_id)) {
    return R::fail(OutcomeKind::not_found, "not_found");
  }
  R out;
  out.value.cohort = *cohort;
  const auto round_id = repo.round_of_cohort(cohort_id);
  if (!round_id) return out;
  out.value.run = repo.latest_published_run(*round_id);
  // Waiting for this cohort: eligible applications of candidates who hold no offer or seat they
  // ranked higher.
  for (const auto& row : repo.cohort_lists(cohort_id)) {
    const AdmissionLine line{.application_id = row.application_id,
                             .candidate_id = row.candidate_id,
                             .cin = row.cin,
                             .first_name = row.first_name,
                             .last_name = row.last_name,
                             .gender = row.gender,
                             .region_code = row.region_code,
                             .status = row.status,
                             .seat = row.seat,
                             .rank = row.rank,
                             .score = row.score,
                             .test_score = row.test_score,
                             .interview_score = row.interview_score};
    if (line.status == "offered" || line.status == "accepted" || line.status == "declined" ||
        line.status == "expired") {
      out.value.admitted.push_back(line);
    } else if ((line.status == "eligible" || line.status == "submitted") &&
               !(row.held_rank && *row.held_rank < row.rank)) {
      out.value.waitlist.push_back(line);
    }
  }
  if (!export_format.empty()) {
    store::append_audit(
        conn.session(),
        audit_entry(actor, "export", "admissions", cohort_id,
              export_format + ", " + std::to_string(out.value.admitted.size() + out.value.waitlist.size()) +
                  " rows with personal data"));
  }
  return out;
}

}  // namespace jobintech::app
