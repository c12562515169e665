-- acquirePermit-1.lua: takes one of a provider's concurrency permits, shared by all workers.
-- KEYS[1] sorted set of permits in flight (member = permit id, score = lease expiry, epoch ms)
-- ARGV[1] now (epoch ms)   ARGV[2] lease (ms)   ARGV[3] limit   ARGV[4] permit id
-- Returns 1 when the permit was taken, 0 when the provider is at its limit.
-- Expired leases (a worker that died holding one) are dropped first, so permits never leak for good.
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
  return 0
end
redis.call('ZADD', KEYS[1], tonumber(ARGV[1]) + tonumber(ARGV[2]), ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
