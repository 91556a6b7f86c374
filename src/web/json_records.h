// Conversions between JSON bodies and records (core::Record), in the resource's field order.
// Bodies must be JSON objects whose values are null, numbers, texts or lists of texts.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/field_error.h"
#include "core/resource.h"
#include "core/value.h"

namespace jobintech::web {

nlohmann::json record_to_json(const core::ResourceSpec& spec, const core::Record& record);
// Returns nullopt and fills errors when a value has a type no field accepts (objects, booleans).
std::optional<core::Record> json_to_record(const nlohmann::json& body, core::FieldErrors& errors);
nlohmann::json value_to_json(const core::Value& v);

}  // namespace jobintech::web
