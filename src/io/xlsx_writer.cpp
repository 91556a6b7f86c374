#include "io/xlsx_writer.h"

#include <xlsxwriter.h>

#include <cmath>
#include <filesystem>
#include <stdexcept>
#include <utility>

namespace jobintech::io {

namespace {

constexpr std::size_t max_sheet_name = LXW_SHEETNAME_MAX;  // 31
constexpr std::size_t max_cell_text = 32767;
constexpr std::int64_t exact_integer_limit = std::int64_t{1} << 53;  // doubles hold every integer up to 2^53

// The first `count` UTF-8 characters of s (what libxlsxwriter and Excel count).
std::string_view first_characters(std::string_view s, std::size_t count) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && count-- == 0) return s.substr(0, i);
  }
  return s;
}

std::string trim_apostrophes(std::string s) {
  const auto first = s.find_first_not_of('\'');
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of('\'') - first + 1);
}

}  // namespace

std::string sanitize_sheet_name(std::string_view name) {
  std::string clean(name);
  for (char& c : clean)
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos || static_cast<unsigned char>(c) < 0x20) c = '_';
  clean = trim_apostrophes(std::string(first_characters(trim_apostrophes(clean), max_sheet_name)));
  if (clean.empty()) return "Sheet";
  if (lxw_strcasecmp(clean.c_str(), "history") == 0) clean += '_';
  return clean;
}

XlsxWorkbook::XlsxWorkbook(std::string path) : path_(std::move(path)), book_(workbook_new(path_.c_str())) {
  if (!book_) throw std::runtime_error("cannot create " + path_);
  bold_ = workbook_add_format(book_);
  format_set_bold(bold_);
}

XlsxWorkbook::~XlsxWorkbook() {
  if (book_) lxw_workbook_free(book_);
}

XlsxSheet XlsxWorkbook::add_sheet(std::string_view name) {
  if (!book_) throw std::logic_error("add_sheet on closed workbook " + path_);
  const std::string base = sanitize_sheet_name(name);
  std::string unique = base;
  for (int n = 2; workbook_validate_sheet_name(book_, unique.c_str()) == LXW_ERROR_SHEETNAME_ALREADY_USED; ++n) {
    const std::string suffix = " (" + std::to_string(n) + ")";
    unique = std::string(first_characters(base, max_sheet_name - suffix.size())) + suffix;
  }
  lxw_worksheet* sheet = workbook_add_worksheet(book_, unique.c_str());
  if (!sheet) throw std::runtime_error("cannot add sheet \"" + unique + "\" to " + path_);
  return XlsxSheet(sheet, unique);
}

void XlsxWorkbook::write_row(const XlsxSheet& sheet, std::uint32_t row, const std::vector<XlsxCell>& cells) {
  write_cells(sheet, row, cells, nullptr);
}

void XlsxWorkbook::write_header(const XlsxSheet& sheet, const std::vector<XlsxCell>& cells) {
  write_cells(sheet, 0, cells, bold_);
  worksheet_freeze_panes(sheet.sheet_, 1, 0);
}

void XlsxWorkbook::write_cells(const XlsxSheet& sheet, std::uint32_t row, const std::vector<XlsxCell>& cells,
                               lxw_format* format) {
  if (!book_) throw std::logic_error("write on closed workbook " + path_);
  if (cells.size() > LXW_COL_MAX)
    throw std::runtime_error("cannot write " + path_ + ": " + std::to_string(cells.size()) + " columns, Excel allows " +
                             std::to_string(LXW_COL_MAX));
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const auto col = static_cast<lxw_col_t>(i);
    lxw_error error = LXW_NO_ERROR;
    auto write_text = [&](std::string_view text) {
      const std::string cut(first_characters(text, max_cell_text));
      error = worksheet_write_string(sheet.sheet_, row, col, cut.c_str(), format);
    };
    if (const auto* text = std::get_if<std::string>(&cells[i])) {
      write_text(*text);
    } else if (const auto* number = std::get_if<double>(&cells[i])) {
      if (std::isfinite(*number)) error = worksheet_write_number(sheet.sheet_, row, col, *number, format);
      else write_text(std::isnan(*number) ? "NaN" : *number > 0 ? "Infinity" : "-Infinity");
    } else if (const auto* whole = std::get_if<std::int64_t>(&cells[i])) {
      if (*whole >= -exact_integer_limit && *whole <= exact_integer_limit)
        error = worksheet_write_number(sheet.sheet_, row, col, static_cast<double>(*whole), format);
      else write_text(std::to_string(*whole));
    } else if (format) {
      error = worksheet_write_blank(sheet.sheet_, row, col, format);  // a bold blank keeps the header band whole
    }
    if (error != LXW_NO_ERROR)
      throw std::runtime_error("cannot write " + path_ + ": sheet \"" + sheet.name_ + "\" row " + std::to_string(row + 1ULL) +
                               ": " + lxw_strerror(error));
  }
}

void XlsxWorkbook::close() {
  if (!book_) return;
  // workbook_close frees the workbook whatever happens.
  const lxw_error error = workbook_close(std::exchange(book_, nullptr));
  if (error == LXW_NO_ERROR) return;
  // A file that failed half-way is removed; one that could not be created may be someone else's.
  if (error != LXW_ERROR_CREATING_XLSX_FILE) {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  throw std::runtime_error("cannot write " + path_ + ": " + lxw_strerror(error));
}

}  // namespace jobintech::io
