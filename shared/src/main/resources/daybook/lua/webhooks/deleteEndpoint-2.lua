--[[
  Deletes a user's webhook endpoint and its URL entry, only when the endpoint belongs to that user.

  KEYS[1] the user's endpoints hash (url -> endpoint id)
  KEYS[2] the endpoint's hash
  ARGV[1] user id

  Returns 1 when deleted, 0 when there is no such endpoint of this user.
]]
if redis.call('HGET', KEYS[2], 'user') ~= ARGV[1] then return 0 end
redis.call('HDEL', KEYS[1], redis.call('HGET', KEYS[2], 'url'))
redis.call('DEL', KEYS[2])
return 1
