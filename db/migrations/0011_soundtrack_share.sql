ALTER TABLE "montages" ADD COLUMN "soundtrack_share" text DEFAULT 'all' NOT NULL;--> statement-breakpoint
ALTER TABLE "montages" ADD COLUMN "soundtrack_left_out" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "montages" ADD CONSTRAINT "montages_soundtrack_share" CHECK ("montages"."soundtrack_share" in ('fit', 'all', 'none'));