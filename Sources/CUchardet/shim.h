#ifndef DIMING_CUCHARDET_SHIM_H
#define DIMING_CUCHARDET_SHIM_H
#include <uchardet/uchardet.h>
#endif
