-- The rate limits' buckets (issue 14): several app servers on one database
-- share each limit (wrong passwords per account and per address, password
-- reset requests, wrong API tokens), so a client cannot multiply its tries
-- by the number of servers. One row per limit and key; tokens left as of
-- at_ns (Unix nanoseconds). A row whose bucket is full again is deleted.
CREATE TABLE rate_buckets (
    name TEXT NOT NULL,
    key TEXT NOT NULL,
    tokens DOUBLE PRECISION NOT NULL,
    at_ns BIGINT NOT NULL,
    PRIMARY KEY (name, key)
);
CREATE INDEX rate_buckets_at ON rate_buckets (name, at_ns);
