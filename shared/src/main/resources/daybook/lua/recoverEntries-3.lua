--[[
  Recovery, second half: the caller has claimed (XAUTOCLAIM) entries whose worker stopped heartbeating
  (killed, OOM, evicted, partitioned) and passes them here with their job keys. Their jobs go back on the
  stream, or into the dead letters when the job has crashed workers too often (a poison job that kills whoever
  runs it must not go round forever). An entry that was delivered but never started (the worker died in
  between) goes back without counting as an attempt. Entries whose job has moved on are only acked. If the
  caller dies between claim and this script, the entries stay pending under the claimer and are claimed again
  after another lease.

  KEYS[1] job event stream
  KEYS[2] stream
  KEYS[3] dead letters zset
  KEYS[4..] job hash, job error history, job hash, job error history, … (one pair per entry)

  ARGV[1..3] prelude
  ARGV[4] stage
  ARGV[5] running status of the stage
  ARGV[6] max attempts of a stage
  ARGV[7..] entry id, job id ('' when the entry names none), …

  Returns {requeued, buried}.
]]
--@include prelude
local stage, running = ARGV[4], ARGV[5]
local requeued, buried, entries = 0, 0, {}
for i = 7, #ARGV, 2 do
  local entry, id = ARGV[i], ARGV[i + 1]
  local k = 4 + (i - 7)
  local job, errors = KEYS[k], KEYS[k + 1]
  entries[#entries + 1] = entry
  if id ~= '' then
    local st = redis.call('HMGET', job, 'status', 'stage', 'stage_attempts', 'worker', 'user')
    if st[2] == stage and st[1] == N.queued then
      -- Delivered but never started (the worker died between reading and starting it): not an attempt.
      redis.call('XADD', KEYS[2], '*', 'job', id)
      requeued = requeued + 1
    elseif st[2] == stage and st[1] == running then
      local attempt = tonumber(st[3] or '0')
      local lost = cjson.encode({at = tonumber(now), stage = stage, attempt = attempt, code = N.code_worker_lost,
        message = 'lease expired on worker ' .. tostring(st[4]), retryable = true})
      redis.call('RPUSH', errors, lost)
      redis.call('HDEL', job, 'worker', 'stage_started_at')
      if attempt >= tonumber(ARGV[6]) then
        redis.call('HSET', job, 'status', N.failed, 'error_code', N.code_worker_lost, 'updated_at', now,
          'error_message', 'the job stopped its worker ' .. attempt .. ' times')
        redis.call('ZADD', KEYS[3], now, id)
        emit(id, st[5], N.ev_failed, N.failed, stage, 'code', N.code_worker_lost)
        buried = buried + 1
      else
        redis.call('XADD', KEYS[2], '*', 'job', id)
        redis.call('HSET', job, 'status', N.queued, 'updated_at', now, 'progress', '0')
        emit(id, st[5], N.ev_requeued, N.queued, stage, 'code', N.code_worker_lost)
        requeued = requeued + 1
      end
    end
  end
end
settle(KEYS[2], entries)
return {requeued, buried}
