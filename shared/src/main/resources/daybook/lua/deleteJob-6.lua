--[[
  Erases a job's record, its error history and every index entry that names it. The caller read the job's
  owner to name the user index.

  KEYS[1] job event stream
  KEYS[2] job hash
  KEYS[3] job's error history
  KEYS[4] retries zset
  KEYS[5] dead letters zset
  KEYS[6] the owner's job index

  ARGV[1..3] prelude
  ARGV[4] job id
  ARGV[5] owner the caller read

  Returns N.out_ok when there was a record, out_missing when not, out_stale when its owner is not ARGV[5].
]]
--@include prelude
local id = ARGV[4]
local st = redis.call('HMGET', KEYS[2], 'user', 'stage')
redis.call('ZREM', KEYS[4], id)
redis.call('ZREM', KEYS[5], id)
redis.call('DEL', KEYS[3])
if not st[1] then return N.out_missing end
if st[1] ~= ARGV[5] then return N.out_stale end
redis.call('ZREM', KEYS[6], id)
redis.call('DEL', KEYS[2])
emit(id, st[1], N.ev_deleted, '', st[2])
return N.out_ok
