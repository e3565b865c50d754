"""What the window tests share: message boxes that answer at once and record what they said."""

from __future__ import annotations

import pytest


class Said(list):
    """Every message box opened during a test, in order, as (kind, text): kind is "info",
    "error", "ask" or "choose".

    A question takes its answer from `answers` (first in, first out) while it holds any;
    otherwise `ask` returns `answer` (True: the 确定 button) and `choose` the key of its first
    option. `buttons` keeps, for each question, the button texts it offered and its cancel."""

    def __init__(self):
        super().__init__()
        self.answers: list = []
        self.answer = True
        self.buttons: list[tuple[list[str], str]] = []

    def _reply(self, default):
        return self.answers.pop(0) if self.answers else default


@pytest.fixture
def said(monkeypatch) -> Said:
    """app.ui.messages stubbed: nothing waits for a click; see `Said`."""
    from app.ui import messages

    log = Said()

    def ask(_parent, text, yes="确定", no="取消", **_kw):
        log.append(("ask", text))
        log.buttons.append(([yes], no))
        return log._reply(log.answer)

    def choose(_parent, text, options, cancel="取消", **_kw):
        log.append(("choose", text))
        log.buttons.append(([label for label, _key in options], cancel))
        return log._reply(options[0][1])

    monkeypatch.setattr(messages, "info", lambda _p, text, title="": log.append(("info", text)))
    monkeypatch.setattr(messages, "error", lambda _p, text, title="": log.append(("error", text)))
    monkeypatch.setattr(messages, "ask", ask)
    monkeypatch.setattr(messages, "choose", choose)
    return log
