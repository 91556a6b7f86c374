// XlsxWorkbook: an .xlsx file being written, over libxlsxwriter. Exports people open in Excel.
//
// Promises: strings are written as text cells, never read as formulas or numbers; sheet names
// are made legal for Excel (sanitize_sheet_name, then " (2)", " (3)"... if already taken);
// whole numbers beyond ±2^53, which a spreadsheet's doubles cannot hold exactly, are written as
// text so no digit is lost; strings longer than Excel's 32,767-character cell limit are cut to
// it. The file appears only when close() succeeds: a workbook destroyed without close() writes
// nothing. close() throws std::runtime_error naming the file if it cannot be written (the
// failure of a missing directory shows there, not in the constructor); write_row throws the same
// way past Excel's limits (1,048,576 rows, 16,384 columns).
//
// Expects: UTF-8 text. One thread per workbook; sheets are handles into their workbook, valid
// until it is closed or destroyed. The whole workbook is held in memory until close().
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

// libxlsxwriter's types, declared here so that users of this header do not include <xlsxwriter.h>.
struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace jobintech::io {

using XlsxCell = std::variant<std::monostate, std::string, double, std::int64_t>;  // monostate: blank

class XlsxSheet {
 public:
  const std::string& name() const { return name_; }  // after sanitising

 private:
  friend class XlsxWorkbook;
  XlsxSheet(lxw_worksheet* sheet, std::string name) : sheet_(sheet), name_(std::move(name)) {}
  lxw_worksheet* sheet_;
  std::string name_;
};

// Excel's rules: at most 31 characters, none of [ ] : * ? / \ (nor control characters; each
// becomes '_'), no ' at either end, not empty ("Sheet"), not "History" (reserved by Excel).
std::string sanitize_sheet_name(std::string_view name);

class XlsxWorkbook {
 public:
  explicit XlsxWorkbook(std::string path);
  ~XlsxWorkbook();  // without close(), discards everything
  XlsxWorkbook(const XlsxWorkbook&) = delete;
  XlsxWorkbook& operator=(const XlsxWorkbook&) = delete;

  XlsxSheet add_sheet(std::string_view name);
  // Row and columns are 0-based.
  void write_row(const XlsxSheet& sheet, std::uint32_t row, const std::vector<XlsxCell>& cells);
  // Row 0 in bold, frozen so it stays in view while scrolling.
  void write_header(const XlsxSheet& sheet, const std::vector<XlsxCell>& cells);
  void close();  // writes the file; a second call does nothing

  const std::string& path() const { return path_; }

 private:
  void write_cells(const XlsxSheet& sheet, std::uint32_t row, const std::vector<XlsxCell>& cells, lxw_format* format);

  std::string path_;
  lxw_workbook* book_;
  lxw_format* bold_;
};

}  // namespace jobintech::io
