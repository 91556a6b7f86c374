// The rights of the person and the trail of who saw what (docs/privacy.md): staff reads of a
// person's record and lists of people are written in the audit log, which admins search; a
// candidate reads and downloads everything held about her, including who read her record, and
// asks for corrections that the office answers; `jobintech retention` anonymises those whose
// retention period is over, and the indicators stay exactly as they were.
#include <gtest/gtest.h>

#include <set>

#include "command_line.h"
#include "shared_programme.h"
#include "store/data_version.h"
#include "store/sql.h"

using namespace jobintech;
using jobintech::testing::body;
using jobintech::testing::programme;
using jobintech::testing::ServedProgramme;

namespace {

constexpr const char* kJson = "application/json";
constexpr const char* kForm = "application/x-www-form-urlencoded";

std::int64_t scalar(ServedProgramme& p, const std::string& sql, const store::Params& params = {}) {
  auto conn = p.db().connect();
  return store::fetch_integer(conn.session(), sql, params).value_or(-1);
}

std::int64_t demo_candidate(ServedProgramme& p) {
  return scalar(p, "SELECT candidate_id FROM users WHERE email = 'candidat@jobintech.ma'");
}

// The fields a problem names (bound to a local: a range-for over a temporary's member dangles).
std::set<std::string> named_fields(const httplib::Result& r) {
  const auto problem = body(r);
  std::set<std::string> named;
  for (const auto& e : problem["errors"]) named.insert(e["field"].get<std::string>());
  return named;
}

std::int64_t audit_rows(ServedProgramme& p, const std::string& action, const std::string& entity,
                        const std::string& entity_id, const std::string& actor) {
  return scalar(p, "SELECT COUNT(*) FROM audit_log WHERE action = ? AND entity = ? AND entity_id = ? AND actor = ?",
                {action, entity, entity_id, actor});
}

}  // namespace

TEST(AuditTrail, StaffReadsOfAPersonAreWrittenAndAdminsFindThem) {
  auto& p = programme();
  auto c = p.client();
  const auto id = std::to_string(demo_candidate(p));
  const auto before = audit_rows(p, "read", "candidates", id, "admin@jobintech.ma");
  ASSERT_EQ(c.Get("/api/v1/candidates/" + id, p.auth("admin"))->status, 200);
  ASSERT_EQ(c.Get("/candidates/" + id, p.auth("operator"))->status, 200);
  EXPECT_EQ(audit_rows(p, "read", "candidates", id, "admin@jobintech.ma"), before + 1);
  EXPECT_GE(audit_rows(p, "read", "candidates", id, "operateur@jobintech.ma"), 1) << "the page reads it too";
  // She reads her own record: that is not a staff read.
  const auto own = audit_rows(p, "read", "candidates", id, "candidat@jobintech.ma");
  ASSERT_EQ(c.Get("/api/v1/candidates/" + id, p.auth("candidate"))->status, 200);
  EXPECT_EQ(audit_rows(p, "read", "candidates", id, "candidat@jobintech.ma"), own);
  // A list of people is one line, with the ids shown.
  const auto lists = scalar(p, "SELECT COUNT(*) FROM audit_log WHERE action = 'list' AND actor = 'operateur@jobintech.ma'");
  ASSERT_EQ(c.Get("/api/v1/candidates?limit=5", p.auth("operator"))->status, 200);
  EXPECT_EQ(scalar(p, "SELECT COUNT(*) FROM audit_log WHERE action = 'list' AND actor = 'operateur@jobintech.ma'"),
            lists + 1);

  auto found = c.Get("/api/v1/audit?action=read&entity=candidates&entity_id=" + id + "&actor=admin%40jobintech.ma",
                     p.auth("admin"));
  ASSERT_EQ(found->status, 200) << found->body;
  EXPECT_EQ(body(found)["total"], before + 1);
  EXPECT_EQ(body(found)["items"][0]["entity_id"], id);
  auto today = c.Get("/api/v1/audit?action=read&from=2020-01-01&to=2099-12-31&limit=1", p.auth("admin"));
  EXPECT_GE(body(today)["total"].get<int>(), 2);
  EXPECT_EQ(body(today)["items"].size(), 1u);
  auto bad = c.Get("/api/v1/audit?from=hier&limit=0&colour=red", p.auth("admin"));
  ASSERT_EQ(bad->status, 422);
  EXPECT_EQ(named_fields(bad), (std::set<std::string>{"from", "limit", "colour"}));
  for (const char* role : {"steering", "operator", "employer", "candidate"}) {
    EXPECT_EQ(c.Get("/api/v1/audit", p.auth(role))->status, 403) << role;
    EXPECT_EQ(c.Get("/audit", p.auth(role))->status, 403) << role;
  }
  auto page = c.Get("/audit?action=read&entity=candidates&entity_id=" + id, p.auth("admin"));
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("data-testid=\"audit\""), std::string::npos);
  EXPECT_NE(page->body.find("operateur@jobintech.ma"), std::string::npos);
  EXPECT_GE(scalar(p, "SELECT COUNT(*) FROM audit_log WHERE action = 'search' AND entity = 'audit_log'"), 2)
      << "searching the log is logged";
}

TEST(RightOfAccess, ACandidateDownloadsEverythingHeldAboutHerAndNoOneElses) {
  auto& p = programme();
  auto c = p.client();
  const auto id = std::to_string(demo_candidate(p));
  ASSERT_EQ(c.Get("/api/v1/candidates/" + id, p.auth("admin"))->status, 200);  // a staff read she will see
  auto r = c.Get("/api/v1/candidates/" + id + "/personal-data", p.auth("candidate"));
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_NE(r->get_header_value("Content-Disposition").find("attachment"), std::string::npos);
  const auto data = body(r);
  ASSERT_EQ(data["record"].size(), 1u);
  EXPECT_EQ(data["record"][0]["id"], id);
  EXPECT_FALSE(data["record"][0]["cin"].get<std::string>().empty());
  EXPECT_EQ(data["account"][0]["email"], "candidat@jobintech.ma");
  EXPECT_FALSE(data["applications"].empty()) << "the demo candidate applied";
  for (const char* section : {"enrolments", "attendance", "assessments", "certificates", "placements", "followups",
                              "skills", "consents", "contacts", "corrections", "allocations", "access"})
    EXPECT_TRUE(data.contains(section)) << section;
  bool admin_read = false;
  for (const auto& a : data["access"]) admin_read = admin_read || (a["action"] == "read" && a["role"] == "admin");
  EXPECT_TRUE(admin_read) << "she sees that the office read her record";
  EXPECT_EQ(r->body.find("admin@jobintech.ma"), std::string::npos) << "by role, not the staff member's address";

  const auto other = std::to_string(std::stoll(id) + 1);
  EXPECT_EQ(c.Get("/api/v1/candidates/" + other + "/personal-data", p.auth("candidate"))->status, 404);
  EXPECT_EQ(c.Get("/api/v1/candidates/" + id + "/personal-data", p.auth("operator"))->status, 403);
  EXPECT_EQ(c.Get("/api/v1/candidates/" + id + "/personal-data", p.auth("steering"))->status, 403);

  auto page = c.Get("/candidates/" + id + "/personal-data?lang=ar", p.auth("candidate"));
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("dir=\"rtl\""), std::string::npos);
  EXPECT_NE(page->body.find("data-testid=\"section-applications\""), std::string::npos);
  EXPECT_NE(page->body.find("data-testid=\"correction-form\""), std::string::npos);
  EXPECT_GE(audit_rows(p, "download_personal_data", "candidates", id, "candidat@jobintech.ma"), 2);
}

TEST(RightOfCorrection, SheAsksTheOfficeAnswersAndBadRequestsAreNamed) {
  auto& p = programme();
  auto c = p.client();
  const auto id = std::to_string(demo_candidate(p));
  const auto base = "/api/v1/candidates/" + id + "/corrections";
  auto bad = c.Post(base, p.auth("candidate"), R"({"field": "salary", "requested_value": "", "extra": 1})", kJson);
  ASSERT_EQ(bad->status, 422);
  EXPECT_EQ(named_fields(bad), (std::set<std::string>{"extra"}));
  bad = c.Post(base, p.auth("candidate"), R"({"field": "salary", "requested_value": ""})", kJson);
  EXPECT_EQ(named_fields(bad), (std::set<std::string>{"field", "requested_value"}));
  EXPECT_EQ(c.Post(base, p.auth("candidate"), "{not json", kJson)->status, 400);
  EXPECT_EQ(c.Post("/api/v1/candidates/" + std::to_string(std::stoll(id) + 1) + "/corrections", p.auth("candidate"),
                   R"({"field": "phone", "requested_value": "0611223344"})", kJson)->status, 404);
  EXPECT_EQ(c.Post(base, p.auth("operator"), R"({"field": "phone", "requested_value": "0611223344"})", kJson)->status,
            403);

  auto made = c.Post(base, p.auth("candidate"),
                     R"({"field": "last_name", "requested_value": "El Amrani", "reason": "faute de frappe"})", kJson);
  ASSERT_EQ(made->status, 201) << made->body;
  const auto request = std::to_string(body(made)["id"].get<std::int64_t>());
  const auto open = body(c.Get("/api/v1/corrections?status=open", p.auth("admin")));
  bool listed = false;
  for (const auto& i : open["items"]) listed = listed || i["id"] == request;
  EXPECT_TRUE(listed);
  EXPECT_EQ(c.Get("/api/v1/corrections?status=maybe", p.auth("admin"))->status, 422);
  EXPECT_EQ(c.Get("/api/v1/corrections", p.auth("operator"))->status, 403);
  const auto answer = "/api/v1/corrections/" + request + "/answer";
  EXPECT_EQ(c.Post(answer, p.auth("admin"), R"({"status": "refused"})", kJson)->status, 422) << "a refusal says why";
  EXPECT_EQ(c.Post(answer, p.auth("candidate"), R"({"status": "done"})", kJson)->status, 403);
  ASSERT_EQ(c.Post(answer, p.auth("admin"), R"({"status": "done", "answer": "corrigé"})", kJson)->status, 204);
  EXPECT_EQ(c.Post(answer, p.auth("admin"), R"({"status": "done"})", kJson)->status, 409);
  const auto mine = body(c.Get("/api/v1/candidates/" + id + "/personal-data", p.auth("candidate")));
  bool answered = false;
  for (const auto& i : mine["corrections"]) answered = answered || (i["id"] == request && i["status"] == "done");
  EXPECT_TRUE(answered) << "she sees the answer";

  // The form on her page: refused with the field named, then accepted.
  auto refused = c.Post("/candidates/" + id + "/corrections", p.auth("candidate"), "field=phone&requested_value=", kForm);
  EXPECT_EQ(refused->status, 422);
  EXPECT_NE(refused->body.find("data-testid=\"correction-errors\""), std::string::npos);
  auto sent = c.Post("/candidates/" + id + "/corrections", p.auth("candidate"),
                     "field=phone&requested_value=0611223344&reason=", kForm);
  EXPECT_EQ(sent->status, 303);

  // The office answers it from its page: listed with its form; a refusal without a reason is refused.
  const auto from_form = std::to_string(scalar(p, "SELECT MAX(id) FROM correction_requests WHERE requested_value = '0611223344'"));
  auto page = c.Get("/corrections", p.auth("admin"));
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("data-testid=\"answer-form-" + from_form + "\""), std::string::npos);
  EXPECT_EQ(page->body.find("data-testid=\"answer-form-" + request + "\""), std::string::npos) << "answered already";
  auto unexplained = c.Post("/corrections/" + from_form + "/answer", p.auth("admin"), "status=refused&answer=", kForm);
  EXPECT_EQ(unexplained->status, 422);
  EXPECT_NE(unexplained->body.find("data-testid=\"answer-errors\""), std::string::npos);
  EXPECT_EQ(c.Post("/corrections/" + from_form + "/answer", p.auth("admin"),
                   "status=refused&answer=" + httplib::detail::encode_query_param("Numéro déjà à jour"), kForm)->status,
            303);
  EXPECT_EQ(c.Get("/corrections", p.auth("operator"))->status, 403);
  EXPECT_EQ(scalar(p, "SELECT COUNT(*) FROM correction_requests WHERE id = ? AND status = 'refused'",
                   {std::stoll(from_form)}),
            1);
}

TEST(Retention, PastThePeriodPersonalDataAreAnonymisedAndEveryIndicatorStaysTheSame) {
  ServedProgramme p(300);  // its own: everyone ends anonymised
  auto c = p.client();
  const auto indicators = [&] {
    return c.Get("/api/v1/indicators?as_of=2026-11-29&group_by=region", p.auth("admin"))->body;
  };
  const auto by_operator = [&] {
    return c.Get("/api/v1/indicators?as_of=2026-11-29&group_by=operator", p.auth("admin"))->body;
  };
  const auto id = demo_candidate(p);
  // Her last activity: long ago.
  {
    auto conn = p.db().connect();
    auto& sql = conn.session();
    const std::string old = "2015-03-01T00:00:00Z";
    store::execute(sql, "UPDATE candidates SET updated_at = ? WHERE id = ?", {old, id});
    store::execute(sql, "UPDATE applications SET updated_at = ? WHERE candidate_id = ?", {old, id});
    store::execute(sql, "UPDATE enrolments SET updated_at = ?, exit_date = NULL WHERE candidate_id = ?", {old, id});
    store::execute(sql, "UPDATE placements SET updated_at = ?, start_date = '2015-01-01', end_date = NULL WHERE candidate_id = ?",
                   {old, id});
    store::execute(sql, "UPDATE placement_followups SET checked_on = '2015-02-01' WHERE placement_id IN "
                        "(SELECT id FROM placements WHERE candidate_id = ?)", {id});
    store::execute(sql, "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) "
                        "SELECT 'ended-session', id, ?, ?, ? FROM users WHERE email = 'admin@jobintech.ma'",
                   {old, old, old});
    store::execute(sql, "INSERT INTO login_failures (bucket, window_start, failures) VALUES ('address:203.0.113.9', ?, 3)",
                   {old});
    store::bump_data_version(sql);  // written behind the services' back: the caches must know
  }
  const auto dashboard_before = indicators();
  const auto operators_before = by_operator();
  ASSERT_NE(dashboard_before.find("\"groups\""), std::string::npos) << dashboard_before;
  const std::string db = "--db '" + p.db_url() + "' ";
  auto dry = test::run_command("retention " + db + "--months 60 --today 2026-11-29 --dry-run");
  ASSERT_EQ(dry.status, 0) << dry.out;
  EXPECT_NE(dry.out.find("would anonymise 1 candidate(s)"), std::string::npos) << dry.out;
  EXPECT_EQ(scalar(p, "SELECT COUNT(*) FROM candidates WHERE anonymised_at IS NOT NULL"), 0) << "a dry run writes nothing";

  auto run = test::run_command("retention " + db + "--months 60 --today 2026-11-29");
  ASSERT_EQ(run.status, 0) << run.out;
  EXPECT_NE(run.out.find("anonymised 1 candidate(s)"), std::string::npos) << run.out;
  EXPECT_EQ(scalar(p, "SELECT COUNT(*) FROM candidates WHERE cin = ? AND first_name = 'Anonyme' AND email IS NULL "
                      "AND phone IS NULL AND anonymised_at IS NOT NULL",
                   {"ANON" + std::to_string(id)}),
            1);
  EXPECT_EQ(scalar(p, "SELECT COUNT(*) FROM candidates WHERE anonymised_at IS NOT NULL"), 1);
  EXPECT_EQ(scalar(p, "SELECT COUNT(*) FROM sessions WHERE token_hash = 'ended-session'"), 0) << "ended sessions go";
  EXPECT_EQ(scalar(p, "SELECT COUNT(*) FROM login_failures WHERE bucket = 'address:203.0.113.9'"), 0);
  auto login = c.Post("/api/v1/auth/login", R"({"email": "candidat@jobintech.ma", "password": "Demo-Candidat-2026"})", kJson);
  EXPECT_EQ(login->status, 401) << "her account is closed";
  EXPECT_EQ(scalar(p, "SELECT COUNT(*) FROM audit_log WHERE entity = 'candidates' AND entity_id = ? AND "
                      "(before_json IS NOT NULL OR after_json IS NOT NULL)",
                   {std::to_string(id)}),
            0);
  EXPECT_NE(test::run_command("retention " + db + "--months 60 --today 2026-11-29").out.find("anonymised 0"),
            std::string::npos)
      << "run again, nothing more to do";

  // Everyone past the period: every person anonymised, every figure the same.
  run = test::run_command("retention " + db + "--months 60 --today 2045-01-01");
  ASSERT_EQ(run.status, 0) << run.out;
  EXPECT_EQ(scalar(p, "SELECT COUNT(*) FROM candidates WHERE anonymised_at IS NULL"), 0);
  EXPECT_EQ(scalar(p, "SELECT COUNT(*) FROM candidates WHERE cin NOT LIKE 'ANON%' OR email IS NOT NULL"), 0);
  EXPECT_EQ(indicators(), dashboard_before);
  EXPECT_EQ(by_operator(), operators_before);

  auto bad = test::run_command("retention " + db + "--months 0");
  EXPECT_NE(bad.status, 0);
  EXPECT_NE(bad.out.find("--months"), std::string::npos) << bad.out;
  bad = test::run_command("retention " + db + "--today 31/12/2026");
  EXPECT_NE(bad.status, 0);
  EXPECT_NE(bad.out.find("--today"), std::string::npos) << bad.out;
}
