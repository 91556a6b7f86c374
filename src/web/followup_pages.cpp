// Placement follow-ups on pages (docs/training.md, "Follow-ups"):
//  - on the candidate page's Placements section, under each placement, its checkpoints at 3, 6
//    and 12 months with their due dates and status, and for each checkpoint that is due a small
//    form that records it (or records it again). The form posts to POST /placements/{id}/followups,
//    which goes through the same use case as PUT /api/v1/placements/{id}/followups/{months}
//    (app::FollowupService: the actor's reach, the checks, one transaction, the audit log). Saved:
//    303 back to her page (POST-redirect-GET). Refused: her page again, 422, each wrong field
//    named above the placement's follow-ups and marked in its form, nothing written;
//  - GET /followups, the follow-ups due and not yet recorded, oldest first, a page at a time, each
//    linked to the learner's page: the programme office sees all, an operator those of its learners.
// There is no script.
#include <algorithm>

#include "core/date.h"
#include "core/validation.h"
#include "web/page_builder.h"
#include "web/router.h"
#include "web/services.h"

namespace jobintech::web {

// The candidate page (web/page_routes.cpp). A refused follow-up is shown on it by passing, in
// place of the placement form, {"followup_refused": <the state built below>}.
void candidate_page(Services& s, const httplib::Request& req, httplib::Response& res, const RequestContext& ctx,
                    std::int64_t id, const nlohmann::json& placement_form, int status);

namespace {

using nlohmann::json;

const app::Messages& messages() { return app::Messages::global(); }

// What a refused form sends back to the page: the placement, the checkpoint, what was typed, and
// the errors (each as "Field : message", and per field for the form's markers).
json refused_state(std::int64_t placement_id, const std::string& months, const std::map<std::string, std::string>& values,
                   const core::FieldErrors& errors, const std::string& lang) {
  const auto& m = messages();
  json texts = json::array(), by_field = json::object();
  for (const auto& e : errors) {
    const std::string label = m.text(lang, "field." + e.field);
    texts.push_back(e.field.empty() ? m.error(lang, e)
                                    : (label == "field." + e.field ? e.field : label) + " : " + m.error(lang, e));
    if (!e.field.empty() && !by_field.contains(e.field)) by_field[e.field] = m.error(lang, e);
  }
  return {{"placement_id", placement_id}, {"months", months}, {"values", values}, {"errors", texts},
          {"invalid", by_field}};
}

json field(const std::string& value, const json& invalid, const std::string& name) {
  json f = {{"value", value}, {"invalid", false}};
  if (invalid.contains(name)) {
    f["invalid"] = true;
    f["error"] = invalid[name];
  }
  return f;
}

}  // namespace

// A placement's follow-ups for its row in the candidate page's Placements section (null when the
// actor may not read them). `refused`: the state of a refused form for this placement, or null.
json placement_followups_block(Services& s, const RequestContext& ctx, std::int64_t placement_id, const json& refused) {
  const auto out = s.followups.followups(*ctx.actor, placement_id);
  if (!out.ok()) return nullptr;
  const auto& m = messages();
  const auto& lang = ctx.lang;
  const bool writes = s.followups.writable(*ctx.actor, placement_id).ok();
  const auto today = core::format_date(core::today_utc());
  const bool this_one = refused.is_object() && refused.value("placement_id", std::int64_t{0}) == placement_id;
  json checkpoints = json::array();
  for (const auto& c : out.value.checkpoints) {
    const auto months = std::to_string(c.months);
    std::string status = !c.due ? "upcoming" : !c.recorded ? "due" : c.recorded->still_employed ? "employed" : "not_employed";
    json j = {{"months", c.months},
              {"label", m.text(lang, "followup.months", {{"months", months}})},
              {"due_on", c.due_on},
              {"due_text", m.text(lang, "followup.due_on", {{"date", c.due_on}})},
              {"status", status},
              {"status_label",
               m.text(lang, "followup.status_" + status, {{"date", c.recorded ? c.recorded->checked_on : ""}})},
              {"has_note", c.recorded && !c.recorded->note.empty()},
              {"note", c.recorded ? c.recorded->note : ""}};
    if (c.due && writes) {
      // Typed values come back after a refusal; otherwise what was recorded, or today.
      std::map<std::string, std::string> v;
      json invalid = json::object();
      if (this_one && refused.value("months", "") == months) {
        v = refused["values"].get<std::map<std::string, std::string>>();
        invalid = refused["invalid"];
      } else if (c.recorded) {
        v = {{"still_employed", c.recorded->still_employed ? "1" : "0"},
             {"checked_on", c.recorded->checked_on},
             {"note", c.recorded->note}};
      } else {
        v = {{"checked_on", today}};
      }
      j["form"] = {{"action", "/placements/" + std::to_string(placement_id) + "/followups"},
                   {"months", c.months},
                   {"min", c.due_on},
                   {"max", today},
                   {"yes", v["still_employed"] == "1"},
                   {"no", v["still_employed"] == "0"},
                   {"still_employed", field(v["still_employed"], invalid, "still_employed")},
                   {"checked_on", field(v["checked_on"], invalid, "checked_on")},
                   {"note", field(v["note"], invalid, "note")}};
    }
    checkpoints.push_back(std::move(j));
  }
  json block = {{"placement_id", placement_id}, {"checkpoints", checkpoints}};
  block["errors"] = this_one ? refused["errors"] : json::array();
  block["has_errors"] = this_one && !refused["errors"].empty();
  return block;
}

void register_followup_page_routes(Router& router, Services& s) {
  router.add(
      {"POST", "/placements/{id}/followups", Audience::signed_in, Kind::page,
       "Record a placement's follow-up at 3, 6 or 12 months from the candidate page's form", "placements",
       [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
         const auto placement_id = path_id(req);
         PageBuilder b(s, req, ctx);
         const auto placement = s.followups.writable(*ctx.actor, placement_id);
         if (!placement.ok()) return b.error_page(res, status_of(placement.kind), placement.message_code);
         std::map<std::string, std::string> values;
         for (const char* f : {"still_employed", "checked_on", "note"})
           values[f] = req.has_param(f) ? req.get_param_value(f) : "";
         const std::string months_text = req.get_param_value("months");
         core::FieldErrors errors;
         const auto months = core::parse_integer(months_text);
         if (!months) errors.push_back({"months", "followup_months", {}});
         app::FollowupInput input;
         if (values["still_employed"] == "1" || values["still_employed"] == "0")
           input.still_employed = values["still_employed"] == "1";
         else
           errors.push_back({"still_employed", "required", {}});
         input.checked_on = core::trim(values["checked_on"]);
         input.note = values["note"];
         if (input.checked_on.empty()) errors.push_back({"checked_on", "required", {}});
         if (errors.empty()) {
           const auto out = s.followups.record(*ctx.actor, placement_id, static_cast<int>(*months), input);
           if (out.ok())
             return res.set_redirect("/candidates/" + std::to_string(placement.value.candidate_id) + "#followups-" +
                                         std::to_string(placement_id),
                                     303);
           if (out.kind != app::OutcomeKind::invalid) return b.error_page(res, status_of(out.kind), out.message_code);
           errors = out.errors;
         }
         candidate_page(s, req, res, ctx, placement.value.candidate_id,
                        json{{"followup_refused", refused_state(placement_id, months_text, values, errors, ctx.lang)}},
                        422);
       }});

  router.add({"GET", "/followups", Audience::signed_in, Kind::page,
              "The follow-ups due and not yet recorded, oldest first, linked to the learners' pages", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                PageBuilder b(s, req, ctx);
                if (!app::FollowupService::sees_due(*ctx.actor)) return b.error_page(res, 403, "forbidden");
                long long p = 1;
                if (auto n = core::parse_integer(req.get_param_value("page")); n && *n > 0 && *n < 1'000'000) p = *n;
                const auto out = s.followups.due(*ctx.actor, kPageSize, static_cast<int>((p - 1) * kPageSize));
                if (!out.ok()) return b.error_page(res, status_of(out.kind), out.message_code);
                const auto& m = messages();
                json page = b.base("followups");
                json rows = json::array();
                for (const auto& d : out.value.items) {
                  rows.push_back(
                      {{"href", "/candidates/" + std::to_string(d.row.candidate_id) + "#followups-" +
                                    std::to_string(d.row.placement_id)},
                       {"placement_id", d.row.placement_id},
                       {"name", d.row.first_name + " " + d.row.last_name},
                       {"employer_name", d.row.employer_name},
                       {"job_title", d.row.job_title},
                       {"start_date", d.row.start_date},
                       {"months", d.row.months},
                       {"months_label", m.text(ctx.lang, "followup.months", {{"months", std::to_string(d.row.months)}})},
                       {"due_on", d.due_on}});
                }
                const long long total = out.value.total;
                const long long first = rows.empty() ? 0 : (p - 1) * kPageSize + 1;
                const long long last = std::min<long long>(total, (p - 1) * kPageSize + static_cast<long long>(rows.size()));
                page["rows"] = rows;
                page["empty"] = rows.empty();
                page["pagination"] = {
                    {"summary", m.text(ctx.lang, "list.range",
                                       {{"first", std::to_string(first)},
                                        {"last", std::to_string(last)},
                                        {"total", std::to_string(total)}})},
                    {"has_previous", p > 1},
                    {"has_next", p * kPageSize < total},
                    {"previous", url_with(req, {{"page", std::to_string(p - 1)}})},
                    {"next", url_with(req, {{"page", std::to_string(p + 1)}})}};
                b.render(res, "followups", page);
              }});
}

}  // namespace jobintech::web
