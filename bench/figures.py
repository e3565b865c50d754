"""One measured figure: the program's median, the floor the libraries allow, and its target.

A target is either absolute (seconds) or a ratio to the floor; a figure with neither is shown
for information. The table and `bench/results/latest.json` are both made from these.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field


@dataclass
class Figure:
    name: str
    seconds: float | None  # None: the program's side could not be measured (see note)
    floor: float | None = None
    max_seconds: float | None = None  # target: under this many seconds
    max_ratio: float | None = None  # target: under this many times the floor
    runs: int = 1
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        return self.seconds / self.floor if self.floor and self.seconds is not None else None

    @property
    def target(self) -> str:
        if self.max_ratio is not None:
            return f"< {self.max_ratio:g}× floor"
        if self.max_seconds is not None:
            return f"< {self.max_seconds * 1000:g} ms" if self.max_seconds < 1 else \
                f"< {self.max_seconds:g} s"
        return ""

    @property
    def ok(self) -> bool | None:
        if self.seconds is None:
            return None
        if self.max_ratio is not None:
            return self.ratio is not None and self.ratio < self.max_ratio
        if self.max_seconds is not None:
            return self.seconds < self.max_seconds
        return None

    def as_dict(self) -> dict:
        data = asdict(self)
        data.update(ratio=self.ratio, target=self.target, ok=self.ok)
        return data


def timed(fn: Callable[[], object], runs: int) -> tuple[float, list[float]]:
    """Median and all times of `runs` calls of `fn`."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def _fmt_seconds(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def table(figures: list[Figure]) -> str:
    width = max(len(f.name) for f in figures) + 2
    lines = [f"{'measurement':{width}s}{'median':>11s}{'floor':>11s}{'ratio':>8s}  "
             f"{'target':16s}result"]
    lines.append("-" * len(lines[0]) + "-" * 4)
    for f in figures:
        ratio = f"{f.ratio:.2f}×" if f.ratio is not None else "—"
        result = {True: "ok", False: "MISS", None: "—"}[f.ok]
        if f.seconds is None:
            result = "not measured"
        lines.append(f"{f.name:{width}s}{_fmt_seconds(f.seconds):>11s}{_fmt_seconds(f.floor):>11s}"
                     f"{ratio:>8s}  {f.target:16s}{result}")
    return "\n".join(lines)


def dump(path, meta: dict, figures: list[Figure]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = {**meta, "figures": [f.as_dict() for f in figures]}
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(json.dumps(body, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)


class NotMeasured(Exception):
    """A figure that cannot be taken in this run (a section needs another's output first); the
    message says why. A use case that is missing is not this: its import fails the bench."""
