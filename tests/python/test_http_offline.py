"""Http and HttpResponse without servers: properties, argument checks and failures that need
no answer from anywhere."""

import pytest

import dpop
from dpop import ErrorCode


def test_property_defaults_and_round_trips():
    http = dpop.Http()
    assert (http.ConnectTimeout, http.ReadTimeout, http.LastStatus) == (30, 60, 0)
    assert http.AuthToken == "" and http.LastHeader == ""
    for name in ("Accept", "UserAgent", "Login", "Password", "SessionLogFilename", "TrustedCaFile"):
        setattr(http, name, f"{name} value é")
        assert getattr(http, name) == f"{name} value é"
    http.ConnectTimeout, http.ReadTimeout = 5, 7
    assert (http.ConnectTimeout, http.ReadTimeout) == (5, 7)
    http.ConnectTimeout = 0
    assert http.ConnectTimeout == 1  # values below 1 mean 1


def test_bare_and_malformed_auth_tokens():
    http = dpop.Http()
    http.AuthToken = "an-access-token"
    assert http.LastMethodSuccess is True and http.AuthToken == "an-access-token"
    assert http.LastErrorCode == ErrorCode.OK
    http.AuthToken = "{not json"
    assert http.LastMethodSuccess is False and "AuthToken" in http.LastErrorText
    assert http.LastErrorCode == ErrorCode.INVALID_ARGUMENT
    http.AuthToken = '{"token_endpoint":"http://127.0.0.1:9/token"}'
    assert http.LastMethodSuccess is False and "client_id" in http.LastErrorText
    assert http.LastErrorCode == ErrorCode.INVALID_ARGUMENT


def test_request_headers_reject_line_breaks():
    http = dpop.Http()
    assert http.SetRequestHeader("X-Trace", "1") is None
    assert http.LastMethodSuccess is True
    http.SetRequestHeader("X-Trace", "1\r\nEvil: yes")
    assert http.LastMethodSuccess is False and "line break" in http.LastErrorText
    assert http.LastErrorCode == ErrorCode.INVALID_ARGUMENT
    # As in Chilkat, a method returning nothing that succeeds leaves the last error as it was.
    http.ClearHeaders()
    assert http.LastMethodSuccess is False and "line break" in http.LastErrorText
    assert http.CloseAllConnections() is True and http.LastMethodSuccess is True


def test_no_response_gives_empty_results_and_an_explanation(closed_port_url):
    http = dpop.Http()
    http.ConnectTimeout = 2
    assert http.QuickGetStr(closed_port_url) == ""
    assert http.LastMethodSuccess is False and http.LastStatus == 0
    assert http.LastErrorCode == ErrorCode.NETWORK and "cannot connect" in http.LastErrorText
    assert http.QuickDeleteStr(closed_port_url) == ""
    assert http.LastErrorCode == ErrorCode.NETWORK
    assert http.PostJson2(closed_port_url, "application/json", "{}") is None
    assert http.LastErrorCode == ErrorCode.NETWORK and "POST" in http.LastErrorText
    assert http.QuickGetStr("not a url") == "" and "invalid URL" in http.LastErrorText
    assert http.LastErrorCode == ErrorCode.INVALID_ARGUMENT


def test_connect_is_refused(closed_port_url):
    http = dpop.Http()
    assert http.HttpNoBody("CONNECT", closed_port_url, dpop.HttpResponse()) is False
    assert http.LastErrorCode == ErrorCode.UNSUPPORTED and "CONNECT" in http.LastErrorText


def test_dpop_key_must_be_a_loaded_private_key():
    http = dpop.Http()
    assert http.SetDPoPKey(dpop.PrivateKey()) is False
    assert http.LastErrorCode == ErrorCode.INVALID_STATE and "no private key" in http.LastErrorText
    with pytest.raises(TypeError, match="'privKey' must be PrivateKey, not str"):
        http.SetDPoPKey("-----BEGIN EC PRIVATE KEY-----")
    key = dpop.PrivateKey()
    key.Dispose()
    with pytest.raises(ValueError, match="disposed"):
        http.SetDPoPKey(key)


def test_an_empty_response_object():
    with dpop.HttpResponse() as response:
        # As in Chilkat, the header block of an empty response is one CRLF.
        assert (response.StatusCode, response.StatusText, response.BodyStr, response.Header) == (0, "", "", "\r\n")
        assert response.GetHeaderField("Content-Type") == ""
        assert response.LastMethodSuccess is False and "Content-Type" in response.LastErrorText
        assert response.LastErrorCode == dpop.ErrorCode.NOT_FOUND
