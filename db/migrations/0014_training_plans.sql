CREATE TABLE "training_plan_changes" (
	"plan_id" uuid NOT NULL,
	"slot" integer NOT NULL,
	"position" integer NOT NULL,
	"field" text NOT NULL,
	"exercise" text,
	"from_value" double precision NOT NULL,
	"to_value" double precision NOT NULL,
	"sentence" text NOT NULL,
	CONSTRAINT "training_plan_changes_plan_id_slot_position_pk" PRIMARY KEY("plan_id","slot","position"),
	CONSTRAINT "training_plan_changes_field" CHECK ("training_plan_changes"."field" in ('workSec', 'restSec', 'rounds', 'cadenceSpm', 'reps', 'loadKg')),
	CONSTRAINT "training_plan_changes_exercise" CHECK (("training_plan_changes"."field" in ('reps', 'loadKg')) = ("training_plan_changes"."exercise" is not null)),
	CONSTRAINT "training_plan_changes_sentence" CHECK (char_length("training_plan_changes"."sentence") between 1 and 300)
);
--> statement-breakpoint
CREATE TABLE "training_plan_sessions" (
	"plan_id" uuid NOT NULL,
	"slot" integer NOT NULL,
	"week" integer NOT NULL,
	"kind" text NOT NULL,
	"work_sec" integer NOT NULL,
	"rest_sec" integer NOT NULL,
	"rounds" integer NOT NULL,
	"cadence_spm" integer,
	"exercise_targets" jsonb NOT NULL,
	"load_min" double precision NOT NULL,
	"decision" text NOT NULL,
	"reason" text NOT NULL,
	"log_status" text,
	"rpe" integer,
	"work_done" integer,
	"work_skipped" integer,
	"work_cut_short" integer,
	"active_min" double precision,
	"entries" jsonb,
	"workout_session_id" uuid,
	"logged_at" timestamp with time zone,
	CONSTRAINT "training_plan_sessions_plan_id_slot_pk" PRIMARY KEY("plan_id","slot"),
	CONSTRAINT "training_plan_sessions_slot" CHECK ("training_plan_sessions"."slot" >= 0 and "training_plan_sessions"."week" >= 0),
	CONSTRAINT "training_plan_sessions_kind" CHECK ("training_plan_sessions"."kind" in ('train', 'test')),
	CONSTRAINT "training_plan_sessions_decision" CHECK ("training_plan_sessions"."decision" in ('progress', 'hold', 'back_off')),
	CONSTRAINT "training_plan_sessions_targets" CHECK ("training_plan_sessions"."work_sec" > 0 and "training_plan_sessions"."rest_sec" >= 0 and "training_plan_sessions"."rounds" > 0 and "training_plan_sessions"."load_min" >= 0),
	CONSTRAINT "training_plan_sessions_rpe" CHECK ("training_plan_sessions"."rpe" is null or "training_plan_sessions"."rpe" between 1 and 10),
	CONSTRAINT "training_plan_sessions_log" CHECK (("training_plan_sessions"."log_status" is null and "training_plan_sessions"."logged_at" is null) or ("training_plan_sessions"."log_status" in ('completed', 'abandoned', 'missed') and "training_plan_sessions"."logged_at" is not null
        and "training_plan_sessions"."work_done" >= 0 and "training_plan_sessions"."work_skipped" >= 0 and "training_plan_sessions"."work_cut_short" >= 0 and "training_plan_sessions"."active_min" >= 0 and "training_plan_sessions"."entries" is not null))
);
--> statement-breakpoint
CREATE TABLE "training_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"mode" text NOT NULL,
	"goal_kind" text NOT NULL,
	"goal_to_spm" integer,
	"goal_work_sec" integer,
	"goal_rest_sec" integer,
	"goal_rounds" integer,
	"start_date" date NOT NULL,
	"fight_night" date NOT NULL,
	"sessions_per_week" integer NOT NULL,
	"start_work_sec" integer NOT NULL,
	"start_rest_sec" integer NOT NULL,
	"start_rounds" integer NOT NULL,
	"start_cadence_spm" integer,
	"start_exercises" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_plans_goal_kind" CHECK ("training_plans"."goal_kind" in ('cadence', 'level')),
	CONSTRAINT "training_plans_goal" CHECK (("training_plans"."goal_kind" = 'cadence' and "training_plans"."goal_to_spm" is not null and "training_plans"."start_cadence_spm" is not null)
        or ("training_plans"."goal_kind" = 'level' and "training_plans"."goal_work_sec" is not null and "training_plans"."goal_rest_sec" is not null and "training_plans"."goal_rounds" is not null)),
	CONSTRAINT "training_plans_dates" CHECK ("training_plans"."fight_night" > "training_plans"."start_date"),
	CONSTRAINT "training_plans_sessions_per_week" CHECK ("training_plans"."sessions_per_week" between 1 and 7),
	CONSTRAINT "training_plans_start" CHECK ("training_plans"."start_work_sec" > 0 and "training_plans"."start_rest_sec" >= 0 and "training_plans"."start_rounds" > 0)
);
--> statement-breakpoint
ALTER TABLE "training_plan_changes" ADD CONSTRAINT "training_plan_changes_session_fk" FOREIGN KEY ("plan_id","slot") REFERENCES "public"."training_plan_sessions"("plan_id","slot") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_plan_sessions" ADD CONSTRAINT "training_plan_sessions_plan_id_training_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."training_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_plan_sessions" ADD CONSTRAINT "training_plan_sessions_workout_session_id_workout_sessions_id_fk" FOREIGN KEY ("workout_session_id") REFERENCES "public"."workout_sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_plans" ADD CONSTRAINT "training_plans_owner_id_owners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "training_plans_owner_idx" ON "training_plans" USING btree ("owner_id");