-- Script for wrk, driven by bench/Bench.java. Arguments: "bearer TOKEN" (one API token for every request),
-- "sessions ID,ID,…" (browser sessions, taken in turn), or "none". At the end it prints one line:
-- RESULT requests seconds p50_ms p95_ms p99_ms status_errors socket_errors
local bearer, sessions, n

function init(args)
	n = 0
	if args[1] == "bearer" then
		bearer = "Bearer " .. args[2]
	elseif args[1] == "sessions" then
		sessions = {}
		for id in string.gmatch(args[2], "[^,]+") do
			table.insert(sessions, id)
		end
	end
end

function request()
	n = n + 1
	if bearer then
		return wrk.format("GET", nil, { ["Authorization"] = bearer })
	elseif sessions then
		return wrk.format("GET", nil, { ["Cookie"] = "RAPPORT_SESSION=" .. sessions[(n % #sessions) + 1] })
	end
	return wrk.format("GET")
end

function done(summary, latency, requests)
	local e = summary.errors
	io.write(string.format("RESULT %d %.3f %.3f %.3f %.3f %d %d\n", summary.requests, summary.duration / 1e6,
		latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, e.status,
		e.connect + e.read + e.write + e.timeout))
end
