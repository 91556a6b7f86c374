// `jobintech match` run as the programme office runs it: learners.csv and offers.csv in, the top
// matches out in matches.csv, and a refusal naming the file and line when an input is wrong.
#include <gtest/gtest.h>
#include <unistd.h>

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

// Scores, by hand (score = (2·required matched + nice matched) / (2·required + nice)):
//
//             A (01: python | docker, git)   B (06: sql, python | git)   C (06: excel)   D (01: no skills)
//   1  (06)   0                              2/5 = 0.4                   0               0
//   2  (01)   4/4 = 1                        3/5 = 0.6                   0               0
//   3  (06)   3/4 = 0.75                     5/5 = 1                     0               0
//   4  (06)   0                              0                           1               0
//   7  (06)   2/4 = 0.5                      4/5 = 0.8                   0               0
//   10 (01)   2/4 = 0.5                      4/5 = 0.8                   0               0
//
// Learners 7 and 10 tie everywhere: 7 comes first, ids being compared as numbers.
class Match : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("jobintech-match-" + std::to_string(::getpid()) + "-" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    write("learners.csv",
          "learner_id,region_code,skills\n"
          "3,06,sql;python;git\n"
          "10,01,sql;python\n"
          "1,06,sql\n"
          "2,01,python;git;docker\n"
          "4,06,excel\n"
          "7,06,python;sql\n");
    write("offers.csv",
          "offer_id,region_code,required,nice\n"
          "B,06,sql;python,git\n"
          "A,01,python,docker;git\n"
          "C,06,excel,\n"
          "D,01,,\n");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void write(const std::string& name, const std::string& content) {
    std::ofstream(dir_ / name, std::ios::binary) << content;
  }
  std::string args(const std::string& extra) {
    return "match --learners " + (dir_ / "learners.csv").string() + " --offers " + (dir_ / "offers.csv").string() +
           " --out " + (dir_ / "matches.csv").string() + " " + extra;
  }
  std::string matches() { return slurp(dir_ / "matches.csv"); }
  std::filesystem::path dir_;
};

}  // namespace

TEST_F(Match, TopLearnersForEachOffer) {
  const CommandResult r = run_command(args("--top 2 --direction learners --lang en"));
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("Top 2 learners for each of 4 offers: 5 row(s) written to"), std::string::npos) << r.out;
  EXPECT_EQ(matches(),
            "offer_id,rank,learner_id,score\n"
            "A,1,2,1.000000\n"
            "A,2,3,0.750000\n"
            "B,1,3,1.000000\n"
            "B,2,7,0.800000\n"
            "C,1,4,1.000000\n");
}

TEST_F(Match, TiesGoToTheLowerIdAndTopCountsRows) {
  const CommandResult r = run_command(args("--top 3 --direction learners"));
  ASSERT_EQ(r.status, 0) << r.out;
  // A: 7 and 10 tie at 0.5 for the third place; B: they tie at 0.8 for the second and third.
  EXPECT_EQ(matches(),
            "offer_id,rank,learner_id,score\n"
            "A,1,2,1.000000\nA,2,3,0.750000\nA,3,7,0.500000\n"
            "B,1,3,1.000000\nB,2,7,0.800000\nB,3,10,0.800000\n"
            "C,1,4,1.000000\n");
  ASSERT_EQ(run_command(args("--top 1 --direction learners")).status, 0);
  EXPECT_EQ(matches(), "offer_id,rank,learner_id,score\nA,1,2,1.000000\nB,1,3,1.000000\nC,1,4,1.000000\n");
}

TEST_F(Match, TopOffersForEachLearner) {
  const CommandResult r = run_command(args("--top 2 --direction offers --lang en"));
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("Top 2 offers for each of 6 learners: 10 row(s) written to"), std::string::npos) << r.out;
  EXPECT_EQ(matches(),
            "learner_id,rank,offer_id,score\n"
            "1,1,B,0.400000\n"
            "2,1,A,1.000000\n2,2,B,0.600000\n"
            "3,1,B,1.000000\n3,2,A,0.750000\n"
            "4,1,C,1.000000\n"
            "7,1,B,0.800000\n7,2,A,0.500000\n"
            "10,1,B,0.800000\n10,2,A,0.500000\n");
}

TEST_F(Match, SameRegionKeepsPairsOfOneRegion) {
  CommandResult r = run_command(args("--top 2 --direction learners --same-region"));
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(matches(),
            "offer_id,rank,learner_id,score\n"
            "A,1,2,1.000000\nA,2,10,0.500000\n"
            "B,1,3,1.000000\nB,2,7,0.800000\n"
            "C,1,4,1.000000\n");
  r = run_command(args("--top 5 --direction offers --same-region"));
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(matches(),
            "learner_id,rank,offer_id,score\n"
            "1,1,B,0.400000\n2,1,A,1.000000\n3,1,B,1.000000\n4,1,C,1.000000\n7,1,B,0.800000\n10,1,A,0.500000\n");
}

TEST_F(Match, ScoresHaveSixDecimalsAndExplanationsOnRequest) {
  write("learners.csv", "learner_id,region_code,skills\nx,R,sql\ny,R,git\nz,R,sql;git\n");
  write("offers.csv", "offer_id,region_code,required,nice\no,R,sql,git;docker\n");
  const CommandResult r = run_command(args("--top 10 --direction learners --explain"));
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(matches(),
            "offer_id,rank,learner_id,score,required_matched,required_missing,nice_matched\n"
            "o,1,z,0.750000,sql,,git\n"
            "o,2,x,0.500000,sql,,\n"
            "o,3,y,0.250000,,sql,git\n");
  write("offers.csv", "offer_id,region_code,required,nice\no,R,sql,git\n");
  ASSERT_EQ(run_command(args("--top 10 --direction learners")).status, 0);
  EXPECT_EQ(matches(), "offer_id,rank,learner_id,score\no,1,z,1.000000\no,2,x,0.666667\no,3,y,0.333333\n");
}

TEST_F(Match, ThreadsDoNotChangeTheResultAndStatsAreShown) {
  ASSERT_EQ(run_command(args("--top 3 --direction offers --threads 1")).status, 0);
  const std::string one = matches();
  const CommandResult r = run_command(args("--top 3 --direction offers --threads 3 --stats"));
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(matches(), one);
  for (const char* line : {"read: ", "index: ", "matching: ", "write: ", "pairs with score > 0: 10\n", "peak memory: "})
    EXPECT_NE(r.out.find(line), std::string::npos) << line << " in " << r.out;
}

TEST_F(Match, MalformedFilesAreNamedAndNothingIsWritten) {
  write("offers.csv",
        "offer_id,region_code,required,nice\n"
        "B,06,sql;python,git\n"
        "A,01,python,docker;python\n"  // line 3: python both required and nice
        "C,06,excel\n"                 // line 4: a field missing
        "B,01,git,\n");                // line 5: B again
  CommandResult r = run_command(args("--top 2 --direction learners --lang en"));
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("offers.csv: line 3, column nice : Skill \"python\" is both required and nice-to-have"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("offers.csv: line 4 : Wrong number of columns (expected 4, got 3)."), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("offers.csv: line 5, column offer_id : Duplicate of line 2."), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Matching refused: 3 error(s). No file was written."), std::string::npos) << r.out;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "matches.csv"));

  write("learners.csv", "learner_id,skills\n1,sql\n");
  r = run_command(args("--top 2 --direction learners"));
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("learners.csv: ligne 1, colonne region_code"), std::string::npos) << r.out;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "matches.csv"));

  // A direction that does not exist, or no --top: refused before reading anything.
  EXPECT_NE(run_command(args("--top 2 --direction both")).status, 0);
  EXPECT_NE(run_command(args("--direction learners")).status, 0);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "matches.csv"));
}
