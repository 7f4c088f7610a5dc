-- Hand-edited: the trigram indexes are altered in place (drizzle-kit would drop and rebuild them):
-- no pending list any more (fastupdate off), and what the list held merged now. PGlite has no
-- autovacuum to merge it, so every search read the whole list (up to 4 MB) besides the index.
ALTER INDEX "tracks_title_trgm_idx" SET (fastupdate = off);--> statement-breakpoint
ALTER INDEX "tracks_artist_trgm_idx" SET (fastupdate = off);--> statement-breakpoint
SELECT gin_clean_pending_list('tracks_title_trgm_idx'::regclass);--> statement-breakpoint
SELECT gin_clean_pending_list('tracks_artist_trgm_idx'::regclass);--> statement-breakpoint
CREATE INDEX "tracks_owner_title_prefix_idx" ON "tracks" USING btree ("owner_id",lower("title") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "tracks_owner_artist_prefix_idx" ON "tracks" USING btree ("owner_id",lower("artist") text_pattern_ops);
