// Prepared statements only (docs/security.md): every value reaches SQL as a "?" parameter. SQL text
// is only ever assembled from string literals and from fragments the code itself builds: column
// lists, table and column names from the resource specifications, "?" placeholders and WHERE
// clauses made of them. This test reads every source file and finds each SQL literal joined with
// "+" to something else; that something must be one of the fragments below, each checked by hand.
// A new concatenation fails the build until it is reviewed and named here: so a user's text
// cannot slip into a statement by accident.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <set>
#include <sstream>

namespace {

// Reviewed: each is built from constants of the code, never from a request or a file's content.
const std::set<std::string>& reviewed_fragments() {
  static const std::set<std::string> s = {
      // WHERE/SET clauses and lists assembled from literals and "?" placeholders
      "where", "sets", "marks", "order", "cols", "select_cols", "columns", "key_columns", "extra", "scope",
      "placeholders(skills.size())", "placeholders(ids.size())", "placeholders(candidate_ids.size())",
      // table and column names from core::ResourceSpec, migrations or import layouts (code constants)
      "table", "t.table", "t.from", "link.table", "link.owner_column", "link.value_column", "link.ref_table",
      "ref->second.second", "link->second.code_table", "spec_.key", "layout.table))", "table))", "name", "cohorts",
      "select_list()", "name_column(lang)", "due_from(operator_id.has_value())",
      // constant column lists and sub-queries
      "std::string(kContactColumns)", "kPoolColumns", "kColumns", "kGraduated", "kRoundColumns", "kRunColumns",
      "kLearnerColumns", "kCohortColumns", "kUserColumns", "kUserFrom", "kCertificateColumns", "kValidated",
      "kConsenting", "kDeclared",
      // an error message, not SQL sent to the server
      "error)"};
  return s;
}

const std::regex kSqlWord(R"(\b(SELECT|INSERT|UPDATE|DELETE|WHERE|FROM|ORDER BY|JOIN|VALUES|SET|LIMIT|GROUP BY|CREATE|ALTER|DROP|COPY)\b)");
const std::string kLiteral = R"("(?:[^"\\]|\\.)*")";
const std::regex kLiteralThenName(kLiteral + R"(\s*\+\s*([A-Za-z_][\w:.\->()\[\]]*))");
const std::regex kNameThenLiteral(R"(([A-Za-z_][\w:.\->()\[\]]*)\s*\+\s*()" + kLiteral + ")");

bool is_sql(const std::string& literal) { return std::regex_search(literal, kSqlWord); }

}  // namespace

TEST(SqlBuilding, OnlyReviewedFragmentsAreJoinedToSqlText) {
  std::vector<std::string> unreviewed;
  std::size_t files = 0, joins = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(std::string(JOBINTECH_SOURCE_DIR) + "/src")) {
    const auto path = entry.path().string();
    if (entry.path().extension() != ".cpp" || path.ends_with("_test.cpp")) continue;
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    const std::string s = text.str();
    ++files;
    for (auto it = std::sregex_iterator(s.begin(), s.end(), kLiteralThenName); it != std::sregex_iterator(); ++it) {
      const std::string whole = (*it)[0];
      if (!is_sql(whole.substr(0, whole.rfind('+')))) continue;
      ++joins;
      if (!reviewed_fragments().count((*it)[1])) unreviewed.push_back(path + ": ... + " + (*it)[1].str());
    }
    for (auto it = std::sregex_iterator(s.begin(), s.end(), kNameThenLiteral); it != std::sregex_iterator(); ++it) {
      if (!is_sql((*it)[2])) continue;
      ++joins;
      if (!reviewed_fragments().count((*it)[1])) unreviewed.push_back(path + ": " + (*it)[1].str() + " + ...");
    }
  }
  std::cout << "[ sql ] " << joins << " joins of SQL text in " << files << " source files, " << unreviewed.size()
            << " unreviewed\n";
  EXPECT_GT(files, 100u);
  EXPECT_GT(joins, 50u) << "the scan finds the joins it is meant to find";
  for (const auto& u : unreviewed) ADD_FAILURE() << "SQL text joined with an unreviewed fragment: " << u;
}

TEST(SqlBuilding, TheScanCatchesAValueJoinedIntoSql) {
  const std::string bad = R"(execute(sql, "SELECT id FROM candidates WHERE cin = '" + cin + "'");)";
  std::smatch m;
  ASSERT_TRUE(std::regex_search(bad, m, kLiteralThenName));
  EXPECT_EQ(m[1].str(), "cin");
  EXPECT_FALSE(reviewed_fragments().count(m[1].str()));
}
