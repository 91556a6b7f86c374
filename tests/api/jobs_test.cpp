// Long jobs across instances (docs/deployment.md): an import is a job with its progress; a second
// job under the same lock is refused while the first runs on another instance, and accepted once
// that instance stopped beating; an instance that restarts releases its jobs; and a server killed
// with -9 in the middle of a large import leaves nothing half-written, the job failed, and the
// import can be run again.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <future>
#include <sstream>

#include "core/date.h"
#include "server_process.h"
#include "shared_programme.h"
#include "store/sql.h"

using namespace jobintech;
using jobintech::testing::body;
using jobintech::testing::programme;

namespace {

std::string organisations_csv(const std::string& prefix, int n) {
  std::string csv = "code,name,kind,region_code\n";
  for (int i = 0; i < n; ++i) csv += prefix + std::to_string(i) + ",Org " + std::to_string(i) + ",employer,01\n";
  return csv;
}

httplib::Result import_organisations(const std::string& csv) {
  return programme().client().Post("/api/v1/imports/organisations", programme().auth("admin"), csv, "text/csv");
}

std::int64_t insert_running_job(const std::string& lock, const std::string& instance, const std::string& heartbeat) {
  auto conn = programme().db().connect();
  return store::fetch_integer(conn.session(),
                              "INSERT INTO jobs (kind, lock_key, status, instance, actor, started_at, heartbeat_at) "
                              "VALUES ('import', ?, 'running', ?, 'elsewhere@jobintech.ma', ?, ?) RETURNING id",
                              {lock, instance, heartbeat, heartbeat})
      .value();
}

}  // namespace

TEST(Jobs, AnImportIsRecordedAsAJobWithItsProgress) {
  auto r = import_organisations(organisations_csv("job-a-", 3));
  ASSERT_EQ(r->status, 200) << r->body;
  auto c = programme().client();
  auto list = c.Get("/api/v1/jobs", programme().auth("admin"));
  ASSERT_EQ(list->status, 200);
  const auto jobs = body(list)["items"];
  ASSERT_FALSE(jobs.empty());
  const auto job = jobs[0];
  EXPECT_EQ(job["kind"], "import");
  EXPECT_EQ(job["lock"], "import:organisations");
  EXPECT_EQ(job["status"], "succeeded");
  EXPECT_EQ(job["done"], 3);
  EXPECT_EQ(job["total"], 3);
  EXPECT_NE(job["outcome"].get<std::string>().find("created=3"), std::string::npos) << job;
  EXPECT_EQ(job["started_by"], "admin@jobintech.ma");

  const std::string path = "/api/v1/jobs/" + std::to_string(job["id"].get<std::int64_t>());
  EXPECT_EQ(c.Get(path, programme().auth("admin"))->status, 200);
  // Another user's job is not hers to see; her own list does not show it.
  EXPECT_EQ(c.Get(path, programme().auth("operator"))->status, 404);
  const auto own = body(c.Get("/api/v1/jobs", programme().auth("operator")));  // bound: items outlive the loop
  for (const auto& j : own["items"]) EXPECT_NE(j["id"], job["id"]);
  EXPECT_EQ(c.Get("/api/v1/jobs/999999", programme().auth("admin"))->status, 404);
  EXPECT_EQ(c.Get("/api/v1/jobs")->status, 401);
}

TEST(Jobs, TheSameLockIsRefusedWhileAnotherInstanceRunsItThenFreedWhenThatInstanceStopsBeating) {
  const auto other = insert_running_job("import:organisations", "web-2:8081", core::now_utc());
  auto r = import_organisations(organisations_csv("job-b-", 2));
  ASSERT_EQ(r->status, 409) << r->body;
  const auto problem = body(r);
  EXPECT_EQ(problem["code"], "job_running");
  EXPECT_EQ(problem["job"]["id"], other);
  EXPECT_EQ(problem["job"]["instance"], "web-2:8081");
  EXPECT_FALSE(r->get_header_value("Retry-After").empty());
  EXPECT_EQ(r->get_header_value("Location"), "/api/v1/jobs/" + std::to_string(other));
  {
    auto conn = programme().db().connect();
    EXPECT_EQ(store::fetch_integer(conn.session(), "SELECT COUNT(*) FROM organisations WHERE code LIKE 'job-b-%'"), 0);
  }
  // Another lock is free meanwhile.
  auto sites = programme().client().Post("/api/v1/imports/sites", programme().auth("admin"),
                                         "code,name,organisation_code,region_code,city\n", "text/csv");
  EXPECT_EQ(sites->status, 422) << sites->body;  // refused for having no rows, not for the lock

  // Its instance stops beating: after kJobStaleAfter the lock is taken over, the old job failed.
  {
    auto conn = programme().db().connect();
    store::execute(conn.session(), "UPDATE jobs SET heartbeat_at = ? WHERE id = ?",
                   {core::timestamp_after_seconds(-3600), other});
  }
  r = import_organisations(organisations_csv("job-b-", 2));
  ASSERT_EQ(r->status, 200) << r->body;
  auto old = body(programme().client().Get("/api/v1/jobs/" + std::to_string(other), programme().auth("admin")));
  EXPECT_EQ(old["status"], "failed");
  EXPECT_NE(old["outcome"].get<std::string>().find("interrupted"), std::string::npos) << old;
}

TEST(Jobs, AnInstanceThatRestartsUnderItsNameReleasesTheJobsItWasRunning) {
  const auto mine = insert_running_job("import:cohorts", "restarting:1", core::now_utc());
  const auto theirs = insert_running_job("import:sites", "still-alive:1", core::now_utc());
  web::ServerOptions options;
  options.instance = "restarting:1";
  web::WebServer restarted(programme().db(), options);
  ASSERT_GT(restarted.bind("127.0.0.1", 0), 0);
  auto conn = programme().db().connect();
  EXPECT_EQ(store::as_text(store::fetch_one(conn.session(), "SELECT status FROM jobs WHERE id = ?", {mine})->at(0)), "failed");
  EXPECT_EQ(store::as_text(store::fetch_one(conn.session(), "SELECT status FROM jobs WHERE id = ?", {theirs})->at(0)),
            "running");
  store::execute(conn.session(), "UPDATE jobs SET status = 'failed' WHERE id = ?", {theirs});
}

// The real server process, killed with -9 while it writes a large import.
TEST(Jobs, AServerKilledDuringALargeImportLeavesNothingHalfWrittenAndTheImportCanBeRunAgain) {
  jobintech::testing::ServedProgramme own(50);  // its own database: the other tests' counts stay as they are
  const std::string url = own.db_url();
  jobintech::testing::ServerProcess server(url, "killed:1");
  auto c = server.client();

  auto count = [&] {
    auto conn = own.db().connect();
    return store::fetch_integer(conn.session(), "SELECT COUNT(*) FROM candidates").value();
  };
  const auto before = count();
  std::ostringstream csv;
  csv << "cin;first_name;last_name;gender;birth_date;region_code;email;phone;education_level\n";
  const int rows = 60'000;
  for (int i = 0; i < rows; ++i)
    csv << "KX" << 100000 + i << ";Salma;Idrissi;F;01/02/2000;0" << (1 + i % 9) << ";k" << i << "@example.ma;0600000000;bac\n";
  const auto token = own.token("admin");
  auto upload = std::async(std::launch::async, [&] {
    auto u = server.client();
    return u.Post("/api/v1/imports/candidates", httplib::Headers{{"Authorization", "Bearer " + token}}, csv.str(), "text/csv");
  });
  // Wait until the job is writing rows, then kill the server.
  std::int64_t job_id = 0;
  bool writing = false;
  for (int i = 0; i < 3000 && !writing; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    auto list = c.Get("/api/v1/jobs", own.auth("admin"));
    if (!list || list->status != 200) continue;
    const auto jobs = body(list);
    for (const auto& j : jobs["items"]) {
      if (j["lock"] != "import:candidates" || j["status"] != "running") continue;
      job_id = j["id"];
      auto one = body(c.Get("/api/v1/jobs/" + std::to_string(job_id), own.auth("admin")));
      writing = one["phase"] == "writing" && one["done"].get<std::int64_t>() > 0;
    }
  }
  ASSERT_TRUE(writing) << "the import never showed progress in its writing phase";
  server.kill_now();
  EXPECT_FALSE(upload.get());  // the connection died with the server
  EXPECT_EQ(count(), before) << "rows of a killed import were left behind";

  server.start();  // the same port and instance name: its job is released at once
  auto job = body(c.Get("/api/v1/jobs/" + std::to_string(job_id), own.auth("admin")));
  EXPECT_EQ(job["status"], "failed") << job;
  auto again = c.Post("/api/v1/imports/candidates", own.auth("admin"), csv.str(), "text/csv");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200) << again->body.substr(0, 300);
  EXPECT_EQ(count(), before + rows);
}
