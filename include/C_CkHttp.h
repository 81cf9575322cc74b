/* Chilkat's header for CkHttp: a Chilkat C program includes it and compiles against libdpop with
 * only its link line changed. Everything is declared in dpop.h. */
#ifndef C_CKHTTP_H
#define C_CKHTTP_H
#include "dpop.h"
#endif
