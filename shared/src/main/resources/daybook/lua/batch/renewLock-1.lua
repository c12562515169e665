--[[
  Extends a batch job's lock, only while the caller still holds it. A runner that lost its lease (it was
  paused longer than the lease, and another replica took the lock) learns it here and must stop.

  KEYS[1] lock key
  ARGV[1] holder token
  ARGV[2] lease, ms

  Returns 1 when renewed, 0 when the lock is held by another or by no one.
]]
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
