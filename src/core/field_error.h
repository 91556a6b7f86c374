// FieldError: a validation failure that names the field (or CSV column) and a message code from
// the catalogues (data/messages/*.json, key "error.CODE"), with parameters for the message.
// Validation never throws: it returns the list of everything that is wrong.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace jobintech::core {

struct FieldError {
  std::string field;
  std::string code;                           // e.g. "required", "cin_format", "too_long"
  std::map<std::string, std::string> params;  // e.g. {"max": "120"}
};

using FieldErrors = std::vector<FieldError>;

}  // namespace jobintech::core
