CREATE TYPE "public"."review_decision" AS ENUM('approved', 'changes_requested');--> statement-breakpoint
CREATE TABLE "check_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"check_id" uuid NOT NULL,
	"reviewer_id" uuid,
	"decision" "review_decision" NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"check_version" integer NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checklist_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"items" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "checklist_templates_name_not_blank" CHECK (length(btrim("checklist_templates"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "claim_checklist_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"label" text NOT NULL,
	"done_at" timestamp (3) with time zone,
	"done_by_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "claim_checklist_items_label_not_blank" CHECK (length(btrim("claim_checklist_items"."label")) > 0),
	CONSTRAINT "claim_checklist_items_done_by_when" CHECK ("claim_checklist_items"."done_by_id" is null or "claim_checklist_items"."done_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "claim_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"mention_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "claim_notes_body_not_blank" CHECK (length(btrim("claim_notes"."body")) > 0)
);
--> statement-breakpoint
CREATE TABLE "file_blobs" (
	"sha256" text PRIMARY KEY NOT NULL,
	"size_bytes" bigint NOT NULL,
	"mime" text NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "file_blobs_sha256_shape" CHECK ("file_blobs"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "checks" ADD COLUMN "unpublish_reason" text;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "file_name" text;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "dismiss_reason" "rejection_reason";--> statement-breakpoint
ALTER TABLE "check_reviews" ADD CONSTRAINT "check_reviews_check_id_checks_id_fk" FOREIGN KEY ("check_id") REFERENCES "public"."checks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_reviews" ADD CONSTRAINT "check_reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_checklist_items" ADD CONSTRAINT "claim_checklist_items_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_checklist_items" ADD CONSTRAINT "claim_checklist_items_done_by_id_users_id_fk" FOREIGN KEY ("done_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_notes" ADD CONSTRAINT "claim_notes_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_notes" ADD CONSTRAINT "claim_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "check_reviews_check_idx" ON "check_reviews" USING btree ("check_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "checklist_templates_one_default" ON "checklist_templates" USING btree ("is_default") WHERE "checklist_templates"."is_default";--> statement-breakpoint
CREATE INDEX "claim_checklist_items_claim_idx" ON "claim_checklist_items" USING btree ("claim_id","position");--> statement-breakpoint
CREATE INDEX "claim_notes_claim_idx" ON "claim_notes" USING btree ("claim_id","created_at");--> statement-breakpoint
CREATE INDEX "claims_queue_idx" ON "claims" USING btree ("priority" DESC NULLS LAST,"due_at","id") WHERE "claims"."status" in ('new', 'triage', 'researching', 'in_review', 'approved');--> statement-breakpoint
CREATE INDEX "claims_assignee_idx" ON "claims" USING btree ("assignee_id","status");--> statement-breakpoint
CREATE INDEX "items_untriaged_idx" ON "items" USING btree ("priority_score" DESC NULLS LAST,"id") WHERE "items"."status" in ('new', 'queued');--> statement-breakpoint
-- The default checklist every new claim starts from; admins edit it or add others.
INSERT INTO "checklist_templates" ("name", "items", "is_default") VALUES (
  'Quy trình kiểm chứng chuẩn',
  ARRAY[
    'Xác định nhận định cụ thể cần kiểm chứng',
    'Tìm nguồn gốc và lần xuất hiện đầu tiên',
    'Kiểm tra ảnh/video (tìm ngược, siêu dữ liệu)',
    'Đối chiếu với nguồn chính thức',
    'Liên hệ cơ quan hoặc chuyên gia liên quan',
    'Lưu bằng chứng (bản chụp trang, tệp) kèm thời điểm',
    'Viết tóm tắt và giải thích, chọn kết luận',
    'Nhờ người thứ hai duyệt'
  ]::text[],
  true
);
