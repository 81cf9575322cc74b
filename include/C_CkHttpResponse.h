/* Chilkat's header for CkHttpResponse: a Chilkat C program includes it and compiles against libdpop with
 * only its link line changed. Everything is declared in dpop.h. */
#ifndef C_CKHTTPRESPONSE_H
#define C_CKHTTPRESPONSE_H
#include "dpop.h"
#endif
