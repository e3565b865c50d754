"""What every page is handed: the database, the current branch, preferences, tasks, navigation."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from app.storage.db import Database
from app.prefs import Prefs
from app.ui.tasks import Tasks


class AppContext(QObject):
    """Shared state of one window. Pages read `db` and `branch_id`, and emit `data_changed`
    after they change records so other pages refresh when next shown."""

    data_changed = Signal()
    branch_changed = Signal(int)
    scale_changed = Signal(int)

    def __init__(self, db: Database, prefs: Prefs, branch_id: int | None):
        super().__init__()
        self.db = db
        self.prefs = prefs
        self.branch_id = branch_id
        self.tasks = Tasks(self)
        self._navigate: Callable[..., None] = lambda key, **kw: None

    def navigate(self, page_key: str, **kwargs) -> None:
        """Show another page (e.g. "care" with member_id=…); pages accept kwargs in `open_with`."""
        self._navigate(page_key, **kwargs)

    def set_branch(self, branch_id: int) -> None:
        self.branch_id = branch_id
        self.prefs.branch_id = branch_id
        self.prefs.save()
        self.branch_changed.emit(branch_id)
