"""libdpop for Python: OAuth2 with DPoP (RFC 9449) behind Chilkat2's names.

Programs written for Chilkat2 run with `import dpop as chilkat2`:

    privKey = chilkat2.PrivateKey()
    privKey.LoadAnyFormatFile("ecc_privKey.pem", "")
    json = chilkat2.JsonObject()
    json.UpdateString("client_secret", "secret")
    ...
    http = chilkat2.Http()
    http.SetDPoPKey(privKey)
    http.AuthToken = json.Emit()
    body = http.QuickGetStr(api_url)   # "" on failure: see http.LastErrorText
    if not http.LastMethodSuccess and http.LastErrorCode == chilkat2.ErrorCode.NETWORK:
        ...                            # extension: why it failed, as a number

Each object owns a native handle, freed when the object is garbage collected, by `Dispose()`,
or at the end of a `with` block. As in chilkat2: string results are str (invalid UTF-8
replaced), and a failed string method returns "" (see LastMethodSuccess and LastErrorText); a
method returning an object returns None when it fails; setting an attribute the class does not
have raises AttributeError.
"""

from ._binding import BindingError, NativeObject, native, native_function, native_property
from ._ffi import ErrorCode
from ._library import path as library_path

__all__ = [
    "Global", "StringBuilder", "PrivateKey", "JsonObject", "JsonArray", "HttpRequest", "HttpResponse",
    "Http", "Rest", "ErrorCode", "BindingError", "library_path", "version",
]


@native_function
def version() -> str:
    """Extension: the version of the loaded libdpop, "MAJOR.MINOR.PATCH" (e.g. "0.1.0")."""


class PrivateKey(NativeObject, c_class="CkPrivateKey"):
    """A private key used to sign DPoP proofs: EC P-256/P-384/P-521 (ES256/ES384/ES512), RSA of
    2048 to 4096 bits (PS256, RS256) or Ed25519 (EdDSA)."""

    KeyType: str = native_property('"ecc", "rsa" or "ed25519"; "empty" when no key is loaded.')
    BitLength: int = native_property(
        "256, 384 or 521 for EC keys, the modulus size for RSA, 256 for Ed25519; 0 when empty."
    )

    @native
    def LoadAnyFormatFile(self, path: str, password: str) -> bool:
        """Loads a key file in any supported format: PEM or DER (PKCS#8, encrypted PKCS#8, SEC1,
        PKCS#1; OpenSSL-encrypted SEC1 and PKCS#1 PEM) or a private JWK. `password` is "" for
        unencrypted keys."""

    @native
    def LoadPemFile(self, path: str) -> bool:
        """Loads an unencrypted PEM key file."""

    @native
    def LoadPem(self, pem: str) -> bool:
        """Loads an unencrypted PEM key from text."""

    @native
    def LoadEncryptedPem(self, pem: str, password: str) -> bool:
        """Loads an encrypted PEM key (PKCS#8, or OpenSSL-encrypted SEC1 or PKCS#1) from text."""

    @native
    def LoadJwk(self, json: str) -> bool:
        """Loads a private JWK (EC, RSA with its CRT members, or OKP Ed25519)."""

    @native
    def GenerateEcKey(self, curve: str) -> bool:
        """Extension (not in Chilkat): generates a new random key on `curve` ("P-256", "P-384" or
        "P-521")."""

    @native
    def GenerateEd25519Key(self) -> bool:
        """Extension (not in Chilkat): generates a new random Ed25519 key."""

    @native
    def SavePemFile(self, path: str) -> bool:
        """Writes the key as PEM: SEC1 for EC, PKCS#1 for RSA, PKCS#8 for Ed25519."""

    @native
    def SavePkcs8PemFile(self, path: str) -> bool:
        """Writes the key as unencrypted PKCS#8 PEM to `path`."""

    @native
    def SavePkcs8EncryptedPemFile(self, password: str, path: str) -> bool:
        """Writes the key as PKCS#8 PEM encrypted with `password` to `path`."""

    @native
    def GetPkcs8Pem(self) -> str:
        """The key as unencrypted PKCS#8 PEM, or "" on failure. It holds the private key."""

    @native
    def GetPkcs8EncryptedPem(self, password: str) -> str:
        """The key as PKCS#8 PEM encrypted with `password` (PBES2, PBKDF2-SHA256, AES-256-CBC),
        or "" on failure."""

    @native
    def GetJwk(self) -> str:
        """The private JWK, or "" on failure. It holds the private key."""

    @native
    def GetPublicJwk(self) -> str:
        """Extension: the public JWK (members in RFC 7638 order), or "" on failure."""

    @native
    def GetJwkThumbprint(self, hashAlg: str) -> str:
        """The RFC 7638 JWK thumbprint (base64url) computed with `hashAlg` ("SHA256"), or ""."""


class _ReadsByIndex:
    """The reads by position JsonObject (its members) and JsonArray (its elements; -1 is the
    last) share."""

    @native
    def StringAt(self, index: int) -> str:
        """The value at `index` as a string (an object or array as compact JSON), or ""."""

    @native
    def IntAt(self, index: int) -> int:
        """The value at `index` as an integer ("3.7" is 3), or 0."""

    @native
    def BoolAt(self, index: int) -> bool:
        """True if the value at `index` is true or the string "true" in any case."""

    @native
    def IsNullAt(self, index: int) -> bool:
        """True if the value at `index` is null."""

    @native
    def TypeAt(self, index: int) -> int:
        """1 string, 2 number, 3 object, 4 array, 5 boolean, 6 null; -1 if there is none."""

    @native
    def ObjectAt(self, index: int) -> "JsonObject | None":
        """A live view of the object at `index`, or None."""

    @native
    def ArrayAt(self, index: int) -> "JsonArray | None":
        """A live view of the array at `index`, or None."""


class JsonObject(_ReadsByIndex, NativeObject, c_class="CkJsonObject"):
    """A JSON object document, or a live view into one. Paths name members and elements, e.g.
    "client_id", "a.b[1].c", "items[i].name" (with the I property), '"odata.nextLink"'."""

    Size: int = native_property("The number of members.")
    EmitCompact: bool = native_property(
        "True (the default) for compact output of Emit(), False for two-space indentation.",
        settable=True,
    )
    EmitCrLf: bool = native_property(
        "True (the default, on every platform) for CRLF line breaks in indented output.",
        settable=True,
    )
    I: int = native_property("The index that [i] in a path stands for.", settable=True)
    J: int = native_property("The index that [j] in a path stands for.", settable=True)
    K: int = native_property("The index that [k] in a path stands for.", settable=True)

    @native
    def Load(self, json: str) -> bool:
        """Replaces the content with the JSON object in `json` (kept unchanged on failure)."""

    @native
    def LoadFile(self, path: str) -> bool:
        """Replaces the content with the JSON object in the file at `path`."""

    @native
    def LoadSb(self, sb: "StringBuilder") -> bool:
        """Replaces the content with the JSON object in the StringBuilder `sb`."""

    @native
    def WriteFile(self, path: str) -> bool:
        """Writes the emitted JSON to the file at `path`."""

    @native
    def Emit(self) -> str:
        """The document as JSON text, compact unless EmitCompact is False. Numbers and escapes
        come out as they were loaded or set."""

    @native
    def EmitSb(self, sb: "StringBuilder") -> bool:
        """Appends the emitted JSON to the StringBuilder `sb`."""

    @native
    def UpdateString(self, path: str, value: str) -> bool:
        """Sets the string at `path`, creating what is missing (an index past the end appends)."""

    @native
    def UpdateInt(self, path: str, value: int) -> bool:
        """Sets the integer at `path`, creating what is missing."""

    @native
    def UpdateBool(self, path: str, value: bool) -> bool:
        """Sets true or false at `path`, creating what is missing."""

    @native
    def UpdateNumber(self, path: str, numericStr: str) -> bool:
        """Sets the number written in `numericStr` (e.g. "10.00", kept as written) at `path`."""

    @native
    def UpdateNull(self, path: str) -> bool:
        """Sets null at `path`."""

    @native
    def UpdateNewObject(self, path: str) -> bool:
        """Puts an empty object at `path`, or keeps the object already there."""

    @native
    def UpdateNewArray(self, path: str) -> bool:
        """Puts an empty array at `path`."""

    @native
    def StringOf(self, path: str) -> str:
        """The value at `path` as a string (numbers as written, true/false/null as words), or ""."""

    @native
    def IntOf(self, path: str) -> int:
        """The integer at `path` (read from a number or a string: "3.7" is 3), or 0."""

    @native
    def BoolOf(self, path: str) -> bool:
        """True if the value at `path` is true or the string "true" in any case."""

    @native
    def IsNullOf(self, path: str) -> bool:
        """True if the value at `path` is null."""

    @native
    def JsonTypeOf(self, path: str) -> int:
        """1 string, 2 number, 3 object, 4 array, 5 boolean, 6 null; -1 if there is no value."""

    @native
    def HasMember(self, path: str) -> bool:
        """True if a value exists at `path`."""

    @native
    def SizeOfArray(self, path: str) -> int:
        """The number of elements of the array at `path`, or -1."""

    @native
    def ObjectOf(self, path: str) -> "JsonObject | None":
        """A live view of the object at `path`, or None."""

    @native
    def ArrayOf(self, path: str) -> "JsonArray | None":
        """A live view of the array at `path`, or None."""

    @native
    def NameAt(self, index: int) -> str:
        """The name of the member at `index`, or ""."""

    @native
    def IndexOf(self, name: str) -> int:
        """The index of the first member named `name`, or -1."""

    @native
    def Delete(self, name: str) -> bool:
        """Removes the first member named `name`; False if there is none."""

    @native
    def DeleteAt(self, index: int) -> bool:
        """Removes the member at `index` (nothing, successfully, if out of range)."""

    @native
    def Rename(self, oldName: str, newName: str) -> bool:
        """Renames the first member named `oldName`."""

    @native
    def RenameAt(self, index: int, name: str) -> bool:
        """Renames the member at `index`."""

    @native
    def Clear(self) -> None:
        """Removes every member."""

    @native
    def AppendString(self, name: str, value: str) -> bool:
        """Appends a member `name` holding `value` (a name, not a path)."""

    @native
    def AppendInt(self, name: str, value: int) -> bool:
        """Appends a member `name` holding the integer `value`."""

    @native
    def AppendBool(self, name: str, value: bool) -> bool:
        """Appends a member `name` holding true or false."""

    @native
    def AppendObject(self, name: str) -> "JsonObject | None":
        """Appends a member `name` holding an empty object and returns a live view of it."""

    @native
    def AppendArray(self, name: str) -> "JsonArray | None":
        """Appends a member `name` holding an empty array and returns a live view of it."""

    @native
    def AddStringAt(self, index: int, name: str, value: str) -> bool:
        """Inserts a member before position `index` (-1 or past the end: appends)."""

    @native
    def AddIntAt(self, index: int, name: str, value: int) -> bool:
        """Inserts a member holding an integer, as AddStringAt."""

    @native
    def AddBoolAt(self, index: int, name: str, value: bool) -> bool:
        """Inserts a member holding true or false, as AddStringAt."""

    @native
    def AddNullAt(self, index: int, name: str) -> bool:
        """Inserts a member holding null, as AddStringAt."""

    @native
    def AddNumberAt(self, index: int, name: str, numericStr: str) -> bool:
        """Inserts a member holding the number written in `numericStr`, as AddStringAt."""

    @native
    def AddObjectAt(self, index: int, name: str) -> bool:
        """Inserts a member holding an empty object, as AddStringAt."""

    @native
    def AddArrayAt(self, index: int, name: str) -> bool:
        """Inserts a member holding an empty array, as AddStringAt."""

    @native
    def FindRecord(
        self, arrayPath: str, relPath: str, value: str, caseSensitive: bool
    ) -> "JsonObject | None":
        """A live view of the first object in the array at `arrayPath` whose value at `relPath`
        matches `value` (`*` is a wildcard), or None."""

    @native
    def FindRecordString(
        self, arrayPath: str, relPath: str, value: str, caseSensitive: bool, retRelPath: str
    ) -> str:
        """The value at `retRelPath` of the record FindRecord finds, or ""."""


class JsonArray(_ReadsByIndex, NativeObject, c_class="CkJsonArray"):
    """A JSON array, or a live view into a JSON document."""

    Size: int = native_property("The number of elements.")
    EmitCompact: bool = native_property(
        "True (the default) for compact output of Emit(), False for two-space indentation.",
        settable=True,
    )
    EmitCrlf: bool = native_property(
        "True (the default) for CRLF line breaks in indented output.", settable=True
    )

    @native
    def Load(self, jsonArray: str) -> bool:
        """Replaces the array with the JSON array in `jsonArray` (kept unchanged on failure)."""

    @native
    def LoadSb(self, sb: "StringBuilder") -> bool:
        """Replaces the array with the JSON array in the StringBuilder `sb`."""

    @native
    def Emit(self) -> str:
        """The array as JSON text, compact unless EmitCompact is False."""

    @native
    def EmitSb(self, sb: "StringBuilder") -> bool:
        """Appends the emitted JSON to the StringBuilder `sb`."""

    @native
    def AddStringAt(self, index: int, value: str) -> bool:
        """Inserts `value` before position `index` (-1 or past the end: appends)."""

    @native
    def AddIntAt(self, index: int, value: int) -> bool:
        """Inserts an integer, as AddStringAt."""

    @native
    def AddBoolAt(self, index: int, value: bool) -> bool:
        """Inserts true or false, as AddStringAt."""

    @native
    def AddNullAt(self, index: int) -> bool:
        """Inserts null, as AddStringAt."""

    @native
    def AddNumberAt(self, index: int, numericStr: str) -> bool:
        """Inserts the number written in `numericStr`, as AddStringAt."""

    @native
    def AddObjectAt(self, index: int) -> bool:
        """Inserts an empty object, as AddStringAt."""

    @native
    def AddArrayAt(self, index: int) -> bool:
        """Inserts an empty array, as AddStringAt."""

    @native
    def DeleteAt(self, index: int) -> bool:
        """Removes the element at `index` (-1: the last one)."""

    @native
    def Clear(self) -> None:
        """Removes every element."""

    @native
    def FindString(self, value: str, caseSensitive: bool) -> int:
        """The index of the first scalar element matching `value` (`*` is a wildcard), or -1."""

    @native
    def FindObject(self, name: str, value: str, caseSensitive: bool) -> int:
        """The index of the first object whose member `name` matches `value`, or -1."""


class StringBuilder(NativeObject, c_class="CkStringBuilder"):
    """Mutable text, e.g. a response body for JsonObject.LoadSb."""

    Length: int = native_property("The number of characters (UTF-16 code units).")

    @native
    def Append(self, value: str) -> bool:
        """Appends `value`."""

    @native
    def AppendInt(self, value: int) -> bool:
        """Appends the decimal text of `value`."""

    @native
    def AppendLine(self, value: str, crlf: bool) -> bool:
        """Appends `value` and a line break (CRLF if `crlf`, else LF)."""

    @native
    def Prepend(self, value: str) -> bool:
        """Inserts `value` at the start."""

    @native
    def SetString(self, value: str) -> bool:
        """Replaces the content with `value`."""

    @native
    def GetAsString(self) -> str:
        """The content."""

    @native
    def Clear(self) -> None:
        """Empties the content."""

    @native
    def Contains(self, str: str, caseSensitive: bool) -> bool:
        """True if the content contains `str`."""

    @native
    def StartsWith(self, substr: str, caseSensitive: bool) -> bool:
        """True if the content starts with `substr`."""

    @native
    def EndsWith(self, substr: str, caseSensitive: bool) -> bool:
        """True if the content ends with `substr`."""

    @native
    def Replace(self, value: str, replacement: str) -> int:
        """Replaces every occurrence of `value`; returns how many there were."""

    @native
    def ToLowercase(self) -> bool:
        """Lower-cases the content."""

    @native
    def ToUppercase(self) -> bool:
        """Upper-cases the content."""

    @native
    def Trim(self) -> bool:
        """Removes whitespace at both ends."""

    @native
    def LoadFile(self, path: str, charset: str) -> bool:
        """Replaces the content with the file at `path`, decoded from `charset` ("utf-8", ...)."""

    @native
    def WriteFile(self, path: str, charset: str, emitBom: bool) -> bool:
        """Writes the content to `path` encoded in `charset`, with a byte-order mark if asked."""


class Global(NativeObject, c_class="CkGlobal"):
    """Chilkat's library-wide object: UnlockBundle always succeeds (nothing to unlock)."""

    UnlockStatus: int = native_property('2: "unlocked", as Chilkat says after a purchased unlock.')
    Version: str = native_property("libdpop's version.")

    @native
    def UnlockBundle(self, bundleUnlockCode: str) -> bool:
        """Accepts any code."""


class HttpResponse(NativeObject, c_class="CkHttpResponse"):
    """An HTTP response, as returned by Http.PostJson2 and Http.PText."""

    StatusCode: int = native_property("The HTTP status, e.g. 200 (0 for an empty response).")
    StatusText: str = native_property('The reason phrase, e.g. "OK".')
    BodyStr: str = native_property("The body as text (invalid UTF-8 replaced by U+FFFD).")
    Header: str = native_property("All response headers, one `Name: value` per line.")

    @native
    def GetHeaderField(self, fieldName: str) -> str:
        """The value of response header `fieldName` (case-insensitive), or "" if absent."""

    StatusLine: str = native_property('The first line of the response, e.g. "HTTP/1.1 200 OK".')
    Charset: str = native_property(
        'The charset parameter of Content-Type as sent ("us-ascii" when there is none).'
    )
    ContentLength: int = native_property("The Content-Length header's value (0 when absent).")
    NumHeaderFields: int = native_property("The number of response headers.")

    @native
    def GetHeaderName(self, index: int) -> str:
        """The name of the `index`th header (from 0), as the server wrote it; "" if none."""

    @native
    def GetHeaderValue(self, index: int) -> str:
        """The value of the `index`th header (from 0); "" if none."""

    @native
    def GetBodySb(self, sb: StringBuilder) -> bool:
        """Appends the body, as text, to `sb`."""

    @native
    def GetBodyJson(self, json: JsonObject) -> bool:
        """Loads the body, a JSON object, into `json`; False (json unchanged) if it is not one."""

    @native
    def GetBodyJarr(self, jarr: JsonArray) -> bool:
        """Loads the body, a JSON array, into `jarr`; False (jarr unchanged) if it is not one."""


class HttpRequest(NativeObject, c_class="CkHttpRequest"):
    """A request built piece by piece, sent with Http.HttpReq or Http.PostUrlEncoded."""

    HttpVerb: str = native_property('The method (default "GET").', settable=True)
    Path: str = native_property(
        'The path (default "/"); Http.HttpReq sends to its URL\'s path instead.', settable=True
    )
    ContentType: str = native_property('The Content-Type of the body ("" sends none).', settable=True)
    Charset: str = native_property('The charset parameters are encoded in (default "utf-8").', settable=True)
    NumParams: int = native_property("The number of parameters.")

    @native
    def AddParam(self, name: str, value: str) -> None:
        """Adds a parameter: a form body for POST, PUT and PATCH, the query string otherwise."""

    @native
    def RemoveParam(self, name: str) -> None:
        """Removes the first parameter named `name`."""

    @native
    def RemoveAllParams(self) -> None:
        """Removes every parameter."""

    @native
    def GetParam(self, name: str) -> str:
        """The value of the first parameter named `name` ("" if none)."""

    @native
    def GetParamName(self, index: int) -> str:
        """The name of the `index`th parameter (from 0)."""

    @native
    def GetParamValue(self, index: int) -> str:
        """The value of the `index`th parameter (from 0)."""

    @native
    def AddHeader(self, name: str, value: str) -> None:
        """Adds a header, replacing one of the same name (any case)."""

    @native
    def RemoveHeader(self, name: str) -> bool:
        """Removes the header `name` (any case)."""

    @native
    def GetHeaderField(self, name: str) -> str:
        """The value of header `name` added with AddHeader ("" if none)."""

    @native
    def LoadBodyFromString(self, bodyStr: str, charset: str) -> bool:
        """Makes `bodyStr`, encoded in `charset` ("" for utf-8), the body."""

    @native
    def SetFromUrl(self, url: str) -> None:
        """Takes Path from `url` and its query string as the parameters."""


class Http(NativeObject, c_class="CkHttp"):
    """An HTTP client that adds OAuth2 tokens and, with a DPoP key, DPoP proofs to requests."""

    AuthToken: str = native_property(
        "A bare access token; or a JSON with token_endpoint, client_id, client_secret and scope "
        "to fetch tokens with the client_credentials grant; or a token JSON read from this "
        "property earlier. Read, it is the current token state as JSON with an absolute "
        'expires_on, suitable for persisting (it contains secrets). "" clears it.',
        settable=True,
    )
    Accept: str = native_property('The Accept header of every request ("" sends none).', settable=True)
    UserAgent: str = native_property('The User-Agent header ("" sends none).', settable=True)
    Login: str = native_property(
        "The user name for HTTP Basic authentication (used when no AuthToken is set).",
        settable=True,
    )
    Password: str = native_property("The password for HTTP Basic authentication.", settable=True)
    SessionLogFilename: str = native_property(
        'A file to which every request and response is appended, secrets shown as ****; "" '
        "(the default) logs nothing.",
        settable=True,
    )
    TrustedCaFile: str = native_property(
        "Extension: a PEM file of extra CA certificates to trust for HTTPS, in addition to the "
        'system store ("" for none).',
        settable=True,
    )
    AllowGzip: bool = native_property(
        "True (the default) to ask for gzip-compressed answers; gzip and deflate answers are decoded either way.",
        settable=True,
    )
    ProxyDomain: str = native_property(
        'The HTTP proxy requests go through ("" for none: then https_proxy, http_proxy, ALL_PROXY and '
        "NO_PROXY decide, as for curl).",
        settable=True,
    )
    ProxyPort: int = native_property("The proxy's port (default 80).", settable=True)
    ProxyLogin: str = native_property("The user name for the proxy's Basic authentication.", settable=True)
    ProxyPassword: str = native_property("The password for the proxy (masked in logs and errors).", settable=True)
    ConnectTimeout: int = native_property("Connect timeout in seconds (default 30).", settable=True)
    ReadTimeout: int = native_property(
        "How long to wait for data from the server, in seconds (default 60).", settable=True
    )
    LastStatus: int = native_property("The HTTP status of the last request (0 if none was received).")
    LastResponseHeader: str = native_property("The headers of the last response.")
    LastResponseBody: str = native_property("The body of the last response, also after a failed status.")
    LastHeader: str = native_property(
        "The headers of the last request sent, with Authorization and DPoP shown as ****."
    )

    @native
    def SetDPoPKey(self, privKey: PrivateKey) -> bool:
        """Signs a fresh DPoP proof with this key for every request with a DPoP-bound token
        (ES256/ES384/ES512/EdDSA by key type, PS256 for RSA). The key is copied."""

    @native
    def QuickGetStr(self, url: str) -> str:
        """Sends GET `url` and returns the body. On failure (see LastMethodSuccess) the body of
        an error status (4xx, 5xx), as in chilkat2, else ""."""

    @native
    def QuickDeleteStr(self, url: str) -> str:
        """Sends DELETE `url` and returns the body, as QuickGetStr."""

    @native
    def PostJson2(self, url: str, contentType: str, jsonText: str) -> HttpResponse | None:
        """Sends POST `url` with the body `jsonText`. Returns the response for any HTTP status,
        or None when no response was received."""

    @native
    def PText(
        self, verb: str, url: str, textData: str, charset: str, contentType: str, md5: bool, gzip: bool
    ) -> HttpResponse | None:
        """Sends `textData` with method `verb` (POST, PUT, PATCH, DELETE, ...) to `url`, encoded
        in `charset` (utf-8, iso-8859-1, windows-1252, us-ascii, utf-16); `md5` adds a
        Content-MD5 header;
        `gzip` is not supported (the call fails). Returns the response for any HTTP status,
        or None when no response was received."""

    @native
    def SetRequestHeader(self, headerFieldName: str, headerFieldValue: str) -> None:
        """Adds (or replaces) a header sent with every request; an empty value removes it."""

    @native
    def ClearHeaders(self) -> None:
        """Removes every header added with SetRequestHeader."""

    @native
    def CloseAllConnections(self) -> bool:
        """Closes pooled keep-alive connections."""

    BasicAuth: bool = native_property(
        "True to send Login and Password with every request; False (the default) to send them "
        "only to a server that asked for them (answered within the same call).",
        settable=True,
    )
    FollowRedirects: bool = native_property(
        "True (the default) to follow redirects within the same origin; False to return the "
        "redirect as the response.",
        settable=True,
    )
    LastStatusText: str = native_property('The reason phrase of the last response, e.g. "OK".')
    LastOAuthError: str = native_property(
        'Extension: the OAuth error code of the server that refused the last call ("" if none).'
    )
    LastOAuthErrorDescription: str = native_property(
        "Extension: the error_description that went with LastOAuthError."
    )

    @native
    def QuickPutStr(self, url: str) -> str:
        """Sends PUT `url` with an empty body and returns the body, as QuickGetStr."""

    @native
    def QuickGetSb(self, url: str, sbContent: StringBuilder) -> bool:
        """Sends GET `url` and puts the body into `sbContent`, as QuickGetStr returns it."""

    @native
    def HttpSb(
        self, verb: str, url: str, sb: StringBuilder, charset: str, contentType: str, response: HttpResponse
    ) -> bool:
        """Sends `verb` `url` with the text of `sb`; the response goes into `response`."""

    @native
    def PTextSb(
        self, verb: str, url: str, textData: StringBuilder, charset: str, contentType: str, md5: bool, gzip: bool
    ) -> HttpResponse | None:
        """PText with the text of `textData`."""

    @native
    def QuickGetObj(self, url: str) -> HttpResponse | None:
        """Sends GET `url`; the response for any status, None when none was received."""

    @native
    def HttpReq(self, url: str, request: HttpRequest, response: HttpResponse) -> bool:
        """Sends `request` to `url` (the URL's path wins over request.Path); the response goes
        into `response`. True when a response was received, whatever its status."""

    @native
    def HttpJson(self, verb: str, url: str, json: JsonObject, contentType: str, response: HttpResponse) -> bool:
        """Sends `verb` `url` with json.Emit() as the body; the response goes into `response`."""

    @native
    def HttpStr(
        self, verb: str, url: str, bodyStr: str, charset: str, contentType: str, response: HttpResponse
    ) -> bool:
        """Sends `verb` `url` with `bodyStr` encoded in `charset`; the response goes into
        `response`."""

    @native
    def HttpNoBody(self, verb: str, url: str, response: HttpResponse) -> bool:
        """Sends `verb` `url` without a body; the response goes into `response`."""

    @native
    def PostJson3(self, url: str, contentType: str, json: JsonObject) -> HttpResponse | None:
        """Sends POST `url` with json.Emit() as the body; the response for any status."""

    @native
    def PostUrlEncoded(self, url: str, req: HttpRequest) -> HttpResponse | None:
        """Sends POST `url` with the parameters of `req` as a form; the response for any status."""

    @native
    def RemoveRequestHeader(self, headerFieldName: str) -> None:
        """Removes a header added with SetRequestHeader."""

    @native
    def SetUrlVar(self, name: str, value: str) -> bool:
        """Makes `{$name}` in later request URLs stand for `value` (percent-encoded)."""

    @native
    def ClearUrlVars(self) -> None:
        """Forgets every variable set with SetUrlVar."""

    @native
    def RequestToken(self, json: str) -> str:
        """Extension: requests a token as `json` describes it (the client as in AuthToken, plus
        grant_type, refresh_token, code, redirect_uri, code_verifier, ...) and returns the
        server's token JSON with cnf_jkt; "" on failure (see LastStatus, LastOAuthError and
        LastOAuthErrorDescription). AuthToken is unchanged."""

    @native
    def MakeDPoPProof(self, method: str, url: str, accessToken: str, nonce: str) -> str:
        """Extension: a DPoP proof signed with the DPoP key for `method` `url`, bound to
        `accessToken` and carrying `nonce` when they are not ""."""


class Rest(NativeObject, c_class="CkRest"):
    """A REST client: Connect to one server, then send requests by path."""

    Authorization: str = native_property(
        'The Authorization header of every request ("" sends none; AuthToken wins over it).',
        settable=True,
    )
    AuthToken: str = native_property("Extension: as Http.AuthToken.", settable=True)
    TrustedCaFile: str = native_property("Extension: as Http.TrustedCaFile.", settable=True)
    SessionLogFilename: str = native_property("Extension: as Http.SessionLogFilename.", settable=True)
    ResponseStatusCode: int = native_property("The status of the last response (0 if none).")
    ResponseStatusText: str = native_property("The reason phrase of the last response.")
    ResponseHeader: str = native_property("The headers of the last response, as sent.")
    NumResponseHeaders: int = native_property("The number of headers of the last response.")
    LastRequestHeader: str = native_property(
        "The headers of the last request sent, with credentials shown as ****."
    )

    @native
    def Connect(self, hostname: str, port: int, tls: bool, autoReconnect: bool) -> bool:
        """Connects to `hostname`:`port` (over TLS when `tls`)."""

    @native
    def Disconnect(self, maxWaitMs: int) -> bool:
        """Closes the connections (the next request opens a new one)."""

    @native
    def SetDPoPKey(self, privKey: PrivateKey) -> bool:
        """Extension: as Http.SetDPoPKey."""

    @native
    def AddHeader(self, name: str, value: str) -> bool:
        """Adds a header sent with every request, replacing one of the same name."""

    @native
    def RemoveHeader(self, name: str) -> bool:
        """Removes the header `name`."""

    @native
    def ClearAllHeaders(self) -> bool:
        """Removes every header added with AddHeader."""

    @native
    def AddQueryParam(self, name: str, value: str) -> bool:
        """Adds a query parameter (the form fields of FullRequestFormUrlEncoded)."""

    @native
    def RemoveQueryParam(self, name: str) -> bool:
        """Removes every query parameter named `name`."""

    @native
    def ClearAllQueryParams(self) -> bool:
        """Removes every query parameter."""

    @native
    def FullRequestNoBody(self, httpVerb: str, uriPath: str) -> str:
        """Sends `httpVerb` `uriPath` without a body; the response body, whatever the status
        ("" on failure)."""

    @native
    def FullRequestString(self, httpVerb: str, uriPath: str, bodyText: str) -> str:
        """Sends `httpVerb` `uriPath` with `bodyText`; the response body, whatever the status."""

    @native
    def FullRequestFormUrlEncoded(self, httpVerb: str, uriPath: str) -> str:
        """Sends `httpVerb` `uriPath` with the query parameters as a form body."""

    @native
    def ResponseHdrName(self, index: int) -> str:
        """The name of the `index`th header of the last response."""

    @native
    def ResponseHdrValue(self, index: int) -> str:
        """The value of the `index`th header of the last response."""

    @native
    def ResponseHdrByName(self, name: str) -> str:
        """The value of header `name` of the last response ("" if none)."""
