// Outcome: the result of a use case, which the web layer maps to an HTTP status and the command
// line to an exit code: done, or why not (invalid input with field errors, not found, forbidden,
// conflict, stale version). Plain data.
#pragma once

#include <string>

#include "core/field_error.h"
#include "core/value.h"

namespace jobintech::app {

enum class OutcomeKind { ok, created, invalid, not_found, forbidden, conflict, stale };

struct Outcome {
  OutcomeKind kind = OutcomeKind::ok;
  core::Record record;        // the record read or written
  core::FieldErrors errors;   // invalid
  std::string message_code;   // conflict, forbidden...: a catalogue key "error.CODE"

  bool ok() const { return kind == OutcomeKind::ok || kind == OutcomeKind::created; }
  static Outcome invalid(core::FieldErrors e) { return {OutcomeKind::invalid, {}, std::move(e), "invalid_input"}; }
  static Outcome fail(OutcomeKind k, std::string code) { return {k, {}, {}, std::move(code)}; }
};

// The result of a use case with a typed value.
template <typename T>
struct Result {
  OutcomeKind kind = OutcomeKind::ok;
  T value{};
  core::FieldErrors errors;
  std::string message_code;
  bool ok() const { return kind == OutcomeKind::ok || kind == OutcomeKind::created; }
  static Result fail(OutcomeKind k, std::string code, core::FieldErrors e = {}) {
    return {k, {}, std::move(e), std::move(code)};
  }
};

}  // namespace jobintech::app
