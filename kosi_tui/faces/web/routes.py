"""The form's addresses: start, resume, a section (shown and sent), the overview, downloads and
the endpoint the script saves each answer through.

Every request passes the room's door (the workshop code's cookie, the Origin check); every sent
form carries a token tied to the browser's own cookie, so no other site can send one for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiohttp import web

from kosi_tui.core.progress import progress_text
from kosi_tui.core.text import localize
from kosi_tui.faces.filling import Filling
from kosi_tui.faces.game_player import carry_into, is_game
from kosi_tui.faces.serve.attempts import Attempts, Verdict
from kosi_tui.faces.serve.door import COOKIE as DOOR_COOKIE
from kosi_tui.faces.serve.door import Door
from kosi_tui.faces.web.game import game_now, game_strip, role_page
from kosi_tui.faces.web.page import HEADERS, e, frame, static_file
from kosi_tui.faces.web.problems import Problems, place
from kosi_tui.faces.web.reading import draft_digest, read_answer, read_section, shown_digest
from kosi_tui.faces.web.section_page import SectionView, section_page, visible_sections
from kosi_tui.faces.web.visitors import COOKIE, Visitor, Visitors
from kosi_tui.faces.workplace import Workplace, workplace_for
from kosi_tui.i18n import t
from kosi_tui.storage.atomic import WriteError
from kosi_tui.storage.canvas_file import LoadedCanvas
from kosi_tui.storage.listing_cache import DraftCard
from kosi_tui.storage.write_problem import describe

MOST_LISTED = 30
"""One's own drafts listed on the first page, newest first."""
FORM_SECONDS = 10.0
"""How long the body of a sent page may take to arrive."""
MOST_BYTES = 2 * 1024 * 1024
"""Largest body of a sent page: pages of text typed into it (an "ä" sent as a form takes six
bytes) are saved, not refused – the 64 KiB any other request may have would lose them."""
MOST_FIELDS = 20_000
"""Fields in one sent page: a table of the most rows a page takes (`reading.MAX_ENTRIES`), a
few columns each with several choices ticked, is far beyond aiohttp's default of 1000."""

RoomCheck = Callable[[web.Request], web.Response | None]
"""The server's answer when the room has no place for this browser, else None."""


def default_canvases() -> list[LoadedCanvas]:
    """The canvases a participant may start: every one that loads (a Planspiel's too)."""
    from kosi_tui.storage.catalog import catalog

    return [entry.loaded for entry in catalog() if entry.loaded is not None]


class FormRoutes:
    """The form in one server."""

    def __init__(
        self,
        *,
        workshop: Path | None,
        lang: str,
        door: Door,
        attempts: Attempts,
        secure: bool,
        room: RoomCheck = lambda request: None,
        canvases: Callable[[], list[LoadedCanvas]] = default_canvases,
    ) -> None:
        self.workplace: Workplace = workplace_for(workshop)
        self.lang, self.door, self.attempts, self.secure = lang, door, attempts, secure
        self.room, self.canvases = room, canvases
        self.visitors = Visitors()

    def add_routes(self, app: web.Application) -> None:
        app.add_routes(
            [
                web.get("/form", self.start_page),
                web.post("/form/start", self.start),
                web.post("/form/resume", self.resume),
                web.post("/form/open", self.open_own),
                web.get("/form/code", self.code_page),
                web.get("/form/s/{section}", self.section),
                web.post("/form/s/{section}", self.send_section),
                web.get("/form/overview", self.overview),
                web.get("/form/role", self.role),
                web.get("/form/export/{key}", self.export),
                web.post("/form/api/answer", self.answer),
                web.get("/form/static/{name}", static_file),
            ]
        )

    # -- who is asking ---------------------------------------------------------------------------

    def _allowed(self, request: web.Request) -> bool:
        return self.door.origin_allowed(
            request.headers.get("Origin"), request.host
        ) and self.door.cookie_matches(request.cookies.get(DOOR_COOKIE))

    def _visitor(self, request: web.Request) -> Visitor | None:
        visitor = self.visitors.get(request.cookies.get(COOKIE))
        if visitor is not None:
            visitor.touch()
        return visitor

    def _guard(self, request: web.Request) -> None:
        if not self._allowed(request):
            raise web.HTTPSeeOther("/")

    async def _with_draft(self, request: web.Request) -> tuple[Visitor, Filling]:
        """The visitor and their open draft; a draft closed in a long pause is opened again."""
        self._guard(request)
        visitor = self._visitor(request)
        if visitor is not None and visitor.filling is None and visitor.left is not None:
            full = self.room(request)
            if full is not None:
                raise web.HTTPServiceUnavailable(text=full.text, content_type="text/html")
            from kosi_tui.storage.problems import ProblemsError

            async with visitor.lock:
                if visitor.filling is None and visitor.left is not None:
                    with contextlib.suppress(ProblemsError, OSError):
                        visitor.filling = await asyncio.to_thread(Filling.open, visitor.left)
                    visitor.left = None
        if visitor is None or visitor.filling is None:
            raise web.HTTPSeeOther("/form")
        return visitor, visitor.filling

    async def _read_form(self, request: web.Request) -> Any:
        """The sent page, read only past the door (before it, a body may have 64 KiB)."""
        try:
            async with asyncio.timeout(FORM_SECONDS):
                larger = request.clone(client_max_size=MOST_BYTES, client_max_fields=MOST_FIELDS)
                return await larger.post()
        except TimeoutError:
            raise web.HTTPRequestTimeout() from None

    async def _posted(self, request: web.Request, visitor: Visitor | None) -> Any:
        posted = await self._read_form(request)
        if visitor is None or not self.visitors.token_matches(visitor, posted.get("token")):
            # The first page again (with a cookie and token that work), saying why.
            page = self.start_response(request, t("web.stale_page", self.lang))
            refused = web.HTTPForbidden(text=page.text, content_type="text/html", headers=HEADERS)
            refused.cookies.update(page.cookies)
            raise refused
        return posted

    def _set_cookie(self, response: web.StreamResponse, visitor: Visitor) -> None:
        response.set_cookie(COOKIE, visitor.token, httponly=True, samesite="Lax",
                            secure=self.secure, path="/")  # fmt: skip

    # -- start -----------------------------------------------------------------------------------

    async def start_page(self, request: web.Request) -> web.Response:
        self._guard(request)
        return self.start_response(request)

    def start_response(
        self, request: web.Request, message: str = "", status: int = 200, kept: str = ""
    ) -> web.Response:
        """The first page: go on with the open draft, start one, or come back by code."""
        lang = self.lang
        visitor = self._visitor(request)
        created = visitor is None
        if visitor is None:
            visitor = self.visitors.new(request.remote or "?")
        token = self.visitors.form_token(visitor)
        going_on = ""
        if visitor.filling is not None:
            title = localize(visitor.filling.canvas.canvas.title, lang)
            going_on = (
                f'<p class="notice">{e(t("web.open_draft", lang, title=title))} '
                f'<a href="/form/s/{e(_first_section(visitor.filling))}">{e(t("web.go_on", lang))}</a></p>'
            )
        canvases = self.canvases()
        choices = "".join(
            f'<div class="option"><input type="radio" name="canvas" id="c{n}" value="{e(c.canvas.id)}"'
            f'{" checked" if n == 0 else ""}><label for="c{n}">{e(localize(c.canvas.title, lang))}</label></div>'
            for n, c in enumerate(canvases)
        )
        name_required = self.workplace.names_drafts_by_author
        required = (
            f' <span class="req">({e(t("web.required", lang))})</span>' if name_required else ""
        )
        aria_required = ' aria-required="true"' if name_required else ""
        error = (
            f'<div class="summary" role="alert" tabindex="-1" autofocus><p>{e(message)}</p></div>'
            if message
            else ""
        )
        resume = ""
        if self.workplace.takes_resume_codes:
            resume = (
                f"<h2>{e(t('web.resume_heading', lang))}</h2>"
                '<form method="post" action="/form/resume">'
                f'<input type="hidden" name="token" value="{e(token)}">'
                f'<label for="resume">{e(t("web.resume_label", lang))}</label>'
                '<input type="text" id="resume" name="resume" autocomplete="off" autocapitalize="characters">'
                f'<button type="submit">{e(t("web.resume", lang))}</button></form>'
            )
        own = self._own_drafts_html(token, canvases)
        terminal = f'<p class="other"><a href="/terminal">{e(t("web.terminal_link", lang))}</a></p>'
        body = (
            f"<h1>{e(t('web.start_title', lang))}</h1>{error}{kept}{going_on}"
            '<form method="post" action="/form/start">'
            f'<input type="hidden" name="token" value="{e(token)}">'
            f'<fieldset class="choices"><legend>{e(t("web.canvas", lang))}</legend>{choices}</fieldset>'
            f'<label for="organisation">{e(t("web.organisation", lang))}</label>'
            '<input type="text" id="organisation" name="organisation" autocomplete="organization">'
            f'<label for="author">{e(t("web.author", lang))}{required}</label>'
            f'<input type="text" id="author" name="author" autocomplete="name"{aria_required}>'
            f'<div class="way"><button type="submit" class="primary">{e(t("web.start", lang))}</button></div></form>'
            f"{resume}{own}{terminal}"
        )
        response = frame(lang, t("web.start_title", lang) + " – kosi", body, status=status)
        if created:
            self._set_cookie(response, visitor)
        return response

    def _own_drafts(self, canvases: list[LoadedCanvas]) -> list[DraftCard]:
        """One's own drafts (only on one's own computer), newest first, those that open."""
        if not self.workplace.lists_drafts:
            return []
        from kosi_tui.faces.draft_list import DraftList

        entries = DraftList(self.workplace.folder).entries({c.canvas.id: c for c in canvases})
        return [
            entry
            for entry in entries
            if entry.problem is None
            and entry.conflict_of is None
            and entry.moved_to is None
            and entry.canvas_id in {c.canvas.id for c in canvases}
        ][:MOST_LISTED]

    def _own_drafts_html(self, token: str, canvases: list[LoadedCanvas]) -> str:
        lang = self.lang
        entries = self._own_drafts(canvases)
        if not entries:
            return ""
        items = []
        for entry in entries:
            who = " · ".join(x for x in (entry.organisation, entry.author) if x)
            when = entry.updated.astimezone().strftime("%d.%m.%Y %H:%M") if entry.updated else ""
            label = t("web.open_this", lang, title=entry.canvas_title, who=who or "–", when=when)
            items.append(
                '<li><form method="post" action="/form/open">'
                f'<input type="hidden" name="token" value="{e(token)}">'
                f'<input type="hidden" name="draft" value="{e(str(entry.path))}">'
                f'<button type="submit">{e(label)}</button></form></li>'
            )
        return f'<h2>{e(t("web.own_drafts", lang))}</h2><ul class="drafts">{"".join(items)}</ul>'

    async def open_own(self, request: web.Request) -> web.StreamResponse:
        """Opens one of one's own drafts (listed on the first page on one's own computer)."""
        self._guard(request)
        visitor = self._visitor(request)
        posted = await self._posted(request, visitor)
        assert visitor is not None
        wanted = str(posted.get("draft", ""))
        listed = await asyncio.to_thread(self._own_drafts, self.canvases())
        path = next((entry.path for entry in listed if str(entry.path) == wanted), None)
        if path is None:
            return self.start_response(request, t("web.draft_gone", self.lang), 404)
        return await self._open(request, visitor, path)

    def _unsaved(self, request: web.Request, visitor: Visitor) -> web.Response:
        """The first page, saying the open draft could not be saved (and so stays open)."""
        filling = visitor.filling
        error = filling.last.error if filling is not None else None
        said = _failure(error, self.lang) if error is not None else t("web.stale_page", self.lang)
        return self.start_response(request, said, 503)

    async def start(self, request: web.Request) -> web.StreamResponse:
        self._guard(request)
        visitor = self._visitor(request)
        posted = await self._posted(request, visitor)
        assert visitor is not None
        lang = self.lang
        canvas = next((c for c in self.canvases() if c.canvas.id == posted.get("canvas")), None)
        organisation = str(posted.get("organisation", ""))[:200]
        author = str(posted.get("author", ""))[:200]
        if canvas is None:
            return self.start_response(request, t("web.choose_canvas", lang), 400)
        if self.workplace.names_drafts_by_author and not author.strip():
            return self.start_response(request, t("web.name_needed", lang), 400)
        full = None if visitor.filling is not None else self.room(request)
        if full is not None:
            return full
        if not await visitor.close():
            return self._unsaved(request, visitor)
        workplace = self.workplace
        filling = await asyncio.to_thread(
            Filling.start, canvas, organisation, author, lang, workplace.folder,
            named_after_author=workplace.names_drafts_by_author,
        )  # fmt: skip
        visitor.filling = filling
        visitor.resume_code = None
        if workplace.takes_resume_codes and filling.path.exists():
            try:
                visitor.resume_code = await asyncio.to_thread(
                    workplace.new_resume_code, filling.path
                )
            except OSError:
                visitor.resume_code = None  # the draft is saved; only coming back by code is not
        if visitor.resume_code is not None:
            raise web.HTTPSeeOther("/form/code")
        raise web.HTTPSeeOther(f"/form/s/{_first_section(filling)}")

    async def code_page(self, request: web.Request) -> web.Response:
        visitor, filling = await self._with_draft(request)
        lang = self.lang
        code = visitor.resume_code or ""
        taken = ""
        if filling.named_like is not None:
            taken = f'<p class="notice">{e(t("web.name_taken", lang))}</p>'
        body = (
            f"<h1>{e(t('ui.resume_title', lang))}</h1>{taken}"
            f'<p class="code">{e(code)}</p><p>{e(t("web.code_text", lang))}</p>'
            f'<p><a class="button primary" href="/form/s/{e(_first_section(filling))}">{e(t("web.begin", lang))}</a></p>'
        )
        return frame(lang, t("ui.resume_title", lang) + " – kosi", body)

    async def resume(self, request: web.Request) -> web.StreamResponse:
        self._guard(request)
        visitor = self._visitor(request)
        posted = await self._posted(request, visitor)
        assert visitor is not None
        typed = str(posted.get("resume", ""))[:100]
        found: list[Path] = []

        def matches() -> bool:
            path = self.workplace.draft_for_code(typed)
            if path is not None:
                found.append(path)
            return path is not None

        verdict = self.attempts.check(request.remote or "?", matches)
        if verdict is Verdict.WAIT:
            return self.start_response(request, t("serve.too_many_text", self.lang), 429)
        if verdict is Verdict.WRONG or not found:
            return self.start_response(request, t("ui.resume_unknown", self.lang), 400)
        return await self._open(request, visitor, found[0])

    async def _open(self, request: web.Request, visitor: Visitor, path: Path) -> web.StreamResponse:
        """Opens the draft at `path` for this visitor, at the section it was left in."""
        full = None if visitor.filling is not None else self.room(request)
        if full is not None:
            return full
        if not await visitor.close():
            return self._unsaved(request, visitor)
        from kosi_tui.storage.problems import ProblemsError

        try:
            visitor.filling = await asyncio.to_thread(Filling.open, path)
        except ProblemsError:
            return self.start_response(request, t("web.draft_broken", self.lang), 500)
        filling = visitor.filling
        section = filling.draft.position.section
        if section not in visible_sections(filling):
            section = _first_section(filling)
        raise web.HTTPSeeOther(f"/form/s/{section}")

    # -- sections --------------------------------------------------------------------------------

    def _section_id(self, request: web.Request, filling: Filling) -> str:
        wanted = request.match_info["section"]
        if wanted not in [s.id for s in filling.session.compiled.canvas.sections]:
            raise web.HTTPNotFound(text=t("web.no_section", self.lang))
        return wanted

    async def _section_response(
        self,
        visitor: Visitor,
        filling: Filling,
        section_id: str,
        view: SectionView,
        status: int = 200,
    ) -> web.Response:
        if is_game(filling):
            now = await asyncio.to_thread(game_now, filling)
            view.game = game_strip(filling, section_id, now, self.lang)
        title, body = section_page(
            filling, section_id, view, self.visitors.form_token(visitor), self.lang
        )
        # What this page shows: on sending, only what the person changed on it is taken.
        answers = filling.session.answers
        keys = filling.session.compiled.section_keys(section_id)
        visitor.shown = {key: copy.deepcopy(answers.get(key)) for key in keys}
        visitor.shown_section = section_id
        return frame(self.lang, title, body, status=status)

    async def section(self, request: web.Request) -> web.Response:
        visitor, filling = await self._with_draft(request)
        section_id = self._section_id(request, filling)
        view = SectionView()
        added = request.query.get("add")
        if added in filling.session.compiled.section_keys(section_id):
            view.blank[added] = 1
        said = request.query.get("said")
        if said in ("saved", "new"):
            view.notice = t(f"web.notice_{said}", self.lang)
        async with visitor.lock:
            filling.set_position(section_id, None)
            # A new round of a group game starts from the offer of the round before.
            if is_game(filling) and carry_into(filling, section_id):
                await visitor.save()
        return await self._section_response(visitor, filling, section_id, view)

    async def role(self, request: web.Request) -> web.Response:
        """The participant's own role card in a group game, private side included."""
        visitor, filling = await self._with_draft(request)
        now = await asyncio.to_thread(game_now, filling)
        async with visitor.lock:
            title, body = role_page(filling, now, self.lang)
        return frame(self.lang, title, body)

    async def send_section(self, request: web.Request) -> web.StreamResponse:
        self._guard(request)
        known = self._visitor(request)
        if known is None or (known.filling is None and known.left is None):
            return await self._not_taken(request)
        if known.filling is None and self.room(request) is not None:
            # Back after a long pause into a full room: the draft cannot open, the page stays.
            return await self._not_taken(request, t("web.not_taken_full", self.lang), 503)
        visitor, filling = await self._with_draft(request)
        section_id = self._section_id(request, filling)
        posted = await self._posted(request, visitor)
        lang = self.lang
        if not _same_draft(posted, filling):
            return await self._not_taken(request, t("web.other_draft", lang), 409, posted)
        session = filling.session
        keys = session.compiled.section_keys(section_id)
        questions = {k: session.compiled.questions[k].question for k in keys}
        action = str(posted.get("action", "save"))
        async with visitor.lock:
            before = set(session.visible_keys(section_id))
            read = read_section(keys, questions, before, posted, lang)
            shown = visitor.shown if visitor.shown_section == section_id else {}
            for key, value in read.values.items():
                # Not changed on this page: an answer changed meanwhile elsewhere (the same
                # draft open in the terminal view, or in another tab) must not be set back to
                # what this page showed. The page says what it showed; `shown` is for pages
                # from before it did.
                digest = posted.get(f"shown.{key}")
                if isinstance(digest, str):
                    if digest == shown_digest(value):
                        continue
                elif key in shown and value == shown[key]:
                    continue
                filling.set_answer(key, value)
            problems = dict(read.problems)
            for key in session.visible_keys(section_id):
                issues = session.issues(key, include_required=False)
                if issues and key in before:
                    place(questions[key], issues, lang, problems.setdefault(key, Problems()))
            problems = {k: p for k, p in problems.items() if p}
            if not problems:
                _act_on_rows(filling, action)
            result = await visitor.save()
        view = SectionView(posted=posted, problems=problems)
        if result is not None and result.error is not None:
            view.notice = _failure(result.error, lang)
            return await self._section_response(visitor, filling, section_id, view, 503)
        if problems:
            return await self._section_response(visitor, filling, section_id, view, 422)
        appeared = set(session.visible_keys(section_id)) - before
        order = visible_sections(filling)
        here = order.index(section_id) if section_id in order else 0
        if action.startswith("add:"):
            key = action.split(":", 1)[1]
            raise web.HTTPSeeOther(f"/form/s/{section_id}?add={key}#{_anchor(key)}")
        if action.startswith("remove:"):
            key = action.split(":")[1]
            raise web.HTTPSeeOther(f"/form/s/{section_id}#{_anchor(key)}")
        if action == "next" and appeared:
            raise web.HTTPSeeOther(f"/form/s/{section_id}?said=new")
        if action == "next":
            if here + 1 < len(order):
                raise web.HTTPSeeOther(f"/form/s/{order[here + 1]}")
            raise web.HTTPSeeOther("/form/overview")
        if action == "back" and here > 0:
            raise web.HTTPSeeOther(f"/form/s/{order[here - 1]}")
        raise web.HTTPSeeOther(f"/form/s/{section_id}?said={'new' if appeared else 'saved'}")

    async def _not_taken(
        self, request: web.Request, said: str = "", status: int = 409, posted: Any = None
    ) -> web.Response:
        """A page sent by a browser the server no longer knows (it was restarted, or the trainer
        ended the session): nothing can be saved, so what was typed is shown to copy, with the
        way back into the draft."""
        if posted is None:
            posted = await self._read_form(request)
        labels: dict[str, str] = {}
        for loaded in self.canvases():
            for key, located in loaded.compiled.questions.items():
                labels.setdefault(key, localize(located.question.label, self.lang))
        typed = []
        for name, value in posted.items():
            if not name.startswith("a.") or not isinstance(value, str) or not value.strip():
                continue
            key = ".".join(name.split(".")[1:3])
            label = e(labels.get(key, key))
            typed.append(f"<dt>{label}</dt><dd><pre>{e(value)}</pre></dd>")
        kept = ""
        if typed:
            kept = f'<h2>{e(t("web.typed_heading", self.lang))}</h2><dl class="typed">{"".join(typed)}</dl>'
        return self.start_response(request, said or t("web.not_taken", self.lang), status, kept)

    # -- overview and downloads ------------------------------------------------------------------

    async def overview(self, request: web.Request) -> web.Response:
        visitor, filling = await self._with_draft(request)
        from kosi_tui.faces.web.overview import overview_page

        async with visitor.lock:
            title, body = await asyncio.to_thread(overview_page, filling, self.lang)
        return frame(self.lang, title, body)

    async def export(self, request: web.Request) -> web.Response:
        visitor, filling = await self._with_draft(request)
        from kosi_tui.report.build import build_report
        from kosi_tui.report.extras import MissingExtra
        from kosi_tui.report.formats import BY_KEY, DOCUMENT_KEYS, write_document

        key = request.match_info["key"]
        if key not in DOCUMENT_KEYS:
            raise web.HTTPNotFound()
        async with visitor.lock:
            document = build_report(filling.session, filling.draft, self.lang)
        try:
            written = await asyncio.to_thread(write_document, document, key)
        except MissingExtra:
            body = f"<h1>{e(t('web.download_missing', self.lang))}</h1>"
            return frame(self.lang, t("web.download_missing", self.lang), body, status=503)
        found = BY_KEY[key]
        name = filling.path.stem + found.suffix
        data = written.encode("utf-8") if isinstance(written, str) else written
        headers = {
            "Content-Disposition": f'attachment; filename="{_ascii(name)}"',
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        }
        return web.Response(body=data, content_type=found.mime, headers=headers)

    # -- the script's endpoint -------------------------------------------------------------------

    async def answer(self, request: web.Request) -> web.Response:
        """One question's fields as typed, from the script: saved, with the question's messages
        and which questions of the section are now shown."""
        visitor, filling = await self._with_draft(request)
        posted = await self._posted(request, visitor)
        lang = self.lang
        if not _same_draft(posted, filling):
            raise web.HTTPConflict(text="another draft is open")
        key = str(posted.get("key", ""))
        session = filling.session
        located = session.compiled.questions.get(key)
        if located is None or not session.visible.get(key):
            raise web.HTTPBadRequest(text="unknown question")
        async with visitor.lock:
            value, problems, take = read_answer(located.question, key, posted, lang)
            if take:
                filling.set_answer(key, value)
            place(located.question, session.issues(key, include_required=False), lang, problems)
            result = await visitor.save()
        section_id = located.section.id
        reply = {
            "messages": [[anchor or "", message] for message, anchor in problems.all()],
            "visible": {
                k: bool(session.visible.get(k)) for k in session.compiled.section_keys(section_id)
            },
            "saved": result is not None and result.error is None,
            # The progress line and the section's state in the list, as a reload would show them.
            "progress": progress_text(session.progress(), lang),
            "state": t(f"web.state_{filling.section_state(section_id)}", lang),
            "said": _failure(result.error, lang)
            if result is not None and result.error is not None
            else t("web.saved_now", lang),
        }
        return web.Response(text=json.dumps(reply), content_type="application/json",
                            headers={"Cache-Control": "no-store"})  # fmt: skip


def _failure(error: WriteError, lang: str) -> str:
    """A failed save in words; the file named without the trainer's folders."""
    said = describe(error, lang, holding="draft", show_path="name", elsewhere=None)
    return t("web.not_saved", lang, error=said)


def _same_draft(posted: Any, filling: Filling) -> bool:
    """Whether the page was shown for the draft open now (pages from before it said are)."""
    given = posted.get("draft")
    return not isinstance(given, str) or given == draft_digest(filling.draft)


def _first_section(filling: Filling) -> str:
    order = visible_sections(filling)
    return order[0] if order else filling.session.compiled.canvas.sections[0].id


def _anchor(key: str) -> str:
    from kosi_tui.faces.web.fields import field_id

    return field_id(key, "q")


def _ascii(name: str) -> str:
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "_" for c in name)


def _act_on_rows(filling: Filling, action: str) -> None:
    """Removes the table row or list entry the person asked to remove."""
    if not action.startswith("remove:"):
        return
    parts = action.split(":")
    if len(parts) != 3 or not parts[2].isdecimal():
        return
    key, index = parts[1], int(parts[2])
    value = filling.session.answers.get(key)
    if key in filling.session.compiled.questions and isinstance(value, list) and index < len(value):
        filling.set_answer(key, value[:index] + value[index + 1 :])
