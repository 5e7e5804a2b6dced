"""The rules of each workplace, in one place: what a person may do at their own computer and as a
participant of a served workshop. The screens ask these (tests/app/test_serve_workshop_app.py and
test_home.py drive them)."""

from __future__ import annotations

from pathlib import Path

from kosi_tui.faces.workplace import OwnComputer, Workplace, Workshop, workplace_for

RULES = (
    "lists_drafts",
    "remembers_names",
    "names_drafts_by_author",
    "takes_resume_codes",
    "exports_as_downloads",
    "offers_save_elsewhere",
)


def test_every_workplace_answers_every_rule() -> None:
    for kind in Workplace.__subclasses__():
        assert all(isinstance(getattr(kind, rule), bool) for rule in RULES), kind


def test_at_ones_own_computer_everything_is_ones_own() -> None:
    own = workplace_for(None)
    assert isinstance(own, OwnComputer) and own.folder is None
    assert own.lists_drafts and own.remembers_names and own.offers_save_elsewhere
    assert not own.takes_resume_codes and not own.exports_as_downloads
    assert own.may_open(resumed=False)
    assert own.draft_for_code("ABCD-EFGH-JKLM") is None


def test_in_a_workshop_nobody_sees_or_opens_anothers_draft(tmp_path: Path) -> None:
    room = workplace_for(tmp_path)
    assert isinstance(room, Workshop) and room.folder == tmp_path
    assert not room.lists_drafts and not room.remembers_names and not room.offers_save_elsewhere
    assert room.names_drafts_by_author and room.takes_resume_codes and room.exports_as_downloads
    assert not room.may_open(resumed=False)
    assert room.may_open(resumed=True)


def test_a_resume_code_opens_its_draft_and_nothing_else(tmp_path: Path) -> None:
    room = workplace_for(tmp_path)
    draft = tmp_path / "erika.yaml"
    draft.write_text("x", encoding="utf-8")
    code = room.new_resume_code(draft)
    assert code is not None
    assert room.draft_for_code(code) == draft
    assert room.draft_for_code("ABCD-EFGH-JKLM") is None
    assert workplace_for(None).new_resume_code(draft) is None


def test_the_terminal_app_reaches_into_no_served_face() -> None:
    # What a workshop participant's app needs of resume codes lives in storage: the app runs
    # at a terminal too, where the server's modules have no business.
    import ast

    package = Path(__file__).resolve().parents[2] / "kosi_tui"
    files = [package / "faces" / "workplace.py", *(package / "faces" / "tui").rglob("*.py")]
    reached = set()
    for file in files:
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            reached |= {f"{file.name}: {n}" for n in names if n.startswith("kosi_tui.faces.serve")}
    assert not reached
