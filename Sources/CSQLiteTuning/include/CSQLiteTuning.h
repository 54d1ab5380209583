#ifndef CSQLITETUNING_H
#define CSQLITETUNING_H

/// Sets the page cache of every SQLite connection opened from now on, in KiB, and its `synchronous`
/// level (1: NORMAL, 2: FULL), and keeps temporary tables and sort runs in memory. Safe to call more
/// than once: the hook is registered once. Returns 0 (SQLITE_OK) on success.
int fleetcare_sqlite_tune_connections(int cache_kib, int synchronous);

#endif
