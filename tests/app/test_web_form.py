"""The browser form in the room's server, in this process: a person fills every kind without
JavaScript, errors keep what was typed, the door and the room's limits hold, and the draft on
disk (read back with a YAML reader of its own) holds what was sent."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from aiohttp.test_utils import TestClient

from kosi_tui.faces.filling import Filling
from tests.app.web_pages import every_kind, form_client, token_in

Client = TestClient[Any, Any]


def draft_on_disk(folder: Path) -> dict[str, Any]:
    (path,) = folder.glob("*.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


async def start(client: Client, author: str = "Ada") -> str:
    """From the first page to the first section; returns the resume code shown on the way."""
    page = await (await client.get("/")).text()
    response = await client.post(
        "/form/start",
        data={
            "token": token_in(page),
            "canvas": "alle_arten",
            "organisation": "Stadt X",
            "author": author,
        },
    )
    code_page = await response.text()
    assert response.status == 200 and "Fortsetzungscode" in code_page, code_page
    code = re.search(r'<p class="code">([A-Z0-9-]+)</p>', code_page)
    assert code
    return code.group(1)


async def section(client: Client, section_id: str) -> tuple[int, str]:
    response = await client.get(f"/form/s/{section_id}")
    return response.status, await response.text()


async def send(
    client: Client, section_id: str, fields: list[tuple[str, str]], action: str = "next"
) -> Any:
    _, page = await section(client, section_id)
    shown = re.findall(r'name="on" value="([^"]+)"(?! disabled)', page)
    data = [("token", token_in(page)), *(("on", key) for key in shown), *fields, ("action", action)]
    return await client.post(f"/form/s/{section_id}", data=data, allow_redirects=False)


FIRST = [
    ("a.eins.name", "Labor Nord"),
    ("a.eins.idee", "Zwei Zeilen\nText"),
    ("a.eins.leute", "12"),
    ("a.eins.beginn", "01.03.2027"),
    ("a.eins.mandat", "yes"),
    ("a.eins.form", "verein"),
    ("a.eins.themen", "mobil"),
    ("a.eins.themen", "sozial"),
    ("a.eins.rueckhalt", "4"),
]
SECOND = [
    ("n.zwei.ziele", "2"),
    ("a.zwei.ziele.0", "Mehr Radwege"),
    ("a.zwei.ziele.1", ""),
    ("n.zwei.akteure", "1"),
    ("a.zwei.akteure.0.wer", "Bauamt"),
    ("a.zwei.akteure.0.sektor", "kommune"),
    ("a.zwei.akteure.0.stunden", "7,5"),
    ("a.zwei.akteure.0.rollen", "geld"),
]


async def test_a_person_fills_every_kind_without_javascript(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    async with form_client(folder, [every_kind(tmp_path)]) as client:
        await start(client)
        response = await send(client, "eins", FIRST)
        assert response.status == 303 and response.headers["Location"] == "/form/s/zwei"
        response = await send(client, "zwei", SECOND)
        assert response.status == 303 and response.headers["Location"] == "/form/overview"
        overview = await (await client.get("/form/overview")).text()
        assert "Bauamt" in overview and "Mehr Radwege" in overview
        pdf = await client.get("/form/export/pdf")
        assert pdf.status == 200 and (await pdf.read()).startswith(b"%PDF")
        assert "attachment" in pdf.headers["Content-Disposition"]
    answers = draft_on_disk(folder)["answers"]
    assert answers == {
        "eins.name": "Labor Nord",
        "eins.idee": "Zwei Zeilen\nText",
        "eins.leute": 12,
        "eins.beginn": dt.date(2027, 3, 1),
        "eins.mandat": True,
        "eins.form": "verein",
        "eins.themen": ["mobil", "sozial"],
        "eins.rueckhalt": 4,
        "zwei.ziele": ["Mehr Radwege"],
        "zwei.akteure": [
            {"wer": "Bauamt", "sektor": "kommune", "stunden": 7.5, "rollen": ["geld"]}
        ],
    }


async def test_a_wrong_answer_is_said_at_its_field_and_what_was_typed_stays(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    async with form_client(folder, [every_kind(tmp_path)]) as client:
        await start(client)
        typed = [("a.eins.name", "Ein viel zu langer Name für dieses kleine Feld hier"), ("a.eins.leute", "zwölf"),
                 ("a.eins.idee", "<script>alert('x')</script>")]  # fmt: skip
        response = await send(client, "eins", typed)
        page = await response.text()
        assert response.status == 422
        assert "<title>2 Fehler:" in page
        # The summary links to each field; each field says its message and is marked invalid.
        assert 'href="#f-eins-name"' in page and 'href="#f-eins-leute"' in page
        assert 'value="zwölf"' in page and 'value="Ein viel zu langer Name' in page
        assert re.search(
            r'id="f-eins-leute"[^>]*aria-describedby="[^"]*f-eins-leute-err"[^>]*aria-invalid="true"',
            page,
        )
        # Text from a person (or a canvas) is text, never markup.
        assert "<script>alert" not in page and "&lt;script&gt;alert(&#x27;x&#x27;)" in page
        assert "&lt;script&gt;alert(1)" in page  # the canvas's title
        # Kept as far as it is readable: the long name (marked) and the text; not the word.
        answers = draft_on_disk(folder)["answers"]
        assert answers["eins.idee"] == "<script>alert('x')</script>" and "eins.leute" not in answers


async def test_a_condition_shows_its_question_after_the_send(tmp_path: Path) -> None:
    async with form_client(tmp_path / "ws", [every_kind(tmp_path)]) as client:
        await start(client)
        _, page = await section(client, "eins")
        assert re.search(r'id="f-eins-warum-q"[^>]*hidden', page)
        response = await send(client, "eins", [("a.eins.mandat", "no")])
        # New questions on this page: the person stays and is told.
        assert response.headers["Location"] == "/form/s/eins?said=new"
        _, page = await section(client, "eins")
        assert not re.search(r'id="f-eins-warum-q"[^>]*hidden', page)
        assert 'name="on" value="eins.warum">' in page


async def test_the_script_saves_one_answer_and_hears_which_questions_show(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    async with form_client(folder, [every_kind(tmp_path)]) as client:
        await start(client)
        _, page = await section(client, "eins")
        token = token_in(page)
        reply = await client.post(
            "/form/api/answer", data={"token": token, "key": "eins.mandat", "a.eins.mandat": "no"}
        )
        said = await reply.json()
        assert said["visible"]["eins.warum"] is True and said["saved"] is True
        assert (
            said["progress"] == "0 von 1 Pflichtfrage beantwortet"
            and said["state"] == "Pflichtfragen offen"
        )
        reply = await client.post(
            "/form/api/answer", data={"token": token, "key": "eins.name", "a.eins.name": "Lab"}
        )
        said = await reply.json()
        assert (
            said["progress"] == "1 von 1 Pflichtfrage beantwortet"
            and said["state"] == "vollständig"
        )
        assert draft_on_disk(folder)["answers"]["eins.mandat"] is False
        reply = await client.post(
            "/form/api/answer", data={"token": token, "key": "eins.leute", "a.eins.leute": "500"}
        )
        said = await reply.json()
        assert said["messages"] and "100" in said["messages"][0][1]
        refused = await client.post(
            "/form/api/answer", data={"token": "forged", "key": "eins.leute"}
        )
        assert refused.status == 403


async def test_rows_and_entries_are_added_and_removed_without_javascript(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    async with form_client(folder, [every_kind(tmp_path)]) as client:
        await start(client)
        await send(client, "zwei", SECOND, action="next")
        response = await send(client, "zwei", SECOND, action="add:zwei.akteure")
        assert response.headers["Location"].startswith("/form/s/zwei?add=zwei.akteure")
        page = await (await client.get(response.headers["Location"])).text()
        assert "<legend>Zeile 2</legend>" in page and 'name="n.zwei.akteure" value="2"' in page
        rows = [*SECOND[:3], ("n.zwei.akteure", "2"), ("a.zwei.akteure.0.wer", "Bauamt"),
                ("a.zwei.akteure.1.wer", "Verein Rad")]  # fmt: skip
        await send(client, "zwei", rows, action="save")
        assert [r["wer"] for r in draft_on_disk(folder)["answers"]["zwei.akteure"]] == [
            "Bauamt",
            "Verein Rad",
        ]
        await send(client, "zwei", rows, action="remove:zwei.akteure:0")
        assert [r["wer"] for r in draft_on_disk(folder)["answers"]["zwei.akteure"]] == [
            "Verein Rad"
        ]


async def test_the_room_door_and_places_hold_for_the_form(tmp_path: Path) -> None:
    canvas = every_kind(tmp_path)
    async with form_client(tmp_path / "ws", [canvas], code="SESAM-42-XY", max_sessions=1) as client:
        page = await (await client.get("/")).text()
        assert 'action="/door"' in page and "alle_arten" not in page
        response = await client.get("/form/s/eins", allow_redirects=False)
        assert response.status == 303 and response.headers["Location"] == "/"
        await client.post("/door", data={"code": "sesam42xy"})
        await start(client)
        # The only place is taken: another browser (no form cookie) is told so.
        client.session.cookie_jar.clear(lambda cookie: cookie.key == "kosi_form")
        page = await (await client.get("/")).text()
        response = await client.post(
            "/form/start", data={"token": token_in(page), "canvas": "alle_arten", "author": "Bo"}
        )
        assert response.status == 503 and "Alle Plätze belegt" in await response.text()
        # The terminal view is one click away (and counts the same places).
        assert 'href="/terminal"' in page
        assert (await client.get("/terminal")).status == 503


async def test_a_resume_code_opens_the_draft_again(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    async with form_client(folder, [every_kind(tmp_path)]) as client:
        code = await start(client)
        await send(client, "eins", [("a.eins.name", "Labor Nord")], action="next")
        client.session.cookie_jar.clear(lambda cookie: cookie.key == "kosi_form")
        page = await (await client.get("/")).text()
        wrong = await client.post(
            "/form/resume", data={"token": token_in(page), "resume": "AAAA-BBBB-CCCC"}
        )
        assert wrong.status == 400
        page = await (await client.get("/")).text()
        response = await client.post(
            "/form/resume", data={"token": token_in(page), "resume": code.lower()}
        )
        assert response.status == 200, await response.text()
        _, page = await section(client, "eins")
        assert 'value="Labor Nord"' in page


async def test_a_page_shown_before_another_place_saved_sets_nothing_back(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    async with form_client(folder, [every_kind(tmp_path)]) as client:
        await start(client)
        (path,) = folder.glob("*.yaml")
        _, page = await section(client, "eins")  # shown while the name is empty
        # Another place (the terminal app opens drafts through the same Filling) saves a name.
        terminal = Filling.open(path)
        terminal.set_answer("eins.name", "aus dem Terminal")
        assert terminal.save().error is None
        # The form's script saves another answer: its save takes the terminal's name in.
        said = await client.post(
            "/form/api/answer",
            data={"token": token_in(page), "key": "eins.leute", "a.eins.leute": "2"},
        )
        assert (await said.json())["saved"]
        # The page shown before is sent: the name it showed empty was not changed on it.
        shown = re.findall(r'name="on" value="([^"]+)"(?! disabled)', page)
        data = [("token", token_in(page)), *(("on", key) for key in shown),
                ("a.eins.name", ""), ("a.eins.idee", "aus dem Formular"), ("action", "save")]  # fmt: skip
        await client.post("/form/s/eins", data=data)
        terminal.set_answer("eins.rueckhalt", 4)
        assert terminal.save().error is None
    answers = draft_on_disk(folder)["answers"]
    assert answers["eins.name"] == "aus dem Terminal"
    assert answers["eins.idee"] == "aus dem Formular"
    assert answers["eins.leute"] == 2 and answers["eins.rueckhalt"] == 4


async def test_every_page_is_light_and_loads_nothing_from_elsewhere(tmp_path: Path) -> None:
    async with form_client(tmp_path / "ws", [every_kind(tmp_path)]) as client:
        await start(client)
        await send(client, "zwei", SECOND)
        css = await (await client.get("/form/static/form.css")).text()
        script = await (await client.get("/form/static/form.js")).text()
        for address in ("/", "/form/s/eins", "/form/s/zwei", "/form/overview"):
            response = await client.get(address)
            page = await response.text()
            assert len(page.encode()) + len(css.encode()) + len(script.encode()) < 100_000, address
            assert not re.search(r'(src|href)="(https?:)?//', page), address
            assert "default-src 'none'" in response.headers["Content-Security-Policy"]


async def test_an_unreadable_cell_is_said_with_its_row_and_column(tmp_path: Path) -> None:
    async with form_client(tmp_path / "ws", [every_kind(tmp_path)]) as client:
        await start(client)
        cells = [("n.zwei.akteure", "2"), ("a.zwei.akteure.0.wer", "Bauamt"),
                 ("a.zwei.akteure.1.wer", "Verein"), ("a.zwei.akteure.1.stunden", "zwei")]  # fmt: skip
        response = await send(client, "zwei", cells)
        page = await response.text()
        assert response.status == 422
        assert 'href="#f-zwei-akteure-r1-stunden"' in page
        assert "Zeile 2, „Stunden“:" in page.split('id="errors"')[1].split("</ul>")[0]


async def test_the_trainer_sees_and_ends_a_form_session_like_a_terminal_one(tmp_path: Path) -> None:
    from kosi_tui.faces.serve.trainer_view import Controls, press

    folder = tmp_path / "ws"
    async with form_client(folder, [every_kind(tmp_path)]) as client:
        server: Any = client.kosi  # type: ignore[attr-defined]
        assert server.open_sessions() == []
        await start(client)
        sessions = server.open_sessions()
        assert [s.address for s in sessions] == ["127.0.0.1"]
        assert list(folder.glob(".*.lock"))  # marked as open, as the terminal app marks it
        controls = Controls()
        press("1", controls, sessions, None, "de")
        ending = press("e", controls, server.open_sessions(), None, "de")
        assert ending is sessions[0]
        _, page = await section(client, "eins")
        data = [("token", token_in(page)), ("on", "eins.name"), ("a.eins.name", "Vor dem Ende")]
        await client.post("/form/s/eins", data=[*data, ("action", "save")])
        await server.end_session(ending)
        assert server.open_sessions() == []
        # Saved on the way out; the browser is back at the first page, the place is free.
        assert draft_on_disk(folder)["answers"]["eins.name"] == "Vor dem Ende"
        response = await client.get("/form/s/eins", allow_redirects=False)
        assert response.headers["Location"] == "/form"
        assert not list(folder.glob(".*.lock"))


async def test_at_home_the_form_lists_ones_own_drafts_to_go_on_with(tmp_path: Path) -> None:
    from kosi_tui.paths import drafts_dir

    async with form_client(None, [every_kind(tmp_path)]) as client:
        page = await (await client.get("/")).text()
        assert "Fortsetzungscode" not in page and "Ihre Entwürfe" not in page
        response = await client.post(
            "/form/start",
            data={"token": token_in(page), "canvas": "alle_arten", "organisation": "Stadt X"},
            allow_redirects=False,
        )
        # No code at home (no name needed either): straight to the first section.
        assert response.headers["Location"] == "/form/s/eins"
        await send(client, "eins", [("a.eins.name", "Zu Hause")], action="save")
        (path,) = drafts_dir().glob("*.yaml")
        client.session.cookie_jar.clear(lambda cookie: cookie.key == "kosi_form")
        page = await (await client.get("/")).text()
        assert "Ihre Entwürfe" in page and "Weiter mit „Alle Arten &lt;script&gt;" in page
        elsewhere = await client.post(
            "/form/open", data={"token": token_in(page), "draft": "/etc/passwd"}
        )
        assert elsewhere.status == 404
        response = await client.post(
            "/form/open", data={"token": token_in(page), "draft": str(path)}
        )
        assert response.status == 200
        _, page = await section(client, "eins")
        assert 'value="Zu Hause"' in page


async def test_a_page_sent_after_a_long_pause_is_saved_all_the_same(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    async with form_client(folder, [every_kind(tmp_path)]) as client:
        server: Any = client.kosi  # type: ignore[attr-defined]
        await start(client)
        _, page = await section(client, "eins")
        # The person reads and types for longer than the room's idle time: the draft is saved
        # and closed, the place given back ...
        await server.form.visitors.end_idle(0.0)
        assert server.open_sessions() == []
        assert not list(folder.glob(".*.lock"))
        # ... and the page sent afterwards opens it again and is saved, nothing asked again.
        data = [("token", token_in(page)), ("on", "eins.name"), ("a.eins.name", "Nach der Pause")]
        response = await client.post(
            "/form/s/eins", data=[*data, ("action", "next")], allow_redirects=False
        )
        assert response.status == 303 and response.headers["Location"] == "/form/s/zwei"
        assert draft_on_disk(folder)["answers"]["eins.name"] == "Nach der Pause"
        assert len(server.open_sessions()) == 1


@pytest.mark.full  # 8–10 s; test_a_page_shown_before_another_place_saved_sets_nothing_back daily
async def test_one_draft_in_the_form_and_the_terminal_view_at_once_loses_nothing(
    tmp_path: Path,
) -> None:
    """The terminal view is kosi's app in a workshop (here driven by Pilot, as the browser's
    keys drive it in its process); it opens the form's draft by its resume code."""
    from kosi_tui.faces.tui.app import KosiApp
    from kosi_tui.faces.tui.dialogs.message_dialog import MessageDialog
    from kosi_tui.faces.tui.screens.fill import FillScreen
    from tests.app.driver import type_text
    from tests.app.test_serve_workshop_app import to_dialog

    folder = tmp_path / "ws"
    async with form_client(folder, [every_kind(tmp_path)]) as client:
        code = await start(client)
        (path,) = folder.glob("*.yaml")
        _, page = await section(client, "eins")  # the form's page, the name still empty
        app = KosiApp("de", workshop=folder)
        async with app.run_test(size=(100, 40)) as pilot:
            await to_dialog(pilot)
            app.screen.query_one("#resume").focus()
            await pilot.pause()
            await type_text(pilot, code)
            await pilot.press("enter")
            await pilot.pause()
            for _ in range(5):  # the notice that the draft is open elsewhere (in the form)
                if not isinstance(app.screen, MessageDialog):
                    break
                await pilot.press("enter")
                await pilot.pause()
            fill = app.screen
            assert isinstance(fill, FillScreen) and fill.filling.path == path
            await type_text(pilot, "Terminal")
            await pilot.press("ctrl+s")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert draft_on_disk(folder)["answers"]["eins.name"] == "Terminal"
            # The form's script saves one answer (its save takes the terminal's name in) ...
            said = await client.post(
                "/form/api/answer",
                data={"token": token_in(page), "key": "eins.leute", "a.eins.leute": "2"},
            )
            assert (await said.json())["saved"]
            # ... then the page, shown before, is sent with another answer: the name it showed
            # empty stays the terminal's.
            shown = re.findall(r'name="on" value="([^"]+)"(?! disabled)', page)
            data = [("token", token_in(page)), *(("on", key) for key in shown),
                    ("a.eins.name", ""), ("a.eins.idee", "Formular"), ("action", "save")]  # fmt: skip
            response = await client.post("/form/s/eins", data=data, allow_redirects=False)
            assert response.status == 303
            assert draft_on_disk(folder)["answers"]["eins.name"] == "Terminal"
            assert draft_on_disk(folder)["answers"]["eins.idee"] == "Formular"
            # The terminal goes on and saves again: the form's answer stays as well.
            await type_text(pilot, " mehr")
            await pilot.press("ctrl+s")
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("ctrl+q")
        answers = draft_on_disk(folder)["answers"]
        assert answers["eins.name"] == "Terminal mehr" and answers["eins.idee"] == "Formular"
        # ... and the form goes on, too (a page shows every answer it has and sends it back).
        fields = [
            ("a.eins.name", "Terminal mehr"),
            ("a.eins.idee", "Formular"),
            ("a.eins.leute", "3"),
        ]
        await send(client, "eins", fields, "save")
    answers = draft_on_disk(folder)["answers"]
    assert answers["eins.name"] == "Terminal mehr"
    assert answers["eins.idee"] == "Formular"
    assert answers["eins.leute"] == 3
    assert not list(folder.glob("*konflikt*"))


async def test_a_planspiel_player_sees_role_round_and_card_on_the_phone(tmp_path: Path) -> None:
    from kosi_tui.storage.canvas_file import load_canvas
    from tests.conftest import ROOT

    game = load_canvas(ROOT / "canvases" / "planspiel-fahrradgarage.yaml")
    folder = tmp_path / "ws"
    async with form_client(folder, [game]) as client:
        page = await (await client.get("/")).text()
        data = {"token": token_in(page), "canvas": game.canvas.id, "author": "Erika"}
        await client.post("/form/start", data=data)
        _, page = await section(client, "rolle")
        assert "Noch keine Rolle gewählt" in page
        await send(client, "rolle", [("a.rolle.rolle", "stadt")])
        _, page = await section(client, "runde_1")
        assert "Ihre Rolle: " in page and 'href="/form/role"' in page
        assert "Angebot abgeben?" in page  # the round's own question, as every question
        card = await (await client.get("/form/role")).text()
        assert "Ihre Rollenkarte: Stadt Musterstadt" in card
        assert "In vier Jahren wird die Straße aufgerissen" in card  # the private side, to them
        await send(
            client, "runde_1", [("a.runde_1.geld_einmalig", "1.500"), ("a.runde_1.abgeben", "yes")]
        )
    answers = draft_on_disk(folder)["answers"]
    assert answers["rolle.rolle"] == "stadt" and answers["runde_1.abgeben"] is True
    assert answers["runde_1.geld_einmalig"] == 1500


async def test_the_form_speaks_english_when_the_room_does(tmp_path: Path) -> None:
    async with form_client(tmp_path / "ws", [every_kind(tmp_path)], lang="en") as client:
        page = await (await client.get("/")).text()
        assert '<html lang="en">' in page and "Start a worksheet" in page
        assert "Arbeitsblatt" not in page
        await client.post(
            "/form/start", data={"token": token_in(page), "canvas": "alle_arten", "author": "Ada"}
        )
        response = await send(client, "eins", [("a.eins.leute", "twelve")])
        page = await response.text()
        assert "<title>1 error: Basics – Every kind – kosi</title>" in page
        assert "How many people take part?" in page and "Error:" in page
        assert "Wie viele" not in page and "Fehler" not in page


async def test_a_draft_the_disk_refuses_stays_open_at_the_idle_end_and_is_rescued_at_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kosi_tui.paths import drafts_dir
    from tests.app.test_save_failure import ReadOnly

    folder = tmp_path / "ws"
    async with form_client(folder, [every_kind(tmp_path)]) as client:
        server: Any = client.kosi  # type: ignore[attr-defined]
        await start(client)
        disk = ReadOnly(folder, monkeypatch)
        response = await send(client, "eins", [("a.eins.name", "Nur im Speicher")], "save")
        said = await response.text()
        assert response.status == 503 and "Nicht gespeichert" in said
        # The browser offers no other place to save, and the trainer's folders stay unnamed.
        assert "anderen Ort" not in said and str(folder) not in said, said
        # The idle end cannot save it: the draft stays open, its answers with it.
        await server.form.visitors.end_idle(0.0)
        (visitor,) = server.open_sessions()
        assert visitor.filling.session.answers["eins.name"] == "Nur im Speicher"
        # Ending the session (the trainer, or the server stopping) keeps an emergency copy.
        await server.end_session(visitor)
        disk.on = False
    (copy,) = drafts_dir().glob("*notfallkopie*.yaml")
    assert (
        yaml.safe_load(copy.read_text(encoding="utf-8"))["answers"]["eins.name"]
        == "Nur im Speicher"
    )


async def test_the_largest_bundled_canvas_stays_within_the_weight_budget(tmp_path: Path) -> None:
    from kosi_tui.storage.canvas_file import load_canvas
    from tests.conftest import ROOT

    lab = load_canvas(ROOT / "canvases" / "innovationslabor.yaml")
    async with form_client(tmp_path / "ws", [lab]) as client:
        page = await (await client.get("/")).text()
        data = {"token": token_in(page), "canvas": lab.canvas.id, "author": "Ada"}
        await client.post("/form/start", data=data)
        own = 0
        for name in ("form.css", "form.js"):
            own += len(await (await client.get(f"/form/static/{name}")).read())
        addresses = [f"/form/s/{s.id}" for s in lab.canvas.sections] + ["/form/overview"]
        for address in addresses:
            response = await client.get(address)
            assert response.status == 200, address
            assert len(await response.read()) + own < 100_000, address  # 34 KB at most today


async def test_a_long_page_is_saved_not_refused_for_its_size(tmp_path: Path) -> None:
    # Three pages of German prose in one field: sent as a form, every "ä" takes six bytes, so
    # the body is far above the 64 KiB the terminal view's messages may have.
    folder = tmp_path / "ws"
    prose = "Die Bürgerbeteiligung läuft über die Stadtteilbüros; Ämter prüfen Anträge. " * 1200
    async with form_client(folder, [every_kind(tmp_path)]) as client:
        await start(client)
        response = await send(client, "eins", [("a.eins.idee", prose)], action="save")
        assert response.status == 303, await response.text()
        script = await client.post(
            "/form/api/answer",
            data={"token": token_in((await section(client, "eins"))[1]), "key": "eins.idee",
                  "a.eins.idee": prose + "!"},
        )  # fmt: skip
        assert script.status == 200
    assert draft_on_disk(folder)["answers"]["eins.idee"] == prose + "!"


async def test_a_table_of_the_most_rows_a_page_takes_is_saved(tmp_path: Path) -> None:
    # 200 rows (all a page may have) with a few columns each are more than aiohttp's default of
    # 1000 fields in one form: the page was refused whole, in English.
    folder = tmp_path / "ws"
    async with form_client(folder, [every_kind(tmp_path)]) as client:
        await start(client)
        rows = 200
        cells = [
            (f"a.zwei.akteure.{i}.{column}", value)
            for i in range(rows)
            for column, value in (("wer", f"Akteur {i}"), ("sektor", "kommune"),
                                  ("stunden", "1"), ("rollen", "geld"), ("rollen", "idee"))
        ]  # fmt: skip
        response = await send(client, "zwei", [("n.zwei.akteure", str(rows)), *cells], "save")
        assert response.status == 303, await response.text()
    assert len(draft_on_disk(folder)["answers"]["zwei.akteure"]) == rows


async def test_before_the_door_a_request_body_stays_small(tmp_path: Path) -> None:
    # Only a page sent past the door may be long; the door itself reads no more than 64 KiB.
    async with form_client(tmp_path / "ws", [every_kind(tmp_path)], code="SESAM-42-XY") as client:
        response = await client.post("/door", data={"code": "x" * 100_000})
        assert response.status == 413
        # Without the room's cookie, a long page is turned away before it is read.
        response = await client.post(
            "/form/s/eins", data={"a.eins.idee": "x" * 100_000}, allow_redirects=False
        )
        assert response.status == 303 and response.headers["Location"] == "/"


async def test_a_page_sent_after_the_server_restarted_shows_what_was_typed(tmp_path: Path) -> None:
    from kosi_tui.faces.web.visitors import Visitors

    folder = tmp_path / "ws"
    async with form_client(folder, [every_kind(tmp_path)]) as client:
        await start(client)
        _, page = await section(client, "eins")
        client.kosi.form.visitors = Visitors()  # type: ignore[attr-defined]  # what a restart forgets
        typed = [("token", token_in(page)), ("on", "eins.idee"), ("a.eins.name", "Labor <Nord>"),
                 ("a.eins.idee", "Drei Absätze\nüber das Labor"), ("action", "next")]  # fmt: skip
        response = await client.post("/form/s/eins", data=typed, allow_redirects=False)
        shown = await response.text()
        assert response.status == 409, shown
        # Every text typed on the page stands there to copy, next to its question; the way back
        # in (the resume code) is on the same page.
        assert "Labor &lt;Nord&gt;" in shown and "Drei Absätze\nüber das Labor" in shown
        assert "Wie heißt das Projekt?" in shown and 'action="/form/resume"' in shown
        assert "Labor" not in str(draft_on_disk(folder).get("answers"))


async def test_two_tabs_on_one_draft_set_nothing_back(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    async with form_client(folder, [every_kind(tmp_path)]) as client:
        await start(client)
        _, tab_a = await section(client, "eins")  # the first tab, left open
        # A second tab of the same browser answers the name and goes on to the next page.
        response = await send(client, "eins", [("a.eins.name", "Aus Tab B")], action="next")
        assert response.headers["Location"] == "/form/s/zwei"
        await section(client, "zwei")
        # The first tab still shows an empty name; only the idea is typed there, then sent.
        shown = re.findall(r'name="on" value="([^"]+)"(?! disabled)', tab_a)
        hidden = re.findall(r'<input type="hidden" name="(shown\.[^"]+)" value="([^"]*)"', tab_a)
        data = [("token", token_in(tab_a)), *(("on", k) for k in shown), *hidden,
                ("a.eins.name", ""), ("a.eins.idee", "Aus Tab A"), ("action", "save")]  # fmt: skip
        response = await client.post("/form/s/eins", data=data, allow_redirects=False)
        assert response.status == 303, await response.text()
    answers = draft_on_disk(folder)["answers"]
    assert answers["eins.name"] == "Aus Tab B" and answers["eins.idee"] == "Aus Tab A"


async def test_no_other_site_can_send_a_form_page_for_the_browser(tmp_path: Path) -> None:
    # The browser's own cookies and even a valid token do not help a page from another site:
    # every form address that takes a POST checks the Origin first.
    folder = tmp_path / "ws"
    async with form_client(folder, [every_kind(tmp_path)], code="SESAM-42-XY") as client:
        await client.post("/door", data={"code": "SESAM-42-XY"})
        code = await start(client)
        _, page = await section(client, "eins")
        token = token_in(page)
        foreign = {"Origin": "http://evil.example"}
        sent = {
            "/form/s/eins": [("token", token), ("on", "eins.name"), ("a.eins.name", "Fremd")],
            "/form/api/answer": [("token", token), ("key", "eins.name"), ("a.eins.name", "Fremd")],
            "/form/start": [("token", token), ("canvas", "alle_arten"), ("author", "Fremd")],
            "/form/resume": [("token", token), ("resume", code)],
            "/form/open": [("token", token), ("draft", "x")],
        }
        for address, data in sent.items():
            response = await client.post(address, data=data, headers=foreign, allow_redirects=False)
            assert response.status == 303 and response.headers["Location"] == "/", address
        # Without the room's code, no form address shows anything either.
        client.session.cookie_jar.clear(lambda cookie: cookie.key != "kosi_form")
        for address in ("/form", "/form/s/eins", "/form/overview", "/form/role", "/form/export/md",
                        "/form/code"):  # fmt: skip
            response = await client.get(address, allow_redirects=False)
            assert response.status == 303 and response.headers["Location"] == "/", address
    assert "eins.name" not in draft_on_disk(folder).get("answers", {})
    assert len(list(folder.glob("*.yaml"))) == 1


async def test_a_flood_of_new_browsers_forgets_no_one_whose_draft_waits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Someone in the room opens the first page again and again without cookies: browsers that
    # never opened a draft are forgotten, not a participant whose draft was closed in a pause.
    from kosi_tui.faces.web import visitors as module

    monkeypatch.setattr(module, "MOST_VISITORS", 8)
    folder = tmp_path / "ws"
    async with form_client(folder, [every_kind(tmp_path)]) as client:
        await start(client)
        known = client.kosi.form.visitors  # type: ignore[attr-defined]
        (participant,) = known.with_drafts()
        await known.end_idle(-1.0)  # a long pause: the draft is saved and closed
        assert participant.filling is None and participant.left is not None
        for _ in range(40):
            known.new("10.0.0.66")
        assert known.get(participant.token) is participant
        _, page = await section(client, "eins")  # and the draft opens again
        assert "Wie heißt das Projekt?" in page


async def test_a_page_sent_back_into_a_full_room_shows_what_was_typed(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    async with form_client(folder, [every_kind(tmp_path)], max_sessions=1) as client:
        await start(client)
        _, page = await section(client, "eins")
        await client.kosi.form.visitors.end_idle(-1.0)  # type: ignore[attr-defined]  # a long pause
        mine = client.session.cookie_jar.filter_cookies(client.make_url("/"))["kosi_form"].value
        # Meanwhile another browser takes the room's only place.
        client.session.cookie_jar.clear(lambda cookie: cookie.key == "kosi_form")
        await start(client, author="Bo")
        client.session.cookie_jar.clear(lambda cookie: cookie.key == "kosi_form")
        client.session.cookie_jar.update_cookies({"kosi_form": mine}, client.make_url("/"))
        typed = [("token", token_in(page)), ("on", "eins.idee"),
                 ("a.eins.idee", "Lange überlegt"), ("action", "save")]  # fmt: skip
        response = await client.post("/form/s/eins", data=typed, allow_redirects=False)
        shown = await response.text()
        assert response.status == 503 and "Alle Plätze belegt" in shown
        assert "Lange überlegt" in shown
        # Once a place is free again (the trainer ended the other session), the same browser
        # goes on with its draft.
        known = client.kosi.form.visitors  # type: ignore[attr-defined]
        (other,) = known.with_drafts()
        await known.end(other)
        response = await client.post("/form/s/eins", data=typed, allow_redirects=False)
        assert response.status == 303
    saved = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in folder.glob("*.yaml")]
    assert [d["answers"].get("eins.idee") for d in saved if d["author"] == "Ada"] == [
        "Lange überlegt"
    ]


async def test_the_first_page_sent_after_a_restart_comes_back_ready_to_send_again(
    tmp_path: Path,
) -> None:
    from kosi_tui.faces.web.visitors import Visitors

    folder = tmp_path / "ws"
    async with form_client(folder, [every_kind(tmp_path)]) as client:
        page = await (await client.get("/")).text()
        client.kosi.form.visitors = Visitors()  # type: ignore[attr-defined]  # what a restart forgets
        data = {"token": token_in(page), "canvas": "alle_arten", "author": "Ada"}
        response = await client.post("/form/start", data=data)
        again = await response.text()
        # The first page again, saying why, with a token that works: not a line of plain text.
        assert response.status == 403 and response.content_type == "text/html"
        assert "Diese Seite ist veraltet" in again and 'action="/form/start"' in again
        response = await client.post("/form/start", data={**data, "token": token_in(again)})
        assert response.status == 200 and "Fortsetzungscode" in await response.text()


async def test_a_page_of_one_draft_never_writes_into_another_opened_since(tmp_path: Path) -> None:
    # At home, two projects on the same canvas: the first draft's page stays open in one tab
    # while the second draft is opened in another tab of the same browser.
    from kosi_tui.paths import drafts_dir

    async with form_client(None, [every_kind(tmp_path)]) as client:
        for name in ("Projekt A", "Projekt B"):
            page = await (await client.get("/form")).text()
            await client.post("/form/start", data={"token": token_in(page), "canvas": "alle_arten",
                                                   "organisation": name})  # fmt: skip
            _, tab = await section(client, "eins")
            if name == "Projekt A":
                tab_a = tab
                first = client.kosi.form.visitors.with_drafts()[0].filling.path  # type: ignore[attr-defined]
        shown = re.findall(
            r'<input type="hidden" name="((?:shown\.|draft)[^"]*)" value="([^"]*)"', tab_a
        )
        typed = [("token", token_in(tab_a)), ("on", "eins.idee"), *shown,
                 ("a.eins.idee", "Gehört zu A"), ("action", "save")]  # fmt: skip
        response = await client.post("/form/s/eins", data=typed, allow_redirects=False)
        assert response.status == 409 and "Gehört zu A" in await response.text()
        script = await client.post("/form/api/answer", data=[*typed[:1], *shown, ("key", "eins.idee"),
                                                              ("a.eins.idee", "Gehört zu A")])  # fmt: skip
        assert script.status == 409
    for path in drafts_dir().glob("*.yaml"):
        assert "Gehört zu A" not in path.read_text(encoding="utf-8"), path
    assert first.exists()
