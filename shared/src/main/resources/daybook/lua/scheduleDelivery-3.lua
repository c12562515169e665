--[[
  Turns one job event into a webhook delivery: the delivery record is written and made due now, and the event
  is acked in the webhook consumer group, in one step — so an event is either still pending in the group (and
  reclaimed after a crash) or has its delivery, never neither. Idempotent: the delivery id comes from the
  event id, and a delivery that exists already is left as it is.

  KEYS[1] job event stream (read through the webhook consumer group)
  KEYS[2] delivery hash
  KEYS[3] due deliveries zset (score = due at, epoch ms; a leased delivery is due again when its lease ends)

  ARGV[1..3] prelude
  ARGV[4] webhook consumer group
  ARGV[5] event entry id
  ARGV[6..] delivery field, value, …

  Returns N.out_ok when scheduled, out_already_done when the delivery existed.
]]
--@include prelude
redis.call('XACK', KEYS[1], ARGV[4], ARGV[5])
if redis.call('EXISTS', KEYS[2]) == 1 then return N.out_already_done end
redis.call('HSET', KEYS[2], 'attempts', '0', 'created_at', now, unpack(ARGV, 6))
redis.call('ZADD', KEYS[3], now, ARGV[5])
return N.out_ok
