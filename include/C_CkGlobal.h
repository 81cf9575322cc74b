/* Chilkat's header for CkGlobal: a Chilkat C program includes it and compiles against libdpop with
 * only its link line changed. Everything is declared in dpop.h. */
#ifndef C_CKGLOBAL_H
#define C_CKGLOBAL_H
#include "dpop.h"
#endif
