/* Chilkat's header for CkJsonObject: a Chilkat C program includes it and compiles against libdpop with
 * only its link line changed. Everything is declared in dpop.h. */
#ifndef C_CKJSONOBJECT_H
#define C_CKJSONOBJECT_H
#include "dpop.h"
#endif
