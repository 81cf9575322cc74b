/* The seed flow (Chilkat's "Implementing DPoP with OAuth2 Client Credentials") in C:
 * load an EC key, describe the client in JSON, and call a DPoP-protected API. libdpop fetches
 * the token (with a DPoP proof), caches it and signs a fresh proof for every request.
 *
 * usage: seed_flow KEY_FILE TOKEN_ENDPOINT API_URL [SESSION_LOG] [CLIENT_ID] [CLIENT_SECRET]
 */
#include "dpop.h"
#include <stdio.h>

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s KEY_FILE TOKEN_ENDPOINT API_URL [SESSION_LOG] [CLIENT_ID] [CLIENT_SECRET]\n", argv[0]);
        return 2;
    }
    const char *keyFile = argv[1], *tokenEndpoint = argv[2], *apiEndpoint = argv[3];
    const char *sessionLog = argc > 4 ? argv[4] : "";
    const char *clientId = argc > 5 ? argv[5] : "m2m.dpop";
    const char *clientSecret = argc > 6 ? argv[6] : "secret";
    int rc = 1;

    /* Load your ECDSA private key. (Keys used with DPoP must always be ECDSA keys. Not RSA.) */
    HCkPrivateKey privKey = CkPrivateKey_Create();
    HCkJsonObject json = CkJsonObject_Create();
    HCkHttp http = CkHttp_Create();
    if (!CkPrivateKey_LoadAnyFormatFile(privKey, keyFile, "")) {
        printf("%s\n", CkPrivateKey_lastErrorText(privKey));
        goto done;
    }

    /* What libdpop needs to fetch the access token with the client_credentials grant. */
    CkJsonObject_UpdateString(json, "client_secret", clientSecret);
    CkJsonObject_UpdateString(json, "client_id", clientId);
    CkJsonObject_UpdateString(json, "token_endpoint", tokenEndpoint);
    CkJsonObject_UpdateString(json, "scope", "api");

    CkHttp_putSessionLogFilename(http, sessionLog);
    if (!CkHttp_SetDPoPKey(http, privKey)) {
        printf("%s\n", CkHttp_lastErrorText(http));
        goto done;
    }
    CkHttp_putAuthToken(http, CkJsonObject_emit(json));

    /* The first request fetches the token; later ones reuse it with a new DPoP proof each. */
    const char *resp = CkHttp_quickGetStr(http, apiEndpoint);
    if (!CkHttp_getLastMethodSuccess(http)) {
        printf("%s\n", CkHttp_lastErrorText(http));
        goto done;
    }
    printf("response status code = %d\n", CkHttp_getLastStatus(http));
    printf("%s\n", resp);
    rc = 0;

done:
    CkPrivateKey_Dispose(privKey);
    CkJsonObject_Dispose(json);
    CkHttp_Dispose(http);
    return rc;
}
