"""Running a native spreadsheet reader where it cannot take the program down.

python-calamine (Rust) and the other readers are fast, but a hostile or damaged file can make
them abort the whole process (a Rust allocation failure is SIGABRT, not an exception), raise a
`PanicException` (a BaseException that `except Exception` misses), loop on a damaged .xls, or
grow until the kernel kills the biggest process — the window with the secretary's work in it.
The pre-checks (guard, sheet_scan, ole_check) refuse the known shapes of trouble; this cage
catches the rest:

- the reader runs in a child process started with "spawn" (no fork of a Qt program, and the
  same on Windows and in the frozen program: app.main calls multiprocessing.freeze_support);
- on POSIX the child limits its own address space (RLIMIT_AS) before reading, so an attempt to
  allocate 512 GB fails at once inside the child; Windows has no such limit without pywin32
  (Job Objects), so there the pre-checks and the time limit are the guard;
- a spawned child imports its parent's main module again before it reads anything, so the
  program's main module (app.main, and the bench's section runner) imports nothing heavy at
  the top — a child boots in about 75 ms, hidden behind the guard's checks
  (tests/unit/test_bench_use_cases.py keeps both light);
- the parent waits at most CHILD_SECONDS, then kills the child;
- results come back as plain values (lists of rows) pickled once over a pipe;
- every failure — a crash, a panic, MemoryError, a timeout — becomes an InputError naming the
  file, which the command line prints and exits 2 with, and the window shows.

One Cage can serve several calls (the merge reads 200 workbooks through one child); a child that
died is replaced for the next call.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
from collections.abc import Callable
from typing import Any

from app.bulk_work import collector_paused
from app.errors import InputError, UserError
from app.importing import limits

log = logging.getLogger(__name__)

_ADVICE = "文件可能已损坏，或是故意构造的异常文件。请用 Excel 或 WPS 打开后“另存为” .xlsx 再试"


def _limit_memory(memory: int | None) -> None:
    if not memory:
        return
    try:
        import resource  # POSIX only
    except ImportError:  # Windows: no address-space limit without a Job Object
        return
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            memory = min(memory, hard)
        resource.setrlimit(resource.RLIMIT_AS, (memory, hard))
    except (ValueError, OSError):  # some sandboxes refuse; the time limit still holds
        pass


def _quiet() -> None:
    """A Rust panic or allocation failure prints to fd 2; the user must see our sentence only."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.close(devnull)
    except OSError:
        pass


def _serve(conn, memory: int | None) -> None:
    """The child: run each (function, args) sent and answer (kind, value) until told to stop."""
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    except (ValueError, OSError):
        pass
    _quiet()
    _limit_memory(memory)
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        fn, args = request
        try:
            with collector_paused():  # a sheet's rows are bulk work (app.bulk_work)
                answer = ("ok", fn(*args))
        except UserError as exc:
            answer = ("user", str(exc))
        except MemoryError:
            answer = ("memory", "")
        except BaseException as exc:  # noqa: BLE001 — a Rust PanicException is a BaseException
            answer = ("fail", f"{type(exc).__name__}: {str(exc)[:300]}")
        try:
            conn.send(answer)
        except MemoryError:
            conn.send(("memory", ""))
        except BaseException as exc:  # noqa: BLE001 — an unpicklable result
            conn.send(("fail", f"{type(exc).__name__}: {str(exc)[:300]}"))


class Cage:
    """A child process that runs reader functions; use as a context manager."""

    def __init__(self, memory: int | None = None, seconds: float | None = None):
        self.memory = limits.CHILD_MEMORY_BYTES if memory is None else memory
        self.seconds = limits.CHILD_SECONDS if seconds is None else seconds
        self._process = None
        self._conn = None

    def __enter__(self) -> Cage:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def start(self) -> None:
        """Start the child now (it takes a few hundred ms to boot; the caller can do other work
        meanwhile). `call` starts it when needed."""
        if self._process is None or not self._process.is_alive():
            self.close()
            self._start()

    def _start(self) -> None:
        _reap()
        ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe(duplex=True)
        process = ctx.Process(target=_serve, args=(child, self.memory), daemon=True,
                              name="zhibu-reader")
        process.start()
        child.close()
        self._process, self._conn = process, parent

    def call(self, file_name: str, fn: Callable[..., Any], *args: Any) -> Any:
        """`fn(*args)` in the child; its result, or InputError naming `file_name`."""
        self.submit(file_name, fn, *args)
        return self.collect(file_name)

    def submit(self, file_name: str, fn: Callable[..., Any], *args: Any) -> None:
        """Start `fn(*args)` in the child and return at once; `collect` gives its result. The
        program can work meanwhile (app.importing.two_hands cleans half a roster so)."""
        self.start()
        try:
            self._conn.send((fn, args))
        except (EOFError, OSError):
            raise InputError(self._died(file_name)) from None
        except BaseException:
            self.close(kill=True)
            raise

    def collect(self, file_name: str) -> Any:
        """The result of the call `submit` started, or InputError naming `file_name`."""
        try:
            answer = self._conn.recv() if self._conn.poll(self.seconds) else None
        except (EOFError, OSError):
            raise InputError(self._died(file_name)) from None
        except BaseException:
            self.close(kill=True)  # KeyboardInterrupt or the like: never leave the reader behind
            raise
        if answer is None:
            self.close(kill=True)
            raise InputError(f"读取文件“{file_name}”超过 {self.seconds:.0f} 秒仍未完成，已停止读取。"
                             f"{_ADVICE}")
        kind, value = answer
        if kind == "ok":
            return value
        if kind == "user":
            raise InputError(value)
        if kind == "memory":
            self.close(kill=True)
            raise InputError(f"读取文件“{file_name}”需要的内存超过了上限，已停止读取。{_ADVICE}")
        log.warning("reader failed on %s: %s", file_name, value)
        self.close(kill=True)
        raise InputError(f"文件“{file_name}”无法读取（读取程序报错：{value.split(':')[0]}）。{_ADVICE}")

    def _died(self, file_name: str) -> str:
        process = self._process
        if process is not None:
            process.join(5)
        code = process.exitcode if process is not None else None
        self.close(kill=True)
        log.warning("reader child died on %s with exit code %s", file_name, code)
        how = (f"被系统终止（信号 {-code}）" if code is not None and code < 0
               else f"意外退出（代码 {code}）")
        return f"读取文件“{file_name}”时，读取程序{how}，已停止读取。{_ADVICE}"

    def close(self, kill: bool = False) -> None:
        """Tell the child to stop (`kill`: a child stuck or failed is killed at once)."""
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if conn is not None:
            try:
                if process is not None and process.is_alive() and not kill:
                    conn.send(None)
            except (OSError, ValueError):
                pass
            conn.close()
        if process is None:
            return
        if kill and process.is_alive():
            process.kill()
            process.join(5)
        process.join(0.02)
        if process.is_alive():
            _exiting.append(process)  # told to stop: reaped later, never waited for
        else:
            process.close()


_exiting: list = []


def _reap() -> None:
    """Collect children told to stop; kill one still busy (a reader stuck after a timeout)."""
    for process in list(_exiting):
        process.join(0)
        if process.is_alive():
            process.kill()
            process.join(1)
        if not process.is_alive():
            _exiting.remove(process)
            process.close()


def run_caged(file_name: str, fn: Callable[..., Any], *args: Any) -> Any:
    """One call in a fresh cage (the roster import reads one file)."""
    with Cage() as cage:
        return cage.call(file_name, fn, *args)

