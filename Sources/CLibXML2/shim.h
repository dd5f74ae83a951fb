#ifndef DIMING_CLIBXML2_SHIM_H
#define DIMING_CLIBXML2_SHIM_H
// Debian's libxml2 is built with ICU 72, which clashes with Foundation's bundled ICU:
// include the version header first and switch the ICU part off before anything else.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <stdlib.h>

/// `xmlFree` is a global function pointer, which Swift 6 rejects as not concurrency-safe.
static inline void diming_xml_free(void *pointer) { xmlFree(pointer); }

#endif
