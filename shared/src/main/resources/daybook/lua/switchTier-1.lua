--[[
  Points a job's artifact at the tier it was just copied to, but only if the record still points at the
  tier it was copied from (compare-and-set): a job deleted, re-run or moved by someone else meanwhile is
  left alone, and the mover then knows its copy is not wanted.

  KEYS[1] job hash

  ARGV[1] key field, e.g. audio_key
  ARGV[2] the artifact's key the mover copied (the record must still name it)
  ARGV[3] tier field, e.g. audio_tier
  ARGV[4] source tier (an absent tier field counts as ARGV[7])
  ARGV[5] destination tier
  ARGV[6] location field, e.g. audio_location
  ARGV[7] the tier an absent tier field means
  ARGV[8] the destination location (gs://… or file:…)

  Returns N.out_switched, out_already_done (it points at the destination already: an earlier run switched it
  before it crashed), out_stale (it points elsewhere, or at another key) or out_missing (no such job).
]]
--@include names
if redis.call('EXISTS', KEYS[1]) == 0 then return N.out_missing end
local f = redis.call('HMGET', KEYS[1], ARGV[1], ARGV[3])
if f[1] ~= ARGV[2] then return N.out_stale end
local tier = f[2]
if not tier or tier == '' then tier = ARGV[7] end
if tier == ARGV[5] then return N.out_already_done end
if tier ~= ARGV[4] then return N.out_stale end
redis.call('HSET', KEYS[1], ARGV[3], ARGV[5], ARGV[6], ARGV[8])
return N.out_switched
