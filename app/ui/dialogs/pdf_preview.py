"""The one print preview of the program: a finished PDF's pages on screen, with 打印…, 另存为…,
the computer's own PDF reader, and 关闭.

The PDF is made beforehand (in `ctx.tasks`) by the same service the command line uses; this
dialog only shows the file. pdfium draws the pages (`app.export.pdf_pages`), and the document
is closed again at once (an open file cannot be replaced or deleted on Windows); printing opens
it again and draws every page at the printer's resolution onto a QPrinter (QtPrintSupport ships in
PySide6-Essentials). The printer object is kept on the dialog: a temporary QPrinter crashes
once the print dialog's event loop runs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QDialog, QLabel, QScrollArea, QVBoxLayout, QWidget

from app import file_names
from app.export.pdf_pages import PagePixels, PdfPages
from app.ui import files, messages, style
from app.ui.dialogs.form_dialog import FRAME_WIDTH, FormDialog, available_area
from app.ui.widgets import hint

PREVIEW_PAGES = 12  # the preview shows the first pages; print and save take them all


def to_qimage(pixels: PagePixels) -> QImage:
    """A QImage that owns a copy of the pixels (the bytes object may go away)."""
    image = QImage(pixels.data, pixels.width, pixels.height, pixels.stride,
                   QImage.Format.Format_RGB32)
    return image.copy()


class PdfPreviewDialog(FormDialog):
    """Shows, prints and saves a finished file; nothing here is edited, so closing asks nothing."""

    asks_to_save = False

    def __init__(self, pdf_path: Path, title: str, summary: str, parent=None):
        super().__init__(parent, scroll=False)  # the pages scroll in their own area
        self.pdf_path = Path(pdf_path)
        self.title = title
        self.setWindowTitle(f"{title} — 预览")
        self.printer = None
        self.page_count = 0  # 0: the file could not be drawn
        self.page_labels: list[QLabel] = []
        heading = QLabel(summary)
        heading.setWordWrap(True)
        heading.setStyleSheet("font-weight: bold;")
        area = QScrollArea()
        area.setWidgetResizable(True)
        holder = QWidget()
        self.pages_layout = QVBoxLayout(holder)
        area.setWidget(holder)
        self._preview()
        self.print_button = self.add_button("打印…", self.print_pdf, primary=True, left=True)
        self.add_button("另存为…", self.save_as, left=True)
        self.add_button("用电脑上的 PDF 阅读器打开", self.open_external, left=True)
        self.add_button("关闭", self.accept)
        layout = self.body_layout
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(area, 1)
        self.want_size(860, 860)

    def _preview(self) -> None:
        # as wide as the type asks, but never wider than the screen (no sideways scrolling)
        width = min(style.px(700), available_area(self).width() - FRAME_WIDTH - style.px(90))
        try:
            with PdfPages(self.pdf_path) as doc:
                self.page_count = len(doc)
                for i in range(min(self.page_count, PREVIEW_PAGES)):
                    self._add_page(to_qimage(doc.draw(i, width)))
        except Exception:  # noqa: BLE001 - the file is ours; if it cannot be drawn, say so
            self.page_count = 0
            self.pages_layout.addWidget(hint("这份文件不能在程序里预览，请点“用电脑上的 PDF 阅读器打开”查看。"))
            return
        if self.page_count > PREVIEW_PAGES:
            self.pages_layout.addWidget(hint(
                f"预览只显示前 {PREVIEW_PAGES} 页；打印和保存包含全部 {self.page_count} 页。"))

    def _add_page(self, image: QImage) -> None:
        label = QLabel()
        label.setPixmap(QPixmap.fromImage(image))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet("border: 1px solid #8a8a8a; background: #ffffff;")
        self.page_labels.append(label)
        self.pages_layout.addWidget(label)

    def print_pdf(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if not self.page_count:
            self.open_external()
            return
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(self.printer, self)
        dialog.setWindowTitle(f"打印{self.title}")
        chosen = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if chosen:
            self.print_to(self.printer)

    def print_to(self, printer) -> bool:
        """Every page onto `printer`, each scaled to the printable area; False if it refused."""
        painter = QPainter()
        if not painter.begin(printer):
            messages.error(self, "打印机没有准备好，请检查打印机后再试，或先“另存为”。")
            return False
        try:
            with PdfPages(self.pdf_path) as doc:
                for i in range(len(doc)):
                    if i:
                        printer.newPage()
                    rect = painter.viewport()
                    page_w, page_h = doc.size(i)
                    scale = min(rect.width() / page_w, rect.height() / page_h)
                    painter.drawImage(0, 0, to_qimage(doc.draw(i, int(page_w * scale))))
        except Exception:  # noqa: BLE001 - the file went away or is damaged: say so
            messages.error(self, f"打印时读不了“{self.pdf_path.name}”。请关闭这个窗口，重新生成后再打印。")
            return False
        finally:
            painter.end()
        return True

    def offer_save_as(self, prefs, kind: str, name: str) -> None:
        """What 另存为 proposes (app.file_names) and which folder it remembers (Prefs.folders)."""
        self._save_as = (prefs, kind, name)

    def save_as(self) -> None:
        prefs, kind, name = getattr(self, "_save_as", (None, file_names.PRINTOUT,
                                                       self.pdf_path.name))
        target = files.save_file(self, prefs, kind, f"保存{self.title}", name, "PDF 文件 (*.pdf)")
        if target:
            self.save_to(target)

    def save_to(self, target: Path) -> None:
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        try:
            shutil.copyfile(self.pdf_path, target)
        except OSError as exc:
            messages.error(self, f"保存“{target}”失败：{exc.strerror or exc}。请换一个位置。")
            return
        messages.info(self, f"已保存：{target}")

    def open_external(self) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.pdf_path))):
            messages.info(self, f"没有找到 PDF 阅读器。文件在：{self.pdf_path}")
