#include "io/csv_lines.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>

namespace jobintech::io {

namespace {

// The 0x80 bit of every byte of `word` equal to `byte` is set, and possibly that of bytes above
// (more significant than) one that is: the lowest set bit always marks a true match.
std::uint64_t bytes_equal(std::uint64_t word, char byte) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  const std::uint64_t x = word ^ (kOnes * static_cast<unsigned char>(byte));
  return (x - kOnes) & ~x & (kOnes << 7);
}

// The first of [p, stop) that is `separator` or a line feed, or stop. Eight bytes at a time: at
// millions of rows, looking at fields byte by byte is most of the cost of reading them.
const char* field_end(const char* p, const char* stop, char separator) {
  if constexpr (std::endian::native == std::endian::little) {
    while (stop - p >= 8) {
      std::uint64_t word;
      std::memcpy(&word, p, sizeof word);
      const std::uint64_t found = bytes_equal(word, separator) | bytes_equal(word, '\n');
      if (found != 0) return p + std::countr_zero(found) / 8;
      p += 8;
    }
  }
  while (p < stop && *p != separator && *p != '\n') ++p;
  return p;
}

bool blank(std::string_view field) {
  return std::all_of(field.begin(), field.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

}  // namespace

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
    if (!std::all_of(fields_.begin(), fields_.end(), blank)) return true;
  }
  return false;
}

bool CsvLines::read_record() {
  fields_.clear();
  if (!unquoted_.empty()) unquoted_.clear();  // most records have no quoted field; clear() is not free
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
      const std::size_t end = static_cast<std::size_t>(field_end(data + i, data + size, separator_) - data);
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
