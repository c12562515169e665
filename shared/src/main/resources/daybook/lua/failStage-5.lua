--[[
  Records a failed attempt and either schedules a retry or buries the job in the dead letters.

  KEYS[1] job hash
  KEYS[2] stream the entry came from
  KEYS[3] job's error history (list of JSON entries)
  KEYS[4] retries zset (score = when the retry is due)
  KEYS[5] dead letters zset (score = when the job died)

  ARGV[1] consumer group
  ARGV[2] entry id
  ARGV[3] stage
  ARGV[4] now, epoch ms
  ARGV[5] events channel
  ARGV[6] job id
  ARGV[7] 'retry' or 'bury'
  ARGV[8] retry due at, epoch ms (ignored when burying)
  ARGV[9] error code
  ARGV[10] error message
  ARGV[11] error history entry, JSON
  ARGV[12] running status of the stage

  Returns 'retrying', 'buried', 'cancelled' or 'stale' (the job moved on: another delivery completed it).
]]
local group, entry, stage, now, id, mode = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[6], ARGV[7]
redis.call('XACK', KEYS[2], group, entry)
redis.call('XDEL', KEYS[2], entry)

local st = redis.call('HMGET', KEYS[1], 'status', 'stage')
if not st[1] then return 'stale' end
if st[1] == 'cancelled' then return 'cancelled' end
if st[2] ~= stage or st[1] ~= ARGV[12] then return 'stale' end

redis.call('RPUSH', KEYS[3], ARGV[11])
redis.call('HSET', KEYS[1], 'error_code', ARGV[9], 'error_message', ARGV[10], 'updated_at', now)
redis.call('HDEL', KEYS[1], 'worker', 'stage_started_at')
if mode == 'retry' then
  redis.call('HSET', KEYS[1], 'status', 'retrying', 'next_attempt_at', ARGV[8])
  redis.call('ZADD', KEYS[4], ARGV[8], id)
  redis.call('PUBLISH', ARGV[5], id)
  return 'retrying'
end
redis.call('HSET', KEYS[1], 'status', 'failed')
redis.call('HDEL', KEYS[1], 'next_attempt_at')
redis.call('ZADD', KEYS[5], now, id)
redis.call('PUBLISH', ARGV[5], id)
return 'buried'
