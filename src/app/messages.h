// Messages: the catalogues of every user-visible string, one JSON file per language in
// data/messages (fr.json, ar.json, en.json): flat objects "key": "text with {param}". French is
// the default and the fallback; Arabic is written right to left. Loaded once; thread-safe reads.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/field_error.h"

namespace jobintech::app {

inline const std::vector<std::string> kLanguages = {"fr", "ar", "en"};

class Messages {
 public:
  // Loads every catalogue in the folder; throws std::runtime_error naming a bad file.
  static Messages load(const std::string& directory);
  static const Messages& global();  // loaded from paths().data() + "/messages" on first use

  std::string text(const std::string& lang, const std::string& key,
                   const std::map<std::string, std::string>& params = {}) const;
  // "error.CODE" with the error's parameters.
  std::string error(const std::string& lang, const core::FieldError& e) const;
  const std::map<std::string, std::string>& catalogue(const std::string& lang) const;
  bool has(const std::string& lang) const { return catalogues_.count(lang) > 0; }

  static std::string normalise_language(const std::string& lang);  // fr, ar or en; fr otherwise
  static bool right_to_left(const std::string& lang) { return lang == "ar"; }

 private:
  std::map<std::string, std::map<std::string, std::string>> catalogues_;
};

}  // namespace jobintech::app
