--[[
  Creates a job record and puts it on its first stage's stream, atomically.

  KEYS[1] job hash
  KEYS[2] stream of the first stage at the job's priority
  KEYS[3] the user's job index (zset, score = created_at ms)
  KEYS[4] idempotency key (ignored when ARGV[4] is '')

  ARGV[1] job id
  ARGV[2] now, epoch ms
  ARGV[3] events channel
  ARGV[4] idempotency key given ('1') or not ('')
  ARGV[5] idempotency key ttl, seconds
  ARGV[6..] field, value, field, value, … of the record

  Returns {1, id} when created; {0, existing id} when the idempotency key already named a job, or the id exists.
]]
if ARGV[4] == '1' then
  local existing = redis.call('GET', KEYS[4])
  if existing then
    return {0, existing}
  end
end
if redis.call('EXISTS', KEYS[1]) == 1 then
  return {0, ARGV[1]}
end

local fields = {}
for i = 6, #ARGV do
  fields[#fields + 1] = ARGV[i]
end
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1])
redis.call('XADD', KEYS[2], '*', 'job', ARGV[1])
if ARGV[4] == '1' then
  redis.call('SET', KEYS[4], ARGV[1], 'EX', ARGV[5])
end
redis.call('PUBLISH', ARGV[3], ARGV[1])
return {1, ARGV[1]}
