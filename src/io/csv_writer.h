// CsvWriter: writes rows of text as CSV to a stream, by default the way Excel in French and
// Arabic locales opens without help: a UTF-8 BOM, ';' between fields, CRLF after each row.
//
// Promises: RFC 4180 quoting — a field holding the separator, a quote, CR or LF is quoted and its
// quotes doubled. Formula injection is defused: a field starting with = + - @ (or tab or CR,
// which Excel also skips before a formula) gets a single quote ' put in front and is quoted, so
// "=HYPERLINK(...)" reaches Excel as the text '=HYPERLINK(...). Plain numbers such as -12 or
// -3,5 are left alone: they cannot run anything and must stay numbers. The cost: a defused cell
// shows its leading ' in Excel, and a program reading the file gets the ' too.
//
// Expects: UTF-8 text; a stream that outlives the writer, opened in binary mode if it is a
// file. Checking the stream's state after writing is the caller's (the writer does not know the
// file's name). One writer per stream; not thread-safe.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace jobintech::io {

// Appends one field to a CSV line with RFC 4180 quoting (quoted when it holds the separator, a
// quote, CR or LF; quotes doubled). With defuse_formulas, a field Excel would run as a formula is
// quoted with a ' in front, as CsvWriter does.
void append_csv_field(std::string& line, std::string_view field, char separator, bool defuse_formulas = false);

struct CsvWriterOptions {
  char separator = ';';
  bool bom = true;  // written by the constructor
};

class CsvWriter {
 public:
  explicit CsvWriter(std::ostream& out, CsvWriterOptions options = {});

  void write_row(const std::vector<std::string>& fields);

 private:
  void append_field(std::string_view field);

  std::ostream& out_;
  CsvWriterOptions options_;
  std::string line_;  // reused between rows
};

}  // namespace jobintech::io
