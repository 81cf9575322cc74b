# Generated from include/dpop.h by bindings/python/gen_ffi.py. Do not edit: run
# `python3 bindings/python/gen_ffi.py` after changing the header.
"""Every function of libdpop (name -> (C return type, C parameter types)) and its error codes."""

import enum

PROTOTYPES: dict[str, tuple[str, tuple[str, ...]]] = {
    'CkGlobal_Create': ('HCkGlobal', ()),
    'CkGlobal_Dispose': ('void', ('HCkGlobal',)),
    'CkGlobal_UnlockBundle': ('int', ('HCkGlobal', 'const char *')),
    'CkGlobal_getUnlockStatus': ('int', ('HCkGlobal',)),
    'CkGlobal_version': ('const char *', ('HCkGlobal',)),
    'CkGlobal_getLastMethodSuccess': ('int', ('HCkGlobal',)),
    'CkGlobal_getLastErrorCode': ('int', ('HCkGlobal',)),
    'CkGlobal_lastErrorText': ('const char *', ('HCkGlobal',)),
    'CkHttp_Create': ('HCkHttp', ()),
    'CkHttp_Dispose': ('void', ('HCkHttp',)),
    'CkHttp_SetDPoPKey': ('int', ('HCkHttp', 'HCkPrivateKey')),
    'CkHttp_authToken': ('const char *', ('HCkHttp',)),
    'CkHttp_putAuthToken': ('void', ('HCkHttp', 'const char *')),
    'CkHttp_quickGetStr': ('const char *', ('HCkHttp', 'const char *')),
    'CkHttp_quickDeleteStr': ('const char *', ('HCkHttp', 'const char *')),
    'CkHttp_PostJson2': ('HCkHttpResponse', ('HCkHttp', 'const char *', 'const char *', 'const char *')),
    'CkHttp_PText': ('HCkHttpResponse', ('HCkHttp', 'const char *', 'const char *', 'const char *', 'const char *', 'const char *', 'int', 'int')),
    'CkHttp_SetRequestHeader': ('void', ('HCkHttp', 'const char *', 'const char *')),
    'CkHttp_ClearHeaders': ('void', ('HCkHttp',)),
    'CkHttp_CloseAllConnections': ('int', ('HCkHttp',)),
    'CkHttp_accept': ('const char *', ('HCkHttp',)),
    'CkHttp_putAccept': ('void', ('HCkHttp', 'const char *')),
    'CkHttp_getAllowGzip': ('int', ('HCkHttp',)),
    'CkHttp_putAllowGzip': ('void', ('HCkHttp', 'int')),
    'CkHttp_userAgent': ('const char *', ('HCkHttp',)),
    'CkHttp_putUserAgent': ('void', ('HCkHttp', 'const char *')),
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
    'CkHttp_lastResponseHeader': ('const char *', ('HCkHttp',)),
    'CkHttp_lastResponseBody': ('const char *', ('HCkHttp',)),
    'CkHttp_lastHeader': ('const char *', ('HCkHttp',)),
    'CkHttp_getLastMethodSuccess': ('int', ('HCkHttp',)),
    'CkHttp_getLastErrorCode': ('int', ('HCkHttp',)),
    'CkHttp_lastErrorText': ('const char *', ('HCkHttp',)),
    'CkHttpResponse_Create': ('HCkHttpResponse', ()),
    'CkHttpResponse_Dispose': ('void', ('HCkHttpResponse',)),
    'CkHttpResponse_getStatusCode': ('int', ('HCkHttpResponse',)),
    'CkHttpResponse_statusText': ('const char *', ('HCkHttpResponse',)),
    'CkHttpResponse_bodyStr': ('const char *', ('HCkHttpResponse',)),
    'CkHttpResponse_header': ('const char *', ('HCkHttpResponse',)),
    'CkHttpResponse_getHeaderField': ('const char *', ('HCkHttpResponse', 'const char *')),
    'CkHttpResponse_getLastMethodSuccess': ('int', ('HCkHttpResponse',)),
    'CkHttpResponse_getLastErrorCode': ('int', ('HCkHttpResponse',)),
    'CkHttpResponse_lastErrorText': ('const char *', ('HCkHttpResponse',)),
    'CkJsonArray_Create': ('HCkJsonArray', ()),
    'CkJsonArray_Dispose': ('void', ('HCkJsonArray',)),
    'CkJsonArray_Load': ('int', ('HCkJsonArray', 'const char *')),
    'CkJsonArray_LoadSb': ('int', ('HCkJsonArray', 'HCkStringBuilder')),
    'CkJsonArray_emit': ('const char *', ('HCkJsonArray',)),
    'CkJsonArray_EmitSb': ('int', ('HCkJsonArray', 'HCkStringBuilder')),
    'CkJsonArray_stringAt': ('const char *', ('HCkJsonArray', 'int')),
    'CkJsonArray_IntAt': ('int', ('HCkJsonArray', 'int')),
    'CkJsonArray_BoolAt': ('int', ('HCkJsonArray', 'int')),
    'CkJsonArray_IsNullAt': ('int', ('HCkJsonArray', 'int')),
    'CkJsonArray_TypeAt': ('int', ('HCkJsonArray', 'int')),
    'CkJsonArray_ObjectAt': ('HCkJsonObject', ('HCkJsonArray', 'int')),
    'CkJsonArray_ArrayAt': ('HCkJsonArray', ('HCkJsonArray', 'int')),
    'CkJsonArray_AddStringAt': ('int', ('HCkJsonArray', 'int', 'const char *')),
    'CkJsonArray_AddIntAt': ('int', ('HCkJsonArray', 'int', 'int')),
    'CkJsonArray_AddBoolAt': ('int', ('HCkJsonArray', 'int', 'int')),
    'CkJsonArray_AddNullAt': ('int', ('HCkJsonArray', 'int')),
    'CkJsonArray_AddNumberAt': ('int', ('HCkJsonArray', 'int', 'const char *')),
    'CkJsonArray_AddObjectAt': ('int', ('HCkJsonArray', 'int')),
    'CkJsonArray_AddArrayAt': ('int', ('HCkJsonArray', 'int')),
    'CkJsonArray_DeleteAt': ('int', ('HCkJsonArray', 'int')),
    'CkJsonArray_Clear': ('void', ('HCkJsonArray',)),
    'CkJsonArray_FindString': ('int', ('HCkJsonArray', 'const char *', 'int')),
    'CkJsonArray_FindObject': ('int', ('HCkJsonArray', 'const char *', 'const char *', 'int')),
    'CkJsonArray_getSize': ('int', ('HCkJsonArray',)),
    'CkJsonArray_getEmitCompact': ('int', ('HCkJsonArray',)),
    'CkJsonArray_putEmitCompact': ('void', ('HCkJsonArray', 'int')),
    'CkJsonArray_getEmitCrlf': ('int', ('HCkJsonArray',)),
    'CkJsonArray_putEmitCrlf': ('void', ('HCkJsonArray', 'int')),
    'CkJsonArray_getLastMethodSuccess': ('int', ('HCkJsonArray',)),
    'CkJsonArray_getLastErrorCode': ('int', ('HCkJsonArray',)),
    'CkJsonArray_lastErrorText': ('const char *', ('HCkJsonArray',)),
    'CkJsonObject_Create': ('HCkJsonObject', ()),
    'CkJsonObject_Dispose': ('void', ('HCkJsonObject',)),
    'CkJsonObject_Load': ('int', ('HCkJsonObject', 'const char *')),
    'CkJsonObject_LoadFile': ('int', ('HCkJsonObject', 'const char *')),
    'CkJsonObject_LoadSb': ('int', ('HCkJsonObject', 'HCkStringBuilder')),
    'CkJsonObject_WriteFile': ('int', ('HCkJsonObject', 'const char *')),
    'CkJsonObject_emit': ('const char *', ('HCkJsonObject',)),
    'CkJsonObject_EmitSb': ('int', ('HCkJsonObject', 'HCkStringBuilder')),
    'CkJsonObject_UpdateString': ('int', ('HCkJsonObject', 'const char *', 'const char *')),
    'CkJsonObject_UpdateInt': ('int', ('HCkJsonObject', 'const char *', 'int')),
    'CkJsonObject_UpdateBool': ('int', ('HCkJsonObject', 'const char *', 'int')),
    'CkJsonObject_UpdateNumber': ('int', ('HCkJsonObject', 'const char *', 'const char *')),
    'CkJsonObject_UpdateNull': ('int', ('HCkJsonObject', 'const char *')),
    'CkJsonObject_UpdateNewObject': ('int', ('HCkJsonObject', 'const char *')),
    'CkJsonObject_UpdateNewArray': ('int', ('HCkJsonObject', 'const char *')),
    'CkJsonObject_stringOf': ('const char *', ('HCkJsonObject', 'const char *')),
    'CkJsonObject_IntOf': ('int', ('HCkJsonObject', 'const char *')),
    'CkJsonObject_BoolOf': ('int', ('HCkJsonObject', 'const char *')),
    'CkJsonObject_IsNullOf': ('int', ('HCkJsonObject', 'const char *')),
    'CkJsonObject_JsonTypeOf': ('int', ('HCkJsonObject', 'const char *')),
    'CkJsonObject_HasMember': ('int', ('HCkJsonObject', 'const char *')),
    'CkJsonObject_SizeOfArray': ('int', ('HCkJsonObject', 'const char *')),
    'CkJsonObject_ObjectOf': ('HCkJsonObject', ('HCkJsonObject', 'const char *')),
    'CkJsonObject_ArrayOf': ('HCkJsonArray', ('HCkJsonObject', 'const char *')),
    'CkJsonObject_nameAt': ('const char *', ('HCkJsonObject', 'int')),
    'CkJsonObject_stringAt': ('const char *', ('HCkJsonObject', 'int')),
    'CkJsonObject_IntAt': ('int', ('HCkJsonObject', 'int')),
    'CkJsonObject_BoolAt': ('int', ('HCkJsonObject', 'int')),
    'CkJsonObject_IsNullAt': ('int', ('HCkJsonObject', 'int')),
    'CkJsonObject_TypeAt': ('int', ('HCkJsonObject', 'int')),
    'CkJsonObject_ObjectAt': ('HCkJsonObject', ('HCkJsonObject', 'int')),
    'CkJsonObject_ArrayAt': ('HCkJsonArray', ('HCkJsonObject', 'int')),
    'CkJsonObject_IndexOf': ('int', ('HCkJsonObject', 'const char *')),
    'CkJsonObject_Delete': ('int', ('HCkJsonObject', 'const char *')),
    'CkJsonObject_DeleteAt': ('int', ('HCkJsonObject', 'int')),
    'CkJsonObject_Rename': ('int', ('HCkJsonObject', 'const char *', 'const char *')),
    'CkJsonObject_RenameAt': ('int', ('HCkJsonObject', 'int', 'const char *')),
    'CkJsonObject_Clear': ('void', ('HCkJsonObject',)),
    'CkJsonObject_AppendString': ('int', ('HCkJsonObject', 'const char *', 'const char *')),
    'CkJsonObject_AppendInt': ('int', ('HCkJsonObject', 'const char *', 'int')),
    'CkJsonObject_AppendBool': ('int', ('HCkJsonObject', 'const char *', 'int')),
    'CkJsonObject_AppendObject': ('HCkJsonObject', ('HCkJsonObject', 'const char *')),
    'CkJsonObject_AppendArray': ('HCkJsonArray', ('HCkJsonObject', 'const char *')),
    'CkJsonObject_AddStringAt': ('int', ('HCkJsonObject', 'int', 'const char *', 'const char *')),
    'CkJsonObject_AddIntAt': ('int', ('HCkJsonObject', 'int', 'const char *', 'int')),
    'CkJsonObject_AddBoolAt': ('int', ('HCkJsonObject', 'int', 'const char *', 'int')),
    'CkJsonObject_AddNullAt': ('int', ('HCkJsonObject', 'int', 'const char *')),
    'CkJsonObject_AddNumberAt': ('int', ('HCkJsonObject', 'int', 'const char *', 'const char *')),
    'CkJsonObject_AddObjectAt': ('int', ('HCkJsonObject', 'int', 'const char *')),
    'CkJsonObject_AddArrayAt': ('int', ('HCkJsonObject', 'int', 'const char *')),
    'CkJsonObject_FindRecord': ('HCkJsonObject', ('HCkJsonObject', 'const char *', 'const char *', 'const char *', 'int')),
    'CkJsonObject_findRecordString': ('const char *', ('HCkJsonObject', 'const char *', 'const char *', 'const char *', 'int', 'const char *')),
    'CkJsonObject_getSize': ('int', ('HCkJsonObject',)),
    'CkJsonObject_getEmitCompact': ('int', ('HCkJsonObject',)),
    'CkJsonObject_putEmitCompact': ('void', ('HCkJsonObject', 'int')),
    'CkJsonObject_getEmitCrLf': ('int', ('HCkJsonObject',)),
    'CkJsonObject_putEmitCrLf': ('void', ('HCkJsonObject', 'int')),
    'CkJsonObject_getI': ('int', ('HCkJsonObject',)),
    'CkJsonObject_putI': ('void', ('HCkJsonObject', 'int')),
    'CkJsonObject_getJ': ('int', ('HCkJsonObject',)),
    'CkJsonObject_putJ': ('void', ('HCkJsonObject', 'int')),
    'CkJsonObject_getK': ('int', ('HCkJsonObject',)),
    'CkJsonObject_putK': ('void', ('HCkJsonObject', 'int')),
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
    'CkStringBuilder_Create': ('HCkStringBuilder', ()),
    'CkStringBuilder_Dispose': ('void', ('HCkStringBuilder',)),
    'CkStringBuilder_Append': ('int', ('HCkStringBuilder', 'const char *')),
    'CkStringBuilder_AppendInt': ('int', ('HCkStringBuilder', 'int')),
    'CkStringBuilder_AppendLine': ('int', ('HCkStringBuilder', 'const char *', 'int')),
    'CkStringBuilder_Prepend': ('int', ('HCkStringBuilder', 'const char *')),
    'CkStringBuilder_SetString': ('int', ('HCkStringBuilder', 'const char *')),
    'CkStringBuilder_getAsString': ('const char *', ('HCkStringBuilder',)),
    'CkStringBuilder_Clear': ('void', ('HCkStringBuilder',)),
    'CkStringBuilder_Contains': ('int', ('HCkStringBuilder', 'const char *', 'int')),
    'CkStringBuilder_StartsWith': ('int', ('HCkStringBuilder', 'const char *', 'int')),
    'CkStringBuilder_EndsWith': ('int', ('HCkStringBuilder', 'const char *', 'int')),
    'CkStringBuilder_Replace': ('int', ('HCkStringBuilder', 'const char *', 'const char *')),
    'CkStringBuilder_ToLowercase': ('int', ('HCkStringBuilder',)),
    'CkStringBuilder_ToUppercase': ('int', ('HCkStringBuilder',)),
    'CkStringBuilder_Trim': ('int', ('HCkStringBuilder',)),
    'CkStringBuilder_LoadFile': ('int', ('HCkStringBuilder', 'const char *', 'const char *')),
    'CkStringBuilder_WriteFile': ('int', ('HCkStringBuilder', 'const char *', 'const char *', 'int')),
    'CkStringBuilder_getLength': ('int', ('HCkStringBuilder',)),
    'CkStringBuilder_getLastMethodSuccess': ('int', ('HCkStringBuilder',)),
    'CkStringBuilder_getLastErrorCode': ('int', ('HCkStringBuilder',)),
    'CkStringBuilder_lastErrorText': ('const char *', ('HCkStringBuilder',)),
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
