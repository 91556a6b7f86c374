// The command line, run as a user runs it: the real binary, a real SQLite file, exit codes and
// the one-line messages on stderr.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "command_line.h"
#include "store/sql.h"
#include "test_database.h"

namespace {

using namespace jobintech;

using test::run_command;

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("jobintech-cli-" + std::to_string(::getpid()) + "-" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string file(const std::string& name, const std::string& content) {
    auto path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
  std::filesystem::path dir_;
  jobintech::testing::TestDatabase database_{"cli"};
  const std::string db_ = database_.url();
};

}  // namespace

TEST_F(Cli, HelpOnEveryCommand) {
  for (const char* cmd : {"", "serve", "migrate", "demo", "user add", "import", "export", "allocate"}) {
    auto r = run_command(std::string(cmd) + " --help");
    EXPECT_EQ(r.status, 0) << cmd;
    EXPECT_NE(r.out.find("--"), std::string::npos) << cmd;
  }
}

TEST_F(Cli, MigrateDemoImportExportUser) {
  auto r = run_command("migrate --db " + db_);
  ASSERT_EQ(r.status, 0) << r.out;
  r = run_command("migrate --db " + db_);
  EXPECT_NE(r.out.find("migrations applied: 0, reference rows changed: 0"), std::string::npos) << r.out;

  r = run_command("demo --db " + db_ + " --candidates 200 --seed 3");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("200 candidates"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("admin@jobintech.ma"), std::string::npos);
  r = run_command("demo --db " + db_);
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.out.find("already holds"), std::string::npos);
  EXPECT_EQ(run_command("demo --if-empty --db " + db_).status, 0);

  const auto good = file("orgs.csv", "code;name;kind;region_code\nemp-cli;Entreprise CLI;employer;06\n");
  r = run_command("import --db " + db_ + " --kind organisations " + good);
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("1 créées"), std::string::npos) << r.out;

  const auto bad = file("bad.csv", "code;name;kind;region_code\nemp-cli-2;X;bank;06\n");
  r = run_command("import --db " + db_ + " --kind organisations " + bad);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("ligne 2"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("kind"), std::string::npos) << r.out;

  const auto out = (dir_ / "orgs.xlsx").string();
  r = run_command("export --db " + db_ + " --kind organisations --format xlsx --out " + out);
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_GT(std::filesystem::file_size(out), 1000u);

  r = run_command("user add --db " + db_ + " --email staff@op.ma --role operator --organisation nope --password-stdin", "Long-enough-pass");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("organisation"), std::string::npos) << r.out;
  r = run_command("user add --db " + db_ + " --email staff@op.ma --role admin --password-stdin", "short");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("password"), std::string::npos) << r.out;
  r = run_command("user add --db " + db_ + " --email staff@op.ma --role admin --password-stdin", "Long-enough-pass");
  EXPECT_EQ(r.status, 0) << r.out;
}

TEST_F(Cli, FailuresAreOneClearLine) {
  auto r = run_command("migrate");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.out.find("--db"), std::string::npos) << r.out;
  r = run_command("migrate --db /no/such/folder/x.db");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.out.find("/no/such/folder"), std::string::npos) << r.out;
  r = run_command("import --db " + db_ + " --kind candidates /no/such.csv");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.out.find("/no/such.csv"), std::string::npos);
}

TEST_F(Cli, DatabaseFromEnvironment) {
  setenv("JOBINTECH_DB", db_.c_str(), 1);
  auto r = run_command("migrate");
  unsetenv("JOBINTECH_DB");
  EXPECT_EQ(r.status, 0) << r.out;
  store::Database db(db_, 1);
  auto c = db.connect();
  EXPECT_GE(store::fetch_integer(c.session(), "SELECT COUNT(*) FROM schema_migrations").value_or(0), 7);
}
