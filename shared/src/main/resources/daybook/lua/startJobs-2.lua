--[[
  Marks freshly delivered stream entries as running, or acks the ones that must not run.

  An entry must not run when its job is gone, was cancelled, or has moved past this stage (a redelivery of
  a stage that already completed): those are acked and deleted here, so no work is done twice.

  KEYS[1] job event stream
  KEYS[2] stream the entries were read from
  KEYS[3..] job hash of each entry, in the order of the entries in ARGV

  ARGV[1..3] prelude
  ARGV[4] worker id
  ARGV[5] stage
  ARGV[6] running status of the stage, e.g. 'transcribing'
  ARGV[7] statuses the running status may be entered from, comma separated
  ARGV[8..] entry id, job id, entry id, job id, …

  Returns one item per entry: {entry id, 'started', field, value, …} or {entry id, 'skipped'}.
]]
--@include prelude
local worker, stage, running = ARGV[4], ARGV[5], ARGV[6]
local out = {}
for i = 8, #ARGV, 2 do
  local entry, id = ARGV[i], ARGV[i + 1]
  local job = KEYS[3 + (i - 8) / 2]
  local st = redis.call('HMGET', job, 'status', 'stage', 'created_at', 'queued_ms', 'user')
  if not st[1] or st[2] ~= stage or not isIn(ARGV[7], st[1]) then
    ackDel(KEYS[2], entry)
    out[#out + 1] = {entry, N.out_skipped}
  else
    redis.call('HSET', job, 'status', running, 'worker', worker, 'stage_started_at', now,
      'updated_at', now, 'progress', '0')
    redis.call('HINCRBY', job, 'attempts', 1)
    redis.call('HINCRBY', job, 'stage_attempts', 1)
    if not st[4] then
      redis.call('HSET', job, 'queued_ms', tonumber(now) - tonumber(st[3]))
    end
    emit(id, st[5], N.ev_stage_started, running, stage)
    local item = {entry, N.out_started}
    local h = redis.call('HGETALL', job)
    for j = 1, #h do item[#item + 1] = h[j] end
    out[#out + 1] = item
  end
end
return out
