"""Runs the steps of a differential case against a Chilkat-like module (`chilkat2`, or `dpop`
imported in its place) and returns what was observed.

A case is a short script on fresh objects:

    {"id": "JsonObject/path/UpdateString/a.b[1].c", "class": "JsonObject", "steps": [
        {"do": "Load", "args": ["{}"]},                       # a method call on "main"
        {"do": "UpdateString", "args": ["a.b[1].c", "v"]},
        {"do": "ObjectOf", "args": ["a"], "as": "v1"},        # keeps the returned object as v1
        {"on": "v1", "do": "Emit"},                           # a call on another object
        {"get": "Size"}, {"set": "I", "value": 2},            # properties
        {"new": "StringBuilder", "as": "sb"},                 # another fresh object
        {"do": "LoadSb", "args": [{"obj": "sb"}]},            # an object as an argument
    ]}

The object named "main" is a fresh object of the case's class. Running a step observes:
  "ret": the result: a str, int or bool; for a method returning an object the class name of the
         object or null; {"error": "<exception class>"} if the call raised (chilkat2 raises
         UnicodeDecodeError for a string that is not UTF-8);
  "ok":  LastMethodSuccess after a method call (not after property access or "new"), except
         after the methods in LMS_UNTOUCHED.
A step on an object that an earlier step did not return observes {"ret": {"error": "no object"}}.

Http, HttpResponse, HttpRequest and Rest cases talk to a scripted local server (http_server.py),
started on first use: the text `{base}` in an argument or a property value stands for its URL
("http://127.0.0.1:PORT"), `{host}` and `{port}` for its parts, and the same URL in an observed
string is written back as `{base}`, so that recordings do not depend on the port.
"""

from typing import Any

import http_server

BASE = "{base}"
_server: "http_server.ScriptedServer | None" = None


def _base() -> str:
    global _server
    if _server is None:
        _server = http_server.ScriptedServer()
    return _server.base


def _placed(value: Any) -> Any:
    """`value` with the placeholders of the server's URL replaced."""
    if not isinstance(value, str) or "{" not in value:
        return value
    host, port = _base()[len("http://"):].split(":")
    placed = value.replace(BASE, _base()).replace("{host}", host)
    return int(port) if placed == "{port}" else placed.replace("{port}", port)

#: Methods after which LastMethodSuccess is not observed: Chilkat leaves it as the previous call
#: set it (its documentation says the property does not apply to methods returning an integer,
#: or a boolean that is a value rather than success), so no script can depend on it there.
#: libdpop sets it after these too, so that 0 can be told from a failure.
LMS_UNTOUCHED = {
    "JsonObject": {"IntOf", "BoolOf", "IsNullOf", "JsonTypeOf", "SizeOfArray", "IndexOf", "IntAt", "BoolAt", "TypeAt", "IsNullAt"},
    "JsonArray": {"IntAt", "BoolAt", "TypeAt", "IsNullAt", "FindString", "FindObject"},
    "StringBuilder": {"Contains", "StartsWith", "EndsWith", "Replace"},
}


def observe(module: Any, case: dict) -> list[dict]:
    """The observations of each step of `case`, in order ({} for steps that observe nothing)."""
    objects = {"main": getattr(module, case["class"])()}
    observed = []
    for step in case["steps"]:
        observed.append(_run(module, objects, step))
    return observed


def _run(module: Any, objects: dict, step: dict) -> dict:
    if "new" in step:
        objects[step["as"]] = getattr(module, step["new"])()
        return {}
    target = objects.get(step.get("on", "main"))
    if target is None:  # an earlier step returned no object to keep
        return {"ret": {"error": "no object"}}
    if "set" in step:
        setattr(target, step["set"], _placed(step["value"]))
        return {}
    if "get" in step:
        return {"ret": _plain(getattr(target, step["get"]))}
    args = [objects[a["obj"]] if isinstance(a, dict) else _placed(a) for a in step.get("args", [])]
    try:
        result = getattr(target, step["do"])(*args)
    except Exception as e:  # recorded, not raised: a case observes what happens
        result_seen: Any = {"error": type(e).__name__}
    else:
        if "as" in step and result is not None:
            objects[step["as"]] = result
        result_seen = _plain(result)
    if step["do"] in LMS_UNTOUCHED.get(type(target).__name__, ()):
        return {"ret": result_seen}
    return {"ret": result_seen, "ok": bool(target.LastMethodSuccess)}


def _plain(value: Any) -> Any:
    """A JSON-storable form of a result: objects become their class name; the scripted server's
    URL is written as `{base}`."""
    if isinstance(value, str) and _server is not None:
        return value.replace(_server.base, BASE)
    if value is None or isinstance(value, (str, int, bool)):
        return value
    return type(value).__name__
