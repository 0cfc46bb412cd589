-- The single definition of the published tables (see ../shared/CONTRACT.md).
-- The build creates a fresh database from this file, then fills it.
-- Contract columns may be added to, never renamed or dropped.

PRAGMA foreign_keys = ON;

-- Vocabularies: published so Datasette can show a label for every code.
CREATE TABLE units (
    code TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    dimension TEXT NOT NULL          -- share, area, length, time, count, money, scale
);

CREATE TABLE event_types (
    code TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    description TEXT,
    family TEXT,                     -- the group of types shown together on the charts page
    cameo TEXT,                      -- the nearest CAMEO root code ("04"), or NULL
    colour TEXT                      -- the type's colour in charts
);

CREATE TABLE actor_types (
    code TEXT PRIMARY KEY,
    label TEXT NOT NULL
);

CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    file TEXT NOT NULL,
    line INTEGER,                     -- line of a JSON Lines file, else NULL
    title TEXT,
    publisher TEXT,
    url TEXT,
    dateline TEXT,
    published TEXT CHECK (published IS NULL OR published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    published_basis TEXT,             -- how the publication date was established
    authors TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(authors) AND json_type(authors) = 'array'),
    body TEXT NOT NULL,
    word_count INTEGER NOT NULL CHECK (word_count >= 0),
    raw TEXT NOT NULL,                -- the file's text before cleaning: nothing is lost
    content_hash TEXT NOT NULL,       -- sha256 of raw, for incremental builds
    metadata_source TEXT NOT NULL,    -- manifest, jsonl, inferred or a mix (per field, as JSON)
    language TEXT CHECK (language IS NULL OR language GLOB '[a-z][a-z]'),  -- ISO 639-1, NULL if unknown
    duplicate_of TEXT REFERENCES articles(id),   -- the earliest copy of the same text, or NULL
    story_id INTEGER REFERENCES stories(id)      -- the story the article reports
);
-- the site's default sort and facets
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_publisher ON articles(publisher);
CREATE INDEX articles_language ON articles(language);

-- The bytes an article was read from, where its raw text is not those bytes:
-- a web page or WARC record (raw is the text taken from the page), or text
-- input from which markup was removed. gzip-compressed: nothing is lost.
CREATE TABLE article_sources (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    media_type TEXT NOT NULL,         -- text/html; charset=..., text/plain
    charset TEXT,                     -- the encoding the bytes were read with
    size INTEGER NOT NULL CHECK (size >= 0),   -- bytes before compression
    sha256 TEXT NOT NULL,             -- of the original bytes
    content_gzip BLOB NOT NULL        -- the original bytes, gzip-compressed
);

CREATE INDEX articles_duplicate_of ON articles(duplicate_of);
CREATE INDEX articles_story_id ON articles(story_id);

-- Articles that report one happening (filled by the cross-article stage).
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    label TEXT NOT NULL,              -- the words that weigh most across its articles
    first_published TEXT,
    last_published TEXT,
    article_count INTEGER NOT NULL CHECK (article_count >= 1),
    outlet_count INTEGER NOT NULL CHECK (outlet_count >= 1)
);
CREATE INDEX stories_first_published ON stories(first_published);
CREATE INDEX stories_article_count ON stories(article_count);

-- A live feed's dated entries: later stages resolve "on Thursday" against the
-- day of the heading an entry stands under.
CREATE TABLE sections (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id),
    heading TEXT NOT NULL,
    date TEXT CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    CHECK (start <= "end")
);
CREATE INDEX sections_article_id ON sections(article_id);

CREATE TABLE actors (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL REFERENCES actor_types(code)
        CHECK (type IN ('person', 'organization', 'country', 'place', 'group')),
    title TEXT,
    affiliation TEXT,
    wikidata TEXT CHECK (wikidata IS NULL OR wikidata GLOB 'Q[0-9]*'),
    mention_count INTEGER NOT NULL DEFAULT 0,
    article_count INTEGER NOT NULL DEFAULT 0,
    quote_count INTEGER NOT NULL DEFAULT 0,
    statement_count INTEGER DEFAULT 0   -- distinct statements (one carried by many outlets counts once); NULL if never linked
);
CREATE INDEX actors_type ON actors(type);
CREATE INDEX actors_name ON actors(name);
-- For the site's pages: the actors table in its default order (most
-- mentioned first), filtered by type, and the charts' most quoted speakers
-- (without them each is a sort of every actor: ~15 ms at 20,000 articles).
CREATE INDEX actors_mention_count ON actors(mention_count);
CREATE INDEX actors_type_mention_count ON actors(type, mention_count);
CREATE INDEX actors_statements ON actors(coalesce(statement_count, quote_count) DESC, name);

CREATE TABLE actor_aliases (
    actor_id INTEGER NOT NULL REFERENCES actors(id),
    alias TEXT NOT NULL,
    mention_count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (actor_id, alias)
);
CREATE INDEX actor_aliases_alias ON actor_aliases(alias);

CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id),
    actor_id INTEGER REFERENCES actors(id),
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    CHECK (start < "end")
);
CREATE INDEX mentions_article_id ON mentions(article_id, start);   -- also: the mentions inside a quote, by range
CREATE INDEX mentions_actor_id ON mentions(actor_id);

CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id),
    speaker_id INTEGER REFERENCES actors(id),
    speaker_text TEXT,
    text TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('direct', 'indirect', 'mixed')),
    cue TEXT,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    speaker_start INTEGER,            -- offsets of speaker_text, where it is in the body
    speaker_end INTEGER,
    statement_id INTEGER REFERENCES statements(id),   -- the statement other articles report too, or NULL
    CHECK (start < "end")
);
CREATE INDEX quotes_article_id ON quotes(article_id);
CREATE INDEX quotes_speaker_id ON quotes(speaker_id);
CREATE INDEX quotes_kind ON quotes(kind);
CREATE INDEX quotes_statement_id ON quotes(statement_id);

-- One thing someone said, as several articles reported it (cross-article stage).
CREATE TABLE statements (
    id INTEGER PRIMARY KEY,
    speaker_id INTEGER REFERENCES actors(id),
    speaker_text TEXT,                -- the description of an unnamed source, when speaker_id is NULL
    text TEXT NOT NULL,               -- a representative version (the first direct one, else the longest)
    first_article_id TEXT NOT NULL REFERENCES articles(id),
    first_published TEXT,
    quote_count INTEGER NOT NULL CHECK (quote_count >= 2),
    article_count INTEGER NOT NULL CHECK (article_count >= 2),
    outlet_count INTEGER NOT NULL CHECK (outlet_count >= 1)
);
CREATE INDEX statements_speaker_id ON statements(speaker_id);
CREATE INDEX statements_first_article_id ON statements(first_article_id);

CREATE TABLE figures (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id),
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    value REAL,
    value_max REAL,                   -- upper bound of a range ("between 10 and 20")
    unit TEXT REFERENCES units(code),
    per TEXT,                         -- a rate's denominator: "$60 a barrel" is unit usd, per barrel
    comparator TEXT NOT NULL DEFAULT '=' CHECK (comparator IN ('=', '~', '<', '>', '<=', '>=')),
    measures TEXT,
    source TEXT,                      -- "according to Russian estimates"
    CHECK (start < "end")
);
CREATE INDEX figures_article_id ON figures(article_id);
CREATE INDEX figures_unit ON figures(unit);
CREATE INDEX figures_comparator ON figures(comparator);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL REFERENCES event_types(code),  -- the codes of schema/event_types.yml
    date TEXT,
    date_precision TEXT CHECK (date_precision IS NULL OR date_precision IN ('day', 'week', 'month', 'year')),
    description TEXT NOT NULL,
    location_id INTEGER REFERENCES actors(id),
    mention_count INTEGER NOT NULL DEFAULT 0,
    article_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_location_id ON events(location_id);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_date_precision ON events(date_precision);
-- The charts page counts events by period and type: read from this index
-- instead of the events' rows.
CREATE INDEX events_date_type ON events(date, type);

CREATE TABLE event_mentions (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id),
    article_id TEXT NOT NULL REFERENCES articles(id),
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    date_text TEXT,
    trigger TEXT,                     -- the word that signalled the event ("talks", "met")
    CHECK (start < "end")
);
CREATE INDEX event_mentions_event_id ON event_mentions(event_id);
CREATE INDEX event_mentions_article_id ON event_mentions(article_id);

CREATE TABLE event_actors (
    event_id INTEGER NOT NULL REFERENCES events(id),
    actor_id INTEGER NOT NULL REFERENCES actors(id),
    role TEXT NOT NULL CHECK (role IN ('agent', 'patient', 'participant')),
    PRIMARY KEY (event_id, actor_id, role)
);
CREATE INDEX event_actors_actor_id ON event_actors(actor_id);
CREATE INDEX event_actors_role ON event_actors(role);

CREATE TABLE dates (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id),
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    value TEXT,
    precision TEXT,
    reference TEXT,                   -- the day it was resolved against (publication or live-feed heading)
    CHECK (start < "end")
);
CREATE INDEX dates_article_id ON dates(article_id);
CREATE INDEX dates_value ON dates(value);
CREATE INDEX dates_precision ON dates(precision);

-- How this database was built: corpus hash, package versions, model.
CREATE TABLE build_info (
    key TEXT PRIMARY KEY,
    value TEXT
);

-- Articles that could not be read, and why (the build goes on without them).
CREATE TABLE build_problems (
    id INTEGER PRIMARY KEY,
    file TEXT NOT NULL,
    line INTEGER,
    problem TEXT NOT NULL
);

-- Counted at load time, for the site: how many rows of a table hold each value
-- of a column that schema.sql indexes by itself. The site answers an
-- unfiltered table page's facets from here instead of counting the table.
CREATE TABLE facet_counts (
    table_name TEXT NOT NULL,
    column_name TEXT NOT NULL,
    value,
    count INTEGER NOT NULL
);
CREATE INDEX facet_counts_lookup ON facet_counts(table_name, column_name, count DESC, value);
