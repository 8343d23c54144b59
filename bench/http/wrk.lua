-- wrk script for bench/http/run.sh.
--  * Sends "Authorization: Bearer $SAWT_TOKEN" when the variable is set (the same header goes to both
--    peers so the requests are byte-for-byte comparable; nginx ignores it).
--  * At the end prints one JSON line, prefixed "WRK_JSON ", with the throughput and latency
--    percentiles (milliseconds) so run.sh never has to parse wrk's human-readable report.

local token = os.getenv("SAWT_TOKEN")
if token ~= nil and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

local function ms(us)
  return string.format("%.3f", us / 1000.0)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1000000.0
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_s":%.3f,"rps":%.1f,"bytes":%d,' ..
    '"p50_ms":%s,"p90_ms":%s,"p99_ms":%s,"max_ms":%s,"mean_ms":%s,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}}\n',
    summary.requests, seconds, summary.requests / seconds, summary.bytes,
    ms(latency:percentile(50)), ms(latency:percentile(90)), ms(latency:percentile(99)),
    ms(latency.max), ms(latency.mean),
    e.connect, e.read, e.write, e.status, e.timeout))
end
