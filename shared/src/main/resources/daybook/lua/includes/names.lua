-- The names (consumer group, every status, event type, outcome and error code), written into the script by
-- Java when it is loaded (QueueNames): Lua spells none itself.
local N = --@names
