"""Http's request methods, HttpRequest, HttpResponse and Rest from Python against a scripted local
server (tests/chilkat_diff/http_server.py), and their answers to bad input."""

import json
import sys
from pathlib import Path

import pytest

import dpop
from dpop import ErrorCode
from dpop._library import lib

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "chilkat_diff"))
from http_server import ScriptedServer  # noqa: E402


@pytest.fixture
def server():
    s = ScriptedServer()
    yield s
    s.close()


def sent_header(request, name):
    """The value of header `name` (any case: the transport sends names in lower case) of a
    request the server received."""
    return {n.lower(): v for n, v in request["headers"]}.get(name.lower())


def echoed(response_or_text):
    text = response_or_text if isinstance(response_or_text, str) else response_or_text.BodyStr
    return json.loads(text)


def test_http_req_sends_the_request_not_the_objects_headers(server):
    http = dpop.Http()
    http.SetRequestHeader("X-Object", "o")
    req = dpop.HttpRequest()
    assert (req.HttpVerb, req.Path, req.ContentType, req.Charset) == ("GET", "/", "", "utf-8")
    req.HttpVerb = "POST"
    req.Path = "/ignored"
    req.ContentType = "application/x-www-form-urlencoded"
    req.AddParam("grant_type", "client_credentials")
    req.AddParam("scope", "a b")
    req.AddHeader("accept", "application/json")
    resp = dpop.HttpResponse()
    assert http.HttpReq(server.base + "/token?x=1", req, resp) is True, http.LastErrorText
    got = echoed(resp)
    assert (got["method"], got["target"], got["body"]) == ("POST", "/token?x=1", "grant_type=client_credentials&scope=a%20b")
    assert [name for name, _ in got["headers"]] == ["accept", "content-length", "content-type"]
    assert (resp.StatusCode, resp.StatusLine, http.LastStatus, http.LastStatusText) == (200, "HTTP/1.1 200 Fine Thanks", 200, "Fine Thanks")

    req.HttpVerb = "GET"
    http.AuthToken = "a-bare-token"
    assert http.HttpReq(server.base + "/status/404", req, resp) is True
    assert (resp.StatusCode, resp.BodyStr) == (404, "body of 404")
    assert sent_header(server.requests[-1], "Authorization") == "Bearer a-bare-token"
    assert server.requests[-1]["target"] == "/status/404?grant_type=client_credentials&scope=a%20b"


def test_http_request_accessors():
    req = dpop.HttpRequest()
    req.SetFromUrl("http://h/p/q?x=1&y=a%20b")
    assert (req.Path, req.NumParams, req.GetParamName(1), req.GetParamValue(1), req.GetParam("x")) == ("/p/q", 2, "y", "a b", "1")
    assert req.GetParamName(2) == "" and req.LastMethodSuccess is False and req.LastErrorCode == ErrorCode.NOT_FOUND
    req.RemoveParam("x")
    assert req.NumParams == 1
    req.RemoveAllParams()
    assert req.NumParams == 0
    req.AddHeader("X-H", "1")
    req.AddHeader("x-h", "2")
    assert req.GetHeaderField("X-H") == "2"
    req.RemoveHeader("X-H")
    assert req.GetHeaderField("X-H") == "" and req.LastErrorCode == ErrorCode.NOT_FOUND
    assert req.LoadBodyFromString("body", "utf-8") is True
    assert req.LoadBodyFromString("body", "koi8-r") is False and req.LastErrorCode == ErrorCode.INVALID_ARGUMENT
    req.HttpVerb = "GET /x"
    assert req.LastMethodSuccess is False and req.HttpVerb == "GET"
    req.AddHeader("Bad Name", "v")
    assert req.LastErrorCode == ErrorCode.INVALID_ARGUMENT
    req.SetFromUrl("not a url")
    assert req.LastErrorCode == ErrorCode.INVALID_ARGUMENT
    with pytest.raises(TypeError):
        req.AddParam("a", None)


def test_body_methods_and_response_objects(server):
    http = dpop.Http()
    resp = dpop.HttpResponse()
    json_doc = dpop.JsonObject()
    json_doc.UpdateString("a", "é")
    assert http.HttpJson("PUT", server.base + "/echo", json_doc, "application/json", resp) is True
    assert echoed(resp)["body"] == '{"a":"é"}'
    assert http.HttpStr("PATCH", server.base + "/echo", "héllo", "utf-8", "text/plain", resp) is True
    assert echoed(resp)["method"] == "PATCH" and ["content-type", "text/plain"] in echoed(resp)["headers"]
    assert http.HttpNoBody("DELETE", server.base + "/status/410", resp) is True and resp.StatusCode == 410
    posted = http.PostJson3(server.base + "/echo", "application/json", json_doc)
    assert echoed(posted)["method"] == "POST"
    form = dpop.HttpRequest()
    form.AddParam("a", "1 2")
    assert echoed(http.PostUrlEncoded(server.base + "/echo", form))["body"] == "a=1%202"
    got = http.QuickGetObj(server.base + "/status/404")
    assert got.StatusCode == 404 and http.LastMethodSuccess is True
    assert "PUT" in http.QuickPutStr(server.base + "/echo")

    # A failed request empties the response object given to it.
    assert http.HttpNoBody("GET", "http://127.0.0.1:1/x", resp) is False
    assert (resp.StatusCode, resp.Header, resp.StatusLine) == (0, "\r\n", "")
    assert http.LastErrorCode == ErrorCode.NETWORK


def test_arguments_refused_empty_the_response_object_too(server):
    """As a request that gets no answer, a request whose arguments are refused (NULL, a disposed
    object, through the C functions) leaves the response object empty, not with an old answer."""
    http, req, resp, json_doc, sb = dpop.Http(), dpop.HttpRequest(), dpop.HttpResponse(), dpop.JsonObject(), dpop.StringBuilder()
    gone = dpop.StringBuilder()
    gone_handle = gone._handle
    gone.Dispose()
    url, h, r = (server.base + "/echo").encode(), http._handle, resp._handle
    refused = {
        "HttpReq, NULL url": lambda: lib.CkHttp_HttpReq(h, None, req._handle, r),
        "HttpReq, no request": lambda: lib.CkHttp_HttpReq(h, url, None, r),
        "HttpJson, NULL verb": lambda: lib.CkHttp_HttpJson(h, None, url, json_doc._handle, b"application/json", r),
        "HttpStr, NULL body": lambda: lib.CkHttp_HttpStr(h, b"POST", url, None, b"utf-8", b"text/plain", r),
        "HttpSb, disposed sb": lambda: lib.CkHttp_HttpSb(h, b"POST", url, gone_handle, b"utf-8", b"text/plain", r),
        "HttpNoBody, NULL url": lambda: lib.CkHttp_HttpNoBody(h, b"GET", None, r),
    }
    for name, call in refused.items():
        assert http.HttpNoBody("GET", server.base + "/status/201", resp) and resp.StatusCode == 201
        assert call() == 0, name
        assert http.LastErrorCode == ErrorCode.INVALID_ARGUMENT, (name, http.LastErrorText)
        assert (resp.StatusCode, resp.BodyStr) == (0, ""), name


def test_the_response_head_as_the_server_sent_it(server):
    http = dpop.Http()
    resp = http.QuickGetObj(server.base + "/head")
    names = [resp.GetHeaderName(i) for i in range(resp.NumHeaderFields)]
    assert names == ["Content-Type", "x-lower", "X-UPPER", "Set-Cookie", "Set-Cookie", "Content-Length"]
    assert resp.GetHeaderValue(4) == "b=2" and resp.GetHeaderName(6) == "" and resp.LastMethodSuccess is False
    assert (resp.Charset, resp.ContentLength) == ("utf-8", 4)
    assert resp.Header.endswith("Content-Length: 4\r\n") and not http.LastResponseHeader.endswith("\r\n")
    assert http.LastResponseHeader.startswith("Content-Type: text/plain; charset=utf-8\r\nx-lower: v1\r\n")
    latin = http.QuickGetObj(server.base + "/charset/latin1")
    assert (latin.Charset, latin.BodyStr) == ("iso-8859-1", "café")
    assert http.QuickGetObj(server.base + "/charset/latin1-bare").BodyStr == "café"


def test_quick_get_str_of_an_error_status_returns_the_body(server):
    http = dpop.Http()
    assert http.QuickGetStr(server.base + "/status/404") == "body of 404"
    assert http.LastMethodSuccess is False and http.LastStatus == 404 and http.LastErrorCode == ErrorCode.HTTP_STATUS
    assert http.QuickGetStr("http://127.0.0.1:1/x") in ("", None)


def test_basic_auth_follow_redirects_url_vars(server):
    http = dpop.Http()
    assert (http.BasicAuth, http.FollowRedirects) == (False, True)
    http.Login, http.Password = "user", "pw"
    http.QuickGetStr(server.base + "/echo")
    assert sent_header(server.requests[-1], "Authorization") is None
    assert http.QuickGetStr(server.base + "/basic") != "" and http.LastStatus == 200
    assert sent_header(server.requests[-1], "Authorization") == "Basic dXNlcjpwdw=="

    http.FollowRedirects = False
    assert http.QuickGetStr(server.base + "/redirect?to=/echo") == "" and http.LastMethodSuccess is True
    assert http.LastStatus == 302
    http.FollowRedirects = True
    assert echoed(http.QuickGetStr(server.base + "/redirect?to=/echo"))["target"] == "/echo"

    assert http.SetUrlVar("id", "a b/c") is True
    assert echoed(http.QuickGetStr(server.base + "/echo/{$id}"))["target"] == "/echo/a%20b%2Fc"
    http.ClearUrlVars()
    assert echoed(http.QuickGetStr(server.base + "/echo/{$id}"))["target"] == "/echo/"
    assert http.SetUrlVar("a}b", "x") is False and http.LastErrorCode == ErrorCode.INVALID_ARGUMENT

    http.SetRequestHeader("X-A", "1")
    http.RemoveRequestHeader("x-a")
    assert "x-a" not in dict(echoed(http.QuickGetStr(server.base + "/echo"))["headers"])


def test_rest_requests_by_path(server):
    host, port = server.base[len("http://"):].split(":")
    rest = dpop.Rest()
    assert rest.FullRequestNoBody("GET", "/echo") == "" and rest.LastErrorCode == ErrorCode.INVALID_STATE
    assert rest.Connect(host, 1, False, True) is False and rest.LastErrorCode == ErrorCode.NETWORK
    assert rest.Connect(host, int(port), False, True) is True
    rest.Authorization = "Bearer abc"
    assert rest.AddHeader("X-One", "2") is True
    got = echoed(rest.FullRequestNoBody("GET", "/echo?x=1"))
    assert ["authorization", "Bearer abc"] in got["headers"] and ["x-one", "2"] in got["headers"]
    assert not any(name in ("accept", "accept-encoding") for name, _ in got["headers"])
    assert (rest.ResponseStatusCode, rest.ResponseStatusText) == (200, "Fine Thanks")
    assert rest.ResponseHdrName(0) == "Content-Type" and rest.ResponseHdrByName("content-type") == "application/json"
    assert rest.NumResponseHeaders == 2 and not rest.ResponseHeader.endswith("\r\n")
    assert "Authorization: ****" in rest.LastRequestHeader
    rest.ClearAllHeaders()
    rest.AddQueryParam("q", "a b")
    assert echoed(rest.FullRequestFormUrlEncoded("POST", "/echo"))["body"] == "q=a+b"
    assert echoed(rest.FullRequestString("PUT", "/echo", "text"))["target"] == "/echo?q=a%20b"
    rest.ClearAllQueryParams()
    assert rest.FullRequestNoBody("GET", "/status/500") == "body of 500" and rest.LastMethodSuccess is True
    assert rest.Disconnect(100) is True
    assert rest.ResponseHdrByName("nope") == "" and rest.LastErrorCode == ErrorCode.NOT_FOUND


def test_token_and_proof_extensions_without_a_server():
    http = dpop.Http()
    assert http.MakeDPoPProof("GET", "http://h/x", "", "") == "" and http.LastErrorCode == ErrorCode.INVALID_STATE
    key = dpop.PrivateKey()
    assert key.GenerateEcKey("P-256")
    http.SetDPoPKey(key)
    proof = http.MakeDPoPProof("GET", "http://h/x?q=1", "tok", "n-1")
    assert proof.count(".") == 2 and http.LastMethodSuccess
    assert http.MakeDPoPProof("GET", "ftp://h/x", "", "") == "" and http.LastErrorCode == ErrorCode.INVALID_ARGUMENT
    assert http.RequestToken("{") == "" and http.LastErrorCode == ErrorCode.INVALID_ARGUMENT
    assert http.RequestToken('{"token_endpoint":"http://127.0.0.1:1/t","client_id":"c"}') == ""
    assert http.LastErrorCode == ErrorCode.NETWORK and http.LastStatus == 0 and http.LastOAuthError == ""
