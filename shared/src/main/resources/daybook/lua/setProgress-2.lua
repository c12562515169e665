--[[
  Records a running stage's progress, and optionally the words recognised since the last report, unless the
  job has moved on (cancelled, reclaimed, finished).

  KEYS[1] job event stream
  KEYS[2] job hash

  ARGV[1..3] prelude
  ARGV[4] stage
  ARGV[5] running status of the stage
  ARGV[6] progress in [0, 1]
  ARGV[7] job id
  ARGV[8] newly recognised text, or '' (then a plain progress event)

  Returns N.out_ok when recorded, out_stale when not.
]]
--@include prelude
local st = redis.call('HMGET', KEYS[2], 'status', 'stage', 'user')
if st[1] ~= ARGV[5] or st[2] ~= ARGV[4] then return N.out_stale end
redis.call('HSET', KEYS[2], 'progress', ARGV[6], 'updated_at', now)
if ARGV[8] ~= '' then
  emit(ARGV[7], st[3], N.ev_partial_transcript, ARGV[5], ARGV[4], 'progress', ARGV[6], 'text', ARGV[8])
else
  emit(ARGV[7], st[3], N.ev_progress, ARGV[5], ARGV[4], 'progress', ARGV[6])
end
return N.out_ok
