-- A trigram index over every item's full text cost more than storing the item itself (intake
-- must take thousands of items a second) and no query used it; item search gets its own index.
DROP INDEX "items_folded_trgm_idx";
