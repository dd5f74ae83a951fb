// libgdal opened with dlopen at the first GDAL read instead of linked (see CGDAL.h for why), behind
// functions with GDAL's own names and signatures, so the Swift code calls GDAL as if it were linked.
//
// Every definition here is hidden: it never enters the executable's dynamic symbol table, so it can
// never interpose libgdal's own internal calls to the same names (which would call back into itself).
// `nm -D .build/release/diming | grep -E 'GDAL|OGR|OSR|OCT|CPL|CSL'` must print nothing.
// GDAL's headers declare its functions with CPL_DLL, default visibility; here they are Diming's own,
// hidden (cpl_port.h defines CPL_DLL only when it is not defined already).
#define CPL_DLL __attribute__((visibility("hidden")))
#include "CGDAL.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DIMING_HIDDEN __attribute__((visibility("hidden")))

// The functions Diming calls: F for those returning a value, V for void ones, with GDAL's parameter
// lists and the arguments to pass on. A signature that differs from GDAL's headers does not compile
// (the headers declare every one of them).
#define DIMING_GDAL_FUNCTIONS(F, V)                                                                          \
    V(CPLErrorReset, (void), ())                                                                              \
    F(const char *, CPLGetLastErrorMsg, (void), ())                                                           \
    F(CPLErrorHandler, CPLSetErrorHandler, (CPLErrorHandler handler), (handler))                              \
    F(char **, CSLAddString, (char **list, const char *string), (list, string))                              \
    V(CSLDestroy, (char **list), (list))                                                                      \
    V(GDALAllRegister, (void), ())                                                                            \
    F(GDALDatasetH, GDALOpenEx,                                                                               \
      (const char *path, unsigned int flags, const char *const *drivers, const char *const *options,         \
       const char *const *siblings),                                                                          \
      (path, flags, drivers, options, siblings))                                                              \
    V(GDALClose, (GDALDatasetH dataset), (dataset))                                                           \
    F(int, GDALDatasetGetLayerCount, (GDALDatasetH dataset), (dataset))                                       \
    F(OGRLayerH, GDALDatasetGetLayer, (GDALDatasetH dataset, int index), (dataset, index))                    \
    F(const char *, OGR_L_GetName, (OGRLayerH layer), (layer))                                                \
    F(GIntBig, OGR_L_GetFeatureCount, (OGRLayerH layer, int force), (layer, force))                           \
    F(OGRFeatureDefnH, OGR_L_GetLayerDefn, (OGRLayerH layer), (layer))                                        \
    F(OGRSpatialReferenceH, OGR_L_GetSpatialRef, (OGRLayerH layer), (layer))                                  \
    V(OGR_L_ResetReading, (OGRLayerH layer), (layer))                                                         \
    F(OGRFeatureH, OGR_L_GetNextFeature, (OGRLayerH layer), (layer))                                          \
    F(int, OGR_FD_GetFieldCount, (OGRFeatureDefnH definition), (definition))                                  \
    F(OGRFieldDefnH, OGR_FD_GetFieldDefn, (OGRFeatureDefnH definition, int index), (definition, index))       \
    F(const char *, OGR_Fld_GetNameRef, (OGRFieldDefnH field), (field))                                       \
    V(OGR_F_Destroy, (OGRFeatureH feature), (feature))                                                        \
    F(GIntBig, OGR_F_GetFID, (OGRFeatureH feature), (feature))                                                \
    F(OGRGeometryH, OGR_F_GetGeometryRef, (OGRFeatureH feature), (feature))                                   \
    F(int, OGR_F_IsFieldSetAndNotNull, (OGRFeatureH feature, int index), (feature, index))                    \
    F(const char *, OGR_F_GetFieldAsString, (OGRFeatureH feature, int index), (feature, index))               \
    F(OGRwkbGeometryType, OGR_GT_Flatten, (OGRwkbGeometryType type), (type))                                  \
    F(OGRwkbGeometryType, OGR_G_GetGeometryType, (OGRGeometryH geometry), (geometry))                         \
    F(int, OGR_G_GetPointCount, (OGRGeometryH geometry), (geometry))                                          \
    F(int, OGR_G_GetPoints,                                                                                   \
      (OGRGeometryH geometry, void *x, int xStride, void *y, int yStride, void *z, int zStride),              \
      (geometry, x, xStride, y, yStride, z, zStride))                                                         \
    F(int, OGR_G_GetGeometryCount, (OGRGeometryH geometry), (geometry))                                       \
    F(OGRGeometryH, OGR_G_GetGeometryRef, (OGRGeometryH geometry, int index), (geometry, index))              \
    F(OGRGeometryH, OGR_G_GetLinearGeometry, (OGRGeometryH geometry, double maxAngle, char **options),        \
      (geometry, maxAngle, options))                                                                          \
    V(OGR_G_DestroyGeometry, (OGRGeometryH geometry), (geometry))                                             \
    F(OGRSpatialReferenceH, OSRNewSpatialReference, (const char *wkt), (wkt))                                 \
    F(OGRSpatialReferenceH, OSRClone, (OGRSpatialReferenceH srs), (srs))                                      \
    V(OSRDestroySpatialReference, (OGRSpatialReferenceH srs), (srs))                                          \
    F(OGRErr, OSRImportFromEPSG, (OGRSpatialReferenceH srs, int code), (srs, code))                           \
    V(OSRSetAxisMappingStrategy, (OGRSpatialReferenceH srs, OSRAxisMappingStrategy strategy), (srs, strategy)) \
    F(const char *, OSRGetName, (OGRSpatialReferenceH srs), (srs))                                            \
    F(const char *, OSRGetAuthorityCode, (OGRSpatialReferenceH srs, const char *key), (srs, key))             \
    F(const char *, OSRGetAttrValue, (OGRSpatialReferenceH srs, const char *name, int child),                 \
      (srs, name, child))                                                                                     \
    F(int, OSRIsGeographic, (OGRSpatialReferenceH srs), (srs))                                                \
    F(OGRCoordinateTransformationH, OCTNewCoordinateTransformation,                                           \
      (OGRSpatialReferenceH source, OGRSpatialReferenceH target), (source, target))                           \
    V(OCTDestroyCoordinateTransformation, (OGRCoordinateTransformationH transform), (transform))              \
    F(int, OCTTransformEx, (OGRCoordinateTransformationH transform, int count, double *x, double *y,          \
                            double *z, int *success),                                                         \
      (transform, count, x, y, z, success))

// libgdal's entry points, resolved by dlsym. CPLQuietErrorHandler is only passed to GDAL, never called.
struct gdal_api {
#define DIMING_MEMBER(ret, name, params, args) __typeof__(name) *name;
#define DIMING_VOID_MEMBER(name, params, args) __typeof__(name) *name;
    DIMING_GDAL_FUNCTIONS(DIMING_MEMBER, DIMING_VOID_MEMBER)
    __typeof__(CPLQuietErrorHandler) *CPLQuietErrorHandler;
};

// Set once, when every entry point has resolved; read with acquire by the forwarders.
static const struct gdal_api *loaded_api;
static struct gdal_api api_storage;
static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;

// Appends `text` to the message in `buffer` (NUL-terminated within `size`), after `separator` if not empty.
static void append(char *buffer, size_t size, const char *separator, const char *text) {
    if (!buffer || !size) return;
    size_t used = strlen(buffer);
    if (used + 1 < size) snprintf(buffer + used, size - used, "%s%s", used ? separator : "", text);
}

// Resolves every entry point of `handle` into `api`; 0 with the missing function's name otherwise.
static int resolve(void *handle, const char *name, struct gdal_api *api, char *error, size_t size) {
#define DIMING_RESOLVE(symbol)                                                                                \
    dlerror();                                                                                                \
    *(void **)&api->symbol = dlsym(handle, #symbol);                                                          \
    if (!api->symbol) {                                                                                       \
        char reason[256];                                                                                     \
        snprintf(reason, sizeof reason, "%s has no function %s (not a GDAL 3 library?)", name, #symbol);     \
        append(error, size, "; ", reason);                                                                    \
        return 0;                                                                                             \
    }
#define DIMING_RESOLVE_F(ret, symbol, params, args) DIMING_RESOLVE(symbol)
#define DIMING_RESOLVE_V(symbol, params, args) DIMING_RESOLVE(symbol)
    DIMING_GDAL_FUNCTIONS(DIMING_RESOLVE_F, DIMING_RESOLVE_V)
    DIMING_RESOLVE(CPLQuietErrorHandler)
    return 1;
}

// GDAL 3.0–3.11 have soname libgdal.so.(26 + minor) (gdal.cmake's GDAL_SOVERSION): 3.2 is libgdal.so.28
// (Debian 11), 3.4 .30 (Ubuntu 22.04), 3.6 .32 (Debian 12), 3.8 .34 (Ubuntu 24.04), 3.10 .36 (Debian 13).
static const int known_soversions[] = {37, 36, 34, 32, 30, 28};
static char built_with[32];
static const char *sonames[2 + sizeof known_soversions / sizeof *known_soversions + 1];
static char known_names[sizeof known_soversions / sizeof *known_soversions][32];
static pthread_once_t sonames_once = PTHREAD_ONCE_INIT;

static void list_sonames(void) {
    size_t count = 0;
#if GDAL_VERSION_MAJOR == 3
    snprintf(built_with, sizeof built_with, "libgdal.so.%d", 26 + GDAL_VERSION_MINOR);
    sonames[count++] = built_with;
#endif
    sonames[count++] = "libgdal.so";
    for (size_t i = 0; i < sizeof known_soversions / sizeof *known_soversions; i++) {
        snprintf(known_names[i], sizeof known_names[i], "libgdal.so.%d", known_soversions[i]);
        if (strcmp(known_names[i], built_with) != 0) sonames[count++] = known_names[i];
    }
    sonames[count] = NULL;
}

DIMING_HIDDEN const char *const *diming_gdal_sonames(void) {
    pthread_once(&sonames_once, list_sonames);
    return sonames;
}

// Whether dlopen's reason is only that `name` itself is nowhere on the library path.
static int not_found(const char *reason, const char *name) {
    size_t length = strlen(name);
    return strncmp(reason, name, length) == 0 && strcmp(reason + length, ": cannot open shared object file: No such file or directory") == 0;
}

DIMING_HIDDEN int diming_gdal_load(const char *const *names, int keep, char *error, size_t size) {
    if (keep && __atomic_load_n(&loaded_api, __ATOMIC_ACQUIRE)) return 1;
    if (keep) pthread_mutex_lock(&load_lock);
    int ok = keep && loaded_api != NULL;
    char missing[512] = "", other[1024] = "";
    for (const char *const *name = names; !ok && name && *name; name++) {
        dlerror();
        // RTLD_LAZY as a linked library would be bound; RTLD_LOCAL: nothing else sees GDAL's symbols.
        void *handle = dlopen(*name, RTLD_LAZY | RTLD_LOCAL);
        if (!handle) {
            const char *reason = dlerror();
            if (!reason) reason = "cannot be opened";
            if (not_found(reason, *name)) append(missing, sizeof missing, ", ", *name);
            else append(other, sizeof other, "; ", reason);
            continue;
        }
        struct gdal_api api;
        if (!resolve(handle, *name, &api, other, sizeof other)) {
            dlclose(handle);
            break; // a library by GDAL's name without GDAL's functions: say so rather than try others
        }
        ok = 1;
        if (keep) {
            api_storage = api; // libgdal stays loaded for the life of the process
            __atomic_store_n(&loaded_api, &api_storage, __ATOMIC_RELEASE);
        } else {
            dlclose(handle); // a reference count: the GDAL in use, if it is this one, stays
        }
    }
    if (keep) pthread_mutex_unlock(&load_lock);
    if (!ok && error && size) {
        error[0] = 0;
        append(error, size, "; ", other);
        if (missing[0]) {
            char names[600];
            snprintf(names, sizeof names, "%s not found (cannot open shared object file)", missing);
            append(error, size, "; ", names);
        }
        if (!error[0]) append(error, size, "", "no library name to try");
    }
    return ok;
}

// The loaded entry points; a call before a successful load is Diming's bug (GDALLibrary.start() first).
static inline const struct gdal_api *api(const char *function) {
    const struct gdal_api *api = __atomic_load_n(&loaded_api, __ATOMIC_ACQUIRE);
    if (__builtin_expect(api == NULL, 0)) {
        fprintf(stderr, "diming: %s called before GDAL was loaded (GDALLibrary.start() first)\n", function);
        abort();
    }
    return api;
}

DIMING_HIDDEN void diming_gdal_quiet(void) {
    const struct gdal_api *gdal = api(__func__);
    gdal->CPLSetErrorHandler(gdal->CPLQuietErrorHandler);
}

#define DIMING_FORWARD(ret, name, params, args)                                                               \
    DIMING_HIDDEN ret name params { return api(#name)->name args; }
#define DIMING_FORWARD_VOID(name, params, args)                                                               \
    DIMING_HIDDEN void name params { api(#name)->name args; }
DIMING_GDAL_FUNCTIONS(DIMING_FORWARD, DIMING_FORWARD_VOID)
