/* What Chilkat's C headers declare besides the functions: the BOOL, TRUE and FALSE that Chilkat's
 * C programs use (`BOOL success = CkJsonObject_Load(json, "{}"); if (success != TRUE) ...`).
 * Every C_Ck<Class>.h includes it; dpop.h alone does not declare these names.
 *
 * BOOL is int, as libdpop's functions return and as windows.h declares it. It is not declared
 * again after windows.h (its guard _MINWINDEF_ or _WINDEF_ is defined) or when the program has
 * its own (BOOL is a macro, or BOOL_IS_TYPEDEF is defined as for Chilkat's headers). windows.h
 * included later repeats the identical typedef, which C11, C++ and system headers allow. */
#ifndef C_CKTYPES_H
#define C_CKTYPES_H
#if !defined(BOOL) && !defined(BOOL_IS_TYPEDEF) && !defined(_MINWINDEF_) && !defined(_WINDEF_) && !defined(__OBJC__)
typedef int BOOL;
#define BOOL_IS_TYPEDEF
#endif
#ifndef TRUE
#define TRUE 1
#endif
#ifndef FALSE
#define FALSE 0
#endif
#endif
