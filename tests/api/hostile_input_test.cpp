// Hostile input (docs/security.md): script in every text field shows as text on every page, for
// every role; SQL metacharacters are data; the static files do not lead out of their folder; bodies
// too large get 413; malformed JSON, UTF-8 and forms get 400 or 422 naming the field; half-open
// connections do not stop the server from answering others.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include "core/resource.h"
#include "shared_programme.h"
#include "store/sql.h"
#include "web/router.h"

using namespace jobintech;
using jobintech::testing::body;
using jobintech::testing::programme;
using jobintech::testing::ServedProgramme;

namespace {

constexpr const char* kJson = "application/json";
const std::string kPayload = R"(<script>alert('jit')</script>"><img src=x onerror=alert(1)>)";
const std::vector<std::string> kRoles = {"admin", "steering", "operator", "employer", "candidate"};

std::string one(ServedProgramme& p, const std::string& q, const store::Params& params = {}) {
  auto conn = p.db().connect();
  auto v = store::fetch_one(conn.session(), q, params);
  if (!v) throw std::runtime_error("nothing for " + q);
  return core::to_text((*v)[0]);
}

// True when the page carries the payload as markup, not as text.
bool unescaped(const std::string& page) {
  return page.find("<script>alert") != std::string::npos || page.find("<img src=x") != std::string::npos ||
         page.find("onerror=alert(1)>") != std::string::npos;
}

int raw_connection(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

}  // namespace

TEST(HostileInput, ScriptInEveryTextFieldIsShownAsTextOnEveryPageForEveryRole) {
  ServedProgramme p(300);  // its own: every text field is overwritten
  auto c = p.client();
  const auto candidate = one(p, "SELECT candidate_id FROM users WHERE email = 'candidat@jobintech.ma'");
  const auto operator_org = one(p, "SELECT organisation_id FROM users WHERE email = 'operateur@jobintech.ma'");
  const auto employer_org = one(p, "SELECT organisation_id FROM users WHERE email = 'employeur@jobintech.ma'");
  const auto enrolment = one(p, "SELECT id FROM enrolments WHERE candidate_id = ? ORDER BY id LIMIT 1", {std::stoll(candidate)});
  const auto cohort = one(p, "SELECT cohort_id FROM enrolments WHERE id = ?", {std::stoll(enrolment)});
  std::map<std::string, std::vector<std::string>> targets = {
      {"organisations", {operator_org, employer_org}},
      {"sites", {one(p, "SELECT site_id FROM cohorts WHERE id = ?", {std::stoll(cohort)})}},
      {"conventions", {one(p, "SELECT convention_id FROM convention_parties WHERE organisation_id = ? LIMIT 1", {std::stoll(operator_org)})}},
      {"tracks", {one(p, "SELECT track_id FROM cohorts WHERE id = ?", {std::stoll(cohort)})}},
      {"cohorts", {cohort}},
      {"rounds", {one(p, "SELECT id FROM admission_rounds ORDER BY id LIMIT 1")}},
      {"candidates", {candidate}},
      // A reason is only allowed for an enrolment that ended in a drop-out: one of this cohort if any.
      {"enrolments", {one(p, "SELECT id FROM enrolments WHERE status = 'dropped_out' "
                             "ORDER BY CASE WHEN cohort_id = ? THEN 0 ELSE 1 END, id LIMIT 1",
                          {std::stoll(cohort)})}},
      {"placements", {one(p, "SELECT p.id FROM placements p JOIN enrolments e ON e.candidate_id = p.candidate_id "
                             "JOIN cohorts c ON c.id = e.cohort_id WHERE c.operator_id = ? ORDER BY p.id LIMIT 1",
                          {std::stoll(operator_org)})}},
      {"offers", {one(p, "SELECT id FROM job_offers WHERE employer_id = ? AND status = 'open' ORDER BY id LIMIT 1",
                      {std::stoll(employer_org)})}},
  };
  // Every writable text field of every resource, through the API as a user would.
  std::size_t fields = 0;
  for (const auto& spec : core::all_resources()) {
    nlohmann::json patch = nlohmann::json::object();
    for (const auto& f : spec.fields)
      if (f.writable && f.type == core::FieldType::text) patch[f.name] = kPayload.substr(0, f.max_length);
    if (patch.empty()) continue;
    ASSERT_TRUE(targets.count(spec.name)) << "no target record for " << spec.name;
    for (const auto& id : targets[spec.name]) {
      auto r = c.Patch("/api/v1/" + spec.name + "/" + id, p.auth("admin"), patch.dump(), kJson);
      ASSERT_EQ(r->status, 200) << spec.name << " " << r->body;
      const auto stored = body(r);
      for (auto it = patch.begin(); it != patch.end(); ++it) EXPECT_EQ(stored[it.key()], it.value()) << "stored as typed";
    }
    fields += patch.size();
  }
  EXPECT_GE(fields, 15u);

  // Every page, for every role, with the objects above in its path, and the payload in the query too.
  const auto certificate = one(p, "SELECT id FROM certificates ORDER BY id LIMIT 1");
  const std::map<std::string, std::string> path_ids = {
      {"/candidates/", candidate}, {"/rounds/", targets["rounds"][0]}, {"/cohorts/", cohort},
      {"/certificates/", certificate}, {"/offers/", targets["offers"][0]}};
  const auto code = one(p, "SELECT code FROM certificates WHERE id = ?", {std::stoll(certificate)});
  std::size_t pages = 0, shown = 0;
  for (const auto& route : p.server().router().routes()) {
    if (route.kind != web::Kind::page || route.method != "GET" || route.path == "/lang/{code}") continue;
    std::string path = route.path;
    if (auto pos = path.find("{code}"); pos != std::string::npos) path.replace(pos, 6, code);
    if (auto pos = path.find("{id}"); pos != std::string::npos) {
      for (const auto& [prefix, id] : path_ids)
        if (path.rfind(prefix, 0) == 0) path.replace(pos, 4, id);
      ASSERT_EQ(path.find("{id}"), std::string::npos) << "no object for " << route.path;
    }
    for (const auto& role : kRoles) {
      for (const std::string& query : {std::string(""), "?q=" + httplib::detail::encode_query_param(kPayload)}) {
        auto r = c.Get(path + query, p.auth(role));
        ASSERT_TRUE(r) << path;
        ++pages;
        EXPECT_FALSE(unescaped(r->body)) << path << query << " as " << role << " (" << r->status << ")";
        if (r->body.find("&lt;script&gt;alert(") != std::string::npos) ++shown;
      }
    }
  }
  EXPECT_GE(pages, 200u);
  EXPECT_GE(shown, 30u) << "the payload is shown, escaped, on many pages";
  ::testing::Test::RecordProperty("pages", static_cast<int>(pages));
  std::cout << "[ xss ] " << fields << " text fields, " << pages << " page views, " << shown
            << " of them showing the payload escaped\n";
}

TEST(HostileInput, SqlMetacharactersAreData) {
  auto& p = programme();
  auto c = p.client();
  const auto before = one(p, "SELECT COUNT(*) FROM candidates");
  for (const char* q : {"' OR '1'='1", "'; DROP TABLE candidates; --", "%' OR 1=1 --", "\\' UNION SELECT cin FROM candidates --"}) {
    auto r = c.Get("/api/v1/candidates?q=" + httplib::detail::encode_query_param(q), p.auth("admin"));
    ASSERT_EQ(r->status, 200) << q;
    EXPECT_EQ(body(r)["total"], 0) << q;
  }
  const std::string name = "O'Brien\"); DROP TABLE candidates; --";
  auto created = c.Post("/api/v1/candidates", p.auth("admin"),
                        nlohmann::json{{"cin", "ZZ998877"}, {"first_name", "Robert"}, {"last_name", name},
                                       {"gender", "M"}, {"birth_date", "2001-02-03"}, {"region_code", "01"},
                                       {"education_level", "bac2"}}.dump(),
                        kJson);
  ASSERT_EQ(created->status, 201) << created->body;
  EXPECT_EQ(body(created)["last_name"], name);
  EXPECT_EQ(std::stoll(one(p, "SELECT COUNT(*) FROM candidates")), std::stoll(before) + 1);
  auto found = c.Get("/api/v1/candidates?q=" + httplib::detail::encode_query_param("O'Brien"), p.auth("admin"));
  EXPECT_EQ(body(found)["total"], 1);
}

TEST(HostileInput, StaticFilesDoNotLeadOutOfTheirFolder) {
  auto c = programme().client();
  ASSERT_EQ(c.Get("/static/app.css")->status, 200);
  for (const char* path : {"/static/../CMakeLists.txt", "/static/../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd",
                           "/static/..%2f..%2fetc%2fpasswd", "/static/%2e%2e%2fCMakeLists.txt", "/static//etc/passwd",
                           "/static/....//....//etc/passwd", "/static/%252e%252e/CMakeLists.txt"}) {
    auto r = c.Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_NE(r->status, 200) << path;
    EXPECT_EQ(r->body.find("root:"), std::string::npos) << path;
    EXPECT_EQ(r->body.find("cmake_minimum_required"), std::string::npos) << path;
  }
}

TEST(HostileInput, OversizedBodiesGet413AndMalformedOnesAreNamed) {
  auto& p = programme();
  auto c = p.client();
  const std::string big(web::kMaxJsonBytes + 1, ' ');
  auto r = c.Post("/api/v1/cohorts", p.auth("admin"), big, kJson);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(body(r)["code"], "payload_too_large");
  r = c.Post("/api/v1/imports/candidates", p.auth("admin"), std::string(web::kMaxBodyBytes + 1, 'x'), "text/csv");
  EXPECT_EQ(r->status, 413);

  for (const std::string& bad : {std::string("{"), std::string("[1, 2]"), std::string("{\"a\": 1,}"),
                                 std::string("{\"first_name\": \"\xff\xfe\"}"), std::string("\xef\xbb\xbf{}x"),
                                 std::string(100000, '[')}) {
    r = c.Post("/api/v1/candidates", p.auth("admin"), bad, kJson);
    EXPECT_EQ(r->status, 400) << bad.substr(0, 20);
    EXPECT_EQ(body(r)["code"], "malformed_json");
  }
  // Valid JSON, invalid text: the field is named.
  r = c.Patch("/api/v1/cohorts/1", p.auth("admin"), R"({"name": "bad \u0001 control"})", kJson);
  EXPECT_EQ(r->status, 422);
  // A form with broken UTF-8: the field is named on the page.
  r = c.Post("/organisation", p.auth("employer"), "name=%FF%FEabc&region_code=01", "application/x-www-form-urlencoded");
  EXPECT_EQ(r->status, 422);
  EXPECT_NE(r->body.find("aria-invalid=\"true\""), std::string::npos);
  // A list filter with broken UTF-8.
  r = c.Get("/api/v1/candidates?region=%FF", p.auth("admin"));
  EXPECT_EQ(r->status, 422);
}

TEST(HostileInput, HalfOpenConnectionsDoNotStopTheServerAnsweringOthers) {
  auto& p = programme();
  std::vector<int> slow;
  for (int i = 0; i < 40; ++i) {
    const int fd = raw_connection(p.port());
    ASSERT_GE(fd, 0);
    const std::string start = "GET /api/v1/regions HTTP/1.1\r\nHost: x\r\n";  // headers never finished
    ASSERT_GT(::send(fd, start.data(), start.size(), MSG_NOSIGNAL), 0);
    slow.push_back(fd);
  }
  const auto t0 = std::chrono::steady_clock::now();
  auto c = p.client();
  c.set_connection_timeout(5);
  c.set_read_timeout(5);
  for (int i = 0; i < 10; ++i) {
    auto r = c.Get("/healthz");
    ASSERT_TRUE(r) << "request " << i << " not answered beside 40 half-open connections";
    EXPECT_EQ(r->status, 200);
  }
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_LT(ms, 5000);
  std::cout << "[ slow ] 10 requests answered in " << ms << " ms beside 40 half-open connections\n";
  for (int fd : slow) ::close(fd);
}
