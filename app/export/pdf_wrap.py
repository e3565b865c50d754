"""Breaking Chinese text into lines the way a printed page does (for the canvas-drawn PDFs).

Chinese may break between almost any two characters, but not everywhere:
- a title in book-title marks, 《新保健》, stays on one line (spec/visit-checklist.md);
- a run of Latin letters and digits — a phone number, 2026-11-05, 3318 — is one word;
- closing punctuation (，。、）》…) never starts a line and opening punctuation (（《“) never
  ends one: each sticks to its neighbour.
Only a piece wider than the whole line is broken inside, character by character.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_OPEN = "（([{《〈「『“‘【〔"
_CLOSE = "）)]}》〉」』”’】〕，。、；：？！,.;:?!…%％·"
_PAIRS = {"《": "》", "〈": "〉", "「": "」", "『": "』", "“": "”", "【": "】"}
_WORD = re.compile(r"[0-9A-Za-z][0-9A-Za-z\-./:@+*#_]*")
_LONGEST_PAIR = 30  # a 《 without its 》 within this many characters is a lone mark


def units(text: str) -> list[str]:
    """`text` cut into the pieces a line may break between."""
    pieces: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        end = i + 1
        close = _PAIRS.get(ch)
        if close:
            found = text.find(close, i + 1, i + _LONGEST_PAIR)
            if found > 0:
                end = found + 1
        elif (word := _WORD.match(text, i)) is not None:
            end = word.end()
        pieces.append(text[i:end])
        i = end
    return _glue(pieces)


def _glue(pieces: list[str]) -> list[str]:
    """Closing marks joined to the piece before, opening marks to the piece after."""
    out: list[str] = []
    carry = ""
    for p in pieces:
        if len(p) == 1 and p in _OPEN:
            carry += p
            continue
        p = carry + p
        carry = ""
        if out and p[0] in _CLOSE:
            out[-1] += p
        else:
            out.append(p)
    if carry:
        if out:
            out[-1] += carry
        else:
            out.append(carry)
    return out


def wrap(text: str, width: float, measure: Callable[[str], float], most: int = 0) -> list[str]:
    """Lines of `text` no wider than `width` (by `measure`), broken only between pieces; with
    `most`, at most that many lines, the last ending in "…" when the text was cut."""
    lines: list[str] = []
    for para in str(text or "").split("\n"):
        if measure(para) <= width:  # most cells fit whole: nowhere to break
            lines.append(para)
            continue
        line, used = "", 0.0
        for piece in units(para):
            w = measure(piece)
            if used + w > width and line:
                lines.append(line)
                line, used = "", 0.0
            if w > width:  # longer than a whole line: break it where it must
                for ch in piece:
                    cw = measure(ch)
                    if used + cw > width and line:
                        lines.append(line)
                        line, used = "", 0.0
                    line += ch
                    used += cw
                continue
            line += piece
            used += w
        lines.append(line)
    if most and len(lines) > most:
        lines = lines[:most]
        lines[-1] = _cut(lines[-1], width, measure)
    return lines or [""]


def _cut(line: str, width: float, measure: Callable[[str], float]) -> str:
    """`line` shortened to end in "…" within `width`: whole pieces dropped first, so a title is
    never left half-printed; a single piece too long is cut by characters."""
    pieces = units(line)
    while pieces and measure("".join(pieces) + "…") > width:
        pieces.pop()
    if pieces:
        return "".join(pieces) + "…"
    while line and measure(line + "…") > width:
        line = line[:-1]
    return line + "…"
