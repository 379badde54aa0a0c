-- Rate limits shared by every gateway replica: one token bucket per caller (an API key or a token's subject). A
-- replica takes tokens from it in small lots and spends them itself, so that most requests cost no round trip.
-- Unlogged: after a crash of the database the buckets start full again, which is harmless; nothing here is evidence.
CREATE UNLOGGED TABLE rate_limit_bucket (
    caller      text PRIMARY KEY,
    tokens      double precision NOT NULL,
    updated_at  timestamptz      NOT NULL,
    -- When the bucket is full again if nobody takes from it: a row past it is the same as no row, and is pruned.
    full_at     timestamptz      NOT NULL
);
CREATE INDEX rate_limit_bucket_full ON rate_limit_bucket (full_at);

-- Takes up to p_lot whole tokens from a caller's bucket (made full if it is new), after refilling it for the time
-- since it was last touched; returns how many were taken and how many are left. One round trip, one row lock.
CREATE FUNCTION rate_limit_take(p_caller text, p_capacity double precision, p_per_second double precision,
        p_lot integer) RETURNS TABLE (taken integer, remaining double precision) LANGUAGE plpgsql AS $$
DECLARE
    stored double precision;
    stored_at timestamptz;
    at timestamptz;
    available double precision;
    take integer;
BEGIN
    INSERT INTO rate_limit_bucket (caller, tokens, updated_at, full_at)
        VALUES (p_caller, p_capacity, clock_timestamp(), clock_timestamp())
        ON CONFLICT (caller) DO NOTHING;
    SELECT b.tokens, b.updated_at INTO stored, stored_at FROM rate_limit_bucket b WHERE b.caller = p_caller FOR UPDATE;
    at := clock_timestamp();
    available := LEAST(p_capacity, stored + GREATEST(0, extract(epoch FROM at - stored_at)) * p_per_second);
    take := LEAST(p_lot, floor(available))::integer;
    UPDATE rate_limit_bucket
        SET tokens = available - take, updated_at = at,
            full_at = at + (p_capacity - (available - take)) / p_per_second * interval '1 second'
        WHERE caller = p_caller;
    RETURN QUERY SELECT take, available - take;
END;
$$;
