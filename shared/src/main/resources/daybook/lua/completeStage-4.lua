--[[
  Completes a stage: ack the entry, store the results, enqueue the next stage (or complete the job), update
  the record and announce it, all at once. Idempotent: a second completion of the same stage (a redelivered
  entry, a slow worker whose lease was reclaimed) changes nothing but the ack.

  A completion is accepted while the job is still on this stage and not cancelled or dead, whatever worker
  holds it now: the work is done, and doing it again would only cost.

  KEYS[1] job hash
  KEYS[2] stream of this stage the entry came from
  KEYS[3] stream of the next stage (unused when ARGV[4] is '')
  KEYS[4] retries zset

  ARGV[1] consumer group
  ARGV[2] entry id
  ARGV[3] stage
  ARGV[4] next stage, or '' when this is the last
  ARGV[5] now, epoch ms
  ARGV[6] events channel
  ARGV[7] job id
  ARGV[8..] result field, value, …

  Returns 'ok', 'already_done', 'cancelled' or 'missing'.
]]
local group, entry, stage, nextStage, now, id = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[7]
redis.call('XACK', KEYS[2], group, entry)
redis.call('XDEL', KEYS[2], entry)

local st = redis.call('HMGET', KEYS[1], 'status', 'stage', 'stage_started_at')
if not st[1] then return 'missing' end
if st[1] == 'cancelled' then return 'cancelled' end
if st[2] ~= stage or st[1] == 'completed' or st[1] == 'failed' then return 'already_done' end

if #ARGV >= 8 then
  local fields = {}
  for i = 8, #ARGV do fields[#fields + 1] = ARGV[i] end
  redis.call('HSET', KEYS[1], unpack(fields))
end
if st[3] then
  redis.call('HSET', KEYS[1], stage .. '_ms', tonumber(now) - tonumber(st[3]))
end
redis.call('HDEL', KEYS[1], 'next_attempt_at', 'error_code', 'error_message', 'worker', 'stage_started_at')
redis.call('ZREM', KEYS[4], id)

if nextStage ~= '' then
  redis.call('HSET', KEYS[1], 'status', 'queued', 'stage', nextStage, 'progress', '0', 'stage_attempts', '0',
    'updated_at', now)
  redis.call('XADD', KEYS[3], '*', 'job', id)
else
  redis.call('HSET', KEYS[1], 'status', 'completed', 'progress', '1', 'completed_at', now, 'updated_at', now)
end
redis.call('PUBLISH', ARGV[6], id)
return 'ok'
