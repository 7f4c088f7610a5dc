-- Hand-edited: pg_trgm (trusted since PostgreSQL 13: a database owner may create it; PGlite loads it
-- from @electric-sql/pglite/contrib/pg_trgm, see db/client.ts) before the trigram indexes that need
-- it; the triggers keeping library_counts (at the end).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "library_counts" (
	"owner_id" uuid NOT NULL,
	"origin" text NOT NULL,
	"tempo" text NOT NULL,
	"has_isrc" boolean NOT NULL,
	"tracks" integer NOT NULL,
	CONSTRAINT "library_counts_owner_id_origin_tempo_has_isrc_pk" PRIMARY KEY("owner_id","origin","tempo","has_isrc")
);
--> statement-breakpoint
DROP INDEX "tracks_owner_tempo_idx";--> statement-breakpoint
DROP INDEX "tracks_owner_title_idx";--> statement-breakpoint
CREATE INDEX "tracks_owner_tempo_id_idx" ON "tracks" USING btree ("owner_id","tempo_bpm","id");--> statement-breakpoint
CREATE INDEX "tracks_owner_artist_idx" ON "tracks" USING btree ("owner_id",lower("artist"),lower("title"),"id");--> statement-breakpoint
CREATE INDEX "tracks_owner_recent_local_idx" ON "tracks" USING btree ("owner_id","created_at","id") WHERE "tracks"."origin" = 'local';--> statement-breakpoint
CREATE INDEX "tracks_owner_untimed_length_idx" ON "tracks" USING btree ("owner_id","duration_ms","id") WHERE "tracks"."tempo_bpm" is null;--> statement-breakpoint
CREATE INDEX "tracks_title_trgm_idx" ON "tracks" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "tracks_artist_trgm_idx" ON "tracks" USING gin ("artist" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "tracks_owner_title_idx" ON "tracks" USING btree ("owner_id",lower("title"),"id");--> statement-breakpoint
-- Hand-written: library_counts kept equal to
--   select owner_id, origin, case when tempo_bpm is null then 'unknown' else tempo_source end, isrc is not null, count(*)
--   from tracks where owner_id is not null group by 1, 2, 3, 4
-- by statement-level triggers (one upsert per statement whatever its size; keys in a fixed order so
-- two writers never lock them in opposite orders; rows reaching 0 removed). The tempo trigger of
-- 0004 updates tracks, so a new tempo moves its track between keys too; its updates may run before
-- the statement that caused them is counted, so a row may pass through a negative count.
CREATE OR REPLACE FUNCTION montage_library_counts_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO library_counts AS lc (owner_id, origin, tempo, has_isrc, tracks)
  SELECT owner_id, origin, tempo, has_isrc, sum(delta)::int
  FROM (SELECT r.owner_id, r.origin, CASE WHEN r.tempo_bpm IS NULL THEN 'unknown' ELSE r.tempo_source END AS tempo, r.isrc IS NOT NULL AS has_isrc, 1 AS delta FROM new_rows AS r WHERE r.owner_id IS NOT NULL) AS changed
  GROUP BY owner_id, origin, tempo, has_isrc
  HAVING sum(delta) <> 0
  ORDER BY owner_id, origin, tempo, has_isrc
  ON CONFLICT (owner_id, origin, tempo, has_isrc) DO UPDATE SET tracks = lc.tracks + excluded.tracks;
  DELETE FROM library_counts AS lc WHERE lc.tracks = 0 AND lc.owner_id IN (SELECT DISTINCT n.owner_id FROM new_rows AS n);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION montage_library_counts_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO library_counts AS lc (owner_id, origin, tempo, has_isrc, tracks)
  SELECT owner_id, origin, tempo, has_isrc, sum(delta)::int
  FROM (SELECT r.owner_id, r.origin, CASE WHEN r.tempo_bpm IS NULL THEN 'unknown' ELSE r.tempo_source END AS tempo, r.isrc IS NOT NULL AS has_isrc, 1 AS delta FROM new_rows AS r WHERE r.owner_id IS NOT NULL UNION ALL SELECT r.owner_id, r.origin, CASE WHEN r.tempo_bpm IS NULL THEN 'unknown' ELSE r.tempo_source END AS tempo, r.isrc IS NOT NULL AS has_isrc, -1 AS delta FROM old_rows AS r WHERE r.owner_id IS NOT NULL) AS changed
  GROUP BY owner_id, origin, tempo, has_isrc
  HAVING sum(delta) <> 0
  ORDER BY owner_id, origin, tempo, has_isrc
  ON CONFLICT (owner_id, origin, tempo, has_isrc) DO UPDATE SET tracks = lc.tracks + excluded.tracks;
  DELETE FROM library_counts AS lc WHERE lc.tracks = 0 AND lc.owner_id IN (SELECT o.owner_id FROM old_rows AS o UNION SELECT n.owner_id FROM new_rows AS n);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION montage_library_counts_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO library_counts AS lc (owner_id, origin, tempo, has_isrc, tracks)
  SELECT owner_id, origin, tempo, has_isrc, sum(delta)::int
  FROM (SELECT r.owner_id, r.origin, CASE WHEN r.tempo_bpm IS NULL THEN 'unknown' ELSE r.tempo_source END AS tempo, r.isrc IS NOT NULL AS has_isrc, -1 AS delta FROM old_rows AS r WHERE r.owner_id IS NOT NULL) AS changed
  GROUP BY owner_id, origin, tempo, has_isrc
  HAVING sum(delta) <> 0
  ORDER BY owner_id, origin, tempo, has_isrc
  ON CONFLICT (owner_id, origin, tempo, has_isrc) DO UPDATE SET tracks = lc.tracks + excluded.tracks;
  DELETE FROM library_counts AS lc WHERE lc.tracks = 0 AND lc.owner_id IN (SELECT DISTINCT o.owner_id FROM old_rows AS o);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER library_counts_inserted AFTER INSERT ON tracks REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION montage_library_counts_inserted();
--> statement-breakpoint
CREATE TRIGGER library_counts_updated AFTER UPDATE ON tracks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION montage_library_counts_updated();
--> statement-breakpoint
CREATE TRIGGER library_counts_deleted AFTER DELETE ON tracks REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION montage_library_counts_deleted();
--> statement-breakpoint
INSERT INTO library_counts (owner_id, origin, tempo, has_isrc, tracks)
SELECT t.owner_id, t.origin, CASE WHEN t.tempo_bpm IS NULL THEN 'unknown' ELSE t.tempo_source END, t.isrc IS NOT NULL, count(*)::int
FROM tracks AS t WHERE t.owner_id IS NOT NULL
GROUP BY 1, 2, 3, 4;
