--[[
  Moves retries that are due back onto their stage's stream. The caller read the due ids and each job's stage
  and priority (so that every key is among KEYS); a job whose record changed since is left for the next round.

  KEYS[1] job event stream
  KEYS[2] retries zset (score = due at, epoch ms)
  KEYS[3..] job hash, stream of its stage and priority, job hash, stream, …

  ARGV[1..3] prelude
  ARGV[4..] job id, stage, priority, job id, stage, priority, … (same order as the KEYS pairs)

  Returns how many jobs were moved.
]]
--@include prelude
local moved = 0
for i = 4, #ARGV, 3 do
  local id, stage, priority = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local k = 3 + (i - 4) / 3 * 2
  local job, stream = KEYS[k], KEYS[k + 1]
  local due = redis.call('ZSCORE', KEYS[2], id)
  if due and tonumber(due) <= tonumber(now) then
    local st = redis.call('HMGET', job, 'status', 'stage', 'priority', 'user')
    if st[1] ~= N.retrying then
      redis.call('ZREM', KEYS[2], id)
    elseif st[2] == stage and st[3] == priority then
      redis.call('ZREM', KEYS[2], id)
      redis.call('XADD', stream, '*', 'job', id)
      redis.call('HSET', job, 'status', N.queued, 'updated_at', now)
      redis.call('HDEL', job, 'next_attempt_at')
      emit(id, st[4], N.ev_requeued, N.queued, stage)
      moved = moved + 1
    end
  end
end
return moved
