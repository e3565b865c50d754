"""The import report: what was added, updated, left alone, skipped and changed, by Excel row."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Skipped:
    row: int  # as Excel / WPS shows it
    reason: str
    detail: str = ""


@dataclass
class Warning:  # noqa: A001 - the spec's word; never raised
    row: int
    field: str
    reason: str
    detail: str = ""


@dataclass
class Change:
    """One member the import adds or updates (the preview lists them)."""

    row: int
    name: str
    action: str  # 新增 / 更新
    fields: list[str] = field(default_factory=list)  # for 更新: which fields, "出生年月：… → …"


@dataclass
class ImportReport:
    file: str
    sheet: str = ""
    header_row: int = 0
    rows_read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # field label → header as written
    changes: list[Change] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)  # every sheet of the file, to choose another
    dry_run: bool = False
    backup: str = ""  # the backup made before writing

    def to_json(self) -> dict:
        """The object `zhibu import-members --json` prints (spec/cli.md), plus a few extras."""
        return {
            "file": self.file, "sheet": self.sheet, "header_row": self.header_row,
            "rows_read": self.rows_read, "added": self.added, "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": [asdict(s) for s in self.skipped],
            "warnings": [asdict(w) for w in self.warnings],
            "ignored_columns": self.ignored_columns, "sheets": self.sheets,
            "dry_run": self.dry_run,
            "backup": self.backup or None,
        }

    def summary(self) -> str:
        """One Chinese paragraph for the command line and the dialog's top line."""
        head = "预览（尚未写入）" if self.dry_run else "导入完成"
        text = (f"{head}：文件“{self.file}”，工作表“{self.sheet}”，表头在第 {self.header_row} 行，"
                f"读到 {self.rows_read} 行。新增 {self.added} 人，更新 {self.updated} 人，"
                f"无变化 {self.unchanged} 人，跳过 {len(self.skipped)} 行，提示 {len(self.warnings)} 条。")
        if self.ignored_columns:
            text += f"\n未使用的列：{'、'.join(self.ignored_columns)}。"
        return text

    def text(self) -> str:
        """The whole report as plain lines (the command line without --json)."""
        lines = [self.summary()]
        if self.skipped:
            lines.append("跳过的行：")
            lines += [f"  第 {s.row} 行：{s.reason}" + (f" —— {s.detail}" if s.detail else "")
                      for s in self.skipped]
        if self.warnings:
            lines.append("提示：")
            lines += [f"  第 {w.row} 行 {w.field}：{w.reason}"
                      + (f" —— {w.detail}" if w.detail else "") for w in self.warnings]
        if self.backup:
            lines.append(f"导入前的数据库已备份到：{self.backup}")
        return "\n".join(lines)
