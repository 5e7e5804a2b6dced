"""`kosi serve` for a workshop room: pages, the code at the door, app processes, the trainer's view.

Imported only by `kosi serve`; the app itself needs none of this except `resume`.
"""
