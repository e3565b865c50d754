"""Peak memory of this process alone.

`ru_maxrss` survives fork and exec on Linux, so a child started from a large parent reports
the parent's peak; VmHWM in /proc/self/status belongs to the current process image only.
"""

from __future__ import annotations

import resource
import sys


def peak_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    scale = 1 / 1024 / 1024 if sys.platform == "darwin" else 1 / 1024
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale, 1)
