#include "shared_programme.h"

namespace jobintech::testing {

namespace {
std::unique_ptr<ServedProgramme> instance;

class Cleanup : public ::testing::Environment {
 public:
  void TearDown() override { instance.reset(); }
};
const auto* registered = ::testing::AddGlobalTestEnvironment(new Cleanup);
}  // namespace

ServedProgramme& programme() {
  (void)registered;
  if (!instance) instance = std::make_unique<ServedProgramme>();
  return *instance;
}

}  // namespace jobintech::testing
