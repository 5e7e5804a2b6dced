"""Allows `python -m kosi_tui`."""

from kosi_tui.cli import main

raise SystemExit(main())
