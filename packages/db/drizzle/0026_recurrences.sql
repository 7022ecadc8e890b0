ALTER TYPE "public"."notification_kind" ADD VALUE 'recurred';--> statement-breakpoint
CREATE TABLE "recurrences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"verdict_id" uuid,
	"fact_check_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recurrences_claim_verdict_key" UNIQUE("claim_id","verdict_id"),
	CONSTRAINT "recurrences_claim_fact_check_key" UNIQUE("claim_id","fact_check_id"),
	CONSTRAINT "recurrences_repeats_one" CHECK (num_nonnulls("recurrences"."verdict_id", "recurrences"."fact_check_id") = 1)
);
--> statement-breakpoint
ALTER TABLE "recurrences" ADD CONSTRAINT "recurrences_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recurrences" ADD CONSTRAINT "recurrences_verdict_id_verdicts_id_fk" FOREIGN KEY ("verdict_id") REFERENCES "public"."verdicts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recurrences" ADD CONSTRAINT "recurrences_fact_check_id_fact_checks_id_fk" FOREIGN KEY ("fact_check_id") REFERENCES "public"."fact_checks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "recurrences_created_at_index" ON "recurrences" USING btree ("created_at" DESC NULLS LAST);