/* Chilkat's header for CkStringBuilder: a Chilkat C program includes it and compiles against libdpop with
 * only its link line changed. Everything is declared in dpop.h. */
#ifndef C_CKSTRINGBUILDER_H
#define C_CKSTRINGBUILDER_H
#include "dpop.h"
#endif
