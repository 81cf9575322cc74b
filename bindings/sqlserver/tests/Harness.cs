// Calls the SQL Server entry points (LibDpop.DpopSql) under Mono against the local test servers,
// as T-SQL would. Run by scripts/bindings-check.sh inside tests/server/with-servers.sh:
//
//   DPOP_TEST_SERVERS=... mono Harness.exe KEY_DIR VERSION
//
// KEY_DIR holds four P-256 keys: key.pem, key-other.pem, key-concurrent.pem and key-enc.pem
// (encrypted PKCS#8, password "harness-pw"); the tests that count tokens need keys not used before
// in this process. VERSION is the version dbo.DpopVersion must report (Cargo.toml's). Prints
// PASS/FAIL lines and a summary; exits 1 on any failure.
using System;
using System.Collections;
using System.Data.SqlTypes;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Reflection;
using System.Threading;
using LibDpop;

static class Harness
{
    static int passed, failed;

    static void Check(string name, bool ok, string detail)
    {
        if (ok) passed++; else failed++;
        Console.WriteLine((ok ? "PASS " : "FAIL ") + name + (ok ? "" : ": " + detail));
    }

    static string Show(SqlString s) { return s.IsNull ? "NULL" : s.Value; }

    static int Main(string[] args)
    {
        Func<string, string> keyFile = name => Path.Combine(Path.GetFullPath(args[0]), name);
        string key = keyFile("key.pem"), otherKey = keyFile("key-other.pem"), concurrentKey = keyFile("key-concurrent.pem");
        string encryptedKey = keyFile("key-enc.pem"), password = "harness-pw";
        string resource, statusBase, tokenEndpoint, clientId, secret;
        using (JsonObject servers = new JsonObject())
        {
            if (!servers.Load(Environment.GetEnvironmentVariable("DPOP_TEST_SERVERS")))
                throw new Exception("DPOP_TEST_SERVERS: " + servers.LastErrorText);
            resource = servers.StringOf("resource");
            statusBase = servers.StringOf("status_base");
            tokenEndpoint = servers.StringOf("token_endpoint");
            clientId = servers.StringOf("clients.dpop.client_id");
            secret = servers.StringOf("clients.dpop.client_secret");
            admin = servers.StringOf("admin");
        }
        string auth = AuthJson(tokenEndpoint, clientId, secret);

        SqlInt32 status, code;
        SqlString body, error;

        Check("DpopVersion is the library's version", Show(DpopSql.DpopVersion()) == args[1], Show(DpopSql.DpopVersion()));

        // The seed flow: the token is fetched with the client credentials, the GET carries DPoP.
        DpopSql.DpopRequest(key, SqlString.Null, auth, resource, out status, out body, out error, out code);
        Check("DpopRequest succeeds", status.Value == 200 && Show(body).Contains("\"ok\":true") && error.IsNull && code.Value == 0,
            "status " + status + ", body " + Show(body) + ", error " + Show(error) + ", code " + code);
        SqlString got = DpopSql.DpopGet(key, "", auth, resource);
        Check("DpopGet returns the body", Show(got).Contains("\"ok\":true"), Show(got));

        // A wrong secret must reach the AS (not be served a token cached for the right one).
        string wrongAuth = AuthJson(tokenEndpoint, clientId, "not-the-secret");
        DpopSql.DpopRequest(key, SqlString.Null, wrongAuth, resource, out status, out body, out error, out code);
        Check("wrong secret: error mentions invalid_client", Show(error).Contains("invalid_client"),
            "status " + status + ", error " + Show(error));
        Check("wrong secret: errorCode is DPOP_ERR_OAUTH", code.Value == (int)ErrorCode.Oauth, "code " + code);
        got = DpopSql.DpopGet(key, SqlString.Null, wrongAuth, resource);
        Check("wrong secret: DpopGet returns NULL", got.IsNull, Show(got));

        string missing = "/nonexistent/dir/dpop-key.pem";
        DpopSql.DpopRequest(missing, SqlString.Null, auth, resource, out status, out body, out error, out code);
        Check("bad key path: error names the path", Show(error).Contains(missing) && status.Value == 0 && body.IsNull,
            "status " + status + ", body " + Show(body) + ", error " + Show(error));
        Check("bad key path: errorCode is DPOP_ERR_IO", code.Value == (int)ErrorCode.Io, "code " + code);

        DpopSql.DpopRequest(key, SqlString.Null, auth, SqlString.Null, out status, out body, out error, out code);
        Check("NULL url: error names the argument", Show(error).Contains("'url'"), Show(error));
        Check("NULL url: errorCode is DPOP_ERR_INVALID_ARGUMENT", code.Value == (int)ErrorCode.InvalidArgument, "code " + code);

        DpopSql.DpopRequest(key, SqlString.Null, auth, statusBase + "404",
            out status, out body, out error, out code);
        Check("404: errorCode is DPOP_ERR_HTTP_STATUS, the body is kept",
            code.Value == (int)ErrorCode.HttpStatus && status.Value == 404 && !body.IsNull,
            "status " + status + ", code " + code + ", error " + Show(error));

        // UTF-8 both ways through the library.
        using (JsonObject json = new JsonObject())
        {
            string text = "Grüße, € and 😀";
            json.UpdateString("text", text);
            Check("UTF-8 round trip", json.StringOf("text") == text && json.Emit().Contains(text), json.Emit());
            Check("JsonObject.LastErrorCode after a success", json.LastErrorCode == ErrorCode.Ok, json.LastErrorCode.ToString());
            json.Load("{not json");
            Check("JsonObject.LastErrorCode after bad JSON", json.LastErrorCode == ErrorCode.Json, json.LastErrorCode.ToString());
        }

        using (WebClient web = new WebClient())
        {
            // A key file replaced between calls takes effect at once (DpopSql caches loaded keys).
            string rotating = keyFile("rotating-key.pem");
            File.Copy(key, rotating, true);
            string before = Show(DpopSql.DpopGet(rotating, "", auth, resource));
            web.UploadString(admin + "/reset", "POST", "");
            File.WriteAllBytes(rotating, File.ReadAllBytes(otherKey));
            string after = Show(DpopSql.DpopGet(rotating, "", auth, resource));
            int newTokens = Stats(web).IntOf("as.dpop.tokens_issued");
            Check("replaced key file is used on the next call", Jkt(before) != "" && Jkt(after) != "" && Jkt(before) != Jkt(after)
                && newTokens == 1, "before " + before + ", after " + after + ", tokens issued for the new key " + newTokens);

            // Sessions calling at once with a new key share one token request.
            web.UploadString(admin + "/reset", "POST", "");
            int concurrentOk = 0;
            Thread[] sessions = new Thread[8];
            for (int t = 0; t < sessions.Length; t++)
            {
                sessions[t] = new Thread(() =>
                {
                    for (int i = 0; i < 5; i++)
                        if (Show(DpopSql.DpopGet(concurrentKey, "", auth, resource)).Contains("\"ok\":true"))
                            Interlocked.Increment(ref concurrentOk);
                });
                sessions[t].Start();
            }
            foreach (Thread t in sessions) t.Join();
            using (JsonObject stats = Stats(web))
            {
                int issued = stats.IntOf("as.dpop.tokens_issued");
                Check("8 concurrent sessions x 5 calls succeed with one token", concurrentOk == 40 && issued == 1,
                    concurrentOk + " of 40 succeeded, tokens_issued " + issued);
            }

            // 1,000 calls with a key not used before fetch exactly one token (the library's cache).
            web.UploadString(admin + "/reset", "POST", "");
            Stopwatch clock = Stopwatch.StartNew();
            int ok = 0;
            for (int i = 0; i < 1000; i++)
            {
                got = DpopSql.DpopGet(encryptedKey, password, auth, resource);
                if (Show(got).Contains("\"ok\":true")) ok++;
                else if (i - ok < 3) Console.WriteLine("  call " + i + ": " + Show(got));
            }
            clock.Stop();
            using (JsonObject stats = Stats(web))
            {
                int issued = stats.IntOf("as.dpop.tokens_issued"), requests = stats.IntOf("as.dpop.token_requests");
                int successes = stats.IntOf("rs.successes");
                Check("1,000 DpopGet calls succeed", ok == 1000, ok + " of 1000 succeeded");
                Check("1,000 DpopGet calls fetch one token", issued == 1 && successes == 1000,
                    "tokens_issued " + issued + ", token_requests " + requests + ", rs.successes " + successes);
                Console.WriteLine("  1,000 calls in " + clock.ElapsedMilliseconds + " ms (" + requests + " token requests, "
                    + stats.IntOf("rs.requests") + " resource requests)");
            }
        }

        CheckKeyCache(password, new[] { key, otherKey, concurrentKey, encryptedKey, keyFile("rotating-key.pem") }, auth, resource);

        Console.WriteLine("sqlserver harness: " + passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    static string admin;

    /// <summary>DpopSql's key cache (private, read by reflection) after the calls above: it keeps
    /// digests, never the password or a key file's bytes, and does not read a file larger than a
    /// key file can be.</summary>
    static void CheckKeyCache(string password, string[] keyFiles, string auth, string resource)
    {
        const BindingFlags any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance;
        Type cache = typeof(DpopSql).GetNestedType("KeyCache", BindingFlags.NonPublic);
        IDictionary entries = (IDictionary)cache.GetField("entries", any).GetValue(null);
        string kept = "";
        lock (entries)
        {
            foreach (DictionaryEntry entry in entries)
            {
                if (((string)entry.Key).Contains(password)) kept += "the password in the cache key; ";
                foreach (FieldInfo field in entry.Value.GetType().GetFields(any))
                {
                    byte[] held = field.GetValue(entry.Value) as byte[];
                    foreach (string file in keyFiles)
                        if (held != null && held.SequenceEqual(File.ReadAllBytes(file))) kept += field.Name + " holds " + file + "; ";
                }
            }
            Check("the key cache holds neither the password nor a key file's bytes", entries.Count >= 4 && kept == "",
                entries.Count + " entries; " + kept);
        }

        // A file of 2 MiB that starts as a key: the cache does not read it, the library refuses it.
        string large = Path.Combine(Path.GetDirectoryName(keyFiles[0]), "large-key.pem");
        using (FileStream file = new FileStream(large, FileMode.Create))
        {
            byte[] pem = File.ReadAllBytes(keyFiles[0]);
            file.Write(pem, 0, pem.Length);
            file.SetLength(2 * 1024 * 1024);
        }
        MethodInfo digest = cache.GetMethod("FileDigestOrNull", any);
        Check("the key cache does not read a file over 1 MiB",
            digest != null && digest.Invoke(null, new object[] { large }) == null && digest.Invoke(null, new object[] { keyFiles[0] }) != null,
            digest == null ? "no KeyCache.FileDigestOrNull" : "a digest of the large file, or none of the key");
        SqlInt32 status, code;
        SqlString body, error;
        DpopSql.DpopRequest(large, SqlString.Null, auth, resource, out status, out body, out error, out code);
        Check("a key file over 1 MiB: DPOP_ERR_KEY, the error says it is too large",
            code.Value == (int)ErrorCode.Key && Show(error).Contains("larger than"), "code " + code + ", error " + Show(error));
    }

    static JsonObject Stats(WebClient web)
    {
        JsonObject stats = new JsonObject();
        if (!stats.Load(web.DownloadString(admin + "/stats"))) throw new Exception("stats: " + stats.LastErrorText);
        return stats;
    }

    /// <summary>The thumbprint of the key the token is bound to, as the resource server reports it.</summary>
    static string Jkt(string body)
    {
        using (JsonObject json = new JsonObject())
            return json.Load(body) ? json.StringOf("jkt") : "";
    }

    /// <summary>The AuthToken JSON of the seed, built with the library's JsonObject as the seed does.</summary>
    static string AuthJson(string tokenEndpoint, string clientId, string secret)
    {
        using (JsonObject json = new JsonObject())
        {
            json.UpdateString("client_secret", secret);
            json.UpdateString("client_id", clientId);
            json.UpdateString("token_endpoint", tokenEndpoint);
            json.UpdateString("scope", "api");
            return json.Emit();
        }
    }
}
