ALTER TABLE "track_tempos" ADD COLUMN "confidence" double precision;--> statement-breakpoint
ALTER TABLE "track_tempos" ADD COLUMN "needs_confirmation" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tracks" ADD COLUMN "tempo_question_bpm" double precision;--> statement-breakpoint
ALTER TABLE "track_tempos" ADD CONSTRAINT "track_tempos_confidence_range" CHECK ("track_tempos"."confidence" is null or ("track_tempos"."confidence" >= 0 and "track_tempos"."confidence" <= 1));--> statement-breakpoint
-- Hand-written (drizzle-kit cannot express functions): the trigger function of migration 0004,
-- now aware of detected tempos that await the owner's confirmation (needs_confirmation, decided by
-- lib/domain/tempo-confidence.ts when the tempo is stored). Such a tempo ranks below every other
-- source, and when it is all there is, the track's tempo stays unknown (tempo_bpm null, so nothing
-- schedules it) and its value goes to tempo_question_bpm, which the pages show as a question.
CREATE OR REPLACE FUNCTION montage_resolve_track_tempos(track_ids text[]) RETURNS void
LANGUAGE sql AS $$
  UPDATE tracks AS t
  SET tempo_bpm = best.bpm, tempo_source = best.source, tempo_source_note = best.source_note, tempo_question_bpm = best.question_bpm
  FROM (
    SELECT candidate.id,
      CASE WHEN chosen.needs_confirmation THEN NULL ELSE chosen.bpm END AS bpm,
      CASE WHEN chosen.needs_confirmation THEN NULL ELSE chosen.source END AS source,
      CASE WHEN chosen.needs_confirmation THEN NULL ELSE chosen.source_note END AS source_note,
      CASE WHEN chosen.needs_confirmation THEN chosen.bpm END AS question_bpm
    FROM tracks AS candidate
    LEFT JOIN LATERAL (
      SELECT tt.bpm, tt.source, tt.source_note, tt.needs_confirmation
      FROM track_tempos AS tt
      WHERE tt.track_id = candidate.id AND (tt.owner_id IS NULL OR tt.owner_id = candidate.owner_id)
      ORDER BY tt.needs_confirmation, CASE tt.source WHEN 'tap' THEN 0 WHEN 'manual' THEN 0 WHEN 'analysis' THEN 1 WHEN 'catalog' THEN 2 ELSE 3 END, tt.created_at DESC
      LIMIT 1
    ) AS chosen ON true
    WHERE candidate.id = ANY (track_ids)
  ) AS best
  WHERE t.id = best.id
    AND (t.tempo_bpm, t.tempo_source, t.tempo_source_note, t.tempo_question_bpm) IS DISTINCT FROM (best.bpm, best.source, best.source_note, best.question_bpm);
$$;
