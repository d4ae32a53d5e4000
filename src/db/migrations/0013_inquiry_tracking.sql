ALTER TABLE "inquiries" ADD COLUMN "closed_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "inquiries" ADD COLUMN "contact_delete_after" timestamp (3) with time zone;--> statement-breakpoint
-- Inquiries closed before closed_at existed: their last change was the closing.
UPDATE "inquiries" SET "closed_at" = "updated_at" WHERE "status" = 'closed' AND "closed_at" IS NULL;
