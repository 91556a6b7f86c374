// The payment statement page and the targets page as their users open them, over real HTTP:
// the programme office's statement for the demo operator shows the totals of
// GET /api/v1/payments/statement for the same parameters, with each line's learners and a link to
// the XLSX; operator staff see their own statement and are refused another's; steering sees the
// lines and totals and no learner; a bad date comes back 422 naming the field. The targets page
// shows the national 15,000 with the achieved count of GET /api/v1/indicators/targets; the
// programme office adds a target and replaces a tranche through the forms (POST-redirect-GET), and
// a bad form is refused naming the field with nothing written; other roles get a 403 page.
#include <cmath>
#include <cstdio>
#include <regex>

#include "api_fixture.h"
#include "store/sql.h"

namespace jobintech::testing {

namespace {

using nlohmann::json;

constexpr const char* kForm = "application/x-www-form-urlencoded";
constexpr const char* kPeriod = "&from=2024-01-01&to=2026-11-29";

// French formats, written independently of the code under test: thousands grouped by a narrow
// no-break space, a decimal comma, two decimals, a no-break space before MAD.
std::string count_text(std::int64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += "\u202f";
    out += digits[i];
  }
  return out;
}

std::string money_text(double mad) {
  const auto centimes = std::llround(mad * 100.0);
  char cents[8];
  std::snprintf(cents, sizeof cents, "%02lld", static_cast<long long>(centimes % 100));
  return count_text(centimes / 100) + "," + cents + "\u00a0MAD";
}

std::string unescape(std::string s) {
  for (std::size_t p; (p = s.find("&amp;")) != std::string::npos;) s.replace(p, 5, "&");
  return s;
}

// The text of the first element after `from` carrying data-cell="name".
std::string cell(const std::string& page, const std::string& name, std::size_t from = 0) {
  const std::string marker = "data-cell=\"" + name + "\">";
  const auto p = page.find(marker, from);
  if (p == std::string::npos) return "<none>";
  const auto start = p + marker.size();
  return page.substr(start, page.find('<', start) - start);
}

class PaymentPages : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    p_ = new ServedProgramme();
    auto conn = p_->db().connect();
    auto& sql = conn.session();
    const auto text = [&](const std::string& q, store::Params params = {}) {
      auto rows = store::fetch_all(sql, q, params);
      if (rows.empty()) throw std::runtime_error("no row for " + q);
      return std::get<std::string>(rows.front()[0]);
    };
    operator_ = text(
        "SELECT o.code FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.email = "
        "'operateur@jobintech.ma'");
    other_operator_ =
        text("SELECT code FROM organisations WHERE kind = 'operator' AND code <> ? ORDER BY code LIMIT 1", {operator_});
  }
  static void TearDownTestSuite() {
    delete p_;
    p_ = nullptr;
  }

  httplib::Result get(const std::string& role, const std::string& path) {
    return p_->client().Get(path, p_->auth(role));
  }
  httplib::Result post(const std::string& role, const std::string& path, const std::string& form) {
    return p_->client().Post(path, p_->auth(role), form, kForm);
  }
  std::int64_t scalar(const std::string& query, store::Params params = {}) {
    auto conn = p_->db().connect();
    return store::fetch_integer(conn.session(), query, params).value_or(-1);
  }
  json api_statement(const std::string& role, const std::string& query) {
    auto r = get(role, "/api/v1/payments/statement?" + query);
    EXPECT_EQ(r->status, 200) << r->body;
    return body(r);
  }

  static ServedProgramme* p_;
  static std::string operator_, other_operator_;
};
ServedProgramme* PaymentPages::p_ = nullptr;
std::string PaymentPages::operator_, PaymentPages::other_operator_;

TEST_F(PaymentPages, TheProgrammeOfficeSeesTheStatementOfTheApiWithItsLearners) {
  const std::string query = "operator=" + operator_ + kPeriod;
  const auto api = api_statement("admin", query);
  ASSERT_FALSE(api["lines"].empty()) << "the demo operator has paid lines in the period: " << api.dump();

  auto r = get("admin", "/payments?" + query);
  ASSERT_EQ(r->status, 200) << r->body.substr(0, 2000);
  const auto& page = r->body;
  EXPECT_NE(page.find("<select name=\"operator\">"), std::string::npos) << "the programme office chooses";
  EXPECT_NE(page.find("data-operator=\"" + operator_ + "\""), std::string::npos);
  EXPECT_EQ(cell(page, "grand-total"), money_text(api["total_mad"].get<double>()));

  std::size_t with_learners = 0;
  for (const auto& line : api["lines"]) {
    const std::string key = line["convention_code"].get<std::string>() + ":" + line["basis"].get<std::string>();
    const auto at = page.find("data-line=\"" + key + "\"");
    ASSERT_NE(at, std::string::npos) << key;
    EXPECT_EQ(cell(page, "amount", at), money_text(line["amount_mad"].get<double>())) << key;
    EXPECT_EQ(cell(page, "learners", at), count_text(line["learners"].get<std::int64_t>())) << key;
    EXPECT_EQ(cell(page, "total", at), money_text(line["total_mad"].get<double>())) << key;
    if (!line["entries"].empty()) {
      ++with_learners;
      const auto& first = line["entries"][0];
      const auto details = page.find("<details", at);
      ASSERT_NE(details, std::string::npos) << key;
      EXPECT_NE(page.find(first["cin"].get<std::string>(), details), std::string::npos) << key;
      EXPECT_NE(page.find(first["cohort_code"].get<std::string>(), details), std::string::npos) << key;
    }
  }
  EXPECT_GT(with_learners, 0u);
  std::size_t details = 0;
  for (auto p = page.find("<details"); p != std::string::npos; p = page.find("<details", p + 1)) ++details;
  EXPECT_EQ(details, with_learners) << "each line's learners in a <details>";
  EXPECT_EQ(page.find("style=\""), std::string::npos) << "no inline style (CSP)";
  EXPECT_EQ(page.find("<script"), std::string::npos);

  // The export link carries the same parameters and gives the workbook.
  static const std::regex link("href=\"(/api/v1/payments/statement\\?[^\"]*format=xlsx)\"");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(page, m, link));
  const auto href = unescape(m[1]);
  EXPECT_NE(href.find("operator=" + operator_), std::string::npos) << href;
  EXPECT_NE(href.find("from=2024-01-01"), std::string::npos) << href;
  EXPECT_NE(href.find("to=2026-11-29"), std::string::npos) << href;
  auto xlsx = get("admin", href);
  ASSERT_EQ(xlsx->status, 200);
  EXPECT_EQ(xlsx->body.substr(0, 2), "PK");

  // Without a choice, the programme office gets the form (this year up to today by default).
  r = get("admin", "/payments");
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("data-testid=\"statement-choose\""), std::string::npos);
  EXPECT_NE(r->body.find("name=\"from\" value=\"2026-01-01\""), std::string::npos);

  // Amounts in the page's language.
  r = get("admin", "/payments?lang=en&" + query);
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("Grand total"), std::string::npos);
  r = get("admin", "/payments?lang=ar&" + query);
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("dir=\"rtl\""), std::string::npos);
}

TEST_F(PaymentPages, OperatorStaffSeeTheirOwnAndAreRefusedAnothers) {
  auto r = get("operator", std::string("/payments?") + (kPeriod + 1));
  ASSERT_EQ(r->status, 200) << r->body.substr(0, 2000);
  EXPECT_NE(r->body.find("data-operator=\"" + operator_ + "\""), std::string::npos);
  EXPECT_EQ(r->body.find("<select name=\"operator\">"), std::string::npos) << "no choice of operator";
  const auto api = api_statement("operator", "operator=" + operator_ + kPeriod);
  EXPECT_EQ(cell(r->body, "grand-total"), money_text(api["total_mad"].get<double>()));

  // With no parameter at all, its own statement for this year.
  r = get("operator", "/payments");
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("data-operator=\"" + operator_ + "\""), std::string::npos);

  r = get("operator", "/payments?operator=" + other_operator_ + kPeriod);
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(r->body.find("data-testid=\"statement\""), std::string::npos);
}

TEST_F(PaymentPages, SteeringSeesLinesAndTotalsButNoLearner) {
  const std::string query = "operator=" + operator_ + kPeriod;
  const auto admin = api_statement("admin", query);
  auto r = get("steering", "/payments?" + query);
  ASSERT_EQ(r->status, 200) << r->body.substr(0, 2000);
  EXPECT_EQ(cell(r->body, "grand-total"), money_text(admin["total_mad"].get<double>()));
  EXPECT_EQ(r->body.find("<details"), std::string::npos);
  std::size_t cins = 0;
  for (const auto& line : admin["lines"])
    for (const auto& e : line["entries"]) {
      ++cins;
      EXPECT_EQ(r->body.find(e["cin"].get<std::string>()), std::string::npos) << "no CIN on the steering page";
    }
  EXPECT_GT(cins, 0u);
}

TEST_F(PaymentPages, ABadDateIsNamedWith422) {
  auto r = get("admin", "/payments?operator=" + operator_ + "&from=2026-01-01&to=31-31-2026");
  ASSERT_EQ(r->status, 422);
  EXPECT_NE(r->body.find("data-testid=\"statement-errors\""), std::string::npos);
  EXPECT_NE(r->body.find("<li data-field=\"to\"><strong>Au</strong> (to) : Date invalide"), std::string::npos)
      << r->body.substr(0, 4000);
  EXPECT_EQ(r->body.find("data-testid=\"statement\""), std::string::npos);
  EXPECT_NE(r->body.find("value=\"31-31-2026\""), std::string::npos) << "what was typed stays";

  r = get("admin", "/payments?operator=&from=2026-01-01&to=2026-06-30");
  ASSERT_EQ(r->status, 422);
  EXPECT_NE(r->body.find("data-field=\"operator\""), std::string::npos);
}

TEST_F(PaymentPages, TheTargetsPageShowsTheNationalTargetWithTheApisAchievedCount) {
  auto api = get("admin", "/api/v1/indicators/targets");
  ASSERT_EQ(api->status, 200);
  json national;
  const auto items = body(api)["items"];
  for (const auto& t : items)
    if (t["learners"] == 15000 && t["region_code"].is_null() && t["track_code"].is_null()) national = t;
  ASSERT_FALSE(national.is_null()) << api->body;
  for (const std::string role : {"admin", "steering"}) {
    auto r = get(role, "/targets");
    ASSERT_EQ(r->status, 200) << r->body.substr(0, 2000);
    const auto at = r->body.find("data-target=\"" + std::to_string(national["id"].get<std::int64_t>()) + "\"");
    ASSERT_NE(at, std::string::npos) << role;
    EXPECT_EQ(cell(r->body, "target", at), "15\u202f000") << role;
    EXPECT_EQ(cell(r->body, "achieved", at), count_text(national["achieved"].get<std::int64_t>())) << role;
    const auto meter = r->body.find(
        "<meter min=\"0\" max=\"15000\" value=\"" + std::to_string(national["achieved"].get<std::int64_t>()) + "\"",
        at);
    EXPECT_NE(meter, std::string::npos) << role;
    char percent[32];
    std::snprintf(percent, sizeof percent, "%.1f", national["achieved"].get<double>() * 100.0 / 15000.0);
    std::string printed = percent;
    printed.replace(printed.find('.'), 1, ",");
    EXPECT_NE(r->body.find("<span class=\"num\">" + printed + "\u00a0%</span>", at), std::string::npos)
        << "the percentage is printed: " << printed;
    EXPECT_NE(r->body.find("Toutes les régions de la convention", at), std::string::npos);
    EXPECT_EQ(r->body.find("style=\""), std::string::npos);
    EXPECT_EQ(r->body.find("<script"), std::string::npos);
    EXPECT_EQ(r->body.find("action=\"/targets\"") != std::string::npos, role == "admin") << "the form is the office's";
  }
  auto r = get("steering", "/targets?lang=ar");
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("dir=\"rtl\""), std::string::npos);
}

TEST_F(PaymentPages, TheProgrammeOfficeAddsATargetAndATrancheThroughTheForms) {
  const auto targets = [&] { return scalar("SELECT COUNT(*) FROM convention_targets"); };
  const auto before = targets();
  auto r = post("admin", "/targets",
                "convention_code=jit-est-dakhla&region_code=12&track_code=&learners=40&start_date=2026-01-01"
                "&end_date=2026-12-31");
  ASSERT_EQ(r->status, 303) << r->body.substr(0, 2000);
  EXPECT_EQ(r->get_header_value("Location"), "/targets?saved=target#targets");
  EXPECT_EQ(targets(), before + 1);
  const auto id = scalar("SELECT MAX(id) FROM convention_targets WHERE learners = 40 AND region_code = '12'");
  ASSERT_GT(id, 0);
  r = get("admin", "/targets?saved=target");
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("data-testid=\"target-saved\""), std::string::npos);
  const auto at = r->body.find("data-target=\"" + std::to_string(id) + "\"");
  ASSERT_NE(at, std::string::npos) << "the new target is listed";
  EXPECT_EQ(cell(r->body, "target", at), "40");

  // A bad one is refused naming the field, with nothing written.
  r = post("admin", "/targets", "convention_code=jit-est-dakhla&region_code=12&track_code=&learners=-3");
  ASSERT_EQ(r->status, 422) << r->body.substr(0, 2000);
  EXPECT_NE(r->body.find("data-testid=\"target-errors\""), std::string::npos);
  EXPECT_NE(r->body.find("<li data-field=\"learners\">Objectif (apprenants) : "), std::string::npos);
  EXPECT_NE(r->body.find("name=\"learners\" value=\"-3\""), std::string::npos);
  EXPECT_EQ(targets(), before + 1);
  r = post("admin", "/targets", "convention_code=nope&learners=10");
  ASSERT_EQ(r->status, 422);
  EXPECT_NE(r->body.find("data-field=\"convention_code\""), std::string::npos);
  EXPECT_EQ(targets(), before + 1);

  // A tranche replaces the convention's tranche for the same basis.
  const auto tranches = [&] { return scalar("SELECT COUNT(*) FROM payment_tranches"); };
  const auto tranches_before = tranches();
  r = post("admin", "/tranches", "convention_code=jit-est-dakhla&basis=certified&amount_mad=12000");
  ASSERT_EQ(r->status, 303) << r->body.substr(0, 2000);
  EXPECT_EQ(tranches(), tranches_before);
  EXPECT_EQ(scalar("SELECT t.amount_centimes FROM payment_tranches t JOIN conventions c ON c.id = t.convention_id "
                   "WHERE c.code = 'jit-est-dakhla' AND t.basis = 'certified'"),
            1200000);
  r = get("admin", "/targets?saved=tranche");
  const auto row = r->body.find("<tr data-convention=\"jit-est-dakhla\"");
  ASSERT_NE(row, std::string::npos);
  EXPECT_NE(r->body.find("12\u202f000,00\u00a0MAD", row), std::string::npos);
  r = post("admin", "/tranches", "convention_code=jit-est-dakhla&basis=certified&amount_mad=beaucoup");
  ASSERT_EQ(r->status, 422);
  EXPECT_NE(r->body.find("Montant par apprenant (MAD) : "), std::string::npos);
  EXPECT_EQ(tranches(), tranches_before);
}

TEST_F(PaymentPages, OtherRolesGetA403Page) {
  for (const std::string role : {"employer", "candidate"})
    for (const std::string path : {"/payments", "/targets"}) {
      auto r = get(role, path);
      EXPECT_EQ(r->status, 403) << role << path;
      EXPECT_NE(r->get_header_value("Content-Type").find("text/html"), std::string::npos);
    }
  EXPECT_EQ(get("operator", "/targets")->status, 403);
  const auto before = scalar("SELECT COUNT(*) FROM convention_targets");
  EXPECT_EQ(post("steering", "/targets", "convention_code=jit-est-dakhla&learners=10")->status, 403);
  EXPECT_EQ(post("operator", "/tranches", "convention_code=jit-est-dakhla&basis=enrolled&amount_mad=1")->status, 403);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM convention_targets"), before);

  // The navigation: both pages for the office and steering, payments only for operators.
  auto r = get("steering", "/targets");
  EXPECT_NE(r->body.find("data-nav=\"payments\""), std::string::npos);
  EXPECT_NE(r->body.find("data-nav=\"targets\""), std::string::npos);
  r = get("operator", "/payments");
  EXPECT_NE(r->body.find("data-nav=\"payments\""), std::string::npos);
  EXPECT_EQ(r->body.find("data-nav=\"targets\""), std::string::npos);
}

}  // namespace

}  // namespace jobintech::testing
