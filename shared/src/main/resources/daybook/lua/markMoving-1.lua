--[[
  Notes in a job record that a move of one artifact has begun, unless the job is gone (a plain HSET would
  bring a deleted job back as a one-field ghost).

  KEYS[1] job hash

  ARGV[1] moving field, e.g. audio_moving
  ARGV[2] destination tier

  Returns 1 when marked, 0 when there is no such job.
]]
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
