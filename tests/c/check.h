/* The check macros of the C tests: CHECK counts a check and reports a failed one with its line;
 * CHECK_CODE checks what a call on a handle recorded (rule [E] of dpop.h) in one go. Include once
 * per test program; end main with `return check_summary();`. */
#ifndef DPOP_TEST_CHECK_H
#define DPOP_TEST_CHECK_H

#include "dpop.h"
#include <stdio.h>
#include <string.h>

static int failures = 0, checks = 0;

#define CHECK(cond, ...)                                                    \
    do {                                                                    \
        checks++;                                                           \
        if (!(cond)) {                                                      \
            failures++;                                                     \
            fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond); \
            fprintf(stderr, __VA_ARGS__);                                   \
            fprintf(stderr, "\n");                                          \
        }                                                                   \
    } while (0)

/* The last call on handle h of class CLS (CkHttp, ...) recorded `code`: LastErrorCode `code`,
 * LastMethodSuccess 1 exactly for DPOP_OK, and a LastErrorText exactly after a failure. */
#define CHECK_CODE(CLS, h, code)                                                                      \
    do {                                                                                              \
        int code_ = CLS##_getLastErrorCode(h), lms_ = CLS##_getLastMethodSuccess(h);                  \
        const char *err_ = CLS##_lastErrorText(h);                                                    \
        CHECK(code_ == (code), "%s is %d, expected %s: %s", #CLS "_getLastErrorCode", code_, #code, err_); \
        CHECK(lms_ == ((code) == DPOP_OK), "LastMethodSuccess %d with %s", lms_, #code);              \
        CHECK((err_[0] == '\0') == ((code) == DPOP_OK), "LastErrorText \"%s\" with %s", err_, #code); \
    } while (0)

static inline int contains(const char *haystack, const char *needle) {
    return haystack != NULL && strstr(haystack, needle) != NULL;
}

static inline int check_summary(void) {
    printf("%d passed, %d failed\n", checks - failures, failures);
    return failures == 0 ? 0 : 1;
}

#endif
