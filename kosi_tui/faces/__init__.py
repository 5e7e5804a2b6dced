"""The faces of the engine: the command line, the Textual app, the plain prompt mode."""
