// Indicators end to end: a hand-computed data set loaded through the enrolments and placements
// imports, read back through /api/v1/indicators and its exports, which must agree to the digit
// (docs/indicators.md). Also the imports' refusals (line-numbered, nothing written) and the
// payment statement of the same learners (docs/payments.md).
#include "shared_programme.h"
#include "store/sql.h"

namespace jobintech::testing {

namespace {

httplib::Result import(ServedProgramme& p, const std::string& kind, const std::string& csv) {
  return p.client().Post("/api/v1/imports/" + kind, p.auth("admin"), csv, "text/csv");
}

// An operator of its own, with one cohort of 2025 in Dakhla, and five learners:
//   AA100001 F graduated 2025-08-31, CDI from 2025-09-30 at 8,000 MAD  -> inserted, 30 days
//   AA100002 M graduated 2025-08-31, CDD from 2025-07-01 at 6,000 MAD  -> inserted (during training), 0 days
//   AA100003 F graduated 2025-08-31, internship from 2025-10-01        -> not inserted
//   AA100004 M dropped out 2025-04-10 (reason given)
//   AA100005 F failed 2025-08-31
// as_of 2026-03-01: 2025-08-31 + 6 months = 2026-02-28, so the three graduates are eligible at 6 months.
void load_data_set(ServedProgramme& p) {
  auto c = p.client();
  auto post = [&](const std::string& path, const nlohmann::json& body) {
    auto res = c.Post(path, p.auth("admin"), body.dump(), "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 201) << path << ": " << res->body;
  };
  post("/api/v1/organisations", {{"code", "op-indicateurs"}, {"name", "Opérateur des indicateurs"}, {"kind", "operator"}, {"region_code", "12"}});
  post("/api/v1/sites", {{"code", "site-indicateurs"}, {"name", "Site des indicateurs"}, {"organisation_code", "op-indicateurs"},
                         {"region_code", "12"}, {"city", "Dakhla"}});
  post("/api/v1/cohorts", {{"code", "ind-2025-1"}, {"track_code", "data"}, {"site_code", "site-indicateurs"},
                           {"operator_code", "op-indicateurs"}, {"start_date", "2025-02-01"}, {"end_date", "2025-08-31"},
                           {"capacity", 20}, {"status", "planned"}});
  auto res = import(p, "candidates",
                    "cin,first_name,last_name,gender,birth_date,region_code,email,phone,education_level\n"
                    "AA100001,Salma,Idrissi,F,2000-01-01,12,,,bac3\n"
                    "AA100002,Youssef,Alami,M,2000-01-01,12,,,bac3\n"
                    "AA100003,Imane,Bennani,F,2000-01-01,12,,,bac3\n"
                    "AA100004,Omar,Tazi,M,2000-01-01,12,,,bac3\n"
                    "AA100005,Nadia,Fassi,F,2000-01-01,12,,,bac3\n");
  ASSERT_EQ(res->status, 200) << res->body;
  // As French Excel writes it: ';' and dates as DD/MM/YYYY.
  res = import(p, "enrolments",
               "cin;cohort_code;status;exit_date;dropout_reason\n"
               "AA100001;ind-2025-1;graduated;31/08/2025;\n"
               "AA100002;ind-2025-1;graduated;2025-08-31;\n"
               "AA100003;ind-2025-1;graduated;2025-08-31;\n"
               "AA100004;ind-2025-1;dropped_out;2025-04-10;Déménagement\n"
               "AA100005;ind-2025-1;failed;2025-08-31;\n");
  ASSERT_EQ(res->status, 200) << res->body;
  res = import(p, "placements",
               "cin;employer_name;job_title;contract_type;start_date;end_date;monthly_salary_mad\n"
               "AA100001;Atlas Soft;Analyste de données;cdi;2025-09-30;;8000\n"
               "AA100002;Dakhla Data;Data analyst;cdd;2025-07-01;2026-06-30;6000,00\n"
               "AA100003;Sahara Digital;Stagiaire data;internship;2025-10-01;2025-12-31;3000\n");
  ASSERT_EQ(res->status, 200) << res->body;
}

ServedProgramme& data_set() {
  static ServedProgramme* p = [] {
    auto* served = new ServedProgramme();
    load_data_set(*served);
    return served;
  }();
  return *p;
}

nlohmann::json get_json(ServedProgramme& p, const std::string& path, const std::string& role = "steering") {
  auto res = p.client().Get(path, p.auth(role));
  EXPECT_TRUE(res);
  EXPECT_EQ(res->status, 200) << path << ": " << res->body;
  return nlohmann::json::parse(res->body);
}

}  // namespace

TEST(Indicators, HandComputedDataSetThroughTheApi) {
  auto& p = data_set();
  auto j = get_json(p, "/api/v1/indicators?operator=op-indicateurs&as_of=2026-03-01");
  EXPECT_EQ(j["as_of"], "2026-03-01");
  EXPECT_EQ(j["group_by"], "none");
  ASSERT_EQ(j["groups"].size(), 1u);
  const auto& g = j["groups"][0];
  EXPECT_EQ(g["key"], "all");
  EXPECT_EQ(g["enrolled"], 5);
  EXPECT_EQ(g["graduated"], 3);
  EXPECT_EQ(g["dropped_out"], 1);
  EXPECT_EQ(g["failed"], 1);
  EXPECT_DOUBLE_EQ(g["completion_rate"].get<double>(), 0.6);
  EXPECT_EQ(g["graduates_eligible_6m"], 3);
  EXPECT_EQ(g["inserted_6m"], 2);
  EXPECT_DOUBLE_EQ(g["insertion_rate_6m"].get<double>(), 2.0 / 3.0);
  EXPECT_EQ(g["graduates_eligible_12m"], 0);
  EXPECT_TRUE(g["retention_rate_12m"].is_null());
  EXPECT_DOUBLE_EQ(g["median_days_to_employment"].get<double>(), 15);  // {0, 30}
  EXPECT_DOUBLE_EQ(g["median_salary_mad"].get<double>(), 7000);       // {6000, 8000}
  EXPECT_DOUBLE_EQ(g["women_share"].get<double>(), 0.6);

  // A day earlier nobody is eligible at 6 months.
  auto before = get_json(p, "/api/v1/indicators?operator=op-indicateurs&as_of=2026-02-27");
  EXPECT_EQ(before["groups"][0]["graduates_eligible_6m"], 0);
  EXPECT_TRUE(before["groups"][0]["insertion_rate_6m"].is_null());

  // By gender, and with an exit period that leaves out the dropout.
  auto by_gender = get_json(p, "/api/v1/indicators?operator=op-indicateurs&as_of=2026-03-01&group_by=gender&from=2025-08-01");
  ASSERT_EQ(by_gender["groups"].size(), 2u);
  std::map<std::string, nlohmann::json> by_key;
  for (const auto& group : by_gender["groups"]) by_key[group["key"]] = group;
  EXPECT_EQ(by_key["F"]["enrolled"], 3);
  EXPECT_EQ(by_key["F"]["inserted_6m"], 1);
  EXPECT_EQ(by_key["M"]["enrolled"], 1);  // the dropout left in April
  EXPECT_DOUBLE_EQ(by_key["M"]["insertion_rate_6m"].get<double>(), 1.0);
}

TEST(Indicators, ExportsCarryTheSameNumbers) {
  auto& p = data_set();
  auto c = p.client();
  auto csv = c.Get("/api/v1/indicators/export?format=csv&group_by=region&operator=op-indicateurs&as_of=2026-03-01",
                   p.auth("steering"));
  ASSERT_EQ(csv->status, 200) << csv->body;
  EXPECT_NE(csv->body.find("group_by;key;label;enrolled;graduated;dropped_out;failed;completion_rate"), std::string::npos);
  EXPECT_NE(csv->body.find("region;12;"), std::string::npos);
  EXPECT_NE(csv->body.find(";5;3;1;1;0.6;3;2;0.6666666667;0;0;;15;7000;0.6"), std::string::npos) << csv->body;

  auto xlsx = c.Get("/api/v1/indicators/export?format=xlsx&operator=op-indicateurs", p.auth("admin"));
  ASSERT_EQ(xlsx->status, 200);
  EXPECT_EQ(xlsx->body.substr(0, 2), "PK");  // a zip: the workbook

  // Open data: every count here is below 5, so only the total of 5 enrolments and the labels stay.
  auto open = c.Get("/api/v1/indicators/open-data?operator=op-indicateurs&as_of=2026-03-01", p.auth("steering"));
  ASSERT_EQ(open->status, 200);
  EXPECT_NE(open->body.find("region;12;Dakhla-Oued Eddahab;5;;;;;;;;;;;;;"), std::string::npos) << open->body;
}

TEST(Indicators, BadParametersAreNamed) {
  auto& p = data_set();
  auto res = p.client().Get("/api/v1/indicators?group_by=planet&as_of=2026-02-30&from=2026-01-01&to=2025-01-01&zz=1",
                            p.auth("admin"));
  ASSERT_EQ(res->status, 422);
  EXPECT_NE(res->body.find("\"field\":\"zz\""), std::string::npos);
  res = p.client().Get("/api/v1/indicators?group_by=planet&as_of=2026-02-30&from=2026-01-01&to=2025-01-01", p.auth("admin"));
  ASSERT_EQ(res->status, 422);
  for (const char* field : {"\"field\":\"group_by\"", "\"field\":\"as_of\"", "\"field\":\"to\""})
    EXPECT_NE(res->body.find(field), std::string::npos) << field << " in " << res->body;
  EXPECT_EQ(p.client().Get("/api/v1/indicators", p.auth("employer"))->status, 403);
  EXPECT_EQ(p.client().Get("/api/v1/indicators", p.auth("candidate"))->status, 403);
}

TEST(Indicators, ImportsRefuseBadLinesAndWriteNothing) {
  auto& p = data_set();
  auto count = [&](const std::string& q) {
    auto conn = p.db().connect();
    return store::fetch_integer(conn.session(), q).value_or(-1);
  };
  const auto enrolments = count("SELECT COUNT(*) FROM enrolments");
  const auto placements = count("SELECT COUNT(*) FROM placements");
  auto res = import(p, "enrolments",
                    "cin,cohort_code,status,exit_date,dropout_reason\n"
                    "AA100001,ind-2025-1,enrolled,,\n"               // graduated -> enrolled: refused
                    "AA100002,ind-2025-1,graduated,,\n"              // no exit date
                    "AA100004,ind-2025-1,dropped_out,2025-04-10,\n"  // no reason
                    "AA100005,ind-2025-1,failed,2025-08-31,Trop dur\n"
                    "ZZ999999,ind-2025-1,enrolled,,\n");             // unknown candidate
  ASSERT_EQ(res->status, 422) << res->body;
  const auto report = nlohmann::json::parse(res->body);
  std::set<std::string> found;
  for (const auto& e : report["errors"]) found.insert(std::to_string(e["line"].get<int>()) + ":" + e["column"].get<std::string>() + ":" + e["code"].get<std::string>());
  for (const char* expected : {"2:status:transition_refused", "3:exit_date:exit_date_required",
                               "4:dropout_reason:dropout_reason_required",
                               "5:dropout_reason:dropout_reason_only_when_dropped_out", "6:cin:unknown_candidate"})
    EXPECT_TRUE(found.count(expected)) << expected << " in " << res->body;

  res = import(p, "placements",
               "cin,employer_name,job_title,contract_type,start_date,end_date,monthly_salary_mad\n"
               "AA100004,Atlas Soft,Dev,cdi,2025-09-01,2025-08-01,7000\n"  // ends before it starts
               "AA100005,Atlas Soft,Dev,permanent,2025-09-01,,7000\n"      // unknown contract
               "AA100005,Atlas Soft,,cdi,2025-09-01,,sept mille\n");        // no title, bad salary
  ASSERT_EQ(res->status, 422) << res->body;
  EXPECT_NE(res->body.find("end_before_start"), std::string::npos);
  EXPECT_NE(res->body.find("not_in_choices"), std::string::npos);
  EXPECT_NE(res->body.find("decimal_format"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM enrolments"), enrolments);
  EXPECT_EQ(count("SELECT COUNT(*) FROM placements"), placements);
  EXPECT_EQ(count("SELECT COUNT(*) FROM enrolments e JOIN candidates c ON c.id = e.candidate_id "
                  "WHERE c.cin = 'AA100001' AND e.status = 'graduated'"), 1);
}

TEST(Payments, StatementOfTheHandComputedLearners) {
  auto& p = data_set();
  auto c = p.client();
  // Tranches for a Dakhla convention the operator is party to.
  auto res = c.Post("/api/v1/conventions", p.auth("admin"),
                    nlohmann::json{{"code", "conv-indicateurs"}, {"title", "Convention des indicateurs"},
                                   {"start_date", "2025-01-01"}, {"end_date", "2026-12-31"},
                                   {"party_codes", {"op-indicateurs"}}, {"region_codes", {"12"}}}.dump(),
                    "application/json");
  ASSERT_EQ(res->status, 201) << res->body;
  for (const auto& [basis, amount] : std::vector<std::pair<std::string, double>>{{"enrolled", 1000}, {"certified", 2000.5}, {"inserted_6m", 3000}}) {
    res = c.Post("/api/v1/tranches", p.auth("admin"),
                 nlohmann::json{{"convention_code", "conv-indicateurs"}, {"basis", basis}, {"amount_mad", amount}}.dump(),
                 "application/json");
    ASSERT_EQ(res->status, 201) << res->body;
  }
  auto j = get_json(p, "/api/v1/payments/statement?operator=op-indicateurs&from=2025-01-01&to=2026-03-31", "admin");
  ASSERT_EQ(j["lines"].size(), 3u) << j.dump();
  EXPECT_EQ(j["lines"][0]["basis"], "enrolled");
  EXPECT_EQ(j["lines"][0]["learners"], 5);
  EXPECT_EQ(j["lines"][1]["basis"], "certified");
  EXPECT_EQ(j["lines"][1]["learners"], 3);
  EXPECT_DOUBLE_EQ(j["lines"][1]["total_mad"].get<double>(), 6001.5);
  EXPECT_EQ(j["lines"][2]["basis"], "inserted_6m");
  EXPECT_EQ(j["lines"][2]["learners"], 2);
  EXPECT_EQ(j["lines"][2]["entries"][0]["date"], "2026-02-28");
  EXPECT_DOUBLE_EQ(j["total_mad"].get<double>(), 5000 + 6001.5 + 6000);

  // The funder sees the lines without the learners; a period with a bad date is named.
  auto funder = get_json(p, "/api/v1/payments/statement?operator=op-indicateurs&from=2025-01-01&to=2026-03-31");
  EXPECT_TRUE(funder["lines"][0]["entries"].is_null());
  EXPECT_EQ(c.Get("/api/v1/payments/statement?operator=op-indicateurs&from=2025-01-01&to=31-31-2026", p.auth("admin"))->status, 422);
  auto xlsx = c.Get("/api/v1/payments/statement?operator=op-indicateurs&from=2025-01-01&to=2026-03-31&format=xlsx", p.auth("admin"));
  ASSERT_EQ(xlsx->status, 200);
  EXPECT_EQ(xlsx->body.substr(0, 2), "PK");
}

}  // namespace jobintech::testing
