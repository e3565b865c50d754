"""Where a window may be on this screen: the free area (screen less taskbar) and how a dialog is
sized and placed inside it. Used by every dialog (app.ui.dialogs.form_dialog), by Qt's own
dialogs (app.ui.widgets.QtDialogFit) and by long messages (app.ui.messages) — kept apart from
them so none of the three has to import another to know the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QWidget

# What the system adds around a dialog's client area (title bar and borders, Windows 10 at
# 150 % scaling is about 45 px high): the dialog is fitted so that its frame fits too.
FRAME_WIDTH = 16
FRAME_HEIGHT = 48

# set on a dialog that fits itself (FormDialog): the fit of Qt's own dialogs leaves it alone
FITS_ITSELF = "zhibu_fits_itself"


def available_area(widget: QWidget | None = None) -> QRect:
    """The free area (screen less taskbar) of the screen the dialog opens on."""
    screen = None
    if widget is not None:
        parent = widget.parentWidget()
        screen = (parent.window().screen() if parent is not None else None) or widget.screen()
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


def fit_to_area(dialog: QDialog, area: QRect) -> QRect:
    """Size and place `dialog` so that it, with its frame, lies inside `area`.

    The wanted size is the larger of the content's natural size and `dialog.wanted_size()` (if
    the dialog has one); each side is then cut to the area. The maximum size is set as well, so a
    later relayout cannot push the buttons below the screen edge. Returns the new geometry."""
    limit = QSize(max(area.width() - FRAME_WIDTH, 320), max(area.height() - FRAME_HEIGHT, 240))
    dialog.setMaximumSize(limit)
    layout = dialog.layout()
    if layout is not None:
        layout.activate()
    want = dialog.sizeHint()
    extra = getattr(dialog, "wanted_size", None)
    if callable(extra):
        want = want.expandedTo(extra())
    # a minimum set on the dialog itself (QtDialogFit opens Qt's file dialog at 4/5 of the area)
    # wins over resize(): place the dialog by the size it will really have
    want = want.expandedTo(dialog.minimumSizeHint()).expandedTo(dialog.minimumSize())
    want = want.boundedTo(limit)
    dialog.resize(want)
    parent = dialog.parentWidget()
    centre = parent.window().frameGeometry().center() if parent is not None else area.center()
    full_w, full_h = want.width() + FRAME_WIDTH, want.height() + FRAME_HEIGHT
    x = min(max(centre.x() - full_w // 2, area.left()), area.right() + 1 - full_w)
    y = min(max(centre.y() - full_h // 2, area.top()), area.bottom() + 1 - full_h)
    dialog.move(x, y)
    return QRect(x, y, want.width(), want.height())


FRAME = 40  # a title bar and borders, on top of the window's own size


def initial_size(want_w: int, want_h: int, screen_w: int, screen_h: int) -> tuple[int, int, bool]:
    """(width, height, maximize): the wanted size when it fits the screen's free area with a
    little room for the title bar, otherwise the whole area, maximized."""
    if want_w <= screen_w and want_h + FRAME <= screen_h:
        return want_w, want_h, False
    return min(want_w, screen_w), min(want_h, screen_h), True


def show_fitted(window: QWidget, area: QRect | None = None) -> None:
    """Show a main window as large as the type asks (1280 × 800 at 100 %), but never larger
    than the screen: on a 1366 × 768 office laptop, or at 200 % type, it opens maximized
    instead of running off the bottom of the screen. The start-up frame opens the same way,
    so the window takes its place without moving."""
    from app.ui import style

    if area is None:
        screen = window.screen()
        area = screen.availableGeometry() if screen is not None else None
    if area is None:
        window.show()
        return
    width, height, maximize = initial_size(style.px(1280), style.px(800),
                                           area.width(), area.height())
    window.resize(width, height)
    if maximize:
        window.showMaximized()
        return
    window.move(area.x() + (area.width() - width) // 2,
                area.y() + (area.height() - height) // 2)
    window.show()
