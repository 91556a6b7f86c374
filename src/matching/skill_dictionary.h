// SkillDictionary: skill codes to dense ids (0, 1, 2, ...), so that the matching engine works on
// small integers and every profile's skills are a sorted vector of ids.
//
// Promises: ids are given in the order codes are first interned and never change; code(id) gives
// back the code exactly as interned. Codes are opaque: compared byte for byte, any text is a code.
//
// Expects: nothing about the codes. Not thread-safe while interning; concurrent const calls
// (find, code, size) on a dictionary nobody modifies are safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace jobintech::matching {

using SkillId = std::uint32_t;

class SkillDictionary {
 public:
  // The id of `code`, added if it is new.
  SkillId intern(std::string_view code);
  std::optional<SkillId> find(std::string_view code) const;
  const std::string& code(SkillId id) const { return codes_[id]; }
  std::size_t size() const { return codes_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::vector<std::string> codes_;
  std::unordered_map<std::string, SkillId, Hash, std::equal_to<>> ids_;
};

}  // namespace jobintech::matching
