"""Both languages say everything, and the language is chosen as documented."""

from __future__ import annotations

import re

from kosi_tui.i18n import CATALOGS, default_language, t
from tests.conftest import ROOT


def test_catalogs_have_the_same_keys() -> None:
    assert set(CATALOGS["de"]) == set(CATALOGS["en"])


def test_placeholders_match() -> None:
    for key, text in CATALOGS["de"].items():
        assert set(re.findall(r"(?<!\{)\{(\w+)\}", text)) == set(
            re.findall(r"(?<!\{)\{(\w+)\}", CATALOGS["en"][key])
        ), key


def test_every_code_used_in_the_code_has_a_message() -> None:
    source = "\n".join(p.read_text() for p in (ROOT / "kosi_tui").rglob("*.py"))
    # Every way a code is handed on: a finding of the canvas checks (`ctx.add`), an expression's
    # type problem (`self.report`), a file refused (`ProblemsError.one`), a YAML problem, an answer
    # issue, a code chosen in storage.
    patterns = (
        r'\b(?:self|ctx|c)\.add\(\s*(?:\([^)]*\)|[\w.]+),\s*"([a-z_]+)"',
        r'self\.report\(\s*"([a-z_]+)"',
        r'ProblemsError\.one\(\s*[\w.\[\]]+,\s*"([a-z_]+)"',
        r'self\.problem\(\s*\w+,\s*"([a-z_]+)"',
        r'"(?:error|warning)",\s*"([a-z_]+)"',
        r'Issue\("([a-z_]+)"',
        r'return "([a-z_]+)", \{',
        r'code, args(?:, mark)? = "([a-z_]+)"',
    )
    used = {code for pattern in patterns for code in re.findall(pattern, source)}
    used.discard("")
    assert len(used) > 100
    catalog = CATALOGS["de"]
    missing = [
        c
        for c in used
        if f"problem.{c}" not in catalog
        and f"answer.{c}" not in catalog
        and c not in ("error", "warning")
    ]
    assert not missing


def test_default_language() -> None:
    assert default_language({"LANG": "en_GB.UTF-8"}) == "en"
    assert default_language({"LANG": "de_DE.UTF-8"}) == "de"
    assert default_language({"LANG": "C"}) == "de"
    assert default_language({}) == "de"
    assert default_language({"KOSI_LANG": "en", "LANG": "de_DE"}) == "en"


def test_did_you_mean() -> None:
    assert t("problem.unknown_ref", "de", name="x", suggestion="y").endswith("Meinten Sie „y“?")
    assert t("problem.unknown_ref", "en", name="x", suggestion="").endswith("section.question”.")
