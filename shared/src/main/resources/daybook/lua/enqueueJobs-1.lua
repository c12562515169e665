--[[
  Creates job records and puts each on its first stage's stream: a whole bulk in one call (the per-call cost
  of a script, ~10 µs, is paid once per bulk rather than once per job). Each job is atomic on its own, as a
  script is; the jobs are taken in order, so a second job of the bulk naming the same idempotency key or id as
  an earlier one is answered with that earlier job.

  An idempotency key that names a job which no longer exists (the user deleted it) is taken over by the new
  job: a repeat of a deleted submission is a new submission, not an error. The script cannot look at that
  other job's record (it is not among its KEYS), so the caller checks, then calls again naming the stale id.

  KEYS[1] job event stream
  KEYS[2..] four per job, in the order of the jobs in ARGV: job hash, stream of the first stage at the job's
          priority, the user's job index (zset, score = created_at ms), idempotency key (the job hash again
          without one)

  ARGV[1..3] prelude (now, unused, event stream length)
  ARGV[4] idempotency key ttl, seconds
  ARGV[5] the stage the call's jobs start at: the first, or a later one (a typed entry starts at summarize)
  ARGV[6..] per job: job id, '1' with an idempotency key else '', user id, job id the idempotency key may be
          taken from (its job is gone) or '', n = how many items the record has, then the record's n items
          (field, value, field, value, …)

  Returns one item per job: {1, id} when created; {0, existing id} when the idempotency key already names
  another job, or the id exists.
]]
--@include prelude
local ttl, first = ARGV[4], ARGV[5]
-- The user index entries, one ZADD per index for the whole call (a bulk is mostly one user's): per job it was a
-- command of its own. Written before the script returns, so no one sees a job without its index entry.
local indexed, indexes = {}, {}

local function enqueue(job, stream, index, idemKey, id, idem, user, stale, from, to)
  if idem == '1' then
    local existing = redis.call('GET', idemKey)
    if existing and existing ~= stale then
      return {0, existing}
    end
  end
  if redis.call('EXISTS', job) == 1 then
    return {0, id}
  end
  redis.call('HSET', job, unpack(ARGV, from, to))
  if not indexed[index] then
    indexed[index] = {}
    indexes[#indexes + 1] = index
  end
  local members = indexed[index]
  members[#members + 1] = now
  members[#members + 1] = id
  redis.call('XADD', stream, '*', 'job', id)
  if idem == '1' then
    redis.call('SET', idemKey, id, 'EX', ttl)
  end
  emit(id, user, N.ev_accepted, N.queued, first)
  return {1, id}
end

local out = {}
local a, k = 6, 2
while a <= #ARGV do
  local n = tonumber(ARGV[a + 4])
  out[#out + 1] = enqueue(KEYS[k], KEYS[k + 1], KEYS[k + 2], KEYS[k + 3], ARGV[a], ARGV[a + 1], ARGV[a + 2],
    ARGV[a + 3], a + 5, a + 4 + n)
  a, k = a + 5 + n, k + 4
end
for _, index in ipairs(indexes) do
  redis.call('ZADD', index, unpack(indexed[index]))
end
return out
