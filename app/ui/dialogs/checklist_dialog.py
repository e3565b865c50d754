"""The printed visit checklist from the window, in the program's one print preview."""

from __future__ import annotations

from pathlib import Path

from app.ui.dialogs.pdf_preview import PdfPreviewDialog


class ChecklistDialog(PdfPreviewDialog):
    def __init__(self, pdf_path: Path, members: int, pages: int, parent=None):
        self.pages = pages
        super().__init__(pdf_path, "走访登记表",
                         f"共 {members} 人，{pages} 页（第 1 页起是走访路线单，之后每人一页）", parent)
