"""One question as HTML, per kind: a label for every field, choices and scales as a fieldset with
its legend, tables row by row (each row a fieldset named by its number), lists entry by entry, and
every message tied to its field (`aria-describedby`, `aria-invalid`).

Values come from the draft, or – after a send that had something wrong – exactly as typed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from kosi_tui.core.canvas import (
    AnyQuestion,
    Column,
    Date,
    Info,
    ListQuestion,
    LongText,
    MultiChoice,
    Number,
    Scale,
    SingleChoice,
    Table,
)
from kosi_tui.core.examples import placeholder
from kosi_tui.core.kinds import YesNo
from kosi_tui.core.numbers import format_date, format_number, is_number
from kosi_tui.core.text import localize
from kosi_tui.core.units import unit_name
from kosi_tui.faces.web.page import e
from kosi_tui.faces.web.problems import Problems
from kosi_tui.faces.web.reading import Posted, posted_entries, posted_rows, text, texts
from kosi_tui.i18n import t


def field_id(key: str, part: str = "") -> str:
    """The HTML id of a question's field (or of a part: `r2`, `r2-name`, `help`, `err`)."""
    base = "f-" + key.replace(".", "-")
    return f"{base}-{part}" if part else base


@dataclass
class Shown:
    """Everything one question's HTML depends on."""

    key: str
    question: AnyQuestion
    value: Any
    lang: str
    visible: bool = True
    required: bool = False
    posted: Posted | None = None
    """The sent page, when it is shown again with its messages: values exactly as typed."""
    problems: Problems = field(default_factory=Problems)
    blank: int = 0
    """Empty rows or entries to add (the person pressed "add")."""


def as_text(value: Any, lang: str) -> str:
    """A stored answer as the field shows it, in a form its kind reads back."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return ""
    if is_number(value):
        return format_number(value, lang)
    if isinstance(value, dt.date):
        return format_date(value, lang)
    return value if isinstance(value, str) else ""


def question_html(shown: Shown) -> str:
    """The question's block; hidden (and its fields off) while its condition does not hold."""
    q, key = shown.question, shown.key
    hidden = "" if shown.visible else " hidden"
    marker = (
        f'<input type="hidden" name="on" value="{e(key)}"{"" if shown.visible else " disabled"}>'
    )
    if isinstance(q, Info):
        help_text = f'<p class="help">{e(localize(q.help, shown.lang))}</p>' if q.help else ""
        return (
            f'<div class="q info" id="{field_id(key, "q")}" data-key="{e(key)}"{hidden}>'
            f'<p class="info-label">{e(localize(q.label, shown.lang))}</p>{help_text}</div>'
        )
    if isinstance(q, Table):
        inner = table_html(shown, q)
    elif isinstance(q, ListQuestion):
        inner = list_html(shown, q)
    elif isinstance(q, SingleChoice | MultiChoice | Scale | YesNo):
        inner = choices_html(shown, q)
    else:
        inner = text_html(shown)
    return (
        f'<div class="q" id="{field_id(key, "q")}" data-key="{e(key)}"{hidden}>'
        f"{marker}{inner}</div>"
    )


def _label_text(shown: Shown) -> str:
    label = e(localize(shown.question.label, shown.lang))
    if shown.required:
        label += f' <span class="req">({e(t("web.required", shown.lang))})</span>'
    return label


def _notes(shown: Shown) -> tuple[str, list[str]]:
    """Help, example and the question's own messages, and their ids to describe the field by."""
    q, key, lang = shown.question, shown.key, shown.lang
    parts, ids = [], []
    if getattr(q, "help", None):
        ids.append(field_id(key, "help"))
        parts.append(f'<p class="help" id="{ids[-1]}">{e(localize(q.help, lang))}</p>')
    hint = placeholder(q, lang)
    if isinstance(q, Date) and not hint:
        hint = t("web.date_hint", lang)
    if isinstance(q, Number) and q.unit:
        unit = t("web.unit", lang, unit=unit_name(localize(q.unit, lang)))
        # A separator of its own: "Einheit: Personen z. B. 120" reads as one unit.
        hint = f"{unit} · {hint}" if hint else unit
    if hint and not isinstance(q, Table | ListQuestion):
        ids.append(field_id(key, "hint"))
        parts.append(f'<p class="hint" id="{ids[-1]}">{e(hint)}</p>')
    if shown.problems.question:
        ids.append(field_id(key, "err"))
        parts.append(_error(ids[-1], shown.problems.question, lang))
    return "".join(parts), ids


def _error(element_id: str, messages: list[str], lang: str) -> str:
    said = " ".join(messages)
    prefix = e(t("web.error_prefix", lang))
    return f'<p class="error" id="{element_id}"><strong>{prefix}</strong> {e(said)}</p>'


def _described(ids: list[str], invalid: bool) -> str:
    attrs = f' aria-describedby="{" ".join(ids)}"' if ids else ""
    return attrs + (' aria-invalid="true"' if invalid else "")


def text_html(shown: Shown) -> str:
    """Short and long texts, numbers and dates: one labelled field."""
    q, key, lang = shown.question, shown.key, shown.lang
    fid = field_id(key)
    notes, ids = _notes(shown)
    typed = (
        text(shown.posted, f"a.{key}") if shown.posted is not None else as_text(shown.value, lang)
    )
    attrs = _described(ids, bool(shown.problems.question))
    attrs += ' aria-required="true"' if shown.required else ""
    name = f'name="a.{e(key)}" id="{fid}"'
    if isinstance(q, LongText):
        control = f'<textarea {name} rows="5"{attrs}>{e(typed)}</textarea>'
    else:
        mode = ""
        if isinstance(q, Number):
            mode = ' inputmode="numeric"' if q.integer else ' inputmode="decimal"'
        control = f'<input type="text" {name} value="{e(typed)}"{mode}{attrs} autocomplete="off">'
    return f'<label for="{fid}">{_label_text(shown)}</label>{notes}{control}'


def _options(
    q: SingleChoice | MultiChoice | Scale | YesNo, lang: str
) -> list[tuple[str, str, str]]:
    """Each option: its value on the page, its label, its own help."""
    if isinstance(q, YesNo):
        return [("yes", t("answer.yes", lang), ""), ("no", t("answer.no", lang), "")]
    if isinstance(q, Scale):
        found = []
        for point in range(q.min, q.max + 1):
            label = q.labels.get(point)
            found.append(
                (str(point), f"{point} – {localize(label, lang)}" if label else str(point), "")
            )
        return found
    return [
        (c.id, localize(c.label, lang), localize(c.help, lang) if c.help else "") for c in q.choices
    ]


def _chosen(shown: Shown, q: SingleChoice | MultiChoice | Scale | YesNo) -> set[str]:
    if shown.posted is not None:
        return set(texts(shown.posted, f"a.{shown.key}"))
    value = shown.value
    if isinstance(q, YesNo):
        return {"yes"} if value is True else {"no"} if value is False else set()
    if isinstance(value, list):
        return {str(v) for v in value}
    return {str(value)} if value is not None and not isinstance(value, bool) else set()


def choices_html(shown: Shown, q: SingleChoice | MultiChoice | Scale | YesNo) -> str:
    """A fieldset of radio buttons (one choice, a scale, yes/no) or checkboxes (several)."""
    key, lang = shown.key, shown.lang
    kind = "checkbox" if isinstance(q, MultiChoice) else "radio"
    notes, ids = _notes(shown)
    chosen = _chosen(shown, q)
    invalid = ' aria-invalid="true"' if shown.problems.question else ""
    required = ' aria-required="true"' if shown.required and kind == "radio" else ""
    items = []
    for n, (value, label, help_text) in enumerate(_options(q, lang)):
        oid = field_id(key, f"o{n}")
        checked = " checked" if value in chosen else ""
        described = ""
        extra = ""
        if help_text:
            described = f' aria-describedby="{oid}-help"'
            extra = f'<span class="help" id="{oid}-help">{e(help_text)}</span>'
        items.append(
            f'<div class="option"><input type="{kind}" id="{oid}" name="a.{e(key)}" '
            f'value="{e(value)}"{checked}{invalid}{described}>'
            f'<label for="{oid}">{e(label)}</label>{extra}</div>'
        )
    layout = " scale" if isinstance(q, Scale) else ""
    role = f' role="radiogroup"{required}' if kind == "radio" else ""
    return (
        f'<fieldset class="choices{layout}" id="{field_id(key)}"{role}{_described(ids, False)}>'
        f"<legend>{_label_text(shown)}</legend>{notes}{''.join(items)}</fieldset>"
    )


def list_html(shown: Shown, q: ListQuestion) -> str:
    """A list, entry by entry, each with its own label and a button to remove it."""
    key, lang = shown.key, shown.lang
    if shown.posted is not None:
        entries = posted_entries(key, shown.posted)
    else:
        value = shown.value
        entries = [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
    entries += [""] * (shown.blank + (0 if entries else 1))
    notes, ids = _notes(shown)
    hint = placeholder(q, lang)
    rows = []
    for index, entry in enumerate(entries):
        fid = field_id(key, f"r{index}")
        errors = shown.problems.rows.get(index, [])
        described = [field_id(key, "hint")] if hint else []
        error = ""
        if errors:
            described.append(f"{fid}-err")
            error = _error(f"{fid}-err", errors, lang)
        label = e(t("web.entry", lang, n=index + 1))
        remove = e(t("web.remove_entry", lang, n=index + 1))
        rows.append(
            f'<div class="entry"><label for="{fid}">{label}</label>{error}'
            f'<input type="text" id="{fid}" name="a.{e(key)}.{index}" value="{e(entry)}"'
            f'{_described(described, bool(errors))} autocomplete="off">'
            f'<button type="submit" name="action" value="remove:{e(key)}:{index}" '
            f'class="small">{remove}</button></div>'
        )
    hint_html = f'<p class="hint" id="{field_id(key, "hint")}">{e(hint)}</p>' if hint else ""
    add = e(t("web.add_entry", lang))
    return (
        f'<fieldset class="list" id="{field_id(key)}"{_described(ids, False)}>'
        f"<legend>{_label_text(shown)}</legend>{notes}{hint_html}"
        f'<input type="hidden" name="n.{e(key)}" value="{len(entries)}">{"".join(rows)}'
        f'<button type="submit" name="action" value="add:{e(key)}">{add}</button></fieldset>'
    )


def _row_values(shown: Shown, q: Table) -> list[dict[str, Any]]:
    """The rows as the page shows them: typed texts after a send, else the draft's answers."""
    if shown.posted is not None:
        return list(posted_rows(q, shown.key, shown.posted))
    value = shown.value
    rows: list[dict[str, Any]] = []
    for row in value if isinstance(value, list) else []:
        if not isinstance(row, dict):
            continue
        rows.append(
            {
                c.id: (
                    row.get(c.id)
                    if c.type in ("choice", "multi_choice")
                    else as_text(row.get(c.id), shown.lang)
                )
                for c in q.columns
            }
        )
    return rows


def table_html(shown: Shown, q: Table) -> str:
    """A table answered row by row: each row a fieldset whose legend says its number."""
    key, lang = shown.key, shown.lang
    rows = _row_values(shown, q)
    rows += [{} for _ in range(shown.blank + (0 if rows else 1))]
    notes, ids = _notes(shown)
    parts = []
    for index, row in enumerate(rows):
        rid = field_id(key, f"r{index}")
        row_errors = shown.problems.rows.get(index, [])
        error = _error(f"{rid}-err", row_errors, lang) if row_errors else ""
        described = f' aria-describedby="{rid}-err"' if row_errors else ""
        cells = "".join(
            cell_html(shown, q, column, index, row.get(column.id)) for column in q.columns
        )
        remove = e(t("web.remove_row", lang, n=index + 1))
        legend = e(t("web.row", lang, n=index + 1))
        parts.append(
            f'<fieldset class="row" id="{rid}" tabindex="-1"{described}><legend>{legend}</legend>'
            f"{error}{cells}"
            f'<button type="submit" name="action" value="remove:{e(key)}:{index}" '
            f'class="small">{remove}</button></fieldset>'
        )
    add = e(t("web.add_row", lang))
    return (
        f'<fieldset class="table" id="{field_id(key)}"{_described(ids, False)}>'
        f"<legend>{_label_text(shown)}</legend>{notes}"
        f'<input type="hidden" name="n.{e(key)}" value="{len(rows)}">{"".join(parts)}'
        f'<button type="submit" name="action" value="add:{e(key)}">{add}</button></fieldset>'
    )


def cell_html(shown: Shown, q: Table, column: Column, index: int, value: Any) -> str:
    """One cell of a row: a labelled field, a list to choose from, or checkboxes."""
    key, lang = shown.key, shown.lang
    cid = field_id(key, f"r{index}-{column.id}")
    name = f"a.{key}.{index}.{column.id}"
    errors = shown.problems.cells.get((index, column.id), [])
    described: list[str] = []
    notes = ""
    if column.help:
        described.append(f"{cid}-help")
        notes += f'<span class="help" id="{cid}-help">{e(localize(column.help, lang))}</span>'
    if column.unit:
        described.append(f"{cid}-unit")
        unit = t("web.unit", lang, unit=unit_name(localize(column.unit, lang)))
        notes += f'<span class="hint" id="{cid}-unit">{e(unit)}</span>'
    if errors:
        described.append(f"{cid}-err")
        notes += _error(f"{cid}-err", errors, lang)
    label = e(localize(column.label, lang))
    if column.required:
        label += f' <span class="req">({e(t("web.required", lang))})</span>'
    attrs = _described(described, bool(errors))
    choices = column.choices or []
    if column.type == "multi_choice":
        picked = set(value) if isinstance(value, list) else set()
        boxes = "".join(
            f'<div class="option"><input type="checkbox" id="{cid}-{n}" name="{e(name)}" '
            f'value="{e(c.id)}"{" checked" if c.id in picked else ""}>'
            f'<label for="{cid}-{n}">{e(localize(c.label, lang))}</label></div>'
            for n, c in enumerate(choices)
        )
        return f'<fieldset class="cell" id="{cid}"{attrs}><legend>{label}</legend>{notes}{boxes}</fieldset>'
    if column.type == "choice":
        options = [f'<option value="">{e(t("web.no_choice", lang))}</option>']
        options += [
            f'<option value="{e(c.id)}"{" selected" if value == c.id else ""}>{e(localize(c.label, lang))}</option>'
            for c in choices
        ]
        control = f'<select id="{cid}" name="{e(name)}"{attrs}>{"".join(options)}</select>'
    else:
        mode = ' inputmode="decimal"' if column.type == "number" else ""
        typed = value if isinstance(value, str) else ""
        control = f'<input type="text" id="{cid}" name="{e(name)}" value="{e(typed)}"{mode}{attrs} autocomplete="off">'
    return f'<div class="cell"><label for="{cid}">{label}</label>{notes}{control}</div>'
