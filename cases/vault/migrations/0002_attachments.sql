-- Attachment chunks. Each row is one sealed STREAM chunk (64 KiB of
-- plaintext, see docs/FORMAT.md "Attachments"). attachment is the opaque row
-- id of the attachment's metadata record, a keyed hash, so this table names
-- no case, file, type or time; seq is the chunk's index from 0. The metadata
-- record (kind "attachment") is sealed and counted in the integrity head; it
-- binds the number of chunks, the chunk key and the plaintext's SHA-256.
-- The foreign key is deferred so that an attachment's chunks can be written
-- before its metadata, in the same transaction.
CREATE TABLE attachment_chunks (
    attachment TEXT    NOT NULL REFERENCES records (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    seq        INTEGER NOT NULL,
    data       BLOB    NOT NULL,
    PRIMARY KEY (attachment, seq)
);
