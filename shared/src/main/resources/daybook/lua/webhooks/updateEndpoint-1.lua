--[[
  Changes fields of a user's webhook endpoint (rotation, enabling, disabling), only when the endpoint exists and
  belongs to that user: another user's endpoint is left alone and answers like a missing one.

  KEYS[1] the endpoint's hash
  ARGV[1] user id
  ARGV[2..] field, value, …

  Returns 1 when changed, 0 when there is no such endpoint of this user.
]]
if redis.call('HGET', KEYS[1], 'user') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
return 1
