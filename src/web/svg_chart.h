// Server-side SVG charts for the steering dashboard: a horizontal bar chart (with an optional
// target marker per bar), a funnel, a column-and-line chart of a trend, and a tile map of the 12
// regions of Morocco. Each builder returns a complete <svg> element as a string, ready to be
// inserted in a page: role="img", a <title> and a <desc>, every text XML-escaped, no script, no
// style sheet or style attribute (the site's Content-Security-Policy forbids inline styles), no
// external font. Values are printed beside every mark, so colour never carries information alone.
// The layout is fixed left-to-right inside the drawing (direction="ltr" on the root) so that it
// reads the same inside a right-to-left page; labels in Arabic still shape and order correctly.
// The callers format the numbers (format_count, format_rate) and translate every label.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jobintech::web::svg {

// "&", "<", ">", '"' and "'" as XML entities.
std::string xml_escape(const std::string& text);

// Numbers as the pages show them, in a language (fr, ar, en): counts grouped by thousands
// (narrow no-break space in fr and ar, comma in en); rates (fractions 0..1) as percentages with
// one decimal ("72,5 %" in fr and ar, "72.5 %" in en); other values with at most one decimal.
// A null value is "—".
std::string format_count(std::int64_t value, const std::string& lang);
std::string format_rate(std::optional<double> fraction, const std::string& lang);
std::string format_number(std::optional<double> value, const std::string& lang);

// What every chart has: a title (also the SVG's <title>) and a longer description (<desc>).
struct ChartText {
  std::string title, description;
};

// Horizontal bars, one per row, labels before the bars, the value printed after each bar.
// With a target, a dark marker shows where the target lies and the printed text is the caller's
// value_text (e.g. "120 / 100 · 120,0 %"). The scale runs from 0 to the largest value or target.
struct Bar {
  std::string label;
  std::optional<double> value;   // null: no bar, value_text printed (e.g. "—")
  std::optional<double> target;  // null: no marker
  std::string value_text;
};
std::string bar_chart(const ChartText& text, const std::vector<Bar>& bars);

// The funnel: one centred bar per step, each narrower than the first in proportion to its count,
// with the count and the share of the previous step printed ("of_previous" is the translated
// label, e.g. "du précédent"; the first step has no share).
struct FunnelStep {
  std::string label;
  std::int64_t count = 0;
};
std::string funnel_chart(const ChartText& text, const std::vector<FunnelStep>& steps, const std::string& of_previous,
                         const std::string& lang);

// A trend over periods: one column per period (a count, scale 0..max) and a line of a rate
// (scale 0..100 %) with a dot per period, both values printed; a legend names the two series.
struct TrendPoint {
  std::string label;  // the period, e.g. "2025-T3"
  double column = 0;
  std::string column_text;
  std::optional<double> line;  // a fraction 0..1; null: no dot, the line breaks
  std::string line_text;
};
std::string trend_chart(const ChartText& text, const std::vector<TrendPoint>& points, const std::string& column_name,
                        const std::string& line_name);

// The 12 regions as squares placed roughly as on the map (Tanger-Tétouan-Al Hoceïma at the top,
// Dakhla-Oued Eddahab at the bottom), each filled on a sequential scale from scale.min to
// scale.max (hatched grey when null) and labelled with its code, name and value_text. Regions
// missing from `tiles` are drawn as null with an empty name. The legend prints each colour step
// with its label (a step with an empty label is left out) and no_data_label for the hatching.
struct RegionTile {
  std::string code;  // "01".."12"
  std::string name;
  std::optional<double> value;
  std::string value_text;
};
struct MapScale {
  double min = 0, max = 1;
  std::vector<std::string> step_labels;  // one per colour step (kMapSteps), e.g. "0–20 %"; none: no legend
  std::string no_data_label;
};
std::string region_tile_map(const ChartText& text, const std::vector<RegionTile>& tiles, const MapScale& scale);

// The fill of a value on the map's sequential scale: step 0..4 (light to dark), -1 for null.
int map_step(std::optional<double> value, double min, double max);
inline constexpr int kMapSteps = 5;

}  // namespace jobintech::web::svg
