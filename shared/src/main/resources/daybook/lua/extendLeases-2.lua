--[[
  Heartbeat: keeps this worker's leases on its in-flight entries alive, and reports the ones it must give up.

  The lease is the entry's idle time in the consumer group's pending list; claiming an entry we own resets
  it. An entry no longer pending for us was reclaimed by another worker (our lease had expired): we lost it.
  A job cancelled meanwhile is reported too, so the worker stops it. Changes no job: records no event.

  KEYS[1] job event stream (unused: every queue script declares it)
  KEYS[2] stream
  KEYS[3..] job hash of each entry, in the order of the entries in ARGV

  ARGV[1..3] prelude
  ARGV[4] consumer (this worker)
  ARGV[5..] entry id, job id, …

  Returns {entry id, N.out_lost | N.out_cancelled} for each entry to give up; nothing for healthy leases.
]]
--@include prelude
local consumer = ARGV[4]
local out = {}
for i = 5, #ARGV, 2 do
  local entry = ARGV[i]
  local mine = redis.call('XPENDING', KEYS[2], N.group, entry, entry, 1, consumer)
  if #mine == 0 then
    out[#out + 1] = {entry, N.out_lost}
  else
    redis.call('XCLAIM', KEYS[2], N.group, consumer, 0, entry, 'JUSTID')
    local status = redis.call('HGET', KEYS[3 + (i - 5) / 2], 'status')
    if not status or status == N.cancelled then
      out[#out + 1] = {entry, N.out_cancelled}
    end
  end
end
return out
