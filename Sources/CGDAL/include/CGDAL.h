// GDAL's C API (Debian libgdal-dev's headers): vector drivers (ESRI Shapefile, GPKG, OpenFileGDB,
// GeoJSON) through OGR, and coordinate systems through OSR/PROJ.
//
// Diming does not link libgdal: it and its ~110 dependencies cost every command ~85 ms at start
// (the dynamic linker's relocations, OpenBLAS's threads), and only GDAL formats need it. GDALLoader.c
// defines, with GDAL's own names and signatures, the functions Diming calls; hidden in the executable,
// they forward to the library's, which `diming_gdal_load` opens with dlopen at the first GDAL read.
#ifndef DIMING_CGDAL_H
#define DIMING_CGDAL_H

#include <stddef.h>

// Debian puts GDAL's headers in /usr/include/gdal (pkg-config's -I); elsewhere they may be on the path.
#if __has_include(<gdal.h>)
#include <gdal.h>
#include <gdal_version.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#else
#include <gdal/gdal.h>
#include <gdal/gdal_version.h>
#include <gdal/ogr_api.h>
#include <gdal/ogr_srs_api.h>
#include <gdal/cpl_conv.h>
#include <gdal/cpl_error.h>
#include <gdal/cpl_string.h>
#endif

/// The library names tried, in order, NULL-terminated: the soname of the GDAL whose headers Diming was
/// built with, the unversioned `libgdal.so` (libgdal-dev's link), then the sonames of other GDAL 3
/// releases in Debian and Ubuntu (their C API is the same for the functions Diming calls).
const char *const *diming_gdal_sonames(void);

/// Loads GDAL from the first of `names` (NULL-terminated) that dlopen finds and resolves every
/// function Diming calls. Returns 1 when GDAL is usable, otherwise 0 with what failed in `error`
/// (dlerror's text, the names not found, or the missing function). With `keep`, the library stays
/// and the forwarders use it (at once 1 when an earlier call loaded it; thread-safe); never half-done:
/// until every function resolves, none is used. Without `keep` (tests of the loader's errors) it is
/// only tried, and the GDAL in use is untouched.
int diming_gdal_load(const char *const *names, int keep, char *error, size_t size);

/// A silent error handler, so a bad file's messages reach the user through Diming's errors
/// (CPLGetLastErrorMsg) instead of GDAL printing them to stderr. After a successful load.
void diming_gdal_quiet(void);

#endif
