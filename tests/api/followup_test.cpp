// Placement follow-ups through the API and the pages (docs/training.md, "Follow-ups"): the three
// checkpoints of a placement and their due dates (calendar months, the 31st clamped), recording
// one and recording it again (audited before and after), the refusals (too early, in the future,
// a checkpoint that does not exist, an unknown field, a malformed body, another operator, the
// learner herself), and the list of follow-ups due, oldest first, a page at a time.
#include <set>

#include "api_fixture.h"
#include "app/auth_service.h"
#include "app/followup_service.h"
#include "core/date.h"
#include "store/sql.h"

namespace jobintech::testing {

namespace {

using nlohmann::json;

std::string day(int offset) {
  return core::format_date(core::civil_from_days(core::days_from_civil(core::today_utc()) + offset));
}

bool has_error(const httplib::Result& r, const std::string& field, const std::string& code) {
  const auto b = body(r);
  if (!b.contains("errors")) return false;
  for (const auto& e : b["errors"])
    if (e.value("field", "") == field && e.value("code", "") == code) return true;
  return false;
}

class Followup : public ::testing::Test {
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
    const auto cohort = text("SELECT code FROM cohorts WHERE operator_id = ? ORDER BY id LIMIT 1", {operator_id});
    me_ = std::stoll(text("SELECT candidate_id FROM users WHERE email = 'candidat@jobintech.ma'"));
    learner_ = std::stoll(text(
        "SELECT id FROM candidates WHERE id <> ? AND id NOT IN (SELECT candidate_id FROM enrolments) ORDER BY id "
        "LIMIT 1",
        {me_}));
    auto r = p_->client().Post("/api/v1/enrolments", p_->auth("admin"),
                               json{{"candidate_id", learner_}, {"cohort_code", cohort}}.dump(), "application/json");
    if (!r || r->status != 201) throw std::runtime_error("cannot enrol: " + (r ? r->body : ""));
    // A job started on the 31st: its checkpoints fall on shorter months.
    placement_ = place(learner_, "Atlas Digital", "2025-08-31");
    // A job started a month ago: nothing is due yet.
    recent_ = place(learner_, "Souss Data", day(-31));
    // The demo candidate's own job.
    own_ = place(me_, "Rabat Cloud", "2025-06-15");

    const auto other = text("SELECT code FROM organisations WHERE kind = 'operator' AND id <> ? ORDER BY id LIMIT 1",
                            {operator_id});
    if (!app::add_user(p_->db(), "suivi-autre@jobintech.ma", "operator", other, "Suivi-Autre-2026", "Autre opérateur")
             .ok())
      throw std::runtime_error("cannot add the other operator");
    other_operator_ = login("suivi-autre@jobintech.ma", "Suivi-Autre-2026");
  }
  static void TearDownTestSuite() {
    delete p_;
    p_ = nullptr;
  }

  static std::int64_t place(std::int64_t candidate, const std::string& employer, const std::string& start) {
    auto r = p_->client().Post("/api/v1/placements", p_->auth("admin"),
                               json{{"candidate_id", candidate},
                                    {"employer_name", employer},
                                    {"job_title", "Développeuse"},
                                    {"contract_type", "cdi"},
                                    {"start_date", start}}
                                   .dump(),
                               "application/json");
    if (!r || r->status != 201) throw std::runtime_error("cannot place: " + (r ? r->body : ""));
    return body(r)["id"].get<std::int64_t>();
  }
  static httplib::Headers login(const std::string& email, const std::string& password) {
    auto r = p_->client().Post("/api/v1/auth/login", json{{"email", email}, {"password", password}}.dump(),
                               "application/json");
    if (!r || r->status != 200) throw std::runtime_error("login failed for " + email);
    return {{"Authorization", "Bearer " + body(r)["token"].get<std::string>()}};
  }
  static std::string path(std::int64_t placement) {
    return "/api/v1/placements/" + std::to_string(placement) + "/followups";
  }
  httplib::Result put(const httplib::Headers& h, std::int64_t placement, const std::string& months, const json& b) {
    return p_->client().Put(path(placement) + "/" + months, h, b.dump(), "application/json");
  }
  std::int64_t scalar(const std::string& query, store::Params params = {}) {
    auto conn = p_->db().connect();
    return store::fetch_integer(conn.session(), query, params).value_or(-1);
  }
  // Every follow-up due for this role, page by page.
  std::vector<json> all_due(const std::string& role) {
    std::vector<json> out;
    for (int offset = 0;; offset += 500) {
      auto r = p_->client().Get("/api/v1/followups/due?limit=500&offset=" + std::to_string(offset), p_->auth(role));
      EXPECT_EQ(r->status, 200) << r->body;
      const auto b = body(r);
      for (const auto& i : b["items"]) out.push_back(i);
      if (b["items"].size() < 500) break;
    }
    return out;
  }
  static bool lists(const std::vector<json>& due, std::int64_t placement, int months) {
    for (const auto& d : due)
      if (d["placement_id"] == placement && d["months"] == months) return true;
    return false;
  }

  static ServedProgramme* p_;
  static std::int64_t me_, learner_, placement_, recent_, own_;
  static httplib::Headers other_operator_;
};
ServedProgramme* Followup::p_ = nullptr;
std::int64_t Followup::me_ = 0, Followup::learner_ = 0, Followup::placement_ = 0, Followup::recent_ = 0,
             Followup::own_ = 0;
httplib::Headers Followup::other_operator_;

TEST_F(Followup, DueDatesAreCalendarMonthsFromTheStart) {
  auto r = p_->client().Get(path(placement_), p_->auth("operator"));
  ASSERT_EQ(r->status, 200) << r->body;
  const auto b = body(r);
  EXPECT_EQ(b["start_date"], "2025-08-31");
  ASSERT_EQ(b["checkpoints"].size(), 3u);
  EXPECT_EQ(b["checkpoints"][0]["months"], 3);
  EXPECT_EQ(b["checkpoints"][0]["due_on"], "2025-11-30") << "from the 31st: the last day of a shorter month";
  EXPECT_EQ(b["checkpoints"][1]["due_on"], "2026-02-28");
  EXPECT_EQ(b["checkpoints"][2]["due_on"], "2026-08-31");
  for (const auto& c : b["checkpoints"]) {
    EXPECT_TRUE(c["due"].get<bool>());
    EXPECT_FALSE(c["recorded"].get<bool>());
    EXPECT_TRUE(c["still_employed"].is_null());
  }
  const auto recent = body(p_->client().Get(path(recent_), p_->auth("admin")));
  EXPECT_FALSE(recent["checkpoints"][0]["due"].get<bool>());

  // The bounds the due list uses: the last start whose checkpoint has come by a day.
  EXPECT_EQ(app::latest_start_due_by("2025-11-30", 3), "2025-08-31");
  EXPECT_EQ(app::latest_start_due_by("2025-11-29", 3), "2025-08-29");
  EXPECT_EQ(app::latest_start_due_by("2026-02-28", 6), "2025-08-31");
  EXPECT_EQ(app::latest_start_due_by("2024-02-29", 12), "2023-02-28");
  EXPECT_EQ(app::followup_due_on("2024-02-29", 12), "2025-02-28");
}

TEST_F(Followup, RecordingAndRecordingAgainReplacesItAudited) {
  auto r = put(p_->auth("operator"), placement_, "6",
               {{"still_employed", true}, {"checked_on", "2026-03-02"}, {"note", "Appel à l'employeur"}});
  ASSERT_EQ(r->status, 201) << r->body;
  auto b = body(r);
  EXPECT_TRUE(b["checkpoints"][1]["recorded"].get<bool>());
  EXPECT_TRUE(b["checkpoints"][1]["still_employed"].get<bool>());
  EXPECT_EQ(b["checkpoints"][1]["checked_on"], "2026-03-02");
  EXPECT_EQ(b["checkpoints"][1]["note"], "Appel à l'employeur");
  EXPECT_FALSE(b["checkpoints"][0]["recorded"].get<bool>());

  // Again: replaced, not added. No longer employed, and the placement keeps no invented end date.
  r = put(p_->auth("admin"), placement_, "6", {{"still_employed", false}, {"checked_on", "2026-03-05"}});
  ASSERT_EQ(r->status, 200) << r->body;
  b = body(r);
  EXPECT_FALSE(b["checkpoints"][1]["still_employed"].get<bool>());
  EXPECT_EQ(b["checkpoints"][1]["checked_on"], "2026-03-05");
  EXPECT_TRUE(b["checkpoints"][1]["note"].is_null());
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM placement_followups WHERE placement_id = ?", {placement_}), 1);
  EXPECT_TRUE(body(p_->client().Get("/api/v1/placements/" + std::to_string(placement_), p_->auth("admin")))["end_date"]
                  .is_null());
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'followup' AND entity = 'placements' AND "
                   "entity_id = ?",
                   {std::to_string(placement_)}),
            2);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'followup' AND entity_id = ? AND before_json IS "
                   "NOT NULL AND after_json LIKE '%2026-03-05%'",
                   {std::to_string(placement_)}),
            1);
}

TEST_F(Followup, RefusalsNameTheFieldAndWriteNothing) {
  const auto before = scalar("SELECT COUNT(*) FROM placement_followups");
  const auto op = p_->auth("operator");
  // Checked before the due date (2025-11-30).
  auto r = put(op, placement_, "3", {{"still_employed", true}, {"checked_on", "2025-11-29"}});
  EXPECT_EQ(r->status, 422);
  EXPECT_TRUE(has_error(r, "checked_on", "checked_before_due")) << r->body;
  // A checkpoint not yet due.
  r = put(op, recent_, "3", {{"still_employed", true}, {"checked_on", day(0)}});
  EXPECT_EQ(r->status, 422);
  EXPECT_TRUE(has_error(r, "months", "followup_not_yet_due")) << r->body;
  // In the future.
  r = put(op, placement_, "3", {{"still_employed", true}, {"checked_on", day(1)}});
  EXPECT_TRUE(has_error(r, "checked_on", "day_in_future")) << r->body;
  r = put(op, placement_, "3", {{"still_employed", true}, {"checked_on", "30/11/2025"}});
  EXPECT_TRUE(has_error(r, "checked_on", "date_format")) << r->body;
  // No such checkpoint.
  r = put(op, placement_, "4", {{"still_employed", true}, {"checked_on", "2026-01-05"}});
  EXPECT_EQ(r->status, 422);
  EXPECT_TRUE(has_error(r, "months", "followup_months")) << r->body;
  r = put(op, placement_, "x", {{"still_employed", true}, {"checked_on", "2026-01-05"}});
  EXPECT_TRUE(has_error(r, "months", "followup_months")) << r->body;
  // Unknown field, wrong types, missing fields, malformed body.
  r = put(op, placement_, "3", {{"still_employed", true}, {"checked_on", "2026-01-05"}, {"end_date", "2026-01-01"}});
  EXPECT_EQ(r->status, 422);
  EXPECT_TRUE(has_error(r, "end_date", "unknown_field")) << r->body;
  r = put(op, placement_, "3", {{"still_employed", "oui"}, {"checked_on", "2026-01-05"}});
  EXPECT_TRUE(has_error(r, "still_employed", "boolean_format")) << r->body;
  r = put(op, placement_, "3", json::object());
  EXPECT_TRUE(has_error(r, "still_employed", "required")) << r->body;
  EXPECT_TRUE(has_error(r, "checked_on", "required")) << r->body;
  EXPECT_EQ(p_->client().Put(path(placement_) + "/3", op, "{\"still_employed\": ", "application/json")->status, 400);

  // Another operator does not learn the placement exists; the learner reads hers but may not write;
  // steering and employers see no one's follow-ups.
  const json good = {{"still_employed", true}, {"checked_on", "2026-01-05"}};
  EXPECT_EQ(put(other_operator_, placement_, "3", good)->status, 404);
  EXPECT_EQ(p_->client().Get(path(placement_), other_operator_)->status, 404);
  EXPECT_EQ(put(p_->auth("candidate"), own_, "3", good)->status, 403);
  EXPECT_EQ(p_->client().Get(path(own_), p_->auth("candidate"))->status, 200);
  EXPECT_EQ(p_->client().Get(path(placement_), p_->auth("candidate"))->status, 404);
  EXPECT_EQ(put(p_->auth("steering"), placement_, "3", good)->status, 403);
  EXPECT_EQ(p_->client().Get(path(placement_), p_->auth("steering"))->status, 403);
  EXPECT_EQ(p_->client().Get(path(placement_), p_->auth("employer"))->status, 403);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM placement_followups"), before) << "nothing written";
}

TEST_F(Followup, TheDueListIsOldestFirstPagedAndScoped) {
  auto due = all_due("operator");
  EXPECT_TRUE(lists(due, placement_, 3));
  EXPECT_TRUE(lists(due, placement_, 12));
  EXPECT_FALSE(lists(due, recent_, 3)) << "not yet due";
  for (std::size_t i = 1; i < due.size(); ++i)
    EXPECT_LE(due[i - 1]["due_on"].get<std::string>(), due[i]["due_on"].get<std::string>()) << i;
  for (const auto& d : due) EXPECT_LE(d["due_on"].get<std::string>(), day(0));
  for (const auto& d : due)
    if (d["placement_id"] == placement_ && d["months"] == 3) {
      EXPECT_EQ(d["due_on"], "2025-11-30");
      EXPECT_EQ(d["employer_name"], "Atlas Digital");
      EXPECT_EQ(d["candidate_id"], learner_);
      EXPECT_FALSE(d["last_name"].get<std::string>().empty());
    }
  const auto everyone = all_due("admin");
  EXPECT_GE(everyone.size(), due.size());
  EXPECT_TRUE(lists(everyone, own_, 3));

  // Pages are slices of the same order.
  auto c = p_->client();
  const auto four = body(c.Get("/api/v1/followups/due?limit=4", p_->auth("admin")));
  const auto first = body(c.Get("/api/v1/followups/due?limit=2", p_->auth("admin")));
  const auto second = body(c.Get("/api/v1/followups/due?limit=2&offset=2", p_->auth("admin")));
  ASSERT_EQ(four["items"].size(), 4u);
  EXPECT_EQ(four["total"].get<std::size_t>(), everyone.size());
  EXPECT_EQ(first["items"][0], four["items"][0]);
  EXPECT_EQ(second["items"][1], four["items"][3]);
  EXPECT_EQ(c.Get("/api/v1/followups/due?limit=0", p_->auth("admin"))->status, 422);
  EXPECT_EQ(c.Get("/api/v1/followups/due?limit=501", p_->auth("admin"))->status, 422);
  EXPECT_EQ(c.Get("/api/v1/followups/due?offset=-1", p_->auth("admin"))->status, 422);
  EXPECT_EQ(c.Get("/api/v1/followups/due?sort=x", p_->auth("admin"))->status, 422);
  EXPECT_EQ(c.Get("/api/v1/followups/due", p_->auth("steering"))->status, 403);

  // Recorded: no longer due.
  ASSERT_EQ(put(p_->auth("operator"), placement_, "12", {{"still_employed", true}, {"checked_on", "2026-09-01"}})->status,
            201);
  due = all_due("operator");
  EXPECT_FALSE(lists(due, placement_, 12));
  EXPECT_TRUE(lists(due, placement_, 3));
}

TEST_F(Followup, PagesShowTheCheckpointsTheFormAndTheDueList) {
  auto c = p_->client();
  const auto op = p_->auth("operator");
  auto r = c.Get("/followups", op);
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("data-testid=\"followups-due\""), std::string::npos);
  EXPECT_NE(r->body.find("/candidates/" + std::to_string(learner_) + "#followups-" + std::to_string(placement_)),
            std::string::npos);
  EXPECT_NE(r->body.find("href=\"/followups\""), std::string::npos) << "in the navigation";
  EXPECT_EQ(c.Get("/followups", p_->auth("steering"))->status, 403);

  r = c.Get("/candidates/" + std::to_string(learner_), op);
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("data-testid=\"followups-" + std::to_string(placement_) + "\""), std::string::npos);
  EXPECT_NE(r->body.find("2025-11-30"), std::string::npos);

  const std::string action = "/placements/" + std::to_string(placement_) + "/followups";
  r = c.Post(action, op, "months=3&still_employed=1&checked_on=2025-11-01&note=",
             "application/x-www-form-urlencoded");
  EXPECT_EQ(r->status, 422);
  EXPECT_NE(r->body.find("data-testid=\"followup-errors\""), std::string::npos);
  EXPECT_NE(r->body.find("aria-invalid"), std::string::npos);
  r = c.Post(action, op, "months=3&still_employed=0&checked_on=2025-12-01&note=parti",
             "application/x-www-form-urlencoded");
  EXPECT_EQ(r->status, 303);
  EXPECT_EQ(r->get_header_value("Location"),
            "/candidates/" + std::to_string(learner_) + "#followups-" + std::to_string(placement_));
  EXPECT_EQ(scalar("SELECT still_employed FROM placement_followups WHERE placement_id = ? AND months = 3",
                   {placement_}),
            0);
  EXPECT_EQ(c.Post(action, other_operator_, "months=3&still_employed=1&checked_on=2025-12-01",
                   "application/x-www-form-urlencoded")
                ->status,
            404);
}

}  // namespace

}  // namespace jobintech::testing
