CREATE TABLE "claim_fact_checks" (
	"claim_id" uuid NOT NULL,
	"fact_check_id" uuid NOT NULL,
	"coverage" double precision NOT NULL,
	CONSTRAINT "claim_fact_checks_claim_id_fact_check_id_pk" PRIMARY KEY("claim_id","fact_check_id")
);
--> statement-breakpoint
ALTER TABLE "claim_fact_checks" ADD CONSTRAINT "claim_fact_checks_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_fact_checks" ADD CONSTRAINT "claim_fact_checks_fact_check_id_fact_checks_id_fk" FOREIGN KEY ("fact_check_id") REFERENCES "public"."fact_checks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "claim_fact_checks_fact_check_idx" ON "claim_fact_checks" USING btree ("fact_check_id");