// Where the program finds its files: migrations/, data/ (reference data, message catalogues)
// and web/ (templates, static files). $JOBINTECH_HOME wins; otherwise the source tree the
// binary was built from. Pure lookups; thread-safe.
#pragma once

#include <string>

namespace jobintech::app {

struct Paths {
  std::string home;
  std::string migrations() const { return home + "/migrations"; }
  std::string data() const { return home + "/data"; }
  std::string templates() const { return home + "/web/templates"; }
  std::string static_files() const { return home + "/web/static"; }
};

const Paths& paths();

}  // namespace jobintech::app
