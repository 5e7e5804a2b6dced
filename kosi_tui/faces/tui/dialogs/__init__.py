"""Modal dialogs that return a value with `dismiss()`; the caller decides what to do with it."""
