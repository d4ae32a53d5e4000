-- The audit log is append-only: history that can be rewritten is not an audit trail.
CREATE OR REPLACE FUNCTION kc_audit_events_append_only() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION kc_audit_events_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION kc_audit_events_append_only();
--> statement-breakpoint
-- Diacritic-insensitive, typo-tolerant search over titles and claim texts.
CREATE INDEX checks_title_fold_trgm_idx ON checks USING gin (kc_fold(title) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX statements_title_fold_trgm_idx ON statements USING gin (kc_fold(title) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX claims_text_fold_trgm_idx ON claims USING gin (kc_fold(text) gin_trgm_ops);
--> statement-breakpoint
INSERT INTO roles (key, label_vi, label_en, description) VALUES
  ('admin', 'Quản trị', 'Administrator', 'Users, roles, sources, categories, retention, backups'),
  ('lead', 'Trưởng nhóm', 'Desk lead', 'Assignment, priorities, deadlines, approval'),
  ('editor', 'Biên tập viên', 'Editor', 'Verification, evidence, drafting and reviewing'),
  ('contributor', 'Cộng tác viên', 'Contributor', 'Forwards items and follows them'),
  ('press', 'Báo chí - phát ngôn', 'Press office', 'Statements and journalists'' questions')
ON CONFLICT (key) DO NOTHING;
