/* The Okta client-credentials example (../shared/seeds/chilkat-js-okta-client-credentials.txt,
 * Chilkat's JavaScript) transliterated to C with Chilkat's C headers, call for call; only the
 * Okta URL, client and scope come from the command line, and the parsed fields are printed at
 * the end. The client authenticates with client_secret_basic through Login and Password.
 *
 *   seed_okta TOKEN_URL CLIENT_ID CLIENT_SECRET SCOPE */
#include <C_CkHttp.h>
#include <C_CkHttpRequest.h>
#include <C_CkHttpResponse.h>
#include <C_CkJsonObject.h>
#include <C_CkStringBuilder.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: %s TOKEN_URL CLIENT_ID CLIENT_SECRET SCOPE\n", argv[0]);
        return 2;
    }
    const char *tokenUrl = argv[1];
    int success = 0;

    HCkHttp http = CkHttp_Create();
    CkHttp_putLogin(http, argv[2]);
    CkHttp_putPassword(http, argv[3]);

    HCkHttpRequest req = CkHttpRequest_Create();
    CkHttpRequest_putHttpVerb(req, "POST");
    CkHttpRequest_putPath(req, "/oauth2/default/v1/token");
    CkHttpRequest_putContentType(req, "application/x-www-form-urlencoded");
    CkHttpRequest_AddParam(req, "grant_type", "client_credentials");
    CkHttpRequest_AddParam(req, "scope", argv[4]);
    CkHttpRequest_AddHeader(req, "accept", "application/json");

    HCkHttpResponse resp = CkHttpResponse_Create();
    success = CkHttp_HttpReq(http, tokenUrl, req, resp);
    if (success == 0) {
        printf("%s\n", CkHttp_lastErrorText(http));
        return 1;
    }

    HCkStringBuilder sbResponseBody = CkStringBuilder_Create();
    CkHttpResponse_GetBodySb(resp, sbResponseBody);
    HCkJsonObject jResp = CkJsonObject_Create();
    CkJsonObject_LoadSb(jResp, sbResponseBody);
    CkJsonObject_putEmitCompact(jResp, 0);

    printf("Response Body:\n");
    printf("%s\n", CkJsonObject_emit(jResp));

    int respStatusCode = CkHttpResponse_getStatusCode(resp);
    printf("Response Status Code = %d\n", respStatusCode);
    if (respStatusCode >= 400) {
        printf("Response Header:\n");
        printf("%s\n", CkHttpResponse_header(resp));
        printf("Failed.\n");
        return 1;
    }

    /* Copied: each string belongs to jResp until its next call returning a string. */
    char access_token[4096], token_type[64], scope[256];
    snprintf(access_token, sizeof access_token, "%s", CkJsonObject_stringOf(jResp, "access_token"));
    snprintf(token_type, sizeof token_type, "%s", CkJsonObject_stringOf(jResp, "token_type"));
    int expires_in = CkJsonObject_IntOf(jResp, "expires_in");
    snprintf(scope, sizeof scope, "%s", CkJsonObject_stringOf(jResp, "scope"));
    printf("token_type = %s, expires_in = %d, scope = %s, access_token length = %d\n", token_type, expires_in, scope,
           (int)strlen(access_token));

    CkHttp_Dispose(http);
    CkHttpRequest_Dispose(req);
    CkHttpResponse_Dispose(resp);
    CkStringBuilder_Dispose(sbResponseBody);
    CkJsonObject_Dispose(jResp);
    return 0;
}
