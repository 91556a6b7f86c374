#include "web/templates.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <kainjow/mustache.hpp>

namespace jobintech::web {

namespace {

using kainjow::mustache::data;
using kainjow::mustache::mustache;

data to_data(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      data d{data::type::object};
      for (auto it = j.begin(); it != j.end(); ++it) d.set(it.key(), to_data(it.value()));
      return d;
    }
    case nlohmann::json::value_t::array: {
      data d{data::type::list};
      for (const auto& v : j) d.push_back(to_data(v));
      return d;
    }
    case nlohmann::json::value_t::string: return data{j.get<std::string>()};
    case nlohmann::json::value_t::boolean: return data{j.get<bool>()};
    case nlohmann::json::value_t::null: return data{false};
    case nlohmann::json::value_t::number_float: {
      std::ostringstream s;
      s << j.get<double>();
      return data{s.str()};
    }
    default: return data{j.dump()};
  }
}

}  // namespace

Templates::Templates(const std::string& directory, const app::Messages& messages) : messages_(messages) {
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    mustache check{ss.str()};
    if (!check.is_valid()) throw std::runtime_error("template " + entry.path().string() + ": " + check.error_message());
    sources_[entry.path().stem().string()] = ss.str();
  }
  for (const auto& lang : app::kLanguages) {
    nlohmann::json t = nlohmann::json::object();
    for (const auto& [key, text] : messages.catalogue(lang)) {
      std::string k = key;
      for (auto& c : k)
        if (c == '.') c = '_';
      t[k] = text;
    }
    message_objects_[lang] = std::move(t);
  }
}

std::string Templates::render(const std::string& name, const nlohmann::json& context) const {
  auto it = sources_.find(name);
  if (it == sources_.end()) throw std::runtime_error("no template " + name);
  mustache m{it->second};
  return m.render(to_data(context));
}

std::string Templates::page(const std::string& name, nlohmann::json context, const std::string& lang_raw) const {
  const std::string lang = app::Messages::normalise_language(lang_raw);
  context["t"] = message_objects_.at(lang);
  context["lang"] = lang;
  context["dir"] = app::Messages::right_to_left(lang) ? "rtl" : "ltr";
  context["lang_" + lang] = true;
  context["content"] = render(name, context);
  return render("layout", context);
}

}  // namespace jobintech::web
