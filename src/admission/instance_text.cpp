#include "admission/instance_text.h"

namespace jobintech::admission {

std::string canonical_input(const Instance& instance, const InstanceNames& names) {
  std::string text = "jobintech allocation input v1\nprecedence " + precedence_text(instance.precedence) + "\n";
  for (std::size_t c = 0; c < instance.cohorts.size(); ++c) {
    const Cohort& cohort = instance.cohorts[c];
    text += "cohort " + names.cohorts[c] + "," + names.regions[cohort.region] + "," + std::to_string(cohort.seats[0]) +
            "," + std::to_string(cohort.seats[1]) + "," + std::to_string(cohort.seats[2]) + "\n";
  }
  for (std::size_t i = 0; i < instance.candidates.size(); ++i) {
    const Candidate& candidate = instance.candidates[i];
    text += "candidate " + std::to_string(candidate.id) + "," + names.regions[candidate.region] + "," +
            (candidate.woman ? "F" : "M") + "," + std::to_string(candidate.lottery) + ",";
    for (std::uint32_t j = instance.choice_begin[i]; j < instance.choice_begin[i + 1]; ++j) {
      const Choice& choice = instance.choices[j];
      text += names.cohorts[choice.cohort] + ":" + format_score(choice.score) + ";";
    }
    text += "\n";
  }
  return text;
}

AllocationCsv allocation_csv(const Instance& instance, const InstanceNames& names) {
  AllocationCsv csv{"candidate_id,region_code,gender,lottery\n",
                    "cohort_id,region_code,capacity,reserved_women,reserved_local\n",
                    "candidate_id,cohort_id,rank,score\n"};
  for (std::size_t c = 0; c < instance.cohorts.size(); ++c) {
    const Cohort& cohort = instance.cohorts[c];
    csv.cohorts += names.cohorts[c] + "," + names.regions[cohort.region] + "," + std::to_string(cohort.capacity()) +
                   "," + std::to_string(cohort.seats[1]) + "," + std::to_string(cohort.seats[2]) + "\n";
  }
  for (std::size_t i = 0; i < instance.candidates.size(); ++i) {
    const Candidate& candidate = instance.candidates[i];
    const std::string id = std::to_string(candidate.id);
    csv.candidates += id + "," + names.regions[candidate.region] + "," + (candidate.woman ? "F" : "M") + "," +
                      std::to_string(candidate.lottery) + "\n";
    for (std::uint32_t j = instance.choice_begin[i]; j < instance.choice_begin[i + 1]; ++j) {
      const Choice& choice = instance.choices[j];
      csv.applications += id + "," + names.cohorts[choice.cohort] + "," +
                          std::to_string(j - instance.choice_begin[i] + 1) + "," + format_score(choice.score) + "\n";
    }
  }
  return csv;
}

}  // namespace jobintech::admission
