// The steering dashboard as its users open it: the programme office and the ministry land on it,
// its tiles show exactly the numbers of GET /api/v1/indicators for the same filters, its charts
// are server-side SVG images with their data tables, the map has the 12 regions, bad filters are
// named on the page (422), the exports carry the filters, operators see their own numbers, the
// candidate and the employer keep their own home page, and the Arabic page is right to left.
// Works whether or not the demo data holds enrolments yet; checks non-zero numbers when it does.
#include <cmath>
#include <cstdio>
#include <regex>

#include "api_fixture.h"
#include "app/messages.h"

namespace jobintech::testing {

namespace {

using nlohmann::json;

// The page's number formats (French), written independently of the code under test: counts
// grouped by a narrow no-break space, rates as percentages with one decimal comma and "\u00a0%".
std::string count_text(std::int64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += "\u202f";
    out += digits[i];
  }
  return out;
}

std::string rate_text(const json& fraction) {
  if (fraction.is_null()) return "—";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", fraction.get<double>() * 100.0);
  std::string s = buf;
  for (auto& c : s)
    if (c == '.') c = ',';
  // Thousands never occur in a percentage between 0 and 100.
  return s + "\u00a0%";
}

// What mustache writes for a text.
std::string html(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string unescape(std::string s) {
  for (std::size_t p; (p = s.find("&amp;")) != std::string::npos;) s.replace(p, 5, "&");
  return s;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t c = 0;
  for (auto p = haystack.find(needle); p != std::string::npos; p = haystack.find(needle, p + needle.size())) ++c;
  return c;
}

std::map<std::string, std::string> tiles_of(const std::string& page) {
  std::map<std::string, std::string> tiles;
  static const std::regex tile(R"re(data-tile="([a-z_0-9]+)"><span class="tile-value">([^<]*)</span>)re");
  for (auto it = std::sregex_iterator(page.begin(), page.end(), tile); it != std::sregex_iterator(); ++it)
    tiles[(*it)[1]] = (*it)[2];
  return tiles;
}

class Dashboard : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { p_ = new ServedProgramme(); }
  static void TearDownTestSuite() {
    delete p_;
    p_ = nullptr;
  }

  httplib::Result get(const std::string& role, const std::string& path) {
    return p_->client().Get(path, p_->auth(role));
  }

  // The national row of the API for a query ("" or "&region=06..."): zeros and nulls when no
  // enrolment falls in it (the API then lists no group).
  json national(const std::string& role, const std::string& query) {
    auto r = get(role, "/api/v1/indicators?group_by=none" + query);
    EXPECT_EQ(r->status, 200) << r->body;
    const auto groups = body(r)["groups"];
    if (groups.empty())
      return {{"enrolled", 0}, {"graduated", 0}, {"insertion_rate_6m", nullptr}, {"women_share", nullptr}};
    EXPECT_EQ(groups.size(), 1u);
    return groups[0];
  }

  // The dashboard's tiles against the API's national row, for the same filters.
  void expect_tiles_match_api(const std::string& role, const std::string& query) {
    auto page = get(role, "/?" + query.substr(query.empty() ? 0 : 1));
    ASSERT_EQ(page->status, 200) << query << "\n" << page->body.substr(0, 2000);
    const auto api = national(role, query);
    const auto tiles = tiles_of(page->body);
    ASSERT_EQ(tiles.size(), 5u) << page->body.substr(0, 4000);
    EXPECT_EQ(tiles.at("enrolled"), count_text(api["enrolled"].get<std::int64_t>())) << role << query;
    EXPECT_EQ(tiles.at("graduated"), count_text(api["graduated"].get<std::int64_t>())) << role << query;
    EXPECT_EQ(tiles.at("insertion_rate_6m"), rate_text(api["insertion_rate_6m"])) << role << query;
    EXPECT_EQ(tiles.at("women_share"), rate_text(api["women_share"])) << role << query;
    EXPECT_TRUE(std::regex_match(tiles.at("applicants"), std::regex("[0-9\u202f]+"))) << tiles.at("applicants");
  }

  static ServedProgramme* p_;
};
ServedProgramme* Dashboard::p_ = nullptr;

TEST_F(Dashboard, IsTheHomeOfTheProgrammeOfficeAndTheMinistryWithTheApiNumbers) {
  for (const std::string role : {"steering", "admin"}) {
    auto r = get(role, "/");
    ASSERT_EQ(r->status, 200) << role;
    const auto& page = r->body;
    EXPECT_NE(page.find("data-chart=\"funnel\""), std::string::npos) << role;
    EXPECT_NE(page.find("data-chart=\"map\""), std::string::npos);
    EXPECT_NE(page.find("data-chart=\"targets\""), std::string::npos) << "the programme office and the ministry see targets";
    EXPECT_GE(count(page, "role=\"img\""), 3u) << "funnel, targets (or none entered), map";
    EXPECT_EQ(count(page, "<svg "), count(page, "role=\"img\""));
    EXPECT_EQ(count(page, "<svg "), count(page, "<title id="));
    EXPECT_EQ(count(page, "<svg "), count(page, "<desc id="));
    EXPECT_EQ(page.find("<script"), std::string::npos) << "no script needed";
    EXPECT_GE(count(page, "<caption>"), count(page, "<svg ")) << "every chart has its data table";
    EXPECT_NE(page.find(html(app::Messages::global().text("fr", "indicator.insertion_rate_6m"))), std::string::npos);
    expect_tiles_match_api(role, "");
  }
  const auto api = national("steering", "");
  if (api["enrolled"].get<std::int64_t>() > 0) {
    // With enrolments the page has numbers in every section.
    auto page = get("steering", "/")->body;
    EXPECT_NE(tiles_of(page).at("enrolled"), "0");
    EXPECT_NE(page.find("data-chart=\"trend\""), std::string::npos);
    EXPECT_NE(page.find("<title id=\"chart-trend-"), std::string::npos) << "the trend is drawn";
    // The table by operator shows the API's rows, every indicator.
    auto r = get("steering", "/api/v1/indicators?group_by=operator");
    const auto groups = body(r)["groups"];
    ASSERT_FALSE(groups.empty());
    for (const auto& g : groups) {
      const std::string row = "<tr data-key=\"" + html(g["key"].get<std::string>()) + "\"><th scope=\"row\">" +
                              html(g["label"].get<std::string>()) + "</th><td class=\"num\" data-field=\"enrolled\">" +
                              count_text(g["enrolled"].get<std::int64_t>()) + "</td>";
      EXPECT_NE(page.find(row), std::string::npos) << row;
      const std::string rate = "data-field=\"insertion_rate_6m\">" + rate_text(g["insertion_rate_6m"]) + "</td>";
      EXPECT_NE(page.find(rate), std::string::npos) << rate;
    }
  }
}

TEST_F(Dashboard, TilesFollowTheFiltersLikeTheApi) {
  auto r = get("steering", "/api/v1/indicators?group_by=region");
  std::string region = "06";
  const auto by_region = body(r)["groups"];
  for (const auto& g : by_region)
    if (g["enrolled"].get<std::int64_t>() > 0) region = g["key"].get<std::string>();
  const auto tracks = body(get("steering", "/api/v1/tracks?limit=1"))["items"];
  ASSERT_FALSE(tracks.empty());
  const std::string track = tracks[0]["code"];
  const std::vector<std::string> queries = {"&region=" + region, "&as_of=2026-06-30", "&from=2025-01-01&to=2026-06-30",
                                            "&track=" + track, "&region=" + region + "&as_of=2027-12-31"};
  for (const auto& query : queries)
    expect_tiles_match_api("steering", query);
}

TEST_F(Dashboard, TheMapHasTheTwelveRegions) {
  for (const std::string map : {"", "&map=enrolled", "&map=median_salary_mad", "&map=women_share"}) {
    auto r = get("steering", "/?x=1" + map);
    ASSERT_EQ(r->status, 200) << map;
    EXPECT_EQ(count(r->body, "<g class=\"tile\" data-region="), 12u) << map;
    EXPECT_EQ(count(r->body, "<tr data-region="), 12u) << "the map's data table: " << map;
    for (int k = 1; k <= 12; ++k) {
      char code[3];
      std::snprintf(code, sizeof code, "%02d", k);
      EXPECT_NE(r->body.find("data-region=\"" + std::string(code) + "\""), std::string::npos) << code;
    }
  }
  // The values on the map are the API's by region.
  auto page = get("steering", "/?map=enrolled")->body;
  const auto by_region = body(get("steering", "/api/v1/indicators?group_by=region"))["groups"];
  for (const auto& g : by_region) {
    const std::string cell = "<tr data-region=\"" + g["key"].get<std::string>() + "\"><th scope=\"row\">";
    const auto at = page.find(cell);
    ASSERT_NE(at, std::string::npos) << cell;
    const auto value = "<td class=\"num\">" + count_text(g["enrolled"].get<std::int64_t>()) + "</td>";
    EXPECT_EQ(page.find(value, at), page.find("</tr>", at) - value.size()) << value;
  }
}

TEST_F(Dashboard, BadFiltersAreNamedOnThePageWith422) {
  const auto& m = app::Messages::global();
  auto r = get("steering", "/?as_of=2026-13-45&region=99");
  ASSERT_EQ(r->status, 422);
  EXPECT_NE(r->body.find("data-field=\"as_of\""), std::string::npos);
  EXPECT_NE(r->body.find("data-field=\"region\""), std::string::npos);
  EXPECT_NE(r->body.find(html(m.text("fr", "error.date_format"))), std::string::npos);
  EXPECT_NE(r->body.find(html(m.text("fr", "error.region_unknown"))), std::string::npos);
  EXPECT_NE(r->body.find("value=\"2026-13-45\""), std::string::npos) << "the form keeps what was typed";
  EXPECT_NE(r->body.find("data-chart=\"map\""), std::string::npos) << "the page still shows the unfiltered figures";
  r = get("steering", "/?from=2026-06-01&to=2026-01-01&operator=no-such-operator&track=no-such-track&map=bogus");
  ASSERT_EQ(r->status, 422);
  for (const char* field : {"to", "operator", "track", "map"})
    EXPECT_NE(r->body.find("data-field=\"" + std::string(field) + "\""), std::string::npos) << field;
  EXPECT_NE(r->body.find(html(m.text("fr", "error.end_before_start"))), std::string::npos);
  r = get("steering", "/?lang=ar&region=99");
  ASSERT_EQ(r->status, 422);
  EXPECT_NE(r->body.find(html(m.text("ar", "error.region_unknown"))), std::string::npos);
}

TEST_F(Dashboard, ExportsCarryTheFilters) {
  auto r = get("admin", "/?region=06&as_of=2026-10-31&map=enrolled");
  ASSERT_EQ(r->status, 200);
  static const std::regex link(R"re(href="([^"]*)" data-export="([a-z-]+)")re");
  std::map<std::string, std::string> links;
  for (auto it = std::sregex_iterator(r->body.begin(), r->body.end(), link); it != std::sregex_iterator(); ++it)
    links[(*it)[2]] = unescape((*it)[1]);
  ASSERT_EQ(links.size(), 3u);
  for (const auto& [kind, href] : links) {
    EXPECT_NE(href.find("region=06"), std::string::npos) << href;
    EXPECT_NE(href.find("as_of=2026-10-31"), std::string::npos) << href;
    EXPECT_EQ(href.find("map="), std::string::npos) << "the API refuses unknown parameters: " << href;
    auto file = get("admin", href);
    ASSERT_EQ(file->status, 200) << kind << " " << href << " " << file->body.substr(0, 300);
    EXPECT_NE(file->get_header_value("Content-Disposition").find("attachment"), std::string::npos);
  }
  EXPECT_NE(links["xlsx"].find("format=xlsx"), std::string::npos);
  EXPECT_NE(links["csv"].find("format=csv"), std::string::npos);
  EXPECT_NE(links["open-data"].find("/api/v1/indicators/open-data"), std::string::npos);
}

TEST_F(Dashboard, OperatorsSeeTheirOwnNumbersCandidatesAndEmployersKeepTheirHome) {
  auto r = get("operator", "/");
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("data-chart=\"funnel\""), std::string::npos);
  EXPECT_NE(r->body.find(html(app::Messages::global().text("fr", "dashboard.operator_scope"))), std::string::npos);
  EXPECT_EQ(r->body.find("name=\"operator\""), std::string::npos) << "no operator filter for an operator";
  EXPECT_EQ(r->body.find("data-chart=\"targets\""), std::string::npos) << "targets are the ministry's";
  expect_tiles_match_api("operator", "");

  r = get("candidate", "/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 303) << "the candidate's home is her record";
  EXPECT_EQ(r->body.find("data-chart="), std::string::npos);
  r = get("employer", "/");
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(r->body.find("data-chart="), std::string::npos);
  EXPECT_EQ(r->body.find("data-tile="), std::string::npos);
}

TEST_F(Dashboard, SpeaksArabicRightToLeftAndEnglish) {
  const auto& m = app::Messages::global();
  auto r = get("steering", "/?lang=ar");
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("<html lang=\"ar\" dir=\"rtl\">"), std::string::npos);
  EXPECT_NE(r->body.find(html(m.text("ar", "nav.dashboard"))), std::string::npos);
  EXPECT_NE(r->body.find(html(m.text("ar", "indicator.insertion_rate_6m"))), std::string::npos);
  EXPECT_NE(r->body.find("direction=\"ltr\""), std::string::npos) << "charts keep their own layout in an RTL page";
  r = get("steering", "/?lang=en");
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("dir=\"ltr\""), std::string::npos);
  EXPECT_NE(r->body.find(html(m.text("en", "dashboard.funnel"))), std::string::npos);
  for (const std::string lang : {"fr", "ar", "en"}) {
    const auto page = get("steering", "/?lang=" + lang)->body;
    EXPECT_EQ(page.find("indicator."), std::string::npos) << lang << ": a label without its message";
    EXPECT_EQ(page.find("dashboard."), std::string::npos) << lang << ": a label without its message";
  }
}

}  // namespace

}  // namespace jobintech::testing
