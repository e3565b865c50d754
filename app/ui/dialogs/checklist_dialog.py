"""The printed visit checklist from the window: preview the pages in the program, print them on
the office printer, save a copy, or open it in the computer's own PDF reader.

The PDF is made beforehand (in `ctx.tasks`) by the same service the command line uses; this
dialog only shows the file. Preview renders pages with QtPdf (`QPdfDocument`); without QtPdf the
dialog says so and offers the system viewer. Printing draws the rendered pages onto a QPrinter
(QtPrintSupport ships in PySide6-Essentials).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPixmap
from PySide6.QtWidgets import (
    QDialog, QFileDialog, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget,
)

from app.ui import messages, style
from app.ui.widgets import button, hint

PREVIEW_PAGES = 12  # the preview shows the first pages; print and save take them all

try:
    from PySide6.QtPdf import QPdfDocument
except ImportError:  # the small pyside6-pdf wheel is missing: fall back to the system viewer
    QPdfDocument = None


class ChecklistDialog(QDialog):
    def __init__(self, pdf_path: Path, members: int, pages: int, parent=None):
        super().__init__(parent)
        self.pdf_path, self.pages = Path(pdf_path), pages
        self.setWindowTitle("走访登记表 — 预览")
        self.printer = None  # kept alive: a temporary QPrinter crashes once the dialog runs
        self.doc = None
        self.page_labels: list[QLabel] = []
        summary = QLabel(f"共 {members} 人，{pages} 页（第 1 页起是走访路线单，之后每人一页）")
        summary.setStyleSheet("font-weight: bold;")
        area = QScrollArea()
        area.setWidgetResizable(True)
        holder = QWidget()
        self.pages_layout = QVBoxLayout(holder)
        area.setWidget(holder)
        self._preview()
        buttons = QHBoxLayout()
        buttons.addWidget(button("打印…", self.print_pdf, primary=True))
        buttons.addWidget(button("另存为…", self.save_as))
        buttons.addWidget(button("用电脑上的 PDF 阅读器打开", self.open_external))
        buttons.addStretch(1)
        buttons.addWidget(button("关闭", self.accept))
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(area, 1)
        layout.addLayout(buttons)
        self.resize(style.px(860), style.px(860))

    def _preview(self) -> None:
        if QPdfDocument is None:
            self.pages_layout.addWidget(hint("本机缺少预览组件，请点“用电脑上的 PDF 阅读器打开”查看。"))
            return
        self.doc = QPdfDocument(self)
        self.doc.load(str(self.pdf_path))
        width = style.px(700)
        for i in range(min(self.doc.pageCount(), PREVIEW_PAGES)):
            size = self.doc.pagePointSize(i)
            height = int(width * size.height() / max(size.width(), 1))
            image = self.doc.render(i, QSize(width, height))
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setStyleSheet("border: 1px solid #8a8a8a; background: #ffffff;")
            self.page_labels.append(label)
            self.pages_layout.addWidget(label)
        if self.doc.pageCount() > PREVIEW_PAGES:
            self.pages_layout.addWidget(hint(
                f"预览只显示前 {PREVIEW_PAGES} 页；打印和保存包含全部 {self.doc.pageCount()} 页。"))

    def print_pdf(self) -> None:
        try:
            from PySide6.QtGui import QPainter
            from PySide6.QtPrintSupport import QPrintDialog, QPrinter
        except ImportError:
            messages.info(self, "本机无法直接打印，请先“另存为”，再用 PDF 阅读器打开后打印。")
            return
        if self.doc is None:
            self.open_external()
            return
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(self.printer, self)
        dialog.setWindowTitle("打印走访登记表")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        painter = QPainter()
        if not painter.begin(self.printer):
            messages.error(self, "打印机没有准备好，请检查打印机后再试，或先“另存为”。")
            return
        try:
            for i in range(self.doc.pageCount()):
                if i:
                    self.printer.newPage()
                rect = painter.viewport()
                size = self.doc.pagePointSize(i)
                scale = min(rect.width() / size.width(), rect.height() / size.height())
                image = self.doc.render(i, QSize(int(size.width() * scale),
                                                 int(size.height() * scale)))
                painter.drawImage(0, 0, image)
        finally:
            painter.end()

    def save_as(self) -> None:
        target, _f = QFileDialog.getSaveFileName(self, "保存走访登记表", self.pdf_path.name,
                                                 "PDF 文件 (*.pdf)")
        if target:
            self.save_to(Path(target))

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
