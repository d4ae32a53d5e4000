ALTER TABLE "tips" ADD COLUMN "receipt_digest" text;--> statement-breakpoint
-- Receipt codes were stored in clear before; such rows keep a digest no code can reproduce.
UPDATE "tips" SET "receipt_digest" = 'retired-' || "id" WHERE "receipt_digest" IS NULL;--> statement-breakpoint
ALTER TABLE "tips" ALTER COLUMN "receipt_digest" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "tips" ADD CONSTRAINT "tips_receipt_digest_unique" UNIQUE("receipt_digest");
