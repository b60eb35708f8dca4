-- The vault's tables. Nothing here is case plaintext: records hold opaque
-- ids, a kind, a version and sealed blobs; meta holds the vault id, format,
-- timestamps and counters; slots hold wrapped master keys.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE slots (
    id   TEXT PRIMARY KEY,
    data BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE records (
    id       TEXT PRIMARY KEY,
    kind     TEXT NOT NULL,
    version  INTEGER NOT NULL,
    overview BLOB,
    details  BLOB NOT NULL
);
CREATE INDEX records_kind ON records (kind);

CREATE TABLE revisions (
    record_id TEXT NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    version   INTEGER NOT NULL,
    data      BLOB NOT NULL,
    PRIMARY KEY (record_id, version)
) WITHOUT ROWID;

CREATE TABLE head (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    acc   BLOB NOT NULL,
    count INTEGER NOT NULL,
    mac   BLOB NOT NULL
);
