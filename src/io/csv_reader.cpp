#include "io/csv_reader.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <system_error>

namespace jobintech::io {

namespace {

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

// Windows-1252 0x80-0x9F. The five bytes the code page leaves undefined (0x81, 0x8D, 0x8F, 0x90,
// 0x9D) become the C1 controls of the same value, as Windows' own conversion does.
constexpr char16_t cp1252_high[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {  // Windows-1252 needs nothing past the Basic Multilingual Plane
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Column names compare as people type them: "Prénom", "PRÉNOM" and "prénom" are one name.
// Lower-cases ASCII and the Latin-1 capitals À-Þ (UTF-8 C3 80-9E, but not × at C3 97).
std::string header_name(std::string_view field) {
  const auto first = field.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  field = field.substr(first, field.find_last_not_of(" \t") - first + 1);
  std::string name(field);
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (c >= 'A' && c <= 'Z') {
      name[i] = static_cast<char>(c + 32);
    } else if (c == 0xC3 && i + 1 < name.size()) {
      const auto next = static_cast<unsigned char>(name[i + 1]);
      if (next >= 0x80 && next <= 0x9E && next != 0x97) name[i + 1] = static_cast<char>(next + 0x20);
      ++i;
    }
  }
  return name;
}

bool equal_ignoring_ascii_case(std::string_view a, std::string_view b) {
  auto lower = [](unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; };
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return lower(x) == lower(y); });
}

// The most frequent of ';', ',' and tab outside quotes on the first line; ';' on a tie or when
// there is none, because French Excel writes ';' and a one-column file's data may hold commas.
char detect_separator(std::string_view text) {
  std::size_t semicolons = 0, commas = 0, tabs = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;  // a doubled quote toggles twice
    else if (quoted) continue;
    else if (c == '\n' || c == '\r') break;
    else if (c == ';') ++semicolons;
    else if (c == ',') ++commas;
    else if (c == '\t') ++tabs;
  }
  if (commas > semicolons && commas >= tabs) return ',';
  if (tabs > semicolons && tabs > commas) return '\t';
  return ';';
}

// Reads RFC 4180 records one at a time, keeping count of physical lines. Lenient where Excel
// is: a quote inside an unquoted field is an ordinary character, and text after a closing
// quote is kept ("ab"c reads as abc).
class RecordScanner {
 public:
  RecordScanner(std::string_view text, char separator) : text_(text), separator_(separator) {}

  std::size_t line() const { return line_; }

  // Steps over empty lines; false at the end of the text.
  bool skip_empty_lines() {
    while (pos_ < text_.size() && (text_[pos_] == '\r' || text_[pos_] == '\n')) end_line();
    return pos_ < text_.size();
  }

  // Reads the record at the current position into fields. On an unterminated quote, consumes the
  // rest of the text, sets quote_line to where the quote opened and returns false.
  bool read_record(std::vector<std::string>& fields, std::size_t& quote_line) {
    for (;;) {
      std::string& field = fields.emplace_back();
      if (pos_ < text_.size() && text_[pos_] == '"') {
        quote_line = line_;
        if (!read_quoted(field)) return false;
      }
      read_plain(field);
      if (pos_ >= text_.size()) return true;
      if (text_[pos_] == separator_) {
        ++pos_;
        continue;
      }
      end_line();
      return true;
    }
  }

 private:
  // At a CR or LF: moves past the line end (CRLF is one).
  void end_line() {
    if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++line_;
  }

  void read_plain(std::string& field) {
    const std::size_t start = pos_;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == separator_ || c == '\n' || c == '\r') break;
      ++pos_;
    }
    field.append(text_.data() + start, pos_ - start);
  }

  // At an opening quote: reads up to and past the closing one.
  bool read_quoted(std::string& field) {
    ++pos_;
    for (;;) {
      const std::size_t quote = text_.find('"', pos_);
      const std::size_t end = quote == std::string_view::npos ? text_.size() : quote;
      count_line_ends(pos_, end);
      field.append(text_.data() + pos_, end - pos_);
      if (quote == std::string_view::npos) {
        pos_ = text_.size();
        return false;
      }
      pos_ = quote + 1;
      if (pos_ >= text_.size() || text_[pos_] != '"') return true;
      field += '"';
      ++pos_;
    }
  }

  void count_line_ends(std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) {
      if (text_[i] == '\n' || (text_[i] == '\r' && (i + 1 >= text_.size() || text_[i + 1] != '\n'))) ++line_;
    }
  }

  std::string_view text_;
  char separator_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

bool all_empty(const std::vector<std::string>& fields) {
  return std::all_of(fields.begin(), fields.end(), [](const std::string& f) { return f.empty(); });
}

CsvError unterminated_quote(std::size_t line) {
  return {line, "unterminated_quote", "a quoted field opened on line " + std::to_string(line) + " never closes"};
}

}  // namespace

std::optional<std::size_t> CsvTable::column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (equal_ignoring_ascii_case(header[i], name)) return i;
  return std::nullopt;
}

bool is_valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    if (i + 8 <= n) {  // most text is ASCII: test eight bytes at once
      std::uint64_t word;
      std::memcpy(&word, p + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t length;
    unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) low = 0xA0;   // overlong
      if (c == 0xED) high = 0x9F;  // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) low = 0x90;   // overlong
      if (c == 0xF4) high = 0x8F;  // past U+10FFFF
    } else {
      return false;
    }
    if (i + length > n || p[i + 1] < low || p[i + 1] > high) return false;
    for (std::size_t k = 2; k < length; ++k)
      if ((p[i + k] & 0xC0) != 0x80) return false;
    i += length;
  }
  return true;
}

std::string windows_1252_to_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2 * static_cast<std::size_t>(std::count_if(
                                 s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })));
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) out += ch;
    else if (c < 0xA0) append_utf8(out, cp1252_high[c - 0x80]);
    else append_utf8(out, c);  // 0xA0-0xFF are Latin-1, the same code points
  }
  return out;
}

const char* encoding_name(Encoding encoding) {
  switch (encoding) {
    case Encoding::utf8: return "UTF-8";
    case Encoding::utf8_bom: return "UTF-8 (BOM)";
    case Encoding::windows_1252: return "Windows-1252";
  }
  return "unknown";
}

CsvParseResult parse_csv(std::string_view bytes) {
  CsvParseResult result;
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {  // Excel's "Unicode Text"
    result.errors.push_back({0, "unsupported_encoding", "UTF-16 is not supported: save as CSV UTF-8 or CSV"});
    return result;
  }

  // A BOM declares UTF-8, but if the rest is not UTF-8 the BOM was wrong and Windows-1252 is the
  // only reading left that loses nothing.
  Encoding encoding = Encoding::utf8;
  std::string_view text = bytes;
  if (text.starts_with(utf8_bom)) {
    text.remove_prefix(utf8_bom.size());
    encoding = Encoding::utf8_bom;
  }
  std::string converted;
  if (!is_valid_utf8(text)) {
    converted = windows_1252_to_utf8(text);
    text = converted;
    encoding = Encoding::windows_1252;
  }

  const char separator = detect_separator(text.substr(std::min(text.find_first_not_of("\r\n"), text.size())));
  RecordScanner scanner(text, separator);
  if (!scanner.skip_empty_lines()) {
    result.errors.push_back({0, "empty_file", "the file has no header line"});
    return result;
  }

  std::vector<std::string> fields;
  std::size_t quote_line = 0;
  const std::size_t header_line = scanner.line();
  if (!scanner.read_record(fields, quote_line)) {
    result.errors.push_back(unterminated_quote(quote_line));
    return result;
  }
  CsvTable& table = result.table.emplace();
  table.encoding = encoding;
  table.separator = separator;
  for (const auto& f : fields) {
    std::string name = header_name(f);
    if (!name.empty() && std::find(table.header.begin(), table.header.end(), name) != table.header.end())
      result.errors.push_back({header_line, "duplicate_column", "column \"" + name + "\" appears more than once"});
    table.header.push_back(std::move(name));
  }

  const std::size_t width = table.header.size();
  table.rows.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')));
  while (scanner.skip_empty_lines()) {
    const std::size_t line = scanner.line();
    fields.clear();
    fields.reserve(width);
    if (!scanner.read_record(fields, quote_line)) {
      result.errors.push_back(unterminated_quote(quote_line));
      break;
    }
    if (all_empty(fields)) continue;  // Excel writes ";;;" for rows that were once formatted
    if (fields.size() != width) {
      result.errors.push_back(
          {line, "field_count", "expected " + std::to_string(width) + ", got " + std::to_string(fields.size())});
      continue;
    }
    table.rows.push_back({line, std::move(fields)});
  }
  return result;
}

CsvParseResult read_csv_file(const std::string& path) {
  auto fail = [&](int error) {
    return std::runtime_error("cannot read " + path + ": " + std::generic_category().message(error));
  };
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw fail(errno);
  std::string bytes;
  std::error_code size_error;
  if (const auto size = std::filesystem::file_size(path, size_error); !size_error) bytes.reserve(size);
  char buffer[1 << 16];
  while (const std::size_t got = std::fread(buffer, 1, sizeof buffer, file.get())) bytes.append(buffer, got);
  if (std::ferror(file.get())) throw fail(errno);
  return parse_csv(bytes);
}

}  // namespace jobintech::io
