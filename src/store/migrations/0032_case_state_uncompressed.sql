-- Issue 18: a case's state (about 1.4 kB of JSON) was compressed (pglz) whenever its row passed the
-- default toast target of 2 kB, so every report that reads a few fields of every state decompressed
-- each one, once per field read: on the Oslo set that was most of the time of reading 46,000 states
-- (the steering card's case rows 716 → 372 ms). With the target at its maximum, a row is compressed
-- or moved out of line only when it would not otherwise fit a page; the table grows by about a
-- seventh (76 → 87 MB on the Oslo set). lz4, which decompresses faster, is not in every build.
ALTER TABLE case_file SET (toast_tuple_target = 8160);

-- The states stored compressed so far are written again, uncompressed (new writes are already).
UPDATE case_file SET state = state || '{}'::jsonb WHERE pg_column_compression(state) IS NOT NULL;
