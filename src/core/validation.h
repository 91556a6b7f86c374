// Checks of single input values as the programme defines them: Moroccan national ID (CIN), phone,
// e-mail, codes, bounded text. Each returns the normalised value or the message code of the
// failure; callers attach the field name. Pure functions, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace jobintech::core {

struct Checked {
  std::string value;         // normalised, when ok
  std::string error;         // message code ("cin_format", ...) when not ok
  bool ok() const { return error.empty(); }
};

bool is_valid_utf8(std::string_view s);
std::string trim(std::string_view s);             // ASCII and no-break spaces at both ends
std::size_t utf8_length(std::string_view s);      // in code points
std::string to_lower_ascii(std::string_view s);
std::string to_upper_ascii(std::string_view s);

// Trimmed, valid UTF-8, no control characters, 1..max_length code points (0 allowed if !required).
Checked check_text(std::string_view raw, std::size_t max_length);
// CIN: one or two letters then 1 to 8 digits ("BK123456", "A12345"); stored upper case.
Checked check_cin(std::string_view raw);
// Phone: +212 or 0 followed by 9 digits; spaces, dots and dashes ignored; stored as +212XXXXXXXXX.
Checked check_phone(std::string_view raw);
// E-mail: one @, a dotted domain, no spaces; stored lower case; at most 254 characters.
Checked check_email(std::string_view raw);
// Code: 1..64 of [a-z0-9._-], starting with a letter or digit; stored lower case.
Checked check_code(std::string_view raw);
// Decimal number; with spreadsheet_formats a decimal comma is accepted ("71,5").
std::optional<double> parse_decimal(std::string_view raw, bool spreadsheet_formats);
std::optional<long long> parse_integer(std::string_view raw);

}  // namespace jobintech::core
