// The pages of a cohort's training, for the programme office and the cohort's operator: learners
// with status and attendance rate, their exits (graduated, dropped out with a reason, failed),
// the day's attendance sheet and the CSV import with its line-by-line report, the learners below
// the attendance threshold, assessments per skill, and certificates. Then the printable
// certificate (FR/AR/EN, with a QR code drawn on the server) and the public verification page.
// Forms post back to these pages, which call the same use cases as the API; there is no script.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "core/date.h"
#include "core/resource.h"
#include "io/qr_svg.h"
#include "web/page_builder.h"
#include "web/router.h"
#include "web/services.h"
#include "web/training_json.h"

namespace jobintech::web {

namespace {

using nlohmann::json;

const app::Messages& messages() { return app::Messages::global(); }

std::string today() { return core::format_date(core::today_utc()); }

json text_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

// A rate as the user's language writes it: "87,5 %" in French and Arabic, "87.5 %" in English.
std::string rate_text(const std::optional<double>& rate, const std::string& lang) {
  if (!rate) return "—";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", std::round(*rate * 1000.0) / 10.0);
  std::string text = buffer;
  if (text.size() > 2 && text.substr(text.size() - 2) == ".0") text.resize(text.size() - 2);
  if (lang != "en") {
    for (auto& c : text) c = c == '.' ? ',' : c;
  }
  return text + " %";
}

std::string learner_name(const store::LearnerRow& l) { return l.first_name + " " + l.last_name; }

std::vector<std::string> error_texts(const core::FieldErrors& errors, const std::string& lang) {
  std::vector<std::string> out;
  for (const auto& e : errors) {
    out.push_back((e.field.empty() ? std::string() : e.field + " : ") + messages().error(lang, e));
  }
  return out;
}

template <typename T>
std::vector<std::string> failure_texts(const app::Result<T>& result, const std::string& lang) {
  auto out = error_texts(result.errors, lang);
  if (out.empty()) out.push_back(messages().text(lang, "error." + result.message_code));
  return out;
}

// What a form's answer shows above the page.
struct Notice {
  std::vector<std::string> errors;
  const app::ImportReport* report = nullptr;
  int status = 200;
};

// The page's threshold: ?threshold= in percent (0 to 100), 80 by default.
int threshold_percent(const httplib::Request& req) {
  if (!req.has_param("threshold")) return static_cast<int>(app::kDefaultAttendanceThreshold * 100);
  char* end = nullptr;
  const std::string text = req.get_param_value("threshold");
  const long value = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || value < 0 || value > 100) return 80;
  return static_cast<int>(value);
}

void training_page(Services& s, const httplib::Request& req, httplib::Response& res, const RequestContext& ctx,
                   std::int64_t cohort_id, const Notice& notice) {
  PageBuilder b(s, req, ctx);
  const int percent = threshold_percent(req);
  const auto out = s.training.training(*ctx.actor, cohort_id, percent / 100.0);
  if (!out.ok()) return b.error_page(res, status_of(out.kind), out.message_code);
  const auto& lang = ctx.lang;
  const auto& m = messages();
  const auto& a = out.value.attendance;
  const auto& c = a.cohort;
  json page = b.base("cohorts");
  page["title"] = m.text(lang, "training.title", {{"code", c.code}});
  page["cohort"] = {{"id", c.id},
                    {"code", c.code},
                    {"track", localized(lang, c.track_name_fr, c.track_name_ar, c.track_name_en)},
                    {"start_date", c.start_date},
                    {"end_date", c.end_date},
                    {"dates", m.text(lang, "training.dates",
                                     {{"start", c.start_date}, {"end", c.end_date}, {"operator", c.operator_name}})}};
  const std::string now = today();
  const std::string default_exit = std::min(now, c.end_date);
  json exits = json::array();
  for (const auto& to : core::resource("enrolments").transitions.at("enrolled"))
    exits.push_back({{"value", to}, {"label", m.text(lang, "training.status_" + to)}});

  json learners = json::array(), in_training = json::array(), below = json::array();
  for (const auto& l : a.learners) {
    const auto& r = l.learner;
    json row = {{"enrolment_id", r.enrolment_id},
                {"cin", r.cin},
                {"name", learner_name(r)},
                {"status", r.status},
                {"status_label", m.text(lang, "training.status_" + r.status)},
                {"exit_date", text_or_null(r.exit_date)},
                {"dropout_reason", text_or_null(r.dropout_reason)},
                {"rate", rate_text(l.rate, lang)},
                {"present", l.present},
                {"days", l.days},
                {"can_leave", r.status == "enrolled"},
                {"exits", exits},
                {"today", default_exit},
                {"certificate_id", r.certificate_id ? json(*r.certificate_id) : json(nullptr)},
                {"certificate_revoked", !r.certificate_revoked_on.empty()},
                {"can_issue", r.status == "graduated" && !r.certificate_id}};
    if (r.status == "enrolled") in_training.push_back(row);
    learners.push_back(row);
  }
  for (const auto& l : a.below_threshold) {
    below.push_back({{"enrolment_id", l.learner.enrolment_id},
                     {"cin", l.learner.cin},
                     {"name", learner_name(l.learner)},
                     {"rate", rate_text(l.rate, lang)},
                     {"present", l.present},
                     {"days", l.days}});
  }
  page["learners"] = learners;
  page["has_learners"] = !learners.empty();
  page["in_training"] = in_training;
  page["has_in_training"] = !in_training.empty();
  page["below"] = below;
  page["has_below"] = !below.empty();
  page["threshold"] = percent;
  // The sheet opens on today, or on the cohort's last day once it is over.
  page["sheet_day"] = std::max(c.start_date, default_exit);

  json days = json::array();
  for (const auto& day : a.days) {
    int present = 0, absent = 0;
    for (const auto& [enrolment, marks] : a.marks) {
      if (auto it = marks.find(day); it != marks.end()) (it->second ? present : absent)++;
    }
    days.push_back({{"day", day}, {"present", present}, {"absent", absent}});
  }
  page["days"] = days;
  page["has_days"] = !days.empty();

  json skills = json::array();
  for (const auto& skill : out.value.skills)
    skills.push_back({{"code", skill.code}, {"name", localized(lang, skill.name_fr, skill.name_ar, skill.name_en)}});
  page["skills"] = skills;
  page["has_skills"] = !skills.empty();
  json assessments = json::array();
  for (const auto& l : a.learners) {
    json cells = json::array();
    std::string last;
    const auto found = out.value.assessments.find(l.learner.enrolment_id);
    if (found != out.value.assessments.end()) {
      for (const auto& sa : found->second) {
        cells.push_back({{"code", sa.skill.code},
                         {"skill_name", localized(lang, sa.skill.name_fr, sa.skill.name_ar, sa.skill.name_en)},
                         {"none", sa.state == "none"},
                         {"validated", sa.state == "validated"},
                         {"not_validated", sa.state == "not_validated"}});
        last = std::max(last, sa.assessed_on);
      }
    }
    assessments.push_back({{"enrolment_id", l.learner.enrolment_id},
                           {"name", learner_name(l.learner)},
                           {"cells", cells},
                           {"assessed_on", last.empty() ? default_exit : last}});
  }
  page["assessments"] = assessments;

  if (req.has_param("saved")) {
    const std::string saved = req.get_param_value("saved");
    if (saved == "attendance" || saved == "status" || saved == "assessments")
      page["saved"] = m.text(lang, "training.saved_" + saved);
  }
  page["errors"] = notice.errors;
  page["has_errors"] = !notice.errors.empty();
  if (notice.report) {
    const auto& report = *notice.report;
    auto r = import_report_json(report, lang);
    r["ok"] = report.applied;
    r["has_errors"] = !report.issues.empty();
    r["summary"] = report.applied ? m.text(lang, "import.applied",
                                           {{"rows", std::to_string(report.rows)},
                                            {"created", std::to_string(report.created)},
                                            {"updated", std::to_string(report.updated)},
                                            {"unchanged", std::to_string(report.unchanged)}})
                                  : m.text(lang, "import.rejected", {{"errors", std::to_string(report.issues.size())}});
    r["detected"] =
        report.encoding.empty()
            ? json(nullptr)
            : json(m.text(lang, "import.detected", {{"encoding", report.encoding}, {"separator", report.separator}}));
    page["report"] = r;
  }
  res.status = notice.status;
  b.render(res, "training", page);
}

std::string training_path(std::int64_t cohort_id) { return "/cohorts/" + std::to_string(cohort_id) + "/training"; }

// The absolute address of a certificate's verification page, as the reader of the printed page
// will type or scan it: the host this page was asked from (behind a proxy, its forwarded scheme).
std::string verify_url(const httplib::Request& req, const std::string& code) {
  std::string host = req.get_header_value("X-Forwarded-Host");
  if (host.empty()) host = req.get_header_value("Host");
  if (host.empty()) host = "localhost";
  const std::string scheme = req.get_header_value("X-Forwarded-Proto") == "https" ? "https" : "http";
  return scheme + "://" + host + "/verify/" + code;
}

void certificate_page(Services& s, const httplib::Request& req, httplib::Response& res, const RequestContext& ctx,
                      std::int64_t certificate_id, const std::vector<std::string>& errors, int status) {
  PageBuilder b(s, req, ctx);
  const auto out = s.training.certificate(*ctx.actor, certificate_id);
  if (!out.ok()) return b.error_page(res, status_of(out.kind), out.message_code);
  const auto& c = out.value;
  const auto& lang = ctx.lang;
  const auto& m = messages();
  json page = b.base(ctx.actor->role == app::Role::candidate ? "my_record" : "cohorts");
  const std::string name = c.first_name + " " + c.last_name;
  page["title"] = m.text(lang, "certificate.title") + " · " + name;
  page["id"] = c.id;
  page["name"] = name;
  page["completed"] = m.text(lang, "certificate.completed",
                             {{"track", localized(lang, c.track_name_fr, c.track_name_ar, c.track_name_en)},
                              {"cohort", c.cohort_code},
                              {"date", c.graduated_on}});
  page["operator"] = m.text(lang, "certificate.operator", {{"operator", c.operator_name}});
  page["issued"] = m.text(lang, "certificate.issued", {{"date", c.issued_on}});
  page["code_text"] = m.text(lang, "certificate.code", {{"code", c.code}});
  const std::string url = verify_url(req, c.code);
  page["verify_hint"] = m.text(lang, "certificate.verify_hint", {{"url", url}});
  const auto qr = io::qr_svg(url, m.text(lang, "certificate.qr_label"));
  page["qr_svg"] = qr ? qr->svg : "";
  page["revoked"] =
      c.revoked_on.empty() ? json(nullptr) : json(m.text(lang, "certificate.revoked", {{"date", c.revoked_on}}));
  page["can_revoke"] = app::TrainingService::trains(*ctx.actor) && c.revoked_on.empty();
  page["cohort_link"] = app::TrainingService::trains(*ctx.actor) ? json(training_path(c.cohort_id)) : json(nullptr);
  page["errors"] = errors;
  page["has_errors"] = !errors.empty();
  res.status = status;
  b.render(res, "certificate", page);
}

// The enrolment's cohort, for the page to go back to; answers with an error page if the actor
// may not work on it.
std::optional<std::int64_t> cohort_of(Services& s, const httplib::Request& req, httplib::Response& res,
                                      const RequestContext& ctx, std::int64_t enrolment_id) {
  const auto learner = s.training.learner(*ctx.actor, enrolment_id);
  if (learner.ok()) return learner.value.cohort_id;
  PageBuilder(s, req, ctx).error_page(res, status_of(learner.kind), learner.message_code);
  return std::nullopt;
}

}  // namespace

void register_training_page_routes(Router& router, Services& s) {
  router.add({"GET", "/cohorts/{id}/training", Audience::signed_in, Kind::page,
              "A cohort's training: learners, attendance, assessments, exits and certificates", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                training_page(s, req, res, ctx, path_id(req), {});
              }});
  router.add(
      {"POST", "/cohorts/{id}/training/attendance", Audience::signed_in, Kind::page,
       "Record a day's attendance from the sheet (ticked: present; the others: absent)", "",
       [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
         const auto cohort_id = path_id(req);
         app::AttendanceSheet sheet{.day = req.get_param_value("day")};
         std::set<std::int64_t> present;
         for (std::size_t i = 0; i < req.get_param_value_count("present"); ++i)
           present.insert(std::atoll(req.get_param_value("present", i).c_str()));
         for (std::size_t i = 0; i < req.get_param_value_count("learner"); ++i) {
           const auto id = std::atoll(req.get_param_value("learner", i).c_str());
           (present.count(id) ? sheet.present : sheet.absent).push_back(id);
         }
         const auto out = s.training.record_attendance(*ctx.actor, cohort_id, sheet);
         if (out.ok()) return res.set_redirect(training_path(cohort_id) + "?saved=attendance", 303);
         if (out.kind == app::OutcomeKind::forbidden || out.kind == app::OutcomeKind::not_found)
           return PageBuilder(s, req, ctx).error_page(res, status_of(out.kind), out.message_code);
         training_page(s, req, res, ctx, cohort_id, {failure_texts(out, ctx.lang), nullptr, status_of(out.kind)});
       }});
  router.add({"POST", "/cohorts/{id}/training/attendance.csv", Audience::signed_in, Kind::page,
              "Import attendance from a CSV file and see the line-by-line report", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                const auto cohort_id = path_id(req);
                app::ImportReport empty_file;
                const app::ImportReport* report = &empty_file;
                app::Result<app::ImportReport> out;
                if (!req.has_file("file") || req.get_file_value("file").content.empty()) {
                  auto cohort = s.training.cohort(*ctx.actor, cohort_id);
                  if (!cohort.ok())
                    return PageBuilder(s, req, ctx).error_page(res, status_of(cohort.kind), cohort.message_code);
                  empty_file.kind = "attendance";
                  empty_file.issues.push_back({0, "file", {"file", "file_required", {}}});
                } else {
                  out = s.training.import_attendance(*ctx.actor, cohort_id, req.get_file_value("file").content);
                  if (out.kind == app::OutcomeKind::forbidden || out.kind == app::OutcomeKind::not_found)
                    return PageBuilder(s, req, ctx).error_page(res, status_of(out.kind), out.message_code);
                  report = &out.value;
                }
                training_page(s, req, res, ctx, cohort_id, {{}, report, report->applied ? 200 : 422});
              }});
  router.add({"POST", "/enrolments/{id}/status", Audience::signed_in, Kind::page,
              "Record a learner's exit: graduated, dropped out (with a reason) or failed, with the exit date", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                const auto enrolment_id = path_id(req);
                const auto cohort_id = cohort_of(s, req, res, ctx, enrolment_id);
                if (!cohort_id) return;
                core::Record raw;
                for (const char* f : {"status", "exit_date", "dropout_reason"}) {
                  if (req.has_param(f) && !req.get_param_value(f).empty()) raw[f] = req.get_param_value(f);
                }
                // The same use case as PATCH /api/v1/enrolments/{id}: its lifecycle and checks.
                const auto out = s.resources.update(*ctx.actor, core::resource("enrolments"), enrolment_id, raw);
                if (out.ok()) return res.set_redirect(training_path(*cohort_id) + "?saved=status", 303);
                std::vector<std::string> errors = error_texts(out.errors, ctx.lang);
                if (errors.empty()) errors.push_back(messages().text(ctx.lang, "error." + out.message_code));
                training_page(s, req, res, ctx, *cohort_id, {errors, nullptr, status_of(out.kind)});
              }});
  router.add(
      {"POST", "/enrolments/{id}/assessments", Audience::signed_in, Kind::page,
       "Record a learner's assessments from the form (skill_CODE: 1 validated, 0 not, empty: not assessed)", "",
       [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
         const auto enrolment_id = path_id(req);
         const auto cohort_id = cohort_of(s, req, res, ctx, enrolment_id);
         if (!cohort_id) return;
         app::AssessmentSheet sheet{.assessed_on = req.get_param_value("assessed_on")};
         for (const auto& [key, value] : req.params) {
           if (key.rfind("skill_", 0) != 0 || value.empty()) continue;
           sheet.skills.emplace_back(key.substr(6), value == "1");
         }
         const auto out = s.training.record_assessments(*ctx.actor, enrolment_id, sheet);
         if (out.ok()) return res.set_redirect(training_path(*cohort_id) + "?saved=assessments", 303);
         training_page(s, req, res, ctx, *cohort_id, {failure_texts(out, ctx.lang), nullptr, status_of(out.kind)});
       }});
  router.add(
      {"POST", "/enrolments/{id}/certificate", Audience::signed_in, Kind::page,
       "Issue a graduate's certificate (or open the one issued)", "",
       [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
         const auto enrolment_id = path_id(req);
         const auto cohort_id = cohort_of(s, req, res, ctx, enrolment_id);
         if (!cohort_id) return;
         const auto out = s.training.issue_certificate(*ctx.actor, enrolment_id);
         if (out.ok()) return res.set_redirect("/certificates/" + std::to_string(out.value.id), 303);
         training_page(s, req, res, ctx, *cohort_id, {failure_texts(out, ctx.lang), nullptr, status_of(out.kind)});
       }});
  router.add({"GET", "/certificates/{id}", Audience::signed_in, Kind::page,
              "A printable certificate with the QR code of its verification page", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                certificate_page(s, req, res, ctx, path_id(req), {}, 200);
              }});
  router.add({"POST", "/certificates/{id}/revoke", Audience::signed_in, Kind::page, "Revoke a certificate", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                const auto id = path_id(req);
                const auto out = s.training.revoke_certificate(*ctx.actor, id, req.get_param_value("reason"));
                if (out.ok()) return res.set_redirect("/certificates/" + std::to_string(id), 303);
                if (out.kind == app::OutcomeKind::forbidden || out.kind == app::OutcomeKind::not_found)
                  return PageBuilder(s, req, ctx).error_page(res, status_of(out.kind), out.message_code);
                certificate_page(s, req, res, ctx, id, failure_texts(out, ctx.lang), status_of(out.kind));
              }});
  router.add({"GET", "/verify/{code}", Audience::anyone, Kind::page,
              "Public verification of a certificate: name, track, cohort and date, or that it is revoked or unknown",
              "", [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                PageBuilder b(s, req, ctx);
                const auto& lang = ctx.lang;
                const auto& m = messages();
                json page = b.base("home");
                page["title"] = m.text(lang, "verify.title");
                const auto out = s.training.verify(req.matches[1].str());
                page["found"] = out.ok();
                page["unknown"] = !out.ok();
                if (out.ok()) {
                  const auto& v = out.value;
                  page["name"] = v.first_name + " " + v.last_name;
                  page["track"] = localized(lang, v.track_name_fr, v.track_name_ar, v.track_name_en);
                  page["cohort"] = v.cohort_code;
                  page["graduated_on"] = v.graduated_on;
                  page["revoked"] = v.revoked_on.empty()
                                        ? json(nullptr)
                                        : json(m.text(lang, "verify.revoked", {{"date", v.revoked_on}}));
                }
                // Nobody's business who looks a certificate up: not cached by shared caches, not indexed.
                res.set_header("Cache-Control", "no-store");
                res.set_header("X-Robots-Tag", "noindex");
                res.status = out.ok() ? 200 : 404;
                b.render(res, "verify", page);
              }});
}

}  // namespace jobintech::web
