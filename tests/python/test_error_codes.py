"""LastErrorCode: one real failure per error code of include/dpop.h, read back through the dpop
package. Each test is named after the code it provokes (test_network for ErrorCode.NETWORK), and
the last test fails when the header gains a code that no test here provokes. Only INTERNAL (a bug
in libdpop, a caught panic) cannot be provoked from outside."""

import socket
import time
from pathlib import Path

import dpop
from dpop import ErrorCode
from dpop._library import lib

UNPROVOKABLE = {ErrorCode.OK, ErrorCode.INTERNAL}


def assert_failed(obj: dpop._binding.NativeObject, code: ErrorCode) -> None:
    """The last call on obj failed with `code`, and the other error properties agree."""
    assert (obj.LastErrorCode, obj.LastMethodSuccess) == (code, False), obj.LastErrorText
    assert isinstance(obj.LastErrorCode, ErrorCode)
    assert obj.LastErrorText


def failed_get(url: str, **settings) -> dpop.Http:
    """A new Http object (with these property values) after a QuickGetStr of url that failed:
    it returned the body of an error status, as chilkat2 does, else ""."""
    http = dpop.Http()
    for name, value in settings.items():
        setattr(http, name, value)
    got = http.QuickGetStr(url)
    assert got == (http.LastResponseBody if http.LastStatus >= 400 else "")
    return http


def test_invalid_argument():
    assert_failed(failed_get("not a url"), ErrorCode.INVALID_ARGUMENT)


def test_invalid_handle():
    # The package refuses a disposed object itself (ValueError); a handle disposed behind its
    # back is refused by the library.
    doc = dpop.JsonObject()
    lib.CkJsonObject_Dispose(doc._handle)
    assert doc.UpdateString("a", "b") is False
    assert_failed(doc, ErrorCode.INVALID_HANDLE)
    doc.Dispose()  # a second Dispose of the same handle: ignored


def test_invalid_state():
    http = dpop.Http()
    assert http.SetDPoPKey(dpop.PrivateKey()) is False
    assert_failed(http, ErrorCode.INVALID_STATE)


def test_key():
    key = dpop.PrivateKey()
    assert key.LoadPem("-----BEGIN EC PRIVATE KEY-----\ngarbage\n-----END EC PRIVATE KEY-----\n") is False
    assert_failed(key, ErrorCode.KEY)


def test_json():
    doc = dpop.JsonObject()
    assert doc.Load("{not json") is False
    assert_failed(doc, ErrorCode.JSON)


def test_not_found():
    doc = dpop.JsonObject()
    assert doc.StringOf("missing") == ""
    assert_failed(doc, ErrorCode.NOT_FOUND)


def test_io(tmp_path: Path):
    doc = dpop.JsonObject()
    assert doc.WriteFile(str(tmp_path / "no-such-dir" / "out.json")) is False
    assert_failed(doc, ErrorCode.IO)
    # TrustedCaFile is read when the first HTTPS connection needs it: here, to a listener that
    # accepts the connection (and would never answer).
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        url = f"https://127.0.0.1:{listener.getsockname()[1]}/"
        assert_failed(failed_get(url, TrustedCaFile=str(tmp_path / "missing-ca.pem")), ErrorCode.IO)


def test_network(closed_port_url):
    assert_failed(failed_get(closed_port_url), ErrorCode.NETWORK)


def test_timeout(silent_url):
    started = time.monotonic()
    http = failed_get(silent_url, ConnectTimeout=1, ReadTimeout=1)
    elapsed = time.monotonic() - started
    assert_failed(http, ErrorCode.TIMEOUT)
    assert 1 <= elapsed < 5, f"gave up after {elapsed:.1f} s with 1 s timeouts"


def test_tls(servers):
    # Without TrustedCaFile the test CA is not trusted.
    assert_failed(failed_get(servers["resource_https"]), ErrorCode.TLS)


def test_http_status(servers):
    http = failed_get(servers["resource"])  # no token: the resource server answers 401
    assert_failed(http, ErrorCode.HTTP_STATUS)
    assert http.LastStatus == 401


def test_oauth(servers):
    key = dpop.PrivateKey()
    assert key.GenerateEcKey("P-256")
    client = dpop.JsonObject()
    for name, value in (("client_secret", "not-the-secret"), ("client_id", "m2m.dpop"),
                        ("token_endpoint", servers["token_endpoint"]), ("scope", "api")):
        assert client.UpdateString(name, value)
    http = dpop.Http()
    assert http.SetDPoPKey(key)
    http.AuthToken = client.Emit()
    assert http.QuickGetStr(servers["resource"]) == ""
    assert_failed(http, ErrorCode.OAUTH)


def test_protocol(garbage_url):
    assert_failed(failed_get(garbage_url), ErrorCode.PROTOCOL)


def test_unsupported(closed_port_url):
    http = dpop.Http()
    assert http.HttpNoBody("CONNECT", closed_port_url, dpop.HttpResponse()) is False
    assert_failed(http, ErrorCode.UNSUPPORTED)


def test_a_success_resets_the_code_to_ok():
    doc = dpop.JsonObject()
    assert doc.LastErrorCode == ErrorCode.OK  # a new object
    assert doc.Load("{not json") is False
    assert doc.UpdateString("a", "b") is True
    assert (doc.LastErrorCode, doc.LastMethodSuccess, doc.LastErrorText) == (ErrorCode.OK, True, "")


def test_every_provokable_code_has_a_test():
    tested = {name.removeprefix("test_").upper() for name in globals() if name.startswith("test_")}
    untested = {code.name for code in ErrorCode} - {code.name for code in UNPROVOKABLE} - tested
    assert not untested, f"error codes without a test_<code> here: {sorted(untested)}"
