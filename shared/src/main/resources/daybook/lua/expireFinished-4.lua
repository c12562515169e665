--[[
  Lets a finished job's record leave Redis once PostgreSQL holds it (the recorder calls this after its
  transaction commits): the job hash and its error history expire after the retention, and the job leaves its
  owner's index (listings read PostgreSQL). Only a finished job: one revived or re-run meanwhile is left alone,
  and so is a dead letter, which stays whole until it is retried or purged.

  KEYS[1] job hash
  KEYS[2] job error history
  KEYS[3] the owner's index
  KEYS[4] dead letters zset

  ARGV[1] retention, ms
  ARGV[2] job id

  Returns N.out_ok, out_stale (not finished, or a dead letter) or out_missing (no such job).
]]
--@include names
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return N.out_missing end
if status ~= N.completed and status ~= N.cancelled and status ~= N.failed then return N.out_stale end
if redis.call('ZSCORE', KEYS[4], ARGV[2]) then return N.out_stale end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[2])
return N.out_ok
