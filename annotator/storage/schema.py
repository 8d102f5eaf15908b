"""Numbered migrations of the project schema. Never edit one after release: add the next.

Schema version 1 covers the whole domain, so later features migrate rather than redesign. `PRAGMA user_version`
holds the schema version; the sqlite-utils migration table records which migrations ran and when.
"""

from __future__ import annotations

import sqlite_utils

MIGRATIONS = sqlite_utils.Migrations("annotator")

_V1 = [
    """CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    """CREATE TABLE coders (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL UNIQUE,
        created TEXT NOT NULL
    )""",
    """CREATE TABLE participants (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL UNIQUE,
        description TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0,
        created TEXT NOT NULL
    )""",
    """CREATE TABLE attributes (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL CHECK (type IN ('text', 'number', 'date', 'category', 'boolean')),
        categories TEXT NOT NULL DEFAULT '[]',
        position INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE participant_attributes (
        participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        attribute_id INTEGER NOT NULL REFERENCES attributes(id) ON DELETE CASCADE,
        value TEXT,
        PRIMARY KEY (participant_id, attribute_id)
    )""",
    """CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        text_hash TEXT NOT NULL,
        source_name TEXT NOT NULL,
        source_format TEXT NOT NULL,
        file_hash TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        interview_order INTEGER NOT NULL,
        word_count INTEGER NOT NULL DEFAULT 0,
        char_count INTEGER NOT NULL DEFAULT 0,
        participant_id INTEGER REFERENCES participants(id) ON DELETE SET NULL,
        description TEXT NOT NULL DEFAULT '',
        metadata TEXT NOT NULL DEFAULT '{}',
        -- Last, so reading any other column never walks the text's overflow pages.
        text TEXT NOT NULL
    )""",
    "CREATE INDEX documents_file_hash ON documents(file_hash)",
    "CREATE INDEX documents_order ON documents(interview_order)",
    "CREATE INDEX documents_name ON documents(name)",
    "CREATE INDEX documents_text_hash ON documents(text_hash)",
    """CREATE TABLE speakers (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        label TEXT NOT NULL,
        participant_id INTEGER REFERENCES participants(id) ON DELETE SET NULL,
        UNIQUE (document_id, label)
    )""",
    "CREATE INDEX speakers_participant ON speakers(participant_id)",
    """CREATE TABLE speaker_turns (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text_start INTEGER NOT NULL,
        timestamp_ms INTEGER,
        end_timestamp_ms INTEGER,
        CHECK (0 <= start AND start <= text_start AND text_start <= "end")
    )""",
    "CREATE INDEX speaker_turns_document ON speaker_turns(document_id, start)",
    """CREATE TABLE codes (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        parent_id INTEGER REFERENCES codes(id) ON DELETE CASCADE,
        position INTEGER NOT NULL DEFAULT 0,
        name TEXT NOT NULL,
        colour TEXT NOT NULL DEFAULT '#999999',
        description TEXT NOT NULL DEFAULT '',
        when_to_use TEXT NOT NULL DEFAULT '',
        when_not_to_use TEXT NOT NULL DEFAULT '',
        example TEXT NOT NULL DEFAULT '',
        coder_id INTEGER REFERENCES coders(id),
        created TEXT NOT NULL,
        CHECK (parent_id IS NULL OR parent_id <> id)
    )""",
    "CREATE INDEX codes_parent ON codes(parent_id, position)",
    """CREATE TABLE codings (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        quote TEXT NOT NULL,
        coder_id INTEGER NOT NULL REFERENCES coders(id),
        created TEXT NOT NULL,
        CHECK (0 <= start AND start < "end")
    )""",
    "CREATE INDEX codings_document ON codings(document_id, start)",
    "CREATE INDEX codings_code ON codings(code_id)",
    """CREATE TABLE memos (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        target TEXT NOT NULL CHECK (target IN ('project', 'document', 'code', 'coding', 'range', 'participant')),
        document_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
        code_id INTEGER REFERENCES codes(id) ON DELETE CASCADE,
        coding_id INTEGER REFERENCES codings(id) ON DELETE CASCADE,
        participant_id INTEGER REFERENCES participants(id) ON DELETE CASCADE,
        start INTEGER,
        "end" INTEGER,
        title TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL DEFAULT '',
        coder_id INTEGER REFERENCES coders(id),
        created TEXT NOT NULL,
        modified TEXT NOT NULL,
        CHECK ((start IS NULL AND "end" IS NULL) OR (target = 'range' AND 0 <= start AND start < "end")),
        CHECK (
            (target = 'project' AND coalesce(document_id, code_id, coding_id, participant_id) IS NULL)
            OR (target = 'document' AND document_id IS NOT NULL AND coalesce(code_id, coding_id, participant_id, start) IS NULL)
            OR (target = 'range' AND document_id IS NOT NULL AND start IS NOT NULL AND coalesce(code_id, coding_id, participant_id) IS NULL)
            OR (target = 'code' AND code_id IS NOT NULL AND coalesce(document_id, coding_id, participant_id) IS NULL)
            OR (target = 'coding' AND coding_id IS NOT NULL AND coalesce(document_id, code_id, participant_id) IS NULL)
            OR (target = 'participant' AND participant_id IS NOT NULL AND coalesce(document_id, code_id, coding_id) IS NULL)
        )
    )""",
    "CREATE INDEX memos_document ON memos(document_id)",
    "CREATE INDEX memos_code ON memos(code_id)",
    "CREATE INDEX memos_coding ON memos(coding_id)",
    # De-identification. An entity groups the mentions of one name, place or agency. Its label (the original
    # text) is kept only until the entity is applied: then the originals go to the separate key file and the
    # project keeps the pseudonym alone.
    """CREATE TABLE deid_entities (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL CHECK (type IN ('PERSON', 'PLACE', 'AGENCY', 'OTHER')),
        label TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('suggested', 'accepted', 'rejected', 'applied')),
        pseudonym TEXT NOT NULL DEFAULT '',
        custom INTEGER NOT NULL DEFAULT 0,
        participant_id INTEGER REFERENCES participants(id) ON DELETE SET NULL,
        created TEXT NOT NULL
    )""",
    """CREATE TABLE deid_mentions (
        id INTEGER PRIMARY KEY,
        entity_id INTEGER NOT NULL REFERENCES deid_entities(id) ON DELETE CASCADE,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        reason TEXT NOT NULL,
        rejected INTEGER NOT NULL DEFAULT 0,
        CHECK (0 <= start AND start < "end")
    )""",
    "CREATE INDEX deid_mentions_entity ON deid_mentions(entity_id)",
    "CREATE INDEX deid_mentions_document ON deid_mentions(document_id, start)",
    # Full-text search over transcripts. The index is brought up to date before each search (see storage/search.py)
    # rather than on every import, which keeps importing fast.
    """CREATE VIRTUAL TABLE documents_fts USING fts5(
        text, content='documents', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TABLE search_indexed (
        document_id INTEGER PRIMARY KEY,
        text_hash TEXT NOT NULL
    )""",
    # The audit log is append-only (enforced below) and hash-chained, so tampering with history is detectable.
    # Its details never hold transcript text.
    """CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        coder TEXT NOT NULL,
        action TEXT NOT NULL,
        target_type TEXT NOT NULL DEFAULT '',
        target_id INTEGER,
        details TEXT NOT NULL DEFAULT '{}',
        hash TEXT NOT NULL
    )""",
    """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
]

# The triggers that keep the audit log append-only, as created: a check of the log looks for them unchanged.
AUDIT_TRIGGERS = {statement.split()[2]: statement for statement in _V1 if statement.startswith("CREATE TRIGGER")}


@MIGRATIONS(name="0001_initial")
def _initial(db: sqlite_utils.Database) -> None:
    for statement in _V1:
        db.execute(statement)
    db.execute("PRAGMA user_version = 1")


@MIGRATIONS(name="0002_code_codable")
def _code_codable(db: sqlite_utils.Database) -> None:
    # REFI-QDA's isCodable: a code that is only a folder for others (NVivo, ATLAS.ti), kept so it goes back as one.
    db.execute("ALTER TABLE codes ADD COLUMN codable INTEGER NOT NULL DEFAULT 1")
    db.execute("PRAGMA user_version = 2")


@MIGRATIONS(name="0003_deid_confidence")
def _deid_confidence(db: sqlite_utils.Database) -> None:
    # Every suggestion carries how sure detection is and why, so review can sort, filter and accept by band.
    db.execute("ALTER TABLE deid_entities ADD COLUMN confidence REAL NOT NULL DEFAULT 1.0")
    db.execute("ALTER TABLE deid_entities ADD COLUMN reasons TEXT NOT NULL DEFAULT ''")
    db.execute("PRAGMA user_version = 3")


@MIGRATIONS(name="0004_covering_indexes")
def _covering_indexes(db: sqlite_utils.Database) -> None:
    # The code counts and each document's share coded, read as a window opens, from the indexes alone: on 50,000
    # codings 82 -> 15 ms and 32 -> 19 ms (each index holds the older one's columns first, so it replaces it).
    db.execute("DROP INDEX codings_code")
    db.execute("CREATE INDEX codings_code ON codings(code_id, document_id)")
    db.execute("DROP INDEX codings_document")
    db.execute('CREATE INDEX codings_document ON codings(document_id, start, "end")')
    # Turns by speaker: a speaker's turn count, and the check when a speaker goes, without reading every turn.
    db.execute("CREATE INDEX speaker_turns_speaker ON speaker_turns(speaker_id)")
    db.execute("PRAGMA user_version = 4")


#: The version a file has after every migration above; `PRAGMA user_version` of an up-to-date project.
SCHEMA_VERSION = 4
