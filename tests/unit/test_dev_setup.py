"""dev.py run: on a Linux X11 desktop it names the xcb libraries Qt still needs (and installs
them), and asks for nothing where no window is drawn on X11. dev.py test (what CI runs) runs
every test, the `slow` ones included."""

import importlib.util
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def dev():
    spec = importlib.util.spec_from_file_location("dev_setup", ROOT / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_window_libraries_asked_without_an_x11_display(dev, monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    assert dev.missing_window_libraries() == []
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert dev.missing_window_libraries() == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="xcb is the Linux window system")
def test_a_missing_xcb_library_is_named_by_its_debian_package(dev, monkeypatch):
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    present = {lib for lib in dev.XCB_LIBS if lib != "xcb-cursor"}
    monkeypatch.setattr(dev.ctypes.util, "find_library",
                        lambda name: f"lib{name}.so" if name in present else None)
    assert dev.missing_window_libraries() == ["libxcb-cursor0"]


def test_the_print_test_tools_are_installed_in_ci_only(dev, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    assert dev.missing_print_tools() == []
    if not sys.platform.startswith("linux"):
        return
    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr(dev.shutil, "which", lambda _name: None)  # no soffice, no fc-match
    assert dev.missing_print_tools() == ["libreoffice-calc", "fonts-crosextra-carlito"]


def test_dev_py_test_runs_the_slow_tests_too(dev, monkeypatch):
    """CI runs `python3 dev.py test`: neither it nor the pytest settings leave `slow` out (a
    developer's quick pass is `-m "not slow"`, given by hand)."""
    ran = []
    monkeypatch.setattr(dev, "ensure_venv", lambda: None)
    monkeypatch.setattr(dev, "ensure_system_packages", lambda extra=None: None)
    monkeypatch.setattr(dev.subprocess, "call", lambda args, **_k: ran.append(args) or 0)
    assert dev.main(["test"]) == 0
    assert ran == [[str(dev.PY), "-m", "pytest"]]
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pytest_settings = settings["tool"]["pytest"]["ini_options"]
    assert "-m" not in pytest_settings["addopts"].split() and "slow" not in pytest_settings["addopts"]
    assert any(m.startswith("slow:") for m in pytest_settings["markers"])
