--[[
  Heartbeat: keeps this worker's leases on its in-flight entries alive, and reports the ones it must give up.

  The lease is the entry's idle time in the consumer group's pending list; claiming an entry we own resets
  it. An entry no longer pending for us was reclaimed by another worker (our lease had expired): we lost it.
  A job cancelled meanwhile is reported too, so the worker stops it.

  KEYS[1] stream

  ARGV[1] key prefix, e.g. '{daybook}:'
  ARGV[2] consumer group
  ARGV[3] consumer (this worker)
  ARGV[4..] entry id, job id, …

  Returns {entry id, 'lost' | 'cancelled'} for each entry to give up; nothing for healthy leases.
]]
local prefix, group, consumer = ARGV[1], ARGV[2], ARGV[3]
local out = {}
for i = 4, #ARGV, 2 do
  local entry, id = ARGV[i], ARGV[i + 1]
  local mine = redis.call('XPENDING', KEYS[1], group, entry, entry, 1, consumer)
  if #mine == 0 then
    out[#out + 1] = {entry, 'lost'}
  else
    redis.call('XCLAIM', KEYS[1], group, consumer, 0, entry, 'JUSTID')
    local status = redis.call('HGET', prefix .. 'job:' .. id, 'status')
    if not status or status == 'cancelled' then
      out[#out + 1] = {entry, 'cancelled'}
    end
  end
end
return out
