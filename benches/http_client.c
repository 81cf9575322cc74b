/*
 * Client-side cost of libdpop's Http object from C, against the local resource server
 * (tests/server): CPU time of this process only (getrusage), never wall time, so the servers'
 * work does not count. Every request must answer 200, or the program stops with the error.
 *
 *   http_client requests KEY TOKEN_ENDPOINT RESOURCE CLIENT_ID SECRET SCOPE N WARMUP ROUNDS
 *       One Http object (one token, one keep-alive connection). WARMUP requests first (they
 *       fetch the token and answer the nonce challenge), then N requests in ROUNDS rounds.
 *       Prints one JSON line: CPU ms per request per round and overall, wall time, VmRSS
 *       after the warm-up and after the N requests (plus samples at every tenth), VmHWM.
 *
 *   http_client objects KEY TOKEN_ENDPOINT RESOURCE CLIENT_ID SECRET SCOPE N
 *       N short-lived Http objects in a loop: create, SetDPoPKey, AuthToken, one QuickGetStr,
 *       Dispose. They share the process-wide token cache, so the authorization server should
 *       see exactly one token issued (the caller checks its stats). Prints CPU ms per object.
 *
 *   http_client threads KEY TOKEN_ENDPOINT RESOURCE CLIENT_ID SECRET SCOPE THREADS N
 *       THREADS threads, each with its own Http object (one token and the connections shared
 *       process-wide), N requests in all after one warm-up request each. Prints requests per
 *       second (wall) and this process's CPU ms per request.
 *
 *   http_client soak KEY TOKEN_ENDPOINT RESOURCE CLIENT_ID SECRET SCOPE THREADS SECONDS
 *       THREADS threads with an Http object each send requests for SECONDS seconds; a failed
 *       request is counted (and its error printed once), not fatal. Prints the counts and, at
 *       every tenth of the time, VmRSS and the number of open file descriptors.
 *
 *   http_client first KEY TOKEN_ENDPOINT RESOURCE CLIENT_ID SECRET SCOPE
 *       A process's whole life as a scheduled job lives it: load the key, one Http object, one
 *       request (token included), exit. Prints nothing but errors (for instruction counts).
 *
 *   BENCH_SESSION_LOG=FILE sets every Http object's SessionLogFilename (as the seeds do).
 *   BENCH_CLIENT_KEY=FILE authenticates the client with private_key_jwt instead of its SECRET:
 *   assertions signed with the key in FILE, or with the DPoP key (KEY) when FILE is "dpop".
 *
 *   http_client calls N
 *       The cost of crossing the C ABI: N calls of a property getter (registry lookup of the
 *       handle, its mutex, the panic boundary) on a live handle, then on a disposed one, with
 *       16 live handles of other objects around. No server needed. Prints ns per call.
 *
 * Build: cc -O2 -std=c11 -Iinclude benches/http_client.c -Ltarget/release -ldpop
 */
#define _GNU_SOURCE
#include "dpop.h"

#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static const char *key_path, *token_endpoint, *resource, *client_id, *client_secret, *scope;
static HCkPrivateKey key;
static char *auth_json;

static double cpu_ms(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 + (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

static double sys_ms(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_stime.tv_sec * 1e3 + (double)ru.ru_stime.tv_usec / 1e3;
}

static double wall_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A field of /proc/self/status in kB ("VmRSS", "VmHWM"), -1 if unavailable. */
static long status_kb(const char *field) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    size_t n = strlen(field);
    if (!f) return -1;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, field, n) == 0 && line[n] == ':') {
            kb = strtol(line + n + 1, NULL, 10);
            break;
        }
    }
    fclose(f);
    return kb;
}

static void die(const char *what, const char *detail) {
    fprintf(stderr, "http_client: %s: %s\n", what, detail);
    exit(1);
}

static HCkHttp new_http(void) {
    HCkHttp http = CkHttp_Create();
    if (!http) die("CkHttp_Create", "NULL");
    if (!CkHttp_SetDPoPKey(http, key)) die("SetDPoPKey", CkHttp_lastErrorText(http));
    CkHttp_putAuthToken(http, auth_json);
    if (!CkHttp_getLastMethodSuccess(http)) die("AuthToken", CkHttp_lastErrorText(http));
    const char *log = getenv("BENCH_SESSION_LOG");
    if (log) CkHttp_putSessionLogFilename(http, log);
    return http;
}

static void get(HCkHttp http) {
    CkHttp_quickGetStr(http, resource);
    if (!CkHttp_getLastMethodSuccess(http) || CkHttp_getLastStatus(http) != 200) {
        char status[64];
        snprintf(status, sizeof status, "status %d", CkHttp_getLastStatus(http));
        die(status, CkHttp_lastErrorText(http));
    }
}

static void setup(char **argv) {
    key_path = argv[2];
    token_endpoint = argv[3];
    resource = argv[4];
    client_id = argv[5];
    client_secret = argv[6];
    scope = argv[7];
    key = CkPrivateKey_Create();
    if (!CkPrivateKey_LoadAnyFormatFile(key, key_path, "")) die(key_path, CkPrivateKey_lastErrorText(key));
    HCkJsonObject json = CkJsonObject_Create();
    CkJsonObject_UpdateString(json, "token_endpoint", token_endpoint);
    CkJsonObject_UpdateString(json, "client_id", client_id);
    const char *client_key = getenv("BENCH_CLIENT_KEY");
    if (client_key) {
        CkJsonObject_UpdateString(json, "client_auth", "private_key_jwt");
        if (strcmp(client_key, "dpop") != 0) CkJsonObject_UpdateString(json, "client_key", client_key);
    } else {
        CkJsonObject_UpdateString(json, "client_secret", client_secret);
    }
    CkJsonObject_UpdateString(json, "scope", scope);
    auth_json = strdup(CkJsonObject_emit(json));
    CkJsonObject_Dispose(json);
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int run_requests(long n, long warmup, int rounds) {
    HCkHttp http = new_http();
    for (long i = 0; i < warmup; i++) get(http);
    long rss_before = status_kb("VmRSS");
    long rss_samples[10];
    int samples = 0;
    long per_round = n / rounds, done = 0, next_sample = n / 10;
    double *round_ms = calloc((size_t)rounds, sizeof *round_ms);
    double cpu_start = cpu_ms(), sys_start = sys_ms(), wall_start = wall_s();
    for (int r = 0; r < rounds; r++) {
        long count = r == rounds - 1 ? n - done : per_round;
        double c0 = cpu_ms();
        for (long i = 0; i < count; i++) {
            get(http);
            if (++done == next_sample && samples < 10) {
                /* reading /proc costs a little CPU; at most 10 times per run */
                rss_samples[samples++] = status_kb("VmRSS");
                next_sample += n / 10;
                fprintf(stderr, "  ... %ld/%ld requests, VmRSS %ld kB\n", done, n, rss_samples[samples - 1]);
            }
        }
        round_ms[r] = (cpu_ms() - c0) / (double)count;
    }
    double cpu_total = cpu_ms() - cpu_start, sys_total = sys_ms() - sys_start, wall_total = wall_s() - wall_start;
    long rss_after = status_kb("VmRSS");
    CkHttp_Dispose(http);

    double *sorted = malloc((size_t)rounds * sizeof *sorted);
    memcpy(sorted, round_ms, (size_t)rounds * sizeof *sorted);
    qsort(sorted, (size_t)rounds, sizeof *sorted, by_value);
    printf("{\"mode\":\"requests\",\"requests\":%ld,\"warmup\":%ld,\"cpu_ms_per_request\":%.5f,"
           "\"cpu_ms_per_request_median_round\":%.5f,\"cpu_ms_per_request_min_round\":%.5f,"
           "\"cpu_ms_per_request_max_round\":%.5f,\"sys_ms_per_request\":%.5f,\"wall_s\":%.3f,\"cpu_s\":%.3f,"
           "\"rss_kb_before\":%ld,\"rss_kb_after\":%ld,\"rss_kb_peak\":%ld,\"rss_kb_samples\":[",
           n, warmup, cpu_total / (double)n, (sorted[(rounds - 1) / 2] + sorted[rounds / 2]) / 2, sorted[0], sorted[rounds - 1], sys_total / (double)n, wall_total,
           cpu_total / 1e3, rss_before, rss_after, status_kb("VmHWM"));
    for (int i = 0; i < samples; i++) printf("%s%ld", i ? "," : "", rss_samples[i]);
    printf("],\"cpu_ms_per_request_rounds\":[");
    for (int r = 0; r < rounds; r++) printf("%s%.4f", r ? "," : "", round_ms[r]);
    printf("]}\n");
    free(sorted);
    free(round_ms);
    return 0;
}

static int run_objects(long n) {
    double c0 = cpu_ms(), w0 = wall_s(), c1 = c0;
    for (long i = 0; i < n; i++) {
        HCkHttp http = new_http();
        get(http);
        CkHttp_Dispose(http);
        if (i == 0) c1 = cpu_ms(); /* the first object fetched the token */
    }
    double c2 = cpu_ms();
    printf("{\"mode\":\"objects\",\"objects\":%ld,\"cpu_ms_first_object\":%.3f,\"cpu_ms_per_object\":%.4f,\"wall_s\":%.3f}\n",
           n, c1 - c0, n > 1 ? (c2 - c1) / (double)(n - 1) : 0.0, wall_s() - w0);
    return 0;
}

struct worker {
    HCkHttp http;
    long requests;
};

static void *work(void *arg) {
    struct worker *w = arg;
    for (long i = 0; i < w->requests; i++) get(w->http);
    return NULL;
}

static int run_threads(int threads, long n) {
    struct worker *workers = calloc((size_t)threads, sizeof *workers);
    pthread_t *ids = calloc((size_t)threads, sizeof *ids);
    for (int t = 0; t < threads; t++) {
        workers[t].http = new_http();
        workers[t].requests = n / threads + (t < n % threads);
        get(workers[t].http); /* warm-up: token, nonces, a connection */
    }
    double c0 = cpu_ms(), w0 = wall_s();
    for (int t = 0; t < threads; t++) pthread_create(&ids[t], NULL, work, &workers[t]);
    for (int t = 0; t < threads; t++) pthread_join(ids[t], NULL);
    double cpu = cpu_ms() - c0, wall = wall_s() - w0;
    for (int t = 0; t < threads; t++) CkHttp_Dispose(workers[t].http);
    printf("{\"mode\":\"threads\",\"threads\":%d,\"requests\":%ld,\"requests_per_s\":%.1f,\"cpu_ms_per_request\":%.4f,\"wall_s\":%.3f}\n",
           threads, n, (double)n / wall, cpu / (double)n, wall);
    free(workers);
    free(ids);
    return 0;
}

/* Open file descriptors of this process. */
static long open_fds(void) {
    long n = 0;
    DIR *dir = opendir("/proc/self/fd");
    if (!dir) return -1;
    while (readdir(dir)) n++;
    closedir(dir);
    return n - 3; /* ".", ".." and the directory's own descriptor */
}

struct soaker {
    HCkHttp http;
    double until;
    long ok, failed;
};

static pthread_mutex_t soak_print = PTHREAD_MUTEX_INITIALIZER;

static void *soak_work(void *arg) {
    struct soaker *s = arg;
    while (wall_s() < s->until) {
        CkHttp_quickGetStr(s->http, resource);
        if (CkHttp_getLastMethodSuccess(s->http) && CkHttp_getLastStatus(s->http) == 200) {
            s->ok++;
        } else {
            pthread_mutex_lock(&soak_print);
            if (s->failed++ == 0) fprintf(stderr, "soak: failed: %s\n", CkHttp_lastErrorText(s->http));
            pthread_mutex_unlock(&soak_print);
        }
    }
    return NULL;
}

static int run_soak(int threads, double seconds) {
    struct soaker *soakers = calloc((size_t)threads, sizeof *soakers);
    pthread_t *ids = calloc((size_t)threads, sizeof *ids);
    double start = wall_s(), until = start + seconds;
    for (int t = 0; t < threads; t++) {
        soakers[t].http = new_http();
        soakers[t].until = until;
        pthread_create(&ids[t], NULL, soak_work, &soakers[t]);
    }
    long rss[10], fds[10];
    for (int i = 0; i < 10; i++) {
        while (wall_s() < start + seconds * (i + 1) / 10) {
            struct timespec pause = {0, 200 * 1000 * 1000};
            nanosleep(&pause, NULL);
        }
        rss[i] = status_kb("VmRSS");
        fds[i] = open_fds();
        fprintf(stderr, "  ... %d/10: VmRSS %ld kB, %ld open descriptors\n", i + 1, rss[i], fds[i]);
    }
    long ok = 0, failed = 0;
    for (int t = 0; t < threads; t++) {
        pthread_join(ids[t], NULL);
        ok += soakers[t].ok;
        failed += soakers[t].failed;
        CkHttp_Dispose(soakers[t].http);
    }
    printf("{\"mode\":\"soak\",\"threads\":%d,\"seconds\":%.0f,\"ok\":%ld,\"failed\":%ld,\"rss_kb\":[", threads, seconds, ok, failed);
    for (int i = 0; i < 10; i++) printf("%s%ld", i ? "," : "", rss[i]);
    printf("],\"open_fds\":[");
    for (int i = 0; i < 10; i++) printf("%s%ld", i ? "," : "", fds[i]);
    printf("]}\n");
    free(soakers);
    free(ids);
    return 0;
}

/* CPU ns per call of `getter` on `http`, over n calls. */
static double ns_per_call(int (*getter)(HCkHttp), HCkHttp http, long n) {
    volatile int sink = 0;
    double c0 = cpu_ms();
    for (long i = 0; i < n; i++) sink += getter(http);
    (void)sink;
    return (cpu_ms() - c0) * 1e6 / (double)n;
}

static int run_calls(long n) {
    HCkHttp others[16];
    for (int i = 0; i < 16; i++) others[i] = CkHttp_Create();
    HCkHttp live = CkHttp_Create(), disposed = CkHttp_Create();
    CkHttp_Dispose(disposed);
    double live_ns = ns_per_call(CkHttp_getLastStatus, live, n);
    double disposed_ns = ns_per_call(CkHttp_getLastStatus, disposed, n);
    if (CkHttp_getLastErrorCode(disposed) != DPOP_ERR_INVALID_HANDLE) die("disposed handle", "not refused");
    CkHttp_Dispose(live);
    for (int i = 0; i < 16; i++) CkHttp_Dispose(others[i]);
    printf("{\"mode\":\"calls\",\"calls\":%ld,\"ns_per_call_live\":%.1f,\"ns_per_call_disposed\":%.1f}\n", n, live_ns, disposed_ns);
    return 0;
}

int main(int argc, char **argv) {
    if (argc >= 3 && strcmp(argv[1], "calls") == 0) {
        long n = atol(argv[2]);
        if (n < 1) die("arguments", "need N >= 1");
        return run_calls(n);
    }
    if (argc >= 11 && strcmp(argv[1], "requests") == 0) {
        setup(argv);
        long n = atol(argv[8]), warmup = atol(argv[9]);
        int rounds = atoi(argv[10]);
        if (n < 1 || warmup < 1 || rounds < 1 || rounds > n) die("arguments", "need N >= ROUNDS >= 1 and WARMUP >= 1");
        return run_requests(n, warmup, rounds);
    }
    if (argc >= 8 && strcmp(argv[1], "first") == 0) {
        setup(argv);
        HCkHttp http = new_http();
        get(http);
        CkHttp_Dispose(http);
        return 0;
    }
    if (argc >= 10 && strcmp(argv[1], "soak") == 0) {
        setup(argv);
        int threads = atoi(argv[8]);
        double seconds = atof(argv[9]);
        if (threads < 1 || seconds < 1) die("arguments", "need THREADS >= 1 and SECONDS >= 1");
        return run_soak(threads, seconds);
    }
    if (argc >= 10 && strcmp(argv[1], "threads") == 0) {
        setup(argv);
        int threads = atoi(argv[8]);
        long n = atol(argv[9]);
        if (threads < 1 || n < threads) die("arguments", "need N >= THREADS >= 1");
        return run_threads(threads, n);
    }
    if (argc >= 9 && strcmp(argv[1], "objects") == 0) {
        setup(argv);
        long n = atol(argv[8]);
        if (n < 1) die("arguments", "need N >= 1");
        return run_objects(n);
    }
    fprintf(stderr,
            "usage: %s requests KEY TOKEN_ENDPOINT RESOURCE CLIENT_ID SECRET SCOPE N WARMUP ROUNDS\n"
            "       %s objects  KEY TOKEN_ENDPOINT RESOURCE CLIENT_ID SECRET SCOPE N\n"
            "       %s threads  KEY TOKEN_ENDPOINT RESOURCE CLIENT_ID SECRET SCOPE THREADS N\n"
            "       %s soak     KEY TOKEN_ENDPOINT RESOURCE CLIENT_ID SECRET SCOPE THREADS SECONDS\n"
            "       %s first    KEY TOKEN_ENDPOINT RESOURCE CLIENT_ID SECRET SCOPE\n"
            "       %s calls    N\n",
            argv[0], argv[0], argv[0], argv[0], argv[0], argv[0]);
    return 2;
}
