--[[
  Hands a running job back to its stream at once (graceful shutdown that could not finish it). The attempt
  does not count: the job did not fail, the worker left.

  KEYS[1] job event stream
  KEYS[2] job hash
  KEYS[3] stream the entry came from

  ARGV[1..3] prelude
  ARGV[4] entry id
  ARGV[5] stage
  ARGV[6] running status of the stage
  ARGV[7] job id

  Returns N.out_requeued or out_stale.
]]
--@include prelude
settle(KEYS[3], {ARGV[4]})
local st = redis.call('HMGET', KEYS[2], 'status', 'stage', 'user')
if st[1] ~= ARGV[6] or st[2] ~= ARGV[5] then return N.out_stale end
redis.call('XADD', KEYS[3], '*', 'job', ARGV[7])
redis.call('HSET', KEYS[2], 'status', N.queued, 'updated_at', now, 'progress', '0')
redis.call('HDEL', KEYS[2], 'worker', 'stage_started_at')
redis.call('HINCRBY', KEYS[2], 'stage_attempts', -1)
emit(ARGV[7], st[3], N.ev_requeued, N.queued, ARGV[5], 'progress', '0')
return N.out_requeued
