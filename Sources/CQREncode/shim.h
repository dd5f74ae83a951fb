#ifndef DIMING_CQRENCODE_SHIM_H
#define DIMING_CQRENCODE_SHIM_H
#include <qrencode.h>
#endif
