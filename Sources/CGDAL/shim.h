// GDAL's C API (Debian libgdal-dev): vector drivers (ESRI Shapefile, GPKG, OpenFileGDB, GeoJSON)
// through OGR, and coordinate systems through OSR/PROJ.
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>

// A silent error handler, so a bad file's messages reach the user through Diming's errors
// (CPLGetLastErrorMsg) instead of GDAL printing them to stderr.
static inline void diming_gdal_quiet(void) { CPLSetErrorHandler(CPLQuietErrorHandler); }
