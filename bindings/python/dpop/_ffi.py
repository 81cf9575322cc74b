# Generated from include/dpop.h by bindings/python/gen_ffi.py. Do not edit: run
# `python3 bindings/python/gen_ffi.py` after changing the header.
"""Every function of libdpop (name -> (C return type, C parameter types)) and its error codes."""

import enum

PROTOTYPES: dict[str, tuple[str, tuple[str, ...]]] = {
    'CkHttp_Create': ('HCkHttp', ()),
    'CkHttp_Dispose': ('void', ('HCkHttp',)),
    'CkHttp_SetDPoPKey': ('int', ('HCkHttp', 'HCkPrivateKey')),
    'CkHttp_authToken': ('const char *', ('HCkHttp',)),
    'CkHttp_putAuthToken': ('void', ('HCkHttp', 'const char *')),
    'CkHttp_quickGetStr': ('const char *', ('HCkHttp', 'const char *')),
    'CkHttp_quickDeleteStr': ('const char *', ('HCkHttp', 'const char *')),
    'CkHttp_quickPutStr': ('const char *', ('HCkHttp', 'const char *')),
    'CkHttp_QuickGetObj': ('HCkHttpResponse', ('HCkHttp', 'const char *')),
    'CkHttp_HttpReq': ('int', ('HCkHttp', 'const char *', 'HCkHttpRequest', 'HCkHttpResponse')),
    'CkHttp_HttpJson': ('int', ('HCkHttp', 'const char *', 'const char *', 'HCkJsonObject', 'const char *', 'HCkHttpResponse')),
    'CkHttp_HttpStr': ('int', ('HCkHttp', 'const char *', 'const char *', 'const char *', 'const char *', 'const char *', 'HCkHttpResponse')),
    'CkHttp_HttpNoBody': ('int', ('HCkHttp', 'const char *', 'const char *', 'HCkHttpResponse')),
    'CkHttp_PostJson3': ('HCkHttpResponse', ('HCkHttp', 'const char *', 'const char *', 'HCkJsonObject')),
    'CkHttp_PostUrlEncoded': ('HCkHttpResponse', ('HCkHttp', 'const char *', 'HCkHttpRequest')),
    'CkHttp_requestToken': ('const char *', ('HCkHttp', 'const char *')),
    'CkHttp_makeDPoPProof': ('const char *', ('HCkHttp', 'const char *', 'const char *', 'const char *', 'const char *')),
    'CkHttp_PostJson2': ('HCkHttpResponse', ('HCkHttp', 'const char *', 'const char *', 'const char *')),
    'CkHttp_PText': ('HCkHttpResponse', ('HCkHttp', 'const char *', 'const char *', 'const char *', 'const char *', 'const char *', 'int', 'int')),
    'CkHttp_SetRequestHeader': ('void', ('HCkHttp', 'const char *', 'const char *')),
    'CkHttp_RemoveRequestHeader': ('void', ('HCkHttp', 'const char *')),
    'CkHttp_SetUrlVar': ('int', ('HCkHttp', 'const char *', 'const char *')),
    'CkHttp_ClearUrlVars': ('void', ('HCkHttp',)),
    'CkHttp_ClearHeaders': ('void', ('HCkHttp',)),
    'CkHttp_CloseAllConnections': ('int', ('HCkHttp',)),
    'CkHttp_accept': ('const char *', ('HCkHttp',)),
    'CkHttp_putAccept': ('void', ('HCkHttp', 'const char *')),
    'CkHttp_getAllowGzip': ('int', ('HCkHttp',)),
    'CkHttp_putAllowGzip': ('void', ('HCkHttp', 'int')),
    'CkHttp_userAgent': ('const char *', ('HCkHttp',)),
    'CkHttp_putUserAgent': ('void', ('HCkHttp', 'const char *')),
    'CkHttp_getBasicAuth': ('int', ('HCkHttp',)),
    'CkHttp_putBasicAuth': ('void', ('HCkHttp', 'int')),
    'CkHttp_getFollowRedirects': ('int', ('HCkHttp',)),
    'CkHttp_putFollowRedirects': ('void', ('HCkHttp', 'int')),
    'CkHttp_login': ('const char *', ('HCkHttp',)),
    'CkHttp_putLogin': ('void', ('HCkHttp', 'const char *')),
    'CkHttp_password': ('const char *', ('HCkHttp',)),
    'CkHttp_putPassword': ('void', ('HCkHttp', 'const char *')),
    'CkHttp_sessionLogFilename': ('const char *', ('HCkHttp',)),
    'CkHttp_putSessionLogFilename': ('void', ('HCkHttp', 'const char *')),
    'CkHttp_trustedCaFile': ('const char *', ('HCkHttp',)),
    'CkHttp_putTrustedCaFile': ('void', ('HCkHttp', 'const char *')),
    'CkHttp_proxyDomain': ('const char *', ('HCkHttp',)),
    'CkHttp_putProxyDomain': ('void', ('HCkHttp', 'const char *')),
    'CkHttp_getProxyPort': ('int', ('HCkHttp',)),
    'CkHttp_putProxyPort': ('void', ('HCkHttp', 'int')),
    'CkHttp_proxyLogin': ('const char *', ('HCkHttp',)),
    'CkHttp_putProxyLogin': ('void', ('HCkHttp', 'const char *')),
    'CkHttp_proxyPassword': ('const char *', ('HCkHttp',)),
    'CkHttp_putProxyPassword': ('void', ('HCkHttp', 'const char *')),
    'CkHttp_getConnectTimeout': ('int', ('HCkHttp',)),
    'CkHttp_putConnectTimeout': ('void', ('HCkHttp', 'int')),
    'CkHttp_getReadTimeout': ('int', ('HCkHttp',)),
    'CkHttp_putReadTimeout': ('void', ('HCkHttp', 'int')),
    'CkHttp_getLastStatus': ('int', ('HCkHttp',)),
    'CkHttp_lastStatusText': ('const char *', ('HCkHttp',)),
    'CkHttp_lastOAuthError': ('const char *', ('HCkHttp',)),
    'CkHttp_lastOAuthErrorDescription': ('const char *', ('HCkHttp',)),
    'CkHttp_lastResponseHeader': ('const char *', ('HCkHttp',)),
    'CkHttp_lastResponseBody': ('const char *', ('HCkHttp',)),
    'CkHttp_lastHeader': ('const char *', ('HCkHttp',)),
    'CkHttp_getLastMethodSuccess': ('int', ('HCkHttp',)),
    'CkHttp_getLastErrorCode': ('int', ('HCkHttp',)),
    'CkHttp_lastErrorText': ('const char *', ('HCkHttp',)),
    'CkHttpRequest_Create': ('HCkHttpRequest', ()),
    'CkHttpRequest_Dispose': ('void', ('HCkHttpRequest',)),
    'CkHttpRequest_httpVerb': ('const char *', ('HCkHttpRequest',)),
    'CkHttpRequest_putHttpVerb': ('void', ('HCkHttpRequest', 'const char *')),
    'CkHttpRequest_path': ('const char *', ('HCkHttpRequest',)),
    'CkHttpRequest_putPath': ('void', ('HCkHttpRequest', 'const char *')),
    'CkHttpRequest_contentType': ('const char *', ('HCkHttpRequest',)),
    'CkHttpRequest_putContentType': ('void', ('HCkHttpRequest', 'const char *')),
    'CkHttpRequest_charset': ('const char *', ('HCkHttpRequest',)),
    'CkHttpRequest_putCharset': ('void', ('HCkHttpRequest', 'const char *')),
    'CkHttpRequest_AddParam': ('void', ('HCkHttpRequest', 'const char *', 'const char *')),
    'CkHttpRequest_RemoveParam': ('void', ('HCkHttpRequest', 'const char *')),
    'CkHttpRequest_RemoveAllParams': ('void', ('HCkHttpRequest',)),
    'CkHttpRequest_getNumParams': ('int', ('HCkHttpRequest',)),
    'CkHttpRequest_getParam': ('const char *', ('HCkHttpRequest', 'const char *')),
    'CkHttpRequest_getParamName': ('const char *', ('HCkHttpRequest', 'int')),
    'CkHttpRequest_getParamValue': ('const char *', ('HCkHttpRequest', 'int')),
    'CkHttpRequest_AddHeader': ('void', ('HCkHttpRequest', 'const char *', 'const char *')),
    'CkHttpRequest_RemoveHeader': ('void', ('HCkHttpRequest', 'const char *')),
    'CkHttpRequest_getHeaderField': ('const char *', ('HCkHttpRequest', 'const char *')),
    'CkHttpRequest_LoadBodyFromString': ('int', ('HCkHttpRequest', 'const char *', 'const char *')),
    'CkHttpRequest_SetFromUrl': ('void', ('HCkHttpRequest', 'const char *')),
    'CkHttpRequest_getLastMethodSuccess': ('int', ('HCkHttpRequest',)),
    'CkHttpRequest_getLastErrorCode': ('int', ('HCkHttpRequest',)),
    'CkHttpRequest_lastErrorText': ('const char *', ('HCkHttpRequest',)),
    'CkHttpResponse_Create': ('HCkHttpResponse', ()),
    'CkHttpResponse_Dispose': ('void', ('HCkHttpResponse',)),
    'CkHttpResponse_getStatusCode': ('int', ('HCkHttpResponse',)),
    'CkHttpResponse_statusText': ('const char *', ('HCkHttpResponse',)),
    'CkHttpResponse_statusLine': ('const char *', ('HCkHttpResponse',)),
    'CkHttpResponse_charset': ('const char *', ('HCkHttpResponse',)),
    'CkHttpResponse_getContentLength': ('int', ('HCkHttpResponse',)),
    'CkHttpResponse_getNumHeaderFields': ('int', ('HCkHttpResponse',)),
    'CkHttpResponse_getHeaderName': ('const char *', ('HCkHttpResponse', 'int')),
    'CkHttpResponse_getHeaderValue': ('const char *', ('HCkHttpResponse', 'int')),
    'CkHttpResponse_bodyStr': ('const char *', ('HCkHttpResponse',)),
    'CkHttpResponse_header': ('const char *', ('HCkHttpResponse',)),
    'CkHttpResponse_getHeaderField': ('const char *', ('HCkHttpResponse', 'const char *')),
    'CkHttpResponse_getLastMethodSuccess': ('int', ('HCkHttpResponse',)),
    'CkHttpResponse_getLastErrorCode': ('int', ('HCkHttpResponse',)),
    'CkHttpResponse_lastErrorText': ('const char *', ('HCkHttpResponse',)),
    'CkJsonObject_Create': ('HCkJsonObject', ()),
    'CkJsonObject_Dispose': ('void', ('HCkJsonObject',)),
    'CkJsonObject_Load': ('int', ('HCkJsonObject', 'const char *')),
    'CkJsonObject_LoadFile': ('int', ('HCkJsonObject', 'const char *')),
    'CkJsonObject_WriteFile': ('int', ('HCkJsonObject', 'const char *')),
    'CkJsonObject_UpdateString': ('int', ('HCkJsonObject', 'const char *', 'const char *')),
    'CkJsonObject_UpdateInt': ('int', ('HCkJsonObject', 'const char *', 'int')),
    'CkJsonObject_UpdateBool': ('int', ('HCkJsonObject', 'const char *', 'int')),
    'CkJsonObject_UpdateNumber': ('int', ('HCkJsonObject', 'const char *', 'const char *')),
    'CkJsonObject_UpdateNull': ('int', ('HCkJsonObject', 'const char *')),
    'CkJsonObject_stringOf': ('const char *', ('HCkJsonObject', 'const char *')),
    'CkJsonObject_IntOf': ('int', ('HCkJsonObject', 'const char *')),
    'CkJsonObject_BoolOf': ('int', ('HCkJsonObject', 'const char *')),
    'CkJsonObject_HasMember': ('int', ('HCkJsonObject', 'const char *')),
    'CkJsonObject_Delete': ('int', ('HCkJsonObject', 'const char *')),
    'CkJsonObject_getSize': ('int', ('HCkJsonObject',)),
    'CkJsonObject_emit': ('const char *', ('HCkJsonObject',)),
    'CkJsonObject_getEmitCompact': ('int', ('HCkJsonObject',)),
    'CkJsonObject_putEmitCompact': ('void', ('HCkJsonObject', 'int')),
    'CkJsonObject_getLastMethodSuccess': ('int', ('HCkJsonObject',)),
    'CkJsonObject_getLastErrorCode': ('int', ('HCkJsonObject',)),
    'CkJsonObject_lastErrorText': ('const char *', ('HCkJsonObject',)),
    'CkPrivateKey_Create': ('HCkPrivateKey', ()),
    'CkPrivateKey_Dispose': ('void', ('HCkPrivateKey',)),
    'CkPrivateKey_LoadAnyFormatFile': ('int', ('HCkPrivateKey', 'const char *', 'const char *')),
    'CkPrivateKey_LoadPemFile': ('int', ('HCkPrivateKey', 'const char *')),
    'CkPrivateKey_LoadPem': ('int', ('HCkPrivateKey', 'const char *')),
    'CkPrivateKey_LoadEncryptedPem': ('int', ('HCkPrivateKey', 'const char *', 'const char *')),
    'CkPrivateKey_LoadJwk': ('int', ('HCkPrivateKey', 'const char *')),
    'CkPrivateKey_GenerateEcKey': ('int', ('HCkPrivateKey', 'const char *')),
    'CkPrivateKey_SavePkcs8PemFile': ('int', ('HCkPrivateKey', 'const char *')),
    'CkPrivateKey_getJwk': ('const char *', ('HCkPrivateKey',)),
    'CkPrivateKey_getPublicJwk': ('const char *', ('HCkPrivateKey',)),
    'CkPrivateKey_getJwkThumbprint': ('const char *', ('HCkPrivateKey', 'const char *')),
    'CkPrivateKey_keyType': ('const char *', ('HCkPrivateKey',)),
    'CkPrivateKey_getBitLength': ('int', ('HCkPrivateKey',)),
    'CkPrivateKey_getLastMethodSuccess': ('int', ('HCkPrivateKey',)),
    'CkPrivateKey_getLastErrorCode': ('int', ('HCkPrivateKey',)),
    'CkPrivateKey_lastErrorText': ('const char *', ('HCkPrivateKey',)),
    'CkRest_Create': ('HCkRest', ()),
    'CkRest_Dispose': ('void', ('HCkRest',)),
    'CkRest_Connect': ('int', ('HCkRest', 'const char *', 'int', 'int', 'int')),
    'CkRest_Disconnect': ('int', ('HCkRest', 'int')),
    'CkRest_authorization': ('const char *', ('HCkRest',)),
    'CkRest_putAuthorization': ('void', ('HCkRest', 'const char *')),
    'CkRest_AddHeader': ('int', ('HCkRest', 'const char *', 'const char *')),
    'CkRest_RemoveHeader': ('int', ('HCkRest', 'const char *')),
    'CkRest_ClearAllHeaders': ('int', ('HCkRest',)),
    'CkRest_AddQueryParam': ('int', ('HCkRest', 'const char *', 'const char *')),
    'CkRest_RemoveQueryParam': ('int', ('HCkRest', 'const char *')),
    'CkRest_ClearAllQueryParams': ('int', ('HCkRest',)),
    'CkRest_fullRequestNoBody': ('const char *', ('HCkRest', 'const char *', 'const char *')),
    'CkRest_fullRequestString': ('const char *', ('HCkRest', 'const char *', 'const char *', 'const char *')),
    'CkRest_fullRequestFormUrlEncoded': ('const char *', ('HCkRest', 'const char *', 'const char *')),
    'CkRest_getResponseStatusCode': ('int', ('HCkRest',)),
    'CkRest_responseStatusText': ('const char *', ('HCkRest',)),
    'CkRest_responseHeader': ('const char *', ('HCkRest',)),
    'CkRest_getNumResponseHeaders': ('int', ('HCkRest',)),
    'CkRest_responseHdrName': ('const char *', ('HCkRest', 'int')),
    'CkRest_responseHdrValue': ('const char *', ('HCkRest', 'int')),
    'CkRest_responseHdrByName': ('const char *', ('HCkRest', 'const char *')),
    'CkRest_lastRequestHeader': ('const char *', ('HCkRest',)),
    'CkRest_SetDPoPKey': ('int', ('HCkRest', 'HCkPrivateKey')),
    'CkRest_authToken': ('const char *', ('HCkRest',)),
    'CkRest_putAuthToken': ('void', ('HCkRest', 'const char *')),
    'CkRest_trustedCaFile': ('const char *', ('HCkRest',)),
    'CkRest_putTrustedCaFile': ('void', ('HCkRest', 'const char *')),
    'CkRest_sessionLogFilename': ('const char *', ('HCkRest',)),
    'CkRest_putSessionLogFilename': ('void', ('HCkRest', 'const char *')),
    'CkRest_getLastMethodSuccess': ('int', ('HCkRest',)),
    'CkRest_getLastErrorCode': ('int', ('HCkRest',)),
    'CkRest_lastErrorText': ('const char *', ('HCkRest',)),
    'dpop_version': ('const char *', ()),
}


class ErrorCode(enum.IntEnum):
    """Why the last method call failed (LastErrorCode): the DPOP_OK and DPOP_ERR_* codes of
    dpop.h, whose numbers never change."""

    OK = 0
    'The last method succeeded.'

    INVALID_ARGUMENT = 1
    'An argument or property value is malformed: NULL, invalid UTF-8, a bad URL, header or AuthToken.'

    INVALID_HANDLE = 2
    'The handle is NULL, disposed, or of another class (rule [H]).'

    INVALID_STATE = 3
    'The object is not ready for the call: no key loaded, no DPoP key for a DPoP-bound token.'

    KEY = 4
    'A private key cannot be loaded or used: unknown format, wrong type or curve, wrong password.'

    JSON = 5
    'JSON text or a JSON path is malformed, or a value has another type than asked for.'

    NOT_FOUND = 6
    'What was asked for is absent: a JSON member, a response header.'

    IO = 7
    'A file could not be read or written.'

    NETWORK = 8
    'The network failed: the host does not resolve, the connection is refused or broken.'

    TLS = 9
    "TLS failed: the server's certificate is not trusted, or the handshake failed."

    TIMEOUT = 10
    'The server did not answer within ConnectTimeout + ReadTimeout.'

    HTTP_STATUS = 11
    'The server answered with a status the method treats as a failure (not 2xx).'

    OAUTH = 12
    'The authorization server refused a token request with an OAuth error (invalid_client, ...).'

    PROTOCOL = 13
    "The server's answer is unusable: not HTTP, not a token response, too large, or a redirect that is not followed."

    UNSUPPORTED = 14
    'A feature this library does not implement.'

    INTERNAL = 15
    'A bug in libdpop (a caught panic).'
