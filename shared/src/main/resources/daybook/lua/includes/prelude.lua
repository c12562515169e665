-- Shared opening of every queue script.
--   N       the names (consumer group, every status, event type, outcome and error code), written into the
--           script by Java when it is loaded (QueueNames): Lua spells none itself. Compiled in rather than sent
--           with every call, which measured ~10 µs of parsing per call against ~1.5 µs for the table.
--   KEYS[1] the job event stream
--   ARGV[1] now, epoch ms
--   ARGV[2] unused (was the pub/sub wake-up channel: readers now wake on the event stream itself)
--   ARGV[3] most entries the event stream keeps (approximate trim)
--@include names
local now = ARGV[1]

-- Appends one event about job `id` to the event stream, in the same step as the change it records. No time
-- field: the entry id is the time (ms), and readers take it from there. No PUBLISH either: whoever waits for
-- a change (SSE, long polls) reads this stream (one XREAD BLOCK per process), so a wake-up would be paid twice.
local function emit(id, user, type, status, stage, ...)
  redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[3], '*', 'job', id, 'user', user or '', 'type', type,
    'status', status or '', 'stage', stage or '', ...)
end

-- The entry id right after `id` ('ms-seq'): XTRIM MINID keeps the entries at or above the id it is given.
local function after(id)
  local ms, seq = string.match(id, '^(%d+)-(%d+)$')
  return ms .. '-' .. string.format('%.0f', tonumber(seq) + 1)
end

-- Trims a stage stream below its oldest entry still in flight. Every entry below the group's oldest pending
-- entry was delivered and acked (delivery is in order), so it is finished; with nothing pending, everything
-- up to the last delivered entry is. Undelivered and pending entries are never touched, and no tombstone is
-- left, so the group's lag (what KEDA scales on) stays exact. pcall: a stream without the group has nothing
-- to trim, and an error here must not abort a script that has already written.
local function trimFinished(stream)
  local p = redis.pcall('XPENDING', stream, N.group)
  if type(p) ~= 'table' or p.err then return end
  local below = p[2]
  if p[1] == 0 then
    below = nil
    local groups = redis.pcall('XINFO', 'GROUPS', stream)
    if type(groups) ~= 'table' or groups.err then return end
    for _, g in ipairs(groups) do
      local name, last
      for i = 1, #g, 2 do
        if g[i] == 'name' then name = g[i + 1] elseif g[i] == 'last-delivered-id' then last = g[i + 1] end
      end
      if name == N.group and last then below = after(last) end
    end
  end
  if below then
    redis.call('XTRIM', stream, 'MINID', below)
  end
end

-- Acks finished entries of one stream (a list of ids) and trims what is finished. Not XDEL per entry: XDEL
-- walks the entry's listpack node from its start (~6 µs an entry, the dearest command of a job); one XACK and
-- one trim per stream per call cost about that for a whole batch.
local function settle(stream, entries)
  if #entries == 0 then return end
  redis.call('XACK', stream, N.group, unpack(entries))
  trimFinished(stream)
end

-- True when `s` is one of the comma-separated `csv`.
local function isIn(csv, s)
  for x in string.gmatch(csv, '[^,]+') do if x == s then return true end end
  return false
end
