"""Chilkat's chilkat2 example "Using the OAuth2 Authorization Token in REST API Calls"
(seeds/chilkat2_oauth2_token_in_rest_calls.py) run with only `import chilkat2` changed to
`import dpop as chilkat2`, its example URLs and token file pointed at the local servers, over
HTTPS (the test CA is the system store of the child process: SSL_CERT_FILE). Once with a bare
Bearer token, once with a DPoP-bound token, for which the example gets the DPoP key: two lines
for Http, two for Rest. An epilogue prints what the example's objects hold; the resource server
says what it received.

Also the SharkAuth flow (sharkauth-python-get-token-with-dpop.txt) through the extension: the
token for a grant with its cnf_jkt, proofs for requests sent with another HTTP client."""

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import dpop
from conftest import ROOT

SEED = Path(__file__).resolve().parent / "seeds" / "chilkat2_oauth2_token_in_rest_calls.py"
EPILOGUE = """
import json as _json
print(_json.dumps({"http_status": http.LastStatus, "resp_status": resp.StatusCode,
                   "rest_status": rest.ResponseStatusCode, "rest_body": responseStr, "connect": success}))
"""


def token_file(tmp_path: Path, token_json: str) -> Path:
    """The token as the example's comments show it, in a file."""
    path = tmp_path / "myToken.json"
    path.write_text(token_json, encoding="utf-8")
    return path


def run_seed(servers, tmp_path: Path, token: Path, *, key_file: Path | None = None) -> dict:
    host_port = servers["rs_origin_https"].split("//")[1]
    host, port = host_port.split(":")
    api = servers["rs_origin_https"] + "/api/status/200"
    source = SEED.read_text(encoding="utf-8")
    source = source.replace("import chilkat2", "import dpop as chilkat2")  # the one change
    source = source.replace("qa_data/tokens/myToken.json", str(token))
    source = source.replace("https://example.com/someApiCall", api)
    source = source.replace('rest.Connect("example.com",443,True,True)', f'rest.Connect("{host}",{port},True,True)')
    source = source.replace('"/someApiCall"', '"/api/status/200"')
    if key_file is not None:
        source = source.replace(
            "http = chilkat2.Http()\n",
            f'http = chilkat2.Http()\nprivKey = chilkat2.PrivateKey()\nprivKey.LoadAnyFormatFile("{key_file}", "")\n'
            "http.SetDPoPKey(privKey)\n",
        )
        source = source.replace("rest = chilkat2.Rest()\n", "rest = chilkat2.Rest()\nrest.SetDPoPKey(privKey)\nrest.AuthToken = accessToken\n")
    script = tmp_path / "seed.py"
    script.write_text(source + EPILOGUE, encoding="utf-8")
    env = dict(os.environ, SSL_CERT_FILE=servers["ca_file"], PYTHONPATH=str(ROOT / "bindings" / "python"))
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr + done.stdout
    lines = done.stdout.strip().splitlines()
    assert lines, f"the example printed nothing (it exits early on a failure): {done.stderr}"
    return json.loads(lines[-1])


def api_requests(servers) -> list[dict]:
    return [r for r in servers.admin("GET", "requests") if r["server"] == "rs"]


def test_the_chilkat2_example_with_a_bearer_token(fresh_servers, tmp_path):
    issuer = dpop.Http()
    token_json = issuer.RequestToken(json.dumps({
        "token_endpoint": fresh_servers["bearer_token_endpoint"], "client_id": "m2m.bearer",
        "client_secret": "secret", "scope": "api"}))
    assert token_json, issuer.LastErrorText
    seen = run_seed(fresh_servers, tmp_path, token_file(tmp_path, token_json))
    assert seen == {"http_status": 200, "resp_status": 200, "rest_status": 200, "connect": True,
                    "rest_body": seen["rest_body"]}
    assert json.loads(seen["rest_body"])["token_type"] == "Bearer"
    requests = api_requests(fresh_servers)
    assert [(r["method"], r["authorization_scheme"], r["status"]) for r in requests] == [
        ("GET", "Bearer", 200), ("POST", "Bearer", 200), ("GET", "Bearer", 200)]


def test_the_chilkat2_example_with_a_dpop_token(fresh_servers, tmp_path, ec_key_file):
    key = dpop.PrivateKey()
    assert key.LoadAnyFormatFile(str(ec_key_file), "")
    issuer = dpop.Http()
    issuer.SetDPoPKey(key)
    token_json = issuer.RequestToken(json.dumps({
        "token_endpoint": fresh_servers["token_endpoint"], "client_id": "m2m.dpop", "client_secret": "secret",
        "scope": "api"}))
    assert json.loads(token_json)["cnf_jkt"] == key.GetJwkThumbprint("SHA256"), issuer.LastErrorText
    seen = run_seed(fresh_servers, tmp_path, token_file(tmp_path, token_json), key_file=ec_key_file)
    assert (seen["http_status"], seen["resp_status"], seen["rest_status"]) == (200, 200, 200), seen
    assert json.loads(seen["rest_body"])["token_type"] == "DPoP"
    answered = [r for r in api_requests(fresh_servers) if r["status"] == 200]
    assert [(r["method"], r["authorization_scheme"], r["dpop"]) for r in answered] == [
        ("GET", "DPoP", True), ("POST", "DPoP", True), ("GET", "DPoP", True)]


def test_the_sharkauth_flow(fresh_servers, ec_key_file):
    key = dpop.PrivateKey()
    assert key.LoadAnyFormatFile(str(ec_key_file), "")
    http = dpop.Http()
    http.SetDPoPKey(key)
    token = json.loads(http.RequestToken(json.dumps({
        "token_endpoint": fresh_servers["token_endpoint"], "grant_type": "client_credentials",
        "client_id": "m2m.dpop", "client_secret": "secret", "scope": "api"})))
    assert token["cnf_jkt"] == key.GetJwkThumbprint("SHA256")  # proof of possession
    assert (token["token_type"], token["scope"], token["expires_in"]) == ("DPoP", "api", 3600)

    def get(nonce: str):
        request = urllib.request.Request(fresh_servers["resource"], headers={
            "Authorization": f"DPoP {token['access_token']}",
            "DPoP": http.MakeDPoPProof("GET", fresh_servers["resource"], token["access_token"], nonce)})
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return answer.status, answer.headers, json.loads(answer.read())
        except urllib.error.HTTPError as refused:
            return refused.code, refused.headers, json.loads(refused.read())

    status, headers, _ = get("")
    assert status == 401 and headers["DPoP-Nonce"]
    status, _, body = get(headers["DPoP-Nonce"])
    assert (status, body["jkt"]) == (200, token["cnf_jkt"])

    assert http.RequestToken(json.dumps({
        "token_endpoint": fresh_servers["token_endpoint"], "grant_type": "client_credentials",
        "client_id": "m2m.dpop", "client_secret": "wrong"})) == ""
    assert (http.LastOAuthError, http.LastStatus) == ("invalid_client", 401)
    assert http.LastOAuthErrorDescription and "wrong" not in http.LastErrorText
