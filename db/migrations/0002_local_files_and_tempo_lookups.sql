CREATE TABLE "tempo_lookups" (
	"provider" text NOT NULL,
	"isrc" text NOT NULL,
	"bpm" double precision,
	"provider_track_id" text,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tempo_lookups_provider_isrc_pk" PRIMARY KEY("provider","isrc"),
	CONSTRAINT "tempo_lookups_bpm_positive" CHECK ("tempo_lookups"."bpm" is null or "tempo_lookups"."bpm" > 0)
);
--> statement-breakpoint
ALTER TABLE "tracks" ADD COLUMN "file_sha256" text;--> statement-breakpoint
CREATE UNIQUE INDEX "tracks_owner_file_unique" ON "tracks" USING btree ("owner_id","file_sha256");