-- Views for readers of the published database (see metadata.yml for what
-- each column means). The build runs this file after the tables are filled
-- and the full-text indexes exist, so views are part of the database file.
-- Views are derived: they join and count, they never hold data of their own.

-- Who said what: every quote with its speaker's name and role and the
-- article it appears in. A republished copy of an article adds nothing:
-- quotes of articles with a duplicate_of are left out (their original's
-- are in), and statement_id groups the versions other outlets carried.
-- The speaker's and the article's columns are scalar subqueries on primary
-- keys rather than joins: the rows are the same as with LEFT JOINs, but a
-- query that does not read those columns (the count of the view, the kind
-- facet on its table page) never evaluates them, so it reads the quotes_kind
-- index alone (the joined form cost ~18 ms a page on bbc-all, this ~2 ms).
CREATE VIEW who_said_what AS
SELECT
    quotes.id AS quote_id,
    quotes.speaker_id AS speaker_id,
    COALESCE((SELECT name FROM actors WHERE actors.id = quotes.speaker_id),
             quotes.speaker_text) AS speaker,
    (SELECT title FROM actors WHERE actors.id = quotes.speaker_id) AS speaker_title,
    (SELECT affiliation FROM actors WHERE actors.id = quotes.speaker_id) AS speaker_affiliation,
    quotes.speaker_text AS speaker_text,
    quotes.kind AS kind,
    quotes.cue AS cue,
    quotes.text AS quote,
    quotes.article_id AS article_id,
    (SELECT title FROM articles WHERE articles.id = quotes.article_id) AS article_title,
    (SELECT publisher FROM articles WHERE articles.id = quotes.article_id) AS publisher,
    (SELECT published FROM articles WHERE articles.id = quotes.article_id) AS published,
    quotes.statement_id AS statement_id
FROM quotes
WHERE quotes.article_id NOT IN (SELECT id FROM articles WHERE duplicate_of IS NOT NULL);

-- The timeline: one row per event, with its type (code, words and family:
-- politics, law, economy ...), its place, its participants and how often it
-- was reported. Undated events sort last.
CREATE VIEW timeline AS
SELECT
    events.id AS event_id,
    events.date AS date,
    events.date_precision AS date_precision,
    events.type AS type,
    event_types.label AS type_label,
    event_types.family AS type_family,
    events.description AS description,
    events.location_id AS location_id,
    places.name AS location,
    (SELECT group_concat(name, '; ') FROM (
        SELECT DISTINCT actors.name AS name
        FROM event_actors JOIN actors ON actors.id = event_actors.actor_id
        WHERE event_actors.event_id = events.id
        ORDER BY actors.name)) AS actors,
    events.mention_count AS mention_count,
    events.article_count AS article_count
FROM events
LEFT JOIN event_types ON event_types.code = events.type
LEFT JOIN actors AS places ON places.id = events.location_id;

-- Figures with what they measure, in which unit, in which article.
-- (Scalar subqueries on primary keys, as in who_said_what: counts and facets
-- on the figures' own columns skip them.)
CREATE VIEW figures_measured AS
SELECT
    figures.id AS figure_id,
    figures.text AS text,
    figures.comparator AS comparator,
    figures.value AS value,
    figures.value_max AS value_max,
    figures.unit AS unit,
    (SELECT label FROM units WHERE units.code = figures.unit) AS unit_label,
    figures.per AS per,
    (SELECT dimension FROM units WHERE units.code = figures.unit) AS dimension,
    figures.measures AS measures,
    figures.source AS source,
    figures.article_id AS article_id,
    (SELECT title FROM articles WHERE articles.id = figures.article_id) AS article_title,
    (SELECT published FROM articles WHERE articles.id = figures.article_id) AS published
FROM figures;

-- The quote network: who is quoted about whom. An edge from a speaker to
-- every other actor named inside the words of one of their quotes.
CREATE VIEW quote_network AS
SELECT
    quotes.speaker_id AS speaker_id,
    speakers.name AS speaker,
    mentions.actor_id AS subject_id,
    subjects.name AS subject,
    subjects.type AS subject_type,
    COUNT(DISTINCT quotes.id) AS quotes,
    COUNT(DISTINCT quotes.article_id) AS articles
FROM quotes
JOIN mentions
    ON mentions.article_id = quotes.article_id
   AND mentions.start >= quotes.start
   AND mentions.start < quotes."end"       -- a range of the (article_id, start) index: linear in the article
   AND mentions."end" <= quotes."end"
   AND mentions.actor_id IS NOT NULL
   AND mentions.actor_id IS NOT quotes.speaker_id
JOIN actors AS speakers ON speakers.id = quotes.speaker_id
JOIN actors AS subjects ON subjects.id = mentions.actor_id
GROUP BY quotes.speaker_id, mentions.actor_id;

-- One row per article: what was extracted from it.
CREATE VIEW article_summary AS
SELECT
    articles.id AS article_id,
    articles.title AS title,
    articles.publisher AS publisher,
    articles.published AS published,
    articles.word_count AS word_count,
    (SELECT COUNT(*) FROM sections WHERE sections.article_id = articles.id) AS sections,
    (SELECT COUNT(*) FROM quotes WHERE quotes.article_id = articles.id) AS quotes,
    (SELECT COUNT(*) FROM mentions WHERE mentions.article_id = articles.id) AS mentions,
    (SELECT COUNT(*) FROM figures WHERE figures.article_id = articles.id) AS figures,
    (SELECT COUNT(*) FROM dates WHERE dates.article_id = articles.id) AS dates,
    (SELECT COUNT(*) FROM event_mentions WHERE event_mentions.article_id = articles.id) AS event_mentions
FROM articles;

-- One row per actor and article that names it: how often. Stored as a table
-- at load time (see load.MATERIALIZED), so an actor's page lists its articles
-- in date order straight from an index.
CREATE VIEW actor_articles AS
SELECT
    mentions.actor_id AS actor_id,
    mentions.article_id AS article_id,
    articles.published AS published,
    articles.title AS title,
    COUNT(*) AS mentions
FROM mentions JOIN articles ON articles.id = mentions.article_id
WHERE mentions.actor_id IS NOT NULL
GROUP BY mentions.actor_id, mentions.article_id;
