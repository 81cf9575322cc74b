"""A scripted HTTP server on 127.0.0.1 for the Http and HttpResponse cases and the Python tests:
every answer is fixed by the request (no Date or Server header), so what Chilkat observed when
recording is what libdpop must observe when replaying.

    server = ScriptedServer()          # listens on a free port, in a daemon thread
    server.base                        # "http://127.0.0.1:PORT"
    server.requests                    # every request received: method, target, headers, body
    server.close()

Paths:
  /echo...            200 "Fine Thanks", JSON: method, target, the headers (names in lower case,
                      sorted, without Host and User-Agent, which differ by design) and the body
  /status/NNN         NNN, text "body of NNN", with a header in mixed case
  /head               200 with headers in a fixed order and case, one of them repeated
  /basic              401 with a Basic challenge unless the request has Basic credentials
  /redirect?to=U&code=C   C (default 302) to U
  /charset/NAME       "café" in NAME (latin1 or utf8), Content-Type with that charset; /charset/none
                      is UTF-8 without a charset parameter, /charset/latin1-bare is Latin-1 without one
  /json, /jarr        a JSON object, a JSON array
"""

import http.server
import json
import threading
from urllib.parse import parse_qs, urlsplit


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet
        pass

    def _reply(self, status, headers, body=b"", reason=None):
        self.send_response_only(status, reason)
        for name, value in headers:
            self.send_header(name, value)
        if status in (204, 304) or status < 200:  # no body, RFC 9110 6.4.1
            body = b""
        else:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        seen = {
            "method": self.command,
            "target": self.path,
            "headers": [[name, value] for name, value in self.headers.items()],
            "body": body.decode("latin-1"),
        }
        self.server.log.append(seen)
        url = urlsplit(self.path)
        path, query = url.path, parse_qs(url.query)
        auth = self.headers.get("Authorization") or ""
        if path.startswith("/status/"):
            code = int(path.split("/")[2])
            self._reply(code, [("Content-Type", "text/plain"), ("X-Mixed-Case", "yes")], f"body of {code}".encode())
        elif path == "/head":
            headers = [("Content-Type", "text/plain; charset=utf-8"), ("x-lower", "v1"), ("X-UPPER", "V2"),
                       ("Set-Cookie", "a=1"), ("Set-Cookie", "b=2")]
            self._reply(200, headers, b"head", reason="OK")
        elif path == "/basic" and not auth.startswith("Basic "):
            self._reply(401, [("WWW-Authenticate", 'Basic realm="scripted"'), ("Content-Type", "application/json")],
                        b'{"error":"login required"}')
        elif path == "/redirect":
            code = int(query.get("code", ["302"])[0])
            self._reply(code, [("Location", query.get("to", ["/echo"])[0])])
        elif path.startswith("/charset/"):
            name = path.split("/")[2]
            text = "café"
            content_type, data = {
                "latin1": ("text/plain; charset=iso-8859-1", text.encode("latin-1")),
                "utf8": ('text/plain; charset="UTF-8"', text.encode("utf-8")),
                "none": ("text/plain", text.encode("utf-8")),
                "latin1-bare": ("text/plain", text.encode("latin-1")),
            }[name]
            self._reply(200, [("Content-Type", content_type)], data)
        elif path == "/json":
            self._reply(200, [("Content-Type", "application/json")], b'{"a":{"b":[1,2,{"c":"x"}]},"n":10.50}')
        elif path == "/jarr":
            self._reply(200, [("Content-Type", "application/json")], b'[{"name":"a"},{"name":"b"}]')
        else:
            headers = sorted(
                [name.lower(), value] for name, value in self.headers.items() if name.lower() not in ("host", "user-agent")
            )
            echo = {"method": self.command, "target": self.path, "headers": headers, "body": body.decode("utf-8", "replace")}
            self._reply(200, [("Content-Type", "application/json")], json.dumps(echo).encode(), reason="Fine Thanks")

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _handle


class ScriptedServer:
    def __init__(self):
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.log = []
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    @property
    def requests(self) -> list:
        return self._server.log

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


if __name__ == "__main__":
    # For programs in other languages (the C replay): prints the URL, serves until stdin closes.
    import sys

    server = ScriptedServer()
    print(server.base, flush=True)
    sys.stdin.read()
    server.close()
