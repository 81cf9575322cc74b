"""The table of differential cases: what record.py runs against chilkat2 and stores, with the
results, in fixtures/<class>.json.

Cases are generated systematically (paths x values x operations) so that the table is broad;
each generator below covers one area. Ids are stable texts ("JsonObject/update/UpdateString/a.b"),
so that known differences (differences.json) stay attached to their case when cases are added.
A new area is a new generator added to GENERATORS; a new class is a new key (see README.md).
"""

from typing import Callable, Iterator

Case = dict

# A document with one of everything: scalars of each type, nesting, arrays of each kind, empty
# containers, a duplicate member name, names with a dot and a space.
SAMPLE = (
    '{"s":"text","n":42,"f":-3.25,"big":12345678901234567890,"t":true,"nul":null,'
    '"o":{"x":1,"y":{"z":"deep"}},"a":[10,"twenty",{"k":"v"},[1,2],null,true],'
    '"e":{},"ea":[],"dup":1,"dup":2,"dot.name":"dotted","sp ace":"s"}'
)
RECORDS = (
    '{"items":[{"id":1,"name":"Ann","tags":["a","b"]},{"id":2,"name":"bob","addr":{"city":"Oslo"}},'
    '{"id":3,"name":"Bob","price":"10.00"}],"next":null}'
)

# Paths as scripts write them, and odd ones.
PATHS = [
    "s", "n", "f", "big", "t", "nul", "o", "o.x", "o.y", "o.y.z", "o.y.z.w", "o.missing", "a",
    "a[0]", "a[1]", "a[2]", "a[2].k", "a[3]", "a[3][1]", "a[3][2]", "a[5]", "a[6]", "a[7]", "a[100]",
    "a[1000000000]", "a[99999999999999999999]", "a[-1]", "a[-2]", "a[]", "a[ 1 ]", "a[+1]", "a[01]",
    "a[1x]", "a[x]", "a[i]", "a[j]", "a[k]", "a[I]", "e", "e.x", "ea", "ea[0]", "dup", "missing",
    "missing.deeper", "missing[0]", "missing[0].x", "new.b[1].c", "o..x", ".o.x", "o.x.", "o.",
    "", ".", "[0]", '"dot.name"', "dot.name", "sp ace", "s.x", "s[0]", "n.x", "t[0]", "nul.x",
    "o[0]", "a.x", "a[2].k.z", "a[0].x", "a[0", "a]", "a[0]b", "o.y.z[0]", "x.[0]", "a[1]]",
    '"o".x', 'o."x"', '"a"[1]', '"unterminated', "a[2]k",
]

JSON_VALUES = [
    "10.00", "1e5", "1E+05", "-0", "0.1e-3", "12345678901234567890", "-12345678901234567890", "3.7",
    "-3.7", '" 12"', '"3.7"', '"12abc"', '"abc"', '"True"', '"true"', '"TRUE"', '"false"', '"yes"',
    '"1"', '"0"', "true", "false", "null", "1", "0", "2", '""', '" "', "[1]", "[]", '{"x":1}', "{}",
    "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967296", "9223372036854775808",
    "1.9999999999", '"-5"', '"+5"', '"0x10"', '"1e3"', '" 1 2"', '"\\u00e9"', '"a\\nb"', '"\\/"',
    '"12 "', '"\\t7"', "-1.5e2", "0.5", "-0.5", '"-0.9"', '"9999999999"',
]

LOAD_TEXTS = [
    "{bad", "", " ", "[1,2]", '"x"', "1", "null", "{}", " {} ", "{}x", "{} {}", '{"a":1,}',
    '{"a":[1,2,],}', "{,}", '{"a":1,,"b":2}', '\ufeff{"a":1}', '{"a":1} trailing', "{'a':1}",
    "{a:1}", '{"a":01}', '{"a":+1}', '{"a":.5}', '{"a":1.}', '{"a":NaN}', '{"a":Infinity}',
    '{"a":tru}', '{"a":True}', '{"a":"x\ny"}', '{"a":"\\u00e9"}', '{"a":"\\ud83d\\ude00"}',
    '{"a":"\\x"}', '{"a":"\t"}', '{"a":1 "b":2}', '{"a" 1}', '{"a":}', '{"a"}', '{"a":1',
    '{"a":[1,2}', '{"a":{"b":1}', '{"a":1}}', '/*c*/{"a":1}', '{"a":1}//c', '{"a":1e}', '{"a":-}',
    '{"a":"\\/"}', '{"":1}', '{"a":1,"a":2}', '{"a":0x10}', '{"a":1E5}',
    '{"a" : 1 , "b" : [ 1 , 2 ] }', '{\n\t"a":\r\n1}', '{"a":"é"}', "{\"a\":'x'}", '{"a":nul}',
    '{"a":[,1]}', '{"a":[1,,2]}', '{"a":[]}', '{"a":{}}', '  \n{"a":1}\n\n', '{"a":-0.0e-0}',
    '{"\\u0041":1}', '{"a\\"b":1}', '{"a.b":1}', '{"a":"x"y}', SAMPLE, RECORDS,
    '{"a":[1,[2,[3,[4]]]],"b":{"c":{"d":{"e":{}}}}}', '{"price":10.00,"qty":1e5,"neg":-0.0}',
    '{"a":1}\r\n', '\r\n\t {"a":true}', '{"a":[{}]}', '{"a":[[]]}', '{"a":[1,2,3,]}',
    '{"a":{"b":1,},}', '{"a":"\\u0000"}', '{"a":"\\ud83d"}', '{"a":"\\u00"}', '{"a":"\\"}',
    '{"a":1}{"b":2}', '{"a":[1]]}', '{"a":1,"b":{"c":[true,false,null]},"d":"e"}',
]

NUMBER_TEXTS = [
    "3.25", "10.00", "1e5", "-1e3", "1E+05", "0", "-0", "12345678901234567890", "42", "abc", "",
    " 1", "1 ", "+1", "01", "NaN", "1,5", "1,234.5", "0x10", ".5", "1.", "-", "1e", "1.5.5",
    "-0.0", "1e400", "123456789012345678901234567890.5", "1_000", "١",
]

STRING_VALUES = [
    "plain", "", "x/y", 'q"q', "b\\s", "nl\nx", "cr\rx", "tab\tx", "\x01", "\x1f", "\x7f", "é",
    "😀", "\u2028", "<>&", "'", "\\u0041", "\b\f", " lead", "trail ", "10.00", "true", "null",
]

INDICES = [-2, -1, 0, 1, 2, 3, 100]


def step(do: str, *args, on: str | None = None, as_: str | None = None) -> dict:
    s: dict = {"do": do, "args": list(args)}
    if on:
        s["on"] = on
    if as_:
        s["as"] = as_
    return s


def case(id_: str, cls: str, *steps: dict) -> Case:
    return {"id": id_, "class": cls, "steps": list(steps)}


def kept_after_failure(cls: str, id_: str, failing: dict, *changes: dict) -> Case:
    """A case: a call that fails, then each change (a property set, a method returning void)
    followed by a read of LastMethodSuccess, which Chilkat leaves as the failure set it."""
    steps = [failing]
    for change in changes:
        steps += [change, {"get": "LastMethodSuccess"}]
    return case(f"{cls}/kept-after-failure/{id_}", cls, *steps)


def jo(id_: str, *steps: dict) -> Case:
    """A JsonObject case whose last step is the main object's Emit."""
    return case("JsonObject/" + id_, "JsonObject", *steps, step("Emit"))


def ja(id_: str, *steps: dict) -> Case:
    """A JsonArray case whose last step is the main object's Emit."""
    return case("JsonArray/" + id_, "JsonArray", *steps, step("Emit"))


def sb(id_: str, *steps: dict) -> Case:
    """A StringBuilder case whose last step reads the content."""
    return case("StringBuilder/" + id_, "StringBuilder", *steps, step("GetAsString"))


# ---------------------------------------------------------------- JsonObject


def jo_load() -> Iterator[Case]:
    for n, text in enumerate(LOAD_TEXTS):
        yield jo(f"load/{n:03d}", step("Load", text), {"get": "Size"})
    for n, text in enumerate(LOAD_TEXTS[:40]):
        # A failed Load keeps the old content, or not.
        yield jo(f"load-over/{n:03d}", step("Load", '{"old":1}'), step("Load", text))


def jo_emit() -> Iterator[Case]:
    docs = [SAMPLE, RECORDS, "{}", '{"a":[]}', '{"a":{}}', '{"a":[{}]}', '{"a":[[1,[]],{"b":{}}]}']
    for n, doc in enumerate(docs):
        for compact in (True, False):
            for crlf in (True, False):
                yield jo(
                    f"emit/{n}/compact={compact}/crlf={crlf}",
                    step("Load", doc),
                    {"set": "EmitCompact", "value": compact},
                    {"set": "EmitCrLf", "value": crlf},
                    {"get": "EmitCompact"},
                    {"get": "EmitCrLf"},
                )
    yield jo("emit/defaults", {"get": "EmitCompact"}, {"get": "EmitCrLf"}, {"get": "Size"})


def jo_read_paths() -> Iterator[Case]:
    reads = ["StringOf", "IntOf", "BoolOf", "HasMember", "IsNullOf", "JsonTypeOf", "SizeOfArray"]
    for path in PATHS:
        steps = [step("Load", SAMPLE)]
        steps += [step(read, path) for read in reads]
        steps += [step("ObjectOf", path, as_="o"), step("ArrayOf", path, as_="arr")]
        yield case(f"JsonObject/read/{path}", "JsonObject", *steps)
    for path in ["o", "o.y", "a[2]", "e", "missing", "s", "a"]:
        yield case(f"JsonObject/read-view/ObjectOf/{path}", "JsonObject", step("Load", SAMPLE),
                   step("ObjectOf", path, as_="v"), step("Emit", on="v"), {"on": "v", "get": "Size"})
    for path in ["a", "a[3]", "ea", "o", "missing", "s"]:
        yield case(f"JsonObject/read-view/ArrayOf/{path}", "JsonObject", step("Load", SAMPLE),
                   step("ArrayOf", path, as_="v"), step("Emit", on="v"), {"on": "v", "get": "Size"})


def jo_update_paths() -> Iterator[Case]:
    updates = [
        ("UpdateString", ("v",)), ("UpdateInt", (7,)), ("UpdateBool", (True,)), ("UpdateNull", ()),
        ("UpdateNumber", ("1.50",)), ("UpdateNewObject", ()), ("UpdateNewArray", ()),
    ]
    for path in PATHS:
        for method, args in updates:
            yield jo(f"update/empty/{method}/{path}", step(method, path, *args))
            yield jo(f"update/sample/{method}/{path}", step("Load", SAMPLE), step(method, path, *args))


def jo_values() -> Iterator[Case]:
    for value in JSON_VALUES:
        yield jo(
            f"value/{value}",
            step("Load", '{"v":' + value + "}"),
            step("StringOf", "v"), step("IntOf", "v"), step("BoolOf", "v"), step("IsNullOf", "v"),
            step("JsonTypeOf", "v"), step("StringAt", 0), step("IntAt", 0), step("BoolAt", 0),
            step("TypeAt", 0), step("IsNullAt", 0),
        )
        yield ja(
            f"value/{value}",
            step("Load", "[" + value + "]"),
            step("StringAt", 0), step("IntAt", 0), step("BoolAt", 0), step("TypeAt", 0), step("IsNullAt", 0),
        )


def jo_numbers_and_strings() -> Iterator[Case]:
    for text in NUMBER_TEXTS:
        yield jo(f"UpdateNumber/{text}", step("UpdateNumber", "n", text), step("StringOf", "n"),
                 step("IntOf", "n"), step("JsonTypeOf", "n"))
        yield jo(f"AddNumberAt/{text}", step("AddNumberAt", -1, "n", text))
        yield ja(f"AddNumberAt/{text}", step("AddNumberAt", -1, text), step("StringAt", 0))
    for value in STRING_VALUES:
        yield jo(f"UpdateString/{value}", step("UpdateString", "s", value), step("StringOf", "s"))
        yield jo(f"name/{value}", step("UpdateString", value, "v"), step("NameAt", 0), step("StringOf", value))
        yield jo(f"AppendString-name/{value}", step("AppendString", value, "v"), step("NameAt", 0),
                 step("IndexOf", value))
        yield ja(f"AddStringAt/{value}", step("AddStringAt", -1, value), step("StringAt", 0))
    for value in [0, 1, -1, 2147483647, -2147483648]:
        yield jo(f"UpdateInt/{value}", step("UpdateInt", "i", value), step("IntOf", "i"), step("StringOf", "i"))


def jo_index_access() -> Iterator[Case]:
    for index in INDICES + [4, 5, 6, 7, 8, 12, 13, 14]:
        yield jo(
            f"at/{index}",
            step("Load", SAMPLE),
            step("NameAt", index), step("StringAt", index), step("IntAt", index), step("BoolAt", index),
            step("TypeAt", index), step("IsNullAt", index), step("ObjectAt", index, as_="o"),
            step("ArrayAt", index, as_="arr"),
        )
    for name in ["s", "dup", "o", "dot.name", "o.x", "missing", "", "S", "a[0]"]:
        yield jo(f"IndexOf/{name}", step("Load", SAMPLE), step("IndexOf", name))
    for name in ["s", "dup", "o", "dot.name", "o.x", "missing", "", "a[0]", '"dot.name"']:
        yield jo(f"Delete/{name}", step("Load", SAMPLE), step("Delete", name), {"get": "Size"})
    for index in INDICES + [12, 13, 14]:
        yield jo(f"DeleteAt/{index}", step("Load", SAMPLE), step("DeleteAt", index), {"get": "Size"})
    for old, new in [("s", "renamed"), ("dup", "d"), ("missing", "x"), ("s", "n"), ("s", ""), ("o.x", "q"),
                     ("s", 'q"q'), ("s", "a.b")]:
        yield jo(f"Rename/{old}/{new}", step("Load", SAMPLE), step("Rename", old, new), step("StringOf", new))
    for index in [-1, 0, 3, 13, 14]:
        yield jo(f"RenameAt/{index}", step("Load", SAMPLE), step("RenameAt", index, "renamed"))
    yield jo("Clear", step("Load", SAMPLE), step("Clear"), {"get": "Size"})


def jo_add_at() -> Iterator[Case]:
    adds = [
        ("AddStringAt", ("v",)), ("AddIntAt", (5,)), ("AddBoolAt", (False,)), ("AddNullAt", ()),
        ("AddNumberAt", ("2.50",)), ("AddObjectAt", ()), ("AddArrayAt", ()),
    ]
    for base_name, base in [("empty", "{}"), ("three", '{"a":1,"b":2,"c":3}')]:
        for index in INDICES + [4]:
            for method, args in adds:
                yield jo(f"{method}/{base_name}/{index}", step("Load", base), step(method, index, "new", *args),
                         {"get": "Size"})
    for name in ["a", "", "x.y", "b[0]"]:
        yield jo(f"AddStringAt/name/{name}", step("Load", '{"a":1}'), step("AddStringAt", -1, name, "v"),
                 step("StringOf", name))


def jo_append() -> Iterator[Case]:
    base = '{"a":1}'
    yield jo("AppendString", step("Load", base), step("AppendString", "s", "v"), step("AppendString", "a", "dup"),
             step("StringOf", "a"))
    yield jo("AppendInt", step("Load", base), step("AppendInt", "i", -9), step("IntOf", "i"))
    yield jo("AppendBool", step("Load", base), step("AppendBool", "b", True), step("BoolOf", "b"))
    yield jo("AppendObject", step("Load", base), step("AppendObject", "o", as_="o"), step("UpdateInt", "x", 1, on="o"),
             step("AppendObject", "p", on="o", as_="p"), step("AppendString", "q", "r", on="p"), step("Emit", on="o"))
    yield jo("AppendArray", step("Load", base), step("AppendArray", "arr", as_="arr"),
             step("AddIntAt", -1, 1, on="arr"), step("AddObjectAt", -1, on="arr"), step("ObjectAt", 1, on="arr", as_="o"),
             step("UpdateString", "k", "v", on="o"), step("Emit", on="arr"), {"on": "arr", "get": "EmitCompact"})
    yield jo("AppendArray/pretty-parent", {"set": "EmitCompact", "value": False}, step("AppendArray", "arr", as_="arr"),
             {"on": "arr", "get": "EmitCompact"}, {"on": "arr", "get": "EmitCrlf"}, step("Emit", on="arr"))
    for name in ["", "a.b", "x[0]"]:
        yield jo(f"AppendObject/name/{name}", step("AppendObject", name, as_="o"), step("Emit", on="o"))


def jo_ijk() -> Iterator[Case]:
    doc = '{"rows":[{"cells":[1,2,3]},{"cells":[4,5]},{"cells":[]}],"m":[[["x","y"],["z"]]]}'
    for i, j, k in [(0, 0, 0), (1, 1, 0), (0, 2, 0), (2, 0, 0), (5, 0, 0), (-1, 0, 0), (0, 0, 1)]:
        yield jo(
            f"IJK/{i}/{j}/{k}",
            step("Load", doc),
            {"set": "I", "value": i}, {"set": "J", "value": j}, {"set": "K", "value": k},
            {"get": "I"}, {"get": "J"}, {"get": "K"},
            step("IntOf", "rows[i].cells[j]"), step("SizeOfArray", "rows[i].cells"), step("StringOf", "m[i][j][k]"),
            step("StringOf", "m[I][J][K]"), step("HasMember", "rows[i]"),
            step("UpdateInt", "rows[i].cells[j]", 99), step("UpdateString", "new[i].x", "v"),
        )
    yield jo("IJK/defaults", {"get": "I"}, {"get": "J"}, {"get": "K"})
    yield jo("IJK/loop", step("Load", doc), {"set": "I", "value": 0}, step("IntOf", "rows[i].cells[0]"),
             {"set": "I", "value": 1}, step("IntOf", "rows[i].cells[0]"))


DOC2 = '{"a":{"b":1},"arr":[1,{"x":2}],"z":0}'


def jo_views() -> Iterator[Case]:
    doc = DOC2
    yield jo("view/ObjectOf-update", step("Load", doc), step("ObjectOf", "a", as_="v"), step("UpdateInt", "c", 5, on="v"),
             step("Emit", on="v"))
    yield jo("view/ArrayOf-add", step("Load", doc), step("ArrayOf", "arr", as_="v"), step("AddStringAt", -1, "z", on="v"),
             step("ObjectAt", 1, on="v", as_="o"), step("UpdateString", "y", "q", on="o"))
    yield jo("view/deleted", step("Load", doc), step("ObjectOf", "a", as_="v"), step("Delete", "a"),
             step("Emit", on="v"), {"on": "v", "get": "Size"}, step("UpdateInt", "d", 1, on="v"),
             step("StringOf", "b", on="v"), step("Emit", on="v"))
    yield jo("view/deleted-array", step("Load", doc), step("ArrayOf", "arr", as_="v"), step("Delete", "arr"),
             {"on": "v", "get": "Size"}, step("StringAt", 0, on="v"), step("Emit", on="v"))
    yield jo("view/deleted-then-load", step("Load", doc), step("ObjectOf", "a", as_="v"), step("Delete", "a"),
             step("Load", '{"q":1}', on="v"), step("Emit", on="v"))
    yield jo("view/load-replaces-subtree", step("Load", doc), step("ObjectOf", "a", as_="v"),
             step("Load", '{"new":true}', on="v"), step("Emit", on="v"))
    yield jo("view/array-load", step("Load", doc), step("ArrayOf", "arr", as_="v"), step("Load", "[7,8]", on="v"),
             step("Emit", on="v"))
    yield jo("view/clear", step("Load", doc), step("ObjectOf", "a", as_="v"), step("Clear", on="v"))
    yield jo("view/array-clear", step("Load", doc), step("ArrayOf", "arr", as_="v"), step("Clear", on="v"),
             step("Emit", on="v"))
    yield jo("view/parent-reloaded", step("Load", doc), step("ObjectOf", "a", as_="v"), step("Load", '{"a":{"c":2}}'),
             step("Emit", on="v"), step("UpdateInt", "d", 1, on="v"))
    yield jo("view/parent-cleared", step("Load", doc), step("ObjectOf", "a", as_="v"), step("Clear"),
             step("Emit", on="v"))
    yield jo("view/replaced-by-update", step("Load", doc), step("ArrayOf", "arr", as_="v"), step("UpdateString", "arr", "s"),
             step("Emit", on="v"))
    yield jo("view/replaced-by-new-object", step("Load", doc), step("ObjectOf", "a", as_="v"),
             step("UpdateNewObject", "a"), step("Emit", on="v"))
    yield jo("view/two-views", step("Load", doc), step("ObjectOf", "a", as_="v1"), step("ObjectOf", "a", as_="v2"),
             step("UpdateInt", "one", 1, on="v1"), step("UpdateInt", "two", 2, on="v2"), step("Emit", on="v1"))
    yield jo("view/emit-settings", step("Load", doc), {"set": "EmitCompact", "value": False},
             step("ObjectOf", "a", as_="o"), step("ArrayOf", "arr", as_="arr"),
             {"on": "o", "get": "EmitCompact"}, {"on": "o", "get": "EmitCrLf"},
             {"on": "arr", "get": "EmitCompact"}, {"on": "arr", "get": "EmitCrlf"}, step("Emit", on="arr"),
             step("Emit", on="o"))
    yield jo("view/nested-paths", step("Load", SAMPLE), step("ObjectOf", "o", as_="o"), step("StringOf", "y.z", on="o"),
             step("UpdateString", "y.w[0]", "n", on="o"), step("ObjectOf", "y", on="o", as_="y"),
             step("Emit", on="y"), {"on": "y", "get": "Size"})
    yield jo("view/UpdateNewObject-then-ObjectOf", step("UpdateNewObject", "a.b"), step("ObjectOf", "a.b", as_="v"),
             step("UpdateString", "c", "d", on="v"))
    yield jo("view/ObjectAt", step("Load", SAMPLE), step("ObjectAt", 6, as_="v"), step("UpdateInt", "added", 1, on="v"))
    yield jo("view/ArrayAt", step("Load", SAMPLE), step("ArrayAt", 7, as_="v"), step("DeleteAt", 0, on="v"))
    yield jo("view/ArrayAt-emit-settings", step("Load", SAMPLE), {"set": "EmitCompact", "value": False},
             {"set": "EmitCrLf", "value": False}, step("ArrayAt", 7, as_="arr"), {"on": "arr", "get": "EmitCompact"},
             {"on": "arr", "get": "EmitCrlf"}, step("ObjectAt", 6, as_="o"), {"on": "o", "get": "EmitCompact"})
    yield jo("view/ijk-not-inherited", step("Load", SAMPLE), {"set": "I", "value": 3}, step("ObjectOf", "o", as_="v"),
             {"on": "v", "get": "I"}, step("StringOf", "a[i]"))
    yield jo("view/dispose-parent", step("Load", DOC2), step("ArrayOf", "arr", as_="v"), step("ObjectAt", 1, on="v", as_="o"),
             step("Clear", on="v"), step("Emit", on="o"), step("Emit", on="v"))


def jo_find() -> Iterator[Case]:
    finds = [
        ("items", "name", "bob", True), ("items", "name", "BOB", False), ("items", "name", "BOB", True),
        ("items", "name", "b*", True), ("items", "name", "*o*", False), ("items", "id", "2", True),
        ("items", "addr.city", "Oslo", True), ("missing", "name", "bob", True), ("items", "name", "nobody", True),
        ("items", "price", "10.00", True), ("items", "name", "*", True), ("next", "name", "x", True),
        ("items", "tags[0]", "a", True), ("items", "name", "", True),
    ]
    for array, rel, value, case_sensitive in finds:
        yield jo(
            f"FindRecord/{array}/{rel}/{value}/{case_sensitive}",
            step("Load", RECORDS),
            step("FindRecord", array, rel, value, case_sensitive, as_="r"),
            step("FindRecordString", array, rel, value, case_sensitive, "id"),
            step("FindRecordString", array, rel, value, case_sensitive, "addr.city"),
        )
    yield jo("FindRecord/live", step("Load", RECORDS), step("FindRecord", "items", "name", "Ann", True, as_="r"),
             step("UpdateInt", "added", 1, on="r"), step("Emit", on="r"))


def jo_sb() -> Iterator[Case]:
    for text in ['{"a":1}', "[1]", "{bad", "", SAMPLE]:
        yield jo(f"LoadSb/{text[:20]}", {"new": "StringBuilder", "as": "sb"}, step("Append", text, on="sb"),
                 step("LoadSb", {"obj": "sb"}))
    for compact in (True, False):
        yield jo(f"EmitSb/compact={compact}", step("Load", SAMPLE), {"set": "EmitCompact", "value": compact},
                 {"new": "StringBuilder", "as": "sb"}, step("Append", "prefix:", on="sb"), step("EmitSb", {"obj": "sb"}),
                 step("GetAsString", on="sb"))


# ---------------------------------------------------------------- JsonArray

ARRAY_SAMPLE = '[10,"twenty",{"k":"v"},[1,2],null,true,-3.25,"7"]'


def ja_all() -> Iterator[Case]:
    arrays = [
        "[1,2]", "[]", " [1] ", "{}", "[1,2,]", "[1,,2]", "[1", "[1]x", "bad", "", '["a\\u00e9",1e5,10.00]',
        ARRAY_SAMPLE, "\ufeff[1]", "[[],[{}]]", '[{"a":1},{"a":2}]', "[nul]", "[01]",
    ]
    for n, text in enumerate(arrays):
        yield ja(f"load/{n:02d}", step("Load", text), {"get": "Size"})
        yield ja(f"load-over/{n:02d}", step("Load", "[0]"), step("Load", text))
    for index in INDICES + [4, 5, 6, 7, 8]:
        yield ja(
            f"at/{index}",
            step("Load", ARRAY_SAMPLE),
            step("StringAt", index), step("IntAt", index), step("BoolAt", index), step("TypeAt", index),
            step("IsNullAt", index), step("ObjectAt", index, as_="o"), step("ArrayAt", index, as_="arr"),
        )
        yield ja(f"DeleteAt/{index}", step("Load", ARRAY_SAMPLE), step("DeleteAt", index), {"get": "Size"})
    adds = [
        ("AddStringAt", ("v",)), ("AddIntAt", (5,)), ("AddBoolAt", (True,)), ("AddNullAt", ()),
        ("AddNumberAt", ("2.50",)), ("AddObjectAt", ()), ("AddArrayAt", ()),
    ]
    for base in ["[]", "[1,2,3]"]:
        for index in INDICES:
            for method, args in adds:
                yield ja(f"{method}/{base}/{index}", step("Load", base), step(method, index, *args), {"get": "Size"})
    for compact in (True, False):
        for crlf in (True, False):
            for doc in [ARRAY_SAMPLE, "[]", "[[]]", "[{}]"]:
                yield ja(f"emit/{doc}/compact={compact}/crlf={crlf}", step("Load", doc),
                         {"set": "EmitCompact", "value": compact}, {"set": "EmitCrlf", "value": crlf})
    yield ja("emit/defaults", {"get": "EmitCompact"}, {"get": "EmitCrlf"}, {"get": "Size"})
    yield ja("Clear", step("Load", ARRAY_SAMPLE), step("Clear"), {"get": "Size"})
    yield ja("view/ObjectAt", step("Load", ARRAY_SAMPLE), step("ObjectAt", 2, as_="o"), step("UpdateInt", "n", 1, on="o"),
             {"on": "o", "get": "EmitCompact"}, {"on": "o", "get": "EmitCrLf"})
    yield ja("view/ArrayAt", step("Load", ARRAY_SAMPLE), step("ArrayAt", 3, as_="a"), step("AddIntAt", 0, 0, on="a"),
             step("Emit", on="a"))
    yield ja("view/deleted", step("Load", ARRAY_SAMPLE), step("ObjectAt", 2, as_="o"), step("DeleteAt", 2),
             step("Emit", on="o"), step("UpdateInt", "n", 1, on="o"))
    yield ja("view/AddObjectAt-then-ObjectAt", step("AddObjectAt", -1), step("ObjectAt", 0, as_="o"),
             step("UpdateString", "a.b", "c", on="o"), step("AddArrayAt", 0), step("ArrayAt", 0, as_="a"),
             step("AddStringAt", -1, "x", on="a"))
    for value, case_sensitive in [("twenty", True), ("TWENTY", False), ("TWENTY", True), ("t*", True), ("7", True),
                                  ("10", True), ("missing", True), ("*y", True)]:
        yield ja(f"FindString/{value}/{case_sensitive}", step("Load", ARRAY_SAMPLE),
                 step("FindString", value, case_sensitive))
    records = '[{"id":1,"name":"Ann"},{"id":2,"name":"bob"},{"id":"3","name":"Bob"}]'
    for name, value, case_sensitive in [("name", "bob", True), ("name", "BOB", False), ("id", "3", True), ("id", "2", True),
                                        ("name", "b*", False), ("x", "1", True), ("name", "nobody", True)]:
        yield ja(f"FindObject/{name}/{value}/{case_sensitive}", step("Load", records),
                 step("FindObject", name, value, case_sensitive))
    for text in ["[1,2]", "{}", "bad"]:
        yield ja(f"LoadSb/{text}", {"new": "StringBuilder", "as": "sb"}, step("Append", text, on="sb"),
                 step("LoadSb", {"obj": "sb"}))
    yield ja("EmitSb", step("Load", ARRAY_SAMPLE), {"new": "StringBuilder", "as": "sb"}, step("Append", "x", on="sb"),
             step("EmitSb", {"obj": "sb"}), step("GetAsString", on="sb"))


# ---------------------------------------------------------------- StringBuilder

SB_TEXTS = ["", "Hello World", "  padded\t\r\n", "line1\r\nline2\nline3", "ÀÉÎõü straße", "aaa", "😀x😀"]


def sb_all() -> Iterator[Case]:
    yield sb("defaults", {"get": "Length"})
    for n, text in enumerate(SB_TEXTS):
        yield sb(f"Append/{n}", step("Append", text), {"get": "Length"}, step("Append", text), {"get": "Length"})
        yield sb(f"SetString/{n}", step("Append", "old"), step("SetString", text), {"get": "Length"})
        yield sb(f"Prepend/{n}", step("Append", "base"), step("Prepend", text))
        for method in ["ToLowercase", "ToUppercase", "Trim"]:
            yield sb(f"{method}/{n}", step("Append", text), step(method))
        for needle in ["", "World", "world", "o", "a", "ß", "xyz"]:
            for case_sensitive in (True, False):
                yield sb(f"search/{n}/{needle}/{case_sensitive}", step("Append", text),
                         step("Contains", needle, case_sensitive), step("StartsWith", needle, case_sensitive),
                         step("EndsWith", needle, case_sensitive))
        for value, replacement in [("o", "0"), ("", "x"), ("aa", "b"), ("World", ""), ("missing", "y")]:
            yield sb(f"Replace/{n}/{value}/{replacement}", step("Append", text), step("Replace", value, replacement))
    for value in [0, -1, 42, 2147483647, -2147483648]:
        yield sb(f"AppendInt/{value}", step("Append", "n="), step("AppendInt", value))
    for crlf in (True, False):
        yield sb(f"AppendLine/crlf={crlf}", step("AppendLine", "one", crlf), step("AppendLine", "", crlf),
                 {"get": "Length"})
    yield sb("Clear", step("Append", "abc"), step("Clear"), {"get": "Length"})
    yield sb("Append-after-Clear", step("Append", "abc"), step("Clear"), step("Append", "d"))


# ---------------------------------------------------------------- setters after a failure


def kept_after_failure_all() -> Iterator[Case]:
    yield kept_after_failure("JsonObject", "setters", step("StringOf", "missing"),
                             *[{"set": name, "value": value} for name, value in
                               [("EmitCompact", False), ("EmitCrLf", False), ("I", 2), ("J", 1), ("K", 0)]])
    yield kept_after_failure("JsonObject", "Clear", step("StringOf", "missing"), step("Clear"))
    yield kept_after_failure("JsonArray", "setters-and-Clear", step("StringAt", 5), {"set": "EmitCompact", "value": False},
                             {"set": "EmitCrlf", "value": False}, step("Clear"))
    yield kept_after_failure("StringBuilder", "Clear", step("LoadFile", "/nonexistent/dpop-diff/x.txt", "utf-8"), step("Clear"))


# ---------------------------------------------------------------- Global


def global_all() -> Iterator[Case]:
    yield case("Global/unlock", "Global", step("UnlockBundle", "Anything for 30-day trial"), {"get": "UnlockStatus"})
    yield case("Global/unlock-empty-code", "Global", step("UnlockBundle", ""))
    yield case("Global/version", "Global", {"get": "Version"})


GENERATORS: dict[str, list[Callable[[], Iterator[Case]]]] = {
    "jsonobject": [jo_load, jo_emit, jo_read_paths, jo_update_paths, jo_values, jo_numbers_and_strings,
                   jo_index_access, jo_add_at, jo_append, jo_ijk, jo_views, jo_find, jo_sb, kept_after_failure_all],
    "jsonarray": [ja_all],
    "stringbuilder": [sb_all],
    "global": [global_all],
}


# The Http, HttpResponse, HttpRequest and Rest cases, which need the scripted server.
import http_cases  # noqa: E402  (it uses the helpers above)

GENERATORS.update(http_cases.GENERATORS)


def cases_by_fixture() -> dict[str, list[Case]]:
    """{fixture name: its cases}. A case generated under two names (e.g. JsonArray cases made by a
    JsonObject generator) goes to the fixture of its class."""
    fixtures: dict[str, list[Case]] = {name: [] for name in GENERATORS}
    seen: set[str] = set()
    for generators in GENERATORS.values():
        for generate in generators:
            for c in generate():
                if c["id"] in seen:
                    raise ValueError(f"duplicate case id {c['id']}")
                seen.add(c["id"])
                fixtures[c["class"].lower()].append(c)
    return fixtures
