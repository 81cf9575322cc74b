/* Chilkat's header for CkRest: a Chilkat C program includes it and compiles against libdpop with
 * only its link line changed. Its functions are declared in dpop.h, BOOL, TRUE and FALSE in
 * C_CkTypes.h. */
#ifndef C_CKREST_H
#define C_CKREST_H
#include "dpop.h"
#include "C_CkTypes.h"
#endif
