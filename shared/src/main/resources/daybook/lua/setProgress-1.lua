--[[
  Records a running stage's progress, unless the job has moved on (cancelled, reclaimed, finished).

  KEYS[1] job hash

  ARGV[1] stage
  ARGV[2] running status of the stage
  ARGV[3] progress in [0, 1]
  ARGV[4] now, epoch ms
  ARGV[5] events channel
  ARGV[6] job id

  Returns 1 when recorded, 0 when not.
]]
local st = redis.call('HMGET', KEYS[1], 'status', 'stage')
if st[1] ~= ARGV[2] or st[2] ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'progress', ARGV[3], 'updated_at', ARGV[4])
redis.call('PUBLISH', ARGV[5], ARGV[6])
return 1
