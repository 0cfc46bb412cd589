"""The one place that knows how the database is served.

`datasette_command` gives the `datasette serve` command line (used by
`newstables serve`, `make serve` and the browser tests); `make_datasette`
builds the same server in-process for tests through Datasette's test client.
Both take their options from `SETTINGS` and `site_paths`, so the served site
and the tested site cannot drift apart.

Safety: the database is opened immutable (`-i`: read-only connection, no
write path), queries stop at `sql_time_limit_ms`, facets at
`facet_time_limit_ms`, a page holds at most `max_returned_rows`, and
`suggest_facets` is off (it makes table pages ~13x slower). The plugin in
plugins/ adds the security headers and robots.txt.

Speed: the rows of every table and view were counted when the database was
built (build_info "rows:NAME"); they reach Datasette as its inspect data
(`inspect_data`), so a table page does not count its table on every visit.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .settings import PROJECT_DIR

# Datasette settings, as `--setting NAME VALUE`.
SETTINGS: dict[str, object] = {
    "suggest_facets": False,        # ~13x slower table pages when on
    "sql_time_limit_ms": 1000,      # a runaway query is interrupted after 1 s
    "max_returned_rows": 1000,      # rows per page / per custom query
    "facet_time_limit_ms": 200,     # a facet that takes longer is skipped
    "default_page_size": 50,
    "truncate_cells_html": 240,     # article bodies in table views: a snippet
    "allow_download": True,         # the immutable .db file can be downloaded
    "default_cache_ttl": 300,       # immutable data: let browsers cache pages
    # SQL in the event loop's own thread, not a pool: the queries take
    # 0.1-4 ms, and under load handing each of a page's ~15 queries to a pool
    # thread and back waited on the GIL (table pages p99 334 -> ~200 ms at
    # 8 clients). sql_time_limit_ms still interrupts a runaway query.
    "num_sql_threads": 0,
}


def inspect_data(db_path: Path | str) -> dict | None:
    """Datasette's inspect data (table -> row count) for a database that
    records its counts in build_info; None for one that does not."""
    from .load import read_build_info

    db_path = Path(db_path)
    info = read_build_info(db_path) or {}
    tables = {k.removeprefix("rows:"): {"count": int(v)} for k, v in info.items() if k.startswith("rows:")}
    if not tables:
        return None
    tables["build_info"] = {"count": len(info)}
    return {db_path.stem: {"file": db_path.name, "hash": info.get("corpus_hash", "") + info.get("code_hash", ""),
                           "size": db_path.stat().st_size, "tables": tables}}


def site_paths(project_dir: Path | str = PROJECT_DIR) -> dict[str, Path]:
    """Where the site's customisation lives."""
    project_dir = Path(project_dir)
    return {
        "metadata": project_dir / "metadata.yml",
        "templates": project_dir / "templates",
        "plugins": project_dir / "plugins",
        "static": project_dir / "static",
    }


def _setting_value(value: object) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value)


def datasette_command(db_path: Path | str, port: int = 8001, host: str = "127.0.0.1",
                      project_dir: Path | str = PROJECT_DIR, workers: int = 1) -> list[str]:
    """The `datasette serve` command that publishes `db_path` read-only.

    The database is named after the file's stem: dist/news.db is served as
    /news. With workers > 1 the same site runs in that many processes under
    uvicorn (`python -m newstables.site`): Datasette renders pages in one
    Python thread, so one process uses one core at most."""
    if workers > 1:
        return [sys.executable, "-m", "newstables.site", str(db_path), "--host", host,
                "--port", str(port), "--workers", str(workers), "--project-dir", str(project_dir)]
    paths = site_paths(project_dir)
    datasette = Path(sys.executable).with_name("datasette")
    command = [
        str(datasette) if datasette.exists() else "datasette", "serve",
        "-i", str(db_path),
        "--host", host,
        "--port", str(port),
        "--metadata", str(paths["metadata"]),
        "--template-dir", str(paths["templates"]),
        "--plugins-dir", str(paths["plugins"]),
        "--static", f"static:{paths['static']}",
    ]
    for name, value in SETTINGS.items():
        command += ["--setting", name, _setting_value(value)]
    counts = inspect_data(db_path)
    if counts:
        import json
        import tempfile

        fd, inspect_file = tempfile.mkstemp(prefix="newstables-inspect-", suffix=".json")
        with open(fd, "w", encoding="utf-8") as out:
            json.dump(counts, out)
        command += ["--inspect-file", inspect_file]
    return command


def load_metadata(project_dir: Path | str = PROJECT_DIR) -> dict:
    import yaml

    return yaml.safe_load(site_paths(project_dir)["metadata"].read_text(encoding="utf-8"))


def make_datasette(db_path: Path | str, project_dir: Path | str = PROJECT_DIR):
    """A `datasette.app.Datasette` configured exactly as `datasette_command`
    serves it, for `await ds.client.get(...)` in tests."""
    from datasette.app import Datasette

    paths = site_paths(project_dir)
    return Datasette(
        files=[],
        immutables=[str(db_path)],
        metadata=load_metadata(project_dir),
        template_dir=str(paths["templates"]),
        plugins_dir=str(paths["plugins"]),
        static_mounts=[("static", str(paths["static"]))],
        settings=dict(SETTINGS),
        inspect_data=inspect_data(db_path),
    )


def asgi_app():
    """ASGI app factory for uvicorn workers: the database and project come
    from NEWSTABLES_SERVE_DB and NEWSTABLES_SERVE_PROJECT."""
    import os

    ds = make_datasette(os.environ["NEWSTABLES_SERVE_DB"],
                        os.environ.get("NEWSTABLES_SERVE_PROJECT", str(PROJECT_DIR)))
    return ds.app()


def tcp_listener(sock):
    """The listening socket uvicorn bound for its worker processes, re-wrapped
    as IPPROTO_TCP.

    uvicorn's Config.bind_socket leaves `proto` at 0; accepted connections
    inherit it, and asyncio turns TCP_NODELAY on only for sockets whose proto
    is IPPROTO_TCP. With Nagle's algorithm left on, every keep-alive response
    after a connection's first waited for the client's delayed ACK: ~44 ms on
    every page, even robots.txt, with --workers 2 (uvicorn issue #3149)."""
    import socket

    if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.proto != socket.IPPROTO_TCP:
        inheritable = sock.get_inheritable()
        sock = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
        sock.set_inheritable(inheritable)
    return sock


def main(argv: list[str] | None = None) -> None:
    """`python -m newstables.site DB --port P --workers N`: the site in N processes."""
    import argparse
    import os

    import uvicorn
    from uvicorn.supervisors import Multiprocess

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("db")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--project-dir", default=str(PROJECT_DIR))
    args = parser.parse_args(argv)
    os.environ["NEWSTABLES_SERVE_DB"] = os.path.abspath(args.db)  # keep a symlink's name
    os.environ["NEWSTABLES_SERVE_PROJECT"] = str(Path(args.project_dir).resolve())
    config = uvicorn.Config("newstables.site:asgi_app", factory=True, host=args.host, port=args.port,
                            workers=args.workers, lifespan="on", log_level="warning", access_log=False)
    if config.workers > 1:   # what uvicorn.run does, with the listener fixed by tcp_listener
        Multiprocess(config, sockets=[tcp_listener(config.bind_socket())]).run()
    else:
        uvicorn.Server(config).run()


if __name__ == "__main__":
    main()
