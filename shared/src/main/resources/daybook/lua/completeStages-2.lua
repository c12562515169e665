--[[
  Completes stages: for each, ack the entry, store the results, enqueue the next stage (or complete the job),
  update the record and record the event, all at once. A batch of completions in one call (the Completer's),
  so the per-call cost of a script is paid once per batch; each completion is atomic on its own, as a script
  is, and has its own outcome. Idempotent: a second completion of the same stage (a redelivered entry, a slow
  worker whose lease was reclaimed) changes nothing but the ack.

  A completion is accepted while the job is still on this stage and not cancelled or dead, whatever worker
  holds it now: the work is done, and doing it again would only cost.

  KEYS[1] job event stream
  KEYS[2] retries zset
  KEYS[3..] three per completion, in the order of ARGV: job hash, stream of this stage the entry came from,
          stream of the next stage (the entry's stream again when this is the last stage)

  ARGV[1..3] prelude
  ARGV[4..] per completion: entry id, stage, next stage or '' when this is the last, job id, n = how many
          result items follow, then the n items (field, value, …)

  Returns one outcome per completion: N.out_ok, out_already_done, out_cancelled or out_missing.
]]
--@include prelude

local function complete(job, to, stage, nextStage, id, r1, r2)
  local st = redis.call('HMGET', job, 'status', 'stage', 'stage_started_at', 'user')
  if not st[1] then return N.out_missing end
  if st[1] == N.cancelled then return N.out_cancelled end
  if st[2] ~= stage or st[1] == N.completed or st[1] == N.failed then return N.out_already_done end

  -- One HSET for the results, the stage's timing and the new state.
  local f = {}
  for i = r1, r2 do f[#f + 1] = ARGV[i] end
  if st[3] then
    f[#f + 1] = stage .. '_ms'
    f[#f + 1] = tonumber(now) - tonumber(st[3])
  end
  if nextStage ~= '' then
    f[#f + 1] = 'status'; f[#f + 1] = N.queued
    f[#f + 1] = 'stage'; f[#f + 1] = nextStage
    f[#f + 1] = 'progress'; f[#f + 1] = '0'
    f[#f + 1] = 'stage_attempts'; f[#f + 1] = '0'
  else
    f[#f + 1] = 'status'; f[#f + 1] = N.completed
    f[#f + 1] = 'progress'; f[#f + 1] = '1'
    f[#f + 1] = 'completed_at'; f[#f + 1] = now
  end
  f[#f + 1] = 'updated_at'; f[#f + 1] = now
  redis.call('HSET', job, unpack(f))
  redis.call('HDEL', job, 'next_attempt_at', 'error_code', 'error_message', 'worker', 'stage_started_at')
  -- Only a retrying job has a due retry to take back; a stale member left otherwise, the forwarder drops.
  if st[1] == N.retrying then
    redis.call('ZREM', KEYS[2], id)
  end

  if nextStage ~= '' then
    redis.call('XADD', to, '*', 'job', id)
    emit(id, st[4], N.ev_stage_completed, N.queued, nextStage, 'progress', '0')
  else
    emit(id, st[4], N.ev_completed, N.completed, stage, 'progress', '1')
  end
  return N.out_ok
end

-- Every entry is acked whatever its outcome: one XACK and one trim per stream the entries came from.
local out, entries, streams = {}, {}, {}
local a, k = 4, 3
while a <= #ARGV do
  local n = tonumber(ARGV[a + 4])
  local from = KEYS[k + 1]
  if not entries[from] then
    entries[from] = {}
    streams[#streams + 1] = from
  end
  local e = entries[from]
  e[#e + 1] = ARGV[a]
  out[#out + 1] = complete(KEYS[k], KEYS[k + 2], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], a + 5, a + 4 + n)
  a, k = a + 5 + n, k + 3
end
for _, from in ipairs(streams) do
  settle(from, entries[from])
end
return out
