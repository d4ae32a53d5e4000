-- Trigram search and accent folding, available on PostgreSQL and on PGlite.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
-- unaccent() is only STABLE (its dictionary could change), so it cannot be indexed directly.
-- Pinning the dictionary makes the result depend on the argument alone.
CREATE OR REPLACE FUNCTION kc_unaccent(input text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, input) $$;
--> statement-breakpoint
-- Diacritic-insensitive search key (đ becomes d through unaccent's rules).
CREATE OR REPLACE FUNCTION kc_fold(input text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.kc_unaccent(input)) $$;
