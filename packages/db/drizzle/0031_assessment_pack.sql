CREATE TABLE "assessment_packs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"period_from" timestamp with time zone NOT NULL,
	"period_to" timestamp with time zone NOT NULL,
	"requested_by" uuid NOT NULL,
	"zip" "bytea",
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ready_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "policy_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"page" text NOT NULL,
	"body" text NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "claimant_affiliation" text;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "about" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "funding" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "assessment_packs" ADD CONSTRAINT "assessment_packs_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "policy_versions_page_created_at_index" ON "policy_versions" USING btree ("page","created_at" DESC NULLS LAST);--> statement-breakpoint
-- The texts already published start their pages' histories.
INSERT INTO "policy_versions" ("page", "body", "updated_by", "created_at")
SELECT page, body, "updated_by", "updated_at" FROM "settings",
  LATERAL (VALUES ('methodology', "methodology"), ('correctionsPolicy', "corrections_policy")) AS p(page, body)
WHERE body <> '';