// An admission round through the API, as its users live it: the programme office creates and
// opens a round, a candidate ranks cohorts (and is refused clearly when her list is wrong), scores
// are entered, the round is closed, simulated, run and published; the candidate reads her offer
// and why she did not get her first choice, accepts, and keeps her seat in the next run; the
// operator reads its admitted list and waitlist.
#include <cstdio>
#include <fstream>

#include "api_fixture.h"
#include "command_line.h"
#include "core/date.h"
#include "store/sql.h"

namespace jobintech::testing {

namespace {

using nlohmann::json;

std::string day(int offset) {
  return core::format_date(core::civil_from_days(core::days_from_civil(core::today_utc()) + offset));
}

class Admission : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { p_ = new ServedProgramme(); }
  static void TearDownTestSuite() {
    delete p_;
    p_ = nullptr;
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

  static ServedProgramme* p_;
};
ServedProgramme* Admission::p_ = nullptr;

TEST_F(Admission, FromApplicationToAcceptedSeatWithExplanations) {
  // Two cohorts nobody applied to yet: A has one open seat, B two seats of which one for women.
  auto conn = p_->db().connect();
  const auto free = store::fetch_all(conn.session(),
                                     "SELECT c.id, c.code FROM cohorts c WHERE c.round_id IS NULL AND c.id NOT IN "
                                     "(SELECT cohort_id FROM applications) ORDER BY c.id LIMIT 2");
  ASSERT_EQ(free.size(), 2u);
  const std::string a_id = core::to_text(free[0][0]), a = core::to_text(free[0][1]);
  const std::string b_id = core::to_text(free[1][0]), b = core::to_text(free[1][1]);
  const std::int64_t me = scalar("SELECT candidate_id FROM users WHERE email = 'candidat@jobintech.ma'");
  const auto others =
      store::fetch_all(conn.session(), "SELECT id FROM candidates WHERE id <> ? ORDER BY id LIMIT 2", {me});

  auto r = send("POST", "admin", "/api/v1/rounds",
                {{"code", "test-round"},
                 {"name", "Appel test"},
                 {"opens_on", day(-1)},
                 {"closes_on", day(10)},
                 {"max_choices", 2}});
  ASSERT_EQ(r->status, 201) << r->body;
  const auto round = body(r);
  const std::string round_id = std::to_string(round["id"].get<std::int64_t>());
  EXPECT_EQ(round["status"], "draft");
  EXPECT_EQ(round["lottery_seed"].get<std::string>().size(), 32u) << "the seed is published with the round";
  // Bad round input is named field by field.
  r = send("POST", "admin", "/api/v1/rounds",
           {{"code", "bad-round"}, {"name", "x"}, {"opens_on", day(5)}, {"closes_on", day(1)}, {"max_choices", 50}});
  EXPECT_EQ(r->status, 422);
  EXPECT_NE(r->body.find("closes_on"), std::string::npos) << r->body;
  EXPECT_NE(r->body.find("max_choices"), std::string::npos) << r->body;

  ASSERT_EQ(send("PATCH", "admin", "/api/v1/cohorts/" + a_id,
                 {{"round_code", "test-round"}, {"capacity", 1}, {"reserved_women", 0}, {"reserved_local", 0}})
                ->status,
            200);
  ASSERT_EQ(send("PATCH", "admin", "/api/v1/cohorts/" + b_id,
                 {{"round_code", "test-round"}, {"capacity", 2}, {"reserved_women", 1}, {"reserved_local", 0}})
                ->status,
            200);

  // A draft round is not visible to candidates; once open it accepts choices.
  EXPECT_EQ(get("candidate", "/api/v1/rounds/" + round_id + "/choices")->status, 404);
  EXPECT_EQ(get("candidate", "/api/v1/rounds/" + round_id)->status, 404) << "a draft round is not announced";
  ASSERT_EQ(send("PATCH", "admin", "/api/v1/rounds/" + round_id, {{"status", "open"}})->status, 200);
  r = get("candidate", "/api/v1/rounds/" + round_id + "/choices");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(body(r)["round"]["cohorts"].size(), 2u);
  EXPECT_TRUE(body(r)["round"]["accepting"].get<bool>());

  // Wrong lists are refused as a whole, naming the entry.
  const std::int64_t my_applications = scalar("SELECT COUNT(*) FROM applications WHERE candidate_id = ?", {me});
  const std::string choices = "/api/v1/rounds/" + round_id + "/choices";
  r = send("PUT", "candidate", choices, {{"cohorts", {a, a}}});
  EXPECT_EQ(r->status, 422);
  EXPECT_NE(r->body.find("cohorts[1]"), std::string::npos) << r->body;
  r = send("PUT", "candidate", choices, {{"cohorts", {a, "no-such-cohort"}}});
  EXPECT_EQ(r->status, 422);
  EXPECT_NE(r->body.find("no-such-cohort"), std::string::npos) << r->body;
  r = send("PUT", "candidate", choices, {{"cohorts", {a, b, a}}});
  EXPECT_EQ(r->status, 422);
  EXPECT_NE(r->body.find("too_many_choices"), std::string::npos) << r->body;
  EXPECT_EQ(send("PUT", "candidate", choices, {{"cohorts", a}})->status, 422);
  EXPECT_EQ(send("PUT", "candidate", choices, {{"cohort", {a}}})->status, 422);
  EXPECT_EQ(p_->client().Put(choices, p_->auth("candidate"), "{not json", "application/json")->status, 400);
  EXPECT_EQ(send("PUT", "operator", choices, {{"cohorts", {a}}})->status, 403);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM applications WHERE candidate_id = ?", {me}), my_applications)
      << "nothing half-written";

  r = send("PUT", "candidate", choices, {{"cohorts", {a, b}}});
  ASSERT_EQ(r->status, 200) << r->body;
  ASSERT_EQ(body(r)["choices"].size(), 2u);
  EXPECT_EQ(body(r)["choices"][0]["cohort"]["code"], a);
  EXPECT_EQ(body(r)["choices"][0]["status"], "eligible");

  // Scores: the candidate's composite is 0.6 × 70 + 0.4 × 80 = 74 at A; someone else has 90 there.
  const std::int64_t my_a =
      scalar("SELECT id FROM applications WHERE candidate_id = ? AND cohort_id = ?", {me, std::stoll(a_id)});
  ASSERT_EQ(send("PATCH", "admin", "/api/v1/applications/" + std::to_string(my_a),
                 {{"test_score", 70}, {"interview_score", 80}})
                ->status,
            200);
  EXPECT_EQ(send("PATCH", "admin", "/api/v1/applications/" + std::to_string(my_a), {{"test_score", 170}})->status, 422);
  for (const auto& other : others) {
    ASSERT_EQ(send("POST", "admin", "/api/v1/applications",
                   {{"candidate_id", std::get<std::int64_t>(other[0])}, {"cohort_code", a}, {"rank", 1}, {"score", 90}})
                  ->status,
              201);
  }

  // Runs wait for the round to close.
  const std::string runs = "/api/v1/rounds/" + round_id + "/runs";
  r = send("POST", "admin", runs, json::object());
  EXPECT_EQ(r->status, 409) << r->body;
  ASSERT_EQ(send("PATCH", "admin", "/api/v1/rounds/" + round_id, {{"status", "closed"}})->status, 200);
  EXPECT_EQ(send("POST", "admin", runs, {{"kind", "draw"}})->status, 422);
  EXPECT_EQ(send("POST", "admin", runs, {{"precedence", "open,open,local"}})->status, 422);
  EXPECT_EQ(send("POST", "admin", runs, {{"women_percent", 80}, {"local_percent", 40}})->status, 422);
  EXPECT_EQ(send("POST", "operator", runs, json::object())->status, 403);

  r = send("POST", "admin", runs,
           {{"kind", "simulation"}, {"label", "women first"}, {"precedence", "women,open,local"}});
  ASSERT_EQ(r->status, 201) << r->body;
  const auto simulation = body(r);
  EXPECT_EQ(simulation["kind"], "simulation");
  r = send("POST", "admin", runs, json::object());
  ASSERT_EQ(r->status, 201) << r->body;
  const auto official = body(r);
  EXPECT_EQ(official["candidates"], 3) << r->body;
  EXPECT_EQ(official["assigned"], 2) << "A's one seat goes to one of the two 90s, B's to the candidate";
  EXPECT_EQ(official["input_digest"].get<std::string>().size(), 64u);
  EXPECT_NE(official["input_digest"], simulation["input_digest"]) << "the precedence is part of the inputs";
  r = get("admin", runs);
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(body(r)["items"].size(), 2u);
  EXPECT_EQ(get("steering", runs)->status, 200);
  EXPECT_EQ(get("candidate", runs)->status, 403);

  // Before publication the candidate sees no result.
  const std::string result = "/api/v1/rounds/" + round_id + "/result";
  EXPECT_EQ(body(get("candidate", result))["status"], "none");
  EXPECT_EQ(send("POST", "admin", "/api/v1/runs/" + std::to_string(simulation["id"].get<std::int64_t>()) + "/publish",
                 json::object())
                ->status,
            409);
  r = send("POST", "admin", "/api/v1/runs/" + std::to_string(official["id"].get<std::int64_t>()) + "/publish",
           json::object());
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(body(r)["status"], "published");

  r = get("candidate", result);
  ASSERT_EQ(r->status, 200);
  const auto mine = body(r);
  EXPECT_EQ(mine["status"], "offered");
  EXPECT_EQ(mine["offer"]["cohort"]["code"], b);
  EXPECT_EQ(mine["choices"][0]["outcome"], "refused");
  const auto& open_seat = mine["choices"][0]["standings"][0];
  EXPECT_EQ(open_seat["seat"], "open");
  EXPECT_EQ(open_seat["standing"], "below");
  EXPECT_DOUBLE_EQ(open_seat["last_admitted"].get<double>(), 90.0);
  EXPECT_DOUBLE_EQ(mine["choices"][0]["score"].get<double>(), 74.0);
  EXPECT_EQ(mine["choices"][1]["outcome"], "obtained");

  // The operator of A reads its lists; another operator cannot.
  const std::int64_t a_operator = scalar("SELECT operator_id FROM cohorts WHERE id = ?", {std::stoll(a_id)});
  const std::int64_t demo_operator = scalar("SELECT organisation_id FROM users WHERE email = 'operateur@jobintech.ma'");
  r = get("admin", "/api/v1/cohorts/" + a_id + "/admissions");
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(body(r)["admitted"].size(), 1u);
  EXPECT_EQ(body(r)["waitlist"].size(), 2u)
      << "the other 90 and the candidate, who waits for her first choice" << r->body;
  EXPECT_EQ(get("operator", "/api/v1/cohorts/" + a_id + "/admissions")->status,
            a_operator == demo_operator ? 200 : 404);
  r = get("admin", "/api/v1/cohorts/" + a_id + "/admissions?format=csv");
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("list;position;candidate_id"), std::string::npos) << r->body.substr(0, 200);
  EXPECT_EQ(get("admin", "/api/v1/cohorts/" + a_id + "/admissions?format=pdf")->status, 422);

  // She accepts, is enrolled, and keeps her seat in the next run.
  EXPECT_EQ(send("POST", "operator", "/api/v1/rounds/" + round_id + "/offer/accept", json::object())->status, 403);
  r = send("POST", "candidate", "/api/v1/rounds/" + round_id + "/offer/accept", json::object());
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(body(r)["status"], "accepted");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM enrolments WHERE candidate_id = ? AND cohort_id = ?", {me, std::stoll(b_id)}),
            1);
  EXPECT_EQ(send("POST", "candidate", "/api/v1/rounds/" + round_id + "/offer/decline", json::object())->status, 409);
  EXPECT_EQ(send("PUT", "candidate", choices, {{"cohorts", {b}}})->status, 409) << "the round is closed";

  r = send("POST", "admin", runs, json::object());
  ASSERT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(body(r)["summary"]["held"], 2) << "every offer still open and every accepted seat is kept";
  EXPECT_EQ(body(r)["candidates"], 1) << "the other 90 is still waiting for A";
  EXPECT_EQ(body(r)["assigned"], 0) << "A has no seat left";
}

TEST_F(Admission, AnyoneCanReRunAPublishedRoundFromItsFilesAndGetTheSameDigest) {
  // The demo's closed round has a computed run; its inputs download as the files of `jobintech
  // allocate`, whose digest and result are the run's.
  const std::int64_t round_id = scalar("SELECT id FROM admission_rounds WHERE status = 'closed' ORDER BY id LIMIT 1");
  const std::string round = std::to_string(round_id);
  auto r = get("admin", "/api/v1/rounds/" + round + "/runs");
  ASSERT_EQ(r->status, 200);
  const auto run = body(r)["items"][0];
  ASSERT_EQ(run["status"], "computed");

  const auto dir = std::filesystem::temp_directory_path() / ("jobintech-inputs-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string digest;
  for (const char* file : {"candidates.csv", "cohorts.csv", "applications.csv"}) {
    r = get("admin", "/api/v1/rounds/" + round + "/inputs/" + file);
    ASSERT_EQ(r->status, 200) << file;
    digest = r->get_header_value("X-Input-Digest");
    std::ofstream(dir / file, std::ios::binary) << r->body;
  }
  EXPECT_EQ(digest, run["input_digest"]) << "nothing changed since the run";
  EXPECT_EQ(get("admin", "/api/v1/rounds/" + round + "/inputs/passwords.csv")->status, 404);
  EXPECT_EQ(get("operator", "/api/v1/rounds/" + round + "/inputs/candidates.csv")->status, 403);

  const auto cli =
      test::run_command("allocate --candidates " + (dir / "candidates.csv").string() + " --cohorts " +
                        (dir / "cohorts.csv").string() + " --applications " + (dir / "applications.csv").string() +
                        " --out " + (dir / "out").string() + " --stats --lang en");
  ASSERT_EQ(cli.status, 0) << cli.out;
  EXPECT_NE(cli.out.find("input digest: " + run["input_digest"].get<std::string>()), std::string::npos) << cli.out;
  EXPECT_NE(cli.out.find(std::to_string(run["assigned"].get<int>()) + " of " +
                         std::to_string(run["candidates"].get<int>()) + " candidates assigned"),
            std::string::npos)
      << cli.out;
  std::filesystem::remove_all(dir);

  // A score that changes after the run makes it unpublishable until it is run again.
  const std::int64_t application = scalar(
      "SELECT a.id FROM applications a JOIN cohorts c ON c.id = a.cohort_id WHERE c.round_id = ? "
      "AND a.status = 'eligible' ORDER BY a.id LIMIT 1",
      {round_id});
  ASSERT_EQ(send("PATCH", "admin", "/api/v1/applications/" + std::to_string(application), {{"score", 99.5}})->status,
            200);
  const std::string publish = "/api/v1/runs/" + std::to_string(run["id"].get<std::int64_t>()) + "/publish";
  r = send("POST", "admin", publish, json::object());
  EXPECT_EQ(r->status, 409);
  EXPECT_NE(r->body.find("run_inputs_changed"), std::string::npos) << r->body;
  r = send("POST", "admin", "/api/v1/rounds/" + round + "/runs", {{"women_percent", 30}});
  EXPECT_EQ(r->status, 422) << "official runs apply the cohorts' own reserves";
  r = send("POST", "admin", "/api/v1/rounds/" + round + "/runs", json::object());
  ASSERT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(send("POST", "admin", publish, json::object())->status, 409) << "an older run cannot be published";
  EXPECT_EQ(send("POST", "admin", "/api/v1/runs/" + std::to_string(body(r)["id"].get<std::int64_t>()) + "/publish",
                 json::object())
                ->status,
            200);
}

TEST_F(Admission, TestAndInterviewScoresImportedMakeTheComposite) {
  auto conn = p_->db().connect();
  const auto row =
      store::fetch_one(conn.session(),
                       "SELECT k.cin, c.code, c.id FROM applications a JOIN candidates k ON k.id = a.candidate_id "
                       "JOIN cohorts c ON c.id = a.cohort_id WHERE c.round_id IS NOT NULL "
                       "AND a.status IN ('submitted', 'eligible') ORDER BY a.id LIMIT 1");
  ASSERT_TRUE(row);
  const std::string cin = core::to_text((*row)[0]), code = core::to_text((*row)[1]);
  const std::string cohort_id = core::to_text((*row)[2]);
  auto c = p_->client();
  auto r = c.Post("/api/v1/imports/applications", p_->auth("admin"),
                  "cin;cohort_code;rank;test_score;interview_score\n" + cin + ";" + code + ";1;80;90\n", "text/csv");
  ASSERT_EQ(r->status, 200) << r->body;
  r = c.Post("/api/v1/imports/applications", p_->auth("admin"),
             "cin;cohort_code;rank;test_score;interview_score\n" + cin + ";" + code + ";1;180;90\n", "text/csv");
  EXPECT_EQ(r->status, 422);
  EXPECT_NE(r->body.find("test_score"), std::string::npos) << r->body;
  r = get("admin", "/api/v1/cohorts/" + cohort_id + "/admissions");
  ASSERT_EQ(r->status, 200);
  bool found = false;
  for (const auto& list : {body(r)["admitted"], body(r)["waitlist"]}) {
    for (const auto& line : list) {
      if (line["cin"] == cin) {
        found = true;
        EXPECT_DOUBLE_EQ(line["score"].get<double>(), 0.6 * 80 + 0.4 * 90);
      }
    }
  }
  EXPECT_TRUE(found) << r->body;
  const auto audited = scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'admissions'");
  ASSERT_EQ(get("admin", "/api/v1/cohorts/" + cohort_id + "/admissions?format=xlsx")->status, 200);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'admissions'"), audited + 1)
      << "an export of personal data is audited";
}

}  // namespace

}  // namespace jobintech::testing
