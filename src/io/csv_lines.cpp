#include "io/csv_lines.h"

#include <algorithm>
#include <cstring>

namespace jobintech::io {

CsvLines::CsvLines(std::string_view bytes) : bytes_(bytes) {
  if (bytes_.starts_with("\xEF\xBB\xBF")) bytes_.remove_prefix(3);
  const std::string_view first_line = bytes_.substr(0, bytes_.find('\n'));
  const auto commas = std::count(first_line.begin(), first_line.end(), ',');
  const auto semicolons = std::count(first_line.begin(), first_line.end(), ';');
  const auto tabs = std::count(first_line.begin(), first_line.end(), '\t');
  if (semicolons > commas && semicolons >= tabs) {
    separator_ = ';';
  } else if (tabs > commas && tabs > semicolons) {
    separator_ = '\t';
  }
}

bool CsvLines::next() {
  while (position_ < bytes_.size()) {
    if (!read_record()) return false;
    const bool blank = std::all_of(fields_.begin(), fields_.end(), [](std::string_view f) {
      return f.find_first_not_of(" \t\r") == std::string_view::npos;
    });
    if (!blank) return true;
  }
  return false;
}

bool CsvLines::read_record() {
  fields_.clear();
  unquoted_.clear();
  line_ = next_line_;
  const char* data = bytes_.data();
  const std::size_t size = bytes_.size();
  std::size_t i = position_;
  while (true) {
    if (i < size && data[i] == '"') {
      // Quoted field: copy it without the quotes, undoubling "".
      std::string& field = unquoted_.emplace_back();
      ++i;
      while (true) {
        const char* quote = static_cast<const char*>(std::memchr(data + i, '"', size - i));
        if (quote == nullptr) {
          unterminated_quote_ = true;
          position_ = size;
          return false;
        }
        const std::size_t end = static_cast<std::size_t>(quote - data);
        field.append(data + i, end - i);
        next_line_ += static_cast<std::size_t>(std::count(data + i, quote, '\n'));
        i = end + 1;
        if (i < size && data[i] == '"') {
          field += '"';
          ++i;
          continue;
        }
        break;
      }
      // Anything between the closing quote and the separator is kept, as spreadsheets do.
      while (i < size && data[i] != separator_ && data[i] != '\n') field += data[i++];
      if (!field.empty() && field.back() == '\r' && (i >= size || data[i] == '\n')) field.pop_back();
      fields_.push_back(field);
    } else {
      std::size_t end = i;
      while (end < size && data[end] != separator_ && data[end] != '\n') ++end;
      std::size_t stop = end;
      if (stop > i && data[stop - 1] == '\r' && (end >= size || data[end] == '\n')) --stop;
      fields_.emplace_back(data + i, stop - i);
      i = end;
    }
    if (i >= size) {
      position_ = size;
      return true;
    }
    if (data[i] == '\n') {
      ++next_line_;
      position_ = i + 1;
      return true;
    }
    ++i;  // the separator
  }
}

}  // namespace jobintech::io
