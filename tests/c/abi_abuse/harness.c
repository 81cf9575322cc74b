/* The ABI abuse harness (see harness.h). For every function of include/dpop.h, a baseline call
 * with valid arguments, then one call per (argument, abuse), each on fresh objects. Checks:
 *
 * - no crash (and, under valgrind, no invalid read or write, no leak);
 * - string results are never NULL, are valid UTF-8, and are "" when the call fails;
 *   LastErrorText is valid UTF-8 too, and is "" exactly when LastMethodSuccess is 1, when
 *   LastErrorCode is DPOP_OK; after a failure LastErrorCode is one of the header's DPOP_ERR_*
 *   codes, never DPOP_ERR_INVALID_HANDLE for a live object;
 * - a method (a function taking arguments besides its handle, setters included) given for an
 *   argument a NULL, a handle of another class, a disposed handle, a garbage number or a wild
 *   pointer as handle, or invalid UTF-8, fails: LastMethodSuccess 0, LastErrorCode
 *   DPOP_ERR_INVALID_ARGUMENT, an int result of 0, a NULL handle result, "" as string result, and
 *   a LastErrorText that names the argument (and says "NULL" or "UTF-8" for those abuses);
 * - any of those handles as the object itself (rule [H]): "" / NULL results (0 from methods and
 *   from getLastMethodSuccess; other int getters may answer their default), and then for that
 *   handle LastMethodSuccess 0, LastErrorCode DPOP_ERR_INVALID_HANDLE and a LastErrorText that
 *   is not empty; a foreign object is left untouched (still LastMethodSuccess 1, no error);
 * - a valid string followed by a NUL and garbage behaves like the valid string alone;
 * - 1 MiB strings, "", and extreme ints: no crash, the invariants above.
 *
 * Prints one line per failed check and a closing line "abi-abuse: N passed, M failed" counting
 * cases. Exit status 0 only if every case passed. Set ABI_ABUSE_VERBOSE=1 to list every case. */
#include "harness.h"
#include "dpop.h"
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ARGS 16
#define BIG_SIZE (1024 * 1024)

enum { R_NONE, R_VOID, R_INT, R_STRING, R_HANDLE };

struct Case {
    const FunctionInfo *fn;
    int param; /* the abused argument, -1 for the baseline */
    Variant variant;
    const char *foreign_name;
    int foreign; /* for V_FOREIGN: the other class is CLASSES[(own + foreign) % CLASS_COUNT] */
    void *passed[MAX_ARGS];  /* the handle given for each handle argument */
    void *objects[MAX_ARGS]; /* handles created for the arguments, freed after the case */
    int object_class[MAX_ARGS];
    int object_consumed[MAX_ARGS];
    char *buffers[MAX_ARGS];
    int result_kind;
    int int_result;
    int handle_non_null;
    int string_empty;
    int failed;
};

typedef struct {
    int has_lms, lms, code, int_result, handle_non_null;
} Baseline;

/* V_GARBAGE: a multiple of 8 like real handles, far above any handed out during the run. */
#define GARBAGE_HANDLE ((void *)(uintptr_t)0xdeadbee8u)

static char *big_plain, *big_nested, *big_path;
/* V_WILD points here: readable memory that holds no handle. */
static unsigned char wild_memory[64];
static int verbose;
static size_t longest_error;
static int responses; /* handles returned by functions other than Create (HTTP responses) */
static char longest_error_where[256];

static const char *variant_name(Variant v) {
    switch (v) {
    case V_END: return "end";
    case V_BASELINE: return "valid";
    case V_NULL: return "NULL";
    case V_FOREIGN: return "foreign handle";
    case V_DISPOSED: return "disposed handle";
    case V_GARBAGE: return "garbage handle";
    case V_WILD: return "wild pointer";
    case V_BAD_UTF8_LONE: return "invalid UTF-8 (0xFF 0xFE)";
    case V_BAD_UTF8_TRUNCATED: return "invalid UTF-8 (truncated sequence)";
    case V_BAD_UTF8_SURROGATE: return "invalid UTF-8 (surrogate)";
    case V_BAD_UTF8_OVERLONG: return "invalid UTF-8 (overlong)";
    case V_BAD_UTF8_TOO_BIG: return "invalid UTF-8 (above U+10FFFF)";
    case V_EMPTY: return "\"\"";
    case V_BIG_PLAIN: return "1 MiB of 'A'";
    case V_BIG_NESTED: return "1 MiB of nesting";
    case V_BIG_PATH: return "1 MiB path a.a.a";
    case V_NUL_GARBAGE: return "valid + NUL + garbage";
    case V_INT_MIN: return "INT_MIN";
    case V_INT_NEG1: return "-1";
    case V_INT_MAX: return "INT_MAX";
    }
    return "?";
}

static int is_bad_utf8(Variant v) {
    return v >= V_BAD_UTF8_LONE && v <= V_BAD_UTF8_TOO_BIG;
}

/* No live handle of the class asked for (rule [H]). */
static int is_bad_handle(Variant v) {
    return v == V_NULL || v == V_FOREIGN || v == V_DISPOSED || v == V_GARBAGE || v == V_WILD;
}

static int is_error_code(int code) {
    int i;
    for (i = 0; i < ERROR_CODE_COUNT; i++)
        if (ERROR_CODES[i] == code) return 1;
    return 0;
}

static void describe(const Case *c, char *out, size_t size) {
    if (c->param < 0)
        snprintf(out, size, "%s(valid arguments)", c->fn->name);
    else if (c->variant == V_FOREIGN)
        snprintf(out, size, "%s(%s = a %s handle)", c->fn->name, c->fn->params[c->param].name, c->foreign_name);
    else
        snprintf(out, size, "%s(%s = %s)", c->fn->name, c->fn->params[c->param].name, variant_name(c->variant));
}

static void fail(Case *c, const char *format, ...) {
    char where[256];
    va_list args;
    describe(c, where, sizeof where);
    fprintf(stderr, "FAIL %s: ", where);
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fputc('\n', stderr);
    c->failed = 1;
}

/* A short, printable excerpt of a returned text for failure messages. */
static const char *excerpt(const char *s) {
    static char buf[321];
    size_t i;
    if (s == NULL) return "(NULL)";
    for (i = 0; i < sizeof buf - 1 && s[i]; i++)
        buf[i] = (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '.';
    buf[i] = '\0';
    if (s[i] && i == sizeof buf - 1) memcpy(buf + sizeof buf - 4, "...", 4);
    return buf;
}

static int valid_utf8(const char *text) {
    const unsigned char *s = (const unsigned char *)text;
    while (*s) {
        unsigned int c = *s, n, cp, i;
        if (c < 0x80) { s++; continue; }
        if (c >= 0xc2 && c <= 0xdf) { n = 1; cp = c & 0x1f; }
        else if (c >= 0xe0 && c <= 0xef) { n = 2; cp = c & 0x0f; }
        else if (c >= 0xf0 && c <= 0xf4) { n = 3; cp = c & 0x07; }
        else return 0;
        for (i = 1; i <= n; i++) {
            if ((s[i] & 0xc0) != 0x80) return 0;
            cp = (cp << 6) | (s[i] & 0x3f);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff))
            return 0;
        s += n + 1;
    }
    return 1;
}

static int ident_char(char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
}

/* `word` occurs in `text` as a whole identifier (not inside a longer one). */
static int names_word(const char *text, const char *word) {
    size_t n = strlen(word);
    const char *p = text;
    while ((p = strstr(p, word)) != NULL) {
        if ((p == text || !ident_char(p[-1])) && !ident_char(p[n])) return 1;
        p++;
    }
    return 0;
}

static char *copy_text(const char *s) {
    size_t n = strlen(s);
    char *copy = malloc(n + 1);
    if (copy == NULL) { perror("malloc"); exit(2); }
    memcpy(copy, s, n + 1);
    return copy;
}

static char *repeat(const char *unit, const char *tail) {
    size_t u = strlen(unit), t = strlen(tail), n = 0;
    char *s = malloc(BIG_SIZE + 1);
    if (s == NULL) { perror("malloc"); exit(2); }
    while (n + u + t <= BIG_SIZE) { memcpy(s + n, unit, u); n += u; }
    memcpy(s + n, tail, t);
    s[n + t] = '\0';
    return s;
}

const char *abuse_url(void) {
    const char *url = getenv("ABI_ABUSE_URL");
    return url != NULL && *url ? url : ABUSE_URL_DEFAULT;
}

void *arg_handle(Case *c, int index, int cls) {
    int use = cls;
    void *h;
    if (index == c->param) {
        switch (c->variant) {
        case V_NULL: return NULL;
        case V_GARBAGE: return c->passed[index] = GARBAGE_HANDLE;
        case V_WILD: return c->passed[index] = wild_memory;
        case V_DISPOSED:
            h = CLASSES[cls].create();
            if (h == NULL) fail(c, "%s_Create returned NULL", CLASSES[cls].name);
            CLASSES[cls].dispose(h);
            return c->passed[index] = h;
        case V_FOREIGN:
            use = (cls + c->foreign) % CLASS_COUNT;
            c->foreign_name = CLASSES[use].name;
            break;
        default: break;
        }
    }
    h = CLASSES[use].create();
    if (h == NULL) fail(c, "%s_Create returned NULL", CLASSES[use].name);
    c->objects[index] = h;
    c->object_class[index] = use;
    return c->passed[index] = h;
}

const char *arg_string(Case *c, int index, const char *valid) {
    static const char garbage[] = "\xff\xfe\x80 garbage after the NUL \x01\x02";
    size_t n;
    char *b;
    if (index != c->param) return valid;
    switch (c->variant) {
    case V_NULL: return NULL;
    case V_BAD_UTF8_LONE: return "ab\xff\xfe" "cd";
    case V_BAD_UTF8_TRUNCATED: return "abc\xc3";
    case V_BAD_UTF8_SURROGATE: return "\xed\xa0\x80";
    case V_BAD_UTF8_OVERLONG: return "\xc0\xaf";
    case V_BAD_UTF8_TOO_BIG: return "\xf4\x90\x80\x80";
    case V_EMPTY: return "";
    case V_BIG_PLAIN: return big_plain;
    case V_BIG_NESTED: return big_nested;
    case V_BIG_PATH: return big_path;
    case V_NUL_GARBAGE:
        n = strlen(valid);
        b = malloc(n + sizeof garbage + 1);
        if (b == NULL) { perror("malloc"); exit(2); }
        memcpy(b, valid, n);
        b[n] = '\0';
        memcpy(b + n + 1, garbage, sizeof garbage);
        c->buffers[index] = b;
        return b;
    default: return valid;
    }
}

int arg_int(Case *c, int index, int valid) {
    if (index != c->param) return valid;
    switch (c->variant) {
    case V_INT_MIN: return INT_MIN;
    case V_INT_NEG1: return -1;
    case V_INT_MAX: return INT_MAX;
    default: return valid;
    }
}

void result_void(Case *c) {
    c->result_kind = R_VOID;
}

void result_int(Case *c, int r) {
    c->result_kind = R_INT;
    c->int_result = r;
}

void result_string(Case *c, const char *r) {
    c->result_kind = R_STRING;
    /* Checked now: the next string-returning call on the handle may invalidate it. */
    if (r == NULL) {
        fail(c, "returned a NULL string");
        c->string_empty = 1;
        return;
    }
    if (!valid_utf8(r)) fail(c, "returned a string that is not valid UTF-8: %s", excerpt(r));
    c->string_empty = r[0] == '\0';
}

void result_handle(Case *c, int non_null) {
    if (non_null && !c->fn->is_create) responses++;
    c->result_kind = R_HANDLE;
    c->handle_non_null = non_null;
}

void consumed(Case *c, int index) {
    if (c->objects[index] != NULL && !(index == c->param && c->variant == V_FOREIGN)) c->object_consumed[index] = 1;
}

/* The expected-failure checks for an abused argument of a method. */
static void check_refused(Case *c, int lms, int code, const char *err) {
    const char *name = c->fn->params[c->param].name;
    if (lms != 0) fail(c, "LastMethodSuccess is %d, expected 0", lms);
    if (code != DPOP_ERR_INVALID_ARGUMENT) fail(c, "LastErrorCode is %d, expected DPOP_ERR_INVALID_ARGUMENT", code);
    if (err[0] == '\0') fail(c, "LastErrorText is empty");
    else if (!names_word(err, name)) fail(c, "LastErrorText does not name the argument '%s': %s", name, excerpt(err));
    if (c->variant == V_NULL && !strstr(err, "NULL")) fail(c, "LastErrorText does not say NULL: %s", excerpt(err));
    if (is_bad_utf8(c->variant) && !strstr(err, "UTF-8")) fail(c, "LastErrorText does not say UTF-8: %s", excerpt(err));
}

static void check_failure_result(Case *c) {
    /* 0, or -1 for the functions that return an index, a size or a type code (as Chilkat's). */
    if (c->result_kind == R_INT && c->int_result != 0 && c->int_result != -1) fail(c, "returned %d on failure, expected 0 or -1", c->int_result);
    if (c->result_kind == R_STRING && !c->string_empty) fail(c, "returned a non-empty string on failure");
    if (c->result_kind == R_HANDLE && c->handle_non_null) fail(c, "returned a handle on failure");
}

/* The handle given as the object itself is no live object of its class: the library must say so
 * for it, and only that (rule [H]). */
static void check_invalid_self(Case *c) {
    const ClassInfo *own = &CLASSES[c->fn->cls];
    void *h = c->passed[0];
    int lms = own->last_method_success(h), code = own->last_error_code(h);
    const char *err = own->last_error_text(h);
    if (lms != 0) fail(c, "%s_getLastMethodSuccess of that handle is %d, expected 0", own->name, lms);
    if (code != DPOP_ERR_INVALID_HANDLE) fail(c, "%s_getLastErrorCode of that handle is %d, expected DPOP_ERR_INVALID_HANDLE", own->name, code);
    if (err == NULL || err[0] == '\0' || !valid_utf8(err)) fail(c, "%s_lastErrorText of that handle is %s, expected a text", own->name, excerpt(err));
}

static void check(Case *c, Baseline *baseline) {
    const FunctionInfo *fn = c->fn;
    int self_live = fn->has_self && c->objects[0] != NULL && !c->object_consumed[0];
    int abused_self = c->param == 0 && is_bad_handle(c->variant);
    int lms = -1, code = -1;

    if (self_live) {
        const ClassInfo *cls = &CLASSES[c->object_class[0]];
        const char *e;
        char *err;
        char where[256];
        lms = cls->last_method_success(c->objects[0]);
        code = cls->last_error_code(c->objects[0]);
        e = cls->last_error_text(c->objects[0]);
        if (e == NULL) {
            fail(c, "%s_lastErrorText returned NULL", cls->name);
            e = "";
        }
        err = copy_text(e);
        if (!valid_utf8(err)) fail(c, "LastErrorText is not valid UTF-8: %s", excerpt(err));
        if (strlen(err) > longest_error) {
            longest_error = strlen(err);
            describe(c, where, sizeof where);
            snprintf(longest_error_where, sizeof longest_error_where, "%s", where);
        }
        if (abused_self) {
            /* The foreign object must not have been touched. */
            if (lms != 1 || code != DPOP_OK || err[0] != '\0')
                fail(c, "the foreign %s object was changed: LastMethodSuccess %d, LastErrorCode %d, LastErrorText %s", cls->name, lms, code, excerpt(err));
        } else {
            if (lms != 0 && lms != 1) fail(c, "LastMethodSuccess is %d, not 0 or 1", lms);
            if (lms == 1 && (err[0] != '\0' || code != DPOP_OK)) fail(c, "LastMethodSuccess is 1 but LastErrorCode is %d, LastErrorText %s", code, excerpt(err));
            if (lms == 0 && err[0] == '\0') fail(c, "LastMethodSuccess is 0 but LastErrorText is empty");
            if (lms == 0 && (code == DPOP_OK || code == DPOP_ERR_INVALID_HANDLE || !is_error_code(code)))
                fail(c, "LastMethodSuccess is 0 but LastErrorCode is %d: %s", code, excerpt(err));
            if (fn->is_method && c->param >= 1 && (is_bad_handle(c->variant) || is_bad_utf8(c->variant))) {
                check_refused(c, lms, code, err);
                check_failure_result(c);
            }
        }
        free(err);
    }
    if (abused_self) {
        /* Property getters may answer their default for no object (EmitCompact is 1): only
         * methods must return 0, and every string result but the error text must be "". */
        if (fn->is_method || (c->result_kind != R_INT && !strstr(fn->name, "_lastErrorText"))) check_failure_result(c);
        if (strstr(fn->name, "_getLastMethodSuccess") && c->int_result != 0) fail(c, "LastMethodSuccess of no object is %d", c->int_result);
        check_invalid_self(c);
    }
    if (fn->is_create && c->variant == V_BASELINE && !c->handle_non_null) fail(c, "Create returned NULL");

    if (c->variant == V_BASELINE) {
        baseline->has_lms = self_live;
        baseline->lms = lms;
        baseline->code = code;
        baseline->int_result = c->int_result;
        baseline->handle_non_null = c->handle_non_null;
    } else if (c->variant == V_NUL_GARBAGE) {
        /* Bytes after the NUL are not part of the string: same outcome as the valid value. */
        if (baseline->has_lms && self_live && lms != baseline->lms)
            fail(c, "LastMethodSuccess %d differs from the call without the garbage (%d)", lms, baseline->lms);
        if (baseline->has_lms && self_live && code != baseline->code)
            fail(c, "LastErrorCode %d differs from the call without the garbage (%d)", code, baseline->code);
        if (c->result_kind == R_INT && c->int_result != baseline->int_result)
            fail(c, "returned %d, the call without the garbage returned %d", c->int_result, baseline->int_result);
        if (c->result_kind == R_HANDLE && c->handle_non_null != baseline->handle_non_null)
            fail(c, "a handle was%s returned, the call without the garbage returned %s", c->handle_non_null ? "" : " not", baseline->handle_non_null ? "one" : "none");
    }
}

static int run(const FunctionInfo *fn, int param, Variant variant, int foreign, Baseline *baseline) {
    Case c;
    int i;
    memset(&c, 0, sizeof c);
    c.fn = fn;
    c.param = param;
    c.variant = variant;
    c.foreign = foreign;
    c.foreign_name = "?";
    fn->run(&c);
    if (verbose) {
        char where[256];
        describe(&c, where, sizeof where);
        fprintf(stderr, "case %s\n", where);
    }
    check(&c, baseline);
    for (i = 0; i < MAX_ARGS; i++) {
        if (c.objects[i] != NULL && !c.object_consumed[i]) CLASSES[c.object_class[i]].dispose(c.objects[i]);
        free(c.buffers[i]);
    }
    return !c.failed;
}

int main(void) {
    int f, p, passed = 0, failed = 0;
    verbose = getenv("ABI_ABUSE_VERBOSE") != NULL;
    memset(wild_memory, 0xab, sizeof wild_memory);
    big_plain = repeat("A", "");
    big_nested = repeat("{\"a\":[", "");
    big_path = repeat("a.", "a");
    if (CLASS_COUNT < 2) {
        fprintf(stderr, "abi-abuse: need two classes for foreign-handle cases\n");
        return 2;
    }
    for (f = 0; f < FUNCTION_COUNT; f++) {
        const FunctionInfo *fn = &FUNCTIONS[f];
        Baseline baseline;
        memset(&baseline, 0, sizeof baseline);
        if (fn->nparams > MAX_ARGS) {
            fprintf(stderr, "FAIL %s: more than %d arguments\n", fn->name, MAX_ARGS);
            failed++;
            continue;
        }
        if (run(fn, -1, V_BASELINE, 0, &baseline)) passed++; else failed++;
        for (p = 0; p < fn->nparams; p++) {
            const Variant *v;
            for (v = fn->variants[p]; *v != V_END; v++) {
                /* A handle of each other class in turn. */
                int k, other_classes = *v == V_FOREIGN ? CLASS_COUNT - 1 : 1;
                for (k = 1; k <= other_classes; k++) {
                    if (run(fn, p, *v, k, &baseline)) passed++; else failed++;
                }
            }
        }
    }
    free(big_plain);
    free(big_nested);
    free(big_path);
    printf("abi-abuse: %d functions, %d response handles (requests to %s), longest LastErrorText %lu bytes (%s)\n",
           FUNCTION_COUNT, responses, abuse_url(), (unsigned long)longest_error, longest_error_where);
    printf("abi-abuse: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
