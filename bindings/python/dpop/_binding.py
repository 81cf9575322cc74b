"""Turns the declarations of dpop's classes into calls of libdpop.

A class declares Python-facing names only:

    class Http(NativeObject, c_class="CkHttp"):
        AuthToken: str = native_property("...", settable=True)

        @native
        def QuickGetStr(self, url: str) -> str:
            "..."

and the C functions follow Chilkat's naming: a property `Name` of type str is read with
`CkHttp_name`, one of type int or bool with `CkHttp_getName`, and set with `CkHttp_putName`; a
method `Name` is `CkHttp_Name`, or `CkHttp_name` when it returns a string. The annotations say
how arguments and results are converted. Every declaration is checked against the prototypes
generated from include/dpop.h when the class is created, so a mismatch fails at import. Library
functions (`dpop_version`) are declared the same way as module-level functions with
`@native_function`.
"""

import enum
import functools
import inspect
import operator
import threading
import typing
from typing import Any, Callable, ClassVar, Optional, TypeVar

from ._ffi import PROTOTYPES, ErrorCode
from ._library import lib

INT_MIN, INT_MAX = -(2**31), 2**31 - 1

F = TypeVar("F", bound=Callable[..., Any])


class BindingError(Exception):
    """A declaration in the dpop package does not match include/dpop.h."""


class PropertySpec:
    """What `native_property` returns: replaced by a real property when the class is made."""

    def __init__(self, doc: str, settable: bool) -> None:
        self.doc = doc
        self.settable = settable


def native_property(doc: str, settable: bool = False) -> Any:
    """Declares a property implemented in C; its type is the class annotation of its name."""
    return PropertySpec(doc, settable)


def native(stub: F) -> F:
    """Declares a method implemented in C by its signature and docstring (the body is unused)."""
    stub.__dpop_native__ = True  # type: ignore[attr-defined]
    return stub


#: The library functions (dpop_*) that the package calls (a test checks that, with the classes'
#: functions, they are all of the header's).
library_functions: set[str] = set()


def native_function(stub: F) -> F:
    """Declares the library function `dpop_<name>` of a module-level function by its signature
    and docstring (the body is unused)."""
    c_name = f"dpop_{stub.__name__}"
    signature = inspect.signature(stub)
    params = list(signature.parameters.values())
    restype, argtypes = PROTOTYPES.get(c_name, (None, ()))
    if restype is None or len(argtypes) != len(params):
        raise BindingError(
            f"{stub.__name__}(): include/dpop.h has no function {c_name} taking {len(params)} "
            f"argument(s): {PROTOTYPES.get(c_name, 'no such function')}"
        )
    to_c = [
        _argument_converter(p.annotation, c_type, f"{stub.__name__}() argument {p.name!r}")
        for p, c_type in zip(params, argtypes)
    ]
    from_c = _result_converter(signature.return_annotation, restype, f"{stub.__name__}()")
    c_function = getattr(lib, c_name)
    library_functions.add(c_name)

    @functools.wraps(stub)
    def function(*args: Any, **kwargs: Any) -> Any:
        c_args = [convert(arg) for convert, arg in zip(to_c, signature.bind(*args, **kwargs).args)]
        return from_c(None, c_function(*c_args))

    return function  # type: ignore[return-value]


class NativeObject:
    """A Python object that owns one libdpop handle (a Ck<Class> object).

    A string the library returns lives in the handle until the next call on it, and ctypes copies
    it only after the call has returned: each object has a lock, held from the call until its
    result is converted, so that threads sharing the object never read a string another thread's
    call has already replaced."""

    _c_class: ClassVar[str]
    #: The C functions this class calls (a test checks that together the classes call all).
    _c_functions: ClassVar[frozenset[str]]
    _handle: Optional[int] = None
    _lock: threading.Lock

    LastMethodSuccess: bool = native_property(
        "True if the last method call on this object succeeded."
    )
    LastErrorText: str = native_property(
        'Why the last method call on this object failed ("" after a success).'
    )
    LastErrorCode: ErrorCode = native_property(
        "Extension: why the last method call on this object failed, as a number to branch on: "
        "ErrorCode.OK after a success (a plain int for a code newer than this package)."
    )

    def __init_subclass__(cls, c_class: str, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._c_class = c_class
        binder = _Binder(cls)
        binder.check(f"{c_class}_Create", (), f"H{c_class}")
        binder.check(f"{c_class}_Dispose", (f"H{c_class}",), "void")
        hints = typing.get_type_hints(cls)
        for klass in reversed(cls.__mro__):
            for name, value in list(vars(klass).items()):
                if isinstance(value, PropertySpec):
                    setattr(cls, name, binder.property(name, hints[name], value))
                elif getattr(value, "__dpop_native__", False):
                    try:
                        setattr(cls, name, binder.method(name, value))
                    except _Unresolved:
                        _PENDING.append((cls, name, value))
        cls._c_functions = frozenset(binder.used)
        _CLASSES[cls.__name__] = cls
        _bind_pending()

    def __new__(cls, *args: Any, **kwargs: Any) -> "NativeObject":
        obj = super().__new__(cls)
        object.__setattr__(obj, "_lock", threading.Lock())
        return obj

    def __init__(self) -> None:
        """Creates the native object."""
        handle = getattr(lib, f"{self._c_class}_Create")()
        if not handle:
            raise MemoryError(f"{self._c_class}_Create failed")
        self._handle = handle

    @classmethod
    def _adopt(cls, handle: int) -> "NativeObject":
        """Wraps a handle that a C function returned and the caller now owns."""
        obj = cls.__new__(cls)
        obj._handle = handle
        return obj

    def __setattr__(self, name: str, value: Any) -> None:
        # As in chilkat2, a name the class does not have is an error, so that a typo
        # (`http.FollowRedirect = False`) fails instead of setting nothing.
        if name != "_handle" and not isinstance(getattr(type(self), name, None), property):
            raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")
        object.__setattr__(self, name, value)

    def _live_handle(self) -> int:
        if self._handle is None:
            raise ValueError(f"this {type(self).__name__} has been disposed")
        return self._handle

    def Dispose(self) -> None:
        """Frees the native object now instead of when it is garbage collected. Using the object
        afterwards raises ValueError; disposing it again does nothing."""
        with self._lock:  # not while another thread converts a string the handle holds
            handle, self._handle = self._handle, None
            if handle is not None:
                getattr(lib, f"{self._c_class}_Dispose")(handle)

    def __del__(self) -> None:
        self.Dispose()

    def __enter__(self: "T") -> "T":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.Dispose()


T = TypeVar("T", bound=NativeObject)

#: The classes made so far, by name, for annotations that name a class defined later
#: (JsonObject.ArrayOf returns a JsonArray, JsonArray.ObjectAt a JsonObject).
_CLASSES: dict[str, type[NativeObject]] = {}
#: Methods (class, name, stub) whose annotations name a class not made yet.
_PENDING: list[tuple[type[NativeObject], str, Callable[..., Any]]] = []


class _Unresolved(Exception):
    """An annotation names a class that does not exist yet."""


def _bind_pending() -> None:
    """Binds every pending method whose annotations can now be resolved."""
    for entry in list(_PENDING):
        cls, name, stub = entry
        _PENDING.remove(entry)
        binder = _Binder(cls)
        try:
            method = binder.method(name, stub)
        except _Unresolved:
            _PENDING.append(entry)
            continue
        setattr(cls, name, method)
        cls._c_functions = cls._c_functions | binder.used


def _resolve(annotation: Any) -> Any:
    """A string annotation ("JsonArray | None") as the type it names."""
    if not isinstance(annotation, str):
        return annotation
    names = [part.strip() for part in annotation.split("|")]
    if any(n != "None" and n not in _CLASSES for n in names):
        raise _Unresolved(annotation)
    types = [type(None) if n == "None" else _CLASSES[n] for n in names]
    return functools.reduce(operator.or_, types)


class _Binder:
    """Makes the Python functions of one class from its declarations, checking each against
    the prototype of the C function it calls."""

    def __init__(self, cls: type[NativeObject]) -> None:
        self.cls = cls
        self.handle_type = f"H{cls._c_class}"
        self.used: set[str] = set()

    def check(self, c_name: str, argtypes: tuple[str, ...], restype: str) -> None:
        if PROTOTYPES.get(c_name) != (restype, argtypes):
            raise BindingError(
                f"{self.cls.__name__}: expected C function {restype} {c_name}({', '.join(argtypes)}), "
                f"include/dpop.h has {PROTOTYPES.get(c_name, 'no such function')}"
            )
        self.used.add(c_name)

    def property(self, name: str, annotation: Any, spec: PropertySpec) -> property:
        where = f"{self.cls.__name__}.{name}"
        c_getter = f"{self.cls._c_class}_{_lower_first(name) if annotation is str else 'get' + name}"
        fget = self.call(c_getter, [], annotation, where)
        fget.__annotations__ = {"return": annotation}
        fset = None
        if spec.settable:
            fset = self.call(f"{self.cls._c_class}_put{name}", [(where, annotation)], None, where)
        return property(fget, fset, doc=spec.doc)

    def method(self, name: str, stub: Callable[..., Any]) -> Callable[..., Any]:
        signature = inspect.signature(stub)
        params = list(signature.parameters.values())[1:]  # after self
        returns = _resolve(signature.return_annotation)
        c_name = f"{self.cls._c_class}_{_lower_first(name) if _base_type(returns) is str else name}"
        where = f"{self.cls.__name__}.{name}()"
        arguments = [(f"{where} argument {p.name!r}", _resolve(p.annotation)) for p in params]
        call = self.call(c_name, arguments, returns, where)

        @functools.wraps(stub)
        def method(*args: Any, **kwargs: Any) -> Any:
            return call(*signature.bind(*args, **kwargs).args)

        return method

    def call(
        self, c_name: str, params: list[tuple[str, Any]], returns: Any, where: str
    ) -> Callable[..., Any]:
        """A function (self, *args) that converts the arguments as `params` (what to call the
        argument in errors, its annotation) say, calls `c_name` on self's handle and converts
        its result to `returns`."""
        restype, argtypes = PROTOTYPES.get(c_name, (None, ()))
        if restype is None or argtypes[:1] != (self.handle_type,) or len(argtypes) != len(params) + 1:
            raise BindingError(
                f"{where}: include/dpop.h has no function {c_name} taking a {self.handle_type} "
                f"and {len(params)} more argument(s): {PROTOTYPES.get(c_name, 'no such function')}"
            )
        self.used.add(c_name)
        to_c = [
            _argument_converter(annotation, c_type, argument)
            for (argument, annotation), c_type in zip(params, argtypes[1:])
        ]
        from_c = _result_converter(returns, restype, where)
        c_function = getattr(lib, c_name)

        def call(obj: NativeObject, *args: Any) -> Any:
            c_args = [convert(arg) for convert, arg in zip(to_c, args)]
            with obj._lock:
                return from_c(obj, c_function(obj._live_handle(), *c_args))

        return call


def _lower_first(name: str) -> str:
    return name[0].lower() + name[1:]


def _base_type(annotation: Any) -> Any:
    """X for `X | None`, else the annotation itself."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    return args[0] if len(args) == 1 else annotation


def _is_optional(annotation: Any) -> bool:
    return type(None) in typing.get_args(annotation)


def _argument_converter(annotation: Any, c_type: str, where: str) -> Callable[[Any], Any]:
    """The function that checks one Python argument and converts it for `c_type`."""
    if annotation is str and c_type == "const char *":
        return functools.partial(_to_utf8, where)
    if annotation is int and c_type == "int":
        return functools.partial(_to_int, where)
    if annotation is bool and c_type == "int":
        return functools.partial(_to_bool, where)
    if _is_native_class(annotation) and c_type == f"H{annotation._c_class}":
        return functools.partial(_to_handle, annotation, where)
    raise BindingError(f"{where}: {annotation} cannot be passed as C {c_type}")


def _result_converter(annotation: Any, c_type: str, where: str) -> Callable[[NativeObject, Any], Any]:
    """The function (obj, C result) -> Python result for a call on obj."""
    base, optional = _base_type(annotation), _is_optional(annotation)
    if annotation is None and c_type == "void":
        return lambda obj, result: None
    if annotation is bool and c_type == "int":
        return lambda obj, result: bool(result)
    if annotation is int and c_type == "int":
        return lambda obj, result: result
    if _is_int_enum(annotation) and c_type == "int":
        return lambda obj, result: _to_enum(annotation, result)
    if annotation is str and c_type == "const char *":
        # As in chilkat2, a failed string method returns "" (see LastMethodSuccess).
        return lambda obj, result: _from_utf8(result)
    if optional and _is_native_class(base) and c_type == f"H{base._c_class}":
        return lambda obj, result: None if result is None else base._adopt(result)
    raise BindingError(f"{where}: C {c_type} cannot be returned as {annotation}")


def _is_int_enum(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, enum.IntEnum)


def _to_enum(cls: type[enum.IntEnum], value: int) -> int:
    """The member of `cls` numbered `value`; the number itself when `cls` has none (a code added
    to the library after this package was generated)."""
    try:
        return cls(value)
    except ValueError:
        return value


def _is_native_class(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, NativeObject)


def _type_error(where: str, expected: str, value: Any) -> TypeError:
    return TypeError(f"{where} must be {expected}, not {type(value).__name__}")


def _to_utf8(where: str, value: Any) -> bytes:
    if not isinstance(value, str):
        raise _type_error(where, "str", value)
    if "\0" in value:
        raise ValueError(f"{where} contains a NUL character")
    return value.encode("utf-8")


def _to_int(where: str, value: Any) -> int:
    if not isinstance(value, int):
        raise _type_error(where, "int", value)
    if not INT_MIN <= value <= INT_MAX:
        raise OverflowError(f"{where} is out of the range of a C int: {value}")
    return int(value)


def _to_bool(where: str, value: Any) -> int:
    if not isinstance(value, int):  # bool is an int
        raise _type_error(where, "bool", value)
    return 1 if value else 0


def _to_handle(cls: type[NativeObject], where: str, value: Any) -> int:
    if not isinstance(value, cls):
        raise _type_error(where, cls.__name__, value)
    return value._live_handle()


def _from_utf8(result: Optional[bytes]) -> str:
    return (result or b"").decode("utf-8", errors="replace")
