"""Finding the program's entry point for an area and calling it with what the benchmark has.

The areas are written by several people at once; their function names and keyword names are
looked up here instead of being hard-wired, so the suite keeps measuring while they settle.
When nothing usable is found, NotMeasured says exactly what was looked for.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable


class NotMeasured(Exception):
    """An area whose code is not there (yet); the message says what was missing."""


# keyword names a function may use for each thing the benchmark can hand it
SYNONYMS = {
    "session": ("session", "s"),
    "branch_id": ("branch_id", "branch"),
    "year": ("year",),
    "quarter": ("quarter", "q"),
    "path": ("path", "out", "output", "target", "dest", "file", "out_path", "output_path",
             "filename"),
    "paths": ("paths", "files", "inputs", "sources", "workbooks"),
    "member_ids": ("member_ids", "ids", "members"),
    "today": ("today", "on", "as_of"),
    "db_path": ("db_path",),
    "event_id": ("event_id", "event"),
}


def find(candidates: list[tuple[str, str]]) -> Callable:
    """The first `module:function` pair of `candidates` that exists."""
    tried = []
    for module_name, name in candidates:
        tried.append(f"{module_name}.{name}")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                continue
            raise
        fn = getattr(module, name, None)
        if callable(fn):
            return fn
    raise NotMeasured("none of " + ", ".join(tried) + " exists yet")


def call(fn: Callable, **have):
    """Call `fn` mapping its parameters onto `have` by name (see SYNONYMS)."""
    kwargs, args = {}, []
    for param in inspect.signature(fn).parameters.values():
        key = next((k for k, names in SYNONYMS.items() if param.name in names and k in have), None)
        if key is None:
            if param.default is inspect.Parameter.empty and param.kind not in (
                    param.VAR_POSITIONAL, param.VAR_KEYWORD):
                raise NotMeasured(f"{fn.__module__}.{fn.__qualname__}{inspect.signature(fn)}: "
                                  f"the benchmark has nothing for '{param.name}'")
            continue
        if param.kind is param.POSITIONAL_ONLY:
            args.append(have[key])
        else:
            kwargs[param.name] = have[key]
    return fn(*args, **kwargs)
