/* HttpRequest, HttpResponse, Rest and the token/proof extension from C, through Chilkat's header
 * names, against the local test servers (their ready line in $DPOP_TEST_SERVERS): HttpReq with a
 * DPoP AuthToken, a Rest object with a DPoP key, the SharkAuth-style flow (a token with its
 * cnf_jkt, proofs for requests sent by another client, here a Rest object with the Authorization
 * and DPoP headers set by hand, answering the resource server's nonce), refusals as values, and
 * bad arguments (wrong handle classes, NULL, invalid UTF-8).
 *
 *   DPOP_TEST_SERVERS=... test_http_objects */
#define _POSIX_C_SOURCE 200809L
#include <C_CkHttp.h>
#include <C_CkHttpRequest.h>
#include <C_CkHttpResponse.h>
#include <C_CkJsonObject.h>
#include <C_CkPrivateKey.h>
#include <C_CkRest.h>
#include <C_CkStringBuilder.h>
#include "check.h"
#include <stdlib.h>

static HCkJsonObject servers;

/* A field of the servers' ready line, copied (the JsonObject's strings change with each call). */
static const char *field(const char *path) {
    static char values[8][512];
    static int next;
    char *value = values[next++ % 8];
    snprintf(value, sizeof values[0], "%s", CkJsonObject_stringOf(servers, path));
    return value;
}

/* host and port of an http:// URL. */
static void host_port(const char *url, char *host, size_t size, int *port) {
    char format[32];
    snprintf(format, sizeof format, "http://%%%d[^:]:%%d", (int)size - 1);
    if (sscanf(url, format, host, port) != 2) {
        fprintf(stderr, "test_http_objects: no host and port in %s\n", url);
        exit(2);
    }
}

static HCkPrivateKey new_key(void) {
    HCkPrivateKey key = CkPrivateKey_Create();
    CHECK(CkPrivateKey_GenerateEcKey(key, "P-256"), "%s", CkPrivateKey_lastErrorText(key));
    return key;
}

static void dpop_client(HCkJsonObject json, const char *secret) {
    CkJsonObject_UpdateString(json, "token_endpoint", field("token_endpoint"));
    CkJsonObject_UpdateString(json, "client_id", "m2m.dpop");
    CkJsonObject_UpdateString(json, "client_secret", secret);
    CkJsonObject_UpdateString(json, "scope", "api");
}

static void http_req_with_a_dpop_token(void) {
    HCkPrivateKey key = new_key();
    HCkJsonObject auth = CkJsonObject_Create();
    dpop_client(auth, "secret");
    HCkHttp http = CkHttp_Create();
    CkHttp_SetDPoPKey(http, key);
    CkHttp_putAuthToken(http, CkJsonObject_emit(auth));
    HCkHttpRequest req = CkHttpRequest_Create();
    CkHttpRequest_putHttpVerb(req, "PUT");
    CkHttpRequest_putContentType(req, "application/json");
    CHECK(CkHttpRequest_LoadBodyFromString(req, "{\"n\":1}", "utf-8"), "%s", CkHttpRequest_lastErrorText(req));
    HCkHttpResponse resp = CkHttpResponse_Create();
    CHECK(CkHttp_HttpReq(http, field("echo"), req, resp), "%s", CkHttp_lastErrorText(http));
    CHECK(CkHttpResponse_getStatusCode(resp) == 200, "%d: %s", CkHttpResponse_getStatusCode(resp), CkHttpResponse_bodyStr(resp));
    HCkJsonObject body = CkJsonObject_Create();
    CHECK(CkHttpResponse_GetBodyJson(resp, body), "%s", CkHttpResponse_lastErrorText(resp));
    CHECK(strcmp(CkJsonObject_stringOf(body, "token_type"), "DPoP") == 0, "%s", CkJsonObject_emit(body));
    CHECK(CkJsonObject_IntOf(body, "body.n") == 1, "%s", CkJsonObject_emit(body));
    CHECK(strcmp(CkHttpResponse_statusLine(resp), "HTTP/1.1 200 OK") == 0, "%s", CkHttpResponse_statusLine(resp));

    /* Wrong handle classes and bad arguments fail before anything is sent. */
    CHECK(!CkHttp_HttpReq(http, field("echo"), (HCkHttpRequest)resp, resp), "a response as the request");
    CHECK_CODE(CkHttp, http, DPOP_ERR_INVALID_ARGUMENT);
    CHECK(contains(CkHttp_lastErrorText(http), "request"), "%s", CkHttp_lastErrorText(http));
    CHECK(!CkHttp_HttpReq(http, field("echo"), req, NULL), "NULL response");
    CHECK_CODE(CkHttp, http, DPOP_ERR_INVALID_ARGUMENT);
    CHECK(!CkHttp_HttpNoBody(http, "GET", "\xff\xfe", resp), "invalid UTF-8");
    CHECK_CODE(CkHttp, http, DPOP_ERR_INVALID_ARGUMENT);
    CHECK(!CkHttp_HttpStr(http, "POST", field("echo"), "x", "klingon", "text/plain", resp), "unknown charset");
    CHECK_CODE(CkHttp, http, DPOP_ERR_INVALID_ARGUMENT);
    CHECK(CkHttpResponse_getStatusCode(resp) == 0, "a failed call empties the response");

    CkHttpResponse_Dispose(resp);
    CkHttpRequest_Dispose(req);
    CkJsonObject_Dispose(body);
    CkJsonObject_Dispose(auth);
    CkHttp_Dispose(http);
    CkPrivateKey_Dispose(key);
}

static void rest_with_a_dpop_key(void) {
    char host[64];
    int port;
    host_port(field("rs_origin"), host, sizeof host, &port);
    HCkPrivateKey key = new_key();
    HCkJsonObject auth = CkJsonObject_Create();
    dpop_client(auth, "secret");
    HCkRest rest = CkRest_Create();
    CHECK(CkRest_SetDPoPKey(rest, key), "%s", CkRest_lastErrorText(rest));
    CkRest_putAuthToken(rest, CkJsonObject_emit(auth));
    CHECK(CkRest_Connect(rest, host, port, 0, 1), "%s", CkRest_lastErrorText(rest));
    const char *body = CkRest_fullRequestNoBody(rest, "GET", "/api/resource");
    CHECK(contains(body, "\"ok\":true") && contains(body, "\"token_type\":\"DPoP\""), "%s", body);
    CHECK(CkRest_getResponseStatusCode(rest) == 200, "%d", CkRest_getResponseStatusCode(rest));
    CHECK(contains(CkRest_lastRequestHeader(rest), "DPoP: ****"), "%s", CkRest_lastRequestHeader(rest));
    CHECK(!CkRest_Connect(rest, host, 0, 0, 1), "port 0");
    CHECK_CODE(CkRest, rest, DPOP_ERR_INVALID_ARGUMENT);
    CHECK(!CkRest_SetDPoPKey(rest, (HCkPrivateKey)rest), "a Rest as the key");
    CHECK_CODE(CkRest, rest, DPOP_ERR_INVALID_ARGUMENT);
    CkRest_Dispose(rest);
    CkJsonObject_Dispose(auth);
    CkPrivateKey_Dispose(key);
}

/* The SharkAuth flow: the token from the extension, the request from another client. */
static void token_and_proofs_for_another_client(void) {
    char host[64], token[4096], jkt[128], authorization[4200], nonce[256];
    int port;
    host_port(field("rs_origin"), host, sizeof host, &port);
    HCkPrivateKey key = new_key();
    snprintf(jkt, sizeof jkt, "%s", CkPrivateKey_getJwkThumbprint(key, "SHA256"));
    HCkHttp http = CkHttp_Create();
    CkHttp_SetDPoPKey(http, key);
    HCkJsonObject request = CkJsonObject_Create();
    dpop_client(request, "secret");
    CkJsonObject_UpdateString(request, "grant_type", "client_credentials");
    HCkJsonObject issued = CkJsonObject_Create();
    CHECK(CkJsonObject_Load(issued, CkHttp_requestToken(http, CkJsonObject_emit(request))), "%s", CkHttp_lastErrorText(http));
    CHECK(strcmp(CkJsonObject_stringOf(issued, "cnf_jkt"), jkt) == 0, "cnf_jkt %s, key %s", CkJsonObject_stringOf(issued, "cnf_jkt"), jkt);
    snprintf(token, sizeof token, "%s", CkJsonObject_stringOf(issued, "access_token"));
    snprintf(authorization, sizeof authorization, "DPoP %s", token);

    HCkRest other = CkRest_Create();
    CHECK(CkRest_Connect(other, host, port, 0, 1), "%s", CkRest_lastErrorText(other));
    CkRest_putAuthorization(other, authorization);
    CHECK(CkRest_AddHeader(other, "DPoP", CkHttp_makeDPoPProof(http, "GET", field("resource"), token, "")), "%s", CkRest_lastErrorText(other));
    CkRest_fullRequestNoBody(other, "GET", "/api/resource");
    CHECK(CkRest_getResponseStatusCode(other) == 401, "without the nonce: %d", CkRest_getResponseStatusCode(other));
    snprintf(nonce, sizeof nonce, "%s", CkRest_responseHdrByName(other, "DPoP-Nonce"));
    CHECK(nonce[0] != '\0', "the resource server sends its nonce");
    CkRest_AddHeader(other, "DPoP", CkHttp_makeDPoPProof(http, "GET", field("resource"), token, nonce));
    const char *body = CkRest_fullRequestNoBody(other, "GET", "/api/resource");
    CHECK(CkRest_getResponseStatusCode(other) == 200 && contains(body, jkt), "%d: %s", CkRest_getResponseStatusCode(other), body);

    /* A refusal, as values. */
    HCkJsonObject wrong = CkJsonObject_Create();
    dpop_client(wrong, "not-the-secret");
    CHECK(strcmp(CkHttp_requestToken(http, CkJsonObject_emit(wrong)), "") == 0, "no token");
    CHECK_CODE(CkHttp, http, DPOP_ERR_OAUTH);
    CHECK(CkHttp_getLastStatus(http) == 401, "%d", CkHttp_getLastStatus(http));
    CHECK(strcmp(CkHttp_lastOAuthError(http), "invalid_client") == 0, "%s", CkHttp_lastOAuthError(http));
    CHECK(!contains(CkHttp_lastErrorText(http), "not-the-secret"), "%s", CkHttp_lastErrorText(http));
    CHECK(strcmp(CkHttp_makeDPoPProof(http, "GET", "ftp://x/", "", ""), "") == 0, "not an http URL");
    CHECK_CODE(CkHttp, http, DPOP_ERR_INVALID_ARGUMENT);

    CkJsonObject_Dispose(wrong);
    CkRest_Dispose(other);
    CkJsonObject_Dispose(issued);
    CkJsonObject_Dispose(request);
    CkHttp_Dispose(http);
    CkPrivateKey_Dispose(key);
}

static void http_request_accessors(void) {
    HCkHttpRequest req = CkHttpRequest_Create();
    CHECK(strcmp(CkHttpRequest_httpVerb(req), "GET") == 0 && strcmp(CkHttpRequest_charset(req), "utf-8") == 0, "defaults");
    CkHttpRequest_SetFromUrl(req, "http://h/p?x=1&y=a%20b");
    CHECK(CkHttpRequest_getNumParams(req) == 2 && strcmp(CkHttpRequest_getParamValue(req, 1), "a b") == 0, "SetFromUrl");
    CHECK(strcmp(CkHttpRequest_getParamName(req, 2), "") == 0, "past the end");
    CHECK_CODE(CkHttpRequest, req, DPOP_ERR_NOT_FOUND);
    CkHttpRequest_AddParam(req, NULL, "v");
    CHECK_CODE(CkHttpRequest, req, DPOP_ERR_INVALID_ARGUMENT);
    CkHttpRequest_AddHeader(req, "X-H", "a\r\nInjected: 1");
    CHECK_CODE(CkHttpRequest, req, DPOP_ERR_INVALID_ARGUMENT);
    CHECK(CkHttpRequest_RemoveHeader(req, "X-H"), "%s", CkHttpRequest_lastErrorText(req));
    CHECK(CkHttpRequest_getNumParams((HCkHttpRequest)servers) == 0, "a JsonObject as a request");
    CHECK(CkHttpRequest_getLastErrorCode((HCkHttpRequest)servers) == DPOP_ERR_INVALID_HANDLE, "wrong class");
    CkHttpRequest_Dispose(req);
    CkHttpRequest_Dispose(req);
}

int main(void) {
    const char *ready = getenv("DPOP_TEST_SERVERS");
    servers = CkJsonObject_Create();
    if (ready == NULL || !CkJsonObject_Load(servers, ready)) {
        fprintf(stderr, "test_http_objects: run with $DPOP_TEST_SERVERS (tests/server/with-servers.sh)\n");
        return 2;
    }
    http_request_accessors();
    http_req_with_a_dpop_token();
    rest_with_a_dpop_key();
    token_and_proofs_for_another_client();
    CkJsonObject_Dispose(servers);
    return check_summary();
}
