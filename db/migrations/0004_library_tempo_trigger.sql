-- Hand-written (drizzle-kit cannot express functions or triggers): keeps tracks.tempo_bpm /
-- tempo_source / tempo_source_note equal to the tempo the track's owner sees, the same choice as
-- lib/domain/tempo-provenance.ts pickTempo (own values and shared ones; tap = manual > analysis >
-- catalog > lookup; the newest on a tie), whatever code writes track_tempos; then fills them in.
CREATE OR REPLACE FUNCTION montage_resolve_track_tempos(track_ids text[]) RETURNS void
LANGUAGE sql AS $$
  UPDATE tracks AS t
  SET tempo_bpm = best.bpm, tempo_source = best.source, tempo_source_note = best.source_note
  FROM (
    SELECT candidate.id, chosen.bpm, chosen.source, chosen.source_note
    FROM tracks AS candidate
    LEFT JOIN LATERAL (
      SELECT tt.bpm, tt.source, tt.source_note
      FROM track_tempos AS tt
      WHERE tt.track_id = candidate.id AND (tt.owner_id IS NULL OR tt.owner_id = candidate.owner_id)
      ORDER BY CASE tt.source WHEN 'tap' THEN 0 WHEN 'manual' THEN 0 WHEN 'analysis' THEN 1 WHEN 'catalog' THEN 2 ELSE 3 END, tt.created_at DESC
      LIMIT 1
    ) AS chosen ON true
    WHERE candidate.id = ANY (track_ids)
  ) AS best
  WHERE t.id = best.id
    AND (t.tempo_bpm, t.tempo_source, t.tempo_source_note) IS DISTINCT FROM (best.bpm, best.source, best.source_note);
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION montage_track_tempos_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM montage_resolve_track_tempos(ARRAY(SELECT DISTINCT track_id FROM new_rows));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION montage_track_tempos_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM montage_resolve_track_tempos(ARRAY(SELECT track_id FROM new_rows UNION SELECT track_id FROM old_rows));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION montage_track_tempos_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM montage_resolve_track_tempos(ARRAY(SELECT DISTINCT track_id FROM old_rows));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION montage_track_owner_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM montage_resolve_track_tempos(ARRAY[NEW.id]);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER track_tempos_inserted AFTER INSERT ON track_tempos REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION montage_track_tempos_inserted();
--> statement-breakpoint
CREATE TRIGGER track_tempos_updated AFTER UPDATE ON track_tempos REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION montage_track_tempos_updated();
--> statement-breakpoint
CREATE TRIGGER track_tempos_deleted AFTER DELETE ON track_tempos REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION montage_track_tempos_deleted();
--> statement-breakpoint
CREATE TRIGGER tracks_owner_changed AFTER UPDATE OF owner_id ON tracks
  FOR EACH ROW WHEN (OLD.owner_id IS DISTINCT FROM NEW.owner_id) EXECUTE FUNCTION montage_track_owner_changed();
--> statement-breakpoint
SELECT montage_resolve_track_tempos(ARRAY(SELECT id FROM tracks));
