"""Does this Qt binding leak references to None? Measured, not looked up by version number.

PySide6 6.12.0 on CPython 3.11 drops one reference to `None` on every call of a method that
returns nothing; when the count reaches zero the interpreter aborts ("none_dealloc") and the
window vanishes mid-meeting. pyproject.toml keeps that release away from Python 3.11, but an
installation made by hand could still have it, so the build (build.spec), the guard test and the
program's own start ask the binding itself: a few hundred cheap calls, and None's count before
and after.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QRect


def none_refcount_drift(calls: int = 100) -> float:
    """Change of None's reference count per call of two methods that return nothing.

    0.0 on a sound binding; -1.0 (or -2.0) on the broken one. Needs no QApplication.
    """
    obj, rect = QObject(), QRect(0, 0, 10, 10)
    before = sys.getrefcount(None)
    for _ in range(calls):
        obj.setObjectName("probe")
        rect.setWidth(5)
    return (sys.getrefcount(None) - before) / (2 * calls)


def binding_is_sound() -> bool:
    return none_refcount_drift() > -0.5


UNSOUND_MESSAGE = (
    "本机安装的 Qt 组件（PySide6）与这个版本的 Python 搭配有缺陷，程序用上一段时间会突然关闭。\n"
    "请重新安装本程序（或在程序文件夹里运行 python3 dev.py run，它会装上合适的版本）。")
