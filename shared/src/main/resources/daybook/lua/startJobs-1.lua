--[[
  Marks freshly delivered stream entries as running, or acks the ones that must not run.

  An entry must not run when its job is gone, was cancelled, or has moved past this stage (a redelivery of
  a stage that already completed): those are acked and deleted here, so no work is done twice.

  KEYS[1] stream the entries were read from

  ARGV[1] key prefix, e.g. '{daybook}:'
  ARGV[2] consumer group
  ARGV[3] worker id
  ARGV[4] now, epoch ms
  ARGV[5] stage
  ARGV[6] running status of the stage, e.g. 'transcribing'
  ARGV[7] statuses the running status may be entered from, comma separated
  ARGV[8] events channel
  ARGV[9..] entry id, job id, entry id, job id, …

  Returns one item per entry: {entry id, 'started', field, value, …} or {entry id, 'skipped'}.
]]
local prefix, group, worker, now, stage, running = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local allowed = {}
for s in string.gmatch(ARGV[7], '[^,]+') do allowed[s] = true end

local out = {}
for i = 9, #ARGV, 2 do
  local entry, id = ARGV[i], ARGV[i + 1]
  local job = prefix .. 'job:' .. id
  local st = redis.call('HMGET', job, 'status', 'stage', 'created_at', 'queued_ms')
  if not st[1] or st[2] ~= stage or not allowed[st[1]] then
    redis.call('XACK', KEYS[1], group, entry)
    redis.call('XDEL', KEYS[1], entry)
    out[#out + 1] = {entry, 'skipped'}
  else
    redis.call('HSET', job, 'status', running, 'worker', worker, 'stage_started_at', now,
      'updated_at', now, 'progress', '0')
    redis.call('HINCRBY', job, 'attempts', 1)
    redis.call('HINCRBY', job, 'stage_attempts', 1)
    if not st[4] then
      redis.call('HSET', job, 'queued_ms', tonumber(now) - tonumber(st[3]))
    end
    redis.call('PUBLISH', ARGV[8], id)
    local item = {entry, 'started'}
    local h = redis.call('HGETALL', job)
    for j = 1, #h do item[#item + 1] = h[j] end
    out[#out + 1] = item
  end
end
return out
