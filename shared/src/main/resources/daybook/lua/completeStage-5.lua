--[[
  Completes a stage: ack the entry, store the results, enqueue the next stage (or complete the job), update
  the record and record the event, all at once. Idempotent: a second completion of the same stage (a
  redelivered entry, a slow worker whose lease was reclaimed) changes nothing but the ack.

  A completion is accepted while the job is still on this stage and not cancelled or dead, whatever worker
  holds it now: the work is done, and doing it again would only cost.

  KEYS[1] job event stream
  KEYS[2] job hash
  KEYS[3] stream of this stage the entry came from
  KEYS[4] stream of the next stage (unused when ARGV[6] is '')
  KEYS[5] retries zset

  ARGV[1..3] prelude
  ARGV[4] entry id
  ARGV[5] stage
  ARGV[6] next stage, or '' when this is the last
  ARGV[7] job id
  ARGV[8..] result field, value, …

  Returns N.out_ok, out_already_done, out_cancelled or out_missing.
]]
--@include prelude
local entry, stage, nextStage, id = ARGV[4], ARGV[5], ARGV[6], ARGV[7]
ackDel(KEYS[3], entry)

local st = redis.call('HMGET', KEYS[2], 'status', 'stage', 'stage_started_at', 'user')
if not st[1] then return N.out_missing end
if st[1] == N.cancelled then return N.out_cancelled end
if st[2] ~= stage or st[1] == N.completed or st[1] == N.failed then return N.out_already_done end

if #ARGV >= 8 then
  redis.call('HSET', KEYS[2], unpack(ARGV, 8))
end
if st[3] then
  redis.call('HSET', KEYS[2], stage .. '_ms', tonumber(now) - tonumber(st[3]))
end
redis.call('HDEL', KEYS[2], 'next_attempt_at', 'error_code', 'error_message', 'worker', 'stage_started_at')
redis.call('ZREM', KEYS[5], id)

if nextStage ~= '' then
  redis.call('HSET', KEYS[2], 'status', N.queued, 'stage', nextStage, 'progress', '0', 'stage_attempts', '0',
    'updated_at', now)
  redis.call('XADD', KEYS[4], '*', 'job', id)
  emit(id, st[4], N.ev_stage_completed, N.queued, nextStage, 'progress', '0')
else
  redis.call('HSET', KEYS[2], 'status', N.completed, 'progress', '1', 'completed_at', now, 'updated_at', now)
  emit(id, st[4], N.ev_completed, N.completed, stage, 'progress', '1')
end
return N.out_ok
