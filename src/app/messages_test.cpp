#include "app/messages.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "app/paths.h"
#include "core/resource.h"

namespace jobintech::app {

namespace {
std::set<std::string> params_of(const std::string& text) {
  std::set<std::string> out;
  static const std::regex param(R"(\{([a-z_]+)\})");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), param); it != std::sregex_iterator(); ++it)
    out.insert((*it)[1]);
  return out;
}
}  // namespace

TEST(Messages, EveryLanguageHasEveryKeyWithTheSameParameters) {
  auto m = Messages::load(paths().data() + "/messages");
  const auto& fr = m.catalogue("fr");
  for (const char* lang : {"ar", "en"}) {
    const auto& other = m.catalogue(lang);
    for (const auto& [key, text] : fr) {
      auto it = other.find(key);
      ASSERT_NE(it, other.end()) << lang << " lacks " << key;
      EXPECT_EQ(params_of(it->second), params_of(text)) << lang << " " << key;
    }
    EXPECT_EQ(other.size(), fr.size()) << lang << " has keys French lacks";
  }
}

TEST(Messages, EveryChoiceAndStatusHasALabel) {
  auto m = Messages::load(paths().data() + "/messages");
  const auto& fr = m.catalogue("fr");
  for (const char* f : {"status", "gender", "education_level"}) {
    const auto* spec = core::resource(std::string(f) == "status" ? "cohorts" : "candidates").field(f);
    for (const auto& c : spec->choices) EXPECT_TRUE(fr.count(std::string(f) + "." + c)) << f << "." << c;
  }
  for (const auto& c : core::resource("applications").field("status")->choices)
    EXPECT_TRUE(fr.count("application_status." + c)) << c;
}

TEST(Messages, ParametersAreFilledAndUnknownKeysFallBack) {
  auto m = Messages::load(paths().data() + "/messages");
  EXPECT_EQ(m.text("fr", "list.range", {{"first", "1"}, {"last", "25"}, {"total", "300"}}), "1–25 sur 300");
  EXPECT_EQ(m.text("xx", "nav.home"), "Accueil");
  EXPECT_EQ(m.text("fr", "no.such.key"), "no.such.key");
  EXPECT_TRUE(Messages::right_to_left("ar"));
}

}  // namespace jobintech::app
