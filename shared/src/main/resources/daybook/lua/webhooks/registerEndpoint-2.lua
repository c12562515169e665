--[[
  Registers a webhook endpoint for a user: one endpoint per URL and user, and at most a given number per user.

  KEYS[1] the user's endpoints hash (url -> endpoint id)
  KEYS[2] the new endpoint's hash
  ARGV[1] url
  ARGV[2] endpoint id
  ARGV[3] most endpoints a user may have
  ARGV[4..] endpoint field, value, …

  Returns 1 when registered, 0 when the user has this URL already, -1 when the user has the most endpoints.
]]
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 0 end
if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then return -1 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[2], unpack(ARGV, 4))
return 1
