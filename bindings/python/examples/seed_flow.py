"""The seed flow (Chilkat's "Implementing DPoP with OAuth2 Client Credentials") in Python, written
as for Chilkat2: load an EC key, describe the client in JSON, and call a DPoP-protected API.

usage: python seed_flow.py KEY_FILE TOKEN_ENDPOINT API_URL [SESSION_LOG] [CLIENT_ID] [CLIENT_SECRET]
"""

import sys

import dpop as chilkat2


def main(argv: list[str]) -> int:
    if len(argv) < 4:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    key_file, token_endpoint, api_endpoint = argv[1:4]
    session_log = argv[4] if len(argv) > 4 else ""
    client_id = argv[5] if len(argv) > 5 else "m2m.dpop"
    client_secret = argv[6] if len(argv) > 6 else "secret"

    # Load your ECDSA private key. (Keys used with DPoP must always be ECDSA keys. Not RSA.)
    privKey = chilkat2.PrivateKey()
    if not privKey.LoadAnyFormatFile(key_file, ""):
        print(privKey.LastErrorText)
        return 1

    # What libdpop needs to fetch the access token with the client_credentials grant.
    json = chilkat2.JsonObject()
    json.UpdateString("client_secret", client_secret)
    json.UpdateString("client_id", client_id)
    json.UpdateString("token_endpoint", token_endpoint)
    json.UpdateString("scope", "api")

    http = chilkat2.Http()
    http.SessionLogFilename = session_log
    if not http.SetDPoPKey(privKey):
        print(http.LastErrorText)
        return 1
    http.AuthToken = json.Emit()

    # The first request fetches the token; later ones reuse it with a new DPoP proof each.
    resp = http.QuickGetStr(api_endpoint)
    if not http.LastMethodSuccess:
        print(http.LastErrorText)
        return 1
    print("response status code =", http.LastStatus)
    print(resp)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
