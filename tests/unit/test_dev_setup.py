"""dev.py run: on a Linux X11 desktop it names the xcb libraries Qt still needs (and installs
them), and asks for nothing where no window is drawn on X11."""

import importlib.util
import sys
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
