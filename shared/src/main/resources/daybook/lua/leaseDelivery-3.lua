--[[
  Takes a due delivery for one attempt: its due time moves to the end of the lease, so a sender that dies
  mid-send (kill -9) simply lets it fall due again, and the next sender repeats it with the same webhook-id.

  KEYS[1] job event stream (unused)
  KEYS[2] delivery hash
  KEYS[3] due deliveries zset

  ARGV[1..3] prelude
  ARGV[4] delivery id (the event id)
  ARGV[5] lease end, epoch ms

  Returns {field, value, …} of the delivery with its new attempt number, or {} when it is not due (taken by
  another sender, settled, or gone).
]]
--@include prelude
local due = redis.call('ZSCORE', KEYS[3], ARGV[4])
if not due or tonumber(due) > tonumber(now) then return {} end
if redis.call('EXISTS', KEYS[2]) == 0 then
  redis.call('ZREM', KEYS[3], ARGV[4])
  return {}
end
redis.call('ZADD', KEYS[3], ARGV[5], ARGV[4])
redis.call('HINCRBY', KEYS[2], 'attempts', 1)
redis.call('HSET', KEYS[2], 'leased_at', now)
return redis.call('HGETALL', KEYS[2])
