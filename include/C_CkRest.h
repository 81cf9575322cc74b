/* Chilkat's header for CkRest: a Chilkat C program includes it and compiles against libdpop with
 * only its link line changed. Everything is declared in dpop.h. */
#ifndef C_CKREST_H
#define C_CKREST_H
#include "dpop.h"
#endif
