CREATE TABLE "live_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "live_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"session_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"participant_id" uuid,
	"type" text NOT NULL,
	"action" jsonb NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "live_events_session_seq_unique" UNIQUE("session_id","seq"),
	CONSTRAINT "live_events_seq" CHECK ("live_events"."seq" >= 1),
	CONSTRAINT "live_events_type" CHECK ("live_events"."type" in ('start', 'pause', 'resume', 'next', 'previous', 'end', 'hand-lead')),
	CONSTRAINT "live_events_action_type" CHECK ("live_events"."action" ->> 'type' = "live_events"."type")
);
--> statement-breakpoint
CREATE TABLE "live_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"display_name" text,
	"credential_hash" text NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"left_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "live_participants_credential_unique" UNIQUE("credential_hash"),
	CONSTRAINT "live_participants_name_length" CHECK ("live_participants"."display_name" is null or char_length("live_participants"."display_name") between 1 and 40),
	CONSTRAINT "live_participants_times" CHECK ("live_participants"."last_seen_at" >= "live_participants"."joined_at" and ("live_participants"."left_at" is null or "live_participants"."left_at" >= "live_participants"."joined_at"))
);
--> statement-breakpoint
CREATE TABLE "live_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"montage_name" text NOT NULL,
	"steps" jsonb NOT NULL,
	"join_token" text NOT NULL,
	"join_code" text NOT NULL,
	"opened_by_participant_id" uuid,
	"leader_participant_id" uuid,
	"action_lead_ms" integer NOT NULL,
	"max_participants" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_activity_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	CONSTRAINT "live_sessions_join_token_unique" UNIQUE("join_token"),
	CONSTRAINT "live_sessions_join_token_length" CHECK (char_length("live_sessions"."join_token") = 43),
	CONSTRAINT "live_sessions_join_code_format" CHECK ("live_sessions"."join_code" ~ '^[0-9A-HJKMNP-TV-Z]{6}$'),
	CONSTRAINT "live_sessions_limits" CHECK ("live_sessions"."action_lead_ms" between 0 and 10000 and "live_sessions"."max_participants" between 1 and 10000),
	CONSTRAINT "live_sessions_end" CHECK (("live_sessions"."ended_at" is null) = ("live_sessions"."end_reason" is null)),
	CONSTRAINT "live_sessions_end_reason" CHECK ("live_sessions"."end_reason" is null or "live_sessions"."end_reason" in ('leader', 'finished', 'idle')),
	CONSTRAINT "live_sessions_name_length" CHECK (char_length("live_sessions"."montage_name") between 1 and 80)
);
--> statement-breakpoint
ALTER TABLE "live_events" ADD CONSTRAINT "live_events_session_id_live_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."live_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_events" ADD CONSTRAINT "live_events_participant_id_live_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."live_participants"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_participants" ADD CONSTRAINT "live_participants_session_id_live_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."live_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_sessions" ADD CONSTRAINT "live_sessions_opened_by_participant_id_live_participants_id_fk" FOREIGN KEY ("opened_by_participant_id") REFERENCES "public"."live_participants"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_sessions" ADD CONSTRAINT "live_sessions_leader_participant_id_live_participants_id_fk" FOREIGN KEY ("leader_participant_id") REFERENCES "public"."live_participants"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "live_participants_session_idx" ON "live_participants" USING btree ("session_id","joined_at");--> statement-breakpoint
CREATE UNIQUE INDEX "live_sessions_open_join_code_unique" ON "live_sessions" USING btree ("join_code") WHERE "live_sessions"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "live_sessions_open_activity_idx" ON "live_sessions" USING btree ("last_activity_at") WHERE "live_sessions"."ended_at" is null;