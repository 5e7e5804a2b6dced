"""The UI-free engine: canvas models, expressions, validation, session state. No I/O, no Textual."""
