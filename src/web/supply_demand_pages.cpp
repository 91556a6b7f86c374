// The supply-demand page (GET /supply-demand, docs/matching.md) for the programme office and
// steering: for the whole country or one region (?region=01..12), each skill with the open
// positions that require it, the graduates who hold it, the gap between them and the tracks that
// teach it, largest gap first; then each region with its own largest gap. The widest gaps are
// drawn as a server-side SVG bar chart and as a bar in each row (SVG attributes, no inline style:
// the Content-Security-Policy forbids it), and the numbers are always printed beside them. The
// numbers are those of GET /api/v1/supply-demand (MatchingService::supply_demand).
#include <algorithm>
#include <cmath>

#include "web/matching_pages.h"
#include "web/page_builder.h"
#include "web/router.h"
#include "web/svg_chart.h"

namespace jobintech::web {

namespace {

using nlohmann::json;

constexpr std::size_t kChartBars = 12;
constexpr double kRowBarWidth = 120;  // the row bar's full width, in the SVG's units

std::string joined(const std::vector<std::string>& codes, const std::map<std::string, std::string>& names) {
  std::vector<std::string> shown;
  for (const auto& c : codes) shown.push_back(names.count(c) ? names.at(c) : c);
  std::sort(shown.begin(), shown.end());
  std::string out;
  for (const auto& n : shown) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

void register_supply_demand_page_routes(Router& router, Services& s) {
  router.add({"GET", "/supply-demand", Audience::signed_in, Kind::page,
              "Open positions against graduates per skill (?region=CODE; none: the whole country), largest gap "
              "first, with the tracks that teach each skill, and each region's largest gap",
              "", [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                PageBuilder b(s, req, ctx);
                const auto& actor = *ctx.actor;
                if (actor.role != app::Role::admin && actor.role != app::Role::steering)
                  return b.error_page(res, 403, "forbidden");
                const auto& m = app::Messages::global();
                const auto& lang = ctx.lang;
                const auto regions = b.region_names();
                std::string region = req.get_param_value("region");
                json page = b.base("supply_demand");
                if (!region.empty() && !regions.count(region)) {
                  page["refusal"] = refusal_json({{"region", "region_unknown", {}}}, lang);
                  res.status = 422;
                  region.clear();  // the whole country, said above the tables
                }
                const auto out = s.matching.supply_demand(actor, region);
                if (!out.ok()) return b.error_page(res, status_of(out.kind), out.message_code);
                std::map<std::string, std::string> tracks;
                for (const auto& t : b.all("tracks")) tracks[core::to_text(t.at("code"))] = localized_name(t, lang);
                const auto& catalogue = SkillCatalogue::global();

                std::int64_t widest = 0;
                for (const auto& l : out.value.lines) widest = std::max(widest, l.gap());
                json lines = json::array();
                std::vector<svg::Bar> bars;
                for (const auto& l : out.value.lines) {
                  const auto name = catalogue.name(l.skill_code, lang);
                  const auto gap = l.gap();
                  const double share = widest > 0 && gap > 0 ? static_cast<double>(gap) / static_cast<double>(widest) : 0;
                  lines.push_back({{"skill_code", l.skill_code},
                                   {"skill", name},
                                   {"positions", svg::format_count(l.positions, lang)},
                                   {"graduates", svg::format_count(l.graduates, lang)},
                                   {"gap", svg::format_count(gap, lang)},
                                   {"gap_raw", gap},
                                   {"shortage", gap > 0},
                                   {"bar", share > 0},
                                   {"bar_width", std::max(1L, std::lround(share * kRowBarWidth))},
                                   {"tracks", joined(l.tracks, tracks)},
                                   {"untaught", l.tracks.empty()}});
                  if (gap > 0 && bars.size() < kChartBars)
                    bars.push_back({name, static_cast<double>(gap), std::nullopt,
                                    m.text(lang, "supply.bar_text",
                                           {{"gap", svg::format_count(gap, lang)},
                                            {"positions", svg::format_count(l.positions, lang)},
                                            {"graduates", svg::format_count(l.graduates, lang)}})});
                }
                const std::string where = region.empty() ? m.text(lang, "supply.whole_country") : regions.at(region);
                page["where"] = where;
                page["lines"] = lines;
                page["has_lines"] = !lines.empty();
                page["bar_full"] = std::lround(kRowBarWidth);
                if (!bars.empty())
                  page["chart"] = svg::bar_chart({m.text(lang, "supply.chart", {{"where", where}}),
                                                  m.text(lang, "supply.chart_desc", {{"where", where}})},
                                                 bars);

                json by_region = json::array();
                for (const auto& l : out.value.regions) {
                  by_region.push_back({{"region_code", l.region_code},
                                       {"region", regions.count(l.region_code) ? regions.at(l.region_code) : l.region_code},
                                       {"skill", catalogue.name(l.skill_code, lang)},
                                       {"positions", svg::format_count(l.positions, lang)},
                                       {"graduates", svg::format_count(l.graduates, lang)},
                                       {"gap", svg::format_count(l.gap(), lang)},
                                       {"shortage", l.gap() > 0},
                                       {"tracks", joined(l.tracks, tracks)},
                                       {"untaught", l.tracks.empty()},
                                       {"href", "/supply-demand?region=" + l.region_code}});
                }
                page["regions_rows"] = by_region;
                page["has_regions_rows"] = !by_region.empty();
                page["regions"] = b.region_options(region);
                b.render(res, "supply_demand", page);
              }});
}

}  // namespace jobintech::web
