/* Concurrency from C through pthreads, the way a C program (or a SQL Server / PureBasic host) uses
 * the library: 32 threads with a CkHttp each plus 8 threads sharing ONE CkHttp, all with the same
 * key and client, against the local servers (DPoP nonces on). Built by scripts/tsan.sh with
 * -fsanitize=thread; also fine without it.
 *
 *   concurrency TOKEN_ENDPOINT RESOURCE_URL ECHO_URL REQUESTS_PER_THREAD [--read-shared]
 *
 * Prints one summary line; exits 1 if any request failed. The token count is checked by the
 * caller through the servers' admin API.
 *
 * A string returned on a handle is valid until the next string-returning call on that handle
 * (dpop.h), so threads sharing a handle must not read what CkHttp_quickGetStr returns: another
 * thread's call may free it at any moment. The shared threads here only check the GETs through
 * the server's counters, and check their POSTs through the CkHttpResponse each call returns
 * (owned by the calling thread). --read-shared reads the shared handle's strings anyway, to show
 * what ThreadSanitizer says about that misuse; it is not part of the test. */
#define _POSIX_C_SOURCE 200809L
#include "dpop.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define OWN_THREADS 32
#define SHARED_THREADS 8
#define THREADS (OWN_THREADS + SHARED_THREADS)
#define MAX_REPORTED 20

static const char *resource_url, *echo_url;
static char client_json[2048], private_jwk[1024], jkt_member[128];
static int per_thread, read_shared;
static HCkHttp shared;
static pthread_barrier_t start_line;
static atomic_int failures, checked_ok, unchecked, reported, clobbered;

static void fail(int thread, int i, const char *what, const char *detail) {
    atomic_fetch_add(&failures, 1);
    if (atomic_fetch_add(&reported, 1) < MAX_REPORTED) {
        fprintf(stderr, "thread %d request %d: %s: %.300s\n", thread, i, what, detail);
    }
}

/* A CkHttp set up as in the seed flow; NULL (after a message) if that fails. */
static HCkHttp new_http(void) {
    HCkPrivateKey key = CkPrivateKey_Create();
    HCkHttp http = CkHttp_Create();
    if (key == NULL || http == NULL || !CkPrivateKey_LoadJwk(key, private_jwk)) {
        fprintf(stderr, "setup: cannot load the key: %s\n", CkPrivateKey_lastErrorText(key));
        return NULL;
    }
    if (!CkHttp_SetDPoPKey(http, key)) {
        fprintf(stderr, "setup: SetDPoPKey: %s\n", CkHttp_lastErrorText(http));
        return NULL;
    }
    CkPrivateKey_Dispose(key);
    CkHttp_putAuthToken(http, client_json);
    if (!CkHttp_getLastMethodSuccess(http)) {
        fprintf(stderr, "setup: AuthToken: %s\n", CkHttp_lastErrorText(http));
        return NULL;
    }
    return http;
}

/* The resource server's answer to one of our requests: ok, DPoP, our key. */
static int good_body(const char *body) {
    return strstr(body, "\"ok\":true") != NULL && strstr(body, "\"token_type\":\"DPoP\"") != NULL && strstr(body, jkt_member) != NULL;
}

static void *own_thread(void *arg) {
    int t = (int)(size_t)arg;
    HCkHttp http = new_http();
    pthread_barrier_wait(&start_line);
    for (int i = 0; i < per_thread; i++) {
        if (http == NULL) {
            fail(t, i, "no Http object", "setup failed");
            continue;
        }
        /* This thread alone uses the handle: the returned string stays valid until its next call. */
        const char *body = CkHttp_quickGetStr(http, resource_url);
        int success = CkHttp_getLastMethodSuccess(http), status = CkHttp_getLastStatus(http);
        if (!success) {
            fail(t, i, "QuickGetStr failed", CkHttp_lastErrorText(http));
        } else if (status != 200 || !good_body(body)) {
            fail(t, i, "unexpected answer", body);
        } else {
            atomic_fetch_add(&checked_ok, 1);
        }
    }
    CkHttp_Dispose(http);
    return NULL;
}

static void *shared_thread(void *arg) {
    int t = (int)(size_t)arg;
    char sent[128], expected[160];
    pthread_barrier_wait(&start_line);
    for (int i = 0; i < per_thread; i++) {
        if (i % 2 == 0) {
            const char *body = CkHttp_quickGetStr(shared, resource_url);
            if (read_shared) {
                /* The misuse --read-shared demonstrates: by the time this thread reads the
                 * string, another thread's call on the handle may have freed it. The pause
                 * makes that likely instead of rare. */
                struct timespec pause = {0, 30 * 1000 * 1000};
                nanosleep(&pause, NULL);
                if (strstr(body, "\"method\":\"GET\"") == NULL) atomic_fetch_add(&clobbered, 1);
            }
            atomic_fetch_add(&unchecked, 1);
            continue;
        }
        snprintf(sent, sizeof sent, "{\"thread\":%d,\"i\":%d}", t, i);
        snprintf(expected, sizeof expected, "\"body\":%s", sent);
        HCkHttpResponse response = CkHttp_PostJson2(shared, echo_url, "application/json", sent);
        if (response == NULL) {
            /* LastErrorText belongs to whichever call on the shared handle came last. */
            fail(t, i, "PostJson2", "no response");
            continue;
        }
        int status = CkHttpResponse_getStatusCode(response);
        const char *body = CkHttpResponse_bodyStr(response);
        if (status != 200 || !good_body(body)) {
            fail(t, i, "unexpected answer", body);
        } else if (strstr(body, expected) == NULL) {
            fail(t, i, "the answer to another request", body);
        } else {
            atomic_fetch_add(&checked_ok, 1);
        }
        CkHttpResponse_Dispose(response);
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 5) {
        fprintf(stderr, "usage: %s TOKEN_ENDPOINT RESOURCE_URL ECHO_URL REQUESTS_PER_THREAD [--read-shared]\n", argv[0]);
        return 2;
    }
    resource_url = argv[2];
    echo_url = argv[3];
    per_thread = atoi(argv[4]);
    read_shared = argc > 5 && strcmp(argv[5], "--read-shared") == 0;
    snprintf(client_json, sizeof client_json,
             "{\"client_secret\":\"secret\",\"client_id\":\"m2m.dpop\",\"token_endpoint\":\"%s\",\"scope\":\"api\"}", argv[1]);

    HCkPrivateKey key = CkPrivateKey_Create();
    if (!CkPrivateKey_GenerateEcKey(key, "P-256")) {
        fprintf(stderr, "GenerateEcKey: %s\n", CkPrivateKey_lastErrorText(key));
        return 1;
    }
    snprintf(private_jwk, sizeof private_jwk, "%s", CkPrivateKey_getJwk(key));
    snprintf(jkt_member, sizeof jkt_member, "\"jkt\":\"%s\"", CkPrivateKey_getJwkThumbprint(key, "SHA256"));
    CkPrivateKey_Dispose(key);
    if ((shared = new_http()) == NULL) return 1;

    pthread_t threads[THREADS];
    pthread_barrier_init(&start_line, NULL, THREADS + 1);
    for (int t = 0; t < THREADS; t++) {
        void *(*body)(void *) = t < OWN_THREADS ? own_thread : shared_thread;
        if (pthread_create(&threads[t], NULL, body, (void *)(size_t)t) != 0) {
            fprintf(stderr, "pthread_create failed\n");
            return 1;
        }
    }
    struct timespec t0, t1;
    pthread_barrier_wait(&start_line);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int t = 0; t < THREADS; t++) pthread_join(threads[t], NULL);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    pthread_barrier_destroy(&start_line);
    CkHttp_Dispose(shared);

    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    int total = THREADS * per_thread;
    printf("C: %d threads x %d requests = %d in %.1f s; client-checked ok %d, shared-handle GETs %d, failures %d\n", THREADS,
           per_thread, total, secs, atomic_load(&checked_ok), atomic_load(&unchecked), atomic_load(&failures));
    if (read_shared) {
        printf("--read-shared: %d of %d strings returned on the shared handle no longer held the GET answer when read "
               "30 ms later\n", atomic_load(&clobbered), atomic_load(&unchecked));
    }
    return atomic_load(&failures) == 0 && atomic_load(&checked_ok) + atomic_load(&unchecked) == total ? 0 : 1;
}
