--[[
  Records how an attempt ended: delivered (the record is kept a while for the admin view, then expires),
  failed with a retry due later, or buried in the webhook dead letters. Only the attempt that holds the lease
  may settle it: a sender whose lease ran out (and whose delivery another sender took) changes nothing.

  KEYS[1] job event stream (unused)
  KEYS[2] delivery hash
  KEYS[3] due deliveries zset
  KEYS[4] dead deliveries zset (score = died at, epoch ms)
  KEYS[5] delivery's error history (list of JSON entries, the shape of a job's)

  ARGV[1..3] prelude
  ARGV[4] delivery id
  ARGV[5] attempt number the sender held
  ARGV[6] 'delivered', 'retry' or 'bury'
  ARGV[7] retry due at (retry), or seconds to keep a delivered record (delivered)
  ARGV[8] error history entry, JSON ('' when delivered)
  ARGV[9] receiver's status code or error code

  Returns N.out_ok, out_retrying, out_buried, or out_stale when the attempt no longer held the lease.
]]
--@include prelude
local id, mode = ARGV[4], ARGV[6]
if redis.call('HGET', KEYS[2], 'attempts') ~= ARGV[5] or not redis.call('ZSCORE', KEYS[3], id) then
  return N.out_stale
end
redis.call('HSET', KEYS[2], 'last_result', ARGV[9], 'updated_at', now)
if mode == 'delivered' then
  redis.call('ZREM', KEYS[3], id)
  redis.call('HSET', KEYS[2], 'delivered_at', now)
  redis.call('EXPIRE', KEYS[2], ARGV[7])
  redis.call('EXPIRE', KEYS[5], ARGV[7])
  return N.out_ok
end
redis.call('RPUSH', KEYS[5], ARGV[8])
if mode == 'retry' then
  redis.call('ZADD', KEYS[3], ARGV[7], id)
  return N.out_retrying
end
redis.call('ZREM', KEYS[3], id)
redis.call('ZADD', KEYS[4], now, id)
return N.out_buried
