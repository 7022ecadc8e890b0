ALTER TABLE "recurrences" ALTER COLUMN "claim_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "recurrences" ADD COLUMN "tip_id" uuid;--> statement-breakpoint
ALTER TABLE "recurrences" ADD CONSTRAINT "recurrences_tip_id_tips_id_fk" FOREIGN KEY ("tip_id") REFERENCES "public"."tips"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recurrences" ADD CONSTRAINT "recurrences_tip_verdict_key" UNIQUE("tip_id","verdict_id");--> statement-breakpoint
ALTER TABLE "recurrences" ADD CONSTRAINT "recurrences_tip_fact_check_key" UNIQUE("tip_id","fact_check_id");--> statement-breakpoint
ALTER TABLE "recurrences" ADD CONSTRAINT "recurrences_appears_once" CHECK (num_nonnulls("recurrences"."claim_id", "recurrences"."tip_id") = 1);