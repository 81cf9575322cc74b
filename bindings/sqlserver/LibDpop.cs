// LibDpop.cs: libdpop (include/dpop.h) for .NET Framework 4.x, as needed by SQL Server CLR.
//
// Native: the P/Invoke declarations this assembly uses (checked against dpop.h by
// bindings/sqlserver/check.py). Handles are SafeHandles, so the native objects are freed
// exactly once even when SQL Server aborts the thread running the T-SQL. Strings cross as
// NUL-terminated UTF-8 both ways: .NET Framework has no UnmanagedType.LPUTF8Str.
// ErrorCode: the error codes of dpop.h (check.py checks that they are the header's).
// PrivateKey, Http and JsonObject: thin wrappers with Chilkat's .NET member names, plus the
// extension LastErrorCode; Library.Version: the version of the loaded dpop.dll.
using System;
using System.Runtime.ConstrainedExecution;
using System.Runtime.InteropServices;
using System.Text;

namespace LibDpop
{
    /// <summary>Why the last method call failed (LastErrorCode): the DPOP_OK and DPOP_ERR_* codes of
    /// dpop.h, named without the prefix, whose numbers never change.</summary>
    public enum ErrorCode
    {
        Ok = 0,
        InvalidArgument = 1,
        InvalidHandle = 2,
        InvalidState = 3,
        Key = 4,
        Json = 5,
        NotFound = 6,
        Io = 7,
        Network = 8,
        Tls = 9,
        Timeout = 10,
        HttpStatus = 11,
        Oauth = 12,
        Protocol = 13,
        Unsupported = 14,
        Internal = 15,
    }

    /// <summary>A handle returned by a Ck*_Create function; 0 is invalid.</summary>
    public abstract class DpopHandle : SafeHandle
    {
        protected DpopHandle() : base(IntPtr.Zero, true) { }

        public override bool IsInvalid { get { return handle == IntPtr.Zero; } }
    }

    public sealed class PrivateKeyHandle : DpopHandle
    {
        [ReliabilityContract(Consistency.WillNotCorruptState, Cer.Success)]
        protected override bool ReleaseHandle() { Native.CkPrivateKey_Dispose(handle); return true; }
    }

    public sealed class HttpHandle : DpopHandle
    {
        [ReliabilityContract(Consistency.WillNotCorruptState, Cer.Success)]
        protected override bool ReleaseHandle() { Native.CkHttp_Dispose(handle); return true; }
    }

    public sealed class HttpResponseHandle : DpopHandle
    {
        [ReliabilityContract(Consistency.WillNotCorruptState, Cer.Success)]
        protected override bool ReleaseHandle() { Native.CkHttpResponse_Dispose(handle); return true; }
    }

    public sealed class JsonObjectHandle : DpopHandle
    {
        [ReliabilityContract(Consistency.WillNotCorruptState, Cer.Success)]
        protected override bool ReleaseHandle() { Native.CkJsonObject_Dispose(handle); return true; }
    }

    public sealed class HttpRequestHandle : DpopHandle
    {
        [ReliabilityContract(Consistency.WillNotCorruptState, Cer.Success)]
        protected override bool ReleaseHandle() { Native.CkHttpRequest_Dispose(handle); return true; }
    }

    public sealed class RestHandle : DpopHandle
    {
        [ReliabilityContract(Consistency.WillNotCorruptState, Cer.Success)]
        protected override bool ReleaseHandle() { Native.CkRest_Dispose(handle); return true; }
    }

    public sealed class JsonArrayHandle : DpopHandle
    {
        [ReliabilityContract(Consistency.WillNotCorruptState, Cer.Success)]
        protected override bool ReleaseHandle() { Native.CkJsonArray_Dispose(handle); return true; }
    }

    public sealed class StringBuilderHandle : DpopHandle
    {
        [ReliabilityContract(Consistency.WillNotCorruptState, Cer.Success)]
        protected override bool ReleaseHandle() { Native.CkStringBuilder_Dispose(handle); return true; }
    }

    public sealed class GlobalHandle : DpopHandle
    {
        [ReliabilityContract(Consistency.WillNotCorruptState, Cer.Success)]
        protected override bool ReleaseHandle() { Native.CkGlobal_Dispose(handle); return true; }
    }

    internal static class Native
    {
        // dpop.dll on Windows; Mono maps it to libdpop.so (LD_LIBRARY_PATH) on Linux.
        private const string Lib = "dpop";
        private const CallingConvention Cdecl = CallingConvention.Cdecl;

        [DllImport(Lib, CallingConvention = Cdecl)] internal static extern PrivateKeyHandle CkPrivateKey_Create();
        [DllImport(Lib, CallingConvention = Cdecl)] internal static extern void CkPrivateKey_Dispose(IntPtr handle);
        [DllImport(Lib, CallingConvention = Cdecl)] internal static extern int CkPrivateKey_LoadAnyFormatFile(PrivateKeyHandle handle, byte[] path, byte[] password);
        [DllImport(Lib, CallingConvention = Cdecl)] internal static extern int CkPrivateKey_getLastErrorCode(PrivateKeyHandle handle);
        [DllImport(Lib, CallingConvention = Cdecl)] internal static extern IntPtr CkPrivateKey_lastErrorText(PrivateKeyHandle handle);

        [DllImport(Lib, CallingConvention = Cdecl)] internal static extern HttpHandle CkHttp_Create();
        [DllImport(Lib, CallingConvention = Cdecl)] internal static extern void CkHttp_Dispose(IntPtr handle);
        [DllImport(Lib, CallingConvention = Cdecl)] internal static extern int CkHttp_SetDPoPKey(HttpHandle handle, PrivateKeyHandle privKey);
        [DllImport(Lib, CallingConvention = Cdecl)] internal static extern void CkHttp_putAuthToken(HttpHandle handle, byte[] newVal);
        [DllImport(Lib, CallingConvention = Cdecl)] internal static extern void CkHttp_putSessionLogFilename(HttpHandle handle, byte[] newVal);
        [DllImport(Lib, CallingConvention = Cdecl)] internal static extern IntPtr CkHttp_quickGetStr(HttpHandle handle, byte[] url);
        [DllImport(Lib, CallingConvention = Cdecl)] internal static extern int CkHttp_getLastStatus(HttpHandle handle);
        [DllImport(Lib, CallingConvention = Cdecl)] internal static extern IntPtr CkHttp_lastResponseBody(HttpHandle handle);
        [DllImport(Lib, CallingConvention = Cdecl)] internal static extern int CkHttp_getLastMethodSuccess(HttpHandle handle);
        [DllImport(Lib, CallingConvention = Cdecl)] internal static extern int CkHttp_getLastErrorCode(HttpHandle handle);
        [DllImport(Lib, CallingConvention = Cdecl)] internal static extern IntPtr CkHttp_lastErrorText(HttpHandle handle);

        [DllImport(Lib, CallingConvention = Cdecl)] internal static extern void CkHttpResponse_Dispose(IntPtr handle);

        [DllImport(Lib, CallingConvention = Cdecl)] internal static extern JsonObjectHandle CkJsonObject_Create();
        [DllImport(Lib, CallingConvention = Cdecl)] internal static extern void CkJsonObject_Dispose(IntPtr handle);
        [DllImport(Lib, CallingConvention = Cdecl)] internal static extern int CkJsonObject_Load(JsonObjectHandle handle, byte[] json);
        [DllImport(Lib, CallingConvention = Cdecl)] internal static extern int CkJsonObject_UpdateString(JsonObjectHandle handle, byte[] path, byte[] value);
        [DllImport(Lib, CallingConvention = Cdecl)] internal static extern IntPtr CkJsonObject_stringOf(JsonObjectHandle handle, byte[] path);
        [DllImport(Lib, CallingConvention = Cdecl)] internal static extern int CkJsonObject_IntOf(JsonObjectHandle handle, byte[] path);
        [DllImport(Lib, CallingConvention = Cdecl)] internal static extern IntPtr CkJsonObject_emit(JsonObjectHandle handle);
        [DllImport(Lib, CallingConvention = Cdecl)] internal static extern int CkJsonObject_getLastErrorCode(JsonObjectHandle handle);
        [DllImport(Lib, CallingConvention = Cdecl)] internal static extern IntPtr CkJsonObject_lastErrorText(JsonObjectHandle handle);

        // Views returned by JsonObject (ArrayOf, ...), and the other classes, freed by their SafeHandle.
        [DllImport(Lib, CallingConvention = Cdecl)] internal static extern void CkJsonArray_Dispose(IntPtr handle);
        [DllImport(Lib, CallingConvention = Cdecl)] internal static extern void CkStringBuilder_Dispose(IntPtr handle);
        [DllImport(Lib, CallingConvention = Cdecl)] internal static extern void CkGlobal_Dispose(IntPtr handle);
        [DllImport(Lib, CallingConvention = Cdecl)] internal static extern void CkHttpRequest_Dispose(IntPtr handle);
        [DllImport(Lib, CallingConvention = Cdecl)] internal static extern void CkRest_Dispose(IntPtr handle);

        [DllImport(Lib, CallingConvention = Cdecl)] internal static extern IntPtr dpop_version();
    }

    /// <summary>The library itself.</summary>
    public static class Library
    {
        /// <summary>The version of the loaded dpop.dll, "MAJOR.MINOR.PATCH".</summary>
        public static string Version { get { return Utf8.Decode(Native.dpop_version()); } }
    }

    /// <summary>NUL-terminated UTF-8 to and from the library.</summary>
    internal static class Utf8
    {
        /// <summary>The UTF-8 bytes of s plus a NUL; null (a NULL pointer, which the library reports) for null.</summary>
        internal static byte[] Encode(string s)
        {
            if (s == null) return null;
            byte[] bytes = new byte[Encoding.UTF8.GetByteCount(s) + 1];
            Encoding.UTF8.GetBytes(s, 0, s.Length, bytes, 0);
            return bytes;
        }

        /// <summary>Copies the NUL-terminated UTF-8 string at p; null for a NULL pointer.</summary>
        internal static string Decode(IntPtr p)
        {
            if (p == IntPtr.Zero) return null;
            int length = 0;
            while (Marshal.ReadByte(p, length) != 0) length++;
            byte[] bytes = new byte[length];
            Marshal.Copy(p, bytes, 0, length);
            return Encoding.UTF8.GetString(bytes);
        }
    }

    /// <summary>Base of the wrappers: owns one handle.</summary>
    public abstract class DpopObject<THandle> : IDisposable where THandle : DpopHandle
    {
        internal readonly THandle Handle;

        protected DpopObject(THandle handle)
        {
            if (handle.IsInvalid) throw new OutOfMemoryException("libdpop could not create a " + GetType().Name);
            Handle = handle;
        }

        /// <summary>Copies a string returned by the library; it is owned by Handle, which must stay
        /// alive (and unused by other calls) until it is copied.</summary>
        protected string Read(IntPtr utf8)
        {
            string s = Utf8.Decode(utf8);
            GC.KeepAlive(Handle);
            return s;
        }

        public void Dispose() { Handle.Dispose(); }
    }

    public sealed class PrivateKey : DpopObject<PrivateKeyHandle>
    {
        public PrivateKey() : base(Native.CkPrivateKey_Create()) { }

        public bool LoadAnyFormatFile(string path, string password)
        {
            return Native.CkPrivateKey_LoadAnyFormatFile(Handle, Utf8.Encode(path), Utf8.Encode(password)) != 0;
        }

        public ErrorCode LastErrorCode { get { return (ErrorCode)Native.CkPrivateKey_getLastErrorCode(Handle); } }

        public string LastErrorText { get { return Read(Native.CkPrivateKey_lastErrorText(Handle)); } }
    }

    public sealed class Http : DpopObject<HttpHandle>
    {
        public Http() : base(Native.CkHttp_Create()) { }

        public bool SetDPoPKey(PrivateKey privKey)
        {
            return Native.CkHttp_SetDPoPKey(Handle, privKey.Handle) != 0;
        }

        /// <summary>Write-only here: the token state contains secrets.</summary>
        public string AuthToken { set { Native.CkHttp_putAuthToken(Handle, Utf8.Encode(value)); } }

        public string SessionLogFilename { set { Native.CkHttp_putSessionLogFilename(Handle, Utf8.Encode(value)); } }

        public string QuickGetStr(string url) { return Read(Native.CkHttp_quickGetStr(Handle, Utf8.Encode(url))); }

        public int LastStatus { get { return Native.CkHttp_getLastStatus(Handle); } }

        public string LastResponseBody { get { return Read(Native.CkHttp_lastResponseBody(Handle)); } }

        public bool LastMethodSuccess { get { return Native.CkHttp_getLastMethodSuccess(Handle) != 0; } }

        public ErrorCode LastErrorCode { get { return (ErrorCode)Native.CkHttp_getLastErrorCode(Handle); } }

        public string LastErrorText { get { return Read(Native.CkHttp_lastErrorText(Handle)); } }
    }

    public sealed class JsonObject : DpopObject<JsonObjectHandle>
    {
        public JsonObject() : base(Native.CkJsonObject_Create()) { }

        public bool Load(string json) { return Native.CkJsonObject_Load(Handle, Utf8.Encode(json)) != 0; }

        public bool UpdateString(string path, string value)
        {
            return Native.CkJsonObject_UpdateString(Handle, Utf8.Encode(path), Utf8.Encode(value)) != 0;
        }

        public string StringOf(string path) { return Read(Native.CkJsonObject_stringOf(Handle, Utf8.Encode(path))); }

        public int IntOf(string path) { return Native.CkJsonObject_IntOf(Handle, Utf8.Encode(path)); }

        public string Emit() { return Read(Native.CkJsonObject_emit(Handle)); }

        public ErrorCode LastErrorCode { get { return (ErrorCode)Native.CkJsonObject_getLastErrorCode(Handle); } }

        public string LastErrorText { get { return Read(Native.CkJsonObject_lastErrorText(Handle)); } }
    }
}
