"""``python -m ankigen``."""

from ankigen.commands.cli import main

raise SystemExit(main())
