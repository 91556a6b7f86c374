// Employers' demand and matching through the API (docs/matching.md): offers as a resource and
// their refusals; the ranked learners of an offer on a hand-built set (scores, ties by id,
// explanations, consent, graduation, same region, remote), checked again against a brute force
// over the whole demo; what an employer sees before and after a learner accepts a contact
// request; hires that become placements and fill the offer; a learner's skills, consent and
// recommended offers; the supply-demand view.
#include <algorithm>
#include <cmath>
#include <set>

#include "api_fixture.h"
#include "app/auth_service.h"
#include "store/sql.h"

namespace jobintech::testing {

namespace {

using nlohmann::json;

bool has_error(const httplib::Result& r, const std::string& field, const std::string& code) {
  const auto b = body(r);
  if (!b.contains("errors")) return false;
  for (const auto& e : b["errors"])
    if (e.value("field", "") == field && e.value("code", "") == code) return true;
  return false;
}

// Skills no track teaches, so that only the learners built here hold them.
const std::string kS1 = "kotlin", kS2 = "flutter", kS3 = "firebase";

class Matching : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    p_ = new ServedProgramme();
    auto conn = p_->db().connect();
    auto& sql = conn.session();
    store::execute(sql, "DELETE FROM declared_skills WHERE skill_code IN (?, ?, ?)", {kS1, kS2, kS3});
    const auto cohort = store::fetch_one(sql, "SELECT id, code FROM cohorts WHERE status = 'closed' ORDER BY id LIMIT 1");
    if (!cohort) throw std::runtime_error("no closed cohort");
    auto free_candidates = store::fetch_all(
        sql, "SELECT id, region_code FROM candidates WHERE id NOT IN (SELECT candidate_id FROM enrolments) "
             "AND id NOT IN (SELECT candidate_id FROM users WHERE candidate_id IS NOT NULL) ORDER BY id LIMIT 7");
    if (free_candidates.size() < 7) throw std::runtime_error("not enough candidates");
    for (auto& r : free_candidates) ids_.push_back(store::as_integer(r[0]));
    // Learners A..F: A holds s1 s2 (4/5), B s1 s3 (3/5), C s3 (1/5), D like A without consent,
    // E like A without graduating, F like A with a higher id (a tie with A). G holds nothing.
    const std::vector<std::vector<std::string>> skills = {{kS1, kS2}, {kS1, kS3}, {kS3}, {kS1, kS2}, {kS1, kS2}, {kS1, kS2}, {}};
    region_a_ = "06";
    for (std::size_t i = 0; i < ids_.size(); ++i) {
      const auto id = ids_[i];
      store::execute(sql, "UPDATE candidates SET region_code = ? WHERE id = ?", {i == 1 ? std::string("01") : region_a_, id});
      const bool graduated = i != 4;
      store::execute(sql,
                     "INSERT INTO enrolments (candidate_id, cohort_id, status, exit_date, created_at, updated_at) "
                     "VALUES (?, ?, ?, ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                     {id, (*cohort)[0], std::string(graduated ? "graduated" : "enrolled"),
                      graduated ? core::Value(std::string("2026-06-30")) : core::Value{}});
      for (const auto& s : skills[i])
        store::execute(sql, "INSERT INTO declared_skills (candidate_id, skill_code, declared_on) VALUES (?, ?, '2026-07-01')",
                       {id, s});
      if (i != 3)
        store::execute(sql,
                       "INSERT INTO consents (candidate_id, purpose, text_version, given_at) VALUES (?, "
                       "'employer_visibility', '2026-11', '2026-07-01T00:00:00Z')",
                       {id});
    }
    if (!app::add_user(p_->db(), "learner-a@jobintech.ma", "candidate", "", "Learner-A-2026", "A", ids_[0]).ok())
      throw std::runtime_error("cannot add learner A");
    learner_a_ = login("learner-a@jobintech.ma", "Learner-A-2026");
    other_employer_code_ = core::to_text(
        (*store::fetch_one(sql, "SELECT code FROM organisations WHERE kind = 'employer' AND id <> (SELECT organisation_id "
                                "FROM users WHERE email = 'employeur@jobintech.ma') ORDER BY id LIMIT 1"))[0]);
    if (!app::add_user(p_->db(), "autre-employeur@jobintech.ma", "employer", other_employer_code_, "Autre-Employeur-2026",
                       "Autre employeur")
             .ok())
      throw std::runtime_error("cannot add the other employer");
    other_employer_ = login("autre-employeur@jobintech.ma", "Autre-Employeur-2026");
    employer_code_ = body(p_->client().Get("/api/v1/auth/me", p_->auth("employer")))["organisation_code"];
    offer_ = create_offer({{"required_skills", {kS1, kS2}}, {"nice_skills", {kS3}}, {"positions", 1}});
  }
  static void TearDownTestSuite() {
    delete p_;
    p_ = nullptr;
  }

  static httplib::Headers login(const std::string& email, const std::string& password) {
    auto r = p_->client().Post("/api/v1/auth/login", json{{"email", email}, {"password", password}}.dump(),
                               "application/json");
    if (!r || r->status != 200) throw std::runtime_error("login failed for " + email);
    return {{"Authorization", "Bearer " + body(r)["token"].get<std::string>()}};
  }

  static json offer_body(const json& extra) {
    json b = {{"employer_code", employer_code_}, {"title", "Développeuse mobile"}, {"region_code", region_a_},
              {"contract_type", "cdi"}, {"required_skills", {kS1}}};
    b.update(extra);
    return b;
  }
  static std::int64_t create_offer(const json& extra) {
    auto r = p_->client().Post("/api/v1/offers", p_->auth("employer"), offer_body(extra).dump(), "application/json");
    if (!r || r->status != 201) throw std::runtime_error("cannot create offer: " + (r ? r->body : ""));
    return body(r)["id"].get<std::int64_t>();
  }
  static json matches(std::int64_t offer, const std::string& query = "") {
    auto r = p_->client().Get("/api/v1/offers/" + std::to_string(offer) + "/matches" + query, p_->auth("employer"));
    EXPECT_EQ(r->status, 200) << r->body;
    return body(r);
  }
  static std::vector<std::int64_t> ranked_ids(const json& m) {
    std::vector<std::int64_t> out;
    for (const auto& i : m["items"]) out.push_back(i["candidate_id"].get<std::int64_t>());
    return out;
  }

  static inline ServedProgramme* p_ = nullptr;
  static inline std::vector<std::int64_t> ids_;
  static inline std::string region_a_, employer_code_, other_employer_code_;
  static inline httplib::Headers learner_a_, other_employer_;
  static inline std::int64_t offer_ = 0;
};

}  // namespace

TEST_F(Matching, OffersAreRefusedWithTheFieldAtFault) {
  auto c = p_->client();
  auto post = [&](const json& b) { return c.Post("/api/v1/offers", p_->auth("employer"), b.dump(), "application/json"); };
  EXPECT_TRUE(has_error(post(offer_body({{"required_skills", json::array()}})), "required_skills", "offer_needs_skills"));
  EXPECT_TRUE(has_error(post(offer_body({{"nice_skills", {kS1}}})), "nice_skills", "skill_both_required_and_nice"));
  EXPECT_TRUE(has_error(post(offer_body({{"required_skills", {"cobol-85"}}})), "required_skills", "unknown_reference"));
  EXPECT_TRUE(has_error(post(offer_body({{"salary_min_mad", 9000}, {"salary_max_mad", 8000}})), "salary_max_mad",
                        "salary_max_below_min"));
  EXPECT_TRUE(has_error(post(offer_body({{"contract_type", "stage"}})), "contract_type", "not_in_choices"));
  EXPECT_TRUE(has_error(post(offer_body({{"title", ""}})), "title", "required"));
  auto emptied = c.Patch("/api/v1/offers/" + std::to_string(offer_), p_->auth("employer"), R"({"positions": null})",
                         "application/json");
  EXPECT_TRUE(has_error(emptied, "positions", "required")) << emptied->body;
  // An employer posts for itself only.
  auto foreign = post(offer_body({{"employer_code", other_employer_code_}}));
  EXPECT_EQ(foreign->status, 403) << foreign->body;
  // Nothing of that was written.
  auto mine = body(c.Get("/api/v1/offers?limit=200", p_->auth("employer")));
  for (const auto& o : mine["items"]) EXPECT_EQ(o["employer_code"], employer_code_);
  for (const auto& o : mine["items"]) EXPECT_NE(o["required_skills"], json::array()) << o.dump();
}

TEST_F(Matching, EmployersSeeTheirOwnOffersAndCandidatesTheOpenOnes) {
  auto c = p_->client();
  auto foreign = c.Get("/api/v1/offers/" + std::to_string(offer_), other_employer_);
  EXPECT_EQ(foreign->status, 404);
  EXPECT_EQ(c.Get("/api/v1/offers/" + std::to_string(offer_) + "/matches", other_employer_)->status, 404);
  const auto closed = create_offer({{"status", "closed"}});
  EXPECT_EQ(c.Get("/api/v1/offers/" + std::to_string(closed), p_->auth("candidate"))->status, 404);
  EXPECT_EQ(c.Get("/api/v1/offers/" + std::to_string(offer_), p_->auth("candidate"))->status, 200);
  auto seen = body(c.Get("/api/v1/offers?limit=200&status=closed", p_->auth("candidate")));
  EXPECT_EQ(seen["total"], 0);
  EXPECT_EQ(c.Delete("/api/v1/offers/" + std::to_string(closed), p_->auth("employer"))->status, 204);
}

TEST_F(Matching, RanksVisibleGraduatesByScoreThenIdWithTheirExplanation) {
  const auto m = matches(offer_);
  // A (4/5) and F (4/5, higher id), B (3/5), C (1/5). D did not consent, E has not graduated, G
  // holds none of the skills.
  EXPECT_EQ(ranked_ids(m), (std::vector<std::int64_t>{ids_[0], ids_[5], ids_[1], ids_[2]}));
  EXPECT_EQ(m["total"], 4);
  const auto& a = m["items"][0];
  EXPECT_DOUBLE_EQ(a["score"].get<double>(), 4.0 / 5.0);
  EXPECT_EQ(a["required_matched"], json({kS2, kS1}));  // sorted by code: flutter, kotlin
  EXPECT_EQ(a["required_missing"], json::array());
  EXPECT_EQ(a["nice_matched"], json::array());
  const auto& b = m["items"][2];
  EXPECT_DOUBLE_EQ(b["score"].get<double>(), 3.0 / 5.0);
  EXPECT_EQ(b["required_missing"], json({kS2}));
  EXPECT_EQ(b["nice_matched"], json({kS3}));
  EXPECT_DOUBLE_EQ(m["items"][3]["score"].get<double>(), 1.0 / 5.0);
  // Before any contact: no CIN, birth date, e-mail, phone or family name.
  for (const auto& i : m["items"])
    for (const char* hidden : {"cin", "birth_date", "email", "phone", "last_name", "contact"})
      EXPECT_FALSE(i.contains(hidden)) << hidden << " in " << i.dump();
  // Paging keeps the order.
  EXPECT_EQ(ranked_ids(matches(offer_, "?limit=2&offset=1")), (std::vector<std::int64_t>{ids_[5], ids_[1]}));
}

TEST_F(Matching, SameRegionOnlyKeepsRemoteOffers) {
  // B lives in region 01, the offer is in A's region.
  auto local = ranked_ids(matches(offer_, "?same_region=true"));
  EXPECT_EQ(std::count(local.begin(), local.end(), ids_[1]), 0);
  EXPECT_EQ(local.front(), ids_[0]);
  const auto remote = create_offer({{"required_skills", {kS1, kS2}}, {"nice_skills", {kS3}}, {"remote", 1}});
  auto anywhere = ranked_ids(matches(remote, "?same_region=true"));
  EXPECT_EQ(std::count(anywhere.begin(), anywhere.end(), ids_[1]), 1);
  auto bad = p_->client().Get("/api/v1/offers/" + std::to_string(offer_) + "/matches?same_region=maybe&limit=0",
                              p_->auth("employer"));
  EXPECT_EQ(bad->status, 422);
  EXPECT_TRUE(has_error(bad, "same_region", "boolean_format"));
  EXPECT_TRUE(has_error(bad, "limit", "out_of_range"));
}

TEST_F(Matching, TheRankingIsTheFormulaOverEveryVisibleGraduate) {
  // A demo offer, ranked by the API, against the formula computed here from the tables.
  auto conn = p_->db().connect();
  auto& sql = conn.session();
  const auto offer = store::as_integer(
      (*store::fetch_one(sql, "SELECT o.id FROM job_offers o WHERE o.status = 'open' AND o.employer_id = "
                              "(SELECT organisation_id FROM users WHERE email = 'employeur@jobintech.ma') ORDER BY o.id LIMIT 1"))[0]);
  std::set<std::string> required, nice;
  for (auto& r : store::fetch_all(sql, "SELECT skill_code FROM offer_required_skills WHERE offer_id = ?", {offer}))
    required.insert(store::as_text(r[0]));
  for (auto& r : store::fetch_all(sql, "SELECT skill_code FROM offer_nice_skills WHERE offer_id = ?", {offer}))
    nice.insert(store::as_text(r[0]));
  std::map<std::int64_t, std::set<std::string>> held;
  for (auto& r : store::fetch_all(
           sql, "SELECT e.candidate_id, a.skill_code FROM assessments a JOIN enrolments e ON e.id = a.enrolment_id "
                "WHERE a.validated = 1 UNION SELECT candidate_id, skill_code FROM declared_skills"))
    held[store::as_integer(r[0])].insert(store::as_text(r[1]));
  std::vector<std::pair<double, std::int64_t>> expected;
  for (auto& r : store::fetch_all(
           sql, "SELECT c.id FROM candidates c WHERE c.id IN (SELECT candidate_id FROM consents WHERE withdrawn_at IS NULL) "
                "AND c.id IN (SELECT candidate_id FROM enrolments WHERE status = 'graduated')")) {
    const auto id = store::as_integer(r[0]);
    int a = 0, b = 0;
    for (const auto& s : held[id]) a += required.count(s), b += nice.count(s);
    const double score = static_cast<double>(2 * a + b) / static_cast<double>(2 * required.size() + nice.size());
    if (score > 0) expected.push_back({-score, id});
  }
  std::sort(expected.begin(), expected.end());
  ASSERT_FALSE(expected.empty());
  const auto m = matches(offer, "?limit=200");
  ASSERT_EQ(m["total"].get<std::size_t>(), expected.size());
  for (std::size_t i = 0; i < m["items"].size(); ++i) {
    EXPECT_EQ(m["items"][i]["candidate_id"].get<std::int64_t>(), expected[i].second) << "rank " << i + 1;
    EXPECT_DOUBLE_EQ(m["items"][i]["score"].get<double>(), -expected[i].first) << "rank " << i + 1;
  }
}

TEST_F(Matching, ContactThenHireMakesAPlacementAndFillsTheOffer) {
  auto c = p_->client();
  const auto offer = create_offer({{"required_skills", {kS1, kS2}}, {"positions", 1}});
  const std::string base = "/api/v1/offers/" + std::to_string(offer);
  auto hire = [&](const json& b) { return c.Post(base + "/hires", p_->auth("employer"), b.dump(), "application/json"); };
  // Not visible (no consent): not found for an employer.
  auto hidden = c.Post(base + "/contacts", p_->auth("employer"), json{{"candidate_id", ids_[3]}}.dump(), "application/json");
  EXPECT_EQ(hidden->status, 404);
  // Another employer cannot use this offer.
  EXPECT_EQ(c.Post(base + "/contacts", other_employer_, json{{"candidate_id", ids_[0]}}.dump(), "application/json")->status, 404);
  EXPECT_TRUE(has_error(c.Post(base + "/contacts", p_->auth("employer"), json{{"candidate_id", "A"}}.dump(), "application/json"),
                        "candidate_id", "integer_format"));
  auto asked = c.Post(base + "/contacts", p_->auth("employer"),
                      json{{"candidate_id", ids_[0]}, {"message", "Bonjour, votre profil nous intéresse."}}.dump(),
                      "application/json");
  ASSERT_EQ(asked->status, 201) << asked->body;
  const auto request = body(asked)["id"].get<std::int64_t>();
  EXPECT_EQ(c.Post(base + "/contacts", p_->auth("employer"), json{{"candidate_id", ids_[0]}}.dump(), "application/json")->status, 409);
  // No hire before she accepts.
  auto early = hire({{"candidate_id", ids_[0]}, {"start_date", "2026-12-01"}});
  EXPECT_EQ(early->status, 409);
  EXPECT_EQ(body(early)["code"], "contact_not_accepted");
  // Her requests, and only she answers them.
  auto mine = body(c.Get("/api/v1/contacts", learner_a_));
  ASSERT_EQ(mine["items"].size(), 1u);
  EXPECT_EQ(mine["items"][0]["status"], "pending");
  const std::string answer = "/api/v1/contacts/" + std::to_string(request) + "/answer";
  EXPECT_EQ(c.Post(answer, p_->auth("candidate"), R"({"accept": true})", "application/json")->status, 404);
  EXPECT_EQ(c.Post(answer, p_->auth("employer"), R"({"accept": true})", "application/json")->status, 403);
  EXPECT_TRUE(has_error(c.Post(answer, learner_a_, R"({"accept": "oui"})", "application/json"), "accept", "boolean_format"));
  ASSERT_EQ(c.Post(answer, learner_a_, R"({"accept": true})", "application/json")->status, 200);
  EXPECT_EQ(c.Post(answer, learner_a_, R"({"accept": false})", "application/json")->status, 409);
  // Now the employer sees how to reach her.
  const auto m = matches(offer);
  ASSERT_EQ(m["items"][0]["candidate_id"], ids_[0]);
  EXPECT_EQ(m["items"][0]["contact_status"], "accepted");
  EXPECT_TRUE(m["items"][0].contains("contact"));
  EXPECT_FALSE(m["items"][0]["contact"]["last_name"].get<std::string>().empty());
  EXPECT_FALSE(m["items"][1].contains("contact"));
  // Bad hires are refused by field, good one creates the placement.
  EXPECT_TRUE(has_error(hire({{"candidate_id", ids_[0]}, {"start_date", "31/31/2026"}}), "start_date", "date_format"));
  EXPECT_TRUE(has_error(hire({{"candidate_id", ids_[0]}, {"start_date", "2026-12-01"}, {"contract_type", "x"}}),
                        "contract_type", "not_in_choices"));
  EXPECT_TRUE(has_error(hire({{"candidate_id", ids_[0]}, {"start_date", "2026-12-01"}, {"monthly_salary_mad", -1}}),
                        "monthly_salary_mad", "too_large"));
  EXPECT_EQ(hire({{"candidate_id", ids_[5]}, {"start_date", "2026-12-01"}})->status, 404);  // never asked
  auto hired = hire({{"candidate_id", ids_[0]}, {"start_date", "2026-12-01"}, {"monthly_salary_mad", 9500.5}});
  ASSERT_EQ(hired->status, 201) << hired->body;
  EXPECT_EQ(hire({{"candidate_id", ids_[0]}, {"start_date", "2026-12-01"}})->status, 409);
  auto placements = body(c.Get("/api/v1/placements?candidate=" + std::to_string(ids_[0]), p_->auth("admin")));
  ASSERT_EQ(placements["total"], 1);
  EXPECT_EQ(placements["items"][0]["contract_type"], "cdi");
  EXPECT_EQ(placements["items"][0]["job_title"], "Développeuse mobile");
  EXPECT_DOUBLE_EQ(placements["items"][0]["monthly_salary_mad"].get<double>(), 9500.5);
  auto o = body(c.Get(base, p_->auth("employer")));
  EXPECT_EQ(o["status"], "filled");
  EXPECT_EQ(o["hires"], 1);
  EXPECT_TRUE(matches(offer)["items"][0]["hired"].get<bool>());
}

TEST_F(Matching, ALearnerKeepsHerSkillsAndConsentAndSeesOffersThatFit) {
  auto c = p_->client();
  const auto me = body(c.Get("/api/v1/auth/me", learner_a_))["candidate_id"].get<std::int64_t>();
  const std::string base = "/api/v1/candidates/" + std::to_string(me);
  auto skills = body(c.Get(base + "/skills", learner_a_))["items"];
  ASSERT_EQ(skills.size(), 2u);
  EXPECT_EQ(skills[0]["source"], "declared");
  EXPECT_TRUE(has_error(c.Post(base + "/skills", learner_a_, R"({"skill_code": "cobol-85"})", "application/json"),
                        "skill_code", "unknown_reference"));
  EXPECT_TRUE(has_error(c.Post(base + "/skills", learner_a_, R"({"code": "x"})", "application/json"), "code", "unknown_field"));
  EXPECT_EQ(c.Post(base + "/skills", p_->auth("admin"), R"({"skill_code": "swift"})", "application/json")->status, 403);
  EXPECT_EQ(c.Post(base + "/skills", p_->auth("candidate"), R"({"skill_code": "swift"})", "application/json")->status, 404);
  auto added = c.Post(base + "/skills", learner_a_, R"({"skill_code": " Swift "})", "application/json");
  ASSERT_EQ(added->status, 200) << added->body;
  EXPECT_EQ(body(added)["items"].size(), 3u);
  EXPECT_EQ(c.Delete(base + "/skills/SWIFT", learner_a_)->status, 200);
  // A synonym or a name finds the catalogue's code: "js" is JavaScript.
  auto by_synonym = c.Post(base + "/skills", learner_a_, R"({"skill_code": "JS"})", "application/json");
  ASSERT_EQ(by_synonym->status, 200) << by_synonym->body;
  bool javascript = false;
  const auto declared = body(by_synonym);
  for (const auto& s : declared["items"]) javascript = javascript || s["code"] == "javascript";
  EXPECT_TRUE(javascript);
  EXPECT_EQ(c.Delete(base + "/skills/javascript", learner_a_)->status, 200);
  EXPECT_EQ(c.Delete(base + "/skills/swift", learner_a_)->status, 404);

  // Recommended offers: the first hand-built offer fits her, with nothing required missing.
  auto rec = c.Get(base + "/recommended-offers?limit=200", learner_a_);
  ASSERT_EQ(rec->status, 200) << rec->body;
  bool found = false;
  const auto recommended = body(rec);
  for (const auto& o : recommended["items"])
    if (o["id"] == offer_) {
      found = true;
      EXPECT_EQ(o["required_missing"], json::array());
      EXPECT_DOUBLE_EQ(o["score"].get<double>(), 0.8);
    }
  EXPECT_TRUE(found);
  EXPECT_EQ(c.Get(base + "/recommended-offers", p_->auth("employer"))->status, 403);
  EXPECT_EQ(c.Get(base + "/recommended-offers", p_->auth("steering"))->status, 403);
  EXPECT_EQ(c.Get(base + "/recommended-offers", p_->auth("admin"))->status, 200);

  // Withdrawing the consent takes her out of every employer's list, and giving it again records
  // the text version.
  auto consent = [&](bool visible) {
    return c.Put(base + "/consent", learner_a_, json{{"visible", visible}}.dump(), "application/json");
  };
  EXPECT_TRUE(has_error(c.Put(base + "/consent", learner_a_, R"({"visible": 1})", "application/json"), "visible",
                        "boolean_format"));
  EXPECT_EQ(c.Put(base + "/consent", p_->auth("admin"), R"({"visible": false})", "application/json")->status, 403);
  ASSERT_EQ(consent(false)->status, 200);
  auto ids = ranked_ids(matches(offer_));
  EXPECT_EQ(std::count(ids.begin(), ids.end(), me), 0);
  auto back = consent(true);
  ASSERT_EQ(back->status, 200);
  EXPECT_EQ(body(back)["visible"], true);
  EXPECT_EQ(body(back)["text_version"], "2026-11");
  ids = ranked_ids(matches(offer_));
  EXPECT_EQ(ids.front(), me);
  auto conn = p_->db().connect();
  EXPECT_EQ(store::fetch_integer(conn.session(), "SELECT COUNT(*) FROM consents WHERE candidate_id = ?", {me}), 2);
}

TEST_F(Matching, SupplyDemandCountsPositionsAgainstGraduates) {
  auto c = p_->client();
  auto r = c.Get("/api/v1/supply-demand?region=" + region_a_, p_->auth("steering"));
  ASSERT_EQ(r->status, 200) << r->body;
  // Open offers of the region requiring kotlin, and the graduates of the region who hold it.
  auto conn = p_->db().connect();
  auto& sql = conn.session();
  const auto positions = store::fetch_integer(sql,
                                              "SELECT COALESCE(SUM(o.positions), 0) FROM job_offers o JOIN offer_required_skills s "
                                              "ON s.offer_id = o.id WHERE o.status = 'open' AND o.region_code = ? AND s.skill_code = ?",
                                              {region_a_, kS1});
  bool found = false;
  const auto view = body(r);
  for (const auto& l : view["skills"])
    if (l["skill_code"] == kS1) {
      found = true;
      EXPECT_EQ(l["positions"], *positions);
      EXPECT_EQ(l["gap"].get<std::int64_t>(), l["positions"].get<std::int64_t>() - l["graduates"].get<std::int64_t>());
      EXPECT_GE(l["graduates"].get<int>(), 2);  // A and F at least
    }
  EXPECT_TRUE(found);
  auto lines = body(r)["skills"];
  for (std::size_t i = 1; i < lines.size(); ++i) EXPECT_GE(lines[i - 1]["gap"], lines[i]["gap"]);
  EXPECT_EQ(c.Get("/api/v1/supply-demand", p_->auth("employer"))->status, 403);
  EXPECT_EQ(c.Get("/api/v1/supply-demand", p_->auth("operator"))->status, 403);
  EXPECT_TRUE(has_error(c.Get("/api/v1/supply-demand?region=99", p_->auth("admin")), "region", "region_unknown"));
  auto national = body(c.Get("/api/v1/supply-demand", p_->auth("admin")));
  EXPECT_TRUE(national["region_code"].is_null());
  EXPECT_FALSE(national["regions"].empty());
}

}  // namespace jobintech::testing
