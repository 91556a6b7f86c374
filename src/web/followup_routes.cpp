// The API of placement follow-ups (docs/api.md, docs/training.md "Follow-ups"): a placement's
// checkpoints at 3, 6 and 12 months with their due dates, recording one (whether the person is
// still employed), and the follow-ups due and not yet recorded. The placement itself is a
// resource (/api/v1/placements).
#include "core/validation.h"
#include "web/router.h"
#include "web/services.h"

namespace jobintech::web {

namespace {

using nlohmann::json;

json or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json followups_json(const app::PlacementFollowups& f) {
  json checkpoints = json::array();
  for (const auto& c : f.checkpoints) {
    json j = {{"months", c.months}, {"due_on", c.due_on}, {"due", c.due}, {"recorded", c.recorded.has_value()},
              {"still_employed", nullptr}, {"checked_on", nullptr}, {"note", nullptr}};
    if (c.recorded) {
      j["still_employed"] = c.recorded->still_employed;
      j["checked_on"] = c.recorded->checked_on;
      j["note"] = or_null(c.recorded->note);
    }
    checkpoints.push_back(std::move(j));
  }
  return {{"placement_id", f.placement_id}, {"candidate_id", f.candidate_id}, {"employer_name", f.employer_name},
          {"job_title", f.job_title},       {"start_date", f.start_date},     {"end_date", or_null(f.end_date)},
          {"checkpoints", checkpoints}};
}

// {"still_employed": true, "checked_on": "YYYY-MM-DD", "note": "..."}; unknown fields refused.
app::FollowupInput followup_input(const json& body, core::FieldErrors& errors) {
  app::FollowupInput input;
  for (const auto& [key, value] : body.items()) {
    if (key == "still_employed") {
      if (value.is_boolean())
        input.still_employed = value.get<bool>();
      else
        errors.push_back({key, "boolean_format", {}});
    } else if (key == "checked_on") {
      if (value.is_string())
        input.checked_on = value.get<std::string>();
      else
        errors.push_back({key, "date_format", {}});
    } else if (key == "note") {
      if (value.is_string())
        input.note = value.get<std::string>();
      else if (!value.is_null())
        errors.push_back({key, "text_expected", {}});
    } else {
      errors.push_back({key, "unknown_field", {}});
    }
  }
  for (const char* f : {"still_employed", "checked_on"})
    if (!body.contains(f)) errors.push_back({f, "required", {}});
  return input;
}

}  // namespace

void register_followup_api_routes(Router& router, Services& s) {
  router.add({"GET", "/api/v1/placements/{id}/followups", Audience::signed_in, Kind::api,
              "A placement's follow-ups at 3, 6 and 12 months: each due date, and what was recorded if it was",
              "placements", [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                auto out = s.followups.followups(*ctx.actor, path_id(req));
                if (!failed(res, ctx, out)) send_json(res, 200, followups_json(out.value));
              }});
  router.add({"PUT", "/api/v1/placements/{id}/followups/{months}", Audience::signed_in, Kind::api,
              "Record the follow-up at 3, 6 or 12 months (body: {\"still_employed\", \"checked_on\", \"note\"}); not "
              "before its due date; again replaces it",
              "placements", [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                // Others' placements stay invisible, even to a malformed request.
                auto seen = s.followups.writable(*ctx.actor, path_id(req));
                if (failed(res, ctx, seen)) return;
                const auto months = core::parse_integer(req.matches[2].str());
                auto body = json_body(req, res, ctx);
                if (!body) return;
                core::FieldErrors errors;
                const auto input = followup_input(*body, errors);
                if (!months) errors.insert(errors.begin(), {"months", "followup_months", {}});
                if (!errors.empty()) return send_problem(res, ctx, 422, "invalid_input", errors);
                auto out = s.followups.record(*ctx.actor, path_id(req), static_cast<int>(*months), input);
                if (!failed(res, ctx, out)) send_json(res, status_of(out.kind), followups_json(out.value));
              }});
  router.add({"GET", "/api/v1/followups/due", Audience::signed_in, Kind::api,
              "The follow-ups due (due date today or before) and not yet recorded, oldest first "
              "(?limit=50&offset=0): the office sees all, an operator those of its learners",
              "", [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                core::FieldErrors errors;
                long long limit = 50, offset = 0;
                for (const auto& [name, value] : req.params)
                  if (!paging_parameter(name, value, 500, limit, offset, errors) && name != "lang")
                    errors.push_back({name, "unknown_parameter", {}});
                if (!app::FollowupService::sees_due(*ctx.actor)) return send_problem(res, ctx, 403, "forbidden");
                if (!errors.empty()) return send_problem(res, ctx, 422, "invalid_parameters", errors);
                auto out = s.followups.due(*ctx.actor, static_cast<int>(limit), static_cast<int>(offset));
                if (failed(res, ctx, out)) return;
                json items = json::array();
                for (const auto& d : out.value.items)
                  items.push_back({{"placement_id", d.row.placement_id},
                                   {"candidate_id", d.row.candidate_id},
                                   {"first_name", d.row.first_name},
                                   {"last_name", d.row.last_name},
                                   {"employer_name", d.row.employer_name},
                                   {"job_title", d.row.job_title},
                                   {"start_date", d.row.start_date},
                                   {"months", d.row.months},
                                   {"due_on", d.due_on}});
                send_json(res, 200,
                          {{"items", items},
                           {"total", out.value.total},
                           {"limit", out.value.limit},
                           {"offset", out.value.offset}});
              }});
}

}  // namespace jobintech::web
