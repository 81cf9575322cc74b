/* JsonObject, JsonArray, StringBuilder and Global from C, through Chilkat's own header names:
 * live views across handles, a parent disposed under its views, a removed view, StringBuilder
 * hand-offs (LoadSb, EmitSb), the wrong handle class, NULL and invalid UTF-8, files, and the
 * C_Ck*.h header of every class. Built with -Wall -Wextra -Werror -pedantic. */
#include <C_CkGlobal.h>
#include <C_CkHttp.h>
#include <C_CkHttpRequest.h>
#include <C_CkHttpResponse.h>
#include <C_CkJsonArray.h>
#include <C_CkJsonObject.h>
#include <C_CkPrivateKey.h>
#include <C_CkRest.h>
#include <C_CkStringBuilder.h>
#include "check.h"

#define SAME(got, want) CHECK(strcmp((got), (want)) == 0, "got \"%s\", want \"%s\"", (got), (want))

/* The REST example pattern: response text in a StringBuilder, into a JsonObject, loops over an
 * array with SizeOfArray and I, live views, and the text handed back through EmitSb. */
static void test_rest_example_pattern(void) {
    HCkStringBuilder sb = CkStringBuilder_Create();
    HCkJsonObject json = CkJsonObject_Create();
    CHECK(CkStringBuilder_Append(sb, "{\"items\":[{\"name\":\"a\",\"price\":10.00},{\"name\":\"b\",\"price\":1e5}],\"n\":2}") == 1, "append");
    CHECK(CkJsonObject_LoadSb(json, sb) == 1, "LoadSb: %s", CkJsonObject_lastErrorText(json));
    int count = CkJsonObject_SizeOfArray(json, "items");
    CHECK(count == 2, "SizeOfArray %d", count);
    for (int i = 0; i < count; i++) {
        CkJsonObject_putI(json, i);
        CHECK(CkJsonObject_getI(json) == i, "I");
        SAME(CkJsonObject_stringOf(json, "items[i].name"), i == 0 ? "a" : "b");
    }
    SAME(CkJsonObject_stringOf(json, "items[0].price"), "10.00");

    HCkJsonArray items = CkJsonObject_ArrayOf(json, "items");
    CHECK(items != NULL, "ArrayOf");
    HCkJsonObject first = CkJsonArray_ObjectAt(items, 0);
    CHECK(CkJsonObject_UpdateString(first, "added", "yes") == 1, "update through a view");
    CHECK(CkJsonArray_AddIntAt(items, -1, 3) == 1, "append to the array view");
    SAME(CkJsonObject_stringOf(json, "items[0].added"), "yes");
    CHECK(CkJsonObject_IntOf(json, "items[2]") == 3, "parent sees the array change");

    CkStringBuilder_Clear(sb);
    CHECK(CkJsonObject_EmitSb(json, sb) == 1, "EmitSb");
    SAME(CkStringBuilder_getAsString(sb),
         "{\"items\":[{\"name\":\"a\",\"price\":10.00,\"added\":\"yes\"},{\"name\":\"b\",\"price\":1e5},3],\"n\":2}");
    CHECK(CkJsonArray_EmitSb(items, sb) == 1, "array EmitSb appends");
    CHECK(CkStringBuilder_EndsWith(sb, "1e5},3]", 1) == 1, "appended: %s", CkStringBuilder_getAsString(sb));

    /* The parent disposed: its views keep the document alive. */
    CkJsonObject_Dispose(json);
    CHECK(CkJsonObject_UpdateInt(first, "still", 1) == 1, "view after the parent's Dispose");
    CHECK(CkJsonArray_getSize(items) == 3, "array view after the parent's Dispose");
    CkJsonObject_Dispose(first);
    CkJsonArray_Dispose(items);
    CkStringBuilder_Dispose(sb);
}

static void test_removed_view(void) {
    HCkJsonObject json = CkJsonObject_Create();
    CHECK(CkJsonObject_Load(json, "{\"a\":{\"b\":1},\"z\":0}") == 1, "load");
    HCkJsonObject a = CkJsonObject_ObjectOf(json, "a");
    CHECK(CkJsonObject_Delete(json, "a") == 1, "delete");
    CHECK(CkJsonObject_UpdateInt(a, "c", 1) == 0, "a removed view refuses updates");
    CHECK_CODE(CkJsonObject, a, DPOP_ERR_INVALID_STATE);
    CHECK(contains(CkJsonObject_lastErrorText(a), "no longer in its JSON document"), "%s", CkJsonObject_lastErrorText(a));
    SAME(CkJsonObject_emit(a), "");
    CHECK(CkJsonObject_getSize(a) == 0, "size of a removed view");
    SAME(CkJsonObject_emit(json), "{\"z\":0}");
    CHECK(CkJsonObject_ObjectOf(json, "missing") == NULL, "ObjectOf of nothing is NULL");
    CHECK_CODE(CkJsonObject, json, DPOP_ERR_NOT_FOUND);
    CkJsonObject_Dispose(a);
    CkJsonObject_Dispose(json);
}

static void test_chilkat_semantics(void) {
    HCkJsonObject json = CkJsonObject_Create();
    CHECK(CkJsonObject_UpdateString(json, "a.b[1].c", "v") == 1, "update on empty");
    SAME(CkJsonObject_emit(json), "{\"a\":{\"b\":[{\"c\":\"v\"}]}}");
    CHECK(CkJsonObject_UpdateNumber(json, "amount", "10.00") == 1, "number");
    CHECK(CkJsonObject_UpdateNumber(json, "bad", "12abc") == 0, "not a number");
    CHECK_CODE(CkJsonObject, json, DPOP_ERR_JSON);
    CHECK(CkJsonObject_Load(json, "{bad") == 0, "Load of {bad fails (Chilkat: true and an empty object)");
    CHECK(contains(CkJsonObject_lastErrorText(json), "line 1 column 2"), "%s", CkJsonObject_lastErrorText(json));
    SAME(CkJsonObject_emit(json), "{\"a\":{\"b\":[{\"c\":\"v\"}]},\"amount\":10.00}");
    CHECK(CkJsonObject_Load(json, "{\"v\":\" 12\",\"f\":\"3.7\",\"t\":\"True\",\"big\":12345678901234567890}") == 1, "load");
    CHECK(CkJsonObject_IntOf(json, "v") == 12 && CkJsonObject_IntOf(json, "f") == 3, "lenient IntOf");
    CHECK(CkJsonObject_BoolOf(json, "t") == 1, "BoolOf \"True\"");
    CHECK(CkJsonObject_IntOf(json, "big") == 0 && CkJsonObject_getLastMethodSuccess(json) == 0, "no wrap-around");
    CHECK(CkJsonObject_JsonTypeOf(json, "missing") == -1 && CkJsonObject_IndexOf(json, "missing") == -1, "-1");
    CkJsonObject_putEmitCompact(json, 0);
    CHECK(CkJsonObject_getEmitCrLf(json) == 1, "CRLF by default");
    CHECK(strstr(CkJsonObject_emit(json), "{\r\n  \"v\": \" 12\",\r\n") != NULL, "pretty: %s", CkJsonObject_emit(json));
    CkJsonObject_putEmitCrLf(json, 0);
    CHECK(strstr(CkJsonObject_emit(json), "\r") == NULL, "LF");

    /* A returned string stays valid until the next string-returning call on the handle. */
    const char *name = CkJsonObject_nameAt(json, 0);
    CHECK(CkJsonObject_IntOf(json, "v") == 12, "an int call");
    SAME(name, "v");
    CkJsonObject_Dispose(json);
}

static void test_bad_arguments(void) {
    HCkJsonObject json = CkJsonObject_Create();
    HCkJsonArray arr = CkJsonArray_Create();
    HCkStringBuilder sb = CkStringBuilder_Create();
    CHECK(CkJsonObject_LoadSb(json, NULL) == 0, "NULL sb");
    CHECK(contains(CkJsonObject_lastErrorText(json), "'sb'"), "%s", CkJsonObject_lastErrorText(json));
    /* A JsonObject handle where a StringBuilder is expected: refused, nothing touched. */
    CHECK(CkJsonObject_LoadSb(json, (HCkStringBuilder)(void *)arr) == 0, "wrong class");
    CHECK_CODE(CkJsonObject, json, DPOP_ERR_INVALID_ARGUMENT);
    CHECK(CkJsonObject_EmitSb(json, (HCkStringBuilder)(void *)json) == 0, "itself as sb");
    CHECK(CkJsonArray_LoadSb(arr, sb) == 0, "an empty StringBuilder is no JSON array");
    CHECK_CODE(CkJsonArray, arr, DPOP_ERR_JSON);
    CHECK(CkJsonObject_UpdateString(json, "a", "\xff\xfe") == 0, "invalid UTF-8");
    CHECK(contains(CkJsonObject_lastErrorText(json), "UTF-8"), "%s", CkJsonObject_lastErrorText(json));
    CHECK(CkStringBuilder_Append(sb, NULL) == 0 && CkStringBuilder_getLastErrorCode(sb) == DPOP_ERR_INVALID_ARGUMENT, "NULL");
    SAME(CkJsonArray_stringAt(arr, 0), "");
    CHECK_CODE(CkJsonArray, arr, DPOP_ERR_NOT_FOUND);
    CkStringBuilder_Dispose(sb);
    CkJsonArray_Dispose(arr);
    CkJsonObject_Dispose(json);
    /* Disposed handles are refused, never dereferenced. */
    CHECK(CkJsonObject_UpdateInt(json, "a", 1) == 0, "disposed");
    CHECK_CODE(CkJsonObject, json, DPOP_ERR_INVALID_HANDLE);
    CHECK(CkStringBuilder_getLength(sb) == 0, "disposed StringBuilder");
}

static void test_string_builder_files(const char *dir) {
    char path[1024];
    snprintf(path, sizeof path, "%s/c_test_sb.txt", dir);
    HCkStringBuilder sb = CkStringBuilder_Create();
    CHECK(CkStringBuilder_Append(sb, "h\xc3\xa9\xe2\x82\xac") == 1, "append");
    CHECK(CkStringBuilder_getLength(sb) == 3, "length %d", CkStringBuilder_getLength(sb));
    CHECK(CkStringBuilder_WriteFile(sb, path, "windows-1252", 0) == 1, "write: %s", CkStringBuilder_lastErrorText(sb));
    HCkStringBuilder again = CkStringBuilder_Create();
    CHECK(CkStringBuilder_LoadFile(again, path, "utf-8") == 0, "windows-1252 bytes are not UTF-8");
    CHECK_CODE(CkStringBuilder, again, DPOP_ERR_IO);
    CHECK(CkStringBuilder_LoadFile(again, path, "windows-1252") == 1, "load: %s", CkStringBuilder_lastErrorText(again));
    SAME(CkStringBuilder_getAsString(again), "h\xc3\xa9\xe2\x82\xac");
    CHECK(CkStringBuilder_WriteFile(sb, path, "klingon", 0) == 0, "unknown charset");
    CHECK(contains(CkStringBuilder_lastErrorText(sb), "unsupported charset 'klingon'"), "%s", CkStringBuilder_lastErrorText(sb));
    CHECK(CkStringBuilder_Replace(again, "\xc3\xa9", "e") == 1, "replace");
    CHECK(CkStringBuilder_ToUppercase(again) == 1, "upper");
    SAME(CkStringBuilder_getAsString(again), "HE\xe2\x82\xac");
    remove(path);
    CkStringBuilder_Dispose(again);
    CkStringBuilder_Dispose(sb);
}

static void test_global(void) {
    HCkGlobal glob = CkGlobal_Create();
    CHECK(CkGlobal_UnlockBundle(glob, "Anything for 30-day trial") == 1, "unlock");
    CHECK(CkGlobal_getUnlockStatus(glob) == 2, "status %d", CkGlobal_getUnlockStatus(glob));
    SAME(CkGlobal_version(glob), dpop_version());
    CHECK(CkGlobal_UnlockBundle(glob, NULL) == 0, "NULL code");
    CkGlobal_Dispose(glob);
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : ".";
    test_rest_example_pattern();
    test_removed_view();
    test_chilkat_semantics();
    test_bad_arguments();
    test_string_builder_files(dir);
    test_global();
    printf("objects from C: ");
    return check_summary();
}
