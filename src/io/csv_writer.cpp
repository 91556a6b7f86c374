#include "io/csv_writer.h"

#include <algorithm>
#include <cctype>

namespace jobintech::io {

namespace {

// Optional sign, digits, optionally one '.' or ',' and more digits.
bool is_plain_number(std::string_view s) {
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) s.remove_prefix(1);
  const auto is_digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
  const auto point = s.find_first_of(".,");
  const auto whole = s.substr(0, point);
  const auto fraction = point == std::string_view::npos ? std::string_view("0") : s.substr(point + 1);
  return !whole.empty() && !fraction.empty() && std::all_of(whole.begin(), whole.end(), is_digit) &&
         std::all_of(fraction.begin(), fraction.end(), is_digit);
}

bool starts_formula(std::string_view field) {
  return !field.empty() && std::string_view("=+-@\t\r").find(field.front()) != std::string_view::npos &&
         !is_plain_number(field);
}

}  // namespace

CsvWriter::CsvWriter(std::ostream& out, CsvWriterOptions options) : out_(out), options_(options) {
  if (options_.bom) out_.write("\xEF\xBB\xBF", 3);
}

void CsvWriter::write_row(const std::vector<std::string>& fields) {
  line_.clear();
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line_ += options_.separator;
    append_field(fields[i]);
  }
  line_ += "\r\n";
  out_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
}

void append_csv_field(std::string& line, std::string_view field, char separator, bool defuse_formulas) {
  const bool defuse = defuse_formulas && starts_formula(field);
  const char specials[] = {separator, '"', '\r', '\n'};
  if (!defuse && field.find_first_of(std::string_view(specials, sizeof specials)) == std::string_view::npos) {
    line += field;
    return;
  }
  line += '"';
  if (defuse) line += '\'';
  for (char c : field) {
    if (c == '"') line += '"';
    line += c;
  }
  line += '"';
}

void CsvWriter::append_field(std::string_view field) { append_csv_field(line_, field, options_.separator, true); }

}  // namespace jobintech::io
