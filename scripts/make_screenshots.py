"""Screenshots for docs/使用指南.md, made from the demo branch: every page at 100 % and 200 %.

`python -m scripts.make_screenshots [--out docs/images]` — offscreen, in a throw-away data
folder, so it never touches a real database. Re-run it whenever a page changes and look at
every picture before committing.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = {100: (1280, 800), 200: (1920, 1200)}  # 200 %: the window of a 1080p screen, scaled 150 %


def shoot(out: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from app.demo import fill_demo
    from app.prefs import Prefs
    from app.runtime import open_database
    from app.ui.app import build_window, make_application
    from app.ui.pages import PAGES

    app = make_application()
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="zhibu-shots-") as tmp:
        os.environ["ZHIBU_HOME"] = tmp
        db = open_database(Path(tmp) / "demo.sqlite3")
        fill_demo(db, members=80, seed=7, today=date.today())
        for scale, (width, height) in SIZES.items():
            prefs = Prefs()
            prefs.font_scale = scale
            window = build_window(db, prefs)
            window.resize(width, height)
            window.show()
            for key, _title, _target in PAGES:
                window.navigate(key)
                app.processEvents()
                path = out / f"{key}_{scale}.png"
                window.grab().save(str(path))
                written.append(path)
            window.close()
        db.dispose()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description="生成使用指南的截图")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    args = parser.parse_args()
    for path in shoot(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
