/* schema.c — the content database format, version 3.
 *
 * One SQLite file, rollback journal (never WAL: a package is a single self-contained file), application_id 'ZWGK'
 * and user_version = format version in the file header, so a package's kind and format are readable from the first
 * 100 bytes.  The content version and publisher are in `meta`, one indexed lookup away.
 *
 * Shape: the directory is areas → topics (一级事项) → items (二级事项) with every catalog column on the item. Documents
 * share one `docs` table for what every type has (so lists and search need no joins) and one side table per type for
 * the rest.  Bodies are blocks parsed at build time; tables, spans, Q&A, materials and steps hang off their document
 * by (doc_id, seq).  Integer codes are the enums of zwgk/content.h.  Nothing here is ever renumbered: a new need is a
 * new table or column and a new format version.
 *
 * Version 2 adds what reading and read-aloud need: blocks.align (落款 right-aligned, 主送机关 flush, a centred line),
 * docs.replaced_by (the document that replaces a repealed or amended one) and doc_readings (a document's own
 * readings of names, for speech).  content.c still reads version 1 files, with those as their defaults, so a kiosk
 * whose software is upgraded keeps showing the content it has until the next package.
 *
 * Version 3 adds steps.bring and steps.location (a 办理流程 step's 需带材料 and 办理地点/窗口, for 办事流程演示);
 * version 1 and 2 files read with both NULL. */
#include "zwgk/schema.h"

const char content_schema_sql[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value NOT NULL) WITHOUT ROWID;\n"
    "CREATE TABLE channels(id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
    "CREATE TABLE areas(id INTEGER PRIMARY KEY, seq INTEGER NOT NULL, name TEXT NOT NULL UNIQUE);\n"
    "CREATE TABLE topics(id INTEGER PRIMARY KEY, area_id INTEGER NOT NULL REFERENCES areas(id),\n"
    "  seq INTEGER NOT NULL, name TEXT NOT NULL);\n"
    "CREATE INDEX topics_by_area ON topics(area_id, seq);\n"
    "CREATE TABLE items(id INTEGER PRIMARY KEY, topic_id INTEGER NOT NULL REFERENCES topics(id),\n"
    "  seq INTEGER NOT NULL, name TEXT NOT NULL,\n"
    "  key TEXT NOT NULL UNIQUE,            -- 领域/一级事项/二级事项: stable across versions, for statistics\n"
    "  content TEXT NOT NULL, basis TEXT NOT NULL, time_limit TEXT NOT NULL, subject TEXT NOT NULL,\n"
    "  channels INTEGER NOT NULL,           -- bit (1 << channel id)\n"
    "  audience INTEGER NOT NULL, mode INTEGER NOT NULL, levels INTEGER NOT NULL,\n"
    "  url TEXT,                            -- 码上知\n"
    "  source_line INTEGER NOT NULL);\n"
    "CREATE INDEX items_by_topic ON items(topic_id, seq);\n"
    "CREATE TABLE item_aliases(item_id INTEGER NOT NULL REFERENCES items(id), alias TEXT NOT NULL);\n"
    "CREATE INDEX item_aliases_by_item ON item_aliases(item_id);\n"
    "CREATE TABLE item_docs(item_id INTEGER NOT NULL REFERENCES items(id),\n"
    "  doc_id INTEGER NOT NULL REFERENCES docs(id), seq INTEGER NOT NULL, PRIMARY KEY(item_id, doc_id)) WITHOUT "
    "ROWID;\n"
    "CREATE INDEX item_docs_by_doc ON item_docs(doc_id);\n"
    "CREATE TABLE docs(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, type INTEGER NOT NULL,\n"
    "  title TEXT NOT NULL, publish_date TEXT NOT NULL, issuer TEXT, doc_number TEXT,\n"
    "  area_id INTEGER REFERENCES areas(id), url TEXT, summary TEXT,\n"
    "  validity INTEGER NOT NULL DEFAULT 1, -- policies; 1 (现行有效) for every other type\n"
    "  source_file TEXT NOT NULL,\n"
    "  replaced_by INTEGER REFERENCES docs(id)); -- v2: the document that replaces this one\n"
    "CREATE INDEX docs_by_type ON docs(type, publish_date DESC, id);\n"
    "CREATE INDEX docs_by_area ON docs(area_id, type);\n"
    "CREATE TABLE doc_keywords(doc_id INTEGER NOT NULL REFERENCES docs(id), keyword TEXT NOT NULL);\n"
    "CREATE INDEX doc_keywords_by_doc ON doc_keywords(doc_id);\n"
    "CREATE TABLE policies(doc_id INTEGER PRIMARY KEY REFERENCES docs(id), valid_until TEXT);\n"
    "CREATE TABLE interpretations(doc_id INTEGER PRIMARY KEY REFERENCES docs(id),\n"
    "  policy_id INTEGER NOT NULL REFERENCES docs(id), unit TEXT NOT NULL, interpreter TEXT);\n"
    "CREATE INDEX interpretations_by_policy ON interpretations(policy_id);\n"
    "CREATE TABLE guides(doc_id INTEGER PRIMARY KEY REFERENCES docs(id), conditions TEXT NOT NULL, scope TEXT,\n"
    "  time_limit TEXT NOT NULL, fee TEXT NOT NULL, place TEXT NOT NULL, hours TEXT NOT NULL, phone TEXT NOT NULL,\n"
    "  complaint_phone TEXT NOT NULL, service_url TEXT);\n"
    "CREATE TABLE projects(doc_id INTEGER PRIMARY KEY REFERENCES docs(id), target TEXT NOT NULL,\n"
    "  progress INTEGER NOT NULL CHECK(progress BETWEEN 0 AND 100), lead_unit TEXT NOT NULL, status INTEGER NOT "
    "NULL);\n"
    "CREATE TABLE consultations(doc_id INTEGER PRIMARY KEY REFERENCES docs(id), deadline TEXT NOT NULL,\n"
    "  respond TEXT NOT NULL, respond_url TEXT);\n"
    "CREATE TABLE policy_guides(policy_id INTEGER NOT NULL REFERENCES docs(id),\n"
    "  guide_id INTEGER NOT NULL REFERENCES docs(id), seq INTEGER NOT NULL, PRIMARY KEY(policy_id, guide_id))\n"
    "  WITHOUT ROWID;\n"
    "CREATE INDEX policy_guides_by_guide ON policy_guides(guide_id);\n"
    "CREATE TABLE blocks(doc_id INTEGER NOT NULL REFERENCES docs(id), seq INTEGER NOT NULL,\n"
    "  kind INTEGER NOT NULL, level INTEGER NOT NULL, ordered INTEGER NOT NULL, number INTEGER NOT NULL,\n"
    "  text TEXT,                           -- NULL for a table\n"
    "  lead TEXT, resp TEXT,                -- 〔牵头单位：…；责任单位：…〕\n"
    "  rows INTEGER NOT NULL, cols INTEGER NOT NULL,\n"
    "  align INTEGER NOT NULL DEFAULT 0,    -- v2: BLOCK_ALIGN_*\n"
    "  PRIMARY KEY(doc_id, seq)) WITHOUT ROWID;\n"
    "CREATE TABLE spans(doc_id INTEGER NOT NULL, seq INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,\n"
    "  style INTEGER NOT NULL);\n"
    "CREATE INDEX spans_by_block ON spans(doc_id, seq);\n"
    "CREATE TABLE table_cells(doc_id INTEGER NOT NULL, seq INTEGER NOT NULL, row INTEGER NOT NULL,\n"
    "  col INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY(doc_id, seq, row, col)) WITHOUT ROWID;\n"
    "CREATE TABLE qas(doc_id INTEGER NOT NULL REFERENCES docs(id), seq INTEGER NOT NULL, question TEXT NOT NULL,\n"
    "  answer TEXT NOT NULL, PRIMARY KEY(doc_id, seq)) WITHOUT ROWID;\n"
    "CREATE TABLE materials(doc_id INTEGER NOT NULL REFERENCES docs(id), seq INTEGER NOT NULL, name TEXT NOT NULL,\n"
    "  form TEXT NOT NULL, count INTEGER NOT NULL, note TEXT, PRIMARY KEY(doc_id, seq)) WITHOUT ROWID;\n"
    "CREATE TABLE doc_readings(doc_id INTEGER NOT NULL REFERENCES docs(id), seq INTEGER NOT NULL,\n"
    "  word TEXT NOT NULL, pinyin TEXT NOT NULL, PRIMARY KEY(doc_id, seq)) WITHOUT ROWID; -- v2\n"
    "CREATE TABLE steps(doc_id INTEGER NOT NULL REFERENCES docs(id), seq INTEGER NOT NULL, title TEXT NOT NULL,\n"
    "  detail TEXT NOT NULL,\n"
    "  bring TEXT, location TEXT,           -- v3: 需带材料, 办理地点/窗口 of the step (NULL: none / the guide's "
    "place)\n"
    "  PRIMARY KEY(doc_id, seq)) WITHOUT ROWID;\n"
    /* The search index (src/author/search_index.c writes it, src/content/search.c reads it; its own version is
     * meta.search_index_version).  See zwgk/schema.h for what each table holds. */
    "CREATE TABLE search_targets(rank INTEGER PRIMARY KEY, kind INTEGER NOT NULL, id INTEGER NOT NULL);\n"
    "CREATE TABLE search_names(id INTEGER PRIMARY KEY, text TEXT NOT NULL, pinyin TEXT NOT NULL);\n"
    "CREATE TABLE search_name_refs(name_id INTEGER NOT NULL, target INTEGER NOT NULL, field INTEGER NOT NULL,\n"
    "  PRIMARY KEY(name_id, target, field)) WITHOUT ROWID;\n"
    "CREATE VIRTUAL TABLE search_body USING fts5(tokens, content='', tokenize='ascii', columnsize=0);\n"
    "CREATE VIRTUAL TABLE search_chars USING fts5(chars, content='', tokenize='ascii', detail=none, columnsize=0);\n"
    "CREATE TABLE search_words(word TEXT PRIMARY KEY, freq INTEGER NOT NULL, pinyin TEXT NOT NULL) WITHOUT ROWID;\n";
