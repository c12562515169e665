-- Batch runs asked for where they must not run: the public API records the request here, and an ops pod (role ops
-- or all) claims it (FOR UPDATE SKIP LOCKED, so of several ops pods one takes each) and starts it through its
-- BatchRunner. A request for a new run has no job instance until it is claimed; a restart names the instance
-- (restart_of). A claimed row keeps which pod took it, when, and the run it became (or why it could not start).
CREATE TABLE batch_requests (
    id           bigserial PRIMARY KEY,
    job          text        NOT NULL,
    params       jsonb       NOT NULL DEFAULT '{}',
    restart_of   bigint,
    requested_at timestamptz NOT NULL DEFAULT now(),
    claimed_by   text,
    claimed_at   timestamptz,
    instance_id  bigint,
    error        text
);
CREATE INDEX batch_requests_unclaimed ON batch_requests (id) WHERE claimed_at IS NULL;
CREATE INDEX batch_requests_restart_of ON batch_requests (restart_of) WHERE claimed_at IS NULL;
