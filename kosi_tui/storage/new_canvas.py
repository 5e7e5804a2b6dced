"""The text of a new canvas file: an empty skeleton, or a copy of a canvas under a new id; both
with the line that points editors to the local schema. Only text: comments and layout of a
copied canvas stay as they were."""

from __future__ import annotations

import re

SCHEMA_LINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=\S*[ \t]*\r?\n", re.MULTILINE)
_ID_LINE = re.compile(
    r"^id:[ \t]*[\"']?[A-Za-z0-9_-]+[\"']?[ \t]*(#[^\r\n]*)?(?=\r?$)", re.MULTILINE
)
_VERSION_LINE = re.compile(
    r"^version:[ \t]*[\"']?[0-9.]+[\"']?[ \t]*(#[^\r\n]*)?(?=\r?$)", re.MULTILINE
)

SKELETONS = {
    "de": """\
# Ein neuer Canvas. Jeder Schlüssel ist in docs/canvas-format.md beschrieben; Ihr Editor zeigt
# die Beschreibungen an, wenn er das Schema aus der ersten Zeile liest.
# Prüfen:                 kosi validate {file}
# Beim Schreiben ansehen: kosi preview {file}
format: kosi-canvas/1
id: {id}
version: 0.1.0
languages: [de]
title: Neuer Canvas
description: Worum es in diesem Canvas geht, in einem Satz.
minutes: 15
sections:
  - id: einstieg
    title: Einstieg
    intro: Ein Satz, der sagt, was in diesem Abschnitt gefragt wird.
    questions:
      - id: organisation
        type: short_text
        label: Organisation
        required: true
        identifies: true
      - id: ziel
        type: long_text
        label: Was möchten Sie erreichen?
        help: Zwei bis drei Sätze genügen.
      - id: stand
        type: single_choice
        label: Wie weit sind Sie?
        choices:
          - {{id: idee, label: Eine erste Idee}}
          - {{id: geplant, label: Geplant}}
          - {{id: laeuft, label: Läuft bereits}}
      - id: rueckhalt
        type: scale
        label: Wie stark ist der Rückhalt in Ihrer Verwaltung?
        min: 1
        max: 5
        labels: {{1: keiner, 5: sehr stark}}
""",
    "en": """\
# A new canvas. Every key is described in docs/canvas-format.md; your editor shows the
# descriptions when it reads the schema named in the first line.
# Check:             kosi validate {file}
# See while writing: kosi preview {file}
format: kosi-canvas/1
id: {id}
version: 0.1.0
languages: [en]
title: New canvas
description: What this canvas is about, in one sentence.
minutes: 15
sections:
  - id: start
    title: Getting started
    intro: One sentence saying what this section asks.
    questions:
      - id: organisation
        type: short_text
        label: Organisation
        required: true
        identifies: true
      - id: goal
        type: long_text
        label: What do you want to achieve?
        help: Two or three sentences are enough.
      - id: stage
        type: single_choice
        label: How far along are you?
        choices:
          - {{id: idea, label: A first idea}}
          - {{id: planned, label: Planned}}
          - {{id: running, label: Already running}}
      - id: backing
        type: scale
        label: How strong is the backing in your administration?
        min: 1
        max: 5
        labels: {{1: none, 5: very strong}}
""",
}


def schema_line(uri: str) -> str:
    """The first line that tells the YAML language server (VS Code, and others) the schema."""
    return f"# yaml-language-server: $schema={uri}\n"


def skeleton(canvas_id: str, file_name: str, lang: str, schema_uri: str) -> str:
    """An empty canvas to start from: one section with a question of each common kind."""
    body = SKELETONS.get(lang, SKELETONS["en"]).format(id=canvas_id, file=file_name)
    return schema_line(schema_uri) + body


def copied(text: str, canvas_id: str, schema_uri: str) -> str | None:
    """A canvas's text under a new id, at version 0.1.0, with the schema line pointing to the
    local schema; None when the text has no `id:` line of its own at the top level."""
    text = SCHEMA_LINE.sub("", text, count=1)
    text, found = _ID_LINE.subn(f"id: {canvas_id}", text, count=1)
    if not found:
        return None
    text = _VERSION_LINE.sub("version: 0.1.0", text, count=1)
    return schema_line(schema_uri) + text
