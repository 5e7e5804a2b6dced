"""The printable HTML report: one self-contained file made from the Markdown report."""

from __future__ import annotations

import html
import re
from pathlib import Path

from markdown_it import MarkdownIt

from kosi_tui.core.visible_text import for_report

CSS_PATH = Path(__file__).parent / "print.css"


def _renderer() -> MarkdownIt:
    from mdit_py_plugins.tasklists import tasklists_plugin

    # `html: False`: raw HTML in the Markdown (there should be none) is shown as text, never run.
    return (
        MarkdownIt("commonmark", {"html": False})
        .enable(["table", "strikethrough"])
        .use(tasklists_plugin)
    )


# In a CSS string inside <style>: `<` could close the element (`</style>`), quotes and backslash
# the string, `&` is escaped too so the text reads the same to any HTML tool; control, bidi and
# line-separator characters are not text. The space after a hex escape ends it (CSS syntax).
_CSS_UNSAFE = re.compile(
    r"[<>&\"'\\\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]"
)


def _css_string(text: str) -> str:
    """`text` as a quoted CSS string that cannot end the string or the `<style>` element."""
    text = " ".join(for_report(text).split())
    return '"' + _CSS_UNSAFE.sub(lambda m: f"\\{ord(m.group()):x} ", text) + '"'


def render_html(
    markdown: str,
    title: str,
    footer: str,
    lang: str,
    page_breaks: tuple[str, ...] = (),
    first_page: bool = False,
    form: bool = False,
) -> str:
    """A complete HTML document for the Markdown, with the print stylesheet inline.

    `page_breaks` are `<h2>` texts (as rendered) before which printing starts a new page;
    with `first_page`, what comes before the first of them is set compactly as page 1 alone;
    a `form` (a blank copy) has table rows high enough to write in.
    """
    # The Markdown is made with `markdown_text`, which already shows control characters; the
    # title and footer come straight from files.
    title, footer = for_report(title), for_report(footer)
    body = _renderer().render(markdown)
    for heading in page_breaks:
        body = body.replace(
            f"<h2>{html.escape(heading, quote=False)}</h2>",
            f'<h2 class="page">{html.escape(heading, quote=False)}</h2>',
        )
    first_break = body.find('<h2 class="page">')
    if first_page and first_break > 0:
        body = f'<div class="first-page">\n{body[:first_break]}</div>\n{body[first_break:]}'
    css = CSS_PATH.read_text(encoding="utf-8").replace(
        'var(--footer-text, "")', _css_string(footer)
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>\n{css}</style>\n</head>\n"
        + ('<body class="form">\n' if form else "<body>\n")
        + f"{body}"
        f'<p class="footer">{html.escape(footer)}</p>\n'
        "</body>\n</html>\n"
    )
