"""The Http, HttpResponse, HttpRequest and Rest cases: requests to the scripted server
(http_server.py; `{base}`, `{host}` and `{port}` stand for its address, see runner.py) with every
request method, status, redirect, charset, header and credential a script meets, and what the
objects report about them. The echo paths answer with the request as the server saw it, so a case
observes what was sent too.
"""

from typing import Iterator

from cases import Case, case, kept_after_failure, step

STATUSES = [200, 201, 202, 204, 301, 302, 304, 400, 401, 403, 404, 405, 409, 418, 422, 429, 500, 502, 503]
VERBS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
BODY_VERBS = ["POST", "PUT", "PATCH", "DELETE"]
CHARSETS = ["utf-8", "", "iso-8859-1", "windows-1252", "us-ascii"]
TEXTS = ["plain", "héllo", "a&b=c d", "", "{\"j\":1}", "€uro"]
LAST = [{"get": "LastStatus"}, {"get": "LastStatusText"}, {"get": "LastResponseHeader"}]


def http(id_: str, *steps: dict) -> Case:
    return case("Http/" + id_, "Http", *steps)


def with_response(*steps: dict) -> list[dict]:
    """A fresh HttpResponse called `r` before `steps`."""
    return [{"new": "HttpResponse", "as": "r"}, *steps]


def read_response(on: str = "r") -> list[dict]:
    """What a script reads from a response object."""
    return [{"get": name, "on": on} for name in ("StatusCode", "StatusText", "StatusLine", "BodyStr", "Header", "Charset")]


def http_defaults() -> Iterator[Case]:
    for name in ["UserAgent", "Accept", "AllowGzip", "BasicAuth", "FollowRedirects", "ConnectTimeout",
                 "ReadTimeout", "LastStatus", "LastStatusText", "LastResponseHeader", "LastResponseBody",
                 "Login", "Password", "AuthToken", "SessionLogFilename", "ProxyDomain", "ProxyPort",
                 "LastMethodSuccess"]:
        yield http(f"default/{name}", {"get": name})
    for name, value in [("Accept", "application/json"), ("UserAgent", "MyApp/1.0"), ("Login", "u"),
                        ("Password", "p"), ("ProxyDomain", ""), ("ConnectTimeout", 5), ("ReadTimeout", 0),
                        ("ConnectTimeout", -3), ("BasicAuth", True), ("FollowRedirects", False), ("AllowGzip", False)]:
        yield http(f"property/{name}={value}", {"set": name, "value": value}, {"get": name})


def http_quick() -> Iterator[Case]:
    for status in STATUSES:
        yield http(f"QuickGetStr/status/{status}", step("QuickGetStr", f"{{base}}/status/{status}"), *LAST,
                   {"get": "LastResponseBody"})
        yield http(f"QuickGetObj/status/{status}", step("QuickGetObj", f"{{base}}/status/{status}", as_="o"),
                   {"get": "StatusCode", "on": "o"}, {"get": "BodyStr", "on": "o"}, {"get": "LastStatus"})
    for status in [200, 404, 500]:
        yield http(f"QuickDeleteStr/status/{status}", step("QuickDeleteStr", f"{{base}}/status/{status}"), *LAST)
        yield http(f"QuickPutStr/status/{status}", step("QuickPutStr", f"{{base}}/status/{status}"), *LAST)
        yield http(f"QuickGetSb/status/{status}", {"new": "StringBuilder", "as": "sb"}, step("Append", "old", on="sb"),
                   step("QuickGetSb", f"{{base}}/status/{status}", {"obj": "sb"}), step("GetAsString", on="sb"))
    for path in ["/echo", "/echo?a=1&b=%20", "/echo/x/y", "/head", "/json", "/charset/latin1", "/charset/utf8",
                 "/charset/none", "/charset/latin1-bare"]:
        yield http(f"QuickGetStr{path}", step("QuickGetStr", "{base}" + path), *LAST)
        yield http(f"QuickDeleteStr{path}", step("QuickDeleteStr", "{base}" + path))
        yield http(f"QuickPutStr{path}", step("QuickPutStr", "{base}" + path))
    for url in ["not a url", "ftp://127.0.0.1/x", "http://127.0.0.1:1/refused", "", "http://", "{base}/a b"]:
        yield http(f"QuickGetStr/bad-url/{url}", step("QuickGetStr", url), {"get": "LastStatus"})
        yield http(f"QuickGetObj/bad-url/{url}", step("QuickGetObj", url), {"get": "LastStatus"})


def http_headers() -> Iterator[Case]:
    yield http("headers/Accept-empty", {"set": "Accept", "value": ""}, step("QuickGetStr", "{base}/echo"))
    yield http("headers/Accept-json", {"set": "Accept", "value": "application/json"}, step("QuickGetStr", "{base}/echo"))
    yield http("headers/AllowGzip-off", {"set": "AllowGzip", "value": False}, step("QuickGetStr", "{base}/echo"))
    for name, value in [("X-Api-Key", "k1"), ("x-lower", "v"), ("Accept", "text/html"), ("Content-Type", "text/x")]:
        yield http(f"headers/SetRequestHeader/{name}", step("SetRequestHeader", name, value), step("QuickGetStr", "{base}/echo"),
                   step("PostJson2", "{base}/echo", "application/json", "{}", as_="o"), {"get": "BodyStr", "on": "o"})
    yield http("headers/SetRequestHeader-replace", step("SetRequestHeader", "X-A", "1"), step("SetRequestHeader", "x-a", "2"),
               step("QuickGetStr", "{base}/echo"))
    yield http("headers/SetRequestHeader-empty-removes", step("SetRequestHeader", "X-A", "1"), step("SetRequestHeader", "X-A", ""),
               step("QuickGetStr", "{base}/echo"))
    yield http("headers/RemoveRequestHeader", step("SetRequestHeader", "X-A", "1"), step("SetRequestHeader", "X-B", "2"),
               step("RemoveRequestHeader", "x-a"), step("QuickGetStr", "{base}/echo"))
    yield http("headers/RemoveRequestHeader-absent", step("RemoveRequestHeader", "X-None"), step("QuickGetStr", "{base}/echo"))
    yield http("headers/ClearHeaders", step("SetRequestHeader", "X-A", "1"), step("ClearHeaders"), step("QuickGetStr", "{base}/echo"))
    yield http("headers/AuthToken-bare", {"set": "AuthToken", "value": "tok-123"}, step("QuickGetStr", "{base}/echo"),
               {"get": "AuthToken"})
    yield http("headers/AuthToken-and-SetRequestHeader-Authorization", {"set": "AuthToken", "value": "tok-123"},
               step("SetRequestHeader", "Authorization", "Custom x"), step("QuickGetStr", "{base}/echo"))
    yield http("headers/LastResponseHeader-head", step("QuickGetStr", "{base}/head"), {"get": "LastResponseHeader"},
               {"get": "LastResponseBody"})


def http_bodies() -> Iterator[Case]:
    for verb in BODY_VERBS:
        for charset in CHARSETS:
            for n, text in enumerate(TEXTS):
                yield http(f"HttpStr/{verb}/{charset or 'none'}/{n}", *with_response(
                    step("HttpStr", verb, "{base}/echo", text, charset, "text/plain", {"obj": "r"}), {"get": "BodyStr", "on": "r"}))
        yield http(f"HttpJson/{verb}", *with_response({"new": "JsonObject", "as": "j"}, step("UpdateString", "a", "é", on="j"),
                   step("UpdateNumber", "n", "10.50", on="j"),
                   step("HttpJson", verb, "{base}/echo", {"obj": "j"}, "application/json", {"obj": "r"}), *read_response()))
        yield http(f"HttpJson-pretty/{verb}", *with_response({"new": "JsonObject", "as": "j"}, step("UpdateInt", "a", 1, on="j"),
                   {"set": "EmitCompact", "value": False, "on": "j"},
                   step("HttpJson", verb, "{base}/echo", {"obj": "j"}, "application/json", {"obj": "r"}), {"get": "BodyStr", "on": "r"}))
        yield http(f"HttpSb/{verb}", *with_response({"new": "StringBuilder", "as": "sb"}, step("Append", "sb body é", on="sb"),
                   step("HttpSb", verb, "{base}/echo", {"obj": "sb"}, "utf-8", "text/plain", {"obj": "r"}), {"get": "BodyStr", "on": "r"}))
        for md5 in (False, True):
            yield http(f"PText/{verb}/md5={md5}", step("PText", verb, "{base}/echo", "text body", "utf-8", "text/plain", md5, False, as_="o"),
                       {"get": "BodyStr", "on": "o"})
            yield http(f"PTextSb/{verb}/md5={md5}", {"new": "StringBuilder", "as": "sb"}, step("Append", "sb text", on="sb"),
                       step("PTextSb", verb, "{base}/echo", {"obj": "sb"}, "utf-8", "application/json", md5, False, as_="o"),
                       {"get": "BodyStr", "on": "o"})
    for status in [200, 400, 404, 500]:
        yield http(f"PostJson2/status/{status}", step("PostJson2", f"{{base}}/status/{status}", "application/json", '{"a":1}', as_="o"),
                   {"get": "StatusCode", "on": "o"}, {"get": "LastStatus"})
        yield http(f"PostJson3/status/{status}", {"new": "JsonObject", "as": "j"},
                   step("PostJson3", f"{{base}}/status/{status}", "application/json", {"obj": "j"}, as_="o"), {"get": "StatusCode", "on": "o"})
    yield http("PostJson2/echo", step("PostJson2", "{base}/echo", "application/json; charset=utf-8", '{"a":"é"}', as_="o"),
               {"get": "BodyStr", "on": "o"})
    yield http("PText/gzip", step("PText", "POST", "{base}/echo", "x", "utf-8", "text/plain", False, True, as_="o"))
    yield http("HttpStr/bad-charset", *with_response(step("HttpStr", "POST", "{base}/echo", "x", "klingon", "text/plain", {"obj": "r"}),
               {"get": "StatusCode", "on": "r"}))
    for verb in VERBS + ["HEAD"]:
        yield http(f"HttpNoBody/{verb}", *with_response(step("HttpNoBody", verb, "{base}/echo", {"obj": "r"}), *read_response()))
    for status in STATUSES:
        yield http(f"HttpNoBody/status/{status}", *with_response(step("HttpNoBody", "GET", f"{{base}}/status/{status}", {"obj": "r"}),
                   *read_response(), *LAST))
    yield http("HttpNoBody/refused", *with_response(step("HttpNoBody", "GET", "{base}/echo", {"obj": "r"}),
               step("HttpNoBody", "GET", "http://127.0.0.1:1/x", {"obj": "r"}), *read_response(), {"get": "LastStatus"}))


def http_request_sent() -> Iterator[Case]:
    """HttpReq with HttpRequest objects as scripts build them."""
    def req(*steps: dict) -> list[dict]:
        return [{"new": "HttpRequest", "as": "q"}, {"new": "HttpResponse", "as": "r"},
                *[{**s, "on": "q"} if "on" not in s and "new" not in s else s for s in steps]]

    def send(url: str = "{base}/echo") -> list[dict]:
        return [step("HttpReq", url, {"obj": "q"}, {"obj": "r"}), {"get": "StatusCode", "on": "r"}, {"get": "BodyStr", "on": "r"}]

    params = [step("AddParam", "grant_type", "client_credentials"), step("AddParam", "scope", "a b"),
              step("AddParam", "x", "é&=+/?"), step("AddParam", "a b", "1")]
    for verb in VERBS + ["HEAD"]:
        for content_type in ["application/x-www-form-urlencoded", ""]:
            yield http(f"HttpReq/params/{verb}/{content_type or 'no-type'}", *req(
                {"set": "HttpVerb", "value": verb}, {"set": "ContentType", "value": content_type}, *params), *send())
        yield http(f"HttpReq/no-params/{verb}", *req({"set": "HttpVerb", "value": verb}), *send())
        yield http(f"HttpReq/body/{verb}", *req({"set": "HttpVerb", "value": verb}, {"set": "ContentType", "value": "text/plain"},
                   step("LoadBodyFromString", "the body é", "utf-8"), step("AddParam", "p", "1")), *send())
    for url in ["{base}/echo?q=1", "{base}", "{base}/", "{base}/other/path?x=y#frag"]:
        yield http(f"HttpReq/url/{url}", *req({"set": "Path", "value": "/ignored?z=1"}, step("AddParam", "p", "1")), *send(url))
    for charset in ["utf-8", "iso-8859-1", "windows-1252"]:
        yield http(f"HttpReq/charset/{charset}", *req({"set": "HttpVerb", "value": "POST"}, {"set": "Charset", "value": charset},
                   {"set": "ContentType", "value": "application/x-www-form-urlencoded"}, step("AddParam", "e", "é€")), *send())
        yield http(f"HttpReq/LoadBodyFromString/{charset}", *req({"set": "HttpVerb", "value": "PUT"},
                   step("LoadBodyFromString", "é€", charset), {"get": "Charset"}), *send())
    yield http("HttpReq/headers", *req(step("AddHeader", "X-H", "1"), step("AddHeader", "x-h", "2"), step("AddHeader", "X-K", "3"),
               step("RemoveHeader", "x-k"), step("AddHeader", "accept", "application/json")), *send())
    yield http("HttpReq/not-the-objects-headers", {"set": "UserAgent", "value": "UA/1"}, {"set": "Accept", "value": "text/html"},
               step("SetRequestHeader", "X-Object", "o"), *req(), *send())
    yield http("HttpReq/AuthToken", {"set": "AuthToken", "value": "tok-9"}, *req({"set": "HttpVerb", "value": "POST"}), *send())
    yield http("HttpReq/AuthToken-and-AddHeader-Authorization", {"set": "AuthToken", "value": "tok-9"},
               *req(step("AddHeader", "Authorization", "Basic eHk=")), *send())
    yield http("HttpReq/status-404", *req(), *send("{base}/status/404"), {"get": "LastStatus"}, {"get": "LastResponseBody"})
    yield http("HttpReq/SetFromUrl", *req(step("SetFromUrl", "{base}/sfu/path?x=1&y=a%20b")), *send("{base}/echo2"))
    yield http("HttpReq/refused", *req(), *send("http://127.0.0.1:1/x"))
    yield http("PostUrlEncoded", *req(step("AddParam", "a", "1 2"), step("AddParam", "b", "x&y"), step("AddHeader", "X-H", "h")),
               step("PostUrlEncoded", "{base}/echo?q=1", {"obj": "q"}, as_="o"), {"get": "BodyStr", "on": "o"})


def http_auth_and_redirects() -> Iterator[Case]:
    login = [{"set": "Login", "value": "user"}, {"set": "Password", "value": "pw"}]
    yield http("Basic/not-asked-not-sent", *login, step("QuickGetStr", "{base}/echo"))
    yield http("Basic/challenge", *login, step("QuickGetStr", "{base}/basic"), {"get": "LastStatus"},
               step("QuickGetStr", "{base}/basic"), {"get": "LastStatus"}, step("QuickGetStr", "{base}/echo"))
    yield http("Basic/no-login", step("QuickGetStr", "{base}/basic"), {"get": "LastStatus"})
    yield http("Basic/BasicAuth", *login, {"set": "BasicAuth", "value": True}, step("QuickGetStr", "{base}/echo"),
               step("QuickGetStr", "{base}/basic"), {"get": "LastStatus"})
    yield http("Basic/BasicAuth-empty-password", {"set": "Login", "value": "user"}, {"set": "BasicAuth", "value": True},
               step("QuickGetStr", "{base}/echo"))
    yield http("Basic/AuthToken-wins", *login, {"set": "BasicAuth", "value": True}, {"set": "AuthToken", "value": "tok"},
               step("QuickGetStr", "{base}/echo"))
    for code in [301, 302, 303, 307, 308]:
        for follow in (True, False):
            yield http(f"redirect/{code}/follow={follow}/GET", {"set": "FollowRedirects", "value": follow},
                       step("QuickGetStr", f"{{base}}/redirect?code={code}&to=/echo%3Fmoved%3D1"), *LAST)
            yield http(f"redirect/{code}/follow={follow}/POST", {"set": "FollowRedirects", "value": follow}, *with_response(
                step("HttpStr", "POST", f"{{base}}/redirect?code={code}&to=/echo", "posted", "utf-8", "text/plain", {"obj": "r"}),
                {"get": "StatusCode", "on": "r"}, {"get": "BodyStr", "on": "r"}))
    yield http("redirect/to-another-origin", step("QuickGetStr", "{base}/redirect?to=http://localhost:{port}/echo"), {"get": "LastStatus"})
    yield http("redirect/to-another-origin/not-followed", {"set": "FollowRedirects", "value": False},
               step("QuickGetStr", "{base}/redirect?to=http://localhost:{port}/echo"), {"get": "LastStatus"})
    for name, value in [("id", "42"), ("id", "a b/c?d&e"), ("id", "é"), ("id", ""), ("x.y", "1")]:
        yield http(f"SetUrlVar/{name}={value}", step("SetUrlVar", name, value),
                   step("QuickGetStr", f"{{base}}/echo/{{${name}}}?q={{${name}}}"))
    yield http("SetUrlVar/missing", step("QuickGetStr", "{base}/echo/{$nope}/x"))
    yield http("SetUrlVar/ClearUrlVars", step("SetUrlVar", "id", "1"), step("ClearUrlVars"), step("QuickGetStr", "{base}/echo/{$id}"))


def httpresponse_all() -> Iterator[Case]:
    def resp(id_: str, *steps: dict) -> Case:
        return case("HttpResponse/" + id_, "HttpResponse", *steps)

    def fill(path: str) -> list[dict]:
        return [{"new": "Http", "as": "h"}, step("HttpNoBody", "GET", "{base}" + path, {"obj": "main"}, on="h")]

    getters = ["StatusCode", "StatusText", "StatusLine", "Header", "BodyStr", "Charset", "ContentLength", "NumHeaderFields"]
    yield resp("empty", *[{"get": g} for g in getters], step("GetHeaderField", "Content-Type"), step("GetHeaderName", 0),
               step("GetHeaderValue", 0))
    yield resp("head", *fill("/head"), *[{"get": g} for g in getters],
               *[step(m, i) for i in (-1, 0, 1, 2, 3, 4, 5, 6, 100) for m in ("GetHeaderName", "GetHeaderValue")],
               *[step("GetHeaderField", n) for n in ("x-lower", "X-LOWER", "x-upper", "set-cookie", "Content-Length", "missing", "")])
    for path in ["/charset/latin1", "/charset/utf8", "/charset/none", "/charset/latin1-bare", "/json", "/jarr", "/echo"]:
        yield resp(f"body{path}", *fill(path), {"get": "Charset"}, {"get": "BodyStr"}, {"get": "ContentLength"})
    for status in STATUSES:
        yield resp(f"status/{status}", *fill(f"/status/{status}"), {"get": "StatusCode"}, {"get": "StatusText"},
                   {"get": "StatusLine"}, {"get": "Header"}, step("GetHeaderField", "x-mixed-case"))
    for path in ["/json", "/jarr", "/status/200", "/charset/utf8"]:
        yield resp(f"GetBodySb{path}", *fill(path), {"new": "StringBuilder", "as": "sb"}, step("Append", "before|", on="sb"),
                   step("GetBodySb", {"obj": "sb"}), step("GetAsString", on="sb"))
        yield resp(f"GetBodyJson{path}", *fill(path), {"new": "JsonObject", "as": "j"}, step("UpdateString", "old", "1", on="j"),
                   step("GetBodyJson", {"obj": "j"}), step("Emit", on="j"))
        yield resp(f"GetBodyJarr{path}", *fill(path), {"new": "JsonArray", "as": "a"}, step("GetBodyJarr", {"obj": "a"}),
                   step("Emit", on="a"))


def httprequest_all() -> Iterator[Case]:
    def req(id_: str, *steps: dict) -> Case:
        return case("HttpRequest/" + id_, "HttpRequest", *steps)

    props = ["HttpVerb", "Path", "ContentType", "Charset", "NumParams"]
    yield req("defaults", *[{"get": p} for p in props])
    for name, value in [("HttpVerb", "post"), ("HttpVerb", "PUT"), ("Path", "/a/b?c=d"), ("Path", ""),
                        ("ContentType", "application/json"), ("Charset", "iso-8859-1"), ("Charset", "utf-8")]:
        yield req(f"set/{name}={value}", {"set": name, "value": value}, {"get": name})
    yield req("params", step("AddParam", "a", "1"), step("AddParam", "a", "2"), step("AddParam", "b", ""), {"get": "NumParams"},
              step("GetParam", "a"), step("GetParam", "b"), step("GetParam", "c"),
              *[step(m, i) for i in (-1, 0, 1, 2, 3) for m in ("GetParamName", "GetParamValue")],
              step("RemoveParam", "a"), {"get": "NumParams"}, step("RemoveAllParams"), {"get": "NumParams"})
    for url in ["http://h/p/q?x=1&y=a%20b&x=2", "https://h:8443/", "http://h", "http://h/p?", "not a url", "http://h/p?a=b=c&&d"]:
        yield req(f"SetFromUrl/{url}", step("SetFromUrl", url), {"get": "Path"}, {"get": "NumParams"},
                  *[step(m, i) for i in (0, 1, 2) for m in ("GetParamName", "GetParamValue")])
    yield req("headers", step("AddHeader", "X-A", "1"), step("AddHeader", "x-a", "2"), step("GetHeaderField", "X-A"),
              step("RemoveHeader", "X-A"), step("GetHeaderField", "x-a"), step("GetHeaderField", "none"))
    for charset in ["utf-8", "iso-8859-1", "", "us-ascii"]:
        yield req(f"LoadBodyFromString/{charset or 'none'}", step("LoadBodyFromString", "body é", charset))


def rest_all() -> Iterator[Case]:
    def rest(id_: str, *steps: dict) -> Case:
        return case("Rest/" + id_, "Rest", *steps)

    connect = step("Connect", "{host}", "{port}", False, True)
    reads = [{"get": "ResponseStatusCode"}, {"get": "ResponseStatusText"}, {"get": "ResponseHeader"}]
    yield rest("defaults", {"get": "Authorization"}, {"get": "ResponseStatusCode"}, {"get": "ResponseHeader"})
    yield rest("not-connected", step("FullRequestNoBody", "GET", "/echo"))
    yield rest("Connect-refused", step("Connect", "127.0.0.1", 1, False, True))
    yield rest("Connect", connect)
    for verb in VERBS:
        yield rest(f"FullRequestNoBody/{verb}", connect, step("FullRequestNoBody", verb, "/echo?x=1"), *reads)
        yield rest(f"FullRequestString/{verb}", connect, step("FullRequestString", verb, "/echo", "hello é"), *reads)
    for status in [200, 204, 404, 500]:
        yield rest(f"FullRequestNoBody/status/{status}", connect, step("FullRequestNoBody", "GET", f"/status/{status}"), *reads)
    yield rest("Authorization", connect, {"set": "Authorization", "value": "Bearer abc"}, step("FullRequestNoBody", "GET", "/echo"),
               {"get": "Authorization"})
    yield rest("AddHeader", connect, step("AddHeader", "X-One", "1"), step("AddHeader", "X-One", "2"),
               step("AddHeader", "Content-Type", "application/json"), step("FullRequestString", "POST", "/echo", '{"a":1}'),
               step("RemoveHeader", "x-one"), step("FullRequestNoBody", "GET", "/echo"), step("ClearAllHeaders"),
               step("FullRequestNoBody", "GET", "/echo"))
    yield rest("FormUrlEncoded", connect, step("AddQueryParam", "q", "a b"), step("AddQueryParam", "r", "x&y=é"),
               step("FullRequestFormUrlEncoded", "POST", "/echo"), step("FullRequestNoBody", "GET", "/echo?z=1"),
               step("RemoveQueryParam", "q"), step("FullRequestNoBody", "GET", "/echo"), step("ClearAllQueryParams"),
               step("FullRequestNoBody", "GET", "/echo"))
    yield rest("head", connect, step("FullRequestNoBody", "GET", "/head"), *reads,
               *[step("ResponseHdrName", i) for i in (0, 2, 5)], *[step("ResponseHdrValue", i) for i in (0, 2, 5)],
               step("ResponseHdrByName", "x-upper"), step("ResponseHdrByName", "missing"), {"get": "NumResponseHeaders"})
    yield rest("Disconnect", connect, step("FullRequestNoBody", "GET", "/echo"), step("Disconnect", 100),
               step("FullRequestNoBody", "GET", "/echo"))


def kept_after_failure_all() -> Iterator[Case]:
    """Setters and methods returning void after a failed call leave LastMethodSuccess alone."""
    yield kept_after_failure(
        "Http", "setters", step("QuickGetStr", "{base}/status/404"),
        *[{"set": name, "value": value} for name, value in
          [("Accept", "text/plain"), ("UserAgent", "x"), ("ConnectTimeout", 5), ("ReadTimeout", 5), ("AllowGzip", False),
           ("BasicAuth", True), ("FollowRedirects", False), ("Login", "u"), ("Password", "p"), ("AuthToken", "abc"),
           ("ProxyDomain", ""), ("ProxyPort", 0)]])
    yield kept_after_failure("Http", "void-methods", step("QuickGetStr", "{base}/status/404"), step("SetRequestHeader", "X-A", "1"),
                             step("RemoveRequestHeader", "X-A"), step("ClearHeaders"), step("ClearUrlVars"))
    yield kept_after_failure(
        "HttpRequest", "setters-and-void-methods", step("GetParam", "missing"),
        *[{"set": name, "value": value} for name, value in
          [("HttpVerb", "POST"), ("Path", "/x"), ("ContentType", "text/plain"), ("Charset", "utf-8")]],
        step("AddParam", "a", "1"), step("RemoveParam", "a"), step("RemoveAllParams"), step("AddHeader", "X-A", "1"),
        step("SetFromUrl", "{base}/echo?q=1"))
    yield kept_after_failure("Rest", "Authorization", step("FullRequestNoBody", "GET", "/echo"),
                             {"set": "Authorization", "value": "Bearer abc"})


GENERATORS = {
    "http": [http_defaults, http_quick, http_headers, http_bodies, http_request_sent, http_auth_and_redirects,
             kept_after_failure_all],
    "httpresponse": [httpresponse_all],
    "httprequest": [httprequest_all],
    "rest": [rest_all],
}
