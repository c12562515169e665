--[[
  Cancels a job that has not finished. Its stream entry stays where it is: a worker that fetches it acks it
  without running it, and a worker running it sees the status at its next heartbeat and stops.

  KEYS[1] job hash
  KEYS[2] retries zset
  KEYS[3] dead letters zset (a dead job that is cancelled is no dead letter any more)

  ARGV[1] statuses a job may be cancelled from, comma separated
  ARGV[2] now, epoch ms
  ARGV[3] events channel
  ARGV[4] job id

  Returns 'ok' when cancelled now, 'missing', or the job's status when it cannot be cancelled (already
  completed, failed for good, or cancelled).
]]
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return 'missing' end
local allowed = false
for s in string.gmatch(ARGV[1], '[^,]+') do if s == status then allowed = true end end
if not allowed then return status end
redis.call('HSET', KEYS[1], 'status', 'cancelled', 'updated_at', ARGV[2])
redis.call('HDEL', KEYS[1], 'next_attempt_at')
redis.call('ZREM', KEYS[2], ARGV[4])
redis.call('ZREM', KEYS[3], ARGV[4])
redis.call('PUBLISH', ARGV[3], ARGV[4])
return 'ok'
