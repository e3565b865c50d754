"""The `zhibu` command's frame: Chinese usage errors (exit 2), demo, members listing as JSON."""

import json

import pytest

from app.cli import run


def test_unknown_subcommand_is_exit_2_with_chinese_message(capsys, tmp_path):
    with pytest.raises(SystemExit) as exit_info:
        run(["--db", str(tmp_path / "a.sqlite3"), "nosuch"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "命令用法有误" in err and "nosuch" in err and "invalid" not in err


def test_demo_then_members_json(capsys, tmp_path):
    db = str(tmp_path / "a.sqlite3")
    assert run(["--db", db, "demo", "--members", "12", "--seed", "3"]) == 0
    capsys.readouterr()
    assert run(["--db", db, "members", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["count"] == len(data["members"]) >= 9  # a few demo members have left
    first = data["members"][0]
    assert "*" in first["身份证号"]  # masked by default


def test_bad_member_count_is_input_error(capsys, tmp_path):
    assert run(["--db", str(tmp_path / "a.sqlite3"), "demo", "--members", "0"]) == 2
    assert "--members" in capsys.readouterr().err


def test_no_display_gives_a_sentence_not_a_crash(monkeypatch, capsys, tmp_path):
    import sys

    monkeypatch.setattr(sys, "platform", "linux")
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(var, raising=False)
    assert run(["--db", str(tmp_path / "a.sqlite3")]) == 1
    assert "图形界面" in capsys.readouterr().err


def test_opening_the_window_reads_no_other_subcommand_module():
    """The window's start does not import every subcommand (and the services behind them)."""
    import subprocess
    import sys

    from app.cli import COMMAND_MODULES, wants_window

    assert wants_window([]) and wants_window(["gui"]) and wants_window(["--db", "x", "gui"])
    assert wants_window(["--db=x"]) and wants_window(["--db", "x"])
    assert not wants_window(["members"]) and not wants_window(["--help"])
    assert not wants_window(["--db"]) and not wants_window(["--version"])
    code = ("import sys; from app.cli import build_parser; "
            "p = build_parser(commands=False); p.parse_args(['--db', 'x', 'gui']); "
            "print(sorted(m for m in sys.modules if m.startswith('app.cli.')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout
    assert not any(name in loaded for name in COMMAND_MODULES), loaded
