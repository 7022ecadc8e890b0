CREATE TABLE "backup_schedule" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"every_hours" integer DEFAULT 24 NOT NULL,
	"keep" integer DEFAULT 7 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "backup_schedule_single_row" CHECK ("backup_schedule"."id" = 1),
	CONSTRAINT "backup_schedule_sane" CHECK ("backup_schedule"."every_hours" between 0 and 720 and "backup_schedule"."keep" between 1 and 365)
);
--> statement-breakpoint
CREATE TABLE "backups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trigger" text NOT NULL,
	"requested_by" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"file" text,
	"bytes" bigint,
	"rows" integer,
	"error" text,
	"pruned_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "approval_rules" ALTER COLUMN "rules" SET DEFAULT '{"approvers":1,"approversByRating":{},"minSources":0,"minStancedSources":0,"rightOfReply":false,"showReplyOnPage":false}'::jsonb;--> statement-breakpoint
ALTER TABLE "backup_schedule" ADD CONSTRAINT "backup_schedule_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backups" ADD CONSTRAINT "backups_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "backups_started_at_index" ON "backups" USING btree ("started_at" DESC NULLS LAST);