#!/usr/bin/env python3
"""What SQLite alone takes to store an import's and a survey's rows: the store's floor.

Usage: Scripts/bench-store-floor.py REGISTRY [RUNS]

REGISTRY is a registry after `diming roads import` and `diming survey`. Into a copy emptied of its
segments, roads and members, SQLite copies the same rows back from REGISTRY with one
`INSERT … SELECT` per table, through the same library (Python's sqlite3 module links the system's
libsqlite3, as GRDB does), with the registry's settings (WAL, synchronous=NORMAL, a 64 MB cache,
foreign keys on), and empties the WAL as the command line does after a large write:

  import: road_segment's rows, committed, then the WAL checkpointed and truncated
  survey: road's and road_member's rows, committed, then the same

No file is parsed, no geometry made, no id minted: this is what the two commands cannot go below
however fast everything else is, and it runs on one core (SQLite has one writer). Prints the mean
of RUNS (default 5) runs of each, in seconds, as `import X` and `survey Y`.
"""
import os
import shutil
import sqlite3
import sys
import tempfile
import time


def connect(path):
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
                     "PRAGMA cache_size = -65536; PRAGMA foreign_keys = ON")
    return db


def emptied_copy(registry, folder):
    """A copy of the registry without segments, roads and members, checkpointed and vacuumed."""
    path = os.path.join(folder, "floor.sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    source = sqlite3.connect(registry)
    target = sqlite3.connect(path)
    source.backup(target)
    source.close()
    target.executescript("PRAGMA foreign_keys = OFF; DELETE FROM road_member; DELETE FROM road; "
                         "DELETE FROM road_segment; VACUUM")
    target.close()
    return path


def timed(path, registry, tables):
    """Copies `tables` from the registry into the emptied copy in one transaction; seconds taken."""
    db = connect(path)
    db.execute("ATTACH DATABASE ? AS source", (registry,))
    start = time.perf_counter()
    db.execute("BEGIN IMMEDIATE")
    for table in tables:
        db.execute(f"INSERT INTO main.{table} SELECT * FROM source.{table} ORDER BY rowid")
    db.execute("COMMIT")
    db.execute("PRAGMA main.wal_checkpoint(TRUNCATE)")
    elapsed = time.perf_counter() - start
    db.close()
    return elapsed


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    registry = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    if not os.path.exists(registry):
        sys.exit(f"{registry}: no such registry")
    with tempfile.TemporaryDirectory(prefix="diming-floor.") as folder:
        copy = os.path.join(folder, "registry.sqlite")
        source = sqlite3.connect(registry)
        target = sqlite3.connect(copy)
        source.backup(target)  # the registry as one file (its WAL folded in), read from here on
        source.close()
        target.close()
        imports, surveys = [], []
        for _ in range(runs):
            path = emptied_copy(copy, folder)
            imports.append(timed(path, copy, ["road_segment"]))
            surveys.append(timed(path, copy, ["road", "road_member"]))
        counts = sqlite3.connect(copy).execute(
            "SELECT (SELECT count(*) FROM road_segment), (SELECT count(*) FROM road), (SELECT count(*) FROM road_member)").fetchone()
    print(f"rows: {counts[0]} segments, {counts[1]} roads, {counts[2]} members")
    print(f"import {sum(imports) / runs:.3f}")
    print(f"survey {sum(surveys) / runs:.3f}")


if __name__ == "__main__":
    main()
