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
    body = http.QuickGetStr(api_url)   # None on failure: see http.LastErrorText
    if body is None and http.LastErrorCode == chilkat2.ErrorCode.NETWORK:
        ...                            # extension: why it failed, as a number

Each object owns a native handle, freed when the object is garbage collected, by `Dispose()`,
or at the end of a `with` block. String results are str (invalid UTF-8 replaced); a
string-returning method gives None when it fails, as in Chilkat2.
"""

from ._binding import BindingError, NativeObject, native, native_function, native_property
from ._ffi import ErrorCode
from ._library import path as library_path

__all__ = [
    "PrivateKey", "JsonObject", "HttpResponse", "Http", "ErrorCode", "BindingError", "library_path", "version",
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
    def GetPkcs8Pem(self) -> str | None:
        """The key as unencrypted PKCS#8 PEM, or None on failure. It holds the private key."""

    @native
    def GetPkcs8EncryptedPem(self, password: str) -> str | None:
        """The key as PKCS#8 PEM encrypted with `password` (PBES2, PBKDF2-SHA256, AES-256-CBC),
        or None on failure."""

    @native
    def GetJwk(self) -> str | None:
        """The private JWK, or None on failure. It holds the private key."""

    @native
    def GetPublicJwk(self) -> str | None:
        """Extension: the public JWK (members in RFC 7638 order), or None on failure."""

    @native
    def GetJwkThumbprint(self, hashAlg: str) -> str | None:
        """The RFC 7638 JWK thumbprint (base64url) computed with `hashAlg` ("SHA256"), or None."""


class JsonObject(NativeObject, c_class="CkJsonObject"):
    """A JSON object document. Paths name members, e.g. "client_id" or "a.b"."""

    Size: int = native_property("The number of top-level members.")
    EmitCompact: bool = native_property(
        "True (the default) for compact output of Emit(), False for two-space indentation.",
        settable=True,
    )

    @native
    def Load(self, json: str) -> bool:
        """Replaces the content with the JSON object in `json` (kept unchanged on failure)."""

    @native
    def LoadFile(self, path: str) -> bool:
        """Replaces the content with the JSON object in the file at `path`."""

    @native
    def WriteFile(self, path: str) -> bool:
        """Writes the emitted JSON to the file at `path`."""

    @native
    def UpdateString(self, path: str, value: str) -> bool:
        """Sets the string at `path`, creating what is missing."""

    @native
    def UpdateInt(self, path: str, value: int) -> bool:
        """Sets the integer at `path`, creating what is missing."""

    @native
    def UpdateBool(self, path: str, value: bool) -> bool:
        """Sets true or false at `path`, creating what is missing."""

    @native
    def UpdateNumber(self, path: str, numericStr: str) -> bool:
        """Sets the number written in `numericStr` (e.g. "3.25") at `path`."""

    @native
    def UpdateNull(self, path: str) -> bool:
        """Sets null at `path`."""

    @native
    def StringOf(self, path: str) -> str | None:
        """The value at `path` as a string (numbers and booleans as JSON text), or None."""

    @native
    def IntOf(self, path: str) -> int:
        """The integer at `path`, or 0 on failure (see LastMethodSuccess)."""

    @native
    def BoolOf(self, path: str) -> bool:
        """True if the boolean at `path` is true; False if false or on failure."""

    @native
    def HasMember(self, path: str) -> bool:
        """True if a value exists at `path`."""

    @native
    def Delete(self, name: str) -> bool:
        """Removes the top-level member `name`; False if it is absent."""

    @native
    def Emit(self) -> str | None:
        """The document as JSON text, compact unless EmitCompact is False."""


class HttpResponse(NativeObject, c_class="CkHttpResponse"):
    """An HTTP response, as returned by Http.PostJson2 and Http.PText."""

    StatusCode: int = native_property("The HTTP status, e.g. 200 (0 for an empty response).")
    StatusText: str = native_property('The reason phrase, e.g. "OK".')
    BodyStr: str = native_property("The body as text (invalid UTF-8 replaced by U+FFFD).")
    Header: str = native_property("All response headers, one `Name: value` per line.")

    @native
    def GetHeaderField(self, fieldName: str) -> str | None:
        """The value of response header `fieldName` (case-insensitive), or None if absent."""


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
    def QuickGetStr(self, url: str) -> str | None:
        """Sends GET `url` and returns the body; None on failure, including a non-2xx status
        (its body is in LastResponseBody)."""

    @native
    def QuickDeleteStr(self, url: str) -> str | None:
        """Sends DELETE `url` and returns the body, as QuickGetStr."""

    @native
    def PostJson2(self, url: str, contentType: str, jsonText: str) -> HttpResponse | None:
        """Sends POST `url` with the body `jsonText`. Returns the response for any HTTP status,
        or None when no response was received."""

    @native
    def PText(
        self, verb: str, url: str, textData: str, charset: str, contentType: str, md5: bool, gzip: bool
    ) -> HttpResponse | None:
        """Sends `textData` with method `verb` (POST, PUT, PATCH, DELETE, ...) to `url`.
        `charset` ("utf-8" or "") is added to `contentType`; `md5` adds a Content-MD5 header;
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
