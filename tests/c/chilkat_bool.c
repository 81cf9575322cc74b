/* A C program written as Chilkat's C samples are: BOOL, TRUE and FALSE from the C_Ck*.h headers,
 * `if (success != TRUE)` after each call. scripts/c-tests.sh builds it as C99 and C11 with
 * -pedantic and as C++, and runs it; scripts/windows-test.sh builds it with mingw-w64 with
 * windows.h included before (-DWINDOWS_H_FIRST) and after (-DWINDOWS_H_LAST) the headers, whose
 * BOOL it must not clash with. */
#ifdef WINDOWS_H_FIRST
#include <windows.h>
#endif
#include <stdio.h>
#include <string.h>
#include <C_CkJsonObject.h>
#include <C_CkStringBuilder.h>
#ifdef WINDOWS_H_LAST
#include <windows.h>
#endif

static int passed = 0, failed = 0;

static void expect(BOOL ok, const char *what, const char *why) {
    if (ok == TRUE) {
        passed++;
    } else {
        failed++;
        printf("FAIL %s: %s\n", what, why);
    }
}

int main(void) {
    HCkJsonObject json = CkJsonObject_Create();
    HCkStringBuilder sb = CkStringBuilder_Create();
    BOOL success;

    success = CkJsonObject_Load(json, "{\"name\": \"value\", \"flag\": true}");
    if (success != TRUE) {
        printf("%s\n", CkJsonObject_lastErrorText(json));
    }
    expect(success == TRUE, "Load of valid JSON is TRUE", CkJsonObject_lastErrorText(json));
    expect(CkJsonObject_getLastMethodSuccess(json) == TRUE, "LastMethodSuccess is TRUE", "");

    success = CkJsonObject_Load(json, "{not json");
    expect(success == FALSE, "Load of invalid JSON is FALSE", "returned TRUE");
    expect(CkJsonObject_getLastMethodSuccess(json) == FALSE, "LastMethodSuccess is FALSE", "");

    CkJsonObject_putEmitCompact(json, FALSE);
    expect(CkJsonObject_getEmitCompact(json) == FALSE, "EmitCompact set to FALSE", "");
    CkJsonObject_putEmitCompact(json, TRUE);
    expect(CkJsonObject_getEmitCompact(json) == TRUE, "EmitCompact set to TRUE", "");

    success = CkJsonObject_UpdateBool(json, "flag", FALSE);
    expect(success == TRUE, "UpdateBool", CkJsonObject_lastErrorText(json));
    expect(CkJsonObject_BoolOf(json, "flag") == FALSE, "BoolOf is FALSE", "");

    success = CkStringBuilder_Append(sb, "abc");
    expect(success == TRUE && strcmp(CkStringBuilder_getAsString(sb), "abc") == 0, "StringBuilder Append", "");
    expect(CkStringBuilder_Contains(sb, "BC", FALSE) == TRUE, "Contains ignoring case", "");
    expect(CkStringBuilder_Contains(sb, "BC", TRUE) == FALSE, "Contains with case", "");

    CkStringBuilder_Dispose(sb);
    CkJsonObject_Dispose(json);
    printf("Chilkat-style BOOL/TRUE/FALSE: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
