--[[
  Erases a job's record, its error history and every index entry that names it.

  KEYS[1] job hash
  KEYS[2] job's error history
  KEYS[3] retries zset
  KEYS[4] dead letters zset

  ARGV[1] key prefix, e.g. '{daybook}:'
  ARGV[2] job id
  ARGV[3] events channel

  Returns 1 when there was a record, 0 when not.
]]
local user = redis.call('HGET', KEYS[1], 'user')
redis.call('ZREM', KEYS[3], ARGV[2])
redis.call('ZREM', KEYS[4], ARGV[2])
redis.call('DEL', KEYS[2])
if not user then return 0 end
redis.call('ZREM', ARGV[1] .. 'user:' .. user .. ':jobs', ARGV[2])
redis.call('DEL', KEYS[1])
redis.call('PUBLISH', ARGV[3], ARGV[2])
return 1
