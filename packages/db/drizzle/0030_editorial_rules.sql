CREATE TABLE "approval_rules" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"rules" jsonb DEFAULT '{"approvers":1,"approversByRating":{},"minSources":0,"minStancedSources":0,"rightOfReply":false}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "approval_rules_single_row" CHECK ("approval_rules"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "recusals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recusals_once_per_editor" UNIQUE("claim_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "reply_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"contacted_at" timestamp with time zone,
	"channel" text,
	"contacted" text,
	"asked" text,
	"deadline" timestamp with time zone,
	"response" text,
	"responded_at" timestamp with time zone,
	"waiver_reason" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "reply_records_attempt_or_waiver" CHECK (("reply_records"."waiver_reason" is null) = ("reply_records"."contacted_at" is not null and "reply_records"."deadline" is not null and "reply_records"."contacted" is not null))
);
--> statement-breakpoint
CREATE TABLE "verdict_approvals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"verdict_id" uuid NOT NULL,
	"revision_id" uuid NOT NULL,
	"approver_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "verdict_approvals_once_per_editor" UNIQUE("revision_id","approver_id")
);
--> statement-breakpoint
ALTER TABLE "verdicts" ADD COLUMN "approved_rules" jsonb;--> statement-breakpoint
ALTER TABLE "approval_rules" ADD CONSTRAINT "approval_rules_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recusals" ADD CONSTRAINT "recusals_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recusals" ADD CONSTRAINT "recusals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reply_records" ADD CONSTRAINT "reply_records_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reply_records" ADD CONSTRAINT "reply_records_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verdict_approvals" ADD CONSTRAINT "verdict_approvals_verdict_id_verdicts_id_fk" FOREIGN KEY ("verdict_id") REFERENCES "public"."verdicts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verdict_approvals" ADD CONSTRAINT "verdict_approvals_revision_id_verdict_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."verdict_revisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verdict_approvals" ADD CONSTRAINT "verdict_approvals_approver_id_users_id_fk" FOREIGN KEY ("approver_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reply_records_claim_id_index" ON "reply_records" USING btree ("claim_id");--> statement-breakpoint
CREATE INDEX "verdict_approvals_verdict_id_index" ON "verdict_approvals" USING btree ("verdict_id");