CREATE TABLE "ratings" (
	"key" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"ordinal" integer,
	"colour" text NOT NULL,
	"position" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verdict_publications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"verdict_id" uuid NOT NULL,
	"revision_id" uuid NOT NULL,
	"approver_id" uuid NOT NULL,
	"publisher_id" uuid NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "hash" text;--> statement-breakpoint
ALTER TABLE "verdict_publications" ADD CONSTRAINT "verdict_publications_verdict_id_verdicts_id_fk" FOREIGN KEY ("verdict_id") REFERENCES "public"."verdicts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verdict_publications" ADD CONSTRAINT "verdict_publications_revision_id_verdict_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."verdict_revisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verdict_publications" ADD CONSTRAINT "verdict_publications_approver_id_users_id_fk" FOREIGN KEY ("approver_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verdict_publications" ADD CONSTRAINT "verdict_publications_publisher_id_users_id_fk" FOREIGN KEY ("publisher_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "verdict_publications_verdict_id_index" ON "verdict_publications" USING btree ("verdict_id");