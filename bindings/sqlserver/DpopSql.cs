// DpopSql.cs: the SQL Server CLR entry points (see install.sql).
//
//   dbo.DpopGet(@keyPath, @keyPassword, @authJson, @url) RETURNS nvarchar(max)
//       the body of a DPoP-protected GET, NULL on failure.
//   dbo.DpopRequest(@keyPath, @keyPassword, @authJson, @url, @status int OUTPUT,
//                   @body nvarchar(max) OUTPUT, @error nvarchar(max) OUTPUT, @errorCode int OUTPUT)
//       the same GET with the HTTP status, the body (also of an error status) and why it failed:
//       in words (NULL on success) and as a number to branch on (ErrorCode, 0 on success).
//   dbo.DpopVersion() RETURNS nvarchar(20)
//       the version of the loaded dpop.dll.
//
// @authJson is Chilkat's AuthToken: {"token_endpoint":..,"client_id":..,"client_secret":..,
// "scope":..}. Every call uses a new Http object; libdpop caches tokens per client and key
// process-wide, so repeated calls fetch one token until it expires. Loaded keys are reused while
// the key file's bytes are unchanged (KeyCache, which keeps SHA-256 digests of the file and the
// password, not the secrets themselves). @keyPassword NULL means an unencrypted key.
// Library load errors (dpop.dll not found) raise a T-SQL error.
using System;
using System.Collections.Generic;
using System.Data.SqlTypes;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using Microsoft.SqlServer.Server;

namespace LibDpop
{
    public static class DpopSql
    {
        [SqlFunction(IsDeterministic = false, IsPrecise = true, DataAccess = DataAccessKind.None)]
        [return: SqlFacet(MaxSize = -1)]
        public static SqlString DpopGet(SqlString keyPath, SqlString keyPassword, SqlString authJson, SqlString url)
        {
            Result r = Get(keyPath, keyPassword, authJson, url);
            return r.Error == null ? new SqlString(r.Body) : SqlString.Null;
        }

        [SqlProcedure]
        public static void DpopRequest(SqlString keyPath, SqlString keyPassword, SqlString authJson, SqlString url,
            out SqlInt32 status, [SqlFacet(MaxSize = -1)] out SqlString body, [SqlFacet(MaxSize = -1)] out SqlString error,
            out SqlInt32 errorCode)
        {
            Result r = Get(keyPath, keyPassword, authJson, url);
            status = r.Status;
            body = r.Body == null ? SqlString.Null : new SqlString(r.Body);
            error = r.Error == null ? SqlString.Null : new SqlString(r.Error);
            errorCode = (int)r.Code;
        }

        [SqlFunction(IsDeterministic = false, IsPrecise = true, DataAccess = DataAccessKind.None)]
        [return: SqlFacet(MaxSize = 20)]
        public static SqlString DpopVersion()
        {
            return new SqlString(Library.Version);
        }

        private sealed class Result
        {
            public int Status;
            public string Body;     // null when no response arrived
            public string Error;    // null on success
            public ErrorCode Code;  // Ok on success
        }

        private static Result Get(SqlString keyPath, SqlString keyPassword, SqlString authJson, SqlString url)
        {
            string keyError;
            ErrorCode keyCode;
            PrivateKey key = KeyCache.Get(Text(keyPath), keyPassword.IsNull ? "" : keyPassword.Value, out keyError, out keyCode);
            if (key == null)
                return new Result { Error = keyError, Code = keyCode };
            using (Http http = new Http())
            {
                if (!http.SetDPoPKey(key)) // copies the key
                    return Failure(http);
                http.AuthToken = Text(authJson);
                if (!http.LastMethodSuccess)
                    return Failure(http);
                string body = http.QuickGetStr(Text(url));
                Result r = http.LastMethodSuccess ? new Result() : Failure(http);
                r.Status = http.LastStatus;
                // After an error status the body is LastResponseBody; with no response there is none.
                r.Body = r.Error == null ? body : r.Status == 0 ? null : http.LastResponseBody;
                return r;
            }
        }

        private static Result Failure(Http http)
        {
            return new Result { Error = http.LastErrorText, Code = http.LastErrorCode };
        }

        /// <summary>Loaded keys per (path, password), reused while the file holds the same bytes, so
        /// that a replaced key file takes effect on the next call. Keys are shared and never disposed
        /// here: a replaced or evicted key is freed (and zeroized) by its SafeHandle's finalizer, so
        /// no call can be using it. The cache holds SHA-256 digests of the password and of the
        /// file, never the password or the key file's bytes, and the buffers it reads are cleared.</summary>
        private static class KeyCache
        {
            private sealed class Entry
            {
                public byte[] FileDigest;
                public PrivateKey Key;
            }

            private const int MaxEntries = 64;
            /// <summary>Key files are a few KB; a larger one is not read here (LoadAnyFormatFile
            /// refuses it with its own error), so a wrong path cannot fill the server's memory.</summary>
            private const long MaxKeyFileBytes = 1024 * 1024;
            private static readonly Dictionary<string, Entry> entries = new Dictionary<string, Entry>();

            /// <summary>The key, or null with the library's error.</summary>
            internal static PrivateKey Get(string path, string password, out string error, out ErrorCode code)
            {
                error = null;
                code = ErrorCode.Ok;
                byte[] fileDigest = FileDigestOrNull(path);
                string id = path + "\n" + Convert.ToBase64String(Digest(Encoding.UTF8.GetBytes(password ?? "")));
                Entry entry;
                lock (entries)
                {
                    if (fileDigest != null && entries.TryGetValue(id, out entry) && Same(entry.FileDigest, fileDigest))
                        return entry.Key;
                }
                PrivateKey key = new PrivateKey();
                if (!key.LoadAnyFormatFile(path, password))
                {
                    error = key.LastErrorText;
                    code = key.LastErrorCode;
                    key.Dispose();
                    return null;
                }
                if (fileDigest != null)
                {
                    lock (entries)
                    {
                        if (entries.Count >= MaxEntries) entries.Clear();
                        entries[id] = new Entry { FileDigest = fileDigest, Key = key };
                    }
                }
                return key;
            }

            /// <summary>The SHA-256 digest of the file; null when it cannot be read or is larger
            /// than MaxKeyFileBytes (LoadAnyFormatFile then says why).</summary>
            private static byte[] FileDigestOrNull(string path)
            {
                if (path == null) return null;
                try
                {
                    using (FileStream file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
                    {
                        if (file.Length > MaxKeyFileBytes) return null;
                        byte[] bytes = new byte[file.Length];
                        int read = 0, n;
                        while (read < bytes.Length && (n = file.Read(bytes, read, bytes.Length - read)) > 0)
                            read += n;
                        return read == bytes.Length ? Digest(bytes) : null;
                    }
                }
                catch (Exception) { return null; }
            }

            /// <summary>The SHA-256 digest of `bytes`, which are cleared: they are a password or a
            /// private key.</summary>
            private static byte[] Digest(byte[] bytes)
            {
                try
                {
                    using (SHA256 sha = SHA256.Create())
                        return sha.ComputeHash(bytes);
                }
                finally { Array.Clear(bytes, 0, bytes.Length); }
            }

            private static bool Same(byte[] a, byte[] b)
            {
                if (a.Length != b.Length) return false;
                for (int i = 0; i < a.Length; i++)
                    if (a[i] != b[i]) return false;
                return true;
            }
        }

        /// <summary>null for SQL NULL: the library then names the missing argument in its error.</summary>
        private static string Text(SqlString s) { return s.IsNull ? null : s.Value; }
    }
}
