"""A message too long for the screen keeps its buttons in view (seen in a CI monkey run: a
"确定发放给 … 人吗？" box listing every name was 1,081 px tall at 150 % type)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QScrollArea

from app.ui import messages, style
from app.ui.app import make_application
from app.ui.dialogs.form_dialog import available_area


@pytest.fixture(autouse=True)
def _type_back_to_100():
    yield
    style.apply(make_application(), 100)


def _shown(qtbot, text: str, scale: int = 100) -> QMessageBox:
    style.apply(make_application(), scale)
    box = messages._box(None, QMessageBox.Icon.Question, "请确认", text,
                        [("确定", QMessageBox.ButtonRole.YesRole),
                         ("取消", QMessageBox.ButtonRole.NoRole)])
    qtbot.addWidget(box)
    box.show()
    QApplication.processEvents()
    return box


@pytest.mark.parametrize("scale", [100, 150, 200])
def test_a_list_of_two_hundred_names_scrolls_inside_a_box_that_fits(qtbot, scale):
    names = "、".join(f"第{i}位党员张建国" for i in range(200))
    box = _shown(qtbot, f"确定发放给 200 人吗？\n{names}", scale)
    area = available_area(box)
    assert box.height() <= area.height() and box.width() <= area.width(), \
        f"{box.width()}×{box.height()} on {area.width()}×{area.height()}"
    scroll = box.findChild(QScrollArea, "zhibu_msgbox_scroll")
    assert scroll is not None
    assert scroll.verticalScrollBar().maximum() > 0  # the rest of the names is reached by scrolling
    for button in box.buttons():
        corner = button.mapTo(box, button.rect().bottomRight())
        assert box.rect().contains(corner), f"{button.text()} is outside the box"


def test_a_short_message_stays_a_plain_box(qtbot):
    box = _shown(qtbot, "已备份并校验完好。")
    assert box.findChild(QScrollArea, "zhibu_msgbox_scroll") is None
