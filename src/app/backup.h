// Backup and restore of the programme's database, online (the server may keep running during a
// backup):
//   - SQLite: SQLite's online backup API copies the pages into FILE (a plain SQLite file that
//     `sqlite3 FILE` opens), which is then checked (PRAGMA quick_check) before it replaces FILE;
//   - PostgreSQL: pg_dump --format=custom into FILE (one consistent snapshot).
// Restore puts such a file into a database: SQLite again through the backup API (the target's
// pages replaced in one transaction), PostgreSQL with pg_restore --single-transaction --clean,
// so a failed restore leaves the target as it was. A file of the wrong kind is refused before
// anything is touched. Both are meant for a target no server is writing to.
#pragma once

#include <cstdint>
#include <string>

namespace jobintech::app {

struct BackupReport {
  std::string kind;        // "sqlite" or "pg_dump"
  std::uint64_t bytes = 0;  // size of the backup file
};

// Throws std::runtime_error naming the database or the file when it fails; FILE is then absent
// or as it was.
BackupReport backup_database(const std::string& db_url, const std::string& file);
void restore_database(const std::string& file, const std::string& db_url);

}  // namespace jobintech::app
