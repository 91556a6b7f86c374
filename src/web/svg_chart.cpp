// Written by hand: the four charts are small, fixed layouts, and no Debian-packaged C++ library
// renders accessible SVG charts on a server without a script or a style sheet.
#include "web/svg_chart.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>

namespace jobintech::web::svg {

namespace {

constexpr const char* kInk = "#1d2733";
constexpr const char* kMuted = "#5b6878";
constexpr const char* kLine = "#c9d1d9";
constexpr const char* kBar = "#0b6e4f";
constexpr const char* kTarget = "#1d2733";
constexpr const char* kColumn = "#8fb8d9";
constexpr const char* kRateLine = "#c1272d";
constexpr const char* kNoData = "#e3e6ea";
// ColorBrewer YlGnBu, 5 classes: sequential, readable by most colour-blind people and in grey.
constexpr std::array<const char*, kMapSteps> kScale = {"#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"};

// Two decimals at most, '.' as separator: SVG coordinates.
std::string n(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (s == "-0") s = "0";
  return s;
}

// Code points of a UTF-8 string (continuation bytes are not counted).
std::size_t length(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// The first `count` code points.
std::string prefix(const std::string& s, std::size_t count) {
  std::size_t seen = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((s[i] & 0xC0) != 0x80) {
      if (seen == count) break;
      ++seen;
    }
  }
  return s.substr(0, i);
}

std::string shorten(const std::string& s, std::size_t max) {
  return length(s) <= max ? s : prefix(s, max - 1) + "…";
}

// Breaks a label into at most `lines` lines of about `width` code points, at spaces and after
// hyphens; the last line is shortened with "…" when the label is longer.
std::vector<std::string> wrap(const std::string& s, std::size_t width, std::size_t lines) {
  std::vector<std::string> words;
  std::string word;
  for (char c : s) {
    if (c == ' ') {
      if (!word.empty()) words.push_back(word + " ");
      word.clear();
    } else {
      word += c;
      if (c == '-') {
        words.push_back(word);
        word.clear();
      }
    }
  }
  if (!word.empty()) words.push_back(word);
  std::vector<std::string> out;
  std::string line;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!line.empty() && length(line) + length(words[i]) > width + 1) {
      if (out.size() + 1 == lines) {
        for (; i < words.size(); ++i) line += words[i];
        break;
      }
      out.push_back(line);
      line.clear();
    }
    line += words[i];
  }
  if (!line.empty()) out.push_back(line);
  for (auto& l : out)
    while (!l.empty() && l.back() == ' ') l.pop_back();
  if (!out.empty()) out.back() = shorten(out.back(), width + 2);
  return out;
}

std::string open_svg(const ChartText& text, double width, double height, const std::string& id) {
  const std::string t = id + "-title", d = id + "-desc";
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"chart\" direction=\"ltr\" viewBox=\"0 0 " +
         n(width) + " " + n(height) + "\" width=\"" + n(width) + "\" height=\"" + n(height) +
         "\" aria-labelledby=\"" + t + " " + d + "\" font-family=\"system-ui, 'Segoe UI', 'Noto Sans', 'Noto Sans Arabic', "
         "Tahoma, sans-serif\" font-size=\"12\" fill=\"" + kInk + "\"><title id=\"" + t + "\">" + xml_escape(text.title) +
         "</title><desc id=\"" + d + "\">" + xml_escape(text.description) + "</desc>";
}

// A fresh id per chart: several charts share one page and their <title> ids must differ.
std::string chart_id(const char* kind, const ChartText& text) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : text.title) h = (h ^ c) * 16777619u;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%08x", h);
  return std::string("chart-") + kind + "-" + buf;
}

std::string text_el(double x, double y, const std::string& content, const std::string& attributes = "") {
  return "<text x=\"" + n(x) + "\" y=\"" + n(y) + "\"" + (attributes.empty() ? "" : " " + attributes) + ">" +
         xml_escape(content) + "</text>";
}

std::string rect(double x, double y, double w, double h, const std::string& fill, const std::string& extra = "") {
  return "<rect x=\"" + n(x) + "\" y=\"" + n(y) + "\" width=\"" + n(std::max(0.0, w)) + "\" height=\"" +
         n(std::max(0.0, h)) + "\" fill=\"" + fill + "\"" + (extra.empty() ? "" : " " + extra) + "/>";
}

std::string line(double x1, double y1, double x2, double y2, const std::string& stroke, double width,
                 const std::string& extra = "") {
  return "<line x1=\"" + n(x1) + "\" y1=\"" + n(y1) + "\" x2=\"" + n(x2) + "\" y2=\"" + n(y2) + "\" stroke=\"" +
         stroke + "\" stroke-width=\"" + n(width) + "\"" + (extra.empty() ? "" : " " + extra) + "/>";
}

std::string grouped(std::int64_t value, const std::string& separator) {
  const bool negative = value < 0;
  std::string digits = std::to_string(negative ? -value : value);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += separator;
    out += digits[i];
  }
  return negative ? "-" + out : out;
}

// One decimal, with the language's separator; the integer part grouped.
std::string decimal(double v, int decimals, const std::string& lang) {
  const double scale = decimals == 1 ? 10.0 : 1.0;
  const double rounded = std::round(v * scale) / scale;
  const auto whole = static_cast<std::int64_t>(std::trunc(rounded));
  std::string out = format_count(whole, lang);
  if (rounded < 0 && whole == 0) out = "-" + out;
  if (decimals == 1) {
    const auto tenth = static_cast<int>(std::llround(std::fabs(rounded - static_cast<double>(whole)) * 10.0)) % 10;
    out += (lang == "en" ? "." : ",") + std::to_string(tenth);
  }
  return out;
}

}  // namespace

std::string xml_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string format_count(std::int64_t value, const std::string& lang) {
  return grouped(value, lang == "en" ? "," : "\u202f");
}

std::string format_rate(std::optional<double> fraction, const std::string& lang) {
  if (!fraction || !std::isfinite(*fraction)) return "—";
  return decimal(*fraction * 100.0, 1, lang) + "\u00a0%";
}

std::string format_number(std::optional<double> value, const std::string& lang) {
  if (!value || !std::isfinite(*value)) return "—";
  const bool whole = std::fabs(*value - std::round(*value)) < 1e-9;
  return decimal(*value, whole ? 0 : 1, lang);
}

std::string bar_chart(const ChartText& text, const std::vector<Bar>& bars) {
  constexpr double label_w = 290, bar_x = 300, bar_w = 300, row_h = 30, top = 10, width = 780;
  const double height = top * 2 + row_h * static_cast<double>(std::max<std::size_t>(bars.size(), 1));
  double max = 0;
  for (const auto& b : bars) {
    if (b.value) max = std::max(max, *b.value);
    if (b.target) max = std::max(max, *b.target);
  }
  const auto x_of = [&](double v) { return bar_x + (max > 0 ? bar_w * std::max(0.0, v) / max : 0.0); };
  std::string s = open_svg(text, width, height, chart_id("bars", text));
  s += line(bar_x, top - 4, bar_x, height - top + 4, kMuted, 1);
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const auto& b = bars[i];
    const double y = top + row_h * static_cast<double>(i);
    s += "<g>";
    std::string label = shorten(b.label, 40);
    s += "<text x=\"" + n(label_w) + "\" y=\"" + n(y + row_h / 2 + 4) + "\" text-anchor=\"end\">" +
         (label != b.label ? "<title>" + xml_escape(b.label) + "</title>" : "") + xml_escape(label) + "</text>";
    double end = bar_x;
    if (b.value) {
      end = x_of(*b.value);
      s += rect(bar_x, y + 6, end - bar_x, row_h - 12, kBar);
    }
    if (b.target) {
      const double tx = x_of(*b.target);
      s += line(tx, y + 2, tx, y + row_h - 2, kTarget, 3, "stroke-dasharray=\"4 2\"");
      end = std::max(end, tx);
    }
    s += text_el(end + 6, y + row_h / 2 + 4, b.value_text);
    s += "</g>";
  }
  return s + "</svg>";
}

std::string funnel_chart(const ChartText& text, const std::vector<FunnelStep>& steps, const std::string& of_previous,
                         const std::string& lang) {
  constexpr double label_w = 250, centre = 470, max_w = 400, row_h = 46, top = 8, width = 960;
  const double height = top * 2 + row_h * static_cast<double>(std::max<std::size_t>(steps.size(), 1));
  std::int64_t max = 0;
  for (const auto& st : steps) max = std::max(max, st.count);
  std::string s = open_svg(text, width, height, chart_id("funnel", text));
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const auto& st = steps[i];
    const double y = top + row_h * static_cast<double>(i);
    double w = max > 0 ? max_w * static_cast<double>(st.count) / static_cast<double>(max) : 0;
    if (st.count > 0) w = std::max(w, 3.0);
    s += "<g>";
    s += text_el(label_w, y + row_h / 2 + 4, shorten(st.label, 34), "text-anchor=\"end\" font-weight=\"600\"");
    s += rect(centre - w / 2, y + 5, w, row_h - 10, kBar, "rx=\"3\"");
    std::string value = format_count(st.count, lang);
    if (i > 0) {
      const auto previous = steps[i - 1].count;
      value += " · " + format_rate(previous > 0 ? std::optional<double>(static_cast<double>(st.count) /
                                                                        static_cast<double>(previous))
                                                : std::nullopt,
                                   lang) +
               " " + of_previous;
    }
    s += text_el(centre + max_w / 2 + 10, y + row_h / 2 + 4, value);
    s += "</g>";
  }
  return s + "</svg>";
}

std::string trend_chart(const ChartText& text, const std::vector<TrendPoint>& points, const std::string& column_name,
                        const std::string& line_name) {
  constexpr double left = 20, right_axis = 56, top = 40, plot_h = 200, slot_min = 64;
  const double count = static_cast<double>(std::max<std::size_t>(points.size(), 1));
  const double plot_w = std::max(640.0, slot_min * count);
  const double width = left + plot_w + right_axis;
  const double height = top + plot_h + 66;
  const double slot = plot_w / count;
  double max = 0;
  for (const auto& p : points) max = std::max(max, p.column);
  const double base = top + plot_h;
  std::string s = open_svg(text, width, height, chart_id("trend", text));
  // Legend: a column swatch and a line with a dot, each with its name.
  s += rect(left, 10, 14, 14, kColumn);
  s += text_el(left + 20, 22, column_name);
  const double lx = left + 40 + 7.0 * static_cast<double>(length(column_name)) + 20;
  s += line(lx, 17, lx + 24, 17, kRateLine, 2.5);
  s += "<circle cx=\"" + n(lx + 12) + "\" cy=\"17\" r=\"4\" fill=\"" + std::string(kRateLine) + "\"/>";
  s += text_el(lx + 30, 22, line_name);
  // Grid lines at 0, 50 and 100 % of the rate scale (and of the largest column).
  for (int k = 0; k <= 2; ++k) {
    const double y = base - plot_h * k / 2.0;
    s += line(left, y, left + plot_w, y, k == 0 ? kMuted : kLine, 1);
    s += text_el(left + plot_w + 6, y + 4, std::to_string(k * 50) + "\u00a0%", "fill=\"" + std::string(kRateLine) + "\"");
  }
  std::string path;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const auto& p = points[i];
    const double cx = left + slot * (static_cast<double>(i) + 0.5);
    const double h = max > 0 ? plot_h * std::max(0.0, p.column) / max : 0;
    s += "<g>";
    s += rect(cx - slot * 0.3, base - h, slot * 0.6, h, kColumn);
    s += text_el(cx, base + 16, p.label, "text-anchor=\"middle\" font-weight=\"600\"");
    s += text_el(cx, base + 34, p.column_text, "text-anchor=\"middle\"");
    s += text_el(cx, base + 52, p.line_text, "text-anchor=\"middle\" fill=\"" + std::string(kRateLine) + "\"");
    s += "</g>";
    if (p.line) {
      const double y = base - plot_h * std::clamp(*p.line, 0.0, 1.0);
      path += (path.empty() || !points[i - 1].line ? "M" : "L") + n(cx) + " " + n(y) + " ";
    }
  }
  if (!path.empty()) {
    path.pop_back();
    s += "<path d=\"" + path + "\" fill=\"none\" stroke=\"" + kRateLine + "\" stroke-width=\"2.5\"/>";
  }
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (!points[i].line) continue;
    const double cx = left + slot * (static_cast<double>(i) + 0.5);
    const double y = base - plot_h * std::clamp(*points[i].line, 0.0, 1.0);
    s += "<circle cx=\"" + n(cx) + "\" cy=\"" + n(y) + "\" r=\"4\" fill=\"" + kRateLine + "\" stroke=\"#ffffff\"/>";
  }
  return s + "</svg>";
}

int map_step(std::optional<double> value, double min, double max) {
  if (!value || !std::isfinite(*value)) return -1;
  if (max <= min) return kMapSteps - 1;
  const double t = (*value - min) / (max - min);
  return std::clamp(static_cast<int>(std::floor(t * kMapSteps)), 0, kMapSteps - 1);
}

std::string region_tile_map(const ChartText& text, const std::vector<RegionTile>& tiles, const MapScale& scale) {
  // Column and row of each region: the north at the top, the Atlantic to the left.
  static const std::map<std::string, std::pair<int, int>> place = {
      {"01", {2, 0}}, {"04", {1, 1}}, {"03", {2, 1}}, {"02", {3, 1}}, {"06", {1, 2}}, {"05", {2, 2}},
      {"07", {1, 3}}, {"08", {2, 3}}, {"10", {0, 4}}, {"09", {1, 4}}, {"11", {0, 5}}, {"12", {0, 6}}};
  constexpr double tile_w = 150, tile_h = 84, gap = 6, margin = 4;
  const double width = margin * 2 + 4 * tile_w + 3 * gap;
  const double height = margin * 2 + 7 * tile_h + 6 * gap;
  std::map<std::string, const RegionTile*> by_code;
  for (const auto& t : tiles) by_code[t.code] = &t;
  std::string s = open_svg(text, width, height, chart_id("map", text));
  s += "<defs><pattern id=\"" + chart_id("hatch", text) +
       "\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">" +
       rect(0, 0, 8, 8, kNoData) + line(0, 0, 0, 8, "#b7bec7", 3) + "</pattern></defs>";
  const std::string hatch = "url(#" + chart_id("hatch", text) + ")";
  for (const auto& [code, cell] : place) {
    const RegionTile empty{code, "", std::nullopt, "—"};
    const auto it = by_code.find(code);
    const RegionTile& t = it == by_code.end() ? empty : *it->second;
    const double x = margin + cell.first * (tile_w + gap), y = margin + cell.second * (tile_h + gap);
    const int step = map_step(t.value, scale.min, scale.max);
    const std::string ink = step >= 3 ? "#ffffff" : kInk;
    s += "<g class=\"tile\" data-region=\"" + xml_escape(code) + "\">";
    s += rect(x, y, tile_w, tile_h, step < 0 ? hatch : kScale[static_cast<std::size_t>(step)],
              "rx=\"6\" stroke=\"#ffffff\" stroke-width=\"1\"");
    s += text_el(x + 8, y + 16, code, "font-weight=\"700\" fill=\"" + ink + "\"");
    const auto name = wrap(t.name, 20, 2);
    for (std::size_t k = 0; k < name.size(); ++k)
      s += text_el(x + 8, y + 31 + 13 * static_cast<double>(k), name[k], "font-size=\"11\" fill=\"" + ink + "\"");
    s += text_el(x + 8, y + tile_h - 10, t.value_text, "font-size=\"17\" font-weight=\"700\" fill=\"" + ink + "\"");
    s += "</g>";
  }
  // The legend, in the empty corner east of the southern regions.
  const double lx = margin + 2 * (tile_w + gap) + 20, ly = margin + 4 * (tile_h + gap);
  for (int k = 0; k < kMapSteps && k < static_cast<int>(scale.step_labels.size()); ++k) {
    const double y = ly + 22.0 * k;
    if (scale.step_labels[static_cast<std::size_t>(k)].empty()) continue;
    s += rect(lx, y, 18, 16, kScale[static_cast<std::size_t>(k)], "stroke=\"" + std::string(kLine) + "\"");
    s += text_el(lx + 26, y + 12, scale.step_labels[static_cast<std::size_t>(k)]);
  }
  const double ny = ly + 22.0 * kMapSteps;
  s += rect(lx, ny, 18, 16, hatch, "stroke=\"" + std::string(kLine) + "\"");
  s += text_el(lx + 26, ny + 12, scale.no_data_label);
  return s + "</svg>";
}

}  // namespace jobintech::web::svg
