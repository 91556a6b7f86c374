#include "app/messages.h"

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "app/paths.h"

namespace jobintech::app {

Messages Messages::load(const std::string& directory) {
  Messages m;
  for (const auto& lang : kLanguages) {
    const auto path = directory + "/" + lang + ".json";
    std::ifstream in(path);
    if (!in) throw std::runtime_error("message catalogue missing: " + path);
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(in);
    } catch (const std::exception& e) {
      throw std::runtime_error("message catalogue " + path + " is not valid JSON: " + e.what());
    }
    auto& cat = m.catalogues_[lang];
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (!it.value().is_string()) throw std::runtime_error("message catalogue " + path + ": " + it.key() + " is not a text");
      cat[it.key()] = it.value().get<std::string>();
    }
  }
  return m;
}

const Messages& Messages::global() {
  static const Messages m = load(paths().data() + "/messages");
  return m;
}

std::string Messages::normalise_language(const std::string& lang) {
  for (const auto& l : kLanguages)
    if (lang == l) return l;
  return "fr";
}

const std::map<std::string, std::string>& Messages::catalogue(const std::string& lang) const {
  auto it = catalogues_.find(normalise_language(lang));
  if (it == catalogues_.end()) it = catalogues_.find("fr");
  static const std::map<std::string, std::string> empty;
  return it == catalogues_.end() ? empty : it->second;
}

std::string Messages::text(const std::string& lang, const std::string& key,
                           const std::map<std::string, std::string>& params) const {
  std::string t;
  const auto& cat = catalogue(lang);
  if (auto it = cat.find(key); it != cat.end()) t = it->second;
  else if (auto fr = catalogue("fr").find(key); fr != catalogue("fr").end()) t = fr->second;
  else t = key;
  for (const auto& [name, value] : params) {
    const std::string mark = "{" + name + "}";
    for (auto pos = t.find(mark); pos != std::string::npos; pos = t.find(mark, pos + value.size()))
      t.replace(pos, mark.size(), value);
  }
  return t;
}

std::string Messages::error(const std::string& lang, const core::FieldError& e) const {
  return text(lang, "error." + e.code, e.params);
}

}  // namespace jobintech::app
