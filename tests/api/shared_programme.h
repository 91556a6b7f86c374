// One served demo programme shared by the tests of this binary, created on first use.
#pragma once

#include "api_fixture.h"

namespace jobintech::testing {

ServedProgramme& programme();

}  // namespace jobintech::testing
