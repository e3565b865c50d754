"""`python -m app` behaves like the `zhibu` command."""

from app.main import main

raise SystemExit(main())
