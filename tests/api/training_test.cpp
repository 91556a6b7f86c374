// A cohort's training through the API and its pages, as its users live it: the operator takes
// attendance day by day (and is refused clearly when a day or a learner is wrong), imports a
// spreadsheet of attendance (a bad line refuses the whole file), reads the rates and the learners
// below the threshold, records assessments per skill of the track, graduates a learner and issues
// her certificate; anyone verifies it on the public page, which shows nothing personal beyond
// name, track, cohort and date; the operator revokes it, and the page says so. Other operators,
// other candidates, steering and employers are kept out.
#include <algorithm>
#include <set>

#include "api_fixture.h"
#include "shared_programme.h"
#include "app/auth_service.h"
#include "app/training_service.h"
#include "core/date.h"
#include "store/sql.h"

namespace jobintech::testing {

namespace {

using nlohmann::json;

std::string day(int offset) {
  return core::format_date(core::civil_from_days(core::days_from_civil(core::today_utc()) + offset));
}

// 2026-11-19 -> 19/11/2026, as French Excel writes dates.
std::string french(const std::string& iso) {
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

bool has_error(const httplib::Result& r, const std::string& field, const std::string& code) {
  const auto b = body(r);
  if (!b.contains("errors")) return false;
  for (const auto& e : b["errors"])
    if (e.value("field", "") == field && e.value("code", "") == code) return true;
  return false;
}

class Training : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    p_ = new ServedProgramme();
    auto conn = p_->db().connect();
    auto& sql = conn.session();
    const auto text = [&](const std::string& q, store::Params params = {}) {
      auto row = store::fetch_one(sql, q, params);
      if (!row) throw std::runtime_error("no row for " + q);
      return core::to_text((*row)[0]);
    };
    const auto operator_id =
        std::stoll(text("SELECT organisation_id FROM users WHERE email = 'operateur@jobintech.ma'"));
    operator_code_ = text("SELECT code FROM organisations WHERE id = ?", {operator_id});
    const auto site = text(
        "SELECT s.code FROM cohorts c JOIN sites s ON s.id = c.site_id WHERE c.operator_id = ? "
        "ORDER BY c.id LIMIT 1",
        {operator_id});
    track_id_ =
        std::stoll(text("SELECT t.id FROM tracks t WHERE (SELECT COUNT(*) FROM track_skills s "
                        "WHERE s.track_id = t.id) >= 2 ORDER BY t.id LIMIT 1"));
    track_ = text("SELECT code FROM tracks WHERE id = ?", {track_id_});
    track_name_ = text("SELECT name_fr FROM tracks WHERE id = ?", {track_id_});
    for (const auto& r :
         store::fetch_all(sql, "SELECT skill_code FROM track_skills WHERE track_id = ? ORDER BY 1", {track_id_}))
      skills_.push_back(core::to_text(r[0]));
    foreign_skill_ = text(
        "SELECT code FROM skills WHERE code NOT IN (SELECT skill_code FROM track_skills "
        "WHERE track_id = ?) ORDER BY code LIMIT 1",
        {track_id_});
    me_ = std::stoll(text("SELECT candidate_id FROM users WHERE email = 'candidat@jobintech.ma'"));

    // A cohort of the demo operator that started 30 days ago and ends in 30 days.
    auto c = p_->client();
    auto r = c.Post("/api/v1/cohorts", p_->auth("admin"),
                    json{{"code", "training-test"},
                         {"track_code", track_},
                         {"site_code", site},
                         {"operator_code", operator_code_},
                         {"start_date", day(-30)},
                         {"end_date", day(30)},
                         {"capacity", 20}}
                        .dump(),
                    "application/json");
    if (!r || r->status != 201) throw std::runtime_error("cannot create the test cohort: " + (r ? r->body : ""));
    cohort_ = body(r)["id"].get<std::int64_t>();

    // Five learners: the demo candidate first, then four others.
    std::vector<std::int64_t> candidates = {me_};
    for (const auto& row : store::fetch_all(sql, "SELECT id FROM candidates WHERE id <> ? ORDER BY id LIMIT 4", {me_}))
      candidates.push_back(std::get<std::int64_t>(row[0]));
    for (const auto candidate : candidates) {
      learners_.push_back(enrol(candidate, "training-test"));
      cins_.push_back(text("SELECT cin FROM candidates WHERE id = ?", {candidate}));
    }
    second_candidate_ = candidates[1];

    // Another operator's cohort, with a learner of its own.
    other_operator_code_ = text(
        "SELECT o.code FROM cohorts c JOIN organisations o ON o.id = c.operator_id WHERE c.operator_id <> ? "
        "ORDER BY c.id LIMIT 1",
        {operator_id});
    const auto other_cohort = text(
        "SELECT c.code FROM cohorts c JOIN organisations o ON o.id = c.operator_id WHERE o.code = ? ORDER BY c.id "
        "LIMIT 1",
        {other_operator_code_});
    foreign_enrolment_ = enrol(candidates[4], other_cohort);

    // Accounts: an operator of that other organisation, and the second learner.
    if (!app::add_user(p_->db(), "autre-operateur@jobintech.ma", "operator", other_operator_code_,
                       "Autre-Operateur-2026", "Autre opérateur")
             .ok() ||
        !app::add_user(p_->db(), "apprenante2@jobintech.ma", "candidate", "", "Apprenante-Deux-2026", "Apprenante deux",
                       second_candidate_)
             .ok())
      throw std::runtime_error("cannot add the test users");
  }
  static void TearDownTestSuite() {
    delete p_;
    p_ = nullptr;
  }

  static std::int64_t enrol(std::int64_t candidate, const std::string& cohort_code) {
    auto r =
        p_->client().Post("/api/v1/enrolments", p_->auth("admin"),
                          json{{"candidate_id", candidate}, {"cohort_code", cohort_code}}.dump(), "application/json");
    if (!r || r->status != 201) throw std::runtime_error("cannot enrol: " + (r ? r->body : ""));
    return body(r)["id"].get<std::int64_t>();
  }

  static httplib::Headers login(const std::string& email, const std::string& password) {
    auto r = p_->client().Post("/api/v1/auth/login", json{{"email", email}, {"password", password}}.dump(),
                               "application/json");
    if (!r || r->status != 200) throw std::runtime_error("login failed for " + email);
    return {{"Authorization", "Bearer " + body(r)["token"].get<std::string>()}};
  }

  httplib::Result get(const std::string& role, const std::string& path) {
    return p_->client().Get(path, p_->auth(role));
  }
  httplib::Result send(const std::string& method, const std::string& role, const std::string& path, const json& b) {
    auto c = p_->client();
    const auto h = p_->auth(role);
    if (method == "POST") return c.Post(path, h, b.dump(), "application/json");
    if (method == "PUT") return c.Put(path, h, b.dump(), "application/json");
    return c.Patch(path, h, b.dump(), "application/json");
  }
  std::int64_t scalar(const std::string& query, store::Params params = {}) {
    auto conn = p_->db().connect();
    return store::fetch_integer(conn.session(), query, params).value_or(-1);
  }
  std::int64_t attendance_lines() {
    return scalar("SELECT COUNT(*) FROM attendance a JOIN enrolments e ON e.id = a.enrolment_id WHERE e.cohort_id = ?",
                  {cohort_});
  }
  std::string attendance_path() const { return "/api/v1/cohorts/" + std::to_string(cohort_) + "/attendance"; }
  static std::string enrolment_path(std::int64_t id) { return "/api/v1/enrolments/" + std::to_string(id); }

  static ServedProgramme* p_;
  static std::int64_t cohort_, track_id_, me_, second_candidate_, foreign_enrolment_;
  static std::string operator_code_, other_operator_code_, track_, track_name_, foreign_skill_;
  static std::vector<std::string> skills_, cins_;
  static std::vector<std::int64_t> learners_;  // A (the demo candidate), B, C, D, E
};
ServedProgramme* Training::p_ = nullptr;
std::int64_t Training::cohort_ = 0, Training::track_id_ = 0, Training::me_ = 0, Training::second_candidate_ = 0,
             Training::foreign_enrolment_ = 0;
std::string Training::operator_code_, Training::other_operator_code_, Training::track_, Training::track_name_,
    Training::foreign_skill_;
std::vector<std::string> Training::skills_, Training::cins_;
std::vector<std::int64_t> Training::learners_;

TEST_F(Training, AttendanceRatesAndTheFollowUpList) {
  const auto& L = learners_;
  const auto A = L[0], B = L[1], C = L[2], D = L[3];
  // Day 1: A B C present, D absent. Day 2: A B present, C D absent. Day 3: A C present, B absent,
  // D not taken. E is never taken.
  auto r = send("PUT", "operator", attendance_path(), {{"day", day(-10)}, {"present", {A, B, C}}, {"absent", {D}}});
  ASSERT_EQ(r->status, 200) << r->body;
  ASSERT_EQ(
      send("PUT", "operator", attendance_path(), {{"day", day(-9)}, {"present", {A, B}}, {"absent", {C, D}}})->status,
      200);
  ASSERT_EQ(send("PUT", "admin", attendance_path(), {{"day", day(-8)}, {"present", {A, C}}, {"absent", {B}}})->status,
            200);

  r = get("operator", attendance_path() + "?threshold=0.8");
  ASSERT_EQ(r->status, 200) << r->body;
  auto b = body(r);
  EXPECT_EQ(b["days"], json({day(-10), day(-9), day(-8)}));
  std::map<std::int64_t, json> by_id;
  for (const auto& l : b["learners"]) by_id[l["enrolment_id"].get<std::int64_t>()] = l;
  ASSERT_EQ(by_id.size(), 5u);
  EXPECT_EQ(by_id[A]["present"], 3);
  EXPECT_EQ(by_id[A]["days"], 3);
  EXPECT_DOUBLE_EQ(by_id[A]["rate"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(by_id[B]["rate"].get<double>(), 2.0 / 3);
  EXPECT_DOUBLE_EQ(by_id[C]["rate"].get<double>(), 2.0 / 3);
  EXPECT_EQ(by_id[D]["present"], 0);
  EXPECT_EQ(by_id[D]["days"], 2) << "D's days are those taken for her";
  EXPECT_DOUBLE_EQ(by_id[D]["rate"].get<double>(), 0.0);
  EXPECT_TRUE(by_id[L[4]]["rate"].is_null()) << "no day taken: no rate";
  EXPECT_EQ(by_id[L[4]]["days"], 0);
  const auto below = [](const json& list) {
    std::set<std::int64_t> ids;
    for (const auto& l : list) ids.insert(l["enrolment_id"].get<std::int64_t>());
    return ids;
  };
  EXPECT_DOUBLE_EQ(b["threshold"].get<double>(), 0.8);
  EXPECT_EQ(below(b["below_threshold"]), (std::set<std::int64_t>{B, C, D}));
  EXPECT_EQ(below(body(get("operator", attendance_path() + "?threshold=0.5"))["below_threshold"]),
            (std::set<std::int64_t>{D}));
  EXPECT_FALSE(body(get("operator", attendance_path())).contains("below_threshold"));
  EXPECT_EQ(get("operator", attendance_path() + "?threshold=2")->status, 422);
  EXPECT_EQ(get("operator", attendance_path() + "?threshold=x")->status, 422);

  // Taking a day again replaces its lines: B was present on day 3 after all.
  ASSERT_EQ(send("PUT", "operator", attendance_path(), {{"day", day(-8)}, {"present", {B}}})->status, 200);
  b = body(get("operator", attendance_path() + "?threshold=0.8"));
  for (const auto& l : b["learners"]) {
    if (l["enrolment_id"] == B) {
      EXPECT_EQ(l["present"], 3);
      EXPECT_EQ(l["days"], 3);
    }
  }
  EXPECT_EQ(below(b["below_threshold"]), (std::set<std::int64_t>{C, D}));
  EXPECT_GT(
      scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'attendance' AND entity = 'cohorts' AND entity_id = ?",
             {std::to_string(cohort_)}),
      3);
}

TEST_F(Training, BadAttendanceIsRefusedWholeNamingTheField) {
  const auto A = learners_[0], B = learners_[1];
  const auto before = attendance_lines();
  auto r = send("PUT", "operator", attendance_path(), {{"day", day(-40)}, {"present", {A}}});
  EXPECT_EQ(r->status, 422);
  EXPECT_TRUE(has_error(r, "day", "day_outside_cohort")) << r->body;
  r = send("PUT", "operator", attendance_path(), {{"day", day(1)}, {"present", {A}}});
  EXPECT_TRUE(has_error(r, "day", "day_in_future")) << r->body;
  r = send("PUT", "operator", attendance_path(), {{"day", "31/12/2025"}, {"present", {A}}});
  EXPECT_TRUE(has_error(r, "day", "date_format")) << r->body;
  r = send("PUT", "operator", attendance_path(), {{"day", day(-5)}, {"present", {A, foreign_enrolment_}}});
  EXPECT_EQ(r->status, 422);
  EXPECT_TRUE(has_error(r, "present[1]", "not_in_cohort")) << r->body;
  r = send("PUT", "operator", attendance_path(), {{"day", day(-5)}, {"present", {A, B}}, {"absent", {B}}});
  EXPECT_EQ(r->status, 422);
  EXPECT_TRUE(has_error(r, "absent[0]", "present_and_absent")) << r->body;
  r = send("PUT", "operator", attendance_path(), {{"day", day(-5)}, {"present", {A, A}}});
  EXPECT_TRUE(has_error(r, "present[1]", "duplicate")) << r->body;
  r = send("PUT", "operator", attendance_path(), {{"day", day(-5)}, {"present", A}});
  EXPECT_TRUE(has_error(r, "present", "id_list_format")) << r->body;
  r = send("PUT", "operator", attendance_path(), {{"day", day(-5)}, {"present", {A}}, {"late", {B}}});
  EXPECT_TRUE(has_error(r, "late", "unknown_field")) << r->body;
  EXPECT_EQ(p_->client().Put(attendance_path(), p_->auth("operator"), "{\"day\": ", "application/json")->status, 400);
  EXPECT_EQ(attendance_lines(), before) << "nothing half-written";
}

TEST_F(Training, AttendanceSpreadsheetIsAllOrNothingWithLineNumbers) {
  const std::string csv_path = attendance_path() + ".csv";
  auto c = p_->client();
  const auto before = attendance_lines();
  // Lines 3, 4 and 5 are wrong: a CIN of no learner of this cohort, a presence nobody can read,
  // a day before the cohort; lines 2 and 6 are right but must not be written.
  const std::string bad = "cin;day;present\r\n" + cins_[0] + ";" + french(day(-3)) + ";oui\r\n" + "ZZ999999;" +
                          french(day(-3)) + ";1\r\n" + cins_[1] + ";" + day(-3) + ";peut-être\r\n" + cins_[2] + ";" +
                          day(-45) + ";0\r\n" + cins_[3] + ";" + day(-3) + ";non\r\n";
  auto r = c.Post(csv_path, p_->auth("operator"), bad, "text/csv");
  ASSERT_EQ(r->status, 422) << r->body;
  auto report = body(r);
  EXPECT_FALSE(report["applied"].get<bool>());
  std::set<std::pair<int, std::string>> where;
  for (const auto& e : report["errors"]) where.insert({e["line"].get<int>(), e["column"].get<std::string>()});
  EXPECT_EQ(where, (std::set<std::pair<int, std::string>>{{3, "cin"}, {4, "present"}, {5, "day"}})) << r->body;
  EXPECT_EQ(attendance_lines(), before) << "a bad line refuses the whole file";

  // The same day twice for one learner is named with the line of the first.
  r = c.Post(csv_path, p_->auth("operator"),
             "cin,day,present\n" + cins_[0] + "," + day(-3) + ",1\n" + cins_[0] + "," + day(-3) + ",0\n", "text/csv");
  ASSERT_EQ(r->status, 422);
  EXPECT_EQ(body(r)["errors"][0]["line"], 3);
  EXPECT_EQ(body(r)["errors"][0]["code"], "duplicate_in_file");
  EXPECT_EQ(c.Post(csv_path, p_->auth("operator"), "cin;jour\nX;Y\n", "text/csv")->status, 422);

  // French Excel: BOM, ';', DD/MM/YYYY, oui/non, yes/no.
  const std::string good =
      "\xEF\xBB\xBF"
      "CIN;Day;Present\r\n" +
      cins_[0] + ";" + french(day(-2)) + ";oui\r\n" + cins_[1] + ";" + french(day(-2)) + ";Non\r\n" + cins_[2] + ";" +
      day(-2) + ";yes\r\n" + cins_[3] + ";" + day(-2) + ";0\r\n";
  r = c.Post(csv_path, p_->auth("operator"), good, "text/csv");
  ASSERT_EQ(r->status, 200) << r->body;
  report = body(r);
  EXPECT_TRUE(report["applied"].get<bool>());
  EXPECT_EQ(report["created"], 4);
  EXPECT_EQ(report["encoding"], "UTF-8 (BOM)");
  EXPECT_EQ(attendance_lines(), before + 4);
  r = c.Post(csv_path, p_->auth("operator"), good, "text/csv");
  EXPECT_EQ(body(r)["unchanged"], 4) << "importing the same file again changes nothing";
  EXPECT_EQ(c.Post(csv_path, login("autre-operateur@jobintech.ma", "Autre-Operateur-2026"), good, "text/csv")->status,
            404);
  EXPECT_EQ(c.Post(csv_path, p_->auth("steering"), good, "text/csv")->status, 403);
}

TEST_F(Training, AssessmentsPerSkillOfTheTrack) {
  ASSERT_GE(skills_.size(), 2u);
  const auto path = enrolment_path(learners_[0]) + "/assessments";
  auto r = get("operator", path);
  ASSERT_EQ(r->status, 200) << r->body;
  ASSERT_EQ(body(r)["skills"].size(), skills_.size());
  const auto initial = body(r);
  for (const auto& s : initial["skills"]) EXPECT_EQ(s["state"], "none");

  r = send("PUT", "operator", path, {{"assessed_on", day(-1)}, {"skills", {{skills_[0], true}, {skills_[1], false}}}});
  ASSERT_EQ(r->status, 200) << r->body;
  std::map<std::string, json> by_code;
  const auto recorded = body(r);
  for (const auto& s : recorded["skills"]) by_code[s["code"].get<std::string>()] = s;
  EXPECT_EQ(by_code[skills_[0]]["state"], "validated");
  EXPECT_EQ(by_code[skills_[0]]["validated"], true);
  EXPECT_EQ(by_code[skills_[0]]["assessed_on"], day(-1));
  EXPECT_EQ(by_code[skills_[1]]["state"], "not_validated");
  EXPECT_EQ(by_code[skills_[1]]["validated"], false);
  if (skills_.size() > 2) {
    EXPECT_TRUE(by_code[skills_[2]]["validated"].is_null());
  }

  // A skill not of the track refuses the whole sheet, naming it.
  r = send("PUT", "operator", path,
           {{"assessed_on", day(-1)}, {"skills", {{skills_[1], true}, {foreign_skill_, true}}}});
  EXPECT_EQ(r->status, 422);
  EXPECT_TRUE(has_error(r, "skills." + foreign_skill_, "skill_not_in_track")) << r->body;
  r = send("PUT", "operator", path, {{"assessed_on", day(-1)}, {"skills", {{skills_[1], "oui"}}}});
  EXPECT_TRUE(has_error(r, "skills." + skills_[1], "boolean_format")) << r->body;
  r = send("PUT", "operator", path, {{"assessed_on", day(3)}, {"skills", {{skills_[1], true}}}});
  EXPECT_TRUE(has_error(r, "assessed_on", "day_in_future")) << r->body;
  r = send("PUT", "operator", path, {{"skills", {{skills_[1], true}}}});
  EXPECT_TRUE(has_error(r, "assessed_on", "required")) << r->body;

  app::TrainingService service(p_->db());
  // What matching reads: her validated skills over all her enrolments (the demo may hold others), sorted.
  const auto validated = service.validated_skills(me_);
  EXPECT_NE(std::find(validated.begin(), validated.end(), skills_[0]), validated.end());
  EXPECT_TRUE(std::is_sorted(validated.begin(), validated.end()));
  EXPECT_EQ(static_cast<std::int64_t>(validated.size()),
            scalar("SELECT COUNT(DISTINCT a.skill_code) FROM assessments a JOIN enrolments e ON e.id = a.enrolment_id "
                   "WHERE e.candidate_id = ? AND a.validated = 1",
                   {me_}));
  // The learner reads her own assessments; others may not.
  EXPECT_EQ(get("candidate", path)->status, 200);
  EXPECT_EQ(send("PUT", "candidate", path, {{"assessed_on", day(-1)}, {"skills", {{skills_[0], false}}}})->status, 403);
  EXPECT_EQ(p_->client().Get(path, login("apprenante2@jobintech.ma", "Apprenante-Deux-2026"))->status, 404);
  EXPECT_EQ(p_->client().Get(path, login("autre-operateur@jobintech.ma", "Autre-Operateur-2026"))->status, 404);
  EXPECT_EQ(get("steering", path)->status, 403);
}

TEST_F(Training, CertificateIssuedVerifiedAndRevoked) {
  const auto A = learners_[0];
  const std::string issue = enrolment_path(A) + "/certificate";
  auto r = send("POST", "operator", issue, json::object());
  EXPECT_EQ(r->status, 409) << r->body;
  EXPECT_EQ(body(r)["code"], "not_graduated");

  // The exit goes through the enrolment's lifecycle; then the certificate is issued once.
  ASSERT_EQ(send("PATCH", "operator", enrolment_path(A), {{"status", "graduated"}, {"exit_date", day(-1)}})->status,
            200);
  r = send("POST", "operator", issue, json::object());
  ASSERT_EQ(r->status, 201) << r->body;
  const auto certificate = body(r);
  const std::string code = certificate["code"];
  EXPECT_EQ(code.size(), 26u);
  EXPECT_EQ(code.find_first_not_of("abcdefghijklmnopqrstuvwxyz234567"), std::string::npos);
  r = send("POST", "admin", issue, json::object());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(body(r)["code"], code) << "the same certificate, not a second one";
  EXPECT_EQ(send("POST", "candidate", issue, json::object())->status, 403);
  EXPECT_EQ(p_->client()
                .Post(issue, login("autre-operateur@jobintech.ma", "Autre-Operateur-2026"), "{}", "application/json")
                ->status,
            404);

  // The public page: no sign-in; name, track, cohort and date, nothing else.
  const auto candidate = body(get("admin", "/api/v1/candidates/" + std::to_string(me_)));
  httplib::Client anonymous("127.0.0.1", p_->port());
  r = anonymous.Get("/verify/" + code);
  ASSERT_EQ(r->status, 200);
  for (const std::string& shown :
       {candidate["first_name"].get<std::string>(), candidate["last_name"].get<std::string>(), track_name_,
        std::string("training-test"), day(-1)})
    EXPECT_NE(r->body.find(shown), std::string::npos) << shown;
  for (const char* hidden : {"cin", "birth_date", "email", "phone"}) {
    if (!candidate.contains(hidden) || candidate[hidden].is_null()) continue;
    EXPECT_EQ(r->body.find(candidate[hidden].get<std::string>()), std::string::npos) << hidden;
  }
  EXPECT_EQ(r->body.find("data-testid=\"revoked\""), std::string::npos);
  r = anonymous.Get("/api/v1/verify/" + code);
  ASSERT_EQ(r->status, 200);
  std::set<std::string> keys;
  const auto verification = body(r);
  for (const auto& [k, v] : verification.items()) keys.insert(k);
  EXPECT_EQ(keys, (std::set<std::string>{"valid", "name", "track_code", "track_name", "cohort_code", "graduated_on",
                                         "revoked", "revoked_on"}));
  EXPECT_TRUE(body(r)["valid"].get<bool>());
  EXPECT_EQ(anonymous.Get("/verify/nosuchcodeatall234567abcd")->status, 404);
  EXPECT_EQ(anonymous.Get("/api/v1/verify/nosuchcodeatall234567abcd")->status, 404);

  // The printable page: the learner herself, her operator, the office; in Arabic right to left.
  const std::string page = "/certificates/" + std::to_string(certificate["id"].get<std::int64_t>());
  r = get("candidate", page + "?lang=ar");
  ASSERT_EQ(r->status, 200) << r->body.substr(0, 300);
  EXPECT_NE(r->body.find("dir=\"rtl\""), std::string::npos);
  EXPECT_NE(r->body.find("<svg "), std::string::npos) << "the QR code, drawn on the server";
  EXPECT_NE(r->body.find("/verify/" + code), std::string::npos);
  EXPECT_EQ(r->body.find("<script"), std::string::npos);
  EXPECT_EQ(get("operator", page)->status, 200);
  EXPECT_EQ(get("admin", page + "?lang=en")->status, 200);
  EXPECT_EQ(p_->client().Get(page, login("apprenante2@jobintech.ma", "Apprenante-Deux-2026"))->status, 404);
  EXPECT_EQ(p_->client().Get(page, login("autre-operateur@jobintech.ma", "Autre-Operateur-2026"))->status, 404);
  EXPECT_EQ(get("steering", page)->status, 403);

  // Revocation: a reason is required; then the public page says it is revoked, with the date.
  const std::string revoke =
      "/api/v1/certificates/" + std::to_string(certificate["id"].get<std::int64_t>()) + "/revoke";
  r = send("POST", "operator", revoke, json::object());
  EXPECT_TRUE(has_error(r, "reason", "required")) << r->body;
  EXPECT_EQ(p_->client()
                .Post(revoke, login("autre-operateur@jobintech.ma", "Autre-Operateur-2026"),
                      json{{"reason", "x"}}.dump(), "application/json")
                ->status,
            404);
  EXPECT_EQ(send("POST", "candidate", revoke, {{"reason", "x"}})->status, 403);
  r = send("POST", "operator", revoke, {{"reason", "Erreur de saisie du statut"}});
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(body(r)["revoked_on"], day(0));
  EXPECT_EQ(send("POST", "admin", revoke, {{"reason", "encore"}})->status, 409);
  r = anonymous.Get("/verify/" + code);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("data-testid=\"revoked\""), std::string::npos);
  EXPECT_NE(r->body.find(day(0)), std::string::npos);
  EXPECT_FALSE(body(anonymous.Get("/api/v1/verify/" + code))["valid"].get<bool>());
  EXPECT_GE(scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'certificates' AND action IN ('issue', 'revoke')"),
            2);
}

TEST_F(Training, TrainingPageFormsCallTheSameUseCases) {
  const std::string page = "/cohorts/" + std::to_string(cohort_) + "/training";
  auto c = p_->client();
  auto r = c.Get(page, p_->auth("operator"));
  ASSERT_EQ(r->status, 200) << r->body.substr(0, 300);
  EXPECT_NE(r->body.find("data-testid=\"learners\""), std::string::npos);
  EXPECT_NE(r->body.find(cins_[1]), std::string::npos);
  EXPECT_EQ(c.Get(page, login("autre-operateur@jobintech.ma", "Autre-Operateur-2026"))->status, 404);
  EXPECT_EQ(c.Get(page, p_->auth("steering"))->status, 403);
  EXPECT_EQ(c.Get(page, p_->auth("candidate"))->status, 403);
  EXPECT_NE(c.Get("/cohorts?q=training-test", p_->auth("operator"))->body.find(page), std::string::npos)
      << "linked from the cohort list";

  // The day's sheet: every learner in training listed, the unticked ones absent.
  const auto E = learners_[4];
  const std::string form = "day=" + day(-1) + "&learner=" + std::to_string(learners_[2]) +
                           "&learner=" + std::to_string(E) + "&present=" + std::to_string(E);
  r = c.Post(page + "/attendance", p_->auth("operator"), form, "application/x-www-form-urlencoded");
  EXPECT_EQ(r->status, 303) << r->body.substr(0, 500);
  EXPECT_EQ(scalar("SELECT present FROM attendance WHERE enrolment_id = ? AND day = ?", {E, day(-1)}), 1);
  EXPECT_EQ(scalar("SELECT present FROM attendance WHERE enrolment_id = ? AND day = ?", {learners_[2], day(-1)}), 0);
  r = c.Post(page + "/attendance", p_->auth("operator"), "day=" + day(5) + "&learner=" + std::to_string(E),
             "application/x-www-form-urlencoded");
  EXPECT_EQ(r->status, 422);
  EXPECT_NE(r->body.find("data-testid=\"errors\""), std::string::npos);

  // Exits: a dropout needs its reason (refused clearly), a graduate then gets her certificate.
  const std::string status = "/enrolments/" + std::to_string(learners_[3]) + "/status";
  r = c.Post(status, p_->auth("operator"), "status=dropped_out&exit_date=" + day(-1),
             "application/x-www-form-urlencoded");
  EXPECT_EQ(r->status, 422) << r->body.substr(0, 300);
  EXPECT_NE(r->body.find("data-testid=\"errors\""), std::string::npos);
  r = c.Post(status, p_->auth("operator"),
             "status=dropped_out&exit_date=" + day(-1) + "&dropout_reason=D%C3%A9m%C3%A9nagement",
             "application/x-www-form-urlencoded");
  EXPECT_EQ(r->status, 303);
  EXPECT_EQ(body(get("admin", enrolment_path(learners_[3])))["status"], "dropped_out");
  r = c.Post(status, p_->auth("operator"), "status=graduated&exit_date=" + day(-1),
             "application/x-www-form-urlencoded");
  EXPECT_TRUE(r->status == 409 || r->status == 422) << "a learner who left cannot graduate: " << r->status;
  EXPECT_NE(r->body.find("data-testid=\"errors\""), std::string::npos);
  EXPECT_EQ(body(get("admin", enrolment_path(learners_[3])))["status"], "dropped_out");
  const std::string graduate = "/enrolments/" + std::to_string(learners_[2]) + "/status";
  ASSERT_EQ(c.Post(graduate, p_->auth("operator"), "status=graduated&exit_date=" + day(-1),
                   "application/x-www-form-urlencoded")
                ->status,
            303);
  r = c.Post("/enrolments/" + std::to_string(learners_[2]) + "/certificate", p_->auth("operator"), "",
             "application/x-www-form-urlencoded");
  ASSERT_EQ(r->status, 303);
  EXPECT_EQ(r->get_header_value("Location").rfind("/certificates/", 0), 0u);

  // Assessments from the grid; an unknown skill is refused.
  const std::string assess = "/enrolments/" + std::to_string(learners_[1]) + "/assessments";
  r = c.Post(assess, p_->auth("operator"),
             "assessed_on=" + day(-1) + "&skill_" + skills_[0] + "=1&skill_" + skills_[1] + "=",
             "application/x-www-form-urlencoded");
  EXPECT_EQ(r->status, 303);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM assessments WHERE enrolment_id = ?", {learners_[1]}), 1);
  r = c.Post(assess, p_->auth("operator"), "assessed_on=" + day(-1) + "&skill_" + foreign_skill_ + "=1",
             "application/x-www-form-urlencoded");
  EXPECT_EQ(r->status, 422);

  // The CSV upload shows its report on the page.
  httplib::MultipartFormDataItems items = {
      {"file", "cin;day;present\n" + cins_[1] + ";" + day(-40) + ";1\n", "presence.csv", "text/csv"}};
  r = c.Post(page + "/attendance.csv", p_->auth("operator"), items);
  EXPECT_EQ(r->status, 422);
  EXPECT_NE(r->body.find("data-testid=\"import-errors\""), std::string::npos);
  r = c.Get(page + "?threshold=90&lang=ar", p_->auth("operator"));
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("dir=\"rtl\""), std::string::npos);
}

}  // namespace

}  // namespace jobintech::testing

namespace jobintech::testing {

// The demo candidate graduated: her record lists the training and links to her certificate,
// which she may open; a steering user sees neither.
TEST(TrainingRecord, TheLearnerFindsHerCertificateOnHerRecord) {
  auto& p = programme();
  auto c = p.client();
  auto me = nlohmann::json::parse(c.Get("/api/v1/auth/me", p.auth("candidate"))->body);
  const std::string record = "/candidates/" + std::to_string(me["candidate_id"].get<std::int64_t>());
  auto page = c.Get(record, p.auth("candidate"));
  ASSERT_EQ(page->status, 200);
  const auto at = page->body.find("data-testid=\"certificate-link\"");
  ASSERT_NE(at, std::string::npos) << "no certificate link on her record";
  const auto href = page->body.rfind("href=\"/certificates/", at);
  ASSERT_NE(href, std::string::npos);
  const auto path = page->body.substr(href + 6, page->body.find('"', href + 6) - href - 6);
  auto certificate = c.Get(path, p.auth("candidate"));
  EXPECT_EQ(certificate->status, 200) << path;
  EXPECT_NE(certificate->body.find("<svg"), std::string::npos) << "the QR code";
  EXPECT_EQ(c.Get(record, p.auth("steering"))->body.find("certificate-link"), std::string::npos);
}

}  // namespace jobintech::testing
