"""The plain prompt mode: the same canvas, one question at a time, as lines of text.

Made for screen readers and for terminals that cannot draw the app: no colours, no cursor
movement, every state said in words. Answers can come from standard input, so a canvas can also be
filled by a script. Same engine, same drafts, same saving as the Textual app.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO, assert_never

from kosi_tui.core.canvas import AnyQuestion, Column, Info, ListQuestion, Table
from kosi_tui.core.display import answer_text
from kosi_tui.core.kinds.base import Typed
from kosi_tui.core.kinds.forms import Amount, Day, Entries, Form, Options, Points, Rows, Writing
from kosi_tui.core.merge import Conflict
from kosi_tui.core.progress import progress_text
from kosi_tui.core.text import localize
from kosi_tui.core.visible_text import for_terminal
from kosi_tui.faces.autosave import AutoSaver, SaveEvents
from kosi_tui.faces.commands.own_command import kosi_line, resume_line
from kosi_tui.faces.filling import Filling, SaveResult
from kosi_tui.faces.game_player import PlainGame
from kosi_tui.i18n import t
from kosi_tui.paths import typed_path
from kosi_tui.storage.atomic import WriteError
from kosi_tui.storage.canvas_file import LoadedCanvas
from kosi_tui.storage.draft_file import draft_to_yaml
from kosi_tui.storage.write_problem import describe


class EndOfInput(Exception):
    """Standard input is exhausted (or the person typed :q)."""


class Stopped(Exception):
    """A piped line was not taken: read on, and every later line would answer the wrong question.

    `kept` holds what the question had collected before the line (list items, table rows), to be
    saved all the same.
    """

    def __init__(self, line: int, text: str, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line, self.text, self.message = line, text, message
        self.kept: list[Any] = []


class PlainSession:
    """Asks the questions of one draft on plain lines."""

    def __init__(
        self,
        filling: Filling,
        lang: str,
        read: Callable[[], str | None],
        out: TextIO,
        interactive: bool = False,
        lines: Lines | None = None,
    ) -> None:
        self.filling = filling
        self.lang = lang
        self.lines = lines or Lines(read, out, lang)
        self.interactive = interactive
        """Whether a person answers: then a refused line is asked again and conflicts are put to
        them. Piped input stops at a refused line, and keeps both versions of a conflict."""
        self.refused = 0
        """Lines given that were not taken as they were (for the exit status of scripts)."""
        self.finishing = False
        """Past the last question: no more `:w`, an emergency copy if saving fails."""
        self.keys = [
            k
            for k, loc in filling.canvas.compiled.questions.items()
            if not isinstance(loc.question, Info)
        ]
        # No timers: a save after every answer, right here, what it found said in a line.
        self.saver = AutoSaver(
            filling,
            events=SaveEvents(
                saved=self._say_saved,
                failed=self._say_failed,
                merged=self._say_taken,
                ask=self._ask_conflicts if interactive else None,
            ),
        )
        self.game = PlainGame(filling, lang, self.say)

    # -- output -----------------------------------------------------------------------------------

    def say(self, text: str = "") -> None:
        """Writes one line."""
        self.lines.say(text)

    def ask(self, prompt: str = "> ") -> str:
        """Reads one line."""
        return self.lines.ask(prompt)

    def refuse(self, message: str) -> None:
        """Says why the line just read was not taken; with piped input, stops reading there."""
        self.refused += 1
        self.say(t("plain.error", self.lang, message=message))
        if not self.interactive:
            raise Stopped(self.lines.count, self.lines.last, message)

    # -- flow -------------------------------------------------------------------------------------

    def run(self) -> int:
        """Goes through the visible questions from where the draft stopped; saves after each."""
        lang = self.lang
        canvas = self.filling.canvas.canvas
        self.say(localize(canvas.title, lang))
        self.say(t("plain.intro", lang))
        index = self._start_index()
        shown_section = ""
        try:
            while index < len(self.keys):
                key = self.keys[index]
                if not self.filling.session.visible.get(key, False):
                    index += 1
                    continue
                located = self.filling.canvas.compiled.questions[key]
                if located.section.id != shown_section:
                    shown_section = located.section.id
                    self._announce_section(located.section_index)
                try:
                    step = self._question(key)
                except Stopped as stop:
                    self._stop(key, stop)
                    raise EndOfInput from None
                if step == "back":
                    index = self._previous_visible(index)
                elif isinstance(step, int):
                    index = step
                else:
                    index += 1
        except EndOfInput:
            self.say()
            self._finish(at_end=False)
        except KeyboardInterrupt:
            # Ctrl+C: the same end as :q, so a failing disk still gets its emergency copy.
            self.say()
            self._finish(at_end=False)
            return 130
        else:
            try:
                self._finish(at_end=True)
            except KeyboardInterrupt:
                # Ctrl+C while the open required questions are offered: still the end of :q.
                self.say()
                self._finish(at_end=False)
                return 130
        if self.filling.last.error is not None:
            return 1
        return 2 if self.refused else 0

    def _stop(self, key: str, stop: Stopped) -> None:
        """Ends reading at a refused piped line: says which line and question, keeps what the
        question had collected, and resumes at this question next time."""
        lang = self.lang
        if stop.kept:
            self._record(key, stop.kept, echo=False)
        section, qid = key.split(".", 1)
        self.filling.set_position(section, qid)
        label = localize(self.filling.canvas.compiled.questions[key].question.label, lang)
        text = stop.text if len(stop.text) <= 60 else stop.text[:59] + "…"
        text = text or t("plain.recorded_empty", lang)
        self.say()
        self.say(t("plain.stopped", lang, line=stop.line, text=text, question=label))

    def _start_index(self) -> int:
        position = self.filling.draft.position
        if position.section and position.question:
            key = f"{position.section}.{position.question}"
            if key in self.keys:
                return self.keys.index(key)
        return 0

    def _previous_visible(self, index: int) -> int:
        for i in range(index - 1, -1, -1):
            if self.filling.session.visible.get(self.keys[i], False):
                return i
        return index

    def _announce_section(self, section_index: int) -> None:
        lang = self.lang
        sections = self.filling.canvas.canvas.sections
        section = sections[section_index]
        self.say()
        self.say(
            t(
                "plain.section",
                lang,
                n=section_index + 1,
                total=len(sections),
                title=localize(section.title, lang),
            )
        )
        if section.intro:
            self.say(localize(section.intro, lang))
        if self.game.section(section.id):
            self._save()
        self.say(progress_text(self.filling.session.progress(), lang))

    def _describe(self, key: str, question: AnyQuestion) -> None:
        lang = self.lang
        session = self.filling.session
        required = session.is_required(key)
        self.say()
        mark = t("plain.required", lang) if required else t("plain.optional", lang)
        self.say(f"{localize(question.label, lang)} ({mark})")
        if not isinstance(question, Info):
            for line in how_to_answer(question.form(lang), lang):
                self.say(line)
        current = session.answers.get(key)
        if current is not None:
            self.say(t("plain.current", lang, answer=answer_text(question, current, lang)))

    def _question(self, key: str) -> str | int | None:
        """Asks one question until it has an acceptable answer; returns a navigation step.

        Nothing given is dropped: list items and table rows that do not yet make an acceptable
        answer (too few rows, say) are kept and the person is asked for more.
        """
        lang = self.lang
        question = self.filling.canvas.compiled.questions[key].question
        self._describe(key, question)
        collected: list[Any] | None = None
        while True:
            line = self.ask(t("plain.more", lang) if collected else "> ")
            command = self._command(line, question)
            if command is not None:
                if command == "help":
                    continue
                if collected:
                    self._record(key, collected)
                return command
            if isinstance(question, ListQuestion | Table):
                # Answered over several lines: an item or a row each.
                if line.strip() == "":
                    if collected:
                        self._record(key, collected)
                        if self.filling.session.issues(key):
                            self.refused += 1
                        return None
                    value = self.filling.session.answers.get(key)
                else:
                    try:
                        more = (
                            self._collect_list(line)
                            if isinstance(question, ListQuestion)
                            else self._collect_rows(question, line)
                        )
                    except Stopped as stop:
                        stop.kept = [*(collected or []), *stop.kept]
                        raise
                    value = [*(collected or []), *(more or [])] or None
            elif line.strip() == "":
                value = self.filling.session.answers.get(key)
            else:
                # Every other kind reads one typed line (info blocks are never asked).
                assert isinstance(question, Typed), question
                parsed = question.parse(line, lang)
                if parsed.issue is not None:
                    self.refuse(parsed.issue.message(lang))
                    continue
                value = parsed.value
            if value is None and self.filling.session.is_required(key):
                self.refuse(t("answer.required", lang))
                self.say(t("plain.skip_hint", lang))
                continue
            issues = self.filling.session.check_value(key, value)
            if issues:
                message = issues[0].message(lang)
                if isinstance(question, ListQuestion | Table) and isinstance(value, list):
                    collected = value  # kept, and saved: more can be added
                    self._record(key, value, echo=False)
                    if self.interactive:
                        self.say(t("plain.error", lang, message=message))
                        continue
                self.refuse(message)
                continue
            self._record(key, value)
            return None

    def _record(self, key: str, value: Any, echo: bool = True) -> None:
        """Sets and saves an answer, and says in one line what was recorded."""
        lang = self.lang
        question = self.filling.canvas.compiled.questions[key].question
        self.filling.set_answer(key, value)
        section, qid = key.split(".", 1)
        self.filling.set_position(section, qid)
        self._save()
        if echo:
            shown = answer_text(question, value, lang) if value is not None else ""
            if len(shown) > 70:
                shown = shown[:69] + "…"
            # Not "recorded" as if all were well when the disk did not take it.
            said = "plain.recorded" if self.filling.last.error is None else "plain.recorded_unsaved"
            self.say(t(said, lang, answer=shown or t("plain.recorded_empty", lang)))
        self.game.answered(section)

    def _save(self, ask: bool = True, always: bool = False) -> None:
        """Saves; answers changed meanwhile in the file are merged, conflicts put to the person
        when someone is at the keyboard (and `ask`), else both versions kept."""
        self.saver.save_now(always=always, ask=ask)

    def _say_taken(self, keys: set[str]) -> None:
        questions = self.filling.canvas.compiled.questions
        for key in sorted(keys):
            label = localize(questions[key].question.label, self.lang)
            self.say(t("plain.taken_from_file", self.lang, question=label))

    def _say_failed(self, error: WriteError, _new: bool) -> None:
        # Said after every answer, not only the first time: each one is not saved.
        lang = self.lang
        self.say(describe(error, lang, holding="draft"))
        if not self.finishing:
            self.say(t("plain.save_elsewhere", lang))

    def _say_saved(self, result: SaveResult) -> None:
        if result.copy is not None:
            self.say(t("save.conflict_copy", self.lang, copy=str(result.copy)))

    def _ask_conflicts(self, conflicts: list[Conflict]) -> dict[str, bool]:
        return {c.key: self._ask_conflict(c) for c in conflicts}

    def _ask_conflict(self, conflict: Conflict) -> bool:
        """True to keep this session's answer, False to take the one in the file."""
        lang = self.lang
        question = self.filling.canvas.compiled.questions[conflict.key].question
        self.say()
        self.say(t("plain.conflict", lang, question=localize(question.label, lang)))
        self.say(
            f"  1. {t('plain.conflict_ours', lang)}: {answer_text(question, conflict.ours, lang)}"
        )
        self.say(
            f"  2. {t('plain.conflict_theirs', lang)}: {answer_text(question, conflict.theirs, lang)}"
        )
        while True:
            line = self.ask(t("plain.conflict_which", lang)).strip()
            if line in ("1", "2"):
                return line == "1"

    def _command(self, line: str, question: AnyQuestion) -> str | int | None:
        lang = self.lang
        text = line.strip()
        if text == "?":
            self.say(localize(question.help, lang) if question.help else t("ui.help_none", lang))
            example = getattr(question, "example", None)
            if example:
                self.say(t("ui.example", lang, example=localize(example, lang)))
            self.say(t("plain.commands", lang))
            return "help"
        if text == ":w" or text.startswith(":w "):
            self._write_to(text[2:].strip())
            return "help"
        if text == "<":
            return "back"
        if text.startswith(">>"):
            return self._jump(text[2:].strip())
        return None

    def _write_to(self, where: str) -> None:
        """`:w PATH` saves to another file from now on (a folder takes the draft's file name);
        `:w` alone tries the draft's own file again."""
        lang, filling = self.lang, self.filling
        if not where:
            self._save(always=True)
        else:
            typed = typed_path(where)
            if typed is None:
                self.refuse(t("ui.path_no_home", lang, path=where))
                return
            target = typed.absolute()
            if target.is_dir():
                target = target / filling.path.name
            # Where that file is refused too, the draft stays with its own (Filling.save_as).
            self.saver.save_as(target)
        if filling.last.error is None:
            self.say(t("plain.saved", lang, path=str(filling.path)))

    def _jump(self, target: str) -> int | str:
        lang = self.lang
        sections = self.filling.canvas.canvas.sections
        if not target:
            for n, section in enumerate(sections, start=1):
                state = t(f"ui.state_{self.filling.section_state(section.id)}", lang)
                self.say(f"  {n}. {localize(section.title, lang)} – {state}")
            target = self.ask(t("plain.which_section", lang))
        if target.isdigit() and 1 <= int(target) <= len(sections):
            section_id = sections[int(target) - 1].id
            for i, key in enumerate(self.keys):
                if key.startswith(section_id + ".") and self.filling.session.visible.get(
                    key, False
                ):
                    return i
        self.refuse(t("plain.no_section", lang))
        return "help"

    def _collect_list(self, first: str) -> list[str] | None:
        items: list[str] = []
        line = first
        while line.strip():
            items.append(line.strip())
            line = self.ask(t("plain.next_item", self.lang))
        return items or None

    def _collect_rows(self, table: Table, first: str) -> list[dict[str, Any]] | None:
        lang = self.lang
        rows: list[dict[str, Any]] = []
        line = first
        while line.strip():
            row: dict[str, Any] = {}
            for n, column in enumerate(table.columns):
                try:
                    value = self._cell(column, line if n == 0 else None)
                except Stopped as stop:
                    # The cells of this row read before the refused one are kept too.
                    stop.kept = [*rows, row] if row else rows
                    raise
                if value is not None:
                    row[column.id] = value
            rows.append(row)
            self.say(t("plain.row_added", lang, row=" | ".join(table.cells(row, lang))))
            line = self.ask(
                t("plain.next_row", lang, column=localize(table.columns[0].label, lang))
            )
        return rows or None

    def _cell(self, column: Column, given: str | None) -> Any:
        """One cell, asked until it can be read (an empty line leaves it empty)."""
        lang = self.lang
        label = localize(column.label, lang)
        if column.choices and given is None:
            for n, choice in enumerate(column.choices, start=1):
                self.say(f"    {n}. {localize(choice.label, lang)}")
        while True:
            text = (given if given is not None else self.ask(f"  {label}: ")).strip()
            given = None
            if not text:
                return None
            if text == "?":
                if column.help:
                    self.say(localize(column.help, lang))
                for n, choice in enumerate(column.choices or [], start=1):
                    self.say(f"    {n}. {localize(choice.label, lang)}")
                continue
            parsed = column.parse(text, lang)
            if parsed.issue is None:
                return parsed.value
            self.refuse(f"{label}: {parsed.issue.message(lang)}")

    def _finish(self, at_end: bool) -> None:
        lang = self.lang
        session = self.filling.session
        missing = session.missing_required()
        if missing and at_end:
            # Reached the end with required questions open: offer them, one by one.
            self.say()
            self.say(t("plain.missing_offer", lang, count=len(missing)))
            try:
                for key in missing:
                    if session.visible.get(key, False) and session.value(key) is None:
                        try:
                            self._question(key)
                        except Stopped as stop:
                            self._stop(key, stop)
                            break
            except EndOfInput:
                self.say()
        self.say(progress_text(session.progress(), lang))
        # Wrong answers too: the progress line counts them open, as the app's overview does.
        still_open = session.open_required()
        if still_open:
            self.say(t("plain.missing", lang, count=len(still_open)))
            for key, why in still_open[:10]:
                label = localize(session.compiled.questions[key].question.label, lang)
                invalid = f" {t('ui.review_invalid', lang)}" if why == "invalid" else ""
                self.say(f"  - {label}{invalid}")
        if self.refused:
            self.say(t("plain.refused", lang, count=self.refused))
        self.finishing = True
        if self.filling.dirty:
            self._save(ask=False)
        self.filling.close()
        if self.filling.last.error is None:
            path = self.filling.path
            self.say(t("plain.saved", lang, path=str(path)))
            self.say(t("plain.resume", lang, command=self._resume_line(path)))
            self.say(t("plain.report_hint", lang, command=kosi_line("report", path)))
        else:
            self._rescue()

    def _resume_line(self, path: Path) -> str:
        return resume_line(path, self.filling.draft.lang, self.lang)

    def _rescue(self) -> None:
        """The draft could not be saved: never end without the answers written somewhere."""
        lang, filling = self.lang, self.filling
        copy = self.saver.rescue()
        self.say()
        if copy is not None:
            self.say(t("plain.emergency_copy", lang, path=str(filling.path), copy=str(copy)))
            self.say(t("plain.resume", lang, command=self._resume_line(copy)))
            return
        # Nowhere to write: the answers go to the screen, the one place left.
        self.say(t("plain.emergency_screen", lang, path=str(filling.path)))
        for line in draft_to_yaml(filling.snapshot().draft).splitlines():
            self.say(line)


def start_plain(
    target: Filling | LoadedCanvas,
    lang: str,
    read: Callable[[], str | None] | None = None,
    out: TextIO | None = None,
    draft_path: Path | None = None,
    interactive: bool | None = None,
) -> int:
    """Runs plain mode on an opened draft, or on a canvas after asking organisation and name
    (the new draft goes to `draft_path` when given).

    `interactive` (a person types the lines; by default when standard input is a terminal): a
    refused line is asked again. Otherwise reading stops at a refused line.
    """
    if interactive is None:
        interactive = read is None and sys.stdin.isatty()
    read = read or read_stdin
    out = out or sys.stdout
    lines = Lines(read, out, lang)
    if isinstance(target, Filling):
        filling = target
    else:
        lines.say(t("ui.new_title", lang, canvas=localize(target.canvas.title, lang)))
        try:
            organisation = ""
            while not organisation:
                organisation = lines.ask(t("ui.new_organisation", lang) + " ").strip()
                if not organisation:
                    lines.say(t("ui.new_needs_org", lang))
                    if not interactive:
                        # The next line was meant for the next question: nothing is started.
                        lines.say(t("plain.stopped_early", lang, line=lines.count))
                        return 2
            author = lines.ask(t("ui.new_author", lang) + ": ").strip()
        except EndOfInput:
            return 1
        filling = Filling.start(target, organisation, author, lang, path=draft_path)
    if filling.named_like is not None:
        lines.say(t("ui.name_taken", lang, wanted=filling.named_like.name, name=filling.path.name))
    if filling.other_holder is not None:
        other = filling.other_holder
        since = other.since.strftime("%d.%m.%Y %H:%M")
        lines.say(
            t("ui.open_elsewhere", lang, host=other.host, pid=other.pid, since=since)
            + " "
            + t("ui.open_elsewhere_merge", lang)
        )
    return PlainSession(filling, lang, read, out, interactive, lines).run()


class Lines:
    """Plain lines in and out: flushed at once, so a screen reader hears them immediately.

    Everything written is made harmless for the terminal first: canvas and draft texts come from
    files and may hold escape sequences.
    """

    def __init__(self, read: Callable[[], str | None], out: TextIO, lang: str = "de") -> None:
        self.read, self.out, self.lang = read, out, lang
        self.count = 0
        """Lines read so far: the number of the last one, to name it when it is refused."""
        self.last = ""
        """The last line read, without its line end."""

    def say(self, text: str) -> None:
        """Writes one line."""
        self.out.write(for_terminal(text) + "\n")
        self.out.flush()

    def ask(self, prompt: str) -> str:
        """Reads one line; raises `EndOfInput` at the end of input or on `:q`."""
        self.out.write(for_terminal(prompt))
        self.out.flush()
        line = self.read()
        if line is None:
            raise EndOfInput
        self.count += 1
        self.last = line.rstrip("\r\n")
        if line.strip() == ":q":
            raise EndOfInput
        if isinstance(line, Replaced):
            self.say(t("plain.not_utf8", self.lang))
        return line.rstrip("\n")


def how_to_answer(form: Form, lang: str) -> list[str]:
    """What plain mode says before asking, by the shape of the answer: the options to choose
    by number, the points of a scale, the unit of a number, how lists and tables are typed."""
    match form:
        case Options(several=several):
            lines = [f"  {n}. {label}" for n, label in enumerate(form.labels, start=1)]
            return [*lines, t("plain.hint_multi" if several else "plain.hint_single", lang)]
        case Points(low=low, high=high, labels=labels):
            lines = [f"  {p}" + (f" = {labels[p]}" if p in labels else "") for p in form.points]
            return [*lines, t("plain.hint_scale", lang, min=low, max=high)]
        case Amount(unit=unit):
            return [t("plain.hint_number", lang) + (f" ({unit})" if unit else "")]
        case Day():
            return [t("plain.hint_date", lang)]
        case Entries():
            return [t("plain.hint_list", lang)]
        case Rows():
            return [t("plain.hint_table", lang)]
        case Writing():
            return []
        case _:
            assert_never(form)


class Replaced(str):
    """A line of input in which bytes that were not UTF-8 were replaced by U+FFFD."""


def read_stdin() -> str | None:
    """One line from standard input, or None at its end.

    Read as bytes: a terminal or file in another encoding must not put undecodable bytes into a
    draft (they could not be written as UTF-8); they become visible replacement characters.
    """
    raw = sys.stdin.buffer.readline()
    if not raw:
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return Replaced(raw.decode("utf-8", errors="replace"))
