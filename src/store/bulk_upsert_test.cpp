#include "store/bulk_upsert.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "store/sql.h"
#include "store/transaction.h"

namespace jobintech::store {

namespace {

class BulkTable : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() / ("jobintech-bulk-" + std::to_string(::getpid()) + ".db")).string();
    std::filesystem::remove(path_);
    db_ = std::make_unique<Database>(path_, 1);
    auto conn = db_->connect();
    conn.session() << "CREATE TABLE people (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT, score DOUBLE PRECISION, "
                      "created_at TEXT NOT NULL, updated_at TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1)";
    conn.session() << "CREATE INDEX people_name ON people(name)";
  }
  void TearDown() override {
    db_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }
  std::string path_;
  std::unique_ptr<Database> db_;
};

TextRow row(const std::string& code, std::optional<std::string> name, std::optional<std::string> score) {
  return {code, std::move(name), std::move(score)};
}

}  // namespace

TEST_F(BulkTable, CreatesUpdatesAndLeavesIdenticalRowsAlone) {
  auto conn = db_->connect();
  Transaction tx(conn.session());
  {
    BulkUpsert w(conn, "people", {"code", "name", "score"}, 1);
    EXPECT_EQ(w.upsert(row("a", "Salma", "71.5")), BulkUpsert::Result::created);
    EXPECT_EQ(w.upsert(row("a", "Salma", "71.50")), BulkUpsert::Result::unchanged);  // the same number
    TextRow before;
    std::int64_t id = 0;
    EXPECT_EQ(w.upsert(row("a", std::nullopt, "71.5"), &before, &id), BulkUpsert::Result::updated);
    EXPECT_EQ(before[1], "Salma");
    EXPECT_EQ(id, 1);
  }
  tx.commit();
  EXPECT_EQ(fetch_integer(conn.session(), "SELECT version FROM people WHERE code = 'a'"), 2);
  EXPECT_EQ(fetch_integer(conn.session(), "SELECT COUNT(*) FROM people WHERE name IS NULL"), 1);
}

TEST_F(BulkTable, BatchedInsertsWriteEveryRowOnce) {
  std::vector<TextRow> rows;
  for (int i = 0; i < 100; ++i) rows.push_back(row("k" + std::to_string(i), "n" + std::to_string(i % 7), std::nullopt));
  auto conn = db_->connect();
  Transaction tx(conn.session());
  {
    DeferredIndexes deferred(conn, {"people"});
    BulkUpsert w(conn, "people", {"code", "name", "score"}, 1);
    for (const auto& r : rows) w.insert_later(r);
    w.flush();
    deferred.finish();
  }
  tx.commit();
  EXPECT_EQ(fetch_integer(conn.session(), "SELECT COUNT(DISTINCT code) FROM people"), 100);
  EXPECT_EQ(fetch_integer(conn.session(), "SELECT COUNT(*) FROM sqlite_master WHERE name = 'people_name'"), 1);
  EXPECT_EQ(fetch_integer(conn.session(), "SELECT COUNT(*) FROM people WHERE created_at IS NULL OR version <> 1"), 0);
}

TEST_F(BulkTable, ADuplicateKeyFailsTheWholeBatch) {
  auto conn = db_->connect();
  std::vector<TextRow> rows(40, row("same", "x", std::nullopt));
  {
    Transaction tx(conn.session());
    BulkUpsert w(conn, "people", {"code", "name", "score"}, 1);
    for (const auto& r : rows) w.insert_later(r);
    EXPECT_THROW(w.flush(), std::runtime_error);
  }  // rolled back
  EXPECT_EQ(fetch_integer(conn.session(), "SELECT COUNT(*) FROM people"), 0);
}

}  // namespace jobintech::store
