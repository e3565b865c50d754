"""Render resources/icons/zhibu.svg to the PNG and ICO the bundle uses (Qt only, no Pillow).

Run once after changing the SVG: `python -m scripts.make_icon`. The outputs are committed so
the build itself needs nothing but PyInstaller.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"


def render(size: int):
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(ICONS / "zhibu.svg")).render(painter)
    painter.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    return bytes(data.data())


def write_ico(path: Path, pngs: dict[int, bytes]) -> None:
    """An ICO holding PNG images (valid since Windows Vista): header, directory, then the data."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = 6 + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, png in sorted(pngs.items()):
        dim = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    path.write_bytes(header + entries + blobs)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - needed alive
    pngs = {size: render(size) for size in (16, 24, 32, 48, 64, 128, 256)}
    (ICONS / "zhibu.png").write_bytes(pngs[256])
    write_ico(ICONS / "zhibu.ico", pngs)
    print(f"已写出 {ICONS / 'zhibu.png'} 和 {ICONS / 'zhibu.ico'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
