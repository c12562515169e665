--[[
  Retries a dead letter: the job goes back onto the stream of the stage it died in, with a fresh count of
  attempts for that stage. Its error history is kept. The caller read the job's stage and priority to name the
  stream; if they changed since, nothing happens.

  KEYS[1] job event stream
  KEYS[2] dead letters zset
  KEYS[3] job hash
  KEYS[4] stream of the job's stage and priority

  ARGV[1..3] prelude
  ARGV[4] job id
  ARGV[5] stage the caller read
  ARGV[6] priority the caller read

  Returns N.out_ok, out_missing (not a dead letter) or out_stale (the job is no longer failed, or moved).
]]
--@include prelude
local id = ARGV[4]
if not redis.call('ZSCORE', KEYS[2], id) then return N.out_missing end
local st = redis.call('HMGET', KEYS[3], 'status', 'stage', 'priority', 'user')
if st[1] ~= N.failed then
  redis.call('ZREM', KEYS[2], id)
  return N.out_stale
end
if st[2] ~= ARGV[5] or st[3] ~= ARGV[6] then return N.out_stale end
redis.call('ZREM', KEYS[2], id)
redis.call('XADD', KEYS[4], '*', 'job', id)
redis.call('HSET', KEYS[3], 'status', N.queued, 'stage_attempts', '0', 'progress', '0', 'updated_at', now)
redis.call('HDEL', KEYS[3], 'error_code', 'error_message', 'next_attempt_at')
emit(id, st[4], N.ev_requeued, N.queued, st[2])
return N.out_ok
