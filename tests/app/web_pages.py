"""Helpers for the form's tests: a canvas with every kind, and a server in this process."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer

from kosi_tui.faces.serve.door import Door
from kosi_tui.faces.serve.launch import AppProcess
from kosi_tui.storage.canvas_file import LoadedCanvas, load_canvas

EVERY_KIND = """\
format: kosi-canvas/1
id: alle_arten
version: 1.0.0
languages: [de, en]
title: {de: "Alle Arten <script>alert(1)</script>", en: Every kind}
sections:
  - id: eins
    title: {de: Grundlagen, en: Basics}
    intro: {de: "Ein paar Angaben <b>vorab</b>.", en: A few facts.}
    questions:
      - id: name
        type: short_text
        required: true
        label: {de: "Wie heißt das Projekt?", en: "What is the project called?"}
        help: {de: "Ein kurzer Name.", en: A short name.}
        example: {de: "Labor Nord", en: Lab North}
        validate:
          - length: {max: 30}
      - id: idee
        type: long_text
        label: {de: Worum geht es?, en: What is it about?}
      - id: leute
        type: number
        integer: true
        min: 0
        max: 100
        unit: {de: Personen, en: people}
        label: {de: Wie viele Leute machen mit?, en: How many people take part?}
      - id: beginn
        type: date
        label: {de: Wann beginnt es?, en: When does it start?}
      - id: mandat
        type: yes_no
        label: {de: Gibt es einen Ratsbeschluss?, en: Is there a council decision?}
      - id: warum
        type: long_text
        show_if: "eins.mandat == false"
        label: {de: Warum nicht?, en: Why not?}
      - id: form
        type: single_choice
        label: {de: Welche Form hat das Labor?, en: Which form does the lab take?}
        choices:
          - {id: team, label: {de: Team in der Verwaltung, en: Team in the administration}}
          - {id: verein, label: {de: Verein, en: Association}, help: {de: Mit eigener Satzung., en: With its own statute.}}
      - id: themen
        type: multi_choice
        label: {de: Themen, en: Topics}
        choices:
          - {id: mobil, label: {de: Mobilität, en: Mobility}}
          - {id: klima, label: {de: Klima, en: Climate}}
          - {id: sozial, label: {de: Soziales, en: Social}}
      - id: rueckhalt
        type: scale
        min: 1
        max: 5
        labels: {1: {de: keiner, en: none}, 5: {de: voller, en: full}}
        label: {de: Wie stark ist der Rückhalt?, en: How strong is the backing?}
  - id: zwei
    title: {de: Beteiligte, en: People}
    questions:
      - id: ziele
        type: list
        max_items: 5
        label: {de: Ziele, en: Goals}
      - id: akteure
        type: table
        label: {de: Wer ist beteiligt?, en: Who is involved?}
        columns:
          - {id: wer, label: {de: Akteur, en: Actor}, type: text, required: true}
          - id: sektor
            label: {de: Sektor, en: Sector}
            type: choice
            choices:
              - {id: kommune, label: {de: Kommune, en: Municipality}}
              - {id: wirtschaft, label: {de: Wirtschaft, en: Business}}
          - {id: stunden, label: {de: Stunden, en: Hours}, type: number, min: 0}
          - id: rollen
            label: {de: Rollen, en: Roles}
            type: multi_choice
            choices:
              - {id: idee, label: {de: Ideen, en: Ideas}}
              - {id: geld, label: {de: Geld, en: Money}}
      - id: danke
        type: info
        label: {de: Danke!, en: Thank you!}
"""

TOKEN = re.compile(r'name="token" value="([0-9a-f]+)"')


def every_kind(folder: Path) -> LoadedCanvas:
    """The canvas, put where kosi finds canvases by id (drafts are opened again by it)."""
    from kosi_tui.paths import user_canvases

    user_canvases().mkdir(parents=True, exist_ok=True)
    path = user_canvases() / "alle_arten.yaml"
    path.write_text(EVERY_KIND, encoding="utf-8")
    return load_canvas(path)


class NoApps:
    """A launcher that starts no app processes (the form needs none)."""

    async def start(self) -> None:
        return None

    async def launch(self, env: dict[str, str]) -> AppProcess:
        raise AssertionError("the form started an app process")

    async def close(self) -> None:
        return None


def make_server(
    workshop: Path | None,
    canvases: list[LoadedCanvas],
    code: str | None = None,
    lang: str = "de",
    **limits: int,
) -> object:
    from kosi_tui.faces.serve.server import KosiServer

    server = KosiServer(
        host="127.0.0.1",
        port=0,
        lang=lang,
        workshop=workshop,
        door=Door(code, code is None),
        launcher=NoApps(),
        quiet=True,
        **limits,  # type: ignore[arg-type]
    )
    server.form.canvases = lambda: canvases
    return server


@asynccontextmanager
async def form_client(
    workshop: Path | None,
    canvases: list[LoadedCanvas],
    code: str | None = None,
    lang: str = "de",
    **limits: int,
) -> AsyncIterator[TestClient]:  # type: ignore[type-arg]
    server = make_server(workshop, canvases, code, lang, **limits)
    client = TestClient(TestServer(server.make_app()))  # type: ignore[attr-defined]
    await client.start_server()
    client.kosi = server  # type: ignore[attr-defined]
    try:
        yield client
    finally:
        await client.close()


def token_in(page: str) -> str:
    found = TOKEN.search(page)
    assert found, page[:2000]
    return found.group(1)
