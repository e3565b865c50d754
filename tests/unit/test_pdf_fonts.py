"""The shared PDF helpers: the CJK font is embedded, and a failed write leaves no file."""

import pytest
from pypdf import PdfReader

from app.errors import InputError, WorkError
from app.export.pdf_fonts import register_cjk_font, write_pdf_atomic


def _folder(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir(exist_ok=True)
    return folder


def _draw_hello(tmp):
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(tmp)
    c.setFont(register_cjk_font(), 20)
    c.drawString(72, 720, "支部工作台 走访清单")
    c.save()


def test_font_is_embedded_and_text_reads_back(tmp_path):
    out = write_pdf_atomic(_folder(tmp_path) / "a.pdf", _draw_hello)
    reader = PdfReader(out)
    assert "走访清单" in reader.pages[0].extract_text()
    fonts = [f.get_object() for f in reader.pages[0]["/Resources"]["/Font"].values()]
    embedded = [f["/BaseFont"] for f in fonts
                if "/FontDescriptor" in f and "/FontFile2" in f["/FontDescriptor"].get_object()]
    assert embedded and all("WenQuanYiMicroHei" in name for name in embedded)
    assert [p.name for p in out.parent.iterdir()] == ["a.pdf"]


def test_failure_while_drawing_leaves_nothing(tmp_path):
    def broken(tmp):
        _draw_hello(tmp)
        raise OSError(28, "No space left on device")

    with pytest.raises(WorkError, match="磁盘已满"):
        write_pdf_atomic(_folder(tmp_path) / "b.pdf", broken)
    assert list(_folder(tmp_path).iterdir()) == []


def test_missing_folder_is_a_clear_message(tmp_path):
    with pytest.raises(InputError, match="保存位置不存在"):
        write_pdf_atomic(tmp_path / "nope" / "c.pdf", _draw_hello)
