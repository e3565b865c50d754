"""The one CJK font every PDF of the program embeds, and writing a PDF so nothing half-made is left.

reportlab's built-in 'STSong-Light' is not embedded (boxes on a PC without the Asian font pack),
and it cannot read CFF-outline fonts such as Noto CJK; the shipped WenQuanYi Micro Hei is
TrueType-outline, so reportlab embeds a subset of it and the PDF reads the same on every PC.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont

from app import leftovers
from app.errors import InputError, WorkError, write_failure
from app.paths import cjk_font_path

FONT_NAME = "ZhibuHei"
_registered = False


def fit_line(text: str, font: str, size: float, width: float) -> str:
    """`text` cut with "…" so it fits `width` points in `font` at `size` (a long topic or name
    never runs off the page or over the next column)."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def register_cjk_font() -> str:
    """Register the shipped font with reportlab once; return its name for setFont/ParagraphStyle.

    A missing or unreadable font file is a WorkError with the path in it (never a traceback).
    """
    global _registered
    if _registered:
        return FONT_NAME
    path = cjk_font_path()
    if not path.is_file():
        raise WorkError(f"找不到中文字体文件：{path}。请重新安装本程序。")
    try:
        pdfmetrics.registerFont(TTFont(FONT_NAME, str(path), subfontIndex=0))
    except Exception as exc:  # reportlab raises TTFError and plain Exceptions for a bad file
        raise WorkError(f"中文字体文件已损坏，无法使用：{path}（{exc}）。请重新安装本程序。") from exc
    _registered = True
    return FONT_NAME


def write_pdf_atomic(path: str | os.PathLike, draw: Callable[[str], None]) -> Path:
    """Call `draw(tmp_path)` to write the PDF beside the target, then rename it into place.

    Any failure removes the temporary file, so a half-written PDF never appears under the
    chosen name; a folder that is missing, read-only or full becomes a Chinese message.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"保存位置不存在：{folder}")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".~" + path.stem, suffix=".pdf", dir=folder)
    except OSError as exc:
        raise WorkError(f"无法在“{folder}”里写文件（{write_failure(exc)}），请换一个位置保存。") from exc
    os.close(fd)
    note = leftovers.note_writing(Path(tmp))  # a kill before the rename: the next start removes it
    try:
        draw(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise WorkError(f"保存“{path}”失败（{write_failure(exc)}），没有留下不完整的文件。") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        leftovers.done_writing(note)
    return path
