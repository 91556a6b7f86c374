// The canonical text of an allocation's inputs and the files of `jobintech allocate`: exact
// format, since digests stored with runs are computed from it.
#include "admission/instance_text.h"

#include <gtest/gtest.h>

namespace jobintech::admission {
namespace {

TEST(InstanceText, CanonicalTextAndFiles) {
  Instance instance;
  instance.cohorts.push_back(Cohort{.region = 0, .seats = {2, 1, 0}});
  instance.cohorts.push_back(Cohort{.region = 1, .seats = {1, 0, 1}});
  instance.add_candidate({.id = 42, .lottery = 7, .region = 1, .woman = true},
                         std::vector<Choice>{{1, 71'500'000}, {0, -3'000'001}});
  instance.add_candidate({.id = 9, .lottery = 123456789012, .region = 0, .woman = false},
                         std::vector<Choice>{{0, 100'000'000}});
  const InstanceNames names{{"casa-dev-1", "dakhla-data-2"}, {"06", "12"}};
  EXPECT_EQ(canonical_input(instance, names),
            "jobintech allocation input v1\n"
            "precedence open,women,local\n"
            "cohort casa-dev-1,06,2,1,0\n"
            "cohort dakhla-data-2,12,1,0,1\n"
            "candidate 42,12,F,7,dakhla-data-2:71.5;casa-dev-1:-3.000001;\n"
            "candidate 9,06,M,123456789012,casa-dev-1:100;\n");
  const AllocationCsv csv = allocation_csv(instance, names);
  EXPECT_EQ(csv.cohorts,
            "cohort_id,region_code,capacity,reserved_women,reserved_local\n"
            "casa-dev-1,06,3,1,0\n"
            "dakhla-data-2,12,2,0,1\n");
  EXPECT_EQ(csv.candidates, "candidate_id,region_code,gender,lottery\n42,12,F,7\n9,06,M,123456789012\n");
  EXPECT_EQ(csv.applications,
            "candidate_id,cohort_id,rank,score\n42,dakhla-data-2,1,71.5\n42,casa-dev-1,2,-3.000001\n"
            "9,casa-dev-1,1,100\n");
}

}  // namespace
}  // namespace jobintech::admission
