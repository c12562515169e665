--[[
  Moves retries that are due back onto their stage's stream.

  KEYS[1] retries zset (score = due at, epoch ms)

  ARGV[1] key prefix, e.g. '{daybook}:'
  ARGV[2] now, epoch ms
  ARGV[3] most entries to move in one call
  ARGV[4] events channel

  Returns how many jobs were moved.
]]
local prefix = ARGV[1]
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
local moved = 0
for _, id in ipairs(due) do
  redis.call('ZREM', KEYS[1], id)
  local job = prefix .. 'job:' .. id
  local st = redis.call('HMGET', job, 'status', 'stage', 'priority')
  if st[1] == 'retrying' then
    redis.call('XADD', prefix .. 'stream:' .. st[2] .. ':' .. st[3], '*', 'job', id)
    redis.call('HSET', job, 'status', 'queued', 'updated_at', ARGV[2])
    redis.call('HDEL', job, 'next_attempt_at')
    redis.call('PUBLISH', ARGV[4], id)
    moved = moved + 1
  end
end
return moved
