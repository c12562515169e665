--[[
  Recovery: takes back entries whose worker stopped heartbeating (killed, OOM, evicted, partitioned) and puts
  their jobs back on the stream, or into the dead letters when the job has crashed workers too often (a
  poison job that kills whoever runs it must not go round forever). An entry that was delivered but never
  started (the worker died in between) goes back without counting as an attempt. Entries whose job has moved
  on (completed, cancelled, another stage) are only acked.

  KEYS[1] stream
  KEYS[2] dead letters zset

  ARGV[1] key prefix, e.g. '{daybook}:'
  ARGV[2] consumer group
  ARGV[3] consumer name used for claiming
  ARGV[4] lease, ms: entries idle longer than this are stale
  ARGV[5] cursor (start with '0-0')
  ARGV[6] most entries to look at in one call
  ARGV[7] now, epoch ms
  ARGV[8] stage
  ARGV[9] running status of the stage
  ARGV[10] max attempts of a stage
  ARGV[11] events channel

  Returns {next cursor, requeued, buried}.
]]
local prefix, group, now, stage, running = ARGV[1], ARGV[2], ARGV[7], ARGV[8], ARGV[9]
local res = redis.call('XAUTOCLAIM', KEYS[1], group, ARGV[3], ARGV[4], ARGV[5], 'COUNT', ARGV[6])
local requeued, buried = 0, 0
for _, e in ipairs(res[2]) do
  local entry, fields = e[1], e[2]
  redis.call('XACK', KEYS[1], group, entry)
  redis.call('XDEL', KEYS[1], entry)
  local id = nil
  if fields then
    for j = 1, #fields, 2 do if fields[j] == 'job' then id = fields[j + 1] end end
  end
  if id then
    local job = prefix .. 'job:' .. id
    local st = redis.call('HMGET', job, 'status', 'stage', 'stage_attempts', 'worker')
    if st[2] == stage and st[1] == 'queued' then
      -- Delivered but never started (the worker died between reading and starting it): not an attempt.
      redis.call('XADD', KEYS[1], '*', 'job', id)
      requeued = requeued + 1
    elseif st[2] == stage and st[1] == running then
      local attempt = tonumber(st[3] or '0')
      local lost = cjson.encode({at = tonumber(now), stage = stage, attempt = attempt, code = 'worker_lost',
        message = 'lease expired on worker ' .. tostring(st[4]), retryable = true})
      redis.call('RPUSH', job .. ':errors', lost)
      redis.call('HDEL', job, 'worker', 'stage_started_at')
      if attempt >= tonumber(ARGV[10]) then
        redis.call('HSET', job, 'status', 'failed', 'error_code', 'worker_lost', 'updated_at', now,
          'error_message', 'the job stopped its worker ' .. attempt .. ' times')
        redis.call('ZADD', KEYS[2], now, id)
        buried = buried + 1
      else
        redis.call('XADD', KEYS[1], '*', 'job', id)
        redis.call('HSET', job, 'status', 'queued', 'updated_at', now, 'progress', '0')
        requeued = requeued + 1
      end
      redis.call('PUBLISH', ARGV[11], id)
    end
  end
end
return {res[1], requeued, buried}
