// CSV reading as operators' Excel really writes it: UTF-8 with or without a BOM, or Windows-1252
// (French Excel's "CSV (point-virgule)"), ';' or ',' or tab separators, RFC 4180 quoting, CRLF,
// LF or CR line ends.
//
// Promises: the result says which encoding and separator were detected; text comes out as UTF-8;
// every row in `rows` has exactly as many fields as the header, carries the physical line where it
// starts, and its fields are untrimmed. Malformed input never throws: it yields CsvErrors (all of
// them, not only the first). Only an unreadable file throws (std::runtime_error naming the file).
//
// Expects: the whole file in memory (imports are at most a few hundred MB). Pure functions,
// safe to call from any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jobintech::io {

enum class Encoding { utf8, utf8_bom, windows_1252 };

struct CsvRow {
  std::size_t line = 0;             // 1-based physical line where the record starts (the header is line 1)
  std::vector<std::string> fields;  // as in the file, not trimmed
};

struct CsvTable {
  Encoding encoding = Encoding::utf8;  // what was detected
  char separator = ';';                // ';', ',' or '\t': the most frequent of them in the header line
  std::vector<std::string> header;     // trimmed, lower-cased column names
  std::vector<CsvRow> rows;            // data rows; lines with nothing but separators are skipped

  // Index of the column called `name` (compared ignoring ASCII case), if there is one.
  std::optional<std::size_t> column(std::string_view name) const;
};

// Codes: "empty_file", "unsupported_encoding" (UTF-16), "unterminated_quote", "field_count",
// "duplicate_column". line is 0 when the error concerns the whole file.
struct CsvError {
  std::size_t line = 0;
  std::string code;
  std::string detail;  // e.g. "expected 9, got 8"; English, for logs and as a message parameter
};

// table is empty only when there is no header to speak of (empty file, UTF-16, unterminated quote
// in the header); otherwise it holds every well-formed row, even when errors were found.
struct CsvParseResult {
  std::optional<CsvTable> table;
  std::vector<CsvError> errors;
};

CsvParseResult parse_csv(std::string_view bytes);
// Throws std::runtime_error("cannot read FILE: reason") if the file cannot be read.
CsvParseResult read_csv_file(const std::string& path);

bool is_valid_utf8(std::string_view s);  // strict: no overlong forms, surrogates or code points past U+10FFFF
std::string windows_1252_to_utf8(std::string_view s);
const char* encoding_name(Encoding encoding);  // "UTF-8", "UTF-8 (BOM)", "Windows-1252"

}  // namespace jobintech::io
