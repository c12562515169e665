--[[
  Rotates a user's webhook endpoint secret: the current secret becomes the previous one, still signed with until
  the grace ends, and the new one becomes current. A second rotation within the grace drops the oldest secret
  at once (two at most are ever signed with). Only for the endpoint's own user.

  KEYS[1] the endpoint's hash
  ARGV[1] user id
  ARGV[2] new secret
  ARGV[3] end of the previous secret's grace, epoch ms
  ARGV[4] now, epoch ms

  Returns 1 when rotated, 0 when there is no such endpoint of this user.
]]
if redis.call('HGET', KEYS[1], 'user') ~= ARGV[1] then return 0 end
local current = redis.call('HGET', KEYS[1], 'secret')
redis.call('HSET', KEYS[1], 'previous_secret', current, 'previous_until', ARGV[3], 'secret', ARGV[2],
  'rotated_at', ARGV[4])
return 1
