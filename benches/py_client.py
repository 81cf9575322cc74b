"""Client-side CPU cost per API request from Python, against the local resource server.

    python benches/py_client.py dpop KEY TOKEN_ENDPOINT RESOURCE CLIENT_ID SECRET SCOPE N WARMUP ROUNDS
    python benches/py_client.py requests-oauth2client TOKEN_ENDPOINT RESOURCE CLIENT_ID SECRET SCOPE N WARMUP ROUNDS
    python benches/py_client.py requests-oauth2client-threads TOKEN_ENDPOINT RESOURCE CLIENT_ID SECRET SCOPE THREADS N

The -threads form runs N requests over THREADS threads (a ThreadPoolExecutor), each thread with its
own requests.Session and all sharing one token, and prints requests per second and CPU per
request.

`dpop`: libdpop's Python package (ctypes; DPOP_LIBRARY names the library). One Http object with
the key at KEY and a client-credentials AuthToken. `requests-oauth2client`: an OAuth2Client with
DPoP-bound tokens (it generates its own ES256 key) and its client-credentials auth handler on one
requests.Session. Both fetch one token (answering the AS nonce challenge), answer the RS nonce
challenge once, then send every request with `Authorization: DPoP` and a fresh proof over one
keep-alive connection.

CPU time is this process's own (getrusage RUSAGE_SELF, user + system), after WARMUP requests;
the servers' CPU does not count. Every request must answer 200. Prints one JSON line.
"""

import json
import resource
import statistics
import sys
import time
from pathlib import Path


def cpu_ms() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return (ru.ru_utime + ru.ru_stime) * 1e3


def sys_ms() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_stime * 1e3


def dpop_client(key_path, token_endpoint, url, client_id, secret, scope):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bindings" / "python"))
    import dpop

    key = dpop.PrivateKey()
    if not key.LoadAnyFormatFile(key_path, ""):
        sys.exit(f"LoadAnyFormatFile: {key.LastErrorText}")
    auth = dpop.JsonObject()
    for name, value in (("token_endpoint", token_endpoint), ("client_id", client_id), ("client_secret", secret), ("scope", scope)):
        auth.UpdateString(name, value)
    http = dpop.Http()
    if not http.SetDPoPKey(key):
        sys.exit(f"SetDPoPKey: {http.LastErrorText}")
    http.AuthToken = auth.Emit()

    def get():
        http.QuickGetStr(url)
        if not http.LastMethodSuccess or http.LastStatus != 200:
            sys.exit(f"status {http.LastStatus}: {http.LastErrorText}")

    return get, f"dpop (ctypes), {dpop.__name__} from {Path(dpop.__file__).parent}"


def requests_oauth2client_auth(token_endpoint, client_id, secret, scope):
    """An OAuth2ClientCredentialsAuth with DPoP-bound tokens: one token, however many sessions use it."""
    from requests_oauth2client import OAuth2Client, OAuth2ClientCredentialsAuth

    # testing=True: it refuses a plain-http token endpoint otherwise (the local servers' HTTP
    # listeners are what the libdpop runs use too).
    client = OAuth2Client(token_endpoint, client_id=client_id, client_secret=secret, dpop_bound_access_tokens=True, testing=True)
    return OAuth2ClientCredentialsAuth(client, scope=scope)


def requests_oauth2client_client(url, auth):
    """A GET of `url` on a requests.Session of its own, authenticated by `auth`."""
    from importlib.metadata import version

    import requests

    session = requests.Session()
    session.auth = auth

    def get():
        response = session.get(url)
        if response.status_code != 200:
            sys.exit(f"status {response.status_code}: {response.headers.get('WWW-Authenticate')} {response.text[:200]}")
        if not response.request.headers.get("Authorization", "").startswith("DPoP "):
            sys.exit("requests-oauth2client did not send a DPoP token")

    return get, f"requests-oauth2client {version('requests-oauth2client')}, requests {version('requests')}"


def threads_main(argv):
    from concurrent.futures import ThreadPoolExecutor

    token_endpoint, url, client_id, secret, scope = argv[2:7]
    threads, n = int(argv[7]), int(argv[8])
    auth = requests_oauth2client_auth(token_endpoint, client_id, secret, scope)
    clients = [requests_oauth2client_client(url, auth) for _ in range(threads)]
    what = clients[0][1]
    getters = [get for get, _ in clients]
    for get in getters:
        get()  # the one token and the nonce challenges, then each thread's connection

    def work(index):
        for _ in range(n // threads + (index < n % threads)):
            getters[index]()

    c0, w0 = cpu_ms(), time.monotonic()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(work, range(threads)))
    cpu, wall = cpu_ms() - c0, time.monotonic() - w0
    print(json.dumps({"mode": "threads", "client": what, "threads": threads, "requests": n,
                      "requests_per_s": n / wall, "cpu_ms_per_request": cpu / n, "wall_s": wall}))


def main(argv):
    mode = argv[1] if len(argv) > 1 else ""
    if mode == "requests-oauth2client-threads" and len(argv) == 9:
        return threads_main(argv)
    if mode == "dpop" and len(argv) == 11:
        get, what = dpop_client(*argv[2:8])
        n, warmup, rounds = map(int, argv[8:11])
    elif mode == "requests-oauth2client" and len(argv) == 10:
        token_endpoint, url, client_id, secret, scope = argv[2:7]
        get, what = requests_oauth2client_client(url, requests_oauth2client_auth(token_endpoint, client_id, secret, scope))
        n, warmup, rounds = map(int, argv[7:10])
    else:
        sys.exit(__doc__)
    for _ in range(warmup):
        get()
    per_round = []
    done = 0
    c_start, s_start, w_start = cpu_ms(), sys_ms(), time.monotonic()
    for r in range(rounds):
        count = n - done if r == rounds - 1 else n // rounds
        c0 = cpu_ms()
        for _ in range(count):
            get()
        per_round.append((cpu_ms() - c0) / count)
        done += count
    cpu_total, sys_total, wall = cpu_ms() - c_start, sys_ms() - s_start, time.monotonic() - w_start
    print(json.dumps({
        "mode": mode,
        "client": what,
        "requests": n,
        "warmup": warmup,
        "cpu_ms_per_request": cpu_total / n,
        "cpu_ms_per_request_median_round": statistics.median(per_round),
        "cpu_ms_per_request_min_round": min(per_round),
        "cpu_ms_per_request_max_round": max(per_round),
        "sys_ms_per_request": sys_total / n,
        "wall_s": wall,
    }))


if __name__ == "__main__":
    main(sys.argv)
