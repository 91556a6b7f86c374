#include "store/transaction.h"

namespace jobintech::store {

Transaction::Transaction(soci::session& sql) : sql_(sql) {
  if (sql_.get_backend_name() == "sqlite3") {
    sql_ << "BEGIN IMMEDIATE";
  } else {
    sql_.begin();
  }
}

Transaction::~Transaction() {
  if (!open_) return;
  try {
    rollback();
  } catch (...) {
  }
}

void Transaction::commit() {
  sql_.commit();
  open_ = false;
}

void Transaction::rollback() {
  open_ = false;
  sql_.rollback();
}

}  // namespace jobintech::store
