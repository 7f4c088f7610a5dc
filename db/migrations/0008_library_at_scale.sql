-- Hand-edited: pg_trgm (trusted since PostgreSQL 13: a database owner may create it; PGlite loads it
-- from @electric-sql/pglite/contrib/pg_trgm, see db/client.ts) before the trigram indexes that need it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
DROP INDEX "tracks_owner_tempo_idx";--> statement-breakpoint
DROP INDEX "tracks_owner_title_idx";--> statement-breakpoint
CREATE INDEX "tracks_owner_tempo_id_idx" ON "tracks" USING btree ("owner_id","tempo_bpm","id");--> statement-breakpoint
CREATE INDEX "tracks_owner_artist_idx" ON "tracks" USING btree ("owner_id",lower("artist"),lower("title"),"id");--> statement-breakpoint
CREATE INDEX "tracks_owner_untimed_length_idx" ON "tracks" USING btree ("owner_id","duration_ms","id") WHERE "tracks"."tempo_bpm" is null;--> statement-breakpoint
CREATE INDEX "tracks_title_trgm_idx" ON "tracks" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "tracks_artist_trgm_idx" ON "tracks" USING gin ("artist" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "tracks_owner_title_idx" ON "tracks" USING btree ("owner_id",lower("title"),"id");