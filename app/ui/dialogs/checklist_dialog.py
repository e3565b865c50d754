"""The printed visit checklist from the window, in the program's one print preview."""

from __future__ import annotations

from pathlib import Path

from app.ui.dialogs.pdf_preview import PdfPreviewDialog


class ChecklistDialog(PdfPreviewDialog):
    def __init__(self, pdf_path: Path, members: int, pages: int, parent=None, note: str = ""):
        """`note`: members not printed and why (died or left), said above the pages."""
        self.pages = pages
        summary = f"共 {members} 人，{pages} 页（先是走访路线单，之后按路线单的顺序每人一页）"
        super().__init__(pdf_path, "走访登记表", summary + (f"\n{note}" if note else ""), parent)
