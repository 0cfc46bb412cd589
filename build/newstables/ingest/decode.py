"""Bytes to text, with a clear reason when that cannot be done.

Text input (.txt, .jsonl, .csv) must be UTF-8. Web pages say their encoding
themselves: a byte-order mark, the HTTP Content-Type (in a WARC record) or a
`<meta charset>` (or XHTML's `<?xml encoding>`) in the first few kilobytes,
in that order (the HTML standard's order); a page that declares nothing is
read as UTF-8 if it is,
else as Windows-1252, the web's usual fallback. A page whose bytes break its
own declaration is still read (with the fallback), and that is reported.
"""
from __future__ import annotations

import codecs
import gzip
import re
import zlib

GZIP_MAGIC = b"\x1f\x8b"
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)"""
                          rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I)
BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
FALLBACK = "windows-1252"


class Unreadable(ValueError):
    """Why bytes cannot be read as text; the message names the reason."""


def gunzip(data: bytes) -> bytes:
    try:
        return gzip.decompress(data)
    except (EOFError, OSError, zlib.error) as exc:
        raise Unreadable(f"not a readable gzip file ({_reason(exc)})") from None


def text_input(data: bytes) -> str:
    """A UTF-8 text file (a byte-order mark allowed)."""
    if not data.strip():
        raise Unreadable("empty file")
    if b"\x00" in data:
        raise Unreadable("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unreadable(f"not UTF-8 text (byte {exc.start}: {exc.reason})") from None


def page(data: bytes, http_charset: str | None = None) -> tuple[str, str, str | None]:
    """(text, encoding used, a note when the page's declaration was wrong)."""
    if not data.strip():
        raise Unreadable("empty page")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace"), encoding, None
    head = data[:4096]
    if b"\x00" in head or not re.search(rb"<\s*[!A-Za-z]", head):
        raise Unreadable("not an HTML page (binary data, or no markup at its start)")
    declared = _known(http_charset) or _known(_meta_charset(head), in_page=True)
    if declared:
        try:
            return data.decode(declared), declared, None
        except UnicodeDecodeError as exc:
            if declared != "utf-8":
                note = f"byte {exc.start} is not {declared} as the page declares; such bytes replaced"
                return data.decode(declared, errors="replace"), declared, note
            note = f"declares utf-8 but byte {exc.start} is not; read as {FALLBACK}"
            return data.decode(FALLBACK, errors="replace"), FALLBACK, note
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError:
        return data.decode(FALLBACK, errors="replace"), FALLBACK, None


def _meta_charset(head: bytes) -> str | None:
    match = META_CHARSET.search(head)
    return (match.group(1) or match.group(2)).decode("ascii") if match else None


def _known(name: str | None, in_page: bool = False) -> str | None:
    """Python's name for an encoding label, or None. As the HTML standard
    says, Latin-1 and ASCII labels mean Windows-1252, and a page that names
    UTF-16 in its own (ASCII-readable) markup is UTF-8."""
    if not name:
        return None
    try:
        canonical = codecs.lookup(name.strip()).name
    except LookupError:
        return None
    if canonical in ("latin-1", "iso8859-1", "ascii"):
        return FALLBACK
    if in_page and canonical.startswith("utf-16"):
        return "utf-8"
    return canonical


def _reason(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return "the file ends too early" if isinstance(exc, EOFError) else text
