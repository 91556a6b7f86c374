#include "web/svg_chart.h"

#include <gtest/gtest.h>

#include <regex>

namespace jobintech::web::svg {

namespace {

// A minimal well-formedness check: every element closed in order, attributes quoted, no bare
// '&' or '<' in text. Enough to catch a label that was not escaped.
bool well_formed(const std::string& s, std::string* why) {
  std::vector<std::string> open;
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] == '<') {
      const auto end = s.find('>', i);
      if (end == std::string::npos) return *why = "unclosed tag", false;
      std::string tag = s.substr(i + 1, end - i - 1);
      if (tag.empty()) return *why = "empty tag", false;
      if (tag.find('<') != std::string::npos) return *why = "'<' inside a tag", false;
      if (tag[0] == '/') {
        if (open.empty() || open.back() != tag.substr(1)) return *why = "mismatched </" + tag.substr(1) + ">", false;
        open.pop_back();
      } else if (tag.back() != '/') {
        open.push_back(tag.substr(0, tag.find(' ')));
      }
      if (std::count(tag.begin(), tag.end(), '"') % 2) return *why = "odd quotes in <" + tag + ">", false;
      i = end + 1;
    } else {
      if (s[i] == '&') {
        const auto semi = s.find(';', i);
        if (semi == std::string::npos || semi - i > 6) return *why = "bare &", false;
      }
      if (s[i] == '>') return *why = "bare >", false;
      ++i;
    }
  }
  if (!open.empty()) return *why = "unclosed <" + open.back() + ">", false;
  return true;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t c = 0;
  for (auto p = haystack.find(needle); p != std::string::npos; p = haystack.find(needle, p + needle.size())) ++c;
  return c;
}

void expect_accessible(const std::string& svg, const std::string& title) {
  std::string why;
  EXPECT_TRUE(well_formed(svg, &why)) << why << "\n" << svg;
  EXPECT_EQ(svg.rfind("<svg ", 0), 0u);
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("<title id="), std::string::npos);
  EXPECT_NE(svg.find("<desc id="), std::string::npos);
  EXPECT_NE(svg.find(">" + title + "</title>"), std::string::npos);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(svg.find("style="), std::string::npos) << "inline styles are refused by the site's CSP";
  EXPECT_EQ(svg.find("<style"), std::string::npos);
  EXPECT_EQ(svg.find("@import"), std::string::npos);
  EXPECT_EQ(svg.find("href=\"http"), std::string::npos);
}

}  // namespace

TEST(SvgFormat, CountsRatesAndNumbersFollowTheLanguage) {
  EXPECT_EQ(format_count(0, "fr"), "0");
  EXPECT_EQ(format_count(999, "fr"), "999");
  EXPECT_EQ(format_count(15000, "fr"), "15\u202f000");
  EXPECT_EQ(format_count(1234567, "en"), "1,234,567");
  EXPECT_EQ(format_count(1234567, "ar"), "1\u202f234\u202f567");
  EXPECT_EQ(format_rate(0.725, "fr"), "72,5\u00a0%");
  EXPECT_EQ(format_rate(0.725, "en"), "72.5\u00a0%");
  EXPECT_EQ(format_rate(2.0 / 3.0, "fr"), "66,7\u00a0%");
  EXPECT_EQ(format_rate(1.0, "fr"), "100,0\u00a0%");
  EXPECT_EQ(format_rate(0.0, "en"), "0.0\u00a0%");
  EXPECT_EQ(format_rate(0.99999, "en"), "100.0\u00a0%");
  EXPECT_EQ(format_rate(std::nullopt, "fr"), "—");
  EXPECT_EQ(format_number(8500, "fr"), "8\u202f500");
  EXPECT_EQ(format_number(42.5, "fr"), "42,5");
  EXPECT_EQ(format_number(42.5, "en"), "42.5");
  EXPECT_EQ(format_number(std::nullopt, "ar"), "—");
}

TEST(SvgChart, EscapesEveryText) {
  EXPECT_EQ(xml_escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
  const auto svg = bar_chart({"Titre <script>", "Desc & co"}, {{"<b>Casa & Rabat</b>", 3, std::nullopt, "3 \"x\""}});
  expect_accessible(svg, "Titre &lt;script&gt;");
  EXPECT_EQ(svg.find("<b>"), std::string::npos);
  EXPECT_NE(svg.find("&lt;b&gt;Casa &amp; Rabat&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(svg.find("Desc &amp; co"), std::string::npos);
}

TEST(SvgChart, BarChartPrintsValuesAndMarksTargets) {
  const std::vector<Bar> bars = {{"Dakhla-Oued Eddahab", 120, 100, "120 / 100 · 120,0 %"},
                                 {"Ensemble du programme", 7500, 15000, "7 500 / 15 000 · 50,0 %"},
                                 {"Souss-Massa", std::nullopt, std::nullopt, "—"}};
  const auto svg = bar_chart({"Réalisé / objectif", "Apprenants inscrits"}, bars);
  expect_accessible(svg, "Réalisé / objectif");
  EXPECT_NE(svg.find("120 / 100 · 120,0 %"), std::string::npos);
  EXPECT_NE(svg.find(">—</text>"), std::string::npos);
  EXPECT_EQ(count(svg, "stroke-dasharray"), 2u) << "one target marker per bar with a target";
  // The largest of values and targets (15 000) spans the whole bar area: 300 units.
  EXPECT_NE(svg.find("width=\"150\""), std::string::npos) << "7 500 is half of 15 000";
  EXPECT_EQ(count(svg, "<g>"), 3u);
}

TEST(SvgChart, BarChartWithoutDataIsStillAValidImage) {
  expect_accessible(bar_chart({"Vide", "Aucune donnée"}, {}), "Vide");
  expect_accessible(bar_chart({"Zéros", "Rien"}, {{"a", 0, 0, "0"}}), "Zéros");
}

TEST(SvgChart, FunnelShowsCountsAndShareOfThePreviousStep) {
  const auto svg = funnel_chart({"Entonnoir", "Des candidats aux insérés"},
                                {{"Candidats", 1000}, {"Admis", 400}, {"Inscrits", 300}, {"Diplômés", 0}, {"Insérés", 0}},
                                "de l'étape précédente", "fr");
  expect_accessible(svg, "Entonnoir");
  EXPECT_NE(svg.find(">1\u202f000</text>"), std::string::npos);
  EXPECT_NE(svg.find("400 · 40,0\u00a0% de l&#39;étape précédente"), std::string::npos);
  EXPECT_NE(svg.find("300 · 75,0\u00a0%"), std::string::npos);
  EXPECT_NE(svg.find("0 · 0,0\u00a0%"), std::string::npos);
  EXPECT_NE(svg.find("0 · —"), std::string::npos) << "no share of an empty step";
  // Widths decrease with the counts: the first step is the widest (400 units).
  EXPECT_NE(svg.find("width=\"400\""), std::string::npos);
  EXPECT_NE(svg.find("width=\"160\""), std::string::npos);
}

TEST(SvgChart, TrendDrawsColumnsAndABrokenLineForMissingRates) {
  const std::vector<TrendPoint> points = {{"2025-T1", 10, "10", 0.5, "50,0 %"},
                                          {"2025-T2", 20, "20", std::nullopt, "—"},
                                          {"2025-T3", 5, "5", 1.0, "100,0 %"},
                                          {"2025-T4", 8, "8", 0.25, "25,0 %"}};
  const auto svg = trend_chart({"Tendance", "Par trimestre"}, points, "Inscrits", "Taux d'insertion");
  expect_accessible(svg, "Tendance");
  for (const char* label : {"2025-T1", "2025-T2", "2025-T3", "2025-T4", "50,0 %", "100,0 %", "Inscrits"})
    EXPECT_NE(svg.find(label), std::string::npos) << label;
  EXPECT_EQ(count(svg, "<circle"), 4u) << "a dot per known rate, and one in the legend";
  const std::regex path("<path d=\"([^\"]*)\"");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(svg, m, path));
  EXPECT_EQ(count(m[1].str(), "M"), 2u) << "the line breaks at the missing rate: " << m[1].str();
  EXPECT_EQ(count(m[1].str(), "L"), 1u);
  expect_accessible(trend_chart({"Vide", "Rien"}, {}, "a", "b"), "Vide");
}

TEST(SvgChart, TileMapHasTwelveRegionsColouredAndLabelled) {
  std::vector<RegionTile> tiles;
  for (int r = 1; r <= 12; ++r) {
    char code[3];
    std::snprintf(code, sizeof code, "%02d", r);
    tiles.push_back({code, "Région " + std::string(code),
                     r == 5 ? std::nullopt : std::optional<double>(r / 12.0), r == 5 ? "—" : std::to_string(r)});
  }
  tiles[10].name = "Laâyoune-Sakia El Hamra";
  const auto svg = region_tile_map({"Carte", "Taux par région"}, tiles,
                                   {0, 1, {"0–20 %", "20–40 %", "40–60 %", "60–80 %", "80–100 %"}, "Sans donnée"});
  expect_accessible(svg, "Carte");
  EXPECT_EQ(count(svg, "class=\"tile\""), 12u);
  for (int r = 1; r <= 12; ++r) {
    char code[3];
    std::snprintf(code, sizeof code, "%02d", r);
    EXPECT_NE(svg.find("data-region=\"" + std::string(code) + "\""), std::string::npos) << code;
  }
  EXPECT_NE(svg.find(">Laâyoune-Sakia El</text>"), std::string::npos) << "long names wrap on two lines";
  EXPECT_NE(svg.find(">Hamra</text>"), std::string::npos);
  EXPECT_NE(svg.find("Sans donnée"), std::string::npos);
  EXPECT_NE(svg.find("80–100 %"), std::string::npos);
  EXPECT_EQ(count(svg, "fill=\"url(#"), 2u) << "the null region and the legend's no-data swatch are hatched";
  EXPECT_EQ(count(svg, "#253494"), 4u) << "the darkest step: 10/12 to 12/12, and the legend";
}

TEST(SvgChart, TileMapDrawsMissingRegionsAsNoData) {
  const auto svg = region_tile_map({"Carte vide", "Rien"}, {}, {0, 1, {}, "Sans donnée"});
  expect_accessible(svg, "Carte vide");
  EXPECT_EQ(count(svg, "class=\"tile\""), 12u);
  EXPECT_EQ(count(svg, "fill=\"url(#"), 13u);
}

TEST(SvgChart, MapStepsSplitTheScaleEvenly) {
  EXPECT_EQ(map_step(std::nullopt, 0, 1), -1);
  EXPECT_EQ(map_step(0.0, 0, 1), 0);
  EXPECT_EQ(map_step(0.19, 0, 1), 0);
  EXPECT_EQ(map_step(0.2, 0, 1), 1);
  EXPECT_EQ(map_step(0.99, 0, 1), 4);
  EXPECT_EQ(map_step(1.0, 0, 1), 4);
  EXPECT_EQ(map_step(150.0, 0, 100), 4);
  EXPECT_EQ(map_step(3.0, 3, 3), 4) << "a single value takes the darkest colour";
}

}  // namespace jobintech::web::svg
