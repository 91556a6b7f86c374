// Tests of the files of `jobintech match` (app/match_files.h): the order of opaque ids, reading and
// checking learners.csv and offers.csv, writing matches.csv. The command itself is tested end to
// end in tests/api/cli_match_test.cpp.
#include "app/match_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace jobintech::app {
namespace {

class MatchFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("jobintech-match-files-" + std::to_string(::getpid()) + "-" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& content) {
    std::ofstream(dir_ / name, std::ios::binary) << content;
    return (dir_ / name).string();
  }
  std::string read(const std::string& name) {
    std::ifstream in(dir_ / name, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
  std::filesystem::path dir_;
};

std::vector<std::string> codes(const LoadedMatch& loaded, const std::vector<matching::SkillId>& skills) {
  std::vector<std::string> out;
  for (matching::SkillId s : skills) out.push_back(loaded.skills.code(s));
  return out;
}

std::string issue_text(const MatchInputIssue& i) {
  return i.file + ":" + std::to_string(i.line) + ":" + i.error.field + ":" + i.error.code;
}

TEST(MatchFilesIdOrder, NumbersByValueThenTextByBytes) {
  std::vector<std::string> ids{"OF-10", "10", "9", "0011", "OF-9", "b", "A", "07", "7", "1x", "0"};
  std::sort(ids.begin(), ids.end(), [](const std::string& a, const std::string& b) { return id_before(a, b); });
  EXPECT_EQ(ids, (std::vector<std::string>{"0", "07", "7", "9", "10", "0011", "1x", "A", "OF-10", "OF-9", "b"}));
  EXPECT_FALSE(id_before("5", "5"));
  EXPECT_TRUE(id_before("99999999999999999999", "100000000000000000000"));  // past 64 bits, still by value
}

TEST_F(MatchFilesTest, ReadsProfilesSortedById) {
  const std::string learners = write("learners.csv",
                                     "learner_id,region_code,skills\n"
                                     "10,06,python; sql;python;\n"
                                     "9,01,\n"
                                     "002, 06 ,git;sql\n");
  // French Excel: ';' separators, so the lists are quoted; a BOM; CRLF; columns in another order.
  const std::string offers = write("offers.csv",
                                   "\xEF\xBB\xBF"
                                   "region_code;nice;offer_id;required\r\n"
                                   "06;\"git\";OF-2;\"sql;python\"\r\n"
                                   "01;;OF-10;docker\r\n");
  const LoadedMatch loaded = load_match_files({learners, offers});
  ASSERT_TRUE(loaded.issues.empty()) << issue_text(loaded.issues.front());
  EXPECT_EQ(loaded.learner_ids, (std::vector<std::string>{"002", "9", "10"}));
  EXPECT_EQ(loaded.offer_ids, (std::vector<std::string>{"OF-10", "OF-2"}));
  // Skill ids follow the codes' order: docker, git, python, sql.
  ASSERT_EQ(loaded.skills.size(), 4U);
  EXPECT_EQ(loaded.skills.code(0), "docker");
  EXPECT_EQ(codes(loaded, loaded.learners[0].skills), (std::vector<std::string>{"git", "sql"}));
  EXPECT_TRUE(loaded.learners[1].skills.empty());
  EXPECT_EQ(codes(loaded, loaded.learners[2].skills), (std::vector<std::string>{"python", "sql"}));
  EXPECT_EQ(codes(loaded, loaded.offers[1].required), (std::vector<std::string>{"python", "sql"}));
  EXPECT_EQ(codes(loaded, loaded.offers[1].nice), (std::vector<std::string>{"git"}));
  EXPECT_TRUE(loaded.offers[0].nice.empty());
  // Regions are compared by code: learners 002 and 10 and offer OF-2 are all in 06.
  EXPECT_EQ(loaded.learners[0].region, loaded.learners[2].region);
  EXPECT_EQ(loaded.learners[0].region, loaded.offers[1].region);
  EXPECT_NE(loaded.learners[0].region, loaded.learners[1].region);
  EXPECT_EQ(loaded.region_codes[loaded.offers[0].region], "01");
}

TEST_F(MatchFilesTest, ReportsEveryProblemWithItsLine) {
  const std::string learners = write("learners.csv",
                                     "learner_id,region_code,skills\n"
                                     "1,06,python\n"
                                     ",06,sql\n"         // 3: empty id
                                     "2,,sql\n"          // 4: empty region
                                     "1,01,git\n"        // 5: duplicate of line 2
                                     "3,01,git,extra\n"  // 6: one field too many
                                     "4,01,\"git\n");    // 7: a quote never closed
  const std::string offers = write("offers.csv",
                                   "offer_id,region_code,required,nice\n"
                                   "OF-1,06,sql;git,python;git\n");  // 2: git in both lists
  const LoadedMatch loaded = load_match_files({learners, offers});
  std::vector<std::string> found;
  for (const MatchInputIssue& i : loaded.issues) found.push_back(issue_text(i));
  EXPECT_EQ(found, (std::vector<std::string>{
                       "learners.csv:3:learner_id:required", "learners.csv:4:region_code:required",
                       "learners.csv:5:learner_id:duplicate_in_file", "learners.csv:6::csv_field_count",
                       "learners.csv:7::csv_unterminated_quote", "offers.csv:2:nice:match.skill_in_both_lists"}));
  EXPECT_EQ(loaded.issues[2].error.params.at("line"), "2");
  EXPECT_EQ(loaded.issues[5].error.params.at("skill"), "git");
  EXPECT_TRUE(loaded.learners.empty());
  EXPECT_TRUE(loaded.offers.empty());
}

TEST_F(MatchFilesTest, MissingColumnsAndCapOnIssues) {
  const std::string learners = write("learners.csv", "learner_id,skills\n1,python\n");
  std::string rows = "offer_id,region_code,required,nice\n";
  for (int i = 0; i < 150; ++i) rows += ",06,sql,\n";
  const std::string offers = write("offers.csv", rows);
  const LoadedMatch loaded = load_match_files({learners, offers}, 100);
  ASSERT_EQ(loaded.issues.size(), 100U);
  EXPECT_EQ(issue_text(loaded.issues[0]), "learners.csv:1:region_code:missing_column");
  EXPECT_EQ(issue_text(loaded.issues[1]), "offers.csv:2:offer_id:required");
  EXPECT_THROW(load_match_files({(dir_ / "absent.csv").string(), offers}), std::runtime_error);
}

TEST_F(MatchFilesTest, WritesRankingsGroupedByIdWithSixDecimals) {
  const LoadedMatch loaded =
      load_match_files({write("learners.csv", "learner_id,region_code,skills\nL\"1,06,sql;git\nL2,06,sql\n"),
                        write("offers.csv", "offer_id,region_code,required,nice\nA,06,sql;python,git\nB,06,git,\n")});
  ASSERT_TRUE(loaded.issues.empty());
  // Rankings as the engine gives them: for offer A, L"1 (3/5) then L2 (2/5); for B, L"1.
  const std::vector<std::vector<matching::Ranked>> rankings{{{0, 0.6}, {1, 0.4}}, {{0, 1.0}}};
  const std::string out = (dir_ / "matches.csv").string();
  EXPECT_EQ(write_matches(loaded, MatchDirection::learners, rankings, out), 3U);
  EXPECT_EQ(read("matches.csv"),
            "offer_id,rank,learner_id,score\n"
            "A,1,\"L\"\"1\",0.600000\n"
            "A,2,L2,0.400000\n"
            "B,1,\"L\"\"1\",1.000000\n");
  EXPECT_FALSE(std::filesystem::exists(out + ".tmp"));
  write_matches(loaded, MatchDirection::learners, rankings, out, true);
  EXPECT_EQ(read("matches.csv"),
            "offer_id,rank,learner_id,score,required_matched,required_missing,nice_matched\n"
            "A,1,\"L\"\"1\",0.600000,sql,python,git\n"
            "A,2,L2,0.400000,sql,python,\n"
            "B,1,\"L\"\"1\",1.000000,git,,\n");
  // The other direction: one ranking per learner.
  EXPECT_EQ(write_matches(loaded, MatchDirection::offers, {{{1, 1.0}, {0, 0.6}}, {}}, out), 2U);
  EXPECT_EQ(read("matches.csv"), "learner_id,rank,offer_id,score\n\"L\"\"1\",1,B,1.000000\n\"L\"\"1\",2,A,0.600000\n");
  EXPECT_THROW(write_matches(loaded, MatchDirection::offers, rankings, (dir_ / "no" / "such" / "dir.csv").string()),
               std::runtime_error);
}

}  // namespace
}  // namespace jobintech::app
