"""The bench measures the use cases themselves, by name, and prints each figure in its unit."""

import importlib

from bench.__main__ import _area_value


def test_the_bench_calls_the_use_cases_the_window_and_the_command_line_call():
    areas = importlib.import_module("bench.measure_areas")
    for module, name in (("app.services.quarterly", "export_quarter"),
                         ("app.services.township", "merge_quarters"),
                         ("app.services.care", "print_visits"),
                         ("app.services.dues", "dues_year"),
                         ("app.services.dues.printing", "export_ledger"),
                         ("app.services.importing", "preview_import"),
                         ("app.services.importing", "apply_import")):
        assert getattr(areas, name) is getattr(importlib.import_module(module), name)
    source = importlib.import_module("bench.measure_areas").__file__
    text = open(source, encoding="utf-8").read()
    assert "find(" not in text and "call(" not in text  # nothing looked up by guessing


def test_the_yearend_bench_calls_the_ledger_books_use_cases():
    bench = importlib.import_module("bench.bench_yearend")
    books = importlib.import_module("app.services.yearend.ledger_book")
    assert bench.build_ledger_book is books.build_ledger_book
    assert bench.export_ledger_book is books.export_ledger_book


def test_the_assessment_bench_calls_the_self_assessment_use_cases():
    bench = importlib.import_module("bench.bench_assessment")
    cases = importlib.import_module("app.services.yearend.self_assessment")
    for name in ("assessment_of", "export_assessment", "merge_assessments", "set_score"):
        assert getattr(bench, name) is getattr(cases, name)


def test_area_figures_carry_their_units():
    assert _area_value("issue_to_20000_members", 1.1) == "1100 ms"  # seconds, not "1.1 MB"
    assert _area_value("peak_mb", 212.46) == "212.5 MB"
    assert _area_value("pages", 31.0) == "31"
    assert _area_value("whole_county", 75.5) == "75.5 s"


def test_main_modules_a_reader_child_imports_again_stay_light():
    """A "spawn" child imports its parent's main module before anything else: the program's
    (app.main) and the bench section runner's must not load SQLAlchemy or the services, or each
    import's reader child pays for it and the bench measures a cost the program lacks."""
    import subprocess
    import sys

    probe = ("import sys, importlib; importlib.import_module(sys.argv[1]); "
             "print(sorted(m for m in ('sqlalchemy', 'openpyxl', 'app.services', 'PySide6')"
             " if m in sys.modules))")
    for module in ("app.main", "bench.section"):
        out = subprocess.run([sys.executable, "-c", probe, module], capture_output=True,
                             text=True, check=True).stdout.strip()
        assert out == "[]", (module, out)
