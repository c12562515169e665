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

-- Acks a stream entry and deletes it: a finished entry has nothing more to say.
local function ackDel(stream, entry)
  redis.call('XACK', stream, N.group, entry)
  redis.call('XDEL', stream, entry)
end

-- True when `s` is one of the comma-separated `csv`.
local function isIn(csv, s)
  for x in string.gmatch(csv, '[^,]+') do if x == s then return true end end
  return false
end
