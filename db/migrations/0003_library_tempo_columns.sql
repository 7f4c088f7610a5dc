CREATE TABLE "library_filters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"criteria" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "library_filters_owner_name" UNIQUE("owner_id","name"),
	CONSTRAINT "library_filters_name_length" CHECK (char_length("library_filters"."name") between 1 and 80)
);
--> statement-breakpoint
ALTER TABLE "tracks" ADD COLUMN "tempo_bpm" double precision;--> statement-breakpoint
ALTER TABLE "tracks" ADD COLUMN "tempo_source" text;--> statement-breakpoint
ALTER TABLE "tracks" ADD COLUMN "tempo_source_note" text;--> statement-breakpoint
ALTER TABLE "library_filters" ADD CONSTRAINT "library_filters_owner_id_owners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tracks_owner_tempo_idx" ON "tracks" USING btree ("owner_id","tempo_bpm");--> statement-breakpoint
CREATE INDEX "tracks_owner_title_idx" ON "tracks" USING btree ("owner_id","title");