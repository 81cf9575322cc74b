/* The ABI abuse harness: the hand-written half of the abuse program. gen.py writes the other
 * half from include/dpop.h (one case function per exported function, plus the tables below);
 * harness.c runs every (function, argument, abuse) case on fresh objects and checks it. */
#ifndef ABI_ABUSE_HARNESS_H
#define ABI_ABUSE_HARNESS_H

typedef enum { P_HANDLE, P_STRING, P_INT } ParamKind;

typedef enum {
    V_END = 0,
    V_BASELINE,           /* every argument valid */
    V_NULL,               /* NULL pointer */
    V_FOREIGN,            /* a live handle of another class */
    V_DISPOSED,           /* a handle of the right class, already disposed */
    V_GARBAGE,            /* a number that was never a handle (aligned like one) */
    V_WILD,               /* the address of memory that is no handle */
    V_BAD_UTF8_LONE,      /* "ab\xff\xfecd": bytes that never occur in UTF-8 */
    V_BAD_UTF8_TRUNCATED, /* "abc\xc3": a sequence cut short by the end */
    V_BAD_UTF8_SURROGATE, /* "\xed\xa0\x80": an encoded UTF-16 surrogate */
    V_BAD_UTF8_OVERLONG,  /* "\xc0\xaf": an overlong '/' */
    V_BAD_UTF8_TOO_BIG,   /* "\xf4\x90\x80\x80": above U+10FFFF */
    V_EMPTY,              /* "" */
    V_BIG_PLAIN,          /* 1 MiB of 'A' */
    V_BIG_NESTED,         /* 1 MiB of {"a":[ (nesting, for parsers) */
    V_BIG_PATH,           /* 1 MiB of a.a.a (for Chilkat JSON paths) */
    V_NUL_GARBAGE,        /* the valid value, a NUL, then invalid UTF-8 garbage */
    V_INT_MIN,
    V_INT_NEG1,
    V_INT_MAX
} Variant;

typedef struct {
    const char *name;
    ParamKind kind;
} ParamInfo;

typedef struct {
    const char *name;
    void *(*create)(void);
    void (*dispose)(void *);
    int (*last_method_success)(void *);
    int (*last_error_code)(void *);
    const char *(*last_error_text)(void *);
} ClassInfo;

typedef struct Case Case;

typedef struct {
    const char *name;
    void (*run)(Case *);
    int nparams;
    int is_method;  /* has arguments besides its own handle: reports LastMethodSuccess/LastErrorText */
    int has_self;   /* the first argument is a handle of its own class */
    int is_create;
    int is_dispose;
    int cls;        /* index in CLASSES of its own class, -1 if none */
    const ParamInfo *params;
    const Variant *const *variants; /* per argument, ending with V_END */
} FunctionInfo;

/* Written by gen.py. */
extern const ClassInfo CLASSES[];
extern const int CLASS_COUNT;
extern const FunctionInfo FUNCTIONS[];
extern const int FUNCTION_COUNT;
extern const int ERROR_CODES[]; /* DPOP_OK and every DPOP_ERR_* of the header */
extern const int ERROR_CODE_COUNT;
extern const char ABUSE_URL_DEFAULT[];

/* Called by the generated case functions, in argument order, then once with the result. */
void *arg_handle(Case *c, int index, int cls);
const char *arg_string(Case *c, int index, const char *valid);
int arg_int(Case *c, int index, int valid);
void result_void(Case *c);
void result_int(Case *c, int r);
void result_string(Case *c, const char *r);
void result_handle(Case *c, int non_null);
/* The handle given as argument `index` was freed by the call (Dispose). */
void consumed(Case *c, int index);
/* The URL for `url` arguments: $ABI_ABUSE_URL, else ABUSE_URL_DEFAULT (a local port nobody
 * listens on, so requests fail fast). */
const char *abuse_url(void);

#endif
