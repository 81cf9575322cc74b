"""JsonObject views, JsonArray, StringBuilder and Global as a chilkat2 script uses them: the
Chilkat REST example pattern, live views that outlive their parent, "" and None for failures,
AttributeError for names the class does not have."""

import gc
import re
from pathlib import Path

import pytest

import dpop
from conftest import ROOT


def test_the_rest_example_pattern():
    glob = dpop.Global()
    assert glob.UnlockBundle("Anything for 30-day trial") is True
    assert glob.UnlockStatus == 2

    sb = dpop.StringBuilder()
    assert sb.Append('{"items":[{"name":"a","price":10.00},{"name":"b","price":1e5}],"next":null}')
    json = dpop.JsonObject()
    assert json.LoadSb(sb)
    names = []
    for i in range(json.SizeOfArray("items")):
        json.I = i
        names.append(json.StringOf("items[i].name"))
    assert names == ["a", "b"]
    assert json.StringOf("items[0].price") == "10.00"
    assert json.IsNullOf("next") is True

    items = json.ArrayOf("items")
    assert isinstance(items, dpop.JsonArray) and items.Size == 2
    first = items.ObjectAt(0)
    assert first.UpdateString("seen", "yes")
    assert json.StringOf("items[0].seen") == "yes"

    out = dpop.StringBuilder()
    assert json.EmitSb(out)
    assert out.GetAsString() == json.Emit()
    assert out.Contains('"seen":"yes"', True)


def test_views_outlive_their_parent():
    json = dpop.JsonObject()
    assert json.Load('{"a":{"b":1}}')
    view = json.ObjectOf("a")
    del json
    gc.collect()
    assert view.UpdateInt("c", 2)
    assert view.Emit() == '{"b":1,"c":2}'


def test_a_removed_view_fails_with_an_explanation():
    json = dpop.JsonObject()
    assert json.Load('{"a":{"b":1}}')
    view = json.ObjectOf("a")
    assert json.Delete("a")
    assert view.UpdateInt("c", 1) is False
    assert "no longer in its JSON document" in view.LastErrorText
    assert view.LastErrorCode == 3  # DPOP_ERR_INVALID_STATE
    assert view.StringOf("b") == ""


def test_failures_give_empty_strings_and_none_as_chilkat2():
    json = dpop.JsonObject()
    assert json.StringOf("missing") == "" and json.LastMethodSuccess is False
    assert json.ObjectOf("missing") is None
    assert json.ArrayAt(0) is None
    assert json.NameAt(5) == ""
    assert json.FindRecord("items", "name", "x", True) is None
    assert "x" + json.StringOf("missing") == "x"  # the chilkat2 idiom that None would break
    arr = dpop.JsonArray()
    assert arr.StringAt(0) == "" and arr.ObjectAt(0) is None
    assert arr.LastErrorCode == 6  # DPOP_ERR_NOT_FOUND


def test_unknown_attributes_raise_attribute_error_as_chilkat2():
    for obj in (dpop.JsonObject(), dpop.JsonArray(), dpop.StringBuilder(), dpop.Global(), dpop.Http()):
        with pytest.raises(AttributeError, match="has no attribute 'NoSuchProperty'"):
            obj.NoSuchProperty = 1
        with pytest.raises(AttributeError):
            obj.NoSuchProperty
    json = dpop.JsonObject()
    with pytest.raises(AttributeError):
        json.Size = 1  # read-only
    with pytest.raises(AttributeError):
        json.Emit = None  # a method, not a property
    json.I = 3  # a real property still works
    assert json.I == 3


def test_objects_of_the_wrong_class_are_refused_before_c():
    json = dpop.JsonObject()
    with pytest.raises(TypeError, match="'sb' must be StringBuilder, not JsonObject"):
        json.LoadSb(json)
    with pytest.raises(TypeError, match="must be StringBuilder, not str"):
        dpop.JsonArray().EmitSb("text")


def test_json_array():
    arr = dpop.JsonArray()
    assert arr.Load('[10,"twenty",{"k":"v"},[1,2],null,true]')
    assert (arr.Size, arr.StringAt(-1), arr.IntAt(0), arr.TypeAt(2)) == (6, "true", 10, 3)
    assert arr.AddStringAt(0, "first") and arr.DeleteAt(-1)
    assert arr.FindString("TWENTY", False) == 2
    assert arr.ArrayAt(4).Emit() == "[1,2]"
    arr.EmitCompact = False
    assert arr.EmitCrlf is True
    assert arr.Emit().startswith('[\r\n  "first",\r\n')
    arr.Clear()
    assert arr.Emit() == "[]\r\n"
    assert arr.Load("{}") is False and "an array [...] was expected" in arr.LastErrorText


def test_string_builder_text_and_files(tmp_path: Path):
    sb = dpop.StringBuilder()
    assert sb.Append("  Hello World ") and sb.AppendInt(-5) and sb.AppendLine("", True)
    assert sb.Trim() and sb.GetAsString() == "Hello World -5"
    assert sb.Replace("o", "0") == 2 and sb.Prepend(">")
    assert sb.StartsWith(">hell", False) and not sb.StartsWith(">hell", True)
    assert sb.Length == 15
    path = tmp_path / "out.txt"
    assert sb.SetString("h\u00e9\u20ac") and sb.WriteFile(str(path), "utf-8", True)
    assert path.read_bytes() == b"\xef\xbb\xbfh\xc3\xa9\xe2\x82\xac"
    again = dpop.StringBuilder()
    assert again.LoadFile(str(path), "windows-1252") and again.GetAsString() == "h\u00e9\u20ac"
    assert again.LoadFile(str(tmp_path / "missing.txt"), "utf-8") is False
    assert "missing.txt" in again.LastErrorText and again.GetAsString() == "h\u00e9\u20ac"
    again.Clear()
    assert again.GetAsString() == "" and again.Length == 0


def test_global_version_is_libdpops():
    cargo = (ROOT / "Cargo.toml").read_text(encoding="utf-8")
    version = re.search(r'^version = "(.*)"', cargo, re.M)[1]
    assert dpop.Global().Version == version
