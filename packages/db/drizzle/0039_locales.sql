ALTER TABLE "settings" ADD COLUMN "public_locale" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_locale_check" CHECK ("locale" IN ('en', 'es', 'fr', 'ar'));--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_public_locale_check" CHECK ("public_locale" IN ('en', 'es', 'fr', 'ar'));
