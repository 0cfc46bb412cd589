"""The corpus model and reader, for the stages that use them: the ingest
stage (newstables.ingest) defines them; this name stays for its callers."""
from .ingest import (METADATA_FIELDS, SUPPORTED, Article, CorpusError, Ingested, Problem, Section, Source, build_article,
                     clean_text, cleaning_rules, find_sections, ingest, parse_heading_date, read_corpus)

__all__ = ["Article", "CorpusError", "Ingested", "METADATA_FIELDS", "Problem", "SUPPORTED", "Section", "Source",
           "build_article", "clean_text", "cleaning_rules", "find_sections", "ingest", "parse_heading_date",
           "read_corpus"]
