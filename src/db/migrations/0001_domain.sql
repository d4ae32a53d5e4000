CREATE TYPE "public"."actor_kind" AS ENUM('user', 'api_token', 'system', 'public');--> statement-breakpoint
CREATE TYPE "public"."channel" AS ENUM('feed', 'url', 'tip', 'staff', 'import', 'api');--> statement-breakpoint
CREATE TYPE "public"."check_status" AS ENUM('draft', 'in_review', 'approved', 'published', 'unpublished');--> statement-breakpoint
CREATE TYPE "public"."claim_status" AS ENUM('new', 'triage', 'researching', 'in_review', 'approved', 'published', 'rejected', 'corrected');--> statement-breakpoint
CREATE TYPE "public"."evidence_kind" AS ENUM('url', 'file', 'document', 'expert_statement');--> statement-breakpoint
CREATE TYPE "public"."inquiry_status" AS ENUM('open', 'assigned', 'answered', 'closed');--> statement-breakpoint
CREATE TYPE "public"."item_status" AS ENUM('new', 'queued', 'linked', 'dismissed');--> statement-breakpoint
CREATE TYPE "public"."priority" AS ENUM('low', 'normal', 'high', 'urgent');--> statement-breakpoint
CREATE TYPE "public"."publication_status" AS ENUM('draft', 'published', 'archived');--> statement-breakpoint
CREATE TYPE "public"."rating" AS ENUM('true', 'misleading', 'false', 'unproven', 'not_checkable');--> statement-breakpoint
CREATE TYPE "public"."rejection_reason" AS ENUM('duplicate', 'not_checkable', 'out_of_scope');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('admin', 'lead', 'editor', 'contributor', 'press');--> statement-breakpoint
CREATE TYPE "public"."source_kind" AS ENUM('feed', 'sitemap', 'page');--> statement-breakpoint
CREATE TYPE "public"."tip_status" AS ENUM('received', 'answered', 'in_progress', 'closed');--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"scopes" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp (3) with time zone,
	"expires_at" timestamp (3) with time zone,
	"revoked_at" timestamp (3) with time zone,
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"actor_kind" "actor_kind" NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_events_hash_unique" UNIQUE("hash"),
	CONSTRAINT "audit_events_hash_shape" CHECK ("audit_events"."hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "categories_slug_unique" UNIQUE("slug"),
	CONSTRAINT "categories_slug_shape" CHECK ("categories"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$')
);
--> statement-breakpoint
CREATE TABLE "check_corrections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"check_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"version_before" integer NOT NULL,
	"version_after" integer NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "check_corrections_reason_not_blank" CHECK (length(btrim("check_corrections"."reason")) > 0)
);
--> statement-breakpoint
CREATE TABLE "check_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"check_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"edited_by_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"rating" "rating",
	"summary" text DEFAULT '' NOT NULL,
	"explanation" text DEFAULT '' NOT NULL,
	"status" "check_status" DEFAULT 'draft' NOT NULL,
	"category_id" uuid,
	"author_id" uuid NOT NULL,
	"reviewer_id" uuid,
	"language" text DEFAULT 'vi' NOT NULL,
	"published_at" timestamp (3) with time zone,
	"first_published_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "checks_claim_id_unique" UNIQUE("claim_id"),
	CONSTRAINT "checks_slug_unique" UNIQUE("slug"),
	CONSTRAINT "checks_slug_shape" CHECK ("checks"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "checks_published_has_independent_reviewer" CHECK ("checks"."status" <> 'published' or ("checks"."reviewer_id" is not null and "checks"."reviewer_id" <> "checks"."author_id")),
	CONSTRAINT "checks_published_has_rating_and_summary" CHECK ("checks"."status" <> 'published' or ("checks"."rating" is not null and length(btrim("checks"."summary")) > 0 and "checks"."published_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "claim_items" (
	"claim_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"link_kind" text DEFAULT 'manual' NOT NULL,
	"match_confidence" real,
	"linked_by_id" uuid,
	"linked_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claim_items_claim_id_item_id_pk" PRIMARY KEY("claim_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"text" text NOT NULL,
	"normalized_text" text DEFAULT '' NOT NULL,
	"folded_text" text DEFAULT '' NOT NULL,
	"language" text DEFAULT 'vi' NOT NULL,
	"status" "claim_status" DEFAULT 'new' NOT NULL,
	"rejection_reason" "rejection_reason",
	"merged_into_id" uuid,
	"priority" "priority" DEFAULT 'normal' NOT NULL,
	"due_at" timestamp (3) with time zone,
	"first_response_at" timestamp (3) with time zone,
	"assignee_id" uuid,
	"category_id" uuid,
	"created_by_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "claims_text_not_blank" CHECK (length(btrim("claims"."text")) > 0),
	CONSTRAINT "claims_rejection_reason_iff_rejected" CHECK (("claims"."status" = 'rejected') = ("claims"."rejection_reason" is not null)),
	CONSTRAINT "claims_not_merged_into_self" CHECK ("claims"."merged_into_id" is distinct from "claims"."id")
);
--> statement-breakpoint
CREATE TABLE "clusters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"items_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"kind" "evidence_kind" NOT NULL,
	"title" text NOT NULL,
	"url" text,
	"note" text DEFAULT '' NOT NULL,
	"snapshot_id" uuid,
	"file_storage_key" text,
	"file_sha256" text,
	"file_mime" text,
	"file_size_bytes" bigint,
	"position" integer DEFAULT 0 NOT NULL,
	"added_by_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_kind_has_payload" CHECK (("evidence"."kind" <> 'url' or "evidence"."url" is not null) and ("evidence"."kind" <> 'file' or "evidence"."file_storage_key" is not null))
);
--> statement-breakpoint
CREATE TABLE "inquiries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"outlet" text NOT NULL,
	"question" text NOT NULL,
	"contact_encrypted" text,
	"status" "inquiry_status" DEFAULT 'open' NOT NULL,
	"assignee_id" uuid,
	"answer" text,
	"statement_id" uuid,
	"due_at" timestamp (3) with time zone,
	"answered_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "inquiries_answered_has_answer" CHECK ("inquiries"."status" <> 'answered' or ("inquiries"."answer" is not null and "inquiries"."answered_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "item_sightings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"channel" "channel" NOT NULL,
	"source_id" uuid,
	"url" text,
	"seen_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel" "channel" NOT NULL,
	"source_id" uuid,
	"url" text,
	"canonical_url" text,
	"title" text DEFAULT '' NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"language" text DEFAULT 'vi' NOT NULL,
	"published_at" timestamp (3) with time zone,
	"normalized_text" text DEFAULT '' NOT NULL,
	"folded_text" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"minhash" "bytea",
	"cluster_id" uuid,
	"status" "item_status" DEFAULT 'new' NOT NULL,
	"relevance" real DEFAULT 0 NOT NULL,
	"priority_score" real DEFAULT 0 NOT NULL,
	"sightings_count" integer DEFAULT 1 NOT NULL,
	"first_seen_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "items_canonical_url_unique" UNIQUE("canonical_url"),
	CONSTRAINT "items_content_hash_unique" UNIQUE("content_hash"),
	CONSTRAINT "items_sightings_positive" CHECK ("items"."sightings_count" >= 1),
	CONSTRAINT "items_has_content" CHECK ("items"."url" is not null or length("items"."text") > 0)
);
--> statement-breakpoint
CREATE TABLE "roles" (
	"key" "role" PRIMARY KEY NOT NULL,
	"label_vi" text NOT NULL,
	"label_en" text NOT NULL,
	"description" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"revoked_at" timestamp (3) with time zone,
	"user_agent" text,
	"ip_hash" text
);
--> statement-breakpoint
CREATE TABLE "snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"url" text NOT NULL,
	"final_url" text NOT NULL,
	"fetched_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"http_status" smallint NOT NULL,
	"content_type" text,
	"sha256" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"title" text,
	"text" text DEFAULT '' NOT NULL,
	"storage_key" text,
	"retain_until" timestamp (3) with time zone,
	CONSTRAINT "snapshots_sha256_shape" CHECK ("snapshots"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" "source_kind" NOT NULL,
	"url" text NOT NULL,
	"canonical_url" text NOT NULL,
	"category_id" uuid,
	"schedule_minutes" integer DEFAULT 30 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"respect_robots" boolean DEFAULT true NOT NULL,
	"etag" text,
	"last_modified" text,
	"last_body_hash" text,
	"last_fetched_at" timestamp (3) with time zone,
	"last_success_at" timestamp (3) with time zone,
	"last_error_at" timestamp (3) with time zone,
	"last_error" text,
	"failure_score" real DEFAULT 0 NOT NULL,
	"disabled_reason" text,
	"items_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "sources_canonical_url_unique" UNIQUE("canonical_url"),
	CONSTRAINT "sources_schedule_positive" CHECK ("sources"."schedule_minutes" between 1 and 10080),
	CONSTRAINT "sources_url_http" CHECK ("sources"."url" ~* '^https?://')
);
--> statement-breakpoint
CREATE TABLE "statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"status" "publication_status" DEFAULT 'draft' NOT NULL,
	"category_id" uuid,
	"claim_id" uuid,
	"author_id" uuid,
	"language" text DEFAULT 'vi' NOT NULL,
	"issued_at" timestamp (3) with time zone,
	"published_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "statements_slug_unique" UNIQUE("slug"),
	CONSTRAINT "statements_slug_shape" CHECK ("statements"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "statements_published_has_date" CHECK ("statements"."status" <> 'published' or "statements"."published_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "tips" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"receipt_code" text NOT NULL,
	"item_id" uuid,
	"link" text,
	"text" text DEFAULT '' NOT NULL,
	"contact_encrypted" text,
	"consent" boolean DEFAULT false NOT NULL,
	"status" "tip_status" DEFAULT 'received' NOT NULL,
	"answer_check_id" uuid,
	"language" text DEFAULT 'vi' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp (3) with time zone,
	"contact_delete_after" timestamp (3) with time zone,
	CONSTRAINT "tips_receipt_code_unique" UNIQUE("receipt_code"),
	CONSTRAINT "tips_contact_needs_consent" CHECK ("tips"."contact_encrypted" is null or "tips"."consent"),
	CONSTRAINT "tips_has_content" CHECK ("tips"."link" is not null or length(btrim("tips"."text")) > 0)
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"role" "role" NOT NULL,
	"password_hash" text,
	"totp_secret_encrypted" text,
	"disabled_at" timestamp (3) with time zone,
	"last_login_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "users_email_shape" CHECK ("users"."email" ~ '^[^@\s]+@[^@\s]+$')
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_corrections" ADD CONSTRAINT "check_corrections_check_id_checks_id_fk" FOREIGN KEY ("check_id") REFERENCES "public"."checks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_corrections" ADD CONSTRAINT "check_corrections_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_versions" ADD CONSTRAINT "check_versions_check_id_checks_id_fk" FOREIGN KEY ("check_id") REFERENCES "public"."checks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_versions" ADD CONSTRAINT "check_versions_edited_by_id_users_id_fk" FOREIGN KEY ("edited_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checks" ADD CONSTRAINT "checks_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checks" ADD CONSTRAINT "checks_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checks" ADD CONSTRAINT "checks_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checks" ADD CONSTRAINT "checks_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_items" ADD CONSTRAINT "claim_items_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_items" ADD CONSTRAINT "claim_items_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_items" ADD CONSTRAINT "claim_items_linked_by_id_users_id_fk" FOREIGN KEY ("linked_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_merged_into_id_claims_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."claims"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_snapshot_id_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."snapshots"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_added_by_id_users_id_fk" FOREIGN KEY ("added_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiries" ADD CONSTRAINT "inquiries_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiries" ADD CONSTRAINT "inquiries_statement_id_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statements"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_sightings" ADD CONSTRAINT "item_sightings_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_sightings" ADD CONSTRAINT "item_sightings_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sources" ADD CONSTRAINT "sources_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tips" ADD CONSTRAINT "tips_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tips" ADD CONSTRAINT "tips_answer_check_id_checks_id_fk" FOREIGN KEY ("answer_check_id") REFERENCES "public"."checks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_role_roles_key_fk" FOREIGN KEY ("role") REFERENCES "public"."roles"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_tokens_user_idx" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "audit_events_entity_idx" ON "audit_events" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "check_corrections_check_idx" ON "check_corrections" USING btree ("check_id");--> statement-breakpoint
CREATE UNIQUE INDEX "check_versions_check_version_key" ON "check_versions" USING btree ("check_id","version");--> statement-breakpoint
CREATE INDEX "checks_status_published_idx" ON "checks" USING btree ("status","published_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "checks_created_idx" ON "checks" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "claim_items_item_idx" ON "claim_items" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "claims_created_idx" ON "claims" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "claims_status_idx" ON "claims" USING btree ("status","priority");--> statement-breakpoint
CREATE INDEX "claims_category_idx" ON "claims" USING btree ("category_id");--> statement-breakpoint
CREATE INDEX "claims_folded_trgm_idx" ON "claims" USING gin ("folded_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "evidence_claim_idx" ON "evidence" USING btree ("claim_id","position");--> statement-breakpoint
CREATE INDEX "inquiries_status_idx" ON "inquiries" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "item_sightings_item_idx" ON "item_sightings" USING btree ("item_id","seen_at");--> statement-breakpoint
CREATE INDEX "items_created_idx" ON "items" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "items_status_idx" ON "items" USING btree ("status","priority_score" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "items_cluster_idx" ON "items" USING btree ("cluster_id");--> statement-breakpoint
CREATE INDEX "items_source_idx" ON "items" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "items_folded_trgm_idx" ON "items" USING gin ("folded_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "snapshots_url_idx" ON "snapshots" USING btree ("url");--> statement-breakpoint
CREATE INDEX "statements_created_idx" ON "statements" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "tips_status_idx" ON "tips" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_key" ON "users" USING btree (lower("email"));