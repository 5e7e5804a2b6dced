"""`kosi serve` pages and the door: nothing from other hosts, Origin and code checks, the limit."""

from __future__ import annotations

import asyncio
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
import pytest

from tests.app.serve_client import Browser, free_port, start_serve, stop, wait_for_page

pytestmark = pytest.mark.process

pytest.importorskip("textual_serve", reason="kosi serve needs the optional textual-serve package")

REFERENCE = re.compile(r"""(?:src|href|url)\s*[=(]\s*["']?([^"')\s>]+)|data-[\w-]*url="([^"]+)\"""")


@pytest.fixture(scope="module")
def open_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A loopback server without a code, with room for one session."""
    port = free_port()
    home = tmp_path_factory.mktemp("home")
    server = start_serve("--port", str(port), "--max-sessions", "1", env={"KOSI_HOME": str(home)})
    base = f"http://127.0.0.1:{port}"
    wait_for_page(base + "/", server)
    yield base
    stop(server)


@pytest.fixture(scope="module")
def coded_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A loopback server that asks for the code SESAM-42."""
    port = free_port()
    home = tmp_path_factory.mktemp("home")
    server = start_serve(
        "--port", str(port), "--code", "SESAM-42", "--weak-code-ok", "--workshop", str(home / "ws"),
        env={"KOSI_HOME": str(home)},
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    wait_for_page(base + "/", server)
    yield base
    stop(server)


def fetch(url: str, data: bytes | None = None) -> tuple[int, str, dict[str, str]]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, data=data, timeout=10) as response:
            return (
                response.status,
                response.read().decode("utf-8", "replace"),
                dict(response.headers),
            )
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode(), dict(err.headers)


def test_the_page_references_no_other_host(open_server: str) -> None:
    status, page, _ = fetch(open_server + "/terminal")
    assert status == 200
    assert "googleapis" not in page and "fonts.g" not in page
    referenced = [a or b for a, b in REFERENCE.findall(page)]
    assert any(r.endswith("textual.js") for r in referenced)
    assert any("RobotoMono" in r for r in referenced)  # the font, from kosi itself
    own = urlsplit(open_server).netloc
    for reference in referenced:
        parts = urlsplit(reference)
        assert parts.netloc in ("", own), reference
        if parts.scheme in ("", "http") and not parts.netloc and reference.startswith("/"):
            assert fetch(open_server + reference)[0] == 200, reference
    _, css, _ = fetch(open_server + "/static/css/xterm.css")
    for reference in re.findall(r"url\(\s*['\"]?([^'\")]+)", css):
        assert not urlsplit(reference).netloc, reference


def test_the_page_uses_the_address_the_browser_used(open_server: str) -> None:
    port = urlsplit(open_server).port
    request = urllib.request.Request(
        open_server + "/terminal", headers={"Host": f"localhost:{port}"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        page = response.read().decode()
    assert f'data-session-websocket-url="ws://localhost:{port}/ws"' in page


async def test_a_foreign_origin_is_refused(open_server: str) -> None:
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await Browser.open(open_server, headers={"Origin": "https://evil.example"})
    assert refused.value.status == 403
    # A site whose name points at 127.0.0.1 sends a matching Origin and Host: still refused.
    port = urlsplit(open_server).port
    rebound = {"Origin": f"http://evil.example:{port}", "Host": f"evil.example:{port}"}
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await Browser.open(open_server, headers=rebound)
    assert refused.value.status == 403
    browser = await Browser.open(open_server, headers={"Origin": open_server})
    try:
        await browser.wait_for("Innovationslabor aufbauen")
        # One place only: a second browser gets a clear "full", by page and by websocket.
        status, page, _ = fetch(open_server + "/terminal")
        assert status == 503 and "Alle Plätze belegt" in page
        with pytest.raises(aiohttp.WSServerHandshakeError) as full:
            await Browser.open(open_server)
        assert full.value.status == 503
    finally:
        await browser.close()


async def test_a_missing_or_wrong_code_is_refused(coded_server: str) -> None:
    status, page, _ = fetch(coded_server + "/")
    assert status == 200 and 'name="code"' in page and "textual.js" not in page
    status, page, _ = fetch(coded_server + "/door", data=b"code=WRONG")
    assert status == 401 and "stimmt nicht" in page
    for query in ("", "&code=WRONG"):
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await Browser.open(coded_server, query=query)
        assert refused.value.status == 401
    # The right code (any case, with or without the dash) sets the cookie the websocket needs.
    status, _, headers = fetch(coded_server + "/door", data=b"code=sesam42")
    assert status == 303
    cookie = headers["Set-Cookie"].split(";")[0]
    request = urllib.request.Request(coded_server + "/terminal", headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert "textual.js" in response.read().decode()
    browser = await Browser.open(coded_server, headers={"Cookie": cookie})
    try:
        await browser.wait_for("Innovationslabor aufbauen")
    finally:
        await browser.close()


def test_network_addresses_get_a_code(tmp_path: Path) -> None:
    port = free_port()
    server = start_serve(
        "--host", "0.0.0.0", "--port", str(port), "--workshop", str(tmp_path / "ws"),
        env={"KOSI_HOME": str(tmp_path / "home")},
    )  # fmt: skip
    try:
        page = wait_for_page(f"http://127.0.0.1:{port}/", server)
        assert 'name="code"' in page  # even from this machine: the door is the same for all
    finally:
        out = stop(server)
    assert re.search(
        r"Workshop-Code: [A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}\b", out
    )


@pytest.mark.parametrize("code", ["-", " - ", "ab"])
def test_a_code_that_anything_would_match_is_refused(code: str) -> None:
    from kosi_tui.cli import main

    assert main(["serve", "--code", code, "--workshop", "/nonexistent/never-made"]) == 2
    assert not Path("/nonexistent/never-made").exists()


@pytest.mark.parametrize("code", ["2027", "RAUM42", "SESAM-42", "AAAAAAAAAAAAAAAA"])
def test_a_weak_chosen_code_is_refused_unless_the_trainer_insists(
    code: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from kosi_tui.cli import main

    workshop = tmp_path / "never-made"
    assert main(["serve", "--code", code, "--workshop", str(workshop)]) == 2
    said = capsys.readouterr().out
    assert "leicht zu erraten" in said and "--weak-code-ok" in said and code not in said
    assert not workshop.exists()
    import kosi_tui.faces.serve.server as server_module

    served: list[str | None] = []

    class FakeServer:
        def __init__(self, **kwargs: object) -> None:
            door = kwargs["door"]
            served.append(getattr(door, "code", None))

        def serve(self) -> None:
            return None

    monkeypatch.setattr(server_module, "KosiServer", FakeServer)
    assert main(["serve", "--code", code, "--weak-code-ok", "--workshop", str(workshop)]) == 0
    assert served == [code]


def test_made_up_codes_are_strong_and_easy_to_read() -> None:
    from kosi_tui.core.codes import new_code
    from kosi_tui.faces.serve.door import STRONG_BITS, code_bits

    for _ in range(50):
        code = new_code()
        assert re.fullmatch(r"[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}", code)
        assert code_bits(code) >= STRONG_BITS
    assert len(new_code(4)) == 19


async def test_one_address_cannot_take_every_place(tmp_path: Path) -> None:
    port = free_port()
    server = start_serve(
        "--port", str(port), "--workshop", str(tmp_path / "ws"), "--max-per-address", "2",
        env={"KOSI_HOME": str(tmp_path / "home")},
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    browsers: list[Browser] = []
    try:
        wait_for_page(base + "/", server)
        for _ in range(2):
            browsers.append(await Browser.open(base))
            await browsers[-1].wait_for("Innovationslabor aufbauen")
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await Browser.open(base)
        assert refused.value.status == 503
        status, page, _ = fetch(base + "/terminal")
        assert status == 503 and "Schon zu viele Sitzungen von diesem Gerät" in page
        await browsers.pop().close()
        # A place given back is a place again (the session ends, then the address may open one).
        for _ in range(100):
            if fetch(base + "/terminal")[0] == 200:
                break
            await asyncio.sleep(0.1)  # the ended session leaves the server's list
        browsers.append(await Browser.open(base))
        await browsers[-1].wait_for("Innovationslabor aufbauen")
    finally:
        for browser in browsers:
            await browser.close()
        stop(server)
