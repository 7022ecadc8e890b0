-- The queue's outlet filter: found through the index, and estimated from its statistics (an
-- outlet no article has was guessed at 0.5% of claims, and a page walked the whole queue).
CREATE INDEX "articles_outlet_idx" ON "articles" USING btree (lower("outlet"));