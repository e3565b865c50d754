"""The 支部自评 page's one form: who signs what goes upward — 单位负责人, 审核人, 填表人 (and, for
the township's ranking, 填报单位 and the files chosen). On the project's form base, so Esc with
something typed asks before it is thrown away; it writes nothing itself: the page reads
`values()` and runs the export through run_op."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit

from app.ui.dialogs.form_dialog import FormDialog
from app.ui.widgets import hint


class SignaturesDialog(FormDialog):
    """`files` given: the ranking's form (填报单位 and the list of branches' files)."""

    def __init__(self, parent=None, maker: str = "", unit: str | None = None,
                 files: list[Path] | None = None, title: str = "导出自评表"):
        super().__init__(parent, title)
        form = QFormLayout()
        self.body_layout.addLayout(form)
        self.unit = None
        if files is not None:
            self.unit = QLineEdit(unit or "")
            self.unit.setPlaceholderText("如 城关镇老干部服务站")
            form.addRow("填报单位", self.unit)
        self.head = QLineEdit()
        self.checker = QLineEdit()
        self.maker = QLineEdit(maker)
        form.addRow("单位负责人", self.head)
        form.addRow("审核人", self.checker)
        form.addRow("填表人", self.maker)
        if files is not None:  # the first few, enough to see the right folder was chosen
            shown = "、".join(p.stem for p in files[:3])
            chosen = QLabel(f"已选 {len(files)} 个支部的自评表：{shown}"
                            + ("等" if len(files) > 3 else ""))
            chosen.setWordWrap(True)
            chosen.setToolTip("\n".join(p.name for p in files))
            self.body_layout.addWidget(chosen)
        self.body_layout.addWidget(hint("这些名字印在表格下方的签字栏；空着的留给手写。"
                                        "报出日期为今天。"))
        self.body_layout.addStretch(1)
        self.add_cancel()
        self.add_button("选择保存位置…", self.accept_values, primary=True)
        self.want_size(560, 300 if files is None else 380)

    def accept_values(self) -> None:
        self.mark_saved()
        self.accept()

    def values(self) -> dict:
        out = {"head": self.head.text().strip(), "checker": self.checker.text().strip(),
               "maker": self.maker.text().strip()}
        if self.unit is not None:
            out["unit"] = " ".join(self.unit.text().split())
        return out
