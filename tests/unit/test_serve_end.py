"""What `kosi serve` says when it stops (Ctrl+C): where the drafts are and what comes next."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

import pytest

from kosi_tui.cli import main


class StoppedServer:
    """Serves nothing: `serve()` returns at once, as the real one does after Ctrl+C."""

    def __init__(self, **kwargs: Any) -> None:
        self.kwargs = kwargs

    def serve(self) -> None:
        self.kwargs["on_ready"](self)


@pytest.mark.parametrize(
    ("lang", "said"), [("de", "Die Entwürfe liegen in"), ("en", "The drafts are in")]
)
def test_a_stopped_workshop_says_where_the_drafts_are_and_how_to_sum_them_up(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    lang: str,
    said: str,
) -> None:
    # After Ctrl+C the terminal showed the beamer table and nothing else: the folder and the
    # summary command had scrolled away with the first lines.
    import kosi_tui.faces.serve.server as server_module

    monkeypatch.setattr(server_module, "KosiServer", StoppedServer)
    folder = tmp_path / "ws"
    assert main(["serve", "--port", "8767", "--workshop", str(folder), "--lang", lang]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert said in last and str(folder.resolve()) in last, last
    assert f"kosi summary {folder.resolve()} -o " in last, last


def test_serving_ones_own_drafts_at_home_ends_without_a_workshop_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import kosi_tui.faces.serve.server as server_module

    monkeypatch.setattr(server_module, "KosiServer", StoppedServer)
    assert main(["serve", "--port", "8768", "--lang", "de"]) == 0
    assert "kosi summary" not in capsys.readouterr().out


class TakenPort(StoppedServer):
    def serve(self) -> None:
        # What asyncio raises when another program (often a kosi serve still running) has it.
        raise OSError(errno.EADDRINUSE, "error while attempting to bind: address already in use")


def test_a_taken_port_is_said_in_a_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A second `kosi serve` on 8000 ended in asyncio's OSError traceback.
    import kosi_tui.faces.serve.server as server_module

    monkeypatch.setattr(server_module, "KosiServer", TakenPort)
    assert main(["serve", "--port", "8000", "--workshop", str(tmp_path), "--lang", "de"]) == 1
    out = capsys.readouterr().out
    assert "127.0.0.1:8000" in out and "schon belegt" in out and "--port 8001" in out, out
    assert "Traceback" not in out and "already in use" not in out


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--port", "99999"], "1 bis 65535"),
        (["--port", "-1"], "1 bis 65535"),
        (["--max-sessions", "0"], "mindestens 1"),
        (["--max-per-address", "-4"], "mindestens 1"),
        (["--idle-minutes", "0"], "mehr als 0"),
    ],
)
def test_numbers_no_room_can_work_with_are_refused_before_serving(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    said: str,
) -> None:
    # --port 99999 ended in OverflowError's traceback; --max-sessions 0 served a room nobody
    # could enter.
    import kosi_tui.faces.serve.server as server_module

    monkeypatch.setattr(server_module, "KosiServer", StoppedServer)
    with pytest.raises(SystemExit) as ended:
        main(["serve", "--lang", "de", *args])
    assert ended.value.code == 2
    err = capsys.readouterr().err
    assert said in err and args[0] in err, err


def test_a_workshop_folder_that_is_a_file_is_said_in_a_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `--workshop notizen.txt` ended in FileExistsError's traceback from mkdir.
    import kosi_tui.faces.serve.server as server_module

    monkeypatch.setattr(server_module, "KosiServer", StoppedServer)
    a_file = tmp_path / "notizen.txt"
    a_file.write_text("x", encoding="utf-8")
    assert main(["serve", "--workshop", str(a_file), "--lang", "de"]) == 1
    out = capsys.readouterr().out
    assert "notizen.txt" in out and "kein Ordner" in out, out
