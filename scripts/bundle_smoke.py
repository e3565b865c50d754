"""Build the one-folder bundle and drive the built executable as a user's machine would.

`python -m scripts.bundle_smoke [--skip-build] [--dist DIR]` builds with build.spec into a
temporary folder, then runs `zhibu` offscreen against a fresh data folder: version, demo data,
member list, quarterly workbook, visit checklists (each command that is registered), and a
window start that closes itself. It prints the bundle's size and the start-up times, and exits
non-zero with a sentence when something is wrong. tests/bundle/test_bundle_smoke.py calls run().
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class SmokeError(Exception):
    pass


def build(dist: Path, work: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR",
         "--distpath", str(dist), "--workpath", str(work), str(ROOT / "build.spec")],
        cwd=ROOT, check=True,
    )
    return dist / "zhibu"


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZHIBU_")}
    env.update(QT_QPA_PLATFORM="offscreen", ZHIBU_HOME=str(home), PYTHONUTF8="1")
    return env


def _run(exe: Path, args: list[str], env: dict[str, str], timeout: float = 120
         ) -> tuple[str, float]:
    start = time.perf_counter()
    proc = subprocess.run([str(exe), *args], env=env, capture_output=True, text=True,
                          encoding="utf-8", errors="replace", timeout=timeout)
    took = time.perf_counter() - start
    if proc.returncode != 0:
        raise SmokeError(f"`zhibu {' '.join(args)}` 退出码 {proc.returncode}：\n"
                         f"{proc.stdout}\n{proc.stderr}")
    return proc.stdout, took


def check_workbook(path: Path) -> None:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    if "汇总" not in book.sheetnames:
        raise SmokeError(f"{path.name} 里没有“汇总”工作表：{book.sheetnames}")
    cells = [c for row in book["汇总"].iter_rows(values_only=True) for c in row if c is not None]
    book.close()
    if not any(isinstance(c, str) and "党员" in c for c in cells):
        raise SmokeError(f"{path.name} 的“汇总”表没有写入内容")


def check_pdf(path: Path) -> None:
    from pypdf import PdfReader

    if len(PdfReader(str(path)).pages) < 1:
        raise SmokeError(f"{path.name} 没有页面")


def drive(bundle: Path, home: Path) -> dict[str, float]:
    """Every registered command a secretary's day uses, through the built executable."""
    exe = bundle / ("zhibu.exe" if sys.platform == "win32" else "zhibu")
    env = _env(home)
    figures: dict[str, float] = {"bundle_mb": folder_size(bundle) / 1e6}
    out, figures["version_s"] = _run(exe, ["--version"], env)
    if "支部工作台" not in out:
        raise SmokeError(f"--version 输出不对：{out!r}")
    help_text, _ = _run(exe, ["--help"], env)
    _, figures["demo_s"] = _run(exe, ["demo"], env)
    out, _ = _run(exe, ["members", "--json"], env)
    if out.count('"name"') < 10 and out.count("姓名") < 1:
        raise SmokeError(f"members 没有列出演示党员：{out[:300]!r}")
    today = dt.date.today()
    if "export-quarter" in help_text:
        book = home / "季度报表.xlsx"
        _, figures["export_quarter_s"] = _run(
            exe, ["export-quarter", "--year", str(today.year),
                  "--quarter", str((today.month - 1) // 3 + 1), "-o", str(book)], env)
        check_workbook(book)
    if "print-visits" in help_text:
        pdf = home / "走访清单.pdf"
        _run(exe, ["print-visits", "--due", "-o", str(pdf)], env)
        check_pdf(pdf)
    if not any(bundle.rglob("*pdfium*.*")):
        raise SmokeError("打包文件夹里没有 pdfium：签到表、走访登记表不能在程序里预览和打印")
    if not any(bundle.rglob("_rl_accel*")):
        raise SmokeError("打包文件夹里没有 _rl_accel：生成 PDF 会慢一半")
    if "backup" in help_text:
        _run(exe, ["backup", "--help"], env)
    gui_env = dict(env, ZHIBU_QUIT_AFTER_MS="1")
    _, figures["window_start_s"] = _run(exe, ["gui"], gui_env)
    log = home / "logs" / "zhibu.log"
    if not log.exists():
        raise SmokeError("用户数据文件夹里没有日志文件 logs/zhibu.log")
    drift = re.findall(r"Qt binding check: None refcount drift (-?[0-9.]+) per call",
                       log.read_text(encoding="utf-8"))
    if not drift or float(drift[-1]) < -0.5:
        raise SmokeError(f"打包的 Qt 绑定自检不合格（None 引用计数每次调用变化 {drift}）")
    return figures


def run(dist: Path | None = None, skip_build: bool = False) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="zhibu-smoke-") as tmp:
        tmp_path = Path(tmp)
        dist = dist or tmp_path / "dist"
        start = time.perf_counter()
        bundle = dist / "zhibu" if skip_build else build(dist, tmp_path / "build")
        build_s = time.perf_counter() - start
        figures = drive(bundle, tmp_path / "home")
        if not skip_build:
            figures["build_s"] = build_s
        return figures


def main() -> int:
    parser = argparse.ArgumentParser(description="打包并试运行")
    parser.add_argument("--dist", type=Path, help="打包输出文件夹（默认临时文件夹）")
    parser.add_argument("--skip-build", action="store_true", help="不重新打包，直接试运行 --dist 里的")
    args = parser.parse_args()
    try:
        figures = run(args.dist, args.skip_build)
    except (SmokeError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        print(f"打包试运行失败：{exc}", file=sys.stderr)
        return 1
    for name, value in figures.items():
        print(f"{name}: {value:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
