/* Chilkat's header for CkJsonArray: a Chilkat C program includes it and compiles against libdpop with
 * only its link line changed. Everything is declared in dpop.h. */
#ifndef C_CKJSONARRAY_H
#define C_CKJSONARRAY_H
#include "dpop.h"
#endif
