CREATE TABLE "session_intervals" (
	"session_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"entry_index" integer NOT NULL,
	"track_title" text NOT NULL,
	"kind" text NOT NULL,
	"exercise" text NOT NULL,
	"intensity" text NOT NULL,
	"planned_ms" integer NOT NULL,
	"active_ms" integer NOT NULL,
	"status" text NOT NULL,
	"reps" integer,
	"load_kg" double precision,
	"distance_m" double precision,
	"time_sec" integer,
	CONSTRAINT "session_intervals_position_unique" UNIQUE("session_id","position"),
	CONSTRAINT "session_intervals_position" CHECK ("session_intervals"."position" >= 0),
	CONSTRAINT "session_intervals_kind" CHECK ("session_intervals"."kind" in ('work', 'rest')),
	CONSTRAINT "session_intervals_status" CHECK ("session_intervals"."status" in ('done', 'skipped', 'cut_short')),
	CONSTRAINT "session_intervals_ms" CHECK ("session_intervals"."planned_ms" >= 0 and "session_intervals"."active_ms" >= 0),
	CONSTRAINT "session_intervals_entry" CHECK (("session_intervals"."reps" is null or "session_intervals"."reps" between 0 and 10000) and ("session_intervals"."load_kg" is null or "session_intervals"."load_kg" between 0 and 2000)
        and ("session_intervals"."distance_m" is null or "session_intervals"."distance_m" between 0 and 1000000) and ("session_intervals"."time_sec" is null or "session_intervals"."time_sec" between 0 and 86400))
);
--> statement-breakpoint
CREATE TABLE "workout_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner_id" uuid NOT NULL,
	"montage_id" uuid,
	"montage_name" text NOT NULL,
	"montage_mode" text NOT NULL,
	"montage_version" integer NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone NOT NULL,
	"planned_ms" integer NOT NULL,
	"active_ms" integer NOT NULL,
	"paused_ms" integer NOT NULL,
	"pause_count" integer NOT NULL,
	"revision" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workout_sessions_status" CHECK ("workout_sessions"."status" in ('completed', 'abandoned')),
	CONSTRAINT "workout_sessions_times" CHECK ("workout_sessions"."ended_at" >= "workout_sessions"."started_at"),
	CONSTRAINT "workout_sessions_ms" CHECK ("workout_sessions"."planned_ms" >= 0 and "workout_sessions"."active_ms" >= 0 and "workout_sessions"."paused_ms" >= 0 and "workout_sessions"."pause_count" >= 0),
	CONSTRAINT "workout_sessions_revision" CHECK ("workout_sessions"."revision" >= 0),
	CONSTRAINT "workout_sessions_name_length" CHECK (char_length("workout_sessions"."montage_name") between 1 and 80)
);
--> statement-breakpoint
ALTER TABLE "session_intervals" ADD CONSTRAINT "session_intervals_session_id_workout_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."workout_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workout_sessions" ADD CONSTRAINT "workout_sessions_owner_id_owners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workout_sessions" ADD CONSTRAINT "workout_sessions_montage_id_montages_id_fk" FOREIGN KEY ("montage_id") REFERENCES "public"."montages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "workout_sessions_owner_started_idx" ON "workout_sessions" USING btree ("owner_id","started_at");