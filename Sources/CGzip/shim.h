#ifndef DIMING_CZLIB_SHIM_H
#define DIMING_CZLIB_SHIM_H
#include <zlib.h>
#endif
