--[[
  Creates a job record and puts it on its first stage's stream, atomically.

  An idempotency key that names a job which no longer exists (the user deleted it) is taken over by the new
  job: a repeat of a deleted submission is a new submission, not an error. The script cannot look at that
  other job's record (it is not among its KEYS), so the caller checks, then calls again naming the stale id.

  KEYS[1] job event stream
  KEYS[2] job hash
  KEYS[3] stream of the first stage at the job's priority
  KEYS[4] the user's job index (zset, score = created_at ms)
  KEYS[5] idempotency key (ignored when ARGV[5] is '')

  ARGV[1..3] prelude (now, channel, event stream length)
  ARGV[4] job id
  ARGV[5] '' without idempotency key, '1' with one
  ARGV[6] idempotency key ttl, seconds
  ARGV[7] user id
  ARGV[8] first stage
  ARGV[9] job id the idempotency key may be taken from (its job is gone), or ''
  ARGV[10..] field, value, field, value, … of the record

  Returns {1, id} when created; {0, existing id} when the idempotency key already names another job, or the
  id exists.
]]
--@include prelude
local id = ARGV[4]
if ARGV[5] == '1' then
  local existing = redis.call('GET', KEYS[5])
  if existing and existing ~= ARGV[9] then
    return {0, existing}
  end
end
if redis.call('EXISTS', KEYS[2]) == 1 then
  return {0, id}
end

redis.call('HSET', KEYS[2], unpack(ARGV, 10))
redis.call('ZADD', KEYS[4], now, id)
redis.call('XADD', KEYS[3], '*', 'job', id)
if ARGV[5] == '1' then
  redis.call('SET', KEYS[5], id, 'EX', ARGV[6])
end
emit(id, ARGV[7], N.ev_accepted, N.queued, ARGV[8])
return {1, id}
