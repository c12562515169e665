--[[
  Records a failed attempt and either schedules a retry or buries the job in the dead letters.

  KEYS[1] job event stream
  KEYS[2] job hash
  KEYS[3] stream the entry came from
  KEYS[4] job's error history (list of JSON entries)
  KEYS[5] retries zset (score = when the retry is due)
  KEYS[6] dead letters zset (score = when the job died)

  ARGV[1..3] prelude
  ARGV[4] entry id
  ARGV[5] stage
  ARGV[6] job id
  ARGV[7] 'retry' or 'bury'
  ARGV[8] retry due at, epoch ms (ignored when burying)
  ARGV[9] error code
  ARGV[10] error message
  ARGV[11] error history entry, JSON
  ARGV[12] running status of the stage

  Returns N.out_retrying, out_buried, out_cancelled or out_stale (the job moved on: another delivery
  completed it).
]]
--@include prelude
local entry, stage, id, mode = ARGV[4], ARGV[5], ARGV[6], ARGV[7]
settle(KEYS[3], {entry})

local st = redis.call('HMGET', KEYS[2], 'status', 'stage', 'user')
if not st[1] then return N.out_stale end
if st[1] == N.cancelled then return N.out_cancelled end
if st[2] ~= stage or st[1] ~= ARGV[12] then return N.out_stale end

redis.call('RPUSH', KEYS[4], ARGV[11])
redis.call('HSET', KEYS[2], 'error_code', ARGV[9], 'error_message', ARGV[10], 'updated_at', now)
redis.call('HDEL', KEYS[2], 'worker', 'stage_started_at')
if mode == 'retry' then
  redis.call('HSET', KEYS[2], 'status', N.retrying, 'next_attempt_at', ARGV[8])
  redis.call('ZADD', KEYS[5], ARGV[8], id)
  emit(id, st[3], N.ev_retry_scheduled, N.retrying, stage, 'code', ARGV[9])
  return N.out_retrying
end
redis.call('HSET', KEYS[2], 'status', N.failed)
redis.call('HDEL', KEYS[2], 'next_attempt_at')
redis.call('ZADD', KEYS[6], now, id)
emit(id, st[3], N.ev_failed, N.failed, stage, 'code', ARGV[9])
return N.out_buried
