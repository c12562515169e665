--[[
  Cancels a job that has not finished. Its stream entry stays where it is: a worker that fetches it acks it
  without running it, and a worker running it sees the status at its next heartbeat and stops.

  KEYS[1] job event stream
  KEYS[2] job hash
  KEYS[3] retries zset
  KEYS[4] dead letters zset (a dead job that is cancelled is no dead letter any more)

  ARGV[1..3] prelude
  ARGV[4] statuses a job may be cancelled from, comma separated
  ARGV[5] job id

  Returns N.out_ok when cancelled now, out_missing, or out_already_done when it cannot be cancelled (completed,
  or cancelled before).
]]
--@include prelude
local st = redis.call('HMGET', KEYS[2], 'status', 'stage', 'user')
if not st[1] then return N.out_missing end
if not isIn(ARGV[4], st[1]) then return N.out_already_done end
redis.call('HSET', KEYS[2], 'status', N.cancelled, 'updated_at', now)
redis.call('HDEL', KEYS[2], 'next_attempt_at')
redis.call('ZREM', KEYS[3], ARGV[5])
redis.call('ZREM', KEYS[4], ARGV[5])
emit(ARGV[5], st[3], N.ev_cancelled, N.cancelled, st[2])
return N.out_ok
