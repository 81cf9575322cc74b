/* The C ABI rules of dpop.h from C itself, without servers: objects work; NULL or bad input fails
 * cleanly with an error code and a clear LastErrorText instead of crashing; handles that are no
 * live object (disposed, disposed twice, of another class, garbage) are refused harmlessly (rule
 * [H]); reading lastErrorText leaves the string returned before it valid (rule [S]); the version
 * function agrees with the macros. Portable C11 (also built with MSVC); built with warnings as
 * errors, and run under valgrind by scripts/valgrind-c.sh, which turns any read of freed memory
 * into a failure. */
#include "check.h"
#include "dpop.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A number aligned like the library's handles (multiples of 8) that it never hands out here. */
#define GARBAGE_HANDLE ((void *)(uintptr_t)0xdeadbee8u)

static void test_private_key(const char *dir) {
    HCkPrivateKey key = CkPrivateKey_Create();
    CHECK(key != NULL, "create");
    CHECK(strcmp(CkPrivateKey_keyType(key), "empty") == 0, "empty key type %s", CkPrivateKey_keyType(key));
    CHECK(strcmp(CkPrivateKey_getPkcs8Pem(key), "") == 0, "no PEM without a key");
    CHECK(CkPrivateKey_getLastErrorCode(key) == DPOP_ERR_INVALID_STATE, "no key: invalid state");

    CHECK(CkPrivateKey_LoadAnyFormatFile(key, "/no/such/dir/key.pem", "") == 0, "missing file loads");
    CHECK_CODE(CkPrivateKey, key, DPOP_ERR_IO);
    CHECK(contains(CkPrivateKey_lastErrorText(key), "/no/such/dir/key.pem"), "error names the path: %s", CkPrivateKey_lastErrorText(key));

    CHECK(CkPrivateKey_LoadPem(key, "-----BEGIN EC PRIVATE KEY-----\ngarbage\n-----END EC PRIVATE KEY-----\n") == 0, "garbage PEM");
    CHECK_CODE(CkPrivateKey, key, DPOP_ERR_KEY);

    CHECK(CkPrivateKey_GenerateEcKey(key, "P-256") == 1, "generate: %s", CkPrivateKey_lastErrorText(key));
    CHECK_CODE(CkPrivateKey, key, DPOP_OK);
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
    CHECK_CODE(CkPrivateKey, again, DPOP_ERR_KEY);

    /* Invalid UTF-8 in a path is an error, not a crash. */
    CHECK(CkPrivateKey_LoadAnyFormatFile(again, "\xff\xfe.pem", "") == 0, "invalid UTF-8");
    CHECK_CODE(CkPrivateKey, again, DPOP_ERR_INVALID_ARGUMENT);
    CHECK(contains(CkPrivateKey_lastErrorText(again), "UTF-8"), "error says UTF-8: %s", CkPrivateKey_lastErrorText(again));
    CHECK(CkPrivateKey_LoadAnyFormatFile(again, NULL, "") == 0, "NULL path");
    CHECK_CODE(CkPrivateKey, again, DPOP_ERR_INVALID_ARGUMENT);
    CHECK(contains(CkPrivateKey_lastErrorText(again), "NULL"), "error says NULL");

    /* Other key types, PKCS#8 PEM text (plain and encrypted), traditional PEM. */
    CHECK(CkPrivateKey_GenerateEcKey(key, "P-521") == 1, "generate P-521: %s", CkPrivateKey_lastErrorText(key));
    CHECK(CkPrivateKey_getBitLength(key) == 521, "P-521 bit length");
    CHECK(contains(CkPrivateKey_getPublicJwk(key), "\"crv\":\"P-521\""), "P-521 JWK: %s", CkPrivateKey_getPublicJwk(key));
    CHECK(CkPrivateKey_GenerateEd25519Key(key) == 1, "generate Ed25519: %s", CkPrivateKey_lastErrorText(key));
    CHECK(strcmp(CkPrivateKey_keyType(key), "ed25519") == 0, "Ed25519 key type");
    snprintf(thumb, sizeof thumb, "%s", CkPrivateKey_getJwkThumbprint(key, "SHA256"));
    const char *pem = CkPrivateKey_getPkcs8Pem(key);
    CHECK(strncmp(pem, "-----BEGIN PRIVATE KEY-----\r\n", 29) == 0, "PKCS#8 PEM: %s", pem);
    CHECK(CkPrivateKey_LoadPem(again, pem) == 1, "PKCS#8 PEM reloads: %s", CkPrivateKey_lastErrorText(again));
    CHECK(strcmp(thumb, CkPrivateKey_getJwkThumbprint(again, "SHA256")) == 0, "same Ed25519 key from its PEM");
    const char *encrypted = CkPrivateKey_getPkcs8EncryptedPem(key, "p\xc3\xa4ss");
    CHECK(contains(encrypted, "-----BEGIN ENCRYPTED PRIVATE KEY-----"), "encrypted PEM: %s", encrypted);
    CHECK(CkPrivateKey_LoadEncryptedPem(again, encrypted, "wrong") == 0, "wrong password");
    CHECK(contains(CkPrivateKey_lastErrorText(again), "wrong password"), "%s", CkPrivateKey_lastErrorText(again));
    CHECK(CkPrivateKey_LoadEncryptedPem(again, encrypted, "p\xc3\xa4ss") == 1, "decrypt: %s", CkPrivateKey_lastErrorText(again));
    CHECK(strcmp(CkPrivateKey_getPkcs8EncryptedPem(key, ""), "") == 0, "empty password");
    CHECK(CkPrivateKey_getLastErrorCode(key) == DPOP_ERR_INVALID_ARGUMENT, "empty password: invalid argument");
    CHECK(CkPrivateKey_GenerateEcKey(key, "P-384") == 1, "generate P-384: %s", CkPrivateKey_lastErrorText(key));
    snprintf(path, sizeof path, "%s/c_test_key_sec1.pem", dir);
    CHECK(CkPrivateKey_SavePemFile(key, path) == 1, "SavePemFile: %s", CkPrivateKey_lastErrorText(key));
    CHECK(CkPrivateKey_LoadPemFile(again, path) == 1, "reload SEC1: %s", CkPrivateKey_lastErrorText(again));
    CHECK(CkPrivateKey_getBitLength(again) == 384, "P-384 from its SEC1 PEM");
    snprintf(path, sizeof path, "%s/c_test_key_enc.pem", dir);
    CHECK(CkPrivateKey_SavePkcs8EncryptedPemFile(key, "secret", path) == 1, "save encrypted: %s", CkPrivateKey_lastErrorText(key));
    CHECK(CkPrivateKey_LoadAnyFormatFile(again, path, "secret") == 1, "reload encrypted: %s", CkPrivateKey_lastErrorText(again));
    CHECK(strcmp(CkPrivateKey_getJwk(key), CkPrivateKey_getJwk(again)) == 0, "same P-384 key");

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
    CHECK(CkJsonObject_UpdateInt(json, "a.b[5].c", 43) == 1, "an index past the end appends, as in Chilkat");
    CHECK(CkJsonObject_IntOf(json, "a.b[2].c") == 43, "appended at [2]");
    CHECK(CkJsonObject_IntOf(json, "a.b[1].c") == 42, "IntOf");
    CHECK(CkJsonObject_HasMember(json, "a.b[1].c") == 1, "HasMember");
    CHECK(strcmp(CkJsonObject_stringOf(json, "scope"), "api") == 0, "stringOf");
    CHECK(CkJsonObject_Delete(json, "a") == 1, "Delete");
    CHECK(CkJsonObject_HasMember(json, "a") == 0, "deleted");

    CkJsonObject_putEmitCompact(json, 0);
    CHECK(CkJsonObject_getEmitCompact(json) == 0, "EmitCompact property");
    CHECK(contains(CkJsonObject_emit(json), "{\r\n  \"client_secret\": \"secret\""), "pretty emit (CRLF, as Chilkat): %s", CkJsonObject_emit(json));

    CHECK(CkJsonObject_Load(json, "{not json") == 0, "invalid JSON");
    CHECK_CODE(CkJsonObject, json, DPOP_ERR_JSON);
    CHECK(CkJsonObject_getSize(json) == 4, "failed load keeps content");
    CHECK(CkJsonObject_UpdateString(json, "a.b.", "x") == 0, "malformed path");
    CHECK_CODE(CkJsonObject, json, DPOP_ERR_JSON);
    CHECK(strcmp(CkJsonObject_stringOf(json, "missing"), "") == 0, "missing member gives \"\"");
    CHECK_CODE(CkJsonObject, json, DPOP_ERR_NOT_FOUND);
    CkJsonObject_Dispose(json);
}

static void test_http_without_network(void) {
    HCkHttp http = CkHttp_Create();
    HCkPrivateKey empty = CkPrivateKey_Create();
    CHECK(CkHttp_SetDPoPKey(http, empty) == 0, "empty key refused");
    CHECK_CODE(CkHttp, http, DPOP_ERR_INVALID_STATE);
    CHECK(contains(CkHttp_lastErrorText(http), "SetDPoPKey"), "error names the method: %s", CkHttp_lastErrorText(http));
    CHECK(CkHttp_SetDPoPKey(http, NULL) == 0, "NULL key refused");
    CHECK_CODE(CkHttp, http, DPOP_ERR_INVALID_ARGUMENT);
    /* A handle of another class is refused, not reinterpreted. */
    CHECK(CkHttp_SetDPoPKey(http, (HCkPrivateKey)(void *)http) == 0, "foreign handle refused");
    CHECK_CODE(CkHttp, http, DPOP_ERR_INVALID_ARGUMENT);

    CkHttp_putAuthToken(http, "{\"token_endpoint\": ");
    CHECK_CODE(CkHttp, http, DPOP_ERR_INVALID_ARGUMENT);
    CHECK(strcmp(CkHttp_quickGetStr(http, "not a url"), "") == 0, "bad URL gives \"\"");
    CHECK_CODE(CkHttp, http, DPOP_ERR_INVALID_ARGUMENT);
    CHECK(contains(CkHttp_lastErrorText(http), "invalid URL"), "bad URL error: %s", CkHttp_lastErrorText(http));
    CHECK(CkHttp_getConnectTimeout(http) == 30 && CkHttp_getReadTimeout(http) == 60, "Chilkat's default timeouts");
    CHECK(CkHttp_PostJson2(http, NULL, "application/json", "{}") == NULL, "NULL url gives no response");
    CHECK_CODE(CkHttp, http, DPOP_ERR_INVALID_ARGUMENT);
    CkPrivateKey_Dispose(empty);
    CkHttp_Dispose(http);
}

/* Every kind of function on a handle that is no live object of its class (NULL, disposed, of
 * another class, garbage): failure values, "" strings, and reading back LastMethodSuccess 0,
 * DPOP_ERR_INVALID_HANDLE and the fixed invalid-handle text for it (rule [H]). */
static void check_refused_json(HCkJsonObject bad, const char *what) {
    CHECK(CkJsonObject_UpdateString(bad, "a", "b") == 0, "method on a %s handle", what);
    CHECK(CkJsonObject_getSize(bad) == 0, "property on a %s handle", what);
    CHECK(strcmp(CkJsonObject_emit(bad), "") == 0, "string on a %s handle", what);
    CHECK(CkJsonObject_getLastMethodSuccess(bad) == 0, "LastMethodSuccess of a %s handle", what);
    CHECK(CkJsonObject_getLastErrorCode(bad) == DPOP_ERR_INVALID_HANDLE, "LastErrorCode of a %s handle: %d", what, CkJsonObject_getLastErrorCode(bad));
    CHECK(contains(CkJsonObject_lastErrorText(bad), "invalid handle"), "LastErrorText of a %s handle: %s", what, CkJsonObject_lastErrorText(bad));
    CkJsonObject_Dispose(bad); /* ignored */
}

static void test_null_handles(void) {
    check_refused_json(NULL, "NULL");
    CHECK(CkPrivateKey_LoadPem(NULL, "x") == 0, "method on NULL");
    CHECK(CkHttp_getLastMethodSuccess(NULL) == 0, "LastMethodSuccess on NULL");
    CHECK(CkHttp_quickGetStr(NULL, NULL) != NULL, "strings are never NULL");
    CHECK(CkPrivateKey_getLastErrorCode(NULL) == DPOP_ERR_INVALID_HANDLE && CkHttp_getLastErrorCode(NULL) == DPOP_ERR_INVALID_HANDLE
              && CkHttpResponse_getLastErrorCode(NULL) == DPOP_ERR_INVALID_HANDLE,
          "LastErrorCode of NULL is DPOP_ERR_INVALID_HANDLE for every class");
    CkHttp_putAuthToken(NULL, NULL);
    CkPrivateKey_Dispose(NULL);
    CkHttp_Dispose(NULL);
    CkHttpResponse_Dispose(NULL);
}

static void test_disposed_and_foreign_handles(void) {
    HCkJsonObject json = CkJsonObject_Create(), other;
    HCkHttp http = CkHttp_Create();
    HCkPrivateKey key = CkPrivateKey_Create();
    char wild[64];
    memset(wild, 0xab, sizeof wild);

    /* Use after Dispose, and a second Dispose. */
    CHECK(CkJsonObject_UpdateString(json, "a", "b") == 1, "live object");
    CkJsonObject_Dispose(json);
    check_refused_json(json, "disposed");
    CkJsonObject_Dispose(json);
    check_refused_json(json, "twice disposed");
    other = CkJsonObject_Create();
    CHECK(other != json, "a disposed handle is never handed out again");
    check_refused_json(json, "disposed (after a new Create)");

    /* Garbage: a number that was never a handle, and the address of memory that holds none. */
    check_refused_json((HCkJsonObject)GARBAGE_HANDLE, "garbage");
    check_refused_json((HCkJsonObject)(void *)wild, "wild pointer");

    /* A handle of another class is refused, and the object it belongs to is left alone. */
    CkHttp_putAuthToken(http, "a-token");
    check_refused_json((HCkJsonObject)(void *)http, "CkHttp");
    CHECK(strcmp(CkHttp_authToken(http), "a-token") == 0, "the Http object survived CkJsonObject_Dispose of its handle");
    CHECK_CODE(CkHttp, http, DPOP_OK);

    /* A disposed or garbage handle as an ARGUMENT is an invalid argument of a live receiver. */
    CHECK(CkPrivateKey_GenerateEcKey(key, "P-256") == 1, "generate: %s", CkPrivateKey_lastErrorText(key));
    CkPrivateKey_Dispose(key);
    CHECK(CkHttp_SetDPoPKey(http, key) == 0, "disposed key refused");
    CHECK_CODE(CkHttp, http, DPOP_ERR_INVALID_ARGUMENT);
    CHECK(contains(CkHttp_lastErrorText(http), "'privKey'"), "the error names the argument: %s", CkHttp_lastErrorText(http));
    CHECK(CkHttp_SetDPoPKey(http, (HCkPrivateKey)GARBAGE_HANDLE) == 0, "garbage key refused");
    CHECK_CODE(CkHttp, http, DPOP_ERR_INVALID_ARGUMENT);

    CkJsonObject_Dispose(other);
    CkHttp_Dispose(http);
}

/* Rule [S]: lastErrorText has a buffer of its own, so the string a call returned before it stays
 * valid. Under valgrind a read of a freed string is an error even when its bytes are unchanged. */
static void test_error_text_leaves_the_last_result_valid(void) {
    HCkJsonObject json = CkJsonObject_Create();
    HCkPrivateKey key = CkPrivateKey_Create();
    const char *emitted, *jwk, *error;
    char copy[4096];

    CHECK(CkJsonObject_Load(json, "{\"client_id\":\"m2m.dpop\",\"scope\":\"api\",\"list\":[1,2,3]}") == 1, "load");
    emitted = CkJsonObject_emit(json);
    snprintf(copy, sizeof copy, "%s", emitted);
    CHECK(CkJsonObject_Load(json, "{not json") == 0, "a failure to read the text of");
    error = CkJsonObject_lastErrorText(json);
    CHECK(contains(error, "invalid JSON"), "error text: %s", error);
    CHECK(strcmp(emitted, copy) == 0, "Emit's result changed after lastErrorText: %s", emitted);
    CHECK(contains(CkJsonObject_lastErrorText(json), "invalid JSON") && strcmp(emitted, copy) == 0, "reading it again");

    CHECK(CkPrivateKey_GenerateEcKey(key, "P-256") == 1, "generate");
    jwk = CkPrivateKey_getJwk(key);
    snprintf(copy, sizeof copy, "%s", jwk);
    CHECK(CkPrivateKey_LoadPem(key, "not a key") == 0, "a failure to read the text of");
    CHECK(strlen(CkPrivateKey_lastErrorText(key)) > 0, "error text");
    CHECK(strcmp(jwk, copy) == 0, "getJwk's result changed after lastErrorText");

    CkPrivateKey_Dispose(key);
    CkJsonObject_Dispose(json);
}

static void test_version(void) {
    char expected[64];
    snprintf(expected, sizeof expected, "%d.%d.%d", DPOP_VERSION_MAJOR, DPOP_VERSION_MINOR, DPOP_VERSION_PATCH);
    CHECK(dpop_version() != NULL && strcmp(dpop_version(), expected) == 0, "dpop_version() %s, the macros say %s", dpop_version(), expected);
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : "/tmp";
    test_private_key(dir);
    test_json();
    test_http_without_network();
    test_null_handles();
    test_disposed_and_foreign_handles();
    test_error_text_leaves_the_last_result_valid();
    test_version();
    return check_summary();
}
