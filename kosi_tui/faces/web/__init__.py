"""The browser form: kosi's canvases as accessible HTML pages, served by `kosi serve`.

It runs inside the server (no process per person) and works without JavaScript; a small script of
kosi's own saves as people type. Answers go through the same session, validation and draft writer
as the terminal app (`faces/filling.py`).
"""
