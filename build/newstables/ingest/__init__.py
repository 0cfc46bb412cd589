"""The ingest stage: a corpus folder in, one Article per document out.

One reader per format, all ending in `clean.build_article`, so every format
gives the same Article (cleaned body, metadata with its source, sections,
language, raw text, original bytes where they differ from the raw text):

  read_text     .txt, with metadata from manifest.yml
  read_records  .jsonl and .csv records (a record's `html` goes to read_html)
  read_html     .html, .htm, .html.gz: trafilatura's main text and metadata
  read_warc     .warc, .warc.gz: every HTML 200 response, via read_html
  folder        walks the folder, accounts for every file, drops duplicate ids

Text input loses its markup first (markup.py); the language is detected on
the body (language.py).
"""
from .clean import build_article, clean_text, find_sections, parse_heading_date
from .folder import SUPPORTED, ingest, read_corpus
from .metadata import METADATA_FIELDS
from .model import Article, CorpusError, Ingested, Problem, Section, Source
from .rules import cleaning_rules

__all__ = ["Article", "CorpusError", "Ingested", "METADATA_FIELDS", "Problem", "SUPPORTED", "Section", "Source",
           "build_article", "clean_text", "cleaning_rules", "find_sections", "ingest", "parse_heading_date",
           "read_corpus"]
