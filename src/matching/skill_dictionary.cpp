#include "matching/skill_dictionary.h"

namespace jobintech::matching {

SkillId SkillDictionary::intern(std::string_view code) {
  if (const auto found = ids_.find(code); found != ids_.end()) return found->second;
  const auto id = static_cast<SkillId>(codes_.size());
  codes_.emplace_back(code);
  ids_.emplace(codes_.back(), id);
  return id;
}

std::optional<SkillId> SkillDictionary::find(std::string_view code) const {
  const auto found = ids_.find(code);
  if (found == ids_.end()) return std::nullopt;
  return found->second;
}

}  // namespace jobintech::matching
