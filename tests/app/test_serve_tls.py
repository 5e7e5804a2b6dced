"""`kosi serve --cert --key`: https with the trainer's certificate, and cookies only over it."""

from __future__ import annotations

import shutil
import ssl
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.app.serve_client import free_port, start_serve, stop

pytest.importorskip("textual_serve", reason="kosi serve needs the optional textual-serve package")
pytestmark = [
    pytest.mark.process,
    pytest.mark.skipif(
        shutil.which("openssl") is None, reason="openssl makes the test certificate"
    ),
]

CODE = "K7MP-QX4R-9TNA"


def certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key


def test_https_with_the_trainers_certificate(tmp_path: Path) -> None:
    cert, key = certificate(tmp_path)
    port = free_port()
    server = start_serve(
        "--port", str(port), "--workshop", str(tmp_path / "ws"), "--code", CODE,
        "--cert", str(cert), "--key", str(key), env={"KOSI_HOME": str(tmp_path / "home")},
    )  # fmt: skip
    unverified = ssl.create_default_context(cafile=str(cert))
    unverified.check_hostname = False

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(
        urllib.request.HTTPSHandler(context=unverified), NoRedirect
    )
    try:
        import time

        deadline, headers = time.monotonic() + 60, None
        while headers is None and time.monotonic() < deadline:
            try:
                opener.open(f"https://127.0.0.1:{port}/?code={CODE}", timeout=5)
            except urllib.error.HTTPError as err:
                headers = err.headers
            except OSError:
                time.sleep(0.1)  # still starting
        assert headers is not None and headers.get("Location") == "/"
        cookie = headers["Set-Cookie"]
        assert "Secure" in cookie and "HttpOnly" in cookie
        request = urllib.request.Request(
            f"https://127.0.0.1:{port}/terminal", headers={"Cookie": cookie.split(";")[0]}
        )
        with opener.open(request, timeout=10) as response:
            assert (
                f'data-session-websocket-url="wss://127.0.0.1:{port}/ws"'
                in response.read().decode()
            )
        with pytest.raises(OSError):  # no plain HTTP beside it
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)
    finally:
        out = stop(server)
    assert f"https://127.0.0.1:{port}" in out


@pytest.mark.parametrize("given", [["--cert", "c.pem"], ["--key", "k.pem"]])
def test_a_certificate_needs_its_key(given: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    from kosi_tui.cli import main

    assert main(["serve", *given]) == 2
    assert "--cert und --key" in capsys.readouterr().out


def test_an_unreadable_certificate_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kosi_tui.cli import main

    (tmp_path / "c.pem").write_text("not a certificate")
    (tmp_path / "k.pem").write_text("not a key")
    assert main(["serve", "--cert", str(tmp_path / "c.pem"), "--key", str(tmp_path / "k.pem")]) == 2
    said = capsys.readouterr().out
    assert "c.pem" in said and "Traceback" not in said
