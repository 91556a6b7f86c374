// `jobintech backup` and `jobintech restore`, the restore drill of docs/deployment.md, on the
// suite's backend (SQLite, then PostgreSQL): a backup taken while the server runs, a change made
// after it, the backup restored into a fresh database holds the data of the backup time and not
// the change; a file of the wrong kind is refused and the target left untouched.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "command_line.h"
#include "shared_programme.h"
#include "store/sql.h"
#include "test_database.h"

using jobintech::test::run_command;

namespace {

std::int64_t count(const std::string& url, const std::string& query) {
  jobintech::store::Database db(url, 1);
  auto c = db.connect();
  return jobintech::store::fetch_integer(c.session(), query).value_or(-1);
}

}  // namespace

TEST(Backup, ABackupTakenWhileServingRestoresIntoAFreshDatabaseAsItWas) {
  jobintech::testing::ServedProgramme live(60);
  jobintech::testing::TestDatabase restored("restored");
  const auto file = (restored.dir() / "programme.backup").string();

  const auto candidates = count(live.db_url(), "SELECT COUNT(*) FROM candidates");
  const auto users = count(live.db_url(), "SELECT COUNT(*) FROM users");
  ASSERT_GT(candidates, 0);
  auto r = run_command("backup --db " + live.db_url() + " --out " + file);
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find(restored.postgresql() ? "pg_dump" : "sqlite"), std::string::npos) << r.out;
  EXPECT_GT(std::filesystem::file_size(file), 10'000u);
  EXPECT_FALSE(std::filesystem::exists(file + ".partial"));

  // A change after the backup.
  auto created = live.client().Post("/api/v1/organisations", live.auth("admin"),
                                    R"({"code":"after-backup","name":"Après","kind":"employer","region_code":"01"})",
                                    "application/json");
  ASSERT_EQ(created->status, 201) << created->body;

  r = run_command("restore --db " + restored.url() + " --from " + file);
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(count(restored.url(), "SELECT COUNT(*) FROM candidates"), candidates);
  EXPECT_EQ(count(restored.url(), "SELECT COUNT(*) FROM users"), users);
  EXPECT_EQ(count(restored.url(), "SELECT COUNT(*) FROM organisations WHERE code = 'after-backup'"), 0);
  EXPECT_EQ(count(restored.url(), "SELECT COUNT(*) FROM schema_migrations"),
            count(live.db_url(), "SELECT COUNT(*) FROM schema_migrations"));

  // The restored database serves: migrate finds nothing to do, and its demo admin signs in.
  r = run_command("migrate --db " + restored.url());
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("migrations applied: 0"), std::string::npos) << r.out;
  jobintech::store::Database db(restored.url(), 2);
  jobintech::testing::ServingThread serving(db);
  auto login = serving.client().Post("/api/v1/auth/login",
                                     R"({"email":"admin@jobintech.ma","password":"Demo-Admin-2026"})", "application/json");
  ASSERT_TRUE(login);
  EXPECT_EQ(login->status, 200);
}

TEST(Backup, AFileOfTheWrongKindIsRefusedAndTheTargetLeftAsItWas) {
  jobintech::testing::TestDatabase target("target");
  ASSERT_EQ(run_command("migrate --db " + target.url()).status, 0);
  const auto before = count(target.url(), "SELECT COUNT(*) FROM regions");
  const auto bogus = (target.dir() / "notes.txt").string();
  std::ofstream(bogus) << "this is not a backup\n";
  auto r = run_command("restore --db " + target.url() + " --from " + bogus);
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("notes.txt"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("nothing restored"), std::string::npos) << r.out;
  EXPECT_EQ(count(target.url(), "SELECT COUNT(*) FROM regions"), before);

  r = run_command("restore --db " + target.url() + " --from " + (target.dir() / "absent.backup").string());
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.out.find("absent.backup"), std::string::npos) << r.out;

  r = run_command("backup --db " + target.url() + " --out /no/such/folder/x.backup");
  EXPECT_EQ(r.status, 1) << r.out;
}
