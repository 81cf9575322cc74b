/* Ck<Class>_getLastErrorCode from C: one real failure per DPOP_ERR_* code of dpop.h, against the
 * local test servers (tests/server, their ready line in $DPOP_TEST_SERVERS) and three broken
 * servers made here on 127.0.0.1: a closed port, a listener that never answers and one that
 * answers garbage. DPOP_ERR_INTERNAL (a bug, a caught panic) cannot be provoked from outside.
 * Also private_key_jwt client authentication end to end.
 * POSIX (sockets, threads); run by scripts/c-tests.sh and, under valgrind, scripts/valgrind-c.sh.
 *
 *   DPOP_TEST_SERVERS=... test_error_codes SCRATCH_DIR */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "dpop.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* The codes a test below provokes, to check at the end that none was forgotten. */
static int provoked[DPOP_ERR_INTERNAL + 1];

#define EXPECT(CLS, h, code)                            \
    do {                                                \
        CHECK_CODE(CLS, h, code);                       \
        if (CLS##_getLastErrorCode(h) == (code)) provoked[code] = 1; \
    } while (0)

/* A listening socket on 127.0.0.1 (any port); its URL with `path` goes into url. */
static int listen_local(char *url, size_t size, const char *path) {
    struct sockaddr_in addr;
    socklen_t len = sizeof addr;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(fd, 8) != 0 ||
        getsockname(fd, (struct sockaddr *)&addr, &len) != 0) {
        perror("test_error_codes: listen on 127.0.0.1");
        exit(2);
    }
    snprintf(url, size, "http://127.0.0.1:%d%s", ntohs(addr.sin_port), path);
    return fd;
}

/* Answers every connection with a line that is not HTTP, until the listener is shut down. */
static void *serve_garbage(void *arg) {
    int listener = *(int *)arg, connection;
    char request[4096];
    while ((connection = accept(listener, NULL, NULL)) >= 0) {
        static const char garbage[] = "this is not HTTP\r\n\r\n";
        if (recv(connection, request, sizeof request, 0) >= 0 && send(connection, garbage, sizeof garbage - 1, 0) < 0)
            perror("test_error_codes: garbage server");
        close(connection);
    }
    return NULL;
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void test_without_servers(const char *dir) {
    HCkPrivateKey key = CkPrivateKey_Create(), empty = CkPrivateKey_Create();
    HCkJsonObject json = CkJsonObject_Create();
    HCkHttp http = CkHttp_Create();
    HCkHttpResponse response = CkHttpResponse_Create();
    char path[1024];

    CHECK(strcmp(CkHttp_quickGetStr(http, "not a url"), "") == 0, "bad URL");
    EXPECT(CkHttp, http, DPOP_ERR_INVALID_ARGUMENT);
    CHECK(CkJsonObject_UpdateString(json, NULL, "x") == 0, "NULL path");
    EXPECT(CkJsonObject, json, DPOP_ERR_INVALID_ARGUMENT);

    CkJsonObject_Dispose(json);
    CHECK(CkJsonObject_UpdateString(json, "a", "b") == 0, "disposed object");
    EXPECT(CkJsonObject, json, DPOP_ERR_INVALID_HANDLE);
    json = CkJsonObject_Create();

    CHECK(CkHttp_SetDPoPKey(http, empty) == 0, "a key object without a key");
    EXPECT(CkHttp, http, DPOP_ERR_INVALID_STATE);
    CHECK(CkPrivateKey_LoadPem(key, "-----BEGIN EC PRIVATE KEY-----\ngarbage\n-----END EC PRIVATE KEY-----\n") == 0, "garbage PEM");
    EXPECT(CkPrivateKey, key, DPOP_ERR_KEY);
    CHECK(CkJsonObject_Load(json, "{not json") == 0, "invalid JSON");
    EXPECT(CkJsonObject, json, DPOP_ERR_JSON);
    CHECK(strcmp(CkJsonObject_stringOf(json, "missing"), "") == 0, "missing member");
    EXPECT(CkJsonObject, json, DPOP_ERR_NOT_FOUND);
    CHECK(strcmp(CkHttpResponse_getHeaderField(response, "Content-Type"), "") == 0, "missing header");
    EXPECT(CkHttpResponse, response, DPOP_ERR_NOT_FOUND);
    snprintf(path, sizeof path, "%s/no-such-dir/out.json", dir);
    CHECK(CkJsonObject_WriteFile(json, path) == 0, "write into a missing directory");
    EXPECT(CkJsonObject, json, DPOP_ERR_IO);
    CHECK(CkHttp_HttpNoBody(http, "CONNECT", "http://127.0.0.1:1/", response) == 0, "CONNECT");
    EXPECT(CkHttp, http, DPOP_ERR_UNSUPPORTED);

    CHECK(CkJsonObject_UpdateString(json, "a", "b") == 1, "a success");
    EXPECT(CkJsonObject, json, DPOP_OK);

    CkHttpResponse_Dispose(response);
    CkHttp_Dispose(http);
    CkJsonObject_Dispose(json);
    CkPrivateKey_Dispose(empty);
    CkPrivateKey_Dispose(key);
}

static void test_broken_servers(void) {
    char closed[128], silent[128], garbage[128];
    int closed_fd = listen_local(closed, sizeof closed, "/closed");
    int silent_fd = listen_local(silent, sizeof silent, "/silent"); /* never accepted */
    int garbage_fd = listen_local(garbage, sizeof garbage, "/garbage");
    pthread_t garbage_server;
    HCkHttp http = CkHttp_Create();
    double started, elapsed;

    close(closed_fd); /* nothing listens there any more */
    if (pthread_create(&garbage_server, NULL, serve_garbage, &garbage_fd) != 0) {
        perror("test_error_codes: pthread_create");
        exit(2);
    }

    CHECK(strcmp(CkHttp_quickGetStr(http, closed), "") == 0, "connection refused");
    EXPECT(CkHttp, http, DPOP_ERR_NETWORK);

    CkHttp_putConnectTimeout(http, 1);
    CkHttp_putReadTimeout(http, 1);
    started = now();
    CHECK(strcmp(CkHttp_quickGetStr(http, silent), "") == 0, "no answer");
    elapsed = now() - started;
    EXPECT(CkHttp, http, DPOP_ERR_TIMEOUT);
    CHECK(elapsed >= 1 && elapsed < 5, "gave up after %.1f s with 1 s timeouts", elapsed);

    CHECK(strcmp(CkHttp_quickGetStr(http, garbage), "") == 0, "garbage answer");
    EXPECT(CkHttp, http, DPOP_ERR_PROTOCOL);

    shutdown(garbage_fd, SHUT_RDWR); /* wakes accept() */
    pthread_join(garbage_server, NULL);
    close(garbage_fd);
    close(silent_fd);
    CkHttp_Dispose(http);
}

static void test_with_servers(HCkJsonObject servers) {
    char url[1024], client[2048];
    HCkHttp http = CkHttp_Create();
    HCkPrivateKey key = CkPrivateKey_Create();

    snprintf(url, sizeof url, "%s", CkJsonObject_stringOf(servers, "resource_https"));
    CHECK(strcmp(CkHttp_quickGetStr(http, url), "") == 0, "HTTPS without TrustedCaFile");
    EXPECT(CkHttp, http, DPOP_ERR_TLS);

    snprintf(url, sizeof url, "%s", CkJsonObject_stringOf(servers, "resource"));
    CHECK(contains(CkHttp_quickGetStr(http, url), "unauthorized"), "no token: 401, its body returned");
    EXPECT(CkHttp, http, DPOP_ERR_HTTP_STATUS);
    CHECK(CkHttp_getLastStatus(http) == 401, "status %d", CkHttp_getLastStatus(http));

    snprintf(client, sizeof client,
             "{\"client_secret\":\"not-the-secret\",\"client_id\":\"m2m.dpop\",\"token_endpoint\":\"%s\",\"scope\":\"api\"}",
             CkJsonObject_stringOf(servers, "token_endpoint"));
    CHECK(CkPrivateKey_GenerateEcKey(key, "P-256") == 1, "generate");
    CHECK(CkHttp_SetDPoPKey(http, key) == 1, "SetDPoPKey");
    CkHttp_putAuthToken(http, client);
    CHECK(strcmp(CkHttp_quickGetStr(http, url), "") == 0, "wrong client secret");
    EXPECT(CkHttp, http, DPOP_ERR_OAUTH);

    CkPrivateKey_Dispose(key);
    CkHttp_Dispose(http);
}

/* private_key_jwt (RFC 7523): the client m2m.jwt authenticates with an assertion signed by its
 * own key file (client_key, from the servers' ready line), then with a key the server does not
 * know, which it refuses (invalid_client). */
static void test_private_key_jwt(HCkJsonObject servers) {
    char url[1024];
    HCkHttp http = CkHttp_Create();
    HCkPrivateKey key = CkPrivateKey_Create(), stranger = CkPrivateKey_Create();
    HCkJsonObject client = CkJsonObject_Create();
    const char *body;

    CHECK(CkPrivateKey_GenerateEcKey(key, "P-256") == 1, "generate");
    CHECK(CkHttp_SetDPoPKey(http, key) == 1, "SetDPoPKey");
    CkJsonObject_UpdateString(client, "client_id", "m2m.jwt");
    CkJsonObject_UpdateString(client, "token_endpoint", CkJsonObject_stringOf(servers, "token_endpoint"));
    CkJsonObject_UpdateString(client, "scope", "api");
    CkJsonObject_UpdateString(client, "client_key", CkJsonObject_stringOf(servers, "client_keys.ec.file"));
    CkHttp_putAuthToken(http, CkJsonObject_emit(client));
    CHECK_CODE(CkHttp, http, DPOP_OK);
    snprintf(url, sizeof url, "%s", CkJsonObject_stringOf(servers, "resource"));
    body = CkHttp_quickGetStr(http, url);
    CHECK_CODE(CkHttp, http, DPOP_OK);
    CHECK(contains(body, "\"client_id\":\"m2m.jwt\""), "private_key_jwt: %s", body);

    CHECK(CkPrivateKey_GenerateEcKey(stranger, "P-256") == 1, "generate");
    CkJsonObject_UpdateString(client, "client_key", CkPrivateKey_getJwk(stranger));
    CkHttp_putAuthToken(http, CkJsonObject_emit(client));
    CHECK_CODE(CkHttp, http, DPOP_OK);
    CHECK(strcmp(CkHttp_quickGetStr(http, url), "") == 0, "an unknown client key");
    EXPECT(CkHttp, http, DPOP_ERR_OAUTH);
    CHECK(contains(CkHttp_lastErrorText(http), "invalid_client"), "%s", CkHttp_lastErrorText(http));
    CHECK(!contains(CkHttp_lastErrorText(http), "eyJ"), "no assertion: %s", CkHttp_lastErrorText(http));

    CkJsonObject_Dispose(client);
    CkPrivateKey_Dispose(stranger);
    CkPrivateKey_Dispose(key);
    CkHttp_Dispose(http);
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : "/tmp";
    const char *ready = getenv("DPOP_TEST_SERVERS");
    HCkJsonObject servers = CkJsonObject_Create();
    int code;

    if (ready == NULL || !CkJsonObject_Load(servers, ready)) {
        fprintf(stderr, "test_error_codes: run me under tests/server/with-servers.sh (DPOP_TEST_SERVERS)\n");
        return 2;
    }
    test_without_servers(dir);
    test_broken_servers();
    test_with_servers(servers);
    test_private_key_jwt(servers);
    CkJsonObject_Dispose(servers);

    for (code = DPOP_ERR_INVALID_ARGUMENT; code < DPOP_ERR_INTERNAL; code++)
        CHECK(provoked[code], "no test provoked error code %d", code);
    return check_summary();
}
