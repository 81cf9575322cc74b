/* Chilkat's header for CkHttpRequest: a Chilkat C program includes it and compiles against libdpop with
 * only its link line changed. Everything is declared in dpop.h. */
#ifndef C_CKHTTPREQUEST_H
#define C_CKHTTPREQUEST_H
#include "dpop.h"
#endif
