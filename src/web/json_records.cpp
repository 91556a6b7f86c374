#include "web/json_records.h"

namespace jobintech::web {

nlohmann::json value_to_json(const core::Value& v) {
  return std::visit(
      [](const auto& x) -> nlohmann::json {
        using X = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<X, std::monostate>) return nullptr;
        else return x;
      },
      v);
}

nlohmann::json record_to_json(const core::ResourceSpec& spec, const core::Record& record) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& f : spec.fields) {
    auto it = record.find(f.name);
    if (it != record.end()) j[f.name] = value_to_json(it->second);
  }
  return j;
}

std::optional<core::Record> json_to_record(const nlohmann::json& body, core::FieldErrors& errors) {
  core::Record r;
  for (auto it = body.begin(); it != body.end(); ++it) {
    const auto& v = it.value();
    if (v.is_null()) r[it.key()] = std::monostate{};
    else if (v.is_number_integer()) r[it.key()] = v.get<std::int64_t>();
    else if (v.is_number_float()) r[it.key()] = v.get<double>();
    else if (v.is_string()) r[it.key()] = v.get<std::string>();
    else if (v.is_array()) {
      std::vector<std::string> items;
      bool ok = true;
      for (const auto& item : v) {
        if (!item.is_string()) ok = false;
        else items.push_back(item.get<std::string>());
      }
      if (ok) r[it.key()] = std::move(items);
      else errors.push_back({it.key(), "list_format", {}});
    } else {
      errors.push_back({it.key(), "type_mismatch", {}});
    }
  }
  if (!errors.empty()) return std::nullopt;
  return r;
}

}  // namespace jobintech::web
