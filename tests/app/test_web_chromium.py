"""The form in headless Chromium over the DevTools protocol (the system's Chromium, no download):
a phone (390x844, mobile, touch, dark) and a laptop (1280x800, light) each enter the code, start
a draft, answer every kind, see a message as they type, follow a condition without a reload,
reach the overview and download the PDF; axe-core finds no WCAG 2.1 A/AA violation on any page;
a keyboard alone completes a section. Screenshots are kept for people to look at."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import itertools
import json
import os
import shutil
import socket
import subprocess
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import yaml

from tests.app.web_pages import every_kind, form_client

CHROMIUM = next((b for b in ("chromium", "chromium-browser") if shutil.which(b)), None)
AXE = Path(__file__).parent.parent / "vendor" / "axe.min.js"
CODE = "SESAM-42-XY"
SHOTS = Path(os.environ.get("KOSI_WEB_SHOTS", "")) if os.environ.get("KOSI_WEB_SHOTS") else None
"""Where to copy the screenshots as well (to look at them)."""

pytestmark = [
    pytest.mark.system,
    pytest.mark.skipif(CHROMIUM is None, reason="no headless Chromium (apt-get install chromium)"),
]

KEYS = {
    "Tab": ("Tab", 9, ""),
    "Enter": ("Enter", 13, "\r"),
    " ": ("Space", 32, " "),
    "ArrowDown": ("ArrowDown", 40, ""),
    "ArrowRight": ("ArrowRight", 39, ""),
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Tab:
    """One Chromium page, driven over its DevTools websocket."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.ids = itertools.count(1)
        self.waiting: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.ws:
            data = json.loads(message.data)
            future = self.waiting.pop(data.get("id", -1), None)
            if future is not None and not future.done():
                future.set_result(data)

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        number = next(self.ids)
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self.waiting[number] = future
        await self.ws.send_str(json.dumps({"id": number, "method": method, "params": params}))
        reply = await asyncio.wait_for(future, 60)
        assert "error" not in reply, (method, reply["error"])
        result: dict[str, Any] = reply.get("result", {})
        return result

    async def js(self, expression: str) -> Any:
        result = await self.call(
            "Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True
        )
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"].get("value")

    async def until(self, condition: str, limit: float = 30.0) -> None:
        """Waits until the JavaScript `condition` holds (polled, with a deadline)."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            with contextlib.suppress(AssertionError):
                if await self.js(f"!!({condition})"):
                    return
            await asyncio.sleep(0.05)  # the page changes in another process
        raise AssertionError(f"never true: {condition}; page: {await self.js('location.href')}")

    async def go(self, url: str) -> None:
        await self.call("Page.navigate", url=url)
        await self.until(
            f"location.href.startsWith({json.dumps(url)}) && document.readyState == 'complete'"
        )

    async def after_load(self, path: str) -> None:
        await self.until(
            f"location.pathname == {json.dumps(path)} && document.readyState == 'complete'"
        )

    async def key(self, name: str, shift: bool = False) -> None:
        code, number, text = KEYS[name]
        common = {
            "key": name,
            "code": code,
            "windowsVirtualKeyCode": number,
            "modifiers": 8 if shift else 0,
        }
        await self.call("Input.dispatchKeyEvent", type="keyDown", text=text, **common)
        await self.call("Input.dispatchKeyEvent", type="keyUp", **common)

    async def type(self, text: str) -> None:
        for char in text:
            await self.call("Input.dispatchKeyEvent", type="keyDown", text=char, key=char)
            await self.call("Input.dispatchKeyEvent", type="keyUp", key=char)

    async def fill(self, element_id: str, text: str) -> None:
        """Focuses the field, empties it and types `text` key by key."""
        await self.js(
            f"(e => {{ e.focus(); e.select && e.select(); }})(document.getElementById({json.dumps(element_id)}))"
        )
        await self.js(f"document.getElementById({json.dumps(element_id)}).value = ''")
        await self.type(text)

    async def tap(self, element_id: str) -> None:
        """A click (a tap on the phone) in the middle of the element."""
        box = await self.js(
            f"(e => {{ e.scrollIntoView({{block: 'center'}}); const r = e.getBoundingClientRect();"
            f" return [r.x + r.width / 2, r.y + r.height / 2]; }})(document.getElementById({json.dumps(element_id)}))"
        )
        x, y = box
        for kind in ("mousePressed", "mouseReleased"):
            await self.call(
                "Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1
            )

    async def press_button(self, selector: str) -> None:
        await self.js(f"document.querySelector({json.dumps(selector)}).click()")

    async def axe(self) -> list[dict[str, Any]]:
        """axe-core's WCAG 2.0/2.1 A and AA violations on the page as it is now."""
        if not await self.js("typeof axe !== 'undefined'"):
            await self.js(AXE.read_text(encoding="utf-8"))
        found = await self.js(
            "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
            ".then(r => r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target)})))"
        )
        assert isinstance(found, list)
        return found

    async def shot(self, path: Path) -> None:
        data = await self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)
        import base64

        path.write_bytes(base64.b64decode(data["data"]))
        if SHOTS is not None:
            SHOTS.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, SHOTS / path.name)


@contextlib.asynccontextmanager
async def chromium(
    profile: Path, downloads: Path, width: int, height: int, phone: bool
) -> AsyncIterator[Tab]:
    assert CHROMIUM is not None
    port = free_port()
    process = subprocess.Popen(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--remote-debugging-port={port}", f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    session = aiohttp.ClientSession()
    try:
        deadline = time.monotonic() + 60
        pages: list[dict[str, Any]] = []
        while time.monotonic() < deadline:
            with contextlib.suppress(aiohttp.ClientError):
                async with session.get(f"http://127.0.0.1:{port}/json/list") as response:
                    pages = [p for p in await response.json() if p.get("type") == "page"]
                if pages:
                    break
            await asyncio.sleep(0.1)  # Chromium is starting
        assert pages, "Chromium did not start"
        async with session.get(f"http://127.0.0.1:{port}/json/version") as response:
            browser_ws = (await response.json())["webSocketDebuggerUrl"]
        browser = Tab(await session.ws_connect(browser_ws, max_msg_size=0))
        await browser.call(
            "Browser.setDownloadBehavior", behavior="allow", downloadPath=str(downloads)
        )
        tab = Tab(await session.ws_connect(pages[0]["webSocketDebuggerUrl"], max_msg_size=0))
        await tab.call("Page.enable")
        await tab.call("Runtime.enable")
        await tab.call(
            "Emulation.setDeviceMetricsOverride", width=width, height=height,
            deviceScaleFactor=2 if phone else 1, mobile=phone,
        )  # fmt: skip
        if phone:
            await tab.call("Emulation.setTouchEmulationEnabled", enabled=True, maxTouchPoints=5)
        scheme = "dark" if phone else "light"
        await tab.call(
            "Emulation.setEmulatedMedia",
            features=[{"name": "prefers-color-scheme", "value": scheme}],
        )
        yield tab
        tab.reader.cancel()
        browser.reader.cancel()
    finally:
        await session.close()
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=20)


async def on_disk(folder: Path, key: str, value: object, limit: float = 10.0) -> None:
    """Waits until the draft in `folder` holds `value` for `key` (polled, with a deadline)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        for draft in folder.glob("*.yaml"):
            with contextlib.suppress(OSError, yaml.YAMLError):
                answers = yaml.safe_load(draft.read_text(encoding="utf-8")).get("answers") or {}
                if answers.get(key) == value:
                    return
        await asyncio.sleep(0.05)  # the server saves in its own time
    raise AssertionError(f"{key} = {value!r} never saved")


def assert_clean(violations: list[dict[str, Any]], page: str) -> None:
    assert violations == [], f"{page}: {json.dumps(violations, indent=1)[:3000]}"


@pytest.mark.parametrize(
    ("width", "height", "phone"), [(390, 844, True), (1280, 800, False)], ids=["phone", "laptop"]
)
async def test_a_participant_fills_every_kind_in_chromium(
    tmp_path: Path, width: int, height: int, phone: bool
) -> None:
    folder = tmp_path / "ws"
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    size = "phone" if phone else "laptop"
    async with (
        form_client(folder, [every_kind(tmp_path)], code=CODE) as client,
        chromium(tmp_path / "profile", downloads, width, height, phone) as tab,
    ):
        base = str(client.make_url("/")).rstrip("/")
        await tab.go(base + "/")
        assert_clean(await tab.axe(), "door")
        await tab.fill("code", CODE.lower())
        await tab.key("Enter")
        await tab.until("document.getElementById('author')")
        assert_clean(await tab.axe(), "start")
        await tab.shot(tmp_path / f"web-start-{size}.png")
        await tab.fill("organisation", "Stadt X")
        await tab.fill("author", "Ada")
        await tab.press_button("form[action='/form/start'] button.primary")
        await tab.after_load("/form/code")
        await tab.press_button("a.button")
        await tab.after_load("/form/s/eins")

        typed = time.monotonic()
        await tab.fill("f-eins-name", "Labor <Nord>")
        # Saved as typed, by the script, with no button pressed.
        await on_disk(folder, "eins.name", "Labor <Nord>")
        # The progress line and the section list follow without a reload.
        await tab.until("document.querySelector('.progress').textContent.startsWith('1 von 1')")
        print(f"typed answer on disk {time.monotonic() - typed:.2f} s after its first key")
        await tab.fill("f-eins-idee", "Zwei Sätze. Noch einer.")
        # A message as the person types (the script asks the server, which validates).
        await tab.fill("f-eins-leute", "500")
        await tab.until("document.getElementById('f-eins-leute-err')")
        assert "100" in await tab.js("document.getElementById('f-eins-leute-err').textContent")
        assert (
            await tab.js("document.getElementById('f-eins-leute').getAttribute('aria-invalid')")
            == "true"
        )
        assert_clean(await tab.axe(), "section with a message")
        await tab.fill("f-eins-leute", "12")
        await tab.until("!document.getElementById('f-eins-leute-err')")
        await tab.fill("f-eins-beginn", "01.03.2027")
        # A condition followed without a reload: "no" shows the question why.
        assert await tab.js("document.getElementById('f-eins-warum-q').hidden")
        await tab.tap("f-eins-mandat-o1")
        await tab.until("!document.getElementById('f-eins-warum-q').hidden")
        await tab.fill("f-eins-warum", "Kommt noch.")
        await tab.tap("f-eins-form-o1")
        await tab.tap("f-eins-themen-o0")
        await tab.tap("f-eins-themen-o2")
        await tab.tap("f-eins-rueckhalt-o3")
        assert_clean(await tab.axe(), "section with every scalar kind")
        # 320 CSS px wide (a small phone, or 1280 px at 400 %) and 1280 px at 200 %: no sideways
        # scrolling, the page reflows into one column.
        for narrow in (320, 640):
            await tab.call(
                "Emulation.setDeviceMetricsOverride", width=narrow, height=height,
                deviceScaleFactor=1, mobile=phone,
            )  # fmt: skip
            await tab.until(f"window.innerWidth == {narrow}")
            assert await tab.js("document.documentElement.scrollWidth") <= narrow
        await tab.call(
            "Emulation.setDeviceMetricsOverride", width=width, height=height,
            deviceScaleFactor=2 if phone else 1, mobile=phone,
        )  # fmt: skip
        await tab.shot(tmp_path / f"web-section-{size}.png")
        await tab.press_button("button.primary")
        await tab.after_load("/form/s/zwei")

        # A list and a table row; "add" works by sending the page (no script needed).
        await tab.fill("f-zwei-ziele-r0", "Mehr Radwege")
        await tab.press_button("button[value='add:zwei.ziele']")
        await tab.until("document.getElementById('f-zwei-ziele-r1')")
        await tab.fill("f-zwei-ziele-r1", "Weniger Lärm")
        await tab.fill("f-zwei-akteure-r0-wer", "Bauamt")
        await tab.js(
            "(s => { s.value = 'wirtschaft'; s.dispatchEvent(new Event('change', {bubbles: true})); })"
            "(document.getElementById('f-zwei-akteure-r0-sektor'))"
        )
        await tab.fill("f-zwei-akteure-r0-stunden", "zwei")
        await tab.tap("f-zwei-akteure-r0-rollen-1")
        # Sent with an unreadable number: the page comes back with the summary, focused.
        await tab.press_button("button.primary")
        await tab.until(
            "document.getElementById('errors') && document.activeElement.id == 'errors'"
        )
        assert (await tab.js("document.title")).startswith("1 Fehler")
        assert await tab.js("document.getElementById('f-zwei-akteure-r0-stunden').value") == "zwei"
        assert_clean(await tab.axe(), "section with an error summary")
        await tab.shot(tmp_path / f"web-errors-{size}.png")
        await tab.fill("f-zwei-akteure-r0-stunden", "7,5")
        await tab.press_button("button.primary")
        await tab.after_load("/form/overview")
        assert_clean(await tab.axe(), "overview")
        await tab.shot(tmp_path / f"web-overview-{size}.png")
        await tab.press_button("a[href='/form/export/pdf']")
        deadline = time.monotonic() + 60
        while not list(downloads.glob("*.pdf")) and time.monotonic() < deadline:
            await asyncio.sleep(0.1)  # Chromium writes the download
        (pdf,) = downloads.glob("*.pdf")
        assert pdf.read_bytes().startswith(b"%PDF")

    (draft,) = folder.glob("*.yaml")
    answers = yaml.safe_load(draft.read_text(encoding="utf-8"))["answers"]
    assert answers == {
        "eins.name": "Labor <Nord>",
        "eins.idee": "Zwei Sätze. Noch einer.",
        "eins.leute": 12,
        "eins.beginn": dt.date(2027, 3, 1),
        "eins.mandat": False,
        "eins.warum": "Kommt noch.",
        "eins.form": "verein",
        "eins.themen": ["mobil", "sozial"],
        "eins.rueckhalt": 4,
        "zwei.ziele": ["Mehr Radwege", "Weniger Lärm"],
        "zwei.akteure": [
            {"wer": "Bauamt", "sektor": "wirtschaft", "stunden": 7.5, "rollen": ["geld"]}
        ],
    }


async def test_a_keyboard_alone_completes_a_section(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    async with (
        form_client(folder, [every_kind(tmp_path)]) as client,
        chromium(tmp_path / "profile", tmp_path, 1280, 800, False) as tab,
    ):
        base = str(client.make_url("/")).rstrip("/")
        await tab.go(base + "/")

        async def tab_to(element_id: str, shift: bool = False, limit: int = 12) -> None:
            for _ in range(limit):
                await tab.key("Tab", shift=shift)
                if await tab.js("document.activeElement.id") == element_id:
                    return
            raise AssertionError(f"Tab never reached {element_id}")

        await tab_to("author")
        await tab.type("Ada")
        await tab.key("Enter")
        await tab.after_load("/form/code")
        await tab.key("Tab")  # the skip link
        await tab.key("Tab")  # "Los geht's"
        await tab.key("Enter")
        await tab.after_load("/form/s/eins")
        # The skip link comes first and leads past the list of sections.
        await tab.key("Tab")
        assert await tab.js("document.activeElement.className") == "skip"
        await tab.key("Enter")
        await tab_to("f-eins-name")
        await tab.type("Per Tastatur")
        await tab_to("f-eins-leute")
        await tab_to("f-eins-idee", shift=True)  # and back again
        await tab.type("Rückwärts erreicht")
        await tab_to("f-eins-mandat-o0")
        await tab.key(" ")  # yes
        await tab_to("f-eins-form-o0")
        await tab.key("ArrowDown")  # moves to and picks the second choice
        await tab_to("f-eins-themen-o1")
        await tab.key(" ")
        await tab_to("f-eins-rueckhalt-o0")
        await tab.key("ArrowRight")
        await tab.key("ArrowRight")
        await tab.key("Enter")  # Enter in a form sends it: saved, the page stays
        await tab.until("document.querySelector('p.notice')")
        focused = ""
        for _ in range(30):
            await tab.key("Tab")
            focused = await tab.js("document.activeElement.textContent")
            if focused == "Speichern und weiter":
                break
        assert focused == "Speichern und weiter"
        await tab.key("Enter")
        await tab.after_load("/form/s/zwei")
    (draft,) = folder.glob("*.yaml")
    answers = yaml.safe_load(draft.read_text(encoding="utf-8"))["answers"]
    assert answers == {
        "eins.name": "Per Tastatur",
        "eins.idee": "Rückwärts erreicht",
        "eins.mandat": True,
        "eins.form": "verein",
        "eins.themen": ["klima"],
        "eins.rueckhalt": 3,
    }


async def test_a_planspiel_round_and_role_card_on_a_phone_have_no_violations(
    tmp_path: Path,
) -> None:
    from kosi_tui.storage.canvas_file import load_canvas
    from tests.conftest import ROOT

    game = load_canvas(ROOT / "canvases" / "planspiel-fahrradgarage.yaml")
    async with (
        form_client(tmp_path / "ws", [game]) as client,
        chromium(tmp_path / "profile", tmp_path, 390, 844, True) as tab,
    ):
        base = str(client.make_url("/")).rstrip("/")
        await tab.go(base + "/")
        await tab.fill("author", "Erika")
        await tab.press_button("form[action='/form/start'] button.primary")
        await tab.after_load("/form/code")
        await tab.press_button("a.button")
        await tab.after_load("/form/s/rolle")
        await tab.tap("f-rolle-rolle-o0")
        await tab.press_button("button.primary")
        await tab.after_load("/form/s/runde_1")
        assert "Ihre Rolle" in await tab.js("document.querySelector('.game').textContent")
        assert_clean(await tab.axe(), "Planspiel round")
        await tab.shot(tmp_path / "web-planspiel-round-phone.png")
        await tab.go(base + "/form/role")
        assert "In vier Jahren" in await tab.js("document.body.textContent")
        assert_clean(await tab.axe(), "role card")
        await tab.shot(tmp_path / "web-planspiel-card-phone.png")


async def test_the_script_never_says_saved_when_the_server_forgot_the_page(tmp_path: Path) -> None:
    from kosi_tui.faces.web.visitors import Visitors

    async with (
        form_client(tmp_path / "ws", [every_kind(tmp_path)]) as client,
        chromium(tmp_path / "profile", tmp_path, 1280, 800, False) as tab,
    ):
        base = str(client.make_url("/")).rstrip("/")
        await tab.go(base + "/")
        await tab.fill("author", "Ada")
        await tab.press_button("button.primary")
        await tab.after_load("/form/code")
        await tab.go(base + "/form/s/eins")
        await tab.fill("f-eins-name", "Erst")
        await tab.until("document.getElementById('saved').textContent == 'Gespeichert.'")
        client.kosi.form.visitors = Visitors()  # type: ignore[attr-defined]  # a restart
        await tab.fill("f-eins-name", "Dann")
        await tab.until(
            "document.getElementById('saved').textContent.startsWith('Nicht gespeichert')"
        )
