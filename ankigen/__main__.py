"""``python -m ankigen``."""

from ankigen.cli import main

raise SystemExit(main())
