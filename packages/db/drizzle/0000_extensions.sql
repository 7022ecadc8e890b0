-- pg_trgm backs similar-claim matching (trigram index on claims.normalized_text).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
