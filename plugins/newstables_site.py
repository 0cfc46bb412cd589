"""Datasette plugin for the newstables site (loaded with --plugins-dir plugins).

What it adds to Datasette 0.65, which sends no security headers:
- a 405 for every method but GET and HEAD: no write path, not even a
  canned query's form;
- security headers on every response: Content-Security-Policy (scripts only
  from this site plus the hashes of Datasette's own inline scripts; no
  framing), X-Content-Type-Options, X-Frame-Options, Referrer-Policy;
- facets of a whole table (no filter, no search) from facet_counts, which
  the build counted, instead of a count over the table on every visit;
- an ETag on every page of the immutable database (the build's corpus and
  code hashes, the site's own files and the URL): a browser that asks again
  with If-None-Match gets a 304 without a query being run; Cache-Control
  lets it keep a page for default_cache_ttl seconds meanwhile;
- an in-process cache of the pages of the immutable database, keyed by the
  same things as the ETag (plus host and scheme): see ResponseCache;
- /robots.txt: table and row pages may be crawled, SQL, query strings,
  exports and the database file may not;
- cells: FTS snippets keep their <mark> highlights (the text is escaped first,
  then only the marker tags are restored); id columns in views and queries
  link to their rows;
- template variables for the custom pages: an article with its extracted
  spans highlighted, the in-context view of a quote/figure/date/mention, an
  actor's and an event's page, and the charts page.

There is no write path here or anywhere: the database is served immutable.
All text that reaches HTML goes through markupsafe.escape.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from collections import OrderedDict
from contextvars import ContextVar
from pathlib import Path

import datasette
from datasette import hookimpl
from datasette.app import Datasette
from datasette.database import Database, QueryInterrupted
from datasette.facets import ColumnFacet
from datasette.plugins import pm
from datasette.utils import PrefixedUrlString, escape_sqlite, tilde_decode, tilde_encode, to_css_class
from datasette.utils.asgi import Response
from datasette.version import __version__ as DATASETTE_VERSION
from markupsafe import Markup, escape

DATABASE = "news"

# ---------------------------------------------------------------------------
# Security headers


def _inline_script_hashes() -> list[str]:
    """CSP hashes of the inline <script> blocks Datasette's templates emit.

    Computed from the installed Datasette's own templates so an upgrade that
    changes them keeps working (or visibly breaks the CSP test)."""
    scripts = ["DATASETTE_ALLOW_FACET = true;", "DATASETTE_ALLOW_FACET = false;"]
    templates = Path(datasette.__file__).parent / "templates"
    for name in ("_codemirror_foot.html", "_close_open_menus.html"):
        path = templates / name
        if path.exists():
            scripts += re.findall(r"<script>(.*?)</script>", path.read_text(encoding="utf-8"), re.S)
    hashes = []
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
        hashes.append(f"'sha256-{digest}'")
    return hashes


CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self' " + " ".join(_inline_script_hashes()),
    # Datasette's templates use style attributes and a <style> block.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}


READ_METHODS = {"GET", "HEAD"}


def _site_version() -> str:
    """A hash of the files that shape every page: templates, plugins, metadata, static files."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for folder in ("templates", "plugins", "static"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    metadata = root / "metadata.yml"
    if metadata.exists():
        digest.update(metadata.read_bytes())
    return digest.hexdigest()


_ETAG_BASE: dict[int, str] = {}


async def _etag_base(datasette) -> str | None:
    """What every page's answer depends on: the database as built and the site's files."""
    key = id(datasette)
    if key not in _ETAG_BASE:
        if DATABASE not in datasette.databases or datasette.get_database(DATABASE).is_mutable:
            return None
        try:
            info = dict((await datasette.get_database(DATABASE).execute(
                "select key, value from build_info where key in ('corpus_hash', 'code_hash', 'built_at')")).rows)
        except Exception:  # no build_info: nothing says what the database holds
            return None
        _ETAG_BASE[key] = "\0".join([info.get("corpus_hash", ""), info.get("code_hash", ""),
                                      info.get("built_at", ""), DATASETTE_VERSION, _site_version()])
    return _ETAG_BASE[key]


def _etag(base: str, scope) -> bytes:
    url = scope.get("path", "") + "?" + scope.get("query_string", b"").decode("latin-1")
    return ('W/"' + hashlib.sha256((base + "\0" + url).encode("utf-8")).hexdigest()[:24] + '"').encode("latin-1")


# ---------------------------------------------------------------------------
# Response cache

# Cookies that change what Datasette renders for the same URL (a signed-in
# actor, flash messages): a request that carries one, or an Authorization
# header, bypasses the cache.
PERSONAL_COOKIES = (b"ds_actor=", b"ds_messages=")
RESPONSE_CACHE_MB = "NEWSTABLES_RESPONSE_CACHE_MB"   # environment: budget per server process, 0 = off
DEFAULT_RESPONSE_CACHE_MB = 64
MAX_CACHED_RESPONSE = 2 * 1024 * 1024                 # bigger pages (a huge article, a CSV) are rendered each time



class ResponseCache:
    """The rendered pages of the immutable database, least recently used out
    first, within a byte budget.

    Why it is right: the database is opened immutable and the site's files do
    not change while the server runs, so a page's bytes are a function of the
    URL, the host it was asked on and those files: exactly what the ETag says
    (a page kept here is the page Datasette would render again, the footer's
    "Queries took" time included, which is the first render's). Only GETs
    answered 200 are kept, without Set-Cookie, and not when a query of the page
    hit a time limit (a facet or count left out under load must not stick).
    Why it is needed: Datasette spends 8-40 ms of Python on a page whatever
    its SQL costs; on a 2-core machine 8 concurrent clients queue behind that
    (see README, "How it scales")."""

    def __init__(self, max_bytes: int, max_entry: int = MAX_CACHED_RESPONSE):
        self.max_bytes, self.max_entry = max_bytes, max_entry
        self.entries: OrderedDict = OrderedDict()
        self.size = 0
        self.hits = self.misses = 0

    def get(self, key):
        entry = self.entries.get(key)
        if entry is None:
            self.misses += 1
            return None
        self.hits += 1
        self.entries.move_to_end(key)
        return entry

    def put(self, key, status: int, headers: list, body: bytes) -> None:
        if len(body) > self.max_entry or len(body) > self.max_bytes:
            return
        old = self.entries.pop(key, None)
        if old is not None:
            self.size -= len(old[2])
        self.entries[key] = (status, headers, body)
        self.size += len(body)
        while self.size > self.max_bytes:
            _, (_, _, dropped) = self.entries.popitem(last=False)
            self.size -= len(dropped)


def response_cache_bytes() -> int:
    try:
        return int(float(os.environ.get(RESPONSE_CACHE_MB, DEFAULT_RESPONSE_CACHE_MB)) * 1024 * 1024)
    except ValueError:
        return DEFAULT_RESPONSE_CACHE_MB * 1024 * 1024


def _cache_key(scope, etag: bytes):
    """None when the request must not be answered from the cache."""
    if scope.get("method") != "GET":
        return None
    headers = dict(scope.get("headers", []))
    cookies = headers.get(b"cookie", b"")
    if b"authorization" in headers or any(c in cookies for c in PERSONAL_COOKIES):
        return None
    return (etag, headers.get(b"host", b""), scope.get("scheme", "http"), scope.get("root_path", ""))


def _note_interruptions(execute):
    """Database.execute that marks the request's state when a query of it is
    interrupted by a time limit (a facet or a count left out), so that page
    is not kept. The state is a ContextVar holding one dict per request:
    queries run in tasks (facets are gathered) that see the same dict."""
    state_var: ContextVar[dict | None] = ContextVar("newstables_request_state", default=None)

    async def execute_noting_interruptions(self, *args, **kwargs):
        try:
            return await execute(self, *args, **kwargs)
        except QueryInterrupted:
            state = state_var.get()
            if state is not None:
                state["interrupted"] = True
            raise

    execute_noting_interruptions.request_state = state_var
    return execute_noting_interruptions


if not hasattr(Database.execute, "request_state"):   # once, even if this file is loaded twice
    Database.execute = _note_interruptions(Database.execute)
_REQUEST_STATE: ContextVar[dict | None] = Database.execute.request_state


async def _send_cached(send, entry, extra_headers):
    status, headers, body = entry
    await send({"type": "http.response.start", "status": status, "headers": headers + extra_headers})
    await send({"type": "http.response.body", "body": body})


@hookimpl
def asgi_wrapper(datasette):
    extra = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items()]
    max_age = f"public, max-age={datasette.setting('default_cache_ttl') or 0}".encode("latin-1")
    cache_bytes = response_cache_bytes()
    cache = ResponseCache(cache_bytes) if cache_bytes > 0 else None
    datasette._newstables_response_cache = cache   # for tests and /-/ inspection

    def wrap(app):
        async def add_headers(scope, receive, send):
            if scope["type"] != "http":
                await app(scope, receive, send)
                return
            if scope.get("method", "GET") not in READ_METHODS:
                # No write path: nothing on this site accepts POST, PUT, ...
                await send({"type": "http.response.start", "status": 405,
                            "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                        (b"allow", b"GET, HEAD")] + extra})
                await send({"type": "http.response.body",
                            "body": b"405 Method Not Allowed: this site is read-only.\n"})
                return

            etag = None
            if not scope.get("path", "").startswith("/-/"):   # /-/ pages describe the server, not the data
                base = await _etag_base(datasette)
                etag = _etag(base, scope) if base else None
            if etag is not None and etag in dict(scope.get("headers", [])).get(b"if-none-match", b""):
                await send({"type": "http.response.start", "status": 304,
                            "headers": [(b"etag", etag), (b"cache-control", max_age)] + extra})
                await send({"type": "http.response.body", "body": b""})
                return

            key = _cache_key(scope, etag) if cache is not None and etag is not None else None
            if key is not None:
                entry = cache.get(key)
                if entry is not None:
                    await _send_cached(send, entry, extra)
                    return
            state = {"interrupted": False}
            kept: dict = {"body": [], "size": 0}

            async def wrapped_send(event):
                if event["type"] == "http.response.start":
                    headers = [
                        (k, v) for k, v in event.get("headers", [])
                        if k.lower().decode("latin-1") not in SECURITY_HEADERS
                    ]
                    if etag is not None and event.get("status") == 200:
                        headers = [(k, v) for k, v in headers if k.lower() not in (b"etag", b"cache-control")]
                        headers += [(b"etag", etag), (b"cache-control", max_age)]
                    kept.update(status=event.get("status"), headers=headers)
                    event = {**event, "headers": headers + extra}
                elif event["type"] == "http.response.body" and key is not None and kept["size"] is not None:
                    chunk = event.get("body", b"")
                    kept["size"] += len(chunk)
                    kept["body"].append(chunk)
                    if kept["size"] > cache.max_entry:
                        kept.update(body=[], size=None)   # too big to keep
                    elif not event.get("more_body") and kept["status"] == 200 and not state["interrupted"] \
                            and not any(k.lower() == b"set-cookie" for k, _ in kept["headers"]):
                        cache.put(key, 200, kept["headers"], b"".join(kept["body"]))
                await send(event)

            token = _REQUEST_STATE.set(state)
            try:
                await app(scope, receive, wrapped_send)
            finally:
                _REQUEST_STATE.reset(token)

        return add_headers

    return wrap


# ---------------------------------------------------------------------------
# Table permissions looked up once

_table_permission_allows = getattr(Datasette._table_permission_allows, "__wrapped__",
                                   Datasette._table_permission_allows)


def _table_permission_allows_once(self, database, table):
    """Datasette's `allow` blocks of a table, worked out once per table.

    Datasette 0.65.5 works them out on every permission check by deep-copying
    the whole metadata (ours describes every column): 3 checks a page, a third
    of a row page's time. The answer depends on the metadata only, which is
    the metadata given when the server starts (Datasette never reassigns it;
    no get_metadata plugin is installed, and with one the look-up is made
    every time as before)."""
    if pm.hook.get_metadata.get_hookimpls():
        return _table_permission_allows(self, database, table)
    known = self.__dict__.setdefault("_newstables_table_allows", {})
    key = (id(self._metadata_local), database, table)
    if key not in known:
        known[key] = _table_permission_allows(self, database, table)
    return list(known[key])


_table_permission_allows_once.__wrapped__ = _table_permission_allows
Datasette._table_permission_allows = _table_permission_allows_once


# ---------------------------------------------------------------------------
# Facets counted at load time

_FACET_SQL = re.compile(r"\s*select (?P<col>\S+) as value, count\(\*\) as count from \(\s*(?P<sql>.*?)\s*\)\s*"
                        r"where (?P=col) is not null\s*group by (?P=col) order by count desc, value limit (?P<limit>\d+)\s*",
                        re.S)
_COUNTED: dict[tuple[int, str], set] = {}


class _CountedFacets:
    """Stands in for the Datasette instance while a column facet of a whole
    table is worked out: the facet's query, if facet_counts holds that table
    and column, becomes a look-up there (same values, same counts, same
    order); anything else goes to Datasette unchanged."""

    def __init__(self, ds, table: str, counted: set):
        self._ds, self._table, self._counted = ds, table, counted

    def __getattr__(self, name):
        return getattr(self._ds, name)

    async def execute(self, database, sql, params=None, **kwargs):
        m = _FACET_SQL.fullmatch(sql)
        if m and not params:
            column = m.group("col").strip("[]")
            whole_table = re.fullmatch(r"select .* from " + re.escape(escape_sqlite(self._table)), m.group("sql"), re.S)
            if whole_table and (self._table, column) in self._counted:
                sql = ("select value, count from facet_counts where table_name = :table and column_name = :column "
                       "order by count desc, value limit :limit")
                params = {"table": self._table, "column": column, "limit": int(m.group("limit"))}
        return await self._ds.execute(database, sql, params, **kwargs)


@hookimpl
def startup(datasette):
    """The inspect data (newstables.site.inspect_data) carries the build's
    row counts of views as well as tables: Datasette reads a view's count
    there for the view's page. Its list of table counts must name tables
    only (the database page looks up each name's foreign keys), so views
    are left out of it here."""
    async def inner():
        if DATABASE not in datasette.databases:
            return
        db = datasette.get_database(DATABASE)
        counts = db.cached_table_counts if not db.is_mutable else None
        if counts:
            views = set(await db.view_names())
            db._cached_table_counts = {name: n for name, n in counts.items() if name not in views}
    return inner


async def _counted_columns(datasette, database: str) -> set:
    key = (id(datasette), database)
    if key not in _COUNTED:
        db = datasette.get_database(database)
        found = set()
        if not db.is_mutable and "facet_counts" in await db.table_names():
            found = {tuple(r) for r in (await db.execute(
                "select distinct table_name, column_name from facet_counts")).rows}
        _COUNTED[key] = found
    return _COUNTED[key]


_column_facet_results = ColumnFacet.facet_results


async def _facet_results_counted_first(self):
    if self.table and not self.params:
        counted = await _counted_columns(self.ds, self.database)
        if counted:
            self.ds = _CountedFacets(self.ds, self.table, counted)
    return await _column_facet_results(self)


ColumnFacet.facet_results = _facet_results_counted_first


# ---------------------------------------------------------------------------
# robots.txt

ROBOTS_TXT = """\
# newstables: table and row pages may be crawled. Arbitrary SQL, query
# strings (facets, sorting, searches), exports and the database file may not:
# they are unbounded and expensive.
User-agent: *
Disallow: /*?
Disallow: /*.json
Disallow: /*.csv
Disallow: /*.db
Disallow: /-/
Allow: /
"""


async def robots_txt(request):
    return Response.text(ROBOTS_TXT)


@hookimpl
def register_routes():
    return [(r"^/robots\.txt$", robots_txt)]


# ---------------------------------------------------------------------------
# Cells

# Columns of views and query results that hold a row id, and the table it is in.
LINK_COLUMNS = {
    "article_id": "articles",
    "quote_id": "quotes",
    "speaker_id": "actors",
    "actor_id": "actors",
    "subject_id": "actors",
    "location_id": "actors",
    "event_id": "events",
    "figure_id": "figures",
    "date_id": "dates",
    "mention_id": "mentions",
    "statement_id": "statements",
    "story_id": "stories",
}

_MARK_OPEN = str(escape("<mark>"))
_MARK_CLOSE = str(escape("</mark>"))


def highlight_snippet(value: str) -> Markup:
    """Escape an FTS snippet, then restore only its <mark> ... </mark> markers."""
    escaped = str(escape(value))
    return Markup(
        '<span class="snippet">'
        + escaped.replace(_MARK_OPEN, '<mark class="search-hit">').replace(_MARK_CLOSE, "</mark>")
        + "</span>"
    )


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if database != DATABASE:
        return None
    if isinstance(value, str) and column.endswith("snippet"):
        return highlight_snippet(value)
    # Datasette links foreign keys of tables itself; views and queries get ours.
    if column in LINK_COLUMNS and value is not None and isinstance(value, (int, str)):
        if table is None or table in VIEW_NAMES:
            href = datasette.urls.row(DATABASE, LINK_COLUMNS[column], tilde_encode(str(value)))
            return Markup(f'<a href="{escape(href)}">{escape(value)}</a>')
    return None


def table_body_rows(display_rows) -> Markup:
    """The <tr>/<td> rows of a table page, exactly as Datasette's _table.html
    writes them (`<td class="col-{column|to_css_class} type-{value_type}">{value}</td>`,
    every value escaped unless it is already Markup), built in one Python loop:
    Jinja's async per-cell loop cost more than everything else on a table page."""
    css: dict[str, str] = {}
    out = []
    for row in display_rows or ():
        out.append("<tr>")
        for cell in row:
            column = cell["column"]
            cls = css.get(column)
            if cls is None:
                cls = css[column] = str(escape(to_css_class(column)))
            out.append(f'<td class="col-{cls} type-{escape(cell["value_type"])}">'
                       f'{escape(cell["value"])}</td>')
        out.append("</tr>")
    return Markup("\n".join(out))


@hookimpl
def prepare_jinja2_environment(env):
    env.filters["newstables_tbody"] = table_body_rows


VIEW_NAMES = {"who_said_what", "timeline", "figures_measured", "quote_network", "article_summary"}

# ---------------------------------------------------------------------------
# Highlighting the article text

# kind -> (css class, sort rank when two spans start and end together)
KINDS = {"quote": 0, "speaker": 1, "mention": 2, "date": 3, "figure": 3}


def render_highlighted(body: str, spans: list[dict]) -> Markup:
    """The body as HTML with every span wrapped in <mark class="hl hl-KIND">.

    spans: dicts with kind, start, end, href, anchor (element id) and title.
    Spans nest (an actor inside a quote); crossing spans are split. The text
    of each piece links to the innermost span's row; no <a> is nested."""
    n = len(body)
    spans = [s for s in spans
             if isinstance(s.get("start"), int) and isinstance(s.get("end"), int)
             and 0 <= s["start"] < s["end"] <= n]
    for i, s in enumerate(spans):
        s["_key"] = (s["start"], -s["end"], KINDS.get(s["kind"], 9), i)
    starts: dict[int, list[dict]] = {}
    ends: dict[int, list[dict]] = {}
    for s in spans:
        starts.setdefault(s["start"], []).append(s)
        ends.setdefault(s["end"], []).append(s)
    bounds = sorted({0, n, *starts, *ends})
    out: list[str] = []
    stack: list[dict] = []
    active: dict[int, dict] = {}
    opened: set[int] = set()
    for a, b in zip(bounds, bounds[1:]):
        for s in ends.get(a, ()):
            active.pop(id(s), None)
        for s in starts.get(a, ()):
            active[id(s)] = s
        cover = sorted(active.values(), key=lambda s: s["_key"])
        keep = 0
        while keep < len(stack) and keep < len(cover) and stack[keep] is cover[keep]:
            keep += 1
        out.extend("</mark>" for _ in stack[keep:])
        for s in cover[keep:]:
            attrs = f'class="hl hl-{s["kind"]}"'
            if id(s) not in opened and s.get("anchor"):
                attrs += f' id="{escape(s["anchor"])}"'
            if s.get("title"):
                attrs += f' title="{escape(s["title"])}"'
            out.append(f"<mark {attrs}>")
            opened.add(id(s))
        stack = cover
        text = str(escape(body[a:b]))
        if cover and cover[-1].get("href"):
            out.append(f'<a href="{escape(cover[-1]["href"])}">{text}</a>')
        else:
            out.append(text)
    out.extend("</mark>" for _ in stack)
    return Markup("".join(out))


def excerpt(text: str | None, limit: int = 160) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def safe_url(url: str | None) -> str | None:
    """Only http(s) URLs become links (no javascript: from a manifest)."""
    if url and re.match(r"^https?://", url, re.I):
        return url
    return None


# ---------------------------------------------------------------------------
# Template variables


def _row_urls(datasette):
    """url(table, pk) = datasette.urls.row(DATABASE, table, tilde_encode(str(pk))), with
    each table's part worked out once: a page of 500 linked rows builds 500 URLs."""
    tables: dict[str, str] = {}

    def url(table, pk):
        if table not in tables:
            tables[table] = datasette.urls.table(DATABASE, table)
        return PrefixedUrlString(f"{tables[table]}/{tilde_encode(str(pk))}")
    return url


async def _rows(db, sql, params=()):
    return [dict(r) for r in (await db.execute(sql, params)).rows]


def _pk(request) -> str:
    return tilde_decode(request.url_vars.get("pks", ""))


async def article_context(datasette, db, article_id):
    url = _row_urls(datasette)
    articles = await _rows(db, "select * from articles where id = ?", [article_id])
    if not articles:
        return {}
    article = articles[0]
    body = article["body"] or ""
    quotes = await _rows(db, """
        select quotes.*, actors.name as speaker_name, actors.title as speaker_title
        from quotes left join actors on actors.id = quotes.speaker_id
        where quotes.article_id = ? order by quotes.start, quotes.id""", [article_id])
    mentions = await _rows(db, """
        select mentions.*, actors.name as actor_name, actors.type as actor_type
        from mentions left join actors on actors.id = mentions.actor_id
        where mentions.article_id = ? order by mentions.start, mentions.id""", [article_id])
    figures = await _rows(db, """
        select figures.*, units.label as unit_label
        from figures left join units on units.code = figures.unit
        where figures.article_id = ? order by figures.start, figures.id""", [article_id])
    dates = await _rows(db, """select * from dates where article_id = ?
        order by start, id""", [article_id])
    events = await _rows(db, """
        select event_mentions.id as mention_id, event_mentions.text, event_mentions.start,
               event_mentions."end", event_mentions.date_text, events.id as event_id,
               events.type, events.date, events.description
        from event_mentions join events on events.id = event_mentions.event_id
        where event_mentions.article_id = ? order by event_mentions.start, event_mentions.id""",
        [article_id])
    sections = await _rows(db, """select * from sections where article_id = ?
        order by start, id""", [article_id])

    spans = []
    for q in quotes:
        who = q["speaker_name"] or q["speaker_text"] or "unattributed"
        spans.append({"kind": "quote", "start": q["start"], "end": q["end"],
                      "href": url("quotes", q["id"]), "anchor": f"quote-{q['id']}",
                      "title": f"Quote {q['id']} ({q['kind']}): {who}"})
        if q["speaker_start"] is not None and q["speaker_end"] is not None:
            spans.append({"kind": "speaker", "start": q["speaker_start"], "end": q["speaker_end"],
                          "href": url("actors", q["speaker_id"]) if q["speaker_id"] is not None
                          else url("quotes", q["id"]),
                          "anchor": f"speaker-{q['id']}", "title": f"Speaker of quote {q['id']}: {who}"})
    for m in mentions:
        spans.append({"kind": "mention", "start": m["start"], "end": m["end"],
                      "href": url("actors", m["actor_id"]) if m["actor_id"] is not None
                      else url("mentions", m["id"]),
                      "anchor": f"mention-{m['id']}",
                      "title": f"{m['actor_name'] or m['text']} ({m['actor_type'] or 'unresolved'})"})
    for f in figures:
        spans.append({"kind": "figure", "start": f["start"], "end": f["end"],
                      "href": url("figures", f["id"]), "anchor": f"figure-{f['id']}",
                      "title": " ".join(str(x) for x in (
                          f"Figure {f['id']}:", f["comparator"], f["value"], f["unit_label"] or f["unit"],
                          f"— {f['measures']}" if f["measures"] else None) if x is not None)})
    for d in dates:
        spans.append({"kind": "date", "start": d["start"], "end": d["end"],
                      "href": url("dates", d["id"]), "anchor": f"date-{d['id']}",
                      "title": f"Date {d['id']}: {d['value'] or 'unresolved'}"})

    actors: dict[object, dict] = {}
    for m in mentions:
        key = m["actor_id"] if m["actor_id"] is not None else ("text", m["text"])
        entry = actors.setdefault(key, {
            "name": m["actor_name"] or m["text"], "type": m["actor_type"] or "unresolved",
            "href": url("actors", m["actor_id"]) if m["actor_id"] is not None else None,
            "count": 0, "first": f"mention-{m['id']}"})
        entry["count"] += 1
    for q in quotes:
        q["speaker_href"] = url("actors", q["speaker_id"]) if q["speaker_id"] is not None else None
        q["href"] = url("quotes", q["id"])
    for f in figures:
        f["href"] = url("figures", f["id"])
    for d in dates:
        d["href"] = url("dates", d["id"])
    for e in events:
        e["href"] = url("events", e["event_id"])
    for s in sections:
        s["href"] = url("sections", s["id"])

    copies, story = await copies_and_story(datasette, db, article)

    try:
        authors = json.loads(article["authors"] or "[]")
    except ValueError:
        authors = []
    return {
        "article_copies": copies,
        "article_story": story,
        "article": article,
        "article_url": safe_url(article.get("url")),
        "article_authors": authors,
        "article_html": render_highlighted(body, spans),
        "article_quotes": quotes,
        "article_figures": figures,
        "article_dates": dates,
        "article_events": events,
        "article_sections": sections,
        "article_actors": sorted(actors.values(), key=lambda a: (-a["count"], a["name"])),
        "article_counts": {"quotes": len(quotes), "mentions": len(mentions), "figures": len(figures),
                           "dates": len(dates), "events": len(events)},
    }


async def copies_and_story(datasette, db, article):
    """The other copies of an article's text (its original and the original's
    other copies), and its story."""
    if "duplicate_of" not in article:   # a database built before the cross-article stage
        return [], None
    original = article.get("duplicate_of") or article["id"]
    copies = await _rows(db, """select id, title, publisher, published, duplicate_of from articles
        where (id = :o or duplicate_of = :o) and id != :me
        order by published is null, published, id limit 100""", {"o": original, "me": article["id"]})
    for c in copies:
        c["href"] = datasette.urls.row(DATABASE, "articles", tilde_encode(str(c["id"])))
    story = None
    if article.get("story_id") is not None:
        found = await _rows(db, "select * from stories where id = ?", [article["story_id"]])
        if found:
            story = {**found[0], "href": datasette.urls.row(DATABASE, "stories", str(article["story_id"]))}
    return copies, story


async def story_context(datasette, db, story_id):
    """A story: its articles on a timeline, with their publishers and the
    quotes and figures each reports."""
    url = lambda table, pk: datasette.urls.row(DATABASE, table, tilde_encode(str(pk)))  # noqa: E731
    me = await _rows(db, "select * from stories where id = ?", [story_id])
    if not me:
        return {}
    articles = await _rows(db, """select id, title, publisher, published, duplicate_of, word_count
        from articles where story_id = ? order by published is null, published, id limit 500""", [story_id])
    ids = [a["id"] for a in articles]
    marks = ",".join("?" * len(ids))
    quotes = await _rows(db, f"""
        select quotes.id, quotes.article_id, quotes.text, quotes.kind, quotes.statement_id,
               coalesce(actors.name, quotes.speaker_text) as speaker, quotes.speaker_id
        from quotes left join actors on actors.id = quotes.speaker_id
        where quotes.article_id in ({marks}) order by quotes.article_id, quotes.start""", ids) if ids else []
    figures = await _rows(db, f"""
        select figures.id, figures.article_id, figures.text, figures.measures
        from figures where figures.article_id in ({marks}) order by figures.article_id, figures.start""",
        ids) if ids else []
    by_article = {a["id"]: a for a in articles}
    for a in articles:
        a.update(href=url("articles", a["id"]), quotes=[], figures=[])
    for q in quotes:
        q["href"] = url("quotes", q["id"])
        q["statement_href"] = url("statements", q["statement_id"]) if q["statement_id"] else None
        q["speaker_href"] = url("actors", q["speaker_id"]) if q["speaker_id"] is not None else None
        by_article[q["article_id"]]["quotes"].append(q)
    for f in figures:
        f["href"] = url("figures", f["id"])
        by_article[f["article_id"]]["figures"].append(f)
    statements = await _rows(db, f"""
        select statements.id, statements.text, statements.outlet_count,
               coalesce(actors.name, statements.speaker_text) as speaker
        from statements left join actors on actors.id = statements.speaker_id
        where statements.id in (select statement_id from quotes where article_id in ({marks}))
        order by statements.outlet_count desc, statements.id limit 50""", ids) if ids else []
    for st in statements:
        st["href"] = url("statements", st["id"])
    return {"story_row": me[0], "story_articles": articles, "story_statements": statements}


async def statement_context(datasette, db, statement_id):
    """A statement: every version side by side, with its outlet and date."""
    url = lambda table, pk: datasette.urls.row(DATABASE, table, tilde_encode(str(pk)))  # noqa: E731
    me = await _rows(db, """select statements.*, actors.name as speaker_name from statements
        left join actors on actors.id = statements.speaker_id where statements.id = ?""", [statement_id])
    if not me:
        return {}
    versions = await _rows(db, """
        select quotes.id, quotes.text, quotes.kind, quotes.cue, quotes.speaker_text, quotes.article_id,
               articles.title, articles.publisher, articles.published, articles.duplicate_of
        from quotes join articles on articles.id = quotes.article_id
        where quotes.statement_id = ? order by articles.published is null, articles.published,
              articles.id, quotes.start limit 200""", [statement_id])
    for v in versions:
        v["href"] = url("quotes", v["id"])
        v["article_href"] = url("articles", v["article_id"]) + f"#quote-{v['id']}"
    row = me[0]
    row["speaker_href"] = url("actors", row["speaker_id"]) if row["speaker_id"] is not None else None
    return {"statement_row": row, "statement_versions": versions}


# Row tables whose rows are a span of an article body: (anchor prefix, kind).
SPAN_TABLES = {"quotes": "quote", "figures": "figure", "dates": "date", "mentions": "mention",
               "event_mentions": "event", "sections": "section"}


async def span_context(datasette, db, table, pk):
    """A quote/figure/date/mention row shown in its place in the article."""
    rows = await _rows(db, f'select article_id, start, "end" from [{table}] where id = ?', [pk])
    if not rows:
        return {}
    row = rows[0]
    articles = await _rows(db, "select id, title, body from articles where id = ?", [row["article_id"]])
    if not articles:
        return {}
    body = articles[0]["body"] or ""
    start, end = row["start"], row["end"]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(body)):
        return {}
    kind = SPAN_TABLES[table]
    lo = max(0, start - 300)
    hi = min(len(body), end + 300)
    if kind == "section":  # a whole live-feed entry: show its opening only
        lo, hi, end = start, min(end, start + 600), min(end, start + 600)
    context_html = Markup("".join([
        "…" if lo > 0 else "",
        str(escape(body[lo:start])),
        f'<mark class="hl hl-{kind}">', str(escape(body[start:end])), "</mark>",
        str(escape(body[end:hi])),
        "…" if hi < len(body) else "",
    ]))
    who = None
    if table in ("quotes", "mentions"):
        column = "speaker_id" if table == "quotes" else "actor_id"
        found = await _rows(db, f"""select actors.id, actors.name, actors.type, actors.title from [{table}]
            join actors on actors.id = [{table}].{column} where [{table}].id = ?""", [pk])
        if found:
            who = {**found[0], "role": "Speaker" if table == "quotes" else "Actor",
                   "href": datasette.urls.row(DATABASE, "actors", str(found[0]["id"]))}
    anchor = f"{kind}-{pk}" if kind in ("quote", "figure", "date", "mention") else ""
    article_href = datasette.urls.row(DATABASE, "articles", tilde_encode(str(row["article_id"])))
    return {
        "span_article": articles[0],
        "span_article_href": article_href + (f"#{anchor}" if anchor else ""),
        "span_context_html": context_html,
        "span_actor": who,
    }


async def actor_context(datasette, db, actor_id):
    url = _row_urls(datasette)
    quotes = await _rows(db, """
        select quotes.id, quotes.text, quotes.kind, quotes.article_id, articles.title as article_title,
               articles.published
        from quotes join articles on articles.id = quotes.article_id
        where quotes.speaker_id = ? order by articles.published, quotes.article_id, quotes.start
        limit 500""", [actor_id])
    # actor_articles is counted at load time and indexed by (actor_id, published, article_id)
    articles = await _rows(db, """
        select article_id as id, title, published, mentions from actor_articles
        where actor_id = ? order by published, article_id limit 500""", [actor_id])
    events = await _rows(db, """
        select events.id, events.type, events.date, events.description, event_actors.role
        from event_actors join events on events.id = event_actors.event_id
        where event_actors.actor_id = ?
        order by events.date is null, events.date, events.id limit 500""", [actor_id])
    try:  # the quote_network view comes from schema/views.sql
        about = await _rows(db, """
            select subject_id, subject, quotes from quote_network where speaker_id = ?
            order by quotes desc, subject limit 50""", [actor_id])
        quoted_by = await _rows(db, """
            select speaker_id, speaker, quotes from quote_network where subject_id = ?
            order by quotes desc, speaker limit 50""", [actor_id])
    except Exception:
        about, quoted_by = [], []
    aliases = await _rows(db, "select alias, mention_count from actor_aliases where actor_id = ? "
                              "order by mention_count desc, alias", [actor_id])
    for q in quotes:
        q["href"] = url("quotes", q["id"])
        q["article_href"] = url("articles", q["article_id"]) + f"#quote-{q['id']}"
    for a in articles:
        a["href"] = url("articles", a["id"])
    for e in events:
        e["href"] = url("events", e["id"])
    for x in about:
        x["href"] = url("actors", x["subject_id"])
    for x in quoted_by:
        x["href"] = url("actors", x["speaker_id"])
    me = await _rows(db, "select name, type, title, affiliation, wikidata from actors where id = ?", [actor_id])
    return {"actor_row": me[0] if me else None, "actor_quotes": quotes, "actor_articles": articles, "actor_events": events,
            "actor_about": about, "actor_quoted_by": quoted_by, "actor_aliases": aliases}


async def event_context(datasette, db, event_id):
    url = _row_urls(datasette)
    mentions = await _rows(db, """
        select event_mentions.id, event_mentions.text, event_mentions.date_text, event_mentions.article_id,
               articles.title as article_title, articles.published
        from event_mentions join articles on articles.id = event_mentions.article_id
        where event_mentions.event_id = ? order by articles.published, event_mentions.id limit 500""",
        [event_id])
    actors = await _rows(db, """
        select actors.id, actors.name, actors.type, event_actors.role
        from event_actors join actors on actors.id = event_actors.actor_id
        where event_actors.event_id = ? order by event_actors.role, actors.name""", [event_id])
    for m in mentions:
        m["href"] = url("event_mentions", m["id"])
        m["article_href"] = url("articles", m["article_id"])
    for a in actors:
        a["href"] = url("actors", a["id"])
    me = await _rows(db, """select events.*, places.name as location from events
        left join actors as places on places.id = events.location_id where events.id = ?""", [event_id])
    return {"event_row": me[0] if me else None, "event_mentions_list": mentions, "event_actors_list": actors}


# Colours per event type when the database predates event_types.colour.
TYPE_COLOURS = {
    "meeting": "#1f77b4", "call": "#17becf", "visit": "#2ca02c", "statement": "#7f7f7f",
    "agreement": "#9467bd", "proposal": "#bcbd22", "military_action": "#d62728",
    "sanctions": "#ff7f0e", "aid": "#8c564b", "other": "#c7c7c7",
}
FALLBACK_COLOUR = "#999999"


async def event_type_styles(db) -> list[dict]:
    """Every event type with its label, family and colour, from the
    event_types table (schema/event_types.yml), in the table's order."""
    columns = {c.name for c in await db.table_column_details("event_types")}
    extra = ", ".join(c for c in ("family", "colour") if c in columns)
    rows = await _rows(db, f"select code, label{', ' + extra if extra else ''} from event_types order by rowid")
    for row in rows:
        row.setdefault("family", "other")
        row["family"] = row["family"] or "other"
        row["colour"] = row.get("colour") or TYPE_COLOURS.get(row["code"], FALLBACK_COLOUR)
    return rows


def _event_filter(args, styles: list[dict]) -> tuple[str, list, dict]:
    """SQL condition, its parameters and a description for the charts page's
    filter: ?type=CODE or ?family=NAME (unknown values are ignored)."""
    codes = {s["code"] for s in styles}
    families = {s["family"] for s in styles}
    chosen_type = args.get("type") if args.get("type") in codes else None
    chosen_family = args.get("family") if args.get("family") in families and not chosen_type else None
    if chosen_type:
        return " and type = ?", [chosen_type], {"type": chosen_type, "family": None}
    if chosen_family:
        members = [s["code"] for s in styles if s["family"] == chosen_family]
        return (f" and type in ({', '.join('?' * len(members))})", members,
                {"type": None, "family": chosen_family})
    return "", [], {"type": None, "family": None}


async def charts_context(datasette, db, args=None):
    # A statement carried by many outlets counts once, the quotes of a
    # republished copy not at all: actors.statement_count, counted at load
    # time (no count over every quote per visit).
    speakers = await _rows(db, """
        select id, name, coalesce(statement_count, quote_count) as quotes from actors
        where coalesce(statement_count, quote_count) > 0
        order by quotes desc, name limit 25""")
    top = max([s["quotes"] for s in speakers] or [1])
    bar_width = 520
    for i, s in enumerate(speakers):
        s["y"] = i * 22
        s["width"] = max(1, round(bar_width * s["quotes"] / top))
        s["href"] = datasette.urls.table(DATABASE, "quotes") + f"?speaker_id={s['id']}"
        s["actor_href"] = datasette.urls.row(DATABASE, "actors", str(s["id"]))

    styles = await event_type_styles(db)
    colours = {s["code"]: s["colour"] for s in styles}
    where, params, chosen = _event_filter(args or {}, styles)
    cells = await _rows(db, f"""
        select substr(date, 1, 7) as period, type, count(*) as events
        from events where date is not null and length(date) >= 7 and substr(date, 6, 1) != 'W'{where}
        group by period, type order by period, type""", params)
    years_only = await _rows(db, f"""
        select date as year, count(*) as events from events
        where (length(date) = 4 or date glob '[0-9][0-9][0-9][0-9]-W*'){where}
        group by date order by date""", params)
    undated = (await db.execute(f"select count(*) from events where date is null{where}", params)).rows[0][0]
    counts = {r["type"]: r["events"] for r in await _rows(
        db, "select type, count(*) as events from events group by type")}
    months = stacked_columns(datasette, cells, colours)
    busiest = max(months["columns"], key=lambda c: c["total"])["period"] if months["columns"] else None
    days = None
    if busiest:
        day_cells = await _rows(db, f"""
            select date as period, type, count(*) as events from events
            where length(date) = 10 and date like ? || '-%'{where}
            group by date, type order by date, type""", [busiest, *params])
        days = stacked_columns(datasette, day_cells, colours)
    events_url = datasette.urls.table(DATABASE, "events")
    legend, families = [], []
    for style in styles:
        if not counts.get(style["code"]):
            continue  # the legend lists the types in use
        legend.append({**style, "events": counts[style["code"]], "href": f"?type={style['code']}",
                       "rows_href": f"{events_url}?type={style['code']}",
                       "chosen": chosen["type"] == style["code"]})
        if style["family"] not in [f["name"] for f in families]:
            families.append({"name": style["family"], "href": f"?family={style['family']}",
                             "chosen": chosen["family"] == style["family"]})
    chosen_label = next((s["label"] for s in styles if s["code"] == chosen["type"]), None) or chosen["family"]
    return {
        "chart_speakers": speakers,
        "chart_speakers_height": max(22, 22 * len(speakers)),
        "chart_bar_width": bar_width,
        "chart_months": months,
        "chart_busiest_month": busiest,
        "chart_days": days,
        "chart_years_only": years_only,
        "chart_undated": undated,
        "chart_type_colours": colours,
        "chart_legend": legend,
        "chart_families": families,
        "chart_filter": chosen_label,
        "chart_filter_query": (f"type={chosen['type']}" if chosen["type"] else
                               f"family={chosen['family']}" if chosen["family"] else ""),
    }


def stacked_columns(datasette, cells, colours, height=220):
    """Columns of stacked bars, one per period (a month or a day), one segment
    per event type; each segment links to the events it counts."""
    periods = sorted({c["period"] for c in cells})
    totals = {p: 0 for p in periods}
    for c in cells:
        totals[c["period"]] += c["events"]
    peak = max(totals.values() or [1])
    width = 34 if len(periods) <= 24 else max(8, 820 // max(1, len(periods)))
    columns = []
    for i, period in enumerate(periods):
        y = height
        segments = []
        for c in (c for c in cells if c["period"] == period):
            h = max(1, round(height * c["events"] / peak))
            y -= h
            segments.append({
                "type": c["type"], "events": c["events"], "y": y, "height": h,
                "colour": colours.get(c["type"], FALLBACK_COLOUR),
                "href": datasette.urls.table(DATABASE, "events")
                + f"?type={c['type']}&date__startswith={period}",
            })
        columns.append({"period": period, "x": i * width, "total": totals[period],
                        "segments": segments, "label_y": height + 14})
    return {"columns": columns, "column_width": width, "width": max(300, width * len(periods) + 80),
            "height": height}


async def index_context(datasette):
    """The home page: every table and view with its description and size."""
    if DATABASE not in datasette.databases:
        return {}
    db = datasette.get_database(DATABASE)
    meta = (datasette.metadata() or {}).get("databases", {}).get(DATABASE, {})
    table_meta = meta.get("tables", {})
    counts = await db.table_counts(limit=50)
    hidden = set(await db.hidden_table_names())
    views = set(await db.view_names())
    existing = [t for t in await db.table_names() if t not in hidden] + sorted(views)
    order = {name: i for i, name in enumerate(table_meta)}
    existing.sort(key=lambda name: (order.get(name, len(order)), name))
    tables, view_list = [], []
    for name in existing:
        entry = {
            "name": name,
            "href": datasette.urls.table(DATABASE, name),
            "description": (table_meta.get(name) or {}).get("description", ""),
            "count": counts.get(name),
        }
        (view_list if name in views else tables).append(entry)
    queries = [
        {"name": name, "href": datasette.urls.table(DATABASE, name),
         "title": q.get("title", name), "description": q.get("description", "")}
        for name, q in (meta.get("queries") or {}).items()
    ]
    return {"site_tables": tables, "site_views": view_list, "site_queries": queries,
            "site_database_href": datasette.urls.database(DATABASE)}


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    async def inner():
        if request is None:
            return {}
        if view_name == "index":
            return await index_context(datasette)
        if view_name == "page" and template == "pages/charts.html":
            if DATABASE not in datasette.databases:
                return {}
            return await charts_context(datasette, datasette.get_database(DATABASE), request.args)
        if view_name != "row" or database != DATABASE:
            return {}
        db = datasette.get_database(DATABASE)
        pk = _pk(request)
        if table == "articles":
            return await article_context(datasette, db, pk)
        if table in SPAN_TABLES:
            return await span_context(datasette, db, table, pk)
        if table == "actors":
            return await actor_context(datasette, db, pk)
        if table == "events":
            return await event_context(datasette, db, pk)
        if table == "stories":
            return await story_context(datasette, db, pk)
        if table == "statements":
            return await statement_context(datasette, db, pk)
        return {}

    return inner
