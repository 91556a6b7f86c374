// The API of admission rounds: a candidate's choices, result and answer; the programme office's
// allocation runs and their publication; a cohort's admitted list and waitlist (docs/api.md).
// Rounds themselves are a resource (/api/v1/rounds): created, opened and closed with the
// resource routes.
#include "app/exporter.h"
#include "app/long_jobs.h"
#include "web/admission_json.h"
#include "web/router.h"
#include "web/services.h"

namespace jobintech::web {

namespace {

// {"kind": "official"|"simulation", "label": "...", "precedence": "open,women,local",
//  "women_percent": 20, "local_percent": 20}; unknown fields refused.
std::optional<app::RunRequest> run_request(const nlohmann::json& body, core::FieldErrors& errors) {
  app::RunRequest request;
  for (const auto& [key, value] : body.items()) {
    if (key == "kind" && value.is_string()) {
      request.kind = value.get<std::string>();
    } else if (key == "label" && value.is_string()) {
      request.label = value.get<std::string>().substr(0, 160);
    } else if (key == "precedence" && value.is_string()) {
      request.precedence = admission::parse_precedence(value.get<std::string>());
      if (!request.precedence) errors.push_back({key, "precedence_format", {}});
    } else if ((key == "women_percent" || key == "local_percent") && value.is_number_integer()) {
      (key == "women_percent" ? request.women_percent : request.local_percent) = value.get<int>();
    } else if ((key == "women_percent" || key == "local_percent") && value.is_null()) {
      continue;
    } else if (key == "kind" || key == "label" || key == "precedence" || key == "women_percent" ||
               key == "local_percent") {
      errors.push_back({key, "type_mismatch", {}});
    } else {
      errors.push_back({key, "unknown_field", {}});
    }
  }
  if (!errors.empty()) return std::nullopt;
  return request;
}

app::ExportTable admissions_table(const app::CohortAdmissions& a, bool personal) {
  app::ExportTable table;
  table.kind = "admissions";
  table.header = {"list", "position", "candidate_id"};
  if (personal) table.header.insert(table.header.end(), {"cin", "last_name", "first_name"});
  table.header.insert(table.header.end(), {"gender", "region_code", "rank", "score", "seat", "status"});
  for (const auto* list : {&a.admitted, &a.waitlist}) {
    std::int64_t position = 0;
    for (const auto& l : *list) {
      std::vector<core::Value> row = {std::string(list == &a.admitted ? "admitted" : "waitlist"), ++position,
                                      l.candidate_id};
      if (personal) row.insert(row.end(), {l.cin, l.last_name, l.first_name});
      row.insert(row.end(), {l.gender, l.region_code, std::int64_t{l.rank},
                             l.score ? core::Value(*l.score) : core::Value(), l.seat, l.status});
      table.rows.push_back(std::move(row));
    }
  }
  return table;
}

}  // namespace

void register_admission_api_routes(Router& router, Services& s) {
  router.add({"GET", "/api/v1/rounds/{id}/choices", Audience::signed_in, Kind::api,
              "The signed-in candidate's ranked choices in a round, and which cohorts she may choose", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                auto out = s.admission.choices(*ctx.actor, path_id(req));
                if (!failed(res, ctx, out)) send_json(res, 200, choices_json(out.value));
              }});
  router.add({"PUT", "/api/v1/rounds/{id}/choices", Audience::signed_in, Kind::api,
              "Replace the signed-in candidate's ranked choices (body: {\"cohorts\": [codes, best first]})", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                if (!app::AdmissionService::applies(*ctx.actor)) return send_problem(res, ctx, 403, "forbidden");
                auto body = json_body(req, res, ctx);
                if (!body) return;
                core::FieldErrors errors;
                std::vector<std::string> codes;
                for (const auto& [key, value] : body->items()) {
                  if (key != "cohorts") {
                    errors.push_back({key, "unknown_field", {}});
                  } else if (!value.is_array()) {
                    errors.push_back({key, "list_format", {}});
                  } else {
                    for (const auto& code : value) {
                      if (!code.is_string()) {
                        errors.push_back({key, "list_format", {}});
                        break;
                      }
                      codes.push_back(code.get<std::string>());
                    }
                  }
                }
                if (!body->contains("cohorts")) errors.push_back({"cohorts", "required", {}});
                if (!errors.empty()) return send_problem(res, ctx, 422, "invalid_input", errors);
                auto out = s.admission.submit_choices(*ctx.actor, path_id(req), codes);
                if (!failed(res, ctx, out)) send_json(res, 200, choices_json(out.value));
              }});
  router.add({"GET", "/api/v1/rounds/{id}/result", Audience::signed_in, Kind::api,
              "A candidate's result in a round with the explanation of every refusal (?candidate_id= for admins)", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                std::optional<std::int64_t> candidate;
                if (req.has_param("candidate_id")) {
                  try {
                    candidate = std::stoll(req.get_param_value("candidate_id"));
                  } catch (...) {
                    return send_problem(res, ctx, 422, "invalid_parameters", {{"candidate_id", "integer_format", {}}});
                  }
                }
                auto out = s.admission.result(*ctx.actor, path_id(req), candidate);
                if (!failed(res, ctx, out)) send_json(res, 200, result_json(out.value));
              }});
  for (const bool accept : {true, false}) {
    router.add({"POST", std::string("/api/v1/rounds/{id}/offer/") + (accept ? "accept" : "decline"),
                Audience::signed_in, Kind::api,
                accept ? "Accept the offer of a seat (the candidate is enrolled)" : "Decline the offer of a seat", "",
                [&s, accept](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                  auto out = s.admission.answer_offer(*ctx.actor, path_id(req), accept);
                  if (!failed(res, ctx, out)) send_json(res, 200, result_json(out.value));
                }});
  }
  router.add({"GET", "/api/v1/rounds/{id}/runs", Audience::signed_in, Kind::api,
              "The allocation runs of a round, official and simulated, with their figures", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                auto out = s.admission.runs(*ctx.actor, path_id(req));
                if (failed(res, ctx, out)) return;
                nlohmann::json runs = nlohmann::json::array();
                for (const auto& run : out.value) runs.push_back(run_json(run));
                send_json(res, 200, {{"items", runs}});
              }});
  router.add({"POST", "/api/v1/rounds/{id}/runs", Audience::signed_in, Kind::api,
              "Run the allocation of a closed round: official, or a policy-lab simulation under another reserve design",
              "", [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                if (!app::AdmissionService::manages_rounds(*ctx.actor)) return send_problem(res, ctx, 403, "forbidden");
                auto body = json_body(req, res, ctx);
                if (!body) return;
                core::FieldErrors errors;
                auto request = run_request(*body, errors);
                if (!request) return send_problem(res, ctx, 422, "invalid_input", errors);
                app::Result<store::RunRow> out;
                if (auto refusal = app::allocation_run_as_job(s.jobs, s.admission, *ctx.actor, path_id(req), *request, out))
                  return send_job_refusal(res, ctx, *refusal);
                if (!failed(res, ctx, out)) send_json(res, 201, run_json(out.value));
              }});
  router.add({"GET", "/api/v1/rounds/{id}/inputs/{file}", Audience::signed_in, Kind::api,
              "The inputs an official run would read now, as the files of `jobintech allocate` (candidates.csv, "
              "cohorts.csv, applications.csv); header X-Input-Digest gives their SHA-256",
              "", [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                const std::string file = req.matches[2].str();
                if (file != "candidates.csv" && file != "cohorts.csv" && file != "applications.csv") {
                  return send_problem(res, ctx, 404, "not_found");
                }
                auto out = s.admission.inputs(*ctx.actor, path_id(req));
                if (failed(res, ctx, out)) return;
                const auto& f = out.value.files;
                res.set_header("X-Input-Digest", out.value.input_digest);
                res.set_header("X-Precedence", out.value.precedence);
                res.set_header("Content-Disposition", "attachment; filename=\"" + file + "\"");
                res.set_content(file == "candidates.csv" ? f.candidates
                                : file == "cohorts.csv"  ? f.cohorts
                                                         : f.applications,
                                "text/csv; charset=utf-8");
              }});
  router.add({"POST", "/api/v1/runs/{id}/publish", Audience::signed_in, Kind::api,
              "Publish an official run: each assigned candidate receives an offer to answer before the deadline", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                app::Result<store::RunRow> out;
                if (auto refusal = app::publication_as_job(s.jobs, s.admission, *ctx.actor, path_id(req), out))
                  return send_job_refusal(res, ctx, *refusal);
                if (!failed(res, ctx, out)) send_json(res, 200, run_json(out.value));
              }});
  router.add({"GET", "/api/v1/cohorts/{id}/admissions", Audience::signed_in, Kind::api,
              "A cohort's admitted list and waitlist from the latest published run (?format=csv|xlsx)", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                const std::string format = req.has_param("format") ? req.get_param_value("format") : "json";
                if (format != "json" && format != "csv" && format != "xlsx") {
                  return send_problem(res, ctx, 422, "invalid_parameters",
                                      {{"format", "not_in_choices", {{"choices", "json, csv, xlsx"}}}});
                }
                auto out = s.admission.cohort_admissions(*ctx.actor, path_id(req), format == "json" ? "" : format);
                if (failed(res, ctx, out)) return;
                if (format == "json") return send_json(res, 200, admissions_json(out.value, true));
                const std::string filename = "jobintech-admissions-" + out.value.cohort.code + "." + format;
                res.set_header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
                const auto table = admissions_table(out.value, true);
                if (format == "csv") return res.set_content(app::export_csv(table), "text/csv; charset=utf-8");
                res.set_content(app::export_xlsx_bytes(table), kXlsxType);
              }});
}

}  // namespace jobintech::web
