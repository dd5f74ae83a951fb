#ifndef DIMING_CARCHIVE_SHIM_H
#define DIMING_CARCHIVE_SHIM_H
#include <archive.h>
#include <archive_entry.h>
#endif
