/* The C ABI rules from C itself: objects work, and NULL or bad input fails cleanly with a
 * clear LastErrorText instead of crashing. Built with -Wall -Wextra -Werror against dpop.h. */
#include "dpop.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0, checks = 0;

#define CHECK(cond, ...)                                             \
    do {                                                             \
        checks++;                                                    \
        if (!(cond)) {                                               \
            failures++;                                              \
            fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond); \
            fprintf(stderr, __VA_ARGS__);                            \
            fprintf(stderr, "\n");                                   \
        }                                                            \
    } while (0)

static int contains(const char *haystack, const char *needle) {
    return haystack != NULL && strstr(haystack, needle) != NULL;
}

static void test_private_key(const char *dir) {
    HCkPrivateKey key = CkPrivateKey_Create();
    CHECK(key != NULL, "create");
    CHECK(strcmp(CkPrivateKey_keyType(key), "none") == 0, "empty key type %s", CkPrivateKey_keyType(key));

    CHECK(CkPrivateKey_LoadAnyFormatFile(key, "/no/such/dir/key.pem", "") == 0, "missing file loads");
    CHECK(CkPrivateKey_getLastMethodSuccess(key) == 0, "LastMethodSuccess after failure");
    CHECK(contains(CkPrivateKey_lastErrorText(key), "/no/such/dir/key.pem"), "error names the path: %s", CkPrivateKey_lastErrorText(key));

    CHECK(CkPrivateKey_LoadPem(key, "-----BEGIN EC PRIVATE KEY-----\ngarbage\n-----END EC PRIVATE KEY-----\n") == 0, "garbage PEM");
    CHECK(strlen(CkPrivateKey_lastErrorText(key)) > 0, "garbage PEM has an error text");

    CHECK(CkPrivateKey_GenerateEcKey(key, "P-256") == 1, "generate: %s", CkPrivateKey_lastErrorText(key));
    CHECK(CkPrivateKey_getLastMethodSuccess(key) == 1, "LastMethodSuccess after success");
    CHECK(strcmp(CkPrivateKey_keyType(key), "ecc") == 0, "key type");
    CHECK(CkPrivateKey_getBitLength(key) == 256, "bit length");
    CHECK(contains(CkPrivateKey_getJwk(key), "\"d\""), "private JWK has d");
    CHECK(!contains(CkPrivateKey_getPublicJwk(key), "\"d\""), "public JWK has no d");
    CHECK(strlen(CkPrivateKey_getJwkThumbprint(key, "SHA256")) == 43, "thumbprint is 43 base64url chars");

    /* Save, reload into another object: same thumbprint. */
    char path[1024];
    snprintf(path, sizeof path, "%s/c_test_key.pem", dir);
    CHECK(CkPrivateKey_SavePkcs8PemFile(key, path) == 1, "save: %s", CkPrivateKey_lastErrorText(key));
    HCkPrivateKey again = CkPrivateKey_Create();
    CHECK(CkPrivateKey_LoadAnyFormatFile(again, path, "") == 1, "reload: %s", CkPrivateKey_lastErrorText(again));
    char thumb[64];
    snprintf(thumb, sizeof thumb, "%s", CkPrivateKey_getJwkThumbprint(key, "SHA256"));
    CHECK(strcmp(thumb, CkPrivateKey_getJwkThumbprint(again, "SHA256")) == 0, "same key after reload");
    CHECK(strcmp(CkPrivateKey_getJwkThumbprint(again, "MD17"), "") == 0, "unknown hash alg gives \"\"");
    CHECK(CkPrivateKey_getLastMethodSuccess(again) == 0, "unknown hash alg fails");

    /* Invalid UTF-8 in a path is an error, not a crash. */
    CHECK(CkPrivateKey_LoadAnyFormatFile(again, "\xff\xfe.pem", "") == 0, "invalid UTF-8");
    CHECK(contains(CkPrivateKey_lastErrorText(again), "UTF-8"), "error says UTF-8: %s", CkPrivateKey_lastErrorText(again));
    CHECK(CkPrivateKey_LoadAnyFormatFile(again, NULL, "") == 0, "NULL path");
    CHECK(contains(CkPrivateKey_lastErrorText(again), "NULL"), "error says NULL");

    CkPrivateKey_Dispose(again);
    CkPrivateKey_Dispose(key);
}

static void test_json(void) {
    HCkJsonObject json = CkJsonObject_Create();
    CkJsonObject_UpdateString(json, "client_secret", "secret");
    CkJsonObject_UpdateString(json, "client_id", "m2m.dpop");
    CkJsonObject_UpdateString(json, "token_endpoint", "https://...");
    CkJsonObject_UpdateString(json, "scope", "api");
    const char *expected = "{\"client_secret\":\"secret\",\"client_id\":\"m2m.dpop\",\"token_endpoint\":\"https://...\",\"scope\":\"api\"}";
    CHECK(strcmp(CkJsonObject_emit(json), expected) == 0, "seed emit: %s", CkJsonObject_emit(json));
    CHECK(CkJsonObject_getSize(json) == 4, "size");

    CHECK(CkJsonObject_UpdateInt(json, "a.b[0].c", 41) == 1, "nested create: %s", CkJsonObject_lastErrorText(json));
    CHECK(CkJsonObject_UpdateInt(json, "a.b[1].c", 42) == 1, "nested append: %s", CkJsonObject_lastErrorText(json));
    CHECK(CkJsonObject_UpdateInt(json, "a.b[5].c", 1) == 0, "index past the end");
    CHECK(CkJsonObject_IntOf(json, "a.b[1].c") == 42, "IntOf");
    CHECK(CkJsonObject_HasMember(json, "a.b[1].c") == 1, "HasMember");
    CHECK(strcmp(CkJsonObject_stringOf(json, "scope"), "api") == 0, "stringOf");
    CHECK(CkJsonObject_Delete(json, "a") == 1, "Delete");
    CHECK(CkJsonObject_HasMember(json, "a") == 0, "deleted");

    CkJsonObject_putEmitCompact(json, 0);
    CHECK(CkJsonObject_getEmitCompact(json) == 0, "EmitCompact property");
    CHECK(contains(CkJsonObject_emit(json), "{\n  \"client_secret\": \"secret\""), "pretty emit: %s", CkJsonObject_emit(json));

    CHECK(CkJsonObject_Load(json, "{not json") == 0, "invalid JSON");
    CHECK(strlen(CkJsonObject_lastErrorText(json)) > 0, "invalid JSON error text");
    CHECK(CkJsonObject_getSize(json) == 4, "failed load keeps content");
    CHECK(CkJsonObject_UpdateString(json, "a..b", "x") == 0, "malformed path");
    CHECK(strcmp(CkJsonObject_stringOf(json, "missing"), "") == 0, "missing member gives \"\"");
    CHECK(CkJsonObject_getLastMethodSuccess(json) == 0, "missing member fails");
    CkJsonObject_Dispose(json);
}

static void test_http_without_network(void) {
    HCkHttp http = CkHttp_Create();
    HCkPrivateKey empty = CkPrivateKey_Create();
    CHECK(CkHttp_SetDPoPKey(http, empty) == 0, "empty key refused");
    CHECK(contains(CkHttp_lastErrorText(http), "SetDPoPKey"), "error names the method: %s", CkHttp_lastErrorText(http));
    CHECK(CkHttp_SetDPoPKey(http, NULL) == 0, "NULL key refused");
    /* A handle of another class is refused, not reinterpreted. */
    CHECK(CkHttp_SetDPoPKey(http, (HCkPrivateKey)(void *)http) == 0, "foreign handle refused");

    CkHttp_putAuthToken(http, "{\"token_endpoint\": ");
    CHECK(CkHttp_getLastMethodSuccess(http) == 0, "malformed AuthToken JSON");
    CHECK(strcmp(CkHttp_quickGetStr(http, "not a url"), "") == 0, "bad URL gives \"\"");
    CHECK(contains(CkHttp_lastErrorText(http), "invalid URL"), "bad URL error: %s", CkHttp_lastErrorText(http));
    CHECK(CkHttp_getConnectTimeout(http) == 30 && CkHttp_getReadTimeout(http) == 60, "Chilkat's default timeouts");
    CHECK(CkHttp_PostJson2(http, NULL, "application/json", "{}") == NULL, "NULL url gives no response");
    CkPrivateKey_Dispose(empty);
    CkHttp_Dispose(http);
}

static void test_null_handles(void) {
    /* Every kind of function with a NULL handle: no crash, failure values, "" strings. */
    CHECK(CkPrivateKey_LoadPem(NULL, "x") == 0, "method on NULL");
    CHECK(strcmp(CkPrivateKey_lastErrorText(NULL), "") == 0, "string on NULL");
    CHECK(CkJsonObject_getSize(NULL) == 0, "property on NULL");
    CHECK(strcmp(CkJsonObject_emit(NULL), "") == 0, "emit on NULL");
    CHECK(CkHttp_getLastMethodSuccess(NULL) == 0, "LastMethodSuccess on NULL");
    CHECK(CkHttp_quickGetStr(NULL, NULL) != NULL, "strings are never NULL");
    CkHttp_putAuthToken(NULL, NULL);
    CkPrivateKey_Dispose(NULL);
    CkJsonObject_Dispose(NULL);
    CkHttp_Dispose(NULL);
    CkHttpResponse_Dispose(NULL);
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : "/tmp";
    test_private_key(dir);
    test_json();
    test_http_without_network();
    test_null_handles();
    printf("%d passed, %d failed\n", checks - failures, failures);
    return failures == 0 ? 0 : 1;
}
