/* Chilkat's header for CkHttp: a Chilkat C program includes it and compiles against libdpop with
 * only its link line changed. Its functions are declared in dpop.h, BOOL, TRUE and FALSE in
 * C_CkTypes.h. */
#ifndef C_CKHTTP_H
#define C_CKHTTP_H
#include "dpop.h"
#include "C_CkTypes.h"
#endif
