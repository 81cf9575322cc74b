/* Test fixture, never shipped: Wine 8 (Debian 12) has no bcryptprimitives.dll, whose ProcessPrng
 * Rust's standard library imports on Windows (Windows 10 and later have it). This stand-in is
 * placed next to the test programs under Wine only; it fills the buffer from RtlGenRandom
 * (advapi32's SystemFunction036), the generator ProcessPrng itself is built on. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

/* ProcessPrng takes a SIZE_T length; RtlGenRandom a ULONG, so larger requests go in pieces. */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG piece = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, piece)) return FALSE;
        data += piece;
        length -= piece;
    }
    return TRUE;
}
