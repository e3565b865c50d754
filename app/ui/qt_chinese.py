"""Qt's own texts in Chinese: file dialog, message-box buttons, the 撤消/复制/粘贴 menu of text fields.

Qt ships `qtbase_zh_CN.qm`, but its catalogue lags Qt's sources: Qt 6 gave labels keyboard
mnemonics ("Look in:" became "&Look in:", "Files of type:" became "Files of &type:", "Page Set:"
became "Page &Set:"), and a catalogue entry only matches the exact source text. So with the
catalogue loaded the file dialog still said "Look in:" and "Files of type:". `MnemonicBridge`
answers exactly those misses: for a source with a mnemonic it asks the catalogue for the text
without "&" and puts the key back the way Qt's Chinese does ("查找范围(&L)："). It is installed
*before* the catalogue, and Qt asks the last-installed translator first, so it is only consulted
for texts the catalogue does not know.

The catalogue is looked for where the installed PySide6 keeps it (QLibraryInfo), beside the
PySide6 package, and in the PyInstaller bundle (build.spec keeps `qtbase_zh_CN.qm` only;
`qt_zh_CN.qm` is just a meta-catalogue that loads qtbase_zh_CN and add-ons the program lacks).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QTranslator

from app import paths

log = logging.getLogger(__name__)

CATALOGUE = "qtbase_zh_CN"
_MNEMONIC = re.compile(r"&([^&\s])")
_COLONS = (":", "：")

# Texts Qt 6.11 added that no catalogue translates yet (the CUPS job tab of the print dialog).
EXTRA = {
    ("QCupsJobWidget", "Banner page at start"): "开始处打印横幅页",
    ("QCupsJobWidget", "Banner page at end"): "结束处打印横幅页",
    ("QPPDOptionsModel", "Custom value for %1"): "%1 的自定义值",
    ("QErrorMessage", "&Show this message again"): "再次显示这条消息(&S)",
    # the file dialog's 类型 column: Qt 6 moved these to a context the catalogue predates
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "File Folder"): "文件夹",
    ("QAbstractFileIconProvider", "%1 File"): "%1 文件",
    ("QAbstractFileIconProvider", "File"): "文件",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
}


def catalogue_folders() -> list[Path]:
    """Where qtbase_zh_CN.qm may be: the installed Qt's folder, the package's, the bundle's."""
    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    try:
        import PySide6

        folders.append(Path(PySide6.__file__).resolve().parent / "Qt" / "translations")
    except (ImportError, TypeError):
        pass
    folders.append(paths.bundle_root() / "PySide6" / "Qt" / "translations")
    folders.append(paths.resource_path("translations"))
    return folders


def with_mnemonic(translated: str, key: str) -> str:
    """"查找范围：" with key "L" → "查找范围(&L)：" (the key before a closing colon)."""
    for colon in _COLONS:
        if translated.endswith(colon):
            return f"{translated[:-len(colon)]}(&{key.upper()}){colon}"
    return f"{translated}(&{key.upper()})"


class MnemonicBridge(QTranslator):
    """Translates a source the catalogue misses only because Qt added "&" to it since."""

    def __init__(self, catalogue: QTranslator, parent=None):
        super().__init__(parent)
        self.catalogue = catalogue

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False

    def translate(self, context, source, disambiguation=None, n=-1):
        """The translation, or None for "not mine": None reaches Qt as a null string, which
        lets Qt show the source text; "" would be taken as the translation and blank it."""
        if not source:
            return None
        extra = EXTRA.get((context, source))
        if extra:
            return extra
        found = _MNEMONIC.search(source)
        if found is None or "&&" in source:
            return None
        plain = source.replace("&", "", 1)
        translated = self.catalogue.translate(context, plain, disambiguation, n)
        return with_mnemonic(translated, found.group(1)) if translated else None


def install(app) -> QTranslator | None:
    """Load Qt's Chinese catalogue (and the bridge) into `app`; None when it is nowhere found."""
    catalogue = QTranslator(app)
    for folder in catalogue_folders():
        if catalogue.load(CATALOGUE, str(folder)):
            break
    else:
        log.warning("Qt's Chinese texts (%s.qm) not found in %s", CATALOGUE,
                    [str(f) for f in catalogue_folders()])
        return None
    bridge = MnemonicBridge(catalogue, app)
    app.installTranslator(bridge)  # first: asked last, only for what the catalogue lacks
    app.installTranslator(catalogue)
    app._zhibu_translators = (bridge, catalogue)  # the Python objects must outlive every call
    log.info("Qt's Chinese texts loaded from %s", catalogue.filePath())
    return catalogue
