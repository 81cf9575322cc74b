"""The seed flow, written as for Chilkat2, against the local authorization and resource servers
(tests/server/start.mjs): tokens fetched with DPoP proofs, cached, persisted and reused."""

import json
import subprocess
import sys
import time
from pathlib import Path

import dpop as chilkat2
from conftest import ROOT


def seed_http(servers, key_file: Path, session_log: Path | str = "", client_secret: str = "secret",
              token_endpoint: str | None = None) -> chilkat2.Http:
    """The seed up to the first request: an Http with the DPoP key and the client as AuthToken."""
    privKey = chilkat2.PrivateKey()
    success = privKey.LoadAnyFormatFile(str(key_file), "")
    assert success, privKey.LastErrorText

    json_client = chilkat2.JsonObject()
    json_client.UpdateString("client_secret", client_secret)
    json_client.UpdateString("client_id", "m2m.dpop")
    json_client.UpdateString("token_endpoint", token_endpoint or servers["token_endpoint"])
    json_client.UpdateString("scope", "api")

    http = chilkat2.Http()
    http.SessionLogFilename = str(session_log)
    success = http.SetDPoPKey(privKey)
    assert success, http.LastErrorText
    http.AuthToken = json_client.Emit()
    assert http.LastMethodSuccess, http.LastErrorText
    return http


def get_ok(http: chilkat2.Http, url: str) -> dict:
    """GETs `url`, asserting the seed's success checks, and returns the JSON answer."""
    resp = http.QuickGetStr(url)
    assert http.LastMethodSuccess, http.LastErrorText
    assert http.LastStatus == 200
    answer = json.loads(resp)
    assert answer["ok"] is True
    return answer


def test_seed_flow_fetches_one_token_for_three_requests(fresh_servers, ec_key_file, tmp_path):
    session_log = tmp_path / "sessionLog.txt"
    http = seed_http(fresh_servers, ec_key_file, session_log)

    for _ in range(3):
        answer = get_ok(http, fresh_servers["resource"])
        assert (answer["token_type"], answer["client_id"], answer["scope"]) == ("DPoP", "m2m.dpop", "api")
        assert answer["htu"] == fresh_servers["resource"]

    stats = fresh_servers.stats()
    assert stats["as"]["dpop"]["tokens_issued"] == 1
    assert stats["rs"]["successes"] == 3 and stats["rs"]["dpop_requests"] >= 3

    log = session_log.read_text()
    assert "POST /token" in log and "GET /api/resource" in log
    assert "Authorization: ****" in log and "DPoP: ****" in log
    assert "secret" not in log.replace("client_secret", "")
    assert json.loads(http.AuthToken)["access_token"] not in log
    proofs = fresh_servers.proofs()
    assert all(proof["raw"] not in log for proof in proofs["as"] + proofs["rs"])
    assert "Authorization: ****" in http.LastHeader and "DPoP: ****" in http.LastHeader


def test_wrong_client_secret_is_reported(fresh_servers, ec_key_file):
    http = seed_http(fresh_servers, ec_key_file, client_secret="not-the-secret")
    assert http.QuickGetStr(fresh_servers["resource"]) == ""
    assert http.LastMethodSuccess is False
    assert http.LastErrorCode == chilkat2.ErrorCode.OAUTH and "invalid_client" in http.LastErrorText
    assert "not-the-secret" not in http.LastErrorText
    assert fresh_servers.stats()["rs"]["requests"] == 0


def test_private_key_jwt_with_an_encrypted_client_key_file(fresh_servers, ec_key_file):
    """private_key_jwt (RFC 7523): the client m2m.jwt signs its assertions with its own RSA key
    (an encrypted key file, its password and kid). Each attempt has its own assertion (after a
    nonce challenge, when the process had no nonce of the server yet)."""
    client_key = fresh_servers["client_keys"]["rsa"]
    privKey = chilkat2.PrivateKey()
    assert privKey.LoadAnyFormatFile(str(ec_key_file), ""), privKey.LastErrorText
    json_client = chilkat2.JsonObject()
    json_client.UpdateString("client_id", "m2m.jwt")
    json_client.UpdateString("token_endpoint", fresh_servers["token_endpoint"])
    json_client.UpdateString("scope", "api")
    json_client.UpdateString("client_key", client_key["file"])
    json_client.UpdateString("client_key_password", client_key["password"])
    json_client.UpdateString("client_key_kid", client_key["kid"])
    http = chilkat2.Http()
    assert http.SetDPoPKey(privKey), http.LastErrorText
    http.AuthToken = json_client.Emit()
    assert http.LastMethodSuccess, http.LastErrorText

    assert get_ok(http, fresh_servers["resource"])["client_id"] == "m2m.jwt"
    sent = [r for r in fresh_servers.admin("GET", "requests") if "client_assertion" in r]
    assert [r.get("error") for r in sent[:-1]] == ["use_dpop_nonce"] * (len(sent) - 1) and sent[-1]["status"] == 200
    assert all(r["client_assertion"]["header"] == {"alg": "PS256", "typ": "JWT", "kid": client_key["kid"]} for r in sent)
    assert len({r["client_assertion"]["claims"]["jti"] for r in sent}) == len(sent)
    assert json.loads(http.AuthToken)["client_auth"] == "private_key_jwt"


def test_persisted_auth_token_is_used_without_a_new_token_request(fresh_servers, ec_key_file):
    http = seed_http(fresh_servers, ec_key_file)
    get_ok(http, fresh_servers["resource"])
    persisted = http.AuthToken
    token = json.loads(persisted)
    assert token["token_type"] == "DPoP" and token["access_token"]
    assert time.time() + 3000 < int(token["expires_on"]) <= time.time() + 3700  # absolute

    # A new Http object in a new process: nothing but the key file and the persisted JSON.
    program = (
        "import sys, dpop as chilkat2\n"
        "key = chilkat2.PrivateKey()\n"
        "assert key.LoadAnyFormatFile(sys.argv[1], ''), key.LastErrorText\n"
        "http = chilkat2.Http()\n"
        "assert http.SetDPoPKey(key), http.LastErrorText\n"
        "http.AuthToken = sys.stdin.read()\n"
        "body = http.QuickGetStr(sys.argv[2])\n"
        "print(http.LastStatus, body if body is not None else http.LastErrorText)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program, str(ec_key_file), fresh_servers["resource"]],
        input=persisted, capture_output=True, text=True, timeout=120,
        cwd=ROOT / "bindings" / "python",
    )
    assert done.returncode == 0, done.stderr
    status, body = done.stdout.split(" ", 1)
    assert status == "200", body
    assert json.loads(body)["ok"] is True
    assert fresh_servers.stats()["as"]["dpop"]["tokens_issued"] == 1


def test_post_json_to_the_echo_resource(fresh_servers, ec_key_file):
    http = seed_http(fresh_servers, ec_key_file)
    resp = http.PostJson2(fresh_servers["echo"], "application/json", '{"hello":"wörld","n":1}')
    assert resp is not None, http.LastErrorText
    assert (resp.StatusCode, resp.StatusText, http.LastStatus) == (200, "OK", 200)
    echoed = json.loads(resp.BodyStr)
    assert (echoed["method"], echoed["body"]) == ("POST", {"hello": "wörld", "n": 1})
    assert resp.GetHeaderField("content-type").startswith("application/json")
    assert "content-type:" in resp.Header.lower()


def test_ptext_put_with_charset_and_md5(fresh_servers, ec_key_file):
    http = seed_http(fresh_servers, ec_key_file)
    resp = http.PText("PUT", fresh_servers["echo"], '{"a":[1,2]}', "utf-8", "application/json", True, False)
    assert resp is not None, http.LastErrorText
    echoed = json.loads(resp.BodyStr)
    assert (resp.StatusCode, echoed["method"], echoed["body"]) == (200, "PUT", {"a": [1, 2]})
    assert echoed["content_type"] == "application/json", "the charset encodes, as in Chilkat: no parameter added"
    assert "Content-MD5: " in http.LastHeader


def test_quick_delete(fresh_servers, ec_key_file):
    http = seed_http(fresh_servers, ec_key_file)
    body = http.QuickDeleteStr(fresh_servers["resource"])
    assert body is not None, http.LastErrorText
    assert json.loads(body)["method"] == "DELETE"


def test_error_status_keeps_the_body(fresh_servers, ec_key_file):
    http = seed_http(fresh_servers, ec_key_file)
    url = fresh_servers["status_base"] + "404"
    body = http.QuickGetStr(url)  # the body of the error status, as in chilkat2
    assert http.LastStatus == 404 and http.LastErrorCode == chilkat2.ErrorCode.HTTP_STATUS
    assert not http.LastMethodSuccess and body == http.LastResponseBody
    assert json.loads(body)["ok"] is False
    resp = http.PostJson2(fresh_servers["status_base"] + "500", "application/json", "{}")
    assert resp is not None and resp.StatusCode == 500  # a response, whatever its status
    assert http.LastMethodSuccess and http.LastErrorCode == chilkat2.ErrorCode.OK


def test_https_with_trusted_ca_file(fresh_servers, ec_key_file):
    http = seed_http(fresh_servers, ec_key_file, token_endpoint=fresh_servers["token_endpoint_https"])
    http.TrustedCaFile = fresh_servers["ca_file"]
    answer = get_ok(http, fresh_servers["resource_https"])
    assert answer["tls"] is True and answer["htu"] == fresh_servers["resource_https"]


def test_https_without_the_test_ca_is_refused(fresh_servers, ec_key_file):
    http = seed_http(fresh_servers, ec_key_file)
    assert http.QuickGetStr(fresh_servers["resource_https"]) == ""
    assert http.LastErrorCode == chilkat2.ErrorCode.TLS and "certificate" in http.LastErrorText


def test_bearer_tokens_without_a_dpop_key(fresh_servers):
    client = chilkat2.JsonObject()
    client.UpdateString("client_secret", "secret")
    client.UpdateString("client_id", "m2m.bearer")
    client.UpdateString("token_endpoint", fresh_servers["bearer_token_endpoint"])
    client.UpdateString("scope", "api")
    http = chilkat2.Http()
    http.AuthToken = client.Emit()
    answer = get_ok(http, fresh_servers["resource"])
    assert answer["token_type"] == "Bearer"
    assert fresh_servers.stats()["rs"]["bearer_requests"] == 1


def test_request_headers_are_sent_until_cleared(fresh_servers, ec_key_file):
    http = seed_http(fresh_servers, ec_key_file)
    http.SetRequestHeader("X-Trace", "abc")
    get_ok(http, fresh_servers["resource"])
    assert "X-Trace: abc" in http.LastHeader
    http.ClearHeaders()
    get_ok(http, fresh_servers["resource"])
    assert "X-Trace" not in http.LastHeader
