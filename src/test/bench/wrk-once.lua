-- For `bin/bench wrk-put-delete`: every wrk thread sends its share of the request targets listed in a file
-- (one presigned path?query a line), each once, with the given method and an optional body of N bytes, then stops
-- and writes "<answered> <non-2xx> <start> <end>" (times from /proc/uptime, 10 ms steps) to <done-prefix><thread>.
-- wrk's own Requests/sec counts until its -d duration is over, so bin/bench takes the rate from those files and
-- stops wrk with SIGINT (it then prints its latency summary) once every thread is done.
--   wrk -t<T> -c<C> -d<limit> -s wrk-once.lua <endpoint> -- <METHOD> <targets-file> <T> <done-prefix> [body-bytes]
-- A connection whose thread has sent all its targets repeats the last one until the thread stops: at most one
-- request per connection, the same key again (a re-PUT, or a DELETE of a deleted key), not counted.

local threads = 0

function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

local function uptime()
  local f = io.open("/proc/uptime")
  local seconds = f:read("*n")
  f:close()
  return seconds
end

function init(args)
  method = args[1]
  local file = args[2]
  local count = tonumber(args[3])
  done_file = args[4] .. id
  local size = tonumber(args[5] or "0")
  if size > 0 then
    body = string.rep("x", size)
  end
  targets = {}
  local line = 0
  for target in io.lines(file) do
    if line % count == id then
      targets[#targets + 1] = target
    end
    line = line + 1
  end
  sent = 0
  answered = 0
  failed = 0
  started = uptime()
end

function request()
  sent = sent + 1
  return wrk.format(method, targets[math.min(sent, #targets)], nil, body)
end

function response(status, headers, body)
  if answered >= #targets then
    return
  end
  answered = answered + 1
  if status < 200 or status > 299 then
    failed = failed + 1
  end
  if answered == #targets then
    local f = io.open(done_file, "w")
    f:write(string.format("%d %d %.2f %.2f\n", answered, failed, started, uptime()))
    f:close()
    wrk.thread:stop()
  end
end
