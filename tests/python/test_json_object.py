"""JsonObject: the seed's client description, updates and reads, files, and bad input."""

import json
from pathlib import Path

import pytest

import dpop
from dpop._library import lib

SEED_COMPACT = (
    '{"client_secret":"secret","client_id":"m2m.dpop",'
    '"token_endpoint":"https://demo.duendesoftware.com/connect/token","scope":"api"}'
)


def seed_client_json() -> dpop.JsonObject:
    """The JsonObject the seed builds, member by member in the seed's order."""
    client = dpop.JsonObject()
    assert client.UpdateString("client_secret", "secret")
    assert client.UpdateString("client_id", "m2m.dpop")
    assert client.UpdateString("token_endpoint", "https://demo.duendesoftware.com/connect/token")
    assert client.UpdateString("scope", "api")
    return client


def test_seed_emit_is_compact_in_insertion_order():
    client = seed_client_json()
    assert client.EmitCompact is True
    assert client.Emit() == SEED_COMPACT
    assert client.Size == 4


def test_pretty_emit_indents_by_two_spaces():
    client = seed_client_json()
    client.EmitCompact = False
    assert client.EmitCompact is False
    assert client.Emit() == json.dumps(json.loads(SEED_COMPACT), indent=2).replace("\n", "\r\n") + "\r\n"
    client.EmitCrLf = False
    assert client.Emit() == json.dumps(json.loads(SEED_COMPACT), indent=2) + "\n"


def test_updates_and_reads():
    doc = dpop.JsonObject()
    assert doc.UpdateString("a.b", "x")
    assert doc.UpdateInt("n", -5)
    assert doc.UpdateBool("t", True)
    assert doc.UpdateNumber("f", "3.25")
    assert doc.UpdateNull("z")
    assert doc.Emit() == '{"a":{"b":"x"},"n":-5,"t":true,"f":3.25,"z":null}'
    assert (doc.StringOf("a.b"), doc.StringOf("n"), doc.StringOf("t"), doc.StringOf("f")) == (
        "x", "-5", "true", "3.25")
    assert doc.IntOf("n") == -5 and doc.BoolOf("t") is True
    assert doc.HasMember("a.b") is True and doc.HasMember("q") is False
    assert doc.Delete("a") is True and doc.Delete("a") is False
    assert doc.Size == 4


def test_extreme_ints_round_trip():
    doc = dpop.JsonObject()
    for value in (-(2**31), 2**31 - 1):
        assert doc.UpdateInt("v", value) and doc.IntOf("v") == value


def test_missing_values_fail_like_chilkat2():
    doc = dpop.JsonObject()
    assert doc.StringOf("nope") == ""
    assert doc.LastMethodSuccess is False and "nope" in doc.LastErrorText
    assert doc.LastErrorCode == dpop.ErrorCode.NOT_FOUND
    assert doc.IntOf("nope") == 0 and doc.LastMethodSuccess is False
    assert doc.BoolOf("nope") is False
    assert doc.Emit() == "{}"  # a later call succeeds again
    assert doc.LastErrorCode == dpop.ErrorCode.OK


def test_unicode_round_trip():
    doc = dpop.JsonObject()
    assert doc.UpdateString("name", "héllo € 😀")
    assert doc.StringOf("name") == "héllo € 😀"
    assert json.loads(doc.Emit()) == {"name": "héllo € 😀"}


def test_load_keeps_content_on_bad_json():
    doc = dpop.JsonObject()
    assert doc.Load('{"k": [1, 2]}') and doc.Size == 1
    for bad in ("{bad", "[1]", ""):
        assert doc.Load(bad) is False, bad
        assert doc.LastErrorCode == dpop.ErrorCode.JSON and doc.LastErrorText
    assert doc.Emit() == '{"k":[1,2]}'
    assert doc.UpdateNumber("n", "abc") is False and "abc" in doc.LastErrorText
    assert doc.LastErrorCode == dpop.ErrorCode.JSON


def test_write_and_load_file(tmp_path: Path):
    path = tmp_path / "client.json"
    assert seed_client_json().WriteFile(str(path))
    assert path.read_text() == SEED_COMPACT
    doc = dpop.JsonObject()
    assert doc.LoadFile(str(path)) and doc.Emit() == SEED_COMPACT
    assert doc.LoadFile(str(tmp_path / "missing.json")) is False
    assert doc.LastErrorCode == dpop.ErrorCode.IO and "missing.json" in doc.LastErrorText


def test_wrong_argument_types_raise_before_calling_c():
    doc = dpop.JsonObject()
    with pytest.raises(TypeError, match="'path' must be str, not int"):
        doc.UpdateString(1, "x")
    with pytest.raises(TypeError, match="'value' must be int, not str"):
        doc.UpdateInt("n", "1")
    with pytest.raises(OverflowError):
        doc.UpdateInt("n", 2**31)
    with pytest.raises(TypeError, match="must be bool"):
        doc.UpdateBool("b", None)
    with pytest.raises(TypeError, match="JsonObject.EmitCompact must be bool"):
        doc.EmitCompact = "yes"
    with pytest.raises(AttributeError):
        doc.Size = 3  # read-only
    with pytest.raises(TypeError):
        doc.Emit("extra")
    assert doc.Size == 0


def test_nul_and_unencodable_strings_raise_value_error():
    doc = dpop.JsonObject()
    with pytest.raises(ValueError, match="'value' contains a NUL"):
        doc.UpdateString("k", "a\0b")
    with pytest.raises(ValueError):
        doc.UpdateString("k", "\ud800")  # a lone surrogate has no UTF-8 form
    assert doc.Size == 0


def test_invalid_utf8_through_the_raw_c_function_fails_cleanly():
    doc = dpop.JsonObject()
    assert lib.CkJsonObject_UpdateString(doc._handle, b"k", b"\xff\xfe") == 0
    assert doc.LastMethodSuccess is False and "UTF-8" in doc.LastErrorText
    assert doc.LastErrorCode == dpop.ErrorCode.INVALID_ARGUMENT
    assert lib.CkJsonObject_Load(doc._handle, b'{"a":"\xc3"}') == 0
    assert lib.CkJsonObject_UpdateString(doc._handle, None, b"x") == 0
    assert doc.LastErrorCode == dpop.ErrorCode.INVALID_ARGUMENT and "NULL" in doc.LastErrorText
    assert doc.Emit() == "{}"


def test_disposed_object_raises():
    doc = seed_client_json()
    doc.Dispose()
    with pytest.raises(ValueError, match="JsonObject has been disposed"):
        doc.Emit()
    with pytest.raises(ValueError, match="disposed"):
        doc.EmitCompact
