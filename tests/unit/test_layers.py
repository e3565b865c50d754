"""The layers hold, as the code is today (docs/architecture.md): read every module's imports —
at the top and inside functions — and check who may import whom, and that nothing imports in a
circle. A new module that breaks a rule fails here, naming the import."""

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"


def modules() -> dict[str, Path]:
    found = {}
    for path in APP.rglob("*.py"):
        parts = path.relative_to(APP.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = modules()


def _target(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports(module: str) -> set[str]:
    """The app modules `module` imports anywhere in its text (`from pkg import submodule` counts
    as the submodule), and "PySide6" if it imports Qt."""
    out = set()
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            subs = [f"{node.module}.{a.name}" for a in node.names]
            names = [s for s in subs if s in MODULES] or [node.module]
        else:
            continue
        for name in names:
            if name.split(".")[0] == "PySide6":
                out.add("PySide6")
            elif name.startswith("app"):
                target = _target(name)
                if target and target != module:
                    out.add(target)
    return out


GRAPH = {m: imports(m) for m in MODULES}


def _in(module: str, *packages: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def broken(rule_from: tuple[str, ...], forbidden: tuple[str, ...]) -> list[str]:
    return sorted(f"{m} imports {t}" for m, targets in GRAPH.items() if _in(m, *rule_from)
                  for t in targets if t != "PySide6" and _in(t, *forbidden))


def test_nothing_outside_the_window_imports_qt():
    assert sorted(m for m, t in GRAPH.items() if "PySide6" in t and not _in(m, "app.ui")) == []


def test_storage_stands_below_the_use_cases():
    assert broken(("app.storage",), ("app.services", "app.export", "app.importing", "app.ui",
                                     "app.cli", "app.demo", "app.runtime", "app.main")) == []


def test_the_writers_and_readers_take_plain_data():
    assert broken(("app.export", "app.importing"), ("app.services", "app.ui", "app.cli")) == []


def test_use_cases_know_no_window_or_command_line():
    assert broken(("app.services",), ("app.ui", "app.cli")) == []
    # the one exception: `zhibu gui` (and `zhibu` alone) opens the window
    assert broken(("app.cli",), ("app.ui",)) == ["app.cli imports app.ui.app"]


def test_no_module_imports_in_a_circle():
    index, low, stack, on, circles = {}, {}, [], set(), []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in GRAPH[v] - {"PySide6"}:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                circles.append(sorted(group))

    for module in GRAPH:
        if module not in index:
            visit(module)
    assert circles == []


def test_the_graph_is_read_at_all():
    """The checks above would pass on an empty graph: make sure it holds the known edges."""
    assert "app.storage.db" in GRAPH["app.runtime"]
    assert "app.services.quarterly" in GRAPH["app.services.township"]
    assert "PySide6" in GRAPH["app.ui.main_window"]


def test_an_import_inside_a_function_says_why():
    """Imports are at the top of a module; one inside a function is there for start-up time, to
    run only in the reader child, or for one platform — and the module says which."""
    import re

    reason = re.compile(r"late|start-up|inside (itself|themselves)|first opened|reader child|"
                        r"Windows only|POSIX only", re.I)
    silent = []
    for path in sorted(APP.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        inner = [sub for node in ast.walk(tree)
                 if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
                 for sub in ast.walk(node) if isinstance(sub, (ast.Import, ast.ImportFrom))]
        if inner and not reason.search(text):
            silent.append(str(path.relative_to(APP.parent)))
    assert silent == []
