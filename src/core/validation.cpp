#include "core/validation.h"

#include <cctype>
#include <charconv>
#include <cstdlib>

namespace jobintech::core {

bool is_valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    const unsigned char c = *p;
    if (c < 0x80) { ++p; continue; }
    int n;
    unsigned cp;
    if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; }
    else return false;
    if (end - p <= n) return false;
    for (int i = 1; i <= n; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    p += n + 1;
  }
  return true;
}

std::string trim(std::string_view s) {
  auto is_space_at = [&](std::size_t i, bool from_end) -> std::size_t {
    // returns the byte length of a space at i (from the start) or ending at i (from the end)
    if (!from_end) {
      if (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) return 1;
      if (i + 1 < s.size() && static_cast<unsigned char>(s[i]) == 0xC2 && static_cast<unsigned char>(s[i + 1]) == 0xA0)
        return 2;
      return 0;
    }
    if (i >= 1 && (s[i - 1] == ' ' || s[i - 1] == '\t' || s[i - 1] == '\r' || s[i - 1] == '\n')) return 1;
    if (i >= 2 && static_cast<unsigned char>(s[i - 2]) == 0xC2 && static_cast<unsigned char>(s[i - 1]) == 0xA0)
      return 2;
    return 0;
  };
  std::size_t b = 0, e = s.size();
  while (b < e) { auto n = is_space_at(b, false); if (!n) break; b += n; }
  while (e > b) { auto n = is_space_at(e, true); if (!n) break; e -= n; }
  return std::string(s.substr(b, e - b));
}

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string to_lower_ascii(std::string_view s) {
  std::string r(s);
  for (auto& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

std::string to_upper_ascii(std::string_view s) {
  std::string r(s);
  for (auto& c : r) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return r;
}

Checked check_text(std::string_view raw, std::size_t max_length) {
  if (!is_valid_utf8(raw)) return {"", "invalid_utf8"};
  std::string t = trim(raw);
  for (unsigned char c : t)
    if (c < 0x20 && c != '\n' && c != '\t') return {"", "control_characters"};
  if (t.empty()) return {"", "required"};
  if (utf8_length(t) > max_length) return {"", "too_long"};
  return {std::move(t), ""};
}

Checked check_cin(std::string_view raw) {
  std::string t = to_upper_ascii(trim(raw));
  std::size_t letters = 0;
  while (letters < t.size() && t[letters] >= 'A' && t[letters] <= 'Z') ++letters;
  const std::size_t digits = t.size() - letters;
  if (letters < 1 || letters > 2 || digits < 1 || digits > 8) return {"", "cin_format"};
  for (std::size_t i = letters; i < t.size(); ++i)
    if (t[i] < '0' || t[i] > '9') return {"", "cin_format"};
  return {std::move(t), ""};
}

Checked check_phone(std::string_view raw) {
  std::string compact;
  for (char c : trim(raw))
    if (c != ' ' && c != '.' && c != '-') compact += c;
  std::string national;
  if (compact.rfind("+212", 0) == 0) national = compact.substr(4);
  else if (compact.rfind("00212", 0) == 0) national = compact.substr(5);
  else if (compact.rfind("0", 0) == 0) national = compact.substr(1);
  else return {"", "phone_format"};
  if (national.size() != 9) return {"", "phone_format"};
  for (char c : national)
    if (c < '0' || c > '9') return {"", "phone_format"};
  return {"+212" + national, ""};
}

Checked check_email(std::string_view raw) {
  std::string t = to_lower_ascii(trim(raw));
  if (t.empty() || t.size() > 254) return {"", "email_format"};
  const auto at = t.find('@');
  if (at == std::string::npos || at == 0 || t.find('@', at + 1) != std::string::npos) return {"", "email_format"};
  const std::string domain = t.substr(at + 1);
  const auto dot = domain.find('.');
  if (dot == std::string::npos || dot == 0 || domain.back() == '.' || domain.find("..") != std::string::npos)
    return {"", "email_format"};
  for (unsigned char c : t)
    if (c <= 0x20 || c == '<' || c == '>' || c == '"' || c == ',' || c == ';' || c >= 0x7F) return {"", "email_format"};
  return {std::move(t), ""};
}

Checked check_code(std::string_view raw) {
  std::string t = to_lower_ascii(trim(raw));
  if (t.empty()) return {"", "required"};
  if (t.size() > 64) return {"", "too_long"};
  if (!std::isalnum(static_cast<unsigned char>(t[0]))) return {"", "code_format"};
  for (char c : t)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return {"", "code_format"};
  return {std::move(t), ""};
}

std::optional<double> parse_decimal(std::string_view raw, bool spreadsheet_formats) {
  std::string t = trim(raw);
  if (t.empty()) return std::nullopt;
  if (spreadsheet_formats) {
    if (t.find(',') != std::string::npos && t.find('.') == std::string::npos) {
      for (auto& c : t)
        if (c == ',') c = '.';
    }
  }
  for (char c : t)
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+')) return std::nullopt;
  double v = 0;
  const char* b = t.data() + (t[0] == '+' ? 1 : 0);
  auto [ptr, ec] = std::from_chars(b, t.data() + t.size(), v);
  if (ec != std::errc() || ptr != t.data() + t.size()) return std::nullopt;
  return v;
}

std::optional<long long> parse_integer(std::string_view raw) {
  std::string t = trim(raw);
  if (t.empty()) return std::nullopt;
  long long v = 0;
  const char* b = t.data() + (t[0] == '+' ? 1 : 0);
  auto [ptr, ec] = std::from_chars(b, t.data() + t.size(), v);
  if (ec != std::errc() || ptr != t.data() + t.size()) return std::nullopt;
  return v;
}

}  // namespace jobintech::core
