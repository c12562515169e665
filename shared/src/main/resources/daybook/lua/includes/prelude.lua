-- Shared opening of every queue script.
--   KEYS[1] the job event stream
--   ARGV[1] names: 'name=value,…' for the consumer group, every status and every event type (from Java:
--           QueueNames), read as N.group, N.queued, N.ev_completed, …
--   ARGV[2] now, epoch ms
--   ARGV[3] wake-up channel (pub/sub: only a hint that something changed; the event stream is the record)
--   ARGV[4] most entries the event stream keeps (approximate trim)
local N = {}
for k, v in string.gmatch(ARGV[1], '([^=,]+)=([^,]*)') do N[k] = v end
local now = ARGV[2]

-- Appends one event about job `id` to the event stream, in the same step as the change it records.
local function emit(id, user, type, status, stage, ...)
  redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[4], '*', 'job', id, 'user', user or '', 'type', type,
    'status', status or '', 'stage', stage or '', 'at', now, ...)
  redis.call('PUBLISH', ARGV[3], id)
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
