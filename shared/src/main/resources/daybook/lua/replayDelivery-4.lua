--[[
  Retries a dead webhook delivery: due now, with a fresh count of attempts; its error history is kept and it
  keeps its webhook-id, so a receiver that got it before can tell.

  KEYS[1] job event stream (unused)
  KEYS[2] delivery hash
  KEYS[3] due deliveries zset
  KEYS[4] dead deliveries zset

  ARGV[1..3] prelude
  ARGV[4] delivery id

  Returns N.out_ok, or out_missing when it is not a dead delivery.
]]
--@include prelude
if redis.call('ZREM', KEYS[4], ARGV[4]) == 0 then return N.out_missing end
if redis.call('EXISTS', KEYS[2]) == 0 then return N.out_missing end
redis.call('HSET', KEYS[2], 'attempts', '0', 'updated_at', now)
redis.call('ZADD', KEYS[3], now, ARGV[4])
return N.out_ok
