#include "app/followup_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "app/access_policy.h"
#include "core/date.h"
#include "core/resource.h"
#include "core/validation.h"
#include "app/audit_entry.h"
#include "store/audit_log.h"
#include "store/data_version.h"
#include "store/record_repository.h"
#include "store/transaction.h"

namespace jobintech::app {

namespace {

constexpr std::size_t kNoteMaxLength = 500;


std::string text_of(const core::Record& r, const char* field) {
  auto it = r.find(field);
  return it == r.end() ? std::string() : core::to_text(it->second);
}

nlohmann::json followup_json(const std::optional<store::FollowupRow>& f) {
  if (!f) return nullptr;
  return {{"months", f->months},
          {"still_employed", f->still_employed},
          {"checked_on", f->checked_on},
          {"note", f->note.empty() ? nlohmann::json(nullptr) : nlohmann::json(f->note)}};
}

PlacementFollowups assemble(const core::Record& placement, const std::vector<store::FollowupRow>& recorded) {
  PlacementFollowups out;
  out.placement_id = std::stoll(text_of(placement, "id"));
  out.candidate_id = std::stoll(text_of(placement, "candidate_id"));
  out.employer_name = text_of(placement, "employer_name");
  out.job_title = text_of(placement, "job_title");
  out.start_date = text_of(placement, "start_date");
  out.end_date = text_of(placement, "end_date");
  const auto now = core::today_text();
  for (int months : kFollowupMonths) {
    FollowupCheckpoint c{.months = months, .due_on = followup_due_on(out.start_date, months)};
    c.due = c.due_on <= now;
    for (const auto& f : recorded)
      if (f.months == months) c.recorded = f;
    out.checkpoints.push_back(std::move(c));
  }
  return out;
}

}  // namespace

std::string followup_due_on(const std::string& start_date, int months) {
  const auto start = core::parse_date(start_date);
  return start ? core::format_date(core::add_months(*start, months)) : std::string();
}

std::string latest_start_due_by(const std::string& day, int months) {
  const auto d = core::parse_date(day);
  if (!d) return {};
  // add_months is monotone in the start date but clamps (2025-08-30 and 2025-08-31 both give
  // 2025-11-30), so the last start is found by stepping past the first guess.
  auto start = core::add_months(*d, -months);
  for (;;) {
    const auto next = core::civil_from_days(core::days_from_civil(start) + 1);
    if (core::add_months(next, months) > *d) break;
    start = next;
  }
  return core::format_date(start);
}

Result<PlacementFollowups> FollowupService::load(const Actor& actor, std::int64_t placement_id, bool for_writing) {
  using R = Result<PlacementFollowups>;
  const auto& spec = core::resource("placements");
  const Access access = access_for(spec.name, actor.role);
  if (access.read == Reach::none) return R::fail(OutcomeKind::forbidden, "forbidden");
  auto conn = db_.connect();
  auto& sql = conn.session();
  store::RecordRepository placements(sql, spec);
  auto placement = placements.get(placement_id, scope_for(actor, access.read));
  if (!placement) return R::fail(OutcomeKind::not_found, "not_found");
  // Whether a person kept her job is personal data: not for those who read placements without it
  // (steering), except the learner herself, whose own placements are the only ones she reaches.
  if (!access.personal_fields && actor.role != Role::candidate) return R::fail(OutcomeKind::forbidden, "forbidden");
  if (for_writing) {
    if (access.update == Reach::none || !placements.get(placement_id, scope_for(actor, access.update)))
      return R::fail(OutcomeKind::forbidden, "forbidden");
  }
  store::FollowupRepository repo(sql);
  return {OutcomeKind::ok, assemble(*placement, repo.of_placement(placement_id)), {}, ""};
}

Result<PlacementFollowups> FollowupService::followups(const Actor& actor, std::int64_t placement_id) {
  return load(actor, placement_id, false);
}

Result<PlacementFollowups> FollowupService::writable(const Actor& actor, std::int64_t placement_id) {
  return load(actor, placement_id, true);
}

Result<PlacementFollowups> FollowupService::record(const Actor& actor, std::int64_t placement_id, int months,
                                                   const FollowupInput& input) {
  using R = Result<PlacementFollowups>;
  const auto& spec = core::resource("placements");
  const Access access = access_for(spec.name, actor.role);
  if (access.read == Reach::none) return R::fail(OutcomeKind::forbidden, "forbidden");
  auto conn = db_.connect();
  auto& sql = conn.session();
  store::RecordRepository placements(sql, spec);
  store::FollowupRepository repo(sql);
  store::Transaction tx(sql);
  auto placement = placements.get(placement_id, scope_for(actor, access.read));
  if (!placement) return R::fail(OutcomeKind::not_found, "not_found");
  if (!access.personal_fields || access.update == Reach::none ||
      !placements.get(placement_id, scope_for(actor, access.update)))
    return R::fail(OutcomeKind::forbidden, "forbidden");

  core::FieldErrors errors;
  const auto now = core::today_text();
  std::string due_on;
  if (std::find(kFollowupMonths.begin(), kFollowupMonths.end(), months) == kFollowupMonths.end()) {
    errors.push_back({"months", "followup_months", {}});
  } else {
    due_on = followup_due_on(text_of(*placement, "start_date"), months);
    if (due_on > now) errors.push_back({"months", "followup_not_yet_due", {{"due", due_on}}});
  }
  if (!core::parse_date(input.checked_on) || input.checked_on.size() != 10) {
    errors.push_back({"checked_on", "date_format", {}});
  } else if (input.checked_on > now) {
    errors.push_back({"checked_on", "day_in_future", {}});
  } else if (!due_on.empty() && input.checked_on < due_on) {
    errors.push_back({"checked_on", "checked_before_due", {{"due", due_on}}});
  }
  std::string note;
  if (!core::trim(input.note).empty()) {
    auto checked = core::check_text(input.note, kNoteMaxLength);
    if (!checked.ok())
      errors.push_back({"note", checked.error, {{"max", std::to_string(kNoteMaxLength)}}});
    else
      note = checked.value;
  }
  if (!errors.empty()) return R::fail(OutcomeKind::invalid, "invalid_input", std::move(errors));

  std::optional<store::FollowupRow> before;
  for (const auto& f : repo.of_placement(placement_id))
    if (f.months == months) before = f;
  const store::FollowupRow after{months, input.still_employed, input.checked_on, note};
  repo.put(placement_id, after);
  auto entry = audit_entry(actor, "followup", "placements", placement_id, std::to_string(months) + " months");
  if (before) entry.before_json = followup_json(before).dump();
  entry.after_json = followup_json(after).dump();
  store::append_audit(sql, entry);
  store::commit_write(sql, tx);
  return {before ? OutcomeKind::ok : OutcomeKind::created, assemble(*placement, repo.of_placement(placement_id)), {},
          ""};
}

Result<DueFollowups> FollowupService::due(const Actor& actor, int limit, int offset) {
  using R = Result<DueFollowups>;
  std::optional<std::int64_t> operator_id;
  if (actor.role == Role::operator_staff) {
    if (!actor.organisation_id) return R::fail(OutcomeKind::forbidden, "forbidden");
    operator_id = *actor.organisation_id;
  } else if (actor.role != Role::admin) {
    return R::fail(OutcomeKind::forbidden, "forbidden");
  }
  core::FieldErrors errors;
  if (limit < 1 || limit > 500) errors.push_back({"limit", "out_of_range", {{"min", "1"}, {"max", "500"}}});
  if (offset < 0) errors.push_back({"offset", "out_of_range", {{"min", "0"}, {"max", "100000000"}}});
  if (!errors.empty()) return R::fail(OutcomeKind::invalid, "invalid_parameters", std::move(errors));
  const auto now = core::today_text();
  std::map<int, std::string> started_by;
  for (int months : kFollowupMonths) started_by[months] = latest_start_due_by(now, months);
  auto conn = db_.connect();
  store::FollowupRepository repo(conn.session());
  R out;
  out.value.limit = limit;
  out.value.offset = offset;
  out.value.total = repo.count_due(started_by, operator_id);
  for (auto& row : repo.due(started_by, operator_id, limit, offset)) {
    auto due_on = followup_due_on(row.start_date, row.months);
    out.value.items.push_back({std::move(row), std::move(due_on)});
  }
  return out;
}

}  // namespace jobintech::app
