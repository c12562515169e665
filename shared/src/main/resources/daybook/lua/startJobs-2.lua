--[[
  Marks freshly delivered stream entries as running, or acks the ones that must not run.

  An entry must not run when its job is gone, was cancelled, or has moved past this stage (a redelivery of
  a stage that already completed): those are acked here (and trimmed with the finished ones), so no work
  is done twice.

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
local out, skipped = {}, {}
for i = 8, #ARGV, 2 do
  local entry, id = ARGV[i], ARGV[i + 1]
  local job = KEYS[3 + (i - 8) / 2]
  -- One read of the whole record (the worker needs it anyway), one write of every field that changes.
  local h = redis.call('HGETALL', job)
  local r = {}
  for j = 1, #h, 2 do r[h[j]] = h[j + 1] end
  if not r.status or r.stage ~= stage or not isIn(ARGV[7], r.status) then
    skipped[#skipped + 1] = entry
    out[#out + 1] = {entry, N.out_skipped}
  else
    r.status, r.worker, r.stage_started_at, r.updated_at, r.progress = running, worker, now, now, '0'
    r.attempts = tostring((tonumber(r.attempts) or 0) + 1)
    r.stage_attempts = tostring((tonumber(r.stage_attempts) or 0) + 1)
    local f = {'status', running, 'worker', worker, 'stage_started_at', now, 'updated_at', now, 'progress', '0',
      'attempts', r.attempts, 'stage_attempts', r.stage_attempts}
    if not r.queued_ms then
      r.queued_ms = tostring(tonumber(now) - tonumber(r.created_at))
      f[#f + 1] = 'queued_ms'
      f[#f + 1] = r.queued_ms
    end
    redis.call('HSET', job, unpack(f))
    emit(id, r.user, N.ev_stage_started, running, stage)
    local item = {entry, N.out_started}
    for field, value in pairs(r) do
      item[#item + 1] = field
      item[#item + 1] = value
    end
    out[#out + 1] = item
  end
end
settle(KEYS[2], skipped)
return out
