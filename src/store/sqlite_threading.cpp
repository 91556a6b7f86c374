#include "store/sqlite_threading.h"

#include <sqlite3.h>

namespace jobintech::store {

void choose_sqlite_multithread_mode() {
  // SQLITE_MISUSE when SQLite was already initialised: it then keeps its mode.
  static const int result = sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
  (void)result;
}

}  // namespace jobintech::store
