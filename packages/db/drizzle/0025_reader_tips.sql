ALTER TYPE "public"."entity_type" ADD VALUE 'tip';--> statement-breakpoint
CREATE TABLE "tips" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"statement" text NOT NULL,
	"url" text,
	"seen_where" text,
	"contact" text,
	"consent_text" text,
	"claim_id" uuid,
	"triaged_at" timestamp with time zone,
	"triaged_by" uuid,
	"declined_at" timestamp with time zone,
	"declined_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tips_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "tip_consent" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "tips" ADD CONSTRAINT "tips_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tips" ADD CONSTRAINT "tips_triaged_by_users_id_fk" FOREIGN KEY ("triaged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tips_claim_id_index" ON "tips" USING btree ("claim_id");--> statement-breakpoint
CREATE INDEX "tips_created_at_index" ON "tips" USING btree ("created_at" DESC NULLS LAST);