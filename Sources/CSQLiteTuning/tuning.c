// SQLite reads its settings per connection, and Fluent's SQLite driver opens its connections itself with
// no hook of its own. SQLite's auto-extension mechanism runs a function on every connection as it opens:
// that is where the page cache and the commit level (`synchronous`) are set. The functions are those of the
// SQLite that SQLiteNIO builds in, whose names carry its `sqlite_nio_` prefix; they are declared here because
// its header is not public.
#include "CSQLiteTuning.h"
#include <stdatomic.h>
#include <stdio.h>

typedef struct sqlite3 sqlite3;
extern int sqlite_nio_sqlite3_auto_extension(void (*entry)(void));
extern int sqlite_nio_sqlite3_exec(sqlite3 *db, const char *sql, int (*callback)(void *, int, char **, char **),
                                   void *context, char **error);

static _Atomic int cache_kib = 0;
static _Atomic int synchronous = 2;

static int tune(sqlite3 *db, const char **error, const void *api) {
    (void)error;
    (void)api;
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", atomic_load(&cache_kib));
    // Setting the cache reads the schema, which fails when the file is not a database (yet): the connection
    // then keeps SQLite's default cache. SQLite fails the whole open if an auto-extension leaves an error
    // behind, so the error is not left behind: the next statement reads no schema, and its success clears it.
    // The file's own problem is then reported by the first real query, as it would be without this hook.
    sqlite_nio_sqlite3_exec(db, sql, 0, 0, 0);
    // Setting `synchronous` fails on such a file too; `temp_store` is the statement that reads no schema.
    snprintf(sql, sizeof sql, "PRAGMA synchronous = %d", atomic_load(&synchronous));
    sqlite_nio_sqlite3_exec(db, sql, 0, 0, 0);
    sqlite_nio_sqlite3_exec(db, "PRAGMA temp_store = MEMORY", 0, 0, 0);
    return 0;
}

int fleetcare_sqlite_tune_connections(int kib, int sync) {
    atomic_store(&cache_kib, kib);
    atomic_store(&synchronous, sync);
    // SQLite ignores a second registration of the same function.
    return sqlite_nio_sqlite3_auto_extension((void (*)(void))tune);
}
