--[[
  Releases a batch job's lock if the caller still holds it, so a runner that lost its lease never frees the
  lock of the replica that took it over.

  KEYS[1] lock key
  ARGV[1] holder token

  Returns 1 when released, 0 otherwise.
]]
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
