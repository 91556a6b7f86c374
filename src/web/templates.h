// Templates: the server-rendered pages, kainjow mustache files in web/templates, rendered inside
// layout.mustache with the language's messages available as {{t.key_with_underscores}} (dots in
// catalogue keys become underscores). Values are HTML-escaped unless written {{{raw}}}. Loaded
// once at start-up; rendering is thread-safe.
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "app/messages.h"

namespace jobintech::web {

class Templates {
 public:
  // Throws std::runtime_error naming a template that cannot be read or parsed.
  Templates(const std::string& directory, const app::Messages& messages);

  // Renders page `name` with `context` (a JSON object), then the layout around it. The context
  // gains "t" (messages), "lang", "dir" and "title".
  std::string page(const std::string& name, nlohmann::json context, const std::string& lang) const;
  std::string render(const std::string& name, const nlohmann::json& context) const;

 private:
  std::map<std::string, std::string> sources_;
  const app::Messages& messages_;
  std::map<std::string, nlohmann::json> message_objects_;  // per language
};

}  // namespace jobintech::web
