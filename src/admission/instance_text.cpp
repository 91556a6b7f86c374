#include "admission/instance_text.h"

#include <charconv>

namespace jobintech::admission {

namespace {

// Appends without temporaries: the text of a national round is ten million choices long.
void append_integer(std::string& text, std::int64_t value) {
  char buffer[24];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  text.append(buffer, end);
}

}  // namespace

std::string canonical_input(const Instance& instance, const InstanceNames& names) {
  std::string text = "jobintech allocation input v1\nprecedence " + precedence_text(instance.precedence) + "\n";
  text.reserve(text.size() + instance.cohorts.size() * 32 + instance.candidates.size() * 40 +
               instance.choices.size() * 16);
  for (std::size_t c = 0; c < instance.cohorts.size(); ++c) {
    const Cohort& cohort = instance.cohorts[c];
    text += "cohort ";
    text += names.cohorts[c];
    text += ',';
    text += names.regions[cohort.region];
    for (std::int32_t seats : cohort.seats) {
      text += ',';
      append_integer(text, seats);
    }
    text += '\n';
  }
  for (std::size_t i = 0; i < instance.candidates.size(); ++i) {
    const Candidate& candidate = instance.candidates[i];
    text += "candidate ";
    append_integer(text, candidate.id);
    text += ',';
    text += names.regions[candidate.region];
    text += candidate.woman ? ",F," : ",M,";
    append_integer(text, candidate.lottery);
    text += ',';
    for (std::uint32_t j = instance.choice_begin[i]; j < instance.choice_begin[i + 1]; ++j) {
      const Choice& choice = instance.choices[j];
      text += names.cohorts[choice.cohort];
      text += ':';
      append_score(text, choice.score);
      text += ';';
    }
    text += '\n';
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
