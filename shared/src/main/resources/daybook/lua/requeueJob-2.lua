--[[
  Hands a running job back to its stream at once (graceful shutdown that could not finish it). The attempt
  does not count: the job did not fail, the worker left.

  KEYS[1] job hash
  KEYS[2] stream the entry came from

  ARGV[1] consumer group
  ARGV[2] entry id
  ARGV[3] stage
  ARGV[4] running status of the stage
  ARGV[5] now, epoch ms
  ARGV[6] events channel
  ARGV[7] job id

  Returns 'requeued' or 'stale'.
]]
redis.call('XACK', KEYS[2], ARGV[1], ARGV[2])
redis.call('XDEL', KEYS[2], ARGV[2])
local st = redis.call('HMGET', KEYS[1], 'status', 'stage')
if st[1] ~= ARGV[4] or st[2] ~= ARGV[3] then return 'stale' end
redis.call('XADD', KEYS[2], '*', 'job', ARGV[7])
redis.call('HSET', KEYS[1], 'status', 'queued', 'updated_at', ARGV[5], 'progress', '0')
redis.call('HDEL', KEYS[1], 'worker', 'stage_started_at')
redis.call('HINCRBY', KEYS[1], 'stage_attempts', -1)
redis.call('PUBLISH', ARGV[6], ARGV[7])
return 'requeued'
