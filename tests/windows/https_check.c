/* HTTPS trust as a Windows program sees it, for scripts/windows-test.sh under Wine: GET URL with
 * an optional TrustedCaFile and, given a key and a token endpoint, with DPoP tokens from the
 * m2m.dpop client of the test servers. Prints "status S code C" (LastStatus, LastErrorCode),
 * then LastErrorText when the request failed, so the script can tell a TLS failure (code
 * DPOP_ERR_TLS, no status) from a server that was reached.
 *
 * usage: https_check URL [CA_FILE|"" [KEY_FILE TOKEN_ENDPOINT]]
 */
#include "dpop.h"
#include <stdio.h>

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s URL [CA_FILE|\"\" [KEY_FILE TOKEN_ENDPOINT]]\n", argv[0]);
        return 2;
    }
    HCkHttp http = CkHttp_Create();
    HCkPrivateKey key = CkPrivateKey_Create();
    HCkJsonObject client = CkJsonObject_Create();
    int rc = 1;
    if (argc > 2) CkHttp_putTrustedCaFile(http, argv[2]);
    if (argc > 4) {
        if (!CkPrivateKey_LoadAnyFormatFile(key, argv[3], "") || !CkHttp_SetDPoPKey(http, key)) {
            printf("key: %s%s\n", CkPrivateKey_lastErrorText(key), CkHttp_lastErrorText(http));
            goto done;
        }
        CkJsonObject_UpdateString(client, "token_endpoint", argv[4]);
        CkJsonObject_UpdateString(client, "client_id", "m2m.dpop");
        CkJsonObject_UpdateString(client, "client_secret", "secret");
        CkJsonObject_UpdateString(client, "scope", "api");
        CkHttp_putAuthToken(http, CkJsonObject_emit(client));
    }
    const char *body = CkHttp_quickGetStr(http, argv[1]);
    int ok = CkHttp_getLastMethodSuccess(http);
    printf("status %d code %d\n", CkHttp_getLastStatus(http), CkHttp_getLastErrorCode(http));
    printf("%s\n", ok ? body : CkHttp_lastErrorText(http));
    rc = ok ? 0 : 1;
done:
    CkJsonObject_Dispose(client);
    CkPrivateKey_Dispose(key);
    CkHttp_Dispose(http);
    return rc;
}
