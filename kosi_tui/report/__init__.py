"""Reports made from a session: Markdown, printable HTML, blank copies, workshop summaries."""
