"""The installable folder works on a machine without Python: build it, then use it offscreen."""

from __future__ import annotations

import importlib.util

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    importlib.util.find_spec("PyInstaller") is None,
    reason="PyInstaller 未安装（pip install pyinstaller，或安装 test 附加依赖）：不能试打包",
)]


def test_the_built_program_creates_data_exports_a_quarter_and_opens_its_window():
    from scripts import bundle_smoke

    figures = bundle_smoke.run()
    print("\n" + "  ".join(f"{k}={v:.2f}" for k, v in figures.items()))
    assert figures["bundle_mb"] < 260, "打包文件夹变大了：检查 build.spec 是否漏排除了不用的 Qt 模块"
    assert "window_start_s" in figures and "demo_s" in figures
