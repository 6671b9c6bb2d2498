// The embedded store: one SQLite database file in a directory, in WAL
// mode, its schema brought up to date by numbered migrations on open.

#ifndef SAGSSPOR_STORE_SQLITE_STORE_H_
#define SAGSSPOR_STORE_SQLITE_STORE_H_

#include <memory>
#include <string>

#include "store/store.h"

namespace sagsspor::store {

// Opens (creating if needed) the store in directory `dir`, as
// `dir`/sagsspor.db. Returns nullptr with *error set when the directory
// cannot be created, the file is not a Sagsspor database, or its schema is
// newer than this program knows.
std::unique_ptr<Store> OpenSqliteStore(const std::string& dir, std::string* error);

// The schema version this program writes.
int SqliteSchemaVersion();

}  // namespace sagsspor::store

#endif  // SAGSSPOR_STORE_SQLITE_STORE_H_
