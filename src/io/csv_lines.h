// CsvLines: a fast, forward-only reader over a CSV file held in memory, for the large files the
// engines read (millions of rows of ids, codes and numbers). Unlike parse_csv it builds no table:
// each record is a span of string_views valid until the next call to next().
//
// Promises: a UTF-8 BOM is skipped; the separator is the most frequent of ',', ';' and tab in the
// first line; RFC 4180 quoting is honoured (quoted separators, doubled quotes, line breaks inside
// quotes); CRLF and LF line ends; records with nothing but blanks are skipped. line() is the
// 1-based physical line where the current record starts.
//
// Expects: the bytes outlive the reader. Not thread-safe; one reader per file.
#pragma once

#include <cstddef>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace jobintech::io {

class CsvLines {
 public:
  explicit CsvLines(std::string_view bytes);

  // Moves to the next record; false at the end of the file or at an unterminated quote (then
  // unterminated_quote() is true and line() names the record's first line).
  bool next();

  std::size_t line() const { return line_; }
  std::span<const std::string_view> fields() const { return fields_; }
  char separator() const { return separator_; }
  bool unterminated_quote() const { return unterminated_quote_; }

 private:
  bool read_record();

  std::string_view bytes_;
  std::size_t position_ = 0;
  std::size_t next_line_ = 1;
  std::size_t line_ = 0;
  char separator_ = ',';
  bool unterminated_quote_ = false;
  std::vector<std::string_view> fields_;
  std::deque<std::string> unquoted_;  // storage for the current record's quoted fields
};

}  // namespace jobintech::io
