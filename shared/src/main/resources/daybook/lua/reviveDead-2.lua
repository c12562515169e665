--[[
  Retries a dead letter: the job goes back onto the stream of the stage it died in, with a fresh count of
  attempts for that stage. Its error history is kept.

  KEYS[1] dead letters zset
  KEYS[2] job hash

  ARGV[1] key prefix, e.g. '{daybook}:'
  ARGV[2] now, epoch ms
  ARGV[3] events channel
  ARGV[4] job id

  Returns 'ok', 'missing' (not a dead letter) or 'stale' (the job is no longer failed).
]]
if redis.call('ZREM', KEYS[1], ARGV[4]) == 0 then return 'missing' end
local st = redis.call('HMGET', KEYS[2], 'status', 'stage', 'priority')
if st[1] ~= 'failed' then return 'stale' end
redis.call('XADD', ARGV[1] .. 'stream:' .. st[2] .. ':' .. st[3], '*', 'job', ARGV[4])
redis.call('HSET', KEYS[2], 'status', 'queued', 'stage_attempts', '0', 'progress', '0', 'updated_at', ARGV[2])
redis.call('HDEL', KEYS[2], 'error_code', 'error_message', 'next_attempt_at')
redis.call('PUBLISH', ARGV[3], ARGV[4])
return 'ok'
