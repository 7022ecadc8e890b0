ALTER TYPE "public"."notification_kind" ADD VALUE 'source_changed';--> statement-breakpoint
CREATE TABLE "source_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_id" uuid NOT NULL,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL,
	"http_status" integer,
	"title" text,
	"text" text,
	"body_sha256" text,
	"text_sha256" text,
	"error" text
);
--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "link_state" text;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "link_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "source_snapshots" ADD CONSTRAINT "source_snapshots_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "source_snapshots_source_id_fetched_at_index" ON "source_snapshots" USING btree ("source_id","fetched_at");