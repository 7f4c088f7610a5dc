CREATE TABLE "app_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intervals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"offset_ms" integer NOT NULL,
	"duration_ms" integer NOT NULL,
	"kind" text NOT NULL,
	"exercise" text NOT NULL,
	"intensity" text NOT NULL,
	"cue" text DEFAULT '' NOT NULL,
	CONSTRAINT "intervals_position_unique" UNIQUE("entry_id","position"),
	CONSTRAINT "intervals_offset_unique" UNIQUE("entry_id","offset_ms"),
	CONSTRAINT "intervals_position" CHECK ("intervals"."position" >= 0),
	CONSTRAINT "intervals_offset" CHECK ("intervals"."offset_ms" >= 0),
	CONSTRAINT "intervals_duration" CHECK ("intervals"."duration_ms" >= 1000),
	CONSTRAINT "intervals_kind" CHECK ("intervals"."kind" in ('work', 'rest')),
	CONSTRAINT "intervals_intensity" CHECK ("intervals"."intensity" in ('rest', 'easy', 'moderate', 'hard', 'max')),
	CONSTRAINT "intervals_exercise_length" CHECK (char_length("intervals"."exercise") between 1 and 60),
	CONSTRAINT "intervals_cue_length" CHECK (char_length("intervals"."cue") <= 200)
);
--> statement-breakpoint
CREATE TABLE "montage_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"montage_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"track_id" text NOT NULL,
	"multiplier" double precision DEFAULT 1 NOT NULL,
	CONSTRAINT "montage_entries_position_unique" UNIQUE("montage_id","position"),
	CONSTRAINT "montage_entries_no_repeat" UNIQUE("montage_id","track_id"),
	CONSTRAINT "montage_entries_position" CHECK ("montage_entries"."position" >= 0),
	CONSTRAINT "montage_entries_multiplier" CHECK ("montage_entries"."multiplier" in (0.5, 1, 2))
);
--> statement-breakpoint
CREATE TABLE "montages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"name" text NOT NULL,
	"mode" text NOT NULL,
	"length_min" integer NOT NULL,
	"cadence_spm" integer,
	"hiit_work_sec" integer,
	"hiit_rest_sec" integer,
	"curve_name" text NOT NULL,
	"curve_points" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "montages_name_length" CHECK (char_length("montages"."name") between 1 and 80),
	CONSTRAINT "montages_length_range" CHECK ("montages"."length_min" between 20 and 90),
	CONSTRAINT "montages_cadence_range" CHECK ("montages"."cadence_spm" is null or "montages"."cadence_spm" between 150 and 190),
	CONSTRAINT "montages_hiit_work" CHECK ("montages"."hiit_work_sec" is null or "montages"."hiit_work_sec" between 10 and 300),
	CONSTRAINT "montages_hiit_rest" CHECK ("montages"."hiit_rest_sec" is null or "montages"."hiit_rest_sec" between 5 and 300),
	CONSTRAINT "montages_version_positive" CHECK ("montages"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "owners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "share_links" (
	"token" text PRIMARY KEY NOT NULL,
	"montage_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "share_links_token_length" CHECK (char_length("share_links"."token") >= 22)
);
--> statement-breakpoint
CREATE TABLE "track_tempos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"track_id" text NOT NULL,
	"bpm" double precision NOT NULL,
	"source" text NOT NULL,
	"source_note" text,
	"owner_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "track_tempos_one_per_source" UNIQUE NULLS NOT DISTINCT("track_id","source","owner_id"),
	CONSTRAINT "track_tempos_bpm_range" CHECK ("track_tempos"."bpm" >= 30 and "track_tempos"."bpm" <= 300)
);
--> statement-breakpoint
CREATE TABLE "tracks" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"artist" text NOT NULL,
	"duration_ms" integer,
	"duration_source" text,
	"origin" text NOT NULL,
	"is_anchor" boolean DEFAULT false NOT NULL,
	"owner_id" uuid,
	"catalog_number" integer,
	"writers" text,
	"musical_key" text,
	"spotify_id" text,
	"isrc" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tracks_duration_positive" CHECK ("tracks"."duration_ms" is null or "tracks"."duration_ms" > 0),
	CONSTRAINT "tracks_title_length" CHECK (char_length("tracks"."title") between 1 and 300)
);
--> statement-breakpoint
ALTER TABLE "intervals" ADD CONSTRAINT "intervals_entry_id_montage_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."montage_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "montage_entries" ADD CONSTRAINT "montage_entries_montage_id_montages_id_fk" FOREIGN KEY ("montage_id") REFERENCES "public"."montages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "montage_entries" ADD CONSTRAINT "montage_entries_track_id_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."tracks"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "montages" ADD CONSTRAINT "montages_owner_id_owners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_links" ADD CONSTRAINT "share_links_montage_id_montages_id_fk" FOREIGN KEY ("montage_id") REFERENCES "public"."montages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "track_tempos" ADD CONSTRAINT "track_tempos_track_id_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."tracks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "track_tempos" ADD CONSTRAINT "track_tempos_owner_id_owners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracks" ADD CONSTRAINT "tracks_owner_id_owners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "montages_owner_idx" ON "montages" USING btree ("owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "share_links_one_active" ON "share_links" USING btree ("montage_id") WHERE "share_links"."revoked_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "tracks_catalog_number_unique" ON "tracks" USING btree ("catalog_number");