#ifndef DIMING_OSM_PBF_H
#define DIMING_OSM_PBF_H

// OSM PBF through libosmium (Debian libosmium2-dev), behind a plain C interface Swift can call.
// The reader decodes the file's blocks on libosmium's worker threads, keeps node locations in
// libosmium's FlexMem index (sparse, switching to dense when the ids are dense) and hands each
// way that carries one of the class keys to a callback with its nodes' locations resolved.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A node location the file does not have (libosmium's undefined coordinate).
#define DIMING_PBF_MISSING INT32_MAX

/// One way, valid only during the callback. Coordinates are fixed point (1e-7 degrees), as OSM
/// stores them; a node the file lacks has both set to DIMING_PBF_MISSING.
typedef struct diming_pbf_way {
    int64_t id;
    int32_t version;
    size_t node_count;
    const int64_t *node_ids;
    const int32_t *lons;
    const int32_t *lats;
    /// The nodes' versions (0 where the file has none, or for a node it lacks).
    const int32_t *node_versions;
    size_t tag_count;
    const char *const *keys;
    const char *const *values;
} diming_pbf_way;

/// What the read saw.
typedef struct diming_pbf_stats {
    int64_t nodes;
    int64_t ways;
    int64_t relations;
    /// Ways without any of the class keys (not handed to the callback).
    int64_t ways_without_class;
    /// Bytes of the file read so far.
    int64_t bytes;
} diming_pbf_stats;

/// Called for each way with a class key; a non-zero answer stops the read (diming_pbf_read returns 1).
typedef int (*diming_pbf_way_callback)(const diming_pbf_way *way, void *context);

/// Called now and then with the statistics so far.
typedef void (*diming_pbf_progress_callback)(const diming_pbf_stats *stats, void *context);

/// Reads the OSM PBF file at `path`. Returns 0 when done, 1 when the callback stopped it, and -1 on
/// an error, whose message is written to `error` (NUL-terminated, at most `error_size` bytes).
int diming_pbf_read(const char *path, const char *const *class_keys, size_t class_key_count,
                    diming_pbf_way_callback callback, diming_pbf_progress_callback progress, void *context,
                    diming_pbf_stats *stats, char *error, size_t error_size);

#ifdef __cplusplus
}
#endif

#endif
