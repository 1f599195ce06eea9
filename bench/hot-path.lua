-- wrk script of bench/hot-path and bench/scheduled: POSTs one notification per request, each with
-- its own eventId (<prefix>-<thread>-<n>), scheduled for <sendAt> when given, and counts the
-- answers by status.
--   wrk ... -s bench/hot-path.lua <url> -- <eventId prefix> <userId> [sendAt]
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer dev-secret-key"
wrk.headers["Content-Type"] = "application/json"

local threads = {}

function setup(thread)
   thread:set("id", #threads + 1)
   table.insert(threads, thread)
end

function init(args)
   prefix = args[1] .. "-" .. id .. "-"
   user = args[2]
   schedule = args[3] and string.format(',"sendAt":"%s"', args[3]) or ""
   n = 0
   accepted = 0
   other = {}
end

function request()
   n = n + 1
   return wrk.format(nil, nil, nil, string.format(
      '{"eventId":"%s%d","userId":"%s","channels":["push"],"title":"hot path","body":"bench %d"%s}',
      prefix, n, user, n, schedule))
end

function response(status, headers, body)
   if status == 202 then
      accepted = accepted + 1
   else
      other[status] = (other[status] or 0) + 1
   end
end

function done(summary, latency, requests)
   local total, others, codes = 0, 0, {}
   for _, thread in ipairs(threads) do
      total = total + thread:get("accepted")
      for status, count in pairs(thread:get("other")) do
         codes[status] = (codes[status] or 0) + count
         others = others + count
      end
   end
   local detail = {}
   for status, count in pairs(codes) do
      table.insert(detail, string.format("%d: %d", status, count))
   end
   local e = summary.errors
   io.write(string.format("answers: 202 %d, other %d%s\n", total, others,
      others > 0 and " (" .. table.concat(detail, ", ") .. ")" or ""))
   io.write(string.format("socket errors: connect %d, read %d, write %d, timeout %d\n",
      e.connect, e.read, e.write, e.timeout))
end
