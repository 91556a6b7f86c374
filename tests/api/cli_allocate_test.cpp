// `jobintech allocate` run as the programme office or an auditor runs it: three CSV files in, the
// assignments and cut-offs out, and a refusal naming the file and line when an input is wrong.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "command_line.h"

namespace {

using jobintech::test::CommandResult;
using jobintech::test::run_command;

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class Allocate : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("jobintech-allocate-" + std::to_string(::getpid()) + "-" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    write("candidates.csv",
          "candidate_id,region_code,gender,lottery\n"
          "1,01,F,5\n2,01,M,3\n3,02,F,9\n4,02,M,1\n5,01,M,2\n6,02,M,7\n");
    // A: 1 open seat and 1 for women; B: 1 open seat and 1 for residents of region 02.
    write("cohorts.csv",
          "cohort_id,region_code,capacity,reserved_women,reserved_local\n"
          "A,01,2,1,0\nB,02,2,0,1\n");
    write("applications.csv",
          "candidate_id,cohort_id,rank,score\n"
          "1,A,1,70\n2,A,1,80\n3,A,1,75.5\n3,B,2,60\n4,A,1,90\n4,B,2,50\n5,B,1,65\n6,B,1,64\n2,B,2,99\n");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void write(const std::string& name, const std::string& content) {
    std::ofstream(dir_ / name, std::ios::binary) << content;
  }
  std::string args(const std::string& extra = "") {
    return "allocate --candidates " + (dir_ / "candidates.csv").string() + " --cohorts " +
           (dir_ / "cohorts.csv").string() + " --applications " + (dir_ / "applications.csv").string() + " --out " +
           (dir_ / "out").string() + " " + extra;
  }
  std::filesystem::path dir_;
};

}  // namespace

TEST_F(Allocate, WritesAssignmentsAndCutoffs) {
  const CommandResult r = run_command(args("--stats"));
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("engine:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("proposals: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("peak memory:"), std::string::npos) << r.out;
  // A takes 4 (90) on its open seat and 3, the best woman, on its women seat; 2 (80) then goes to
  // B, where he outscores 5 on the open seat, and the local seat goes to 6, a resident of 02.
  EXPECT_EQ(slurp(dir_ / "out" / "assignments.csv"),
            "candidate_id,cohort_id,seat\n1,,\n2,B,open\n3,A,women\n4,A,open\n5,,\n6,B,local\n");
  EXPECT_EQ(slurp(dir_ / "out" / "cutoffs.csv"),
            "cohort_id,seat,filled,last_score\n"
            "A,open,1,90\nA,women,1,75.5\nA,local,0,\n"
            "B,open,1,99\nB,women,0,\nB,local,1,64\n");
}

TEST_F(Allocate, PrecedenceChangesWhoTakesTheReservedSeat) {
  // At A (1 open seat, 1 for women) the best applicant is a woman. Open seats first: she takes the
  // open seat and leaves the women seat to the next woman (3). Women seats first: she uses up the
  // women seat, the open seat goes to the man (4) and 3 falls back to B's local seat.
  write("applications.csv",
        "candidate_id,cohort_id,rank,score\n"
        "1,A,1,95\n3,A,1,75.5\n3,B,2,60\n4,A,1,90\n4,B,2,50\n5,B,1,65\n");
  CommandResult r = run_command(args());
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(slurp(dir_ / "out" / "assignments.csv"),
            "candidate_id,cohort_id,seat\n1,A,open\n2,,\n3,A,women\n4,B,local\n5,B,open\n6,,\n");
  r = run_command(args("--precedence women,open,local"));
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(slurp(dir_ / "out" / "assignments.csv"),
            "candidate_id,cohort_id,seat\n1,A,women\n2,,\n3,B,local\n4,A,open\n5,B,open\n6,,\n");
  r = run_command(args("--precedence open,women --lang en"));
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.out.find("Invalid precedence"), std::string::npos) << r.out;
}

TEST_F(Allocate, BadRowsAreNamedAndNothingIsWritten) {
  write("applications.csv",
        "candidate_id,cohort_id,rank,score\n"
        "1,A,1,70\n"
        "2,A,1,abc\n"   // line 3: score
        "9,A,1,50\n"    // line 4: unknown candidate
        "3,Z,1,50\n"    // line 5: unknown cohort
        "4,A,0,50\n");  // line 6: rank below 1
  const CommandResult r = run_command(args("--lang en"));
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("applications.csv: line 3, column score"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("applications.csv: line 4, column candidate_id : Unknown reference: 9"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("applications.csv: line 5, column cohort_id : Unknown reference: Z"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("applications.csv: line 6, column rank"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("No file was written"), std::string::npos) << r.out;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "out"));
}

TEST_F(Allocate, DuplicateRankAndReserveOverCapacityAreRefused) {
  write("applications.csv", "candidate_id,cohort_id,rank,score\n1,A,1,70\n1,B,1,60\n");
  CommandResult r = run_command(args("--lang en"));
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(
      r.out.find("applications.csv: line 3, column rank : This rank is already given by this candidate on line 2"),
      std::string::npos)
      << r.out;

  write("cohorts.csv",
        "cohort_id,region_code,capacity,reserved_women,reserved_local\nA,01,2,2,1\nB,02,2,0,1\nB,01,3,0,0\n");
  r = run_command(args("--lang en"));
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("cohorts.csv: line 2, column reserved_women : The reserved places exceed the capacity"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("cohorts.csv: line 4, column cohort_id : Duplicate of line 3"), std::string::npos) << r.out;

  write("cohorts.csv", "cohort_id,region_code,capacity\nA,01,2\n");
  r = run_command(args("--lang en"));
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("cohorts.csv: line 1, column reserved_women"), std::string::npos) << r.out;

  write("cohorts.csv", "cohort_id,region_code,capacity,reserved_women,reserved_local\nA,01,2,1,0\nB,02,2,0,1\n");
  write("candidates.csv", "candidate_id,region_code,gender,lottery\n1,01,X,5\n1,01,F,3\n");
  r = run_command(args("--lang fr"));
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("candidates.csv: ligne 2, colonne gender"), std::string::npos) << r.out;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "out"));
}

TEST_F(Allocate, ExcelStyleFilesAreRead) {
  // Semicolons, decimal commas, CRLF and a BOM: what French Excel writes.
  write(
      "applications.csv",
      "\xEF\xBB\xBF"
      "candidate_id;cohort_id;rank;score\r\n"
      "1;A;1;70\r\n2;A;1;80\r\n3;A;1;75,5\r\n3;B;2;60\r\n4;A;1;90\r\n4;B;2;50\r\n5;B;1;65\r\n6;B;1;64\r\n2;B;2;99\r\n");
  const CommandResult r = run_command(args());
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(slurp(dir_ / "out" / "cutoffs.csv").find("A,women,1,75.5\n"), std::string::npos);
}

TEST_F(Allocate, CohortIdsWithCommasAreQuotedInTheOutputs) {
  write("cohorts.csv", "cohort_id;region_code;capacity;reserved_women;reserved_local\n\"A,1\";01;2;1;0\nB;02;2;0;1\n");
  write("applications.csv", "candidate_id;cohort_id;rank;score\n1;\"A,1\";1;70\n2;B;1;60\n");
  const CommandResult r = run_command(args());
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(slurp(dir_ / "out" / "assignments.csv"),
            "candidate_id,cohort_id,seat\n1,\"A,1\",open\n2,B,open\n3,,\n4,,\n5,,\n6,,\n");
  EXPECT_NE(slurp(dir_ / "out" / "cutoffs.csv").find("\"A,1\",women,0,\n"), std::string::npos);
}

// Found by fuzzing (fuzz/regressions/allocation_files_fuzz/): each is named, and nothing is written.
TEST_F(Allocate, FuzzFindingsAreRefusedWithTheirLine) {
  // An absurd capacity would have the engine reserve gigabytes before seating anyone.
  write("cohorts.csv", "cohort_id,region_code,capacity,reserved_women,reserved_local\nA,01,200000000,0,0\n");
  CommandResult r = run_command(args("--lang en"));
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("cohorts.csv: line 2, column capacity"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("10000"), std::string::npos) << r.out;
  // Candidate ids far apart: an unknown id near the largest integer was looked up with a signed overflow.
  write("cohorts.csv", "cohort_id,region_code,capacity,reserved_women,reserved_local\nA,01,2,1,0\n");
  write("candidates.csv", "candidate_id,region_code,gender,lottery\n-4,01,F,7\n");
  write("applications.csv", "candidate_id,cohort_id,rank,score\n9223372036854775807,A,1,0\n");
  r = run_command(args("--lang en"));
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("applications.csv: line 2, column candidate_id"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("runtime error"), std::string::npos) << r.out;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "out"));
}
