CREATE TABLE "claim_presence" (
	"claim_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"editing" boolean DEFAULT false NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claim_presence_claim_id_user_id_pk" PRIMARY KEY("claim_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "claim_presence" ADD CONSTRAINT "claim_presence_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_presence" ADD CONSTRAINT "claim_presence_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "claim_presence_seen_at_index" ON "claim_presence" USING btree ("seen_at");