/* Chilkat's header for CkPrivateKey: a Chilkat C program includes it and compiles against libdpop with
 * only its link line changed. Everything is declared in dpop.h. */
#ifndef C_CKPRIVATEKEY_H
#define C_CKPRIVATEKEY_H
#include "dpop.h"
#endif
