"""The overview: what is still open, the report as it will be printed, and its downloads."""

from __future__ import annotations

import re

from kosi_tui.core.text import localize
from kosi_tui.faces.filling import Filling
from kosi_tui.faces.web.fields import field_id
from kosi_tui.faces.web.page import e
from kosi_tui.faces.web.section_page import section_nav
from kosi_tui.i18n import t
from kosi_tui.report.build import build_report
from kosi_tui.report.formats import BY_KEY, DOCUMENT_KEYS
from kosi_tui.report.write_html import write_html

BODY = re.compile(r"<body>(.*)</body>", re.S)
HEADINGS = re.compile(r"<(/?)h([1-5])\b")


def report_preview(filling: Filling, lang: str) -> str:
    """The report's own HTML (escaped Markdown, charts as SVG), its headings one level down so
    the page keeps one `h1`."""
    page = write_html(build_report(filling.session, filling.draft, lang))
    found = BODY.search(page)
    body = found.group(1) if found else ""
    return HEADINGS.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", body)


def overview_page(filling: Filling, lang: str) -> tuple[str, str]:
    """(title, body) of the overview."""
    session = filling.session
    compiled = session.compiled
    canvas_title = localize(compiled.canvas.title, lang)
    open_items = []
    for key, why in session.open_required():
        located = compiled.questions[key]
        label = localize(located.question.label, lang)
        said = t(f"web.open_{why}", lang)
        open_items.append(
            f'<li><a href="/form/s/{e(located.section.id)}#{field_id(key, "q")}">{e(label)}</a> ({e(said)})</li>'
        )
    open_list = (
        f"<h2>{e(t('web.open_heading', lang, count=len(open_items)))}</h2><ul>{''.join(open_items)}</ul>"
        if open_items
        else f"<p>{e(t('web.all_answered', lang))}</p>"
    )
    downloads = "".join(
        f'<li><a href="/form/export/{key}" download>{e(t("web.download", lang, format=BY_KEY[key].label))}</a></li>'
        for key in DOCUMENT_KEYS
    )
    body = (
        f'<p class="canvas">{e(canvas_title)}</p>{section_nav(filling, None, lang)}'
        f"<h1>{e(t('web.overview', lang))}</h1>{open_list}"
        f'<h2>{e(t("web.downloads", lang))}</h2><ul class="downloads">{downloads}</ul>'
        f'<section class="report" aria-label="{e(t("web.preview", lang))}">{report_preview(filling, lang)}</section>'
    )
    return f"{t('web.overview', lang)} – {canvas_title} – kosi", body
