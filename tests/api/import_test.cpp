// Imports through the API: what Excel writes is accepted, a bad file is reported line by line
// and leaves the database untouched, re-importing changes nothing, exports round-trip.
#include <set>

#include "shared_programme.h"
#include "store/sql.h"

namespace jobintech::testing {

namespace {

httplib::Result import(const std::string& kind, const std::string& csv, const std::string& role = "admin") {
  return programme().client().Post("/api/v1/imports/" + kind, programme().auth(role), csv, "text/csv");
}

std::int64_t count(const std::string& table) {
  auto conn = programme().db().connect();
  return *store::fetch_integer(conn.session(), "SELECT COUNT(*) FROM " + table);
}

const std::string kCandidatesCsv =
    "cin;first_name;last_name;gender;birth_date;region_code;email;phone;education_level\r\n"
    "ZZ900001;Salma;Idrissi;F;03/04/2001;12;salma.idrissi@example.ma;0612345678;bac3\r\n"
    "ZZ900002;Youssef;\"Ait Ali; fils\";M;1999-11-20;09;;+212 6 61 22 33 44;bac5\r\n"
    "ZZ900003;Imane;Tazi;F;2000-01-31;6;imane.tazi@example.ma;;bac2\r\n";

}  // namespace

TEST(Import, ExcelFrenchCsvIsImportedAndReimportChangesNothing) {
  const auto before = count("candidates");
  auto res = import("candidates", kCandidatesCsv);
  ASSERT_EQ(res->status, 200) << res->body;
  auto b = body(res);
  EXPECT_EQ(b["created"], 3);
  EXPECT_EQ(b["separator"], ";");
  EXPECT_EQ(count("candidates"), before + 3);

  auto again = body(import("candidates", kCandidatesCsv));
  EXPECT_EQ(again["created"], 0);
  EXPECT_EQ(again["updated"], 0);
  EXPECT_EQ(again["unchanged"], 3);
  EXPECT_EQ(count("candidates"), before + 3);

  auto list = body(programme().client().Get("/api/v1/candidates?q=ZZ900002", programme().auth("admin")));
  ASSERT_EQ(list["total"], 1);
  EXPECT_EQ(list["items"][0]["last_name"], "Ait Ali; fils");
  EXPECT_EQ(list["items"][0]["phone"], "+212661223344");
}

TEST(Import, Windows1252FileIsDetectedAndConverted) {
  // "Fès" and "Béni" in Windows-1252, as French Excel's "CSV (point-virgule)" writes them.
  std::string csv = "code;name;kind;region_code\r\nemp-cafe-fes;Caf\xE9 Num\xE9rique F\xE8s;employer;03\r\n";
  auto res = import("organisations", csv);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(body(res)["encoding"], "Windows-1252");
  auto org = body(programme().client().Get("/api/v1/organisations?q=emp-cafe-fes", programme().auth("admin")));
  EXPECT_EQ(org["items"][0]["name"], "Café Numérique Fès");
}

TEST(Import, BadFileIsReportedLineByLineAndNothingIsWritten) {
  const auto before = count("candidates");
  const std::string csv =
      "cin,first_name,last_name,gender,birth_date,region_code,email,phone,education_level\n"
      "ZZ910001,Nadia,Bennani,F,2001-04-03,04,nadia@example.ma,0612345678,bac3\n"
      "123,Omar,Alaoui,M,2001-04-03,04,,0612345678,bac3\n"
      "ZZ910003,Hiba,Chraibi,X,2001-02-30,13,hiba@,06123,master\n"
      "ZZ910001,Nadia,Bennani,F,2001-04-03,04,,,bac3\n";
  auto res = import("candidates", csv);
  ASSERT_EQ(res->status, 422);
  auto b = body(res);
  EXPECT_FALSE(b["applied"].get<bool>());
  std::set<std::pair<int, std::string>> seen;
  for (const auto& e : b["errors"]) {
    seen.insert({e["line"].get<int>(), e["column"].get<std::string>()});
    EXPECT_FALSE(e["message"].get<std::string>().empty());
  }
  EXPECT_TRUE(seen.count({3, "cin"}));
  for (const char* col : {"gender", "birth_date", "region_code", "email", "phone", "education_level"})
    EXPECT_TRUE(seen.count({4, col})) << col;
  EXPECT_TRUE(seen.count({5, "cin"}));  // duplicate of line 2
  EXPECT_EQ(count("candidates"), before);
}

TEST(Import, HeaderProblemsAreNamed) {
  auto b = body(import("cohorts", "code,track_code,colour\nx,data,red\n"));
  std::set<std::string> columns;
  for (const auto& e : b["errors"]) columns.insert(e["column"]);
  EXPECT_TRUE(columns.count("site_code"));
  EXPECT_TRUE(columns.count("colour"));
  b = body(import("cohorts", "code;track_code\n\"unterminated;data\n"));
  EXPECT_FALSE(b["applied"].get<bool>());
  EXPECT_EQ(import("nonsense", "a\n1\n")->status, 404);
}

TEST(Import, OperatorsImportOnlyIntoTheirOwnCohorts) {
  auto& p = programme();
  auto c = p.client();
  auto mine = body(c.Get("/api/v1/cohorts?limit=1", p.auth("operator")))["items"][0];
  auto all = body(c.Get("/api/v1/cohorts?limit=500", p.auth("admin")))["items"];
  std::string foreign;
  for (const auto& x : all)
    if (x["operator_code"] != mine["operator_code"]) foreign = x["code"];
  ASSERT_EQ(import("candidates", kCandidatesCsv)->status, 200);
  std::string csv = "cin;cohort_code;rank;score\nZZ900001;" + mine["code"].get<std::string>() + ";1;71,5\n";
  auto ok = import("applications", csv, "operator");
  ASSERT_EQ(ok->status, 200) << ok->body;
  auto apps = body(c.Get("/api/v1/applications?cohort=" + mine["code"].get<std::string>() + "&limit=500", p.auth("operator")));
  bool found = false;
  for (const auto& a : apps["items"])
    if (a["score"] == 71.5) found = true;
  EXPECT_TRUE(found);
  auto refused = body(import("applications", "cin;cohort_code;rank;score\nZZ900002;" + foreign + ";1;60\n", "operator"));
  ASSERT_FALSE(refused["errors"].empty());
  EXPECT_EQ(refused["errors"][0]["column"], "cohort_code");
  EXPECT_EQ(import("organisations", "code,name,kind,region_code\nx,X,employer,01\n", "operator")->status, 403);
}

TEST(Export, CsvHasBomSemicolonsAndRoundTrips) {
  auto& p = programme();
  auto res = p.client().Get("/api/v1/exports/organisations?format=csv", p.auth("admin"));
  ASSERT_EQ(res->status, 200);
  ASSERT_GE(res->body.size(), 3u);
  EXPECT_EQ(res->body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(res->body.find("id;code;name;kind;region_code"), std::string::npos);
  auto back = p.client().Post("/api/v1/imports/organisations", p.auth("admin"), res->body, "text/csv");
  ASSERT_EQ(back->status, 200) << back->body;
  EXPECT_EQ(body(back)["created"], 0);
  EXPECT_EQ(body(back)["updated"], 0);
  EXPECT_EQ(body(back)["unchanged"], body(p.client().Get("/api/v1/organisations?limit=1", p.auth("admin")))["total"]);
  auto xlsx = p.client().Get("/api/v1/exports/cohorts?format=xlsx", p.auth("operator"));
  ASSERT_EQ(xlsx->status, 200);
  EXPECT_EQ(xlsx->body.substr(0, 2), "PK");
  EXPECT_EQ(p.client().Get("/api/v1/exports/cohorts?format=pdf", p.auth("admin"))->status, 422);
}

}  // namespace jobintech::testing

namespace jobintech::testing {

// On PostgreSQL new rows go in by COPY, whose text format gives meaning to backslashes, tabs and
// line breaks: they must arrive as written, like any other character.
TEST(Import, BackslashesTabsAndLineBreaksArriveAsWritten) {
  const std::string csv =
      "code,name,kind,region_code\n"
      "esc-1,\"C:\\dossier\\nom \\N\",employer,01\n"
      "esc-2,\"une\ttabulation\",employer,01\n"
      "esc-3,\"deux\nlignes\",employer,01\n";
  auto res = import("organisations", csv);
  ASSERT_EQ(res->status, 200) << res->body;
  auto conn = programme().db().connect();
  auto name = [&](const std::string& code) {
    return store::as_text(store::fetch_one(conn.session(), "SELECT name FROM organisations WHERE code = ?", {code})->at(0));
  };
  EXPECT_EQ(name("esc-1"), "C:\\dossier\\nom \\N");
  EXPECT_EQ(name("esc-2"), "une\ttabulation");
  EXPECT_EQ(name("esc-3"), "deux\nlignes");
}

}  // namespace jobintech::testing
