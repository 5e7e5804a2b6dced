"""`kosi serve --workshop` shows the board of a group game behind the trainer's code: not to
those without it, nor to those with only the participants' code."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from kosi_tui.storage.round_state import STATE_FILE
from tests import group_play
from tests.app.serve_client import free_port, start_serve, stop, wait_for_page

pytestmark = pytest.mark.process

pytest.importorskip("textual_serve", reason="kosi serve needs the optional textual-serve package")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A server on a workshop folder where five roles have made their first offers."""
    home = tmp_path_factory.mktemp("home")
    folder = home / "ws"
    folder.mkdir()
    fillings = {role: group_play.join(folder, role) for role in group_play.PLAYERS}
    for role, answers in group_play.OFFERS[0].items():
        group_play.offer(fillings[role], 0, answers)
    port = free_port()
    server = start_serve(
        "--port", str(port), "--code", "SESAM-42", "--trainer-code", "TAFEL-77", "--weak-code-ok",
        "--workshop", str(folder), env={"KOSI_HOME": str(home)},
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    wait_for_page(base + "/", server)
    yield base, folder
    stop(server)


def fetch(url: str, data: bytes | None = None, cookie: str = "") -> tuple[int, str, dict[str, str]]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    request = urllib.request.Request(url, data=data, headers={"Cookie": cookie} if cookie else {})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8"), dict(response.headers)
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace"), dict(err.headers)


def test_the_board_needs_the_trainers_code(served: tuple[str, Path]) -> None:
    base, folder = served
    status, page, _ = fetch(base + "/board")
    assert status == 200 and "Trainer-Code" in page and "6.500" not in page
    status, page, _ = fetch(base + "/board?code=SESAM-42")  # the participants' code
    assert status == 401 and "6.500" not in page
    status, _, _ = fetch(base + "/board/next", data=b"")
    assert status == 403
    assert not (folder / STATE_FILE).exists()


def test_the_trainer_sees_the_board_and_moves_the_round(served: tuple[str, Path]) -> None:
    base, folder = served
    status, _, headers = fetch(base + "/board/door", data=b"code=tafel77")
    assert status == 303
    cookie = headers["Set-Cookie"].split(";", 1)[0]
    status, page, _ = fetch(base + "/board", cookie=cookie)
    assert status == 200
    assert "Runde 1 von 3: Erste Angebote" in page
    # Round 1 is sealed: who has submitted, no amount, until the trainer reveals it.
    assert "verdeckt" in page and "6.500" not in page and "4.000" not in page
    status, _, _ = fetch(base + "/board/reveal", data=b"", cookie=cookie)
    assert status == 303
    assert json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))["revealed"] == [0]
    status, page, _ = fetch(base + "/board", cookie=cookie)
    assert "6.500" in page and "7.500 €" in page  # Σ once and the investment gap
    assert "Niemand übernimmt die Trägerschaft" in page
    assert "5 von 5 haben abgegeben" in page
    status, _, _ = fetch(base + "/board/next", data=b"", cookie=cookie)
    assert status == 303
    assert json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))["round"] == 1
    status, fragment, _ = fetch(base + "/board?part=1", cookie=cookie)
    assert "Runde 2 von 3" in fragment and "wartet auf: Stadt" in fragment
    assert "<html" not in fragment


def test_on_loopback_a_foreign_host_name_never_reads_the_board(tmp_path: Path) -> None:
    # No trainer's code on loopback: a page whose name resolves to 127.0.0.1 (DNS rebinding)
    # could otherwise fetch the table from the trainer's own browser.
    folder = tmp_path / "ws"
    folder.mkdir()
    port = free_port()
    server = start_serve(
        "--port", str(port), "--workshop", str(folder), env={"KOSI_HOME": str(tmp_path)}
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for_page(base + "/", server)
        rebound = urllib.request.Request(base + "/board", headers={"Host": f"evil.example:{port}"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(rebound, timeout=10)
        assert refused.value.code == 403
        assert fetch(base + "/board")[0] == 200  # the trainer's own browser still sees it
    finally:
        stop(server)
