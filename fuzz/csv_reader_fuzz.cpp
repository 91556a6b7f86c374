// Fuzz target: the CSV readers on arbitrary bytes — io::parse_csv (encoding detection, BOM,
// UTF-16 refusal, separator detection, RFC 4180 quoting, the error list), its UTF-8 check and
// Windows-1252 conversion, io::CsvLines (the engines' fast reader) and, through a round trip,
// io::CsvWriter.
//
// Checks the promises of io/csv_reader.h, io/csv_lines.h and io/csv_writer.h: nothing throws;
// UTF-16 is refused and only then; the encoding named is the one the bytes have; text comes out as
// valid UTF-8; every row has as many fields as the header and is never all empty; lines only grow
// and never pass the end of the file; errors use the documented codes; the two UTF-8 checks of the
// project (io and core) agree; what CsvWriter writes from a table reads back as the same table
// (fields Excel would run as formulas coming back with their leading '); CsvLines always ends.
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/validation.h"
#include "fuzz_check.h"
#include "io/csv_lines.h"
#include "io/csv_reader.h"
#include "io/csv_writer.h"

namespace {

using namespace jobintech;

// The same rule as io/csv_writer.cpp's: optional sign, digits, optionally one '.' or ',' and more
// digits. Kept here to state the writer's promise independently of its code.
bool plain_number(std::string_view s) {
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) s.remove_prefix(1);
  const auto point = s.find_first_of(".,");
  const auto whole = s.substr(0, point);
  const auto fraction = point == std::string_view::npos ? std::string_view("0") : s.substr(point + 1);
  const auto digits = [](std::string_view t) {
    for (char c : t)
      if (c < '0' || c > '9') return false;
    return true;
  };
  return !whole.empty() && !fraction.empty() && digits(whole) && digits(fraction);
}

bool runs_as_formula(std::string_view field) {
  return !field.empty() && std::string_view("=+-@\t\r").find(field.front()) != std::string_view::npos &&
         !plain_number(field);
}

// A field written by CsvWriter and read back: the same text, or the same text behind a ' when the
// writer defused a formula.
bool same_after_round_trip(const std::string& original, const std::string& read_back) {
  if (runs_as_formula(original)) return read_back == "'" + original;
  return read_back == original;
}

void check_table(std::string_view bytes, const io::CsvParseResult& result) {
  const bool utf16 = bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF");
  for (const io::CsvError& e : result.errors) {
    FUZZ_CHECK(e.code == "empty_file" || e.code == "unsupported_encoding" || e.code == "unterminated_quote" ||
                   e.code == "field_count" || e.code == "duplicate_column",
               "undocumented error code %s", e.code.c_str());
    FUZZ_CHECK((e.code == "unsupported_encoding") == utf16, "UTF-16 refusal and the BOM disagree");
  }
  if (utf16) {
    FUZZ_CHECK(!result.table && result.errors.size() == 1, "UTF-16 must give one error and no table");
    return;
  }
  if (!result.table) {
    FUZZ_CHECK(!result.errors.empty(), "no table and no error");
    for (const io::CsvError& e : result.errors)
      FUZZ_CHECK(e.code == "empty_file" || e.code == "unterminated_quote", "no table after a %s error",
                 e.code.c_str());
    return;
  }

  const io::CsvTable& table = *result.table;
  std::string_view text = bytes;
  const bool bom = text.starts_with("\xEF\xBB\xBF");
  if (bom) text.remove_prefix(3);
  const bool utf8 = io::is_valid_utf8(text);
  FUZZ_CHECK(table.encoding == (!utf8 ? io::Encoding::windows_1252 : bom ? io::Encoding::utf8_bom : io::Encoding::utf8),
             "encoding %s detected for %s bytes", io::encoding_name(table.encoding),
             utf8 ? (bom ? "UTF-8 with a BOM" : "UTF-8") : "non-UTF-8");
  FUZZ_CHECK(table.separator == ';' || table.separator == ',' || table.separator == '\t', "separator %d",
             table.separator);

  const std::size_t lines = fuzz::physical_lines(text);
  for (const io::CsvError& e : result.errors)
    FUZZ_CHECK(e.line <= lines, "error on line %zu of a %zu-line file", e.line, lines);

  FUZZ_CHECK(!table.header.empty(), "a table without a header");
  for (std::size_t i = 0; i < table.header.size(); ++i) {
    const std::string& name = table.header[i];
    FUZZ_CHECK(io::is_valid_utf8(name), "header %zu is not UTF-8", i);
    FUZZ_CHECK(name.empty() || (name.front() != ' ' && name.front() != '\t' && name.back() != ' ' &&
                                name.back() != '\t'),
               "header %zu is not trimmed", i);
    for (char c : name) FUZZ_CHECK(c < 'A' || c > 'Z', "header %zu is not lower case", i);
    const auto found = table.column(name);
    FUZZ_CHECK(found && *found <= i, "column() does not find header %zu", i);
  }
  std::size_t previous_line = 1;
  for (const io::CsvRow& row : table.rows) {
    FUZZ_CHECK(row.fields.size() == table.header.size(), "row on line %zu has %zu fields, header %zu", row.line,
               row.fields.size(), table.header.size());
    FUZZ_CHECK(row.line > previous_line && row.line <= lines, "row line %zu after %zu (of %zu)", row.line,
               previous_line, lines);
    previous_line = row.line;
    bool all_empty = true;
    for (const std::string& f : row.fields) {
      FUZZ_CHECK(io::is_valid_utf8(f), "a field on line %zu is not UTF-8", row.line);
      all_empty = all_empty && f.empty();
    }
    FUZZ_CHECK(!all_empty, "row on line %zu is all empty", row.line);
  }

  // Round trip through the writer. Two documented limits of reading are left out: an unquoted ','
  // or tab in a header name changes the separator detected, and a one-column header with an empty
  // name is a blank line.
  bool writable = !(table.header.size() == 1 && table.header[0].empty());
  for (const std::string& name : table.header)
    writable = writable && name.find_first_of(",\t") == std::string::npos && !runs_as_formula(name);
  if (!writable) return;
  std::ostringstream out;
  io::CsvWriter writer(out);
  writer.write_row(table.header);
  for (const io::CsvRow& row : table.rows) writer.write_row(row.fields);
  const std::string written = out.str();
  const io::CsvParseResult again = io::parse_csv(written);
  FUZZ_CHECK(again.table, "what CsvWriter wrote has no table");
  FUZZ_CHECK(again.table->encoding == io::Encoding::utf8_bom && again.table->separator == ';',
             "CsvWriter's output read as %s with separator %d", io::encoding_name(again.table->encoding),
             again.table->separator);
  for (const io::CsvError& e : again.errors)
    FUZZ_CHECK(e.code == "duplicate_column", "CsvWriter's output gives error %s on line %zu: %s", e.code.c_str(),
               e.line, e.detail.c_str());
  FUZZ_CHECK(again.table->header == table.header, "header changed by the round trip");
  FUZZ_CHECK(again.table->rows.size() == table.rows.size(), "%zu rows written, %zu read back", table.rows.size(),
             again.table->rows.size());
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto& before = table.rows[r].fields;
    const auto& after = again.table->rows[r].fields;
    FUZZ_CHECK(after.size() == before.size(), "row %zu changed width", r);
    for (std::size_t i = 0; i < before.size(); ++i)
      FUZZ_CHECK(same_after_round_trip(before[i], after[i]), "row %zu field %zu changed by the round trip", r, i);
  }
}

void check_lines(std::string_view bytes) {
  io::CsvLines lines(bytes);
  FUZZ_CHECK(lines.separator() == ';' || lines.separator() == ',' || lines.separator() == '\t', "separator %d",
             lines.separator());
  std::size_t newlines = 0;
  for (char c : bytes) newlines += c == '\n';
  std::size_t records = 0;
  std::size_t previous = 0;
  while (lines.next()) {
    FUZZ_CHECK(++records <= newlines + 1, "more records than lines");
    FUZZ_CHECK(lines.line() > previous && lines.line() <= newlines + 1, "record line %zu after %zu", lines.line(),
               previous);
    previous = lines.line();
    FUZZ_CHECK(!lines.fields().empty(), "a record without fields");
    bool blank = true;
    for (std::string_view f : lines.fields())
      for (char c : f) blank = blank && (c == ' ' || c == '\t' || c == '\r');
    FUZZ_CHECK(!blank, "a blank record on line %zu", lines.line());
  }
  if (lines.unterminated_quote()) FUZZ_CHECK(lines.line() >= 1 && lines.line() <= newlines + 1, "quote line");
  FUZZ_CHECK(!lines.next(), "next() after the end found another record");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);

  // The two UTF-8 checks of the project must agree; the Windows-1252 reading is always UTF-8.
  const bool utf8 = io::is_valid_utf8(bytes);
  FUZZ_CHECK(utf8 == core::is_valid_utf8(bytes), "io::is_valid_utf8 says %d, core::is_valid_utf8 says %d", utf8,
             !utf8);
  const std::string converted = io::windows_1252_to_utf8(bytes);
  FUZZ_CHECK(io::is_valid_utf8(converted), "windows_1252_to_utf8 wrote invalid UTF-8");
  FUZZ_CHECK(converted.size() >= bytes.size(), "windows_1252_to_utf8 lost bytes");

  check_table(bytes, io::parse_csv(bytes));
  check_lines(bytes);
  return 0;
}
