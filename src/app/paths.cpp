#include "app/paths.h"

#include <cstdlib>

namespace jobintech::app {

const Paths& paths() {
  static const Paths p = [] {
    const char* env = std::getenv("JOBINTECH_HOME");
    return Paths{env && *env ? std::string(env) : std::string(JOBINTECH_SOURCE_DIR)};
  }();
  return p;
}

}  // namespace jobintech::app
