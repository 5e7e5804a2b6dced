"""Widgets of the filling screen: one per question type, the section sidebar, the progress bar."""
