"""kosi-tui: canvases for municipal innovation labs, filled in the terminal."""

__version__ = "0.1.0"
