"""A section's page: the section list, the progress, the section's questions, and the way on."""

from __future__ import annotations

from dataclasses import dataclass, field

from kosi_tui.core.canvas import Info, MultiChoice, Scale, SingleChoice
from kosi_tui.core.kinds import YesNo
from kosi_tui.core.progress import progress_text
from kosi_tui.core.text import localize
from kosi_tui.faces.filling import Filling
from kosi_tui.faces.web.fields import Shown, field_id, question_html
from kosi_tui.faces.web.page import e
from kosi_tui.faces.web.problems import Problems
from kosi_tui.faces.web.reading import Posted, draft_digest, shown_digest, shown_on_page
from kosi_tui.i18n import t


def visible_sections(filling: Filling) -> list[str]:
    """The ids of the sections whose condition holds, in order."""
    session = filling.session
    return [
        s.id for s in session.compiled.canvas.sections if session.section_visible.get(s.id, True)
    ]


def section_nav(filling: Filling, current: str | None, lang: str) -> str:
    """The list of sections with each one's state, and the overview at the end."""
    items = []
    for section in filling.session.compiled.canvas.sections:
        if section.id not in visible_sections(filling):
            continue
        state = t(f"web.state_{filling.section_state(section.id)}", lang)
        here = ' aria-current="page"' if section.id == current else ""
        items.append(
            f'<li><a href="/form/s/{e(section.id)}"{here}>{e(localize(section.title, lang))}</a> '
            f'<span class="state">({e(state)})</span></li>'
        )
    here = ' aria-current="page"' if current is None else ""
    items.append(f'<li><a href="/form/overview"{here}>{e(t("web.overview", lang))}</a></li>')
    return (
        f'<nav aria-label="{e(t("web.sections", lang))}"><ol class="sections">{"".join(items)}</ol></nav>'
        f'<p class="progress">{e(progress_text(filling.session.progress(), lang))}</p>'
    )


@dataclass
class SectionView:
    """What one showing of a section page has beyond the draft: the page sent, if any."""

    posted: Posted | None = None
    problems: dict[str, Problems] = field(default_factory=dict)
    blank: dict[str, int] = field(default_factory=dict)
    game: str = ""
    """The Planspiel above the questions (role, round, event cards), as HTML."""
    notice: str = ""
    """A sentence at the top (saved, new questions appeared, a save failed)."""


def error_count(view: SectionView) -> int:
    return sum(len(p.all()) for p in view.problems.values())


def section_page(
    filling: Filling, section_id: str, view: SectionView, token: str, lang: str
) -> tuple[str, str]:
    """(title, body) of the section's page."""
    session = filling.session
    compiled = session.compiled
    section = next(s for s in compiled.canvas.sections if s.id == section_id)
    order = visible_sections(filling)
    position = order.index(section_id) if section_id in order else 0
    title = localize(section.title, lang)
    canvas_title = localize(compiled.canvas.title, lang)
    errors = error_count(view)
    page_title = f"{title} – {canvas_title} – kosi"
    if errors:
        page_title = t("web.title_errors", lang, count=errors) + " " + page_title
    on_page = shown_on_page(view.posted) if view.posted is not None else set()
    questions = []
    summary_items = []
    for key in compiled.section_keys(section_id):
        question = compiled.questions[key].question
        problems = view.problems.get(key, Problems())
        shown = Shown(
            key,
            question,
            session.answers.get(key),
            lang,
            visible=bool(session.visible.get(key)),
            required=session.is_required(key),
            posted=view.posted if key in on_page else None,
            problems=problems,
            blank=view.blank.get(key, 0),
        )
        questions.append(question_html(shown))
        if isinstance(question, Info):
            continue
        label = localize(question.label, lang)
        for message, anchor in problems.all():
            target = field_id(key, anchor) if anchor else _first_field(key, question)
            summary_items.append(f'<li><a href="#{target}">{e(label)}: {e(message)}</a></li>')
    as_shown = "".join(
        f'<input type="hidden" name="shown.{e(key)}" value="{shown_digest(session.answers.get(key))}">'
        for key in compiled.section_keys(section_id)
    )
    summary = ""
    if summary_items:
        heading = e(t("web.errors_heading", lang, count=errors))
        summary = (
            f'<div class="summary" id="errors" role="alert" tabindex="-1" autofocus>'
            f"<h2>{heading}</h2><ul>{''.join(summary_items)}</ul></div>"
        )
    notice = f'<p class="notice" role="status">{e(view.notice)}</p>' if view.notice else ""
    intro = f'<p class="intro">{e(localize(section.intro, lang))}</p>' if section.intro else ""
    back = ""
    if position > 0:
        back = f'<button type="submit" name="action" value="back">{e(t("web.back", lang))}</button>'
    last = position >= len(order) - 1
    forward = t("web.to_overview" if last else "web.next", lang)
    body = (
        f'<p class="canvas">{e(canvas_title)}</p>'
        f"{section_nav(filling, section_id, lang)}"
        f'<h1>{e(title)} <span class="of">{e(t("ui.section_of", lang, n=position + 1, total=len(order)))}</span></h1>'
        f"{summary}{notice}{view.game}{intro}"
        f'<form method="post" action="/form/s/{e(section_id)}" novalidate data-section="{e(section_id)}">'
        f'<input type="hidden" name="token" value="{e(token)}">'
        f'<input type="hidden" name="draft" value="{draft_digest(filling.draft)}">{as_shown}'
        # The first button is what Enter in a field presses: save and stay, never "remove row".
        f'<button type="submit" name="action" value="save" class="default" tabindex="-1">{e(t("web.save", lang))}</button>'
        f"{''.join(questions)}"
        f'<div class="way">{back}'
        f'<button type="submit" name="action" value="save" class="secondary">{e(t("web.save", lang))}</button>'
        f'<button type="submit" name="action" value="next" class="primary">{e(forward)}</button></div>'
        f'<p class="saved" id="saved" role="status" aria-live="polite" '
        f'data-unsaved="{e(t("web.script_unsaved", lang))}"></p>'
        "</form>"
    )
    return page_title, body


def _first_field(key: str, question: object) -> str:
    """Where the summary's link for a question leads: its field, or a group's first option."""
    if isinstance(question, SingleChoice | MultiChoice | Scale | YesNo):
        return field_id(key, "o0")
    return field_id(key)
