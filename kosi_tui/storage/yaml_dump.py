"""YAML output that people can read and diff: stable key order, `|` blocks for multi-line text."""

from __future__ import annotations

from typing import Any

import yaml


class _Dumper(yaml.SafeDumper):
    """A safe dumper that writes multi-line strings as block scalars and never uses aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


_OTHER_BREAKS = ("\r", "\x85", "\u2028", "\u2029")


def _str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style: str | None = None
    if any(b in text for b in _OTHER_BREAKS):
        # PyYAML would pick single quotes and readers fold these breaks: only escapes keep them.
        style = '"'
    elif "\n" in text:
        # PyYAML falls back to a quoted style by itself where a block cannot hold the text exactly.
        style = "|"
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _str)


def dump_yaml(data: Any) -> str:
    """`data` as YAML text, keys in the order given, Unicode as is."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
