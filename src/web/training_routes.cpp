// The API of a cohort's training (docs/api.md, docs/training.md): attendance per session day
// (entered for a day, or imported as CSV), assessments per skill of the track, graduates'
// certificates and their revocation, and the public verification of a certificate's code.
// Enrolments themselves (and their status: graduated, dropped out, failed) are a resource
// (/api/v1/enrolments).
#include "core/validation.h"
#include "web/router.h"
#include "web/services.h"
#include "web/training_json.h"

namespace jobintech::web {

namespace {

using nlohmann::json;

// A list of enrolment ids; each entry that is not an integer is named.
std::vector<std::int64_t> id_list(const std::string& key, const json& value, core::FieldErrors& errors) {
  std::vector<std::int64_t> out;
  if (!value.is_array()) {
    errors.push_back({key, "id_list_format", {}});
    return out;
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i].is_number_integer())
      out.push_back(value[i].get<std::int64_t>());
    else
      errors.push_back({key + "[" + std::to_string(i) + "]", "integer_format", {}});
  }
  return out;
}

// {"day": "YYYY-MM-DD", "present": [ids], "absent": [ids]}
app::AttendanceSheet attendance_sheet(const json& body, core::FieldErrors& errors) {
  app::AttendanceSheet sheet;
  for (const auto& [key, value] : body.items()) {
    if (key == "day") {
      if (value.is_string())
        sheet.day = value.get<std::string>();
      else
        errors.push_back({key, "date_format", {}});
    } else if (key == "present") {
      sheet.present = id_list(key, value, errors);
    } else if (key == "absent") {
      sheet.absent = id_list(key, value, errors);
    } else {
      errors.push_back({key, "unknown_field", {}});
    }
  }
  if (!body.contains("day")) errors.push_back({"day", "required", {}});
  return sheet;
}

// {"assessed_on": "YYYY-MM-DD", "skills": {"python": true, "sql": false}}
app::AssessmentSheet assessment_sheet(const json& body, core::FieldErrors& errors) {
  app::AssessmentSheet sheet;
  for (const auto& [key, value] : body.items()) {
    if (key == "assessed_on") {
      if (value.is_string())
        sheet.assessed_on = value.get<std::string>();
      else
        errors.push_back({key, "date_format", {}});
    } else if (key == "skills") {
      if (!value.is_object()) {
        errors.push_back({key, "skills_format", {}});
        continue;
      }
      for (const auto& [code, validated] : value.items()) {
        if (validated.is_boolean())
          sheet.skills.emplace_back(code, validated.get<bool>());
        else
          errors.push_back({"skills." + code, "boolean_format", {}});
      }
    } else {
      errors.push_back({key, "unknown_field", {}});
    }
  }
  for (const char* f : {"assessed_on", "skills"})
    if (!body.contains(f)) errors.push_back({f, "required", {}});
  return sheet;
}

}  // namespace

void register_training_api_routes(Router& router, Services& s) {
  router.add({"GET", "/api/v1/cohorts/{id}/attendance", Audience::signed_in, Kind::api,
              "A cohort's attendance: the session days and each learner's rate (?threshold=0.8 adds the learners "
              "below it)",
              "", [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                std::optional<double> threshold;
                if (req.has_param("threshold")) {
                  threshold = core::parse_decimal(req.get_param_value("threshold"), false);
                  if (!threshold || *threshold < 0 || *threshold > 1)
                    return send_problem(res, ctx, 422, "invalid_parameters",
                                        {{"threshold", "out_of_range", {{"min", "0"}, {"max", "1"}}}});
                }
                auto out = s.training.attendance(*ctx.actor, path_id(req), threshold);
                if (!failed(res, ctx, out)) send_json(res, 200, attendance_json(out.value));
              }});
  router.add({"PUT", "/api/v1/cohorts/{id}/attendance", Audience::signed_in, Kind::api,
              "Record one session day's attendance (body: {\"day\", \"present\": [enrolment ids], \"absent\": [...]}); "
              "all or nothing",
              "", [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                auto cohort = s.training.cohort(*ctx.actor, path_id(req));
                if (failed(res, ctx, cohort)) return;
                auto body = json_body(req, res, ctx);
                if (!body) return;
                core::FieldErrors errors;
                const auto sheet = attendance_sheet(*body, errors);
                if (!errors.empty()) return send_problem(res, ctx, 422, "invalid_input", errors);
                auto out = s.training.record_attendance(*ctx.actor, path_id(req), sheet);
                if (!failed(res, ctx, out)) send_json(res, 200, attendance_json(out.value));
              }});
  router.add({"POST", "/api/v1/cohorts/{id}/attendance.csv", Audience::signed_in, Kind::api,
              "Import attendance from a CSV file (columns cin,day,present); every bad line reported, nothing written "
              "unless all are right",
              "", [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                const std::string& bytes = req.has_file("file") ? req.get_file_value("file").content : req.body;
                auto out = s.training.import_attendance(*ctx.actor, path_id(req), bytes);
                if (out.kind == app::OutcomeKind::forbidden || out.kind == app::OutcomeKind::not_found)
                  return send_problem(res, ctx, status_of(out.kind), out.message_code);
                send_json(res, out.value.applied ? 200 : 422, import_report_json(out.value, ctx.lang));
              }});

  router.add({"GET", "/api/v1/enrolments/{id}/assessments", Audience::signed_in, Kind::api,
              "A learner's assessments: each skill of the track, validated, not validated or not yet assessed", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                auto out = s.training.assessments(*ctx.actor, path_id(req));
                if (!failed(res, ctx, out)) send_json(res, 200, assessments_json(out.value, ctx.lang));
              }});
  router.add({"PUT", "/api/v1/enrolments/{id}/assessments", Audience::signed_in, Kind::api,
              "Record a learner's assessments (body: {\"assessed_on\", \"skills\": {\"CODE\": true|false}}); skills "
              "of the track only",
              "", [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                auto learner = s.training.learner(*ctx.actor, path_id(req));
                if (failed(res, ctx, learner)) return;
                auto body = json_body(req, res, ctx);
                if (!body) return;
                core::FieldErrors errors;
                const auto sheet = assessment_sheet(*body, errors);
                if (!errors.empty()) return send_problem(res, ctx, 422, "invalid_input", errors);
                auto out = s.training.record_assessments(*ctx.actor, path_id(req), sheet);
                if (!failed(res, ctx, out)) send_json(res, 200, assessments_json(out.value, ctx.lang));
              }});

  router.add({"POST", "/api/v1/enrolments/{id}/certificate", Audience::signed_in, Kind::api,
              "Issue a graduate's certificate (201), or return the one issued (200); 409 if not graduated", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                auto out = s.training.issue_certificate(*ctx.actor, path_id(req));
                if (!failed(res, ctx, out)) send_json(res, status_of(out.kind), certificate_json(out.value, ctx.lang));
              }});
  router.add({"POST", "/api/v1/certificates/{id}/revoke", Audience::signed_in, Kind::api,
              "Revoke a certificate (body: {\"reason\"}); its verification page then says it is revoked", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                if (!app::TrainingService::trains(*ctx.actor)) return send_problem(res, ctx, 403, "forbidden");
                auto body = json_body(req, res, ctx);
                if (!body) return;
                core::FieldErrors errors;
                std::string reason;
                for (const auto& [key, value] : body->items()) {
                  if (key == "reason" && value.is_string())
                    reason = value.get<std::string>();
                  else if (key == "reason")
                    errors.push_back({key, "text_expected", {}});
                  else
                    errors.push_back({key, "unknown_field", {}});
                }
                if (!errors.empty()) {
                  // Others' certificates stay invisible, even to a malformed request.
                  auto seen = s.training.certificate(*ctx.actor, path_id(req));
                  if (failed(res, ctx, seen)) return;
                  return send_problem(res, ctx, 422, "invalid_input", errors);
                }
                auto out = s.training.revoke_certificate(*ctx.actor, path_id(req), reason);
                if (!failed(res, ctx, out)) send_json(res, 200, certificate_json(out.value, ctx.lang));
              }});
  router.add({"GET", "/api/v1/verify/{code}", Audience::anyone, Kind::api,
              "Public check of a certificate's code: name, track, cohort and graduation date, and whether it is "
              "revoked; nothing else",
              "", [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                auto out = s.training.verify(req.matches[1].str());
                if (!failed(res, ctx, out)) send_json(res, 200, verification_json(out.value, ctx.lang));
              }});
}

}  // namespace jobintech::web
