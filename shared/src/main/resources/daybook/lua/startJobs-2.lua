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

  Returns one item per entry: {entry id, 'started', record, changes} or {entry id, 'skipped'}, where record is
  the job hash as read (field, value, …) and changes the fields this script wrote over it (field, value, …):
  the caller applies them in that order. Returned as read rather than rebuilt: turning the record into a Lua
  table and back cost more than all of the script's commands together (~6 µs an entry).
]]
--@include prelude
local worker, stage, running = ARGV[4], ARGV[5], ARGV[6]
local from = {}
for x in string.gmatch(ARGV[7], '[^,]+') do from[x] = true end
local out, skipped = {}, {}
for i = 8, #ARGV, 2 do
  local entry, id = ARGV[i], ARGV[i + 1]
  local job = KEYS[3 + (i - 8) / 2]
  -- One read of the whole record (the worker needs it anyway), one write of every field that changes.
  local h = redis.call('HGETALL', job)
  local status, jobStage, attempts, stageAttempts, queuedMs, createdAt, user
  for j = 1, #h, 2 do
    local field = h[j]
    if field == 'status' then status = h[j + 1]
    elseif field == 'stage' then jobStage = h[j + 1]
    elseif field == 'attempts' then attempts = h[j + 1]
    elseif field == 'stage_attempts' then stageAttempts = h[j + 1]
    elseif field == 'queued_ms' then queuedMs = h[j + 1]
    elseif field == 'created_at' then createdAt = h[j + 1]
    elseif field == 'user' then user = h[j + 1]
    end
  end
  if not status or jobStage ~= stage or not from[status] then
    skipped[#skipped + 1] = entry
    out[#out + 1] = {entry, N.out_skipped}
  else
    local f = {'status', running, 'worker', worker, 'stage_started_at', now, 'updated_at', now, 'progress', '0',
      'attempts', tostring((tonumber(attempts) or 0) + 1),
      'stage_attempts', tostring((tonumber(stageAttempts) or 0) + 1)}
    if not queuedMs then
      f[15] = 'queued_ms'
      f[16] = tostring(tonumber(now) - tonumber(createdAt))
    end
    redis.call('HSET', job, unpack(f))
    emit(id, user, N.ev_stage_started, running, stage)
    out[#out + 1] = {entry, N.out_started, h, f}
  end
end
settle(KEYS[2], skipped)
return out
