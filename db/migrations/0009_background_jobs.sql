CREATE TABLE "tempo_lookup_runs" (
	"owner_id" uuid PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"queue" jsonb NOT NULL,
	"total" integer NOT NULL,
	"found" integer DEFAULT 0 NOT NULL,
	"unknown" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"quota_stops_in_a_row" integer DEFAULT 0 NOT NULL,
	"batches" integer DEFAULT 0 NOT NULL,
	"next_batch_at" timestamp with time zone,
	"error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "tempo_lookup_runs_counts" CHECK ("tempo_lookup_runs"."total" >= 0 and "tempo_lookup_runs"."found" >= 0 and "tempo_lookup_runs"."unknown" >= 0 and "tempo_lookup_runs"."failed" >= 0)
);
--> statement-breakpoint
CREATE TABLE "library_import_seen" (
	"user_id" uuid NOT NULL,
	"spotify_id" text NOT NULL,
	CONSTRAINT "library_import_seen_user_id_spotify_id_pk" PRIMARY KEY("user_id","spotify_id")
);
--> statement-breakpoint
ALTER TABLE "library_imports" DROP CONSTRAINT "library_imports_counts";--> statement-breakpoint
ALTER TABLE "library_imports" ADD COLUMN "phase" text DEFAULT 'fetch' NOT NULL;--> statement-breakpoint
ALTER TABLE "library_imports" ADD COLUMN "since" text;--> statement-breakpoint
ALTER TABLE "library_imports" ADD COLUMN "known_total" integer;--> statement-breakpoint
ALTER TABLE "library_imports" ADD COLUMN "seen" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "library_imports" ADD COLUMN "run_newest_added_at" text;--> statement-breakpoint
ALTER TABLE "tempo_lookup_runs" ADD CONSTRAINT "tempo_lookup_runs_owner_id_owners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_import_seen" ADD CONSTRAINT "library_import_seen_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_imports" ADD CONSTRAINT "library_imports_counts" CHECK ("library_imports"."imported" >= 0 and "library_imports"."next_offset" >= 0 and "library_imports"."seen" >= 0);