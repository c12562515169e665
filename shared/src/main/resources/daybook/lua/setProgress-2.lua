--[[
  Records a running stage's progress, and optionally the words recognised since the last report, unless the
  job has moved on (cancelled, reclaimed, finished).

  KEYS[1] job event stream
  KEYS[2] job hash

  ARGV[1..4] prelude
  ARGV[5] stage
  ARGV[6] running status of the stage
  ARGV[7] progress in [0, 1]
  ARGV[8] job id
  ARGV[9] newly recognised text, or '' (then a plain progress event)

  Returns N.out_ok when recorded, out_stale when not.
]]
--@include prelude
local st = redis.call('HMGET', KEYS[2], 'status', 'stage', 'user')
if st[1] ~= ARGV[6] or st[2] ~= ARGV[5] then return N.out_stale end
redis.call('HSET', KEYS[2], 'progress', ARGV[7], 'updated_at', now)
if ARGV[9] ~= '' then
  emit(ARGV[8], st[3], N.ev_partial_transcript, ARGV[6], ARGV[5], 'progress', ARGV[7], 'text', ARGV[9])
else
  emit(ARGV[8], st[3], N.ev_progress, ARGV[6], ARGV[5], 'progress', ARGV[7])
end
return N.out_ok
