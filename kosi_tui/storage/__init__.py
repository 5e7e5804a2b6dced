"""Files in and out: YAML with source positions, canvas loading with precise problems."""
